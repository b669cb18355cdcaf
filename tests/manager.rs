//! The manager's windows in egui_kittest: a capacity changed in the settings shows in
//! the week, a closure lists the members to phone, and the capacity figures.

mod common;

use common::*;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use madoguchi::store::{Store, WhenFull};
use madoguchi::ui::app::MadoguchiApp;

fn with_three_in_the_group(path: &std::path::Path) -> Store {
    let mut store = open(path);
    let m = add_members(&mut store, 1001, 3);
    let group = service_id(&store, "hokenshitsu");
    for member in m {
        store
            .book(&request(member, group, date(2026, 12, 2), hours("13:00", "15:00")), WhenFull::Refuse)
            .expect("book");
    }
    store
}

fn window_on(store: Store) -> Harness<'static, MadoguchiApp> {
    let mut harness = window(store, date(2026, 11, 30));
    harness.run();
    harness
}

/// Replaces what a field holds: click into it, delete what is there, type.
fn retype(harness: &mut Harness<'static, MadoguchiApp>, label: &str, old_len: usize, text: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.key_press(Key::End);
    for _ in 0..old_len {
        harness.key_press(Key::Backspace);
    }
    harness.get_by_label(label).type_text(text);
    harness.run();
}

#[test]
fn a_capacity_changed_in_the_settings_shows_in_the_week() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = window_on(with_three_in_the_group(&db_path(&dir)));
    harness.get_by_label_contains("保健室 3/10人");
    harness.get_by_label("設定").click();
    harness.run();
    retype(&mut harness, "定員（同時に）", 2, "12");
    harness.get_by_label("保存").click();
    harness.run();
    harness.get_by_label_contains("変更しました。");
    harness.get_by_label_contains("保健室 3/12人");
    assert_eq!(harness.state().store().schedule().expect("schedule").services[0].capacity, 12);
}

#[test]
fn a_wrong_capacity_is_explained_beside_the_field_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = window_on(with_three_in_the_group(&db_path(&dir)));
    harness.get_by_label("設定").click();
    harness.run();
    // Twelve in kanji: were it read as a number, the store and the week would say 12.
    retype(&mut harness, "定員（同時に）", 2, "十二");
    harness.get_by_label("保存").click();
    harness.run();
    harness.get_by_label("定員は1〜1000人で入力してください");
    let schedule = harness.state().store().schedule().expect("schedule");
    assert_eq!(schedule.service_by_code("hokenshitsu").expect("seeded").capacity, 10, "the store kept 10");
    harness.get_by_label_contains("保健室 3/10人");
}

#[test]
fn a_closure_lists_the_members_to_phone_and_marks_their_bookings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = window_on(with_three_in_the_group(&db_path(&dir)));
    harness.get_by_label("設定").click();
    harness.run();
    harness.get_by_label("休業").click();
    harness.run();
    harness.get_by_label("休業の初日").click();
    harness.run();
    harness.get_by_label("休業の初日").type_text("12/2");
    harness.run();
    harness.get_by_label("理由").click();
    harness.run();
    harness.get_by_label("理由").type_text("年末の点検");
    harness.run();
    harness.get_by_label("休業を登録").click();
    harness.run();
    harness.get_by_label_contains("3件の予約がこの変更で日時を失います");
    harness.get_by_label("044-801-1001");
    harness.get_by_label("変更して要連絡にする").click();
    harness.run();
    harness.get_by_label_contains("要連絡の予約: 3件");
    harness.get_by_label("要連絡の予約（3）").click();
    harness.run();
    // Each row says why (the week behind shows the reason for the day too).
    assert!(harness.get_all_by_label("休業: 年末の点検").count() >= 3);
    assert_eq!(harness.query_all_by_label("連絡済み").count(), 3);
    harness.query_all_by_label("連絡済み").next().expect("a button").click();
    harness.run();
    assert_eq!(harness.query_all_by_label("連絡済み").count(), 2);
    // The week shades the day with the reason; the bookings are still there.
    harness.get_by_label("閉じる").click();
    harness.run();
    harness.get_by_label_contains("年末の点検");
    assert_eq!(harness.state().store().day_bookings(date(2026, 12, 2)).expect("bookings").len(), 3);
}

#[test]
fn the_capacity_window_shows_each_service_and_what_is_nearly_full() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    let mut store = with_three_in_the_group(&path);
    let more = add_members(&mut store, 2001, 5);
    let group = service_id(&store, "hokenshitsu");
    for member in more {
        store
            .book(&request(member, group, date(2026, 12, 2), hours("13:00", "15:00")), WhenFull::Refuse)
            .expect("book");
    }
    let mut harness = window_on(store);
    harness.get_by_label("稼働状況").click();
    harness.run();
    harness.get_by_label_contains("オンライン暮らしの保健室（石井・濱田）");
    harness.get_by_label_contains("予約 8人（定員 計10人）");
    harness.get_by_label("残りわずか");
    harness.get_by_label_contains("12月2日(水) 13:00〜15:00 保健室 8/10人");
}

/// In the settings, the group session's capacity (10) changed to `capacity` from `from`, saved.
fn change_group_capacity_from(harness: &mut Harness<'static, MadoguchiApp>, capacity: &str, from: &str) {
    harness.get_by_label("設定").click();
    harness.run();
    retype(harness, "定員（同時に）", 2, capacity);
    harness.get_by_label("変更日").click();
    harness.run();
    harness.get_by_label("変更日").type_text(from);
    harness.run();
    harness.get_by_label("保存").click();
    harness.run();
}

#[test]
fn a_capacity_raised_from_a_later_day_leaves_the_sessions_before_it_as_they_were() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = window_on(with_three_in_the_group(&db_path(&dir)));
    // From the Wednesday after next: 12/2 keeps 10 places.
    change_group_capacity_from(&mut harness, "12", "2026-12-09");
    harness.get_by_label_contains("変更しました。");
    harness.get_by_label_contains("保健室 3/10人");
    let schedule = harness.state().store().schedule().expect("schedule");
    let group = schedule.service_by_code("hokenshitsu").expect("seeded");
    assert_eq!(schedule.capacity_on(group, date(2026, 12, 2)), 10);
    assert_eq!(schedule.capacity_on(group, date(2026, 12, 9)), 12);
}

#[test]
fn a_capacity_change_dated_in_the_past_is_refused_beside_its_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = window_on(with_three_in_the_group(&db_path(&dir)));
    change_group_capacity_from(&mut harness, "12", "2026-11-18");
    harness.get_by_label("定員の変更日は今日以降にしてください（過ぎた回の定員は変えません）");
    let schedule = harness.state().store().schedule().expect("schedule");
    assert_eq!(schedule.service_by_code("hokenshitsu").expect("seeded").capacity, 10, "nothing changed");
}
