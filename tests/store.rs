//! The store against real SQLite files in a temporary folder.

mod common;

use std::sync::{Arc, Barrier};

use common::*;
use madoguchi::domain::booking::{BookingState, Refusal};
use madoguchi::store::{SCHEMA_VERSION, Store, StoreError, WhenFull};

#[test]
fn first_open_creates_the_schema_and_seeds_the_wednesday_services() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(&db_path(&dir));
    let schedule = store.schedule().expect("schedule");
    let codes: Vec<&str> = schedule.services.iter().map(|s| s.code.as_str()).collect();
    assert!(codes.starts_with(&["hokenshitsu", "ishii", "nishi"]), "{codes:?}");
    let group = schedule.service_by_code("hokenshitsu").expect("group");
    assert_eq!(group.capacity, 10);
    let windows: Vec<String> = schedule.windows.iter().map(|w| format!("{:?} {}", w.weekday, w.hours)).collect();
    assert_eq!(windows, ["Wed 11:00〜12:30", "Wed 13:00〜15:00", "Wed 15:00〜17:00"]);
    // The access deadline in force on a new database is the SPEC's 11:00.
    assert_eq!(store.access_times().expect("access times").deadline.to_string(), "11:00");
}

#[test]
fn reopening_keeps_data_and_does_not_seed_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    {
        let mut store = open(&path);
        add_members(&mut store, 1001, 3);
    }
    let store = open(&path);
    assert_eq!(store.member_count().expect("count"), 3);
    assert_eq!(store.schedule().expect("schedule").services.len(), 8);
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
    assert_eq!(version, SCHEMA_VERSION);
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal");
}

fn file_bytes(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

#[test]
fn damaged_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    {
        let mut store = open(&path);
        add_members(&mut store, 1001, 200);
    }
    // Overwrite the middle of the file, past the header: the b-tree pages are garbage now.
    let mut bytes = file_bytes(&path);
    assert!(bytes.len() > 3 * 4096, "a multi-page file");
    for b in &mut bytes[2 * 4096..3 * 4096] {
        *b = 0x5a;
    }
    std::fs::write(&path, &bytes).expect("write damage");
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert!(err.to_string().contains("破損"), "{err}");
    assert_eq!(file_bytes(&path), bytes, "the damaged file was not modified");
}

#[test]
fn truncated_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    {
        let mut store = open(&path);
        add_members(&mut store, 1001, 200);
    }
    let bytes = file_bytes(&path);
    let truncated = &bytes[..bytes.len() / 2];
    std::fs::write(&path, truncated).expect("truncate");
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::Damaged { .. } | StoreError::NotADatabase { .. }), "{err:?}");
    assert_eq!(file_bytes(&path), truncated);
}

#[test]
fn random_bytes_are_not_a_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    let bytes: Vec<u8> = (0..10_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(&path, &bytes).expect("write");
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert!(err.to_string().contains("データベースファイルではありません"));
    assert_eq!(file_bytes(&path), bytes);
}

#[test]
fn another_programs_sqlite_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x');",
        )
        .expect("other schema");
    }
    let before = file_bytes(&path);
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::ForeignFile { .. }), "{err:?}");
    assert_eq!(file_bytes(&path), before);
}

#[test]
fn file_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    drop(open(&path));
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).expect("bump");
    }
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::NewerVersion { .. }), "{err:?}");
}

#[test]
fn every_booking_change_writes_an_audit_row_with_before_and_after() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    store.set_actor("受付A");
    let members = add_members(&mut store, 1001, 1);
    let group = service_id(&store, "hokenshitsu");
    let booking = store
        .book(&request(members[0], group, date(2026, 11, 25), hours("13:00", "14:00")), WhenFull::Refuse)
        .expect("book");
    store.cancel(booking.id, "体調不良").expect("cancel");
    let history = store.history("booking", booking.id).expect("history");
    assert_eq!(history.iter().map(|h| h.action.as_str()).collect::<Vec<_>>(), ["booking.add", "booking.cancel"]);
    assert!(history.iter().all(|h| h.actor == "受付A"));
    assert!(history[0].before.is_none());
    assert!(history[1].before.as_deref().is_some_and(|b| b.contains("Confirmed")));
    assert!(history[1].after.as_deref().is_some_and(|a| a.contains("Cancelled")));
    let member_history = store.history("member", members[0]).expect("member history");
    assert_eq!(member_history.len(), 1);
}

#[test]
fn holiday_wednesday_refuses_bookings_with_the_holidays_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    store.set_today(date(2026, 9, 1));
    let members = add_members(&mut store, 1001, 1);
    let group = service_id(&store, "hokenshitsu");
    let err = store
        .book(&request(members[0], group, date(2026, 9, 23), hours("13:00", "14:00")), WhenFull::Refuse)
        .expect_err("refused");
    assert!(err.to_string().contains("秋分の日"), "{err}");
}

#[test]
fn full_session_puts_the_member_on_the_waitlist_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let members = add_members(&mut store, 1001, 4);
    let ishii = service_id(&store, "ishii");
    let day = date(2026, 11, 25);
    let slot = hours("11:00", "11:30");
    store.book(&request(members[0], ishii, day, slot), WhenFull::Refuse).expect("first");
    let refused = store.book(&request(members[1], ishii, day, slot), WhenFull::Refuse).expect_err("taken");
    assert!(matches!(refused, StoreError::Refused(Refusal::SlotTaken { .. })), "{refused:?}");
    let second = store.book(&request(members[1], ishii, day, slot), WhenFull::Waitlist).expect("waitlist");
    let third = store.book(&request(members[2], ishii, day, slot), WhenFull::Waitlist).expect("waitlist");
    assert_eq!((second.state, second.waitlist_position), (BookingState::Waitlisted, Some(1)));
    assert_eq!(third.waitlist_position, Some(2));
    store.cancel(second.id, "他の日にした").expect("cancel");
    assert_eq!(store.booking(third.id).expect("reload").waitlist_position, Some(1));
}

/// `racers` connections, each with its own member, try to book at the same moment.
fn race(path: &std::path::Path, service: &str, slot: (&str, &str), racers: u32) -> (usize, usize) {
    let (ids, service_id) = {
        let mut store = open(path);
        (add_members(&mut store, 2001, racers), service_id(&store, service))
    };
    let barrier = Arc::new(Barrier::new(racers as usize));
    let handles: Vec<_> = ids
        .into_iter()
        .map(|member| {
            let path = path.to_owned();
            let barrier = Arc::clone(&barrier);
            let slot = (slot.0.to_owned(), slot.1.to_owned());
            std::thread::spawn(move || {
                let mut store = Store::open(&path).expect("open in thread");
                barrier.wait();
                store.book(&request(member, service_id, date(2026, 11, 25), hours(&slot.0, &slot.1)), WhenFull::Refuse)
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().expect("thread")).collect();
    let won = results.iter().filter(|r| r.is_ok()).count();
    let full = results
        .iter()
        .filter(|r| matches!(r, Err(StoreError::Refused(Refusal::Full { .. } | Refusal::SlotTaken { .. }))))
        .count();
    (won, full)
}

#[test]
fn connections_racing_for_the_group_session_fill_exactly_its_capacity() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (won, full) = race(&db_path(&dir), "hokenshitsu", ("13:00", "15:00"), 16);
    assert_eq!((won, full), (10, 6));
    let store = open(&db_path(&dir));
    let week = store.week_overview(date(2026, 11, 25)).expect("week");
    let wednesday = &week.days[2];
    let group = wednesday.sessions.iter().find(|s| s.short_name == "保健室").expect("group session");
    assert_eq!((group.fill.used, group.fill.of), (10, 10));
}

#[test]
fn connections_racing_for_one_consultation_slot_let_exactly_one_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_eq!(race(&db_path(&dir), "ishii", ("15:00", "15:30"), 6), (1, 5));
}

#[test]
fn week_overview_counts_partial_attendance_and_shows_holidays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let members = add_members(&mut store, 1001, 5);
    let group = service_id(&store, "hokenshitsu");
    let ishii = service_id(&store, "ishii");
    let day = date(2026, 11, 25);
    for (member, (from, to)) in
        members.iter().zip([("13:00", "14:00"), ("13:00", "14:00"), ("14:00", "15:00"), ("13:30", "15:00")])
    {
        store.book(&request(*member, group, day, hours(from, to)), WhenFull::Refuse).expect("group");
    }
    store.book(&request(members[4], ishii, day, hours("11:00", "12:00")), WhenFull::Refuse).expect("consultation");
    let week = store.week_overview(day).expect("week");
    assert_eq!(week.days[0].holiday.as_ref().map(|h| h.name), Some("勤労感謝の日"));
    let labels: Vec<String> = week.days[2].sessions.iter().map(|s| s.label()).collect();
    assert_eq!(labels, ["石井 相談 2/3枠", "保健室 3/10人", "石井 相談 0/4枠"]);
    assert_eq!(week.days[2].sessions[1].fill.booked, 4);
}

#[test]
fn a_cancellation_tells_whom_to_call_and_staff_promote_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let members = add_members(&mut store, 1001, 3);
    let ishii = service_id(&store, "ishii");
    let day = date(2026, 11, 25);
    let slot = hours("15:00", "15:30");
    let first = store.book(&request(members[0], ishii, day, slot), WhenFull::Refuse).expect("first");
    let waiting = store.book(&request(members[1], ishii, day, slot), WhenFull::Waitlist).expect("waitlist");
    assert!(store.waitlist_to_call(ishii, day).expect("to call").is_empty(), "nobody fits while the slot is taken");
    // Promoting while the place is taken is refused.
    assert!(matches!(store.promote(waiting.id), Err(StoreError::Refused(Refusal::SlotTaken { .. }))));

    store.cancel(first.id, "入院のため").expect("cancel");
    let to_call = store.waitlist_to_call(ishii, day).expect("to call");
    assert_eq!(to_call.iter().map(|l| l.id).collect::<Vec<_>>(), [waiting.id]);
    assert_eq!(
        store.booking(waiting.id).expect("still waiting").state,
        BookingState::Waitlisted,
        "no automatic promotion"
    );

    let promoted = store.promote(waiting.id).expect("promote");
    assert_eq!((promoted.state, promoted.waitlist_position), (BookingState::Confirmed, None));
    let actions: Vec<String> =
        store.history("booking", waiting.id).expect("history").into_iter().map(|h| h.action).collect();
    assert_eq!(actions, ["booking.add", "booking.promote"]);
}

#[test]
fn moving_a_booking_keeps_its_id_and_history_and_obeys_the_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let members = add_members(&mut store, 1001, 2);
    let ishii = service_id(&store, "ishii");
    let day = date(2026, 11, 25);
    let booking =
        store.book(&request(members[0], ishii, day, hours("11:00", "11:30")), WhenFull::Refuse).expect("book");
    store.book(&request(members[1], ishii, day, hours("16:00", "17:00")), WhenFull::Refuse).expect("other");
    // Into a taken slot: refused, nothing changes.
    let refused = store.move_booking(booking.id, day, hours("16:30", "17:00")).expect_err("taken");
    assert!(matches!(refused, StoreError::Refused(Refusal::SlotTaken { .. })), "{refused:?}");
    // Onto itself, a little later: allowed although it overlaps its old time.
    let moved = store.move_booking(booking.id, day, hours("11:00", "12:00")).expect("longer");
    assert_eq!(moved.hours, hours("11:00", "12:00"));
    let moved = store.move_booking(booking.id, date(2026, 12, 2), hours("15:00", "15:30")).expect("next week");
    assert_eq!((moved.id, moved.date), (booking.id, date(2026, 12, 2)));
    let actions: Vec<String> =
        store.history("booking", booking.id).expect("history").into_iter().map(|h| h.action).collect();
    assert_eq!(actions, ["booking.add", "booking.move", "booking.move"]);
}

#[test]
fn a_member_cannot_hold_two_overlapping_bookings_in_different_services() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    let mut store = open(&path);
    let members = add_members(&mut store, 1001, 1);
    let ishii = service_id(&store, "ishii");
    let club = service_id(&store, "sokuiku");
    drop(store);
    // A 足育クラブ session on the same Wednesday afternoon as the consultations.
    rusqlite::Connection::open(&path)
        .expect("raw open")
        .execute(
            "INSERT INTO program_events (service_id, date, start_min, end_min, capacity) VALUES (?1, '2026-11-25', 900, 960, 10)",
            [club],
        )
        .expect("event");
    let mut store = open(&path);
    let day = date(2026, 11, 25);
    store.book(&request(members[0], ishii, day, hours("15:00", "15:30")), WhenFull::Refuse).expect("consultation");
    let overlap =
        store.book(&request(members[0], club, day, hours("15:00", "16:00")), WhenFull::Refuse).expect_err("overlap");
    assert!(matches!(overlap, StoreError::Refused(Refusal::MemberOverlap { .. })), "{overlap:?}");
    assert!(overlap.to_string().contains("同じ時間帯に別の予約"), "{overlap}");
    // Touching is not overlapping: the club from 15:30 is fine.
    store.book(&request(members[0], club, day, hours("15:30", "16:00")), WhenFull::Refuse).expect("after the call");
}

#[test]
fn an_email_consultation_goes_from_request_to_agreed_time_to_done() {
    use madoguchi::domain::email_consultation::EmailConsultationState;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let members = add_members(&mut store, 1001, 1);
    let request =
        store.request_email_consultation(members[0], date(2026, 11, 20), "返信の希望: 午前").expect("request");
    assert_eq!(request.state, EmailConsultationState::Arranging);
    // Done before a time is agreed is not a step the desk can take.
    assert!(store.set_email_consultation_state(request.id, EmailConsultationState::Done).is_err());
    let at = date(2026, 11, 26).and_hms_opt(10, 30, 0).expect("time");
    let agreed = store.agree_email_consultation(request.id, at).expect("agree");
    assert_eq!((agreed.state, agreed.agreed_at), (EmailConsultationState::Agreed, Some(at)));
    let week = store.week_overview(date(2026, 11, 26)).expect("week");
    let thursday = &week.days[3];
    assert_eq!(thursday.appointments.len(), 1);
    assert_eq!(thursday.appointments[0].at.to_string(), "10:30");
    assert_eq!(store.open_email_consultations().expect("open").len(), 1);
    let done = store.set_email_consultation_state(request.id, EmailConsultationState::Done).expect("done");
    assert_eq!(done.state, EmailConsultationState::Done);
    assert!(store.open_email_consultations().expect("open").is_empty());
    assert_eq!(store.history("email_consultation", request.id).expect("history").len(), 3);
}

#[test]
fn names_stored_with_a_full_width_space_before_the_rule_are_brought_in_line_on_opening() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    {
        // As version 6, the one before the rule (007), stored what the IME typed.
        let conn = file_at_version(&path, 6);
        conn.execute_batch(
            "INSERT INTO members (id, number, name, kana, name_key, kana_key, created_at, updated_at)
             VALUES (1, '1001', '山田　花子', 'やまだ　 はなこ', '山田花子', 'やまだはなこ',
                     '2026-04-01T10:00:00', '2026-04-01T10:00:00');
             INSERT INTO member_phones (member_id, position, number) VALUES (1, 0, '0448631001');",
        )
        .expect("older spelling");
    }
    let store = open(&path);
    let member = store.member_by_number("1001").expect("read").expect("member");
    assert_eq!((member.name.as_str(), member.kana.as_str()), ("山田 花子", "やまだ はなこ"));
    // And whichever space is typed in the search, the member is found.
    let index = store.member_index().expect("index");
    for query in ["山田　花子", "山田 花子", "山田花子", "やまだ　はなこ"] {
        let found = index.search(query, 10);
        assert!(found.iter().any(|(entry, _)| entry.number == "1001"), "{query}");
    }
}

/// A new file as the program's version `n` of the schema made it (its first `n`
/// migrations, nothing seeded), for the tests of what opening an older file does.
fn file_at_version(path: &std::path::Path, n: usize) -> rusqlite::Connection {
    const MIGRATIONS: [&str; 8] = [
        include_str!("../src/store/migrations/001_init.sql"),
        include_str!("../src/store/migrations/002_mail.sql"),
        include_str!("../src/store/migrations/003_manager.sql"),
        include_str!("../src/store/migrations/004_capacity_history.sql"),
        include_str!("../src/store/migrations/005_staff.sql"),
        include_str!("../src/store/migrations/006_data_requests.sql"),
        include_str!("../src/store/migrations/007_name_spaces.sql"),
        include_str!("../src/store/migrations/008_intake.sql"),
    ];
    let conn = rusqlite::Connection::open(path).expect("create");
    for sql in &MIGRATIONS[..n] {
        conn.execute_batch(sql).expect("migration");
    }
    conn.pragma_update(None, "user_version", n as i64).expect("version");
    conn
}

#[test]
fn a_version_8_file_keeps_its_messages_and_request_mails_when_it_learns_replies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_path(&dir);
    {
        // The file as the previous version left it, with one message and one request in it.
        let conn = file_at_version(&path, 8);
        conn.execute_batch(
            "INSERT INTO outbox (id, kind, session_date, recipient, subject, body, state, created_at, in_reply_to)
             VALUES (7, 'test', '2026-11-20', 'desk@example.jp', 'テスト', '本文', 'sent', '2026-11-20T10:00:00', 'x@y');
             INSERT INTO intake_requests (id, message_id, sender, subject, sent_at, body, kind, reading, state, created_at)
             VALUES (3, 'm@example.jp', 'hanako@example.jp', 'オンライン保健室参加希望', '2026-11-19T09:00:00', '本文',
                     'group', '{}', 'pending', '2026-11-19T09:01:00');",
        )
        .expect("rows");
    }
    let store = Store::open(&path).expect("open and migrate");
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("reopen");
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
    assert_eq!(version, 9);
    let message: (String, String, Option<String>) = conn
        .query_row("SELECT kind, state, in_reply_to FROM outbox WHERE id = 7", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .expect("the message, same id");
    assert_eq!(message, ("test".to_owned(), "sent".to_owned(), Some("x@y".to_owned())));
    let request: (String, String) = conn
        .query_row("SELECT message_id, state FROM intake_requests WHERE id = 3", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("the request, same id");
    assert_eq!(request, ("m@example.jp".to_owned(), "pending".to_owned()));
    let problems: Vec<String> = conn
        .prepare("PRAGMA foreign_key_check")
        .expect("check")
        .query_map([], |r| r.get::<_, String>(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("read");
    assert!(problems.is_empty(), "{problems:?}");
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity");
    assert_eq!(integrity, "ok");
}
