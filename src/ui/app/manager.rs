//! The manager's windows: capacity figures and settings. Changes to the schedule go
//! through a preview that lists the bookings they would hit; the week is read again
//! after every change.

use chrono::Duration;

use super::MadoguchiApp;
use crate::domain::time::{full_date, week_monday};
use crate::store::{ScheduleChange, StoreError};
use crate::ui::file_dialogs::{Answer, DialogKind, FileDialogs, FileQuestion};
use crate::ui::notice::Notice;
use crate::ui::tasks::{Task, TaskError};
use crate::ui::text;
use crate::ui::views::capacity::{CapacityCommand, CapacityModel, CapacityView, ExportFormat, ExportOutcome};
use crate::ui::views::settings::{SettingsCommand, SettingsModel, SettingsView};

impl MadoguchiApp {
    pub(super) fn open_capacity(&mut self) -> Result<(), StoreError> {
        let monday = week_monday(self.today);
        let model = self.capacity_model(monday, monday + Duration::days(6))?;
        self.windows.open(CapacityView::new(model));
        Ok(())
    }

    pub(super) fn capacity_model(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<CapacityModel, StoreError> {
        Ok(CapacityModel {
            report: self.store.capacity(from, to)?,
            upcoming: self.store.capacity(self.today, self.today + Duration::days(27))?,
        })
    }

    pub(super) fn apply_capacity(&mut self, command: CapacityCommand) -> Result<(), StoreError> {
        match command {
            CapacityCommand::Show(from, to) => {
                let model = self.capacity_model(from, to)?;
                if let Some(view) = self.windows.get_mut::<CapacityView>() {
                    view.set_model(model);
                    view.notice = None;
                }
            }
            CapacityCommand::Export(format) => self.start_export(format, None),
            CapacityCommand::ExportTo(format, path) => self.start_export(format, Some(path)),
        }
        Ok(())
    }

    /// Saves the figures shown as CSV: where a dialog asks, or to `path`. The dialog and the
    /// writing run off the UI thread.
    fn start_export(&mut self, format: ExportFormat, path: Option<std::path::PathBuf>) {
        let Some(view) = self.windows.get_mut::<CapacityView>() else {
            return;
        };
        if self.export_task.is_some() {
            return;
        }
        view.notice = None;
        view.path_field = None;
        let report = view.model.report.clone();
        let dialogs = self.file_dialogs;
        self.export_task = Some(Task::spawn(text::CAPACITY_EXPORT, move |_| {
            let name = text::capacity_file_name(report.from, report.to, format.extension());
            let path = match save_path(dialogs, path, name, format, text::CAPACITY_EXPORT_DIALOG) {
                Ok(path) => path,
                Err(outcome) => return outcome,
            };
            let bytes = match format {
                ExportFormat::Xlsx => crate::export::capacity_xlsx(&report),
                ExportFormat::Csv => crate::export::capacity_csv(&report, crate::print::CsvEncoding::Utf8Bom),
            };
            let written = bytes.and_then(|bytes| crate::print::write_file(&path, &bytes));
            ExportOutcome::Written(path, written)
        }));
    }

    /// The capacity CSV was saved (or not): the window says so.
    /// The capacity figures saved (or not); a saved file is recorded with what it held.
    pub(super) fn export_finished(&mut self, outcome: Result<ExportOutcome, TaskError>) -> Result<(), StoreError> {
        let notice = match outcome {
            Ok(ExportOutcome::Cancelled) => Notice::info(text::NOTHING_CHOSEN),
            Ok(ExportOutcome::NoDialog(suggested)) => {
                if let Some(view) = self.windows.get_mut::<CapacityView>() {
                    view.path_field = Some(suggested.display().to_string());
                }
                return Ok(());
            }
            Ok(ExportOutcome::Written(path, Ok(()))) => {
                if let Some(report) = self.windows.get::<CapacityView>().map(|v| &v.model.report) {
                    let range = format!("{} 〜 {}", full_date(report.from), full_date(report.to));
                    self.store.record_event("capacity.export", &format!("{}（{range}）", path.display()))?;
                }
                Notice::done(format!("{} {}", path.display(), text::SAVED_TO))
            }
            Ok(ExportOutcome::Written(path, Err(err))) => {
                Notice::failed(format!("{} {}: {err}", path.display(), text::CANNOT_SAVE_TO))
            }
            Err(err) => Notice::failed(err),
        };
        if let Some(view) = self.windows.get_mut::<CapacityView>() {
            view.notice = Some(notice);
        }
        Ok(())
    }

    pub(super) fn open_settings(&mut self) -> Result<(), StoreError> {
        let mut view = SettingsView::default();
        view.set_model(self.settings_model()?);
        self.windows.open(view);
        Ok(())
    }

    fn settings_model(&self) -> Result<SettingsModel, StoreError> {
        let schedule = self.store.schedule()?;
        Ok(SettingsModel {
            windows: schedule.windows.iter().map(|w| (w.service_id, w.weekday, w.hours)).collect(),
            services: schedule.services,
            periods: schedule.periods,
            closures: schedule.closures,
            events: self.store.program_events(self.today)?,
            organisation: self.store.organisation()?,
            to_call: self.store.bookings_to_call(self.today)?,
        })
    }

    pub(super) fn apply_settings(&mut self, command: SettingsCommand) -> Result<(), StoreError> {
        match command {
            SettingsCommand::Change(change) => match self.store.preview_schedule_change(&change, self.today) {
                Ok(hit) if hit.is_empty() => self.apply_change(&change)?,
                Ok(hit) => {
                    if let Some(view) = self.windows.get_mut::<SettingsView>() {
                        view.pending = Some((change, hit));
                    }
                }
                Err(refused) if refused.is_refusal() => self.settings_refused(refused),
                Err(other) => return Err(other),
            },
            SettingsCommand::ConfirmChange => {
                if let Some((change, _)) = self.windows.get_mut::<SettingsView>().and_then(|v| v.pending.take()) {
                    self.apply_change(&change)?;
                }
            }
            SettingsCommand::CancelChange => {
                if let Some(view) = self.windows.get_mut::<SettingsView>() {
                    view.pending = None;
                }
            }
            SettingsCommand::SaveOrganisation(organisation) => match self.store.update_organisation(&organisation) {
                Ok(()) => self.after_settings_change(text::CHANGE_SAVED.to_owned())?,
                Err(refused) if refused.is_refusal() => self.settings_refused(refused),
                Err(other) => return Err(other),
            },
            SettingsCommand::CallDone(id) => {
                self.store.call_done(id)?;
                self.after_settings_change(text::CHANGE_SAVED.to_owned())?;
            }
        }
        Ok(())
    }

    fn apply_change(&mut self, change: &ScheduleChange) -> Result<(), StoreError> {
        match self.store.apply_schedule_change(change, self.today) {
            Ok(hit) if hit.is_empty() => self.after_settings_change(text::CHANGE_SAVED.to_owned()),
            Ok(hit) => self.after_settings_change(format!(
                "{}: {}{}",
                text::CHANGE_SAVED_TO_CALL,
                hit.len(),
                text::ITEMS_SUFFIX
            )),
            Err(refused) if refused.is_refusal() => {
                self.settings_refused(refused);
                Ok(())
            }
            Err(other) => Err(other),
        }
    }

    fn settings_refused(&mut self, refused: StoreError) {
        if let Some(view) = self.windows.get_mut::<SettingsView>() {
            view.pending = None;
            view.notice = Some(Notice::refused(refused));
        }
    }

    /// The schedule changed: the settings, the week, the booking form's choices and any
    /// open capacity figures are read again.
    fn after_settings_change(&mut self, message: String) -> Result<(), StoreError> {
        let model = self.settings_model()?;
        if let Some(view) = self.windows.get_mut::<SettingsView>() {
            view.set_model(model);
            view.saved(message);
        }
        self.schedule = self.store.schedule()?;
        self.reload_after_change()?;
        if let Some(view) = self.windows.get::<CapacityView>() {
            let (from, to) = (view.model.report.from, view.model.report.to);
            let model = self.capacity_model(from, to)?;
            if let Some(view) = self.windows.get_mut::<CapacityView>() {
                view.set_model(model);
            }
        }
        Ok(())
    }
}

/// Where an export goes: the file or folder typed (where no dialog can open), or what the
/// save dialog answers; otherwise the export's outcome (nothing chosen, no dialog here).
/// Run on the export's own thread.
pub(super) fn save_path(
    dialogs: FileDialogs,
    path: Option<std::path::PathBuf>,
    name: String,
    format: ExportFormat,
    title: &'static str,
) -> Result<std::path::PathBuf, ExportOutcome> {
    match path {
        Some(dir) if dir.is_dir() => Ok(dir.join(name)),
        Some(file) => Ok(file),
        None => {
            let (filter, extensions): (&str, &[&str]) = match format {
                ExportFormat::Xlsx => ("Excel", &["xlsx"]),
                ExportFormat::Csv => ("CSV", &["csv"]),
            };
            let question = FileQuestion::new(DialogKind::SaveFile, title).file_name(name).filter(filter, extensions);
            match dialogs.ask(&question) {
                Answer::Chosen(path) => Ok(path),
                Answer::NothingChosen => Err(ExportOutcome::Cancelled),
                Answer::Unavailable => Err(ExportOutcome::NoDialog(question.suggested_path())),
            }
        }
    }
}
