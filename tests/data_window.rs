//! The data window: a backup with its progress, a restore previewed, confirmed and
//! swapped in with the views reloaded, and a members import shown before it is written.
//! The file dialogs are the only part not driven here: the tests send the paths a
//! dialog would return.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use madoguchi::store::{Store, WhenFull};
use madoguchi::ui::app::{Command, DeskApp};
use madoguchi::ui::views::data_window::DataCommand;

fn desk(store: Store, path: &Path) -> Harness<'static, DeskApp> {
    let app = DeskApp::new(Ok(store), path.to_owned(), date(2026, 11, 24));
    Harness::builder()
        .with_size([1280.0, 860.0])
        .with_context_setup(madoguchi::ui::theme::install)
        .build_ui_state(|ui, app: &mut DeskApp| app.show(ui), app)
}

fn send(harness: &mut Harness<'static, DeskApp>, command: DataCommand) {
    harness.state_mut().desk().expect("the desk is open").apply(Command::Data(command));
    harness.run_steps(2);
}

fn open_data_window(harness: &mut Harness<'static, DeskApp>) {
    harness.run();
    harness.get_by_label("データの管理").click();
    harness.run();
}

/// Clicks a button that may sit below the window's scrolled part.
fn click_scrolled(harness: &mut Harness<'static, DeskApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

#[test]
fn a_backup_from_the_window_is_checked_and_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    let mut store = open(&path);
    add_members(&mut store, 1001, 20);
    let mut harness = desk(store, &path);
    open_data_window(&mut harness);
    harness.get_by_label_contains("毎日最初の起動時に自動でバックアップします");
    let dest = dir.path().join("usb").join("madoguchi-2026-11-24-1030.sqlite3");
    send(&mut harness, DataCommand::BackupTo(dest.clone()));
    run_until_shown(&mut harness, "にバックアップしました（会員 20 人、予約 0 件");
    assert_eq!(madoguchi::backup::inspect(&dest).expect("a valid copy").members, 20);
}

#[test]
fn a_restore_is_previewed_confirmed_and_the_week_shows_the_restored_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    let mut store = open(&path);
    let members = add_members(&mut store, 1001, 3);
    let hokenshitsu = service_id(&store, "hokenshitsu");
    let wednesday = date(2026, 11, 25);
    store.book(&request(members[0], hokenshitsu, wednesday, hours("13:00", "15:00")), WhenFull::Refuse).expect("book");
    let saved = dir.path().join("saved.sqlite3");
    madoguchi::backup::backup_to(&mut store, &saved, |_, _| {}).expect("backup");
    // After the backup, a second booking…
    store.book(&request(members[1], hokenshitsu, wednesday, hours("13:00", "15:00")), WhenFull::Refuse).expect("book");
    let mut harness = desk(store, &path);
    harness.run();
    harness.get_by_label_contains("保健室 2/10人");

    open_data_window(&mut harness);
    send(&mut harness, DataCommand::InspectRestore(saved.clone()));
    run_until_shown(&mut harness, "会員 3 人、予約 1 件、最後の変更 ");
    harness.get_by_label("復元する").click();
    run_until_shown(&mut harness, "復元しました（会員 3 人、予約 1 件");
    // …is gone from the week, which was read again from the restored data.
    harness.get_by_label_contains("保健室 1/10人");
    let app = harness.state_mut().desk().expect("the desk is open");
    assert_eq!(app.store().day_bookings(wednesday).expect("bookings").len(), 1);
    // The data before the restore was kept, with both bookings.
    let kept: Vec<PathBuf> = std::fs::read_dir(dir.path().join("backups"))
        .expect("backup folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(kept.len(), 1, "one file, no -wal or -shm beside it: {kept:?}");
    assert!(kept[0].to_string_lossy().contains("madoguchi-before-restore-"));
    assert_eq!(madoguchi::backup::inspect(&kept[0]).expect("valid").bookings, 2);
}

#[test]
fn a_damaged_backup_is_refused_in_the_window_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    let mut store = open(&path);
    add_members(&mut store, 1001, 5);
    let truncated = dir.path().join("half.sqlite3");
    let good = dir.path().join("good.sqlite3");
    madoguchi::backup::backup_to(&mut store, &good, |_, _| {}).expect("backup");
    let bytes = std::fs::read(&good).expect("read");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).expect("write");
    let mut harness = desk(store, &path);
    open_data_window(&mut harness);
    send(&mut harness, DataCommand::InspectRestore(truncated));
    run_until_shown(&mut harness, "今のデータには手を加えていません");
    assert!(harness.query_by_label("復元する").is_none());
    assert_eq!(open(&path).member_count().expect("count"), 5);
}

#[test]
fn an_import_shows_the_mapping_and_bad_rows_and_writes_only_a_clean_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    let store = open(&path);
    let mut harness = desk(store, &path);
    open_data_window(&mut harness);

    send(&mut harness, DataCommand::LoadImport(fixture("members_one_bad_row.csv")));
    run_until_shown(&mut harness, "UTF-8（BOM 付き）");
    harness.get_by_label_contains("4行目: 電話番号: ");
    click_scrolled(&mut harness, "取り込む");
    harness.run();
    assert_eq!(open(&path).member_count().expect("count"), 0, "a file with a bad row imports nothing");

    send(&mut harness, DataCommand::CancelImport);
    send(&mut harness, DataCommand::LoadImport(fixture("members_sjis.csv")));
    run_until_shown(&mut harness, "Shift_JIS（CP932）");
    assert!(harness.query_all_by_label("フリガナ").next().is_some(), "the file's own header is shown");
    harness.get_by_label_contains("取り込める会員: 3人");
    click_scrolled(&mut harness, "取り込む");
    run_until_shown(&mut harness, "3人を取り込みました");
    let store = open(&path);
    assert_eq!(store.member_by_number("2002").expect("read").expect("imported").name, "山﨑 花子");
}
