//! A member's requests about their own data (開示・訂正・削除) and the rules that keep
//! them honest: who asked and how their identity was checked are recorded with each, and
//! what stays on record after an erasure holds nothing that names the member.
//!
//! The organisation's policy (seeds/003, ご本人の照会): a member may ask to see, correct or
//! delete their data, and the desk does so after checking that it is them.

use chrono::NaiveDate;

use super::member::{NewMember, kana_key, name_key};
use super::text::{self, TextProblem};

/// The three requests the policy names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RequestKind {
    /// 開示: everything held about the member, handed over as a PDF (and a CSV).
    Disclosure,
    /// 訂正: the member's details corrected through the usual edit.
    Correction,
    /// 削除: the member's personal data erased; their bookings stay as anonymous counts.
    Erasure,
}

impl RequestKind {
    pub const ALL: [RequestKind; 3] = [RequestKind::Disclosure, RequestKind::Correction, RequestKind::Erasure];

    pub fn code(self) -> &'static str {
        match self {
            RequestKind::Disclosure => "disclosure",
            RequestKind::Correction => "correction",
            RequestKind::Erasure => "erasure",
        }
    }

    pub fn from_code(code: &str) -> Option<RequestKind> {
        RequestKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            RequestKind::Disclosure => "開示",
            RequestKind::Correction => "訂正",
            RequestKind::Erasure => "削除",
        }
    }
}

/// Who set the request going.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestOrigin {
    /// The member (or someone for them) asked, and their identity was checked.
    Member {
        /// Who asked: 本人, or the agent (e.g. 長女（代理人）).
        requested_by: String,
        /// How the identity was checked (e.g. 会員番号と登録の電話番号で確認).
        identity_check: String,
    },
    /// The manager decided, e.g. after the retention review.
    Manager,
}

/// A request as the desk records it when it handles it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataRequest {
    pub kind: RequestKind,
    pub origin: RequestOrigin,
    /// The day the request came in.
    pub received_on: NaiveDate,
    /// Why (an erasure's reason) or what was handed over (a disclosure's files).
    pub detail: String,
}

/// The fields of a request, for a message next to the right one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RequestField {
    RequestedBy,
    IdentityCheck,
    Detail,
}

impl RequestField {
    pub fn label(self) -> &'static str {
        match self {
            RequestField::RequestedBy => "請求した人",
            RequestField::IdentityCheck => "本人確認の方法",
            RequestField::Detail => "理由・内容",
        }
    }
}

impl DataRequest {
    /// The request with its texts checked as every stored line is; an erasure needs its
    /// reason, a member's request who asked and how it was checked.
    pub fn checked(self) -> Result<DataRequest, (RequestField, String)> {
        let problem = |field: RequestField| move |p: TextProblem| (field, p.message(field.label()));
        let origin = match self.origin {
            RequestOrigin::Member { requested_by, identity_check } => RequestOrigin::Member {
                requested_by: text::required_line(&requested_by, text::MAX_LINE)
                    .map_err(problem(RequestField::RequestedBy))?,
                identity_check: text::required_line(&identity_check, text::MAX_LINE)
                    .map_err(problem(RequestField::IdentityCheck))?,
            },
            RequestOrigin::Manager => RequestOrigin::Manager,
        };
        let detail = if self.kind == RequestKind::Erasure {
            text::required_line(&self.detail, text::MAX_LINE)
        } else {
            text::optional_line(&self.detail, text::MAX_LINE)
        }
        .map_err(problem(RequestField::Detail))?;
        Ok(DataRequest { origin, detail, ..self })
    }

    /// The texts of the request as stored: (requested_by, identity_check, detail).
    pub fn texts(&self) -> [&str; 3] {
        match &self.origin {
            RequestOrigin::Member { requested_by, identity_check } => {
                [requested_by.as_str(), identity_check.as_str(), self.detail.as_str()]
            }
            RequestOrigin::Manager => ["", "", self.detail.as_str()],
        }
    }
}

/// The retention review's number of years as a setting holds it: 1 to 50.
pub fn parse_retention_years(text: &str) -> Option<u32> {
    text.trim().parse::<u32>().ok().filter(|years| (1..=50).contains(years))
}

/// The first field of an erasure's record that would keep a piece of the member's own data
/// (their name, furigana, a phone number, their email) after the erasure, with a message:
/// the record of the erasure stays, so it must not name them.
pub fn names_the_member(request: &DataRequest, member: &NewMember) -> Option<(RequestField, String)> {
    let fields = [RequestField::RequestedBy, RequestField::IdentityCheck, RequestField::Detail];
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let mut pieces: Vec<String> = Vec::new();
    // A family or given name alone names the member too (a one-character word is left
    // out: it would refuse ordinary words).
    for value in [&member.name, &member.kana] {
        pieces.push(squeeze(value));
        pieces.extend(value.split_whitespace().filter(|w| w.chars().count() >= 2).map(str::to_owned));
    }
    if let Some(email) = &member.email {
        pieces.push(email.to_lowercase());
    }
    let phones: Vec<String> = member.phones.iter().map(|p| p.canonical().to_owned()).collect();
    for (field, value) in fields.into_iter().zip(request.texts()) {
        let as_name = name_key(value).to_lowercase();
        let as_kana = kana_key(value);
        let named = pieces
            .iter()
            .filter(|p| !p.is_empty())
            .any(|p| as_name.contains(&name_key(p).to_lowercase()) || as_kana.contains(&kana_key(p)));
        let value_digits = digits(&as_name);
        let phoned = phones.iter().any(|p| !p.is_empty() && value_digits.contains(p.as_str()));
        if named || phoned {
            return Some((
                field,
                format!(
                    "{}に会員の氏名・ふりがな・電話番号・メールアドレスを書かないでください（削除の記録は残ります）",
                    field.label()
                ),
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::member::ContactPreference;
    use crate::domain::phone::PhoneNumber;

    fn member() -> NewMember {
        NewMember {
            number: "1001".into(),
            name: "山田 花子".into(),
            kana: "やまだ はなこ".into(),
            phones: vec![PhoneNumber::parse("090-1234-5678").unwrap()],
            email: Some("hanako@example.jp".into()),
            preferred_contact: ContactPreference::Phone,
            consent_on: None,
            notes: String::new(),
        }
    }

    fn erasure(requested_by: &str, identity_check: &str, detail: &str) -> DataRequest {
        DataRequest {
            kind: RequestKind::Erasure,
            origin: RequestOrigin::Member { requested_by: requested_by.into(), identity_check: identity_check.into() },
            received_on: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            detail: detail.into(),
        }
    }

    #[test]
    fn a_members_request_needs_who_asked_and_how_it_was_checked() {
        let err = erasure("", "会員証", "退会のため").checked().unwrap_err();
        assert_eq!(err.0, RequestField::RequestedBy);
        let err = erasure("本人", " ", "退会のため").checked().unwrap_err();
        assert_eq!(err.0, RequestField::IdentityCheck);
        let err = erasure("本人", "会員証", "").checked().unwrap_err();
        assert_eq!(err, (RequestField::Detail, "理由・内容を入力してください".to_owned()));
        assert!(erasure("本人", "会員証と電話番号", "退会のため").checked().is_ok());
    }

    #[test]
    fn an_erasure_record_that_names_the_member_is_refused() {
        let m = member();
        for (request, field) in [
            (erasure("山田花子 本人", "会員証", "退会"), RequestField::RequestedBy),
            (erasure("本人", "はなこ さんに確認", "退会"), RequestField::IdentityCheck),
            (erasure("本人", "会員証", "090-1234-5678 から電話"), RequestField::Detail),
            (erasure("本人", "会員証", "HANAKO@example.jp 宛に返信"), RequestField::Detail),
        ] {
            assert_eq!(names_the_member(&request, &m).map(|(f, _)| f), Some(field), "{request:?}");
        }
        assert_eq!(names_the_member(&erasure("本人", "会員証と登録の電話番号で確認", "退会のため"), &m), None);
    }
}
