//! The reports: the week at a glance, the capacity figures for a period, and the day's
//! list saved as PDF or CSV.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use crate::domain::capacity::service_title;
use crate::domain::time::{full_date, month_day_weekday};
use crate::export;
use crate::print::{self, CsvEncoding, DayListOptions};
use crate::store::{DayListOutput, Store, WeekOverview};

/// The week as plain text, one line per day and one indented line per session.
pub fn format_week(week: &WeekOverview) -> String {
    let mut out = String::new();
    let sunday = week.days.last().map(|d| d.date).unwrap_or(week.monday);
    let _ = writeln!(out, "{} 〜 {}", full_date(week.monday), month_day_weekday(sunday));
    for day in &week.days {
        let mut head = month_day_weekday(day.date);
        if let Some(holiday) = &day.holiday {
            let _ = write!(head, " 祝日: {}", holiday.name);
        }
        for closure in &day.closures {
            let _ = write!(head, " 休業: {closure}");
        }
        let _ = writeln!(out, "{head}");
        for session in &day.sessions {
            let mut line = format!("  {} {}", session.hours, session.label());
            if session.fill.is_full() {
                line.push_str(" 満");
            }
            if session.fill.waitlisted > 0 {
                let _ = write!(line, " キャンセル待ち {} 人", session.fill.waitlisted);
            }
            let _ = writeln!(out, "{line}");
        }
        for appointment in &day.appointments {
            let _ = writeln!(
                out,
                "  {} {} {} 様（{}）",
                appointment.at,
                appointment.short_name,
                appointment.member_name,
                appointment.state.label()
            );
        }
        for (name, reason) in &day.off {
            let _ = writeln!(out, "  {name} なし（{reason}）");
        }
    }
    out
}

/// Writes the day's list as PDF or CSV, chosen by the file's extension, and records it.
pub fn save_day_list(
    store: &mut Store,
    date: NaiveDate,
    out: &Path,
    encoding: Option<CsvEncoding>,
    include_themes: bool,
) -> anyhow::Result<String> {
    let list = store.day_list(date)?;
    let options = DayListOptions { include_themes, printed_at: chrono::Local::now().naive_local() };
    let extension = out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let (bytes, output, encoding) = match (extension.as_deref(), encoding) {
        (Some("pdf"), None) => (print::day_list_pdf(&list, &options)?, DayListOutput::SavePdf, None),
        (Some("pdf"), Some(_)) => anyhow::bail!("--encoding は CSV に保存するときだけ指定できます"),
        (Some("csv"), encoding) => {
            let encoding = encoding.unwrap_or_default();
            (print::day_list_csv(&list, &options, encoding)?, DayListOutput::SaveCsv, Some(encoding))
        }
        (Some("xlsx"), None) => (print::day_list_xlsx(&list, &options)?, DayListOutput::SaveXlsx, None),
        (Some("xlsx"), Some(_)) => anyhow::bail!("--encoding は CSV に保存するときだけ指定できます"),
        _ => anyhow::bail!("保存先 {} の拡張子は .xlsx・.pdf・.csv のいずれかにしてください", out.display()),
    };
    print::write_file(out, &bytes)?;
    store.record_day_list_output(
        &list,
        output,
        &out.display().to_string(),
        include_themes,
        encoding.map(CsvEncoding::code),
    )?;
    let waitlisted: usize = list.waitlists.iter().map(|w| w.lines.len()).sum();
    Ok(format!(
        "{} の当日名簿を {} に保存しました（予約 {} 件、キャンセル待ち {} 件）\n",
        full_date(date),
        out.display(),
        list.booking_count(),
        waitlisted
    ))
}

/// `madoguchi capacity`: totals per service, then one line per session; or the CSV for Excel.
pub fn capacity(
    store: &mut Store,
    from: NaiveDate,
    to: NaiveDate,
    csv: bool,
    out: Option<&Path>,
) -> anyhow::Result<String> {
    if from > to {
        anyhow::bail!("--from の日付が --to より後になっています");
    }
    if (to - from).num_days() > 366 * 5 {
        anyhow::bail!("期間は5年以内で指定してください");
    }
    let report = store.capacity(from, to)?;
    if let Some(out) = out {
        let extension = out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        let bytes = match extension.as_deref() {
            Some("xlsx") => export::capacity_xlsx(&report)?,
            Some("csv") => export::capacity_csv(&report, CsvEncoding::Utf8Bom)?,
            _ => anyhow::bail!("保存先 {} の拡張子は .xlsx か .csv にしてください", out.display()),
        };
        print::write_file(out, &bytes)?;
        let range = format!("{} 〜 {}", full_date(from), full_date(to));
        store.record_event("capacity.export", &format!("{}（{range}）", out.display()))?;
        return Ok(format!("{range} の稼働状況を {} に保存しました\n", out.display()));
    }
    if csv {
        let bytes = export::capacity_csv(&report, CsvEncoding::Utf8Bom)
            .map_err(|e| anyhow::anyhow!("CSV を作れません: {e}"))?;
        return Ok(String::from_utf8_lossy(&bytes).into_owned());
    }
    let mut out = format!("{} 〜 {} の稼働状況\n", full_date(from), full_date(to));
    if report.sessions.is_empty() {
        out.push_str("この期間に開く枠はありません\n");
        return Ok(out);
    }
    out.push_str("サービス別:\n");
    for (service, totals) in report.services.iter().zip(&report.totals) {
        // The same title and line as the capacity window shows.
        let _ = writeln!(out, "  {}　{}", service_title(service), totals.summary(service.kind));
    }
    out.push_str("回ごと:\n");
    for index in 0..report.sessions.len() {
        if let Some(line) = export::session_line(&report, index) {
            let _ = writeln!(out, "  {line}");
        }
    }
    Ok(out)
}
