//! The week view driven through egui_kittest: what a person sees and clicks.

mod common;

use common::*;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use madoguchi::store::{DemoOptions, Store, WhenFull};
use madoguchi::ui::app::MadoguchiApp;

fn harness(store: Store, today: chrono::NaiveDate) -> Harness<'static, MadoguchiApp> {
    window(store, today)
}

/// A database with known bookings on Wednesday 2026-11-25.
fn booked_store(dir: &tempfile::TempDir) -> Store {
    let mut store = open(&db_path(dir));
    let members = add_members(&mut store, 1001, 8);
    let group = service_id(&store, "hokenshitsu");
    let ishii = service_id(&store, "ishii");
    let day = date(2026, 11, 25);
    for member in &members[..6] {
        store.book(&request(*member, group, day, hours("13:00", "15:00")), WhenFull::Refuse).expect("group");
    }
    store.book(&request(members[6], ishii, day, hours("11:00", "12:00")), WhenFull::Refuse).expect("long");
    store.book(&request(members[7], ishii, day, hours("15:30", "16:00")), WhenFull::Refuse).expect("short");
    store
}

#[test]
fn week_shows_wednesday_services_with_their_counts_and_the_holiday() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(booked_store(&dir), date(2026, 11, 24));
    harness.run();
    harness.get_by_label("11月25日(水)");
    harness.get_by_label("勤労感謝の日");
    harness.get_by_label("保健室 6/10人");
    harness.get_by_label("石井 相談 2/3枠");
    harness.get_by_label("石井 相談 1/4枠");
}

#[test]
fn clicking_a_block_lists_its_bookings_in_the_side_panel() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(booked_store(&dir), date(2026, 11, 24));
    harness.run();
    harness.get_by_label("石井 相談 1/4枠").click();
    harness.run();
    harness.get_by_label("試験 太郎1008 様");
    harness.get_by_label("044-808-1008");
    assert!(harness.query_by_label("試験 太郎1007 様").is_none(), "the morning booking is not in the afternoon list");
    harness.get_by_label("閉じる").click();
    harness.run();
    assert!(harness.query_by_label("試験 太郎1008 様").is_none());
}

#[test]
fn week_buttons_and_the_date_box_move_between_weeks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(booked_store(&dir), date(2026, 11, 24));
    harness.run();
    harness.get_by_label("次の週 ▶").click();
    harness.run();
    harness.get_by_label("12月2日(水)");
    assert_eq!(harness.state().week().monday, date(2026, 11, 30));
    harness.get_by_label("今週").click();
    harness.run();
    assert_eq!(harness.state().week().monday, date(2026, 11, 23));

    harness.get_by_label("日付").click();
    harness.run();
    harness.get_by_label("日付").type_text("9/23");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().week().monday, date(2026, 9, 21));
    harness.get_by_label("秋分の日");
    harness.get_by_label("国民の休日");
}

#[test]
fn a_date_that_cannot_be_read_is_explained_and_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(booked_store(&dir), date(2026, 11, 24));
    harness.run();
    harness.get_by_label("日付").click();
    harness.run();
    harness.get_by_label("日付").type_text("13月40日");
    harness.get_by_label("日付へ移動").click();
    harness.run();
    harness.get_by_label_contains("日付が読めません");
    assert!(harness.get_all_by_value("13月40日").count() >= 1, "the typed text is kept");
    assert_eq!(harness.state().week().monday, date(2026, 11, 23));
}

#[test]
fn demo_database_week_shows_the_wednesday_services_and_the_holiday() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let today = date(2026, 11, 21);
    let summary =
        store.fill_demo_data(&DemoOptions { members: 150, weeks: 12, seed: 3, from: None, today }).expect("demo data");
    assert!(summary.bookings > 50, "{summary:?}");
    let week = store.week_overview(date(2026, 11, 25)).expect("week");
    let expected: Vec<String> = week.days[2].sessions.iter().map(|s| s.label()).collect();
    assert_eq!(expected.len(), 3, "two consultation windows and the group session");
    let mut harness = harness(store, today);
    harness.get_by_label("次の週 ▶").click();
    harness.run();
    harness.get_by_label("勤労感謝の日");
    for label in &expected {
        harness.get_by_label(label);
    }
    assert!(expected.iter().any(|l| l.starts_with("保健室 ") && l.ends_with("/10人")), "{expected:?}");
    assert!(expected.iter().any(|l| l.starts_with("石井 相談 ") && l.ends_with("/3枠")), "{expected:?}");
}

#[test]
fn the_calendar_picks_a_day_in_another_month() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(booked_store(&dir), date(2026, 11, 24));
    harness.run();
    harness.get_by_label("カレンダー").click();
    harness.run();
    harness.get_by_label("2026年11月");
    harness.get_by_label("▶").click();
    harness.run();
    harness.get_by_label("2026年12月");
    harness.get_by_label("9").click();
    harness.run();
    assert_eq!(harness.state().week().monday, date(2026, 12, 7));
    assert!(harness.query_by_label("2026年12月").is_none(), "the calendar closes after a pick");
}

#[test]
fn cancelling_in_the_side_panel_shows_whom_to_call_and_promotes_on_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let members = add_members(&mut store, 1001, 2);
    let ishii = service_id(&store, "ishii");
    let day = date(2026, 11, 25);
    store.book(&request(members[0], ishii, day, hours("11:00", "11:30")), WhenFull::Refuse).expect("book");
    store.book(&request(members[1], ishii, day, hours("11:00", "11:30")), WhenFull::Waitlist).expect("waitlist");
    let mut harness = harness(store, date(2026, 11, 24));
    harness.run();
    harness.get_by_label("石井 相談 1/3枠").click();
    harness.run();
    harness.get_by_label("待ち 1番");
    harness.get_by_label("試験 太郎1001 様").click();
    harness.run();
    // A reason is required.
    harness.get_by_label("キャンセルする").click();
    harness.run();
    harness.get_by_label("キャンセルの理由を入力してください");
    harness.get_by_label("キャンセル理由").click();
    harness.run();
    harness.get_by_label("キャンセル理由").type_text("体調不良");
    harness.get_by_label("キャンセルする").click();
    harness.run();
    harness.get_by_label_contains("空きがあります");
    harness.get_by_label_contains("1番 1002 試験 太郎1002 様");
    // The history says why it was cancelled.
    harness.get_by_label_contains("キャンセル キャンセル（理由: 体調不良）");
    harness.get_by_label("繰り上げ").click();
    harness.run();
    assert!(harness.query_by_label_contains("空きがあります").is_none());
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "石井 相談 1/3枠");
    let lines = harness.state().store().day_bookings(day).expect("bookings");
    let states: Vec<(&str, &str)> = lines.iter().map(|l| (l.member.number.as_str(), l.state.label())).collect();
    assert_eq!(states, [("1002", "確定"), ("1001", "キャンセル")]);
}

#[test]
fn a_booking_is_moved_from_the_side_panel_and_a_taken_time_is_explained() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let members = add_members(&mut store, 1001, 2);
    let ishii = service_id(&store, "ishii");
    let day = date(2026, 11, 25);
    store.book(&request(members[0], ishii, day, hours("11:00", "11:30")), WhenFull::Refuse).expect("book");
    store.book(&request(members[1], ishii, day, hours("12:00", "12:30")), WhenFull::Refuse).expect("other");
    let mut harness = harness(store, date(2026, 11, 24));
    harness.run();
    harness.get_by_label("石井 相談 2/3枠").click();
    harness.run();
    harness.get_by_label("試験 太郎1001 様").click();
    harness.run();
    let fill = |harness: &mut Harness<'static, MadoguchiApp>, label: &str, text: &str| {
        harness.get_by_label(label).click();
        harness.run();
        harness.get_by_label(label).type_text(text);
        harness.run();
    };
    fill(&mut harness, "開始", "12:00");
    fill(&mut harness, "終了", "12:30");
    harness.get_by_label("日時を変更").click();
    harness.run();
    harness.get_by_label_contains("はすでに予約が入っています");
    fill(&mut harness, "開始", "11:30");
    fill(&mut harness, "終了", "12:00");
    harness.get_by_label("日時を変更").click();
    harness.run();
    let lines = harness.state().store().day_bookings(day).expect("bookings");
    assert_eq!(lines[0].hours, hours("11:30", "12:00"));
    harness.get_by_label_contains("日時の変更");
}

#[test]
fn a_1024_by_768_window_shows_all_seven_days_with_the_booking_form_and_session_open() {
    use madoguchi::ui::app::Command;
    use madoguchi::ui::widgets::time_grid::SessionKey;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let ishii = service_id(&store, "hokenshitsu");
    for member in add_members(&mut store, 1001, 10) {
        store
            .book(
                &request(member, ishii, date(2026, 11, 25), hours("13:00", "15:00")),
                madoguchi::store::WhenFull::Refuse,
            )
            .expect("book");
    }
    let app = MadoguchiApp::new(store, madoguchi::ui::clock::Clock::fixed(date(2026, 11, 24))).expect("app");
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1024.0, 768.0])
        .with_context_setup(madoguchi::ui::theme::install)
        .build_ui_state(|ui, app: &mut MadoguchiApp| app.show(ui), app);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run();
    let key = SessionKey { service_id: ishii, date: date(2026, 11, 25), hours: hours("13:00", "15:00") };
    harness.state_mut().apply(Command::SelectSession(key));
    harness.run();
    harness.run();
    assert!(harness.state().selected().is_some());
    for (day, weekday) in [(23, "月"), (24, "火"), (25, "水"), (26, "木"), (27, "金"), (28, "土"), (29, "日")] {
        let header = harness
            .query_all_by_label_contains(weekday)
            .find(|node| {
                node.value().is_some_and(|v| {
                    v.chars().count() < 10
                        && (v.starts_with(&day.to_string()) || v.starts_with(&format!("11月{day}日")))
                })
            })
            .unwrap_or_else(|| {
                let shown: Vec<String> =
                    harness.query_all_by_label_contains(weekday).map(|n| format!("{n:?}")).collect();
                panic!("the header of the {day}th shows: {shown:?}")
            });
        let rect = header.rect();
        assert!(rect.right() <= 1024.0 && rect.left() >= 0.0, "{day}: {rect:?}");
    }
    // The session panel is beside the week, not under it: its heading starts right of Sunday.
    let sunday = harness
        .query_all_by_label_contains("日")
        .find(|n| n.value().is_some_and(|v| v.starts_with("29")))
        .map(|n| n.rect());
    let headings: Vec<String> =
        harness.query_all_by_label_contains("10人").map(|n| format!("{:?} {:?}", n.value(), n.rect())).collect();
    eprintln!("sunday {sunday:?}\n{}", headings.join("\n"));
}
