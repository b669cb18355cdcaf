//! The manager's figures as text: a CSV for Excel (through the day list's CSV writer,
//! UTF-8 with a BOM or Shift_JIS) and one line per session for the command line.

use crate::domain::schedule::ServiceKind;
use crate::domain::time::{month_day_weekday, weekday_kanji};
use crate::print::{CsvEncoding, PrintError, table_csv, table_xlsx};
use crate::store::CapacityReport;

/// One row per session: date, service, the figures and the headcount per half-hour.
pub fn capacity_csv(report: &CapacityReport, encoding: CsvEncoding) -> Result<Vec<u8>, PrintError> {
    let (header, rows) = capacity_rows(report);
    table_csv(&header, &rows, encoding)
}

/// The same rows as an Excel workbook: dates as dates, the figures as numbers.
pub fn capacity_xlsx(report: &CapacityReport) -> Result<Vec<u8>, PrintError> {
    use crate::print::CellKind::{Date, Number, Text};
    let (header, rows) = capacity_rows(report);
    let kinds = [Date, Text, Text, Text, Text, Number, Number, Number, Number, Text, Number, Number, Number, Text];
    table_xlsx("稼働状況", &header, &rows, &kinds)
}

fn capacity_rows(report: &CapacityReport) -> (Vec<String>, Vec<Vec<String>>) {
    let header: Vec<String> = [
        "日付",
        "曜日",
        "サービス",
        "担当",
        "時間",
        "定員・枠",
        "予約",
        "最大同時人数",
        "空き",
        "状況",
        "キャンセル待ち",
        "キャンセル",
        "欠席",
        "30分ごとの人数",
    ]
    .map(str::to_owned)
    .to_vec();
    let mut rows = Vec::new();
    for figures in &report.sessions {
        let Some(service) = report.service(figures.service_id) else {
            continue;
        };
        let per_half_hour: Vec<String> =
            figures.per_half_hour.iter().map(|(piece, n)| format!("{} {n}", piece.start)).collect();
        let status = if figures.is_full() {
            "満"
        } else if figures.is_nearly_full() {
            "残りわずか"
        } else {
            ""
        };
        let peak = if service.kind == ServiceKind::Consultation { String::new() } else { figures.peak.to_string() };
        rows.push(vec![
            figures.date.format("%Y-%m-%d").to_string(),
            weekday_kanji(chrono::Datelike::weekday(&figures.date)).to_owned(),
            service.name.clone(),
            service.staff.clone(),
            figures.hours.to_string(),
            figures.offered.to_string(),
            figures.booked.to_string(),
            peak,
            figures.free.to_string(),
            status.to_owned(),
            figures.waitlisted.to_string(),
            figures.cancelled.to_string(),
            figures.no_shows.to_string(),
            per_half_hour.join(" / "),
        ]);
    }
    (header, rows)
}

/// The session as a line of text, e.g. `11月25日(水) 13:00〜15:00 保健室 予約 8人 最大 7/10人`.
pub fn session_line(report: &CapacityReport, index: usize) -> Option<String> {
    let figures = report.sessions.get(index)?;
    let service = report.service(figures.service_id)?;
    let mut line = format!("{} {} {}", month_day_weekday(figures.date), figures.hours, service.short_name);
    match service.kind {
        ServiceKind::Consultation => {
            line.push_str(&format!(" 予約 {}/{}枠 空き {}", figures.booked, figures.offered, figures.free));
        }
        _ => {
            line.push_str(&format!(" 予約 {}人 最大 {}/{}人", figures.booked, figures.peak, figures.offered));
            let halves: Vec<String> = figures.per_half_hour.iter().map(|(p, n)| format!("{} {n}", p.start)).collect();
            if !halves.is_empty() {
                line.push_str(&format!("（{}）", halves.join("・")));
            }
        }
    }
    if figures.is_full() {
        line.push_str(" 満");
    } else if figures.is_nearly_full() {
        line.push_str(" 残りわずか");
    }
    if figures.waitlisted > 0 {
        line.push_str(&format!(" キャンセル待ち {}", figures.waitlisted));
    }
    if figures.cancelled > 0 {
        line.push_str(&format!(" キャンセル {}", figures.cancelled));
    }
    if figures.no_shows > 0 {
        line.push_str(&format!(" 欠席 {}", figures.no_shows));
    }
    Some(line)
}
