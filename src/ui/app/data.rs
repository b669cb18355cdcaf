//! The data window's commands: backups and the restore preparation run as tasks on
//! threads with connections of their own; the swap itself happens in [`super::DeskApp`],
//! which owns the store's lifetime.

use std::path::{Path, PathBuf};

use super::MadoguchiApp;
use crate::backup::{self, BackupInfo, PreparedRestore};
use crate::import;
use crate::store::{ImportOutcome, Store, StoreError};
use crate::ui::tasks::Task;
use crate::ui::text;
use crate::ui::views::data_window::{DataCommand, DataModel, DataWindow, ImportPreview, describe_backup};

/// How a task of the data window ended.
pub enum DataOutcome {
    BackedUp(Result<(PathBuf, BackupInfo), String>),
    Inspected(PathBuf, Result<BackupInfo, String>),
    Prepared(Result<PreparedRestore, String>),
    Imported(Result<ImportOutcome, String>),
}

impl MadoguchiApp {
    pub(super) fn apply_data(&mut self, command: DataCommand) -> Result<(), StoreError> {
        let now = chrono::Local::now().naive_local();
        match command {
            DataCommand::Close => {
                self.data = None;
            }
            DataCommand::ChooseBackupFile => {
                let dialog = rfd::FileDialog::new()
                    .set_title(text::BACKUP_DIALOG_TITLE)
                    .set_file_name(backup::default_file_name(now))
                    .add_filter(text::BACKUP_FILTER, &["sqlite3"]);
                if let Some(path) = dialog.save_file() {
                    return self.apply_data(DataCommand::BackupTo(path));
                }
            }
            DataCommand::BackupTo(dest) => {
                let database = self.store.path().to_owned();
                self.start_data_task(text::BACKUP_RUNNING, move |report| {
                    let result = Store::open(&database)
                        .map_err(backup::BackupError::from)
                        .and_then(|mut store| {
                            backup::backup_to(&mut store, &dest, |done, all| report(done as f32 / all.max(1) as f32))
                        })
                        .map(|info| (dest, info))
                        .map_err(|e| e.to_string());
                    DataOutcome::BackedUp(result)
                });
            }
            DataCommand::ChooseBackupDir => {
                if let Some(dir) = rfd::FileDialog::new().set_title(text::AUTO_BACKUP_DIR).pick_folder() {
                    if let Some(window) = self.data.as_mut() {
                        window.backup_dir_text = dir.display().to_string();
                    }
                    return self.apply_data(DataCommand::SetBackupDir(dir.display().to_string()));
                }
            }
            DataCommand::SetBackupDir(dir) => {
                self.store.set_setting(backup::BACKUP_DIR_SETTING, &dir)?;
                self.refresh_data_model()?;
                if let Some(window) = self.data.as_mut() {
                    window.message = Some((false, text::BACKUP_DIR_SAVED.to_owned()));
                }
            }
            DataCommand::ChooseRestoreFile => {
                let dialog = rfd::FileDialog::new()
                    .set_title(text::RESTORE_DIALOG_TITLE)
                    .set_directory(backup::backup_dir(&self.store).unwrap_or_default())
                    .add_filter(text::BACKUP_FILTER, &["sqlite3", "db", "sqlite"]);
                if let Some(path) = dialog.pick_file() {
                    return self.apply_data(DataCommand::InspectRestore(path));
                }
            }
            DataCommand::InspectRestore(path) => {
                self.start_data_task(text::RESTORE_CHECKING, move |_| {
                    let result = backup::inspect(&path).map_err(|e| e.to_string());
                    DataOutcome::Inspected(path, result)
                });
            }
            DataCommand::ConfirmRestore => {
                let Some((from, _)) = self.data.as_mut().and_then(|w| w.restore_preview.take()) else {
                    return Ok(());
                };
                let database = self.store.path().to_owned();
                let auto_dir = backup::backup_dir(&self.store).map_err(|e| StoreError::Invalid(e.to_string()))?;
                self.start_data_task(text::RESTORE_PREPARING, move |_| {
                    DataOutcome::Prepared(
                        backup::prepare_restore(&database, &from, &auto_dir, now).map_err(|e| e.to_string()),
                    )
                });
            }
            DataCommand::CancelRestore => {
                if let Some(window) = self.data.as_mut() {
                    window.restore_preview = None;
                }
            }
            DataCommand::ChooseImportFile => {
                let dialog = rfd::FileDialog::new()
                    .set_title(text::IMPORT_DIALOG_TITLE)
                    .add_filter("CSV", &["csv", "txt", "tsv"]);
                if let Some(path) = dialog.pick_file() {
                    return self.apply_data(DataCommand::LoadImport(path));
                }
            }
            DataCommand::LoadImport(path) => {
                let loaded = std::fs::read(&path)
                    .map_err(|e| format!("{} を読めません: {e}", path.display()))
                    .and_then(|bytes| import::read_table(&bytes).map_err(|e| e.to_string()));
                let Some(window) = self.data.as_mut() else {
                    return Ok(());
                };
                match loaded {
                    Ok(table) => {
                        let mapping = import::guess_mapping(&table.headers);
                        window.import = Some(ImportPreview {
                            path,
                            table,
                            mapping,
                            plan: Ok(Default::default()),
                            existing: Vec::new(),
                        });
                        window.message = None;
                        self.check_import()?;
                    }
                    Err(message) => window.message = Some((true, message)),
                }
            }
            DataCommand::MapImportColumn(index, column) => {
                if let Some(slot) =
                    self.data.as_mut().and_then(|w| w.import.as_mut()).and_then(|p| p.mapping.get_mut(index))
                {
                    *slot = column;
                }
                self.check_import()?;
            }
            DataCommand::ConfirmImport => {
                let Some(preview) = self.data.as_ref().and_then(|w| w.import.as_ref()) else {
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
                self.start_data_task(text::IMPORT_RUNNING, move |_| {
                    DataOutcome::Imported(
                        Store::open(&database)
                            .and_then(|mut store| store.import_members(&members, &source, false))
                            .map_err(|e| e.to_string()),
                    )
                });
            }
            DataCommand::CancelImport => {
                if let Some(window) = self.data.as_mut() {
                    window.import = None;
                }
            }
        }
        Ok(())
    }

    pub(super) fn open_data_window(&mut self) -> Result<(), StoreError> {
        let mut window = DataWindow {
            backup_dir_text: self.store.setting(backup::BACKUP_DIR_SETTING)?.unwrap_or_default(),
            ..DataWindow::default()
        };
        window.busy = self.data_task.as_ref().map(|task| (task.label, task.progress));
        self.data = Some(window);
        self.refresh_data_model()
    }

    /// Reads where the backups are and what is there; warns about network shares.
    fn refresh_data_model(&mut self) -> Result<(), StoreError> {
        let backup_dir = backup::backup_dir(&self.store).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let mut warnings = Vec::new();
        if backup::network_share(self.store.path()).is_some() {
            warnings.push(text::NETWORK_SHARE_DATABASE.to_owned());
        }
        if backup::network_share(&backup_dir).is_some() {
            warnings.push(text::NETWORK_SHARE_BACKUPS.to_owned());
        }
        let recent_backups = recent_backups(&backup_dir);
        if let Some(window) = self.data.as_mut() {
            window.model = DataModel { backup_dir, recent_backups, warnings };
        }
        Ok(())
    }

    /// Checks the rows with the mapping shown, and which numbers are already in the data.
    fn check_import(&mut self) -> Result<(), StoreError> {
        let Some(preview) = self.data.as_mut().and_then(|w| w.import.as_mut()) else {
            return Ok(());
        };
        preview.plan = import::check_rows(&preview.table, &preview.mapping, self.today).map_err(|e| e.to_string());
        preview.existing = match &preview.plan {
            Ok(plan) if plan.errors.is_empty() => {
                let members: Vec<_> = plan.members.iter().map(|(_, m)| m.clone()).collect();
                self.store.import_members(&members, "", true)?.existing
            }
            _ => Vec::new(),
        };
        Ok(())
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
        if let Some(window) = self.data.as_mut() {
            window.busy = Some((label, None));
            window.message = None;
        }
    }

    /// Takes in the running task's progress and, once it is done, its outcome.
    pub(super) fn poll_data_task(&mut self) -> Result<(), StoreError> {
        let Some(task) = self.data_task.as_mut() else {
            return Ok(());
        };
        let polled = task.poll();
        let busy = (task.label, task.progress);
        let Some(outcome) = polled else {
            if let Some(window) = self.data.as_mut() {
                window.busy = Some(busy);
            }
            return Ok(());
        };
        self.data_task = None;
        if let Some(window) = self.data.as_mut() {
            window.busy = None;
        }
        let message = match outcome {
            Err(message) => Some((true, message)),
            Ok(DataOutcome::BackedUp(Ok((path, info)))) => {
                self.refresh_data_model()?;
                Some((false, format!("{} にバックアップしました（{}）", path.display(), describe_backup(&info))))
            }
            Ok(DataOutcome::Inspected(path, Ok(info))) => {
                if let Some(window) = self.data.as_mut() {
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
                if let Some(window) = self.data.as_mut() {
                    window.import = None;
                }
                let mut message = format!("{}人を取り込みました。", outcome.added);
                if !outcome.existing.is_empty() {
                    message.push_str(&format!("登録済みの {}人は上書きしていません。", outcome.existing.len()));
                }
                Some((false, message))
            }
            Ok(
                DataOutcome::BackedUp(Err(message))
                | DataOutcome::Inspected(_, Err(message))
                | DataOutcome::Prepared(Err(message))
                | DataOutcome::Imported(Err(message)),
            ) => Some((true, message)),
        };
        if let (Some(window), Some(message)) = (self.data.as_mut(), message) {
            window.message = Some(message);
        }
        Ok(())
    }

    /// Whether a task is running (the window keeps redrawing to show its progress).
    pub(super) fn data_task_running(&self) -> bool {
        self.data_task.is_some()
    }

    /// A restore prepared and confirmed, for the desk app to swap in.
    pub fn take_pending_restore(&mut self) -> Option<PreparedRestore> {
        self.pending_restore.take()
    }
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
