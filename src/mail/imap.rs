//! Reading the organisation's mailbox for booking requests, over IMAP, read-only: the
//! folder is opened with EXAMINE and messages are fetched with BODY.PEEK, so nothing on
//! the server is moved, flagged or deleted. The mailbox's UIDVALIDITY and the highest UID
//! read are remembered in the store, so each message is read once; when the server
//! renumbers (a new UIDVALIDITY) everything is read again and the Message-IDs keep each
//! request single.
//!
//! The connection is TLS from the first byte or upgraded with STARTTLS; plain text only to
//! a server on this machine (as for SMTP). The password comes from the OS keyring.
//! A small client of our own: the few commands needed (LOGIN, EXAMINE, UID FETCH, LOGOUT)
//! and their responses, literals included.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use super::incoming;
use super::settings::{ImapSettings, Security, is_local_host};
use crate::store::{Store, StoreError};

/// How long the server may be silent before the fetch gives up.
const TIMEOUT: Duration = Duration::from_secs(60);
/// Messages asked for in one UID FETCH: a first read of a large mailbox goes in pieces.
const BATCH: u32 = 200;

#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    #[error("受信サーバー {host}:{port} に接続できません（{reason}）")]
    Connect { host: String, port: u16, reason: String },
    #[error("暗号化（TLS）を始められません: {0}")]
    Tls(String),
    #[error(
        "受信サーバー {host} の証明書を信頼できません（{reason}）。社内のサーバーなど独自の証明書を使うサーバーなら、その証明書のファイルを「信頼する証明書ファイル」（imap.ca_file）に設定してください"
    )]
    Certificate { host: String, reason: String },
    #[error(transparent)]
    CaFile(#[from] super::trust::CaFileError),
    #[error("暗号化なし（none）は、このパソコン上のサーバーにだけ使えます。{0} には tls か starttls を選んでください")]
    PlainToRemote(String),
    #[error("受信サーバーにログインできません（ユーザー名とパスワードを確かめてください）: {0}")]
    Login(String),
    #[error(
        "受信サーバーが STARTTLS に対応していません。暗号化を TLS にしてください（imap.security = tls）。暗号化なしでパスワードを送ることはしません"
    )]
    NoStartTls,
    #[error("受信フォルダ「{mailbox}」を開けません: {reason}")]
    Mailbox { mailbox: String, reason: String },
    #[error("受信サーバーの応答が読めません: {0}")]
    Protocol(String),
    #[error("受信サーバーとの通信が途切れました（{0}）")]
    Io(String),
    #[error("ユーザー名かパスワードに改行や使えない文字が含まれています")]
    BadCredentials,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<std::io::Error> for ImapError {
    fn from(err: std::io::Error) -> ImapError {
        ImapError::Io(crate::store::io_reason(&err))
    }
}

/// What a fetch did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FetchSummary {
    /// Messages read from the server this time.
    pub read: usize,
    /// New requests recorded (the rest were read before, by their Message-ID).
    pub new_requests: usize,
    /// Messages that were no mail (named by UID), skipped.
    pub unreadable: Vec<u32>,
    /// The mailbox had been renumbered (a new UIDVALIDITY) and was read again from the start.
    pub renumbered: bool,
}

enum Stream {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ClientConnection, TcpStream>>),
    /// While the plain connection is handed over to TLS after STARTTLS.
    Upgrading,
}

fn upgrading() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::NotConnected, "STARTTLS")
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
            Stream::Upgrading => Err(upgrading()),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
            Stream::Upgrading => Err(upgrading()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
            Stream::Upgrading => Err(upgrading()),
        }
    }
}

/// One response line from the server, with the literals (`{n}` and n bytes) it carried.
struct Response {
    text: String,
    literals: Vec<Vec<u8>>,
}

struct Session {
    stream: Stream,
    buffer: Vec<u8>,
    tag: u32,
}

fn tls_config(ca_file: Option<&Path>) -> Result<Arc<rustls::ClientConfig>, ImapError> {
    let mut roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    if let Some(path) = ca_file {
        for certificate in super::trust::trusted_certificates(path)? {
            roots.add(certificate).map_err(|e| ImapError::Tls(e.to_string()))?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ImapError::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

fn wrap_tls(tcp: TcpStream, host: &str, config: Arc<rustls::ClientConfig>) -> Result<Stream, ImapError> {
    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    let name = rustls::pki_types::ServerName::try_from(host.to_owned()).map_err(|e| ImapError::Tls(e.to_string()))?;
    let connection = rustls::ClientConnection::new(config, name).map_err(|e| ImapError::Tls(e.to_string()))?;
    let mut stream = rustls::StreamOwned::new(connection, tcp);
    // Finish the handshake now, so a certificate problem is said as such.
    while stream.conn.is_handshaking() {
        stream.conn.complete_io(&mut stream.sock).map_err(|e| handshake_error(e, host))?;
    }
    Ok(Stream::Tls(Box::new(stream)))
}

/// A failed handshake: a certificate the desk cannot trust is told apart, with why.
fn handshake_error(err: std::io::Error, host: &str) -> ImapError {
    use rustls::CertificateError as Cert;
    let Some(rustls::Error::InvalidCertificate(problem)) =
        err.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>())
    else {
        return ImapError::Tls(err.to_string());
    };
    let reason = match problem {
        Cert::UnknownIssuer => "発行元が信頼されていない証明書です".to_owned(),
        Cert::NotValidForName | Cert::NotValidForNameContext { .. } => {
            format!("証明書が {host} のものではありません")
        }
        Cert::Expired | Cert::ExpiredContext { .. } => "証明書の有効期限が切れています".to_owned(),
        Cert::NotValidYet | Cert::NotValidYetContext { .. } => "証明書がまだ有効になっていません".to_owned(),
        Cert::Revoked => "証明書が失効しています".to_owned(),
        // An issuer of the same name was trusted, but it did not sign this certificate.
        Cert::BadSignature => {
            "証明書の署名を確かめられません（信頼する証明書ファイルが別の発行元のものかもしれません）".to_owned()
        }
        other => format!("{other:?}"),
    };
    ImapError::Certificate { host: host.to_owned(), reason }
}

fn no_tls_config() -> ImapError {
    ImapError::Tls("TLS の設定がありません".into())
}

/// An IMAP quoted string; CR, LF and NUL cannot be sent in one.
fn quoted(text: &str) -> Result<String, ImapError> {
    if text.chars().any(|c| matches!(c, '\r' | '\n' | '\0')) {
        return Err(ImapError::BadCredentials);
    }
    Ok(format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"")))
}

impl Session {
    fn connect(settings: &ImapSettings) -> Result<Session, ImapError> {
        if settings.security == Security::None && !is_local_host(&settings.host) {
            return Err(ImapError::PlainToRemote(settings.host.clone()));
        }
        // The trusted certificates are read first: a file gone since it was set is said
        // as such, not as a connection problem.
        let tls = match settings.security {
            Security::None => None,
            Security::Tls | Security::StartTls => Some(tls_config(settings.ca_file.as_deref())?),
        };
        let connect_error =
            |reason: String| ImapError::Connect { host: settings.host.clone(), port: settings.port, reason };
        let tcp = TcpStream::connect((settings.host.as_str(), settings.port))
            .map_err(|e| connect_error(crate::store::io_reason(&e)))?;
        tcp.set_read_timeout(Some(TIMEOUT))?;
        tcp.set_write_timeout(Some(TIMEOUT))?;
        let stream = match settings.security {
            Security::Tls => wrap_tls(tcp, &settings.host, tls.clone().ok_or_else(no_tls_config)?)?,
            Security::StartTls | Security::None => Stream::Plain(tcp),
        };
        let mut session = Session { stream, buffer: Vec::new(), tag: 0 };
        let greeting = session.read_response()?;
        if !greeting.text.starts_with("* OK") && !greeting.text.starts_with("* PREAUTH") {
            return Err(ImapError::Protocol(greeting.text));
        }
        if settings.security == Security::StartTls {
            let (_, status) = session.command("STARTTLS")?;
            if !status.starts_with("OK") {
                return Err(ImapError::NoStartTls);
            }
            let Stream::Plain(tcp) = std::mem::replace(&mut session.stream, Stream::Upgrading) else {
                return Err(ImapError::Protocol("STARTTLS".into()));
            };
            session.stream = wrap_tls(tcp, &settings.host, tls.ok_or_else(no_tls_config)?)?;
            session.buffer.clear();
        }
        Ok(session)
    }

    /// Reads up to the next CRLF from the server, more bytes as needed.
    fn read_line(&mut self) -> Result<Vec<u8>, ImapError> {
        loop {
            if let Some(at) = self.buffer.windows(2).position(|w| w == b"\r\n") {
                let line: Vec<u8> = self.buffer.drain(..at + 2).take(at).collect();
                return Ok(line);
            }
            self.fill()?;
        }
    }

    fn fill(&mut self) -> Result<(), ImapError> {
        let mut chunk = [0u8; 16 * 1024];
        let n = self.stream.read(&mut chunk)?;
        if n == 0 {
            return Err(ImapError::Io("サーバーが接続を閉じました".into()));
        }
        self.buffer.extend_from_slice(&chunk[..n]);
        Ok(())
    }

    fn read_exact_bytes(&mut self, n: usize) -> Result<Vec<u8>, ImapError> {
        while self.buffer.len() < n {
            self.fill()?;
        }
        Ok(self.buffer.drain(..n).collect())
    }

    /// One response: a line, and for each `{n}` it ends with, n bytes and the line's rest.
    fn read_response(&mut self) -> Result<Response, ImapError> {
        let mut text = String::new();
        let mut literals = Vec::new();
        loop {
            let line = self.read_line()?;
            let line = String::from_utf8_lossy(&line).into_owned();
            let size = line
                .strip_suffix('}')
                .and_then(|rest| rest.rfind('{').map(|at| &rest[at + 1..]))
                .and_then(|digits| digits.parse::<usize>().ok());
            text.push_str(&line);
            match size {
                Some(n) if n <= incoming::MAX_MAIL_BYTES => literals.push(self.read_exact_bytes(n)?),
                Some(n) => return Err(ImapError::Protocol(format!("{n} バイトのメッセージは大きすぎます"))),
                None => return Ok(Response { text, literals }),
            }
        }
    }

    /// Sends a command; returns the untagged responses and the tagged status ("OK …").
    fn command(&mut self, command: &str) -> Result<(Vec<Response>, String), ImapError> {
        self.tag += 1;
        let tag = format!("m{}", self.tag);
        self.stream.write_all(format!("{tag} {command}\r\n").as_bytes())?;
        self.stream.flush()?;
        let mut untagged = Vec::new();
        loop {
            let response = self.read_response()?;
            if let Some(status) = response.text.strip_prefix(&format!("{tag} ")) {
                return Ok((untagged, status.to_owned()));
            }
            untagged.push(response);
        }
    }

    fn login(&mut self, user: &str, password: &str) -> Result<(), ImapError> {
        let (_, status) = self.command(&format!("LOGIN {} {}", quoted(user)?, quoted(password)?))?;
        if !status.starts_with("OK") {
            return Err(ImapError::Login(status));
        }
        Ok(())
    }

    /// Opens the folder read-only; returns its UIDVALIDITY and how many messages it holds.
    fn examine(&mut self, mailbox: &str) -> Result<(u32, u32), ImapError> {
        let (untagged, status) = self.command(&format!("EXAMINE {}", quoted(mailbox)?))?;
        if !status.starts_with("OK") {
            return Err(ImapError::Mailbox { mailbox: mailbox.to_owned(), reason: status });
        }
        let uidvalidity = untagged
            .iter()
            .find_map(|r| number_after(&r.text, "[UIDVALIDITY "))
            .ok_or_else(|| ImapError::Protocol("UIDVALIDITY がありません".into()))?;
        // "* 12 EXISTS"
        let exists =
            untagged.iter().find_map(|r| r.text.strip_prefix("* ")?.strip_suffix(" EXISTS")?.parse().ok()).unwrap_or(0);
        Ok((uidvalidity, exists))
    }

    /// A command the server must answer OK; anything else is a protocol failure.
    fn command_ok(&mut self, command: &str) -> Result<Vec<Response>, ImapError> {
        let (untagged, status) = self.command(command)?;
        if !status.starts_with("OK") {
            return Err(ImapError::Protocol(status));
        }
        Ok(untagged)
    }

    /// The messages with UIDs from `from` on, up to `BATCH` of them: (UID, raw bytes).
    fn fetch_from(&mut self, from: u32) -> Result<Vec<(u32, Vec<u8>)>, ImapError> {
        let to = from.saturating_add(BATCH - 1);
        let untagged = self.command_ok(&format!("UID FETCH {from}:{to} (UID BODY.PEEK[])"))?;
        Ok(untagged
            .into_iter()
            .filter(|r| r.text.contains(" FETCH "))
            .filter_map(|mut r| Some((number_after(&r.text, "UID ")?, r.literals.pop()?)))
            .collect())
    }

    /// The highest UID in the open folder from `from` on, if any: only the new messages are
    /// listed, however large the mailbox. (`n:*` also names the last message when none is
    /// at `n` or above, hence the filter.)
    fn last_uid_from(&mut self, from: u32) -> Result<Option<u32>, ImapError> {
        let untagged = self.command_ok(&format!("UID SEARCH UID {from}:*"))?;
        Ok(untagged
            .iter()
            .filter_map(|r| r.text.strip_prefix("* SEARCH"))
            .flat_map(|rest| rest.split_whitespace().filter_map(|n| n.parse::<u32>().ok()).collect::<Vec<_>>())
            .filter(|uid| *uid >= from)
            .max())
    }

    fn logout(mut self) {
        // The fetch is done whatever the server says to a goodbye.
        let _ = self.command("LOGOUT");
    }
}

fn number_after(text: &str, marker: &str) -> Option<u32> {
    let at = text.find(marker)? + marker.len();
    text[at..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok()
}

/// Reads the new messages of the mailbox into requests. Each message is recorded before
/// the position moves past it, so a fetch that stops half way reads the rest next time.
pub fn fetch_new(store: &mut Store, settings: &ImapSettings, password: &str) -> Result<FetchSummary, ImapError> {
    let mut session = Session::connect(settings)?;
    session.login(&settings.user, password)?;
    let (uidvalidity, _) = session.examine(&settings.mailbox)?;
    let mut summary = FetchSummary::default();
    let mut last = match store.intake_mailbox_position(&settings.mailbox)? {
        Some((known, last)) if known == uidvalidity => last,
        Some(_) => {
            summary.renumbered = true;
            0
        }
        None => 0,
    };
    let newest = session.last_uid_from(last.saturating_add(1))?.unwrap_or(last);
    while last < newest {
        let messages = session.fetch_from(last + 1)?;
        let batch_end = last.saturating_add(BATCH).min(newest);
        for (uid, raw) in messages.into_iter().filter(|(uid, _)| *uid > last) {
            summary.read += 1;
            match incoming::decode(&raw, chrono::Local::now().naive_local()) {
                Ok(mail) => {
                    if store.import_intake(&raw, &mail)?.is_some() {
                        summary.new_requests += 1;
                    }
                }
                Err(_) => summary.unreadable.push(uid),
            }
            store.set_intake_mailbox_position(&settings.mailbox, uidvalidity, uid)?;
        }
        last = batch_end;
    }
    store.set_intake_mailbox_position(&settings.mailbox, uidvalidity, last.max(newest))?;
    session.logout();
    Ok(summary)
}

/// Tries the mailbox as a fetch would reach it (connect, TLS, log in, open the folder
/// read-only) and reads nothing: how many messages the folder holds.
pub fn try_mailbox(settings: &ImapSettings, password: &str) -> Result<u32, ImapError> {
    let mut session = Session::connect(settings)?;
    session.login(&settings.user, password)?;
    let (_, exists) = session.examine(&settings.mailbox)?;
    session.logout();
    Ok(exists)
}

/// Why a fetch from the settings could not start, or how it failed: one message.
#[derive(Debug, thiserror::Error)]
pub enum FetchRunError {
    #[error("受信サーバーが設定されていません（メールの送信設定の「受信」で、サーバーとユーザー名を設定してください）")]
    NotSet,
    #[error(
        "受信のパスワードが保存されていません（メールの送信設定の「受信」か、madoguchi config set-imap-password で保存してください）"
    )]
    NoPassword,
    #[error(transparent)]
    Secret(#[from] super::secret::SecretError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Imap(#[from] ImapError),
}

/// Reads the mailbox set in the store's settings, with the password from the keyring:
/// what `madoguchi intake fetch` and the window's fetch do.
pub fn fetch_configured(store: &mut Store) -> Result<FetchSummary, FetchRunError> {
    let settings = super::settings::MailSettings::load(store)?;
    let imap = settings.imap.ok_or(FetchRunError::NotSet)?;
    let password = super::secret::imap_password(&imap.host, &imap.user)?.ok_or(FetchRunError::NoPassword)?;
    Ok(fetch_new(store, &imap, &password)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_string_escapes_and_refuses_line_breaks() {
        assert_eq!(quoted(r#"pa"ss\word"#).ok().as_deref(), Some(r#""pa\"ss\\word""#));
        assert!(matches!(quoted("a\r\nb LOGOUT"), Err(ImapError::BadCredentials)));
    }

    #[test]
    fn plain_text_to_another_machine_is_refused_before_connecting() {
        let settings = ImapSettings {
            host: "imap.example.jp".into(),
            port: 143,
            security: Security::None,
            user: "desk".into(),
            mailbox: "INBOX".into(),
            ca_file: None,
        };
        assert!(matches!(Session::connect(&settings), Err(ImapError::PlainToRemote(_))));
    }

    #[test]
    fn numbers_are_read_after_their_marker() {
        assert_eq!(number_after("* OK [UIDVALIDITY 1795337880] UIDs valid", "[UIDVALIDITY "), Some(1_795_337_880));
        assert_eq!(number_after("* 3 FETCH (UID 17 BODY[] {5}", "UID "), Some(17));
    }
}
