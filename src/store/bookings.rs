//! Bookings: taking a place under the rules, the waitlist, cancelling and changing state.
//! Each check runs inside the `BEGIN IMMEDIATE` transaction that writes, so the rules hold
//! with several desks (or windows, or processes) booking at once.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

use super::members::{MemberContact, first_phone, member_contact, member_contact_columns};
use super::outbox::enqueue_booking_message;
use super::schedule::load_schedule;
use super::{Result, Store, StoreError, audit, bad_column, date_text, now_text};
use crate::domain::booking::{
    Booking, BookingId, BookingRequest, BookingState, Channel, Refusal, check_attendance, check_booking_date,
    check_fits,
};
use crate::domain::member::MemberId;
use crate::domain::message::MessageKind;
use crate::domain::schedule::{ServiceId, ServiceKind};
use crate::domain::text;
use crate::domain::time::{Interval, TimeOfDay, month_day_weekday};

/// What to do when the session is full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhenFull {
    Refuse,
    /// Put the member at the end of the waitlist for that service and date.
    Waitlist,
}

/// One booking as the side panel and the day list show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookingLine {
    pub id: BookingId,
    pub service_id: ServiceId,
    pub service_name: String,
    pub date: NaiveDate,
    pub hours: Interval,
    pub state: BookingState,
    pub channel: Channel,
    pub member: MemberContact,
    pub waitlist_position: Option<u32>,
    /// Why the desk should phone the member: a closure or schedule change hit the booking.
    pub call_reason: Option<String>,
}

impl Store {
    /// Books a place, or refuses with the rule that stops it. With [`WhenFull::Waitlist`],
    /// a full session puts the member on the waitlist instead.
    ///
    /// The date must make sense ([`check_booking_date`]): a past date only as a late record,
    /// which sends the member nothing (the session it records is over).
    pub fn book(&mut self, request: &BookingRequest, when_full: WhenFull) -> Result<Booking> {
        let today = self.today();
        check_booking_date(request.date, today, request.late_record)?;
        let request = BookingRequest { late_record: request.late_record && request.date < today, ..request.clone() };
        self.write(|tx, actor| book_in(tx, actor, &request, when_full))
    }

    /// Cancels a booking with a reason; the cancelling user is recorded.
    pub fn cancel(&mut self, id: BookingId, reason: &str) -> Result<Booking> {
        self.write(|tx, actor| cancel_in(tx, actor, id, reason))
    }

    /// Records attendance after the day: 出席 or 欠席 (or back to 確定 to undo).
    /// Marks attendance, on the session's day or later (see `domain::booking::check_attendance`).
    pub fn set_attendance(&mut self, id: BookingId, state: BookingState) -> Result<Booking> {
        let today = self.today();
        self.write(|tx, actor| set_attendance_in(tx, actor, id, state, today))
    }

    pub fn booking(&self, id: BookingId) -> Result<Booking> {
        read_booking(self.conn(), id)
    }

    /// The bookings of one service on one date that touch `hours`, places first in time
    /// order, then the waitlist in its order, then cancellations.
    pub fn session_bookings(
        &self,
        service_id: ServiceId,
        date: NaiveDate,
        hours: Interval,
    ) -> Result<Vec<BookingLine>> {
        let lines = self.booking_lines(
            "b.date = ?1 AND b.service_id = ?2 AND b.start_min < ?4 AND b.end_min > ?3",
            params![date_text(date), service_id, hours.start.minutes(), hours.end.minutes()],
        )?;
        Ok(lines)
    }

    /// Waitlisted bookings of a service and date, in waitlist order, that would fit now:
    /// whom the desk should call after a cancellation. Nobody is promoted automatically.
    pub fn waitlist_to_call(&self, service_id: ServiceId, date: NaiveDate) -> Result<Vec<BookingLine>> {
        let schedule = load_schedule(self.conn())?;
        let Some(service) = schedule.service(service_id) else {
            return Ok(Vec::new());
        };
        let sessions = schedule.sessions_on(service, date);
        let lines = self.booking_lines(
            "b.date = ?1 AND b.service_id = ?2 AND b.state = 'waitlisted'",
            params![date_text(date), service_id],
        )?;
        let mut fitting = Vec::new();
        for line in lines {
            let booking = read_booking(self.conn(), line.id)?;
            let taken = places_taken(self.conn(), service_id, date, None)?;
            let own = member_places(self.conn(), booking.member_id, date, None)?;
            if check_fits(service, &sessions, booking.hours, &taken, &own).is_ok() {
                fitting.push(line);
            }
        }
        Ok(fitting)
    }

    /// Gives a waitlisted member the place, if it fits now (a staff action).
    pub fn promote(&mut self, id: BookingId) -> Result<Booking> {
        self.write(|tx, actor| {
            let before = read_booking(tx, id)?;
            let Some(position) = before.waitlist_position.filter(|_| before.state == BookingState::Waitlisted) else {
                return Err(StoreError::Invalid("キャンセル待ちの予約ではありません".into()));
            };
            let schedule = load_schedule(tx)?;
            let service = schedule
                .service(before.service_id)
                .ok_or_else(|| StoreError::NotFound(format!("サービス (id {})", before.service_id)))?;
            let sessions = schedule.sessions_on(service, before.date);
            let taken = places_taken(tx, before.service_id, before.date, None)?;
            let own = member_places(tx, before.member_id, before.date, None)?;
            check_fits(service, &sessions, before.hours, &taken, &own)?;
            tx.execute(
                "UPDATE bookings SET state = 'confirmed', waitlist_position = NULL, updated_at = ?2 WHERE id = ?1",
                params![id, now_text()],
            )?;
            close_waitlist_gap(tx, before.service_id, before.date, position)?;
            let after = read_booking(tx, id)?;
            audit(tx, actor, "booking.promote", "booking", id, Some(&before), Some(&after))?;
            enqueue_booking_message(tx, &after, MessageKind::Confirmation, None)?;
            Ok(after)
        })
    }

    /// Moves a confirmed booking to another date or time of the same service, under the
    /// same rules; the booking keeps its id, so its history stays in one place.
    pub fn move_booking(&mut self, id: BookingId, date: NaiveDate, hours: Interval) -> Result<Booking> {
        check_booking_date(date, self.today(), false)?;
        self.write(|tx, actor| {
            let before = read_booking(tx, id)?;
            if before.state != BookingState::Confirmed {
                return Err(StoreError::Invalid(format!("{}の予約は変更できません", before.state.label())));
            }
            let schedule = load_schedule(tx)?;
            let service = schedule
                .service(before.service_id)
                .ok_or_else(|| StoreError::NotFound(format!("サービス (id {})", before.service_id)))?;
            if let Some(off) = schedule.day_off(service, date) {
                return Err(Refusal::NotRunning {
                    service: service.name.clone(),
                    date: month_day_weekday(date),
                    reason: off.describe(),
                }
                .into());
            }
            let sessions = schedule.sessions_on(service, date);
            let taken = places_taken(tx, service.id, date, Some(id))?;
            let own = member_places(tx, before.member_id, date, Some(id))?;
            check_fits(service, &sessions, hours, &taken, &own)?;
            tx.execute(
                "UPDATE bookings SET date = ?2, start_min = ?3, end_min = ?4, updated_at = ?5 WHERE id = ?1",
                params![id, date_text(date), hours.start.minutes(), hours.end.minutes(), now_text()],
            )?;
            let after = read_booking(tx, id)?;
            audit(tx, actor, "booking.move", "booking", id, Some(&before), Some(&after))?;
            enqueue_booking_message(tx, &after, MessageKind::Change, Some(&before))?;
            Ok(after)
        })
    }

    /// Starts still free for a consultation of `minutes` on `date`: the alternatives to
    /// offer when the asked-for time is taken.
    pub fn free_starts(&self, service_id: ServiceId, date: NaiveDate, minutes: u16) -> Result<Vec<TimeOfDay>> {
        let schedule = load_schedule(self.conn())?;
        let Some(service) = schedule.service(service_id) else {
            return Ok(Vec::new());
        };
        free_starts_in(self.conn(), &schedule, service, date, minutes)
    }

    /// What the desk can offer a caller whose booking was refused: for a consultation
    /// refused because its slot is taken (or the window full), the starts of the same
    /// length still free that day; nothing otherwise (a group booking is a span the caller
    /// chooses, and other refusals are not about a free place). The window and the command
    /// line both offer exactly these.
    pub fn alternatives(&self, request: &BookingRequest, refusal: &Refusal) -> Result<Vec<TimeOfDay>> {
        if !matches!(refusal, Refusal::SlotTaken { .. } | Refusal::Full { .. }) {
            return Ok(Vec::new());
        }
        let schedule = load_schedule(self.conn())?;
        let Some(service) = schedule.service(request.service_id).filter(|s| s.kind == ServiceKind::Consultation) else {
            return Ok(Vec::new());
        };
        free_starts_in(self.conn(), &schedule, service, request.date, request.hours.minutes())
    }

    /// Every booking on one date, in the same order, service by service.
    pub fn day_bookings(&self, date: NaiveDate) -> Result<Vec<BookingLine>> {
        self.booking_lines("b.date = ?1", params![date_text(date)])
    }

    /// A member's bookings, newest first.
    pub fn member_bookings(&self, member_id: MemberId) -> Result<Vec<BookingLine>> {
        let mut lines = self.booking_lines("b.member_id = ?1", params![member_id])?;
        lines.sort_by_key(|l| std::cmp::Reverse((l.date, l.hours)));
        Ok(lines)
    }

    fn booking_lines(&self, condition: &str, args: impl rusqlite::Params) -> Result<Vec<BookingLine>> {
        booking_lines_in(self.conn(), condition, args)
    }
}

/// The booking lines that meet `condition` (SQL over `b`, `m` and `s`), in the desk's order.
pub(crate) fn booking_lines_in(
    conn: &rusqlite::Connection,
    condition: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<BookingLine>> {
    let sql = format!(
        concat!(
            "SELECT b.id, b.start_min, b.end_min, b.state, b.channel, ",
            member_contact_columns!(),
            ", b.waitlist_position, b.service_id, s.short_name, b.date, b.call_reason
         FROM bookings b JOIN members m ON m.id = b.member_id JOIN services s ON s.id = b.service_id
         WHERE {}
         ORDER BY b.date, s.position, b.state = 'cancelled', b.state = 'waitlisted', b.waitlist_position,
                  b.start_min, m.kana_key"
        ),
        condition
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(args, |r| {
        let state: String = r.get(3)?;
        let channel: String = r.get(4)?;
        Ok(BookingLine {
            id: r.get(0)?,
            service_id: r.get(11)?,
            service_name: r.get(12)?,
            date: super::parse_date_text(&r.get::<_, String>(13)?)?,
            hours: interval(r.get(1)?, r.get(2)?)?,
            state: BookingState::from_code(&state).ok_or_else(|| bad_column("state", &state))?,
            channel: Channel::from_code(&channel).ok_or_else(|| bad_column("channel", &channel))?,
            member: member_contact(r, 5)?,
            waitlist_position: r.get(10)?,
            call_reason: r.get(14)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn interval(start: u16, end: u16) -> rusqlite::Result<Interval> {
    TimeOfDay::from_minutes(start)
        .zip(TimeOfDay::from_minutes(end))
        .and_then(|(s, e)| Interval::new(s, e))
        .ok_or_else(|| bad_column("interval", format!("{start}-{end}")))
}

pub(crate) fn read_booking(conn: &rusqlite::Connection, id: BookingId) -> Result<Booking> {
    conn.query_row(
        "SELECT id, member_id, service_id, date, start_min, end_min, state, channel, theme, notes, waitlist_position,
                cancel_reason
         FROM bookings WHERE id = ?1",
        [id],
        |r| {
            let state: String = r.get(6)?;
            let channel: String = r.get(7)?;
            Ok(Booking {
                id: r.get(0)?,
                member_id: r.get(1)?,
                service_id: r.get(2)?,
                date: super::parse_date_text(&r.get::<_, String>(3)?)?,
                hours: interval(r.get(4)?, r.get(5)?)?,
                state: BookingState::from_code(&state).ok_or_else(|| bad_column("state", &state))?,
                channel: Channel::from_code(&channel).ok_or_else(|| bad_column("channel", &channel))?,
                theme: r.get(8)?,
                notes: r.get(9)?,
                waitlist_position: r.get(10)?,
                cancel_reason: r.get(11)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("予約 (id {id})")))
}

/// Checks the rules against what is in the database now and writes the booking.
pub(crate) fn book_in(
    tx: &Transaction<'_>,
    actor: &str,
    request: &BookingRequest,
    when_full: WhenFull,
) -> Result<Booking> {
    let schedule = load_schedule(tx)?;
    let service = schedule
        .service(request.service_id)
        .ok_or_else(|| StoreError::NotFound(format!("サービス (id {})", request.service_id)))?;
    if service.kind == ServiceKind::EmailConsultation {
        return Err(StoreError::Invalid("メール相談は日時を調整して登録します（枠の予約はありません）".into()));
    }
    let member_exists: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM members WHERE id = ?1)", [request.member_id], |r| r.get(0))?;
    if !member_exists {
        return Err(StoreError::NotFound(format!("会員 (id {})", request.member_id)));
    }
    if let Some(off) = schedule.day_off(service, request.date) {
        return Err(Refusal::NotRunning {
            service: service.name.clone(),
            date: month_day_weekday(request.date),
            reason: off.describe(),
        }
        .into());
    }
    let theme = text::optional_line(&request.theme, text::MAX_LINE)
        .map_err(|problem| StoreError::Invalid(problem.message("話したいテーマ")))?;
    let notes =
        text::notes(&request.notes, text::MAX_NOTES).map_err(|problem| StoreError::Invalid(problem.message("備考")))?;
    let sessions = schedule.sessions_on(service, request.date);
    let date = date_text(request.date);

    let taken = places_taken(tx, service.id, request.date, None)?;
    let own = member_places(tx, request.member_id, request.date, None)?;

    let (state, waitlist_position) = match check_fits(service, &sessions, request.hours, &taken, &own) {
        Ok(()) => (BookingState::Confirmed, None),
        Err(Refusal::Full { .. } | Refusal::SlotTaken { .. }) if when_full == WhenFull::Waitlist => {
            let already: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM bookings WHERE date = ?1 AND service_id = ?2 AND member_id = ?3
                                AND state = 'waitlisted')",
                params![date, service.id, request.member_id],
                |r| r.get(0),
            )?;
            if already {
                return Err(StoreError::Invalid("この会員はこの日のキャンセル待ちにすでに入っています".into()));
            }
            let last: u32 = tx.query_row(
                "SELECT coalesce(max(waitlist_position), 0) FROM bookings
                 WHERE date = ?1 AND service_id = ?2 AND state = 'waitlisted'",
                params![date, service.id],
                |r| r.get(0),
            )?;
            (BookingState::Waitlisted, Some(last + 1))
        }
        Err(refusal) => return Err(refusal.into()),
    };

    let now = now_text();
    tx.prepare_cached(
        "INSERT INTO bookings (member_id, service_id, date, start_min, end_min, state, channel, theme, notes,
                               waitlist_position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        request.member_id,
        service.id,
        date,
        request.hours.start.minutes(),
        request.hours.end.minutes(),
        state.code(),
        request.channel.code(),
        theme,
        notes,
        waitlist_position,
        now,
    ])?;
    let booking = read_booking(tx, tx.last_insert_rowid())?;
    audit(tx, actor, "booking.add", "booking", booking.id, None::<&Booking>, Some(&booking))?;
    if !request.late_record {
        let reply = if state == BookingState::Waitlisted { MessageKind::Waitlisted } else { MessageKind::Confirmation };
        enqueue_booking_message(tx, &booking, reply, None)?;
    }
    Ok(booking)
}

pub(crate) fn cancel_in(tx: &Transaction<'_>, actor: &str, id: BookingId, reason: &str) -> Result<Booking> {
    let reason = text::required_line(reason, text::MAX_LINE)
        .map_err(|problem| StoreError::Invalid(problem.message("キャンセルの理由")))?;
    let reason = reason.as_str();
    let before = read_booking(tx, id)?;
    if before.state == BookingState::Cancelled {
        return Err(StoreError::Invalid("この予約はすでにキャンセルされています".into()));
    }
    tx.execute(
        "UPDATE bookings SET state = 'cancelled', waitlist_position = NULL, cancel_reason = ?2,
                cancelled_by = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, reason, actor, now_text()],
    )?;
    if let Some(position) = before.waitlist_position {
        close_waitlist_gap(tx, before.service_id, before.date, position)?;
    }
    let after = read_booking(tx, id)?;
    audit(tx, actor, "booking.cancel", "booking", id, Some(&before), Some(&after))?;
    // A reply about the booking that has not gone out yet would only confuse: the member
    // gets the cancellation alone.
    tx.execute(
        "UPDATE outbox SET state = 'withdrawn', last_error = '送る前に予約が取り消されました'
         WHERE booking_id = ?1 AND state = 'queued' AND kind IN ('confirmation', 'waitlisted', 'change')",
        [id],
    )?;
    enqueue_booking_message(tx, &after, MessageKind::Cancellation, None)?;
    Ok(after)
}

pub(crate) fn set_attendance_in(
    tx: &Transaction<'_>,
    actor: &str,
    id: BookingId,
    state: BookingState,
    today: NaiveDate,
) -> Result<Booking> {
    if !matches!(state, BookingState::Attended | BookingState::NoShow | BookingState::Confirmed) {
        return Err(StoreError::Invalid("出欠は 出席・欠席・確定 のいずれかです".into()));
    }
    let before = read_booking(tx, id)?;
    if !before.state.takes_place() {
        return Err(StoreError::Invalid(format!("{}の予約には出欠を付けられません", before.state.label())));
    }
    check_attendance(state, before.date, today)?;
    tx.execute("UPDATE bookings SET state = ?2, updated_at = ?3 WHERE id = ?1", params![id, state.code(), now_text()])?;
    let after = read_booking(tx, id)?;
    audit(tx, actor, "booking.attendance", "booking", id, Some(&before), Some(&after))?;
    Ok(after)
}

/// Starts still free in `service` on `date` for a booking of `minutes`: its sessions
/// that day (from `schedule`) against the places already held.
pub(super) fn free_starts_in(
    conn: &rusqlite::Connection,
    schedule: &crate::domain::schedule::Schedule,
    service: &crate::domain::schedule::Service,
    date: NaiveDate,
    minutes: u16,
) -> Result<Vec<TimeOfDay>> {
    let sessions = schedule.sessions_on(service, date);
    if sessions.is_empty() {
        return Ok(Vec::new());
    }
    let taken = places_taken(conn, service.id, date, None)?;
    Ok(crate::domain::booking::free_starts(service, &sessions, minutes, &taken))
}

/// The hours of the places held in a service on a date.
/// `except` leaves out the booking being moved.
fn places_taken(
    conn: &rusqlite::Connection,
    service_id: ServiceId,
    date: NaiveDate,
    except: Option<BookingId>,
) -> Result<Vec<Interval>> {
    Ok(conn
        .prepare_cached(
            "SELECT start_min, end_min FROM bookings
             WHERE date = ?1 AND service_id = ?2 AND state IN ('confirmed', 'attended', 'no_show') AND id IS NOT ?3",
        )?
        .query_map(params![date_text(date), service_id, except], |r| interval(r.get(0)?, r.get(1)?))?
        .collect::<rusqlite::Result<_>>()?)
}

/// A member's own places on a date in any service, with the service's name for messages.
fn member_places(
    conn: &rusqlite::Connection,
    member_id: MemberId,
    date: NaiveDate,
    except: Option<BookingId>,
) -> Result<Vec<(Interval, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT b.start_min, b.end_min, s.name FROM bookings b JOIN services s ON s.id = b.service_id
             WHERE b.date = ?1 AND b.member_id = ?2 AND b.state IN ('confirmed', 'attended', 'no_show')
                   AND b.id IS NOT ?3",
        )?
        .query_map(params![date_text(date), member_id, except], |r| Ok((interval(r.get(0)?, r.get(1)?)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Moves everyone behind `position` on a waitlist one place up.
fn close_waitlist_gap(tx: &Transaction<'_>, service_id: ServiceId, date: NaiveDate, position: u32) -> Result<()> {
    tx.execute(
        "UPDATE bookings SET waitlist_position = waitlist_position - 1
         WHERE date = ?1 AND service_id = ?2 AND state = 'waitlisted' AND waitlist_position > ?3",
        params![date_text(date), service_id, position],
    )?;
    Ok(())
}
