//! The day's list on paper and in Excel: an A4 PDF to print and tick, and a CSV of the
//! same rows. Pure functions from a [`DayList`] to bytes; the time of printing is passed
//! in, nothing here reads the clock, the database or the screen.

pub mod csv;
pub mod disclosure;
pub mod pdf;
pub mod xlsx;

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

pub use csv::{CsvEncoding, Unencodable, day_list_csv, day_list_xlsx, table_csv};
pub use disclosure::{disclosure_csv, disclosure_file_name};
pub use pdf::{day_list_pdf, disclosure_pdf};
pub use xlsx::{CellKind, table_xlsx};

use crate::domain::booking::BookingState;
use crate::store::DayList;

/// Choices the desk makes before printing or exporting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayListOptions {
    /// Themes (話したいテーマ) are health-related: they can be left off the paper.
    pub include_themes: bool,
    /// Printed in the header, so an old sheet can be told from a fresh one.
    pub printed_at: NaiveDateTime,
}

/// What can go wrong while turning the day's list into a file.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("同梱のフォントを読み込めません")]
    Font,
    #[error("PDF を作れませんでした: {0}")]
    Pdf(String),
    #[error("{}", describe_unencodable(.0))]
    Unencodable(Vec<Unencodable>),
    #[error("{path} に書き込めません: {reason}", reason = crate::store::io_reason(source))]
    Write { path: PathBuf, source: std::io::Error },
    #[error("Excel のファイルを作れませんでした: {0}")]
    Xlsx(String),
}

/// Writes the file whole or not at all (see [`crate::files::write_atomically`]), so a
/// full disk never leaves half a list that looks complete.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), PrintError> {
    crate::files::write_atomically(path, bytes).map_err(|source| PrintError::Write { path: path.to_owned(), source })
}

fn describe_unencodable(problems: &[Unencodable]) -> String {
    const SHOWN: usize = 5;
    let mut lines: Vec<String> = problems.iter().take(SHOWN).map(ToString::to_string).collect();
    if problems.len() > SHOWN {
        lines.push(format!("ほか {} 件", problems.len() - SHOWN));
    }
    lines.push("UTF-8（BOM付き）で保存してください。".to_owned());
    lines.join("\n")
}

/// The file name the desk is offered: `当日名簿_2026-11-25.pdf`.
pub fn suggested_file_name(list: &DayList, extension: &str) -> String {
    format!("{TITLE}_{}.{extension}", list.date.format("%Y-%m-%d"))
}

pub(crate) const TITLE: &str = "当日名簿";
pub(crate) const COL_TIME: &str = "時間";
pub(crate) const COL_JOIN_LEAVE: &str = "参加〜退出";
pub(crate) const COL_LENGTH: &str = "長さ";
pub(crate) const COL_COUNSELLOR: &str = "相談員";
pub(crate) const COL_NUMBER: &str = "会員番号";
pub(crate) const COL_NAME: &str = "氏名";
pub(crate) const COL_KANA: &str = "ふりがな";
pub(crate) const COL_PHONE: &str = "電話";
pub(crate) const COL_CHANNEL: &str = "受付";
pub(crate) const COL_THEME: &str = "テーマ";
pub(crate) const COL_ATTENDANCE: &str = "出欠";
pub(crate) const COL_NOTES: &str = "備考";
pub(crate) const COL_ACCESS_MAIL: &str = "案内メール";

/// What is written in the 出欠 box when the attendance is already known.
pub(crate) fn attendance_mark(state: BookingState) -> &'static str {
    match state {
        BookingState::Attended => "出",
        BookingState::NoShow => "欠",
        _ => "",
    }
}
