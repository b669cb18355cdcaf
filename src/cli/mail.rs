//! The mail subcommands: settings, the day's meeting access, templates, the outbox, and
//! `send-due` for a scheduled task.

use std::fmt::Write as _;
use std::io::Read as _;

use chrono::{NaiveDate, NaiveDateTime};

use crate::cli::args::{AccessCommand, ConfigCommand, TemplateCommand};
use crate::cli::services;
use crate::domain::time::month_day_weekday;
use crate::mail::settings::{self, KEYS, MailSettings};
use crate::mail::templates::Template;
use crate::mail::{MessageKind, secret, send};
use crate::store::{Store, TemplateSaved};

pub fn config(action: &ConfigCommand, store: &mut Store) -> anyhow::Result<String> {
    let current = MailSettings::load(store)?;
    match action {
        ConfigCommand::Get { key } => Ok(format!("{}\n", current.value_of(key)?)),
        ConfigCommand::List => {
            let mut out = String::new();
            for key in KEYS {
                let _ = writeln!(out, "{key}\t{}", current.value_of(key)?);
            }
            Ok(out)
        }
        ConfigCommand::Set { key, value } => {
            let value = settings::check_value(key, value, &current)?;
            store.set_setting(key, &value)?;
            let after = MailSettings::load(store)?;
            let mut shown = after.value_of(key)?;
            let mut out = String::new();
            // The mailbox is read once both its server and user are set; until then the
            // settings hold no mailbox, so say what was stored and what is still missing.
            if key.starts_with("imap.") && after.imap.is_none() {
                if !value.is_empty() {
                    shown = value.clone();
                }
                out.push_str("（受信は imap.host と imap.user の両方を設定すると使えます）\n");
            }
            let line = if value.is_empty() {
                format!("{key} を既定（「{shown}」）に戻しました\n")
            } else {
                format!("{key} を「{shown}」にしました\n")
            };
            Ok(line + &out)
        }
        ConfigCommand::SetPassword => {
            let (Some(host), Some(user)) = (&current.host, &current.user) else {
                anyhow::bail!("先に smtp.host と smtp.user を設定してください");
            };
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password).map_err(|e| anyhow::anyhow!("標準入力を読めません: {e}"))?;
            let password = password.trim_end_matches(['\r', '\n']);
            secret::set_smtp_password(host, user, password)?;
            Ok(format!("{user}@{host} のパスワードを保存しました\n"))
        }
        ConfigCommand::SetImapPassword => {
            let Some(imap) = &current.imap else {
                anyhow::bail!("先に imap.host と imap.user を設定してください");
            };
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password).map_err(|e| anyhow::anyhow!("標準入力を読めません: {e}"))?;
            let password = password.trim_end_matches(['\r', '\n']);
            secret::set_imap_password(&imap.host, &imap.user, password)?;
            Ok(format!("{}@{} のパスワード（受信）を保存しました\n", imap.user, imap.host))
        }
    }
}

/// The id of the service with this short code.
fn service_id(store: &Store, code: &str) -> anyhow::Result<i64> {
    Ok(services::find(&store.schedule()?, code)?.id)
}

fn message_kind(code: &str) -> anyhow::Result<MessageKind> {
    MessageKind::from_code(code).filter(|k| k.is_templated()).ok_or_else(|| {
        anyhow::anyhow!("文面の種類は confirmation・waitlisted・change・cancellation・access のいずれかです")
    })
}

pub fn access(action: &AccessCommand, store: &mut Store, today: NaiveDate) -> anyhow::Result<String> {
    match action {
        AccessCommand::Set { service, date, meeting_id, passcode } => {
            let id = service_id(store, service)?;
            store.set_meeting_access(id, *date, meeting_id, passcode)?;
            Ok(match date {
                Some(date) => format!("{} のミーティング情報を登録しました\n", month_day_weekday(*date)),
                None => "既定のミーティング情報を登録しました\n".to_owned(),
            })
        }
        AccessCommand::List { date } => {
            let date = date.unwrap_or(today);
            let mut out = String::new();
            for list in store.access_send_lists(date)? {
                let _ = writeln!(
                    out,
                    "{} {}（締切 {}）ミーティングID: {}",
                    month_day_weekday(date),
                    list.service_name,
                    list.deadline,
                    list.meeting_id.as_deref().unwrap_or("未登録")
                );
                for line in &list.lines {
                    let state = format!("{}{}", line.state.label(), if line.late { "（後から確定）" } else { "" });
                    out.push_str(&super::tsv_line(&[
                        &line.booking_id,
                        &line.member_number,
                        &line.member_name,
                        &line.phone,
                        &state,
                    ]));
                }
            }
            Ok(out)
        }
    }
}

pub fn template(action: &TemplateCommand, store: &mut Store) -> anyhow::Result<String> {
    match action {
        TemplateCommand::Show { service, kind } => {
            let (service_id, kind) = (service_id(store, service)?, message_kind(kind)?);
            let (template, custom) = store.mail_template(service_id, kind)?;
            let origin = if custom { "" } else { "（既定の文面）\n" };
            let mut out = format!("{origin}件名: {}\n\n{}", template.subject, template.body);
            if let Some(draft) = store.mail_template_draft(service_id, kind)? {
                let _ = write!(out, "\n\n（承認待ちの案: {}さん {}）\n", draft.drafted_by, draft.drafted_at);
                match draft.template {
                    Some(t) => {
                        let _ = write!(out, "件名: {}\n\n{}", t.subject, t.body);
                    }
                    None => out.push_str("既定の文面に戻す\n"),
                }
            }
            Ok(out)
        }
        TemplateCommand::Set { service, kind, file } => {
            let text =
                std::fs::read_to_string(file).map_err(|e| anyhow::anyhow!("{} を読めません: {e}", file.display()))?;
            let (first, body) = text.split_once('\n').unwrap_or((text.as_str(), ""));
            let Some(subject) = first.trim().strip_prefix("件名:").or_else(|| first.trim().strip_prefix("件名："))
            else {
                anyhow::bail!("1行目は「件名: …」にしてください");
            };
            let template =
                Template { subject: subject.trim().to_owned(), body: body.trim_start_matches(['\r', '\n']).to_owned() };
            let saved = store.set_mail_template(service_id(store, service)?, message_kind(kind)?, Some(&template))?;
            Ok(match saved {
                TemplateSaved::InUse => "文面を保存しました\n",
                TemplateSaved::Draft => "文面を案として保存しました。管理者が承認するまで、今の文面が送られます\n",
            }
            .to_owned())
        }
        TemplateCommand::Reset { service, kind } => {
            let saved = store.set_mail_template(service_id(store, service)?, message_kind(kind)?, None)?;
            Ok(match saved {
                TemplateSaved::InUse => "既定の文面に戻しました\n",
                TemplateSaved::Draft => {
                    "既定の文面に戻す案を保存しました。管理者が承認するまで、今の文面が送られます\n"
                }
            }
            .to_owned())
        }
        TemplateCommand::Approve { service, kind } => {
            store.approve_mail_template(service_id(store, service)?, message_kind(kind)?)?;
            Ok("文面を承認しました。これから送るメールに使われます\n".to_owned())
        }
    }
}

pub fn outbox(store: &Store, date: Option<NaiveDate>) -> anyhow::Result<String> {
    let mut out = String::new();
    for line in store.outbox_lines(date)? {
        let recipient = match &line.recipient {
            Some(address) => address.clone(),
            None => format!("電話 {}", line.phone),
        };
        let mut state = line.state.label().to_owned();
        if let Some(error) = &line.last_error {
            let _ = write!(state, "（{error}）");
        }
        let member = format!("{} {}", line.member_number, line.member_name);
        out.push_str(&super::tsv_line(&[
            &line.id,
            &month_day_weekday(line.session_date),
            &line.kind.label(),
            &member,
            &recipient,
            &state,
        ]));
    }
    Ok(out)
}

pub fn send_due(store: &mut Store, now: NaiveDateTime) -> anyhow::Result<String> {
    let summary = send::send_due(store, now, |_, _| {})?;
    let mut out = String::new();
    if summary.access_written > 0 {
        let _ = writeln!(out, "当日の参加案内 {} 件を作成しました", summary.access_written);
    }
    let _ = writeln!(out, "{}", summary.describe());
    for problem in &summary.problems {
        let _ = writeln!(out, "  {problem}");
    }
    // A scheduled task must notice a refused message (a 550): the run fails, saying how
    // many, and the messages stay listed as 送信失敗 for the desk.
    if summary.failed > 0 {
        anyhow::bail!("{out}送信できなかったメールが {} 件あります（madoguchi outbox で確認できます）", summary.failed);
    }
    Ok(out)
}

/// After a booking change on the command line: with no SMTP server set, write the new
/// message to the outbox folder at once (no network, nothing to wait for). With a server,
/// the message waits for `send-due` or the window's sender.
pub fn write_files_now(store: &mut Store) {
    let file_mode = MailSettings::load(store).map(|s| s.host.is_none()).unwrap_or(false);
    if file_mode && let Err(err) = send::send_due(store, chrono::Local::now().naive_local(), |_, _| {}) {
        eprintln!("メールを送信フォルダに書けませんでした（あとで madoguchi send-due で送れます）: {err}");
    }
}
