//! The manager's schedule changes against real files: nothing a booking stands on is
//! taken away silently.

mod common;

use chrono::Weekday;
use common::*;
use madoguchi::domain::schedule::ServiceStatus;
use madoguchi::store::{ScheduleChange, ServiceSettings, Store, WhenFull};

fn today() -> chrono::NaiveDate {
    date(2026, 11, 21)
}

fn settings(store: &Store, code: &str) -> ServiceSettings {
    let schedule = store.schedule().expect("schedule");
    let service = schedule.service_by_code(code).expect("seeded").clone();
    ServiceSettings {
        id: service.id,
        name: service.name.clone(),
        short_name: service.short_name.clone(),
        staff: service.staff.clone(),
        capacity: service.capacity,
        capacity_from: None,
        lengths: service.lengths.clone(),
        runs_on_holidays: service.runs_on_holidays,
        status: service.status,
        windows: schedule.windows.iter().filter(|w| w.service_id == service.id).map(|w| (w.weekday, w.hours)).collect(),
        periods: schedule.periods.iter().filter(|p| p.service_id == service.id).map(|p| (p.from, p.to)).collect(),
    }
}

#[test]
fn a_closure_over_booked_dates_lists_exactly_the_affected_bookings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let m = add_members(&mut store, 1001, 6);
    let group = service_id(&store, "hokenshitsu");
    let ishii = service_id(&store, "ishii");
    let book = |store: &mut Store, member, service, day, from, to| {
        store.book(&request(member, service, day, hours(from, to)), WhenFull::Refuse).expect("book").id
    };
    let before_closure = book(&mut store, m[0], group, date(2026, 11, 25), "13:00", "15:00");
    let in_group = book(&mut store, m[1], group, date(2026, 12, 2), "13:00", "14:00");
    let in_consultation = book(&mut store, m[2], ishii, date(2026, 12, 2), "11:00", "11:30");
    let cancelled = book(&mut store, m[3], ishii, date(2026, 12, 2), "15:00", "15:30");
    store.cancel(cancelled, "都合").expect("cancel");
    let after_closure = book(&mut store, m[4], ishii, date(2026, 12, 9), "11:00", "12:00");

    let closure = ScheduleChange::AddClosure {
        service_id: None,
        from: date(2026, 11, 30),
        to: date(2026, 12, 6),
        reason: "事務所の改装".into(),
    };
    let preview = store.preview_schedule_change(&closure, today()).expect("preview");
    let ids: Vec<i64> = preview.iter().map(|l| l.id).collect();
    assert_eq!(ids, [in_group, in_consultation], "by date, then in the order of the services");
    assert!(store.schedule().expect("schedule").closures.is_empty(), "a preview writes nothing");

    let hit = store.apply_schedule_change(&closure, today()).expect("apply");
    assert_eq!(hit.iter().map(|l| l.id).collect::<Vec<_>>(), ids);
    assert!(
        hit.iter()
            .all(|l| l.member.phone.starts_with("044-") && l.call_reason.as_deref() == Some("休業: 事務所の改装"))
    );
    // Nothing is deleted or cancelled: the bookings stay, marked for a call.
    for id in [before_closure, in_group, in_consultation, after_closure] {
        assert_eq!(store.booking(id).expect("still there").state, madoguchi::domain::booking::BookingState::Confirmed);
    }
    let to_call: Vec<i64> = store.bookings_to_call(today()).expect("to call").iter().map(|l| l.id).collect();
    assert_eq!(to_call, ids);
    let week = store.week_overview(date(2026, 12, 2)).expect("week");
    let wednesday = week.days.iter().find(|d| d.date == date(2026, 12, 2)).expect("wednesday");
    assert!(wednesday.sessions.is_empty());
    assert_eq!(wednesday.closures, ["事務所の改装"]);

    store.call_done(in_group).expect("called");
    let to_call: Vec<i64> = store.bookings_to_call(today()).expect("to call").iter().map(|l| l.id).collect();
    assert_eq!(to_call, [in_consultation]);
    let actions: Vec<String> =
        store.history("booking", in_group).expect("history").into_iter().map(|h| h.action).collect();
    assert!(actions.ends_with(&["booking.needs_call".to_owned(), "booking.called".to_owned()]), "{actions:?}");
}

#[test]
fn a_closure_of_one_service_hits_only_its_bookings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let m = add_members(&mut store, 1001, 2);
    let group = service_id(&store, "hokenshitsu");
    let ishii = service_id(&store, "ishii");
    let wed = date(2026, 12, 2);
    store.book(&request(m[0], group, wed, hours("13:00", "15:00")), WhenFull::Refuse).expect("book");
    let consultation = store.book(&request(m[1], ishii, wed, hours("15:00", "16:00")), WhenFull::Refuse).expect("book");
    let closure =
        ScheduleChange::AddClosure { service_id: Some(ishii), from: wed, to: wed, reason: "石井 出張".into() };
    let hit = store.apply_schedule_change(&closure, today()).expect("apply");
    assert_eq!(hit.iter().map(|l| l.id).collect::<Vec<_>>(), [consultation.id]);
}

#[test]
fn moving_a_window_or_lowering_a_capacity_lists_the_bookings_it_hits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let m = add_members(&mut store, 1001, 5);
    let group = service_id(&store, "hokenshitsu");
    let ishii = service_id(&store, "ishii");
    let wed = date(2026, 12, 2);
    let afternoon = store.book(&request(m[0], ishii, wed, hours("16:00", "17:00")), WhenFull::Refuse).expect("book");
    let morning = store.book(&request(m[1], ishii, wed, hours("11:00", "11:30")), WhenFull::Refuse).expect("book");
    // The afternoon window shrinks to 15:00–16:00: only the 16:00 booking loses its place.
    let mut changed = settings(&store, "ishii");
    changed.windows = vec![(Weekday::Wed, hours("11:00", "12:30")), (Weekday::Wed, hours("15:00", "16:00"))];
    let hit = store.apply_schedule_change(&ScheduleChange::UpdateService(changed), today()).expect("apply");
    assert_eq!(hit.iter().map(|l| l.id).collect::<Vec<_>>(), [afternoon.id]);
    assert!(store.bookings_to_call(today()).expect("to call").iter().all(|l| l.id != morning.id));

    let group_bookings: Vec<_> = m[2..5]
        .iter()
        .map(|member| {
            store.book(&request(*member, group, wed, hours("13:00", "15:00")), WhenFull::Refuse).expect("book")
        })
        .collect();
    let mut smaller = settings(&store, "hokenshitsu");
    smaller.capacity = 2;
    let hit = store.preview_schedule_change(&ScheduleChange::UpdateService(smaller.clone()), today()).expect("preview");
    assert_eq!(
        hit.iter().map(|l| l.id).collect::<Vec<_>>(),
        [group_bookings[2].id],
        "three people booked for a session that now takes two: only the last booked no longer fits"
    );
    let mut enough = smaller;
    enough.capacity = 3;
    assert!(store.apply_schedule_change(&ScheduleChange::UpdateService(enough), today()).expect("apply").is_empty());
    assert_eq!(store.schedule().expect("schedule").service(group).expect("group").capacity, 3);

    let mut paused = settings(&store, "hokenshitsu");
    paused.status = ServiceStatus::Paused;
    let hit = store.apply_schedule_change(&ScheduleChange::UpdateService(paused), today()).expect("apply");
    assert_eq!(hit.len(), 3);
    assert!(hit.iter().all(|l| l.call_reason.as_deref() == Some("保健室の設定変更")));
}

#[test]
fn a_program_event_is_bookable_and_shown_in_the_week_and_its_removal_is_called_about() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let m = add_members(&mut store, 1001, 3);
    let keshou = service_id(&store, "keshou");
    let thursday = date(2026, 12, 3);
    let event = ScheduleChange::AddProgramEvent {
        service_id: keshou,
        date: thursday,
        hours: hours("14:00", "15:30"),
        capacity: 2,
        notes: "会議室A".into(),
    };
    assert!(store.apply_schedule_change(&event, today()).expect("apply").is_empty());
    let week = store.week_overview(thursday).expect("week");
    let day = week.days.iter().find(|d| d.date == thursday).expect("thursday");
    assert_eq!(day.sessions.len(), 1);
    assert_eq!(day.sessions[0].label(), "化粧外来 0/2人");

    let booked = store.book(&request(m[0], keshou, thursday, hours("14:00", "15:30")), WhenFull::Refuse).expect("book");
    store.book(&request(m[1], keshou, thursday, hours("14:00", "15:30")), WhenFull::Refuse).expect("book");
    let full = store.book(&request(m[2], keshou, thursday, hours("14:00", "15:30")), WhenFull::Refuse);
    assert!(full.is_err(), "two places only");

    let (event, notes) = store.program_events(today()).expect("events").into_iter().next().expect("the event");
    assert_eq!(notes, "会議室A");
    let hit = store.apply_schedule_change(&ScheduleChange::RemoveProgramEvent(event.id), today()).expect("apply");
    assert_eq!(hit.len(), 2);
    assert!(hit.iter().any(|l| l.id == booked.id));
}

#[test]
fn wrong_changes_are_refused_in_japanese_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let no_reason = ScheduleChange::AddClosure {
        service_id: None,
        from: date(2026, 12, 1),
        to: date(2026, 12, 2),
        reason: " ".into(),
    };
    let err = store.apply_schedule_change(&no_reason, today()).expect_err("refused");
    assert_eq!(err.to_string(), "休業の理由を入力してください");
    let mut zero = settings(&store, "hokenshitsu");
    zero.capacity = 0;
    let err = store.apply_schedule_change(&ScheduleChange::UpdateService(zero), today()).expect_err("refused");
    assert_eq!(err.to_string(), "定員は1〜1000人で入力してください");
    assert!(store.schedule().expect("schedule").closures.is_empty());
}

#[test]
fn a_capacity_raised_from_a_date_leaves_past_sessions_with_the_capacity_they_had() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let m = add_members(&mut store, 1001, 9);
    let group = service_id(&store, "hokenshitsu");
    let (past, next) = (date(2026, 11, 18), date(2026, 11, 25));
    for member in &m {
        store.book(&request(*member, group, past, hours("13:00", "15:00")), WhenFull::Refuse).expect("book");
    }
    let before = store.capacity(past, past).expect("figures");
    let mut raised = settings(&store, "hokenshitsu");
    raised.capacity = 12;
    store.apply_schedule_change(&ScheduleChange::UpdateService(raised), date(2026, 11, 22)).expect("apply");
    // 11/18 still shows 9 of 10, in the figures and the week; 11/25 takes 12.
    let after = store.capacity(past, past).expect("figures");
    assert_eq!((after.sessions, after.totals), (before.sessions, before.totals));
    let week = store.week_overview(past).expect("week");
    let session = week.days.iter().flat_map(|d| &d.sessions).find(|s| s.service_id == group).expect("session");
    assert_eq!((session.fill.used, session.fill.of), (9, 10));
    let offered = |store: &madoguchi::store::Store, d| {
        let report = store.capacity(d, d).expect("figures");
        report.sessions.iter().find(|s| s.service_id == group).expect("group session").offered
    };
    assert_eq!((offered(&store, past), offered(&store, next)), (10, 12));
    // Lowering it again later keeps both earlier capacities.
    let mut lowered = settings(&store, "hokenshitsu");
    lowered.capacity = 8;
    lowered.capacity_from = Some(date(2026, 12, 9));
    store.apply_schedule_change(&ScheduleChange::UpdateService(lowered), date(2026, 11, 22)).expect("apply");
    assert_eq!((offered(&store, past), offered(&store, next), offered(&store, date(2026, 12, 9))), (10, 12, 8));
}
