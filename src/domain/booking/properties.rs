//! Property tests of the booking rules: slot fitting and headcount over many cases.

use proptest::prelude::*;

use super::*;
use crate::domain::schedule::{ServiceStatus, starts_in_window};

fn t(minutes: u16) -> TimeOfDay {
    TimeOfDay::from_minutes(minutes).unwrap()
}

/// Intervals inside 13:00–15:00 on a 15-minute grid.
fn group_interval() -> impl Strategy<Value = Interval> {
    (0u16..8, 1u16..=8).prop_map(|(a, len)| {
        let start = 780 + a * 15;
        let end = (start + len * 15).min(900);
        Interval::new(t(start), t(end.max(start + 15))).unwrap()
    })
}

/// Who is present at `minute`, counted the slow way.
fn present_at(bookings: &[Interval], minute: u16) -> u16 {
    bookings.iter().filter(|b| b.start.minutes() <= minute && minute < b.end.minutes()).count() as u16
}

fn group(capacity: u16) -> (Service, Vec<Session>) {
    let service = Service {
        id: 1,
        code: "g".into(),
        name: "g".into(),
        short_name: "g".into(),
        kind: ServiceKind::GroupSession,
        staff: String::new(),
        capacity,
        slot_minutes: 15,
        lengths: vec![],
        runs_on_holidays: false,
        status: ServiceStatus::Scheduled,
    };
    let date = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let session = Session { service_id: 1, date, hours: Interval::new(t(780), t(900)).unwrap(), capacity };
    (service, vec![session])
}

proptest! {
    #[test]
    fn peak_headcount_is_the_most_present_at_any_minute(bookings in prop::collection::vec(group_interval(), 0..15)) {
        let within = Interval::new(t(780), t(900)).unwrap();
        let slow = (780..900).map(|m| present_at(&bookings, m)).max().unwrap_or(0);
        prop_assert_eq!(peak_headcount(bookings.iter().copied(), within).0, slow);
    }

    #[test]
    fn a_group_booking_fits_exactly_when_every_minute_has_room(
        taken in prop::collection::vec(group_interval(), 0..14),
        request in group_interval(),
        capacity in 1u16..6,
    ) {
        let (service, sessions) = group(capacity);
        let room_everywhere = (request.start.minutes()..request.end.minutes()).all(|m| present_at(&taken, m) < capacity);
        let verdict = check_fits(&service, &sessions, request, &taken, &[]);
        prop_assert_eq!(verdict.is_ok(), room_everywhere, "{:?}", verdict);
    }

    #[test]
    fn booking_the_free_places_one_by_one_never_exceeds_capacity(
        requests in prop::collection::vec(group_interval(), 1..25),
        capacity in 1u16..6,
    ) {
        let (service, sessions) = group(capacity);
        let mut taken = Vec::new();
        for request in requests {
            if check_fits(&service, &sessions, request, &taken, &[]).is_ok() {
                taken.push(request);
            }
        }
        prop_assert!((780..900).all(|m| present_at(&taken, m) <= capacity));
    }

    #[test]
    fn window_starts_are_exactly_the_stepped_starts_that_end_inside(
        start in 0u16..30, slots in 1u16..12, minutes in prop::sample::select(vec![30u16, 60]),
    ) {
        let window = Interval::new(t(540 + start * 15), t(540 + start * 15 + slots * 30)).unwrap();
        let starts = starts_in_window(window, minutes, 30);
        let slow: Vec<TimeOfDay> = (window.start.minutes()..window.end.minutes())
            .filter(|m| (m - window.start.minutes()).is_multiple_of(30) && m + minutes <= window.end.minutes())
            .map(t)
            .collect();
        prop_assert_eq!(starts, slow);
    }

    #[test]
    fn free_consultation_starts_overlap_no_taken_call(
        taken_starts in prop::collection::btree_set(0u16..7, 0..5),
        minutes in prop::sample::select(vec![30u16, 60]),
    ) {
        let date = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let service = Service {
            id: 2,
            code: "c".into(),
            name: "c".into(),
            short_name: "c".into(),
            kind: ServiceKind::Consultation,
            staff: String::new(),
            capacity: 1,
            slot_minutes: 30,
            lengths: vec![30, 60],
            runs_on_holidays: false,
            status: ServiceStatus::Scheduled,
        };
        let window = Interval::new(t(900), t(1110)).unwrap();
        let sessions = vec![Session { service_id: 2, date, hours: window, capacity: 1 }];
        let taken: Vec<Interval> =
            taken_starts.iter().map(|i| Interval::new(t(900 + i * 30), t(930 + i * 30)).unwrap()).collect();
        let free = free_starts(&service, &sessions, minutes, &taken);
        for start in starts_in_window(window, minutes, 30) {
            let hours = Interval::new(start, start.plus(minutes).unwrap()).unwrap();
            let clear = taken.iter().all(|b| !b.overlaps(hours));
            prop_assert_eq!(free.contains(&start), clear);
            prop_assert_eq!(check_fits(&service, &sessions, hours, &taken, &[]).is_ok(), clear);
        }
    }
}

#[test]
fn fill_levels_free_nearly_full_and_full_with_one_threshold() {
    assert_eq!(FillLevel::of(7, 10), FillLevel::Free);
    assert_eq!(FillLevel::of(8, 10), FillLevel::NearlyFull);
    assert_eq!(FillLevel::of(9, 10), FillLevel::NearlyFull);
    assert_eq!(FillLevel::of(10, 10), FillLevel::Full);
    assert_eq!(FillLevel::of(3, 4), FillLevel::Free, "75 % is not yet nearly full");
    assert_eq!(FillLevel::of(0, 0), FillLevel::Full, "a session that offers nothing cannot be booked");
    let fill = Fill { used: 8, of: 10, booked: 8, waitlisted: 0 };
    assert!(fill.is_nearly_full() && !fill.is_full());
}

#[test]
fn a_lowered_capacity_strands_only_the_last_booked_over_it() {
    let whole = Interval::new(TimeOfDay::hm(13, 0).unwrap(), TimeOfDay::hm(15, 0).unwrap()).unwrap();
    let first_hour = Interval::new(TimeOfDay::hm(13, 0).unwrap(), TimeOfDay::hm(14, 0).unwrap()).unwrap();
    let second_hour = Interval::new(TimeOfDay::hm(14, 0).unwrap(), TimeOfDay::hm(15, 0).unwrap()).unwrap();
    let ten: Vec<(u32, Interval)> = (1..=10).map(|id| (id, whole)).collect();
    assert_eq!(over_capacity(&ten, whole, 8), vec![9, 10]);
    assert!(over_capacity(&ten, whole, 10).is_empty());
    // Two people who never meet share one place.
    assert!(over_capacity(&[(1, first_hour), (2, second_hour)], whole, 1).is_empty());
    assert_eq!(over_capacity(&[(1, first_hour), (2, whole), (3, second_hour)], whole, 1), vec![2]);
}

#[test]
fn attendance_is_entered_on_the_day_or_later() {
    let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let before = day - chrono::Duration::days(1);
    assert_eq!(check_attendance(BookingState::Attended, day, day), Ok(()));
    assert_eq!(check_attendance(BookingState::NoShow, day, day + chrono::Duration::days(3)), Ok(()));
    assert!(matches!(check_attendance(BookingState::NoShow, day, before), Err(Refusal::AttendanceTooEarly { .. })));
    assert_eq!(check_attendance(BookingState::Confirmed, day, before), Ok(()), "undoing a mark is always allowed");
}
