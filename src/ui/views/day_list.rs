//! The small window for the day's list (Ctrl+P): which day, with or without themes, and
//! open the PDF to print, save it, or save the CSV. The app builds and writes the files
//! off the UI thread; this view only shows how that went.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use crate::domain::time::{full_date, parse_date};
use crate::print::CsvEncoding;
use crate::ui::command::Command;
use crate::ui::notice::Notice;
use crate::ui::widgets::date_picker::DatePicker;
use crate::ui::widgets::path_field::{self, PathAction};
use crate::ui::widgets::text_field;
use crate::ui::windows::{DeskContext, DeskWindow, Placement, WindowId};
use crate::ui::{text, theme};

pub struct DayListWindow {
    pub date: NaiveDate,
    date_text: String,
    date_error: bool,
    pub include_themes: bool,
    pub encoding: CsvEncoding,
    picker: DatePicker,
    /// How the last print or save went, as the app tells it.
    pub notice: Option<Notice>,
    /// Where to save, typed, when no save dialog can open here (the path shown first).
    pub path_field: Option<String>,
    /// What the path field saves: the PDF, or else the CSV.
    /// Which file the path field (no dialog here) saves.
    saving: SaveKind,
}

impl DayListWindow {
    fn save_command(&self, kind: SaveKind, path: Option<std::path::PathBuf>) -> Command {
        match kind {
            SaveKind::Xlsx => Command::SaveDayListXlsx(self.date, self.include_themes, path),
            SaveKind::Pdf => Command::SaveDayListPdf(self.date, self.include_themes, path),
            SaveKind::Csv => Command::SaveDayListCsv(self.date, self.include_themes, self.encoding, path),
        }
    }

    pub fn new(date: NaiveDate) -> DayListWindow {
        DayListWindow {
            date,
            date_text: date.format("%Y-%m-%d").to_string(),
            date_error: false,
            // Themes are health information: on paper only when the desk asks for them.
            include_themes: false,
            encoding: CsvEncoding::Utf8Bom,
            picker: DatePicker::default(),
            notice: None,
            path_field: None,
            saving: SaveKind::Xlsx,
        }
    }

    fn set_date(&mut self, date: NaiveDate) {
        self.date = date;
        self.date_text = date.format("%Y-%m-%d").to_string();
        self.date_error = false;
    }

    fn form(&mut self, ui: &mut Ui, busy: bool, today: NaiveDate, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            let label = ui.label(text::DAY_LIST_DATE);
            let edit =
                text_field::singleline(ui, &mut self.date_text, |e| e.desired_width(110.0)).labelled_by(label.id);
            if edit.changed() {
                match parse_date(&self.date_text, today) {
                    Some(date) => {
                        self.date = date;
                        self.date_error = false;
                    }
                    None => self.date_error = true,
                }
            }
            if let Some(date) = self.picker.button(ui, today, self.date) {
                self.set_date(date);
            }
        });
        if self.date_error {
            ui.label(RichText::new(text::DATE_NOT_UNDERSTOOD).color(ui.visuals().error_fg_color));
        } else {
            ui.label(RichText::new(full_date(self.date)).strong());
        }
        ui.checkbox(&mut self.include_themes, text::DAY_LIST_INCLUDE_THEMES);
        ui.horizontal(|ui| {
            ui.label(text::DAY_LIST_ENCODING);
            for encoding in [CsvEncoding::Utf8Bom, CsvEncoding::ShiftJis] {
                ui.radio_value(&mut self.encoding, encoding, encoding.label());
            }
        });
        ui.add_space(6.0);
        let ready = !busy && !self.date_error;
        ui.horizontal(|ui| {
            if ui.add_enabled(ready, egui::Button::new(RichText::new(text::DAY_LIST_OPEN_PDF).strong())).clicked() {
                commands.push(Command::PrintDayList(self.date, self.include_themes));
            }
            // Excel first: member numbers and phones stay as typed in a spreadsheet.
            for (kind, label) in [
                (SaveKind::Xlsx, text::DAY_LIST_SAVE_XLSX),
                (SaveKind::Pdf, text::DAY_LIST_SAVE_PDF),
                (SaveKind::Csv, text::DAY_LIST_SAVE_CSV),
            ] {
                if ui.add_enabled(ready, egui::Button::new(label)).clicked() {
                    self.saving = kind;
                    commands.push(self.save_command(kind, None));
                }
            }
        });
        if let Some(path) = self.path_field.as_mut() {
            let kind = match self.saving {
                SaveKind::Xlsx => "Excel",
                SaveKind::Pdf => "PDF",
                SaveKind::Csv => "CSV",
            };
            match path_field::show(ui, path, &format!("{kind}: {}", text::SAVE_TO_PATH)) {
                Some(PathAction::Use(path)) if ready => {
                    commands.push(self.save_command(self.saving, Some(path)));
                }
                Some(PathAction::Cancel) => self.path_field = None,
                _ => {}
            }
        }
        if busy {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(text::DAY_LIST_WORKING);
            });
        }
        if let Some(notice) = &self.notice {
            notice.show(ui);
        }
        ui.add_space(4.0);
        ui.label(RichText::new(text::DAY_LIST_PRIVACY).size(theme::SMALL_TEXT_SIZE).color(theme::MUTED_TEXT));
        ui.separator();
        ui.horizontal(|ui| {
            if ui.add_enabled(!self.date_error, egui::Button::new(text::ATTENDANCE_BUTTON)).clicked() {
                commands.push(Command::OpenAttendance(self.date));
            }
            if ui.button(text::CLOSE).clicked() {
                commands.push(Command::CloseWindow(WindowId::of::<DayListWindow>()));
            }
        });
    }
}

impl DeskWindow for DayListWindow {
    fn title(&self) -> &str {
        text::DAY_LIST_TITLE
    }

    fn placement(&self) -> Placement {
        Placement::at(560.0, 90.0)
    }

    fn show(&mut self, ui: &mut Ui, desk: &DeskContext, commands: &mut Vec<Command>) {
        self.form(ui, desk.printing, desk.today, commands);
    }
}

/// The files the day list can be saved as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SaveKind {
    Xlsx,
    Pdf,
    Csv,
}
