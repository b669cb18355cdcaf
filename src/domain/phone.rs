//! Japanese telephone numbers: read in any form a Japanese keyboard produces, kept in one
//! canonical form (the national digits, `0448638444`), shown hyphenated by the numbering
//! plan (`044-863-8444`).
//!
//! The characters are normalised here (NFKC, and the dashes NFKC leaves alone); whether the
//! digits form a real Japanese number is decided by libphonenumber's metadata through the
//! `phonenumber` crate, not by hand-written patterns.

use std::fmt;

use phonenumber::{Mode, country};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// A valid Japanese number, stored as its national digits with the leading 0.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PhoneNumber(String);

/// Why a typed number was refused. The text says what to fix.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("電話番号を入力してください")]
    Empty,
    #[error("電話番号に使えない文字「{0}」が含まれています")]
    UnexpectedCharacter(char),
    #[error("日本の電話番号は 0 から始めてください（+81 も可）")]
    NoLeadingZero,
    #[error("電話番号の桁数が足りません（{0}桁）")]
    TooShort(usize),
    #[error("電話番号の桁数が多すぎます（{0}桁）")]
    TooLong(usize),
    #[error("日本の電話番号として正しくありません（番号をご確認ください）")]
    NotAJapaneseNumber,
}

/// Dashes and long-vowel marks that people type between digit groups and that NFKC does
/// not map to '-': ‐ ‑ ‒ – — ― − ー ｰ 〜 ～.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
            | '\u{30FC}'
            | '\u{FF70}'
            | '\u{301C}'
            | '\u{FF5E}'
            | '~'
    )
}

/// Keeps only the digits of a typed number, after NFKC (full-width digits, brackets,
/// hyphen-minus) and the dashes above; `+81` becomes the leading 0.
pub fn digits_of(text: &str) -> Result<String, PhoneError> {
    let normalised: String = text.nfkc().collect();
    let mut digits = String::new();
    let mut international = false;
    for c in normalised.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if digits.is_empty() && !international => international = true,
            c if c.is_whitespace() || is_dash(c) || matches!(c, '(' | ')' | '.' | '[' | ']') => {}
            other => return Err(PhoneError::UnexpectedCharacter(other)),
        }
    }
    if international {
        let Some(rest) = digits.strip_prefix("81") else {
            return Err(PhoneError::NotAJapaneseNumber);
        };
        // +81 (0)44 … is sometimes written with the trunk 0 kept in brackets.
        let rest = rest.strip_prefix('0').unwrap_or(rest);
        digits = format!("0{rest}");
    }
    Ok(digits)
}

impl PhoneNumber {
    /// Reads a number as typed and checks it against the Japanese numbering plan.
    pub fn parse(text: &str) -> Result<PhoneNumber, PhoneError> {
        let digits = digits_of(text)?;
        if digits.is_empty() {
            return Err(PhoneError::Empty);
        }
        if !digits.starts_with('0') {
            return Err(PhoneError::NoLeadingZero);
        }
        // Fixed lines and 050 have 10 digits, mobiles 11; 0120 has 10, 0800 has 11.
        if digits.len() < 10 {
            return Err(PhoneError::TooShort(digits.len()));
        }
        if digits.len() > 11 {
            return Err(PhoneError::TooLong(digits.len()));
        }
        let parsed = phonenumber::parse(Some(country::Id::JP), &digits).map_err(|_| PhoneError::NotAJapaneseNumber)?;
        if parsed.code().value() != 81 || !phonenumber::is_valid(&parsed) {
            return Err(PhoneError::NotAJapaneseNumber);
        }
        // The plan's own national form must give back exactly these digits, with the 0:
        // libphonenumber accepts some lengths (0120 with 11 digits) that it then cannot
        // write as a Japanese number. The number just parsed is formatted, not parsed
        // again: an import checks tens of thousands of numbers.
        let national = parsed.format().mode(Mode::National).to_string();
        if !national.chars().filter(char::is_ascii_digit).eq(digits.chars()) {
            return Err(PhoneError::NotAJapaneseNumber);
        }
        Ok(PhoneNumber(digits))
    }

    /// Rebuilds a number from its stored canonical digits without checking the plan again.
    pub fn from_canonical(digits: String) -> PhoneNumber {
        PhoneNumber(digits)
    }

    /// The canonical digits, e.g. `0448638444`.
    pub fn canonical(&self) -> &str {
        &self.0
    }

    /// Hyphenated by the numbering plan: `044-863-8444`, `090-1234-5678`, `0120-123-456`.
    /// A number stored before the plan's check was exact is shown as its stored digits,
    /// never without its leading 0.
    pub fn display(&self) -> String {
        match national_form(&self.0) {
            Some(text) if text.chars().filter(char::is_ascii_digit).eq(self.0.chars()) => text,
            _ => self.0.clone(),
        }
    }
}

/// The numbering plan's national form of `digits`, e.g. `044-863-8444`.
fn national_form(digits: &str) -> Option<String> {
    phonenumber::parse(Some(country::Id::JP), digits)
        .ok()
        .map(|parsed| parsed.format().mode(Mode::National).to_string())
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_keyboard_form_of_the_desk_number_is_the_same_number() {
        for typed in [
            "044-863-8444",
            "0448638444",
            "０４４－８６３－８４４４",
            "044ー863ー8444",
            "044−863−8444",
            "044‐863‐8444",
            "044—863―8444",
            "(044) 863 8444",
            "（０４４）８６３‐８４４４",
            "+81 44-863-8444",
            "+81(0)448638444",
            " 044 863 8444 ",
        ] {
            let number = PhoneNumber::parse(typed).unwrap_or_else(|e| panic!("{typed}: {e}"));
            assert_eq!(number.canonical(), "0448638444", "{typed}");
            assert_eq!(number.display(), "044-863-8444", "{typed}");
        }
    }

    #[test]
    fn mobile_ip_and_free_dial_numbers_are_hyphenated_by_the_plan() {
        assert_eq!(PhoneNumber::parse("09012345678").unwrap().display(), "090-1234-5678");
        assert_eq!(PhoneNumber::parse("07012345678").unwrap().display(), "070-1234-5678");
        assert_eq!(PhoneNumber::parse("05012345678").unwrap().display(), "050-1234-5678");
        assert_eq!(PhoneNumber::parse("0120123456").unwrap().display(), "0120-123-456");
        assert_eq!(PhoneNumber::parse("0312345678").unwrap().display(), "03-1234-5678");
    }

    #[test]
    fn refusals_say_what_is_wrong() {
        assert_eq!(PhoneNumber::parse(""), Err(PhoneError::Empty));
        assert_eq!(PhoneNumber::parse("044-863-844a"), Err(PhoneError::UnexpectedCharacter('a')));
        assert_eq!(PhoneNumber::parse("448638444"), Err(PhoneError::NoLeadingZero));
        assert_eq!(PhoneNumber::parse("044-863"), Err(PhoneError::TooShort(6)));
        assert_eq!(PhoneNumber::parse("090-1234-56789"), Err(PhoneError::TooLong(12)));
        assert_eq!(PhoneNumber::parse("+1 650 253 0000"), Err(PhoneError::NotAJapaneseNumber));
        assert_eq!(PhoneNumber::parse("0012345678"), Err(PhoneError::NotAJapaneseNumber));
    }

    #[test]
    fn a_free_dial_number_with_a_digit_too_many_is_refused() {
        assert_eq!(PhoneNumber::parse("0120-1234-567"), Err(PhoneError::NotAJapaneseNumber));
        // One stored before this check still shows its leading 0.
        assert_eq!(PhoneNumber::from_canonical("01201234567".into()).display(), "01201234567");
    }

    #[test]
    fn every_accepted_number_of_every_prefix_shows_with_its_leading_zero() {
        let mut accepted = 0;
        for prefix in 100..=999u32 {
            for length in [10, 11] {
                let digits: String = format!("0{prefix}1234567890").chars().take(length).collect();
                let Ok(number) = PhoneNumber::parse(&digits) else {
                    continue;
                };
                accepted += 1;
                assert_eq!(number.canonical(), digits);
                let shown = number.display();
                assert!(shown.starts_with('0'), "{digits} shown as {shown}");
                assert_eq!(shown.chars().filter(char::is_ascii_digit).collect::<String>(), digits, "{shown}");
                assert_eq!(PhoneNumber::parse(&shown).as_ref(), Ok(&number), "{shown} reads back");
            }
        }
        assert!(accepted > 500, "the plan accepts most prefixes: {accepted}");
    }
}
