//! Dovecot for the IMAP tests and the fetch benchmark: started on 127.0.0.1 with a
//! throwaway configuration, user file and maildir under a temp folder, stopped when
//! dropped. Without Dovecot installed, [`dovecot`] says so and gives `None`, unless
//! MADOGUCHI_REQUIRE_EXTERNAL=1, under which it fails.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use madoguchi::mail::settings::{ImapSettings, Security};

pub const USER: &str = "desk";
pub const PASSWORD: &str = "kosugi-test-pw";

fn dovecot_binary() -> Option<PathBuf> {
    let candidates = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"];
    candidates.iter().map(PathBuf::from).find(|p| p.exists()).or_else(|| {
        std::env::var_os("PATH")
            .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join("dovecot")).find(|p| p.exists()))
    })
}

/// Dovecot, or `None` (with a message) when it is not installed and not required.
pub fn dovecot(dir: &Path) -> Option<Dovecot> {
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

pub struct Dovecot {
    child: Child,
    pub port: u16,
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
             protocols = imap\nlisten = 127.0.0.1\nssl = no\nfirst_valid_uid = 1\nmail_fsync = never\ndisable_plaintext_auth = no\nauth_mechanisms = plain\n\
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

    pub fn settings(&self) -> ImapSettings {
        ImapSettings {
            host: "127.0.0.1".into(),
            port: self.port,
            security: Security::None,
            user: USER.into(),
            mailbox: "INBOX".into(),
        }
    }

    /// A client of the test's own: APPEND mails, read flags.
    pub fn client(&self) -> TestClient {
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

pub struct TestClient {
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

    pub fn command(&mut self, command: &str) -> String {
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

    pub fn append(&mut self, raw: &[u8]) {
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
