//! Live data: what another program writes to the same file (a second connection, as the
//! command line or a second desk would) shows in the open window without anyone touching it.

mod common;

use std::time::Duration;

use common::*;
use egui_kittest::kittest::Queryable;
use madoguchi::domain::time::TimeOfDay;
use madoguchi::store::WhenFull;
use madoguchi::ui::app::Command;
use madoguchi::ui::text;
use madoguchi::ui::views::capacity::CapacityView;
use madoguchi::ui::widgets::time_grid::SessionKey;

/// Two members and the window, checking the data every frame, with the key of
/// Wednesday 11/25's 石井 morning window.
fn desk_checking_every_frame() -> (
    tempfile::TempDir,
    Vec<madoguchi::domain::member::MemberId>,
    i64,
    SessionKey,
    egui_kittest::Harness<'static, madoguchi::ui::app::MadoguchiApp>,
) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let members = add_members(&mut store, 2001, 2);
    let ishii = service_id(&store, "ishii");
    let mut harness = window(store, date(2026, 11, 24));
    harness.state_mut().set_data_check_interval(Duration::ZERO);
    let key = SessionKey { service_id: ishii, date: date(2026, 11, 25), hours: hours("11:00", "12:30") };
    (dir, members, ishii, key, harness)
}

#[test]
fn a_booking_made_by_another_program_shows_in_the_open_session_panel() {
    let (dir, members, ishii, key, mut harness) = desk_checking_every_frame();
    let path = db_path(&dir);
    harness.state_mut().apply(Command::SelectSession(key));
    harness.run();
    harness.get_by_label(text::NO_BOOKINGS);

    let mut other = open(&path);
    other
        .book(&request(members[1], ishii, date(2026, 11, 25), hours("11:00", "11:30")), WhenFull::Refuse)
        .expect("book");

    run_until_shown(&mut harness, "試験 太郎2002");
    assert!(harness.query_by_label(text::NO_BOOKINGS).is_none());
}

#[test]
fn a_start_taken_by_another_program_leaves_the_booking_form_before_enter() {
    let (dir, members, ishii, key, mut harness) = desk_checking_every_frame();
    let path = db_path(&dir);
    harness.state_mut().apply(Command::BookAt(key, TimeOfDay::hm(11, 0).expect("time")));
    harness.run();
    harness.get_by_label("11:00");

    let mut other = open(&path);
    other
        .book(&request(members[0], ishii, date(2026, 11, 25), hours("11:00", "11:30")), WhenFull::Refuse)
        .expect("book");

    run_until(&mut harness, "11:00 to leave the free starts", |h| h.query_by_label("11:00").is_none());
    harness.get_by_label("11:30");
    // The desk is told, rather than another start being chosen in its place.
    harness.get_by_label_contains("11:00 はたった今ほかで予約が入りました");
}

#[test]
fn the_capacity_window_follows_bookings_made_after_it_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    let mut store = open(&path);
    let members = add_members(&mut store, 2001, 12);
    let ishii = service_id(&store, "ishii");
    let mut harness = window(store, date(2026, 11, 24));
    harness.state_mut().set_data_check_interval(Duration::ZERO);
    harness.run();
    harness.get_by_label(text::CAPACITY_BUTTON).click();
    harness.run();
    let full = |h: &egui_kittest::Harness<'_, madoguchi::ui::app::MadoguchiApp>| {
        let view = h.state().windows().get::<CapacityView>().expect("open");
        view.model.upcoming.sessions.iter().filter(|s| s.is_full()).count()
    };
    assert_eq!(full(&harness), 0);

    // Another desk fills the morning window of 11/25 (three half-hour slots).
    let mut other = open(&path);
    for (i, (start, end)) in [("11:00", "11:30"), ("11:30", "12:00"), ("12:00", "12:30")].into_iter().enumerate() {
        other.book(&request(members[i], ishii, date(2026, 11, 25), hours(start, end)), WhenFull::Refuse).expect("book");
    }
    run_until(&mut harness, "the full session in これから4週間", |h| full(h) == 1);
}
