//! The group session's meeting access: the meeting ID and passcode per date (or a
//! service's default), the access messages written on the day for every confirmed
//! participant, and the day's send list that shows where each one stands. The passcode
//! goes to confirmed participants only (SPEC "Privacy").

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use rusqlite::{Connection, OptionalExtension, params};

use super::members::first_phone;
use super::outbox::{enqueue, state_of};
use super::settings::access_times_in;
use super::{Result, Store, StoreError, audit, date_text, now_text};
use crate::domain::booking::BookingId;
use crate::domain::message::{AccessMailState, MessageKind, OutboxState};
use crate::domain::phone::PhoneNumber;
use crate::domain::schedule::{ServiceId, ServiceKind};
use crate::domain::time::TimeOfDay;

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
    pub(super) fn occasion(&self, date: NaiveDate) -> String {
        format!("{} {}{}", date_text(date), if self.is_default { "d" } else { "" }, self.revision)
    }
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

    /// Writes the day's access messages that are due at `now`: on a group session's day,
    /// from `access.send_from` until the session ends, for every participant whose place
    /// is confirmed and who has none yet. One written after the day's access mail went
    /// out is flagged late. Returns how many were written.
    pub fn enqueue_access_due(&mut self, now: NaiveDateTime) -> Result<usize> {
        self.write(|tx, _actor| {
            let send_from = access_times_in(tx)?.send_from.minutes();
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
        let deadline = self.access_times()?.deadline;
        let mut lists = Vec::new();
        for service in schedule.services.iter().filter(|s| s.kind == ServiceKind::GroupSession) {
            if schedule.sessions_on(service, date).is_empty() {
                continue;
            }
            let mut stmt = self.conn().prepare_cached(concat!(
                "SELECT b.id, b.start_min, b.end_min, m.number, m.name,
                        ",
                first_phone!(),
                ",
                        coalesce(nullif(trim(b.email), ''), m.email), o.id, o.state, o.last_error, o.sent_at, o.late
                 FROM bookings b JOIN members m ON m.id = b.member_id
                      LEFT JOIN outbox o ON o.id = (SELECT max(x.id) FROM outbox x
                                                    WHERE x.booking_id = b.id AND x.kind = 'access'
                                                          AND x.session_date = b.date AND x.state <> 'withdrawn')
                 WHERE b.date = ?1 AND b.service_id = ?2 AND b.state IN ('confirmed', 'attended')
                 ORDER BY b.start_min, m.kana_key"
            ))?;
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
