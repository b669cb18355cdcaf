//! The manager's changes to the schedule: services and their weekly windows, service
//! periods, closures and program events, and the organisation's details. A change that
//! takes away the session of an existing booking deletes nothing: the booking stays, is
//! marked for a call with the reason, and is listed with the member's phone number so
//! the desk can ring each one. Every change can be previewed first (the same work in a
//! transaction that is rolled back).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, Weekday};
use rusqlite::{Transaction, params};

use super::bookings::{BookingLine, booking_lines_in, interval};
use super::schedule::load_schedule;
use super::{Result, Store, StoreError, audit, date_text, parse_date_text};
use crate::domain::booking::{BookingId, over_capacity};
use crate::domain::schedule::{Schedule, Service, ServiceId, ServiceKind, ServiceStatus, check_capacity};
use crate::domain::time::Interval;

/// A service's settings as the manager edits them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceSettings {
    pub id: ServiceId,
    pub name: String,
    pub short_name: String,
    pub staff: String,
    pub capacity: u16,
    /// From which date a changed capacity applies (None: from the day of the change).
    /// Sessions before it keep the capacity they had.
    pub capacity_from: Option<NaiveDate>,
    /// Consultation lengths allowed, e.g. [30, 60].
    pub lengths: Vec<u16>,
    pub runs_on_holidays: bool,
    pub status: ServiceStatus,
    pub windows: Vec<(Weekday, Interval)>,
    /// The dates between which it runs (none: indefinitely).
    pub periods: Vec<(NaiveDate, NaiveDate)>,
}

/// One change to the schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleChange {
    UpdateService(ServiceSettings),
    /// Closed from one date to another; `service_id` None closes everything.
    AddClosure {
        service_id: Option<ServiceId>,
        from: NaiveDate,
        to: NaiveDate,
        reason: String,
    },
    RemoveClosure(i64),
    AddProgramEvent {
        service_id: ServiceId,
        date: NaiveDate,
        hours: Interval,
        capacity: u16,
        notes: String,
    },
    RemoveProgramEvent(i64),
}

impl Store {
    /// What `change` would do: the bookings from `today` on that it would take the
    /// session away from. Nothing is written.
    pub fn preview_schedule_change(&mut self, change: &ScheduleChange, today: NaiveDate) -> Result<Vec<BookingLine>> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let hit = apply_in(&tx, &self.actor, change, today)?;
        let lines = lines_of(&tx, &hit)?;
        tx.rollback()?;
        Ok(lines)
    }

    /// Makes the change; the bookings it hits are marked for a call and returned, with
    /// the members' phone numbers.
    pub fn apply_schedule_change(&mut self, change: &ScheduleChange, today: NaiveDate) -> Result<Vec<BookingLine>> {
        self.write(|tx, actor| {
            let hit = apply_in(tx, actor, change, today)?;
            let reason = call_reason(change);
            for id in &hit {
                tx.execute("UPDATE bookings SET call_reason = ?2 WHERE id = ?1", params![id, reason])?;
                audit(tx, actor, "booking.needs_call", "booking", *id, None::<&String>, Some(&reason))?;
            }
            lines_of(tx, &hit)
        })
    }

    /// Bookings from `from` on that the desk still has to phone about.
    pub fn bookings_to_call(&self, from: NaiveDate) -> Result<Vec<BookingLine>> {
        booking_lines_in(self.conn(), "b.call_reason IS NOT NULL AND b.date >= ?1", params![date_text(from)])
    }

    /// The desk has phoned the member about the booking.
    pub fn call_done(&mut self, id: BookingId) -> Result<()> {
        self.write(|tx, actor| {
            let before: Option<String> =
                tx.query_row("SELECT call_reason FROM bookings WHERE id = ?1", [id], |r| r.get(0))?;
            tx.execute("UPDATE bookings SET call_reason = NULL WHERE id = ?1", [id])?;
            audit(tx, actor, "booking.called", "booking", id, Some(&before), None::<&String>)
        })
    }

    /// Program events from `from` on, with their ids and notes.
    pub fn program_events(&self, from: NaiveDate) -> Result<Vec<(crate::domain::schedule::ProgramEvent, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, service_id, date, start_min, end_min, capacity, notes FROM program_events
             WHERE date >= ?1 ORDER BY date, start_min",
        )?;
        let rows = stmt.query_map([date_text(from)], |r| {
            Ok((
                crate::domain::schedule::ProgramEvent {
                    id: r.get(0)?,
                    service_id: r.get(1)?,
                    date: parse_date_text(&r.get::<_, String>(2)?)?,
                    hours: interval(r.get(3)?, r.get(4)?)?,
                    capacity: r.get(5)?,
                },
                r.get(6)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Active bookings from `today` on that have no session to hold them in `schedule`, or
/// sit in a session whose capacity they now exceed.
fn stranded(tx: &Transaction<'_>, schedule: &Schedule, today: NaiveDate) -> Result<BTreeSet<BookingId>> {
    // Per service and date: each active booking, its hours, and whether it is confirmed.
    type Active = Vec<(BookingId, Interval, bool)>;
    let mut by_session: BTreeMap<(ServiceId, NaiveDate), Active> = BTreeMap::new();
    let mut stmt = tx.prepare_cached(
        "SELECT id, service_id, date, start_min, end_min, state FROM bookings
         WHERE date >= ?1 AND state IN ('confirmed', 'waitlisted')",
    )?;
    let mut rows = stmt.query([date_text(today)])?;
    while let Some(r) = rows.next()? {
        let date = parse_date_text(&r.get::<_, String>(2)?)?;
        let state: String = r.get(5)?;
        by_session.entry((r.get(1)?, date)).or_default().push((
            r.get(0)?,
            interval(r.get(3)?, r.get(4)?)?,
            state == "confirmed",
        ));
    }
    let mut hit = BTreeSet::new();
    for ((service_id, date), bookings) in by_session {
        let Some(service) = schedule.service(service_id) else {
            continue;
        };
        let sessions = schedule.sessions_on(service, date);
        for session in &sessions {
            if service.kind == ServiceKind::Consultation {
                continue;
            }
            // In the order they were booked (ids grow): the last booked are the ones over.
            let mut holding: Vec<(BookingId, Interval)> = bookings
                .iter()
                .filter(|(_, h, confirmed)| *confirmed && session.hours.contains(*h))
                .map(|b| (b.0, b.1))
                .collect();
            holding.sort_by_key(|(id, _)| *id);
            hit.extend(over_capacity(&holding, session.hours, session.capacity));
        }
        for (id, hours, _) in &bookings {
            if !sessions.iter().any(|s| s.hours.contains(*hours)) {
                hit.insert(*id);
            }
        }
    }
    Ok(hit)
}

/// Makes the change inside `tx` and returns the bookings it newly strands.
fn apply_in(
    tx: &Transaction<'_>,
    actor: &str,
    change: &ScheduleChange,
    today: NaiveDate,
) -> Result<BTreeSet<BookingId>> {
    let before = stranded(tx, &load_schedule(tx)?, today)?;
    match change {
        ScheduleChange::UpdateService(settings) => update_service(tx, actor, settings, today)?,
        ScheduleChange::AddClosure { service_id, from, to, reason } => {
            if reason.trim().is_empty() {
                return Err(StoreError::Invalid("休業の理由を入力してください".into()));
            }
            if from > to {
                return Err(StoreError::Invalid("休業の始まりが終わりより後になっています".into()));
            }
            tx.execute(
                "INSERT INTO closures (service_id, from_date, to_date, reason) VALUES (?1, ?2, ?3, ?4)",
                params![service_id, date_text(*from), date_text(*to), reason.trim()],
            )?;
            let id = tx.last_insert_rowid();
            let detail = format!("{from}〜{to} {}", reason.trim());
            audit(tx, actor, "closure.add", "closure", id, None::<&String>, Some(&detail))?;
        }
        ScheduleChange::RemoveClosure(id) => {
            tx.execute("DELETE FROM closures WHERE id = ?1", [id])?;
            audit(tx, actor, "closure.remove", "closure", *id, None::<&String>, None::<&String>)?;
        }
        ScheduleChange::AddProgramEvent { service_id, date, hours, capacity, notes } => {
            check_capacity(*capacity)?;
            tx.execute(
                "INSERT INTO program_events (service_id, date, start_min, end_min, capacity, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![service_id, date_text(*date), hours.start.minutes(), hours.end.minutes(), capacity, notes],
            )?;
            let id = tx.last_insert_rowid();
            let detail = format!("{date} {hours} 定員{capacity}");
            audit(tx, actor, "program_event.add", "program_event", id, None::<&String>, Some(&detail))?;
        }
        ScheduleChange::RemoveProgramEvent(id) => {
            tx.execute("DELETE FROM program_events WHERE id = ?1", [id])?;
            audit(tx, actor, "program_event.remove", "program_event", *id, None::<&String>, None::<&String>)?;
        }
    }
    let after = stranded(tx, &load_schedule(tx)?, today)?;
    Ok(after.difference(&before).copied().collect())
}

fn update_service(tx: &Transaction<'_>, actor: &str, settings: &ServiceSettings, today: NaiveDate) -> Result<()> {
    if settings.name.trim().is_empty() || settings.short_name.trim().is_empty() {
        return Err(StoreError::Invalid("名前と短い名前を入力してください".into()));
    }
    check_capacity(settings.capacity)?;
    if let Some(length) = settings.lengths.iter().find(|l| !(15..=240).contains(*l) || **l % 15 != 0) {
        return Err(StoreError::Invalid(format!("相談の長さ {length} 分は使えません（15分単位、240分まで）")));
    }
    let before = load_schedule(tx)?;
    let Some(old) = before.service(settings.id) else {
        return Err(StoreError::NotFound(format!("サービス {}", settings.id)));
    };
    let from = settings.capacity_from.unwrap_or(today);
    if settings.capacity != before.capacity_on(old, from) {
        record_capacity_change(tx, old, from, settings.capacity)?;
    }
    let lengths: Vec<String> = settings.lengths.iter().map(u16::to_string).collect();
    tx.execute(
        "UPDATE services SET name = ?2, short_name = ?3, staff = ?4, capacity = ?5, lengths = ?6,
                runs_on_holidays = ?7, status = ?8
         WHERE id = ?1",
        params![
            settings.id,
            settings.name.trim(),
            settings.short_name.trim(),
            settings.staff.trim(),
            settings.capacity,
            lengths.join(","),
            settings.runs_on_holidays,
            settings.status.code()
        ],
    )?;
    tx.execute("DELETE FROM weekly_windows WHERE service_id = ?1", [settings.id])?;
    for (weekday, hours) in &settings.windows {
        tx.execute(
            "INSERT INTO weekly_windows (service_id, weekday, start_min, end_min) VALUES (?1, ?2, ?3, ?4)",
            params![settings.id, weekday.num_days_from_monday(), hours.start.minutes(), hours.end.minutes()],
        )?;
    }
    if let Some((from, to)) = settings.periods.iter().find(|(from, to)| from > to) {
        return Err(StoreError::Invalid(format!("実施期間の始まり {from} が終わり {to} より後です")));
    }
    tx.execute("DELETE FROM service_periods WHERE service_id = ?1", [settings.id])?;
    for (from, to) in &settings.periods {
        tx.execute(
            "INSERT INTO service_periods (service_id, from_date, to_date) VALUES (?1, ?2, ?3)",
            params![settings.id, date_text(*from), date_text(*to)],
        )?;
    }
    let old_windows: Vec<String> = before
        .windows
        .iter()
        .filter(|w| w.service_id == settings.id)
        .map(|w| format!("{:?} {}", w.weekday, w.hours))
        .collect();
    let new_windows: Vec<String> = settings.windows.iter().map(|(d, h)| format!("{d:?} {h}")).collect();
    audit(
        tx,
        actor,
        "service.update",
        "service",
        settings.id,
        Some(&(old, old_windows)),
        Some(&(settings.name.trim(), settings.capacity, settings.status.code(), new_windows, &settings.periods)),
    )
}

/// The first day of a service's capacity history: what it had before its first change.
const SINCE_THE_START: &str = "0001-01-01";

/// Records that `service` takes `capacity` people from `from` on; the sessions before
/// keep what they had (the service's capacity so far, recorded on its first change).
fn record_capacity_change(tx: &Transaction<'_>, service: &Service, from: NaiveDate, capacity: u16) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO capacity_changes (service_id, from_date, capacity) VALUES (?1, ?2, ?3)",
        params![service.id, SINCE_THE_START, service.capacity],
    )?;
    tx.execute(
        "INSERT INTO capacity_changes (service_id, from_date, capacity) VALUES (?1, ?2, ?3)
         ON CONFLICT (service_id, from_date) DO UPDATE SET capacity = ?3",
        params![service.id, date_text(from), capacity],
    )?;
    Ok(())
}

/// The words the desk sees beside a booking the change has hit.
fn call_reason(change: &ScheduleChange) -> String {
    match change {
        ScheduleChange::AddClosure { reason, .. } => format!("休業: {}", reason.trim()),
        ScheduleChange::UpdateService(settings) => format!("{}の設定変更", settings.short_name.trim()),
        ScheduleChange::RemoveProgramEvent(_) => "開催日の取り消し".to_owned(),
        ScheduleChange::RemoveClosure(_) | ScheduleChange::AddProgramEvent { .. } => "日程の変更".to_owned(),
    }
}

fn lines_of(tx: &Transaction<'_>, ids: &BTreeSet<BookingId>) -> Result<Vec<BookingLine>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    booking_lines_in(tx, &format!("b.id IN ({})", list.join(",")), [])
}
