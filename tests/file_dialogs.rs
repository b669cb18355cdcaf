//! Where no file dialog can open (Linux without the desktop portal, a locked-down PC), the
//! windows say so and offer a path field, and what is typed there is used.

mod common;

use common::*;
use egui_kittest::kittest::{NodeT, Queryable};
use madoguchi::ui::file_dialogs::FileDialogs;
use madoguchi::ui::text;
use madoguchi::ui::views::day_list::DayListWindow;

/// Replaces what the path field offers with `path`, as the desk would type it.
fn type_path(harness: &mut egui_kittest::Harness<'_, madoguchi::ui::app::MadoguchiApp>, path: &str) {
    harness.get_by_label(text::PATH_LABEL).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_label(text::PATH_LABEL).type_text(path);
    harness.run();
}

#[test]
fn the_day_list_leaves_themes_off_the_paper_unless_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = window(open(&db_path(&dir)), date(2026, 11, 24));
    harness.run();
    harness.get_by_label("当日名簿 (Ctrl+P)").click();
    harness.run();
    let window = harness.state().windows().get::<DayListWindow>().expect("open");
    assert!(!window.include_themes);
    assert_eq!(
        harness.get_by_label(text::DAY_LIST_INCLUDE_THEMES).accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::False)
    );
}

#[test]
fn a_day_list_saved_where_no_dialog_can_open_asks_for_a_path_and_saves_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = window(open(&db_path(&dir)), date(2026, 11, 24));
    harness.state_mut().set_file_dialogs(FileDialogs::Unavailable);
    harness.run();
    harness.get_by_label("当日名簿 (Ctrl+P)").click();
    harness.run();
    harness.get_by_label(text::DAY_LIST_SAVE_PDF).click();
    run_until_shown(&mut harness, text::NO_FILE_DIALOG);
    assert!(harness.query_by_label_contains(text::DAY_LIST_CANCELLED).is_none(), "nothing was cancelled");

    let target = dir.path().join("名簿.pdf");
    type_path(&mut harness, &target.display().to_string());
    harness.get_by_label(&format!("PDF: {}", text::SAVE_TO_PATH)).click();
    run_until_shown(&mut harness, text::DAY_LIST_SAVED);
    assert!(target.exists());
    assert!(harness.query_by_label_contains(text::NO_FILE_DIALOG).is_none(), "the field has gone");
}

#[test]
fn a_backup_where_no_dialog_can_open_goes_to_the_folder_typed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = window(open(&db_path(&dir)), date(2026, 11, 24));
    harness.state_mut().set_file_dialogs(FileDialogs::Unavailable);
    harness.run();
    harness.get_by_label(text::DATA_BUTTON).click();
    harness.run();
    harness.get_by_label(text::BACKUP_NOW).click();
    run_until_shown(&mut harness, text::NO_FILE_DIALOG);
    let shown = harness.get_by_label(text::PATH_LABEL).value().unwrap_or_default();
    assert!(shown.ends_with(".sqlite3"), "a backup file in the backup folder is offered: {shown}");

    let target = tempfile::tempdir().expect("target");
    type_path(&mut harness, &target.path().display().to_string());
    harness.get_by_label(text::SAVE_TO_PATH).click();
    run_until_shown(&mut harness, text::BACKED_UP_TO);
    let written: Vec<_> = std::fs::read_dir(target.path()).expect("read").collect();
    assert_eq!(written.len(), 1, "one backup in the folder typed");
}

#[test]
fn the_day_list_is_offered_as_an_excel_workbook_first_and_saved_as_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = window(open(&db_path(&dir)), date(2026, 11, 24));
    harness.state_mut().set_file_dialogs(FileDialogs::Unavailable);
    harness.run();
    harness.get_by_label("当日名簿 (Ctrl+P)").click();
    harness.run();
    // Excel comes before PDF and CSV in the row of save buttons.
    let x = |label: &str| harness.get_by_label(label).rect().min.x;
    assert!(x(text::DAY_LIST_SAVE_XLSX) < x(text::DAY_LIST_SAVE_PDF), "Excel is offered first");
    harness.get_by_label(text::DAY_LIST_SAVE_XLSX).click();
    run_until_shown(&mut harness, text::NO_FILE_DIALOG);
    let target = dir.path().join("名簿.xlsx");
    type_path(&mut harness, &target.display().to_string());
    harness.get_by_label(&format!("Excel: {}", text::SAVE_TO_PATH)).click();
    run_until_shown(&mut harness, text::DAY_LIST_SAVED);
    let bytes = std::fs::read(&target).expect("saved");
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    let actions: Vec<String> =
        harness.state().store().history("day_list", 0).expect("history").into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["day_list.save_xlsx"]);
}

#[test]
fn the_capacity_figures_are_saved_as_an_excel_workbook_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = window(open(&db_path(&dir)), date(2026, 11, 24));
    harness.state_mut().set_file_dialogs(FileDialogs::Unavailable);
    harness.run();
    harness.get_by_label(text::CAPACITY_BUTTON).click();
    harness.run();
    let x = |label: &str| harness.get_by_label(label).rect().min.x;
    assert!(x(text::CAPACITY_EXPORT_XLSX) < x(text::CAPACITY_EXPORT), "Excel is offered first");
    harness.get_by_label(text::CAPACITY_EXPORT_XLSX).click();
    run_until_shown(&mut harness, text::NO_FILE_DIALOG);
    type_path(&mut harness, &dir.path().display().to_string());
    harness.get_by_label(text::SAVE_TO_PATH).click();
    run_until_shown(&mut harness, text::SAVED_TO);
    let saved: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|name| name.ends_with(".xlsx"))
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(saved[0].starts_with("稼働状況-"), "{saved:?}");
}
