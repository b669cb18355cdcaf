//! Messages to members as the desk's rules see them: what a message is about, where it
//! is in its life, who gets it by mail and who is phoned instead, and how a failed send
//! is tried again. No I/O here: the outbox table (`store::outbox`) keeps the rows and
//! `mail` sends them.

use crate::domain::booking::Channel;

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
    /// The desk's own answer to a request mail (the free alternatives), written from a
    /// draft and edited before it goes; threaded under the member's mail.
    Reply,
}

impl MessageKind {
    pub const ALL: [MessageKind; 7] = [
        MessageKind::Confirmation,
        MessageKind::Waitlisted,
        MessageKind::Change,
        MessageKind::Cancellation,
        MessageKind::Access,
        MessageKind::Test,
        MessageKind::Reply,
    ];

    /// The kinds whose wording the manager edits per service (the others are the
    /// program's test text and the desk's own replies).
    pub fn is_templated(self) -> bool {
        !matches!(self, MessageKind::Test | MessageKind::Reply)
    }

    pub fn code(self) -> &'static str {
        match self {
            MessageKind::Confirmation => "confirmation",
            MessageKind::Waitlisted => "waitlisted",
            MessageKind::Change => "change",
            MessageKind::Cancellation => "cancellation",
            MessageKind::Access => "access",
            MessageKind::Test => "test",
            MessageKind::Reply => "reply",
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
            MessageKind::Reply => "依頼への返信",
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

/// Why a message did not go. Transient failures (a server down, 4xx) are tried again
/// later; permanent ones (5xx, a malformed address) are shown to staff.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    #[error("{0}")]
    Transient(String),
    #[error("{0}")]
    Permanent(String),
}

/// The state a new message starts in: mail for a member with an address; a phone call
/// for one without — except the reply to a booking taken by phone or at the desk, where
/// the member heard the read-back there and then.
pub fn first_state(has_email: bool, kind: MessageKind, channel: Channel) -> OutboxState {
    match (has_email, kind, channel) {
        (true, _, _) => OutboxState::Queued,
        (false, MessageKind::Confirmation | MessageKind::Waitlisted, Channel::Phone | Channel::Desk) => {
            OutboxState::Called
        }
        (false, _, _) => OutboxState::ToCall,
    }
}

/// Transient failures are tried again after these many minutes, then every hour; after
/// [`MAX_ATTEMPTS`] tries the message is failed and shown to staff.
const BACKOFF_MINUTES: &[i64] = &[1, 5, 15, 30, 60];
pub const MAX_ATTEMPTS: u32 = 10;

/// What happens to a message after a send that did not go through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AfterFailure {
    /// Queued again, to be tried after this many minutes.
    RetryAfter { minutes: i64, reason: String },
    /// Failed for good: staff must act.
    Failed { reason: String },
}

/// The next step after the `attempts`-th try (counting this one) failed with `error`.
pub fn after_failure(attempts: u32, error: &SendError) -> AfterFailure {
    match error {
        SendError::Permanent(reason) => AfterFailure::Failed { reason: reason.clone() },
        SendError::Transient(reason) if attempts >= MAX_ATTEMPTS => AfterFailure::Failed {
            reason: format!("{MAX_ATTEMPTS} 回送っても届きませんでした（最後: {reason}）"),
        },
        SendError::Transient(reason) => AfterFailure::RetryAfter {
            minutes: BACKOFF_MINUTES.get(attempts.saturating_sub(1) as usize).copied().unwrap_or(60),
            reason: reason.clone(),
        },
    }
}

/// How long a sending run's claim on a message is honoured before another run may take
/// it back: well beyond one send (each SMTP command waits at most `timeout_secs`).
pub fn stale_after(timeout_secs: u64) -> chrono::Duration {
    chrono::Duration::minutes(15).max(chrono::Duration::seconds(timeout_secs as i64 * 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_without_email_are_phoned_unless_they_heard_the_read_back() {
        assert_eq!(first_state(true, MessageKind::Confirmation, Channel::Phone), OutboxState::Queued);
        assert_eq!(first_state(false, MessageKind::Confirmation, Channel::Phone), OutboxState::Called);
        assert_eq!(first_state(false, MessageKind::Waitlisted, Channel::Desk), OutboxState::Called);
        assert_eq!(first_state(false, MessageKind::Confirmation, Channel::Mail), OutboxState::ToCall);
        assert_eq!(first_state(false, MessageKind::Cancellation, Channel::Phone), OutboxState::ToCall);
        assert_eq!(first_state(false, MessageKind::Access, Channel::Phone), OutboxState::ToCall);
    }

    #[test]
    fn transient_failures_back_off_then_fail_after_the_last_try() {
        let down = SendError::Transient("接続できません".into());
        let waits: Vec<i64> = (1..MAX_ATTEMPTS)
            .map(|n| match after_failure(n, &down) {
                AfterFailure::RetryAfter { minutes, .. } => minutes,
                AfterFailure::Failed { .. } => panic!("try {n} failed for good"),
            })
            .collect();
        assert_eq!(waits, [1, 5, 15, 30, 60, 60, 60, 60, 60]);
        assert!(
            matches!(after_failure(MAX_ATTEMPTS, &down), AfterFailure::Failed { reason } if reason.contains("10 回"))
        );
    }

    #[test]
    fn a_permanent_refusal_fails_at_once() {
        let refused = SendError::Permanent("550 no such user".into());
        assert_eq!(after_failure(1, &refused), AfterFailure::Failed { reason: "550 no such user".into() });
    }

    #[test]
    fn a_claim_outlives_the_longest_send() {
        assert_eq!(stale_after(30), chrono::Duration::minutes(15));
        assert_eq!(stale_after(600), chrono::Duration::seconds(6000));
    }
}
