//! Members and the keys used to find them by furigana or name however they are typed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::phone::PhoneNumber;

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

/// A member of the organisation. Only members can book (SPEC: 会員限定).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: MemberId,
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

impl Member {
    /// The first phone number, hyphenated, or an empty string.
    pub fn main_phone(&self) -> String {
        self.phones.first().map(PhoneNumber::display).unwrap_or_default()
    }
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
    fn furigana_must_be_kana() {
        assert!(is_kana("やまだ はなこ"));
        assert!(is_kana("スズキ ユーコ"));
        assert!(!is_kana("山田"));
        assert!(!is_kana("yamada"));
        assert!(!is_kana("  "));
    }
}
