//! A member's disclosure (開示) as CSV, and what the CSV and the PDF
//! (`pdf::disclosure`) both say: the title, the member's details as label and value, a
//! booking's state in words.

use super::{CsvEncoding, PrintError, table_csv};
use crate::domain::booking::BookingState;
use crate::store::{DisclosedBooking, DisclosedMail, MemberDisclosure};

pub(crate) const DISCLOSURE_TITLE: &str = "保有個人情報の開示";

/// `会員番号 1001 山田 花子 様`: whom the disclosure is about.
pub(crate) fn member_subject(d: &MemberDisclosure) -> String {
    format!("会員番号 {} {} 様", d.member.number, d.member.name)
}

/// `2026-11-25T10:30:12` as `2026-11-25 10:30`.
pub(crate) fn stamp(at: &str) -> String {
    at.get(..16).unwrap_or(at).replace('T', " ")
}

/// `2026-11-25T10:30:12` as (`2026-11-25`, `10:30`), for the CSV's date and time columns.
fn date_and_time(at: &str) -> (String, String) {
    let at = stamp(at);
    at.split_once(' ').map(|(d, t)| (d.to_owned(), t.to_owned())).unwrap_or((at.clone(), String::new()))
}

/// The member's details as (label, value), in the member form's order.
pub(crate) fn detail_rows(d: &MemberDisclosure) -> Vec<(&'static str, String)> {
    let m = &d.member;
    let phones: Vec<String> = m.phones.iter().map(|p| p.display()).collect();
    vec![
        ("会員番号", m.number.clone()),
        ("氏名", m.name.clone()),
        ("ふりがな", m.kana.clone()),
        ("電話番号", phones.join("、")),
        ("メールアドレス", m.email.clone().unwrap_or_default()),
        ("連絡方法", m.preferred_contact.label().to_owned()),
        (
            "個人情報の取扱いへの同意",
            m.consent_on.map(|d| format!("{} に同意", d.format("%Y-%m-%d"))).unwrap_or_else(|| "記録なし".to_owned()),
        ),
        ("備考", m.notes.clone()),
        ("登録", stamp(&d.registered_at)),
        ("最後の変更", stamp(&d.updated_at)),
    ]
}

/// A request mail in one line: who sent it, its subject, what was read, whether the mail
/// itself is still kept.
pub(crate) fn mail_summary(m: &DisclosedMail) -> String {
    let kept = if m.mail_kept { "メール本文を保管中" } else { "メール本文は削除済み" };
    let read = if m.proposal.is_empty() { "—" } else { &m.proposal };
    format!("差出人: {} / 件名: {} / 読み取り: {read} / {kept}", m.sender, m.subject)
}

/// 確定, キャンセル待ち（2番目）, キャンセル（山田）…
pub(crate) fn booking_state(b: &DisclosedBooking) -> String {
    match (b.state, b.waitlist_position, &b.cancelled_by) {
        (BookingState::Waitlisted, Some(position), _) => format!("{}（{position}番目）", b.state.label()),
        (BookingState::Cancelled, _, Some(by)) => format!("{}（{by}）", b.state.label()),
        (state, _, _) => state.label().to_owned(),
    }
}

/// Everything in one table for Excel: 区分, 日付, 時間, 項目, 状態, 内容 (UTF-8 with a BOM).
pub fn disclosure_csv(d: &MemberDisclosure) -> Result<Vec<u8>, PrintError> {
    let header: Vec<String> = ["区分", "日付", "時間", "項目", "状態", "内容"].map(str::to_owned).to_vec();
    let row = |cells: [String; 6]| cells.to_vec();
    let mut rows = Vec::new();
    for (label, value) in detail_rows(d) {
        rows.push(row(["会員情報".into(), String::new(), String::new(), label.into(), String::new(), value]));
    }
    for b in &d.bookings {
        let mut notes = Vec::new();
        if !b.theme.is_empty() {
            notes.push(format!("テーマ: {}", b.theme));
        }
        if !b.notes.is_empty() {
            notes.push(format!("備考: {}", b.notes));
        }
        if let Some(reason) = &b.cancel_reason {
            notes.push(format!("キャンセルの理由: {reason}"));
        }
        if let Some(email) = &b.email {
            notes.push(format!("連絡先メール: {email}"));
        }
        notes.push(format!("受付: {} {}", b.channel.label(), stamp(&b.created_at)));
        rows.push(row([
            "予約".into(),
            b.date.format("%Y-%m-%d").to_string(),
            b.hours.to_string(),
            b.service_name.clone(),
            booking_state(b),
            notes.join(" / "),
        ]));
    }
    for c in &d.consultations {
        rows.push(row([
            "ドクターメール".into(),
            c.requested_on.clone(),
            c.agreed_at.as_deref().map(stamp).unwrap_or_default(),
            "個別相談（ドクターメール）".into(),
            c.state.clone(),
            c.notes.clone(),
        ]));
    }
    for m in &d.messages {
        let to = m.recipient.clone().unwrap_or_else(|| "メールなし（電話で連絡）".to_owned());
        let sent = m.sent_at.as_deref().map(stamp).unwrap_or_default();
        rows.push(row([
            "メール".into(),
            m.session_date.format("%Y-%m-%d").to_string(),
            sent,
            m.kind.label().into(),
            m.state.label().into(),
            format!("宛先: {to} / 件名: {}", m.subject),
        ]));
    }
    for m in &d.mails {
        let (date, time) = date_and_time(&m.sent_at);
        rows.push(row(["受け取ったメール".into(), date, time, m.kind.clone(), m.state.clone(), mail_summary(m)]));
    }
    for e in &d.history {
        let (date, time) = date_and_time(&e.at);
        rows.push(row([
            "記録".into(),
            date,
            time,
            e.about.clone(),
            String::new(),
            format!("{}（{}）", e.action, e.actor),
        ]));
    }
    for r in &d.requests {
        rows.push(row([
            "請求".into(),
            r.received_on.format("%Y-%m-%d").to_string(),
            String::new(),
            r.kind.label().into(),
            format!("対応 {} {}", stamp(&r.handled_at), r.handled_by),
            format!("請求した人: {} / 本人確認: {}", r.requested_by, r.identity_check),
        ]));
    }
    table_csv(&header, &rows, CsvEncoding::Utf8Bom)
}

/// The file name offered: `開示_1001_2026-11-25.pdf`.
pub fn disclosure_file_name(d: &MemberDisclosure, today: chrono::NaiveDate, extension: &str) -> String {
    format!("開示_{}_{}.{extension}", d.member.number, today.format("%Y-%m-%d"))
}
