//! Bookings, their states and channels, and the rules that keep them apart: one caller
//! per consultation slot, no member in two overlapping bookings, and the group headcount
//! within capacity at every moment.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::member::MemberId;
use super::schedule::{Service, ServiceId, ServiceKind, Session, starts_in_window};
use super::time::{Interval, TimeOfDay};

pub type BookingId = i64;

/// The life of a booking (SPEC "States of a booking").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BookingState {
    Confirmed,
    Waitlisted,
    Cancelled,
    Attended,
    NoShow,
}

impl BookingState {
    pub const ALL: [BookingState; 5] = [
        BookingState::Confirmed,
        BookingState::Waitlisted,
        BookingState::Cancelled,
        BookingState::Attended,
        BookingState::NoShow,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BookingState::Confirmed => "confirmed",
            BookingState::Waitlisted => "waitlisted",
            BookingState::Cancelled => "cancelled",
            BookingState::Attended => "attended",
            BookingState::NoShow => "no_show",
        }
    }

    pub fn from_code(code: &str) -> Option<BookingState> {
        BookingState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            BookingState::Confirmed => "確定",
            BookingState::Waitlisted => "キャンセル待ち",
            BookingState::Cancelled => "キャンセル",
            BookingState::Attended => "出席",
            BookingState::NoShow => "欠席",
        }
    }

    /// Whether a booking in this state holds its place. A no-show held it too: the place
    /// was given and could not be offered to anyone else.
    pub fn takes_place(self) -> bool {
        matches!(self, BookingState::Confirmed | BookingState::Attended | BookingState::NoShow)
    }
}

/// How the booking came in (SPEC "Channel").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    Phone,
    Mail,
    Desk,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Phone, Channel::Mail, Channel::Desk];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Mail => "mail",
            Channel::Desk => "desk",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::Phone => "電話",
            Channel::Mail => "メール",
            Channel::Desk => "窓口",
        }
    }
}

/// A member's place in a session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub id: BookingId,
    pub member_id: MemberId,
    pub service_id: ServiceId,
    pub date: NaiveDate,
    /// Consultation: the call's start and end. Group: planned join and leave.
    pub hours: Interval,
    pub state: BookingState,
    pub channel: Channel,
    /// 話したいテーマ, consultations only; never put in an email.
    pub theme: String,
    pub notes: String,
    /// Order on the waitlist of its service and date (1 = first to call), when waitlisted.
    pub waitlist_position: Option<u32>,
    /// Why it was cancelled, once it is (audit rows written before this field have none).
    #[serde(default)]
    pub cancel_reason: Option<String>,
}

/// What the desk asks for before any rule is checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookingRequest {
    pub member_id: MemberId,
    pub service_id: ServiceId,
    pub date: NaiveDate,
    pub hours: Interval,
    pub channel: Channel,
    pub theme: String,
    pub notes: String,
    /// Entered on purpose after the day (a booking taken on paper, typed in later): only
    /// then may the date be in the past. See [`check_booking_date`].
    pub late_record: bool,
}

/// How far ahead a booking may be made: two years covers any plan a member makes.
pub const BOOKABLE_DAYS_AHEAD: i64 = 731;
/// How far back a late record may go: a year of paper bookings typed in later.
pub const LATE_RECORD_DAYS_BACK: i64 = 366;

/// Why a booking cannot take a place. The texts are what the desk reads out.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("{date} は{service}の実施日ではありません（{reason}）")]
    NotRunning { service: String, date: String, reason: String },
    #[error("{hours} は{service}の受付時間に収まりません")]
    OutsideWindow { service: String, hours: String },
    #[error("相談時間は {allowed} 分から選んでください（{minutes} 分は選べません）")]
    LengthNotAllowed { minutes: u16, allowed: String },
    #[error("時刻は {step} 分刻みです（{time} は選べません）")]
    OffStep { step: u16, time: String },
    #[error("{hours} はすでに予約が入っています（1枠に1人）")]
    SlotTaken { hours: String },
    #[error("{at} からの時間帯が定員 {capacity} 人に達しています")]
    Full { capacity: u16, at: String },
    #[error("この会員は同じ時間帯に別の予約があります（{other}）")]
    MemberOverlap { other: String },
    #[error("{service}は予約を受け付けていません（{status}）")]
    NotBookable { service: String, status: String },
    #[error("出欠は当日から付けられます（{date} はまだ先です）")]
    AttendanceTooEarly { date: String },
    #[error("{date} は過ぎた日付です（後から記録として入力するときだけ選べます）")]
    PastDate { date: String },
    #[error("{date} は先すぎます（予約は {limit} までです）")]
    TooFarAhead { date: String, limit: String },
    #[error("{date} は前すぎます（後からの記録は {limit} からです）")]
    TooFarBack { date: String, limit: String },
}

/// A booking's date must make sense: from today up to [`BOOKABLE_DAYS_AHEAD`] days on,
/// or, entered on purpose as a late record, back to [`LATE_RECORD_DAYS_BACK`] days ago.
pub fn check_booking_date(date: NaiveDate, today: NaiveDate, late_record: bool) -> Result<(), Refusal> {
    use crate::domain::time::full_date;
    let latest = today + chrono::Duration::days(BOOKABLE_DAYS_AHEAD);
    let earliest = today - chrono::Duration::days(LATE_RECORD_DAYS_BACK);
    if date > latest {
        return Err(Refusal::TooFarAhead { date: full_date(date), limit: full_date(latest) });
    }
    if date < today && !late_record {
        return Err(Refusal::PastDate { date: full_date(date) });
    }
    if date < earliest {
        return Err(Refusal::TooFarBack { date: full_date(date), limit: full_date(earliest) });
    }
    Ok(())
}

/// Attendance (出席 / 欠席) is entered for a session that has taken place: on its day or
/// later. Marked earlier, an absence would count as a no-show in the figures.
pub fn check_attendance(state: BookingState, date: NaiveDate, today: NaiveDate) -> Result<(), Refusal> {
    if matches!(state, BookingState::Attended | BookingState::NoShow) && date > today {
        return Err(Refusal::AttendanceTooEarly { date: crate::domain::time::month_day_weekday(date) });
    }
    Ok(())
}

/// The most people present at the same moment within `within`, counting each interval
/// in `bookings` as present over `[start, end)`.
pub fn peak_headcount(bookings: impl IntoIterator<Item = Interval>, within: Interval) -> (u16, TimeOfDay) {
    // A sweep over start (+1) and end (-1) events; at equal times ends come first
    // because intervals are half-open.
    let mut events: Vec<(TimeOfDay, i32)> = Vec::new();
    for b in bookings {
        if !b.overlaps(within) {
            continue;
        }
        events.push((b.start.max(within.start), 1));
        events.push((b.end.min(within.end), -1));
    }
    events.sort_unstable();
    let mut count = 0i32;
    let mut peak = (0u16, within.start);
    for (at, delta) in events {
        count += delta;
        if count > i32::from(peak.0) {
            peak = (count as u16, at);
        }
    }
    peak
}

/// Present headcount at the start of each `step` minutes of `within`, e.g. per half-hour.
pub fn headcount_per_step(bookings: &[Interval], within: Interval, step: u16) -> Vec<(Interval, u16)> {
    starts_in_window(within, step, step)
        .into_iter()
        .filter_map(|start| {
            let piece = Interval::new(start, start.plus(step)?)?;
            Some((piece, peak_headcount(bookings.iter().copied(), piece).0))
        })
        .collect()
}

/// Checks a booking against the session it falls in and the places already taken.
///
/// `session` is the session of the service on that date that should hold the booking,
/// `taken` the intervals of bookings of the same service and date that hold a place, and
/// `member_bookings` the member's own bookings that day in any service (with the name of
/// the service, for the message).
pub fn check_fits(
    service: &Service,
    sessions: &[Session],
    request_hours: Interval,
    taken: &[Interval],
    member_bookings: &[(Interval, String)],
) -> Result<(), Refusal> {
    let Some(session) = sessions.iter().find(|s| s.hours.contains(request_hours)) else {
        return Err(Refusal::OutsideWindow { service: service.name.clone(), hours: request_hours.to_string() });
    };
    let offset = request_hours.start.minutes() - session.hours.start.minutes();
    if service.slot_minutes > 0 && !offset.is_multiple_of(service.slot_minutes) {
        return Err(Refusal::OffStep { step: service.slot_minutes, time: request_hours.start.to_string() });
    }
    match service.kind {
        ServiceKind::Consultation => {
            let minutes = request_hours.minutes();
            if !service.lengths.contains(&minutes) {
                let allowed: Vec<String> = service.lengths.iter().map(u16::to_string).collect();
                return Err(Refusal::LengthNotAllowed { minutes, allowed: allowed.join("・") });
            }
            let callers = peak_headcount(taken.iter().copied(), request_hours).0;
            if callers >= session.capacity {
                return Err(Refusal::SlotTaken { hours: request_hours.to_string() });
            }
        }
        ServiceKind::GroupSession | ServiceKind::Program => {
            if service.slot_minutes > 0 && !request_hours.minutes().is_multiple_of(service.slot_minutes) {
                return Err(Refusal::OffStep { step: service.slot_minutes, time: request_hours.end.to_string() });
            }
            let (peak, at) = peak_headcount(taken.iter().copied(), request_hours);
            if peak >= session.capacity {
                return Err(Refusal::Full { capacity: session.capacity, at: at.to_string() });
            }
        }
        ServiceKind::EmailConsultation => {}
    }
    if let Some((other, name)) = member_bookings.iter().find(|(other, _)| other.overlaps(request_hours)) {
        return Err(Refusal::MemberOverlap { other: format!("{name} {other}") });
    }
    Ok(())
}

/// Consultation starts still free for a booking of `minutes` in `sessions`.
pub fn free_starts(service: &Service, sessions: &[Session], minutes: u16, taken: &[Interval]) -> Vec<TimeOfDay> {
    sessions
        .iter()
        .flat_map(|session| {
            starts_in_window(session.hours, minutes, service.slot_minutes.max(1))
                .into_iter()
                .filter_map(move |start| Some((session, Interval::new(start, start.plus(minutes)?)?)))
        })
        .filter(|(session, hours)| peak_headcount(taken.iter().copied(), *hours).0 < session.capacity)
        .map(|(_, hours)| hours.start)
        .collect()
}

/// The line the receptionist reads back to the caller after saving, e.g.
/// `11月25日(水) 11:30〜12:00 石井 電話相談（30分） 会員番号 1234 山田 花子 様`.
pub fn read_back(service: &Service, booking: &Booking, member_number: &str, member_name: &str) -> String {
    let what = match service.kind {
        ServiceKind::Consultation => format!("{} 電話相談（{}分）", service.staff, booking.hours.minutes()),
        _ => service.name.clone(),
    };
    let waitlist = match booking.waitlist_position {
        Some(position) => format!(" キャンセル待ち {position}番"),
        None => String::new(),
    };
    format!(
        "{} {} {what}{waitlist} 会員番号 {member_number} {member_name} 様",
        crate::domain::time::month_day_weekday(booking.date),
        booking.hours
    )
}

/// The bookings that no longer fit `capacity` people at once in `hours`, given in the
/// order they were booked: each is kept if the headcount with it stays within capacity
/// at every moment, so a lowered capacity strands exactly the last booked, not everyone.
pub fn over_capacity<Id: Copy>(bookings: &[(Id, Interval)], hours: Interval, capacity: u16) -> Vec<Id> {
    let mut kept: Vec<Interval> = Vec::new();
    let mut over = Vec::new();
    for (id, booking) in bookings {
        kept.push(*booking);
        if peak_headcount(kept.iter().copied(), hours).0 > capacity {
            kept.pop();
            over.push(*id);
        }
    }
    over
}

/// How full a session is, as the week grid shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Fill {
    /// Group: peak headcount; consultation: slots taken.
    pub used: u16,
    /// Group: capacity; consultation: slots offered.
    pub of: u16,
    /// Bookings holding a place (group: people booked for any part of the window).
    pub booked: u16,
    pub waitlisted: u16,
}

impl Fill {
    pub fn level(self) -> FillLevel {
        FillLevel::of(self.used, self.of)
    }

    pub fn is_full(self) -> bool {
        self.level() == FillLevel::Full
    }

    pub fn is_nearly_full(self) -> bool {
        self.level() == FillLevel::NearlyFull
    }
}

/// From this share of places or slots taken on, a session is "nearly full" (ほぼ満席):
/// worth telling callers to hurry. The week grid, the capacity window and its CSV all
/// ask [`FillLevel::of`].
pub const NEARLY_FULL_PERCENT: u32 = 80;

/// How full a session is, in the three steps the desk and the manager see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FillLevel {
    Free,
    NearlyFull,
    /// No place left to book — also a session that offers none.
    Full,
}

impl FillLevel {
    /// `used` places or slots of `of` offered.
    pub fn of(used: u16, of: u16) -> FillLevel {
        if used >= of {
            FillLevel::Full
        } else if u32::from(used) * 100 >= u32::from(of) * NEARLY_FULL_PERCENT {
            FillLevel::NearlyFull
        } else {
            FillLevel::Free
        }
    }
}

/// The fill of one session from the bookings of its service and date.
pub fn session_fill(service: &Service, session: &Session, bookings: &[(Interval, BookingState)]) -> Fill {
    let in_session = || bookings.iter().filter(|(h, _)| session.hours.overlaps(*h));
    let holding: Vec<Interval> = in_session().filter(|(_, s)| s.takes_place()).map(|(h, _)| *h).collect();
    let waitlisted = in_session().filter(|(_, s)| *s == BookingState::Waitlisted).count() as u16;
    let booked = holding.len() as u16;
    match service.kind {
        ServiceKind::Consultation => {
            let step = service.slot_minutes.max(1);
            let pieces = headcount_per_step(&holding, session.hours, step);
            let used = pieces.iter().map(|(_, n)| (*n).min(session.capacity)).sum();
            Fill { used, of: pieces.len() as u16 * session.capacity, booked, waitlisted }
        }
        _ => {
            let (peak, _) = peak_headcount(holding.iter().copied(), session.hours);
            Fill { used: peak, of: session.capacity, booked, waitlisted }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::ServiceStatus;

    use crate::domain::time::testing::{iv, t};

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn a_booking_date_runs_from_today_to_two_years_on_and_back_a_year_only_as_a_late_record() {
        let today = date();
        let day = |offset: i64| today + chrono::Duration::days(offset);
        assert_eq!(check_booking_date(today, today, false), Ok(()));
        assert_eq!(check_booking_date(day(BOOKABLE_DAYS_AHEAD), today, false), Ok(()));
        assert!(matches!(
            check_booking_date(day(BOOKABLE_DAYS_AHEAD + 1), today, false),
            Err(Refusal::TooFarAhead { .. })
        ));
        assert_eq!(
            check_booking_date(day(-1), today, false),
            Err(Refusal::PastDate { date: "2026年11月24日(火)".into() })
        );
        assert_eq!(check_booking_date(day(-1), today, true), Ok(()));
        assert_eq!(check_booking_date(day(-LATE_RECORD_DAYS_BACK), today, true), Ok(()));
        assert!(matches!(
            check_booking_date(day(-LATE_RECORD_DAYS_BACK - 1), today, true),
            Err(Refusal::TooFarBack { .. })
        ));
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 7).unwrap();
        assert!(matches!(check_booking_date(epoch, today, false), Err(Refusal::PastDate { .. })));
        assert!(matches!(check_booking_date(epoch, today, true), Err(Refusal::TooFarBack { .. })));
    }

    fn group(capacity: u16) -> (Service, Vec<Session>) {
        let service = Service {
            id: 1,
            code: "hokenshitsu".into(),
            name: "オンライン暮らしの保健室".into(),
            short_name: "保健室".into(),
            kind: ServiceKind::GroupSession,
            staff: "石井・濱田".into(),
            capacity,
            slot_minutes: 15,
            lengths: vec![],
            runs_on_holidays: false,
            status: ServiceStatus::Scheduled,
        };
        let sessions = vec![Session { service_id: 1, date: date(), hours: iv((13, 0), (15, 0)), capacity }];
        (service, sessions)
    }

    fn consultation() -> (Service, Vec<Session>) {
        let service = crate::domain::schedule::testing::consultation();
        let sessions = vec![
            Session { service_id: 2, date: date(), hours: iv((11, 0), (12, 30)), capacity: 1 },
            Session { service_id: 2, date: date(), hours: iv((15, 0), (17, 0)), capacity: 1 },
        ];
        (service, sessions)
    }

    #[test]
    fn partial_attendance_counts_only_overlapping_people() {
        // Two people in the first hour, two in the second: never more than two at once.
        let b = [iv((13, 0), (14, 0)), iv((13, 0), (14, 0)), iv((14, 0), (15, 0)), iv((14, 0), (15, 0))];
        assert_eq!(peak_headcount(b, iv((13, 0), (15, 0))).0, 2);
        let b = [iv((13, 0), (14, 0)), iv((13, 30), (15, 0)), iv((13, 45), (14, 15))];
        assert_eq!(peak_headcount(b, iv((13, 0), (15, 0))), (3, t(13, 45)));
    }

    #[test]
    fn group_booking_fits_when_every_moment_stays_within_capacity() {
        let (service, sessions) = group(2);
        let taken = [iv((13, 0), (14, 0)), iv((13, 30), (15, 0))];
        // 14:00–15:00 has one person, so a second fits.
        assert_eq!(check_fits(&service, &sessions, iv((14, 0), (15, 0)), &taken, &[]), Ok(()));
        // 13:45–14:15 touches 13:45 when two are present.
        assert_eq!(
            check_fits(&service, &sessions, iv((13, 45), (14, 15)), &taken, &[]),
            Err(Refusal::Full { capacity: 2, at: "13:45".into() })
        );
    }

    #[test]
    fn group_booking_must_stay_inside_the_session() {
        let (service, sessions) = group(10);
        assert!(matches!(
            check_fits(&service, &sessions, iv((12, 45), (13, 30)), &[], &[]),
            Err(Refusal::OutsideWindow { .. })
        ));
        assert!(matches!(
            check_fits(&service, &sessions, iv((13, 10), (13, 30)), &[], &[]),
            Err(Refusal::OffStep { .. })
        ));
    }

    #[test]
    fn consultation_slot_takes_one_caller() {
        let (service, sessions) = consultation();
        let taken = [iv((11, 30), (12, 0))];
        assert_eq!(
            check_fits(&service, &sessions, iv((11, 0), (12, 0)), &taken, &[]),
            Err(Refusal::SlotTaken { hours: "11:00〜12:00".into() })
        );
        assert_eq!(check_fits(&service, &sessions, iv((12, 0), (12, 30)), &taken, &[]), Ok(()));
    }

    #[test]
    fn consultation_at_window_edges() {
        let (service, sessions) = consultation();
        assert_eq!(check_fits(&service, &sessions, iv((11, 30), (12, 30)), &[], &[]), Ok(()));
        assert!(matches!(
            check_fits(&service, &sessions, iv((12, 0), (13, 0)), &[], &[]),
            Err(Refusal::OutsideWindow { .. })
        ));
        assert_eq!(check_fits(&service, &sessions, iv((16, 0), (17, 0)), &[], &[]), Ok(()));
        assert!(matches!(
            check_fits(&service, &sessions, iv((15, 0), (16, 30)), &[], &[]),
            Err(Refusal::LengthNotAllowed { minutes: 90, .. })
        ));
        assert!(matches!(
            check_fits(&service, &sessions, iv((15, 15), (15, 45)), &[], &[]),
            Err(Refusal::OffStep { .. })
        ));
    }

    #[test]
    fn member_cannot_be_in_two_overlapping_bookings() {
        let (service, sessions) = consultation();
        let own = [(iv((11, 0), (12, 0)), "足育クラブ".to_owned())];
        assert!(matches!(
            check_fits(&service, &sessions, iv((11, 30), (12, 0)), &[], &own),
            Err(Refusal::MemberOverlap { .. })
        ));
        assert_eq!(check_fits(&service, &sessions, iv((12, 0), (12, 30)), &[], &own), Ok(()));
    }

    #[test]
    fn free_starts_skip_taken_slots_and_window_edges() {
        let (service, sessions) = consultation();
        let taken = [iv((11, 30), (12, 0)), iv((15, 0), (16, 0))];
        assert_eq!(free_starts(&service, &sessions, 30, &taken), vec![t(11, 0), t(12, 0), t(16, 0), t(16, 30)]);
        assert_eq!(free_starts(&service, &sessions, 60, &taken), vec![t(16, 0)]);
    }

    #[test]
    fn fill_counts_slots_for_consultations_and_peak_for_groups() {
        let (service, sessions) = consultation();
        let bookings = [
            (iv((11, 0), (12, 0)), BookingState::Confirmed),
            (iv((12, 0), (12, 30)), BookingState::Cancelled),
            (iv((12, 0), (12, 30)), BookingState::Waitlisted),
        ];
        let fill = session_fill(&service, &sessions[0], &bookings);
        assert_eq!(fill, Fill { used: 2, of: 3, booked: 1, waitlisted: 1 });

        let (group, sessions) = group(10);
        let bookings = [
            (iv((13, 0), (14, 0)), BookingState::Confirmed),
            (iv((14, 0), (15, 0)), BookingState::Attended),
            (iv((13, 0), (15, 0)), BookingState::NoShow),
        ];
        assert_eq!(session_fill(&group, &sessions[0], &bookings), Fill { used: 2, of: 10, booked: 3, waitlisted: 0 });
    }

    #[test]
    fn read_back_names_day_time_counsellor_length_and_member() {
        let (service, _) = consultation();
        let booking = Booking {
            id: 1,
            member_id: 1,
            service_id: 2,
            date: date(),
            hours: iv((11, 30), (12, 0)),
            state: BookingState::Confirmed,
            channel: Channel::Phone,
            theme: String::new(),
            notes: String::new(),
            waitlist_position: None,
            cancel_reason: None,
        };
        assert_eq!(
            read_back(&service, &booking, "1234", "山田 花子"),
            "11月25日(水) 11:30〜12:00 石井 電話相談（30分） 会員番号 1234 山田 花子 様"
        );
    }

    #[test]
    fn headcount_per_half_hour() {
        let b = [iv((13, 0), (14, 0)), iv((13, 30), (15, 0))];
        let counts: Vec<u16> = headcount_per_step(&b, iv((13, 0), (15, 0)), 30).into_iter().map(|(_, n)| n).collect();
        assert_eq!(counts, vec![1, 2, 1, 1]);
    }
}

#[cfg(test)]
mod properties;
