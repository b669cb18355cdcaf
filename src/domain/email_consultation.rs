//! The doctor's consultation by email (個別相談（西）— ドクターメール): the desk records
//! the request, then the date and time agreed with the member, then that it is done.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::member::MemberId;
use super::schedule::ServiceId;

/// 調整中 → 確定 → 済, or withdrawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EmailConsultationState {
    Arranging,
    Agreed,
    Done,
    Withdrawn,
}

impl EmailConsultationState {
    pub const ALL: [EmailConsultationState; 4] = [
        EmailConsultationState::Arranging,
        EmailConsultationState::Agreed,
        EmailConsultationState::Done,
        EmailConsultationState::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EmailConsultationState::Arranging => "arranging",
            EmailConsultationState::Agreed => "agreed",
            EmailConsultationState::Done => "done",
            EmailConsultationState::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<EmailConsultationState> {
        EmailConsultationState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            EmailConsultationState::Arranging => "調整中",
            EmailConsultationState::Agreed => "確定",
            EmailConsultationState::Done => "済",
            EmailConsultationState::Withdrawn => "取り下げ",
        }
    }

    /// The states a request may move to next.
    pub fn next(self) -> &'static [EmailConsultationState] {
        match self {
            EmailConsultationState::Arranging => &[EmailConsultationState::Agreed, EmailConsultationState::Withdrawn],
            EmailConsultationState::Agreed => {
                &[EmailConsultationState::Done, EmailConsultationState::Arranging, EmailConsultationState::Withdrawn]
            }
            EmailConsultationState::Done | EmailConsultationState::Withdrawn => &[],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailConsultation {
    pub id: i64,
    pub member_id: MemberId,
    pub service_id: ServiceId,
    pub requested_on: NaiveDate,
    /// Fixed once agreed with the member.
    pub agreed_at: Option<NaiveDateTime>,
    pub state: EmailConsultationState,
    pub notes: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_moves_forward_to_done_and_stops() {
        use EmailConsultationState::*;
        assert!(Arranging.next().contains(&Agreed));
        assert!(!Arranging.next().contains(&Done));
        assert!(Agreed.next().contains(&Done));
        assert!(Done.next().is_empty());
    }
}
