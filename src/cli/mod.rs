//! The command line: the same binary opens the GUI or runs one of the desk's actions for
//! scripts and support. Errors are printed in Japanese and exit non-zero.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::backup;
use crate::cli_mail;
use crate::domain::booking::{BookingRequest, Channel, Refusal};
use crate::domain::member::MemberForm;
use crate::domain::schedule::ServiceKind;
use crate::domain::time::{Interval, TimeOfDay, full_date, month_day_weekday, parse_date, weekday_kanji};
use crate::export;
use crate::import;
use crate::print::{self, CsvEncoding, DayListOptions};
use crate::store::{self, DayListOutput, DemoOptions, Store, StoreError, WeekOverview, WhenFull};

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
    /// 会員の登録と検索
    Member {
        #[command(subcommand)]
        action: MemberCommand,
    },
    /// 予約を登録します（満席なら理由を表示して終了コード 1）
    Book {
        /// 会員番号
        #[arg(long)]
        member: String,
        /// サービスの短縮コード（madoguchi services で確認）
        #[arg(long)]
        service: String,
        /// 日付（YYYY-MM-DD）
        #[arg(long, value_parser = date_arg)]
        date: NaiveDate,
        /// 個別相談の開始時刻（HH:MM）
        #[arg(long, value_parser = time_arg)]
        start: Option<TimeOfDay>,
        /// 個別相談の長さ（30 または 60 分）
        #[arg(long)]
        minutes: Option<u16>,
        /// グループの参加時刻（HH:MM）
        #[arg(long, value_parser = time_arg)]
        join: Option<TimeOfDay>,
        /// グループの退出時刻（HH:MM）
        #[arg(long, value_parser = time_arg)]
        leave: Option<TimeOfDay>,
        /// 受付経路: phone（電話）/ mail（メール）/ desk（窓口）
        #[arg(long, default_value = "phone", value_parser = channel_arg)]
        channel: Channel,
        /// 話したいテーマ（個別相談のみ）
        #[arg(long, default_value = "")]
        theme: String,
        /// 満席ならキャンセル待ちに登録します
        #[arg(long)]
        waitlist: bool,
    },
    /// 予約をキャンセルします
    Cancel {
        /// 予約番号（madoguchi bookings で確認）
        id: i64,
        /// キャンセルの理由
        #[arg(long)]
        reason: String,
    },
    /// その日の予約の一覧
    Bookings {
        /// 日付（YYYY-MM-DD）。省略時は今日
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
    },
    /// バックアップを取ります（--to ファイル、または --auto で毎日の自動バックアップ）
    Backup {
        /// 保存先のファイル
        #[arg(long, value_name = "FILE", conflicts_with = "auto")]
        to: Option<PathBuf>,
        /// 自動バックアップ（1日1回、直近14日分と12か月分を保持）
        #[arg(long)]
        auto: bool,
        /// 自動バックアップの保存先フォルダ（省略時は設定の保存先、未設定ならデータの隣の backups）
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// バックアップから復元します（今のデータは自動でバックアップされます）
    Restore {
        /// 復元するバックアップファイル
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
        /// 復元前の自動バックアップの保存先フォルダ
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Excel で保存した CSV から会員を取り込みます（1行でも誤りがあれば何も取り込みません）
    ImportMembers {
        /// CSV ファイル（UTF-8 / BOM 付き UTF-8 / Shift_JIS）
        file: PathBuf,
        /// 確認だけして書き込みません
        #[arg(long)]
        dry_run: bool,
    },
    /// 期間の稼働状況（定員・予約・空き・キャンセル待ち・キャンセル・欠席）
    Capacity {
        /// 最初の日（YYYY-MM-DD）
        #[arg(long, value_parser = date_arg)]
        from: NaiveDate,
        /// 最後の日（YYYY-MM-DD）
        #[arg(long, value_parser = date_arg)]
        to: NaiveDate,
        /// 回ごとの数字を CSV（BOM 付き UTF-8、Excel 用）で出力します
        #[arg(long)]
        csv: bool,
    },
    /// その日を含む週（月〜日）の枠と予約数
    Week {
        /// 日付（YYYY-MM-DD）。省略時は今日
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
    },
    /// メールの設定（SMTP サーバー・差出人・送信フォルダ・参加案内の締切）
    Config {
        #[command(subcommand)]
        action: cli_mail::ConfigCommand,
    },
    /// グループの当日のミーティングIDとパスコード、参加案内の送信状況
    Access {
        #[command(subcommand)]
        action: cli_mail::AccessCommand,
    },
    /// サービスごとのメールの文面
    Template {
        #[command(subcommand)]
        action: cli_mail::TemplateCommand,
    },
    /// メールの送信状況（宛先・種類・状態）
    Outbox {
        /// 予約日（YYYY-MM-DD）。省略時はすべて
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
    },
    /// 送る時期が来たメールを送ります（定期実行用）
    SendDue {
        /// 現在時刻の代わり（YYYY-MM-DDTHH:MM、試験・サポート用）
        #[arg(long, value_parser = cli_mail::now_value)]
        now: Option<chrono::NaiveDateTime>,
    },
    /// 当日名簿を PDF（印刷用）か CSV（Excel 用）に保存します
    DayList {
        /// 日付（YYYY-MM-DD）。省略時は今日
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
        /// 保存先（拡張子 .pdf または .csv）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// CSV の文字コード: utf8（BOM付き、既定）/ sjis（Shift_JIS）
        #[arg(long, value_parser = encoding_arg)]
        encoding: Option<CsvEncoding>,
        /// 話したいテーマを載せません
        #[arg(long)]
        no_themes: bool,
    },
}

fn encoding_arg(text: &str) -> Result<CsvEncoding, String> {
    match text.to_ascii_lowercase().as_str() {
        "utf8" | "utf-8" => Ok(CsvEncoding::Utf8Bom),
        "sjis" | "shift_jis" | "shift-jis" | "cp932" => Ok(CsvEncoding::ShiftJis),
        _ => Err(format!("文字コード「{text}」は utf8 か sjis で指定してください")),
    }
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// 会員を登録します
    Add {
        /// 会員番号
        #[arg(long)]
        number: String,
        /// 氏名
        #[arg(long)]
        name: String,
        /// ふりがな
        #[arg(long)]
        kana: String,
        /// 電話番号
        #[arg(long, default_value = "")]
        phone: String,
        /// メールアドレス
        #[arg(long, default_value = "")]
        email: String,
        /// 個人情報の取扱いに同意した日（YYYY-MM-DD）
        #[arg(long)]
        consent_date: Option<String>,
    },
    /// 会員番号・氏名・ふりがな・電話番号で探します（1行に1人、タブ区切り）
    Find {
        /// 探す文字
        query: String,
    },
}

fn time_arg(text: &str) -> Result<TimeOfDay, String> {
    TimeOfDay::parse(text).ok_or_else(|| format!("時刻「{text}」が読めません（例: 13:30）"))
}

fn channel_arg(text: &str) -> Result<Channel, String> {
    match text {
        "電話" => Ok(Channel::Phone),
        "メール" => Ok(Channel::Mail),
        "窓口" => Ok(Channel::Desk),
        code => {
            Channel::from_code(code).ok_or_else(|| format!("受付経路「{text}」は phone・mail・desk のいずれかです"))
        }
    }
}

pub(crate) fn date_value(text: &str) -> Result<NaiveDate, String> {
    date_arg(text)
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

/// Restores `database` from the backup `from`. The current file need not open: a damaged
/// one is kept aside as it is, so this is also the way back from a broken disk.
pub fn restore(
    database: &std::path::Path,
    from: &std::path::Path,
    dir: Option<&std::path::Path>,
) -> anyhow::Result<String> {
    let current = if database.exists() { Store::open(database).ok() } else { None };
    let auto_dir = match (dir, &current) {
        (Some(dir), _) => dir.to_owned(),
        (None, Some(store)) => backup::backup_dir(store)?,
        (None, None) => backup::default_backup_dir(database),
    };
    let prepared = backup::prepare_restore(database, from, &auto_dir, chrono::Local::now().naive_local())?;
    let info = prepared.info.clone();
    let saved = prepared.saved_current.clone();
    backup::finish_restore(current, prepared)?;
    let mut out =
        format!("{} から復元しました（会員 {} 人、予約 {} 件）。", from.display(), info.members, info.bookings);
    match saved {
        Some(path) => {
            let _ = writeln!(out, "復元前のデータは {} に保存しました", path.display());
        }
        None => out.push('\n'),
    }
    Ok(out)
}

/// Runs a subcommand and returns what to print on stdout.
pub fn run(command: &Command, store: &mut Store) -> anyhow::Result<String> {
    match command {
        Command::Backup { to, auto, dir } => {
            let auto_dir = match dir {
                Some(dir) => dir.clone(),
                None => backup::backup_dir(store)?,
            };
            match (to, auto) {
                (Some(to), _) => {
                    let info = backup::backup_to(store, to, |_, _| {})?;
                    Ok(format!(
                        "{} にバックアップしました（会員 {} 人、予約 {} 件）\n",
                        to.display(),
                        info.members,
                        info.bookings
                    ))
                }
                (None, true) => match backup::auto_backup(store, &auto_dir, today())? {
                    Some(path) => Ok(format!("{} に自動バックアップしました\n", path.display())),
                    None => Ok("今日の自動バックアップはすでにあります\n".to_owned()),
                },
                (None, false) => anyhow::bail!("--to ファイル か --auto を指定してください"),
            }
        }
        Command::Restore { .. } => anyhow::bail!("復元はデータを閉じてから行います"),
        Command::ImportMembers { file, dry_run } => import_members(store, file, *dry_run),
        Command::Capacity { from, to, csv } => capacity(store, *from, *to, *csv),

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
        Command::Member { action: MemberCommand::Add { number, name, kana, phone, email, consent_date } } => {
            let form = MemberForm {
                number: number.clone(),
                name: name.clone(),
                kana: kana.clone(),
                phone: phone.clone(),
                email: email.clone(),
                consented: consent_date.is_some(),
                consent_date: consent_date.clone().unwrap_or_default(),
                ..MemberForm::default()
            };
            let member = form.validate(today()).map_err(|errors| {
                let lines: Vec<String> = errors.into_iter().map(|(_, message)| message).collect();
                anyhow::anyhow!(lines.join("\n"))
            })?;
            store.add_member(&member)?;
            Ok(format!("会員番号 {} {} 様を登録しました\n", member.number, member.name))
        }
        Command::Member { action: MemberCommand::Find { query } } => {
            let index = store.member_index()?;
            let mut out = String::new();
            for (entry, _) in index.search(query, 100) {
                let _ = writeln!(out, "{}\t{}\t{}\t{}", entry.number, entry.name, entry.kana, entry.main_phone());
            }
            Ok(out)
        }
        Command::Book { member, service, date, start, minutes, join, leave, channel, theme, waitlist } => {
            let schedule = store.schedule()?;
            let service = schedule.service_by_code(service).ok_or_else(|| {
                anyhow::anyhow!("サービス「{service}」はありません（madoguchi services で確認できます）")
            })?;
            let member =
                store.member_by_number(member)?.ok_or_else(|| anyhow::anyhow!("会員番号 {member} の会員はいません"))?;
            let hours = match (start, minutes, join, leave) {
                (Some(start), Some(minutes), None, None) => {
                    start.plus(*minutes).and_then(|end| Interval::new(*start, end))
                }
                (None, None, Some(join), Some(leave)) => Interval::new(*join, *leave),
                _ => anyhow::bail!(
                    "時間は --start と --minutes（個別相談）か、--join と --leave（グループ）で指定してください"
                ),
            }
            .ok_or_else(|| anyhow::anyhow!("終わりの時刻が始まりより後になるように指定してください"))?;
            let request = BookingRequest {
                member_id: member.id,
                service_id: service.id,
                date: *date,
                hours,
                channel: *channel,
                theme: theme.clone(),
                notes: String::new(),
            };
            let when_full = if *waitlist { WhenFull::Waitlist } else { WhenFull::Refuse };
            match store.book(&request, when_full) {
                Ok(booking) => {
                    cli_mail::write_files_now(store);
                    if let Some(position) = booking.waitlist_position {
                        eprintln!("キャンセル待ち {position} 番で登録しました");
                    }
                    Ok(format!("{}\n", booking.id))
                }
                Err(StoreError::Refused(refusal @ (Refusal::SlotTaken { .. } | Refusal::Full { .. }))) => {
                    let mut message = refusal.to_string();
                    if service.kind == ServiceKind::Consultation {
                        let free = store.free_starts(service.id, *date, hours.minutes())?;
                        if !free.is_empty() {
                            let starts: Vec<String> = free.iter().map(ToString::to_string).collect();
                            let _ = write!(message, "\n空いている開始時刻: {}", starts.join("、"));
                        }
                    }
                    message.push_str("\n--waitlist を付けるとキャンセル待ちに登録できます");
                    Err(anyhow::anyhow!(message))
                }
                Err(other) => Err(other.into()),
            }
        }
        Command::Cancel { id, reason } => {
            let booking = store.cancel(*id, reason)?;
            cli_mail::write_files_now(store);
            Ok(format!("予約 {} をキャンセルしました（{}）\n", booking.id, month_day_weekday(booking.date)))
        }
        Command::Bookings { date } => {
            let mut out = String::new();
            for line in store.day_bookings(date.unwrap_or_else(today))? {
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    line.id,
                    line.state.label(),
                    line.hours,
                    line.service_name,
                    line.member_number,
                    line.member_name
                );
            }
            Ok(out)
        }
        Command::Week { date } => Ok(format_week(&store.week_overview(date.unwrap_or_else(today))?)),
        Command::Config { action } => cli_mail::config(action, store),
        Command::Access { action } => cli_mail::access(action, store, today()),
        Command::Template { action } => cli_mail::template(action, store),
        Command::Outbox { date } => cli_mail::outbox(store, *date),
        Command::SendDue { now } => {
            cli_mail::send_due(store, now.unwrap_or_else(|| chrono::Local::now().naive_local()))
        }
        Command::DayList { date, out, encoding, no_themes } => {
            save_day_list(store, date.unwrap_or_else(today), out, *encoding, !no_themes)
        }
    }
}

/// Writes the day's list as PDF or CSV, chosen by the file's extension, and records it.
fn save_day_list(
    store: &mut Store,
    date: NaiveDate,
    out: &std::path::Path,
    encoding: Option<CsvEncoding>,
    include_themes: bool,
) -> anyhow::Result<String> {
    let list = store.day_list(date)?;
    let options = DayListOptions { include_themes, printed_at: chrono::Local::now().naive_local() };
    let extension = out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let (bytes, output, encoding) = match (extension.as_deref(), encoding) {
        (Some("pdf"), None) => (print::day_list_pdf(&list, &options)?, DayListOutput::SavePdf, None),
        (Some("pdf"), Some(_)) => anyhow::bail!("--encoding は CSV に保存するときだけ指定できます"),
        (Some("csv"), encoding) => {
            let encoding = encoding.unwrap_or_default();
            (print::day_list_csv(&list, &options, encoding)?, DayListOutput::SaveCsv, Some(encoding))
        }
        _ => anyhow::bail!("保存先 {} の拡張子は .pdf か .csv にしてください", out.display()),
    };
    print::write_file(out, &bytes)?;
    store.record_day_list_output(
        &list,
        output,
        &out.display().to_string(),
        include_themes,
        encoding.map(CsvEncoding::code),
    )?;
    let waitlisted: usize = list.waitlists.iter().map(|w| w.lines.len()).sum();
    Ok(format!(
        "{} の当日名簿を {} に保存しました（予約 {} 件、キャンセル待ち {} 件）\n",
        full_date(date),
        out.display(),
        list.booking_count(),
        waitlisted
    ))
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

/// Checks the whole file first; writes only when every row is right.
fn import_members(store: &mut Store, file: &std::path::Path, dry_run: bool) -> anyhow::Result<String> {
    let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("{} を読めません: {e}", file.display()))?;
    let table = import::read_table(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let mapping = import::guess_mapping(&table.headers);
    let mut out = format!("文字コード: {}\n列の対応:\n", table.encoding.label());
    for (header, column) in table.headers.iter().zip(&mapping) {
        let _ = writeln!(out, "  {header} → {}", column.map_or("（取り込まない）", |c| c.label()));
    }
    let plan = import::check_rows(&table, &mapping, today()).map_err(|e| anyhow::anyhow!("{out}{e}"))?;
    if !plan.errors.is_empty() {
        let lines: Vec<String> = plan.errors.iter().map(ToString::to_string).collect();
        anyhow::bail!(
            "{out}{}行に誤りがあるため、1人も取り込んでいません。直してからもう一度実行してください。\n{}",
            plan.errors.len(),
            lines.join("\n")
        );
    }
    if plan.members.is_empty() {
        anyhow::bail!("{out}取り込む行がありません");
    }
    let members: Vec<_> = plan.members.into_iter().map(|(_, member)| member).collect();
    let source = import::source_name(file);
    let outcome = store.import_members(&members, &source, dry_run)?;
    if dry_run {
        let _ = writeln!(out, "取り込める会員: {}人（--dry-run のため書き込んでいません）", outcome.added);
    } else {
        let _ = writeln!(out, "{}人を取り込みました", outcome.added);
    }
    if !outcome.existing.is_empty() {
        let _ = writeln!(out, "すでに登録のある会員番号（上書きしていません）: {}人", outcome.existing.len());
        for (number, name) in &outcome.existing {
            let _ = writeln!(out, "  {number}\t{name}");
        }
    }
    Ok(out)
}

fn capacity(store: &Store, from: NaiveDate, to: NaiveDate, csv: bool) -> anyhow::Result<String> {
    if from > to {
        anyhow::bail!("--from の日付が --to より後になっています");
    }
    if (to - from).num_days() > 366 * 5 {
        anyhow::bail!("期間は5年以内で指定してください");
    }
    let report = store.capacity(from, to)?;
    if csv {
        let bytes = export::capacity_csv(&report, CsvEncoding::Utf8Bom)
            .map_err(|e| anyhow::anyhow!("CSV を作れません: {e}"))?;
        return Ok(String::from_utf8_lossy(&bytes).into_owned());
    }
    let mut out = format!("{} 〜 {} の稼働状況\n", full_date(from), full_date(to));
    if report.sessions.is_empty() {
        out.push_str("この期間に開く枠はありません\n");
        return Ok(out);
    }
    out.push_str("サービス別:\n");
    for (service, totals) in report.services.iter().zip(&report.totals) {
        let staff = if service.staff.is_empty() { String::new() } else { format!("（{}）", service.staff) };
        let figures = match service.kind {
            ServiceKind::Consultation => format!(
                "枠 {} 予約 {} 空き {} 稼働 {}%",
                totals.offered,
                totals.booked,
                totals.free,
                totals.fill_percent(service.kind)
            ),
            _ => format!(
                "予約 {}人 定員 {}人 最大同時の合計 {}人 稼働 {}%",
                totals.booked,
                totals.offered,
                totals.peak_sum,
                totals.fill_percent(service.kind)
            ),
        };
        let _ = writeln!(
            out,
            "  {}{staff} {}回 {figures} 満 {}回 キャンセル待ち {} キャンセル {} 欠席 {}",
            service.short_name,
            totals.sessions,
            totals.full_sessions,
            totals.waitlisted,
            totals.cancelled,
            totals.no_shows
        );
    }
    out.push_str("回ごと:\n");
    for index in 0..report.sessions.len() {
        if let Some(line) = export::session_line(&report, index) {
            let _ = writeln!(out, "  {line}");
        }
    }
    Ok(out)
}
