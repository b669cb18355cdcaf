//! The window's top level, [`DeskApp`]: the desk, or — when the data cannot be opened —
//! why, with a way back from a backup. It owns the store's lifetime, so a restore is
//! swapped in here. The cannot-open screen works like the desk: its draw code only asks,
//! the file dialog and the checks run as tasks, and their outcomes are applied in
//! [`CannotOpen::apply`].

use std::path::{Path, PathBuf};

use egui::{CentralPanel, RichText, Ui};

use super::MadoguchiApp;
use super::data::backup_notice;
use crate::backup::{self, BackupError, BackupInfo, PreparedRestore};
use crate::store::{Store, StoreError};
use crate::ui::clock::Clock;
use crate::ui::file_dialogs::{Answer, DialogKind, FileDialogs, FileQuestion};
use crate::ui::notice::Notice;
use crate::ui::tasks::{Task, TaskError, take_finished};
use crate::ui::text;
use crate::ui::views::data_window::{DataWindow, describe_backup, restore_question};
use crate::ui::widgets::path_field::{self, PathAction};

pub struct DeskApp {
    database: PathBuf,
    clock: Clock,
    state: DeskState,
    /// Set when the desk sends mail in the background (the real window, not tests).
    mail_repaint: Option<egui::Context>,
    file_dialogs: FileDialogs,
    /// Whether the window was fitted to the monitor yet (done once, when its size is known).
    fitted: bool,
}

/// The window's size before the monitor is known: it fits a 1024×768 screen.
pub const FIRST_SIZE: [f32; 2] = [1000.0, 660.0];
/// The size the window takes on a screen with room for it.
const USUAL_SIZE: [f32; 2] = [1280.0, 800.0];

enum DeskState {
    Desk(Box<MadoguchiApp>),
    CannotOpen(Box<CannotOpen>),
}

impl DeskApp {
    pub fn new(store: Result<Store, StoreError>, database: PathBuf, clock: impl Into<Clock>) -> DeskApp {
        let clock = clock.into();
        let state = match store.and_then(|store| MadoguchiApp::new(store, clock.clone())) {
            Ok(app) => DeskState::Desk(Box::new(app)),
            Err(err) => DeskState::CannotOpen(CannotOpen::new(err.to_string())),
        };
        DeskApp { database, clock, state, mail_repaint: None, file_dialogs: FileDialogs::System, fitted: false }
    }

    /// Which file dialogs the desk and the cannot-open screen use (tests stand in none).
    pub fn set_file_dialogs(&mut self, dialogs: FileDialogs) {
        self.file_dialogs = dialogs;
        match &mut self.state {
            DeskState::Desk(app) => app.set_file_dialogs(dialogs),
            DeskState::CannotOpen(screen) => screen.dialogs = dialogs,
        }
    }

    /// Sends mail in the background while the window is open; `ctx` is woken to show it.
    pub fn start_mail_sender(&mut self, ctx: egui::Context) {
        if let DeskState::Desk(app) = &mut self.state {
            let repaint = ctx.clone();
            app.start_mail_sender(move || repaint.request_repaint());
        }
        self.mail_repaint = Some(ctx);
    }

    /// The desk, when the data is open.
    pub fn desk(&mut self) -> Option<&mut MadoguchiApp> {
        match &mut self.state {
            DeskState::Desk(app) => Some(app),
            DeskState::CannotOpen(_) => None,
        }
    }

    pub fn show(&mut self, ui: &mut Ui) {
        let prepared = match &mut self.state {
            DeskState::Desk(app) => {
                app.show(ui);
                app.take_pending_restore()
            }
            DeskState::CannotOpen(screen) => screen.show(ui, &self.database),
        };
        if let Some(prepared) = prepared {
            self.swap_in(prepared);
        }
    }

    /// Closes the current store, swaps the prepared copy in and opens the desk on it; on
    /// failure the current data is opened again and the reason shown.
    fn swap_in(&mut self, prepared: PreparedRestore) {
        let placeholder = DeskState::CannotOpen(CannotOpen::new(String::new()));
        let current = match std::mem::replace(&mut self.state, placeholder) {
            DeskState::Desk(mut app) => {
                // Its own connection would keep the old file open.
                app.stop_mail_sender();
                Some(app.store)
            }
            DeskState::CannotOpen(_) => None,
        };
        let info = prepared.info.clone();
        let saved = prepared.saved_current.clone();
        let (store, notice) = match backup::finish_restore(current, prepared) {
            Ok(store) => {
                let mut message = format!("{}（{}）", text::RESTORED, describe_backup(&info));
                if let Some(saved) = saved {
                    message.push_str(&text::kept_before_restore(&saved.display().to_string()));
                }
                (Ok(store), Notice::done(message))
            }
            Err(err) => (Store::open(&self.database), backup_notice(err)),
        };
        self.state = match store.and_then(|store| MadoguchiApp::new(store, self.clock.clone())) {
            Ok(mut app) => {
                app.set_file_dialogs(self.file_dialogs);
                if app.open_data_window().is_ok()
                    && let Some(window) = app.windows.get_mut::<DataWindow>()
                {
                    window.notice = Some(notice);
                }
                if let Some(ctx) = self.mail_repaint.clone() {
                    app.start_mail_sender(move || ctx.request_repaint());
                }
                DeskState::Desk(Box::new(app))
            }
            Err(err) => DeskState::CannotOpen(CannotOpen::new(err.to_string())),
        };
    }
}

impl eframe::App for DeskApp {
    fn ui(&mut self, ui: &mut Ui, frame: &mut eframe::Frame) {
        if !self.fitted {
            self.fit_to_monitor(ui.ctx());
        }
        crate::ui::ime::trace(|| {
            let ctx = ui.ctx();
            format!("pass {} (index {} of the frame)", ctx.cumulative_pass_nr(), ctx.current_pass_index())
        });
        self.show(ui);
        crate::ui::ime::place_candidates(ui.ctx(), crate::ui::ime::Windowing::of(frame));
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        crate::ui::ime::trace_input(raw_input);
    }
}

impl DeskApp {
    /// Opens the window fitting the screen: the usual size where the monitor has room for
    /// it with its title bar and a taskbar, maximized where not (a 1366×768 laptop), so
    /// the status line is never below the screen's edge.
    fn fit_to_monitor(&mut self, ctx: &egui::Context) {
        let Some(monitor) = ctx.input(|i| i.viewport().monitor_size) else {
            return;
        };
        self.fitted = true;
        let room_for_frame = egui::vec2(40.0, 120.0);
        if monitor.x >= USUAL_SIZE[0] + room_for_frame.x && monitor.y >= USUAL_SIZE[1] + room_for_frame.y {
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(USUAL_SIZE.into()));
        } else {
            ctx.send_viewport_cmd(egui::ViewportCommand::Maximized(true));
        }
    }
}

/// What the cannot-open screen asks for, and what its tasks report.
enum RestoreStep {
    /// Open the file dialog (on the task's thread), then check the chosen file.
    Choose,
    /// No dialog can open here: offer a path field starting from this path.
    NoDialog(PathBuf),
    /// Check the file at a typed path.
    InspectPath(PathBuf),
    ClosePathField,
    Confirm,
    Cancel,
    Inspected(Option<(PathBuf, Result<BackupInfo, BackupError>)>),
    Prepared(Result<PreparedRestore, BackupError>),
}

/// Shown instead of the desk when the data file cannot be opened: the reason, that
/// nothing was changed, and a restore from a backup (the damaged file is kept aside).
struct CannotOpen {
    message: String,
    preview: Option<(PathBuf, BackupInfo)>,
    notice: Option<Notice>,
    task: Option<Task<RestoreStep>>,
    /// A restore made ready, for the swap.
    ready: Option<PreparedRestore>,
    /// Where no file dialog can open: the backup's path being typed.
    path_field: Option<String>,
    dialogs: FileDialogs,
}

impl CannotOpen {
    fn new(message: String) -> Box<CannotOpen> {
        Box::new(CannotOpen {
            message,
            preview: None,
            notice: None,
            task: None,
            ready: None,
            path_field: None,
            dialogs: FileDialogs::System,
        })
    }

    /// Draws the screen and applies what was asked; a restore made ready is returned for
    /// the swap.
    fn show(&mut self, ui: &mut Ui, database: &Path) -> Option<PreparedRestore> {
        let mut steps = Vec::new();
        if let Some(outcome) = take_finished(&mut self.task) {
            steps.push(outcome);
        }
        if self.task.is_some() {
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
        }
        CentralPanel::default().show(ui, |ui| {
            ui.heading(text::CANNOT_OPEN_TITLE);
            ui.add_space(8.0);
            ui.label(RichText::new(&self.message).color(ui.visuals().error_fg_color));
            ui.add_space(8.0);
            ui.label(text::CANNOT_OPEN_HELP);
            ui.add_space(12.0);
            if let Some(task) = &self.task {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(task.label);
                });
            }
            if let Some(path) = self.path_field.as_mut() {
                match path_field::show(ui, path, text::USE_THIS_FILE) {
                    Some(PathAction::Use(path)) => steps.push(Ok(RestoreStep::InspectPath(path))),
                    Some(PathAction::Cancel) => steps.push(Ok(RestoreStep::ClosePathField)),
                    None => {}
                }
            }
            ui.add_enabled_ui(self.task.is_none(), |ui| match &self.preview {
                None => {
                    if ui.button(text::RESTORE_FROM_BACKUP_BUTTON).clicked() {
                        steps.push(Ok(RestoreStep::Choose));
                    }
                }
                Some((path, info)) => match restore_question(ui, path, info) {
                    Some(true) => steps.push(Ok(RestoreStep::Confirm)),
                    Some(false) => steps.push(Ok(RestoreStep::Cancel)),
                    None => {}
                },
            });
            if let Some(notice) = &self.notice {
                notice.show(ui);
            }
        });
        for step in steps {
            self.apply(step, database);
        }
        self.ready.take()
    }

    /// The one place this screen's state changes.
    fn apply(&mut self, step: Result<RestoreStep, TaskError>, database: &Path) {
        let step = match step {
            Ok(step) => step,
            Err(err) => {
                self.notice = Some(Notice::failed(err));
                return;
            }
        };
        match step {
            RestoreStep::Choose => {
                let question = FileQuestion::new(DialogKind::PickFile, text::RESTORE_DIALOG_TITLE)
                    .directory(backup::default_backup_dir(database))
                    .filter(text::BACKUP_FILTER, &["sqlite3", "db", "sqlite"]);
                let dialogs = self.dialogs;
                self.start(text::RESTORE_CHECKING, move || match dialogs.ask(&question) {
                    Answer::Chosen(path) => {
                        let info = backup::inspect(&path);
                        RestoreStep::Inspected(Some((path, info)))
                    }
                    Answer::NothingChosen => RestoreStep::Inspected(None),
                    Answer::Unavailable => RestoreStep::NoDialog(question.suggested_path()),
                });
            }
            RestoreStep::NoDialog(suggested) => self.path_field = Some(suggested.display().to_string()),
            RestoreStep::ClosePathField => self.path_field = None,
            RestoreStep::InspectPath(path) => {
                self.path_field = None;
                self.start(text::RESTORE_CHECKING, move || {
                    let info = backup::inspect(&path);
                    RestoreStep::Inspected(Some((path, info)))
                });
            }
            RestoreStep::Confirm => {
                let Some((path, _)) = self.preview.take() else { return };
                let database = database.to_owned();
                self.start(text::RESTORE_PREPARING, move || {
                    let now = chrono::Local::now().naive_local();
                    let auto_dir = backup::default_backup_dir(&database);
                    RestoreStep::Prepared(backup::prepare_restore(&database, &path, &auto_dir, now))
                });
            }
            RestoreStep::Cancel => {
                self.preview = None;
                self.notice = None;
            }
            RestoreStep::Inspected(None) => self.notice = Some(Notice::info(text::NOTHING_CHOSEN)),
            RestoreStep::Inspected(Some((path, Ok(info)))) => {
                self.preview = Some((path, info));
                self.notice = None;
            }
            RestoreStep::Inspected(Some((_, Err(err)))) | RestoreStep::Prepared(Err(err)) => {
                self.preview = None;
                self.notice = Some(backup_notice(err));
            }
            RestoreStep::Prepared(Ok(prepared)) => self.ready = Some(prepared),
        }
    }

    fn start(&mut self, label: &'static str, work: impl FnOnce() -> RestoreStep + Send + 'static) {
        if self.task.is_none() {
            self.task = Some(Task::spawn(label, move |_| work()));
        }
    }
}
