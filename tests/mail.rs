//! Mail through the outbox, against a real SMTP server on 127.0.0.1 started by each test
//! (tests/mail_server) and against the outbox folder. The keyring is keyring-core's mock.

mod common;
mod mail_server;

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use common::{date, db_path, hours, open, request, service_id};
use egui_kittest::kittest::Queryable;
use madoguchi::domain::member::{ContactPreference, MemberId};
use madoguchi::domain::phone::PhoneNumber;
use madoguchi::mail::{AccessMailState, MessageKind, OutboxState, secret, send_due};
use madoguchi::store::{NewMember, Store, WhenFull};
use mail_server::{TestSmtp, decode};

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").expect("test time")
}

fn use_mock_keyring() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| secret::use_store(keyring_core::mock::Store::new().expect("mock keyring")));
}

fn member(store: &mut Store, number: u32, email: Option<&str>) -> MemberId {
    store
        .add_member(&NewMember {
            number: number.to_string(),
            name: format!("山田 花子{number}"),
            kana: "やまだ はなこ".into(),
            phones: vec![PhoneNumber::parse(&format!("090-1234-{number:04}")).expect("phone")],
            email: email.map(str::to_owned),
            preferred_contact: if email.is_some() { ContactPreference::Email } else { ContactPreference::Phone },
            consent_on: Some(date(2026, 4, 1)),
            notes: String::new(),
        })
        .expect("add member")
}

fn point_at(store: &mut Store, server: &TestSmtp) {
    store.set_setting("smtp.security", "none").expect("security");
    store.set_setting("smtp.host", "127.0.0.1").expect("host");
    store.set_setting("smtp.port", &server.port().to_string()).expect("port");
    store.set_setting("smtp.timeout", "5").expect("timeout");
}

const WEDNESDAY: (i32, u32, u32) = (2026, 11, 25);

fn book_group(store: &mut Store, member_id: MemberId, when_full: WhenFull) -> madoguchi::domain::booking::Booking {
    let group = service_id(store, "hokenshitsu");
    let (y, m, d) = WEDNESDAY;
    store.book(&request(member_id, group, date(y, m, d), hours("13:00", "14:00")), when_full).expect("book")
}

#[test]
fn with_no_server_set_a_booking_writes_a_readable_confirmation_eml_to_the_outbox_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let id = member(&mut store, 101, Some("hanako@example.jp"));
    book_group(&mut store, id, WhenFull::Refuse);

    let summary = send_due(&mut store, at("2026-11-21T10:00"), |_, _| {}).expect("send");
    assert_eq!(summary.sent, 1);
    let outbox = dir.path().join("outbox");
    let files: Vec<_> = std::fs::read_dir(&outbox).expect("outbox folder").flatten().collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].file_name().to_string_lossy().ends_with("-confirmation.eml"));
    let raw = std::fs::read_to_string(files[0].path()).expect("eml");
    let mail = decode(&raw);
    assert_eq!(mail.header("To"), Some("hanako@example.jp"));
    assert_eq!(
        mail.header("Subject"),
        Some("【一般社団法人プラスケア】オンライン暮らしの保健室のご予約を承りました（11月25日(水)）")
    );
    assert!(mail.body.starts_with("山田 花子101 様\n"), "{}", mail.body);
    assert!(mail.body.contains("日時: 11月25日(水) 13:00〜14:00"), "{}", mail.body);
    assert!(mail.body.contains("当日の11:00までに"), "{}", mail.body);
    assert!(mail.body.contains("044-863-8444"), "{}", mail.body);

    // Sent once: a second run writes nothing more.
    let again = send_due(&mut store, at("2026-11-21T10:05"), |_, _| {}).expect("send");
    assert_eq!(again.sent, 0);
    assert_eq!(store.outbox_lines(None).expect("outbox")[0].state, OutboxState::Sent);
}

#[test]
fn a_confirmation_arrives_over_smtp_with_japanese_headers_and_body_that_decode() {
    let server = TestSmtp::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    point_at(&mut store, &server);
    let id = member(&mut store, 102, Some("taro@example.jp"));
    let ishii = service_id(&store, "ishii");
    let mut consultation = request(id, ishii, date(2026, 11, 25), hours("11:30", "12:00"));
    consultation.theme = "眠れない日が続いていること".into();
    store.book(&consultation, WhenFull::Refuse).expect("book");

    let summary = send_due(&mut store, at("2026-11-21T10:00"), |_, _| {}).expect("send");
    assert_eq!(summary.sent, 1, "{summary:?}");
    let received = server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].from, "info@kosugipluscare.com");
    assert_eq!(received[0].to, vec!["taro@example.jp".to_owned()]);
    let mail = decode(&received[0].data);
    assert_eq!(mail.header("From"), Some("一般社団法人プラスケア <info@kosugipluscare.com>"));
    assert_eq!(mail.header("To"), Some("taro@example.jp"));
    assert_eq!(
        mail.header("Subject"),
        Some("【一般社団法人プラスケア】個別相談（石井）のご予約を承りました（11月25日(水)）")
    );
    assert!(mail.header("Content-Type").is_some_and(|t| t.to_ascii_lowercase().contains("charset=utf-8")));
    assert!(mail.header("Message-ID").is_some_and(|id| id.ends_with(".madoguchi@kosugipluscare.com>")));
    assert!(mail.body.contains("担当の石井から 090-1234-0102 へお電話します"), "{}", mail.body);
    // No consultation theme or health detail goes into any mail (SPEC "Privacy").
    assert!(!mail.body.contains("眠れない"), "{}", mail.body);
}

/// Ten places: eight confirmed with email, two confirmed without; one waitlisted and one
/// cancelled member with email. Returns (confirmed with email, waitlisted, cancelled).
fn full_session(store: &mut Store) -> (BTreeSet<String>, String, String) {
    let mut confirmed = BTreeSet::new();
    for n in 0..8 {
        let email = format!("member{n}@example.jp");
        let id = member(store, 200 + n, Some(&email));
        book_group(store, id, WhenFull::Refuse);
        confirmed.insert(email);
    }
    for n in 0..2 {
        let id = member(store, 300 + n, None);
        book_group(store, id, WhenFull::Refuse);
    }
    let waiting = member(store, 400, Some("waiting@example.jp"));
    let booking = book_group(store, waiting, WhenFull::Waitlist);
    assert_eq!(booking.waitlist_position, Some(1));
    let gone = member(store, 401, Some("gone@example.jp"));
    let cancelled = book_group(store, gone, WhenFull::Waitlist);
    store.cancel(cancelled.id, "都合").expect("cancel");
    (confirmed, "waiting@example.jp".to_owned(), "gone@example.jp".to_owned())
}

fn access_recipients(server: &TestSmtp, passcode: &str) -> BTreeSet<String> {
    server.received().into_iter().filter(|r| decode(&r.data).body.contains(passcode)).flat_map(|r| r.to).collect()
}

#[test]
fn on_the_day_the_access_mail_reaches_the_confirmed_participants_and_nobody_else() {
    let server = TestSmtp::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    point_at(&mut store, &server);
    let (confirmed, waiting, cancelled) = full_session(&mut store);
    let group = service_id(&store, "hokenshitsu");
    store.set_meeting_access(group, None, "111 222 333", "default-pass").expect("default access");
    store.set_meeting_access(group, Some(date(2026, 11, 25)), "876 5432 1098", "kurashi1125").expect("access");

    // The replies to the bookings go at once; no access message before the day.
    send_due(&mut store, at("2026-11-21T10:00"), |_, _| {}).expect("send");
    assert_eq!(access_recipients(&server, "kurashi1125"), BTreeSet::new());
    // On the day, not before access.send_from (07:00).
    send_due(&mut store, at("2026-11-25T06:30"), |_, _| {}).expect("send");
    assert_eq!(access_recipients(&server, "kurashi1125"), BTreeSet::new());

    let summary = send_due(&mut store, at("2026-11-25T08:00"), |_, _| {}).expect("send");
    assert_eq!(summary.access_written, 10, "{summary:?}");
    assert_eq!(summary.sent, 8, "{summary:?}");
    let reached = access_recipients(&server, "kurashi1125");
    assert_eq!(reached, confirmed);
    assert!(!reached.contains(&waiting) && !reached.contains(&cancelled));
    assert_eq!(access_recipients(&server, "default-pass"), BTreeSet::new(), "the date's own access wins");
    let access = server
        .received()
        .into_iter()
        .map(|r| decode(&r.data))
        .find(|m| m.body.contains("kurashi1125"))
        .expect("an access mail");
    assert_eq!(
        access.header("Subject"),
        Some("【一般社団法人プラスケア】本日のオンライン暮らしの保健室 参加のご案内（11月25日(水)）")
    );
    assert!(access.body.contains("ミーティングID: 876 5432 1098"), "{}", access.body);

    // The send list: eight sent, two to phone, nobody else on it.
    let lists = store.access_send_lists(date(2026, 11, 25)).expect("send list");
    assert_eq!(lists.len(), 1);
    let states: Vec<&AccessMailState> = lists[0].lines.iter().map(|l| &l.state).collect();
    assert_eq!(states.len(), 10);
    assert_eq!(states.iter().filter(|s| matches!(s, AccessMailState::Sent { .. })).count(), 8);
    assert_eq!(states.iter().filter(|s| matches!(s, AccessMailState::NoEmail { called: false })).count(), 2);
    assert_eq!(store.access_mail_states(date(2026, 11, 25)).expect("states").len(), 10);

    // A later run sends nothing again.
    let before = server.received().len();
    send_due(&mut store, at("2026-11-25T09:00"), |_, _| {}).expect("send");
    assert_eq!(server.received().len(), before);
}

#[test]
fn a_member_confirmed_after_the_access_mail_went_out_is_flagged_and_sent_on_their_own() {
    let server = TestSmtp::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    point_at(&mut store, &server);
    let (_, waiting, _) = full_session(&mut store);
    let group = service_id(&store, "hokenshitsu");
    store.set_meeting_access(group, None, "111 222 333", "pass-default").expect("access");
    send_due(&mut store, at("2026-11-25T08:00"), |_, _| {}).expect("send");
    assert!(!access_recipients(&server, "pass-default").contains(&waiting));

    // A place frees at 10:00 and the desk promotes the first on the waitlist.
    let lines = store.day_bookings(date(2026, 11, 25)).expect("bookings");
    let first = lines.iter().find(|l| l.member.number == "200").expect("member 200");
    store.cancel(first.id, "急用").expect("cancel");
    let promoted = lines.iter().find(|l| l.member.number == "400").expect("waitlisted");
    store.promote(promoted.id).expect("promote");

    let summary = send_due(&mut store, at("2026-11-25T10:00"), |_, _| {}).expect("send");
    assert_eq!(summary.access_written, 1);
    assert!(access_recipients(&server, "pass-default").contains(&waiting));
    let lists = store.access_send_lists(date(2026, 11, 25)).expect("send list");
    let line = lists[0].lines.iter().find(|l| l.booking_id == promoted.id).expect("promoted on the list");
    assert!(line.late);
    assert!(matches!(line.state, AccessMailState::Sent { .. }));
    assert!(!lists[0].lines.iter().any(|l| l.booking_id == first.id), "the cancelled member left the list");
}

#[test]
fn an_access_message_not_yet_sent_is_withdrawn_when_the_booking_is_cancelled() {
    let server = TestSmtp::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    point_at(&mut store, &server);
    let id = member(&mut store, 500, Some("late@example.jp"));
    let booking = book_group(&mut store, id, WhenFull::Refuse);
    let group = service_id(&store, "hokenshitsu");
    store.set_meeting_access(group, None, "111", "secret-1125").expect("access");
    store.enqueue_access_due(at("2026-11-25T08:00")).expect("enqueue");
    store.cancel(booking.id, "体調").expect("cancel");

    send_due(&mut store, at("2026-11-25T08:01"), |_, _| {}).expect("send");
    assert_eq!(access_recipients(&server, "secret-1125"), BTreeSet::new());
    let lines = store.outbox_lines(Some(date(2026, 11, 25))).expect("outbox");
    let access = lines.iter().find(|l| l.kind == MessageKind::Access).expect("access line");
    assert_eq!(access.state, OutboxState::Withdrawn);
    // The cancellation notice carries no reason (it may be a health detail).
    let notice = server.received().into_iter().map(|r| decode(&r.data)).find(|m| m.body.contains("取り消しました"));
    assert!(notice.is_some_and(|m| !m.body.contains("体調")));
}

#[test]
fn while_the_server_is_down_messages_stay_queued_and_go_on_a_later_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let closed_port = closed.local_addr().expect("addr").port();
    drop(closed);
    store.set_setting("smtp.security", "none").expect("security");
    store.set_setting("smtp.host", "127.0.0.1").expect("host");
    store.set_setting("smtp.port", &closed_port.to_string()).expect("port");
    store.set_setting("smtp.timeout", "5").expect("timeout");
    let id = member(&mut store, 600, Some("wait@example.jp"));
    book_group(&mut store, id, WhenFull::Refuse);

    let summary = send_due(&mut store, at("2026-11-21T10:00"), |_, _| {}).expect("send");
    assert_eq!((summary.sent, summary.retrying, summary.failed), (0, 1, 0), "{summary:?}");
    let line = &store.outbox_lines(None).expect("outbox")[0];
    assert_eq!(line.state, OutboxState::Queued);
    assert!(line.last_error.as_deref().is_some_and(|e| e.contains(&closed_port.to_string())), "{line:?}");

    // The server is back; the retry waits for its backoff, then goes.
    let server = TestSmtp::start();
    point_at(&mut store, &server);
    assert_eq!(send_due(&mut store, at("2026-11-21T10:00"), |_, _| {}).expect("send").sent, 0);
    assert_eq!(send_due(&mut store, at("2026-11-21T10:02"), |_, _| {}).expect("send").sent, 1);
    assert_eq!(server.received().len(), 1);
    assert_eq!(store.outbox_lines(None).expect("outbox")[0].state, OutboxState::Sent);
}

#[test]
fn a_5xx_refusal_fails_the_message_and_shows_the_reason_while_a_4xx_is_retried() {
    let server = TestSmtp::start();
    server.refuse("nobody@example.jp", 550, "5.1.1 No such user");
    server.refuse("busy@example.jp", 450, "4.2.1 Mailbox busy");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    point_at(&mut store, &server);
    let nobody = member(&mut store, 700, Some("nobody@example.jp"));
    book_group(&mut store, nobody, WhenFull::Refuse);
    let busy = member(&mut store, 701, Some("busy@example.jp"));
    book_group(&mut store, busy, WhenFull::Refuse);

    let first = send_due(&mut store, at("2026-11-21T10:00"), |_, _| {}).expect("send");
    assert_eq!((first.sent, first.failed, first.retrying), (0, 1, 1), "{first:?}");
    assert!(first.problems.iter().any(|p| p.contains("550")), "{first:?}");

    let lines = store.outbox_lines(None).expect("outbox");
    let failed = lines.iter().find(|l| l.recipient.as_deref() == Some("nobody@example.jp")).expect("line");
    assert_eq!(failed.state, OutboxState::Failed);
    assert!(failed.last_error.as_deref().is_some_and(|e| e.contains("550")), "{failed:?}");
    let retried = lines.iter().find(|l| l.recipient.as_deref() == Some("busy@example.jp")).expect("line");
    assert_eq!(retried.state, OutboxState::Queued);

    // Staff fix it on the server side and send the failed one again.
    server.accept_all();
    store.retry_message(failed.id).expect("retry");
    let third = send_due(&mut store, at("2026-11-21T10:05"), |_, _| {}).expect("send");
    assert_eq!(third.sent, 2, "{third:?}");
}

#[test]
fn a_run_killed_in_the_middle_loses_nothing_and_sends_nothing_twice() {
    let server = TestSmtp::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    point_at(&mut store, &server);
    let id = member(&mut store, 800, Some("crash@example.jp"));
    book_group(&mut store, id, WhenFull::Refuse);

    // A run claims the message and dies before sending or recording anything.
    {
        let mut dying = open(&db_path(&dir));
        let claimed = dying
            .claim_next("dead-run", at("2026-11-21T10:00"), madoguchi::domain::message::stale_after(5))
            .expect("claim");
        assert!(claimed.is_some());
    }
    // While the claim is fresh nobody else sends it.
    let now = send_due(&mut store, at("2026-11-21T10:01"), |_, _| {}).expect("send");
    assert_eq!(now.sent, 0);
    assert_eq!(store.outbox_lines(None).expect("outbox")[0].state, OutboxState::Sending);
    // Once stale it is taken back and sent, exactly once.
    let later = send_due(&mut store, at("2026-11-21T10:20"), |_, _| {}).expect("send");
    assert_eq!(later.sent, 1);
    send_due(&mut store, at("2026-11-21T10:40"), |_, _| {}).expect("send");
    assert_eq!(server.received().len(), 1);
    // The dead run cannot record over it afterwards.
    let late = store.record_outcome(1, "dead-run", at("2026-11-21T10:41"), &Ok(())).expect("record");
    assert_eq!(late, None);
}

#[test]
fn two_instances_never_claim_the_same_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut first = open(&db_path(&dir));
    let mut second = open(&db_path(&dir));
    for n in 0..6 {
        let id = member(&mut first, 900 + n, Some(&format!("m{n}@example.jp")));
        book_group(&mut first, id, WhenFull::Refuse);
    }
    let stale = madoguchi::domain::message::stale_after(30);
    let mut claimed = Vec::new();
    for _ in 0..4 {
        for (store, run) in [(&mut first, "a"), (&mut second, "b")] {
            if let Some(message) = store.claim_next(run, at("2026-11-21T10:00"), stale).expect("claim") {
                claimed.push(message.id);
            }
        }
    }
    let distinct: BTreeSet<i64> = claimed.iter().copied().collect();
    assert_eq!(claimed.len(), 6);
    assert_eq!(distinct.len(), 6);
}

#[test]
fn each_change_of_a_booking_gets_its_own_notice_and_a_repeat_gets_none() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let id = member(&mut store, 1000, Some("move@example.jp"));
    let booking = book_group(&mut store, id, WhenFull::Refuse);
    store.move_booking(booking.id, date(2026, 12, 2), hours("13:00", "14:00")).expect("move");
    store.move_booking(booking.id, date(2026, 12, 2), hours("14:00", "15:00")).expect("move");
    assert!(store.promote(booking.id).is_err(), "not waitlisted: no second confirmation");
    let kinds: Vec<MessageKind> = store.outbox_lines(None).expect("outbox").iter().rev().map(|l| l.kind).collect();
    assert_eq!(kinds, vec![MessageKind::Confirmation, MessageKind::Change, MessageKind::Change]);
    let lines = store.outbox_lines(None).expect("outbox");
    assert!(lines[0].subject.contains("12月2日(水)"), "{}", lines[0].subject);
}

#[test]
fn the_smtp_password_comes_from_the_keyring_and_is_never_written_to_the_database() {
    use_mock_keyring();
    let server = TestSmtp::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    point_at(&mut store, &server);
    store.set_setting("smtp.user", "desk").expect("user");
    secret::set_smtp_password("127.0.0.1", "desk", "kagi-0123-himitsu").expect("keyring");
    let id = member(&mut store, 1100, Some("auth@example.jp"));
    book_group(&mut store, id, WhenFull::Refuse);

    assert_eq!(send_due(&mut store, at("2026-11-21T10:00"), |_, _| {}).expect("send").sent, 1);
    let received = server.received();
    assert_eq!(received[0].auth, Some(("desk".to_owned(), "kagi-0123-himitsu".to_owned())));
    drop(store);
    let mut bytes = std::fs::read(db_path(&dir)).expect("db");
    bytes.extend(std::fs::read(dir.path().join("madoguchi.sqlite3-wal")).unwrap_or_default());
    assert!(!bytes.windows(17).any(|w| w == b"kagi-0123-himitsu"));
}

#[test]
fn a_member_without_email_goes_on_the_call_list_unless_told_while_booking_by_phone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let id = member(&mut store, 1200, None);
    let booking = book_group(&mut store, id, WhenFull::Refuse);
    store.cancel(booking.id, "都合").expect("cancel");
    let lines = store.outbox_lines(None).expect("outbox");
    let states: Vec<(MessageKind, OutboxState)> = lines.iter().rev().map(|l| (l.kind, l.state)).collect();
    assert_eq!(
        states,
        vec![(MessageKind::Confirmation, OutboxState::Called), (MessageKind::Cancellation, OutboxState::ToCall)]
    );
    assert_eq!(lines[0].phone, "090-1234-1200");
    store.mark_called(lines[0].id).expect("called");
    assert_eq!(store.outbox_lines(None).expect("outbox")[0].state, OutboxState::Called);
}

#[test]
fn a_template_edited_by_the_manager_is_used_and_an_unknown_placeholder_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let group = service_id(&store, "hokenshitsu");
    let template = madoguchi::mail::templates::Template {
        subject: "ご予約ありがとうございます {{日付}}".into(),
        body: "{{会員名}} 様、{{時間}} にお待ちしています。".into(),
    };
    store.set_mail_template(group, MessageKind::Confirmation, Some(&template)).expect("template");
    let bad = madoguchi::mail::templates::Template { subject: "件名".into(), body: "{{テーマ}}".into() };
    let refused = store.set_mail_template(group, MessageKind::Confirmation, Some(&bad)).expect_err("refused");
    assert!(refused.to_string().contains("「{{テーマ}}」は使えません"), "{refused}");

    let id = member(&mut store, 1300, Some("t@example.jp"));
    book_group(&mut store, id, WhenFull::Refuse);
    let line = &store.outbox_lines(None).expect("outbox")[0];
    assert_eq!(line.subject, "ご予約ありがとうございます 11月25日(水)");
}

fn madoguchi(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run madoguchi")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn config_refuses_plain_smtp_to_another_machine_and_bad_values_in_japanese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_path(&dir);
    let ok = madoguchi(&db, &["config", "set", "smtp.host", "smtp.example.jp"]);
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    let plain = madoguchi(&db, &["config", "set", "smtp.security", "none"]);
    assert_eq!(plain.status.code(), Some(1));
    assert!(text(&plain.stderr).contains("このパソコン上のサーバー"), "{}", text(&plain.stderr));
    let port = madoguchi(&db, &["config", "set", "smtp.port", "abc"]);
    assert!(text(&port.stderr).contains("ポート番号は 1〜65535"), "{}", text(&port.stderr));
    let unknown = madoguchi(&db, &["config", "get", "smtp.password"]);
    assert!(text(&unknown.stderr).contains("設定項目「smtp.password」はありません"), "{}", text(&unknown.stderr));
    let get = madoguchi(&db, &["config", "get", "smtp.port"]);
    assert_eq!(text(&get.stdout), "587\n");
    let deadline = madoguchi(&db, &["config", "get", "access.deadline"]);
    assert_eq!(text(&deadline.stdout), "11:00\n");
}

#[test]
fn send_due_on_the_command_line_delivers_the_access_mail_and_the_lists_show_each_state() {
    let server = TestSmtp::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_path(&dir);
    {
        let mut store = open(&db);
        let with = member(&mut store, 1400, Some("cli@example.jp"));
        book_group(&mut store, with, WhenFull::Refuse);
        let without = member(&mut store, 1401, None);
        book_group(&mut store, without, WhenFull::Refuse);
    }
    let port = server.port().to_string();
    for args in [
        ["config", "set", "smtp.security", "none"].as_slice(),
        &["config", "set", "smtp.host", "127.0.0.1"],
        &["config", "set", "smtp.port", &port],
        &[
            "access",
            "set",
            "--service",
            "hokenshitsu",
            "--date",
            "2026-11-25",
            "--meeting-id",
            "12 34",
            "--passcode",
            "cli-pass",
        ],
    ] {
        let out = madoguchi(&db, args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    let run = madoguchi(&db, &["send-due", "--now", "2026-11-25T08:00"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(text(&run.stdout).contains("当日の参加案内 2 件を作成しました"), "{}", text(&run.stdout));
    assert_eq!(access_recipients(&server, "cli-pass"), BTreeSet::from(["cli@example.jp".to_owned()]));

    let list = text(&madoguchi(&db, &["access", "list", "--date", "2026-11-25"]).stdout);
    assert!(list.contains("ミーティングID: 12 34"), "{list}");
    assert!(list.lines().any(|l| l.contains("1400") && l.contains("送信済 08:00")), "{list}");
    assert!(list.lines().any(|l| l.contains("1401") && l.contains("メールなし（電話で連絡）")), "{list}");
    let outbox = text(&madoguchi(&db, &["outbox", "--date", "2026-11-25"]).stdout);
    assert!(
        outbox.lines().any(|l| l.contains("当日の参加案内") && l.contains("cli@example.jp") && l.contains("送信済")),
        "{outbox}"
    );
    assert!(outbox.lines().any(|l| l.contains("予約確認") && l.contains("電話 090-1234-1401")), "{outbox}");
}

#[test]
fn a_reply_about_a_day_already_past_is_not_sent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let id = member(&mut store, 1500, Some("past@example.jp"));
    book_group(&mut store, id, WhenFull::Refuse);
    let summary = send_due(&mut store, at("2026-11-26T09:00"), |_, _| {}).expect("send");
    assert_eq!(summary.sent, 0);
    assert_eq!(store.outbox_lines(None).expect("outbox")[0].state, OutboxState::Withdrawn);
    assert!(!dir.path().join("outbox").exists());
}

#[test]
fn the_mail_window_shows_each_participants_access_mail_state() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let with = member(&mut store, 1600, Some("gui@example.jp"));
    book_group(&mut store, with, WhenFull::Refuse);
    let without = member(&mut store, 1601, None);
    book_group(&mut store, without, WhenFull::Refuse);
    let group = service_id(&store, "hokenshitsu");
    store.set_meeting_access(group, None, "555 666", "gui-pass").expect("access");
    send_due(&mut store, at("2026-11-25T08:00"), |_, _| {}).expect("send");

    let mut window = common::window(store, date(2026, 11, 25));
    window.get_by_label("メール").click();
    window.run();
    assert!(window.query_by_label_contains("オンライン暮らしの保健室（締切 11:00）").is_some());
    assert!(window.query_by_label("ミーティングID: 555 666").is_some());
    assert!(window.query_by_label("送信済 08:00").is_some());
    assert!(window.query_by_label("メールなし（電話で連絡）").is_some());
    window.get_by_label("連絡済").click();
    window.run();
    assert!(window.query_by_label("電話で連絡済").is_some());

    window.get_by_label("送信設定").click();
    window.run();
    assert!(window.query_by_label("テストメールを送信").is_some());
}

#[test]
fn starttls_asked_for_is_never_dropped_to_plain_text() {
    let server = TestSmtp::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    point_at(&mut store, &server);
    // The test server offers no STARTTLS: the message must wait, not go in the clear.
    store.set_setting("smtp.security", "starttls").expect("security");
    let id = member(&mut store, 1700, Some("tls@example.jp"));
    book_group(&mut store, id, WhenFull::Refuse);
    let summary = send_due(&mut store, at("2026-11-21T10:00"), |_, _| {}).expect("send");
    assert_eq!((summary.sent, summary.retrying), (0, 1), "{summary:?}");
    assert!(server.received().is_empty());
    assert_eq!(store.outbox_lines(None).expect("outbox")[0].state, OutboxState::Queued);
}

#[test]
fn a_relative_outbox_folder_is_beside_the_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    store.set_setting("mail.outbox_dir", "sent-mail").expect("setting");
    let settings = madoguchi::mail::MailSettings::load(&store).expect("settings");
    assert_eq!(settings.outbox_dir, dir.path().join("sent-mail"));
}

#[test]
fn a_corrected_passcode_goes_again_to_every_confirmed_participant_and_the_old_one_no_more() {
    let server = TestSmtp::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    point_at(&mut store, &server);
    let (confirmed, _, _) = full_session(&mut store);
    let group = service_id(&store, "hokenshitsu");
    let day = date(2026, 11, 25);
    store.set_meeting_access(group, Some(day), "111", "wrong-pass").expect("access");
    send_due(&mut store, at("2026-11-25T08:00"), |_, _| {}).expect("send");
    assert_eq!(access_recipients(&server, "wrong-pass"), confirmed);

    // Saving the same values again changes nothing; a corrected passcode goes to all.
    store.set_meeting_access(group, Some(day), "111", "wrong-pass").expect("same");
    assert_eq!(store.enqueue_access_due(at("2026-11-25T08:20")).expect("enqueue"), 0);
    store.set_meeting_access(group, Some(day), "111", "right-pass").expect("corrected");
    let summary = send_due(&mut store, at("2026-11-25T08:30"), |_, _| {}).expect("send");
    assert_eq!((summary.access_written, summary.sent), (10, 8), "{summary:?}");
    assert_eq!(access_recipients(&server, "right-pass"), confirmed);
    let lists = store.access_send_lists(day).expect("send list");
    assert!(lists[0].lines.iter().all(|l| !l.late), "a correction is not a late confirmation");
    assert_eq!(
        lists[0]
            .lines
            .iter()
            .filter(|l| matches!(l.state, AccessMailState::Sent { ref at } if at.contains("08:30")))
            .count(),
        8
    );
}

#[test]
fn the_settings_screen_refuses_plain_smtp_to_another_machine_and_keeps_what_was_typed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(&db_path(&dir));
    let mut window = common::window(store, date(2026, 11, 25));
    window.get_by_label("メール").click();
    window.run();
    window.get_by_label("送信設定").click();
    window.run();
    window.get_by_label("SMTP サーバー").click();
    window.run();
    window.event(egui::Event::Text("smtp.example.jp".into()));
    window.run();
    window.get_by_label("なし（このパソコン上のサーバーのみ）").click();
    window.run();
    window.get_by_label("設定を保存").click();
    window.run();
    window.get_by_label_contains("このパソコン上のサーバー（localhost・127.0.0.1）にだけ使えます");
    assert_eq!(window.state().store().setting("smtp.host").expect("setting"), None);
    window.get_by_label("STARTTLS（587）").click();
    window.run();
    window.get_by_label("設定を保存").click();
    window.run();
    window.get_by_label("設定を保存しました");
    assert_eq!(window.state().store().setting("smtp.host").expect("setting").as_deref(), Some("smtp.example.jp"));
}

#[test]
fn booking_on_the_command_line_with_no_server_writes_the_confirmation_eml_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_path(&dir);
    {
        let mut store = open(&db);
        member(&mut store, 1800, Some("cli-book@example.jp"));
    }
    let wednesday = common::coming_wednesday();
    let date = wednesday.format("%Y-%m-%d").to_string();
    let out = madoguchi(
        &db,
        &[
            "book",
            "--member",
            "1800",
            "--service",
            "hokenshitsu",
            "--date",
            &date,
            "--join",
            "13:00",
            "--leave",
            "14:00",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let files: Vec<_> = std::fs::read_dir(dir.path().join("outbox")).expect("outbox folder").flatten().collect();
    assert_eq!(files.len(), 1);
    let mail = decode(&std::fs::read_to_string(files[0].path()).expect("eml"));
    assert_eq!(mail.header("To"), Some("cli-book@example.jp"));
    let when = format!("{} 13:00〜14:00", madoguchi::domain::time::month_day_weekday(wednesday));
    assert!(mail.body.contains(&when), "{}", mail.body);
}

#[test]
fn the_days_list_shows_whether_each_participant_was_sent_the_access_mail() {
    use madoguchi::store::AccessMail;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let with_email = member(&mut store, 4101, Some("sent@example.jp"));
    let without = member(&mut store, 4102, None);
    let late = member(&mut store, 4103, Some("late@example.jp"));
    let sent = book_group(&mut store, with_email, WhenFull::Refuse);
    let phoned = book_group(&mut store, without, WhenFull::Refuse);
    let group = service_id(&store, "hokenshitsu");
    store.set_meeting_access(group, None, "111 222 333", "pass-1125").expect("access");
    // No server set: the messages go to .eml files, which counts as sent.
    send_due(&mut store, at("2026-11-25T08:00"), |_, _| {}).expect("send");
    let not_yet = book_group(&mut store, late, WhenFull::Refuse);

    let (y, m, d) = WEDNESDAY;
    let list = store.day_list(date(y, m, d)).expect("day list");
    let states: std::collections::BTreeMap<i64, Option<AccessMail>> =
        list.sessions.iter().flat_map(|s| s.lines.iter()).map(|line| (line.booking_id, line.access_mail)).collect();
    assert_eq!(states[&sent.id], Some(AccessMail::Sent));
    assert_eq!(states[&phoned.id], Some(AccessMail::NoEmail));
    assert_eq!(states[&not_yet.id], Some(AccessMail::NotSent));
}

#[test]
fn a_booking_cancelled_before_its_confirmation_went_gets_only_the_cancellation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let id = member(&mut store, 105, Some("hanako@example.jp"));
    let booking = book_group(&mut store, id, WhenFull::Refuse);
    store.cancel(booking.id, "予定が入った").expect("cancel");
    let summary = send_due(&mut store, at("2026-11-21T10:00"), |_, _| {}).expect("send");
    assert_eq!(summary.sent, 1);
    let files: Vec<String> = std::fs::read_dir(dir.path().join("outbox"))
        .expect("outbox folder")
        .flatten()
        .map(|f| f.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with("-cancellation.eml"), "{files:?}");
    let kinds: Vec<(MessageKind, OutboxState)> =
        store.outbox_lines(None).expect("outbox").into_iter().map(|l| (l.kind, l.state)).collect();
    assert!(kinds.contains(&(MessageKind::Confirmation, OutboxState::Withdrawn)), "{kinds:?}");
}

#[test]
fn send_due_on_the_command_line_exits_non_zero_and_counts_the_refused() {
    let server = TestSmtp::start();
    server.refuse("nobody@example.jp", 550, "5.1.1 No such user");
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_path(&dir);
    let mut store = open(&db);
    point_at(&mut store, &server);
    let nobody = member(&mut store, 702, Some("nobody@example.jp"));
    book_group(&mut store, nobody, WhenFull::Refuse);
    let fine = member(&mut store, 703, Some("fine@example.jp"));
    book_group(&mut store, fine, WhenFull::Refuse);
    drop(store);
    let out = madoguchi(&db, &["send-due", "--now", "2026-11-21T10:00"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("送信できなかったメールが 1 件あります"), "{stderr}");
    assert!(stderr.contains("550"), "{stderr}");
    assert_eq!(server.received().len(), 1, "the other message still went");
}

#[test]
fn a_message_refused_for_good_stays_in_the_status_bar_until_the_desk_handles_it() {
    let server = TestSmtp::start();
    server.refuse("nobody@example.jp", 550, "5.1.1 No such user");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    point_at(&mut store, &server);
    let nobody = member(&mut store, 703, Some("nobody@example.jp"));
    book_group(&mut store, nobody, WhenFull::Refuse);
    let sent = send_due(&mut store, at("2026-11-20T10:00"), |_, _| {}).expect("send");
    assert_eq!(sent.failed, 1, "{sent:?}");

    // Monday: the failed confirmation is for Wednesday, and the bar says so on any day.
    let mut window = common::window(store, date(2026, 11, 23));
    window.run();
    window.get_by_label("送れなかったメールが 1 件あります（対応が必要です）").click();
    window.run();
    // The mail window lists it with its reason above the tabs, whatever day they show.
    assert!(window.query_by_label_contains("5.1.1 No such user").is_some());
    // The desk phoned the member instead.
    window.get_by_label("連絡済").click();
    window.run();
    assert!(window.query_by_label_contains("送れなかったメールが").is_none());
    assert_eq!(window.state().store().failed_message_count().expect("count"), 0);
}

/// The mail window on its 「受信設定」 tab.
fn receiving_settings(store: Store) -> egui_kittest::Harness<'static, madoguchi::ui::app::MadoguchiApp> {
    let mut window = common::window(store, date(2026, 11, 25));
    window.get_by_label("メール").click();
    window.run();
    window.get_by_label("受信設定").click();
    window.run();
    window
}

#[test]
fn the_receiving_settings_are_saved_read_back_and_the_password_goes_to_the_keyring_only() {
    use_mock_keyring();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut window = receiving_settings(open(&db_path(&dir)));
    window.get_by_label_contains("受信（メールの予約依頼）");
    assert_eq!(common::field_value(&window, "受信ポート"), "993");
    assert_eq!(common::field_value(&window, "依頼メールの保存日数"), "30");
    common::replace_text(&mut window, "受信サーバー（IMAP）", "imap.kosugi.example.jp");
    window.get_by_label("STARTTLS（143）").click();
    window.run();
    // The usual port follows the protection.
    assert_eq!(common::field_value(&window, "受信ポート"), "143");
    common::replace_text(&mut window, "受信のユーザー名", "info@kosugipluscare.com");
    common::replace_text(&mut window, "受信のパスワード", "uketsuke-imap-0125");
    common::replace_text(&mut window, "受信フォルダ", "予約");
    common::replace_text(&mut window, "依頼メールの保存日数", "14");
    window.get_by_label("受信の設定を保存").click();
    window.run();
    window.get_by_label("受信の設定を保存し、パスワードを保管庫に保存しました");
    assert_eq!(common::field_value(&window, "受信のパスワード"), "", "the password leaves the form once saved");

    let store = window.state().store();
    let settings = madoguchi::mail::MailSettings::load(store).expect("settings");
    let imap = settings.imap.expect("a mailbox is set");
    assert_eq!(
        (imap.host.as_str(), imap.port, imap.security, imap.user.as_str(), imap.mailbox.as_str()),
        ("imap.kosugi.example.jp", 143, madoguchi::mail::Security::StartTls, "info@kosugipluscare.com", "予約")
    );
    assert_eq!(settings.intake_keep_days, 14);
    assert_eq!(
        secret::imap_password("imap.kosugi.example.jp", "info@kosugipluscare.com").expect("keyring").as_deref(),
        Some("uketsuke-imap-0125")
    );
    drop(window);
    let mut bytes = std::fs::read(db_path(&dir)).expect("db");
    bytes.extend(std::fs::read(dir.path().join("madoguchi.sqlite3-wal")).unwrap_or_default());
    assert!(!bytes.windows(18).any(|w| w == b"uketsuke-imap-0125"));

    // Opened again, the window shows what was saved.
    let window = receiving_settings(open(&db_path(&dir)));
    assert_eq!(common::field_value(&window, "受信サーバー（IMAP）"), "imap.kosugi.example.jp");
    assert_eq!(common::field_value(&window, "受信ポート"), "143");
    assert_eq!(common::field_value(&window, "受信のユーザー名"), "info@kosugipluscare.com");
    assert_eq!(common::field_value(&window, "受信フォルダ"), "予約");
    assert_eq!(common::field_value(&window, "依頼メールの保存日数"), "14");
}

#[test]
fn a_bad_port_is_refused_beside_its_field_and_what_was_typed_stays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut window = receiving_settings(open(&db_path(&dir)));
    common::replace_text(&mut window, "受信サーバー（IMAP）", "imap.kosugi.example.jp");
    common::replace_text(&mut window, "受信のユーザー名", "info@kosugipluscare.com");
    common::replace_text(&mut window, "受信ポート", "99999");
    window.get_by_label("受信の設定を保存").click();
    window.run();
    let message = window.get_by_label_contains("ポート番号は 1〜65535 の数字で入力してください（「99999」）");
    let field = window.get_by_label("受信ポート");
    // Beside its field: just below it, not at the top of the window.
    let (message, field) = (message.rect(), field.rect());
    assert!(message.min.y >= field.max.y - 1.0 && message.min.y - field.max.y < 30.0, "{message:?} {field:?}");
    assert!(message.min.x < field.max.x && field.min.x < message.max.x, "{message:?} {field:?}");
    assert_eq!(common::field_value(&window, "受信サーバー（IMAP）"), "imap.kosugi.example.jp");
    assert_eq!(common::field_value(&window, "受信のユーザー名"), "info@kosugipluscare.com");
    assert_eq!(common::field_value(&window, "受信ポート"), "99999");
    assert_eq!(window.state().store().setting("imap.host").expect("setting"), None, "nothing is saved");

    common::replace_text(&mut window, "受信ポート", "10993");
    window.get_by_label("受信の設定を保存").click();
    window.run();
    window.get_by_label("受信の設定を保存しました");
    assert!(window.query_by_label_contains("ポート番号は").is_none());
    let store = window.state().store();
    assert_eq!(store.setting("imap.port").expect("setting").as_deref(), Some("10993"));
    assert_eq!(store.setting("imap.host").expect("setting").as_deref(), Some("imap.kosugi.example.jp"));
}

#[test]
fn the_receiving_settings_refuse_plain_text_to_another_machine_and_a_missing_certificate_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut window = receiving_settings(open(&db_path(&dir)));
    common::replace_text(&mut window, "受信サーバー（IMAP）", "imap.kosugi.example.jp");
    common::replace_text(&mut window, "受信のユーザー名", "info@kosugipluscare.com");
    window.get_by_label("暗号化なし（このパソコン上のサーバーのみ）").click();
    window.run();
    window.get_by_label("受信の設定を保存").click();
    window.run();
    window.get_by_label_contains("このパソコン上のサーバー（localhost・127.0.0.1）にだけ使えます");
    assert_eq!(window.state().store().setting("imap.host").expect("setting"), None);

    window.get_by_label("TLS（993）").click();
    window.run();
    let missing = dir.path().join("our-ca.pem");
    common::replace_text(&mut window, "信頼する証明書ファイル", &missing.display().to_string());
    window.get_by_label("受信の設定を保存").click();
    window.run();
    window.get_by_label_contains("が見つかりません");
    assert_eq!(common::field_value(&window, "信頼する証明書ファイル"), missing.display().to_string());
    assert_eq!(window.state().store().setting("imap.host").expect("setting"), None);
}

#[test]
fn where_no_file_dialog_opens_the_certificate_file_is_typed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut window = receiving_settings(open(&db_path(&dir)));
    window.state_mut().set_file_dialogs(madoguchi::ui::file_dialogs::FileDialogs::Unavailable);
    window.get_by_label("ファイルを選ぶ…").click();
    common::run_until_shown(&mut window, "ファイルの場所（パス）を入力してください");
}
