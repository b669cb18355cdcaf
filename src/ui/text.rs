//! Every Japanese string the window shows, named, in one place.

pub const APP_TITLE: &str = "窓口 — 予約管理";
pub const PREVIOUS_WEEK: &str = "◀ 前の週";
pub const THIS_WEEK: &str = "今週";
pub const NEXT_WEEK: &str = "次の週 ▶";
pub const JUMP_TO_DATE: &str = "日付へ移動";
pub const JUMP_HINT: &str = "例: 12/2, 2026-12-02";
pub const JUMP_DATE_LABEL: &str = "日付";
pub const DATE_NOT_UNDERSTOOD: &str = "日付が読めません。12/2 や 2026-12-02 の形で入力してください。";
pub const CLOSE: &str = "閉じる";
pub const NO_BOOKINGS: &str = "予約はまだありません。";
pub const HOLIDAY: &str = "祝日";
pub const CLOSED: &str = "休業";
pub const NOT_HELD: &str = "休み";
pub const WAITLIST: &str = "キャンセル待ち";
pub const FULL: &str = "満";
pub const PEOPLE_BOOKED: &str = "予約";
pub const PEOPLE_SUFFIX: &str = "人";
pub const COLUMN_TIME: &str = "時間";
pub const COLUMN_NUMBER: &str = "会員番号";
pub const COLUMN_NAME: &str = "氏名";
pub const COLUMN_PHONE: &str = "電話";
pub const COLUMN_STATE: &str = "状態";
pub const COLUMN_CHANNEL: &str = "受付";
pub const NO_EMAIL_MARK: &str = "メールなし";
pub const DATABASE_LABEL: &str = "データ";
pub const CANNOT_OPEN_TITLE: &str = "データを開けません";
pub const CANNOT_OPEN_HELP: &str =
    "別のファイルを --db で指定するか、バックアップから復元してください。データには手を加えていません。";
pub const LOAD_FAILED: &str = "表示の更新に失敗しました";
pub const CALENDAR: &str = "カレンダー";
pub const PREVIOUS_MONTH: &str = "前の月";
pub const NEXT_MONTH: &str = "次の月";
