//! The week's read model: for each day, its holiday and closures, the sessions that run
//! with how full they are, and the doctor's email consultations agreed for that day.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, Timelike};
use rusqlite::params;

use super::bookings::interval;
use super::{Result, Store, bad_column, date_text, parse_date_text, parse_datetime_text};
use crate::domain::booking::{BookingState, Fill, session_fill};
use crate::domain::email_consultation::EmailConsultationState;
use crate::domain::holidays::{self, Holiday};
use crate::domain::schedule::{ServiceId, ServiceKind};
use crate::domain::time::{Interval, TimeOfDay, week_monday};

#[derive(Clone, Debug, PartialEq)]
pub struct WeekOverview {
    pub monday: NaiveDate,
    /// Monday to Sunday.
    pub days: Vec<DayOverview>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DayOverview {
    pub date: NaiveDate,
    pub holiday: Option<Holiday>,
    /// Closure reasons that touch the day, with the service's name when only one is closed.
    pub closures: Vec<String>,
    pub sessions: Vec<SessionOverview>,
    /// Services that would have run but do not: (short name, why).
    pub off: Vec<(String, String)>,
    pub appointments: Vec<EmailAppointment>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SessionOverview {
    pub service_id: ServiceId,
    pub short_name: String,
    pub kind: ServiceKind,
    pub date: NaiveDate,
    pub hours: Interval,
    pub fill: Fill,
}

impl SessionOverview {
    /// The block's text: `保健室 6/10人`, `石井 相談 3/7枠`.
    pub fn label(&self) -> String {
        let unit = match self.kind {
            ServiceKind::Consultation => "枠",
            _ => "人",
        };
        format!("{} {}/{}{unit}", self.short_name, self.fill.used, self.fill.of)
    }
}

/// A doctor's email consultation agreed for a time on this day.
#[derive(Clone, Debug, PartialEq)]
pub struct EmailAppointment {
    pub id: i64,
    pub at: TimeOfDay,
    pub short_name: String,
    pub member_name: String,
    pub state: EmailConsultationState,
}

/// The bookings of each service on each date, with their hours and states.
pub(super) type SessionBookings = HashMap<(ServiceId, NaiveDate), Vec<(Interval, BookingState)>>;

impl Store {
    /// Every booking from `from` to `to` (both included), grouped by service and date:
    /// what the week grid and the capacity figures count.
    pub(super) fn bookings_by_session(&self, from: NaiveDate, to: NaiveDate) -> Result<SessionBookings> {
        let mut bookings = SessionBookings::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT service_id, date, start_min, end_min, state FROM bookings WHERE date BETWEEN ?1 AND ?2",
        )?;
        let mut rows = stmt.query(params![date_text(from), date_text(to)])?;
        while let Some(r) = rows.next()? {
            let state: String = r.get(4)?;
            let state = BookingState::from_code(&state).ok_or_else(|| bad_column("state", &state))?;
            let date = parse_date_text(&r.get::<_, String>(1)?)?;
            bookings.entry((r.get(0)?, date)).or_default().push((interval(r.get(2)?, r.get(3)?)?, state));
        }
        Ok(bookings)
    }

    /// The week holding `date`, Monday to Sunday.
    pub fn week_overview(&self, date: NaiveDate) -> Result<WeekOverview> {
        let monday = week_monday(date);
        let sunday = monday + Duration::days(6);
        let schedule = self.schedule()?;
        let holidays = holidays::holidays_between(monday, sunday);

        let bookings = self.bookings_by_session(monday, sunday)?;

        let mut appointments: HashMap<NaiveDate, Vec<EmailAppointment>> = HashMap::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.id, e.agreed_at, s.short_name, m.name, e.state
             FROM email_consultations e JOIN members m ON m.id = e.member_id JOIN services s ON s.id = e.service_id
             WHERE e.agreed_at >= ?1 AND e.agreed_at < ?2 AND e.state IN ('agreed', 'done')
             ORDER BY e.agreed_at",
        )?;
        let mut rows = stmt.query(params![date_text(monday), date_text(sunday + Duration::days(1))])?;
        while let Some(r) = rows.next()? {
            let at = parse_datetime_text(&r.get::<_, String>(1)?)?;
            let state: String = r.get(4)?;
            appointments.entry(at.date()).or_default().push(EmailAppointment {
                id: r.get(0)?,
                at: TimeOfDay::hm(at.hour() as u16, at.minute() as u16).unwrap_or(TimeOfDay::END_OF_DAY),
                short_name: r.get(2)?,
                member_name: r.get(3)?,
                state: EmailConsultationState::from_code(&state).ok_or_else(|| bad_column("state", &state))?,
            });
        }

        let days = (0..7)
            .map(|offset| {
                let date = monday + Duration::days(offset);
                let mut sessions = Vec::new();
                let mut off = Vec::new();
                for plan in schedule.day_plan(date) {
                    let service = plan.service;
                    if let Some(reason) = plan.off {
                        off.push((service.short_name.clone(), reason.describe()));
                        continue;
                    }
                    let booked = bookings.get(&(service.id, date)).map(Vec::as_slice).unwrap_or_default();
                    for session in plan.planned {
                        sessions.push(SessionOverview {
                            service_id: service.id,
                            short_name: service.short_name.clone(),
                            kind: service.kind,
                            date,
                            hours: session.hours,
                            fill: session_fill(service, &session, booked),
                        });
                    }
                }
                sessions.sort_by_key(|s| s.hours);
                let closures = schedule
                    .closures_on(date)
                    .map(|c| match c.service_id.and_then(|id| schedule.service(id)) {
                        Some(service) => format!("{}: {}", service.short_name, c.reason),
                        None => c.reason.clone(),
                    })
                    .collect();
                DayOverview {
                    date,
                    holiday: holidays.iter().find(|h| h.date == date).cloned(),
                    closures,
                    sessions,
                    off,
                    appointments: appointments.remove(&date).unwrap_or_default(),
                }
            })
            .collect();
        Ok(WeekOverview { monday, days })
    }
}
