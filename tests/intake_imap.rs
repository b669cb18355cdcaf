//! Reading the organisation's mailbox against a real IMAP server: Dovecot, started by the
//! test on 127.0.0.1 with a throwaway configuration, user file and maildir; the mails are
//! appended over IMAP by the test. Without Dovecot installed the tests say so and pass,
//! unless MADOGUCHI_REQUIRE_EXTERNAL=1, under which they fail (CI installs it).

mod common;
mod dovecot;
mod mail_server;

use std::path::Path;

use dovecot::{PASSWORD, STARTTLS_HOST, TestCa, USER, dovecot, dovecot_tls};

use madoguchi::mail::imap::{ImapError, fetch_new};
use madoguchi::mail::settings::{ImapSettings, Security};
use madoguchi::store::{Store, WhenFull};

fn corpus(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/data/intake/{name}.eml"))).expect("mail")
}

/// A morning's mail: requests for the group session and for 石井, a ドクターメール, a reply
/// to an earlier confirmation and a newsletter.
const MORNING: [&str; 6] = [
    "g01_gmail_numbered",
    "g02_iphone_fullwidth",
    "c01_gmail_numbered",
    "d01_gmail",
    "o01_thanks_reply",
    "o02_newsletter",
];

fn desk(dir: &tempfile::TempDir) -> Store {
    let mut store = common::open(&common::db_path(dir));
    common::add_member_with_email(&mut store, "1024", "山田 花子", Some("hanako.yamada@gmail.com"));
    store
}

#[test]
fn a_mornings_mail_is_read_once_and_nothing_on_the_server_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(server) = dovecot(dir.path()) else { return };
    morning_mail(&server);
    let mut store = desk(&dir);

    let first = fetch_new(&mut store, &server.settings(), PASSWORD).expect("fetch");
    assert_eq!((first.read, first.new_requests), (6, 6), "{first:?}");
    let kinds: Vec<&str> = store.intake_requests(None).expect("list").iter().map(|r| r.reading.kind.code()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "other").count(), 2, "{kinds:?}");

    let second = fetch_new(&mut store, &server.settings(), PASSWORD).expect("fetch again");
    assert_eq!((second.read, second.new_requests), (0, 0), "nothing is read twice");

    let mut client = server.client();
    client.append(&corpus("c03_slash_date_60min"));
    let third = fetch_new(&mut store, &server.settings(), PASSWORD).expect("fetch the new one");
    assert_eq!((third.read, third.new_requests), (1, 1));

    // Read-only: no message was marked read, moved or deleted.
    client.command("EXAMINE INBOX");
    let flags = client.command("FETCH 1:* (FLAGS)");
    assert_eq!(flags.matches(" FETCH ").count(), 7, "{flags}");
    assert!(!flags.contains("\\Seen") && !flags.contains("\\Deleted"), "{flags}");
}

#[test]
fn a_changed_uidvalidity_reads_the_mailbox_again_without_duplicate_requests() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(server) = dovecot(dir.path()) else { return };
    morning_mail(&server);
    let mut store = desk(&dir);
    fetch_new(&mut store, &server.settings(), PASSWORD).expect("fetch");
    // As if the server had renumbered its messages since.
    let (validity, last) = store.intake_mailbox_position("INBOX").expect("read").expect("a position");
    store.set_intake_mailbox_position("INBOX", validity.wrapping_add(1), last).expect("set");

    let again = fetch_new(&mut store, &server.settings(), PASSWORD).expect("fetch again");
    assert!(again.renumbered);
    assert_eq!((again.read, again.new_requests), (6, 0), "{again:?}");
    assert_eq!(store.intake_requests(None).expect("list").len(), 6);
}

#[test]
fn a_request_from_the_mailbox_accepted_gets_a_threaded_reply_over_smtp() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(server) = dovecot(dir.path()) else { return };
    server.client().append(&corpus("g01_gmail_numbered"));
    let mut store = desk(&dir);
    fetch_new(&mut store, &server.settings(), PASSWORD).expect("fetch");
    let request = store.intake_requests(None).expect("list").remove(0);
    store.accept_intake(request.id, WhenFull::Refuse, false).expect("accept");

    let smtp = mail_server::TestSmtp::start();
    store.set_setting("smtp.security", "none").expect("security");
    store.set_setting("smtp.host", "127.0.0.1").expect("host");
    store.set_setting("smtp.port", &smtp.port().to_string()).expect("port");
    store.set_setting("smtp.timeout", "5").expect("timeout");
    let now = common::date(2026, 11, 20).and_hms_opt(12, 0, 0).expect("time");
    let summary = madoguchi::mail::send_due(&mut store, now, |_, _| {}).expect("send");
    assert_eq!(summary.sent, 1);
    let received = smtp.received();
    assert_eq!(received[0].to, vec!["hanako.yamada@gmail.com".to_owned()]);
    let mail = mail_server::decode(&received[0].data);
    assert_eq!(mail.header("In-Reply-To"), Some("<CAK1x9p01@mail.gmail.com>"));
    assert_eq!(mail.header("References"), Some("<CAK1x9p01@mail.gmail.com>"));
}

#[test]
fn a_wrong_password_is_said_in_japanese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(server) = dovecot(dir.path()) else { return };
    let mut store = desk(&dir);
    let err = fetch_new(&mut store, &server.settings(), "wrong").expect_err("refused");
    assert!(matches!(err, ImapError::Login(_)), "{err:?}");
    assert!(err.to_string().contains("ログインできません"), "{err}");
}

#[test]
fn the_window_reads_the_mailbox_with_the_password_from_the_keyring() {
    use egui_kittest::kittest::Queryable;
    static MOCK: std::sync::Once = std::sync::Once::new();
    MOCK.call_once(|| {
        madoguchi::mail::secret::use_store(keyring_core::mock::Store::new().expect("mock keyring"));
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(server) = dovecot(dir.path()) else { return };
    morning_mail(&server);
    let mut store = desk(&dir);
    for (key, value) in [
        ("imap.security", "none"),
        ("imap.host", "127.0.0.1"),
        ("imap.port", &server.port.to_string()),
        ("imap.user", USER),
    ] {
        store.set_setting(key, value).expect("setting");
    }
    madoguchi::mail::secret::set_imap_password("127.0.0.1", USER, PASSWORD).expect("keyring");
    let mut harness = common::window(store, common::date(2026, 11, 20));
    harness.run();
    // Opening the window reads the mailbox at once (then every few minutes).
    harness.get_by_label("メールの予約依頼").click();
    common::run_until_shown(&mut harness, "新しい依頼 6 件");
    assert!(harness.query_by_label("メールの予約依頼 (6)").is_some());
}

/// Appends the morning's mail through the test's own client.
fn morning_mail(server: &dovecot::Dovecot) {
    let mut client = server.client();
    for name in MORNING {
        client.append(&corpus(name));
    }
}

/// Nothing was read: no request, and no position remembered in the mailbox.
fn assert_nothing_read(store: &Store) {
    assert!(store.intake_requests(None).expect("list").is_empty());
    assert_eq!(store.intake_mailbox_position("INBOX").expect("position"), None);
}

#[test]
fn a_mailbox_over_tls_is_read_trusting_the_desks_own_ca() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(server) = dovecot_tls(dir.path()) else { return };
    morning_mail(&server);
    let mut store = desk(&dir);
    let summary = fetch_new(&mut store, &server.tls_settings(), PASSWORD).expect("fetch over TLS");
    assert_eq!((summary.read, summary.new_requests), (6, 6), "{summary:?}");
    let again = fetch_new(&mut store, &server.tls_settings(), PASSWORD).expect("fetch again");
    assert_eq!(again.read, 0);
}

#[test]
fn a_mailbox_over_starttls_is_read_and_the_password_goes_only_inside_tls() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(server) = dovecot_tls(dir.path()) else { return };
    morning_mail(&server);
    // The proof's premise: this server refuses the right password sent before TLS.
    let refused = server.clear_text_login(STARTTLS_HOST);
    assert!(refused.contains(" NO ") || refused.contains(" BAD "), "{refused}");
    let mut store = desk(&dir);
    let in_clear = ImapSettings { security: Security::None, ..server.starttls_settings() };
    assert!(matches!(fetch_new(&mut store, &in_clear, PASSWORD), Err(ImapError::Login(_))));

    // So a login that succeeds there was sent inside TLS.
    let summary = fetch_new(&mut store, &server.starttls_settings(), PASSWORD).expect("fetch over STARTTLS");
    assert_eq!((summary.read, summary.new_requests), (6, 6), "{summary:?}");
}

#[test]
fn a_certificate_not_trusted_is_refused_in_japanese_and_nothing_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(server) = dovecot_tls(dir.path()) else { return };
    morning_mail(&server);
    let mut store = desk(&dir);
    let another_ca = TestCa::make(&dir.path().join("another"));
    for (settings, why) in [
        // Only the public roots.
        (ImapSettings { ca_file: None, ..server.tls_settings() }, "発行元が信頼されていない"),
        (ImapSettings { ca_file: None, ..server.starttls_settings() }, "発行元が信頼されていない"),
        // Another CA (of the same name) than the one that signed the server's certificate.
        (ImapSettings { ca_file: Some(another_ca.ca_file.clone()), ..server.tls_settings() }, "署名を確かめられません"),
    ] {
        let err = fetch_new(&mut store, &settings, PASSWORD).expect_err("refused");
        assert!(matches!(err, ImapError::Certificate { .. }), "{:?}: {err:?}", settings.security);
        let message = err.to_string();
        assert!(message.contains("証明書を信頼できません") && message.contains(why), "{message}");
        assert_nothing_read(&store);
    }
}

#[test]
fn a_server_without_starttls_is_refused_when_starttls_is_chosen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(server) = dovecot(dir.path()) else { return };
    morning_mail(&server);
    let mut store = desk(&dir);
    let settings = ImapSettings { security: Security::StartTls, ..server.settings() };
    let err = fetch_new(&mut store, &settings, PASSWORD).expect_err("refused");
    assert!(matches!(err, ImapError::NoStartTls), "{err:?}");
    assert!(err.to_string().contains("STARTTLS に対応していません"), "{err}");
    assert_nothing_read(&store);
}

#[test]
fn the_trusted_certificate_file_is_checked_when_it_is_set() {
    use madoguchi::mail::settings::{MailSettings, SettingError, check_value};
    let dir = tempfile::tempdir().expect("tempdir");
    let store = desk(&dir);
    let current = MailSettings::load(&store).expect("settings");
    let ca = TestCa::make(&dir.path().join("ca"));
    let saved = check_value("imap.ca_file", &ca.ca_file.display().to_string(), &current).expect("a CA file");
    assert_eq!(std::path::PathBuf::from(saved), ca.ca_file);

    let missing = check_value("imap.ca_file", &dir.path().join("nothing.pem").display().to_string(), &current);
    assert!(matches!(missing, Err(SettingError::CaFile(_))), "{missing:?}");
    assert!(missing.is_err_and(|e| e.to_string().contains("見つかりません")));
    // A key is no certificate.
    let key = check_value("imap.ca_file", &ca.server_key.display().to_string(), &current);
    assert!(key.is_err_and(|e| e.to_string().contains("証明書がありません")));
    // Cleared: back to the public roots only.
    assert_eq!(check_value("imap.ca_file", "  ", &current), Ok(String::new()));
}

#[test]
fn a_trusted_certificate_file_gone_since_it_was_set_is_said_before_connecting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = desk(&dir);
    let settings = ImapSettings {
        host: "127.0.0.1".into(),
        port: 9,
        security: Security::Tls,
        user: USER.into(),
        mailbox: "INBOX".into(),
        ca_file: Some(dir.path().join("moved-away.pem")),
    };
    let err = fetch_new(&mut store, &settings, PASSWORD).expect_err("refused");
    assert!(err.to_string().contains("moved-away.pem"), "{err}");
}

#[test]
fn trying_the_mailbox_from_the_window_says_how_many_mails_it_holds_and_reads_none() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(server) = dovecot_tls(dir.path()) else { return };
    morning_mail(&server);
    let store = desk(&dir);
    let ca_file = server.tls.as_ref().expect("TLS").ca_file.display().to_string();
    let mut window = common::window(store, common::date(2026, 11, 20));
    window.get_by_label("メール").click();
    window.run();
    window.get_by_label("受信設定").click();
    window.run();
    common::replace_text(&mut window, "受信サーバー（IMAP）", "127.0.0.1");
    common::replace_text(&mut window, "受信ポート", &server.tls_port.expect("TLS port").to_string());
    common::replace_text(&mut window, "受信のユーザー名", USER);
    common::replace_text(&mut window, "受信のパスワード", PASSWORD);

    // First without the organisation's certificate: refused, said in Japanese.
    window.get_by_label("受信を試す").click();
    common::run_until_shown(&mut window, "証明書を信頼できません");

    common::replace_text(&mut window, "信頼する証明書ファイル", &ca_file);
    window.get_by_label("受信を試す").click();
    common::run_until_shown(&mut window, "フォルダ「INBOX」には 6 通のメールがあります");
    // A try is no fetch and no save: nothing read, nothing set, and the password still typed.
    assert_nothing_read(window.state().store());
    assert_eq!(window.state().store().setting("imap.host").expect("setting"), None);
    // (The field shows one dot a character.)
    assert_eq!(common::field_value(&window, "受信のパスワード").chars().count(), PASSWORD.len());
    let flags = server.client().command("EXAMINE INBOX");
    assert!(flags.contains("* 6 EXISTS"), "{flags}");
    assert!(window.query_by_label_contains("受信できませんでした").is_none());
}
