//! `madoguchi intake`: requests that came by email — import saved mails, list them, show
//! one with its mail, accept it (booked under the desk's rules, the reply threaded to the
//! sender) or set it aside with a reason.

use std::fmt::Write as _;
use std::path::Path;

use crate::cli::args::IntakeCommand;
use crate::cli::{mail, tsv_line};
use crate::domain::booking::Refusal;
use crate::domain::intake::IntakeState;
use crate::mail::incoming::{self, MAX_MAIL_BYTES};
use crate::store::{IntakeRequest, Store, StoreError, WhenFull};

pub fn run(action: &IntakeCommand, store: &mut Store) -> anyhow::Result<String> {
    // The mail of requests handled long enough ago goes first, whatever is asked.
    store.remove_handled_intake_mail()?;
    match action {
        IntakeCommand::Fetch => fetch(store),
        IntakeCommand::Import { files } => import(store, files),
        IntakeCommand::List { pending } => list(store, *pending),
        IntakeCommand::Show { id } => show(store, *id),
        IntakeCommand::Accept { id, checked, waitlist } => accept(store, *id, *checked, *waitlist),
        IntakeCommand::Reply { id, send, body_file, subject } => {
            reply(store, *id, *send, body_file.as_deref(), subject.as_deref())
        }
        IntakeCommand::Dismiss { id, reason } => {
            let request = store.dismiss_intake(*id, reason)?;
            Ok(format!("{}\t{}\n", request.id, request.state.label()))
        }
    }
}

/// `intake fetch`: the new mails of the mailbox set with imap.*, read once each.
fn fetch(store: &mut Store) -> anyhow::Result<String> {
    let summary = crate::mail::imap::fetch_configured(store)?;
    let mut out = format!("{} 通を読み、新しい依頼 {} 件\n", summary.read, summary.new_requests);
    if summary.renumbered {
        out.push_str(
            "受信フォルダの番号が振り直されていたため、最初から読み直しました（同じメールは二重に取り込みません）\n",
        );
    }
    if !summary.unreadable.is_empty() {
        let uids: Vec<String> = summary.unreadable.iter().map(ToString::to_string).collect();
        out.push_str(&format!("メールとして読めなかったもの（UID）: {}\n", uids.join("、")));
    }
    Ok(out)
}

/// Reads each file; prints one line per new request. A file that cannot be read is named
/// with the reason, the others are still imported, and the command then fails.
fn import(store: &mut Store, files: &[std::path::PathBuf]) -> anyhow::Result<String> {
    let mut out = String::new();
    let mut problems = Vec::new();
    for file in files {
        match import_one(store, file) {
            Ok(Some(request)) => out.push_str(&line(&request)),
            Ok(None) => eprintln!("{}: 取り込み済みのメールです（同じ Message-ID）", file.display()),
            Err(reason) => problems.push(format!("{}: {reason}", file.display())),
        }
    }
    if !problems.is_empty() {
        print!("{out}");
        anyhow::bail!("取り込めなかったファイルがあります:\n{}", problems.join("\n"));
    }
    Ok(out)
}

fn import_one(store: &mut Store, file: &Path) -> anyhow::Result<Option<IntakeRequest>> {
    let size =
        std::fs::metadata(file).map_err(|e| anyhow::anyhow!("読めません（{}）", crate::store::io_reason(&e)))?.len();
    if size > MAX_MAIL_BYTES as u64 {
        anyhow::bail!("メールが大きすぎます（{size} バイト）");
    }
    let raw = std::fs::read(file).map_err(|e| anyhow::anyhow!("読めません（{}）", crate::store::io_reason(&e)))?;
    let mail = incoming::decode(&raw, chrono::Local::now().naive_local())?;
    Ok(store.import_intake(&raw, &mail)?)
}

/// id, kind, state, sender, member number, date, start or join, end or leave, 要確認.
fn line(request: &IntakeRequest) -> String {
    let reading = &request.reading;
    let date = reading.date.map(|d| d.to_string()).unwrap_or_default();
    let (start, end) = reading.hours.map(|h| (h.start.to_string(), h.end.to_string())).unwrap_or_default();
    let check = if request.needs_check() && request.state == IntakeState::Pending { "要確認" } else { "" };
    tsv_line(&[
        &request.id,
        &reading.kind.label(),
        &request.state.label(),
        &request.sender,
        &reading.member_number.as_deref().unwrap_or(""),
        &date,
        &start,
        &end,
        &check,
    ])
}

fn list(store: &Store, pending: bool) -> anyhow::Result<String> {
    let state = pending.then_some(IntakeState::Pending);
    Ok(store.intake_requests(state)?.iter().map(line).collect())
}

fn show(store: &Store, id: i64) -> anyhow::Result<String> {
    let request = store.intake_request(id)?;
    let reading = &request.reading;
    let mut out = String::new();
    let _ = writeln!(out, "依頼 {}（{}・{}）", request.id, reading.kind.label(), request.state.label());
    let _ = writeln!(out, "差出人: {} <{}>", request.sender_name, request.sender);
    let _ = writeln!(out, "送信日時: {}", request.sent_at.format("%Y-%m-%d %H:%M"));
    let _ = writeln!(out, "件名: {}", request.subject);
    let _ = writeln!(out, "読み取り: {}", reading.proposal());
    if let Some(address) = &reading.address {
        let _ = writeln!(out, "連絡先アドレス: {address}");
    }
    if !reading.theme.is_empty() {
        let _ = writeln!(out, "話したいテーマ: {}", reading.theme);
    }
    for reason in request.reasons() {
        let _ = writeln!(out, "要確認: {reason}");
    }
    if let Some(reason) = &request.dismiss_reason {
        let _ = writeln!(out, "見送りの理由: {reason}");
    }
    if let Some(id) = request.booking_id {
        let _ = writeln!(out, "予約: {id}");
    }
    if let Some(id) = request.email_consultation_id {
        let _ = writeln!(out, "メール相談: {id}");
    }
    match &request.body {
        Some(body) => {
            let _ = writeln!(out, "---\n{}", body.trim_end());
        }
        None => out.push_str("---\n（メール本文は保存期間を過ぎたため削除されています）\n"),
    }
    Ok(out)
}

/// `intake reply`: the draft offering what is free; with `--send`, it (or the text in
/// `--body-file`) goes to the sender, threaded under their mail.
fn reply(
    store: &mut Store,
    id: i64,
    send: bool,
    body_file: Option<&Path>,
    subject: Option<&str>,
) -> anyhow::Result<String> {
    let draft = store.intake_reply_draft(id)?;
    if !send {
        return Ok(format!("宛先: {}\n件名: {}\n---\n{}", draft.recipient, draft.subject, draft.body));
    }
    let body = match body_file {
        Some(file) => std::fs::read_to_string(file)
            .map_err(|e| anyhow::anyhow!("{}: 読めません（{}）", file.display(), crate::store::io_reason(&e)))?,
        None => draft.body,
    };
    let request = store.answer_intake(id, subject.unwrap_or(&draft.subject), &body)?;
    mail::write_files_now(store);
    Ok(format!("{}\t{}\t{}\n", request.id, request.state.label(), draft.recipient))
}

fn accept(store: &mut Store, id: i64, checked: bool, waitlist: bool) -> anyhow::Result<String> {
    let when_full = if waitlist { WhenFull::Waitlist } else { WhenFull::Refuse };
    match store.accept_intake(id, when_full, checked) {
        Ok(request) => {
            mail::write_files_now(store);
            match (request.booking_id, request.email_consultation_id) {
                (Some(booking), _) => Ok(format!("予約 {booking}\n")),
                (None, Some(consultation)) => Ok(format!("メール相談 {consultation}（調整中）\n")),
                (None, None) => Ok(format!("{}\n", request.id)),
            }
        }
        Err(StoreError::Invalid(reason)) if reason.starts_with("確認が必要です") => {
            Err(anyhow::anyhow!("{reason}\n確かめたうえで受け付けるときは --checked を付けてください"))
        }
        Err(StoreError::Refused(refusal @ (Refusal::SlotTaken { .. } | Refusal::Full { .. }))) => {
            let mut message = refusal.to_string();
            let request = store.intake_request(id)?;
            if let (Some(date), Some(hours)) = (request.reading.date, request.reading.hours) {
                let minutes = hours.minutes();
                let free = store
                    .intake_free_starts(&request, date, minutes)
                    .unwrap_or_default()
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>();
                if !free.is_empty() {
                    let _ = write!(message, "\n空いている開始時刻: {}", free.join("、"));
                }
            }
            message.push_str("\n--waitlist を付けるとキャンセル待ちに登録できます");
            Err(anyhow::anyhow!(message))
        }
        Err(other) => Err(other.into()),
    }
}
