//! Backups and restore against real files.

mod common;

use common::*;
use madoguchi::backup::{self, BackupError};
use madoguchi::store::WhenFull;

fn now() -> chrono::NaiveDateTime {
    date(2026, 11, 25).and_hms_opt(10, 30, 0).expect("time")
}

#[test]
fn a_backup_taken_while_another_connection_writes_is_valid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    let mut store = open(&path);
    add_members(&mut store, 1001, 300);
    let writer_path = path.clone();
    let writer = std::thread::spawn(move || {
        let mut other = open(&writer_path);
        add_members(&mut other, 5001, 200);
    });
    let dest = dir.path().join("copy.sqlite3");
    let mut steps = 0;
    let info = backup::backup_to(&mut store, &dest, |_, _| steps += 1).expect("backup");
    writer.join().expect("writer");
    assert!(steps >= 1);
    assert!(info.members >= 300, "{info:?}");
    // The copy is a whole database of its own that opens and checks out.
    let again = backup::inspect(&dest).expect("valid copy");
    assert_eq!(again.members, info.members);
    assert_eq!(
        store.history("database", 0).expect("history").last().map(|h| h.action.clone()).as_deref(),
        Some("database.backup")
    );
}

#[test]
fn restore_round_trips_and_keeps_the_state_before_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    let mut store = open(&path);
    let members = add_members(&mut store, 1001, 3);
    let ishii = service_id(&store, "ishii");
    let dest = dir.path().join("backup.sqlite3");
    backup::backup_to(&mut store, &dest, |_, _| {}).expect("backup");
    let backup_bytes = std::fs::read(&dest).expect("read");
    // A booking after the backup…
    let late = store
        .book(&request(members[0], ishii, date(2026, 11, 25), hours("11:00", "11:30")), WhenFull::Refuse)
        .expect("book");
    let auto_dir = dir.path().join("auto");
    let (restored, before) = backup::restore(store, &dest, &auto_dir, now()).expect("restore");
    let before = before.expect("the current data was saved");
    // …is gone, everything else is as it was…
    assert!(restored.day_bookings(date(2026, 11, 25)).expect("bookings").is_empty());
    assert_eq!(restored.member_count().expect("count"), 3);
    // …and the automatic backup of the state before the restore still has it.
    let before_info = backup::inspect(&before).expect("auto backup");
    assert_eq!(before_info.bookings, 1);
    assert!(before.starts_with(&auto_dir));
    let _ = late;
    // The backup file itself was only read.
    assert_eq!(std::fs::read(&dest).expect("read"), backup_bytes);
    assert!(!path.with_extension("restoring").exists());
    // Nothing of the swap is left beside the data: no copy, no -wal/-shm of it.
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|name| name.contains("restoring") || name.ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn restore_is_refused_while_another_window_has_the_data_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    let mut store = open(&path);
    add_members(&mut store, 1001, 5);
    let dest = dir.path().join("backup.sqlite3");
    backup::backup_to(&mut store, &dest, |_, _| {}).expect("backup");
    add_members(&mut store, 2001, 5);
    let mut other_window = open(&path);
    let err = match backup::restore(store, &dest, &dir.path().join("auto"), now()) {
        Ok(_) => panic!("restored under another window's feet"),
        Err(err) => err,
    };
    assert!(matches!(err, BackupError::InUse), "{err:?}");
    assert!(!path.with_extension("restoring").exists());
    // The other window goes on working with the data as it was.
    add_members(&mut other_window, 3001, 1);
    assert_eq!(open(&path).member_count().expect("count"), 11);
}

#[test]
fn restore_from_the_command_line_works_when_the_current_file_is_damaged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    let dest = dir.path().join("backup.sqlite3");
    {
        let mut store = open(&path);
        add_members(&mut store, 1001, 40);
        backup::backup_to(&mut store, &dest, |_, _| {}).expect("backup");
    }
    // The disk garbles the middle of the database.
    let mut bytes = std::fs::read(&path).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle..middle + 4096].fill(0xA5);
    std::fs::write(&path, &bytes).expect("garble");
    assert!(madoguchi::store::Store::open(&path).is_err(), "the damage is noticed");

    let auto_dir = dir.path().join("auto");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .arg("--db")
        .arg(&path)
        .args(["restore", "--from"])
        .arg(&dest)
        .arg("--dir")
        .arg(&auto_dir)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(open(&path).member_count().expect("count"), 40);
    // The damaged file is kept aside exactly as it was, for whoever wants to look at it.
    let kept: Vec<std::path::PathBuf> = std::fs::read_dir(&auto_dir)
        .expect("auto dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("madoguchi-damaged-")))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read(&kept[0]).expect("read"), bytes);
}

#[test]
fn bad_files_are_refused_and_the_current_data_stays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    let mut store = open(&path);
    add_members(&mut store, 1001, 50);
    let good = dir.path().join("good.sqlite3");
    backup::backup_to(&mut store, &good, |_, _| {}).expect("backup");
    let bytes = std::fs::read(&good).expect("read");

    let truncated = dir.path().join("truncated.sqlite3");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).expect("write");
    let random = dir.path().join("random.sqlite3");
    std::fs::write(&random, (0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect::<Vec<u8>>())
        .expect("write");
    let foreign = dir.path().join("foreign.sqlite3");
    rusqlite::Connection::open(&foreign)
        .expect("open")
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .expect("foreign");

    let mut store = store;
    for bad in [&truncated, &random, &foreign] {
        let auto_dir = dir.path().join("auto");
        let err = match backup::restore(store, bad, &auto_dir, now()) {
            Ok(_) => panic!("{} was accepted", bad.display()),
            Err(err) => err,
        };
        assert!(matches!(err, BackupError::Unusable { .. }), "{err:?}");
        assert!(err.to_string().contains("今のデータには手を加えていません"), "{err}");
        assert!(!auto_dir.exists(), "nothing was done before the check");
        store = open(&path);
        assert_eq!(store.member_count().expect("count"), 50);
    }
}

#[test]
fn rotation_keeps_fourteen_days_and_twelve_months() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut day = date(2025, 1, 1);
    while day <= date(2026, 11, 25) {
        std::fs::write(dir.path().join(format!("madoguchi-{}.sqlite3", day.format("%Y-%m-%d"))), b"x").expect("write");
        day += chrono::Duration::days(1);
    }
    std::fs::write(dir.path().join("notes.txt"), b"keep me").expect("write");
    backup::rotate(dir.path(), 14, 12).expect("rotate");
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert!(left.contains(&"notes.txt".to_owned()));
    let daily: Vec<&String> =
        left.iter().filter(|n| n.starts_with("madoguchi-") && n.as_str() >= "madoguchi-2026-11-12").collect();
    assert_eq!(daily.len(), 14, "{left:?}");
    let firsts: Vec<&String> = left.iter().filter(|n| n.ends_with("-01.sqlite3")).collect();
    assert_eq!(firsts.len(), 12, "{left:?}");
    assert_eq!(firsts[0], "madoguchi-2025-12-01.sqlite3");
    assert_eq!(left.len(), 1 + 14 + 12);
}

#[test]
fn the_automatic_backup_runs_once_a_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let auto_dir = dir.path().join("backups");
    let first = backup::auto_backup(&mut store, &auto_dir, date(2026, 11, 25)).expect("auto");
    assert!(first.is_some_and(|p| p.ends_with("madoguchi-2026-11-25.sqlite3")));
    assert_eq!(backup::auto_backup(&mut store, &auto_dir, date(2026, 11, 25)).expect("again"), None);
}

#[test]
fn an_older_backup_is_migrated_on_a_copy_and_the_backup_itself_is_left_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A backup written by the first version of the program: schema 1, one member.
    let old = dir.path().join("madoguchi-2026-05-01-0900.sqlite3");
    {
        let conn = rusqlite::Connection::open(&old).expect("open");
        conn.execute_batch(include_str!("../src/store/migrations/001_init.sql")).expect("schema 1");
        conn.pragma_update(None, "user_version", 1).expect("version");
        conn.execute(
            "INSERT INTO members (number, name, kana, name_key, kana_key, preferred_contact, notes, created_at, updated_at)
             VALUES ('0501', '古川 春子', 'ふるかわ はるこ', '古川春子', 'ふるかわはるこ', 'phone', '', '2026-05-01T09:00:00',
                     '2026-05-01T09:00:00')",
            [],
        )
        .expect("member");
    }
    let old_bytes = std::fs::read(&old).expect("read");
    let info = backup::inspect(&old).expect("an older version is accepted");
    assert_eq!((info.schema_version, info.members), (1, 1));

    let path = db_path(&dir);
    let store = open(&path);
    let (restored, _) = backup::restore(store, &old, &dir.path().join("auto"), now()).expect("restore");
    assert_eq!(restored.member_by_number("0501").expect("read").expect("restored").name, "古川 春子");
    assert_eq!(backup::inspect(&path).expect("inspect").schema_version, madoguchi::store::SCHEMA_VERSION);
    // The later versions' tables and columns are there to use.
    assert!(restored.bookings_to_call(date(2026, 11, 25)).expect("call list").is_empty());
    assert_eq!(std::fs::read(&old).expect("read"), old_bytes, "the backup itself is never migrated");
}

#[test]
fn an_older_looking_file_that_cannot_be_brought_up_to_date_is_refused_in_a_sentence() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    let mut store = open(&path);
    add_members(&mut store, 1001, 1);
    // Says it is madoguchi's schema 1, but holds none of its tables.
    let odd = dir.path().join("odd.sqlite3");
    let conn = rusqlite::Connection::open(&odd).expect("create");
    conn.execute_batch("PRAGMA application_id = 1296320323; PRAGMA user_version = 1; CREATE TABLE x (a);")
        .expect("schema");
    drop(conn);
    let err = backup::restore(store, &odd, &dir.path().join("auto"), now()).err().expect("refused");
    let text = err.to_string();
    assert!(text.contains("手を加えていません") || text.contains("元のまま"), "{text}");
    assert!(!text.contains("CREATE") && !text.contains("INSERT") && text.chars().count() < 300, "{text}");
    let reopened = open(&path);
    assert_eq!(reopened.member_count().expect("count"), 1, "the current data is untouched");
}
