//! The data window's commands: backups, the restore check and preparation, imports and the
//! file dialogs run as tasks on threads (with connections of their own) and come back as
//! [`crate::ui::command::Finished::Data`]; the swap itself happens in [`super::DeskApp`],
//! which owns the store's lifetime.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::MadoguchiApp;
use crate::backup::{self, BackupError, BackupInfo, PreparedRestore};
use crate::import::{self, CsvTable, ImportColumn, ImportError};
use crate::store::{ImportOutcome, Store, StoreError};
use crate::ui::file_dialogs::{Answer, DialogKind, FileQuestion};
use crate::ui::notice::Notice;
use crate::ui::tasks::{Task, TaskError};
use crate::ui::text;
pub use crate::ui::views::data_window::Chosen;
use crate::ui::views::data_window::{DataCommand, DataModel, DataWindow, ImportPreview, describe_backup};

/// How a task of the data window ended.
pub enum DataOutcome {
    BackedUp(Result<(PathBuf, BackupInfo), BackupError>),
    Inspected(PathBuf, Result<BackupInfo, BackupError>),
    Prepared(Result<PreparedRestore, BackupError>),
    Imported(Result<ImportOutcome, StoreError>),
    /// A members file read and checked (or why it could not be).
    ImportChecked(Result<ImportPreview, Notice>),
    /// A file dialog closed: the file or folder chosen, if any.
    Chosen(Chosen, Option<PathBuf>),
    /// No file dialog can open here: the window offers a path field starting from this path.
    NoDialog(Chosen, PathBuf),
}

/// Why a members file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ImportFileError {
    #[error("{} {}: {source}", .path.display(), text::FILE_UNREADABLE)]
    Read { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Table(#[from] ImportError),
}

impl MadoguchiApp {
    pub(super) fn apply_data(&mut self, command: DataCommand) -> Result<(), StoreError> {
        let now = chrono::Local::now().naive_local();
        match command {
            DataCommand::ChooseBackupFile => {
                let mut question = FileQuestion::new(DialogKind::SaveFile, text::BACKUP_DIALOG_TITLE)
                    .file_name(backup::default_file_name(now))
                    .filter(text::BACKUP_FILTER, &["sqlite3"]);
                if let Ok(dir) = backup::backup_dir(&self.store) {
                    question = question.directory(dir);
                }
                self.ask_for_file(Chosen::BackupFile, question);
            }
            DataCommand::UsePath(chosen, path) => {
                if let Some(window) = self.windows.get_mut::<DataWindow>() {
                    window.path_field = None;
                }
                // A folder typed for a backup takes the usual file name.
                let path = if chosen == Chosen::BackupFile && path.is_dir() {
                    path.join(backup::default_file_name(now))
                } else {
                    path
                };
                return self.data_finished(Ok(DataOutcome::Chosen(chosen, Some(path))));
            }
            DataCommand::BackupTo(dest) => {
                let database = self.store.path().to_owned();
                self.start_data_task(text::BACKUP_RUNNING, move |report| back_up(&database, dest, report));
            }
            DataCommand::ChooseBackupDir => {
                let mut question = FileQuestion::new(DialogKind::PickFolder, text::AUTO_BACKUP_DIR);
                if let Ok(dir) = backup::backup_dir(&self.store) {
                    question = question.directory(dir);
                }
                self.ask_for_file(Chosen::BackupDir, question);
            }
            DataCommand::SetBackupDir(dir) => {
                self.store.set_setting(backup::BACKUP_DIR_SETTING, &dir)?;
                self.refresh_data_model()?;
                if let Some(window) = self.windows.get_mut::<DataWindow>() {
                    window.backup_dir_text = dir;
                    window.notice = Some(Notice::done(text::BACKUP_DIR_SAVED));
                }
            }
            DataCommand::ChooseRestoreFile => {
                let mut question = FileQuestion::new(DialogKind::PickFile, text::RESTORE_DIALOG_TITLE)
                    .filter(text::BACKUP_FILTER, &["sqlite3", "db", "sqlite"]);
                if let Ok(dir) = backup::backup_dir(&self.store) {
                    question = question.directory(dir);
                }
                self.ask_for_file(Chosen::RestoreFile, question);
            }
            DataCommand::InspectRestore(path) => {
                self.start_data_task(text::RESTORE_CHECKING, move |_| {
                    let result = backup::inspect(&path);
                    DataOutcome::Inspected(path, result)
                });
            }
            DataCommand::ConfirmRestore => {
                let Some((from, _)) = self.windows.get_mut::<DataWindow>().and_then(|w| w.restore_preview.take())
                else {
                    return Ok(());
                };
                let database = self.store.path().to_owned();
                let auto_dir = match backup::backup_dir(&self.store) {
                    Ok(dir) => dir,
                    Err(err) => {
                        self.data_notice(backup_notice(err));
                        return Ok(());
                    }
                };
                self.start_data_task(text::RESTORE_PREPARING, move |_| {
                    DataOutcome::Prepared(backup::prepare_restore(&database, &from, &auto_dir, now))
                });
            }
            DataCommand::CancelRestore => {
                if let Some(window) = self.windows.get_mut::<DataWindow>() {
                    window.restore_preview = None;
                }
            }
            DataCommand::ChooseImportFile => {
                let question = FileQuestion::new(DialogKind::PickFile, text::IMPORT_DIALOG_TITLE)
                    .filter("CSV", &["csv", "txt", "tsv"]);
                self.ask_for_file(Chosen::ImportFile, question);
            }
            DataCommand::ClosePathField => {
                if let Some(window) = self.windows.get_mut::<DataWindow>() {
                    window.path_field = None;
                }
            }
            DataCommand::LoadImport(path) => self.start_import_check(path, None),
            DataCommand::MapImportColumn(index, column) => {
                let Some(preview) = self.windows.get_mut::<DataWindow>().and_then(|w| w.import.as_mut()) else {
                    return Ok(());
                };
                let Some(slot) = preview.mapping.get_mut(index) else {
                    return Ok(());
                };
                *slot = column;
                let again = (preview.path.clone(), Arc::clone(&preview.table), preview.mapping.clone());
                self.start_import_check(again.0, Some((again.1, again.2)));
            }
            DataCommand::ConfirmImport => {
                let Some(preview) = self.windows.get::<DataWindow>().and_then(|w| w.import.as_ref()) else {
                    return Ok(());
                };
                let Ok(plan) = &preview.plan else {
                    return Ok(());
                };
                if !plan.errors.is_empty() {
                    return Ok(());
                }
                let members: Vec<_> = plan.members.iter().map(|(_, m)| m.clone()).collect();
                let source = import::source_name(&preview.path);
                let database = self.store.path().to_owned();
                // The import is recorded as the person at the desk (or the manager standing in).
                let (name, role) = self.store.actor();
                let actor = (name.to_owned(), role);
                self.start_data_task(text::IMPORT_RUNNING, move |progress| {
                    DataOutcome::Imported(Store::open(&database).and_then(|mut store| {
                        store.act_as((&actor.0, actor.1));
                        store.import_members_reporting(&members, &source, false, progress)
                    }))
                });
            }
            DataCommand::CancelImport => {
                if let Some(window) = self.windows.get_mut::<DataWindow>() {
                    window.import = None;
                }
            }
        }
        Ok(())
    }

    pub(super) fn open_data_window(&mut self) -> Result<(), StoreError> {
        let window = DataWindow {
            backup_dir_text: self.store.setting(backup::BACKUP_DIR_SETTING)?.unwrap_or_default(),
            ..DataWindow::default()
        };
        self.windows.open(window);
        self.refresh_data_model()
    }

    fn data_notice(&mut self, notice: Notice) {
        if let Some(window) = self.windows.get_mut::<DataWindow>() {
            window.notice = Some(notice);
        }
    }

    /// Reads where the backups are and what is there; warns about network shares.
    fn refresh_data_model(&mut self) -> Result<(), StoreError> {
        let backup_dir = match backup::backup_dir(&self.store) {
            Ok(dir) => dir,
            Err(BackupError::Store(err)) => return Err(err),
            Err(err) => {
                self.data_notice(backup_notice(err));
                return Ok(());
            }
        };
        let mut warnings = Vec::new();
        if backup::network_share(self.store.path()).is_some() {
            warnings.push(text::NETWORK_SHARE_DATABASE.to_owned());
        }
        if backup::network_share(&backup_dir).is_some() {
            warnings.push(text::NETWORK_SHARE_BACKUPS.to_owned());
        }
        let recent_backups = recent_backups(&backup_dir);
        if let Some(window) = self.windows.get_mut::<DataWindow>() {
            window.model = DataModel { backup_dir, recent_backups, warnings };
        }
        Ok(())
    }

    /// Reads the members file (unless it was read already) and checks its rows with the
    /// mapping given (or the one guessed from its headers), and which numbers are already in
    /// the data — on the task's thread, with a progress bar, since a large file takes a
    /// moment. The preview replaces the window's when it is done.
    fn start_import_check(&mut self, path: PathBuf, read: Option<(Arc<CsvTable>, Vec<Option<ImportColumn>>)>) {
        let database = self.store.path().to_owned();
        let today = self.today;
        let label = if read.is_some() { text::IMPORT_CHECKING } else { text::IMPORT_READING };
        self.start_data_task(label, move |progress| {
            let (table, mapping) = match read {
                Some(read) => read,
                None => match read_members_file(&path) {
                    Ok(table) => {
                        let mapping = import::guess_mapping(&table.headers);
                        (Arc::new(table), mapping)
                    }
                    Err(err) => return DataOutcome::ImportChecked(Err(Notice::refused(err))),
                },
            };
            progress(READ_SHARE);
            let plan = import::check_rows_reporting(&table, &mapping, today, &|done| {
                progress(READ_SHARE + (1.0 - READ_SHARE) * done);
            });
            let existing = match &plan {
                Ok(plan) if plan.errors.is_empty() => {
                    let members: Vec<_> = plan.members.iter().map(|(_, m)| m.clone()).collect();
                    match Store::open(&database).and_then(|mut store| store.import_members(&members, "", true)) {
                        Ok(outcome) => outcome.existing,
                        Err(err) => return DataOutcome::ImportChecked(Err(Notice::from_store(&err))),
                    }
                }
                _ => Vec::new(),
            };
            DataOutcome::ImportChecked(Ok(ImportPreview { path, table, mapping, plan, existing }))
        });
    }

    /// Asks with a file dialog on the task's thread; where none can open, the window offers
    /// a path field instead.
    fn ask_for_file(&mut self, chosen: Chosen, question: FileQuestion) {
        let dialogs = self.file_dialogs;
        self.start_data_task(text::CHOOSING_FILE, move |_| match dialogs.ask(&question) {
            Answer::Chosen(path) => DataOutcome::Chosen(chosen, Some(path)),
            Answer::NothingChosen => DataOutcome::Chosen(chosen, None),
            Answer::Unavailable => DataOutcome::NoDialog(chosen, question.suggested_path()),
        });
    }

    fn start_data_task(
        &mut self,
        label: &'static str,
        work: impl FnOnce(&dyn Fn(f32)) -> DataOutcome + Send + 'static,
    ) {
        if self.data_task.is_some() {
            return;
        }
        self.data_task = Some(Task::spawn(label, work));
        if let Some(window) = self.windows.get_mut::<DataWindow>() {
            window.notice = None;
            window.path_field = None;
        }
    }

    /// A task of the data window has ended: its outcome goes into the window.
    pub(super) fn data_finished(&mut self, outcome: Result<DataOutcome, TaskError>) -> Result<(), StoreError> {
        let notice = match outcome {
            Err(err) => Some(Notice::failed(err)),
            Ok(DataOutcome::BackedUp(Ok((path, info)))) => {
                self.refresh_data_model()?;
                Some(Notice::done(format!("{} {}（{}）", path.display(), text::BACKED_UP_TO, describe_backup(&info))))
            }
            Ok(DataOutcome::Inspected(path, Ok(info))) => {
                if let Some(window) = self.windows.get_mut::<DataWindow>() {
                    window.restore_preview = Some((path, info));
                }
                None
            }
            Ok(DataOutcome::Prepared(Ok(prepared))) => {
                // The swap closes this store: the desk app does it between frames.
                self.pending_restore = Some(prepared);
                None
            }
            Ok(DataOutcome::Imported(Ok(outcome))) => {
                self.members = self.store.member_index()?;
                if let Some(window) = self.windows.get_mut::<DataWindow>() {
                    window.import = None;
                }
                Some(Notice::done(text::imported(outcome.added, outcome.existing.len())))
            }
            Ok(DataOutcome::ImportChecked(Ok(preview))) => {
                if let Some(window) = self.windows.get_mut::<DataWindow>() {
                    window.import = Some(preview);
                }
                None
            }
            Ok(DataOutcome::ImportChecked(Err(notice))) => Some(notice),
            Ok(DataOutcome::Chosen(_, None)) => Some(Notice::info(text::NOTHING_CHOSEN)),
            Ok(DataOutcome::NoDialog(chosen, suggested)) => {
                if let Some(window) = self.windows.get_mut::<DataWindow>() {
                    window.path_field = Some((chosen, suggested.display().to_string()));
                }
                None
            }
            Ok(DataOutcome::Chosen(Chosen::BackupFile, Some(dest))) => {
                return self.apply_data(DataCommand::BackupTo(dest));
            }
            Ok(DataOutcome::Chosen(Chosen::BackupDir, Some(dir))) => {
                return self.apply_data(DataCommand::SetBackupDir(dir.display().to_string()));
            }
            Ok(DataOutcome::Chosen(Chosen::RestoreFile, Some(path))) => {
                return self.apply_data(DataCommand::InspectRestore(path));
            }
            Ok(DataOutcome::Chosen(Chosen::ImportFile, Some(path))) => {
                return self.apply_data(DataCommand::LoadImport(path));
            }
            Ok(
                DataOutcome::BackedUp(Err(err)) | DataOutcome::Inspected(_, Err(err)) | DataOutcome::Prepared(Err(err)),
            ) => Some(backup_notice(err)),
            Ok(DataOutcome::Imported(Err(err))) => Some(Notice::from_store(&err)),
        };
        if let Some(notice) = notice {
            self.data_notice(notice);
        }
        Ok(())
    }

    /// A restore prepared and confirmed, for the desk app to swap in.
    pub fn take_pending_restore(&mut self) -> Option<PreparedRestore> {
        self.pending_restore.take()
    }
}

fn back_up(database: &Path, dest: PathBuf, report: &dyn Fn(f32)) -> DataOutcome {
    let result = Store::open(database)
        .map_err(BackupError::from)
        .and_then(|mut store| backup::backup_to(&mut store, &dest, |done, all| report(done as f32 / all.max(1) as f32)))
        .map(|info| (dest, info));
    DataOutcome::BackedUp(result)
}

/// A backup or restore that did not happen: refused when the file or the moment would not
/// do, failed when writing or the data failed.
pub(super) fn backup_notice(err: BackupError) -> Notice {
    match err {
        BackupError::Unusable { .. } | BackupError::CopyDamaged(_) | BackupError::InUse => Notice::refused(err),
        BackupError::Store(store) => Notice::from_store(&store),
        BackupError::Write { .. } => Notice::failed(err),
    }
}

/// The share of the progress bar for reading the file; checking the rows fills the rest.
const READ_SHARE: f32 = 0.2;

fn read_members_file(path: &Path) -> Result<CsvTable, ImportFileError> {
    let bytes = std::fs::read(path).map_err(|source| ImportFileError::Read { path: path.to_owned(), source })?;
    Ok(import::read_table(&bytes)?)
}

/// The backup files in `dir`, newest first, with their sizes in KB.
fn recent_backups(dir: &Path) -> Vec<(String, u64)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(std::time::SystemTime, String, u64)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !(name.starts_with("madoguchi-") && name.ends_with(".sqlite3")) {
                return None;
            }
            let meta = entry.metadata().ok()?;
            Some((meta.modified().ok()?, name, meta.len().div_ceil(1024)))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.cmp(&a.1)));
    found.into_iter().map(|(_, name, size)| (name, size)).collect()
}
