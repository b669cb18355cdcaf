//! How full the sessions of a period were or are: for the group session and programs,
//! people booked against the capacity and the headcount per half-hour; for a counsellor's
//! consultation windows, 30-minute slots offered, booked and free; and for every session
//! the waitlist, cancellations and no-shows. The manager's figures, computed from the
//! same rules the desk books with.

use chrono::NaiveDate;

use super::booking::{BookingState, FillLevel, headcount_per_step, session_fill};
use super::schedule::{Service, ServiceId, ServiceKind, Session};
use super::time::Interval;

/// Half an hour: the step of the group session's headcount and of consultation slots.
pub const HALF_HOUR: u16 = 30;

/// The figures of one session that ran (or will run) on its date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionFigures {
    pub service_id: ServiceId,
    pub date: NaiveDate,
    pub hours: Interval,
    pub kind: ServiceKind,
    /// Group/program: people at once; consultation: 30-minute slots offered.
    pub offered: u16,
    /// Group/program: people holding a place (booked, attended or absent); consultation:
    /// slots those bookings take.
    pub booked: u16,
    /// Group/program: the most people present at the same moment.
    pub peak: u16,
    /// Group/program: the headcount in each half-hour of the session.
    pub per_half_hour: Vec<(Interval, u16)>,
    /// Group/program: places left at the busiest moment; consultation: slots left.
    pub free: u16,
    pub waitlisted: u16,
    pub cancelled: u16,
    pub no_shows: u16,
}

impl SessionFigures {
    /// What counts as used of what was offered: the peak against the capacity for a
    /// group, slots booked against slots offered for a consultation.
    fn used(&self) -> u16 {
        match self.kind {
            ServiceKind::Consultation => self.booked,
            _ => self.peak,
        }
    }

    pub fn level(&self) -> FillLevel {
        FillLevel::of(self.used(), self.offered)
    }

    /// No room left: the capacity is reached at some moment, or every slot is taken.
    pub fn is_full(&self) -> bool {
        self.level() == FillLevel::Full
    }

    /// Nearly full, not yet full (see [`super::booking::NEARLY_FULL_PERCENT`]).
    pub fn is_nearly_full(&self) -> bool {
        self.level() == FillLevel::NearlyFull
    }

    /// What was used of what was offered, in whole percent.
    pub fn fill_percent(&self) -> u16 {
        percent(u32::from(self.used()), u32::from(self.offered)) as u16
    }
}

/// `used` of `offered` in whole percent, rounded; nothing offered counts as 0 %.
fn percent(used: u32, offered: u32) -> u32 {
    (used * 100 + offered / 2).checked_div(offered).unwrap_or(0)
}

/// The figures of `session` from every booking of its service on its date.
pub fn session_figures(service: &Service, session: &Session, bookings: &[(Interval, BookingState)]) -> SessionFigures {
    let fill = session_fill(service, session, bookings);
    let in_session = || bookings.iter().filter(|(hours, _)| session.hours.overlaps(*hours));
    let count = |state: BookingState| in_session().filter(|(_, s)| *s == state).count() as u16;
    let holding: Vec<Interval> = in_session().filter(|(_, s)| s.takes_place()).map(|(h, _)| *h).collect();
    let (booked, peak, per_half_hour) = match service.kind {
        ServiceKind::Consultation => (fill.used, 0, Vec::new()),
        _ => (fill.booked, fill.used, headcount_per_step(&holding, session.hours, HALF_HOUR)),
    };
    SessionFigures {
        service_id: service.id,
        date: session.date,
        hours: session.hours,
        kind: service.kind,
        offered: fill.of,
        booked,
        peak,
        per_half_hour,
        // Group: places left at the busiest moment (fill.used is the peak); consultation: slots left.
        free: fill.of.saturating_sub(fill.used),
        waitlisted: fill.waitlisted,
        cancelled: count(BookingState::Cancelled),
        no_shows: count(BookingState::NoShow),
    }
}

/// A service's figures added up over the period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServiceTotals {
    pub service_id: ServiceId,
    pub sessions: u32,
    pub full_sessions: u32,
    pub offered: u32,
    pub booked: u32,
    /// Group/program: the sum of the sessions' peaks (the places actually needed).
    pub peak_sum: u32,
    pub free: u32,
    pub waitlisted: u32,
    pub cancelled: u32,
    pub no_shows: u32,
}

impl ServiceTotals {
    pub fn add(&mut self, figures: &SessionFigures) {
        self.service_id = figures.service_id;
        self.sessions += 1;
        self.full_sessions += u32::from(figures.is_full());
        self.offered += u32::from(figures.offered);
        self.booked += u32::from(figures.booked);
        self.peak_sum += u32::from(figures.peak);
        self.free += u32::from(figures.free);
        self.waitlisted += u32::from(figures.waitlisted);
        self.cancelled += u32::from(figures.cancelled);
        self.no_shows += u32::from(figures.no_shows);
    }

    /// Percent of what was offered that was used (see [`SessionFigures::fill_percent`]).
    pub fn fill_percent(&self, kind: ServiceKind) -> u32 {
        let used = if kind == ServiceKind::Consultation { self.booked } else { self.peak_sum };
        percent(used, self.offered)
    }

    /// The service's figures for the period in one line, as the capacity window and
    /// `madoguchi capacity` both show them.
    pub fn summary(&self, kind: ServiceKind) -> String {
        let figures = match kind {
            ServiceKind::Consultation => {
                format!("枠 {}　予約 {}　空き {}", self.offered, self.booked, self.free)
            }
            _ => format!("予約 {}人（定員 計{}人）　最大同時の合計 {}人", self.booked, self.offered, self.peak_sum),
        };
        format!(
            "{}回　{figures}　稼働 {}%　満 {}回　キャンセル待ち {}　キャンセル {}　欠席 {}",
            self.sessions,
            self.fill_percent(kind),
            self.full_sessions,
            self.waitlisted,
            self.cancelled,
            self.no_shows
        )
    }
}

/// How a service is titled in the figures: its name, with the person in charge unless the
/// name already says who (個別相談（石井） is not followed by （石井） again).
pub fn service_title(service: &Service) -> String {
    if service.staff.is_empty() || service.name.contains(&service.staff) {
        service.name.clone()
    } else {
        format!("{}（{}）", service.name, service.staff)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::ServiceStatus;
    use crate::domain::time::TimeOfDay;

    fn iv(from: (u16, u16), to: (u16, u16)) -> Interval {
        Interval::new(TimeOfDay::hm(from.0, from.1).unwrap(), TimeOfDay::hm(to.0, to.1).unwrap()).unwrap()
    }

    fn service(kind: ServiceKind, capacity: u16, slot_minutes: u16) -> Service {
        Service {
            id: 7,
            code: "x".into(),
            name: "x".into(),
            short_name: "x".into(),
            kind,
            staff: String::new(),
            capacity,
            slot_minutes,
            lengths: if kind == ServiceKind::Consultation { vec![30, 60] } else { vec![] },
            runs_on_holidays: false,
            status: ServiceStatus::Scheduled,
        }
    }

    fn session(hours: Interval, capacity: u16) -> Session {
        Session { service_id: 7, date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), hours, capacity }
    }

    #[test]
    fn a_group_counts_people_its_peak_and_each_half_hour() {
        use BookingState::*;
        let group = service(ServiceKind::GroupSession, 4, 15);
        let bookings = [
            (iv((13, 0), (15, 0)), Confirmed),
            (iv((13, 0), (14, 0)), Attended),
            (iv((13, 30), (14, 30)), NoShow),
            (iv((14, 0), (15, 0)), Confirmed),
            (iv((13, 0), (15, 0)), Waitlisted),
            (iv((13, 0), (15, 0)), Cancelled),
        ];
        let figures = session_figures(&group, &session(iv((13, 0), (15, 0)), 4), &bookings);
        assert_eq!((figures.offered, figures.booked, figures.peak, figures.free), (4, 4, 3, 1));
        let halves: Vec<u16> = figures.per_half_hour.iter().map(|(_, n)| *n).collect();
        assert_eq!(halves, [2, 3, 3, 2]);
        assert_eq!((figures.waitlisted, figures.cancelled, figures.no_shows), (1, 1, 1));
        assert_eq!(figures.fill_percent(), 75);
        assert!(!figures.is_full());
        assert!(!figures.is_nearly_full(), "3 of 4 is not yet nearly full");
    }

    #[test]
    fn a_consultation_window_counts_thirty_minute_slots() {
        use BookingState::*;
        let consultation = service(ServiceKind::Consultation, 1, 30);
        // 11:00–12:30 offers three slots; a 60-minute booking takes two of them.
        let bookings = [(iv((11, 0), (12, 0)), Confirmed), (iv((12, 0), (12, 30)), Cancelled)];
        let figures = session_figures(&consultation, &session(iv((11, 0), (12, 30)), 1), &bookings);
        assert_eq!((figures.offered, figures.booked, figures.free), (3, 2, 1));
        assert_eq!(figures.fill_percent(), 67);
        assert!(figures.per_half_hour.is_empty());
        let full = session_figures(
            &consultation,
            &session(iv((11, 0), (12, 30)), 1),
            &[(iv((11, 0), (12, 0)), Confirmed), (iv((12, 0), (12, 30)), Attended)],
        );
        assert!(full.is_full());
    }

    #[test]
    fn totals_add_sessions_up() {
        let group = service(ServiceKind::GroupSession, 2, 15);
        let one = session_figures(
            &group,
            &session(iv((13, 0), (15, 0)), 2),
            &[(iv((13, 0), (15, 0)), BookingState::Confirmed), (iv((13, 0), (15, 0)), BookingState::Confirmed)],
        );
        let two = session_figures(&group, &session(iv((13, 0), (15, 0)), 2), &[]);
        let mut totals = ServiceTotals::default();
        totals.add(&one);
        totals.add(&two);
        assert_eq!((totals.sessions, totals.full_sessions, totals.offered, totals.booked), (2, 1, 4, 2));
        assert_eq!(totals.fill_percent(ServiceKind::GroupSession), 50);
    }

    #[test]
    fn a_service_is_titled_with_its_staff_once() {
        let mut ishii = service(ServiceKind::Consultation, 1, 30);
        ishii.name = "個別相談（石井）".into();
        ishii.staff = "石井".into();
        assert_eq!(service_title(&ishii), "個別相談（石井）");
        let mut group = service(ServiceKind::GroupSession, 10, 15);
        group.name = "オンライン暮らしの保健室".into();
        group.staff = "石井・濱田".into();
        assert_eq!(service_title(&group), "オンライン暮らしの保健室（石井・濱田）");
        group.staff.clear();
        assert_eq!(service_title(&group), "オンライン暮らしの保健室");
    }

    #[test]
    fn the_summary_line_names_each_figure() {
        let totals = ServiceTotals {
            service_id: 1,
            sessions: 4,
            full_sessions: 1,
            offered: 40,
            booked: 22,
            peak_sum: 20,
            free: 20,
            waitlisted: 2,
            cancelled: 3,
            no_shows: 1,
        };
        assert_eq!(
            totals.summary(ServiceKind::GroupSession),
            "4回　予約 22人（定員 計40人）　最大同時の合計 20人　稼働 50%　満 1回　キャンセル待ち 2　キャンセル 3　欠席 1"
        );
        assert!(totals.summary(ServiceKind::Consultation).starts_with("4回　枠 40　予約 22　空き 20　稼働 55%"));
    }
}
