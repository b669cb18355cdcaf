//! The outbox: messages to members, written before anything sends them, and the meeting
//! access and message templates they are made from.
//!
//! A booking's message is written by [`enqueue_booking_message`] inside the transaction
//! that changes the booking. Sending (see `mail::send`) claims one message at a time in a
//! `BEGIN IMMEDIATE` transaction, sends it with no transaction open, and records the
//! outcome only if it still holds the claim. At most one message exists per booking, kind
//! and occasion (a UNIQUE constraint), so a second click, a retry or a second instance
//! cannot write — or send — it twice.
//!
//! The one case that can send twice: a run that dies after the server took the message
//! but before the outcome was recorded. Its claim is taken back after [`stale_after`]
//! and the message goes again, with the same Message-ID. Losing a message silently would
//! be worse than sending it twice in that rare case; the window is the few milliseconds
//! between the server's "250 OK" and the commit.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Result, Store, StoreError, audit, bad_column, date_text, now_text, parse_date_text};
use crate::domain::booking::{Booking, BookingId, Channel};
use crate::domain::phone::PhoneNumber;
use crate::domain::schedule::{ServiceId, ServiceKind};
use crate::domain::time::{TimeOfDay, month_day_weekday};
use crate::mail::templates::{self, Template, Values};
use crate::mail::transport::{Outgoing, SendError};
use crate::mail::{AccessMailState, MessageKind, OutboxState};

/// Transient failures are tried again after these many minutes, then every hour; after
/// [`MAX_ATTEMPTS`] tries the message is failed and shown to staff.
const BACKOFF_MINUTES: &[i64] = &[1, 5, 15, 30, 60];
pub const MAX_ATTEMPTS: u32 = 10;

fn minute_text(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// How long a claim is honoured before another run may take the message back: well
/// beyond one send (each SMTP command waits at most `timeout_secs`).
pub fn stale_after(timeout_secs: u64) -> chrono::Duration {
    chrono::Duration::minutes(15).max(chrono::Duration::seconds(timeout_secs as i64 * 10))
}

/// One message as the outbox list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxLine {
    pub id: i64,
    pub booking_id: Option<BookingId>,
    pub kind: MessageKind,
    pub session_date: NaiveDate,
    pub recipient: Option<String>,
    pub member_number: String,
    pub member_name: String,
    pub phone: String,
    pub subject: String,
    pub state: OutboxState,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub sent_at: Option<String>,
    pub late: bool,
}

/// One participant of a group session on the day, with their access message's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessListLine {
    pub booking_id: BookingId,
    pub service_name: String,
    pub hours: String,
    pub member_number: String,
    pub member_name: String,
    pub phone: String,
    pub email: Option<String>,
    pub state: AccessMailState,
    /// Confirmed after the day's access mail had gone out; sent on its own.
    pub late: bool,
    /// The outbox message, once written (for 連絡済 / 再送).
    pub message_id: Option<i64>,
}

/// The day's send list of one group session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessSendList {
    pub service_id: ServiceId,
    pub service_name: String,
    pub date: NaiveDate,
    /// The meeting ID in force that day (the date's own, or the service's default).
    pub meeting_id: Option<String>,
    pub deadline: TimeOfDay,
    pub lines: Vec<AccessListLine>,
}

/// The meeting ID and passcode of a group session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingAccess {
    pub meeting_id: String,
    pub passcode: String,
    /// Taken from the service's default, not set for the date.
    pub is_default: bool,
    /// 1, then one more for each correction.
    pub revision: u32,
}

impl MeetingAccess {
    /// The outbox occasion of the access message carrying this version on `date`.
    fn occasion(&self, date: NaiveDate) -> String {
        format!("{} {}{}", date_text(date), if self.is_default { "d" } else { "" }, self.revision)
    }
}

/// What a message is made from, read inside the transaction that writes it.
struct Context {
    member_name: String,
    email: Option<String>,
    member_phone: String,
    service_name: String,
    service_kind: ServiceKind,
    staff: String,
}

fn context(tx: &Connection, booking: &Booking) -> Result<Context> {
    let (member_name, email, phone): (String, Option<String>, Option<String>) = tx.query_row(
        "SELECT m.name, m.email,
                (SELECT p.number FROM member_phones p WHERE p.member_id = m.id ORDER BY p.position LIMIT 1)
         FROM members m WHERE m.id = ?1",
        [booking.member_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let (service_name, kind, staff): (String, String, String) =
        tx.query_row("SELECT name, kind, staff FROM services WHERE id = ?1", [booking.service_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    Ok(Context {
        member_name,
        email: email.map(|e| e.trim().to_owned()).filter(|e| !e.is_empty()),
        member_phone: phone.map(|p| PhoneNumber::from_canonical(p).display()).unwrap_or_default(),
        service_name,
        service_kind: ServiceKind::from_code(&kind).ok_or_else(|| bad_column("kind", &kind))?,
        staff,
    })
}

fn setting_in(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

fn organisation_values(conn: &Connection, values: &mut Values) -> Result<()> {
    let (name, phone, email, hours): (String, String, String, String) =
        conn.query_row("SELECT name, phone, email, desk_hours FROM organisation WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    values.insert(templates::ORGANISATION, name);
    values.insert(templates::ORGANISATION_PHONE, PhoneNumber::from_canonical(phone).display());
    values.insert(templates::ORGANISATION_EMAIL, email);
    values.insert(templates::DESK_HOURS, hours);
    let deadline = setting_in(conn, "access.deadline")?.unwrap_or_else(|| "11:00".to_owned());
    values.insert(templates::DEADLINE, deadline);
    Ok(())
}

/// The template of `kind` for a service: the manager's, or the program's default.
fn template_in(
    conn: &Connection,
    service_id: ServiceId,
    service_kind: ServiceKind,
    kind: MessageKind,
) -> Result<(Template, bool)> {
    let custom = conn
        .query_row(
            "SELECT subject, body FROM mail_templates WHERE service_id = ?1 AND kind = ?2",
            params![service_id, kind.code()],
            |r| Ok(Template { subject: r.get(0)?, body: r.get(1)? }),
        )
        .optional()?;
    Ok(match custom {
        // A template saved by an older version could use a placeholder this one lacks.
        Some(template) if templates::check_template(&template, kind).is_ok() => (template, true),
        _ => (templates::default_template(service_kind, kind), false),
    })
}

fn render(template: &Template, values: &Values) -> (String, String) {
    // Checked templates always render; the fallback keeps a booking from failing on text.
    let subject = templates::render(&template.subject, values).unwrap_or_else(|_| template.subject.clone());
    let body = templates::render(&template.body, values).unwrap_or_else(|_| template.body.clone());
    (subject, body)
}

/// Writes the message about `booking` for `kind` (nothing if it exists already).
/// `before` is the booking before a change, for the change notice's 変更前.
pub(crate) fn enqueue_booking_message(
    tx: &Transaction<'_>,
    booking: &Booking,
    kind: MessageKind,
    before: Option<&Booking>,
) -> Result<()> {
    enqueue(tx, booking, kind, before, None, false)
}

fn enqueue(
    tx: &Connection,
    booking: &Booking,
    kind: MessageKind,
    before: Option<&Booking>,
    access: Option<&MeetingAccess>,
    late: bool,
) -> Result<()> {
    let ctx = context(tx, booking)?;
    let mut values = Values::new();
    organisation_values(tx, &mut values)?;
    values.insert(templates::MEMBER_NAME, ctx.member_name.clone());
    values.insert(templates::SERVICE, ctx.service_name.clone());
    values.insert(templates::DATE, month_day_weekday(booking.date));
    values.insert(templates::HOURS, booking.hours.to_string());
    values.insert(templates::STAFF, ctx.staff.clone());
    values.insert(templates::MEMBER_PHONE, ctx.member_phone.clone());
    if let Some(before) = before {
        values.insert(templates::BEFORE, format!("{} {}", month_day_weekday(before.date), before.hours));
    }
    if let Some(position) = booking.waitlist_position {
        values.insert(templates::WAITLIST_POSITION, position.to_string());
    }
    if let Some(access) = access {
        values.insert(templates::MEETING_ID, access.meeting_id.clone());
        values.insert(templates::PASSCODE, access.passcode.clone());
    }
    let (template, _) = template_in(tx, booking.service_id, ctx.service_kind, kind)?;
    let (subject, body) = render(&template, &values);
    let occasion = match kind {
        MessageKind::Change => {
            let moves: i64 = tx.query_row(
                "SELECT count(*) FROM audit_log WHERE entity = 'booking' AND entity_id = ?1 AND action = 'booking.move'",
                [booking.id],
                |r| r.get(0),
            )?;
            moves.to_string()
        }
        MessageKind::Access => access.map(|a| a.occasion(booking.date)).unwrap_or_else(|| date_text(booking.date)),
        _ => String::new(),
    };
    let state = match (&ctx.email, kind, booking.channel) {
        (Some(_), _, _) => OutboxState::Queued,
        // Booked by phone or at the desk: the member heard the read-back there and then.
        (None, MessageKind::Confirmation | MessageKind::Waitlisted, Channel::Phone | Channel::Desk) => {
            OutboxState::Called
        }
        (None, _, _) => OutboxState::ToCall,
    };
    tx.prepare_cached(
        "INSERT OR IGNORE INTO outbox (booking_id, kind, occasion, session_date, recipient, subject, body, state,
                                       late, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        booking.id,
        kind.code(),
        occasion,
        date_text(booking.date),
        ctx.email,
        subject,
        body,
        state.code(),
        late,
        now_text()
    ])?;
    Ok(())
}

fn read_access(conn: &Connection, service_id: ServiceId, date: NaiveDate) -> Result<Option<MeetingAccess>> {
    Ok(conn
        .query_row(
            "SELECT meeting_id, passcode, date = 'default', revision FROM meeting_access
             WHERE service_id = ?1 AND date IN (?2, 'default') ORDER BY date = 'default' LIMIT 1",
            params![service_id, date_text(date)],
            |r| {
                Ok(MeetingAccess {
                    meeting_id: r.get(0)?,
                    passcode: r.get(1)?,
                    is_default: r.get(2)?,
                    revision: r.get(3)?,
                })
            },
        )
        .optional()?)
}

fn state_of(code: &str) -> rusqlite::Result<OutboxState> {
    OutboxState::from_code(code).ok_or_else(|| bad_column("outbox state", code))
}

fn kind_of(code: &str) -> rusqlite::Result<MessageKind> {
    MessageKind::from_code(code).ok_or_else(|| bad_column("message kind", code))
}

fn check_access_text(what: &str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(StoreError::Invalid(format!("{what}を入力してください")));
    }
    if value.chars().any(char::is_control) || value.chars().count() > 100 {
        return Err(StoreError::Invalid(format!("{what}は1行・100文字までで入力してください")));
    }
    Ok(value.to_owned())
}

impl Store {
    /// Sets a setting; an empty value removes it (back to the default). Recorded in the
    /// audit log.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let (key, value) = (key.to_owned(), value.to_owned());
        self.write(|tx, actor| {
            let before = setting_in(tx, &key)?;
            if value.is_empty() {
                tx.execute("DELETE FROM settings WHERE key = ?1", [&key])?;
            } else {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
                    params![key, value],
                )?;
            }
            audit(tx, actor, "setting.set", &format!("setting:{key}"), 0, before.as_ref(), Some(&value))
        })
    }

    /// "一般社団法人プラスケア <info@…>": the default sender.
    pub fn organisation_mailbox(&self) -> Result<String> {
        let (name, email): (String, String) =
            self.conn()
                .query_row("SELECT name, email FROM organisation WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(format!("{name} <{email}>"))
    }

    /// Sets the meeting ID and passcode of a group service for one date, or its default
    /// (`date` None) used on dates without their own.
    pub fn set_meeting_access(
        &mut self,
        service_id: ServiceId,
        date: Option<NaiveDate>,
        meeting_id: &str,
        passcode: &str,
    ) -> Result<()> {
        let meeting_id = check_access_text("ミーティングID", meeting_id)?;
        let passcode = check_access_text("パスコード", passcode)?;
        self.write(|tx, actor| {
            let kind: Option<String> =
                tx.query_row("SELECT kind FROM services WHERE id = ?1", [service_id], |r| r.get(0)).optional()?;
            match kind.as_deref() {
                None => return Err(StoreError::NotFound(format!("サービス (id {service_id})"))),
                Some("group") => {}
                Some(_) => return Err(StoreError::Invalid("ミーティング情報はグループのサービスにだけ登録できます".into())),
            }
            let date = date.map(date_text).unwrap_or_else(|| "default".to_owned());
            tx.execute(
                "INSERT INTO meeting_access (service_id, date, meeting_id, passcode, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (service_id, date) DO UPDATE SET meeting_id = ?3, passcode = ?4, updated_at = ?5,
                        revision = revision + (meeting_id <> ?3 OR passcode <> ?4)",
                params![service_id, date, meeting_id, passcode, now_text()],
            )?;
            // The passcode itself stays out of the audit log.
            audit(tx, actor, "access.set", "meeting_access", service_id, None::<&String>, Some(&date))
        })
    }

    /// The meeting ID and passcode in force for a service on a date.
    pub fn meeting_access(&self, service_id: ServiceId, date: NaiveDate) -> Result<Option<MeetingAccess>> {
        read_access(self.conn(), service_id, date)
    }

    /// The template of `kind` for a service, and whether it is the manager's own.
    pub fn mail_template(&self, service_id: ServiceId, kind: MessageKind) -> Result<(Template, bool)> {
        let kind_code: String =
            self.conn().query_row("SELECT kind FROM services WHERE id = ?1", [service_id], |r| r.get(0))?;
        let service_kind = ServiceKind::from_code(&kind_code).ok_or_else(|| bad_column("kind", &kind_code))?;
        template_in(self.conn(), service_id, service_kind, kind)
    }

    /// Saves the manager's template for a service, after checking its placeholders;
    /// `None` goes back to the program's default.
    pub fn set_mail_template(
        &mut self,
        service_id: ServiceId,
        kind: MessageKind,
        template: Option<&Template>,
    ) -> Result<()> {
        if kind == MessageKind::Test {
            return Err(StoreError::Invalid("テストメールの文面は変更できません".into()));
        }
        if let Some(template) = template {
            templates::check_template(template, kind).map_err(|e| StoreError::Invalid(e.to_string()))?;
        }
        self.write(|tx, actor| {
            match template {
                Some(t) => tx.execute(
                    "INSERT INTO mail_templates (service_id, kind, subject, body, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (service_id, kind) DO UPDATE SET subject = ?3, body = ?4, updated_at = ?5",
                    params![service_id, kind.code(), t.subject.trim(), t.body, now_text()],
                )?,
                None => tx.execute(
                    "DELETE FROM mail_templates WHERE service_id = ?1 AND kind = ?2",
                    params![service_id, kind.code()],
                )?,
            };
            let after = template.map(|t| format!("{}\n\n{}", t.subject, t.body));
            audit(tx, actor, "template.set", "service", service_id, None::<&String>, after.as_ref())
        })
    }

    /// Writes the day's access messages that are due at `now`: on a group session's day,
    /// from `access.send_from` until the session ends, for every participant whose place
    /// is confirmed and who has none yet. One written after the day's access mail went
    /// out is flagged late. Returns how many were written.
    pub fn enqueue_access_due(&mut self, now: NaiveDateTime) -> Result<usize> {
        self.write(|tx, _actor| {
            let send_from = setting_in(tx, "access.send_from")?
                .and_then(|t| TimeOfDay::parse(&t))
                .or(TimeOfDay::hm(7, 0))
                .map(|t| t.minutes())
                .unwrap_or(0);
            let minute = (now.time().hour() * 60 + now.time().minute()) as u16;
            if minute < send_from {
                return Ok(0);
            }
            let date = now.date();
            let schedule = super::schedule::load_schedule(tx)?;
            let mut written = 0;
            for service in schedule.services.iter().filter(|s| s.kind == ServiceKind::GroupSession) {
                let sessions = schedule.sessions_on(service, date);
                let Some(end) = sessions.iter().map(|s| s.hours.end.minutes()).max() else {
                    continue;
                };
                if minute >= end {
                    continue;
                }
                let Some(access) = read_access(tx, service.id, date)? else {
                    continue;
                };
                let occasion = access.occasion(date);
                // Late: this version of the access already went to others that day.
                let already_out: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM outbox o JOIN bookings b ON b.id = o.booking_id
                                    WHERE o.kind = 'access' AND o.occasion = ?1 AND b.service_id = ?2
                                          AND o.state IN ('sent', 'sending'))",
                    params![occasion, service.id],
                    |r| r.get(0),
                )?;
                let ids: Vec<BookingId> = tx
                    .prepare_cached(
                        "SELECT b.id FROM bookings b
                         WHERE b.date = ?1 AND b.service_id = ?2 AND b.state IN ('confirmed', 'attended')
                               AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.booking_id = b.id AND o.kind = 'access'
                                               AND o.occasion = ?3)
                         ORDER BY b.start_min, b.id",
                    )?
                    .query_map(params![date_text(date), service.id, occasion], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for id in ids {
                    // An earlier version not yet out must not go after the correction.
                    tx.execute(
                        "UPDATE outbox SET state = 'withdrawn', last_error = 'ミーティング情報が変わりました'
                         WHERE booking_id = ?1 AND kind = 'access' AND session_date = ?2 AND occasion <> ?3
                               AND state IN ('queued', 'to_call')",
                        params![id, date_text(date), occasion],
                    )?;
                    let booking = super::bookings::read_booking(tx, id)?;
                    enqueue(tx, &booking, MessageKind::Access, None, Some(&access), already_out)?;
                    written += 1;
                }
            }
            Ok(written)
        })
    }

    /// Claims the next message due at `now` for the sending run `run`, or None when
    /// nothing is due. Claims left by runs that died more than `stale` ago are taken back
    /// first, and access messages whose booking lost its place are withdrawn.
    pub fn claim_next(&mut self, run: &str, now: NaiveDateTime, stale: chrono::Duration) -> Result<Option<Outgoing>> {
        self.write(|tx, _actor| {
            tx.execute(
                "UPDATE outbox SET state = 'queued', claimed_by = NULL, claimed_at = NULL,
                        last_error = '送信中に止まった処理から回収しました'
                 WHERE state = 'sending' AND claimed_at <= ?1",
                [minute_text(now - stale)],
            )?;
            // A reply about a day already past (a booking entered afterwards, demo data)
            // would only confuse the member.
            tx.execute(
                "UPDATE outbox SET state = 'withdrawn', last_error = '予約日を過ぎていました'
                 WHERE state = 'queued' AND kind <> 'test' AND session_date < ?1",
                [date_text(now.date())],
            )?;
            // Meeting access goes to confirmed participants only (SPEC "Privacy").
            tx.execute(
                "UPDATE outbox SET state = 'withdrawn', last_error = '予約が確定ではなくなりました'
                 WHERE kind = 'access' AND state IN ('queued', 'to_call')
                       AND booking_id IN (SELECT b.id FROM bookings b
                                          WHERE b.state NOT IN ('confirmed', 'attended') OR b.date <> outbox.session_date)",
                [],
            )?;
            let next = tx
                .query_row(
                    "SELECT id, kind, recipient, subject, body, created_at FROM outbox
                     WHERE state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)
                     ORDER BY id LIMIT 1",
                    [minute_text(now)],
                    |r| {
                        let kind: String = r.get(1)?;
                        let created: String = r.get(5)?;
                        let id: i64 = r.get(0)?;
                        Ok(Outgoing {
                            id,
                            kind: kind_of(&kind)?,
                            recipient: r.get(2)?,
                            subject: r.get(3)?,
                            body: r.get(4)?,
                            key: format!("{id}.{}", created.chars().filter(char::is_ascii_digit).collect::<String>()),
                        })
                    },
                )
                .optional()?;
            if let Some(message) = &next {
                tx.execute(
                    "UPDATE outbox SET state = 'sending', claimed_by = ?2, claimed_at = ?3, attempts = attempts + 1
                     WHERE id = ?1",
                    params![message.id, run, minute_text(now)],
                )?;
            }
            Ok(next)
        })
    }

    /// Records how sending a claimed message went. A run that lost its claim (it was
    /// taken back as stale) records nothing. Returns the state the message is now in.
    pub fn record_outcome(
        &mut self,
        id: i64,
        run: &str,
        now: NaiveDateTime,
        outcome: &std::result::Result<(), SendError>,
    ) -> Result<Option<OutboxState>> {
        self.write(|tx, _actor| {
            let attempts: Option<u32> = tx
                .query_row(
                    "SELECT attempts FROM outbox WHERE id = ?1 AND state = 'sending' AND claimed_by = ?2",
                    params![id, run],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(attempts) = attempts else {
                return Ok(None);
            };
            let (state, next, error) = match outcome {
                Ok(()) => (OutboxState::Sent, None, None),
                Err(SendError::Permanent(reason)) => (OutboxState::Failed, None, Some(reason.clone())),
                Err(SendError::Transient(reason)) if attempts >= MAX_ATTEMPTS => (
                    OutboxState::Failed,
                    None,
                    Some(format!("{MAX_ATTEMPTS} 回送っても届きませんでした（最後: {reason}）")),
                ),
                Err(SendError::Transient(reason)) => {
                    let wait = BACKOFF_MINUTES.get(attempts.saturating_sub(1) as usize).copied().unwrap_or(60);
                    (
                        OutboxState::Queued,
                        Some(minute_text(now + chrono::Duration::minutes(wait))),
                        Some(reason.clone()),
                    )
                }
            };
            let sent_at = (state == OutboxState::Sent).then(|| minute_text(now));
            tx.execute(
                "UPDATE outbox SET state = ?2, claimed_by = NULL, claimed_at = NULL, next_attempt_at = ?3,
                        last_error = ?4, sent_at = ?5
                 WHERE id = ?1",
                params![id, state.code(), next, error, sent_at],
            )?;
            Ok(Some(state))
        })
    }

    /// Puts a failed message back in the queue (staff, after fixing the address or server).
    pub fn retry_message(&mut self, id: i64) -> Result<()> {
        self.write(|tx, actor| {
            let changed = tx.execute(
                "UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = NULL, last_error = NULL
                 WHERE id = ?1 AND state = 'failed' AND recipient IS NOT NULL",
                [id],
            )?;
            if changed == 0 {
                return Err(StoreError::Invalid("送信失敗のメールだけ送り直せます".into()));
            }
            audit(tx, actor, "outbox.retry", "outbox", id, None::<&String>, None::<&String>)
        })
    }

    /// Records that the desk phoned a member who has no email.
    pub fn mark_called(&mut self, id: i64) -> Result<()> {
        self.write(|tx, actor| {
            let changed = tx.execute("UPDATE outbox SET state = 'called' WHERE id = ?1 AND state = 'to_call'", [id])?;
            if changed == 0 {
                return Err(StoreError::Invalid("電話連絡が必要な項目ではありません".into()));
            }
            audit(tx, actor, "outbox.called", "outbox", id, None::<&String>, None::<&String>)
        })
    }

    /// Writes a test message to `recipient`; it is sent like any other.
    pub fn enqueue_test_message(&mut self, recipient: &str, now: NaiveDateTime) -> Result<i64> {
        let recipient = recipient.trim().to_owned();
        if recipient.parse::<lettre::Address>().is_err() {
            return Err(StoreError::Invalid(format!("宛先のメールアドレスが正しくありません（{recipient}）")));
        }
        self.write(|tx, _actor| {
            let mut values = Values::new();
            organisation_values(tx, &mut values)?;
            let template = templates::default_template(ServiceKind::GroupSession, MessageKind::Test);
            let (subject, body) = render(&template, &values);
            tx.execute(
                "INSERT INTO outbox (booking_id, kind, session_date, recipient, subject, body, state, created_at)
                 VALUES (NULL, 'test', ?1, ?2, ?3, ?4, 'queued', ?5)",
                params![date_text(now.date()), recipient, subject, body, minute_text(now)],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Messages about bookings on `date` (every message when None), newest first.
    pub fn outbox_lines(&self, date: Option<NaiveDate>) -> Result<Vec<OutboxLine>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT o.id, o.booking_id, o.kind, o.session_date, o.recipient, coalesce(m.number, ''),
                    coalesce(m.name, ''),
                    (SELECT p.number FROM member_phones p WHERE p.member_id = m.id ORDER BY p.position LIMIT 1),
                    o.subject, o.state, o.attempts, o.last_error, o.sent_at, o.late
             FROM outbox o LEFT JOIN bookings b ON b.id = o.booking_id LEFT JOIN members m ON m.id = b.member_id
             WHERE ?1 IS NULL OR o.session_date = ?1
             ORDER BY o.id DESC",
        )?;
        let rows = stmt.query_map([date.map(date_text)], |r| {
            let kind: String = r.get(2)?;
            let state: String = r.get(9)?;
            let phone: Option<String> = r.get(7)?;
            Ok(OutboxLine {
                id: r.get(0)?,
                booking_id: r.get(1)?,
                kind: kind_of(&kind)?,
                session_date: parse_date_text(&r.get::<_, String>(3)?)?,
                recipient: r.get(4)?,
                member_number: r.get(5)?,
                member_name: r.get(6)?,
                phone: phone.map(|p| PhoneNumber::from_canonical(p).display()).unwrap_or_default(),
                subject: r.get(8)?,
                state: state_of(&state)?,
                attempts: r.get(10)?,
                last_error: r.get(11)?,
                sent_at: r.get(12)?,
                late: r.get(13)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many messages wait to be sent (queued or being sent).
    pub fn outbox_pending(&self) -> Result<u32> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending')", [], |r| r.get(0))?)
    }

    /// The access message's state of every confirmed participant of the group sessions
    /// on `date`, by booking: what the day list's mail column shows.
    pub fn access_mail_states(&self, date: NaiveDate) -> Result<BTreeMap<BookingId, AccessMailState>> {
        Ok(self
            .access_send_lists(date)?
            .into_iter()
            .flat_map(|list| list.lines)
            .map(|line| (line.booking_id, line.state))
            .collect())
    }

    /// The send list of each group session on `date`: every participant whose place is
    /// confirmed, and where their access message stands.
    pub fn access_send_lists(&self, date: NaiveDate) -> Result<Vec<AccessSendList>> {
        let schedule = self.schedule()?;
        let deadline = self
            .setting("access.deadline")?
            .and_then(|t| TimeOfDay::parse(&t))
            .or(TimeOfDay::hm(11, 0))
            .ok_or_else(|| StoreError::Invalid("access.deadline が読めません".into()))?;
        let mut lists = Vec::new();
        for service in schedule.services.iter().filter(|s| s.kind == ServiceKind::GroupSession) {
            if schedule.sessions_on(service, date).is_empty() {
                continue;
            }
            let mut stmt = self.conn().prepare_cached(
                "SELECT b.id, b.start_min, b.end_min, m.number, m.name,
                        (SELECT p.number FROM member_phones p WHERE p.member_id = m.id ORDER BY p.position LIMIT 1),
                        m.email, o.id, o.state, o.last_error, o.sent_at, o.late
                 FROM bookings b JOIN members m ON m.id = b.member_id
                      LEFT JOIN outbox o ON o.id = (SELECT max(x.id) FROM outbox x
                                                    WHERE x.booking_id = b.id AND x.kind = 'access'
                                                          AND x.session_date = b.date AND x.state <> 'withdrawn')
                 WHERE b.date = ?1 AND b.service_id = ?2 AND b.state IN ('confirmed', 'attended')
                 ORDER BY b.start_min, m.kana_key",
            )?;
            let lines = stmt
                .query_map(params![date_text(date), service.id], |r| {
                    let hours = super::bookings::interval(r.get(1)?, r.get(2)?)?;
                    let phone: Option<String> = r.get(5)?;
                    let email: Option<String> = r.get::<_, Option<String>>(6)?.filter(|e| !e.trim().is_empty());
                    let state: Option<String> = r.get(8)?;
                    let error: Option<String> = r.get(9)?;
                    let sent_at: Option<String> = r.get(10)?;
                    let state = match state.as_deref().map(state_of).transpose()? {
                        Some(OutboxState::Sent) => AccessMailState::Sent { at: sent_at.unwrap_or_default() },
                        Some(OutboxState::Failed) => AccessMailState::Failed { reason: error.unwrap_or_default() },
                        Some(OutboxState::ToCall) => AccessMailState::NoEmail { called: false },
                        Some(OutboxState::Called) => AccessMailState::NoEmail { called: true },
                        Some(OutboxState::Queued | OutboxState::Sending | OutboxState::Withdrawn) => {
                            AccessMailState::NotYet { retrying: error }
                        }
                        None if email.is_none() => AccessMailState::NoEmail { called: false },
                        None => AccessMailState::NotYet { retrying: None },
                    };
                    Ok(AccessListLine {
                        booking_id: r.get(0)?,
                        service_name: service.name.clone(),
                        hours: hours.to_string(),
                        member_number: r.get(3)?,
                        member_name: r.get(4)?,
                        phone: phone.map(|p| PhoneNumber::from_canonical(p).display()).unwrap_or_default(),
                        email,
                        state,
                        late: r.get::<_, Option<bool>>(11)?.unwrap_or(false),
                        message_id: r.get(7)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            lists.push(AccessSendList {
                service_id: service.id,
                service_name: service.name.clone(),
                date,
                meeting_id: self.meeting_access(service.id, date)?.map(|a| a.meeting_id),
                deadline,
                lines,
            });
        }
        Ok(lists)
    }
}
