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
pub const COLUMN_MEMBER_AND_PHONE: &str = "会員・電話";
pub const COLUMN_DATE: &str = "予約日";
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
pub const NEW_BOOKING: &str = "予約の登録";
pub const NEW_BOOKING_BUTTON: &str = "予約";
pub const BOOK_THIS_SESSION: &str = "この枠に予約";
pub const READ_BACK: &str = "お客様への読み上げ";
pub const MEMBER_SEARCH: &str = "会員を検索";
pub const MEMBER_SEARCH_HINT: &str = "会員番号・氏名・ふりがな・電話番号";
pub const NO_MEMBER_FOUND: &str = "該当する会員がいません";
pub const SERVICE: &str = "サービス";
pub const DATE: &str = "予約日";
pub const LENGTH: &str = "長さ";
pub const START: &str = "開始時刻（空いている時間）";
pub const NO_FREE_START: &str = "この日は空いている時間がありません。キャンセル待ちに登録できます。";
pub const THEME: &str = "話したいテーマ";
pub const JOIN: &str = "参加";
pub const LEAVE: &str = "退出";
pub const CHANNEL: &str = "受付経路";
pub const NOTES: &str = "備考";
pub const SAVE_BOOKING: &str = "予約する (Enter)";
pub const ADD_TO_WAITLIST: &str = "キャンセル待ちに登録";
pub const CHOOSE_MEMBER: &str = "会員を選んでください（検索して Enter）";
pub const CHOOSE_START: &str = "開始時刻を選んでください";
pub const CHOOSE_SERVICE: &str = "サービスを選んでください";
pub const TIME_NOT_UNDERSTOOD: &str = "時刻が読めません（例: 13:30）";
pub const LEAVE_AFTER_JOIN: &str = "退出は参加より後の時刻にしてください";
pub const FREE_ALTERNATIVES: &str = "空いている開始時刻";
pub const MEMBERS_BUTTON: &str = "会員の登録";
pub const MEMBER_WINDOW_NEW: &str = "新しい会員";
pub const MEMBER_WINDOW_EDIT: &str = "会員情報";
pub const MEMBER_NUMBER: &str = "会員番号";
pub const MEMBER_NAME: &str = "氏名";
pub const MEMBER_KANA: &str = "ふりがな";
pub const MEMBER_PHONE: &str = "電話番号";
pub const MEMBER_SECOND_PHONE: &str = "電話番号2";
pub const MEMBER_EMAIL: &str = "メールアドレス";
pub const MEMBER_EMAIL_HINT: &str = "なければ空欄";
pub const PREFERRED_CONTACT: &str = "連絡方法";
pub const CONSENT: &str = "個人情報の取扱いに同意済み";
pub const CONSENT_DATE: &str = "同意日";
pub const CONSENT_DATE_HINT: &str = "空欄なら今日";
pub const SAVE_MEMBER: &str = "保存";
pub const SAVE_MEMBER_AND_BOOK: &str = "保存して予約へ";
pub const UNSAVED_MEMBER_EDITS: &str = "保存していない変更があります。";
pub const CLOSE_WITHOUT_SAVING: &str = "保存せずに閉じる";
pub const BACK_TO_FORM: &str = "戻る";
pub const START_TAKEN: &str = "は予約が入っています";
pub const UPCOMING_BOOKINGS: &str = "今後の予約";
pub const PAST_BOOKINGS: &str = "これまでの予約";
pub const NONE: &str = "ありません";
pub const MEMBER_SAVED: &str = "保存しました";
pub const OPEN_MEMBER_PAGE: &str = "会員情報";
pub const PLACE_FREED: &str = "空きがあります。キャンセル待ちの方に順にご連絡ください:";
pub const PROMOTE: &str = "繰り上げ";
pub const MARK_ATTENDED: &str = "出席";
pub const MARK_NO_SHOW: &str = "欠席";
pub const MARK_CONFIRMED: &str = "確定に戻す";
pub const CANCEL_REASON: &str = "キャンセル理由";
pub const CANCEL_BOOKING: &str = "キャンセルする";
pub const CANCEL_REASON_NEEDED: &str = "キャンセルの理由を入力してください";
pub const HISTORY: &str = "履歴";
pub const ACTION_FAILED: &str = "操作できませんでした";
pub const EMAIL_CONSULTATIONS_BUTTON: &str = "メール相談";
pub const INTAKE_BUTTON: &str = "メールの予約依頼";
pub const INTAKE_TITLE: &str = "メールの予約依頼";
pub const INTAKE_HELP: &str = "メールから読み取った依頼です。内容を確かめて「受け付ける」（Enter）で予約し、返信します。.eml ファイルをここにドロップすると取り込みます。";
pub const INTAKE_NONE: &str = "未処理の依頼はありません。";
pub const INTAKE_CHOOSE: &str = "左の一覧から依頼を選んでください。";
pub const INTAKE_FROM: &str = "差出人:";
pub const INTAKE_SENT: &str = "送信日時:";
pub const INTAKE_SUBJECT: &str = "件名:";
pub const INTAKE_PROPOSAL: &str = "読み取り:";
pub const INTAKE_THEME: &str = "話したいテーマ:";
pub const INTAKE_SURE: &str = "読み取りと本人確認に問題はありません。";
pub const INTAKE_CHECK_MARK: &str = "要確認:";
pub const INTAKE_FREE_NOW: &str = "いま空いている開始時刻:";
pub const INTAKE_NOTHING_FREE: &str = "空きはありません";
pub const INTAKE_CHECKED: &str = "要確認の点を確かめた";
pub const INTAKE_ACCEPT: &str = "受け付ける (Enter)";
pub const INTAKE_WAITLIST: &str = "満席ならキャンセル待ちで受け付ける";
pub const INTAKE_DISMISS_REASON: &str = "見送る理由";
pub const INTAKE_DISMISS_HINT: &str = "例: 電話で受付済み";
pub const INTAKE_DISMISS: &str = "見送る";
pub const INTAKE_MAIL: &str = "メール本文";
pub const INTAKE_MAIL_REMOVED: &str = "（メール本文は保存期間を過ぎたため削除されています）";
pub const INTAKE_ACCEPTED: &str = "受け付けました。返信メールを送信待ちに入れました。";
pub const INTAKE_DISMISSED: &str = "見送りました。";
pub const INTAKE_ACCEPTED_DOCTOR: &str =
    "ドクターメールの相談として記録しました（調整中）。日程は「メール相談」で調整します。";
pub const INTAKE_OTHER_HINT: &str =
    "予約の依頼とは読めないメールです。内容を読み、依頼なら窓口で予約してから、理由を書いて見送ってください。";
pub const INTAKE_OFFER: &str = "空きを案内して返信…";
pub const INTAKE_OFFER_HINT: &str =
    "希望の日時に空きがないとき、空いている日時を書いた返信の下書きを作ります。送る前に書き直せます。";
pub const INTAKE_REPLY_HEADING: &str = "空きを案内する返信（送る前に書き直せます）";
pub const INTAKE_REPLY_TO: &str = "宛先:";
pub const INTAKE_REPLY_BODY: &str = "本文:";
pub const INTAKE_REPLY_SEND: &str = "この内容で送る";
pub const INTAKE_REPLY_CANCEL: &str = "やめる";
pub const INTAKE_ANSWERED: &str = "空きを案内する返信を送信待ちに入れました。会員からの返事を待ちます。";
pub const INTAKE_FETCH: &str = "今すぐ受信";
pub const INTAKE_FETCHING: &str = "受信中…";
pub const INTAKE_FETCH_FAILED: &str = "受信できませんでした";
pub const EMAIL_CONSULTATIONS_TITLE: &str = "ドクターメール相談（西）";
pub const EMAIL_CONSULTATION_NEW: &str = "新しい依頼";
pub const EMAIL_CONSULTATION_RECORD: &str = "依頼を記録";
pub const EMAIL_CONSULTATION_NONE: &str = "調整中・確定の依頼はありません。";
pub const REQUESTED_ON: &str = "依頼日";
pub const AGREED_DATE: &str = "確定日";
pub const AGREED_TIME: &str = "時刻";
pub const AGREE: &str = "日時を確定";
pub const MARK_DONE: &str = "済にする";
pub const WITHDRAW: &str = "取り下げ";
pub const BACK_TO_ARRANGING: &str = "調整中に戻す";
pub const MEMBER_NOT_FOUND: &str = "その会員番号の会員はいません";
pub const PAST_DATE: &str = "過ぎた日付です。紙で受けた予約などを後から記録するときだけ入力できます。";
pub const LATE_RECORD: &str = "過ぎた日の予約を記録として入力する（お知らせは送りません）";
pub const DAY_OFF: &str = "この日は予約を受け付けていません";
pub const MOVE_BOOKING: &str = "日時を変更";
pub const MOVE_DATE: &str = "新しい日付";
pub const MOVE_FROM: &str = "開始";
pub const MOVE_TO: &str = "終了";

// --- Data safety: backup, restore, members import (issue 6) ---
pub const DATA_BUTTON: &str = "データの管理";
pub const DATA_TITLE: &str = "データの管理";
pub const BACKUP_HEADING: &str = "バックアップ";
pub const BACKUP_NOW: &str = "今すぐバックアップ…";
pub const BACKUP_RUNNING: &str = "バックアップしています…";
pub const BACKUP_DIALOG_TITLE: &str = "バックアップの保存先";
pub const BACKUP_FILTER: &str = "窓口のデータ (SQLite)";
pub const AUTO_BACKUP_EXPLAINED: &str = "毎日最初の起動時に自動でバックアップします（直近14日分と12か月分を保持）。";
pub const AUTO_BACKUP_DIR: &str = "自動バックアップの保存先";
pub const CHOOSE_FOLDER: &str = "フォルダを選ぶ…";
pub const SAVE_SETTING: &str = "保存";
pub const BACKUP_DIR_SAVED: &str = "保存先を変更しました。";
pub const BACKUP_DIR_DEFAULT_HINT: &str = "空欄ならデータの隣の backups フォルダ";
pub const BACKUP_DIR_NOW: &str = "いまの保存先";
pub const RECENT_BACKUPS: &str = "保存先にあるバックアップ（新しい順）";
pub const NO_BACKUPS_YET: &str = "まだありません。";
pub const RESTORE_HEADING: &str = "復元";
pub const RESTORE_CHOOSE: &str = "バックアップから復元…";
pub const RESTORE_DIALOG_TITLE: &str = "復元するバックアップ";
pub const RESTORE_CHECKING: &str = "バックアップを検査しています…";
pub const RESTORE_PREPARING: &str = "今のデータを保存して、復元の準備をしています…";
pub const RESTORE_QUESTION: &str =
    "このバックアップで今のデータを置き換えますか？ 置き換える前に、今のデータを自動でバックアップします。";
pub const RESTORE_CONFIRM: &str = "復元する";
pub const CANCEL: &str = "やめる";
pub const IMPORT_HEADING: &str = "会員の取り込み（CSV）";
pub const IMPORT_CHOOSE: &str = "CSV ファイルを選ぶ…";
pub const IMPORT_DIALOG_TITLE: &str = "取り込む CSV ファイル";
pub const IMPORT_EXPLAINED: &str =
    "Excel で保存した CSV（UTF-8 または Shift_JIS）。1行目は見出し。1行でも誤りがあれば何も取り込みません。";
pub const IMPORT_ENCODING: &str = "文字コード";
pub const IMPORT_COLUMN_HEADER: &str = "ファイルの見出し";
pub const IMPORT_COLUMN_FIELD: &str = "取り込む項目";
pub const IMPORT_COLUMN_SAMPLE: &str = "1件目の値";
pub const IMPORT_SKIP_COLUMN: &str = "（取り込まない）";
pub const IMPORT_ROW_ERRORS: &str = "行に誤りがあります。直してから選び直してください（何も取り込んでいません）:";
pub const IMPORT_RUN: &str = "取り込む";
pub const IMPORT_READING: &str = "ファイルを読んで確認しています…";
pub const IMPORT_CHECKING: &str = "列の割り当てで確認し直しています…";
pub const IMPORT_RUNNING: &str = "取り込んでいます…";
pub const IMPORT_EXISTING: &str = "すでに登録のある会員番号（上書きしません）";
pub const NETWORK_SHARE_DATABASE: &str = "データがネットワーク上の場所にあります。SQLite はネットワーク越しでは正しく動かず、データが壊れるおそれがあります。この PC のディスク上のフォルダに置いてください。";
pub const NETWORK_SHARE_BACKUPS: &str = "自動バックアップの保存先がネットワーク上の場所です。通信が途切れるとバックアップが途中で失敗します（検査に通ったものだけが残ります）。USB ドライブかこの PC のディスクをお勧めします。";
pub const RESTORED: &str = "復元しました";
pub const RESTORE_FROM_BACKUP_BUTTON: &str = "バックアップから復元…";

// --- The manager: capacity, settings, closures, programs (issue 7) ---
pub const CAPACITY_BUTTON: &str = "稼働状況";
pub const CAPACITY_TITLE: &str = "稼働状況";
pub const CAPACITY_THIS_WEEK: &str = "今週";
pub const CAPACITY_THIS_MONTH: &str = "今月";
pub const CAPACITY_NEXT_MONTH: &str = "来月";
pub const CAPACITY_FROM: &str = "期間";
pub const CAPACITY_TO: &str = "〜";
pub const CAPACITY_SHOW: &str = "表示";
pub const CAPACITY_RANGE_BACKWARDS: &str = "始まりの日付が終わりより後になっています。";
pub const CAPACITY_RANGE_TOO_LONG: &str = "期間は2年以内で指定してください。";
pub const CAPACITY_EXPORT: &str = "CSV に保存…";
pub const CAPACITY_EXPORT_XLSX: &str = "Excel に保存…";
pub const CAPACITY_EXPORT_DIALOG: &str = "稼働状況の CSV の保存先";
pub const CAPACITY_NO_SESSIONS: &str = "この期間に開く枠はありません。";
pub const CAPACITY_UPCOMING: &str = "これから4週間で満席・残りわずかの回";
pub const CAPACITY_UPCOMING_NONE: &str = "満席や残りわずかの回はありません。";
pub const CAPACITY_FULL: &str = "満";
pub const CAPACITY_NEARLY_FULL: &str = "残りわずか";
pub const CAPACITY_PEAK: &str = "最大同時人数";
pub const CAPACITY_FREE_PLACES: &str = "空き（人）";
pub const CAPACITY_BOOKED_SLOTS: &str = "予約済みの枠";
pub const CAPACITY_FREE_SLOTS: &str = "空き枠";
pub const CAPACITY_SESSIONS: &str = "回ごとの数字";
pub const CAPACITY_COLUMNS: &[&str] =
    &["日付", "時間・サービス", "予約", "最大／定員・枠", "空き", "待ち", "キャンセル", "欠席", "30分ごとの人数"];
pub const SETTINGS_BUTTON: &str = "設定";
pub const SETTINGS_TITLE: &str = "設定（管理者）";
pub const SETTINGS_TAB_SERVICES: &str = "サービス";
pub const SETTINGS_TAB_CLOSURES: &str = "休業";
pub const SETTINGS_TAB_EVENTS: &str = "プログラムの開催日";
pub const SETTINGS_TAB_TO_CALL: &str = "要連絡の予約";
pub const SETTINGS_TAB_ORGANISATION: &str = "団体";
pub const SERVICE_NAME: &str = "名前";
pub const SERVICE_SHORT_NAME: &str = "短い名前（週の表示）";
pub const SERVICE_STAFF: &str = "担当";
pub const CAPACITY_CHANGE_FROM: &str = "変更日";
pub const CAPACITY_CHANGE_TODAY: &str = "今日から";
pub const CAPACITY_CHANGE_PAST: &str = "定員の変更日は今日以降にしてください（過ぎた回の定員は変えません）";
pub const SERVICE_CAPACITY: &str = "定員（同時に）";
pub const SERVICE_CALLERS: &str = "1枠の人数";
pub const SERVICE_LENGTHS: &str = "相談の長さ（分）";
pub const SERVICE_STATUS: &str = "状態";
pub const SERVICE_HOLIDAYS: &str = "祝日";
pub const SERVICE_RUNS_ON_HOLIDAYS: &str = "祝日も実施する";
pub const SERVICE_WINDOWS: &str = "毎週の時間帯";
pub const SERVICE_ADD_WINDOW: &str = "＋ 時間帯を追加";
pub const SERVICE_PERIOD: &str = "実施期間";
pub const SERVICE_PERIOD_HINT: &str = "空欄なら期間の定めなし";
pub const REMOVE: &str = "削除";
pub const FIELD_NEEDED: &str = "入力してください";
pub const LENGTHS_NOT_UNDERSTOOD: &str = "15分単位の分数をカンマで区切って入力してください（例: 30,60）";
pub const TIMES_NOT_UNDERSTOOD: &str = "時刻が読めません（例: 13:00〜15:00、始まりは終わりより前）";
pub const PERIOD_NOT_UNDERSTOOD: &str = "始まりと終わりの日付を入力してください（例: 2026-04-01 〜 2026-05-31）";
pub const CLOSURES_NOW: &str = "登録済みの休業";
pub const CLOSURES_NONE: &str = "休業の登録はありません。";
pub const CLOSURE_NEW: &str = "休業を追加";
pub const CLOSURE_SERVICE: &str = "対象";
pub const CLOSURE_ALL_SERVICES: &str = "すべてのサービス";
pub const CLOSURE_FROM: &str = "休業の初日";
pub const CLOSURE_TO: &str = "休業の最終日";
pub const CLOSURE_REASON: &str = "理由";
pub const CLOSURE_REASON_NEEDED: &str = "休業の理由を入力してください";
pub const CLOSURE_BACKWARDS: &str = "最終日が初日より前になっています";
pub const CLOSURE_ADD: &str = "休業を登録";
pub const EVENTS_NOW: &str = "これからの開催日";
pub const EVENTS_NONE: &str = "開催日の登録はありません。";
pub const EVENT_NEW: &str = "開催日を追加";
pub const EVENT_PROGRAM: &str = "プログラム";
pub const EVENT_DATE: &str = "開催日";
pub const EVENT_START: &str = "開始";
pub const EVENT_END: &str = "終了";
pub const EVENT_CAPACITY: &str = "定員";
pub const EVENT_NOTES: &str = "メモ（会場など）";
pub const EVENT_ADD: &str = "開催日を登録";
pub const ORGANISATION_NAME: &str = "団体名";
pub const ORGANISATION_PHONE: &str = "電話番号";
pub const ORGANISATION_EMAIL: &str = "メールアドレス";
pub const ORGANISATION_DESK_HOURS: &str = "受付時間";
pub const CHANGE_HITS_BOOKINGS: &str =
    "件の予約がこの変更で日時を失います。予約は消さずに「要連絡」にします。各会員に電話で連絡してください。";
pub const CHANGE_CONFIRM: &str = "変更して要連絡にする";
pub const CHANGE_SAVED: &str = "変更しました。";
pub const CHANGE_SAVED_TO_CALL: &str = "変更しました。要連絡の予約";
pub const TO_CALL_EXPLAINED: &str =
    "休業や日程の変更で日時を失った予約です。会員に連絡したら「連絡済み」を押してください。";
pub const TO_CALL_NONE: &str = "連絡が必要な予約はありません。";
pub const CALL_DONE: &str = "連絡済み";
pub const TO_CALL_MARK: &str = "要連絡";
// --- Mail (issue 4) ---
pub const MAIL_BUTTON: &str = "メール";
pub const MAIL_TITLE: &str = "メール — 送信状況と設定";
pub const MAIL_TAB_SEND_LIST: &str = "当日の参加案内";
pub const MAIL_TAB_OUTBOX: &str = "送信履歴";
pub const MAIL_TAB_SETTINGS: &str = "送信設定";
pub const MAIL_TAB_TEMPLATES: &str = "文面";
pub const MAIL_TEMPLATE_CUSTOM: &str = "このサービス用に編集した文面です。";
pub const MAIL_TEMPLATE_DEFAULT: &str =
    "プログラムの既定の文面です。編集して保存すると、このサービスの文面になります。";
pub const MAIL_TEMPLATE_PLACEHOLDERS: &str = "差し込み項目";
pub const MAIL_TEMPLATE_SUBJECT: &str = "件名";
pub const MAIL_TEMPLATE_BODY: &str = "本文";
pub const MAIL_TEMPLATE_SAVE: &str = "文面を保存";
pub const MAIL_TEMPLATE_RESET: &str = "既定の文面に戻す";
pub const MAIL_TEMPLATE_SAVED: &str = "文面を保存しました。次に作られるメールから使われます。";
pub const MAIL_SEND_NOW: &str = "今すぐ送信";
pub const MAIL_NO_GROUP_SESSION: &str = "この日はグループの実施日ではありません。";
pub const MAIL_NO_PARTICIPANTS: &str = "確定した参加者はいません。";
pub const MAIL_DEADLINE: &str = "締切";
pub const MAIL_MEETING_ID: &str = "ミーティングID";
pub const MAIL_PASSCODE: &str = "パスコード";
pub const MAIL_ACCESS_MISSING: &str = "この日のミーティング情報が未登録です。登録するまで参加案内は送られません。";
pub const MAIL_ACCESS_FOR_DATE: &str = "この日の分として登録";
pub const MAIL_ACCESS_AS_DEFAULT: &str = "既定として登録（毎回同じとき）";
pub const MAIL_ACCESS_SAVE: &str = "ミーティング情報を登録";
pub const MAIL_ACCESS_SAVED: &str = "ミーティング情報を登録しました";
pub const MAIL_COLUMN_ADDRESS: &str = "宛先";
pub const MAIL_COLUMN_KIND: &str = "種類";
pub const MAIL_COLUMN_SEND_STATE: &str = "送信状況";
pub const MAIL_LATE: &str = "後から確定";
pub const MAIL_PAST_DEADLINE: &str =
    "締切を過ぎても届いていない方がいます。お電話でミーティングIDとパスコードをお伝えください。";
pub const MAIL_MARK_CALLED: &str = "連絡済";
pub const MAIL_RETRY: &str = "再送";
pub const MAIL_NOTHING_SENT: &str = "この日のメールはありません。";
pub const MAIL_SMTP_HOST: &str = "SMTP サーバー";
pub const MAIL_SMTP_HOST_HINT: &str = "空欄なら送信フォルダに .eml で保存";
pub const MAIL_SMTP_PORT: &str = "ポート";
pub const MAIL_SMTP_SECURITY: &str = "暗号化";
pub const MAIL_SECURITY_STARTTLS: &str = "STARTTLS（587）";
pub const MAIL_SECURITY_TLS: &str = "TLS（465）";
pub const MAIL_SECURITY_NONE: &str = "なし（このパソコン上のサーバーのみ）";
pub const MAIL_SMTP_USER: &str = "ユーザー名";
pub const MAIL_SMTP_PASSWORD: &str = "パスワード";
pub const MAIL_SMTP_PASSWORD_HINT: &str = "OS の資格情報の保管庫に保存（空欄なら変更なし）";
pub const MAIL_SMTP_TIMEOUT: &str = "タイムアウト（秒）";
pub const MAIL_FROM: &str = "差出人";
pub const MAIL_OUTBOX_DIR: &str = "送信フォルダ";
pub const MAIL_ACCESS_DEADLINE: &str = "参加案内の締切";
pub const MAIL_ACCESS_SEND_FROM: &str = "参加案内を送り始める時刻";
pub const MAIL_SAVE_SETTINGS: &str = "設定を保存";
pub const MAIL_SETTINGS_SAVED: &str = "設定を保存しました";
pub const MAIL_PASSWORD_SAVED: &str = "パスワードを保管庫に保存しました";
pub const MAIL_TEST_ADDRESS: &str = "テストの宛先";
pub const MAIL_SEND_TEST: &str = "テストメールを送信";
pub const MAIL_TEST_QUEUED: &str = "テストメールを送信に回しました。結果は下の送信状況と「送信履歴」に出ます。";
pub const MAIL_SENDER_IDLE: &str = "メール: 待機中";
pub const MAIL_SENDER_SENDING: &str = "メール送信中";
pub const MAIL_FAILED_HOW_TO_HANDLE: &str =
    "宛先やサーバーを直したら「再送」、届かない場合は会員に電話して「連絡済」にしてください。";
pub const MAIL_CALLED_INSTEAD: &str = "メールの代わりに電話で伝えた";

/// The failed messages waiting for the desk, in the mail window and the status bar.
pub fn failed_messages(count: usize) -> String {
    format!("送れなかったメールが {count} 件あります（対応が必要です）")
}

pub const MAIL_SENDER_FAILED: &str = "メールを送れませんでした";
pub const MAIL_SENDER_OFF: &str = "メール: 自動送信は動いていません（madoguchi send-due で送れます）";

// The mail window's receiving settings: the mailbox read for booking requests.
pub const MAIL_TAB_INTAKE: &str = "受信設定";
pub const INTAKE_SETTINGS_HEADING: &str = "受信（メールの予約依頼）";
pub const INTAKE_SETTINGS_EXPLAINED: &str = "団体のメールボックスを読み取り専用で読み、予約依頼のメールを「メールの予約依頼」に取り込みます。サーバーのメールを移動・削除したり既読にしたりはしません。";
pub const IMAP_HOST: &str = "受信サーバー（IMAP）";
pub const IMAP_HOST_HINT: &str = "例: imap.example.jp（空欄なら受信しない）";
pub const IMAP_PORT: &str = "受信ポート";
pub const IMAP_SECURITY: &str = "受信の暗号化";
pub const IMAP_SECURITY_TLS: &str = "TLS（993）";
pub const IMAP_SECURITY_STARTTLS: &str = "STARTTLS（143）";
pub const IMAP_SECURITY_NONE: &str = "暗号化なし（このパソコン上のサーバーのみ）";
pub const IMAP_USER: &str = "受信のユーザー名";
pub const IMAP_PASSWORD: &str = "受信のパスワード";
pub const IMAP_MAILBOX: &str = "受信フォルダ";
pub const IMAP_MAILBOX_HINT: &str = "空欄なら INBOX";
pub const IMAP_CA_FILE: &str = "信頼する証明書ファイル";
pub const IMAP_CA_FILE_HINT: &str = "社内サーバーなど独自の証明書のときだけ（PEM 形式）";
pub const IMAP_CA_FILE_CHOOSE: &str = "ファイルを選ぶ…";
pub const IMAP_CA_FILE_DIALOG_TITLE: &str = "信頼する証明書ファイルを選ぶ";
pub const IMAP_CA_FILE_FILTER: &str = "証明書（PEM）";
pub const IMAP_CA_FILE_TYPE_PATH: &str = "このパソコンではファイルを選ぶ画面を開けません。「信頼する証明書ファイル」の欄にファイルの場所（パス）を入力してください。";
pub const INTAKE_KEEP_DAYS: &str = "依頼メールの保存日数";
pub const INTAKE_KEEP_DAYS_HINT: &str = "対応後この日数で本文を削除（0〜3650、既定 30）";
pub const INTAKE_SETTINGS_SAVE: &str = "受信の設定を保存";
pub const INTAKE_SETTINGS_SAVED: &str = "受信の設定を保存しました";
pub const INTAKE_PASSWORD_SAVED: &str = "受信の設定を保存し、パスワードを保管庫に保存しました";
pub const IMAP_TRY: &str = "受信を試す";
pub const IMAP_TRYING: &str = "受信サーバーに接続しています…";
pub const IMAP_TRY_NOT_SET: &str = "受信サーバーとユーザー名を入力してください";
pub const IMAP_TRY_FAILED: &str = "受信を試せませんでした";
// --- Day list and attendance (issue 5) ---
pub const DAY_LIST_BUTTON: &str = "当日名簿";
pub const DAY_LIST_TITLE: &str = "当日名簿の印刷・保存";
pub const DAY_LIST_DATE: &str = "日付";
pub const DAY_LIST_INCLUDE_THEMES: &str = "話したいテーマを載せる";
pub const DAY_LIST_OPEN_PDF: &str = "PDFを開く（印刷）";
pub const DAY_LIST_SAVE_XLSX: &str = "Excelに保存";
pub const DAY_LIST_SAVE_PDF: &str = "PDFを保存";
pub const DAY_LIST_SAVE_CSV: &str = "CSVを保存";
pub const DAY_LIST_ENCODING: &str = "CSVの文字コード";
pub const DAY_LIST_WORKING: &str = "作成中…";
pub const DAY_LIST_OPENED: &str = "PDFをビューアーに渡しました。開いたらビューアーの印刷ボタンから印刷してください。";
pub const DAY_LIST_SAVED: &str = "保存しました";
pub const DAY_LIST_CANCELLED: &str = "保存先が選ばれなかったため、保存していません。";
pub const DAY_LIST_NO_VIEWER: &str = "PDFは作りましたが、開くビューアーがありません";
pub const DAY_LIST_MADE_AT: &str = "作ったPDF";
pub const DAY_LIST_FAILED: &str = "当日名簿を作れませんでした";
pub const DAY_LIST_CANNOT_OPEN: &str = "PDFビューアーを開けませんでした";
pub const DAY_LIST_PRIVACY: &str = "個人情報を含みます。印刷・保存は記録されます。";
pub const ATTENDANCE_BUTTON: &str = "出欠の入力";
pub const ATTENDANCE_TITLE: &str = "出欠の入力（紙の名簿から）";
pub const ATTENDANCE_HELP: &str = "↑↓ で選び、1 = 出席、2 = 欠席、0 = 取り消し（次の行へ進みます）";
pub const ATTENDANCE_NONE: &str = "この日に出欠を付ける予約はありません。";
pub const ATTENDANCE_UNMARKED: &str = "未入力";
pub const ATTENDANCE_UNDO: &str = "取り消し";
pub const ATTENDANCE_PREVIOUS_DAY: &str = "◀ 前日";
pub const ATTENDANCE_NEXT_DAY: &str = "翌日 ▶";
pub const TASK_STOPPED: &str = "処理が途中で止まりました。もう一度お試しください。";
pub const CHOOSING_FILE: &str = "ファイルを選んでいます…";
pub const NO_FILE_DIALOG: &str =
    "このパソコンではファイルを選ぶ画面を開けません。下の欄にパス（保存先やファイルの場所）を入力してください。";
pub const PATH_LABEL: &str = "パス";
pub const SAVE_TO_PATH: &str = "このパスに保存";
pub const USE_THIS_FILE: &str = "このファイルを使う";
pub const USE_THIS_FOLDER: &str = "このフォルダにする";
pub const NOTHING_CHOSEN: &str = "ファイルが選ばれなかったため、何もしていません。";
pub const NO_XDG_OPEN: &str = "PDFを開くアプリに渡す xdg-open がこのパソコンにありません";
pub const HONORIFIC: &str = "様";
pub const FILE_UNREADABLE: &str = "を読めません";
pub const BACKED_UP_TO: &str = "にバックアップしました";

/// "3人を取り込みました。登録済みの 1人は上書きしていません。"
pub fn imported(added: usize, existing: usize) -> String {
    let mut message = format!("{added}人を取り込みました。");
    if existing > 0 {
        message.push_str(&format!("登録済みの {existing}人は上書きしていません。"));
    }
    message
}
pub const SAVED_TO: &str = "に保存しました";
pub const CANNOT_SAVE_TO: &str = "に保存できません";

/// The suggested name of the capacity CSV: "稼働状況-20261123-20261129.csv".
pub fn capacity_file_name(from: chrono::NaiveDate, to: chrono::NaiveDate, extension: &str) -> String {
    format!("稼働状況-{}-{}.{extension}", from.format("%Y%m%d"), to.format("%Y%m%d"))
}

/// After a restore: where the data from before it was kept.
pub fn kept_before_restore(path: &str) -> String {
    format!("。復元前のデータは {path} に保存しました。")
}
pub const WINDOW_FAILED: &str = "画面を開けませんでした";
pub const AUTO_BACKUP_FAILED: &str = "自動バックアップに失敗しました";
pub const MEMBER_NAME_HINT: &str = "山田 花子";
pub const MEMBER_KANA_HINT: &str = "やまだ はなこ";
pub const FOCUS_MARK: &str = "▶";
pub const NO_FOCUS_MARK: &str = "　";
pub const IMPORT_READY: &str = "取り込める会員";
pub const NO_CHANGE_YET: &str = "なし";

/// "会員 120 人、予約 532 件、最後の変更 2026-11-20 15:02": what a backup holds.
pub fn backup_holds(members: i64, bookings: i64, latest_change: &str) -> String {
    format!("会員 {members} 人、予約 {bookings} 件、最後の変更 {latest_change}")
}

// Lines put together from the data; the words and their order are the Japanese ones.

/// Separates the items of a short list: 保健室・デイケア.
pub const LIST_SEPARATOR: &str = "・";
pub const ITEMS_SUFFIX: &str = "件";

/// "山田 花子 様".
pub fn with_honorific(name: &str) -> String {
    format!("{name} {HONORIFIC}")
}

/// "1234  山田 花子 様（やまだ はなこ）  044-863-8444": a member in the search list.
pub fn member_choice(number: &str, name: &str, kana: &str, phone: &str) -> String {
    format!("{number}  {name} {HONORIFIC}（{kana}）  {phone}")
}

/// "1234 山田 花子 様（やまだ はなこ） 044-863-8444": the member chosen.
pub fn member_line(number: &str, name: &str, kana: &str, phone: &str) -> String {
    format!("{number} {name} {HONORIFIC}（{kana}） {phone}")
}

/// "30分".
pub fn minutes(minutes: u16) -> String {
    format!("{minutes}分")
}

/// "2番 1234 山田 花子 様 044-863-8444 13:00〜15:00": a waitlisted member to call.
pub fn waitlist_call_line(
    position: impl std::fmt::Display,
    number: &str,
    name: &str,
    phone: &str,
    hours: &str,
) -> String {
    format!("{position}番 {number} {name} {HONORIFIC} {phone} {hours}")
}

/// "1234 山田 花子 様 13:00〜15:00 予約済み": the booking chosen in the side panel.
pub fn booking_heading(number: &str, name: &str, hours: &str, state: &str) -> String {
    format!("{number} {name} {HONORIFIC} {hours} {state}")
}

/// "待ち 2番".
pub fn waiting_position(position: impl std::fmt::Display) -> String {
    format!("待ち {position}番")
}

/// How the audit log's actions read at the desk.
pub fn audit_action(action: &str) -> &str {
    match action {
        "booking.add" => "登録",
        "booking.cancel" => "キャンセル",
        "booking.attendance" => "出欠",
        "booking.promote" => "繰り上げ",
        "booking.move" => "日時の変更",
        other => other,
    }
}

/// "出席 3 ・ 欠席 1 ・ 未入力 5".
pub fn labelled_counts(parts: &[(&str, usize)]) -> String {
    parts.iter().map(|(label, count)| format!("{label} {count}")).collect::<Vec<_>>().join(" ・ ")
}

/// "members.csv（文字コード: UTF-8、12行）".
pub fn import_file_line(path: &str, encoding: &str, rows: usize) -> String {
    format!("{path}（{IMPORT_ENCODING}: {encoding}、{rows}行）")
}

/// "水曜".
pub fn weekday_name(kanji: &str) -> String {
    format!("{kanji}曜")
}

/// "12/5(土) 10:00〜12:00　料理教室　定員 12人　持ち物: エプロン".
pub fn program_event_line(
    date: &str,
    hours: &str,
    name: &str,
    capacity: impl std::fmt::Display,
    notes: &str,
) -> String {
    format!("{date} {hours}　{name}　定員 {capacity}人　{notes}")
}

/// "3/3枠": a consultation's slots used of offered.
pub fn slots_used(used: impl std::fmt::Display, of: impl std::fmt::Display) -> String {
    format!("{used}/{of}枠")
}

/// "9/10人": a group's peak of its places.
pub fn places_used(used: impl std::fmt::Display, of: impl std::fmt::Display) -> String {
    format!("{used}/{of}人")
}

/// "2026年11月".
pub fn year_month(year: i32, month: u32) -> String {
    format!("{year}年{month}月")
}

/// "25日(水)": a day's heading in a narrow column.
pub fn day_of_month(day: u32, weekday: &str) -> String {
    format!("{day}日({weekday})")
}

/// A cancellation in a booking's history: 「キャンセル（理由: 体調不良）」.
pub fn cancelled_because(reason: &str) -> String {
    format!("キャンセル（理由: {reason}）")
}

/// A start chosen in the form that another desk or program booked meanwhile.
pub fn start_taken_meanwhile(start: impl std::fmt::Display) -> String {
    format!("{start} はたった今ほかで予約が入りました。空いている時刻から選び直してください")
}

// Members' requests about their data (開示・訂正・削除) and the retention review: the
// manager's window.
pub const PRIVACY_BUTTON: &str = "個人情報の請求";
pub const PRIVACY_TITLE: &str = "個人情報の請求（開示・訂正・削除）";
pub const PRIVACY_EXPLAINED: &str = "会員本人（または代理人）から、保有している個人情報の開示・訂正・削除を求められたときに使います。本人であることを確かめてから対応し、その記録を残します。";
pub const PRIVACY_NUMBER: &str = "会員番号";
pub const PRIVACY_FIND: &str = "呼び出す";
pub const PRIVACY_NOT_FOUND: &str = "この会員番号の会員はいません（削除済みの会員も呼び出せません）";
pub const PRIVACY_CONSENT_ON: &str = "個人情報の取扱いに同意";
pub const PRIVACY_BOOKINGS: &str = "予約";
pub const PRIVACY_PAST_REQUESTS: &str = "これまでの請求";
pub const PRIVACY_KIND: &str = "請求の内容";
pub const PRIVACY_ORIGIN_MEMBER: &str = "会員本人・代理人からの請求";
pub const PRIVACY_ORIGIN_MANAGER: &str = "管理者の判断（保存期間の確認）";
pub const PRIVACY_REQUESTED_BY: &str = "請求した人";
pub const PRIVACY_REQUESTED_BY_HINT: &str = "本人、または 長女（代理人） など";
pub const PRIVACY_IDENTITY: &str = "本人確認の方法";
pub const PRIVACY_IDENTITY_HINT: &str = "例: 会員証と登録の電話番号で確認";
pub const PRIVACY_RECEIVED: &str = "受付日";
pub const PRIVACY_RECEIVED_WRONG: &str = "受付日は 2026-11-25 の形で入力してください";
pub const PRIVACY_NO_NAMES: &str =
    "この記録は削除の後も残ります。会員の氏名・電話番号・メールアドレスは書かないでください。";
pub const DISCLOSE_PDF: &str = "開示: PDF を保存…";
pub const DISCLOSE_CSV: &str = "開示: CSV を保存…";
pub const DISCLOSE_DIALOG: &str = "開示の書類の保存先";
pub const DISCLOSE_WORKING: &str = "開示の書類を作成中…";
pub const CORRECTION_OPEN: &str = "記録して会員の編集を開く";
pub const CORRECTION_RECORDED: &str =
    "訂正の請求を記録しました。会員の編集で直して保存してください（変更は記録に残ります）。";
pub const ERASE_FUTURE: &str = "今後の予約があります。削除の前にキャンセルしてください:";
pub const ERASE_CANCEL_FUTURE: &str = "今後の予約をすべてキャンセルする";
pub const ERASE_CANCEL_REASON: &str = "会員の削除の請求";
pub const ERASE_REASON: &str = "削除の理由";
pub const ERASE_REASON_HINT: &str = "例: 退会のため、保存期間の経過";
pub const ERASE_WARNING: &str = "削除すると元に戻せません。氏名・ふりがな・電話番号・メールアドレス・備考、予約のテーマと備考、送ったメールの宛先と本文が消えます。予約は人数として残り、稼働状況の数字は変わりません。";
pub const ERASE_BACKUPS: &str = "削除より前に取ったバックアップには、そのバックアップが自動の整理（14日・12か月）で消えるまで元のデータが残ります。USB などに取ったバックアップは手で削除してください。";
pub const ERASE_CONFIRM: &str = "上の内容を会員に説明し、確認しました";
pub const ERASE_BUTTON: &str = "この会員の個人情報を削除する";
pub const RETENTION_HEADING: &str = "保存期間の確認";
pub const RETENTION_YEARS_LABEL: &str = "最後の予約から";
pub const RETENTION_YEARS_SUFFIX: &str = "年以上たった会員";
pub const RETENTION_NONE: &str = "該当する会員はいません。";
pub const RETENTION_PICK: &str = "確認する";
pub const RETENTION_NEVER_BOOKED: &str = "予約なし";
pub const RETENTION_EXPLAINED: &str =
    "一覧の会員を「確認する」で呼び出し、内容を見てから削除してください。自動では削除しません。";
pub const NO_CONSENT_MARK: &str = "同意未確認";
pub const RETENTION_YEARS_WRONG: &str = "年数は 1〜50 の数字で入力してください";
pub const CANCELLED_FUTURE: &str = "今後の予約をキャンセルしました";

/// `会員番号 1001 の個人情報を削除しました（予約 3 件は人数として残ります）`
pub fn erased(number: &str, bookings: usize, files: usize) -> String {
    format!(
        "会員番号 {number} の個人情報を削除しました（予約 {bookings} 件は人数として残ります。メールのファイル {files} 件を削除）"
    )
}

/// `開示の書類を保存しました: …（予約 3 件）`
pub fn disclosed(path: &std::path::Path, bookings: usize) -> String {
    format!("開示の書類を保存しました: {}（予約 {bookings} 件）", path.display())
}

// Who is at the desk, roles and PINs.
pub const SWITCH_STAFF_BUTTON: &str = "交代";
pub const SWITCH_STAFF_TITLE: &str = "窓口の交代";
pub const SWITCH_STAFF_HELP: &str = "番号のキーで交代します。PINのある人は続けてPINを入力します。";
pub const SWITCH_STAFF_CONFIRM: &str = "交代";
pub const AT_DESK_NOW: &str = "（窓口）";
pub const PIN_LABEL: &str = "PIN";
pub const PIN_WRONG: &str = "PINが違います。もう一度入力してください";
pub const PIN_CHECK_TITLE: &str = "PINの確認";
pub const PIN_WHO: &str = "確認する人";
pub const PIN_CHECK_CONFIRM: &str = "確認";
pub const STAFF_BUTTON: &str = "職員";
pub const STAFF_TITLE: &str = "職員と役割";
pub const STAFF_HELP: &str = "受付: 予約・会員　スタッフ: ＋当日名簿・出欠　管理者: ＋設定・職員・復元・取り込み・書き出し・文面の承認・監査ログ。PINは4〜8桁の数字で、ハッシュだけを保存します。";
pub const STAFF_ACTIVE: &str = "在籍";
pub const STAFF_SAVE: &str = "変更を保存";
pub const STAFF_NAME: &str = "名前";
pub const STAFF_NEW_NAME: &str = "新しい職員の名前";
pub const STAFF_ROLE: &str = "役割";
pub const STAFF_ADD: &str = "登録";
pub const STAFF_ADDED: &str = "登録しました";
pub const STAFF_SAVED: &str = "保存しました";
pub const PIN_SET: &str = "PINあり";
pub const PIN_NOT_SET: &str = "PINなし";
pub const PIN_SAVE: &str = "PINを設定";
pub const PIN_SAVED: &str = "PINを設定しました";
pub const SET_MANAGER_PIN: &str =
    "管理者のPINがまだ設定されていません。誰でも管理者に交代できます。「職員」で管理者のPINを設定してください。";
/// Who the audit log names for the backup taken on the first start of the day.
pub const AUTO_BACKUP_ACTOR: &str = "自動バックアップ";
pub const END_STAND_IN: &str = "窓口に戻す";

/// "窓口: 佐藤（受付）".
/// The toolbar's button with the number of requests waiting: 「メールの予約依頼 (3)」.
pub fn intake_button(pending: i64) -> String {
    if pending > 0 { format!("{INTAKE_BUTTON} ({pending})") } else { INTAKE_BUTTON.to_owned() }
}

/// After trying the mailbox: it answered, and how many messages its folder holds.
pub fn imap_tried(mailbox: &str, messages: u32) -> String {
    format!(
        "受信サーバーに接続できました。フォルダ「{mailbox}」には {messages} 通のメールがあります（何も変更していません）"
    )
}

/// After reading the mailbox: how many mails, how many new requests.
pub fn intake_fetched(read: usize, new: usize) -> String {
    format!("受信しました: {read} 通を読み、新しい依頼 {new} 件")
}

/// A request the desk was looking at was handled in another window or from a command.
pub fn intake_handled_elsewhere(id: i64, state: &str) -> String {
    format!("依頼 {id} はほかの窓口かコマンドで「{state}」になりました。書きかけの返信は送っていません。")
}

/// After importing dropped files: how many new requests, and the files that were not read.
pub fn intake_imported(new: usize, problems: &[String]) -> String {
    let mut line = format!("{new} 件の依頼を取り込みました。");
    if !problems.is_empty() {
        line.push_str(&format!("読めなかったファイル: {}", problems.join("、")));
    }
    line
}

pub fn at_desk_label(name: &str, role: &str) -> String {
    format!("窓口: {name}（{role}）")
}

/// "鈴木（管理者）が確認して操作中 — 佐藤 に戻す".
pub fn stand_in_label(name: &str, role: &str, at_desk: &str) -> String {
    format!("{name}（{role}）がPINで確認して操作中。閉じると {at_desk} に戻ります")
}

/// "1  佐藤（受付）PINあり（窓口）".
pub fn staff_choice(number: usize, name: &str, role: &str, has_pin: bool, here: &str) -> String {
    let pin = if has_pin { " PINあり" } else { "" };
    format!("{number}  {name}（{role}）{pin}{here}")
}

/// "この操作は管理者だけができます。管理者がPINを入力してください。"
pub fn needs_role(role: &str) -> String {
    format!("この操作は{role}だけができます。{role}がPINを入力してください。")
}

pub fn no_pin_for_role(role: &str) -> String {
    format!("PINを設定した{role}がいません。F2 で{role}に交代してから行ってください。")
}

/// The PIN field's label in the staff list: "佐藤のPIN".
pub fn staff_pin_label(name: &str) -> String {
    format!("{name}のPIN")
}

// The audit log.
pub const AUDIT_BUTTON: &str = "監査ログ";
pub const AUDIT_TITLE: &str = "監査ログ";
pub const AUDIT_MEMBER: &str = "会員";
pub const AUDIT_MEMBER_FIELD: &str = "会員番号・氏名";
pub const AUDIT_MEMBER_HINT: &str = "ふりがなでも";
pub const AUDIT_STAFF: &str = "職員";
pub const AUDIT_ANYONE: &str = "全員";
pub const AUDIT_ACTION: &str = "操作";
pub const AUDIT_ANY: &str = "すべて";
pub const AUDIT_FROM: &str = "開始日";
pub const AUDIT_TO: &str = "終了日";
pub const AUDIT_SEARCH: &str = "検索";
pub const AUDIT_DATES_REVERSED: &str = "終了日が開始日より前です";
pub const AUDIT_EXPORT_XLSX: &str = "Excel に保存…";
pub const AUDIT_EXPORT_CSV: &str = "CSV に保存…";
pub const AUDIT_EXPORT_DIALOG: &str = "監査ログの保存先";
pub const AUDIT_AT: &str = "日時";
pub const AUDIT_CHANGE: &str = "内容";

/// "312件（新しい順）".
pub fn audit_count(count: usize) -> String {
    format!("{count}件（新しい順）")
}

/// "監査ログ-2026-11-25.xlsx".
pub fn audit_file_name(today: chrono::NaiveDate, extension: &str) -> String {
    format!("監査ログ-{}.{extension}", today.format("%Y-%m-%d"))
}

// Mail texts waiting for a manager's approval.
pub const MAIL_TEMPLATE_DRAFT_SAVED: &str = "案として保存しました。管理者が承認するまで、今の文面が送られます。";
pub const MAIL_TEMPLATE_APPROVE: &str = "この案を承認";
pub const MAIL_TEMPLATE_REJECT: &str = "案を却下";
pub const MAIL_TEMPLATE_APPROVED: &str = "承認しました。これから送るメールに使われます。";
pub const MAIL_TEMPLATE_REJECTED: &str = "案を却下しました。今の文面のままです。";
pub const MAIL_TEMPLATE_DRAFT_TO_DEFAULT: &str = "（既定の文面に戻す案）";

/// "承認待ちの案（佐藤 2026-11-25 10:12）".
pub fn template_draft_waiting(by: &str, at: &str) -> String {
    format!("承認待ちの案（{by} {}）: 送られるのは下の承認済みの文面です", at.replace('T', " "))
}
