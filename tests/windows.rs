//! The shape every window shares: opened from the toolbar, closed with its ×, its own
//! button or Esc (the topmost only); background results applied as commands; and today
//! following the clock.

mod common;

use common::*;
use egui_kittest::kittest::Queryable;
use madoguchi::ui::app::Command;
use madoguchi::ui::clock::Clock;
use madoguchi::ui::command::Finished;
use madoguchi::ui::tasks::TaskError;
use madoguchi::ui::text;
use madoguchi::ui::views::capacity::CapacityView;
use madoguchi::ui::views::data_window::DataWindow;
use madoguchi::ui::views::settings::SettingsView;

#[test]
fn esc_closes_only_the_window_in_front() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = window(open(&db_path(&dir)), date(2026, 11, 24));
    harness.run();
    harness.get_by_label(text::CAPACITY_BUTTON).click();
    harness.run();
    harness.get_by_label(text::SETTINGS_BUTTON).click();
    harness.run();
    assert!(harness.state().windows().is_open::<CapacityView>());
    assert!(harness.state().windows().is_open::<SettingsView>());

    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(!harness.state().windows().is_open::<SettingsView>(), "the window opened last is in front");
    assert!(harness.state().windows().is_open::<CapacityView>(), "the one behind stays");

    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.state().windows().is_empty());
}

#[test]
fn a_window_closes_with_its_cross() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = window(open(&db_path(&dir)), date(2026, 11, 24));
    harness.run();
    harness.get_by_label(text::DATA_BUTTON).click();
    harness.run();
    assert!(harness.state().windows().is_open::<DataWindow>());
    harness.get_by_label("Close window").click();
    harness.run();
    assert!(!harness.state().windows().is_open::<DataWindow>());
}

#[test]
fn a_background_result_is_applied_as_a_command_and_shown_in_its_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = window(open(&db_path(&dir)), date(2026, 11, 24));
    harness.run();
    harness.get_by_label(text::DATA_BUTTON).click();
    harness.run();
    harness.state_mut().apply(Command::Finished(Finished::Data(Err(TaskError::Stopped))));
    harness.run();
    harness.get_by_label(text::TASK_STOPPED);
}

#[test]
fn today_follows_the_clock_and_the_week_of_yesterday_follows_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Clock::fixed(date(2026, 11, 29));
    let mut harness = window_with_clock(open(&db_path(&dir)), clock.clone());
    harness.run();
    assert_eq!(harness.state().week().monday, date(2026, 11, 23));

    // Midnight on Sunday: the window left open is now on Monday, in the new week.
    clock.set(date(2026, 11, 30));
    harness.run();
    assert_eq!(harness.state().today(), date(2026, 11, 30));
    assert_eq!(harness.state().week().monday, date(2026, 11, 30));
}
