//! The manager's capacity view: for a week, a month or a chosen range, each service's
//! totals with a bar per session (used against offered), the coming four weeks with what
//! is full or nearly full, and every session's figures in a table; CSV for Excel.

use chrono::{Datelike, Duration, NaiveDate};
use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Plot};

use crate::domain::capacity::{SessionFigures, service_title};
use crate::domain::schedule::ServiceKind;
use crate::domain::time::{full_date, month_day_weekday, parse_date, week_monday};
use crate::print::PrintError;
use crate::store::CapacityReport;
use crate::ui::command::Command;
use crate::ui::notice::Notice;
use crate::ui::widgets::path_field::{self, PathAction};
use crate::ui::widgets::text_field;
use crate::ui::windows::{DeskContext, DeskWindow, Placement, WindowId};
use crate::ui::{text, theme};

/// What the manager asked for in the capacity window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CapacityCommand {
    Show(NaiveDate, NaiveDate),
    /// Asks where to save (a file dialog, off the UI thread), then writes the file there.
    Export(ExportFormat),
    /// Writes the file to a path typed where no dialog can open (a folder takes the usual name).
    ExportTo(ExportFormat, std::path::PathBuf),
}

/// The files the figures can be saved as: an Excel workbook (dates as dates, figures as
/// numbers) first, a CSV for other programs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportFormat {
    #[default]
    Xlsx,
    Csv,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
        }
    }
}

/// How saving the CSV ended.
#[derive(Debug)]
pub enum ExportOutcome {
    /// The save dialog was closed without a file.
    Cancelled,
    /// No save dialog can open here: the window offers a path field, starting from this.
    NoDialog(std::path::PathBuf),
    Written(std::path::PathBuf, Result<(), PrintError>),
}

/// The figures shown: the chosen range and the coming four weeks.
#[derive(Clone, Debug, Default)]
pub struct CapacityModel {
    pub report: CapacityReport,
    pub upcoming: CapacityReport,
}

#[derive(Default)]
pub struct CapacityView {
    pub model: CapacityModel,
    from_text: String,
    to_text: String,
    range_error: Option<Notice>,
    /// How the last export went.
    pub notice: Option<Notice>,
    /// Where to save the CSV, typed, when no save dialog can open here.
    pub path_field: Option<String>,
    /// What the path field saves.
    pub export_format: ExportFormat,
}

impl DeskWindow for CapacityView {
    fn title(&self) -> &str {
        text::CAPACITY_TITLE
    }

    fn placement(&self) -> Placement {
        Placement::at(200.0, 70.0).width(900.0).min_width(760.0)
    }

    fn show(&mut self, ui: &mut Ui, desk: &DeskContext, commands: &mut Vec<Command>) {
        self.figures(ui, desk.today, commands);
    }
}

impl CapacityView {
    pub fn new(model: CapacityModel) -> CapacityView {
        let mut view = CapacityView { model, ..CapacityView::default() };
        view.sync_range_text();
        view
    }

    /// Shows the figures of a new range, keeping what the manager typed in step.
    pub fn set_model(&mut self, model: CapacityModel) {
        self.model = model;
        self.sync_range_text();
    }

    fn sync_range_text(&mut self) {
        self.from_text = self.model.report.from.format("%Y-%m-%d").to_string();
        self.to_text = self.model.report.to.format("%Y-%m-%d").to_string();
        self.range_error = None;
    }

    fn figures(&mut self, ui: &mut Ui, today: NaiveDate, commands: &mut Vec<Command>) {
        let mut asked = Vec::new();
        self.range_bar(ui, today, &mut asked);
        if let Some(notice) = &self.notice {
            notice.show(ui);
        }
        ui.separator();
        egui::ScrollArea::vertical().max_height(500.0).show(ui, |ui| {
            let report = &self.model.report;
            ui.heading(format!("{} 〜 {}", full_date(report.from), full_date(report.to)));
            if report.sessions.is_empty() {
                ui.label(text::CAPACITY_NO_SESSIONS);
            }
            for (service, totals) in report.services.iter().zip(&report.totals) {
                // The same title and line as `madoguchi capacity` prints.
                ui.label(RichText::new(service_title(service)).strong());
                ui.label(totals.summary(service.kind));
                let sessions: Vec<&SessionFigures> =
                    report.sessions.iter().filter(|s| s.service_id == service.id).collect();
                bars(ui, service.id, service.kind, &sessions);
                ui.add_space(6.0);
            }
            ui.separator();
            self.upcoming(ui);
            ui.separator();
            sessions_table(ui, report);
        });
        ui.separator();
        if ui.button(text::CLOSE).clicked() {
            commands.push(Command::CloseWindow(WindowId::of::<CapacityView>()));
        }
        commands.extend(asked.into_iter().map(Command::Capacity));
    }

    fn range_bar(&mut self, ui: &mut Ui, today: NaiveDate, asked: &mut Vec<CapacityCommand>) {
        ui.horizontal(|ui| {
            let monday = week_monday(today);
            let first_of_month = today.with_day(1).unwrap_or(today);
            let next_month = first_of_month.checked_add_months(chrono::Months::new(1)).unwrap_or(first_of_month);
            if ui.button(text::CAPACITY_THIS_WEEK).clicked() {
                asked.push(CapacityCommand::Show(monday, monday + Duration::days(6)));
            }
            if ui.button(text::CAPACITY_THIS_MONTH).clicked() {
                asked.push(CapacityCommand::Show(first_of_month, next_month - Duration::days(1)));
            }
            if ui.button(text::CAPACITY_NEXT_MONTH).clicked() {
                let after = next_month.checked_add_months(chrono::Months::new(1)).unwrap_or(next_month);
                asked.push(CapacityCommand::Show(next_month, after - Duration::days(1)));
            }
            ui.separator();
            let label = ui.label(text::CAPACITY_FROM);
            text_field::singleline(ui, &mut self.from_text, |e| e.desired_width(96.0)).labelled_by(label.id);
            let label = ui.label(text::CAPACITY_TO);
            text_field::singleline(ui, &mut self.to_text, |e| e.desired_width(96.0)).labelled_by(label.id);
            if ui.button(text::CAPACITY_SHOW).clicked() {
                match (parse_date(&self.from_text, today), parse_date(&self.to_text, today)) {
                    (Some(from), Some(to)) if from <= to && (to - from).num_days() <= 366 * 2 => {
                        asked.push(CapacityCommand::Show(from, to));
                    }
                    (Some(from), Some(to)) if from > to => {
                        self.range_error = Some(Notice::refused(text::CAPACITY_RANGE_BACKWARDS))
                    }
                    (Some(_), Some(_)) => self.range_error = Some(Notice::refused(text::CAPACITY_RANGE_TOO_LONG)),
                    _ => self.range_error = Some(Notice::refused(text::DATE_NOT_UNDERSTOOD)),
                }
            }
            ui.separator();
            for (format, label) in
                [(ExportFormat::Xlsx, text::CAPACITY_EXPORT_XLSX), (ExportFormat::Csv, text::CAPACITY_EXPORT)]
            {
                if ui.button(label).clicked() {
                    self.export_format = format;
                    asked.push(CapacityCommand::Export(format));
                }
            }
        });
        if let Some(error) = &self.range_error {
            error.show(ui);
        }
        if let Some(path) = self.path_field.as_mut() {
            match path_field::show(ui, path, text::SAVE_TO_PATH) {
                Some(PathAction::Use(path)) => asked.push(CapacityCommand::ExportTo(self.export_format, path)),
                Some(PathAction::Cancel) => self.path_field = None,
                None => {}
            }
        }
    }

    fn upcoming(&self, ui: &mut Ui) {
        let upcoming = &self.model.upcoming;
        ui.label(RichText::new(text::CAPACITY_UPCOMING).strong());
        let mut any = false;
        for figures in &upcoming.sessions {
            let Some(service) = upcoming.service(figures.service_id) else {
                continue;
            };
            let (mark, color) = if figures.is_full() {
                (text::CAPACITY_FULL, theme::CHART_FULL)
            } else if figures.is_nearly_full() {
                (text::CAPACITY_NEARLY_FULL, theme::WARNING_TEXT)
            } else {
                continue;
            };
            any = true;
            ui.horizontal(|ui| {
                ui.label(RichText::new(mark).color(color).strong());
                ui.label(format!(
                    "{} {} {} {}",
                    month_day_weekday(figures.date),
                    figures.hours,
                    service.short_name,
                    used_of(service.kind, figures)
                ));
                if figures.waitlisted > 0 {
                    ui.label(format!("{} {}", text::WAITLIST, figures.waitlisted));
                }
            });
        }
        if !any {
            ui.label(text::CAPACITY_UPCOMING_NONE);
        }
    }
}

/// Places used of offered for a group, slots for a consultation.
fn used_of(kind: ServiceKind, figures: &SessionFigures) -> String {
    match kind {
        ServiceKind::Consultation => text::slots_used(figures.booked, figures.offered),
        _ => text::places_used(figures.peak, figures.offered),
    }
}

/// A bar per session: what was used, with what was left stacked on top.
fn bars(ui: &mut Ui, service_id: i64, kind: ServiceKind, sessions: &[&SessionFigures]) {
    if sessions.is_empty() {
        return;
    }
    let used_of = |f: &SessionFigures| if kind == ServiceKind::Consultation { f.booked } else { f.peak };
    let labels: Vec<String> =
        sessions.iter().map(|f| format!("{}/{} {}", f.date.month(), f.date.day(), f.hours.start)).collect();
    let used: Vec<Bar> = sessions
        .iter()
        .enumerate()
        .map(|(i, f)| {
            Bar::new(i as f64, f64::from(used_of(f)))
                .fill(if f.is_full() { theme::CHART_FULL } else { theme::CHART_USED })
                .name(&labels[i])
        })
        .collect();
    let free: Vec<Bar> = sessions
        .iter()
        .enumerate()
        .map(|(i, f)| Bar::new(i as f64, f64::from(f.free)).fill(theme::CHART_FREE).name(&labels[i]))
        .collect();
    let (used_name, free_name) = match kind {
        ServiceKind::Consultation => (text::CAPACITY_BOOKED_SLOTS, text::CAPACITY_FREE_SLOTS),
        _ => (text::CAPACITY_PEAK, text::CAPACITY_FREE_PLACES),
    };
    let used_chart = BarChart::new(used_name, used).color(theme::CHART_USED).width(0.7);
    let free_chart = BarChart::new(free_name, free).color(theme::CHART_FREE).width(0.7).stack_on(&[&used_chart]);
    let count = sessions.len();
    // The key sits above the chart, never over its bars.
    ui.horizontal(|ui| {
        for (name, color) in [(used_name, theme::CHART_USED), (free_name, theme::CHART_FREE)] {
            ui.label(RichText::new("■").color(color));
            ui.label(RichText::new(name).size(theme::SMALL_TEXT_SIZE));
        }
    });
    // Every n-th date under the bars, as many as fit side by side without touching.
    let every = ((count as f32 * theme::CHART_LABEL_WIDTH) / ui.available_width().max(1.0)).ceil().max(1.0) as usize;
    let tallest = sessions.iter().map(|f| used_of(f) + f.free).max().unwrap_or(0);
    Plot::new(("capacity_bars", service_id))
        .height(130.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show_grid([false, true])
        .include_y(0.0)
        .include_y(f64::from(tallest) * 1.15)
        .x_axis_formatter(move |mark, _| {
            let index = mark.value.round();
            let shown = (mark.value - index).abs() < 1e-6 && index >= 0.0 && (index as usize) < count;
            if shown && (index as usize).is_multiple_of(every) { labels[index as usize].clone() } else { String::new() }
        })
        .show(ui, |plot| {
            plot.bar_chart(used_chart);
            plot.bar_chart(free_chart);
        });
}

fn sessions_table(ui: &mut Ui, report: &CapacityReport) {
    ui.label(RichText::new(text::CAPACITY_SESSIONS).strong());
    // On a narrow screen the table scrolls sideways rather than cutting its last column.
    egui::ScrollArea::horizontal().id_salt("capacity_sessions_scroll").show(ui, |ui| sessions_grid(ui, report));
}

fn sessions_grid(ui: &mut Ui, report: &CapacityReport) {
    egui::Grid::new("capacity_sessions").striped(true).num_columns(9).show(ui, |ui| {
        for header in text::CAPACITY_COLUMNS {
            ui.label(RichText::new(*header).strong());
        }
        ui.end_row();
        for figures in &report.sessions {
            let Some(service) = report.service(figures.service_id) else {
                continue;
            };
            ui.label(month_day_weekday(figures.date));
            ui.label(format!("{} {}", figures.hours, service.short_name));
            ui.label(figures.booked.to_string());
            let used = used_of(service.kind, figures);
            if figures.is_full() {
                ui.label(RichText::new(format!("{used} {}", text::CAPACITY_FULL)).color(theme::CHART_FULL));
            } else {
                ui.label(used);
            }
            ui.label(figures.free.to_string());
            ui.label(figures.waitlisted.to_string());
            ui.label(figures.cancelled.to_string());
            ui.label(figures.no_shows.to_string());
            let halves: Vec<String> = figures.per_half_hour.iter().map(|(p, n)| format!("{} {n}", p.start)).collect();
            ui.label(RichText::new(halves.join(text::LIST_SEPARATOR)).color(theme::MUTED_TEXT));
            ui.end_row();
        }
    });
}
