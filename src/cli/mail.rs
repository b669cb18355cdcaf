//! The mail subcommands: settings, the day's meeting access, templates, the outbox, and
//! `send-due` for a scheduled task.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use clap::Subcommand;

use crate::domain::time::month_day_weekday;
use crate::mail::settings::{self, KEYS, MailSettings};
use crate::mail::templates::Template;
use crate::mail::{MessageKind, secret, send};
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// 設定の値を表示します（未設定なら既定値）
    Get {
        /// smtp.host・smtp.port・smtp.security・smtp.user・smtp.timeout・mail.from・mail.outbox_dir・access.deadline・access.send_from
        key: String,
    },
    /// 設定を変更します（空の値 "" で既定値に戻ります）
    Set { key: String, value: String },
    /// メールの設定をすべて表示します
    List,
    /// SMTP のパスワードを標準入力から読み、OS の資格情報の保管庫に保存します
    SetPassword,
}

#[derive(Debug, Subcommand)]
pub enum AccessCommand {
    /// その日（省略時はサービスの既定）のミーティングIDとパスコードを登録します
    Set {
        /// サービスの短縮コード（例: hokenshitsu）
        #[arg(long)]
        service: String,
        /// 日付（YYYY-MM-DD）。省略するとサービスの既定値
        #[arg(long, value_parser = crate::cli::date_value)]
        date: Option<NaiveDate>,
        #[arg(long)]
        meeting_id: String,
        #[arg(long)]
        passcode: String,
    },
    /// その日の参加案内の送信状況（参加者ごと）
    List {
        /// 日付（YYYY-MM-DD）。省略時は今日
        #[arg(long, value_parser = crate::cli::date_value)]
        date: Option<NaiveDate>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// 文面を表示します（1行目が件名）
    Show {
        #[arg(long)]
        service: String,
        /// confirmation・waitlisted・change・cancellation・access
        #[arg(long)]
        kind: String,
    },
    /// ファイルの文面を保存します（1行目「件名: …」、空行、本文）
    Set {
        #[arg(long)]
        service: String,
        #[arg(long)]
        kind: String,
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
    },
    /// プログラムの既定の文面に戻します
    Reset {
        #[arg(long)]
        service: String,
        #[arg(long)]
        kind: String,
    },
}

pub fn now_value(text: &str) -> Result<NaiveDateTime, String> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .map_err(|_| format!("日時「{text}」が読めません（例: 2026-11-25T10:30）"))
}

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
            let shown = MailSettings::load(store)?.value_of(key)?;
            Ok(if value.is_empty() {
                format!("{key} を既定（「{shown}」）に戻しました\n")
            } else {
                format!("{key} を「{shown}」にしました\n")
            })
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
    }
}

fn service_id(store: &Store, code: &str) -> anyhow::Result<i64> {
    let schedule = store.schedule()?;
    schedule
        .service_by_code(code)
        .map(|s| s.id)
        .ok_or_else(|| anyhow::anyhow!("サービス「{code}」はありません（madoguchi services で確認できます）"))
}

fn message_kind(code: &str) -> anyhow::Result<MessageKind> {
    MessageKind::from_code(code).filter(|k| *k != MessageKind::Test).ok_or_else(|| {
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
                    let _ = writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}{}",
                        line.booking_id,
                        line.member_number,
                        line.member_name,
                        line.phone,
                        line.state.label(),
                        if line.late { "（後から確定）" } else { "" }
                    );
                }
            }
            Ok(out)
        }
    }
}

pub fn template(action: &TemplateCommand, store: &mut Store) -> anyhow::Result<String> {
    match action {
        TemplateCommand::Show { service, kind } => {
            let (template, custom) = store.mail_template(service_id(store, service)?, message_kind(kind)?)?;
            let origin = if custom { "" } else { "（既定の文面）\n" };
            Ok(format!("{origin}件名: {}\n\n{}", template.subject, template.body))
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
            store.set_mail_template(service_id(store, service)?, message_kind(kind)?, Some(&template))?;
            Ok("文面を保存しました\n".to_owned())
        }
        TemplateCommand::Reset { service, kind } => {
            store.set_mail_template(service_id(store, service)?, message_kind(kind)?, None)?;
            Ok("既定の文面に戻しました\n".to_owned())
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
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{} {}\t{}\t{}",
            line.id,
            month_day_weekday(line.session_date),
            line.kind.label(),
            line.member_number,
            line.member_name,
            recipient,
            state
        );
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
