//! Who is at the desk, and the one gate every command passes: an action the person at the
//! desk lacks the role for waits while someone who has it types their PIN, and is then
//! done — and recorded — as that person's. That person stands in while the window the
//! action was for stays open; closing it hands the desk back. Also the manager's staff
//! list and audit log.

use super::MadoguchiApp;
use super::manager::save_path;
use crate::domain::staff::{Action, Role, StaffMember};
use crate::store::{AuditFilter, StoreError};
use crate::ui::command::{Command, UiCommand};
use crate::ui::notice::Notice;
use crate::ui::tasks::{Task, TaskError};
use crate::ui::text;
use crate::ui::views::attendance::AttendanceView;
use crate::ui::views::audit_log::{AuditCommand, AuditLogView};
use crate::ui::views::capacity::{ExportFormat, ExportOutcome};
use crate::ui::views::data_window::DataWindow;
use crate::ui::views::day_list::DayListWindow;
use crate::ui::views::mail::MailView;
use crate::ui::views::settings::SettingsView;
use crate::ui::views::staff::{PinCheckWindow, StaffCommand, StaffWindow, SwitchStaffWindow};
use crate::ui::windows::WindowId;

/// A person with the role who typed their PIN for an action, and the windows it holds open.
#[derive(Clone, Debug)]
pub struct StandIn {
    pub staff: StaffMember,
    pub windows: Vec<WindowId>,
}

/// Who is at the desk when the window opens, and whether to ask at once: the person last
/// at the desk unless they hold a PIN (then the window would hand their rights to whoever
/// opens it next); else someone without a PIN, the least role first; else everyone holds
/// a PIN, and the switch opens.
pub(super) fn first_at_desk(staff: &[StaffMember], last: Option<i64>) -> (StaffMember, bool) {
    if let Some(last) = staff.iter().find(|s| Some(s.id) == last && !s.has_pin) {
        return (last.clone(), false);
    }
    let mut by_role: Vec<&StaffMember> = staff.iter().collect();
    by_role.sort_by_key(|s| s.role);
    if let Some(open) = by_role.iter().find(|s| !s.has_pin) {
        return ((*open).clone(), false);
    }
    match by_role.first() {
        Some(first) => ((*first).clone(), true),
        // Only a database changed by hand has nobody: the desk works with the least rights.
        None => (StaffMember { id: 0, name: crate::store::os_user(), role: Role::Reception, has_pin: false }, false),
    }
}

/// The window a command is for, so a stand-in lasts while it is open.
fn window_of(command: &Command) -> Option<WindowId> {
    Some(match command {
        Command::Settings(_) => WindowId::of::<SettingsView>(),
        Command::Data(_) => WindowId::of::<DataWindow>(),
        Command::Mail(_) => WindowId::of::<MailView>(),
        Command::Audit(_) => WindowId::of::<AuditLogView>(),
        Command::Staff(_) => WindowId::of::<StaffWindow>(),
        Command::PrintDayList(..)
        | Command::SaveDayListPdf(..)
        | Command::SaveDayListCsv(..)
        | Command::SaveDayListXlsx(..) => WindowId::of::<DayListWindow>(),
        Command::MarkAttendance(..) => WindowId::of::<AttendanceView>(),
        _ => return None,
    })
}

impl MadoguchiApp {
    /// Who acts now: the stand-in, or the person at the desk.
    pub fn acting(&self) -> &StaffMember {
        self.stand_in.as_ref().map(|s| &s.staff).unwrap_or(&self.at_desk)
    }

    /// The person at the desk.
    pub fn at_desk(&self) -> &StaffMember {
        &self.at_desk
    }

    /// Whether `command` may run now; if not, asks for the PIN of someone who may and
    /// keeps the command until then. The one gate (see [`Command::needs`]).
    pub(super) fn gate(&mut self, command: Command) -> Option<Command> {
        let Some(action) = command.needs() else { return Some(command) };
        if self.acting().may(action) {
            return Some(command);
        }
        self.ask_pin(action, command);
        None
    }

    /// Opens the PIN window for `action`; `then` runs when a PIN matches.
    pub fn ask_pin(&mut self, action: Action, then: Command) {
        let candidates: Vec<StaffMember> = self.staff.iter().filter(|s| s.may(action) && s.has_pin).cloned().collect();
        self.windows.open(PinCheckWindow::new(action, candidates));
        self.waiting = Some((action, then));
    }

    pub(super) fn apply_staff(&mut self, command: StaffCommand) -> Result<(), StoreError> {
        match command {
            StaffCommand::SwitchTo(id, pin) => self.switch_to(id, &pin)?,
            StaffCommand::Authorize(id, pin) => self.authorize(id, &pin)?,
            StaffCommand::CancelAuthorize => self.waiting = None,
            StaffCommand::EndStandIn => {
                if let Some(stand_in) = self.stand_in.take() {
                    for id in stand_in.windows {
                        self.windows.close(id);
                    }
                }
                self.store.set_staff_actor(&self.at_desk);
            }
            StaffCommand::Add(name, role) => {
                let done = self.store.add_staff(&name, role).map(|_| ());
                self.staff_changed(None, done, text::STAFF_ADDED)?;
            }
            StaffCommand::Update { id, name, role, active } => {
                let done = self.store.update_staff(id, &name, role, active);
                self.staff_changed(Some(id), done, text::STAFF_SAVED)?;
            }
            StaffCommand::SetPin(id, pin) => {
                let done = self.store.set_staff_pin(id, Some(&pin));
                self.staff_changed(Some(id), done, text::PIN_SAVED)?;
            }
        }
        Ok(())
    }

    fn switch_to(&mut self, id: i64, pin: &str) -> Result<(), StoreError> {
        let Some(staff) = self.staff.iter().find(|s| s.id == id).cloned() else { return Ok(()) };
        if staff.has_pin && !self.store.check_staff_pin(id, pin)? {
            if let Some(window) = self.windows.get_mut::<SwitchStaffWindow>() {
                window.wrong_pin();
            }
            return Ok(());
        }
        self.stand_in = None;
        self.waiting = None;
        self.windows.close(WindowId::of::<PinCheckWindow>());
        self.store.come_to_desk(&staff)?;
        self.at_desk = staff;
        self.windows.close(WindowId::of::<SwitchStaffWindow>());
        Ok(())
    }

    fn authorize(&mut self, id: i64, pin: &str) -> Result<(), StoreError> {
        let Some((action, _)) = &self.waiting else { return Ok(()) };
        let action = *action;
        let staff = self.staff.iter().find(|s| s.id == id && s.may(action)).cloned();
        let matched = match &staff {
            Some(staff) => self.store.check_staff_pin(staff.id, pin)?,
            None => false,
        };
        let (Some(staff), true) = (staff, matched) else {
            if let Some(window) = self.windows.get_mut::<PinCheckWindow>() {
                window.wrong_pin();
            }
            return Ok(());
        };
        self.windows.close(WindowId::of::<PinCheckWindow>());
        let Some((_, command)) = self.waiting.take() else { return Ok(()) };
        let before: Vec<WindowId> = self.windows.ids();
        let own_window = window_of(&command);
        self.store.set_staff_actor(&staff);
        self.stand_in = Some(StandIn { staff, windows: Vec::new() });
        self.apply(command);
        // The stand-in holds the windows the action opened, and the one it was asked in.
        let mut held: Vec<WindowId> = self.windows.ids().into_iter().filter(|id| !before.contains(id)).collect();
        held.extend(own_window.filter(|id| self.windows.ids().contains(id)));
        match self.stand_in.as_mut() {
            Some(stand_in) if !held.is_empty() => stand_in.windows = held,
            _ => self.end_stand_in(),
        }
        Ok(())
    }

    fn end_stand_in(&mut self) {
        self.stand_in = None;
        self.store.set_staff_actor(&self.at_desk);
    }

    /// After each command: a stand-in whose windows are all closed hands the desk back,
    /// and a closed PIN window drops what waited for it.
    pub(super) fn after_command(&mut self) {
        let open = self.windows.ids();
        if self
            .stand_in
            .as_ref()
            .is_some_and(|s| !s.windows.is_empty() && s.windows.iter().all(|id| !open.contains(id)))
        {
            self.end_stand_in();
        }
        if self.waiting.is_some() && !self.windows.is_open::<PinCheckWindow>() {
            self.waiting = None;
        }
    }

    /// The staff list changed: read it again, and the person at the desk with it.
    fn staff_changed(
        &mut self,
        row: Option<i64>,
        done: Result<(), StoreError>,
        message: &str,
    ) -> Result<(), StoreError> {
        let notice = match done {
            Ok(()) => Notice::done(message),
            Err(err) if err.is_refusal() => Notice::refused(err),
            Err(err) => return Err(err),
        };
        self.staff = self.store.desk_staff()?;
        if let Some(me) = self.staff.iter().find(|s| s.id == self.at_desk.id) {
            self.at_desk = me.clone();
        }
        if let Some(stand_in) = self.stand_in.as_mut()
            && let Some(me) = self.staff.iter().find(|s| s.id == stand_in.staff.id)
        {
            stand_in.staff = me.clone();
        }
        let acting = self.acting().clone();
        self.store.set_staff_actor(&acting);
        let staff = self.staff.clone();
        if let Some(window) = self.windows.get_mut::<StaffWindow>() {
            if notice.is_done() {
                window.set_staff(staff);
                if row.is_none() {
                    window.added();
                }
            }
            window.notice = Some((row, notice));
        }
        Ok(())
    }

    /// Whether no manager has a PIN yet (anyone could then switch to the manager).
    pub fn manager_pin_missing(&self) -> bool {
        !self.staff.iter().any(|s| s.role == Role::Manager && s.has_pin)
    }

    pub(super) fn run_staff_window(&mut self, action: UiCommand) -> Result<(), StoreError> {
        match action {
            UiCommand::SwitchStaff => {
                self.staff = self.store.desk_staff()?;
                self.windows.open(SwitchStaffWindow::new(self.staff.clone(), self.at_desk.id));
            }
            UiCommand::Staff => {
                self.staff = self.store.desk_staff()?;
                self.windows.open(StaffWindow::new(self.staff.clone()));
            }
            UiCommand::AuditLog => {
                let rows = self.store.audit_log(&AuditFilter::default())?;
                self.windows.open(AuditLogView::new(rows, self.store.audit_actors()?));
            }
            _ => {}
        }
        Ok(())
    }

    pub(super) fn apply_audit(&mut self, command: AuditCommand) -> Result<(), StoreError> {
        match command {
            AuditCommand::Search(filter) => {
                let rows = self.store.audit_log(&filter)?;
                if let Some(view) = self.windows.get_mut::<AuditLogView>() {
                    view.filter = filter;
                    view.set_rows(rows);
                    view.notice = None;
                }
            }
            AuditCommand::Export(format, path) => self.start_audit_export(format, path),
        }
        Ok(())
    }

    /// Saves the rows shown: where a dialog asks, or to `path`, off the UI thread.
    fn start_audit_export(&mut self, format: ExportFormat, path: Option<std::path::PathBuf>) {
        let Some(view) = self.windows.get_mut::<AuditLogView>() else { return };
        if self.audit_export_task.is_some() {
            return;
        }
        view.notice = None;
        view.path_field = None;
        let rows = view.rows.clone();
        let dialogs = self.file_dialogs;
        let name = text::audit_file_name(self.today, format.extension());
        self.audit_export_task = Some(Task::spawn(text::AUDIT_EXPORT_DIALOG, move |_| {
            let path = match save_path(dialogs, path, name, format, text::AUDIT_EXPORT_DIALOG) {
                Ok(path) => path,
                Err(outcome) => return outcome,
            };
            let bytes = match format {
                ExportFormat::Xlsx => crate::audit::audit_xlsx(&rows),
                ExportFormat::Csv => crate::audit::audit_csv(&rows),
            };
            let written = bytes.and_then(|bytes| crate::print::write_file(&path, &bytes));
            ExportOutcome::Written(path, written)
        }));
    }

    /// The audit log was saved (or not); a saved copy is itself recorded, with what it held.
    pub(super) fn audit_export_finished(
        &mut self,
        outcome: Result<ExportOutcome, TaskError>,
    ) -> Result<(), StoreError> {
        let count = self.windows.get::<AuditLogView>().map(|v| v.rows.len()).unwrap_or(0);
        let notice = match outcome {
            Ok(ExportOutcome::Cancelled) => Notice::info(text::NOTHING_CHOSEN),
            Ok(ExportOutcome::NoDialog(suggested)) => {
                if let Some(view) = self.windows.get_mut::<AuditLogView>() {
                    let format = if suggested.extension().is_some_and(|e| e == "csv") {
                        ExportFormat::Csv
                    } else {
                        ExportFormat::Xlsx
                    };
                    view.path_field = Some((format, suggested.display().to_string()));
                }
                return Ok(());
            }
            Ok(ExportOutcome::Written(path, Ok(()))) => {
                self.store.record_event("audit.export", &format!("{}（{count}件）", path.display()))?;
                Notice::done(format!("{} {}", path.display(), text::SAVED_TO))
            }
            Ok(ExportOutcome::Written(path, Err(err))) => {
                Notice::failed(format!("{} {}: {err}", path.display(), text::CANNOT_SAVE_TO))
            }
            Err(err) => Notice::failed(err),
        };
        if let Some(view) = self.windows.get_mut::<AuditLogView>() {
            view.notice = Some(notice);
        }
        Ok(())
    }
}
