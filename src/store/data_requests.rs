//! A member's requests about their own data (開示・訂正・削除): everything held about one
//! member for a disclosure, the record of each request, erasure, and the retention review.
//!
//! Erasure keeps the member's row and their bookings, emptied of everything that names
//! them, so every capacity figure stays as it was: the member becomes `削除-<id>`, their
//! phones go, their bookings keep date, service, times, state and channel but lose theme,
//! notes and the cancellation's reason, their messages lose recipient, subject and text,
//! and the audit rows about them lose the rows they recorded. One audit row says that an
//! erasure happened, when and by whom. `PRAGMA secure_delete` (set on every connection)
//! zeroes what is deleted, and the file is vacuumed and its write-ahead log emptied so no
//! old page keeps a copy.

use chrono::{Months, NaiveDate};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::bookings::{BookingLine, booking_lines_in, cancel_in, interval};
use super::members::{MemberContact, first_phone, member_contact, member_contact_columns, read_member};
use super::{Result, Store, StoreError, audit, bad_column, date_text, now_text, parse_date_text};
use crate::domain::booking::{Booking, BookingId, BookingState, Channel};
use crate::domain::member::{Member, MemberId};
use crate::domain::message::{MessageKind, OutboxState};
use crate::domain::privacy::{DataRequest, RequestKind, RequestOrigin, names_the_member};
use crate::domain::time::Interval;

/// Members with no booking for this many years are listed for review (default 3).
pub const RETENTION_YEARS: &str = "retention.years";
const RETENTION_YEARS_DEFAULT: u32 = 3;

/// One booking as a disclosure lists it: everything stored about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisclosedBooking {
    pub id: BookingId,
    pub date: NaiveDate,
    pub service_name: String,
    pub hours: Interval,
    pub state: BookingState,
    pub channel: Channel,
    pub theme: String,
    pub notes: String,
    pub waitlist_position: Option<u32>,
    pub cancel_reason: Option<String>,
    pub cancelled_by: Option<String>,
    /// When the booking was taken (YYYY-MM-DDTHH:MM:SS).
    pub created_at: String,
    /// The address given for this booking in the member's request mail, when there was one.
    pub email: Option<String>,
}

/// A request mail from the member, as the desk read it and what it did with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisclosedMail {
    /// When it was sent (YYYY-MM-DDTHH:MM:SS).
    pub sent_at: String,
    pub sender: String,
    pub subject: String,
    /// 保健室, 個別相談, ドクターメール, その他.
    pub kind: String,
    /// 未処理, 受付済, 空きを案内, 見送り.
    pub state: String,
    /// What was read from it, in one line.
    pub proposal: String,
    /// Whether the mail itself is still kept (until handled plus the days set).
    pub mail_kept: bool,
}

/// One of the doctor's email consultations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisclosedConsultation {
    pub requested_on: String,
    pub agreed_at: Option<String>,
    pub state: String,
    pub notes: String,
}

/// One message to the member (or the call that stood for it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisclosedMessage {
    pub created_at: String,
    pub session_date: NaiveDate,
    pub kind: MessageKind,
    pub recipient: Option<String>,
    pub subject: String,
    pub state: OutboxState,
    pub sent_at: Option<String>,
}

/// One entry of the audit log about the member or one of their bookings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisclosedEvent {
    pub at: String,
    pub actor: String,
    pub action: String,
    /// 会員, or 予約 12.
    pub about: String,
}

/// A request as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    pub id: i64,
    pub kind: RequestKind,
    /// Empty when the manager made it (the retention review).
    pub requested_by: String,
    pub identity_check: String,
    pub received_on: NaiveDate,
    pub handled_at: String,
    pub handled_by: String,
    pub detail: String,
}

/// The member's request mails (`?1` is the member's id): those matched to them by number,
/// and those no member was matched to that came from their address on file.
macro_rules! their_requests {
    () => {
        "SELECT id FROM intake_requests
         WHERE member_id = ?1
            OR (member_id IS NULL AND sender <> ''
                AND lower(sender) = (SELECT lower(email) FROM members WHERE id = ?1))"
    };
}

/// The audit rows about the member (`?1`): tagged with them, or about their record,
/// bookings, doctor's consultations or request mails.
macro_rules! about_the_member {
    () => {
        concat!(
            "(member_id = ?1
              OR (entity = 'member' AND entity_id = ?1)
              OR (entity = 'booking' AND entity_id IN (SELECT id FROM bookings WHERE member_id = ?1))
              OR (entity = 'email_consultation'
                  AND entity_id IN (SELECT id FROM email_consultations WHERE member_id = ?1))
              OR (entity = 'intake' AND entity_id IN (",
            their_requests!(),
            ")))"
        )
    };
}

/// Everything held about one member, for a disclosure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberDisclosure {
    pub organisation: String,
    pub member: Member,
    /// When the member was registered and last changed (YYYY-MM-DDTHH:MM:SS).
    pub registered_at: String,
    pub updated_at: String,
    pub bookings: Vec<DisclosedBooking>,
    pub consultations: Vec<DisclosedConsultation>,
    pub messages: Vec<DisclosedMessage>,
    pub mails: Vec<DisclosedMail>,
    pub history: Vec<DisclosedEvent>,
    pub requests: Vec<RecordedRequest>,
}

/// What an erasure did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Erasure {
    pub request_id: i64,
    /// Bookings kept as anonymous counts.
    pub bookings: usize,
    /// The member's messages (id, kind): their `.eml` files in the outbox folder go too.
    pub messages: Vec<(i64, MessageKind)>,
    /// False when another window or program was reading the file at that moment, so its
    /// write-ahead log could not be emptied yet (it is at the next erasure or backup).
    pub file_clean: bool,
}

/// A member listed in the retention review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetentionLine {
    pub member_id: MemberId,
    pub member: MemberContact,
    /// The last booking's date; `None` when they never booked.
    pub last_booking: Option<NaiveDate>,
    pub registered_on: NaiveDate,
}

#[derive(Serialize)]
struct RequestRecord<'a> {
    request: i64,
    kind: &'a str,
}

#[derive(Serialize)]
struct ErasureRecord {
    request: i64,
    bookings: usize,
    messages: usize,
}

impl Store {
    /// The member with this number, unless erased; refused with a message otherwise.
    pub fn member_for_request(&self, number: &str) -> Result<Member> {
        self.member_by_number(number)?.ok_or_else(|| StoreError::NotFound(format!("会員番号 {}", number.trim())))
    }

    /// Everything held about the member, for a disclosure.
    pub fn member_disclosure(&self, member_id: MemberId) -> Result<MemberDisclosure> {
        let conn = self.conn();
        let member = read_member(conn, member_id)?;
        let (registered_at, updated_at): (String, String) =
            conn.query_row("SELECT created_at, updated_at FROM members WHERE id = ?1", [member_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let bookings = conn
            .prepare_cached(
                "SELECT b.id, b.date, s.name, b.start_min, b.end_min, b.state, b.channel, b.theme, b.notes,
                        b.waitlist_position, b.cancel_reason, b.cancelled_by, b.created_at, b.email
                 FROM bookings b JOIN services s ON s.id = b.service_id
                 WHERE b.member_id = ?1 ORDER BY b.date, b.start_min, b.id",
            )?
            .query_map([member_id], |r| {
                let state: String = r.get(5)?;
                let channel: String = r.get(6)?;
                Ok(DisclosedBooking {
                    id: r.get(0)?,
                    date: parse_date_text(&r.get::<_, String>(1)?)?,
                    service_name: r.get(2)?,
                    hours: interval(r.get(3)?, r.get(4)?)?,
                    state: BookingState::from_code(&state).ok_or_else(|| bad_column("state", &state))?,
                    channel: Channel::from_code(&channel).ok_or_else(|| bad_column("channel", &channel))?,
                    theme: r.get(7)?,
                    notes: r.get(8)?,
                    waitlist_position: r.get(9)?,
                    cancel_reason: r.get(10)?,
                    cancelled_by: r.get(11)?,
                    created_at: r.get(12)?,
                    email: r.get(13)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let consultations = conn
            .prepare_cached(
                "SELECT requested_on, agreed_at, state, notes FROM email_consultations
                 WHERE member_id = ?1 ORDER BY requested_on, id",
            )?
            .query_map([member_id], |r| {
                let state: String = r.get(2)?;
                let label = crate::domain::email_consultation::EmailConsultationState::from_code(&state)
                    .map(|s| s.label().to_owned())
                    .unwrap_or(state);
                Ok(DisclosedConsultation {
                    requested_on: r.get(0)?,
                    agreed_at: r.get(1)?,
                    state: label,
                    notes: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let messages = conn
            .prepare_cached(concat!(
                "SELECT o.created_at, o.session_date, o.kind, o.recipient, o.subject, o.state, o.sent_at
                     FROM outbox o LEFT JOIN bookings b ON b.id = o.booking_id
                     WHERE b.member_id = ?1 OR o.intake_id IN (",
                their_requests!(),
                ") ORDER BY o.created_at, o.id"
            ))?
            .query_map([member_id], |r| {
                let kind: String = r.get(2)?;
                let state: String = r.get(5)?;
                Ok(DisclosedMessage {
                    created_at: r.get(0)?,
                    session_date: parse_date_text(&r.get::<_, String>(1)?)?,
                    kind: MessageKind::from_code(&kind).ok_or_else(|| bad_column("kind", &kind))?,
                    recipient: r.get(3)?,
                    subject: r.get(4)?,
                    state: OutboxState::from_code(&state).ok_or_else(|| bad_column("state", &state))?,
                    sent_at: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mails = conn
            .prepare_cached(concat!(
                "SELECT sent_at, sender, subject, kind, state, reading, body IS NOT NULL FROM intake_requests
                     WHERE id IN (",
                their_requests!(),
                ") ORDER BY sent_at, id"
            ))?
            .query_map([member_id], |r| {
                let kind: String = r.get(3)?;
                let state: String = r.get(4)?;
                let reading: String = r.get(5)?;
                let reading: crate::domain::intake::Reading =
                    serde_json::from_str(&reading).map_err(|_| bad_column("reading", &reading))?;
                Ok(DisclosedMail {
                    sent_at: r.get(0)?,
                    sender: r.get(1)?,
                    subject: r.get(2)?,
                    kind: crate::domain::intake::RequestKind::from_code(&kind)
                        .map(|k| k.label().to_owned())
                        .unwrap_or(kind),
                    state: crate::domain::intake::IntakeState::from_code(&state)
                        .map(|s| s.label().to_owned())
                        .unwrap_or(state),
                    proposal: reading.proposal(),
                    mail_kept: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let history = conn
            .prepare_cached(concat!(
                "SELECT at, actor, action, entity, entity_id FROM audit_log WHERE ",
                about_the_member!(),
                " ORDER BY id"
            ))?
            .query_map([member_id], |r| {
                let action: String = r.get(2)?;
                let entity: String = r.get(3)?;
                let id: i64 = r.get(4)?;
                let about = match entity.as_str() {
                    "member" => "会員".to_owned(),
                    "booking" => format!("予約 {id}"),
                    "intake" => format!("メールの予約依頼 {id}"),
                    "email_consultation" => format!("ドクターメール {id}"),
                    _ => format!("{entity} {id}"),
                };
                Ok(DisclosedEvent {
                    at: r.get(0)?,
                    actor: r.get(1)?,
                    action: crate::domain::actions::action_label(&action).to_owned(),
                    about,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(MemberDisclosure {
            organisation: self.organisation()?.name,
            member,
            registered_at,
            updated_at,
            bookings,
            consultations,
            messages,
            mails,
            history,
            requests: self.data_requests(member_id)?,
        })
    }

    /// The member's requests, oldest first.
    pub fn data_requests(&self, member_id: MemberId) -> Result<Vec<RecordedRequest>> {
        let rows = self
            .conn()
            .prepare_cached(
                "SELECT id, kind, requested_by, identity_check, received_on, handled_at, handled_by, detail
                 FROM data_requests WHERE member_id = ?1 ORDER BY id",
            )?
            .query_map([member_id], |r| {
                let kind: String = r.get(1)?;
                Ok(RecordedRequest {
                    id: r.get(0)?,
                    kind: RequestKind::from_code(&kind).ok_or_else(|| bad_column("kind", &kind))?,
                    requested_by: r.get(2)?,
                    identity_check: r.get(3)?,
                    received_on: parse_date_text(&r.get::<_, String>(4)?)?,
                    handled_at: r.get(5)?,
                    handled_by: r.get(6)?,
                    detail: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Records a disclosure or a correction as handled now, by whoever is at the desk.
    /// (An erasure is recorded by [`Store::erase_member`] in the transaction that erases.)
    pub fn record_data_request(&mut self, member_id: MemberId, request: &DataRequest) -> Result<i64> {
        if request.kind == RequestKind::Erasure {
            return Err(StoreError::Invalid("削除は削除の操作で記録されます".into()));
        }
        self.write(|tx, actor| insert_request(tx, actor, member_id, request))
    }

    /// The member's bookings from `today` on that still hold or wait for a place: they are
    /// cancelled before an erasure.
    pub fn future_bookings(&self, member_id: MemberId, today: NaiveDate) -> Result<Vec<BookingLine>> {
        booking_lines_in(
            self.conn(),
            "b.member_id = ?1 AND b.date >= ?2 AND b.state IN ('confirmed', 'waitlisted')",
            params![member_id, date_text(today)],
        )
    }

    /// Cancels the member's [`Store::future_bookings`] with `reason`, all or none.
    pub fn cancel_future_bookings(
        &mut self,
        member_id: MemberId,
        today: NaiveDate,
        reason: &str,
    ) -> Result<Vec<Booking>> {
        let ids: Vec<BookingId> = self.future_bookings(member_id, today)?.iter().map(|b| b.id).collect();
        self.write(|tx, actor| ids.iter().map(|id| cancel_in(tx, actor, *id, reason)).collect())
    }

    /// Erases the member's personal data (see the module's comment). Refused while they
    /// have bookings from `today` on, and when the request's record would name them.
    pub fn erase_member(&mut self, member_id: MemberId, request: &DataRequest, today: NaiveDate) -> Result<Erasure> {
        if request.kind != RequestKind::Erasure {
            return Err(StoreError::Invalid("削除の請求ではありません".into()));
        }
        let mut erasure = self.write(|tx, actor| {
            let erased: Option<String> =
                tx.query_row("SELECT erased_at FROM members WHERE id = ?1", [member_id], |r| r.get(0))?;
            if erased.is_some() {
                return Err(StoreError::AlreadyErased);
            }
            let future: i64 = tx.query_row(
                "SELECT count(*) FROM bookings WHERE member_id = ?1 AND date >= ?2
                 AND state IN ('confirmed', 'waitlisted')",
                params![member_id, date_text(today)],
                |r| r.get(0),
            )?;
            if future > 0 {
                return Err(StoreError::FutureBookings(future as usize));
            }
            let request_id = insert_request(tx, actor, member_id, request)?;
            let messages = tx
                .prepare(concat!(
                    "SELECT id, kind FROM outbox
                         WHERE booking_id IN (SELECT id FROM bookings WHERE member_id = ?1) OR intake_id IN (",
                    their_requests!(),
                    ") ORDER BY id"
                ))?
                .query_map([member_id], |r| {
                    let kind: String = r.get(1)?;
                    Ok((r.get(0)?, MessageKind::from_code(&kind).ok_or_else(|| bad_column("kind", &kind))?))
                })?
                .collect::<rusqlite::Result<Vec<(i64, MessageKind)>>>()?;
            // What was recorded about the member goes; that it happened, when and by whom stays.
            tx.execute(
                concat!("UPDATE audit_log SET before = NULL, after = NULL WHERE ", about_the_member!()),
                [member_id],
            )?;
            // A message not yet out is not sent any more.
            tx.execute(
                concat!(
                    "UPDATE outbox SET recipient = CASE WHEN recipient IS NULL THEN NULL ELSE '' END,
                        subject = '', body = '', last_error = NULL, claimed_by = NULL, claimed_at = NULL,
                        next_attempt_at = NULL,
                        state = CASE WHEN state IN ('queued', 'sending', 'failed') THEN 'withdrawn' ELSE state END
                 WHERE booking_id IN (SELECT id FROM bookings WHERE member_id = ?1) OR intake_id IN (",
                    their_requests!(),
                    ")"
                ),
                [member_id],
            )?;
            // Date, service, times, state and channel stay: the figures count them.
            let bookings = tx.execute(
                "UPDATE bookings SET theme = '', notes = '', email = NULL,
                        cancel_reason = CASE WHEN cancel_reason IS NULL THEN NULL ELSE '（削除）' END
                 WHERE member_id = ?1",
                [member_id],
            )?;
            tx.execute("UPDATE email_consultations SET notes = '' WHERE member_id = ?1", [member_id])?;
            // Their request mails: the mail, its sender and everything read from it go.
            tx.execute(
                concat!(
                    "UPDATE intake_requests SET raw = NULL, body = NULL, sender = '', sender_name = '', subject = '',
                        message_id = NULL,
                        reading = json_set(reading, '$.member_number', NULL, '$.member_name', NULL,
                                           '$.address', NULL, '$.theme', ''),
                        mail_removed_at = coalesce(mail_removed_at, ?2)
                     WHERE id IN (",
                    their_requests!(),
                    ")"
                ),
                params![member_id, now_text()],
            )?;
            tx.execute("DELETE FROM member_phones WHERE member_id = ?1", [member_id])?;
            let now = now_text();
            tx.execute(
                "UPDATE members SET number = '削除-' || id, name = '（削除済み）', kana = '', name_key = '',
                        kana_key = '', email = NULL, preferred_contact = 'phone', consent_on = NULL, notes = '',
                        updated_at = ?2, erased_at = ?2
                 WHERE id = ?1",
                params![member_id, now],
            )?;
            let record = ErasureRecord { request: request_id, bookings, messages: messages.len() };
            audit(tx, actor, "member.erase", "member", member_id, None::<&String>, Some(&record))?;
            Ok(Erasure { request_id, bookings, messages, file_clean: false })
        })?;
        erasure.file_clean = self.scrub_file()?;
        Ok(erasure)
    }

    /// Rewrites the file without free pages and empties the write-ahead log, so nothing
    /// deleted is left in either. False when a reader elsewhere kept the log from being
    /// emptied.
    fn scrub_file(&mut self) -> Result<bool> {
        self.conn().execute_batch("VACUUM")?;
        let busy: i64 = self.conn().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }

    /// How many years without a booking put a member on the retention review.
    pub fn retention_years(&self) -> Result<u32> {
        match self.setting(RETENTION_YEARS)? {
            None => Ok(RETENTION_YEARS_DEFAULT),
            Some(text) => crate::domain::privacy::parse_retention_years(&text)
                .ok_or(StoreError::BadSetting { key: RETENTION_YEARS.to_owned(), value: text }),
        }
    }

    /// Members with no booking (nor doctor's consultation) for [`Store::retention_years`]
    /// years, and registered before that: listed for the manager to look at and erase.
    pub fn retention_review(&self, today: NaiveDate) -> Result<Vec<RetentionLine>> {
        let years = self.retention_years()?;
        let cutoff = today.checked_sub_months(Months::new(12 * years)).unwrap_or(NaiveDate::MIN);
        let mut stmt = self.conn().prepare_cached(concat!(
            "SELECT m.id, ",
            member_contact_columns!(),
            ", last, substr(m.created_at, 1, 10)
             FROM (SELECT m.*, (SELECT max(b.date) FROM bookings b WHERE b.member_id = m.id) AS last,
                          (SELECT max(substr(e.requested_on, 1, 10)) FROM email_consultations e
                           WHERE e.member_id = m.id) AS last_mail
                   FROM members m WHERE m.erased_at IS NULL) m
             WHERE max(coalesce(last, ''), coalesce(last_mail, ''), substr(m.created_at, 1, 10)) < ?1
             ORDER BY coalesce(last, ''), m.number"
        ))?;
        let lines = stmt
            .query_map([date_text(cutoff)], |r| {
                Ok(RetentionLine {
                    member_id: r.get(0)?,
                    member: member_contact(r, 1)?,
                    last_booking: r.get::<_, Option<String>>(6)?.as_deref().map(parse_date_text).transpose()?,
                    registered_on: parse_date_text(&r.get::<_, String>(7)?)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(lines)
    }
}

/// Checks the request's texts and writes it as handled now by `actor`, with its audit row.
fn insert_request(tx: &Transaction<'_>, actor: &str, member_id: MemberId, request: &DataRequest) -> Result<i64> {
    let request = request.clone().checked().map_err(|(field, message)| StoreError::BadRequest(field, message))?;
    let member = read_member(tx, member_id)?;
    // The record of a request outlives an erasure: it may not name the member.
    if let Some((field, message)) = names_the_member(&request, &member) {
        return Err(StoreError::BadRequest(field, message));
    }
    let origin = match request.origin {
        RequestOrigin::Member { .. } => "member",
        RequestOrigin::Manager => "manager",
    };
    let [requested_by, identity_check, detail] = request.texts();
    tx.prepare_cached(
        "INSERT INTO data_requests (member_id, kind, origin, requested_by, identity_check, received_on,
                                    handled_at, handled_by, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        member_id,
        request.kind.code(),
        origin,
        requested_by,
        identity_check,
        date_text(request.received_on),
        now_text(),
        actor,
        detail
    ])?;
    let id = tx.last_insert_rowid();
    let record = RequestRecord { request: id, kind: request.kind.code() };
    audit(
        tx,
        actor,
        &format!("member.request.{}", request.kind.code()),
        "member",
        member_id,
        None::<&String>,
        Some(&record),
    )?;
    Ok(id)
}

/// The member's id if they exist and are not erased (a helper for `members`).
pub(crate) fn live_member_id(conn: &rusqlite::Connection, number: &str) -> Result<Option<MemberId>> {
    Ok(conn
        .query_row("SELECT id FROM members WHERE number = ?1 AND erased_at IS NULL", [number], |r| r.get(0))
        .optional()?)
}
