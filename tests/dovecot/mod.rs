//! Dovecot for the IMAP tests and the fetch benchmark: started on 127.0.0.1 with a
//! throwaway configuration, user file and maildir under a temp folder, stopped when
//! dropped. Without Dovecot installed, [`dovecot`] says so and gives `None`, unless
//! MADOGUCHI_REQUIRE_EXTERNAL=1, under which it fails.
//!
//! [`dovecot_tls`] starts one that requires TLS, with a CA and a server certificate for
//! 127.0.0.1, 127.0.0.2 and localhost made by the test: TLS from the first byte on one
//! port, STARTTLS on another. Dovecot counts a connection whose two ends have the same
//! address as secure and lets it log in in clear text (the test's own client appends the
//! mails that way, on 127.0.0.1); from 127.0.0.1 to 127.0.0.2 (still this machine) it
//! refuses any password sent before TLS, which is how the tests prove none is.
//!
//! The configuration is written in Dovecot 2.3's syntax (Debian 12's 2.3.19); 2.4 changed
//! it, and the harness says so rather than start a server configured otherwise.
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

/// The Dovecot binary, checked to be a version the configuration here is written for;
/// `None` (with a message) when it is not installed and not required.
fn installed_dovecot() -> Option<PathBuf> {
    let Some(binary) = dovecot_binary() else {
        assert!(
            std::env::var("MADOGUCHI_REQUIRE_EXTERNAL").as_deref() != Ok("1"),
            "Dovecot (dovecot-imapd) is not installed and MADOGUCHI_REQUIRE_EXTERNAL=1"
        );
        eprintln!("skipped: Dovecot is not installed (apt-get install dovecot-imapd)");
        return None;
    };
    check_version(&binary);
    Some(binary)
}

/// Dovecot, or `None` (with a message) when it is not installed and not required.
pub fn dovecot(dir: &Path) -> Option<Dovecot> {
    let binary = installed_dovecot()?;
    Some(Dovecot::start(&binary, dir, None))
}

/// Dovecot with `ssl = required` and certificates from a CA the test made (see the top).
pub fn dovecot_tls(dir: &Path) -> Option<Dovecot> {
    let binary = installed_dovecot()?;
    let tls = TestCa::make(&dir.join("certificates"));
    Some(Dovecot::start(&binary, dir, Some(tls)))
}

/// The configuration below is Dovecot 2.3's.
fn check_version(binary: &Path) {
    let out = Command::new(binary).arg("--version").output().expect("dovecot --version");
    let version = String::from_utf8_lossy(&out.stdout).to_string();
    let mut numbers = version.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse::<u32>().ok());
    let (major, minor) = (numbers.next().unwrap_or(0), numbers.next().unwrap_or(0));
    assert!(
        (major, minor) < (2, 4),
        "Dovecot {version}: the test harness (tests/dovecot) writes a Dovecot 2.3 configuration; 2.4 needs its own"
    );
}

/// A CA made for one test, and a server certificate it signed for this machine's names.
pub struct TestCa {
    /// The CA's certificate: what a desk would name as `imap.ca_file`.
    pub ca_file: PathBuf,
    pub server_cert: PathBuf,
    pub server_key: PathBuf,
}

impl TestCa {
    pub fn make(dir: &Path) -> TestCa {
        use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair, KeyUsagePurpose};
        std::fs::create_dir_all(dir).expect("certificate folder");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.distinguished_name.push(DnType::CommonName, "madoguchi test CA");
        ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().expect("CA key")).expect("CA");
        let names = vec!["localhost".to_owned(), "127.0.0.1".to_owned(), "127.0.0.2".to_owned()];
        let mut server_params = CertificateParams::new(names).expect("server parameters");
        server_params.distinguished_name.push(DnType::CommonName, "localhost");
        let server_key = KeyPair::generate().expect("server key");
        let server = server_params.signed_by(&server_key, &ca).expect("server certificate");
        let tls = TestCa {
            ca_file: dir.join("ca.pem"),
            server_cert: dir.join("server.pem"),
            server_key: dir.join("server.key"),
        };
        std::fs::write(&tls.ca_file, ca.pem()).expect("write CA");
        std::fs::write(&tls.server_cert, server.pem()).expect("write certificate");
        std::fs::write(&tls.server_key, server_key.serialize_pem()).expect("write key");
        tls
    }
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
    /// Plain IMAP on 127.0.0.1 (for the test's own client); with TLS, the same port offers
    /// STARTTLS on 127.0.0.2.
    pub port: u16,
    /// With TLS: the port of TLS from the first byte on 127.0.0.1.
    pub tls_port: Option<u16>,
    /// With TLS: the CA and certificates the server uses.
    pub tls: Option<TestCa>,
    log: PathBuf,
}

/// Where STARTTLS is tested: this machine, but not the address Dovecot counts as secure.
pub const STARTTLS_HOST: &str = "127.0.0.2";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port()
}

impl Dovecot {
    fn start(binary: &Path, dir: &Path, tls: Option<TestCa>) -> Dovecot {
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
        let port = free_port();
        let tls_port = tls.as_ref().map(|_| free_port());
        let root_text = root.display();
        let (ssl, listeners) = match (&tls, tls_port) {
            (Some(tls), Some(tls_port)) => (
                format!(
                    "ssl = required\nssl_cert = <{}\nssl_key = <{}\ndisable_plaintext_auth = yes\n",
                    tls.server_cert.display(),
                    tls.server_key.display()
                ),
                format!(
                    "  inet_listener imap {{\n    address = 127.0.0.1, {STARTTLS_HOST}\n    port = {port}\n  }}\n\
                     \x20 inet_listener imaps {{\n    address = 127.0.0.1\n    port = {tls_port}\n    ssl = yes\n  }}\n"
                ),
            ),
            _ => (
                "ssl = no\ndisable_plaintext_auth = no\n".to_owned(),
                format!(
                    "  inet_listener imap {{\n    address = 127.0.0.1\n    port = {port}\n  }}\n\
                     \x20 inet_listener imaps {{\n    port = 0\n  }}\n"
                ),
            ),
        };
        let config = format!(
            "base_dir = {root_text}/run\nstate_dir = {root_text}/state\nlog_path = {root_text}/dovecot.log\n\
             protocols = imap\nlisten = 127.0.0.1\n{ssl}first_valid_uid = 1\nmail_fsync = never\nauth_mechanisms = plain\n\
             default_login_user = {login}\ndefault_internal_user = {internal}\ndefault_internal_group = {internal}\n\
             passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u {root_text}/users\n}}\n\
             userdb {{\n  driver = static\n  args = uid={mail_user} gid={mail_user} home={root_text}/home/%u\n}}\n\
             mail_location = maildir:~/Maildir\n\
             service imap-login {{\n  chroot =\n{listeners}}}\n\
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
        let server = Dovecot { child, port, tls_port, tls, log: root.join("dovecot.log") };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err()
            || tls_port.is_some_and(|p| TcpStream::connect(("127.0.0.1", p)).is_err())
        {
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
            ca_file: None,
        }
    }

    /// TLS from the first byte to 127.0.0.1, trusting the test's CA (as a desk would).
    pub fn tls_settings(&self) -> ImapSettings {
        ImapSettings {
            port: self.tls_port.expect("a Dovecot started with TLS"),
            security: Security::Tls,
            ca_file: self.tls.as_ref().map(|t| t.ca_file.clone()),
            ..self.settings()
        }
    }

    /// STARTTLS to 127.0.0.2, where a password sent before TLS would be refused.
    pub fn starttls_settings(&self) -> ImapSettings {
        ImapSettings {
            host: STARTTLS_HOST.into(),
            security: Security::StartTls,
            ca_file: self.tls.as_ref().map(|t| t.ca_file.clone()),
            ..self.settings()
        }
    }

    /// A client of the test's own: APPEND mails, read flags.
    pub fn client(&self) -> TestClient {
        let mut client = TestClient::connect("127.0.0.1", self.port);
        client.command(&format!("LOGIN {USER} {PASSWORD}"));
        client
    }

    /// What the server answers to the right password sent in clear text to `host`, before
    /// any TLS: the tagged line, whether OK or not.
    pub fn clear_text_login(&self, host: &str) -> String {
        let mut client = TestClient::connect(host, self.port);
        client.answer(&format!("LOGIN {USER} {PASSWORD}"))
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
    /// Connected and greeted, not logged in.
    fn connect(host: &str, port: u16) -> TestClient {
        let stream = TcpStream::connect((host, port)).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
        let mut client =
            TestClient { reader: BufReader::new(stream.try_clone().expect("clone")), writer: stream, tag: 0 };
        client.line();
        client
    }

    /// Sends a command and gives its tagged answer line, whatever it says.
    pub fn answer(&mut self, command: &str) -> String {
        self.tag += 1;
        let tag = format!("t{}", self.tag);
        self.writer.write_all(format!("{tag} {command}\r\n").as_bytes()).expect("write");
        loop {
            let line = self.line();
            assert!(!line.is_empty(), "the server closed the connection after {command}");
            if line.starts_with(&tag) {
                return line;
            }
        }
    }

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
