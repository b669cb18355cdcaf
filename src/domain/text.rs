//! Text typed at the desk, pasted from elsewhere or read from a file: what may be stored.
//! A value is refused when it holds control characters (NUL, ESC, tabs; newlines only in
//! notes), bidirectional overrides that make text display other than it is stored
//! (U+202E), nothing but spaces or zero-width characters, or more than a sensible length.

/// How long each kind of value may be, in characters.
pub const MAX_NAME: usize = 100;
pub const MAX_LINE: usize = 200;
pub const MAX_NOTES: usize = 2000;
/// A message the desk writes itself (a reply to a request mail).
pub const MAX_MAIL_BODY: usize = 10_000;

/// Why a value cannot be stored, for a message that names the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextProblem {
    Empty,
    Control,
    Newline,
    Bidi,
    TooLong { max: usize },
}

impl TextProblem {
    /// The message for the field called `label` (氏名, 備考…).
    pub fn message(self, label: &str) -> String {
        match self {
            TextProblem::Empty => format!("{label}を入力してください"),
            TextProblem::Control => format!("{label}に使えない制御文字が含まれています。入力し直してください"),
            TextProblem::Newline => format!("{label}は1行で入力してください（改行やタブは使えません）"),
            TextProblem::Bidi => format!("{label}に文字の向きを変える特殊な文字が含まれています。入力し直してください"),
            TextProblem::TooLong { max } => format!("{label}は{max}文字までで入力してください"),
        }
    }
}

/// Characters that reorder how text is displayed (embeddings, overrides, isolates).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters with no width: a value made only of these and spaces is empty.
fn is_invisible(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

fn check(value: &str, max: usize, multiline: bool) -> Result<String, TextProblem> {
    let value = if multiline { value.replace("\r\n", "\n") } else { value.to_owned() };
    let value = value.trim();
    for c in value.chars() {
        if c == '\n' && multiline {
            continue;
        }
        if matches!(c, '\n' | '\r' | '\t') {
            return Err(TextProblem::Newline);
        }
        if c.is_control() {
            return Err(TextProblem::Control);
        }
        if is_bidi_control(c) {
            return Err(TextProblem::Bidi);
        }
    }
    if value.chars().count() > max {
        return Err(TextProblem::TooLong { max });
    }
    if value.chars().all(is_invisible) {
        return Err(TextProblem::Empty);
    }
    Ok(value.to_owned())
}

/// A one-line value that must be given (a name, a reason), trimmed.
pub fn required_line(value: &str, max: usize) -> Result<String, TextProblem> {
    check(value, max, false)
}

/// A one-line value that may be left empty, trimmed.
pub fn optional_line(value: &str, max: usize) -> Result<String, TextProblem> {
    match check(value, max, false) {
        Err(TextProblem::Empty) => Ok(String::new()),
        other => other,
    }
}

/// Notes: several lines allowed, may be left empty.
pub fn notes(value: &str, max: usize) -> Result<String, TextProblem> {
    match check(value, max, true) {
        Err(TextProblem::Empty) => Ok(String::new()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_japanese_text_passes_trimmed() {
        assert_eq!(required_line("　山田　花子 ", MAX_NAME), Ok("山田　花子".into()));
        assert_eq!(notes("一行目\r\n二行目", MAX_NOTES), Ok("一行目\n二行目".into()));
        assert_eq!(optional_line("", MAX_LINE), Ok(String::new()));
    }

    #[test]
    fn control_characters_are_refused_and_newlines_only_in_notes() {
        assert_eq!(required_line("山田\u{0}花子", MAX_NAME), Err(TextProblem::Control));
        assert_eq!(required_line("山田\u{1b}[31m", MAX_NAME), Err(TextProblem::Control));
        assert_eq!(required_line("山\u{85}田", MAX_NAME), Err(TextProblem::Control), "C1");
        assert_eq!(required_line("山田\n花子", MAX_NAME), Err(TextProblem::Newline));
        assert_eq!(required_line("山田\t花子", MAX_NAME), Err(TextProblem::Newline));
        assert_eq!(notes("a\tb", MAX_NOTES), Err(TextProblem::Newline));
        assert_eq!(notes("a\u{7}b", MAX_NOTES), Err(TextProblem::Control));
    }

    #[test]
    fn bidi_overrides_blank_values_and_long_ones_are_refused() {
        assert_eq!(required_line("abc\u{202E}fdp.exe", MAX_NAME), Err(TextProblem::Bidi));
        assert_eq!(required_line("\u{2067}x", MAX_NAME), Err(TextProblem::Bidi));
        assert_eq!(required_line("\u{200B}\u{3000} \u{FEFF}", MAX_NAME), Err(TextProblem::Empty));
        assert_eq!(optional_line("\u{200B}", MAX_LINE), Ok(String::new()));
        assert_eq!(required_line(&"あ".repeat(101), MAX_NAME), Err(TextProblem::TooLong { max: 100 }));
        assert!(required_line(&"あ".repeat(100), MAX_NAME).is_ok());
    }

    #[test]
    fn messages_name_the_field() {
        assert_eq!(TextProblem::TooLong { max: 100 }.message("氏名"), "氏名は100文字までで入力してください");
        assert_eq!(TextProblem::Empty.message("理由"), "理由を入力してください");
    }
}
