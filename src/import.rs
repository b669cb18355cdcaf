//! Members from a CSV file saved by Excel: the encoding is detected (UTF-8 with or without
//! BOM, Shift_JIS as Japanese Windows writes it, or Excel's UTF-16 "Unicode text"), the
//! header row is matched to the member's fields, and every row is checked with the same
//! rules as the member form. The import is all or nothing: one wrong row, and nothing is
//! written. Member numbers already in the data are reported and left as they are.

use std::collections::HashMap;

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use crate::domain::member::{ContactPreference, MemberForm, NewMember};

/// How the file's bytes were read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8WithBom,
    Utf8,
    ShiftJis,
    Utf16Le,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8WithBom => "UTF-8（BOM 付き）",
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::ShiftJis => "Shift_JIS（CP932）",
            TextEncoding::Utf16Le => "UTF-16（Excel の Unicode テキスト）",
        }
    }
}

/// A member's field that a CSV column can fill: the member form's own fields, so a row is
/// checked and its errors placed exactly as the form would.
pub use crate::domain::member::MemberField as ImportColumn;

/// The header texts a spreadsheet uses for each field.
trait HeaderNames {
    fn header_names(self) -> &'static [&'static str];
}

impl HeaderNames for ImportColumn {
    /// Header texts (after [`header_key`]) that mean this field.
    fn header_names(self) -> &'static [&'static str] {
        match self {
            ImportColumn::Number => &["会員番号", "番号", "会員no", "会員no.", "no", "no.", "会員id", "id", "number"],
            ImportColumn::Name => &["氏名", "名前", "お名前", "会員名", "氏名(漢字)", "name"],
            ImportColumn::Kana => &[
                "ふりがな",
                "フリガナ",
                "よみがな",
                "ヨミガナ",
                "よみ",
                "ヨミ",
                "カナ",
                "かな",
                "氏名(カナ)",
                "氏名(ふりがな)",
                "kana",
                "furigana",
            ],
            ImportColumn::Phone => {
                &["電話", "電話番号", "電話1", "電話番号1", "tel", "tel1", "自宅電話", "連絡先", "連絡先電話番号"]
            }
            ImportColumn::SecondPhone => {
                &["電話2", "電話番号2", "携帯", "携帯電話", "携帯番号", "携帯電話番号", "tel2"]
            }
            ImportColumn::Email => &["メール", "メールアドレス", "email", "e-mail", "mail", "eメール"],
            ImportColumn::PreferredContact => &["連絡方法", "希望連絡方法", "連絡手段", "希望連絡", "連絡の方法"],
            ImportColumn::ConsentDate => &["同意日", "同意", "個人情報同意", "個人情報同意日", "同意年月日"],
            ImportColumn::Notes => &["備考", "メモ", "特記事項", "notes", "note"],
        }
    }
}

/// Why a file cannot be imported at all (row errors are listed in [`ImportPlan`]).
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("ファイルが空です")]
    Empty,
    #[error("ファイルを読めません: {0}")]
    Unreadable(String),
    #[error(
        "ファイルが大きすぎます（{megabytes} MB）。会員の一覧なら 20 MB までです。選んだファイルが正しいか確かめてください"
    )]
    TooLarge { megabytes: u64 },
    #[error("文字コードが読み取れません（UTF-8 でも Shift_JIS でもありません）")]
    UnknownEncoding,
    #[error("CSV として読めません（{line}行目）: {detail}")]
    Malformed { line: u64, detail: String },
    #[error("1行目の見出しに「{}」の列が見つかりません。見出しの例: 会員番号, 氏名, ふりがな, 電話番号, メールアドレス", .0.join("」「"))]
    MissingColumns(Vec<&'static str>),
    #[error("「{0}」に対応する列が2つあります。どちらか一方を「取り込まない」にしてください")]
    ColumnTwice(&'static str),
}

/// What a name with "?" in it is told.
const REPLACED_CHARACTER: &str = "「?」が含まれています。表計算ソフトが保存できなかった文字を置き換えた跡かもしれません。元の表記を確かめて直してください";

/// The largest file an import reads: far beyond any members list (100,000 rows are about
/// 10 MB), so a wrong file is refused at once instead of read for minutes.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// Reads a members file from disk, refusing one past [`MAX_FILE_BYTES`] before reading it.
pub fn read_file(path: &std::path::Path) -> Result<CsvTable, ImportError> {
    let unreadable = |e: std::io::Error| ImportError::Unreadable(crate::store::io_reason(&e));
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { megabytes: size.div_ceil(1024 * 1024) });
    }
    read_table(&std::fs::read(path).map_err(unreadable)?)
}

/// How an import names its file in the audit log: the file name, or the whole path.
pub fn source_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// A CSV file read into text cells, before any column is interpreted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvTable {
    pub encoding: TextEncoding,
    pub headers: Vec<String>,
    /// Each data row with the file's line number where it starts (the header is line 1).
    pub rows: Vec<(u64, Vec<String>)>,
}

/// Reads bytes as Excel saves them: a UTF-8 BOM, UTF-16 with its BOM, valid UTF-8, or
/// else Shift_JIS (Windows' CP932, which is what encoding_rs calls Shift_JIS).
pub fn decode(bytes: &[u8]) -> Result<(TextEncoding, String), ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|_| ImportError::UnknownEncoding)?;
        return Ok((TextEncoding::Utf8WithBom, text.to_owned()));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, had_errors) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        if had_errors {
            return Err(ImportError::UnknownEncoding);
        }
        return Ok((TextEncoding::Utf16Le, text.into_owned()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((TextEncoding::Utf8, text.to_owned()));
    }
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(ImportError::UnknownEncoding);
    }
    Ok((TextEncoding::ShiftJis, text.into_owned()))
}

/// Decodes and splits the file into cells. Commas or tabs, whichever the header row uses.
pub fn read_table(bytes: &[u8]) -> Result<CsvTable, ImportError> {
    let (encoding, text) = decode(bytes)?;
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches('\t').count() > first_line.matches(',').count() { b'\t' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut headers = None;
    let mut rows = Vec::new();
    let mut lines = LineCounter::new(&text);
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Malformed {
            line: e.position().map_or(0, |p| LineCounter::new(&text).line_at(p.byte())),
            detail: e.to_string(),
        })?;
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
        if cells.iter().all(|c| c.is_empty()) {
            // Excel leaves ",,,," lines below the data.
            continue;
        }
        if headers.is_none() {
            headers = Some(cells);
        } else {
            rows.push((line, cells));
        }
    }
    let headers = headers.ok_or(ImportError::Empty)?;
    Ok(CsvTable { encoding, headers, rows })
}

/// Line numbers of records, counted as the reader moves forward through the text (records
/// come in order, so each newline is counted once). The csv crate's own line count runs one
/// short after each CRLF, which is how Excel ends lines, so count here.
struct LineCounter<'a> {
    text: &'a [u8],
    /// Bytes counted so far, and the newlines among them.
    counted_to: usize,
    newlines: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter { text: text.as_bytes(), counted_to: 0, newlines: 0 }
    }

    /// The line (from 1) on which the record at `byte` starts.
    fn line_at(&mut self, byte: u64) -> u64 {
        let start = usize::try_from(byte).unwrap_or(usize::MAX).min(self.text.len());
        // A record's position may be just before the line break that ends the previous one.
        let skipped = self.text[start..].iter().take_while(|b| **b == b'\r' || **b == b'\n').count();
        let start = start + skipped;
        if start < self.counted_to {
            // Not expected (records come in order); count from the beginning again.
            self.counted_to = 0;
            self.newlines = 0;
        }
        self.newlines += self.text[self.counted_to..start].iter().filter(|b| **b == b'\n').count() as u64;
        self.counted_to = start;
        self.newlines + 1
    }
}

/// What a header cell is compared by: NFKC (full-width letters, half-width kana), no
/// spaces, lower case, and the parentheses Excel users type in both widths.
fn header_key(header: &str) -> String {
    header.nfkc().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// Which field each column fills (`None`: not imported), guessed from the header row.
pub fn guess_mapping(headers: &[String]) -> Vec<Option<ImportColumn>> {
    let mut used = Vec::new();
    headers
        .iter()
        .map(|header| {
            let key = header_key(header);
            let column = ImportColumn::ALL
                .into_iter()
                .find(|c| !used.contains(c) && c.header_names().iter().any(|name| header_key(name) == key));
            if let Some(column) = column {
                used.push(column);
            }
            column
        })
        .collect()
}

/// One data row that cannot be imported, with every reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub problems: Vec<(ImportColumn, String)>,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}行目: ", self.line)?;
        for (index, (column, message)) in self.problems.iter().enumerate() {
            if index > 0 {
                f.write_str("、")?;
            }
            write!(f, "{}: {}", column.label(), message)?;
        }
        Ok(())
    }
}

/// The checked rows: what would be imported, and what is wrong.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPlan {
    /// Rows that passed every check, with their line numbers.
    pub members: Vec<(u64, NewMember)>,
    pub errors: Vec<RowError>,
}

/// How many rows between two progress reports: often enough for a smooth bar, rarely
/// enough to cost nothing.
pub const PROGRESS_EVERY: usize = 500;

/// Checks every row with the member form's rules, as the desk would have typed them.
pub fn check_rows(
    table: &CsvTable,
    mapping: &[Option<ImportColumn>],
    today: NaiveDate,
) -> Result<ImportPlan, ImportError> {
    check_rows_reporting(table, mapping, today, &|_| {})
}

/// [`check_rows`], telling `progress` the share of rows checked (0 to 1) as it goes, for
/// the window's progress bar on a large file.
pub fn check_rows_reporting(
    table: &CsvTable,
    mapping: &[Option<ImportColumn>],
    today: NaiveDate,
    progress: &dyn Fn(f32),
) -> Result<ImportPlan, ImportError> {
    for column in ImportColumn::ALL {
        if mapping.iter().filter(|m| **m == Some(column)).count() > 1 {
            return Err(ImportError::ColumnTwice(column.label()));
        }
    }
    let missing: Vec<&'static str> = [ImportColumn::Number, ImportColumn::Name, ImportColumn::Kana]
        .into_iter()
        .filter(|c| !mapping.contains(&Some(*c)))
        .map(ImportColumn::label)
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing));
    }
    let mut plan = ImportPlan::default();
    let mut first_line_of_number: HashMap<String, u64> = HashMap::new();
    let total = table.rows.len().max(1) as f32;
    for (index, (line, cells)) in table.rows.iter().enumerate() {
        if index % PROGRESS_EVERY == 0 {
            progress(index as f32 / total);
        }
        let cell = |column: ImportColumn| -> &str {
            mapping.iter().position(|m| *m == Some(column)).and_then(|i| cells.get(i)).map_or("", String::as_str)
        };
        let mut problems = Vec::new();
        let preferred_contact = match contact_preference(cell(ImportColumn::PreferredContact)) {
            Ok(preference) => preference,
            Err(message) => {
                problems.push((ImportColumn::PreferredContact, message.to_owned()));
                None
            }
        };
        let (consented, consent_date) = match consent(cell(ImportColumn::ConsentDate)) {
            Ok(consent) => consent,
            Err(message) => {
                problems.push((ImportColumn::ConsentDate, message.to_owned()));
                (false, String::new())
            }
        };
        // A spreadsheet that could not write a character (髙 in Shift_JIS) puts "?" in
        // its place: such a name is somebody else's name, so the row waits for a person.
        for column in [ImportColumn::Name, ImportColumn::Kana] {
            if cell(column).contains(['?', '？']) {
                problems.push((column, REPLACED_CHARACTER.to_owned()));
            }
        }
        let form = MemberForm {
            number: cell(ImportColumn::Number).to_owned(),
            name: cell(ImportColumn::Name).to_owned(),
            kana: cell(ImportColumn::Kana).to_owned(),
            phone: cell(ImportColumn::Phone).to_owned(),
            second_phone: cell(ImportColumn::SecondPhone).to_owned(),
            email: cell(ImportColumn::Email).to_owned(),
            preferred_contact,
            consented,
            consent_date,
            notes: cell(ImportColumn::Notes).to_owned(),
        };
        match form.validate(today) {
            Ok(member) if problems.is_empty() => {
                if let Some(first) = first_line_of_number.get(&member.number) {
                    problems.push((
                        ImportColumn::Number,
                        format!("会員番号 {} は {first}行目と重複しています", member.number),
                    ));
                } else {
                    first_line_of_number.insert(member.number.clone(), *line);
                    plan.members.push((*line, member));
                    continue;
                }
            }
            Ok(_) => {}
            Err(errors) => problems.extend(errors),
        }
        // The form's messages belong to the fields the file fills; keep them in column order.
        problems.sort_by_key(|(column, _)| ImportColumn::ALL.iter().position(|c| c == column));
        problems.dedup();
        plan.errors.push(RowError { line: *line, problems });
    }
    Ok(plan)
}

/// 電話 / メール in the words a spreadsheet would use; empty lets the form decide.
fn contact_preference(text: &str) -> Result<Option<ContactPreference>, &'static str> {
    let key = header_key(text);
    Ok(match key.as_str() {
        "" => None,
        "電話" | "tel" | "phone" | "でんわ" | "デンワ" => Some(ContactPreference::Phone),
        "メール" | "mail" | "email" | "e-mail" | "めーる" => Some(ContactPreference::Email),
        _ => return Err("「電話」か「メール」で入力してください"),
    })
}

/// The consent column holds the date of consent, or a mark saying there is none. A mark
/// of consent without its date is not enough: the date is part of the record.
fn consent(text: &str) -> Result<(bool, String), &'static str> {
    let key = header_key(text);
    match key.as_str() {
        "" | "なし" | "無" | "×" | "x" | "未" | "いいえ" | "no" | "-" => Ok((false, String::new())),
        "あり" | "有" | "○" | "〇" | "済" | "はい" | "yes" | "同意" => {
            Err("同意した日付を入力してください（例: 2026-04-01）")
        }
        _ => Ok((true, text.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn shift_jis(text: &str) -> Vec<u8> {
        let (bytes, _, had_errors) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(!had_errors);
        bytes.into_owned()
    }

    #[test]
    fn utf8_with_and_without_bom_and_shift_jis_are_told_apart() {
        let text = "会員番号,氏名\n1,髙橋 一郎\n";
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&with_bom).unwrap(), (TextEncoding::Utf8WithBom, text.to_owned()));
        assert_eq!(decode(text.as_bytes()).unwrap(), (TextEncoding::Utf8, text.to_owned()));
        assert_eq!(decode(&shift_jis(text)).unwrap(), (TextEncoding::ShiftJis, text.to_owned()));
    }

    #[test]
    fn excel_unicode_text_is_utf16_with_tabs() {
        let text = "会員番号\t氏名\tふりがな\n7\t山﨑 花\tやまざき はな\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let table = read_table(&bytes).unwrap();
        assert_eq!(table.encoding, TextEncoding::Utf16Le);
        assert_eq!(table.headers, ["会員番号", "氏名", "ふりがな"]);
        assert_eq!(table.rows, vec![(2, vec!["7".to_owned(), "山﨑 花".to_owned(), "やまざき はな".to_owned()])]);
    }

    #[test]
    fn bytes_that_are_no_japanese_text_are_refused() {
        assert_eq!(decode(&[0x81, 0x20, 0xFF, 0xFF]), Err(ImportError::UnknownEncoding));
        assert_eq!(decode(b""), Err(ImportError::Empty));
    }

    #[test]
    fn headers_are_matched_in_any_width_and_unknown_ones_are_left_out() {
        let headers: Vec<String> =
            ["会員ＮＯ", "お名前", "フリガナ", "ＴＥＬ", "携帯", "Ｅメール", "生年月日"].map(String::from).to_vec();
        assert_eq!(
            guess_mapping(&headers),
            vec![
                Some(ImportColumn::Number),
                Some(ImportColumn::Name),
                Some(ImportColumn::Kana),
                Some(ImportColumn::Phone),
                Some(ImportColumn::SecondPhone),
                Some(ImportColumn::Email),
                None,
            ]
        );
    }

    #[test]
    fn quoted_cells_may_hold_commas_and_line_breaks_and_lines_are_counted_in_the_file() {
        let text = "会員番号,氏名,ふりがな,電話番号,備考\n1,山田 花子,やまだ はなこ,044-863-8444,\"足が悪い,\n午前希望\"\n2,佐藤 一,さとう はじめ,09012345678,\n";
        let table = read_table(text.as_bytes()).unwrap();
        let plan = check_rows(&table, &guess_mapping(&table.headers), today()).unwrap();
        assert!(plan.errors.is_empty(), "{:?}", plan.errors);
        assert_eq!(plan.members[0].1.notes, "足が悪い,\n午前希望");
        assert_eq!(plan.members.iter().map(|(line, _)| *line).collect::<Vec<_>>(), [2, 4]);
    }

    #[test]
    fn checking_a_large_file_reports_its_progress_in_order() {
        let mut text = String::from("会員番号,氏名,ふりがな,電話番号\n");
        for n in 1..=1200 {
            text.push_str(&format!("{n},山田 花子,やまだ はなこ,044-863-{n:04}\n"));
        }
        let table = read_table(text.as_bytes()).unwrap();
        let reports = std::cell::RefCell::new(Vec::new());
        let plan = check_rows_reporting(&table, &guess_mapping(&table.headers), today(), &|done| {
            reports.borrow_mut().push(done)
        })
        .unwrap();
        assert_eq!((plan.members.len(), plan.errors.len()), (1200, 0), "{:?}", plan.errors.first());
        assert_eq!(reports.into_inner(), [0.0, 500.0 / 1200.0, 1000.0 / 1200.0]);
    }

    #[test]
    fn lines_are_counted_right_in_files_with_crlf_line_ends() {
        let text =
            "会員番号,氏名,ふりがな,電話番号\r\n1,山田 花子,やまだ はなこ,0448638444\r\n2,佐藤 一,さとう はじめ,12\r\n";
        let table = read_table(text.as_bytes()).unwrap();
        assert_eq!(table.rows.iter().map(|(line, _)| *line).collect::<Vec<_>>(), [2, 3]);
    }

    #[test]
    fn every_problem_of_a_row_is_named_with_its_line() {
        let text =
            "会員番号,氏名,ふりがな,電話番号,メールアドレス\n1,山田 花子,やまだ はなこ,044-863-8444,\n2,,Sato,12,a@\n";
        let table = read_table(text.as_bytes()).unwrap();
        let plan = check_rows(&table, &guess_mapping(&table.headers), today()).unwrap();
        assert_eq!(plan.members.len(), 1);
        assert_eq!(plan.errors.len(), 1);
        let error = &plan.errors[0];
        assert_eq!(error.line, 3);
        let columns: Vec<ImportColumn> = error.problems.iter().map(|(c, _)| *c).collect();
        assert_eq!(columns, [ImportColumn::Name, ImportColumn::Kana, ImportColumn::Phone, ImportColumn::Email]);
        assert!(error.to_string().starts_with("3行目: 氏名: "), "{error}");
        assert!(!plan.errors.is_empty());
    }

    #[test]
    fn a_number_twice_in_the_file_is_an_error_on_the_later_row() {
        let text = "会員番号,氏名,ふりがな,電話番号\n5,山田 花子,やまだ はなこ,0448638444\n５,山田 次郎,やまだ じろう,0448638445\n";
        let table = read_table(text.as_bytes()).unwrap();
        let plan = check_rows(&table, &guess_mapping(&table.headers), today()).unwrap();
        assert_eq!(plan.errors.len(), 1);
        assert_eq!(plan.errors[0].line, 3);
        assert!(plan.errors[0].to_string().contains("2行目と重複"), "{}", plan.errors[0]);
    }

    #[test]
    fn consent_needs_its_date_and_contact_words_are_understood() {
        let text = "会員番号,氏名,ふりがな,メール,連絡方法,同意日\n1,山田 花子,やまだ はなこ,h@example.jp,メール,2026/4/1\n2,佐藤 一,さとう はじめ,s@example.jp,,済\n3,鈴木 三,すずき さん,t@example.jp,手紙,なし\n";
        let table = read_table(text.as_bytes()).unwrap();
        let plan = check_rows(&table, &guess_mapping(&table.headers), today()).unwrap();
        let (_, first) = &plan.members[0];
        assert_eq!(first.preferred_contact, ContactPreference::Email);
        assert_eq!(first.consent_on, NaiveDate::from_ymd_opt(2026, 4, 1));
        let problems: Vec<(u64, ImportColumn)> =
            plan.errors.iter().flat_map(|e| e.problems.iter().map(|(c, _)| (e.line, *c))).collect();
        assert_eq!(problems, [(3, ImportColumn::ConsentDate), (4, ImportColumn::PreferredContact)]);
    }

    #[test]
    fn missing_required_columns_and_a_column_used_twice_stop_before_any_row() {
        let table = read_table("氏名,電話番号\n山田,0448638444\n".as_bytes()).unwrap();
        assert_eq!(
            check_rows(&table, &guess_mapping(&table.headers), today()),
            Err(ImportError::MissingColumns(vec!["会員番号", "ふりがな"]))
        );
        let table = read_table("会員番号,氏名,ふりがな\n1,山田,やまだ\n".as_bytes()).unwrap();
        let mapping = [Some(ImportColumn::Number), Some(ImportColumn::Name), Some(ImportColumn::Name)];
        assert_eq!(check_rows(&table, &mapping, today()), Err(ImportError::ColumnTwice("氏名")));
    }

    #[test]
    fn a_name_a_spreadsheet_wrote_with_question_marks_is_flagged_row_by_row() {
        let text = "会員番号,氏名,ふりがな,電話番号\n1,?田 太郎,たかだ たろう,044-863-8444\n2,山田 花子,やまだ はなこ,044-863-8444\n";
        let table = read_table(&shift_jis(text)).unwrap();
        let plan = check_rows(&table, &guess_mapping(&table.headers), today()).unwrap();
        assert_eq!(plan.members.len(), 1);
        assert_eq!(plan.errors.len(), 1);
        assert_eq!(plan.errors[0].line, 2);
        assert_eq!(plan.errors[0].problems[0].0, ImportColumn::Name);
        assert!(plan.errors[0].problems[0].1.contains("置き換えた"), "{}", plan.errors[0]);
    }

    #[test]
    fn a_file_past_the_size_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(MAX_FILE_BYTES + 1).unwrap();
        assert!(matches!(read_file(&path), Err(ImportError::TooLarge { megabytes: 21 })));
        assert!(matches!(read_file(&dir.path().join("none.csv")), Err(ImportError::Unreadable(_))));
    }

    #[test]
    fn line_numbers_stay_right_over_many_rows() {
        let mut text = String::from("会員番号,氏名,ふりがな,電話番号\r\n");
        for n in 1..=3000 {
            text.push_str(&format!("{n},試験 太郎,しけん たろう,044-863-8444\r\n"));
        }
        let table = read_table(text.as_bytes()).unwrap();
        assert_eq!(table.rows.len(), 3000);
        assert_eq!(table.rows[2999].0, 3001);
        assert_eq!(table.rows[0].0, 2);
    }
}
