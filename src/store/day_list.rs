//! The day's list: what the desk prints each morning and ticks on paper. For one date,
//! each session that runs (in time order) with the bookings holding a place, the group
//! sessions' headcount per half-hour, the waitlists, and the members to phone because
//! they have no email. Printing and exporting it is recorded in the audit log.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;

use super::bookings::interval;
use super::members::{MemberContact, first_phone, member_contact, member_contact_columns};
use super::{Result, Store, audit, bad_column, date_text};
use crate::domain::booking::{BookingId, BookingState, Channel, headcount_per_step};
use crate::domain::message::AccessMailState;
use crate::domain::schedule::{Schedule, ServiceId, ServiceKind};
use crate::domain::time::Interval;

/// The headcount of a group session is shown per half-hour on the printed list.
const HEADCOUNT_STEP_MINUTES: u16 = 30;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayList {
    pub date: NaiveDate,
    /// The organisation's name, for the header.
    pub organisation: String,
    /// The public holiday of the day, if any.
    pub holiday: Option<String>,
    /// Each session that runs on the day, in time order.
    pub sessions: Vec<DaySession>,
    /// Services that would have run but do not: (short name, why).
    pub off: Vec<(String, String)>,
    /// Waitlists, one per service that has one that day, in the order of the sessions.
    pub waitlists: Vec<Waitlist>,
    /// Members holding a place who have no email: the desk phones them.
    pub to_phone: Vec<PhoneCall>,
}

impl DayList {
    /// How many bookings hold a place that day.
    pub fn booking_count(&self) -> usize {
        self.sessions.iter().map(|s| s.lines.len()).sum()
    }
}

/// One session of a service on the day: a consultation window, the group session, or a
/// program event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DaySession {
    pub service_id: ServiceId,
    pub service_name: String,
    pub short_name: String,
    pub kind: ServiceKind,
    /// The counsellor or the hosts.
    pub staff: String,
    pub hours: Interval,
    pub capacity: u16,
    /// Why the session does not run after all (a closure or holiday set after booking):
    /// its bookings are still listed, as their members must be told.
    pub day_off: Option<String>,
    /// Bookings holding a place in this session, by start time.
    pub lines: Vec<DayLine>,
    /// Group sessions and programs: people present in each half-hour.
    pub headcount: Vec<(Interval, u16)>,
}

impl DaySession {
    /// Whether the rows are consultations (one caller each) rather than participants.
    pub fn is_consultation(&self) -> bool {
        self.kind == ServiceKind::Consultation
    }
}

/// Whether a group participant has been sent the meeting ID and password.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum AccessMail {
    /// The member has no email: the desk phones them.
    NoEmail,
    NotSent,
    Sent,
    Failed,
}

impl AccessMail {
    pub fn label(self) -> &'static str {
        match self {
            AccessMail::NoEmail => "なし（電話）",
            AccessMail::NotSent => "未送信",
            AccessMail::Sent => "送信済",
            AccessMail::Failed => "送信失敗",
        }
    }
}

/// One booking holding a place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayLine {
    pub booking_id: BookingId,
    /// Consultation: the call. Group: planned join and leave.
    pub hours: Interval,
    pub state: BookingState,
    pub channel: Channel,
    pub member: MemberContact,
    /// 話したいテーマ (consultations).
    pub theme: String,
    pub notes: String,
    /// Group sessions and programs only.
    pub access_mail: Option<AccessMail>,
}

/// The waitlist of one service on the day, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waitlist {
    pub service_id: ServiceId,
    pub service_name: String,
    pub kind: ServiceKind,
    pub lines: Vec<WaitlistLine>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaitlistLine {
    pub booking_id: BookingId,
    pub position: u32,
    pub hours: Interval,
    pub channel: Channel,
    pub member: MemberContact,
    pub theme: String,
    pub notes: String,
}

/// A member to phone, with the places they hold that day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneCall {
    pub member: MemberContact,
    /// e.g. `保健室 13:00〜14:00`, in time order.
    pub bookings: Vec<String>,
}

/// One booking row as read, before it is sorted into its session.
struct Row {
    line: DayLine,
    service_id: ServiceId,
    waitlist_position: Option<u32>,
}

/// The kind of output recorded in the audit log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayListOutput {
    /// The PDF opened in the system's viewer to print.
    PrintPdf,
    SavePdf,
    SaveCsv,
    SaveXlsx,
}

impl DayListOutput {
    fn action(self) -> &'static str {
        match self {
            DayListOutput::PrintPdf => "day_list.print",
            DayListOutput::SavePdf => "day_list.save_pdf",
            DayListOutput::SaveCsv => "day_list.save_csv",
            DayListOutput::SaveXlsx => "day_list.save_xlsx",
        }
    }
}

/// What the audit row says about an output of the day's list.
#[derive(Serialize)]
struct OutputRecord<'a> {
    date: String,
    file: &'a str,
    rows: usize,
    themes: bool,
    encoding: Option<&'a str>,
}

impl Store {
    /// The day's list for `date`.
    pub fn day_list(&self, date: NaiveDate) -> Result<DayList> {
        let schedule = self.schedule()?;
        let organisation = self.organisation()?.name;

        let mut rows = self.day_rows(date, &schedule)?;
        rows.sort_by(|a, b| (a.line.hours, &a.line.member.number).cmp(&(b.line.hours, &b.line.member.number)));

        let mut sessions = Vec::new();
        let mut off = Vec::new();
        for plan in schedule.day_plan(date) {
            let (service, planned) = (plan.service, plan.planned);
            let holding: Vec<&Row> =
                rows.iter().filter(|r| r.service_id == service.id && r.line.state.takes_place()).collect();
            let day_off = plan.off.map(|reason| reason.describe());
            if let Some(reason) = &day_off {
                off.push((service.short_name.clone(), reason.clone()));
                if holding.is_empty() {
                    continue;
                }
            }
            for (index, session) in planned.iter().enumerate() {
                // A booking belongs to the session whose hours hold its start; a booking
                // that fits no session (the schedule changed since) goes to the first.
                let lines: Vec<DayLine> = holding
                    .iter()
                    .filter(|r| {
                        let start = r.line.hours.start;
                        let home = planned.iter().position(|s| s.hours.start <= start && start < s.hours.end);
                        home.unwrap_or(0) == index
                    })
                    .map(|r| r.line.clone())
                    .collect();
                if day_off.is_some() && lines.is_empty() {
                    continue;
                }
                let headcount = if service.kind == ServiceKind::Consultation {
                    Vec::new()
                } else {
                    let hours: Vec<Interval> = lines.iter().map(|l| l.hours).collect();
                    headcount_per_step(&hours, session.hours, HEADCOUNT_STEP_MINUTES)
                };
                sessions.push(DaySession {
                    service_id: service.id,
                    service_name: service.name.clone(),
                    short_name: service.short_name.clone(),
                    kind: service.kind,
                    staff: service.staff.clone(),
                    hours: session.hours,
                    capacity: session.capacity,
                    day_off: day_off.clone(),
                    lines,
                    headcount,
                });
            }
        }
        sessions.sort_by_key(|s| s.hours);

        let mut waitlists: Vec<Waitlist> = Vec::new();
        for session in &sessions {
            if waitlists.iter().any(|w| w.service_id == session.service_id) {
                continue;
            }
            let mut lines: Vec<WaitlistLine> = rows
                .iter()
                .filter(|r| r.service_id == session.service_id && r.line.state == BookingState::Waitlisted)
                .map(|r| WaitlistLine {
                    booking_id: r.line.booking_id,
                    position: r.waitlist_position.unwrap_or_default(),
                    hours: r.line.hours,
                    channel: r.line.channel,
                    member: r.line.member.clone(),
                    theme: r.line.theme.clone(),
                    notes: r.line.notes.clone(),
                })
                .collect();
            if lines.is_empty() {
                continue;
            }
            lines.sort_by_key(|l| l.position);
            waitlists.push(Waitlist {
                service_id: session.service_id,
                service_name: session.service_name.clone(),
                kind: session.kind,
                lines,
            });
        }

        // Members without email, once each, in the order of their first place.
        let mut to_phone: Vec<PhoneCall> = Vec::new();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut placed: Vec<(&DaySession, &DayLine)> = sessions
            .iter()
            .flat_map(|s| s.lines.iter().map(move |l| (s, l)))
            .filter(|(_, l)| !l.member.has_email)
            .collect();
        placed.sort_by_key(|(_, l)| l.hours);
        for (session, line) in placed {
            let what = format!("{} {}", session.short_name, line.hours);
            match seen.get(&line.member.number) {
                Some(&index) => to_phone[index].bookings.push(what),
                None => {
                    seen.insert(line.member.number.clone(), to_phone.len());
                    to_phone.push(PhoneCall { member: line.member.clone(), bookings: vec![what] });
                }
            }
        }

        Ok(DayList {
            date,
            organisation,
            holiday: crate::domain::holidays::holiday_on(date).map(|h| h.name.to_owned()),
            sessions,
            off,
            waitlists,
            to_phone,
        })
    }

    /// Records in the audit log that the day's list for `date` was printed or saved.
    pub fn record_day_list_output(
        &mut self,
        list: &DayList,
        output: DayListOutput,
        file: &str,
        themes: bool,
        encoding: Option<&str>,
    ) -> Result<()> {
        let record = OutputRecord {
            date: date_text(list.date),
            file,
            rows: list.booking_count() + list.waitlists.iter().map(|w| w.lines.len()).sum::<usize>(),
            themes,
            encoding,
        };
        self.write(|tx, actor| audit(tx, actor, output.action(), "day_list", 0, None::<&String>, Some(&record)))
    }

    /// The bookings of the day that are not cancelled, with their members.
    fn day_rows(&self, date: NaiveDate, schedule: &Schedule) -> Result<Vec<Row>> {
        let mut stmt = self.conn().prepare_cached(concat!(
            "SELECT b.id, b.service_id, b.start_min, b.end_min, b.state, b.channel, b.theme, b.notes,
                    b.waitlist_position, ",
            member_contact_columns!(),
            " FROM bookings b JOIN members m ON m.id = b.member_id
             WHERE b.date = ?1 AND b.state <> 'cancelled'"
        ))?;
        let rows = stmt.query_map(params![date_text(date)], |r| {
            let state: String = r.get(4)?;
            let channel: String = r.get(5)?;
            let state = BookingState::from_code(&state).ok_or_else(|| bad_column("state", &state))?;
            Ok(Row {
                service_id: r.get(1)?,
                waitlist_position: r.get(8)?,
                line: DayLine {
                    booking_id: r.get(0)?,
                    hours: interval(r.get(2)?, r.get(3)?)?,
                    state,
                    channel: Channel::from_code(&channel).ok_or_else(|| bad_column("channel", &channel))?,
                    member: member_contact(r, 9)?,
                    theme: r.get(6)?,
                    notes: r.get(7)?,
                    access_mail: None,
                },
            })
        })?;
        let mut rows = rows.collect::<rusqlite::Result<Vec<Row>>>()?;
        // The meeting access goes to the online group session's participants only; what
        // the outbox knows of each, or else whether there is an address to send it to.
        let group_services: Vec<ServiceId> =
            schedule.services.iter().filter(|s| s.kind == ServiceKind::GroupSession).map(|s| s.id).collect();
        let sent = self.access_mail_states(date)?;
        for row in &mut rows {
            if group_services.contains(&row.service_id) {
                row.line.access_mail = Some(match sent.get(&row.line.booking_id) {
                    Some(AccessMailState::Sent { .. }) => AccessMail::Sent,
                    Some(AccessMailState::Failed { .. }) => AccessMail::Failed,
                    Some(AccessMailState::NoEmail { .. }) => AccessMail::NoEmail,
                    Some(AccessMailState::NotYet { .. }) => AccessMail::NotSent,
                    None if row.line.member.has_email => AccessMail::NotSent,
                    None => AccessMail::NoEmail,
                });
            }
        }
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::booking::BookingRequest;
    use crate::domain::member::{ContactPreference, NewMember};
    use crate::domain::phone::PhoneNumber;
    use crate::domain::time::TimeOfDay;
    use crate::store::WhenFull;

    fn hours(from: &str, to: &str) -> Interval {
        Interval::new(TimeOfDay::parse(from).unwrap(), TimeOfDay::parse(to).unwrap()).unwrap()
    }

    fn member(store: &mut Store, number: &str, email: Option<&str>) -> i64 {
        store
            .add_member(&NewMember {
                number: number.into(),
                name: format!("会員 {number}"),
                kana: "かいいん".into(),
                phones: vec![PhoneNumber::parse("044-863-8444").unwrap()],
                email: email.map(str::to_owned),
                preferred_contact: ContactPreference::Phone,
                consent_on: None,
                notes: String::new(),
            })
            .unwrap()
    }

    #[test]
    fn sessions_come_in_time_order_with_group_headcount_and_people_to_phone() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("m.sqlite3")).unwrap();
        let wednesday = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        store.set_today(wednesday);
        let schedule = store.schedule().unwrap();
        let group = schedule.service_by_code("hokenshitsu").unwrap().id;
        let ishii = schedule.service_by_code("ishii").unwrap().id;
        let a = member(&mut store, "1", None);
        let b = member(&mut store, "2", Some("b@example.jp"));
        let book = |store: &mut Store, member_id, service_id, h: Interval| {
            store
                .book(
                    &BookingRequest {
                        member_id,
                        service_id,
                        date: wednesday,
                        hours: h,
                        channel: Channel::Phone,
                        theme: "眠れない".into(),
                        notes: String::new(),
                        late_record: false,
                    },
                    WhenFull::Refuse,
                )
                .unwrap()
        };
        book(&mut store, a, ishii, hours("15:00", "15:30"));
        book(&mut store, a, group, hours("13:00", "14:00"));
        book(&mut store, b, group, hours("13:30", "15:00"));
        book(&mut store, b, ishii, hours("11:00", "12:00"));

        let list = store.day_list(wednesday).unwrap();
        let starts: Vec<String> = list.sessions.iter().map(|s| format!("{} {}", s.short_name, s.hours)).collect();
        assert_eq!(starts, ["石井 相談 11:00〜12:30", "保健室 13:00〜15:00", "石井 相談 15:00〜17:00"]);
        assert_eq!(list.organisation, "一般社団法人プラスケア");
        let group_session = &list.sessions[1];
        let counts: Vec<u16> = group_session.headcount.iter().map(|(_, n)| *n).collect();
        assert_eq!(counts, [1, 2, 1, 1]);
        let mails: Vec<Option<AccessMail>> = group_session.lines.iter().map(|l| l.access_mail).collect();
        assert_eq!(mails, [Some(AccessMail::NoEmail), Some(AccessMail::NotSent)]);
        assert_eq!(list.to_phone.len(), 1);
        assert_eq!(list.to_phone[0].bookings, ["保健室 13:00〜14:00", "石井 相談 15:00〜15:30"]);
    }

    #[test]
    fn bookings_of_a_session_closed_after_booking_are_still_listed_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("m.sqlite3")).unwrap();
        let wednesday = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        store.set_today(wednesday);
        let ishii = store.schedule().unwrap().service_by_code("ishii").unwrap().id;
        let a = member(&mut store, "1", None);
        let request = BookingRequest {
            member_id: a,
            service_id: ishii,
            date: wednesday,
            hours: hours("11:00", "11:30"),
            channel: Channel::Phone,
            theme: String::new(),
            notes: String::new(),
            late_record: false,
        };
        store.book(&request, WhenFull::Refuse).unwrap();
        store
            .conn()
            .execute(
                "INSERT INTO closures (service_id, from_date, to_date, reason) VALUES (?1, '2026-11-25', '2026-11-25', '研修')",
                [ishii],
            )
            .unwrap();

        let list = store.day_list(wednesday).unwrap();
        let closed: Vec<&DaySession> = list.sessions.iter().filter(|s| s.service_id == ishii).collect();
        assert_eq!(closed.len(), 1, "only the window holding the booking is listed");
        assert_eq!(closed[0].day_off.as_deref(), Some("休業: 研修"));
        assert_eq!(closed[0].lines.len(), 1);
        assert!(list.off.iter().any(|(name, _)| name == "石井 相談"));
    }
}
