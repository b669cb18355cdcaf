//! Services, their weekly windows, service periods, closures and dated program events,
//! and from those: which sessions run on a given day, and which start times are bookable.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::holidays::{self, Holiday};
use super::time::{Interval, TimeOfDay};

/// Database id of a service.
pub type ServiceId = i64;

/// The four ways the organisation meets its members (SPEC "The services").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ServiceKind {
    /// A group conversation with a headcount limit; each member books a join and leave time.
    GroupSession,
    /// One caller at a time in weekly windows, bookings of 30 or 60 minutes.
    Consultation,
    /// The doctor answers by email at a time agreed with the member.
    EmailConsultation,
    /// Sessions on dates the manager sets, booked like the group session.
    Program,
}

impl ServiceKind {
    pub const ALL: [ServiceKind; 4] =
        [ServiceKind::GroupSession, ServiceKind::Consultation, ServiceKind::EmailConsultation, ServiceKind::Program];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            ServiceKind::GroupSession => "group",
            ServiceKind::Consultation => "consultation",
            ServiceKind::EmailConsultation => "email_consultation",
            ServiceKind::Program => "program",
        }
    }

    pub fn from_code(code: &str) -> Option<ServiceKind> {
        ServiceKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ServiceKind::GroupSession => "グループ",
            ServiceKind::Consultation => "個別相談",
            ServiceKind::EmailConsultation => "メール相談",
            ServiceKind::Program => "プログラム",
        }
    }
}

/// Whether a service is running, being planned or paused (予定 / 検討中 / 休止).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ServiceStatus {
    Scheduled,
    UnderReview,
    Paused,
}

impl ServiceStatus {
    pub const ALL: [ServiceStatus; 3] = [ServiceStatus::Scheduled, ServiceStatus::UnderReview, ServiceStatus::Paused];

    pub fn code(self) -> &'static str {
        match self {
            ServiceStatus::Scheduled => "scheduled",
            ServiceStatus::UnderReview => "under_review",
            ServiceStatus::Paused => "paused",
        }
    }

    pub fn from_code(code: &str) -> Option<ServiceStatus> {
        ServiceStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ServiceStatus::Scheduled => "予定",
            ServiceStatus::UnderReview => "検討中",
            ServiceStatus::Paused => "休止",
        }
    }
}

/// A service as the manager configures it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Service {
    pub id: ServiceId,
    /// Short code used on the command line, e.g. `hokenshitsu`.
    pub code: String,
    pub name: String,
    /// Shorter name for the week grid, e.g. `保健室`.
    pub short_name: String,
    pub kind: ServiceKind,
    /// The person in charge (管理人, 担当, 相談員).
    pub staff: String,
    /// People present at once (group, program) or callers per slot (consultation: 1).
    pub capacity: u16,
    /// Step between bookable start times, in minutes (group: 15, consultation: 30).
    pub slot_minutes: u16,
    /// Booking lengths allowed for a consultation, e.g. `[30, 60]`; empty for other kinds.
    pub lengths: Vec<u16>,
    pub runs_on_holidays: bool,
    pub status: ServiceStatus,
}

impl Service {
    /// Whether the desk takes bookings for it on ordinary days.
    pub fn is_bookable(&self) -> bool {
        self.status == ServiceStatus::Scheduled
    }
}

/// A weekly opening of a service, e.g. Wednesdays 11:00–12:30.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyWindow {
    pub service_id: ServiceId,
    pub weekday: Weekday,
    pub hours: Interval,
}

/// Dates between which a service runs at all (both ends included). A service without
/// any period runs indefinitely.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicePeriod {
    pub service_id: ServiceId,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Days on which a service (or, with no service, everything) does not run, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    pub id: i64,
    pub service_id: Option<ServiceId>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
}

impl Closure {
    pub fn covers(&self, service_id: ServiceId, date: NaiveDate) -> bool {
        self.service_id.is_none_or(|id| id == service_id) && self.from <= date && date <= self.to
    }
}

/// One dated session of a program (お灸セルフケア教室 on 12月3日 14:00–15:00, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramEvent {
    pub id: i64,
    pub service_id: ServiceId,
    pub date: NaiveDate,
    pub hours: Interval,
    pub capacity: u16,
}

/// A service's capacity from a date on (until a later change). Before its first change a
/// service has the capacity it was created with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapacityChange {
    pub service_id: ServiceId,
    pub from: NaiveDate,
    pub capacity: u16,
}

/// Everything that decides when services run: read once, asked many times.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Schedule {
    pub services: Vec<Service>,
    pub windows: Vec<WeeklyWindow>,
    pub periods: Vec<ServicePeriod>,
    pub closures: Vec<Closure>,
    pub events: Vec<ProgramEvent>,
    /// Oldest first.
    pub capacity_changes: Vec<CapacityChange>,
}

/// One opening of one service on one date: a weekly window or a program event.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Session {
    pub service_id: ServiceId,
    pub date: NaiveDate,
    pub hours: Interval,
    pub capacity: u16,
}

/// One service's plan for a day (see [`Schedule::day_plan`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceDay<'a> {
    pub service: &'a Service,
    /// The sessions its windows or events would have, in time order.
    pub planned: Vec<Session>,
    /// Set when the service does not run that day after all.
    pub off: Option<DayOff>,
}

/// The capacities the manager may give a service or a program date.
pub const CAPACITY_RANGE: std::ops::RangeInclusive<u16> = 1..=1000;

/// A capacity outside [`CAPACITY_RANGE`], or not a number.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("定員は{min}〜{max}人で入力してください", min = CAPACITY_RANGE.start(), max = CAPACITY_RANGE.end())]
pub struct CapacityOutOfRange;

/// Checks a capacity the manager set.
pub fn check_capacity(capacity: u16) -> Result<u16, CapacityOutOfRange> {
    if CAPACITY_RANGE.contains(&capacity) { Ok(capacity) } else { Err(CapacityOutOfRange) }
}

/// Reads a capacity as typed (full-width digits and spaces allowed).
pub fn parse_capacity(text: &str) -> Result<u16, CapacityOutOfRange> {
    let digits: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            other => other,
        })
        .collect();
    digits.trim().parse::<u16>().map_err(|_| CapacityOutOfRange).and_then(check_capacity)
}

/// Why a service does not run on a day that its windows would otherwise open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DayOff {
    Holiday(Holiday),
    Closure { reason: String },
    OutsidePeriod,
    NotScheduled,
}

impl DayOff {
    /// The reason as the desk reads it: the holiday's or the closure's name.
    pub fn describe(&self) -> String {
        match self {
            DayOff::Holiday(h) => format!("{}（祝日）", h.name),
            DayOff::Closure { reason } => format!("休業: {reason}"),
            DayOff::OutsidePeriod => "実施期間外".to_owned(),
            DayOff::NotScheduled => "休止中または検討中".to_owned(),
        }
    }
}

impl Schedule {
    pub fn service(&self, id: ServiceId) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    pub fn service_by_code(&self, code: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.code == code)
    }

    /// `Some(reason)` when `service` does not run on `date` although it might have.
    pub fn day_off(&self, service: &Service, date: NaiveDate) -> Option<DayOff> {
        if let Some(closure) = self.closures.iter().find(|c| c.covers(service.id, date)) {
            return Some(DayOff::Closure { reason: closure.reason.clone() });
        }
        if !service.runs_on_holidays
            && let Some(holiday) = holidays::holiday_on(date)
        {
            return Some(DayOff::Holiday(holiday));
        }
        let periods: Vec<&ServicePeriod> = self.periods.iter().filter(|p| p.service_id == service.id).collect();
        if !periods.is_empty() && !periods.iter().any(|p| p.from <= date && date <= p.to) {
            return Some(DayOff::OutsidePeriod);
        }
        if !service.is_bookable() {
            return Some(DayOff::NotScheduled);
        }
        None
    }

    /// The sessions a service would have on `date` by its windows and events alone,
    /// whether or not the day is off.
    pub fn planned_sessions(&self, service: &Service, date: NaiveDate) -> Vec<Session> {
        let mut sessions: Vec<Session> = match service.kind {
            ServiceKind::GroupSession | ServiceKind::Consultation => self
                .windows
                .iter()
                .filter(|w| w.service_id == service.id && w.weekday == date.weekday())
                .map(|w| Session {
                    service_id: service.id,
                    date,
                    hours: w.hours,
                    capacity: self.capacity_on(service, date),
                })
                .collect(),
            ServiceKind::Program => self
                .events
                .iter()
                .filter(|e| e.service_id == service.id && e.date == date)
                .map(|e| Session { service_id: service.id, date, hours: e.hours, capacity: e.capacity })
                .collect(),
            ServiceKind::EmailConsultation => Vec::new(),
        };
        sessions.sort_by_key(|s| s.hours);
        sessions
    }

    /// Every service with sessions planned on `date` by its windows or events, in the
    /// schedule's order, with why the day is off for it, if it is: what the week grid and
    /// the day list are built from.
    pub fn day_plan(&self, date: NaiveDate) -> impl Iterator<Item = ServiceDay<'_>> {
        self.services.iter().filter_map(move |service| {
            let planned = self.planned_sessions(service, date);
            (!planned.is_empty()).then(|| ServiceDay { service, planned, off: self.day_off(service, date) })
        })
    }

    /// The capacity of `service`'s weekly sessions on `date`: the last change made on or
    /// before it, else the service's own. A capacity changed from a date on leaves the
    /// sessions before it as they were (the manager's figures for past weeks stay true).
    pub fn capacity_on(&self, service: &Service, date: NaiveDate) -> u16 {
        self.capacity_changes
            .iter()
            .filter(|c| c.service_id == service.id && c.from <= date)
            .max_by_key(|c| c.from)
            .map_or(service.capacity, |c| c.capacity)
    }

    /// The sessions of `service` that actually run on `date`.
    pub fn sessions_on(&self, service: &Service, date: NaiveDate) -> Vec<Session> {
        if self.day_off(service, date).is_some() {
            return Vec::new();
        }
        self.planned_sessions(service, date)
    }

    /// The closures that touch `date` (for shading the day).
    pub fn closures_on(&self, date: NaiveDate) -> impl Iterator<Item = &Closure> {
        self.closures.iter().filter(move |c| c.from <= date && date <= c.to)
    }
}

/// Start times in `hours` for a booking of `minutes`, every `step` minutes from the start
/// of the window, such that the booking ends inside the window.
///
/// SPEC: a consultation "must fit inside one window: in 11:00–12:30 a 60-minute booking can
/// start at 11:00 or 11:30, not at 12:00".
pub fn starts_in_window(hours: Interval, minutes: u16, step: u16) -> Vec<TimeOfDay> {
    if minutes == 0 || step == 0 {
        return Vec::new();
    }
    let mut starts = Vec::new();
    let mut start = hours.start;
    while let Some(end) = start.plus(minutes) {
        if end > hours.end {
            break;
        }
        starts.push(start);
        match start.plus(step) {
            Some(next) => start = next,
            None => break,
        }
    }
    starts
}

/// Services as seeded, for the domain's tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Service, ServiceKind, ServiceStatus};

    /// 個別相談（石井）: 30 or 60 minutes, one caller at a time.
    pub fn consultation() -> Service {
        Service {
            id: 2,
            code: "ishii".into(),
            name: "個別相談（石井）".into(),
            short_name: "石井 相談".into(),
            kind: ServiceKind::Consultation,
            staff: "石井".into(),
            capacity: 1,
            slot_minutes: 30,
            lengths: vec![30, 60],
            runs_on_holidays: false,
            status: ServiceStatus::Scheduled,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::time::testing::{iv, t};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    use testing::consultation;

    fn schedule() -> Schedule {
        Schedule {
            services: vec![consultation()],
            windows: vec![
                WeeklyWindow { service_id: 2, weekday: Weekday::Wed, hours: iv((11, 0), (12, 30)) },
                WeeklyWindow { service_id: 2, weekday: Weekday::Wed, hours: iv((15, 0), (17, 0)) },
            ],
            ..Schedule::default()
        }
    }

    #[test]
    fn sixty_minutes_cannot_start_in_the_last_half_hour_of_a_window() {
        let morning = iv((11, 0), (12, 30));
        assert_eq!(starts_in_window(morning, 60, 30), vec![t(11, 0), t(11, 30)]);
        assert_eq!(starts_in_window(morning, 30, 30), vec![t(11, 0), t(11, 30), t(12, 0)]);
    }

    #[test]
    fn a_booking_longer_than_the_window_has_no_start() {
        assert!(starts_in_window(iv((11, 0), (11, 30)), 60, 30).is_empty());
        assert_eq!(starts_in_window(iv((11, 0), (12, 0)), 60, 30), vec![t(11, 0)]);
    }

    #[test]
    fn window_ending_at_midnight_is_handled() {
        assert_eq!(
            starts_in_window(Interval::new(t(23, 0), TimeOfDay::END_OF_DAY).unwrap(), 30, 30),
            vec![t(23, 0), t(23, 30)]
        );
    }

    #[test]
    fn wednesday_has_two_consultation_windows() {
        let s = schedule();
        let sessions = s.sessions_on(&s.services[0], date(2026, 11, 25));
        assert_eq!(sessions.len(), 2);
        assert_eq!(sessions[0].hours, iv((11, 0), (12, 30)));
        assert!(s.sessions_on(&s.services[0], date(2026, 11, 26)).is_empty());
    }

    #[test]
    fn holiday_closes_a_service_unless_it_runs_on_holidays() {
        let mut s = schedule();
        // 2026-09-23 秋分の日 is a Wednesday.
        let day = date(2026, 9, 23);
        assert!(matches!(s.day_off(&s.services[0], day), Some(DayOff::Holiday(h)) if h.name == "秋分の日"));
        assert!(s.sessions_on(&s.services[0], day).is_empty());
        s.services[0].runs_on_holidays = true;
        assert_eq!(s.sessions_on(&s.services[0], day).len(), 2);
    }

    #[test]
    fn closure_names_its_reason_and_covers_its_range_inclusive() {
        let mut s = schedule();
        s.closures.push(Closure {
            id: 1,
            service_id: None,
            from: date(2026, 12, 29),
            to: date(2027, 1, 3),
            reason: "年末年始".into(),
        });
        let off = s.day_off(&s.services[0], date(2026, 12, 30));
        assert_eq!(off.map(|o| o.describe()), Some("休業: 年末年始".to_owned()));
        assert!(s.day_off(&s.services[0], date(2027, 1, 3)).is_some());
        assert!(s.day_off(&s.services[0], date(2027, 1, 6)).is_none());
    }

    #[test]
    fn service_period_limits_the_dates() {
        let mut s = schedule();
        s.periods.push(ServicePeriod { service_id: 2, from: date(2026, 4, 1), to: date(2026, 5, 31) });
        assert_eq!(s.day_off(&s.services[0], date(2026, 11, 25)), Some(DayOff::OutsidePeriod));
        assert_eq!(s.day_off(&s.services[0], date(2026, 5, 27)), None);
    }

    #[test]
    fn paused_service_has_no_sessions() {
        let mut s = schedule();
        s.services[0].status = ServiceStatus::Paused;
        assert!(s.sessions_on(&s.services[0], date(2026, 11, 25)).is_empty());
    }

    #[test]
    fn capacities_from_one_to_a_thousand_in_any_digits() {
        assert_eq!(parse_capacity("10"), Ok(10));
        assert_eq!(parse_capacity(" １２ "), Ok(12));
        assert_eq!(parse_capacity("1000"), Ok(1000));
        assert_eq!(parse_capacity("0"), Err(CapacityOutOfRange));
        assert_eq!(parse_capacity("1001"), Err(CapacityOutOfRange));
        assert_eq!(parse_capacity("十"), Err(CapacityOutOfRange));
        assert_eq!(CapacityOutOfRange.to_string(), "定員は1〜1000人で入力してください");
    }

    #[test]
    fn a_capacity_changed_from_a_date_leaves_the_sessions_before_it_alone() {
        let mut group = consultation();
        group.kind = ServiceKind::GroupSession;
        group.capacity = 12;
        let mut s = schedule();
        s.services = vec![group.clone()];
        let change = |from: NaiveDate, capacity| CapacityChange { service_id: 2, from, capacity };
        s.capacity_changes = vec![change(date(2000, 1, 1), 10), change(date(2026, 11, 22), 12)];
        assert_eq!(s.capacity_on(&group, date(2026, 11, 18)), 10);
        assert_eq!(s.capacity_on(&group, date(2026, 11, 22)), 12);
        assert_eq!(s.planned_sessions(&group, date(2026, 11, 18))[0].capacity, 10);
        assert_eq!(s.planned_sessions(&group, date(2026, 11, 25))[0].capacity, 12);
        s.capacity_changes.clear();
        assert_eq!(s.capacity_on(&group, date(2026, 11, 18)), 12, "no change: the service's own");
    }
}
