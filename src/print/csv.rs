//! The day's list as CSV for Excel: one row per booking holding a place, then the
//! waitlists. UTF-8 with a BOM by default (Excel on Japanese Windows reads a CSV without
//! one as CP932); Shift_JIS (CP932) on request, refusing with the line, the column and
//! the character when a name cannot be written in it, rather than writing `?`.

use std::fmt;

use encoding_rs::SHIFT_JIS;

use super::xlsx::{CellKind, table_xlsx};
use super::{
    COL_ACCESS_MAIL, COL_CHANNEL, COL_KANA, COL_NAME, COL_NOTES, COL_NUMBER, COL_PHONE, COL_THEME, DayListOptions,
    PrintError,
};
use crate::store::{DayList, MemberContact};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CsvEncoding {
    #[default]
    Utf8Bom,
    ShiftJis,
}

impl CsvEncoding {
    pub fn label(self) -> &'static str {
        match self {
            CsvEncoding::Utf8Bom => "UTF-8（BOM付き）",
            CsvEncoding::ShiftJis => "Shift_JIS",
        }
    }

    /// The name recorded in the audit log.
    pub fn code(self) -> &'static str {
        match self {
            CsvEncoding::Utf8Bom => "utf-8-bom",
            CsvEncoding::ShiftJis => "shift_jis",
        }
    }
}

/// A character that Shift_JIS has no code for, where it is in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unencodable {
    /// The line of the file, counting the header as line 1 (as Excel numbers rows).
    pub line: usize,
    pub column: String,
    pub character: char,
}

impl fmt::Display for Unencodable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}行目 {}: 「{}」は Shift_JIS で書けません", self.line, self.column, self.character)
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The header and the rows of the CSV, as text, before encoding.
pub fn day_list_rows(list: &DayList, options: &DayListOptions) -> (Vec<String>, Vec<Vec<String>>) {
    let themes = options.include_themes;
    let mut header: Vec<&str> = vec![
        "区分",
        "サービス",
        "開始",
        "終了",
        "長さ（分）",
        "担当",
        COL_NUMBER,
        COL_NAME,
        COL_KANA,
        COL_PHONE,
        COL_CHANNEL,
    ];
    if themes {
        header.push(COL_THEME);
    }
    header.extend([COL_ACCESS_MAIL, "状態", "キャンセル待ち順", COL_NOTES]);

    let mut rows = Vec::new();
    for session in &list.sessions {
        for line in &session.lines {
            let mut row = vec![
                "予約".to_owned(),
                session.service_name.clone(),
                line.hours.start.to_string(),
                line.hours.end.to_string(),
                line.hours.minutes().to_string(),
                session.staff.clone(),
            ];
            row.extend(member_cells(&line.member));
            row.push(line.channel.label().to_owned());
            if themes {
                row.push(line.theme.clone());
            }
            row.extend([
                line.access_mail.map(|m| m.label().to_owned()).unwrap_or_default(),
                line.state.label().to_owned(),
                String::new(),
                line.notes.clone(),
            ]);
            rows.push(row);
        }
    }
    for waitlist in &list.waitlists {
        let staff = list
            .sessions
            .iter()
            .find(|s| s.service_id == waitlist.service_id)
            .map(|s| s.staff.clone())
            .unwrap_or_default();
        for line in &waitlist.lines {
            let mut row = vec![
                "キャンセル待ち".to_owned(),
                waitlist.service_name.clone(),
                line.hours.start.to_string(),
                line.hours.end.to_string(),
                line.hours.minutes().to_string(),
                staff.clone(),
            ];
            row.extend(member_cells(&line.member));
            row.push(line.channel.label().to_owned());
            if themes {
                row.push(line.theme.clone());
            }
            row.extend([String::new(), "キャンセル待ち".to_owned(), line.position.to_string(), line.notes.clone()]);
            rows.push(row);
        }
    }
    (header.into_iter().map(str::to_owned).collect(), rows)
}

/// The member's columns of a row: number, name, furigana, phone.
fn member_cells(member: &MemberContact) -> [String; 4] {
    [member.number.clone(), member.name.clone(), member.kana.clone(), member.phone.clone()]
}

/// The day list as an Excel workbook: the same columns as the CSV, counts as numbers,
/// member numbers and phones as text.
pub fn day_list_xlsx(list: &DayList, options: &DayListOptions) -> Result<Vec<u8>, PrintError> {
    let (header, rows) = day_list_rows(list, options);
    let kinds: Vec<CellKind> = header
        .iter()
        .map(|title| {
            if matches!(title.as_str(), "長さ（分）" | "キャンセル待ち順") {
                CellKind::Number
            } else {
                CellKind::Text
            }
        })
        .collect();
    let sheet = list.date.format("%Y-%m-%d").to_string();
    table_xlsx(&sheet, &header, &rows, &kinds)
}

/// The CSV file's bytes in the chosen encoding.
pub fn day_list_csv(list: &DayList, options: &DayListOptions, encoding: CsvEncoding) -> Result<Vec<u8>, PrintError> {
    let (header, rows) = day_list_rows(list, options);
    table_csv(&header, &rows, encoding)
}

/// Any table as a CSV file for Excel, in the chosen encoding; with Shift_JIS, every
/// character it cannot hold is named with its line and column instead of written wrong.
pub fn table_csv(header: &[String], rows: &[Vec<String>], encoding: CsvEncoding) -> Result<Vec<u8>, PrintError> {
    let header = &header.to_vec();
    match encoding {
        CsvEncoding::Utf8Bom => {
            let mut out = UTF8_BOM.to_vec();
            for row in std::iter::once(header).chain(rows) {
                out.extend_from_slice(csv_line(row).as_bytes());
            }
            Ok(out)
        }
        CsvEncoding::ShiftJis => {
            let mut problems = Vec::new();
            for (index, row) in std::iter::once(header).chain(rows).enumerate() {
                for (column, field) in header.iter().zip(row) {
                    for character in field.chars().map(cp932_equivalent) {
                        let mut buffer = [0u8; 4];
                        let (_, _, unmappable) = SHIFT_JIS.encode(character.encode_utf8(&mut buffer));
                        if unmappable {
                            problems.push(Unencodable { line: index + 1, column: column.clone(), character });
                        }
                    }
                }
            }
            if !problems.is_empty() {
                return Err(PrintError::Unencodable(problems));
            }
            let text: String = std::iter::once(header).chain(rows).map(|row| csv_line(row)).collect();
            let text: String = text.chars().map(cp932_equivalent).collect();
            let (bytes, _, _) = SHIFT_JIS.encode(&text);
            Ok(bytes.into_owned())
        }
    }
}

/// Characters that Japanese input produces in Unicode forms Shift_JIS lacks, but whose
/// look-alike CP932 has: Windows shows and types these for the same keys.
fn cp932_equivalent(character: char) -> char {
    match character {
        '\u{301C}' => '\u{FF5E}', // 〜 WAVE DASH → ～
        '\u{2212}' => '\u{FF0D}', // − MINUS SIGN → －
        '\u{2016}' => '\u{2225}', // ‖ → ∥
        '\u{2014}' => '\u{2015}', // — EM DASH → ―
        '\u{00A2}' => '\u{FFE0}', // ¢
        '\u{00A3}' => '\u{FFE1}', // £
        '\u{00AC}' => '\u{FFE2}', // ¬
        other => other,
    }
}

/// A text cell as a spreadsheet must read it: one beginning with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would be run as a formula by Excel or LibreOffice (OWASP
/// "CSV injection"), so it gets a leading `'`. Numbers such as -3 are left as they are.
fn neutralised(field: &str) -> std::borrow::Cow<'_, str> {
    let risky = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && field.trim().parse::<f64>().is_err() { format!("'{field}").into() } else { field.into() }
}

/// One CSV record with CRLF, quoting fields that hold a comma, a quote or a line break.
fn csv_line(fields: &[String]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|field| neutralised(field))
        .map(|field| {
            if field.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", field.replace('"', "\"\""))
            } else {
                field.into_owned()
            }
        })
        .collect();
    format!("{}\r\n", quoted.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_and_line_breaks_are_quoted() {
        let line = csv_line(&["a,b".into(), "say \"hi\"".into(), "two\nlines".into(), "plain".into()]);
        assert_eq!(line, "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",plain\r\n");
    }

    #[test]
    fn wave_dash_and_minus_sign_are_written_as_their_cp932_look_alikes() {
        for character in ['〜', '−', '‖', '—'] {
            let mapped = cp932_equivalent(character).to_string();
            let (_, _, unmappable) = SHIFT_JIS.encode(&mapped);
            assert!(!unmappable, "{character}");
        }
    }

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_written_as_text() {
        let cells: Vec<String> =
            ["=HYPERLINK(\"http://x\",\"y\")", "=SUM(1,2)", "+81", "+1+1", "-", "@cmd", "\tx", "-3", "044-863-8444"]
                .into_iter()
                .map(str::to_owned)
                .collect();
        assert_eq!(
            csv_line(&cells),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"'=SUM(1,2)\",+81,'+1+1,'-,'@cmd,'\tx,-3,044-863-8444\r\n"
        );
    }
}
