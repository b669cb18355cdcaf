//! The manager's data window: back up now, the automatic backups' folder, restore from a
//! backup after seeing what it holds, and members imported from a CSV file with the
//! column mapping and every wrong row shown before anything is written.

use std::path::PathBuf;

use egui::{ComboBox, ProgressBar, RichText, Ui};

use crate::backup::BackupInfo;
use crate::import::{CsvTable, ImportColumn, ImportError, ImportPlan};
use crate::ui::command::Command;
use crate::ui::notice::Notice;
use crate::ui::widgets::path_field::{self, PathAction};
use crate::ui::widgets::text_field;
use crate::ui::windows::{DeskContext, DeskWindow, Placement};
use crate::ui::{text, theme};

/// What the user asked for in the data window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataCommand {
    /// Asks where to save (a file dialog), then backs up there.
    ChooseBackupFile,
    BackupTo(PathBuf),
    ChooseBackupDir,
    SetBackupDir(String),
    /// Asks for a backup file (a file dialog), then checks it.
    ChooseRestoreFile,
    InspectRestore(PathBuf),
    ConfirmRestore,
    CancelRestore,
    ChooseImportFile,
    /// A path typed where no file dialog can open, for what the dialog was asked for.
    UsePath(Chosen, PathBuf),
    ClosePathField,
    LoadImport(PathBuf),
    MapImportColumn(usize, Option<ImportColumn>),
    ConfirmImport,
    CancelImport,
}

/// What a file dialog (or the path field in its place) was opened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chosen {
    BackupFile,
    BackupDir,
    RestoreFile,
    ImportFile,
}

/// What the window shows about where the data and its backups are.
#[derive(Clone, Debug, Default)]
pub struct DataModel {
    pub backup_dir: PathBuf,
    /// Backup files in that folder, newest first: (file name, size in KB).
    pub recent_backups: Vec<(String, u64)>,
    /// Network-share warnings for the data and the backup folder.
    pub warnings: Vec<String>,
}

/// A members file read and checked, waiting for the desk's go.
#[derive(Debug)]
pub struct ImportPreview {
    pub path: PathBuf,
    /// Shared with the thread that checks it again when a column's meaning changes.
    pub table: std::sync::Arc<CsvTable>,
    pub mapping: Vec<Option<ImportColumn>>,
    /// The rows checked with the current mapping, or why they could not be.
    pub plan: Result<ImportPlan, ImportError>,
    /// Numbers in the file already in the data: (number, name on file).
    pub existing: Vec<(String, String)>,
}

#[derive(Default)]
pub struct DataWindow {
    pub model: DataModel,
    pub backup_dir_text: String,
    /// A backup checked and waiting for the confirmation.
    pub restore_preview: Option<(PathBuf, BackupInfo)>,
    pub import: Option<ImportPreview>,
    /// How the last action went.
    pub notice: Option<Notice>,
    /// Where no file dialog can open: what it was for, and the path being typed.
    pub path_field: Option<(Chosen, String)>,
}

impl DeskWindow for DataWindow {
    fn title(&self) -> &str {
        text::DATA_TITLE
    }

    fn placement(&self) -> Placement {
        Placement::at(360.0, 90.0).width(680.0).min_width(600.0)
    }

    fn show(&mut self, ui: &mut Ui, desk: &DeskContext, commands: &mut Vec<Command>) {
        egui::ScrollArea::vertical().max_height(640.0).show(ui, |ui| {
            self.sections(ui, desk.data_task, commands);
        });
    }
}

impl DataWindow {
    /// `busy`: the running task's label and progress, drawn as a bar; the buttons wait meanwhile.
    fn sections(&mut self, ui: &mut Ui, busy: Option<(&'static str, Option<f32>)>, commands: &mut Vec<Command>) {
        let mut asked = Vec::new();
        for warning in &self.model.warnings {
            ui.label(RichText::new(warning).color(ui.visuals().warn_fg_color));
        }
        if let Some((label, progress)) = busy {
            ui.label(RichText::new(label).strong());
            let bar = match progress {
                Some(fraction) => ProgressBar::new(fraction).show_percentage(),
                None => ProgressBar::new(0.0).animate(true),
            };
            ui.add(bar);
        }
        if let Some(notice) = &self.notice {
            notice.show(ui);
        }
        if let Some((chosen, path)) = self.path_field.as_mut() {
            let button = match chosen {
                Chosen::BackupFile => text::SAVE_TO_PATH,
                Chosen::BackupDir => text::USE_THIS_FOLDER,
                Chosen::RestoreFile | Chosen::ImportFile => text::USE_THIS_FILE,
            };
            match path_field::show(ui, path, button) {
                Some(PathAction::Use(path)) => asked.push(DataCommand::UsePath(*chosen, path)),
                Some(PathAction::Cancel) => asked.push(DataCommand::ClosePathField),
                None => {}
            }
            ui.separator();
        }
        ui.add_enabled_ui(busy.is_none(), |ui| {
            self.backup_section(ui, &mut asked);
            ui.separator();
            self.restore_section(ui, &mut asked);
            ui.separator();
            self.import_section(ui, &mut asked);
        });
        ui.separator();
        if ui.button(text::CLOSE).clicked() {
            commands.push(Command::CloseWindow(crate::ui::windows::WindowId::of::<DataWindow>()));
        }
        commands.extend(asked.into_iter().map(Command::Data));
    }

    fn backup_section(&mut self, ui: &mut Ui, asked: &mut Vec<DataCommand>) {
        ui.label(RichText::new(text::BACKUP_HEADING).strong());
        if ui.button(text::BACKUP_NOW).clicked() {
            asked.push(DataCommand::ChooseBackupFile);
        }
        ui.label(text::AUTO_BACKUP_EXPLAINED);
        ui.horizontal(|ui| {
            let label = ui.label(text::AUTO_BACKUP_DIR);
            text_field::singleline(ui, &mut self.backup_dir_text, |e| {
                e.hint_text(text::BACKUP_DIR_DEFAULT_HINT).desired_width(260.0)
            })
            .labelled_by(label.id);
            if ui.button(text::CHOOSE_FOLDER).clicked() {
                asked.push(DataCommand::ChooseBackupDir);
            }
            if ui.button(text::SAVE_SETTING).clicked() {
                asked.push(DataCommand::SetBackupDir(self.backup_dir_text.trim().to_owned()));
            }
        });
        ui.label(
            RichText::new(format!("{}: {}", text::BACKUP_DIR_NOW, self.model.backup_dir.display()))
                .color(theme::MUTED_TEXT),
        );
        ui.label(RichText::new(text::RECENT_BACKUPS).color(theme::MUTED_TEXT));
        if self.model.recent_backups.is_empty() {
            ui.label(text::NO_BACKUPS_YET);
        }
        for (name, kilobytes) in self.model.recent_backups.iter().take(5) {
            ui.label(format!("{name}（{kilobytes} KB）"));
        }
    }

    fn restore_section(&mut self, ui: &mut Ui, asked: &mut Vec<DataCommand>) {
        ui.label(RichText::new(text::RESTORE_HEADING).strong());
        match &self.restore_preview {
            None => {
                if ui.button(text::RESTORE_CHOOSE).clicked() {
                    asked.push(DataCommand::ChooseRestoreFile);
                }
            }
            Some((path, info)) => match restore_question(ui, path, info) {
                Some(true) => asked.push(DataCommand::ConfirmRestore),
                Some(false) => asked.push(DataCommand::CancelRestore),
                None => {}
            },
        }
    }

    fn import_section(&mut self, ui: &mut Ui, asked: &mut Vec<DataCommand>) {
        ui.label(RichText::new(text::IMPORT_HEADING).strong());
        let Some(preview) = &self.import else {
            ui.label(RichText::new(text::IMPORT_EXPLAINED).color(theme::MUTED_TEXT));
            if ui.button(text::IMPORT_CHOOSE).clicked() {
                asked.push(DataCommand::ChooseImportFile);
            }
            return;
        };
        ui.label(text::import_file_line(
            &preview.path.display().to_string(),
            preview.table.encoding.label(),
            preview.table.rows.len(),
        ));
        egui::Grid::new("import_mapping").striped(true).show(ui, |ui| {
            ui.label(RichText::new(text::IMPORT_COLUMN_HEADER).strong());
            ui.label(RichText::new(text::IMPORT_COLUMN_FIELD).strong());
            ui.label(RichText::new(text::IMPORT_COLUMN_SAMPLE).strong());
            ui.end_row();
            for (index, header) in preview.table.headers.iter().enumerate() {
                let header_label = ui.label(header);
                let current = preview.mapping.get(index).copied().flatten();
                let shown = current.map_or(text::IMPORT_SKIP_COLUMN, ImportColumn::label);
                let combo = ComboBox::from_id_salt(("import_column", index)).selected_text(shown).show_ui(ui, |ui| {
                    if ui.selectable_label(current.is_none(), text::IMPORT_SKIP_COLUMN).clicked() {
                        asked.push(DataCommand::MapImportColumn(index, None));
                    }
                    for column in ImportColumn::ALL {
                        if ui.selectable_label(current == Some(column), column.label()).clicked() {
                            asked.push(DataCommand::MapImportColumn(index, Some(column)));
                        }
                    }
                });
                combo.response.labelled_by(header_label.id);
                let sample = preview.table.rows.first().and_then(|(_, cells)| cells.get(index));
                ui.label(RichText::new(sample.map_or("", String::as_str)).color(theme::MUTED_TEXT));
                ui.end_row();
            }
        });
        let mut importable = false;
        match &preview.plan {
            Err(err) => {
                ui.label(RichText::new(err.to_string()).color(ui.visuals().error_fg_color));
            }
            Ok(plan) if !plan.errors.is_empty() => {
                ui.label(
                    RichText::new(format!("{}{}", plan.errors.len(), text::IMPORT_ROW_ERRORS))
                        .color(ui.visuals().error_fg_color),
                );
                egui::ScrollArea::vertical().max_height(160.0).id_salt("import_errors").show(ui, |ui| {
                    for error in &plan.errors {
                        ui.label(RichText::new(error.to_string()).color(ui.visuals().error_fg_color));
                    }
                });
            }
            Ok(plan) => {
                let new = plan.members.len().saturating_sub(preview.existing.len());
                ui.label(RichText::new(format!("{}: {new}{}", text::IMPORT_READY, text::PEOPLE_SUFFIX)).strong());
                importable = new > 0;
                if !preview.existing.is_empty() {
                    ui.label(format!("{}: {}{}", text::IMPORT_EXISTING, preview.existing.len(), text::PEOPLE_SUFFIX));
                    egui::ScrollArea::vertical().max_height(100.0).id_salt("import_existing").show(ui, |ui| {
                        for (number, name) in &preview.existing {
                            ui.label(format!("{number} {name}"));
                        }
                    });
                }
            }
        }
        ui.horizontal(|ui| {
            if ui.add_enabled(importable, egui::Button::new(text::IMPORT_RUN)).clicked() {
                asked.push(DataCommand::ConfirmImport);
            }
            if ui.button(text::CANCEL).clicked() {
                asked.push(DataCommand::CancelImport);
            }
        });
    }
}

/// What a backup holds: its members, bookings and last change, in words.
pub fn describe_backup(info: &BackupInfo) -> String {
    let latest = info
        .latest_change
        .as_deref()
        .map(|at| at.get(..16).unwrap_or(at).replace('T', " "))
        .unwrap_or_else(|| text::NO_CHANGE_YET.to_owned());
    text::backup_holds(info.members, info.bookings, &latest)
}

/// A chosen backup, what it holds, and the question whether to restore it: `Some(true)`
/// when confirmed, `Some(false)` when cancelled. The data window and the screen shown when
/// the data cannot be opened ask it alike.
pub fn restore_question(ui: &mut Ui, path: &std::path::Path, info: &crate::backup::BackupInfo) -> Option<bool> {
    ui.label(path.display().to_string());
    ui.label(describe_backup(info));
    ui.label(RichText::new(text::RESTORE_QUESTION).strong());
    ui.horizontal(|ui| {
        if ui.button(text::RESTORE_CONFIRM).clicked() {
            Some(true)
        } else if ui.button(text::CANCEL).clicked() {
            Some(false)
        } else {
            None
        }
    })
    .inner
}
