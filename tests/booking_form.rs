//! The phone booking flow through egui_kittest: find the member, book, read back.

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use madoguchi::domain::member::{ContactPreference, NewMember};
use madoguchi::domain::phone::PhoneNumber;
use madoguchi::domain::time::TimeOfDay;
use madoguchi::store::{Store, WhenFull};
use madoguchi::ui::app::{Command, MadoguchiApp};
use madoguchi::ui::widgets::time_grid::SessionKey;

fn harness(store: Store) -> Harness<'static, MadoguchiApp> {
    window(store, date(2026, 11, 24))
}

/// A desk with 山田 花子 (1234, 044-863-8444) and a few others.
fn desk(dir: &tempfile::TempDir) -> Store {
    let mut store = open(&db_path(dir));
    add_members(&mut store, 2001, 12);
    store
        .add_member(&NewMember {
            number: "1234".into(),
            name: "山田 花子".into(),
            kana: "やまだ はなこ".into(),
            phones: vec![PhoneNumber::parse("044-863-8444").expect("phone")],
            email: None,
            preferred_contact: ContactPreference::Phone,
            consent_on: Some(date(2026, 4, 1)),
            notes: String::new(),
        })
        .expect("member");
    store
}

fn open_form(harness: &mut Harness<'static, MadoguchiApp>) {
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
}

/// Types `date` over the form's date.
fn retype_date(harness: &mut Harness<'static, MadoguchiApp>, date: &str) {
    harness.get_by_label("予約日").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("予約日").type_text(date);
    harness.run();
}

#[test]
fn member_is_found_by_katakana_furigana() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(desk(&dir));
    open_form(&mut harness);
    harness.get_by_label("会員を検索").type_text("ヤマダ");
    harness.run();
    harness.get_by_label_contains("1234  山田 花子 様");
    assert!(harness.query_by_label_contains("試験").is_none());
}

#[test]
fn member_is_found_by_a_full_width_phone_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(desk(&dir));
    open_form(&mut harness);
    harness.get_by_label("会員を検索").type_text("０４４－８６３－８４４４");
    harness.run();
    harness.get_by_label_contains("山田 花子 様（やまだ はなこ）  044-863-8444");
}

#[test]
fn a_thirty_minute_consultation_is_booked_with_the_keyboard_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(desk(&dir));
    // Ctrl+N, the furigana, Enter to pick the member, Enter to save.
    open_form(&mut harness);
    harness.get_by_label("会員を検索").type_text("やまだ");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("11月25日(水) 11:00〜11:30 石井 電話相談（30分） 会員番号 1234 山田 花子 様");
    let bookings = harness.state().store().day_bookings(date(2026, 11, 25)).expect("bookings");
    assert_eq!(bookings.len(), 1);
    assert_eq!((bookings[0].member.number.as_str(), bookings[0].hours), ("1234", hours("11:00", "11:30")));
    // The grid shows the new count at once.
    harness.get_by_label("石井 相談 1/3枠");
}

#[test]
fn a_refused_booking_says_why_and_keeps_every_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = desk(&dir);
    // The group session is full for the whole afternoon.
    let group = service_id(&store, "hokenshitsu");
    let others: Vec<i64> =
        (2001..2011).map(|n| store.member_by_number(&n.to_string()).expect("read").expect("member").id).collect();
    for member in others {
        store
            .book(&request(member, group, date(2026, 11, 25), hours("13:00", "15:00")), WhenFull::Refuse)
            .expect("book");
    }
    let mut harness = harness(store);
    open_form(&mut harness);
    harness.get_by_label("会員を検索").type_text("1234");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("オンライン暮らしの保健室").click();
    harness.run();
    harness.get_by_label("備考").click();
    harness.run();
    harness.get_by_label("備考").type_text("娘さんが同席");
    harness.run();
    harness.get_by_label("予約する (Enter)").click();
    harness.run();
    harness.get_by_label_contains("定員 10 人に達しています");
    // Nothing typed was lost: the member, the service's times and the note are still there.
    harness.get_by_label_contains("1234 山田 花子 様");
    assert!(harness.get_all_by_value("娘さんが同席").count() >= 1);
    assert!(harness.get_all_by_value("13:00").count() >= 1);
    // The waitlist is offered, and takes the member in order.
    harness.get_by_label("キャンセル待ちに登録").click();
    harness.run();
    harness.get_by_label_contains("キャンセル待ち 1番 会員番号 1234 山田 花子 様");
}

#[test]
fn a_holiday_is_refused_with_its_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(desk(&dir));
    open_form(&mut harness);
    harness.get_by_label("会員を検索").type_text("1234");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    retype_date(&mut harness, "2026-09-23");
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("この日は予約を受け付けていません: 秋分の日（祝日）");
    assert!(harness.state().store().day_bookings(date(2026, 9, 23)).expect("bookings").is_empty());
}

#[test]
fn booking_at_a_chosen_time_in_the_grid_prefills_the_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = desk(&dir);
    let ishii = service_id(&store, "ishii");
    let mut harness = harness(store);
    harness.run();
    // What a double click on the afternoon block at 16:30 asks for.
    let key = SessionKey { service_id: ishii, date: date(2026, 11, 25), hours: hours("15:00", "17:00") };
    harness.state_mut().apply(Command::BookAt(key, TimeOfDay::hm(16, 30).expect("time")));
    harness.run();
    harness.get_by_label("会員を検索").type_text("1234");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("11月25日(水) 16:30〜17:00 石井 電話相談（30分） 会員番号 1234 山田 花子 様");
}

#[test]
fn a_past_date_is_booked_only_when_the_desk_ticks_it_as_a_late_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(desk(&dir));
    open_form(&mut harness);
    harness.get_by_label("会員を検索").type_text("1234");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    // Last Wednesday, as written on a paper booking.
    retype_date(&mut harness, "2026-11-18");
    harness.get_by_label_contains("過ぎた日付です");
    harness.get_by_label("予約する (Enter)").click();
    harness.run();
    harness.get_by_label_contains("2026年11月18日(水) は過ぎた日付です");
    let booked = |harness: &Harness<'static, MadoguchiApp>| {
        harness.state().store().day_bookings(date(2026, 11, 18)).expect("bookings").len()
    };
    assert_eq!(booked(&harness), 0, "nothing booked without the box");
    // The member picked is still there; ticking the box records the booking.
    harness.get_by_label_contains("1234 山田 花子 様");
    harness.get_by_label("過ぎた日の予約を記録として入力する（お知らせは送りません）").click();
    harness.run();
    harness.get_by_label("予約する (Enter)").click();
    harness.run();
    assert_eq!(booked(&harness), 1);
    // A record of a session already over sends the member nothing.
    assert!(harness.state().store().outbox_lines(None).expect("outbox").is_empty());
}
