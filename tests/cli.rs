//! The command line, run as a separate process the way a script would.

use std::process::{Command, Output};

use chrono::Datelike;

mod common;
use common::coming_wednesday;

fn madoguchi(db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_madoguchi")).arg("--db").arg(db).args(args).output().expect("run madoguchi")
}

/// The next Wednesday that is a holiday (秋分の日 or one like it), within the bookable range.
fn coming_holiday_wednesday() -> (String, String) {
    let mut day = chrono::Local::now().date_naive() + chrono::Duration::days(1);
    loop {
        if day.weekday() == chrono::Weekday::Wed
            && let Some(holiday) = madoguchi::domain::holidays::holiday_on(day)
        {
            return (day.format("%Y-%m-%d").to_string(), holiday.name.to_string());
        }
        day += chrono::Duration::days(1);
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn services_lists_the_short_codes_and_the_wednesday_windows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = madoguchi(&dir.path().join("m.sqlite3"), &["services"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let first: Vec<&str> = text.lines().next().expect("a line").split('\t').collect();
    assert_eq!(first[0], "hokenshitsu");
    assert_eq!(first[1], "オンライン暮らしの保健室");
    assert!(text.contains("ishii\t個別相談（石井）"), "{text}");
    assert!(text.contains("水曜 11:00〜12:30、水曜 15:00〜17:00"), "{text}");
}

#[test]
fn demo_data_then_week_prints_counts_holidays_and_dates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("m.sqlite3");
    let out = madoguchi(&db, &["demo-data", "--members", "120", "--weeks", "8", "--seed", "5", "--from", "2026-11-02"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("会員 120 人"), "{}", stdout(&out));

    let out = madoguchi(&db, &["week", "--date", "2026-11-25"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("2026年11月23日(月) 〜 11月29日(日)\n"), "{text}");
    assert!(text.contains("11月23日(月) 祝日: 勤労感謝の日"), "{text}");
    let wednesday: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("11月25日(水)"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .collect();
    assert!(wednesday.iter().any(|l| l.starts_with("  13:00〜15:00 保健室 ") && l.contains("/10人")), "{text}");
    assert!(wednesday.iter().any(|l| l.starts_with("  11:00〜12:30 石井 相談 ") && l.contains("/3枠")), "{text}");

    // The same seed makes the same data: a second database prints the same week.
    let db2 = dir.path().join("m2.sqlite3");
    let again =
        madoguchi(&db2, &["demo-data", "--members", "120", "--weeks", "8", "--seed", "5", "--from", "2026-11-02"]);
    assert!(again.status.success());
    assert_eq!(stdout(&madoguchi(&db2, &["week", "--date", "2026-11-25"])), text);
}

#[test]
fn a_date_that_cannot_be_read_exits_non_zero_in_japanese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = madoguchi(&dir.path().join("m.sqlite3"), &["week", "--date", "2026-13-01"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("エラー: オプションの値が正しくありません"), "{err}");
    assert!(err.contains("日付「2026-13-01」が読めません"), "{err}");
}

#[test]
fn an_unknown_command_exits_non_zero_in_japanese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = madoguchi(&dir.path().join("m.sqlite3"), &["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("そのコマンドはありません"), "{}", stderr(&out));
}

#[test]
fn another_programs_file_is_refused_with_exit_code_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "これはメモです。".repeat(200)).expect("write");
    let out = madoguchi(&path, &["services"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("データベースファイルではありません"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "これはメモです。".repeat(200));
}

#[test]
fn the_desks_actions_work_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("m.sqlite3");
    let add = |args: &[&str]| madoguchi(&db, &[&["member", "add"], args].concat());
    let out = add(&[
        "--number",
        "1234",
        "--name",
        "山田 花子",
        "--kana",
        "ヤマダ ハナコ",
        "--phone",
        "０４４ー８６３ー８４４４",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out =
        add(&["--number", "1235", "--name", "鈴木 一郎", "--kana", "すずき いちろう", "--phone", "090-1234-5678"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = add(&["--number", "1236", "--name", "x", "--kana", "すずき", "--phone", "044-863"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("電話番号の桁数が足りません"), "{}", stderr(&out));

    let out = madoguchi(&db, &["member", "find", "ﾔﾏﾀﾞ"]);
    assert_eq!(stdout(&out), "1234\t山田 花子\tヤマダ ハナコ\t044-863-8444\n");
    let out = madoguchi(&db, &["member", "find", "０９０１２３４"]);
    assert_eq!(stdout(&out), "1235\t鈴木 一郎\tすずき いちろう\t090-1234-5678\n");

    let wednesday = coming_wednesday().format("%Y-%m-%d").to_string();
    let (holiday, holiday_name) = coming_holiday_wednesday();
    let book = |args: &[&str]| madoguchi(&db, &[&["book"], args].concat());
    let out = book(&[
        "--member",
        "1234",
        "--service",
        "ishii",
        "--date",
        wednesday.as_str(),
        "--start",
        "11:30",
        "--minutes",
        "30",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first: i64 = stdout(&out).trim().parse().expect("an id");

    let out = book(&[
        "--member",
        "1235",
        "--service",
        "ishii",
        "--date",
        wednesday.as_str(),
        "--start",
        "11:00",
        "--minutes",
        "60",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("11:00〜12:00 はすでに予約が入っています"), "{err}");
    assert!(err.contains("空いている開始時刻: 15:00、15:30、16:00"), "{err}");

    let out = book(&[
        "--member",
        "1235",
        "--service",
        "hokenshitsu",
        "--date",
        &holiday,
        "--join",
        "13:00",
        "--leave",
        "14:00",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&holiday_name), "{}", stderr(&out));

    let out = book(&[
        "--member",
        "1235",
        "--service",
        "ishii",
        "--date",
        wednesday.as_str(),
        "--start",
        "11:00",
        "--minutes",
        "60",
        "--waitlist",
        "--channel",
        "mail",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("キャンセル待ち 1 番"), "{}", stderr(&out));

    let out = madoguchi(&db, &["cancel", &first.to_string(), "--reason", "体調不良"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = madoguchi(&db, &["bookings", "--date", &wednesday]);
    let lines: Vec<Vec<String>> = stdout(&out).lines().map(|l| l.split('\t').map(str::to_owned).collect()).collect();
    let summary: Vec<(&str, &str, &str)> =
        lines.iter().map(|l| (l[1].as_str(), l[2].as_str(), l[4].as_str())).collect();
    assert_eq!(summary, [("キャンセル待ち", "11:00〜12:00", "1235"), ("キャンセル", "11:30〜12:00", "1234")]);
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("m.sqlite3");
    let out = madoguchi(
        &db,
        &["member", "add", "--number", "1", "--name", "山田 花子", "--kana", "やまだ はなこ", "--phone", "0448638444"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let copy = dir.path().join("copy.sqlite3");
    let out = madoguchi(&db, &["backup", "--to", copy.to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("会員 1 人"), "{}", stdout(&out));
    let out = madoguchi(
        &db,
        &[
            "member",
            "add",
            "--number",
            "2",
            "--name",
            "鈴木 一郎",
            "--kana",
            "すずき いちろう",
            "--phone",
            "09012345678",
        ],
    );
    assert!(out.status.success());

    let bad = dir.path().join("bad.sqlite3");
    std::fs::write(&bad, "not a database at all".repeat(100)).expect("write");
    let out = madoguchi(&db, &["restore", "--from", bad.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("今のデータには手を加えていません"), "{}", stderr(&out));
    assert_eq!(stdout(&madoguchi(&db, &["member", "find", "すずき"])).lines().count(), 1);

    let out = madoguchi(&db, &["restore", "--from", copy.to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&madoguchi(&db, &["member", "find", "すずき"])), "");
    assert_eq!(stdout(&madoguchi(&db, &["member", "find", "やまだ"])).lines().count(), 1);

    let out = madoguchi(&db, &["backup", "--auto"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        dir.path().join("backups").read_dir().expect("backups folder").count() >= 2,
        "the pre-restore copy and today's"
    );
}

#[test]
fn a_past_date_is_booked_only_as_a_late_record_and_never_before_a_year_ago() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("m.sqlite3");
    let out = madoguchi(
        &db,
        &["member", "add", "--number", "1", "--name", "山田 花子", "--kana", "やまだ はなこ", "--phone", "0448638444"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // The last Wednesday before today that was not a holiday.
    let mut past = chrono::Local::now().date_naive() - chrono::Duration::days(1);
    while past.weekday() != chrono::Weekday::Wed || madoguchi::domain::holidays::holiday_on(past).is_some() {
        past -= chrono::Duration::days(1);
    }
    let past = past.format("%Y-%m-%d").to_string();
    let book = |date: &str, late: bool| {
        let mut args =
            vec!["book", "--member", "1", "--service", "ishii", "--date", date, "--start", "11:00", "--minutes", "30"];
        if late {
            args.push("--late");
        }
        madoguchi(&db, &args)
    };

    let out = book(&past, false);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("は過ぎた日付です"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--late"), "{}", stderr(&out));
    assert_eq!(stdout(&madoguchi(&db, &["bookings", "--date", &past])), "", "nothing was booked");

    let out = book("1970-01-07", true);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("1970年1月7日(水) は前すぎます"), "{}", stderr(&out));
    let out = book("2999-01-07", false);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("は先すぎます"), "{}", stderr(&out));

    let out = book(&past, true);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = stdout(&madoguchi(&db, &["bookings", "--date", &past]));
    assert!(listed.contains("確定\t11:00〜11:30"), "{listed}");
    // A record of a session already over sends the member nothing.
    let outbox = stdout(&madoguchi(&db, &["mail", "outbox"]));
    assert_eq!(outbox.trim(), "", "{outbox}");
}
