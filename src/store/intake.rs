//! Requests that arrived by email: each mail read once (by its Message-ID), its reading
//! (`domain::intake`) and the identity check stored as a proposal, and what a person did
//! with it. Nothing here books on its own: [`Store::accept_intake`] is the desk's action,
//! and it books through the same rules as the desk (`bookings::book_in`), in the same
//! transaction that writes the reply to the sender, threaded under their mail.
//!
//! The mail itself (raw bytes and text) is kept only until the request is handled plus
//! `intake.keep_days` days ([`Store::remove_handled_intake_mail`]).

use chrono::{Duration, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use super::bookings::{WhenFull, book_in, free_starts_in};
use super::email_consultations::request_in;
use super::mail_templates::{organisation_values, render, template_in};
use super::schedule::load_schedule;
use super::settings::setting_in;
use super::{Result, Store, StoreError, audit, bad_column, date_text, now_text};
use crate::domain::booking::{BookingId, BookingRequest, Channel, check_booking_date};
use crate::domain::intake::{
    FreeDay, IdentityFlag, IntakeRules, IntakeState, MailText, MemberOnFile, Reading, RequestKind, alternatives_lines,
    booking_address, identity_flags, read_request,
};
use crate::domain::member::{MemberId, parse_email};
use crate::domain::message::MessageKind;
use crate::domain::schedule::{Schedule, ServiceKind};
use crate::domain::templates;
use crate::domain::time::month_day_weekday;

/// Days a handled request's mail is kept before its text and bytes are removed.
pub const INTAKE_KEEP_DAYS: &str = "intake.keep_days";
const INTAKE_KEEP_DAYS_DEFAULT: i64 = 30;

/// Days the desk offers instead of what a request asked for, at most.
const ALTERNATIVE_DAYS: usize = 3;
/// How far ahead of the asked date the alternatives are looked for.
const ALTERNATIVES_AHEAD_DAYS: i64 = 42;

/// The desk's answer to a request it cannot book as asked, before it is edited and sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyDraft {
    /// The request's sender: the answer goes back to them, threaded under their mail.
    pub recipient: String,
    pub subject: String,
    pub body: String,
}

/// One request as the intake list and window show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntakeRequest {
    pub id: i64,
    pub message_id: Option<String>,
    pub sender: String,
    pub sender_name: String,
    pub subject: String,
    pub sent_at: NaiveDateTime,
    /// The mail's text; `None` once removed after handling (or in the list, which does not
    /// read it).
    pub body: Option<String>,
    pub reading: Reading,
    /// The member whose number the mail gives, when there is one.
    pub member_id: Option<MemberId>,
    pub flags: Vec<IdentityFlag>,
    pub state: IntakeState,
    pub booking_id: Option<BookingId>,
    pub email_consultation_id: Option<i64>,
    pub dismiss_reason: Option<String>,
}

impl IntakeRequest {
    /// Whether a person must look before accepting: the reading has doubts or the
    /// identity check flags something.
    pub fn needs_check(&self) -> bool {
        !self.reading.is_sure() || !self.flags.is_empty()
    }

    /// Every reason to look, in the desk's words.
    pub fn reasons(&self) -> Vec<String> {
        self.reading.doubts.iter().cloned().chain(self.flags.iter().map(IdentityFlag::describe)).collect()
    }
}

/// What the audit log records of a request: never the mail's text.
#[derive(Serialize)]
struct Audited<'a> {
    kind: &'a str,
    state: &'a str,
    sender: &'a str,
    member_number: Option<&'a str>,
    booking_id: Option<BookingId>,
    email_consultation_id: Option<i64>,
    dismiss_reason: Option<&'a str>,
}

fn audited(request: &IntakeRequest) -> Audited<'_> {
    Audited {
        kind: request.reading.kind.code(),
        state: request.state.code(),
        sender: &request.sender,
        member_number: request.reading.member_number.as_deref(),
        booking_id: request.booking_id,
        email_consultation_id: request.email_consultation_id,
        dismiss_reason: request.dismiss_reason.as_deref(),
    }
}

const COLUMNS: &str = "id, message_id, sender, sender_name, subject, sent_at, reading, member_id, flags, state,
                       booking_id, email_consultation_id, dismiss_reason";

fn row(r: &rusqlite::Row<'_>, body: Option<String>) -> rusqlite::Result<IntakeRequest> {
    let sent_at: String = r.get(5)?;
    let reading: String = r.get(6)?;
    let flags: String = r.get(8)?;
    let state: String = r.get(9)?;
    Ok(IntakeRequest {
        id: r.get(0)?,
        message_id: r.get(1)?,
        sender: r.get(2)?,
        sender_name: r.get(3)?,
        subject: r.get(4)?,
        sent_at: NaiveDateTime::parse_from_str(&sent_at, "%Y-%m-%dT%H:%M:%S")
            .map_err(|_| bad_column("sent_at", &sent_at))?,
        body,
        reading: serde_json::from_str(&reading).map_err(|_| bad_column("reading", &reading))?,
        member_id: r.get(7)?,
        flags: serde_json::from_str(&flags).map_err(|_| bad_column("flags", &flags))?,
        state: IntakeState::from_code(&state).ok_or_else(|| bad_column("state", &state))?,
        booking_id: r.get(10)?,
        email_consultation_id: r.get(11)?,
        dismiss_reason: r.get(12)?,
    })
}

/// `Re: ` and the request's subject (once, however many times it was answered before).
fn reply_subject(subject: &str) -> String {
    let subject = subject.trim();
    let bare = subject.strip_prefix("Re:").or_else(|| subject.strip_prefix("RE:")).map(str::trim_start);
    format!("Re: {}", bare.unwrap_or(subject))
}

fn read(conn: &Connection, id: i64) -> Result<IntakeRequest> {
    conn.query_row(&format!("SELECT {COLUMNS}, body FROM intake_requests WHERE id = ?1"), [id], |r| row(r, r.get(13)?))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("メールの予約依頼 (id {id})")))
}

/// The service a request is for: the first one of its kind the desk takes bookings for.
fn service_for(schedule: &Schedule, kind: ServiceKind) -> Option<&crate::domain::schedule::Service> {
    schedule.services.iter().filter(|s| s.kind == kind).find(|s| s.is_bookable())
}

fn rules_in(schedule: &Schedule) -> Result<IntakeRules> {
    let group = service_for(schedule, ServiceKind::GroupSession)
        .ok_or_else(|| StoreError::NotFound("予約を受け付けている保健室のサービス".into()))?;
    let window = schedule
        .windows
        .iter()
        .find(|w| w.service_id == group.id)
        .ok_or_else(|| StoreError::NotFound(format!("{}の曜日と時間", group.name)))?;
    let lengths = service_for(schedule, ServiceKind::Consultation).map(|s| s.lengths.clone()).unwrap_or_default();
    Ok(IntakeRules { group_weekday: window.weekday, group_window: window.hours, consultation_lengths: lengths })
}

fn member_on_file(conn: &Connection, number: &str) -> Result<Option<(MemberId, MemberOnFile)>> {
    Ok(conn
        .query_row("SELECT id, name, kana, email FROM members WHERE number = ?1", [number], |r| {
            Ok((r.get(0)?, MemberOnFile { name: r.get(1)?, kana: r.get(2)?, email: r.get(3)? }))
        })
        .optional()?)
}

fn keep_days_in(conn: &Connection) -> Result<i64> {
    match setting_in(conn, INTAKE_KEEP_DAYS)? {
        Some(text) => text
            .parse::<i64>()
            .ok()
            .filter(|d| (0..=3650).contains(d))
            .ok_or(StoreError::BadSetting { key: INTAKE_KEEP_DAYS.to_owned(), value: text }),
        None => Ok(INTAKE_KEEP_DAYS_DEFAULT),
    }
}

fn handle(tx: &Transaction<'_>, actor: &str, id: i64, set: &str, values: &[&dyn rusqlite::ToSql]) -> Result<()> {
    let sql = format!("UPDATE intake_requests SET {set}, handled_by = ?2, handled_at = ?3 WHERE id = ?1");
    let mut all: Vec<&dyn rusqlite::ToSql> = vec![&id, &actor];
    let now = now_text();
    all.push(&now);
    all.extend_from_slice(values);
    tx.execute(&sql, rusqlite::params_from_iter(all))?;
    Ok(())
}

impl Store {
    /// What the reader needs of the schedule: the group session's day and hours and the
    /// consultation lengths, as the manager set them.
    pub fn intake_rules(&self) -> Result<IntakeRules> {
        rules_in(&load_schedule(self.conn())?)
    }

    /// Reads a mail and records it as a request for the desk to look at. `None`: this
    /// mail (by its Message-ID) was read before, and nothing changes.
    pub fn import_intake(&mut self, raw: &[u8], mail: &MailText) -> Result<Option<IntakeRequest>> {
        self.write(|tx, actor| {
            if let Some(id) = &mail.message_id {
                let seen: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM intake_requests WHERE message_id = ?1)",
                    [id],
                    |r| r.get(0),
                )?;
                if seen {
                    return Ok(None);
                }
            }
            let rules = rules_in(&load_schedule(tx)?)?;
            let reading = read_request(mail, &rules);
            let member = match &reading.member_number {
                Some(number) => member_on_file(tx, number)?,
                None => None,
            };
            let flags = identity_flags(&reading, &mail.sender, member.as_ref().map(|(_, m)| m));
            tx.execute(
                "INSERT INTO intake_requests (message_id, sender, sender_name, subject, sent_at, body, raw, kind, reading,
                                              member_id, flags, state, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'pending', ?12)",
                params![
                    mail.message_id,
                    mail.sender,
                    mail.sender_name,
                    mail.subject,
                    mail.sent_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                    mail.body,
                    raw,
                    reading.kind.code(),
                    serde_json::to_string(&reading)?,
                    member.as_ref().map(|(id, _)| *id),
                    serde_json::to_string(&flags)?,
                    now_text(),
                ],
            )?;
            let saved = read(tx, tx.last_insert_rowid())?;
            audit(tx, actor, "intake.import", "intake", saved.id, None::<&Audited>, Some(&audited(&saved)))?;
            Ok(Some(saved))
        })
    }

    /// Requests in the order they were sent; with a state, only those.
    pub fn intake_requests(&self, state: Option<IntakeState>) -> Result<Vec<IntakeRequest>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM intake_requests WHERE ?1 IS NULL OR state = ?1 ORDER BY sent_at, id"
        ))?;
        let rows = stmt.query_map([state.map(IntakeState::code)], |r| row(r, None))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One request with its mail's text (while it is kept).
    pub fn intake_request(&self, id: i64) -> Result<IntakeRequest> {
        read(self.conn(), id)
    }

    /// What is free now on the request's date for the same length: the starts (or join
    /// times) a booking of `minutes` would still fit. Empty for a ドクターメール or その他.
    pub fn intake_free_starts(
        &self,
        request: &IntakeRequest,
        date: chrono::NaiveDate,
        minutes: u16,
    ) -> Result<Vec<crate::domain::time::TimeOfDay>> {
        let Some(kind) = request.reading.kind.booked_service() else {
            return Ok(Vec::new());
        };
        let schedule = load_schedule(self.conn())?;
        match service_for(&schedule, kind) {
            Some(service) => self.free_starts(service.id, date, minutes),
            None => Ok(Vec::new()),
        }
    }

    /// How many requests wait for the desk (the toolbar's count).
    pub fn pending_intake_count(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT count(*) FROM intake_requests WHERE state = 'pending'", [], |r| r.get(0))?)
    }

    /// The desk accepts a request: a group session or consultation is booked under the
    /// desk's rules (channel メール) and the reply goes to the sender's address, threaded
    /// under their mail; a ドクターメール becomes an email consultation in 調整中. A
    /// request with doubts or identity flags is accepted only with `checked` (a person has
    /// looked); その他 and requests missing what a booking needs are refused.
    pub fn accept_intake(&mut self, id: i64, when_full: WhenFull, checked: bool) -> Result<IntakeRequest> {
        let today = self.today();
        self.write(|tx, actor| {
            let before = read(tx, id)?;
            if before.state != IntakeState::Pending {
                return Err(StoreError::Invalid(format!("この依頼はすでに{}です", before.state.label())));
            }
            if before.reading.kind == RequestKind::Other {
                return Err(StoreError::Invalid(
                    "「その他」のメールは予約にできません。内容を読んで窓口で予約するか、見送ってください".into(),
                ));
            }
            let Some(member_id) = before.member_id else {
                return Err(StoreError::Invalid(
                    "会員が特定できていません（会員番号が見つからないか、登録のない番号です）".into(),
                ));
            };
            if before.needs_check() && !checked {
                return Err(StoreError::Invalid(format!("確認が必要です：{}", before.reasons().join("／"))));
            }
            match before.reading.kind {
                RequestKind::DoctorMail => {
                    let notes = format!("メールで受付（依頼 {id}）");
                    let consultation = request_in(tx, actor, member_id, before.sent_at.date(), &notes)?;
                    handle(tx, actor, id, "state = 'accepted', email_consultation_id = ?4", &[&consultation.id])?;
                }
                RequestKind::GroupSession | RequestKind::Consultation => {
                    let (Some(date), Some(hours)) = (before.reading.date, before.reading.hours) else {
                        return Err(StoreError::Invalid(
                            "日付か時間が読めていません。メールを読んで窓口で予約してください".into(),
                        ));
                    };
                    let schedule = load_schedule(tx)?;
                    let service = before
                        .reading
                        .kind
                        .booked_service()
                        .and_then(|kind| service_for(&schedule, kind))
                        .ok_or_else(|| StoreError::NotFound("予約を受け付けているサービス".into()))?;
                    check_booking_date(date, today, false)?;
                    let request = BookingRequest {
                        member_id,
                        service_id: service.id,
                        date,
                        hours,
                        channel: Channel::Mail,
                        theme: before.reading.theme.clone(),
                        notes: String::new(),
                        late_record: false,
                    };
                    let booking = book_in(tx, actor, &request, when_full)?;
                    // The reply answers the mail: to its sender, under it in their mail
                    // program. The template carries no theme (domain::templates).
                    tx.execute(
                        "UPDATE outbox SET recipient = ?2, in_reply_to = ?3, state = 'queued'
                         WHERE booking_id = ?1 AND kind IN ('confirmation', 'waitlisted')
                               AND state IN ('queued', 'to_call', 'called')",
                        params![booking.id, before.sender, before.message_id],
                    )?;
                    // The booking's own address (the one the mail gave, else the sender's):
                    // its later messages and the meeting access go there.
                    let address = booking_address(&before.reading, &before.sender);
                    if let Ok(Some(address)) = parse_email(&address) {
                        tx.execute("UPDATE bookings SET email = ?2 WHERE id = ?1", params![booking.id, address])?;
                    }
                    handle(tx, actor, id, "state = 'accepted', booking_id = ?4", &[&booking.id])?;
                }
                RequestKind::Other => {}
            }
            let after = read(tx, id)?;
            audit(tx, actor, "intake.accept", "intake", id, Some(&audited(&before)), Some(&audited(&after)))?;
            Ok(after)
        })
    }

    /// What the desk can offer instead of what a request asked for: up to three days from
    /// the asked date on (and not before today) whose free starts fit the same length —
    /// the asked date first when it has any. Empty for a ドクターメール or その他, or when
    /// the date or hours were not read.
    pub fn intake_alternatives(&self, request: &IntakeRequest) -> Result<Vec<FreeDay>> {
        let (Some(kind), Some(asked), Some(hours)) =
            (request.reading.kind.booked_service(), request.reading.date, request.reading.hours)
        else {
            return Ok(Vec::new());
        };
        let schedule = load_schedule(self.conn())?;
        let Some(service) = service_for(&schedule, kind) else {
            return Ok(Vec::new());
        };
        let first = asked.max(self.today());
        let mut days = Vec::new();
        for date in first.iter_days().take(ALTERNATIVES_AHEAD_DAYS as usize) {
            let starts = free_starts_in(self.conn(), &schedule, service, date, hours.minutes())?;
            if !starts.is_empty() {
                days.push(FreeDay { date, starts });
                if days.len() == ALTERNATIVE_DAYS {
                    break;
                }
            }
        }
        Ok(days)
    }

    /// The draft of the answer offering [`Store::intake_alternatives`]: to the sender,
    /// `Re:` their subject, the member addressed by the name on file. Never the theme.
    pub fn intake_reply_draft(&self, id: i64) -> Result<ReplyDraft> {
        let request = read(self.conn(), id)?;
        let (Some(kind), Some(date), Some(hours)) =
            (request.reading.kind.booked_service(), request.reading.date, request.reading.hours)
        else {
            return Err(StoreError::Invalid(
                "日付か時間が読めていない依頼には空きを案内できません。メールを読んで返信してください".into(),
            ));
        };
        let schedule = load_schedule(self.conn())?;
        let service =
            service_for(&schedule, kind).ok_or_else(|| StoreError::NotFound("予約を受け付けているサービス".into()))?;
        let days = self.intake_alternatives(&request)?;
        if days.first().is_some_and(|day| day.date == date && day.starts.contains(&hours.start)) {
            return Err(StoreError::Invalid(
                "ご希望の日時には空きがあります。空きの案内ではなく「受け付ける」で予約してください".into(),
            ));
        }
        let member_name = match request.member_id {
            Some(member_id) => {
                self.conn().query_row("SELECT name FROM members WHERE id = ?1", [member_id], |r| r.get(0))?
            }
            None => request.reading.member_name.clone().unwrap_or_else(|| request.sender_name.clone()),
        };
        let mut values = templates::Values::new();
        organisation_values(self.conn(), &mut values)?;
        values.insert(templates::MEMBER_NAME, member_name);
        values.insert(templates::SERVICE, service.name.clone());
        values.insert(templates::DATE, month_day_weekday(date));
        values.insert(templates::HOURS, hours.to_string());
        values.insert(templates::STAFF, service.staff.clone());
        values.insert(templates::FREE_TIMES, alternatives_lines(hours, &days));
        let (template, _) = template_in(self.conn(), service.id, kind, MessageKind::Reply)?;
        let (_, body) = render(&template, &values);
        Ok(ReplyDraft { recipient: request.sender.clone(), subject: reply_subject(&request.subject), body })
    }

    /// Sends the desk's answer (edited from [`Store::intake_reply_draft`]) to the
    /// request's sender, threaded under their mail, and records the request as answered.
    /// Nothing is booked: the member chooses and writes again.
    pub fn answer_intake(&mut self, id: i64, subject: &str, body: &str) -> Result<IntakeRequest> {
        // The desk's own words, sent as written (no placeholders are filled in).
        let subject = crate::domain::text::required_line(subject, crate::domain::text::MAX_LINE)
            .map_err(|problem| StoreError::Invalid(problem.message("返信の件名")))?;
        let body = crate::domain::text::notes(body, crate::domain::text::MAX_MAIL_BODY)
            .map_err(|problem| StoreError::Invalid(problem.message("返信の本文")))?;
        if body.is_empty() {
            return Err(StoreError::Invalid(crate::domain::text::TextProblem::Empty.message("返信の本文")));
        }
        let today = self.today();
        self.write(|tx, actor| {
            let before = read(tx, id)?;
            if before.state != IntakeState::Pending {
                return Err(StoreError::Invalid(format!("この依頼はすでに{}です", before.state.label())));
            }
            let Ok(Some(recipient)) = parse_email(&before.sender) else {
                return Err(StoreError::Invalid(format!(
                    "差出人のアドレス（{}）に返信できません。電話で連絡してください",
                    before.sender
                )));
            };
            let session_date = before.reading.date.unwrap_or(today);
            tx.execute(
                "INSERT INTO outbox (booking_id, kind, occasion, session_date, recipient, subject, body, state,
                                     created_at, in_reply_to, intake_id)
                 VALUES (NULL, 'reply', ?1, ?2, ?3, ?4, ?5, 'queued', ?6, ?7, ?1)",
                params![id, date_text(session_date), recipient, subject, body, now_text(), before.message_id],
            )?;
            handle(tx, actor, id, "state = 'answered'", &[])?;
            let after = read(tx, id)?;
            audit(tx, actor, "intake.answer", "intake", id, Some(&audited(&before)), Some(&audited(&after)))?;
            Ok(after)
        })
    }

    /// Sets a request aside with a reason (a reply to an earlier mail, a newsletter, a
    /// request handled by phone).
    pub fn dismiss_intake(&mut self, id: i64, reason: &str) -> Result<IntakeRequest> {
        let reason = crate::domain::text::required_line(reason, crate::domain::text::MAX_LINE)
            .map_err(|problem| StoreError::Invalid(problem.message("見送りの理由")))?;
        self.write(|tx, actor| {
            let before = read(tx, id)?;
            if before.state != IntakeState::Pending {
                return Err(StoreError::Invalid(format!("この依頼はすでに{}です", before.state.label())));
            }
            handle(tx, actor, id, "state = 'dismissed', dismiss_reason = ?4", &[&reason])?;
            let after = read(tx, id)?;
            audit(tx, actor, "intake.dismiss", "intake", id, Some(&audited(&before)), Some(&audited(&after)))?;
            Ok(after)
        })
    }

    /// Where reading `mailbox` got to: its UIDVALIDITY and the highest UID read.
    pub fn intake_mailbox_position(&self, mailbox: &str) -> Result<Option<(u32, u32)>> {
        Ok(self
            .conn()
            .query_row("SELECT uidvalidity, last_uid FROM intake_mailbox WHERE mailbox = ?1", [mailbox], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?)
    }

    /// Remembers that every message of `mailbox` up to `last_uid` has been read.
    pub fn set_intake_mailbox_position(&mut self, mailbox: &str, uidvalidity: u32, last_uid: u32) -> Result<()> {
        self.write(|tx, _actor| {
            tx.execute(
                "INSERT INTO intake_mailbox (mailbox, uidvalidity, last_uid, fetched_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = ?2, last_uid = ?3, fetched_at = ?4",
                params![mailbox, uidvalidity, last_uid, now_text()],
            )?;
            Ok(())
        })
    }

    /// Days a handled request's mail is kept (`intake.keep_days`, 30 unless set).
    pub fn intake_keep_days(&self) -> Result<i64> {
        keep_days_in(self.conn())
    }

    /// Removes the mail (bytes, text and the theme read from it) of requests handled more
    /// than `intake.keep_days` days ago; the request's record stays. Returns how many.
    pub fn remove_handled_intake_mail(&mut self) -> Result<usize> {
        let today = self.today();
        self.write(|tx, _actor| {
            let days = keep_days_in(tx)?;
            // Handled on or before this day: kept `days` full days after it.
            let last_day = (today - Duration::days(days + 1)).format("%Y-%m-%dT23:59:59").to_string();
            let removed = tx.execute(
                "UPDATE intake_requests
                 SET raw = NULL, body = NULL, reading = json_set(reading, '$.theme', ''), mail_removed_at = ?2
                 WHERE state <> 'pending' AND mail_removed_at IS NULL AND handled_at <= ?1",
                params![last_day, now_text()],
            )?;
            Ok(removed)
        })
    }
}
