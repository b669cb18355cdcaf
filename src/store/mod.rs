//! The SQLite store: one file holds the organisation's members, schedule and bookings.
//!
//! Opening checks that the file is madoguchi's own and undamaged before anything writes
//! to it; the schema grows by numbered migrations (`PRAGMA user_version`). Every change to
//! a member or a booking is written together with its audit row, and every
//! check-then-write runs in a `BEGIN IMMEDIATE` transaction, so two desks cannot both
//! take the last place.
//!
//! The store's surface is the methods of [`Store`] and the read models below, grouped by
//! concern, one module each. The rules themselves live in `domain`; the store only reads
//! what they need and writes what they allow, so a second engine (a database server
//! shared by several desks) would implement the same methods:
//!
//! - **file**: [`Store::open`], [`Store::path`], [`Store::set_actor`], [`Store::history`],
//!   [`Store::record_event`] (this module);
//! - **members**: add, update, find by number, the search index, import (`members`);
//! - **schedule**: the services, windows, periods, closures and events as the domain's
//!   `Schedule` (`schedule`), and the manager's changes with their preview (`schedule_changes`);
//! - **bookings**: book, cancel, move, promote, attendance, the free starts and the
//!   alternatives to offer (`bookings`); the doctor's email consultations (`email_consultations`);
//! - **read models** for the screens and prints: the week (`week`), the day list
//!   (`day_list`), the capacity figures (`capacity`);
//! - **mail**: the outbox rows and their claims (`outbox`), the meeting access and the
//!   day's send list (`meeting_access`), the stored templates (`mail_templates`);
//! - **settings and the organisation**, with the defaults the store uses (`settings`).

mod bookings;
mod capacity;
mod day_list;
mod demo;
mod email_consultations;
mod mail_templates;
mod meeting_access;
mod members;
mod outbox;
mod schedule;
mod schedule_changes;
mod seed;
mod settings;
mod week;

// Members.
pub use crate::domain::member::NewMember;
pub use members::ImportOutcome;
// Schedule.
pub use schedule_changes::{ScheduleChange, ServiceSettings};
// Bookings.
pub use bookings::{BookingLine, WhenFull};
pub use email_consultations::EmailConsultationLine;
// Read models.
pub use capacity::CapacityReport;
pub use day_list::{AccessMail, DayLine, DayList, DayListOutput, DaySession, PhoneCall, Waitlist, WaitlistLine};
pub use week::{DayOverview, EmailAppointment, SessionOverview, WeekOverview};
// Mail.
pub use meeting_access::{AccessListLine, AccessSendList, MeetingAccess};
pub use outbox::{OutboxLine, Outgoing};
// Settings and the organisation.
pub use settings::{ACCESS_DEADLINE, ACCESS_SEND_FROM, AccessTimes, Organisation};
// Demo data for trying the program and for benchmarks.
pub use demo::{DemoOptions, DemoSummary};

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior, params};
use serde::Serialize;

use crate::domain::booking::Refusal;

/// `PRAGMA application_id` of madoguchi's databases: 'MDGC'.
pub const APPLICATION_ID: i32 = 0x4D44_4743;

/// The migrations in order; `user_version` counts how many have been applied.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_init.sql"),
    include_str!("migrations/002_mail.sql"),
    include_str!("migrations/003_manager.sql"),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

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
    #[error("データフォルダを作れません（{path}）: {source}")]
    DataFolder { path: PathBuf, source: std::io::Error },
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
    #[error("見つかりません: {0}")]
    NotFound(String),
    #[error("データベースの操作に失敗しました: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("記録の書き出しに失敗しました: {0}")]
    Json(#[from] serde_json::Error),
}

impl StoreError {
    /// Whether the store turned the action down for a reason the person at the desk can
    /// act on (a rule, a wrong value, a missing or duplicate record), rather than failing.
    /// Views show a refusal next to what was asked and keep what was typed.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            StoreError::Refused(_)
                | StoreError::Capacity(_)
                | StoreError::Invalid(_)
                | StoreError::NotFound(_)
                | StoreError::DuplicateMemberNumber(_)
        )
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open madoguchi database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Who is making changes, for the audit log.
    actor: String,
}

/// Where the database lives unless `--db` says otherwise: the user's data folder, e.g.
/// `~/.local/share/madoguchi/madoguchi.sqlite3` or `%APPDATA%\madoguchi\data\…`.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("jp", "pluscare", "madoguchi").map(|dirs| dirs.data_dir().join("madoguchi.sqlite3"))
}

/// The signed-in user's name, used as the actor in the audit log.
fn os_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "受付".to_owned())
}

pub(crate) fn now_text() -> String {
    chrono::Local::now().naive_local().format("%Y-%m-%dT%H:%M:%S").to_string()
}

pub(crate) fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse_date_text(text: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

pub(crate) fn parse_datetime_text(text: &str) -> rusqlite::Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// A value read from a column that the CHECK constraints should have kept valid.
pub(crate) fn bad_column(what: &str, value: impl std::fmt::Display) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("unexpected {what}: {value}").into(),
    )
}

/// What a file on disk turned out to be.
enum Inspection {
    /// No file, an empty file, or an empty SQLite database: safe to set up.
    Fresh,
    /// Ours, at this schema version.
    Ours { version: i32 },
}

impl Store {
    /// Opens the database at `path`, creating it (and its folder) and seeding the default
    /// configuration on first use. A file that is not madoguchi's, is damaged, or was
    /// written by a newer version is refused without being changed.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|source| StoreError::DataFolder { path: parent.to_owned(), source })?;
        }
        let inspection = inspect(path)?;
        let conn = Connection::open(path)?;
        let mut store = Store { conn, path: path.to_owned(), actor: os_user() };
        store.configure()?;
        store.migrate(&inspection)?;
        seed::seed_defaults_if_new(&mut store)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Who changes are attributed to in the audit log from now on.
    pub fn set_actor(&mut self, actor: impl Into<String>) {
        self.actor = actor.into();
    }

    /// Connection settings that hold for every connection, outside any transaction.
    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(Duration::from_secs(10))?;
        // WAL lets the day list be read while the desk books; with synchronous=FULL a
        // committed transaction survives a power cut.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(())
    }

    fn migrate(&mut self, inspection: &Inspection) -> Result<()> {
        let from = match inspection {
            Inspection::Fresh => 0,
            Inspection::Ours { version } => *version,
        };
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Another instance may have migrated while we waited for the lock.
            let current: i32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
            if current > index as i32 {
                continue;
            }
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", index as i32 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Runs `work` in a `BEGIN IMMEDIATE` transaction: the write lock is taken before the
    /// first read, so what was checked is still true when it is written.
    pub(crate) fn write<T>(&mut self, work: impl FnOnce(&Transaction<'_>, &str) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx, &self.actor)?;
        tx.commit()?;
        Ok(value)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Records an action on the whole database (a backup, a restore) in the audit log.
    pub fn record_event(&mut self, action: &str, detail: &str) -> Result<()> {
        let detail = detail.to_owned();
        self.write(|tx, actor| audit(tx, actor, action, "database", 0, None::<&String>, Some(&detail)))
    }

    /// Folds the write-ahead log into the file and closes the connection, so the file can
    /// be replaced.
    pub(crate) fn close_for_swap(self) -> Result<()> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        self.conn.close().map_err(|(_, e)| StoreError::Sqlite(e))
    }

    /// The audit rows of one member or booking, oldest first: (at, actor, action, before, after).
    pub fn history(&self, entity: &str, entity_id: i64) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, actor, action, before, after FROM audit_log
             WHERE entity = ?1 AND entity_id = ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![entity, entity_id], |r| {
            Ok(AuditEntry { at: r.get(0)?, actor: r.get(1)?, action: r.get(2)?, before: r.get(3)?, after: r.get(4)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// One row of the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Writes an audit row for a change to `entity` inside the transaction that makes it.
pub(crate) fn audit(
    tx: &Transaction<'_>,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: i64,
    before: Option<&impl Serialize>,
    after: Option<&impl Serialize>,
) -> Result<()> {
    let before = before.map(serde_json::to_string).transpose()?;
    let after = after.map(serde_json::to_string).transpose()?;
    tx.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![now_text(), actor, action, entity, entity_id, before, after])?;
    Ok(())
}

/// Looks at `path` through a read-only connection: nothing here can change the file.
fn inspect(path: &Path) -> Result<Inspection> {
    match std::fs::metadata(path) {
        Err(_) => return Ok(Inspection::Fresh),
        Ok(meta) if meta.len() == 0 => return Ok(Inspection::Fresh),
        Ok(_) => {}
    }
    let not_a_database = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase { path: path.to_owned() },
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            StoreError::Damaged { path: path.to_owned(), detail: e.to_string() }
        }
        _ => StoreError::Sqlite(e),
    };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(not_a_database)?;
    conn.busy_timeout(Duration::from_secs(10))?;
    let application_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(not_a_database)?;
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(not_a_database)?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(not_a_database)?;
    if application_id != APPLICATION_ID {
        return if application_id == 0 && version == 0 && tables == 0 {
            Ok(Inspection::Fresh)
        } else {
            Err(StoreError::ForeignFile { path: path.to_owned() })
        };
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerVersion { path: path.to_owned(), found: version, known: SCHEMA_VERSION });
    }
    let verdict: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0)).map_err(not_a_database)?;
    if verdict != "ok" {
        return Err(StoreError::Damaged { path: path.to_owned(), detail: verdict });
    }
    Ok(Inspection::Ours { version })
}
