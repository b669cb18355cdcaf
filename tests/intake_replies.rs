//! What the desk sends back to a request mail, and where the booking's later mail goes:
//! a request it cannot book as asked is answered with what is free (a draft the desk
//! edits), threaded under the member's mail; a booking accepted from a mail keeps the
//! address the mail gave, and the meeting access goes there; both are in a disclosure
//! and gone after an erasure.

mod common;

use common::*;
use madoguchi::domain::booking::Channel;
use madoguchi::domain::intake::{IdentityFlag, IntakeState};
use madoguchi::domain::message::{MessageKind, OutboxState};
use madoguchi::domain::privacy::{DataRequest, RequestKind, RequestOrigin};
use madoguchi::mail::incoming::decode;
use madoguchi::store::{IntakeRequest, Store, WhenFull};

/// Thursday 2026-11-19, 09:00 Japan time: the coming group session is on the 25th.
const SENT: &str = "Thu, 19 Nov 2026 09:00:00 +0900";

fn request_mail(store: &mut Store, id: &str, from: &str, subject: &str, body: &str) -> IntakeRequest {
    let raw = format!(
        "From: {from}\r\nTo: info@kosugipluscare.com\r\nSubject: {subject}\r\nDate: {SENT}\r\nMessage-ID: <{id}>\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}"
    );
    let mail = decode(raw.as_bytes(), date(2026, 11, 19).and_hms_opt(9, 0, 0).expect("time")).expect("decode");
    store.import_intake(raw.as_bytes(), &mail).expect("import").expect("a new request")
}

/// The database file read by another connection, as any reader would.
fn db(dir: &tempfile::TempDir) -> rusqlite::Connection {
    rusqlite::Connection::open(db_path(dir)).expect("open the file")
}

fn outbox_row(dir: &tempfile::TempDir, kind: MessageKind) -> (String, String, String, Option<String>, String) {
    db(dir)
        .query_row(
            "SELECT recipient, subject, body, in_reply_to, state FROM outbox WHERE kind = ?1",
            [kind.code()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .expect("one message of the kind")
}

#[test]
fn a_request_for_a_full_session_is_answered_with_the_next_free_days_edited_and_threaded_under_the_mail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    add_member_with_email(&mut store, "1024", "山田 花子", Some("hanako@example.jp"));
    fill_group_session(&mut store, date(2026, 11, 25));
    let request = request_mail(
        &mut store,
        "ask-1@example.jp",
        "山田 花子 <hanako@example.jp>",
        "オンライン保健室参加希望",
        "11月25日の保健室に参加します。\r\n①1024 山田花子\r\n②hanako@example.jp\r\n③13時〜14時半\r\n",
    );
    assert!(store.accept_intake(request.id, WhenFull::Refuse, false).is_err(), "the session is full");

    let free = store.intake_alternatives(&request).expect("alternatives");
    let days: Vec<_> = free.iter().map(|d| d.date).collect();
    assert_eq!(days, [date(2026, 12, 2), date(2026, 12, 9), date(2026, 12, 16)], "the next three Wednesdays");

    let draft = store.intake_reply_draft(request.id).expect("draft");
    assert_eq!(draft.recipient, "hanako@example.jp");
    assert_eq!(draft.subject, "Re: オンライン保健室参加希望");
    assert!(draft.body.starts_with("山田 花子 様"), "{}", draft.body);
    assert!(draft.body.contains("11月25日(水) 13:00〜14:30"), "what was asked: {}", draft.body);
    assert!(draft.body.contains("・12月2日(水) 13:00〜14:30"), "the same hours a week later: {}", draft.body);

    // The desk edits the text before it goes.
    let edited = draft.body.replace("いまお受けできるのは", "12月2日でしたら、いまお受けできるのは");
    let answered = store.answer_intake(request.id, &draft.subject, &edited).expect("answer");
    assert_eq!(answered.state, IntakeState::Answered);
    assert!(answered.booking_id.is_none(), "nothing is booked: the member chooses");
    let (to, subject, body, in_reply_to, state) = outbox_row(&dir, MessageKind::Reply);
    assert_eq!(to, "hanako@example.jp");
    assert_eq!(subject, "Re: オンライン保健室参加希望");
    assert!(body.contains("12月2日でしたら、いまお受けできるのは"), "the edited text is what goes");
    assert_eq!(in_reply_to.as_deref(), Some("ask-1@example.jp"));
    assert_eq!(state, OutboxState::Queued.code());
    assert!(store.answer_intake(request.id, &draft.subject, &edited).is_err(), "answered once");
}

#[test]
fn a_consultation_reply_offers_free_starts_of_the_same_length_and_never_the_theme() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let asker = add_member_with_email(&mut store, "1024", "山田 花子", Some("hanako@example.jp"));
    let other = add_member_with_email(&mut store, "1025", "川崎 次郎", Some("jiro@example.jp"));
    let ishii = service_id(&store, "ishii");
    let day = date(2026, 11, 25);
    let asked = hours("11:00", "12:00");
    let schedule = store.schedule().expect("schedule");
    let sessions = schedule.sessions_on(schedule.service(ishii).expect("ishii"), day);
    assert!(!sessions.is_empty(), "石井 consults on {day} in the seeded schedule");
    let booked = store.book(&request(other, ishii, day, asked), WhenFull::Refuse);
    assert!(booked.is_ok(), "{booked:?}");
    let request = request_mail(
        &mut store,
        "ask-2@example.jp",
        "hanako@example.jp",
        "個別相談の予約",
        "石井さんの個別相談をお願いします。\r\n① 山田花子 1024\r\n② 11月25日 11時から\r\n③ 1時間\r\n④ 母の介護のこと\r\n",
    );
    assert_eq!(request.reading.hours, Some(asked), "{:?}", request.reading);
    let _ = asker;
    let draft = store.intake_reply_draft(request.id).expect("draft");
    assert!(!draft.body.contains("介護"), "the theme is never put in a mail: {}", draft.body);
    assert!(!draft.body.contains("・11月25日(水) 11:00〜12:00"), "the asked hour is taken: {}", draft.body);
    let free = store.intake_alternatives(&request).expect("alternatives");
    assert_eq!(free[0].date, day, "the asked day first, when it has other starts");
    assert!(free[0].starts.iter().all(|s| *s != asked.start));
    let first = free[0].starts[0];
    assert!(draft.body.contains(&format!("・11月25日(水) {first}〜")), "{}", draft.body);
}

#[test]
fn an_empty_or_unreadable_answer_is_refused_beside_what_is_wrong_and_the_desks_own_text_goes_as_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    add_member_with_email(&mut store, "1024", "山田 花子", Some("hanako@example.jp"));
    fill_group_session(&mut store, date(2026, 11, 25));
    let request = request_mail(
        &mut store,
        "ask-3@example.jp",
        "hanako@example.jp",
        "オンライン保健室参加希望",
        "①1024 山田花子\r\n③全部参加\r\n",
    );
    let draft = store.intake_reply_draft(request.id).expect("draft");
    for (subject, body, said) in [
        ("", draft.body.as_str(), "返信の件名を入力してください"),
        (draft.subject.as_str(), " \n ", "返信の本文を入力してください"),
        ("件名\u{202e}", "本文", "返信の件名に文字の向きを変える"),
        ("二行の\n件名", "本文", "返信の件名は1行で"),
    ] {
        let refused = store.answer_intake(request.id, subject, body).expect_err("refused");
        assert!(refused.to_string().contains(said), "{subject:?} {body:?}: {refused}");
    }
    assert_eq!(store.intake_request(request.id).expect("request").state, IntakeState::Pending);
    assert_eq!(
        db(&dir).query_row("SELECT count(*) FROM outbox WHERE kind = 'reply'", [], |r| r.get::<_, i64>(0)).ok(),
        Some(0)
    );
    // The desk's own braces are sent as written, not taken for placeholders.
    let answered = store.answer_intake(request.id, &draft.subject, "{{会員名}} の件、承知しました").expect("sent");
    assert_eq!(answered.state, IntakeState::Answered);
    let body: String =
        db(&dir).query_row("SELECT body FROM outbox WHERE kind = 'reply'", [], |r| r.get(0)).expect("the reply");
    assert_eq!(body, "{{会員名}} の件、承知しました");
}

#[test]
fn a_request_whose_hours_are_free_is_accepted_not_answered_with_alternatives() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    add_member_with_email(&mut store, "1024", "山田 花子", Some("hanako@example.jp"));
    let request = request_mail(
        &mut store,
        "ask-7@example.jp",
        "hanako@example.jp",
        "オンライン保健室参加希望",
        "①1024 山田花子\r\n③13:00〜14:00\r\n",
    );
    let refused = store.intake_reply_draft(request.id).expect_err("the hours asked are free");
    assert!(refused.to_string().contains("「受け付ける」で予約してください"), "{refused}");
}

#[test]
fn a_booking_from_a_mail_sends_its_later_mail_and_the_meeting_access_to_the_address_the_mail_gave() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    add_member_with_email(&mut store, "1024", "山田 花子", Some("hanako@example.jp"));
    let group = service_id(&store, "hokenshitsu");
    // She writes from her address on file and gives her daughter's tablet for the meeting.
    let asked = request_mail(
        &mut store,
        "ask-4@example.jp",
        "hanako@example.jp",
        "オンライン保健室参加希望",
        "①1024 山田花子\r\n②tablet.yamada@example.net\r\n③13:00〜14:00\r\n",
    );
    assert_eq!(asked.reading.address.as_deref(), Some("tablet.yamada@example.net"));
    assert!(
        asked.flags.contains(&IdentityFlag::AddressNotOnFile { written: "tablet.yamada@example.net".into() }),
        "a person looks before the passcode goes elsewhere: {:?}",
        asked.flags
    );
    let accepted = store.accept_intake(asked.id, WhenFull::Refuse, true).expect("accept");
    let booking = accepted.booking_id.expect("booked");

    let (to, _, _, in_reply_to, _) = outbox_row(&dir, MessageKind::Confirmation);
    assert_eq!(to, "hanako@example.jp", "the confirmation answers the sender");
    assert_eq!(in_reply_to.as_deref(), Some("ask-4@example.jp"));

    store.set_meeting_access(group, None, "123 456 7890", "kosugi").expect("access");
    let day = date(2026, 11, 25);
    let lists = store.access_send_lists(day).expect("send list");
    let line = lists[0].lines.iter().find(|l| l.booking_id == booking).expect("on the send list");
    assert_eq!(line.email.as_deref(), Some("tablet.yamada@example.net"));
    store.enqueue_access_due(day.and_hms_opt(8, 0, 0).expect("time")).expect("access due");
    let (to, _, body, _, _) = outbox_row(&dir, MessageKind::Access);
    assert_eq!(to, "tablet.yamada@example.net", "the meeting access goes to the address the mail gave");
    assert!(body.contains("kosugi"));

    // A booking taken by phone keeps the address on file.
    let by_phone = add_member_with_email(&mut store, "1025", "川崎 次郎", Some("jiro@example.jp"));
    let mut phoned = request(by_phone, group, day, hours("13:00", "14:00"));
    phoned.channel = Channel::Phone;
    store.book(&phoned, WhenFull::Refuse).expect("book");
    let lists = store.access_send_lists(day).expect("send list");
    assert!(lists[0].lines.iter().any(|l| l.email.as_deref() == Some("jiro@example.jp")));
}

#[test]
fn a_disclosure_lists_the_members_request_mails_and_the_address_given_and_an_erasure_removes_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let hanako = add_member_with_email(&mut store, "1024", "山田 花子", Some("hanako@example.jp"));
    fill_group_session(&mut store, date(2026, 12, 2));
    let booked = request_mail(
        &mut store,
        "ask-5@example.jp",
        "hanako@example.jp",
        "オンライン保健室参加希望",
        "11月25日\r\n①1024 山田花子\r\n②tablet.yamada@example.net\r\n③13:00〜14:00\r\n",
    );
    store.accept_intake(booked.id, WhenFull::Refuse, true).expect("accept");
    let answered = request_mail(
        &mut store,
        "ask-6@example.jp",
        "hanako@example.jp",
        "オンライン保健室参加希望",
        "12月2日も参加したいです\r\n①1024 山田花子\r\n③13:00〜14:00\r\n",
    );
    let draft = store.intake_reply_draft(answered.id).expect("draft");
    store.answer_intake(answered.id, &draft.subject, &draft.body).expect("answer");

    let disclosure = store.member_disclosure(hanako).expect("disclosure");
    assert_eq!(disclosure.mails.len(), 2, "{:?}", disclosure.mails);
    assert_eq!(disclosure.mails[1].state, "空きを案内");
    assert!(disclosure.mails.iter().all(|m| m.sender == "hanako@example.jp" && m.mail_kept));
    assert_eq!(disclosure.bookings[0].email.as_deref(), Some("tablet.yamada@example.net"));
    assert!(disclosure.messages.iter().any(|m| m.kind == MessageKind::Reply), "the answer is among the mails sent");
    let csv = String::from_utf8(madoguchi::print::disclosure_csv(&disclosure).expect("csv")).expect("utf-8");
    assert!(csv.contains("受け取ったメール"), "{csv}");
    assert!(csv.contains("連絡先メール: tablet.yamada@example.net"), "{csv}");

    // After the session day, she asks for everything to be erased.
    store.set_today(date(2026, 12, 20));
    let erasure = DataRequest {
        kind: RequestKind::Erasure,
        origin: RequestOrigin::Member {
            requested_by: "本人".into(), identity_check: "電話で会員番号と氏名".into()
        },
        received_on: date(2026, 12, 20),
        detail: "退会のため".into(),
    };
    store.cancel_future_bookings(hanako, date(2026, 12, 20), "削除の請求").expect("cancel");
    let erased = store.erase_member(hanako, &erasure, date(2026, 12, 20)).expect("erase");
    assert!(erased.messages.iter().any(|(_, kind)| *kind == MessageKind::Reply), "the answer's file goes too");
    let left: i64 =
        db(&dir).query_row("SELECT count(*) FROM bookings WHERE email IS NOT NULL", [], |r| r.get(0)).expect("count");
    assert_eq!(left, 0, "the booking's address is gone");
    let reply_body: String =
        db(&dir).query_row("SELECT body FROM outbox WHERE kind = 'reply'", [], |r| r.get(0)).expect("reply row");
    assert_eq!(reply_body, "");
}

#[test]
fn a_mail_from_the_members_address_that_named_no_member_is_in_their_disclosure_and_goes_with_the_erasure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let hanako = add_member_with_email(&mut store, "1024", "山田 花子", Some("hanako@example.jp"));
    add_member_with_email(&mut store, "1025", "川崎 次郎", Some("jiro@example.jp"));
    // A thank-you with no number: no member is matched, but it came from her address.
    let thanks = request_mail(
        &mut store,
        "thanks@example.jp",
        "Hanako@Example.jp",
        "Re: ご予約",
        "ありがとうございました。\r\n",
    );
    assert_eq!(thanks.member_id, None);
    request_mail(&mut store, "other@example.jp", "jiro@example.jp", "Re: ご予約", "よろしくお願いします。\r\n");
    store.dismiss_intake(thanks.id, "お礼のメール").expect("dismiss");

    let disclosure = store.member_disclosure(hanako).expect("disclosure");
    assert_eq!(disclosure.mails.len(), 1, "hers only: {:?}", disclosure.mails);
    assert_eq!(disclosure.mails[0].sender, "hanako@example.jp");
    assert!(disclosure.history.iter().any(|e| e.about == format!("メールの予約依頼 {}", thanks.id)));
    assert!(disclosure.history.iter().all(|e| !e.action.starts_with("intake.")), "named, not codes");

    let erasure = DataRequest {
        kind: RequestKind::Erasure,
        origin: RequestOrigin::Member { requested_by: "本人".into(), identity_check: "会員証".into() },
        received_on: date(2026, 11, 20),
        detail: "退会のため".into(),
    };
    store.erase_member(hanako, &erasure, date(2026, 11, 20)).expect("erase");
    let conn = db(&dir);
    let (sender, body): (String, Option<String>) = conn
        .query_row("SELECT sender, body FROM intake_requests WHERE id = ?1", [thanks.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("the record stays");
    assert_eq!((sender.as_str(), body), ("", None));
    let audited: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'intake' AND entity_id = ?1 AND after LIKE '%hanako%'",
            [thanks.id],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(audited, 0, "nor in the audit log");
    let jiro: String = conn
        .query_row("SELECT sender FROM intake_requests WHERE message_id = 'other@example.jp'", [], |r| r.get(0))
        .expect("his");
    assert_eq!(jiro, "jiro@example.jp", "another member's mail stays");
}
