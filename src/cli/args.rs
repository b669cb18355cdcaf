//! What the command line accepts: the subcommands and their options as clap reads them,
//! and the parsers that turn a date, a time or a code into a value (with a Japanese
//! message when they cannot). No command runs here.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use clap::{Parser, Subcommand};

use crate::domain::booking::Channel;
use crate::domain::staff::Role;
use crate::domain::time::{TimeOfDay, parse_date};
use crate::print::CsvEncoding;

#[derive(Debug, Parser)]
#[command(name = "madoguchi", version, about = "窓口 — 予約・当日名簿・稼働状況の管理")]
pub struct Cli {
    /// データベースファイル（省略時はユーザーのデータフォルダ）
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// 操作した職員の名前（監査ログに記録。省略時は「OSのユーザー名（コマンドライン）」）
    #[arg(long, global = true, value_name = "NAME")]
    pub staff: Option<String>,

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
    Book(BookArgs),
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
        #[arg(long, conflicts_with = "out")]
        csv: bool,
        /// 回ごとの数字をファイルに保存します（.xlsx は Excel のブック、.csv は CSV）
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
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
        action: ConfigCommand,
    },
    /// グループの当日のミーティングIDとパスコード、参加案内の送信状況
    Access {
        #[command(subcommand)]
        action: AccessCommand,
    },
    /// サービスごとのメールの文面
    Template {
        #[command(subcommand)]
        action: TemplateCommand,
    },
    /// 窓口の職員と役割
    Staff {
        #[command(subcommand)]
        action: StaffCommand,
    },
    /// メールで届いた予約依頼（取り込み・一覧・受付・見送り）
    Intake {
        #[command(subcommand)]
        action: IntakeCommand,
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
        #[arg(long, value_parser = now_arg)]
        now: Option<NaiveDateTime>,
    },
    /// 当日名簿を PDF（印刷用）か CSV（Excel 用）に保存します
    DayList {
        /// 日付（YYYY-MM-DD）。省略時は今日
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
        /// 保存先（拡張子 .xlsx・.pdf・.csv）
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

// `madoguchi book`: who, which service, when, and what to do when it is full. (A plain
// comment: a doc comment here would become the subcommand's help text.)
#[derive(Debug, clap::Args)]
pub struct BookArgs {
    /// 会員番号
    #[arg(long)]
    pub member: String,
    /// サービスの短縮コード（madoguchi services で確認）
    #[arg(long)]
    pub service: String,
    /// 日付（YYYY-MM-DD）
    #[arg(long, value_parser = date_arg)]
    pub date: NaiveDate,
    /// 個別相談の開始時刻（HH:MM）
    #[arg(long, value_parser = time_arg)]
    pub start: Option<TimeOfDay>,
    /// 個別相談の長さ（30 または 60 分）
    #[arg(long)]
    pub minutes: Option<u16>,
    /// グループの参加時刻（HH:MM）
    #[arg(long, value_parser = time_arg)]
    pub join: Option<TimeOfDay>,
    /// グループの退出時刻（HH:MM）
    #[arg(long, value_parser = time_arg)]
    pub leave: Option<TimeOfDay>,
    /// 受付経路: phone（電話）/ mail（メール）/ desk（窓口）
    #[arg(long, default_value = "phone", value_parser = channel_arg)]
    pub channel: Channel,
    /// 話したいテーマ（個別相談のみ）
    #[arg(long, default_value = "")]
    pub theme: String,
    /// 満席ならキャンセル待ちに登録します
    #[arg(long)]
    pub waitlist: bool,
    /// 過ぎた日の予約を後から記録として入力します（1年前まで。お知らせは送りません）
    #[arg(long)]
    pub late: bool,
}

#[derive(Debug, Subcommand)]
pub enum IntakeCommand {
    /// 受信サーバー（IMAP）から新しいメールを読みます（サーバー上のメールは変えません。定期実行用）
    Fetch,
    /// 保存したメール（.eml）を取り込みます（同じメールは一度だけ）
    Import {
        /// .eml ファイル（いくつでも）
        #[arg(required = true, value_name = "FILE.eml")]
        files: Vec<PathBuf>,
    },
    /// 依頼の一覧（番号・種類・状態・差出人・会員番号・日付・開始/参加・終了/退出・要確認、タブ区切り）
    List {
        /// 未処理の依頼だけ
        #[arg(long)]
        pending: bool,
    },
    /// 依頼の読み取り結果とメール本文
    Show {
        /// 依頼の番号（madoguchi intake list で確認）
        id: i64,
    },
    /// 依頼を受け付けます（予約して返信、ドクターメールはメール相談の調整中に）
    Accept {
        /// 依頼の番号
        id: i64,
        /// 要確認の点（本人確認・読み取りの疑問）を確かめた
        #[arg(long)]
        checked: bool,
        /// 満席ならキャンセル待ちに登録
        #[arg(long)]
        waitlist: bool,
    },
    /// 希望の日時に空きがないとき、空いている日時を案内する返信（下書きを表示。--send で送信）
    Reply {
        /// 依頼の番号
        id: i64,
        /// 返信を送ります（付けなければ下書きを表示するだけ）
        #[arg(long)]
        send: bool,
        /// 本文を書き直したファイル（UTF-8。付けなければ下書きのまま）
        #[arg(long, value_name = "FILE.txt", requires = "send")]
        body_file: Option<PathBuf>,
        /// 件名（付けなければ「Re: 元の件名」）
        #[arg(long, requires = "send")]
        subject: Option<String>,
    },
    /// 依頼を見送ります（理由が必要）
    Dismiss {
        /// 依頼の番号
        id: i64,
        /// 見送る理由
        #[arg(long)]
        reason: String,
    },
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
    /// 会員の保有個人情報の開示（管理者）: 会員情報・予約・メール・記録を PDF か CSV に保存します
    Export {
        /// 会員番号
        number: String,
        /// 保存先（.pdf か .csv）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[command(flatten)]
        request: RequestArgs,
    },
    /// 会員の個人情報の削除（管理者）: 予約は人数として残り、稼働状況の数字は変わりません
    Erase {
        /// 会員番号
        number: String,
        /// 削除の理由（会員の氏名や連絡先は書かないでください）
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        request: RequestArgs,
    },
}

/// Who asked for a disclosure or an erasure and how it was checked; without them the
/// request is recorded as the manager's own (the retention review).
#[derive(Debug, clap::Args)]
pub struct RequestArgs {
    /// 本人確認の方法（会員本人・代理人の請求のとき。例: 会員証と登録の電話番号で確認）
    #[arg(long, value_name = "TEXT")]
    pub identity: Option<String>,
    /// 請求した人（--identity と一緒に。省略時は 本人）
    #[arg(long, value_name = "TEXT", requires = "identity")]
    pub requested_by: Option<String>,
    /// 請求を受けた日（YYYY-MM-DD、省略時は今日）
    #[arg(long, value_parser = date_arg)]
    pub received: Option<NaiveDate>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// 設定の値を表示します（未設定なら既定値）
    Get {
        /// smtp.host・smtp.port・smtp.security・smtp.user・smtp.timeout・mail.from・mail.outbox_dir・access.deadline・access.send_from・intake.keep_days・imap.host・imap.port・imap.security・imap.user・imap.mailbox・imap.ca_file
        key: String,
    },
    /// 設定を変更します（空の値 "" で既定値に戻ります）
    Set { key: String, value: String },
    /// メールの設定をすべて表示します
    List,
    /// SMTP のパスワードを標準入力から読み、OS の資格情報の保管庫に保存します
    SetPassword,
    /// 受信（IMAP）のパスワードを標準入力から読み、OS の資格情報の保管庫に保存します
    SetImapPassword,
}

#[derive(Debug, Subcommand)]
pub enum AccessCommand {
    /// その日（省略時はサービスの既定）のミーティングIDとパスコードを登録します
    Set {
        /// サービスの短縮コード（例: hokenshitsu）
        #[arg(long)]
        service: String,
        /// 日付（YYYY-MM-DD）。省略するとサービスの既定値
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
        #[arg(long)]
        meeting_id: String,
        #[arg(long)]
        passcode: String,
    },
    /// その日の参加案内の送信状況（参加者ごと）
    List {
        /// 日付（YYYY-MM-DD）。省略時は今日
        #[arg(long, value_parser = date_arg)]
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
    /// 承認を待つ文面を承認し、送る文面にします（管理者）
    Approve {
        #[arg(long)]
        service: String,
        #[arg(long)]
        kind: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// 職員の一覧（名前・役割・PINの有無）
    List,
    /// 職員を登録します（管理者）
    Add {
        name: String,
        /// 受付・スタッフ・管理者
        #[arg(long, value_parser = role_arg)]
        role: Role,
    },
    /// PINを設定します（標準入力から4〜8桁の数字を読みます）
    SetPin { name: String },
}

fn role_arg(text: &str) -> Result<Role, String> {
    Role::parse(text).ok_or_else(|| format!("役割「{text}」は 受付・スタッフ・管理者 のどれかにしてください"))
}

/// A date as the desk writes it (`2026-11-25`, `11/25`, …), read against today.
fn date_arg(text: &str) -> Result<NaiveDate, String> {
    parse_date(text, chrono::Local::now().date_naive())
        .ok_or_else(|| format!("日付「{text}」が読めません（例: 2026-11-25）"))
}

fn time_arg(text: &str) -> Result<TimeOfDay, String> {
    TimeOfDay::parse(text).ok_or_else(|| format!("時刻「{text}」が読めません（例: 13:30）"))
}

fn now_arg(text: &str) -> Result<NaiveDateTime, String> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .map_err(|_| format!("日時「{text}」が読めません（例: 2026-11-25T10:30）"))
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

fn encoding_arg(text: &str) -> Result<CsvEncoding, String> {
    match text.to_ascii_lowercase().as_str() {
        "utf8" | "utf-8" => Ok(CsvEncoding::Utf8Bom),
        "sjis" | "shift_jis" | "shift-jis" | "cp932" => Ok(CsvEncoding::ShiftJis),
        _ => Err(format!("文字コード「{text}」は utf8 か sjis で指定してください")),
    }
}
