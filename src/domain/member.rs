//! Members and the keys used to find them by furigana or name however they are typed.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::phone::PhoneNumber;
use super::text;

pub type MemberId = i64;

/// How a member prefers to be contacted (SPEC: 電話 / メール).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ContactPreference {
    Phone,
    Email,
}

impl ContactPreference {
    pub fn code(self) -> &'static str {
        match self {
            ContactPreference::Phone => "phone",
            ContactPreference::Email => "email",
        }
    }

    pub fn from_code(code: &str) -> Option<ContactPreference> {
        [ContactPreference::Phone, ContactPreference::Email].into_iter().find(|c| c.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ContactPreference::Phone => "電話",
            ContactPreference::Email => "メール",
        }
    }
}

/// A member as entered and checked, before it has an id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMember {
    /// 会員番号, unique.
    pub number: String,
    pub name: String,
    /// ふりがな, in kana.
    pub kana: String,
    pub phones: Vec<PhoneNumber>,
    /// Many members have none and are phoned instead.
    pub email: Option<String>,
    pub preferred_contact: ContactPreference,
    /// The day the member consented to the handling of personal information.
    pub consent_on: Option<NaiveDate>,
    pub notes: String,
}

/// A member of the organisation (only members can book, SPEC: 会員限定): the details as
/// entered, under the id the store gave them. `member.name` reads the details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: MemberId,
    #[serde(flatten)]
    pub details: NewMember,
}

impl Member {
    /// The member saved from `details` under `id`.
    pub fn new(id: MemberId, details: NewMember) -> Member {
        Member { id, details }
    }
}

impl std::ops::Deref for Member {
    type Target = NewMember;

    fn deref(&self) -> &NewMember {
        &self.details
    }
}

/// The fields of the member form, for attaching a message to the right one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MemberField {
    Number,
    Name,
    Kana,
    Phone,
    SecondPhone,
    Email,
    PreferredContact,
    ConsentDate,
    Notes,
}

impl MemberField {
    pub const ALL: [MemberField; 9] = [
        MemberField::Number,
        MemberField::Name,
        MemberField::Kana,
        MemberField::Phone,
        MemberField::SecondPhone,
        MemberField::Email,
        MemberField::PreferredContact,
        MemberField::ConsentDate,
        MemberField::Notes,
    ];

    /// The field's name, as the form, an import's columns and its messages say it.
    pub fn label(self) -> &'static str {
        match self {
            MemberField::Number => "会員番号",
            MemberField::Name => "氏名",
            MemberField::Kana => "ふりがな",
            MemberField::Phone => "電話番号",
            MemberField::SecondPhone => "電話番号2",
            MemberField::Email => "メールアドレス",
            MemberField::PreferredContact => "連絡方法",
            MemberField::ConsentDate => "同意日",
            MemberField::Notes => "備考",
        }
    }
}

/// The member form as typed: nothing is lost when a field is wrong.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemberForm {
    pub number: String,
    pub name: String,
    pub kana: String,
    pub phone: String,
    pub second_phone: String,
    pub email: String,
    pub preferred_contact: Option<ContactPreference>,
    pub consented: bool,
    pub consent_date: String,
    pub notes: String,
}

/// Reads an email address as typed (full-width letters and ＠ allowed) and checks its
/// syntax; `Ok(None)` when left empty.
pub fn parse_email(text: &str) -> Result<Option<String>, &'static str> {
    let address: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    if address.is_empty() {
        return Ok(None);
    }
    let Some((local, domain)) = address.split_once('@') else {
        return Err("メールアドレスに @ がありません");
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    if !local_ok || !domain_ok {
        return Err("メールアドレスの形が正しくありません（例: hanako@example.jp）");
    }
    Ok(Some(address))
}

impl MemberForm {
    /// Fills the form from a saved member, for editing.
    pub fn from_member(member: &Member) -> MemberForm {
        MemberForm {
            number: member.number.clone(),
            name: member.name.clone(),
            kana: member.kana.clone(),
            phone: member.phones.first().map(PhoneNumber::display).unwrap_or_default(),
            second_phone: member.phones.get(1).map(PhoneNumber::display).unwrap_or_default(),
            email: member.email.clone().unwrap_or_default(),
            preferred_contact: Some(member.preferred_contact),
            consented: member.consent_on.is_some(),
            consent_date: member.consent_on.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
            notes: member.notes.clone(),
        }
    }

    /// Checks every field; on failure, one message per wrong field, in Japanese.
    pub fn validate(&self, today: NaiveDate) -> Result<NewMember, Vec<(MemberField, String)>> {
        let mut errors = Vec::new();
        let number = match member_number(&self.number) {
            Ok(number) => number,
            Err(message) => {
                errors.push((MemberField::Number, message.to_owned()));
                String::new()
            }
        };
        let name =
            text::required_line(&self.name, text::MAX_NAME).map(|name| name_spacing(&name)).unwrap_or_else(|problem| {
                errors.push((MemberField::Name, problem.message("氏名")));
                String::new()
            });
        let kana = match text::required_line(&self.kana, text::MAX_NAME).map(|kana| name_spacing(&kana)) {
            Ok(kana) if !is_kana(&kana) => {
                errors.push((MemberField::Kana, "ふりがなはひらがな・カタカナで入力してください".to_owned()));
                kana
            }
            Ok(kana) => kana,
            Err(problem) => {
                errors.push((MemberField::Kana, problem.message("ふりがな")));
                String::new()
            }
        };
        let notes = text::notes(&self.notes, text::MAX_NOTES).unwrap_or_else(|problem| {
            errors.push((MemberField::Notes, problem.message("備考")));
            String::new()
        });
        let mut phones = Vec::new();
        for (field, text) in [(MemberField::Phone, &self.phone), (MemberField::SecondPhone, &self.second_phone)] {
            if text.trim().is_empty() {
                continue;
            }
            match PhoneNumber::parse(text) {
                Ok(number) => phones.push(number),
                Err(e) => errors.push((field, e.to_string())),
            }
        }
        let email = match parse_email(&self.email) {
            Ok(email) => email,
            Err(message) => {
                errors.push((MemberField::Email, message.to_owned()));
                None
            }
        };
        let has_email_error = errors.iter().any(|(f, _)| *f == MemberField::Email);
        let has_phone_error = errors.iter().any(|(f, _)| matches!(f, MemberField::Phone | MemberField::SecondPhone));
        if phones.is_empty() && email.is_none() && !has_email_error && !has_phone_error {
            errors.push((MemberField::Phone, "連絡先として電話番号かメールアドレスを入力してください".to_owned()));
        }
        // Unless chosen, members are phoned; those with only an email are written to.
        let preferred_contact =
            self.preferred_contact.unwrap_or(if phones.is_empty() && !has_phone_error && email.is_some() {
                ContactPreference::Email
            } else {
                ContactPreference::Phone
            });
        if preferred_contact == ContactPreference::Email && email.is_none() && !has_email_error {
            errors.push((MemberField::PreferredContact, "メール連絡にはメールアドレスが必要です".to_owned()));
        }
        if self.preferred_contact == Some(ContactPreference::Phone) && phones.is_empty() && !has_phone_error {
            errors.push((MemberField::PreferredContact, "電話連絡には電話番号が必要です".to_owned()));
        }
        let consent_on = if !self.consented {
            None
        } else if self.consent_date.trim().is_empty() {
            Some(today)
        } else {
            match super::time::parse_date(&self.consent_date, today) {
                Some(date) if date > today => {
                    errors.push((MemberField::ConsentDate, "同意日が未来の日付になっています".to_owned()));
                    None
                }
                Some(date) if date.year() < 1900 => {
                    errors.push((MemberField::ConsentDate, "同意日が古すぎます（1900年より前）".to_owned()));
                    None
                }
                Some(date) => Some(date),
                None => {
                    errors.push((MemberField::ConsentDate, "同意日が読めません（例: 2026-11-25）".to_owned()));
                    None
                }
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewMember { number, name, kana, phones, email, preferred_contact, consent_on, notes })
    }
}

/// A member number as typed, in its one stored form: full-width digits and letters made
/// half-width, spaces around it dropped. Spaces inside are refused rather than dropped
/// (「1 2」 could be 1 or 12), as is anything but letters, digits and hyphens.
pub fn member_number(text: &str) -> Result<String, &'static str> {
    let number: String = text.nfkc().collect::<String>().trim().to_owned();
    if number.is_empty() {
        return Err("会員番号を入力してください");
    }
    if number.chars().any(char::is_whitespace) {
        return Err("会員番号に空白は入れられません");
    }
    if !number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') || number.chars().count() > 20 {
        return Err("会員番号は英数字とハイフン（20文字まで）で入力してください");
    }
    Ok(number)
}

/// The search key for furigana: NFKC (half-width katakana become full-width), katakana
/// folded to hiragana, spaces removed. "ヤマダ ハナコ", "やまだはなこ" and "ﾔﾏﾀﾞﾊﾅｺ" share a key.
pub fn kana_key(text: &str) -> String {
    text.nfkc()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            // The katakana block ァ..ヶ sits 0x60 above the hiragana ぁ..ゖ.
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            other => other,
        })
        .collect()
}

/// The search key for names: NFKC and no spaces, so "山田 花子" matches "山田花子".
/// The one way a name or its furigana is stored and shown: the parts (family name, given
/// name) with one half-width space between them, whichever space the desk typed — the
/// full-width space Japanese input gives (U+3000), a half-width one, or several. A name
/// typed without a space stays without one. Search ignores spaces either way
/// ([`name_key`], [`kana_key`]), so 「山田　花子」, 「山田 花子」 and 「山田花子」 find the same member.
pub fn name_spacing(text: &str) -> String {
    text.split(char::is_whitespace).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ")
}

pub fn name_key(text: &str) -> String {
    text.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `text` is furigana: kana, the long-vowel mark and spaces only.
pub fn is_kana(text: &str) -> bool {
    let key = kana_key(text);
    !key.is_empty() && key.chars().all(|c| matches!(c, 'ぁ'..='ゖ' | 'ー' | 'ゝ' | 'ゞ' | '・'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn katakana_half_width_and_hiragana_share_one_key() {
        assert_eq!(kana_key("ヤマダ ハナコ"), "やまだはなこ");
        assert_eq!(kana_key("ﾔﾏﾀﾞ ﾊﾅｺ"), "やまだはなこ");
        assert_eq!(kana_key("やまだ　はなこ"), "やまだはなこ");
        assert_eq!(kana_key("ヴァイオリン"), "ゔぁいおりん");
    }

    #[test]
    fn names_match_with_or_without_spaces() {
        assert_eq!(name_key("山田　花子"), name_key("山田花子"));
    }

    #[test]
    fn a_name_is_stored_with_one_half_width_space_whichever_space_was_typed() {
        for typed in ["山田　花子", "山田 花子", "山田　 花子", " 山田  花子 "] {
            assert_eq!(name_spacing(typed), "山田 花子", "{typed:?}");
        }
        assert_eq!(name_spacing("山田花子"), "山田花子");
        let member = MemberForm { name: "山田　花子".into(), kana: "やまだ　はなこ".into(), ..form() }
            .validate(today())
            .unwrap();
        assert_eq!((member.name.as_str(), member.kana.as_str()), ("山田 花子", "やまだ はなこ"));
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn form() -> MemberForm {
        MemberForm {
            number: "1234".into(),
            name: "山田 花子".into(),
            kana: "ヤマダ ハナコ".into(),
            phone: "０４４ー８６３ー８４４４".into(),
            consented: true,
            ..MemberForm::default()
        }
    }

    #[test]
    fn a_complete_form_becomes_a_member_with_canonical_phone_and_todays_consent() {
        let member = form().validate(today()).unwrap();
        assert_eq!(member.phones[0].canonical(), "0448638444");
        assert_eq!(member.preferred_contact, ContactPreference::Phone);
        assert_eq!(member.consent_on, Some(today()));
        assert_eq!(member.email, None);
    }

    #[test]
    fn each_wrong_field_gets_its_own_message() {
        let bad = MemberForm {
            number: "".into(),
            kana: "山田".into(),
            phone: "044-863".into(),
            email: "hanako@".into(),
            consent_date: "2027-01-01".into(),
            ..form()
        };
        let errors = bad.validate(today()).unwrap_err();
        let fields: Vec<MemberField> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [MemberField::Number, MemberField::Kana, MemberField::Phone, MemberField::Email, MemberField::ConsentDate]
        );
        assert!(errors[2].1.contains("桁数"));
    }

    #[test]
    fn a_member_needs_a_phone_or_an_email() {
        let errors = MemberForm { phone: String::new(), ..form() }.validate(today()).unwrap_err();
        assert_eq!(errors[0].0, MemberField::Phone);
        let ok = MemberForm { phone: String::new(), email: "ｈａｎａｋｏ＠example.jp".into(), ..form() };
        let member = ok.validate(today()).unwrap();
        assert_eq!(member.email.as_deref(), Some("hanako@example.jp"));
        assert_eq!(member.preferred_contact, ContactPreference::Email);
    }

    #[test]
    fn email_contact_needs_an_address() {
        let errors =
            MemberForm { preferred_contact: Some(ContactPreference::Email), ..form() }.validate(today()).unwrap_err();
        assert_eq!(errors[0].0, MemberField::PreferredContact);
    }

    #[test]
    fn email_syntax() {
        assert_eq!(parse_email(" a.b+c@example.co.jp "), Ok(Some("a.b+c@example.co.jp".into())));
        assert_eq!(parse_email(""), Ok(None));
        assert!(parse_email("a@b").is_err());
        assert!(parse_email("a b@example.jp").is_ok(), "spaces typed by mistake are dropped");
        assert!(parse_email("山田@example.jp").is_err());
        assert!(parse_email("@example.jp").is_err());
    }

    #[test]
    fn furigana_must_be_kana() {
        assert!(is_kana("やまだ はなこ"));
        assert!(is_kana("スズキ ユーコ"));
        assert!(!is_kana("山田"));
        assert!(!is_kana("yamada"));
        assert!(!is_kana("  "));
    }
}
