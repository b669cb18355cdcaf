//! How a message leaves: to an SMTP server (lettre, TLS through rustls), or, with no
//! server set, as an `.eml` file in the outbox folder that any mail program can open.

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{SmtpTransport, Transport as _};

use super::settings::{MailSettings, Security, is_local_host};
use crate::store::io_reason;

pub use crate::domain::message::SendError;
pub use crate::store::Outgoing;

/// Why no transport could be set up from the settings.
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error(
        "暗号化なし（none）は、このパソコン上のサーバーにだけ使えます（{0}）。smtp.security を starttls か tls にしてください"
    )]
    PlainToRemote(String),
    #[error("SMTP サーバー {host} に接続する準備ができません: {detail}")]
    Setup { host: String, detail: String },
    #[error("差出人（mail.from）が正しくありません: {0}")]
    From(String),
}

/// Something that delivers messages.
pub trait Transport: Send {
    fn send(&self, message: &Outgoing) -> Result<(), SendError>;
    /// Where messages go, for the screen: "smtp.example.jp:587" or the folder.
    fn destination(&self) -> String;
}

/// Builds the RFC 5322 message: UTF-8 plain text, the subject as encoded words.
pub fn build_message(from: &str, message: &Outgoing) -> Result<Message, SendError> {
    let from: Mailbox =
        from.parse().map_err(|_| SendError::Permanent(format!("差出人のアドレスが正しくありません（{from}）")))?;
    let to: Mailbox = message
        .recipient
        .parse()
        .map_err(|_| SendError::Permanent(format!("宛先のアドレスが正しくありません（{}）", message.recipient)))?;
    let domain = from.email.domain().to_owned();
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(message.subject.clone())
        .message_id(Some(format!("<{}.madoguchi@{domain}>", message.key)));
    // A reply to a member's request mail is threaded under it in their mail program.
    if let Some(id) = message.in_reply_to.as_deref().map(|id| id.trim_matches(['<', '>'])).filter(|id| !id.is_empty()) {
        builder = builder.in_reply_to(format!("<{id}>")).references(format!("<{id}>"));
    }
    builder
        .header(ContentType::TEXT_PLAIN)
        // lettre adds MIME-Version only to multipart mail; every message needs it.
        .header(lettre::message::header::MIME_VERSION_1_0)
        .body(message.body.clone())
        .map_err(|e| SendError::Permanent(format!("メールを組み立てられません: {e}")))
}

/// The name of a message's file in the outbox folder: `000012-confirmation.eml`.
pub fn eml_file_name(id: i64, kind: crate::domain::message::MessageKind) -> String {
    format!("{id:06}-{}.eml", kind.code())
}

/// Writes each message as `<id>-<kind>.eml` in a folder. Writing the same message again
/// replaces its file, so a retry after a crash leaves one file.
pub struct FileOutbox {
    pub dir: PathBuf,
    pub from: String,
}

impl Transport for FileOutbox {
    fn send(&self, message: &Outgoing) -> Result<(), SendError> {
        let email = build_message(&self.from, message)?;
        let folder_error = |e: std::io::Error| {
            SendError::Transient(format!("送信フォルダ {} に書けません: {}", self.dir.display(), io_reason(&e)))
        };
        crate::files::create_private_dir_all(&self.dir).map_err(folder_error)?;
        crate::files::remove_older_than(&self.dir, std::time::SystemTime::now(), PARTIAL_ABANDONED_AFTER, |name| {
            name.starts_with('.') && name.ends_with(".partial")
        });
        let name = eml_file_name(message.id, message.kind);
        crate::files::write_atomically(&self.dir.join(name), &email.formatted()).map_err(folder_error)
    }

    fn destination(&self) -> String {
        self.dir.display().to_string()
    }
}

/// A `.partial` file older than this was left by a run that died while writing it (the
/// message itself stays claimed and is sent again, see `store::outbox`); it holds personal
/// data and no mail program can open it.
const PARTIAL_ABANDONED_AFTER: Duration = Duration::from_secs(10 * 60);

/// An SMTP server, through lettre.
pub struct Smtp {
    transport: SmtpTransport,
    from: String,
    host: String,
    port: u16,
}

impl Smtp {
    pub fn new(settings: &MailSettings, host: &str, password: Option<String>) -> Result<Smtp, TransportError> {
        settings.from.parse::<Mailbox>().map_err(|_| TransportError::From(settings.from.clone()))?;
        let setup =
            |e: lettre::transport::smtp::Error| TransportError::Setup { host: host.to_owned(), detail: e.to_string() };
        let builder = match settings.security {
            Security::None if !is_local_host(host) => return Err(TransportError::PlainToRemote(host.to_owned())),
            Security::None => SmtpTransport::builder_dangerous(host),
            Security::StartTls => SmtpTransport::starttls_relay(host).map_err(setup)?,
            Security::Tls => SmtpTransport::relay(host).map_err(setup)?,
        };
        let mut builder = builder.port(settings.port).timeout(Some(Duration::from_secs(settings.timeout_secs)));
        if let (Some(user), Some(password)) = (settings.user.as_ref(), password) {
            builder = builder.credentials(Credentials::new(user.clone(), password));
        }
        Ok(Smtp { transport: builder.build(), from: settings.from.clone(), host: host.to_owned(), port: settings.port })
    }
}

impl Transport for Smtp {
    fn send(&self, message: &Outgoing) -> Result<(), SendError> {
        let email = build_message(&self.from, message)?;
        match self.transport.send(&email) {
            Ok(_) => Ok(()),
            // 5xx: the server will not take this message; trying again would not help.
            Err(e) if e.is_permanent() => Err(SendError::Permanent(format!("サーバーが受け付けませんでした（{e}）"))),
            // 4xx, refused connections, timeouts, TLS trouble: try again later.
            Err(e) => Err(SendError::Transient(format!("{}:{} に送れませんでした（{e}）", self.host, self.port))),
        }
    }

    fn destination(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

/// The transport the settings ask for: SMTP when a host is set, else the outbox folder.
pub fn from_settings(settings: &MailSettings, password: Option<String>) -> Result<Box<dyn Transport>, TransportError> {
    Ok(match settings.host.as_deref() {
        Some(host) => Box::new(Smtp::new(settings, host, password)?),
        None => Box::new(FileOutbox { dir: settings.outbox_dir.clone(), from: settings.from.clone() }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::message::MessageKind;

    #[test]
    fn every_message_says_it_is_mime_once() {
        let message = Outgoing {
            id: 7,
            kind: MessageKind::Confirmation,
            recipient: "hanako@example.jp".into(),
            subject: "【プラスケア】ご予約を承りました".into(),
            body: "山田 花子 様\n".into(),
            key: "7.20261122".into(),
            in_reply_to: None,
        };
        let built = build_message("プラスケア <info@example.jp>", &message).unwrap();
        let text = String::from_utf8(built.formatted()).unwrap();
        assert_eq!(text.matches("MIME-Version: 1.0").count(), 1, "{text}");
    }
}
