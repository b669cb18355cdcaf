//! The shape every window shares: opened from the toolbar, closed with its ×, its own
//! button or Esc (the topmost only); background results applied as commands; and today
//! following the clock.

mod common;

use common::*;
use egui_kittest::kittest::{NodeT, Queryable};
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

/// The label of the widget that holds the keyboard, as the accessibility tree tells it.
fn focused_label(harness: &egui_kittest::Harness<'_, madoguchi::ui::app::MadoguchiApp>) -> Option<String> {
    harness.query_by(|node| node.is_focused()).map(|node| node.accesskit_node().label().unwrap_or_default())
}

#[test]
fn tab_goes_round_inside_a_window_and_never_into_the_toolbar_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = window(open(&db_path(&dir)), date(2026, 11, 24));
    harness.run();
    harness.get_by_label(text::DATA_BUTTON).click();
    harness.run();
    harness.get_by_label(text::AUTO_BACKUP_DIR).click();
    harness.run();
    let start = focused_label(&harness).expect("the folder field has the keyboard");
    let toolbar: Vec<String> = madoguchi::ui::command::UiCommand::ALL.iter().map(|c| c.text().to_owned()).collect();
    let mut seen = Vec::new();
    for press in 0..60 {
        harness.key_press(egui::Key::Tab);
        harness.run();
        let label = focused_label(&harness).unwrap_or_else(|| panic!("Tab {press} left nothing focused"));
        assert!(!toolbar.iter().any(|t| label.starts_with(t.as_str())), "Tab {press} went to the toolbar: {label}");
        if label == start {
            break;
        }
        seen.push(label);
    }
    assert_eq!(focused_label(&harness).as_deref(), Some(start.as_str()), "Tab came round to the start: {seen:?}");
    assert!(seen.iter().any(|l| l == text::CLOSE), "the window's last button is on the way round: {seen:?}");
    // And Shift+Tab goes round the other way, from the first widget to the last.
    for _ in 0..60 {
        harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
        harness.run();
        let label = focused_label(&harness).expect("something focused");
        assert!(!toolbar.iter().any(|t| label.starts_with(t.as_str())), "Shift+Tab went to the toolbar: {label}");
        if label == start {
            return;
        }
    }
    panic!("Shift+Tab did not come round");
}
