//! Excel workbooks (.xlsx): the day list and the capacity figures as typed cells, so a
//! spreadsheet shows what the desk typed — member number 0012 and phone 044-… stay text,
//! counts are numbers, dates are dates. No cell is ever read as a formula.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::PrintError;

/// What a column holds, and so how its cells are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    Text,
    /// A count: written as a number (an empty cell stays empty).
    Number,
    /// A date as `YYYY-MM-DD`: written as a date shown the same way.
    Date,
}

/// One sheet named `sheet` with a bold header row, each column written as `kinds` says
/// (a column past the end of `kinds` is text). A value that does not read as its kind is
/// written as text rather than lost.
pub fn table_xlsx(
    sheet: &str,
    header: &[String],
    rows: &[Vec<String>],
    kinds: &[CellKind],
) -> Result<Vec<u8>, PrintError> {
    let failed = |e: rust_xlsxwriter::XlsxError| PrintError::Xlsx(e.to_string());
    let mut workbook = Workbook::new();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(sheet).map_err(failed)?;
    let bold = Format::new().set_bold();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (column, title) in header.iter().enumerate() {
        worksheet.write_string_with_format(0, column as u16, title, &bold).map_err(failed)?;
    }
    for (index, row) in rows.iter().enumerate() {
        let line = index as u32 + 1;
        for (column, value) in row.iter().enumerate() {
            let column16 = column as u16;
            if value.is_empty() {
                continue;
            }
            let kind = kinds.get(column).copied().unwrap_or(CellKind::Text);
            let number = if kind == CellKind::Number { value.parse::<f64>().ok() } else { None };
            let date = if kind == CellKind::Date { date_of(value) } else { None };
            if let Some(number) = number {
                worksheet.write_number(line, column16, number).map_err(failed)?;
            } else if let Some(date) = date {
                worksheet.write_datetime_with_format(line, column16, &date, &date_format).map_err(failed)?;
            } else {
                worksheet.write_string(line, column16, value).map_err(failed)?;
            }
        }
    }
    worksheet.autofit();
    workbook.save_to_buffer().map_err(failed)
}

fn date_of(text: &str) -> Option<ExcelDateTime> {
    let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    ExcelDateTime::from_ymd(u16::try_from(date.year()).ok()?, date.month() as u8, date.day() as u8).ok()
}
