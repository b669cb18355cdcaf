//! Mail to members: booking confirmations, notices of changes and cancellations, and the
//! group session's meeting access on the day.
//!
//! Every message goes through the outbox table (`store::outbox`): it is written in the
//! same transaction as the booking change it tells of, and only then sent, by a run that
//! claims it first (see [`send`]). With no SMTP server set, messages are written as `.eml`
//! files to an outbox folder, so the program works with no server at all.

pub mod secret;
pub mod send;
pub mod settings;
pub mod templates;
pub mod transport;

pub use send::{SendSummary, send_due};
pub use settings::{MailSettings, Security};

/// What a message is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MessageKind {
    /// The reply to a booking that got its place.
    Confirmation,
    /// The reply to a booking put on the waitlist.
    Waitlisted,
    /// A booking moved to another date or time.
    Change,
    Cancellation,
    /// The meeting ID and passcode of the group session, on the day.
    Access,
    /// From the settings screen, to check the server.
    Test,
}

impl MessageKind {
    pub const ALL: [MessageKind; 6] = [
        MessageKind::Confirmation,
        MessageKind::Waitlisted,
        MessageKind::Change,
        MessageKind::Cancellation,
        MessageKind::Access,
        MessageKind::Test,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MessageKind::Confirmation => "confirmation",
            MessageKind::Waitlisted => "waitlisted",
            MessageKind::Change => "change",
            MessageKind::Cancellation => "cancellation",
            MessageKind::Access => "access",
            MessageKind::Test => "test",
        }
    }

    pub fn from_code(code: &str) -> Option<MessageKind> {
        MessageKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            MessageKind::Confirmation => "予約確認",
            MessageKind::Waitlisted => "キャンセル待ち",
            MessageKind::Change => "変更のお知らせ",
            MessageKind::Cancellation => "取消のお知らせ",
            MessageKind::Access => "当日の参加案内",
            MessageKind::Test => "テスト",
        }
    }
}

/// Where a message is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutboxState {
    /// Written, waiting to be sent (again, after a transient failure).
    Queued,
    /// Claimed by a sending run.
    Sending,
    Sent,
    /// Refused for good by the server (5xx), or out of retries: staff must act.
    Failed,
    /// The member has no email: the desk phones instead.
    ToCall,
    /// The desk has phoned (or told the member while booking).
    Called,
    /// No longer to be sent: the access message of a booking cancelled before it went out.
    Withdrawn,
}

impl OutboxState {
    pub const ALL: [OutboxState; 7] = [
        OutboxState::Queued,
        OutboxState::Sending,
        OutboxState::Sent,
        OutboxState::Failed,
        OutboxState::ToCall,
        OutboxState::Called,
        OutboxState::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sending => "sending",
            OutboxState::Sent => "sent",
            OutboxState::Failed => "failed",
            OutboxState::ToCall => "to_call",
            OutboxState::Called => "called",
            OutboxState::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<OutboxState> {
        OutboxState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            OutboxState::Queued => "未送信",
            OutboxState::Sending => "送信中",
            OutboxState::Sent => "送信済",
            OutboxState::Failed => "送信失敗",
            OutboxState::ToCall => "メールなし（電話で連絡）",
            OutboxState::Called => "電話で連絡済",
            OutboxState::Withdrawn => "取りやめ",
        }
    }
}

/// Where one participant's access message for the day stands: what the send list and the
/// printed day list show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccessMailState {
    Sent {
        at: String,
    },
    Failed {
        reason: String,
    },
    /// No email address: to be phoned (or phoned already, `called`).
    NoEmail {
        called: bool,
    },
    /// Not sent yet (queued, retrying after a transient failure, or not written yet).
    NotYet {
        retrying: Option<String>,
    },
}

impl AccessMailState {
    pub fn label(&self) -> String {
        match self {
            AccessMailState::Sent { at } => format!("送信済 {}", at.get(11..16).unwrap_or(at)),
            AccessMailState::Failed { reason } => format!("送信失敗: {reason}"),
            AccessMailState::NoEmail { called: false } => "メールなし（電話で連絡）".to_owned(),
            AccessMailState::NoEmail { called: true } => "電話で連絡済".to_owned(),
            AccessMailState::NotYet { retrying: None } => "未送信".to_owned(),
            AccessMailState::NotYet { retrying: Some(reason) } => format!("未送信（再送待ち: {reason}）"),
        }
    }
}
