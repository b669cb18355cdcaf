//! Members imported from CSV files as Excel saves them, into a real database.

mod common;

use std::process::Command;

use common::*;
use madoguchi::domain::member::ContactPreference;
use madoguchi::import::{self, ImportColumn, TextEncoding};
use madoguchi::store::AuditFilter;

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

fn madoguchi(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_madoguchi")).arg("--db").arg(db).args(args).output().expect("run madoguchi")
}

#[test]
fn a_shift_jis_csv_from_excel_imports_names_like_takahashi_and_yamasaki() {
    let bytes = std::fs::read(fixture("members_sjis.csv")).expect("fixture");
    // The fixture really is CP932: 髙 and 﨑 are outside plain Shift_JIS, and not UTF-8.
    assert!(std::str::from_utf8(&bytes).is_err());
    let table = import::read_table(&bytes).expect("readable");
    assert_eq!(table.encoding, TextEncoding::ShiftJis);
    let mapping = import::guess_mapping(&table.headers);
    assert_eq!(mapping[2], Some(ImportColumn::Kana), "フリガナ is the furigana column");
    let plan = import::check_rows(&table, &mapping, date(2026, 11, 21)).expect("columns found");
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);

    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let members: Vec<_> = plan.members.into_iter().map(|(_, m)| m).collect();
    let outcome = store.import_members(&members, "members_sjis.csv", false).expect("import");
    assert_eq!(outcome.added, 3);

    let takahashi = store.member_by_number("2001").expect("read").expect("imported");
    assert_eq!(takahashi.name, "髙橋 一郎");
    assert_eq!(takahashi.consent_on, Some(date(2026, 4, 1)));
    let yamasaki = store.member_by_number("2002").expect("read").expect("imported");
    assert_eq!(yamasaki.name, "山﨑 花子");
    assert_eq!(yamasaki.preferred_contact, ContactPreference::Email);
    let phones: Vec<String> = yamasaki.phones.iter().map(|p| p.display()).collect();
    assert_eq!(phones, ["044-863-8445", "090-1234-5678"]);
    let tokunaga = store.member_by_number("2003").expect("read").expect("imported");
    assert_eq!(tokunaga.name, "德永 葉月");
    assert_eq!(tokunaga.notes, "車椅子, 付き添いあり");

    // Half-width furigana from the file is found by hiragana at the desk.
    let index = store.member_index().expect("index");
    let found: Vec<&str> = index.search("やまざき", 5).iter().map(|(entry, _)| entry.number.as_str()).collect();
    assert_eq!(found, ["2002"]);
    assert_eq!(
        store.history("database", 0).expect("history").last().map(|h| h.action.as_str()),
        Some("members.import")
    );
}

#[test]
fn every_imported_member_has_an_audit_row_of_their_own() {
    let bytes = std::fs::read(fixture("members_sjis.csv")).expect("fixture");
    let table = import::read_table(&bytes).expect("readable");
    let plan = import::check_rows(&table, &import::guess_mapping(&table.headers), date(2026, 11, 21)).expect("plan");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let members: Vec<_> = plan.members.into_iter().map(|(_, m)| m).collect();
    store.import_members(&members, "members_sjis.csv", false).expect("import");
    for number in ["2001", "2002", "2003"] {
        let member = store.member_by_number(number).expect("read").expect("imported");
        let history = store.history("member", member.id).expect("history");
        assert_eq!(history.iter().map(|h| h.action.as_str()).collect::<Vec<_>>(), ["member.add"], "{number}");
        // The row knows its member, so the manager finds it by the member's number.
        let filter = AuditFilter { member: number.into(), ..AuditFilter::default() };
        let rows = store.audit_log(&filter).expect("audit log");
        assert_eq!(rows.len(), 1, "{number}");
        assert_eq!(rows[0].member, Some((number.to_owned(), member.name.clone())));
    }
}

#[test]
fn a_csv_with_one_bad_row_imports_nothing_and_names_that_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_path(&dir);
    let before = open(&db).member_count().expect("count");
    let file = fixture("members_one_bad_row.csv");
    let out = madoguchi(&db, &["import-members", file.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1行に誤りがあるため、1人も取り込んでいません"), "{stderr}");
    assert!(stderr.contains("4行目: 電話番号: "), "{stderr}");
    assert!(!stderr.contains("2行目:") && !stderr.contains("5行目:"), "{stderr}");
    assert_eq!(open(&db).member_count().expect("count"), before);
}

#[test]
fn existing_numbers_are_reported_and_not_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_path(&dir);
    {
        let mut store = open(&db);
        add_members(&mut store, 2002, 1);
    }
    let kept = open(&db).member_by_number("2002").expect("read").expect("there");
    let out = madoguchi(&db, &["import-members", fixture("members_sjis.csv").to_str().expect("utf-8 path")]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("文字コード: Shift_JIS（CP932）"), "{stdout}");
    assert!(stdout.contains("フリガナ → ふりがな"), "{stdout}");
    assert!(stdout.contains("2人を取り込みました"), "{stdout}");
    assert!(stdout.contains(&format!("2002\t{}", kept.name)), "{stdout}");
    let store = open(&db);
    assert_eq!(store.member_by_number("2002").expect("read").expect("there"), kept);
    assert!(store.member_by_number("2001").expect("read").is_some());
}

#[test]
fn a_dry_run_checks_everything_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_path(&dir);
    let before = open(&db).member_count().expect("count");
    let out =
        madoguchi(&db, &["import-members", "--dry-run", fixture("members_sjis.csv").to_str().expect("utf-8 path")]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("取り込める会員: 3人（--dry-run のため書き込んでいません）"), "{stdout}");
    assert_eq!(open(&db).member_count().expect("count"), before);
}

#[test]
fn a_file_that_is_not_text_is_refused_calmly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_path(&dir);
    let file = dir.path().join("photo.csv");
    std::fs::write(&file, [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0xFE, 0x81]).expect("write");
    let out = madoguchi(&db, &["import-members", file.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("文字コードが読み取れません"));
}
