//! Reading the organisation's mailbox against a real IMAP server: Dovecot, started by the
//! test on 127.0.0.1 with a throwaway configuration, user file and maildir; the mails are
//! appended over IMAP by the test. Without Dovecot installed the tests say so and pass,
//! unless MADOGUCHI_REQUIRE_EXTERNAL=1, under which they fail (CI installs it).

mod common;
mod mail_server;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use madoguchi::domain::member::{ContactPreference, NewMember};
use madoguchi::domain::phone::PhoneNumber;
use madoguchi::mail::imap::{ImapError, fetch_new};
use madoguchi::mail::settings::{ImapSettings, Security};
use madoguchi::store::{Store, WhenFull};

const USER: &str = "desk";
const PASSWORD: &str = "kosugi-test-pw";

fn dovecot_binary() -> Option<PathBuf> {
    let candidates = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"];
    candidates.iter().map(PathBuf::from).find(|p| p.exists()).or_else(|| {
        std::env::var_os("PATH")
            .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join("dovecot")).find(|p| p.exists()))
    })
}

/// Dovecot, or `None` (with a message) when it is not installed and not required.
fn dovecot(dir: &Path) -> Option<Dovecot> {
    let Some(binary) = dovecot_binary() else {
        assert!(
            std::env::var("MADOGUCHI_REQUIRE_EXTERNAL").as_deref() != Ok("1"),
            "Dovecot (dovecot-imapd) is not installed and MADOGUCHI_REQUIRE_EXTERNAL=1"
        );
        eprintln!("skipped: Dovecot is not installed (apt-get install dovecot-imapd)");
        return None;
    };
    Some(Dovecot::start(&binary, dir))
}

/// The passwd entry (uid, gid) of a user, from /etc/passwd.
fn passwd_ids(name: &str) -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        (fields.first() == Some(&name)).then(|| Some((fields.get(2)?.parse().ok()?, fields.get(3)?.parse().ok()?)))?
    })
}

fn passwd_name(uid: u32) -> Option<String> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        (fields.get(2).and_then(|u| u.parse::<u32>().ok()) == Some(uid)).then(|| fields[0].to_owned())
    })
}

struct Dovecot {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Dovecot {
    fn start(binary: &Path, dir: &Path) -> Dovecot {
        use std::os::unix::fs::MetadataExt;
        let root = dir.join("dovecot");
        for sub in ["run", "state", "home"] {
            std::fs::create_dir_all(root.join(sub)).expect("dovecot folders");
        }
        std::fs::write(root.join("users"), format!("{USER}:{{PLAIN}}{PASSWORD}\n")).expect("user file");
        let me = std::fs::metadata(root.join("users")).expect("metadata").uid();
        // Run as root (a CI container), Dovecot wants its own unprivileged users for the
        // login processes and the mail; run as anyone else, it runs everything as them.
        let (login, internal, mail_user) = if me == 0 {
            let (uid, gid) = passwd_ids("dovecot").expect("the dovecot user the package creates");
            std::os::unix::fs::chown(root.join("home"), Some(uid), Some(gid)).expect("chown home");
            // The mail user must reach its home through the temp folders (made 0700).
            use std::os::unix::fs::PermissionsExt;
            for folder in [dir, root.as_path()] {
                std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o755)).expect("chmod");
            }
            ("dovenull".to_owned(), "dovecot".to_owned(), "dovecot".to_owned())
        } else {
            let name = passwd_name(me).expect("this user's name");
            (name.clone(), name.clone(), name)
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
        let root_text = root.display();
        let config = format!(
            "base_dir = {root_text}/run\nstate_dir = {root_text}/state\nlog_path = {root_text}/dovecot.log\n\
             protocols = imap\nlisten = 127.0.0.1\nssl = no\nfirst_valid_uid = 1\ndisable_plaintext_auth = no\nauth_mechanisms = plain\n\
             default_login_user = {login}\ndefault_internal_user = {internal}\ndefault_internal_group = {internal}\n\
             passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u {root_text}/users\n}}\n\
             userdb {{\n  driver = static\n  args = uid={mail_user} gid={mail_user} home={root_text}/home/%u\n}}\n\
             mail_location = maildir:~/Maildir\n\
             service imap-login {{\n  chroot =\n  inet_listener imap {{\n    address = 127.0.0.1\n    port = {port}\n  }}\n  inet_listener imaps {{\n    port = 0\n  }}\n}}\n\
             service anvil {{\n  chroot =\n}}\nservice stats {{\n  chroot =\n}}\n"
        );
        std::fs::write(root.join("dovecot.conf"), config).expect("config");
        let child = Command::new(binary)
            .arg("-F")
            .arg("-c")
            .arg(root.join("dovecot.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dovecot");
        let server = Dovecot { child, port, log: root.join("dovecot.log") };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "Dovecot did not listen: {:?}",
                std::fs::read_to_string(root.join("dovecot.log"))
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn settings(&self) -> ImapSettings {
        ImapSettings {
            host: "127.0.0.1".into(),
            port: self.port,
            security: Security::None,
            user: USER.into(),
            mailbox: "INBOX".into(),
        }
    }

    /// A client of the test's own: APPEND mails, read flags.
    fn client(&self) -> TestClient {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
        let mut client =
            TestClient { reader: BufReader::new(stream.try_clone().expect("clone")), writer: stream, tag: 0 };
        client.line();
        client.command(&format!("LOGIN {USER} {PASSWORD}"));
        client
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("Dovecot's log:\n{}", std::fs::read_to_string(&self.log).unwrap_or_default());
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct TestClient {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    tag: u32,
}

impl TestClient {
    fn line(&mut self) -> String {
        let mut line = String::new();
        self.reader.read_line(&mut line).expect("read");
        line
    }

    fn command(&mut self, command: &str) -> String {
        self.tag += 1;
        let tag = format!("t{}", self.tag);
        self.writer.write_all(format!("{tag} {command}\r\n").as_bytes()).expect("write");
        let mut all = String::new();
        loop {
            let line = self.line();
            all.push_str(&line);
            if line.starts_with(&tag) {
                assert!(line.starts_with(&format!("{tag} OK")), "{command}: {all}");
                return all;
            }
        }
    }

    fn append(&mut self, raw: &[u8]) {
        self.tag += 1;
        let tag = format!("t{}", self.tag);
        // LITERAL+: no wait for the server's go-ahead.
        self.writer.write_all(format!("{tag} APPEND INBOX {{{}+}}\r\n", raw.len()).as_bytes()).expect("write");
        self.writer.write_all(raw).expect("write");
        self.writer.write_all(b"\r\n").expect("write");
        loop {
            let line = self.line();
            if line.starts_with(&tag) {
                assert!(line.starts_with(&format!("{tag} OK")), "{line}");
                return;
            }
        }
    }
}

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
    store
        .add_member(&NewMember {
            number: "1024".into(),
            name: "山田 花子".into(),
            kana: "やまだ はなこ".into(),
            phones: vec![PhoneNumber::parse("044-863-8444").expect("phone")],
            email: Some("hanako.yamada@gmail.com".into()),
            preferred_contact: ContactPreference::Email,
            consent_on: Some(common::date(2026, 4, 1)),
            notes: String::new(),
        })
        .expect("member");
    store
}

#[test]
fn a_mornings_mail_is_read_once_and_nothing_on_the_server_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(server) = dovecot(dir.path()) else { return };
    let mut client = server.client();
    for name in MORNING {
        client.append(&corpus(name));
    }
    let mut store = desk(&dir);

    let first = fetch_new(&mut store, &server.settings(), PASSWORD).expect("fetch");
    assert_eq!((first.read, first.new_requests), (6, 6), "{first:?}");
    let kinds: Vec<&str> = store.intake_requests(None).expect("list").iter().map(|r| r.reading.kind.code()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "other").count(), 2, "{kinds:?}");

    let second = fetch_new(&mut store, &server.settings(), PASSWORD).expect("fetch again");
    assert_eq!((second.read, second.new_requests), (0, 0), "nothing is read twice");

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
    let mut client = server.client();
    for name in MORNING {
        client.append(&corpus(name));
    }
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
    let mut client = server.client();
    for name in MORNING {
        client.append(&corpus(name));
    }
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
