//! A member's disclosure (開示) as an A4 PDF to hand over: their details, every booking
//! with its state and reasons, the doctor's email consultations, the messages sent to
//! them, the audit log's entries about them and their requests. Laid out with the day
//! list's tables, header and footer.

use chrono::NaiveDateTime;

use super::render::{PageHeader, render};
use super::text::Fonts;
use super::{Align, BODY_SIZE, Cell, Composer, MUTED, column, fill_last};
use crate::print::PrintError;
use crate::print::disclosure::{DISCLOSURE_TITLE, booking_state, detail_rows, mail_summary, member_subject, stamp};
use crate::store::MemberDisclosure;

/// The PDF of everything held about one member.
pub fn disclosure_pdf(disclosure: &MemberDisclosure, printed_at: NaiveDateTime) -> Result<Vec<u8>, PrintError> {
    let fonts = Fonts::new()?;
    let mut composer = Composer::new(&fonts);
    compose(&mut composer, disclosure, printed_at);
    let pages = composer.finish();
    let header = PageHeader {
        title: DISCLOSURE_TITLE,
        subject: member_subject(disclosure),
        organisation: disclosure.organisation.clone(),
    };
    render(&fonts, &header, printed_at, &pages)
}

fn text(value: impl Into<String>) -> Cell {
    Cell::Text(value.into())
}

fn compose(composer: &mut Composer<'_>, d: &MemberDisclosure, printed_at: NaiveDateTime) {
    composer.paragraph(
        &format!(
            "{}が {} 現在に保有している、この会員の方の個人情報のすべてです。",
            d.organisation,
            crate::domain::time::full_date(printed_at.date())
        ),
        BODY_SIZE,
        MUTED,
    );
    composer.y += 6.0;

    let columns = fill_last(vec![column("項目", 110.0, Align::Left), column("内容", 0.0, Align::Left)]);
    let rows = detail_rows(d).into_iter().map(|(label, value)| vec![text(label), text(value)]).collect();
    composer.table("会員情報", "", &columns, rows, "");

    let columns = fill_last(vec![
        column("日付", 62.0, Align::Left),
        column("時間", 62.0, Align::Left),
        column("サービス", 92.0, Align::Left),
        column("状態", 72.0, Align::Left),
        column("受付", 30.0, Align::Center),
        column("テーマ・備考・理由", 0.0, Align::Left),
    ]);
    let rows = d
        .bookings
        .iter()
        .map(|b| {
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
            notes.push(format!("受付 {}", stamp(&b.created_at)));
            vec![
                text(b.date.format("%Y-%m-%d").to_string()),
                text(b.hours.to_string()),
                text(b.service_name.clone()),
                text(booking_state(b)),
                text(b.channel.label()),
                text(notes.join("\n")),
            ]
        })
        .collect();
    composer.table("予約", &format!("{} 件", d.bookings.len()), &columns, rows, "予約はありません。");

    if !d.consultations.is_empty() {
        let columns = fill_last(vec![
            column("依頼日", 80.0, Align::Left),
            column("日時", 100.0, Align::Left),
            column("状態", 60.0, Align::Left),
            column("備考", 0.0, Align::Left),
        ]);
        let rows = d
            .consultations
            .iter()
            .map(|c| {
                vec![
                    text(c.requested_on.clone()),
                    text(c.agreed_at.as_deref().map(stamp).unwrap_or_default()),
                    text(c.state.clone()),
                    text(c.notes.clone()),
                ]
            })
            .collect();
        composer.table("ドクターメール", "", &columns, rows, "");
    }

    if !d.mails.is_empty() {
        let columns = fill_last(vec![
            column("受信", 84.0, Align::Left),
            column("種類", 70.0, Align::Left),
            column("対応", 60.0, Align::Left),
            column("差出人・件名・読み取り", 0.0, Align::Left),
        ]);
        let rows = d
            .mails
            .iter()
            .map(|m| vec![text(stamp(&m.sent_at)), text(m.kind.clone()), text(m.state.clone()), text(mail_summary(m))])
            .collect();
        composer.table("受け取った予約依頼のメール", &format!("{} 件", d.mails.len()), &columns, rows, "");
    }

    let columns = fill_last(vec![
        column("作成", 84.0, Align::Left),
        column("種類", 80.0, Align::Left),
        column("宛先", 130.0, Align::Left),
        column("件名", 0.0, Align::Left),
    ]);
    let rows = d
        .messages
        .iter()
        .map(|m| {
            let to = m.recipient.clone().unwrap_or_else(|| "（メールなし・電話で連絡）".to_owned());
            let state = match &m.sent_at {
                Some(at) => format!("{} {}", m.state.label(), stamp(at)),
                None => m.state.label().to_owned(),
            };
            vec![
                text(stamp(&m.created_at)),
                text(m.kind.label()),
                text(format!("{to}\n{state}")),
                text(m.subject.clone()),
            ]
        })
        .collect();
    composer.table("送ったメール", &format!("{} 件", d.messages.len()), &columns, rows, "メールはありません。");

    let columns = fill_last(vec![
        column("日時", 90.0, Align::Left),
        column("担当", 80.0, Align::Left),
        column("対象", 70.0, Align::Left),
        column("内容", 0.0, Align::Left),
    ]);
    let rows = d
        .history
        .iter()
        .map(|e| vec![text(stamp(&e.at)), text(e.actor.clone()), text(e.about.clone()), text(e.action.clone())])
        .collect();
    composer.table("記録（操作の履歴）", "", &columns, rows, "記録はありません。");

    let columns = fill_last(vec![
        column("受付日", 62.0, Align::Left),
        column("請求", 36.0, Align::Center),
        column("請求した人", 90.0, Align::Left),
        column("本人確認", 120.0, Align::Left),
        column("対応", 0.0, Align::Left),
    ]);
    let rows = d
        .requests
        .iter()
        .map(|r| {
            vec![
                text(r.received_on.format("%Y-%m-%d").to_string()),
                text(r.kind.label()),
                text(r.requested_by.clone()),
                text(r.identity_check.clone()),
                text(format!("{} {}", stamp(&r.handled_at), r.handled_by)),
            ]
        })
        .collect();
    composer.table("個人情報についての請求", "", &columns, rows, "請求の記録はありません。");
}
