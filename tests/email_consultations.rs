//! The doctor's email consultation through the window: request, agreed time, done.

mod common;

use common::*;
use egui_kittest::kittest::Queryable;
use madoguchi::domain::email_consultation::EmailConsultationState;

#[test]
fn a_request_gets_an_agreed_time_and_is_marked_done() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    add_members(&mut store, 1001, 2);
    let mut harness = window(store, date(2026, 11, 24));
    harness.run();
    harness.get_by_label("メール相談").click();
    harness.run();
    harness.get_by_label("調整中・確定の依頼はありません。");

    // An unknown member number is explained; nothing is recorded.
    harness.get_by_label("会員番号").click();
    harness.run();
    harness.get_by_label("会員番号").type_text("9999");
    harness.get_by_label("依頼を記録").click();
    harness.run();
    harness.get_by_label("その会員番号の会員はいません");
    assert!(harness.state().store().open_email_consultations().expect("open").is_empty());

    harness.get_by_label("会員番号").click();
    harness.run();
    for _ in 0..4 {
        harness.key_press(egui::Key::Backspace);
    }
    harness.get_by_label("会員番号").type_text("1002");
    harness.get_by_label("依頼を記録").click();
    harness.run();
    harness.get_by_label_contains("1002 試験 太郎1002 様 依頼日 11月24日(火)");

    harness.get_by_label("確定日").click();
    harness.run();
    harness.get_by_label("確定日").type_text("11/26");
    harness.get_by_label("時刻").click();
    harness.run();
    harness.get_by_label("時刻").type_text("10:30");
    harness.get_by_label("日時を確定").click();
    harness.run();
    harness.get_by_label_contains("1002 試験 太郎1002 様 11月26日(木) 10:30");
    let open = harness.state().store().open_email_consultations().expect("open");
    assert_eq!(open[0].consultation.state, EmailConsultationState::Agreed);
    assert_eq!(harness.state().week().days[3].appointments.len(), 1, "the agreed time shows in the week");

    harness.get_by_label("済にする").click();
    harness.run();
    harness.get_by_label("調整中・確定の依頼はありません。");
}
