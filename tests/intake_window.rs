//! 「メールの予約依頼」 in the window: the count in the toolbar, each request beside its mail,
//! Enter accepts a clear one, a flagged one waits for a person's check, and a request is
//! set aside only with a reason.

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use madoguchi::domain::intake::IntakeState;
use madoguchi::mail::incoming::decode;
use madoguchi::store::Store;
use madoguchi::ui::app::MadoguchiApp;

fn import(store: &mut Store, name: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/data/intake/{name}.eml"));
    let raw = std::fs::read(path).expect("corpus mail");
    let mail = decode(&raw, date(2026, 11, 20).and_hms_opt(12, 0, 0).expect("time")).expect("decode");
    store.import_intake(&raw, &mail).expect("import");
}

/// 山田 花子 wrote from her address on file; 鈴木 一郎 from an address the desk does not
/// have; and a newsletter came in.
fn desk(dir: &tempfile::TempDir) -> Harness<'static, MadoguchiApp> {
    let mut store = open(&db_path(dir));
    add_member_with_email(&mut store, "1024", "山田 花子", Some("hanako.yamada@gmail.com"));
    add_member_with_email(&mut store, "1038", "鈴木一郎", Some("suzuki.home@example.jp"));
    import(&mut store, "g01_gmail_numbered");
    import(&mut store, "g02_iphone_fullwidth");
    import(&mut store, "o02_newsletter");
    let mut harness = window(store, date(2026, 11, 20));
    harness.run();
    harness
}

/// Whether a field holds text containing `text`.
fn shows_value(harness: &Harness<'static, MadoguchiApp>, text: &str) -> bool {
    harness.query_all_by(|node| node.value().is_some_and(|v| v.contains(text))).next().is_some()
}

fn state_of(harness: &Harness<'static, MadoguchiApp>, n: usize) -> IntakeState {
    harness.state().store().intake_requests(None).expect("list")[n].state
}

#[test]
fn the_desk_accepts_a_clear_request_with_enter_and_checks_a_flagged_one_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = desk(&dir);
    harness.get_by_label("メールの予約依頼 (3)").click();
    harness.run();
    // The oldest request, beside its mail, with what is free now.
    assert!(harness.query_by_label_contains("読み取り: 1024 山田 花子／11月25日(水) 13:00〜14:30").is_some());
    assert!(harness.query_by_label_contains("③ 参加時間：13:00〜14:30").is_some(), "the mail beside it");
    assert!(harness.query_by_label_contains("いま空いている開始時刻:").is_some());

    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(state_of(&harness, 0), IntakeState::Accepted);
    let booked = harness.state().store().day_bookings(date(2026, 11, 25)).expect("bookings");
    assert_eq!(booked.len(), 1);
    assert!(harness.query_by_label("メールの予約依頼 (2)").is_some(), "the count follows");

    // 鈴木 wrote from an address not on file: Enter alone books nothing.
    assert!(harness.query_by_label_contains("差出人のアドレスが会員の登録にありません").is_some());
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(state_of(&harness, 1), IntakeState::Pending);
    assert!(harness.query_by_label_contains("確認が必要です").is_some());
    harness.get_by_label("要確認の点を確かめた").click();
    harness.run();
    harness.get_by_label("受け付ける (Enter)").click();
    harness.run();
    assert_eq!(state_of(&harness, 1), IntakeState::Accepted);
    assert_eq!(harness.state().store().day_bookings(date(2026, 11, 25)).expect("bookings").len(), 2);
}

#[test]
fn a_request_is_set_aside_only_with_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = desk(&dir);
    harness.get_by_label("メールの予約依頼 (3)").click();
    harness.run();
    harness.get_by_label_contains("その他 news@example-town.jp").click();
    harness.run();
    assert!(harness.query_by_label_contains("どれの依頼とも読めません").is_some());
    harness.get_by_label("見送る").click();
    harness.run();
    assert_eq!(state_of(&harness, 2), IntakeState::Pending);
    assert!(harness.query_by_label_contains("見送りの理由を入力してください").is_some());
    harness.get_by_label("見送る理由").click();
    harness.run();
    harness.get_by_label("見送る理由").type_text("お知らせのメール");
    harness.run();
    harness.get_by_label("見送る").click();
    harness.run();
    assert_eq!(state_of(&harness, 2), IntakeState::Dismissed);
    assert!(harness.query_by_label("メールの予約依頼 (2)").is_some());
}

#[test]
fn enter_does_not_accept_while_another_window_is_in_front() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = desk(&dir);
    harness.get_by_label("メールの予約依頼 (3)").click();
    harness.run();
    harness.get_by_label("メール相談").click();
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(state_of(&harness, 0), IntakeState::Pending, "the intake window is behind");
}

#[test]
fn fetching_with_no_mailbox_set_says_what_to_set() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = desk(&dir);
    harness.get_by_label("メールの予約依頼 (3)").click();
    harness.run();
    harness.get_by_label("今すぐ受信").click();
    run_until_shown(&mut harness, "受信サーバーが設定されていません");
}

#[test]
fn a_request_for_a_full_session_is_answered_with_the_free_days_the_desk_edits_before_it_goes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    add_member_with_email(&mut store, "1024", "山田 花子", Some("hanako.yamada@gmail.com"));
    fill_group_session(&mut store, date(2026, 11, 25));
    import(&mut store, "g01_gmail_numbered");
    let mut harness = window(store, date(2026, 11, 20));
    harness.run();
    harness.get_by_label("メールの予約依頼 (1)").click();
    harness.run();
    assert!(harness.query_by_label_contains("いま空いている開始時刻: 空きはありません").is_some());

    harness.get_by_label("空きを案内して返信…").click();
    // The reply takes the place of the buttons; the window's scroll areas settle over a
    // few frames.
    harness.run_steps(10);
    assert!(harness.query_by_label("宛先: hanako.yamada@gmail.com").is_some());
    assert!(shows_value(&harness, "・12月2日(水) 13:00〜14:30"), "the next free Wednesday, same hours");
    harness.get_by_label("本文:").click();
    harness.run();
    harness.get_by_label("本文:").type_text("担当 佐藤より。");
    harness.run();

    // An empty subject is refused beside the reply, and the edited text stays.
    harness.get_by_label("件名:").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.key_press(Key::Backspace);
    harness.run();
    harness.get_by_label("この内容で送る").click();
    harness.run();
    let problem = harness.get_by_label_contains("返信の件名を入力してください").rect();
    let send = harness.get_by_label("この内容で送る").rect();
    assert!(problem.top() >= send.bottom() && problem.top() - send.bottom() < 40.0, "said under the reply");
    assert!(shows_value(&harness, "担当 佐藤より"), "what was typed is kept");
    assert_eq!(state_of(&harness, 0), IntakeState::Pending);

    harness.get_by_label("件名:").click();
    harness.run();
    harness.get_by_label("件名:").type_text("12月のオンライン保健室について");
    harness.run();
    harness.get_by_label("この内容で送る").click();
    harness.run();
    assert_eq!(state_of(&harness, 0), IntakeState::Answered);
    assert!(harness.query_by_label_contains("空きを案内する返信を送信待ちに入れました").is_some());
    assert!(harness.query_by_label_contains("メールの予約依頼 (").is_none(), "nothing left to handle");
    let conn = rusqlite::Connection::open(db_path(&dir)).expect("open");
    let (to, subject, body, in_reply_to): (String, String, String, String) = conn
        .query_row("SELECT recipient, subject, body, in_reply_to FROM outbox WHERE kind = 'reply'", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .expect("the reply");
    assert_eq!(to, "hanako.yamada@gmail.com");
    assert_eq!(subject, "12月のオンライン保健室について");
    assert!(body.contains("担当 佐藤より。"), "the desk's words go: {body}");
    assert_eq!(in_reply_to, "CAK1x9p01@mail.gmail.com");
}

#[test]
fn a_request_handled_by_another_program_while_a_reply_is_written_leaves_with_a_word_and_nothing_is_sent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    add_member_with_email(&mut store, "1024", "山田 花子", Some("hanako.yamada@gmail.com"));
    fill_group_session(&mut store, date(2026, 11, 25));
    import(&mut store, "g01_gmail_numbered");
    let id = store.intake_requests(None).expect("list")[0].id;
    let mut harness = window(store, date(2026, 11, 20));
    harness.state_mut().set_data_check_interval(std::time::Duration::ZERO);
    harness.run();
    harness.get_by_label("メールの予約依頼 (1)").click();
    harness.run();
    harness.get_by_label("空きを案内して返信…").click();
    harness.run_steps(10);
    assert!(harness.query_by_label("この内容で送る").is_some());

    // The same request set aside from the command line, by another desk.
    let mut other = open(&db_path(&dir));
    other.dismiss_intake(id, "電話で受付済み").expect("dismiss");

    run_until_shown(&mut harness, &format!("依頼 {id} はほかの窓口かコマンドで「見送り」になりました"));
    assert!(harness.query_by_label("この内容で送る").is_none(), "the reply to it is gone");
    let conn = rusqlite::Connection::open(db_path(&dir)).expect("open");
    let replies: i64 =
        conn.query_row("SELECT count(*) FROM outbox WHERE kind = 'reply'", [], |r| r.get(0)).expect("count");
    assert_eq!(replies, 0);
}
