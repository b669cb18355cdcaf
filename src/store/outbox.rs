//! The outbox: messages to members, written before anything sends them, and claimed one
//! at a time by the run that sends them (`mail::send`). What goes in a message is decided
//! by the domain (`domain::message`, `domain::templates`); its text is rendered here from
//! the stored template (`store::mail_templates`).
//!
//! A booking's message is written by [`enqueue_booking_message`] inside the transaction
//! that changes the booking. Sending (see `mail::send`) claims one message at a time in a
//! `BEGIN IMMEDIATE` transaction, sends it with no transaction open, and records the
//! outcome only if it still holds the claim. At most one message exists per booking, kind
//! and occasion (a UNIQUE constraint), so a second click, a retry or a second instance
//! cannot write — or send — it twice.
//!
//! The one case that can send twice: a run that dies after the server took the message
//! but before the outcome was recorded. Its claim is taken back after `domain::message::stale_after`
//! and the message goes again, with the same Message-ID. Losing a message silently would
//! be worse than sending it twice in that rare case; the window is the few milliseconds
//! between the server's "250 OK" and the commit.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::mail_templates::{organisation_values, render, template_in};
use super::meeting_access::MeetingAccess;
use super::members::first_phone;
use super::{Result, Store, StoreError, audit, bad_column, date_text, now_text, parse_date_text};
use crate::domain::booking::{Booking, BookingId};
use crate::domain::member::parse_email;
use crate::domain::message::{self, AfterFailure, MessageKind, OutboxState, SendError};
use crate::domain::phone::PhoneNumber;
use crate::domain::schedule::ServiceKind;
use crate::domain::templates::{self, Values};
use crate::domain::time::month_day_weekday;

fn minute_text(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// One message claimed for sending, as the outbox hands it to a transport.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub id: i64,
    pub kind: MessageKind,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    /// Unique to this message in this database: the Message-ID is built from it, so a
    /// message sent twice after a crash carries the same Message-ID both times.
    pub key: String,
    /// The Message-ID of the member's mail this message answers (a request read from the
    /// mailbox), for In-Reply-To and References.
    pub in_reply_to: Option<String>,
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
    // The booking's own address (given in the request mail it came from) before the
    // member's address on file.
    let (member_name, email, phone): (String, Option<String>, Option<String>) = tx.query_row(
        concat!(
            "SELECT m.name, coalesce((SELECT nullif(trim(b.email), '') FROM bookings b WHERE b.id = ?2), m.email),
                ",
            first_phone!(),
            "
         FROM members m WHERE m.id = ?1"
        ),
        params![booking.member_id, booking.id],
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

pub(super) fn enqueue(
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
    let state = message::first_state(ctx.email.is_some(), kind, booking.channel);
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

pub(super) fn state_of(code: &str) -> rusqlite::Result<OutboxState> {
    OutboxState::from_code(code).ok_or_else(|| bad_column("outbox state", code))
}

fn kind_of(code: &str) -> rusqlite::Result<MessageKind> {
    MessageKind::from_code(code).ok_or_else(|| bad_column("message kind", code))
}

impl Store {
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
                    "SELECT id, kind, recipient, subject, body, created_at, in_reply_to FROM outbox
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
                            in_reply_to: r.get(6)?,
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
                Err(error) => match message::after_failure(attempts, error) {
                    AfterFailure::Failed { reason } => (OutboxState::Failed, None, Some(reason)),
                    AfterFailure::RetryAfter { minutes, reason } => {
                        (OutboxState::Queued, Some(minute_text(now + chrono::Duration::minutes(minutes))), Some(reason))
                    }
                },
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

    /// Records that the desk phoned the member: one who has no email, or one whose message
    /// failed for good (the failure is then handled).
    pub fn mark_called(&mut self, id: i64) -> Result<()> {
        self.write(|tx, actor| {
            let changed = tx
                .execute("UPDATE outbox SET state = 'called' WHERE id = ?1 AND state IN ('to_call', 'failed')", [id])?;
            if changed == 0 {
                return Err(StoreError::Invalid("電話連絡が必要な項目ではありません".into()));
            }
            audit(tx, actor, "outbox.called", "outbox", id, None::<&String>, None::<&String>)
        })
    }

    /// Writes a test message to `recipient`; it is sent like any other.
    pub fn enqueue_test_message(&mut self, recipient: &str, now: NaiveDateTime) -> Result<i64> {
        let Ok(Some(recipient)) = parse_email(recipient) else {
            return Err(StoreError::Invalid(format!("宛先のメールアドレスが正しくありません（{}）", recipient.trim())));
        };
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
        self.outbox_lines_where(date, false)
    }

    /// Messages that failed for good, whatever their date, newest first: each waits for
    /// the desk to send it again or phone the member.
    pub fn failed_messages(&self) -> Result<Vec<OutboxLine>> {
        self.outbox_lines_where(None, true)
    }

    /// How many messages failed for good and wait for the desk.
    pub fn failed_message_count(&self) -> Result<u32> {
        Ok(self.conn().query_row("SELECT count(*) FROM outbox WHERE state = 'failed'", [], |r| r.get(0))?)
    }

    fn outbox_lines_where(&self, date: Option<NaiveDate>, failed_only: bool) -> Result<Vec<OutboxLine>> {
        let mut stmt = self.conn().prepare_cached(concat!(
            "SELECT o.id, o.booking_id, o.kind, o.session_date, o.recipient, coalesce(m.number, ''),
                    coalesce(m.name, ''),
                    ",
            first_phone!(),
            ",
                    o.subject, o.state, o.attempts, o.last_error, o.sent_at, o.late
             FROM outbox o LEFT JOIN bookings b ON b.id = o.booking_id LEFT JOIN members m ON m.id = b.member_id
             WHERE (?1 IS NULL OR o.session_date = ?1) AND (NOT ?2 OR o.state = 'failed')
             ORDER BY o.id DESC"
        ))?;
        let rows = stmt.query_map(params![date.map(date_text), failed_only], |r| {
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
}
