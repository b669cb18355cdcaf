//! The command line: the same binary opens the GUI or runs one of the desk's actions for
//! scripts and support. Errors are printed in Japanese and exit non-zero.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::domain::time::{full_date, month_day_weekday, parse_date, weekday_kanji};
use crate::store::{self, DemoOptions, Store, WeekOverview};

#[derive(Debug, Parser)]
#[command(name = "madoguchi", version, about = "窓口 — 予約・当日名簿・稼働状況の管理")]
pub struct Cli {
    /// データベースファイル（省略時はユーザーのデータフォルダ）
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// デモ用の会員と予約を作ります
    DemoData {
        /// 会員の人数
        #[arg(long, default_value_t = 200)]
        members: u32,
        /// 予約を入れる週数（既定では今週の4週先までで終わる）
        #[arg(long, default_value_t = 12)]
        weeks: u32,
        /// 乱数の種（同じ種なら同じデータ）
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// 最初の週の日付（YYYY-MM-DD）
        #[arg(long, value_parser = date_arg)]
        from: Option<NaiveDate>,
    },
    /// サービスの一覧と短縮コード
    Services,
    /// その日を含む週（月〜日）の枠と予約数
    Week {
        /// 日付（YYYY-MM-DD）。省略時は今日
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
    },
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn date_arg(text: &str) -> Result<NaiveDate, String> {
    parse_date(text, today()).ok_or_else(|| format!("日付「{text}」が読めません（例: 2026-11-25）"))
}

/// Parses the arguments; on a mistake, explains it in Japanese and exits with code 2.
pub fn parse() -> Cli {
    match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            use clap::error::ErrorKind;
            match err.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = err.print();
                    std::process::exit(0);
                }
                kind => {
                    let summary = match kind {
                        ErrorKind::InvalidSubcommand => "そのコマンドはありません",
                        ErrorKind::UnknownArgument => "知らないオプションです",
                        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "オプションの値が正しくありません",
                        ErrorKind::MissingRequiredArgument => "必要なオプションが足りません",
                        ErrorKind::ArgumentConflict => "一緒に使えないオプションがあります",
                        _ => "コマンドの指定が正しくありません",
                    };
                    eprintln!("エラー: {summary}");
                    eprintln!("{}", err.render().to_string().trim_end());
                    eprintln!("使い方は madoguchi --help をご覧ください。");
                    std::process::exit(2);
                }
            }
        }
    }
}

/// The database path: `--db`, or the user's data folder.
pub fn database_path(cli: &Cli) -> anyhow::Result<PathBuf> {
    match &cli.db {
        Some(path) => Ok(path.clone()),
        None => store::default_path().ok_or_else(|| {
            anyhow::anyhow!("ユーザーのデータフォルダが見つかりません。--db でファイルを指定してください。")
        }),
    }
}

/// Runs a subcommand and returns what to print on stdout.
pub fn run(command: &Command, store: &mut Store) -> anyhow::Result<String> {
    match command {
        Command::DemoData { members, weeks, seed, from } => {
            let summary = store.fill_demo_data(&DemoOptions {
                members: *members,
                weeks: *weeks,
                seed: *seed,
                from: *from,
                today: today(),
            })?;
            let mut out = format!(
                "会員 {} 人、予約 {} 件（うちキャンセル待ち {} 件）を作成しました",
                summary.members, summary.bookings, summary.waitlisted
            );
            if let (Some(first), Some(last)) = (summary.first_monday, summary.last_sunday) {
                let _ = write!(out, "（{} 〜 {}）", full_date(first), full_date(last));
            }
            out.push('\n');
            Ok(out)
        }
        Command::Services => {
            let schedule = store.schedule()?;
            let mut out = String::new();
            for service in &schedule.services {
                let windows: Vec<String> = schedule
                    .windows
                    .iter()
                    .filter(|w| w.service_id == service.id)
                    .map(|w| format!("{}曜 {}", weekday_kanji(w.weekday), w.hours))
                    .collect();
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    service.code,
                    service.name,
                    service.kind.label(),
                    if service.staff.is_empty() { "—" } else { &service.staff },
                    service.status.label(),
                    if windows.is_empty() { "日程は個別".to_owned() } else { windows.join("、") },
                );
            }
            Ok(out)
        }
        Command::Week { date } => Ok(format_week(&store.week_overview(date.unwrap_or_else(today))?)),
    }
}

/// The week as plain text, one line per day and one indented line per session.
pub fn format_week(week: &WeekOverview) -> String {
    let mut out = String::new();
    let sunday = week.days.last().map(|d| d.date).unwrap_or(week.monday);
    let _ = writeln!(out, "{} 〜 {}", full_date(week.monday), month_day_weekday(sunday));
    for day in &week.days {
        let mut head = month_day_weekday(day.date);
        if let Some(holiday) = &day.holiday {
            let _ = write!(head, " 祝日: {}", holiday.name);
        }
        for closure in &day.closures {
            let _ = write!(head, " 休業: {closure}");
        }
        let _ = writeln!(out, "{head}");
        for session in &day.sessions {
            let mut line = format!("  {} {}", session.hours, session.label());
            if session.fill.is_full() {
                line.push_str(" 満");
            }
            if session.fill.waitlisted > 0 {
                let _ = write!(line, " キャンセル待ち {} 人", session.fill.waitlisted);
            }
            let _ = writeln!(out, "{line}");
        }
        for appointment in &day.appointments {
            let _ = writeln!(
                out,
                "  {} {} {} 様（{}）",
                appointment.at,
                appointment.short_name,
                appointment.member_name,
                appointment.state.label()
            );
        }
        for (name, reason) in &day.off {
            let _ = writeln!(out, "  {name} なし（{reason}）");
        }
    }
    out
}
