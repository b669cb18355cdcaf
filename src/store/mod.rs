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
//!   requests that arrived by email, their proposals and what the desk did with them (`intake`);
//! - **read models** for the screens and prints: the week (`week`), the day list
//!   (`day_list`), the capacity figures (`capacity`);
//! - **mail**: the outbox rows and their claims (`outbox`), the meeting access and the
//!   day's send list (`meeting_access`), the stored templates (`mail_templates`);
//! - **members' requests about their data**: disclosure, the record of each request,
//!   erasure and the retention review (`data_requests`);
//! - **settings and the organisation**, with the defaults the store uses (`settings`);
//! - **staff**: the people at the desk, their roles and PINs, who is at the desk
//!   (`staff`), and the audit log read for the manager (`audit`).

mod audit;
mod bookings;
mod capacity;
mod data_requests;
mod day_list;
mod demo;
mod email_consultations;
mod error;
mod intake;
mod mail_templates;
mod meeting_access;
mod members;
mod outbox;
pub mod private_files;
mod schedule;
mod schedule_changes;
mod seed;
mod settings;
mod staff;
mod week;

pub use error::{StoreError, io_reason};
// Who is at the desk, and the audit log.
pub use audit::{AuditFilter, AuditRow};
pub use mail_templates::{TemplateDraft, TemplateSaved};
// Members.
pub use crate::domain::member::NewMember;
pub use members::{ImportOutcome, MemberContact};
// Schedule.
pub use schedule_changes::{ScheduleChange, ServiceSettings};
// Bookings.
pub use bookings::{BookingLine, WhenFull};
pub use email_consultations::EmailConsultationLine;
pub use intake::{INTAKE_KEEP_DAYS, IntakeRequest};
// Members' requests about their data.
pub use data_requests::{
    DisclosedBooking, DisclosedConsultation, DisclosedEvent, DisclosedMail, DisclosedMessage, Erasure,
    MemberDisclosure, RETENTION_YEARS, RecordedRequest, RetentionLine,
};
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

use chrono::format::{Item, Numeric, Pad};
use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::staff::{Role, StaffMember};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior, params};
use serde::Serialize;

/// `PRAGMA application_id` of madoguchi's databases: 'MDGC'.
pub const APPLICATION_ID: i32 = 0x4D44_4743;

/// The migrations in order; `user_version` counts how many have been applied.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_init.sql"),
    include_str!("migrations/002_mail.sql"),
    include_str!("migrations/003_manager.sql"),
    include_str!("migrations/004_capacity_history.sql"),
    include_str!("migrations/005_staff.sql"),
    include_str!("migrations/006_data_requests.sql"),
    include_str!("migrations/007_name_spaces.sql"),
    include_str!("migrations/008_intake.sql"),
    include_str!("migrations/009_replies.sql"),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How long a write waits for another connection's write to finish before it gives up
/// with [`StoreError::Busy`]. Reads never wait: in WAL mode they see the last commit.
#[cfg(not(test))]
const WRITE_WAIT: Duration = Duration::from_secs(10);
/// In unit tests a wait for the lock fails fast, so a test shows whether something waited.
#[cfg(test)]
const WRITE_WAIT: Duration = Duration::from_millis(200);

/// An open madoguchi database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Who is making changes, for the audit log.
    actor: String,
    /// What that person may do: the store decides with it whether a changed mail text is
    /// sent at once or waits for a manager's approval.
    actor_role: Role,
    /// The date the rules count as today; the computer's date unless set.
    today: Option<NaiveDate>,
}

/// Where the database lives unless `--db` says otherwise: the user's data folder, e.g.
/// `~/.local/share/madoguchi/madoguchi.sqlite3` or `%APPDATA%\madoguchi\data\…`.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("jp", "pluscare", "madoguchi").map(|dirs| dirs.data_dir().join("madoguchi.sqlite3"))
}

/// The signed-in user's name, used as the actor in the audit log.
pub fn os_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "ユーザー名不明".to_owned())
}

/// `%Y-%m-%dT%H:%M:%S` as chrono's parsed items: every change writes a time or two (an
/// import, two per member), and parsing the format string each time was most of the cost.
const LOCAL_TIME: &[Item<'static>] = &[
    Item::Numeric(Numeric::Year, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Month, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Day, Pad::Zero),
    Item::Literal("T"),
    Item::Numeric(Numeric::Hour, Pad::Zero),
    Item::Literal(":"),
    Item::Numeric(Numeric::Minute, Pad::Zero),
    Item::Literal(":"),
    Item::Numeric(Numeric::Second, Pad::Zero),
];

/// The local time as stored: YYYY-MM-DDTHH:MM:SS.
pub(crate) fn now_text() -> String {
    chrono::Local::now().naive_local().format_with_items(LOCAL_TIME.iter()).to_string()
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
            private_files::create_private_dir_all(parent)
                .map_err(|source| StoreError::DataFolder { path: parent.to_owned(), reason: io_reason(&source) })?;
        }
        // A new database is created readable by this user only; SQLite gives its -wal and
        // -shm the same mode.
        if std::fs::symlink_metadata(path).is_err() {
            private_files::create_new_private(path).map_err(|e| StoreError::CannotOpen(io_reason(&e)))?;
        }
        let inspection = inspect(path)?;
        let conn = Connection::open(path)?;
        let mut store = Store { conn, path: path.to_owned(), actor: os_user(), actor_role: Role::Manager, today: None };
        store.configure()?;
        store.keep_files_private();
        store.migrate(&inspection)?;
        seed::seed_defaults_if_new(&mut store)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A database an older version created readable by every user of the computer is made
    /// this user's only, with its -wal and -shm. Best effort: a disk that keeps no modes
    /// (a FAT USB stick) is left as it is.
    fn keep_files_private(&self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut file = self.path.clone().into_os_string();
            file.push(suffix);
            let _ = private_files::make_private(Path::new(&file));
        }
    }

    /// The date the rules count as today (attendance from the session's day on): the
    /// computer's date unless [`Store::set_today`] says otherwise.
    pub fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Fixes the date the rules count as today: the window passes its own clock's date,
    /// tests a date of their own.
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = Some(today);
    }

    /// Who changes are attributed to in the audit log from now on. The rights stay those
    /// of the command line (a manager's: whoever runs it can read the file anyway).
    pub fn set_actor(&mut self, actor: impl Into<String>) {
        self.actor = actor.into();
        self.actor_role = Role::Manager;
    }

    /// The staff member at the desk: every change from now on is recorded as theirs, and
    /// what they may do is decided by their role.
    pub fn set_staff_actor(&mut self, staff: &StaffMember) {
        self.actor = staff.name.clone();
        self.actor_role = staff.role;
    }

    /// Acts as another connection's actor: work handed to a thread with a connection of its
    /// own (an import) is recorded as the person who asked for it, with their role.
    pub fn act_as(&mut self, actor: (&str, Role)) {
        self.actor = actor.0.to_owned();
        self.actor_role = actor.1;
    }

    /// Who changes are attributed to, and their role.
    pub fn actor(&self) -> (&str, Role) {
        (&self.actor, self.actor_role)
    }

    /// Connection settings that hold for every connection, outside any transaction.
    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(WRITE_WAIT)?;
        // WAL lets the day list be read while the desk books; with synchronous=FULL a
        // committed transaction survives a power cut.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // Deleted and overwritten content is zeroed in the file, so an erased member's
        // data does not linger in free pages (issue 14).
        self.conn.pragma_update(None, "secure_delete", "ON")?;
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
            let version = index as i32 + 1;
            // SQLite's text here would repeat the migration's SQL: say which step failed.
            let failed = |error: rusqlite::Error| match StoreError::from(error) {
                StoreError::Sqlite(error) => StoreError::Migration {
                    path: self.path.clone(),
                    version,
                    code: error.sqlite_error_code().map(|c| format!("{c:?}")).unwrap_or_else(|| "?".to_owned()),
                },
                other => other,
            };
            tx.execute_batch(sql).map_err(failed)?;
            tx.pragma_update(None, "user_version", version).map_err(failed)?;
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

    /// A number that changes whenever another connection (another window, the command
    /// line, a scheduled task) has committed a change since this one last looked: cheap
    /// enough to ask every second, so the screens can read their models again when it moves.
    /// This connection's own writes do not change it (the screen already knows of them).
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// How many rows this connection has written since it opened. With
    /// [`Store::data_version`] it tells whether anything changed at all, here or elsewhere.
    pub fn own_changes(&self) -> u64 {
        self.conn.total_changes()
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
        self.conn.close().map_err(|(_, e)| StoreError::from(e))
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
    let member_id = audit::member_of(tx, entity, entity_id)?;
    tx.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after, member_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![now_text(), actor, action, entity, entity_id, before, after, member_id])?;
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
        _ => StoreError::from(e),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Another program holding a write transaction (a long import, a stuck script).
    fn hold_write_lock(path: &Path) -> Connection {
        let conn = Connection::open(path).unwrap();
        conn.execute_batch("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('x.held', '1');").unwrap();
        conn
    }

    #[test]
    fn opening_and_reading_never_wait_for_another_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.sqlite3");
        drop(Store::open(&path).unwrap());
        let _writer = hold_write_lock(&path);
        // Anything below that waited for the lock would fail with Busy (WRITE_WAIT).
        let store = Store::open(&path).unwrap();
        store.schedule().unwrap();
        store.member_index().unwrap();
        store.day_bookings(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()).unwrap();
        store.week_overview(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()).unwrap();
    }

    #[test]
    fn a_write_that_cannot_get_the_lock_says_so_in_japanese() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.sqlite3");
        let mut store = Store::open(&path).unwrap();
        let _writer = hold_write_lock(&path);
        let err = store.set_setting("smtp.host", "localhost").unwrap_err();
        assert!(matches!(err, StoreError::Busy), "{err:?}");
        assert!(err.to_string().contains("もう一度お試しください"), "{err}");
    }

    /// A store with one member, and a 石井 consultation for them on Wednesday 2026-12-02
    /// 11:00–11:30 with `theme`, not yet booked.
    fn store_with_a_caller(
        dir: &tempfile::TempDir,
    ) -> (Store, impl Fn(&str) -> crate::domain::booking::BookingRequest) {
        use crate::domain::booking::{BookingRequest, Channel};
        use crate::domain::time::{Interval, TimeOfDay};
        let mut store = Store::open(&dir.path().join("m.sqlite3")).unwrap();
        store.set_today(chrono::NaiveDate::from_ymd_opt(2026, 11, 16).unwrap());
        let form = crate::domain::member::MemberForm {
            number: "1".into(),
            name: "山田 花子".into(),
            kana: "やまだ はなこ".into(),
            phone: "044-863-8444".into(),
            ..Default::default()
        };
        let member_id =
            store.add_member(&form.validate(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()).unwrap()).unwrap();
        let ishii = store.schedule().unwrap().service_by_code("ishii").unwrap().id;
        let hours = Interval::new(TimeOfDay::hm(11, 0).unwrap(), TimeOfDay::hm(11, 30).unwrap()).unwrap();
        let request = move |theme: &str| BookingRequest {
            member_id,
            service_id: ishii,
            date: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
            hours,
            channel: Channel::Phone,
            theme: theme.into(),
            notes: String::new(),
            late_record: false,
        };
        (store, request)
    }

    #[test]
    fn text_that_is_not_text_is_refused_in_a_booking_and_a_cancellation() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, request) = store_with_a_caller(&dir);
        let err = store.book(&request("眠れない\u{202E}txt.exe"), WhenFull::Refuse).unwrap_err();
        assert!(err.is_refusal() && err.to_string().contains("話したいテーマ"), "{err}");
        let booking = store.book(&request("眠れない"), WhenFull::Refuse).unwrap();
        let err = store.cancel(booking.id, "\u{200B}\u{3000}").unwrap_err();
        assert_eq!(err.to_string(), "キャンセルの理由を入力してください");
        let err = store.cancel(booking.id, "体調\u{1b}不良").unwrap_err();
        assert!(err.to_string().contains("制御文字"), "{err}");
    }

    #[test]
    fn the_time_is_stored_as_the_strftime_format_writes_it() {
        for text in ["2026-11-22T09:05:07", "0999-01-01T00:00:00", "2026-12-31T23:59:59"] {
            let time = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").unwrap();
            assert_eq!(time.format_with_items(LOCAL_TIME.iter()).to_string(), text);
            assert_eq!(time.format("%Y-%m-%dT%H:%M:%S").to_string(), text);
        }
        let now = now_text();
        assert!(NaiveDateTime::parse_from_str(&now, "%Y-%m-%dT%H:%M:%S").is_ok(), "{now}");
        assert_eq!(now.len(), 19, "{now}");
    }

    #[test]
    fn the_data_version_moves_when_another_connection_commits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.sqlite3");
        let mut store = Store::open(&path).unwrap();
        let seen = store.data_version().unwrap();
        store.set_setting("smtp.host", "localhost").unwrap();
        assert_eq!(store.data_version().unwrap(), seen, "our own write is already on screen");
        let mut other = Store::open(&path).unwrap();
        other.set_setting("smtp.host", "127.0.0.1").unwrap();
        assert_ne!(store.data_version().unwrap(), seen);
    }

    #[test]
    fn attendance_before_the_session_day_is_refused_and_on_the_day_recorded() {
        use crate::domain::booking::{BookingState, Refusal};
        let dir = tempfile::tempdir().unwrap();
        let (mut store, request) = store_with_a_caller(&dir);
        let wednesday = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let booking = store.book(&request(""), WhenFull::Refuse).unwrap();
        store.set_today(wednesday - chrono::Duration::days(1));
        let err = store.set_attendance(booking.id, BookingState::NoShow).unwrap_err();
        assert!(matches!(err, StoreError::Refused(Refusal::AttendanceTooEarly { .. })), "{err:?}");
        assert_eq!(store.booking(booking.id).unwrap().state, BookingState::Confirmed, "nothing recorded");
        store.set_today(wednesday);
        assert_eq!(store.set_attendance(booking.id, BookingState::NoShow).unwrap().state, BookingState::NoShow);
    }
}
