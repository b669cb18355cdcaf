//! What can go wrong with the data, in words for the person at the desk: the one place
//! where SQLite's and the file system's errors become Japanese messages that say what to
//! do.

use std::path::PathBuf;

use crate::domain::booking::Refusal;

/// What can go wrong with the data file. Messages are for the person at the desk.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} はデータベースファイルではありません。ファイルには手を加えていません。")]
    NotADatabase { path: PathBuf },
    #[error("{path} は窓口のデータではない SQLite ファイルです。ファイルには手を加えていません。")]
    ForeignFile { path: PathBuf },
    #[error("{path} は破損しています（{detail}）。ファイルには手を加えていません。バックアップから復元してください。")]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "{path} はこのプログラムより新しい版で作られています（データの版 {found}、対応 {known} まで）。プログラムを更新してください。"
    )]
    NewerVersion { path: PathBuf, found: i32, known: i32 },
    #[error(
        "{path} のデータをこの版の形に移せませんでした（手順 {version}: {code}）。ファイルは元のままです。ファイルが窓口のものか確かめ、だめならバックアップから復元してください。"
    )]
    Migration { path: PathBuf, version: i32, code: String },
    #[error("データフォルダを作れません（{path}）: {reason}")]
    DataFolder { path: PathBuf, reason: String },
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error(transparent)]
    Capacity(#[from] crate::domain::schedule::CapacityOutOfRange),
    #[error("{0}")]
    Invalid(String),
    #[error("設定 {key} の値「{value}」が読めません。設定の画面か madoguchi config set で直してください。")]
    BadSetting { key: String, value: String },
    #[error("会員番号 {0} はすでに使われています")]
    DuplicateMemberNumber(String),
    #[error("この操作は{}だけができます", .0.label())]
    NotPermitted(crate::domain::staff::Role),
    #[error("見つかりません: {0}")]
    NotFound(String),
    #[error("この会員には今後の予約が {0} 件あります。先にキャンセルしてから削除してください。")]
    FutureBookings(usize),
    #[error("この会員のデータはすでに削除されています")]
    AlreadyErased,
    /// A data request's field is wrong: the message goes next to that field.
    #[error("{1}")]
    BadRequest(crate::domain::privacy::RequestField, String),
    #[error(
        "ほかの窓口の画面かプログラムがデータを書き込み中のため、保存できませんでした。少し待ってからもう一度お試しください（入力した内容はそのままです）。"
    )]
    Busy,
    #[error("データのファイルかフォルダが読み取り専用のため、書き込めません。ファイルの場所と権限を確認してください。")]
    ReadOnly,
    #[error("ディスクがいっぱいで書き込めません。空きを作ってから、もう一度お試しください。")]
    DiskFull,
    #[error("ディスクの読み書きに失敗しました。ディスクやUSBメモリが外れていないか確認してください（{0}）。")]
    DiskIo(String),
    #[error("データのファイルを開けません。場所と権限を確認してください（{0}）。")]
    CannotOpen(String),
    #[error("データベースの操作に失敗しました: {0}")]
    Sqlite(rusqlite::Error),
    #[error("記録の書き出しに失敗しました: {0}")]
    Json(#[from] serde_json::Error),
}

impl StoreError {
    /// Whether the store turned the action down for a reason the person at the desk can
    /// act on (a rule, a wrong value, a missing or duplicate record, another desk writing
    /// at that moment), rather than failing.
    /// Views show a refusal next to what was asked and keep what was typed.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            StoreError::Busy
                | StoreError::Refused(_)
                | StoreError::Capacity(_)
                | StoreError::Invalid(_)
                | StoreError::NotFound(_)
                | StoreError::NotPermitted(_)
                | StoreError::DuplicateMemberNumber(_)
                | StoreError::FutureBookings(_)
                | StoreError::AlreadyErased
                | StoreError::BadRequest(..)
        )
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode;
        match error.sqlite_error_code() {
            // busy_timeout has run out: another connection holds the write lock.
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::SystemIoFailure) => StoreError::DiskIo(error.to_string()),
            Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => StoreError::CannotOpen(error.to_string()),
            _ => StoreError::Sqlite(error),
        }
    }
}

/// What went wrong with a file or folder, in Japanese, for a message that names it.
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let what = match error.kind() {
        ErrorKind::NotFound => "見つかりません",
        ErrorKind::PermissionDenied => "権限がありません",
        ErrorKind::AlreadyExists => "同じ名前のものがすでにあります",
        ErrorKind::StorageFull => "ディスクがいっぱいです",
        ErrorKind::ReadOnlyFilesystem => "読み取り専用の場所です",
        ErrorKind::NotADirectory => "途中にフォルダではないものがあります",
        ErrorKind::IsADirectory => "フォルダです",
        ErrorKind::InvalidFilename => "使えない文字が名前に含まれています",
        ErrorKind::ResourceBusy => "ほかのプログラムが使用中です",
        _ => return format!("読み書きできません（{error}）"),
    };
    what.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_errors_a_person_can_act_on_get_their_own_message() {
        let code = |code: i32| {
            StoreError::from(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), Some("english".into())))
        };
        assert!(matches!(code(rusqlite::ffi::SQLITE_BUSY), StoreError::Busy));
        assert!(matches!(code(rusqlite::ffi::SQLITE_LOCKED), StoreError::Busy));
        assert!(matches!(code(rusqlite::ffi::SQLITE_READONLY), StoreError::ReadOnly));
        assert!(matches!(code(rusqlite::ffi::SQLITE_FULL), StoreError::DiskFull));
        assert!(matches!(code(rusqlite::ffi::SQLITE_IOERR), StoreError::DiskIo(_)));
        for error in [StoreError::Busy, StoreError::ReadOnly, StoreError::DiskFull] {
            let text = error.to_string();
            assert!(!text.is_ascii() && !text.contains("database"), "{text}");
        }
        assert!(StoreError::Busy.is_refusal(), "the desk tries again with what was typed");
    }

    #[test]
    fn io_errors_are_said_in_japanese() {
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(io_reason(&denied), "権限がありません");
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert_eq!(io_reason(&full), "ディスクがいっぱいです");
    }
}
