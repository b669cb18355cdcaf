//! The desk's keyboard flow around a phone booking: Enter and Esc act only in the part of
//! the window that has the focus, the cursor is where the next keystroke belongs, a new
//! member is handed to the booking form, and a taken start is said to be taken.

mod common;

use common::*;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use madoguchi::domain::booking::BookingState;
use madoguchi::domain::member::{ContactPreference, NewMember};
use madoguchi::domain::phone::PhoneNumber;
use madoguchi::domain::time::TimeOfDay;
use madoguchi::store::{Store, WhenFull};
use madoguchi::ui::app::{Command, MadoguchiApp};
use madoguchi::ui::views::member_editor::MemberEditor;
use madoguchi::ui::widgets::time_grid::SessionKey;

const WEDNESDAY: (i32, u32, u32) = (2026, 11, 25);

fn wednesday() -> chrono::NaiveDate {
    date(WEDNESDAY.0, WEDNESDAY.1, WEDNESDAY.2)
}

fn member(store: &mut Store, number: &str, name: &str, kana: &str, phone: &str) -> i64 {
    store
        .add_member(&NewMember {
            number: number.into(),
            name: name.into(),
            kana: kana.into(),
            phones: vec![PhoneNumber::parse(phone).expect("phone")],
            email: None,
            preferred_contact: ContactPreference::Phone,
            consent_on: Some(date(2026, 4, 1)),
            notes: String::new(),
        })
        .expect("member")
}

/// A desk with 山田 花子 (1234) and twelve others (2001–2012).
fn desk(dir: &tempfile::TempDir) -> Store {
    let mut store = open(&db_path(dir));
    add_members(&mut store, 2001, 12);
    member(&mut store, "1234", "山田 花子", "やまだ はなこ", "044-863-8444");
    store
}

fn harness(store: Store) -> Harness<'static, MadoguchiApp> {
    window(store, date(2026, 11, 24))
}

fn bookings_on_wednesday(harness: &Harness<'static, MadoguchiApp>) -> usize {
    harness.state().store().day_bookings(wednesday()).expect("bookings").len()
}

/// Ctrl+N, the member's number, Enter: the booking form with the member picked, so that a
/// stray Enter reaching the form would book.
fn form_with_member_picked(harness: &mut Harness<'static, MadoguchiApp>, number: &str) {
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_label("会員を検索").type_text(number);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

fn ishii_morning(store: &Store) -> SessionKey {
    SessionKey { service_id: service_id(store, "ishii"), date: wednesday(), hours: hours("11:00", "12:30") }
}

#[test]
fn enter_in_the_member_window_saves_the_member_and_books_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = desk(&dir);
    let yamada = store.member_by_number("1234").expect("read").expect("member").id;
    let mut harness = harness(store);
    form_with_member_picked(&mut harness, "1234");
    harness.state_mut().apply(Command::OpenMember(yamada));
    harness.run();

    harness.get_by_label("電話番号2").click();
    harness.run();
    harness.get_by_label("電話番号2").type_text("090-1111-2222");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();

    assert_eq!(bookings_on_wednesday(&harness), 0, "the form behind the window booked nothing");
    let saved = harness.state().store().member(yamada).expect("member");
    assert_eq!(saved.phones.len(), 2, "Enter saved the member's second phone");
    harness.get_by_label_contains("保存しました 1234 山田 花子 様");
}

#[test]
fn enter_in_the_cancel_reason_field_books_and_cancels_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = desk(&dir);
    let other = store.member_by_number("2001").expect("read").expect("member").id;
    let ishii = service_id(&store, "ishii");
    let booked =
        store.book(&request(other, ishii, wednesday(), hours("11:00", "11:30")), WhenFull::Refuse).expect("booked");
    let key = ishii_morning(&store);
    let mut harness = harness(store);
    form_with_member_picked(&mut harness, "1234");
    harness.state_mut().apply(Command::SelectSession(key));
    harness.state_mut().apply(Command::FocusBooking(booked.id));
    harness.run();

    harness.get_by_label("キャンセル理由").click();
    harness.run();
    harness.get_by_label("キャンセル理由").type_text("体調不良");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();

    let lines = harness.state().store().day_bookings(wednesday()).expect("bookings");
    assert_eq!(lines.len(), 1, "the booking form behind booked nothing");
    assert_eq!(lines[0].state, BookingState::Confirmed, "Enter alone does not cancel");
}

#[test]
fn esc_closes_only_the_topmost_window_and_unsaved_edits_are_asked_about() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(desk(&dir));
    form_with_member_picked(&mut harness, "1234");
    harness.get_by_label("会員の登録").click();
    harness.run();
    assert!(harness.state().windows().is_open::<MemberEditor>());

    // Something typed: Esc asks instead of dropping it.
    harness.event(Event::Text("鈴木".into()));
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().windows().is_open::<MemberEditor>(), "unsaved edits keep the window open");
    harness.get_by_label("保存していない変更があります。");
    harness.get_by_label("戻る").click();
    harness.run();
    assert!(harness.query_by_label("保存していない変更があります。").is_none());
    assert!(harness.get_all_by_value("鈴木").count() >= 1, "back to the form with what was typed");

    harness.key_press(Key::Escape);
    harness.run();
    harness.get_by_label("保存せずに閉じる").click();
    harness.run();
    assert!(!harness.state().windows().is_open::<MemberEditor>());
    harness.get_by_label("予約する (Enter)");

    // With no window above it, Esc closes the booking form.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("予約する (Enter)").is_none());
    assert_eq!(bookings_on_wednesday(&harness), 0);
}

#[test]
fn after_a_booking_the_cursor_waits_in_the_cleared_search() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(desk(&dir));
    form_with_member_picked(&mut harness, "1234");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(bookings_on_wednesday(&harness), 1);
    let read_back = "11月25日(水) 11:00〜11:30 石井 電話相談（30分） 会員番号 1234 山田 花子 様";
    harness.get_by_label(read_back);

    // The next caller's number, typed without a click or Ctrl+N.
    harness.run();
    assert!(harness.get_by_label("会員を検索").is_focused());
    harness.event(Event::Text("2003".into()));
    harness.run();
    harness.get_by_label_contains("2003  試験 太郎2003 様");
    harness.get_by_label(read_back);
}

#[test]
fn tab_from_a_picked_member_goes_to_the_service_and_stays_in_the_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(desk(&dir));
    form_with_member_picked(&mut harness, "1234");
    harness.key_press(Key::Tab);
    harness.run();
    assert!(
        harness.get_by_label("オンライン暮らしの保健室").is_focused(),
        "one Tab from the search reaches the service"
    );

    // Round the form and back to the search, never through the toolbar.
    let mut back_in_search = false;
    for _ in 0..40 {
        harness.key_press(Key::Tab);
        harness.run();
        assert!(!harness.get_by_label("会員の登録").is_focused(), "Tab stays out of the toolbar");
        back_in_search |= harness.get_by_label("会員を検索").is_focused();
    }
    assert!(back_in_search, "Tab from the form's last widget goes round to the search");
    assert_eq!(bookings_on_wednesday(&harness), 0);
}

#[test]
fn itou_ranks_the_ito_family_above_saito_and_enter_picks_ito() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    // 斎藤 has the lower number: number order would put her first.
    member(&mut store, "1001", "斎藤 和子", "さいとう かずこ", "044-111-2222");
    member(&mut store, "1002", "伊藤 正", "いとう ただし", "044-333-4444");
    let mut harness = harness(store);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_label("会員を検索").type_text("イトウ");
    harness.run();
    let ito = harness.get_by_label_contains("1002  伊藤 正 様").rect();
    let saito = harness.get_by_label_contains("1001  斎藤 和子 様").rect();
    assert!(ito.top() < saito.top(), "伊藤 above 斎藤");
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label_contains("1002 伊藤 正 様（いとう ただし）");
}

#[test]
fn a_double_click_on_a_taken_start_keeps_the_member_and_offers_the_nearest_free_starts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = desk(&dir);
    let other = store.member_by_number("2001").expect("read").expect("member").id;
    let ishii = service_id(&store, "ishii");
    store.book(&request(other, ishii, wednesday(), hours("11:00", "11:30")), WhenFull::Refuse).expect("booked");
    let key = ishii_morning(&store);
    let mut harness = harness(store);
    form_with_member_picked(&mut harness, "1234");

    // What a double click on 11:00 of the morning block asks for.
    harness.state_mut().apply(Command::BookAt(key, TimeOfDay::hm(11, 0).expect("time")));
    harness.run();
    harness.get_by_label("11:00 は予約が入っています。空いている開始時刻: 11:30、12:00、15:00");
    harness.get_by_label_contains("1234 山田 花子 様（やまだ はなこ）");
    assert_eq!(bookings_on_wednesday(&harness), 1, "nothing booked in the caller's name");

    // One of the offered starts, and the member is booked there.
    harness.get_by_label("11:30").click();
    harness.run();
    harness.get_by_label("予約する (Enter)").click();
    harness.run();
    harness.get_by_label("11月25日(水) 11:30〜12:00 石井 電話相談（30分） 会員番号 1234 山田 花子 様");
}

#[test]
fn a_new_member_gets_the_next_number_no_consent_every_error_at_once_and_goes_to_the_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(desk(&dir));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_label("会員の登録").click();
    harness.run();
    assert!(harness.get_all_by_value("2013").count() >= 1, "the next free number is filled in");
    assert!(harness.query_by_label("同意日").is_none(), "consent is not ticked before the caller agrees");

    // Every wrong field is named at once.
    harness.get_by_label("保存").click();
    harness.run();
    harness.get_by_label("氏名を入力してください");
    harness.get_by_label("ふりがなを入力してください");
    harness.get_by_label("連絡先として電話番号かメールアドレスを入力してください");

    // The cursor was in the name field: typing goes there.
    harness.get_by_label("氏名").click();
    harness.run();
    harness.event(Event::Text("佐藤 次郎".into()));
    harness.run();
    harness.get_by_label("ふりがな").click();
    harness.run();
    harness.event(Event::Text("さとう じろう".into()));
    harness.run();
    harness.get_by_label("電話番号").click();
    harness.run();
    harness.event(Event::Text("044-555-6666".into()));
    harness.run();
    harness.get_by_label("保存して予約へ").click();
    harness.run();

    assert!(!harness.state().windows().is_open::<MemberEditor>());
    let saved = harness.state().store().member_by_number("2013").expect("read").expect("saved");
    assert_eq!((saved.name.as_str(), saved.consent_on), ("佐藤 次郎", None));
    harness.get_by_label_contains("2013 佐藤 次郎 様（さとう じろう）");
    // The member is the caller: Enter books.
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("11月25日(水) 11:00〜11:30 石井 電話相談（30分） 会員番号 2013 佐藤 次郎 様");
}

#[test]
fn the_new_member_window_opens_with_the_cursor_in_the_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(desk(&dir));
    harness.run();
    harness.get_by_label("会員の登録").click();
    harness.run();
    harness.run();
    assert!(harness.get_by_label("氏名").is_focused());
    harness.event(Event::Text("佐藤".into()));
    harness.run();
    assert!(harness.get_all_by_value("佐藤").count() >= 1);
    // Enter in a field saves: here the window says what is missing, and nothing closes.
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("ふりがなを入力してください");
}
