//! Who is at the desk and what each role may do, in the window (egui_kittest) and the
//! store: switching with two keys, each role's refusal and the manager's PIN, every change
//! recorded as the person who made it, the audit log in Japanese, and mail texts that wait
//! for a manager's approval.

mod common;

use common::*;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use madoguchi::domain::booking::BookingState;
use madoguchi::domain::message::MessageKind;
use madoguchi::domain::staff::{Role, StaffMember};
use madoguchi::domain::templates::Template;
use madoguchi::store::{AuditFilter, Store, TemplateSaved, WhenFull};
use madoguchi::ui::app::MadoguchiApp;

const MANAGER_PIN: &str = "2580";

/// A desk with the manager (PIN 2580), 田中 (スタッフ) and 佐藤 (受付), and a booking.
fn desk(dir: &tempfile::TempDir) -> (Store, i64) {
    let mut store = open(&db_path(dir));
    let manager = store.desk_staff().expect("staff").remove(0);
    store.update_staff(manager.id, "鈴木", Role::Manager, true).expect("rename the manager");
    store.set_staff_pin(manager.id, Some(MANAGER_PIN)).expect("pin");
    store.add_staff("田中", Role::Staff).expect("add");
    store.add_staff("佐藤", Role::Reception).expect("add");
    let member = add_members(&mut store, 1001, 1)[0];
    let booking = store
        .book(
            &request(member, service_id(&store, "ishii"), date(2026, 12, 2), hours("11:00", "11:30")),
            WhenFull::Refuse,
        )
        .expect("book");
    (store, booking.id)
}

fn staff_named(store: &Store, name: &str) -> StaffMember {
    store.desk_staff().expect("staff").into_iter().find(|s| s.name == name).expect("on the staff")
}

fn window_on(store: Store) -> Harness<'static, MadoguchiApp> {
    let mut harness = window(store, date(2026, 11, 30));
    harness.run();
    harness
}

/// F2, then the person's number in the list (managers first, then staff, then reception).
fn switch_with_two_keys(harness: &mut Harness<'static, MadoguchiApp>, number: Key) {
    harness.key_press(Key::F2);
    harness.run();
    harness.get_by_label("窓口の交代");
    harness.key_press(number);
    harness.run();
}

#[test]
fn a_new_database_starts_with_one_manager_at_the_desk_who_is_asked_to_set_a_pin() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(&db_path(&dir));
    let staff = store.desk_staff().expect("staff");
    assert_eq!(staff.len(), 1);
    assert_eq!((staff[0].role, staff[0].has_pin), (Role::Manager, false));
    let harness = window_on(store);
    harness.get_by_label("窓口: 管理者（管理者）");
    harness.get_by_label_contains("管理者のPINがまだ設定されていません");
}

#[test]
fn two_keys_switch_who_is_at_the_desk_and_a_pin_holder_is_asked_for_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, _) = desk(&dir);
    let mut harness = window_on(store);
    // The manager holds a PIN, so the window opens with someone without one, the least role first.
    assert_eq!(harness.state().at_desk().name, "佐藤");
    switch_with_two_keys(&mut harness, Key::Num2);
    harness.get_by_label("窓口: 田中（スタッフ）");
    assert_eq!(harness.state().store().actor(), ("田中", Role::Staff));
    // To the manager: a wrong PIN is refused beside the field, the right one switches.
    switch_with_two_keys(&mut harness, Key::Num1);
    harness.get_by_label("PIN").type_text("1111");
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("PINが違います。もう一度入力してください");
    harness.get_by_label("窓口: 田中（スタッフ）");
    harness.get_by_label("PIN").type_text(MANAGER_PIN);
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("窓口: 鈴木（管理者）");
    assert!(harness.query_by_label("窓口の交代").is_none(), "the switch closed");
}

#[test]
fn a_receptionist_is_asked_for_a_managers_pin_for_the_settings_and_it_is_recorded_as_the_managers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, _) = desk(&dir);
    store.come_to_desk(&staff_named(&store, "佐藤")).expect("at the desk");
    let mut harness = window_on(store);
    harness.get_by_label("窓口: 佐藤（受付）");
    harness.get_by_label("設定").click();
    harness.run();
    harness.get_by_label("この操作は管理者だけができます。管理者がPINを入力してください。");
    assert!(harness.query_by_label("定員（同時に）").is_none(), "the settings stay closed");
    harness.get_by_label("PIN").type_text("0000");
    harness.get_by_label("確認").click();
    harness.run();
    harness.get_by_label("PINが違います。もう一度入力してください");
    assert!(harness.query_by_label("定員（同時に）").is_none(), "a wrong PIN opens nothing");
    harness.get_by_label("PIN").type_text(MANAGER_PIN);
    harness.get_by_label("確認").click();
    harness.run();
    harness.get_by_label("定員（同時に）");
    harness.get_by_label_contains("鈴木（管理者）がPINで確認して操作中");
    assert_eq!(harness.state().store().actor(), ("鈴木", Role::Manager));
    // Closing the settings hands the desk back to her.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("定員（同時に）").is_none());
    assert_eq!(harness.state().store().actor(), ("佐藤", Role::Reception));
    assert!(harness.query_by_label_contains("PINで確認して操作中").is_none());
}

#[test]
fn each_role_is_refused_what_it_may_not_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, booking) = desk(&dir);
    let mut harness = window_on(store);
    // スタッフ: the day list opens; the settings, the staff list, the audit log and a
    // restore ask for the manager's PIN.
    switch_with_two_keys(&mut harness, Key::Num2);
    harness.get_by_label("窓口: 田中（スタッフ）");
    harness.get_by_label_contains("当日名簿").click();
    harness.run();
    harness.get_by_label("話したいテーマを載せる");
    harness.key_press(Key::Escape);
    harness.run();
    for button in ["設定", "職員", "監査ログ"] {
        harness.get_by_label(button).click();
        harness.run();
        harness.get_by_label("この操作は管理者だけができます。管理者がPINを入力してください。");
        harness.key_press(Key::Escape);
        harness.run();
        assert!(harness.query_by_label_contains("この操作は管理者だけが").is_none(), "{button}: closed");
    }
    harness.get_by_label("データの管理").click();
    harness.run();
    harness.get_by_label_contains("バックアップから復元").click();
    harness.run();
    harness.get_by_label("この操作は管理者だけができます。管理者がPINを入力してください。");
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    // 受付: the day list and attendance ask for a PIN of someone who has the role.
    switch_with_two_keys(&mut harness, Key::Num3);
    harness.get_by_label("窓口: 佐藤（受付）");
    harness.get_by_label_contains("当日名簿").click();
    harness.run();
    harness.get_by_label("この操作はスタッフだけができます。スタッフがPINを入力してください。");
    // 田中 has no PIN: the manager, who may do all a スタッフ may, is asked.
    harness.get_by_label("鈴木（管理者）");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("話したいテーマを載せる").is_none());
    harness.state_mut().apply(madoguchi::ui::app::Command::SetAttendance(booking, BookingState::Attended));
    harness.run();
    harness.get_by_label("この操作はスタッフだけができます。スタッフがPINを入力してください。");
    assert_eq!(harness.state().store().booking(booking).expect("booking").state, BookingState::Confirmed);
}

#[test]
fn the_audit_log_shows_who_made_each_change_in_japanese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, booking) = desk(&dir);
    // 佐藤 at the desk cancels the booking.
    store.set_staff_actor(&staff_named(&store, "佐藤"));
    store.cancel(booking, "体調不良").expect("cancel");
    let history = store.history("booking", booking).expect("history");
    assert_eq!(history.last().map(|h| h.actor.as_str()), Some("佐藤"), "the booking's history names her");
    let cancelled_by: String = rusqlite::Connection::open(db_path(&dir))
        .expect("open")
        .query_row("SELECT cancelled_by FROM bookings WHERE id = ?1", [booking], |r| r.get(0))
        .expect("row");
    assert_eq!(cancelled_by, "佐藤");
    // The audit log is the manager's.
    let err = store.audit_log(&AuditFilter::default()).expect_err("not hers");
    assert_eq!(err.to_string(), "この操作は管理者だけができます");
    let manager = staff_named(&store, "鈴木");
    store.come_to_desk(&manager).expect("the manager at the desk");
    let sato = AuditFilter { actor: "佐藤".into(), ..AuditFilter::default() };
    let rows = store.audit_log(&sato).expect("log");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].member, Some(("1001".into(), "試験 太郎1001".into())));
    let by_member = AuditFilter { member: "しけん".into(), ..AuditFilter::default() };
    assert_eq!(store.audit_log(&by_member).expect("log").len(), 3, "added, booked, cancelled");

    // The manager holds a PIN: the window opens with someone else, and she switches in.
    let mut harness = window_on(open(&db_path(&dir)));
    switch_with_two_keys(&mut harness, Key::Num1);
    harness.get_by_label("PIN").type_text(MANAGER_PIN);
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("窓口: 鈴木（管理者）");
    harness.get_by_label("監査ログ").click();
    harness.run();
    harness.get_by_label("会員番号・氏名").click();
    harness.run();
    harness.get_by_label("会員番号・氏名").type_text("1001");
    harness.run();
    harness.get_by_label("検索").click();
    harness.run();
    harness.get_by_label("3件（新しい順）");
    harness.get_by_label("予約のキャンセル");
    harness.get_by_label("状態: 確定 → キャンセル、キャンセルの理由: なし → 体調不良");
    assert!(harness.query_all_by_label("佐藤").count() >= 1, "her name in the row");
    assert!(harness.query_all_by_label_contains("{").next().is_none(), "no JSON shown");
    // Saved for the record where no dialog opens: the path typed, the file written, the
    // saving itself recorded.
    harness.state_mut().set_file_dialogs(madoguchi::ui::file_dialogs::FileDialogs::Unavailable);
    harness.get_by_label("CSV に保存…").click();
    run_until_shown(&mut harness, "このパスに保存");
    let out = dir.path().join("監査ログ.csv");
    harness.get_by_label("パス").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness.get_by_label("パス").type_text(&out.display().to_string());
    harness.get_by_label("このパスに保存").click();
    run_until(&mut harness, "the audit CSV", |_| out.exists());
    run_until_shown(&mut harness, "保存しました");
    let csv = std::fs::read_to_string(&out).expect("csv");
    assert!(csv.contains("佐藤,予約のキャンセル,1001,試験 太郎1001,状態: 確定 → キャンセル"), "{csv}");
    let rows = harness.state().store().audit_log(&AuditFilter::default()).expect("log");
    assert_eq!(rows[0].action, "audit.export");
    assert_eq!(rows[0].actor, "鈴木");
}

#[test]
fn a_text_changed_by_someone_else_waits_for_the_manager_and_the_approved_text_is_sent_meanwhile() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, _) = desk(&dir);
    let group = service_id(&store, "hokenshitsu");
    let (approved, _) = store.mail_template(group, MessageKind::Confirmation).expect("template");
    store.set_staff_actor(&staff_named(&store, "田中"));
    let draft = Template {
        subject: "ご予約ありがとうございます".into(), body: "{{会員名}} 様\n\n承りました。".into()
    };
    let saved = store.set_mail_template(group, MessageKind::Confirmation, Some(&draft)).expect("saved");
    assert_eq!(saved, TemplateSaved::Draft);
    assert_eq!(store.mail_template(group, MessageKind::Confirmation).expect("template").0, approved, "still sent");
    let waiting = store.mail_template_draft(group, MessageKind::Confirmation).expect("draft").expect("waits");
    assert_eq!((waiting.drafted_by.as_str(), waiting.template.as_ref()), ("田中", Some(&draft)));
    let err = store.approve_mail_template(group, MessageKind::Confirmation).expect_err("not hers to approve");
    assert!(err.is_refusal());

    store.set_staff_actor(&staff_named(&store, "鈴木"));
    store.approve_mail_template(group, MessageKind::Confirmation).expect("approved");
    assert_eq!(store.mail_template(group, MessageKind::Confirmation).expect("template").0, draft);
    assert!(store.mail_template_draft(group, MessageKind::Confirmation).expect("draft").is_none());
    let log =
        store.audit_log(&AuditFilter { actions: vec!["template.".into()], ..AuditFilter::default() }).expect("log");
    let recorded: Vec<(&str, &str)> = log.iter().map(|r| (r.actor.as_str(), r.action.as_str())).collect();
    assert_eq!(recorded, [("鈴木", "template.approve"), ("田中", "template.draft")]);
}

#[test]
fn in_the_mail_window_a_draft_is_shown_and_the_manager_approves_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, _) = desk(&dir);
    let group = service_id(&store, "hokenshitsu");
    store.set_staff_actor(&staff_named(&store, "田中"));
    let draft = Template { subject: "新しい件名".into(), body: "{{会員名}} 様".into() };
    store.set_mail_template(group, MessageKind::Confirmation, Some(&draft)).expect("draft");
    store.come_to_desk(&staff_named(&store, "佐藤")).expect("at the desk");
    let mut harness = window_on(store);
    harness.get_by_label("メール").click();
    harness.run();
    harness.get_by_label("文面").click();
    harness.run();
    harness.get_by_label_contains("承認待ちの案（田中");
    harness.get_by_label("この案を承認").click();
    harness.run();
    harness.get_by_label("この操作は管理者だけができます。管理者がPINを入力してください。");
    harness.get_by_label("PIN").type_text(MANAGER_PIN);
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("承認しました。これから送るメールに使われます。");
    assert_eq!(harness.state().store().mail_template(group, MessageKind::Confirmation).expect("t").0, draft);
    let store = open(&db_path(&dir));
    let history = store.history("service", group).expect("history");
    assert_eq!(history.last().map(|h| (h.actor.as_str(), h.action.as_str())), Some(("鈴木", "template.approve")));
}

fn madoguchi(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("USER", "yamada")
        .output()
        .expect("run madoguchi")
}

#[test]
fn the_command_line_records_the_named_staff_member_or_itself_and_keeps_to_her_role() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, booking) = desk(&dir);
    drop(store);
    let db = db_path(&dir);
    let out = madoguchi(&db, &["--staff", "佐藤", "cancel", &booking.to_string(), "--reason", "体調不良"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let history = open(&db).history("booking", booking).expect("history");
    assert_eq!(history.last().map(|h| h.actor.as_str()), Some("佐藤"));
    // Without --staff: the operating system's user, marked as the command line.
    let out = madoguchi(
        &db,
        &[
            "member",
            "add",
            "--number",
            "2001",
            "--name",
            "山田 花子",
            "--kana",
            "やまだ はなこ",
            "--phone",
            "044-863-8444",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut store = open(&db);
    store.set_staff_actor(&staff_named(&store, "鈴木"));
    let rows = store.audit_log(&AuditFilter { member: "2001".into(), ..AuditFilter::default() }).expect("log");
    assert_eq!(rows[0].actor, "yamada（コマンドライン）");
    // A receptionist named on the command line may not do a manager's action.
    let out = madoguchi(&db, &["--staff", "佐藤", "import-members", "nothing.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("この操作は管理者だけができます（佐藤さんは受付）"));
    let out = madoguchi(&db, &["--staff", "誰か", "services"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("職員「誰か」は登録されていません"));
}

#[test]
fn the_manager_adds_a_receptionist_and_sets_her_pin_in_the_staff_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = window_on(open(&db_path(&dir)));
    harness.get_by_label("職員").click();
    harness.run();
    // An empty name is refused beside the line.
    harness.get_by_label("登録").click();
    harness.run();
    harness.get_by_label("名前を入力してください");
    harness.get_by_label("新しい職員の名前").click();
    harness.run();
    harness.get_by_label("新しい職員の名前").type_text("佐藤");
    harness.run();
    harness.get_by_label("登録").click();
    harness.run();
    harness.get_by_label("登録しました");
    harness.get_by_label("佐藤のPIN").click();
    harness.run();
    harness.get_by_label("佐藤のPIN").type_text("12");
    harness.run();
    harness.get_by_label("佐藤のPIN").click();
    harness.get_all_by_label("PINを設定").nth(1).expect("her row").click();
    harness.run();
    harness.get_by_label("PINは4〜8桁の数字で入力してください");
    let sato = staff_named(harness.state().store(), "佐藤");
    assert_eq!((sato.role, sato.has_pin), (Role::Reception, false));
}
