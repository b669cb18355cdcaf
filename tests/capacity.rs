//! The manager's figures against a small data set counted by hand.

mod common;

use common::*;
use madoguchi::domain::booking::BookingState;
use madoguchi::store::{Store, WhenFull};

/// Two Wednesdays (11/25 and 12/2) of the seeded services, with:
/// - 11/25 group (capacity 10): 13:00–15:00, 13:00–14:00, 14:00–15:00 confirmed, and
///   13:30–14:30 cancelled → 3 booked, peak 2, every half-hour 2, 1 cancellation;
/// - 11/25 石井 11:00–12:00 (two of the morning's three slots), 15:00–15:30 a no-show
///   (one of the afternoon's four);
/// - 12/2 nothing.
fn hand_counted(store: &mut Store) {
    let m = add_members(store, 1001, 6);
    let group = service_id(store, "hokenshitsu");
    let ishii = service_id(store, "ishii");
    let wed = date(2026, 11, 25);
    for (member, from, to) in [(m[0], "13:00", "15:00"), (m[1], "13:00", "14:00"), (m[2], "14:00", "15:00")] {
        store.book(&request(member, group, wed, hours(from, to)), WhenFull::Refuse).expect("book");
    }
    let cancelled = store.book(&request(m[3], group, wed, hours("13:30", "14:30")), WhenFull::Refuse).expect("book");
    store.cancel(cancelled.id, "体調不良").expect("cancel");
    store.book(&request(m[4], ishii, wed, hours("11:00", "12:00")), WhenFull::Refuse).expect("book");
    let absent = store.book(&request(m[5], ishii, wed, hours("15:00", "15:30")), WhenFull::Refuse).expect("book");
    // Attendance is entered on the day.
    store.set_today(wed);
    store.set_attendance(absent.id, BookingState::NoShow).expect("no-show");
}

#[test]
fn the_figures_match_a_hand_counted_small_data_set() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    hand_counted(&mut store);
    let report = store.capacity(date(2026, 11, 23), date(2026, 12, 6)).expect("report");

    let group = service_id(&store, "hokenshitsu");
    let ishii = service_id(&store, "ishii");
    let sessions: Vec<(String, i64, u16, u16, u16, u16)> = report
        .sessions
        .iter()
        .map(|s| (format!("{} {}", s.date, s.hours), s.service_id, s.offered, s.booked, s.peak, s.free))
        .collect();
    assert_eq!(
        sessions,
        [
            ("2026-11-25 11:00〜12:30".to_owned(), ishii, 3, 2, 0, 1),
            ("2026-11-25 13:00〜15:00".to_owned(), group, 10, 3, 2, 8),
            ("2026-11-25 15:00〜17:00".to_owned(), ishii, 4, 1, 0, 3),
            ("2026-12-02 11:00〜12:30".to_owned(), ishii, 3, 0, 0, 3),
            ("2026-12-02 13:00〜15:00".to_owned(), group, 10, 0, 0, 10),
            ("2026-12-02 15:00〜17:00".to_owned(), ishii, 4, 0, 0, 4),
        ]
    );
    let halves: Vec<u16> = report.sessions[1].per_half_hour.iter().map(|(_, n)| *n).collect();
    assert_eq!(halves, [2, 2, 2, 2]);
    assert_eq!(report.sessions[1].cancelled, 1);
    assert_eq!(report.sessions[2].no_shows, 1);

    let group_totals = report.totals.iter().find(|t| t.service_id == group).expect("group totals");
    assert_eq!(
        (group_totals.sessions, group_totals.offered, group_totals.booked, group_totals.peak_sum),
        (2, 20, 3, 2)
    );
    assert_eq!((group_totals.cancelled, group_totals.no_shows, group_totals.full_sessions), (1, 0, 0));
    let ishii_totals = report.totals.iter().find(|t| t.service_id == ishii).expect("consultation totals");
    assert_eq!((ishii_totals.sessions, ishii_totals.offered, ishii_totals.booked, ishii_totals.free), (4, 14, 3, 11));
    assert_eq!(ishii_totals.no_shows, 1);
    assert_eq!(ishii_totals.fill_percent(madoguchi::domain::schedule::ServiceKind::Consultation), 21);
}

#[test]
fn capacity_on_the_command_line_prints_the_totals_and_a_csv_for_excel() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_path(&dir);
    hand_counted(&mut open(&db));
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .expect("run")
    };
    let out = run(&["capacity", "--from", "2026-11-23", "--to", "2026-12-06"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    // The window's own title and summary line: the counsellor is named once.
    assert!(text.contains("オンライン暮らしの保健室（石井・濱田）　2回　予約 3人（定員 計20人）"), "{text}");
    assert!(text.contains("個別相談（石井）　4回　枠 14　予約 3　空き 11　稼働 21%"), "{text}");
    assert!(!text.contains("（石井）（石井）"), "{text}");
    assert!(text.contains("11月25日(水) 13:00〜15:00 保健室 予約 3人 最大 2/10人"), "{text}");

    let out = run(&["capacity", "--from", "2026-11-23", "--to", "2026-12-06", "--csv"]);
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let mut reader = csv::Reader::from_reader(&out.stdout[3..]);
    let headers = reader.headers().expect("headers").clone();
    assert_eq!(&headers[0], "日付");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 6);
    assert_eq!(&rows[1][2], "オンライン暮らしの保健室");
    assert_eq!(&rows[1][13], "13:00 2 / 13:30 2 / 14:00 2 / 14:30 2");

    let backwards = run(&["capacity", "--from", "2026-12-06", "--to", "2026-11-23"]);
    assert_eq!(backwards.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&backwards.stderr).contains("--from の日付が --to より後"));
}

#[test]
fn capacity_saved_as_a_workbook_has_dates_as_dates_and_figures_as_numbers() {
    use calamine::{Data, Reader};
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_path(&dir);
    hand_counted(&mut open(&db));
    let out_file = dir.path().join("稼働状況.xlsx");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .arg("--db")
        .arg(&db)
        .args(["capacity", "--from", "2026-11-23", "--to", "2026-12-06", "--out"])
        .arg(&out_file)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&out_file).expect("an xlsx");
    let range = workbook.worksheet_range_at(0).expect("a sheet").expect("cells");
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), 7, "a header and six sessions");
    // 2026-11-25 is day 46351 of Excel's calendar.
    assert!(matches!(&rows[1][0], Data::DateTime(d) if d.as_f64() == 46351.0), "{:?}", rows[1][0]);
    assert!(matches!(rows[1][5], Data::Float(_)), "{:?}", rows[1][5]);
    // The export is in the audit log with what it held, in the desk's words.
    let store = open(&db);
    let rows = store.audit_log(&Default::default()).expect("audit log");
    let export = rows.iter().find(|r| r.action == "capacity.export").expect("recorded");
    assert!(
        export.after.as_deref().is_some_and(|a| a.contains("2026年11月23日(月) 〜 2026年12月6日(日)")),
        "{export:?}"
    );
    assert_eq!(madoguchi::audit::action_label(&export.action), "稼働状況の書き出し");
}
