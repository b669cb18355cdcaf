//! 「個人情報の請求」 in egui_kittest: the manager discloses a member's data to a file,
//! erases a member after cancelling their future booking, and sees who has no booking for
//! years; the booking form marks members without recorded consent.

mod common;

use common::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use madoguchi::domain::member::ContactPreference;
use madoguchi::domain::phone::PhoneNumber;
use madoguchi::store::{NewMember, Store, WhenFull};
use madoguchi::ui::app::MadoguchiApp;
use madoguchi::ui::file_dialogs::FileDialogs;
use madoguchi::ui::text;

/// Members 1001–1002 (consent recorded) with a consultation on Wednesday 2 December for
/// 1001, and 1003 registered without consent.
fn desk(path: &std::path::Path) -> Store {
    let mut store = open(path);
    let members = add_members(&mut store, 1001, 2);
    let ishii = service_id(&store, "ishii");
    store.book(&request(members[0], ishii, date(2026, 12, 2), hours("11:00", "11:30")), WhenFull::Refuse).unwrap();
    store
        .add_member(&NewMember {
            number: "1003".into(),
            name: "同意 まだ".into(),
            kana: "どうい まだ".into(),
            phones: vec![PhoneNumber::parse("044-811-1003").unwrap()],
            email: None,
            preferred_contact: ContactPreference::Phone,
            consent_on: None,
            notes: String::new(),
        })
        .unwrap();
    store
}

fn privacy_window(store: Store) -> Harness<'static, MadoguchiApp> {
    let mut harness = window(store, date(2026, 11, 30));
    harness.state_mut().set_file_dialogs(FileDialogs::Unavailable);
    harness.run();
    harness.get_by_label(text::PRIVACY_BUTTON).click();
    harness.run();
    harness
}

fn call_up(harness: &mut Harness<'static, MadoguchiApp>, number: &str) {
    type_into(harness, text::PRIVACY_NUMBER, number);
    harness.get_by_label(text::PRIVACY_FIND).click();
    harness.run();
}

/// Clicks what may lie below the window's scrolled part, as the desk would after scrolling.
fn click(harness: &mut Harness<'static, MadoguchiApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

fn type_into(harness: &mut Harness<'static, MadoguchiApp>, label: &str, value: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(label).type_text(value);
    harness.run();
}

#[test]
fn the_manager_erases_a_member_after_cancelling_their_future_booking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = privacy_window(desk(&db_path(&dir)));
    call_up(&mut harness, "1001");
    harness.get_by_label_contains("1001 試験 太郎1001");
    harness.get_by_label("削除").click();
    harness.run();
    harness.get_by_label_contains(text::ERASE_FUTURE);
    assert!(harness.query_by_label(text::ERASE_BUTTON).is_none(), "no erasure while a booking is ahead");
    harness.get_by_label(text::ERASE_CANCEL_FUTURE).click();
    harness.run();
    harness.get_by_label_contains(text::CANCELLED_FUTURE);

    type_into(&mut harness, text::PRIVACY_IDENTITY, "会員証と登録の電話番号");
    type_into(&mut harness, text::ERASE_REASON, "退会のため");
    harness.get_by_label_contains(text::ERASE_BACKUPS);
    click(&mut harness, text::ERASE_CONFIRM);
    click(&mut harness, text::ERASE_BUTTON);
    harness.get_by_label_contains("会員番号 1001 の個人情報を削除しました（予約 1 件は人数として残ります");
    let store = harness.state().store();
    assert!(store.member_by_number("1001").unwrap().is_none());
    let requests = store.data_requests(1).unwrap();
    assert_eq!(requests[0].identity_check, "会員証と登録の電話番号");
    assert_eq!(requests[0].requested_by, "本人");
}

#[test]
fn an_erasure_record_naming_the_member_is_refused_beside_the_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = privacy_window(desk(&db_path(&dir)));
    call_up(&mut harness, "1002");
    harness.get_by_label("削除").click();
    harness.run();
    type_into(&mut harness, text::PRIVACY_IDENTITY, "試験 太郎1002 さんの声で確認");
    type_into(&mut harness, text::ERASE_REASON, "退会のため");
    click(&mut harness, text::ERASE_CONFIRM);
    click(&mut harness, text::ERASE_BUTTON);
    harness.get_by_label_contains("本人確認の方法に会員の氏名");
    assert!(harness.state().store().member_by_number("1002").unwrap().is_some(), "nothing erased");
}

#[test]
fn a_disclosure_saved_to_a_typed_path_is_written_and_recorded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = privacy_window(desk(&db_path(&dir)));
    call_up(&mut harness, "1001");
    type_into(&mut harness, text::PRIVACY_IDENTITY, "会員証");
    harness.get_by_label(text::DISCLOSE_PDF).click();
    run_until_shown(&mut harness, text::NO_FILE_DIALOG);
    let target = dir.path().join("開示.pdf");
    type_into(&mut harness, text::PATH_LABEL, &target.display().to_string());
    harness.get_by_label(text::SAVE_TO_PATH).click();
    run_until_shown(&mut harness, "開示の書類を保存しました");
    assert!(std::fs::read(&target).unwrap().starts_with(b"%PDF"));
    let requests = harness.state().store().data_requests(1).unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].detail, "PDF を作成");
}

#[test]
fn members_without_recorded_consent_are_marked_in_the_search_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = window(desk(&db_path(&dir)), date(2026, 11, 30));
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run();
    harness.get_by_label(text::MEMBER_SEARCH).type_text("100");
    harness.run();
    harness.get_by_label_contains(&format!(
        "1003  同意 まだ 様（どうい まだ）  044-811-1003  【{}】",
        text::NO_CONSENT_MARK
    ));
    let consented = harness.get_by_label_contains("1001  試験 太郎1001");
    assert!(!format!("{consented:?}").contains(text::NO_CONSENT_MARK));
}
