//! The desk: owns the store and the read models, draws the week, the side panels and the
//! open windows, and applies the commands they send in [`MadoguchiApp::apply`], the one
//! place its state changes. Views never touch the database; background work reports back
//! as commands. The actions themselves live beside this file, one file per concern.

use chrono::NaiveDate;
use egui::{CentralPanel, Key, Modifiers, Panel, RichText, Ui};

use crate::domain::booking::BookingId;
use crate::domain::member_search::MemberIndex;
use crate::domain::schedule::Schedule;
use crate::domain::time::week_monday;
use crate::store::{AuditEntry, BookingLine, Store, StoreError, WeekOverview};
use crate::ui::clock::Clock;
use crate::ui::command::{Finished, UiCommand};
use crate::ui::file_dialogs::FileDialogs;
use crate::ui::focus::TabFence;
use crate::ui::notice::Notice;
use crate::ui::print_jobs::PrintOutcome;
use crate::ui::tasks::{Task, take_finished};
use crate::ui::views::booking_form::{BookingForm, BookingFormModel};
use crate::ui::views::capacity::ExportOutcome;
use crate::ui::views::day_list::DayListWindow;
use crate::ui::views::member_editor::MemberEditor;
use crate::ui::views::session_panel::SessionPanel;
use crate::ui::views::week::WeekView;
use crate::ui::widgets::time_grid::SessionKey;
use crate::ui::windows::{DeskContext, Windows};
use crate::ui::{text, theme};

mod bookings;
mod data;
mod desk_windows;
mod intake;
mod live;
mod mail_actions;
mod manager;
mod privacy;
mod restore;
mod staff;

pub use crate::ui::command::Command;
pub use data::DataOutcome;
pub use live::DATA_CHECK_EVERY;
pub use mail_actions::MailTaskOutcome;
pub use restore::{DeskApp, FIRST_SIZE};
pub use staff::StandIn;

/// The session open in the side panel, with its bookings read when it was chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct SelectedSession {
    pub key: SessionKey,
    pub title: String,
    pub bookings: Vec<BookingLine>,
    /// Waitlisted members who would fit now, in order: whom to call.
    pub to_call: Vec<BookingLine>,
    /// The booking chosen in the list, and its history.
    pub focused: Option<BookingId>,
    pub history: Vec<AuditEntry>,
    /// Why the last action on the chosen booking was refused.
    pub notice: Option<Notice>,
}

pub struct MadoguchiApp {
    store: Store,
    clock: Clock,
    /// Today as of the last frame; [`Command::DayChanged`] moves it on.
    today: NaiveDate,
    week: WeekOverview,
    selected: Option<SelectedSession>,
    week_view: WeekView,
    session_panel: SessionPanel,
    schedule: Schedule,
    members: MemberIndex,
    booking_form: Option<BookingForm>,
    booking_model: BookingFormModel,
    /// The windows open over the week, each a view with its model.
    windows: Windows,
    /// The last error while reading or writing, shown until the next action.
    error: Option<Notice>,
    /// Shown above the week as long as it holds (the data on a network share).
    warning: Option<String>,
    /// The data window's backup, restore check, import or file dialog.
    data_task: Option<Task<DataOutcome>>,
    /// A restore ready to be swapped in by [`DeskApp`].
    pending_restore: Option<crate::backup::PreparedRestore>,
    /// The day's list being made, printed or saved.
    print_job: Option<Task<PrintOutcome>>,
    /// The capacity figures being saved as CSV.
    export_task: Option<Task<ExportOutcome>>,
    /// A member's disclosure being made and saved.
    disclosure_task: Option<Task<crate::ui::views::privacy::DisclosureOutcome>>,
    /// Sends what is due while the window is open (not started in tests).
    mail_sender: Option<crate::mail::send::BackgroundSender>,
    /// The sender's status as last applied.
    mail_status: String,
    /// Messages that failed for good: said in the status bar until the desk handles them.
    failed_messages: u32,
    /// When the data was last checked for changes made elsewhere.
    live: live::LiveData,
    /// Keeps Tab inside the window that holds the keyboard.
    tab_fence: TabFence,
    /// The file dialogs this computer has (tests stand in one without).
    file_dialogs: FileDialogs,
    /// The staff at work, as last read.
    staff: Vec<crate::domain::staff::StaffMember>,
    /// Who is at the desk: every change is recorded as theirs.
    at_desk: crate::domain::staff::StaffMember,
    /// Someone with a role the person at the desk lacks, who typed their PIN for an action.
    stand_in: Option<StandIn>,
    /// The action waiting for a PIN.
    waiting: Option<(crate::domain::staff::Action, Command)>,
    /// The audit log being saved for the record.
    audit_export_task: Option<Task<ExportOutcome>>,
    /// Requests read from mails that wait for the desk (the toolbar's count).
    intake_pending: i64,
    /// The mailbox being read on a thread of its own, and when it was last read.
    intake_fetch: Option<Task<Result<crate::mail::imap::FetchSummary, String>>>,
    /// The mail window's work on a thread: trying the mailbox, or a file dialog.
    mail_task: Option<Task<MailTaskOutcome>>,
    intake_fetched_at: Option<std::time::Instant>,
}

impl MadoguchiApp {
    /// Opens on the week holding the clock's today (a date stands for a clock fixed on it).
    pub fn new(store: Store, clock: impl Into<Clock>) -> Result<MadoguchiApp, StoreError> {
        let clock = clock.into();
        let today = clock.today();
        let mut store = store;
        // The rules that depend on the date (attendance from the day on) use the window's.
        store.set_today(today);
        let week = store.week_overview(today)?;
        let schedule = store.schedule()?;
        let members = store.member_index()?;
        let failed_messages = store.failed_message_count()?;
        let intake_pending = store.pending_intake_count()?;
        let warning = crate::backup::network_share(store.path()).map(|_| text::NETWORK_SHARE_DATABASE.to_owned());
        let staff = store.desk_staff()?;
        let (at_desk, ask_who) = staff::first_at_desk(&staff, store.last_at_desk()?);
        store.set_staff_actor(&at_desk);
        let mut windows = Windows::default();
        if ask_who {
            windows.open(crate::ui::views::staff::SwitchStaffWindow::new(staff.clone(), at_desk.id));
        }
        Ok(MadoguchiApp {
            store,
            clock,
            today,
            week,
            selected: None,
            week_view: WeekView::default(),
            session_panel: SessionPanel::default(),
            schedule,
            members,
            booking_form: None,
            booking_model: BookingFormModel::default(),
            windows,
            error: None,
            warning,
            data_task: None,
            pending_restore: None,
            print_job: None,
            export_task: None,
            disclosure_task: None,
            mail_sender: None,
            mail_status: text::MAIL_SENDER_OFF.to_owned(),
            failed_messages,
            live: live::LiveData::default(),
            tab_fence: TabFence::default(),
            file_dialogs: FileDialogs::System,
            staff,
            at_desk,
            stand_in: None,
            waiting: None,
            audit_export_task: None,
            intake_pending,
            intake_fetch: None,
            mail_task: None,
            intake_fetched_at: None,
        })
    }

    pub fn week(&self) -> &WeekOverview {
        &self.week
    }

    pub fn selected(&self) -> Option<&SelectedSession> {
        self.selected.as_ref()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    pub fn windows(&self) -> &Windows {
        &self.windows
    }

    /// Which file dialogs to use (tests stand in a computer where none can open).
    pub fn set_file_dialogs(&mut self, dialogs: FileDialogs) {
        self.file_dialogs = dialogs;
    }

    /// Applies one command and refreshes what it affects. A command the person at the desk
    /// lacks the role for waits for a PIN first ([`Command::needs`]).
    pub fn apply(&mut self, command: Command) {
        let Some(command) = self.gate(command) else { return };
        // A booking change wrote its message; the sender takes it at once.
        let writes_mail = matches!(
            command,
            Command::SaveBooking(..)
                | Command::CancelBooking(..)
                | Command::Promote(_)
                | Command::MoveBooking(..)
                | Command::Intake(crate::ui::views::intake::IntakeCommand::Accept { .. })
        );
        // What the desk did clears the last error; what happened meanwhile does not.
        let from_background = matches!(
            command,
            Command::DayChanged(_) | Command::MailSenderStatus(_) | Command::Finished(_) | Command::DataChanged
        );
        let result = match command {
            Command::Run(action) => self.run(action),
            Command::ShowWeek(date) => self.show_week(date),
            Command::SelectSession(key) => self.load_session(key).map(|selected| self.selected = Some(selected)),
            Command::CloseSession => {
                self.selected = None;
                Ok(())
            }
            Command::OpenBookingForm(key) => {
                self.open_booking_form(key, None);
                Ok(())
            }
            Command::BookAt(key, at) => self.book_at(key, at),
            Command::CloseBookingForm => {
                self.booking_form = None;
                Ok(())
            }
            Command::SearchMembers(query) => {
                self.search_members(&query);
                Ok(())
            }
            Command::BookingInputsChanged(inputs) => self.booking_inputs_changed(inputs),
            Command::SaveBooking(request, when_full) => self.save_booking(request, when_full),
            Command::FocusBooking(id) => self.focus_booking(id),
            Command::CancelBooking(id, reason) => {
                let done = self.store.cancel(id, &reason).map(|_| ());
                self.after_panel_action(done)
            }
            Command::SetAttendance(id, state) => {
                let done = self.store.set_attendance(id, state).map(|_| ());
                self.after_panel_action(done)
            }
            Command::Promote(id) => {
                let done = self.store.promote(id).map(|_| ());
                self.after_panel_action(done)
            }
            Command::MoveBooking(id, date, hours) => {
                let done = self.store.move_booking(id, date, hours).map(|_| ());
                self.after_panel_action(done)
            }
            Command::RequestEmailConsultation(number, notes) => self.request_email_consultation(&number, &notes),
            Command::AgreeEmailConsultation(id, at) => {
                self.store.agree_email_consultation(id, at).and_then(|_| self.reload_email_consultations())
            }
            Command::SetEmailConsultationState(id, state) => {
                self.store.set_email_consultation_state(id, state).and_then(|_| self.reload_email_consultations())
            }
            Command::Intake(command) => self.apply_intake(command),
            Command::OpenMember(id) => self.open_member(id),
            Command::SaveMember => self.save_member(false),
            Command::SaveMemberAndBook => self.save_member(true),
            Command::Data(command) => self.apply_data(command),
            Command::Capacity(command) => self.apply_capacity(command),
            Command::Settings(command) => self.apply_settings(command),
            Command::Privacy(command) => self.apply_privacy(command),
            Command::Mail(command) => self.apply_mail(command),
            Command::Staff(command) => self.apply_staff(command),
            Command::Audit(command) => self.apply_audit(command),
            Command::PrintDayList(date, themes) => {
                self.start_print(date, themes, crate::ui::print_jobs::PrintRequest::OpenPdf, None)
            }
            Command::SaveDayListPdf(date, themes, path) => {
                self.start_print(date, themes, crate::ui::print_jobs::PrintRequest::SavePdf, path)
            }
            Command::SaveDayListCsv(date, themes, encoding, path) => {
                self.start_print(date, themes, crate::ui::print_jobs::PrintRequest::SaveCsv(encoding), path)
            }
            Command::SaveDayListXlsx(date, themes, path) => {
                self.start_print(date, themes, crate::ui::print_jobs::PrintRequest::SaveXlsx, path)
            }
            Command::OpenAttendance(date) => self.open_attendance(date),
            Command::MarkAttendance(id, state) => self.mark_attendance(id, state),
            Command::CloseWindow(id) => {
                self.windows.close_or_ask(id);
                Ok(())
            }
            Command::DiscardWindow(id) => {
                self.windows.close(id);
                Ok(())
            }
            Command::DayChanged(today) => self.day_changed(today),
            Command::DataChanged => self.data_changed(),
            Command::MailSenderStatus(status) => {
                self.mail_status = status;
                // After each sending run the send list is read again (the run changed states).
                self.refresh_mail()
            }
            Command::Finished(Finished::Data(outcome)) => self.data_finished(outcome),
            Command::Finished(Finished::Print(outcome)) => self.print_finished(outcome),
            Command::Finished(Finished::Disclosure(outcome)) => self.disclosure_finished(outcome),
            Command::Finished(Finished::Export(outcome)) => self.export_finished(outcome),
            Command::Finished(Finished::AuditExport(outcome)) => self.audit_export_finished(outcome),
            Command::Finished(Finished::IntakeFetch(outcome)) => self.intake_fetch_finished(outcome),
            Command::Finished(Finished::Mail(outcome)) => self.mail_task_finished(outcome),
        };
        self.after_command();
        if writes_mail {
            self.poke_mail_sender();
        }
        match result {
            Err(err) => {
                let prefix = if err.is_refusal() { text::ACTION_FAILED } else { text::LOAD_FAILED };
                self.error = Some(Notice::from_store(&err).prefixed(prefix));
            }
            Ok(()) if !from_background => self.error = None,
            Ok(()) => {}
        }
    }

    /// A toolbar button or a shortcut.
    fn run(&mut self, action: UiCommand) -> Result<(), StoreError> {
        match action {
            UiCommand::NewBooking => self.open_booking_form(self.selected.as_ref().map(|s| s.key.clone()), None),
            UiCommand::FindMember => match self.booking_form.as_mut() {
                Some(form) => form.focus_search(),
                None => self.open_booking_form(None, None),
            },
            UiCommand::NewMember => self.windows.open(MemberEditor::new_member(self.store.suggested_member_number()?)),
            UiCommand::EmailConsultations => return self.open_email_consultations(),
            UiCommand::Intake => return self.open_intake(),
            UiCommand::DayList => {
                if !self.windows.is_open::<DayListWindow>() {
                    self.windows.open(DayListWindow::new(self.today));
                }
            }
            UiCommand::Mail => return self.open_mail(),
            UiCommand::Capacity => return self.open_capacity(),
            UiCommand::Settings => return self.open_settings(),
            UiCommand::Data => return self.open_data_window(),
            UiCommand::Privacy => return self.open_privacy(),
            UiCommand::SwitchStaff | UiCommand::Staff | UiCommand::AuditLog => return self.run_staff_window(action),
        }
        Ok(())
    }

    fn show_week(&mut self, date: NaiveDate) -> Result<(), StoreError> {
        let week = self.store.week_overview(date)?;
        let sunday = week.monday + chrono::Duration::days(6);
        if self.selected.as_ref().is_some_and(|s| s.key.date < week.monday || s.key.date > sunday) {
            self.selected = None;
        }
        self.week = week;
        Ok(())
    }

    /// Past midnight: today moves on, and a week that showed yesterday's week follows it.
    fn day_changed(&mut self, today: NaiveDate) -> Result<(), StoreError> {
        let followed_today = self.week.monday == week_monday(self.today);
        self.today = today;
        self.store.set_today(today);
        if followed_today && self.week.monday != week_monday(today) {
            self.show_week(today)?;
        }
        Ok(())
    }

    /// What background work has finished since the last frame, and whether the day or the
    /// sender's status changed: each becomes a command for [`MadoguchiApp::apply`].
    fn poll_background(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        let today = self.clock.today();
        if today != self.today {
            commands.push(Command::DayChanged(today));
        }
        if let Some(outcome) = take_finished(&mut self.data_task) {
            commands.push(Command::Finished(Finished::Data(outcome)));
        }
        if let Some(outcome) = take_finished(&mut self.print_job) {
            commands.push(Command::Finished(Finished::Print(outcome)));
        }
        if let Some(outcome) = take_finished(&mut self.export_task) {
            commands.push(Command::Finished(Finished::Export(outcome)));
        }
        if let Some(outcome) = take_finished(&mut self.disclosure_task) {
            commands.push(Command::Finished(Finished::Disclosure(outcome)));
        }
        if let Some(outcome) = take_finished(&mut self.audit_export_task) {
            commands.push(Command::Finished(Finished::AuditExport(outcome)));
        }
        if let Some(outcome) = take_finished(&mut self.intake_fetch) {
            commands.push(Command::Finished(Finished::IntakeFetch(outcome)));
        }
        if let Some(outcome) = take_finished(&mut self.mail_task) {
            commands.push(Command::Finished(Finished::Mail(outcome)));
        }
        if self.intake_fetch_due(std::time::Instant::now()) {
            commands.push(Command::Intake(crate::ui::views::intake::IntakeCommand::Fetch));
        }
        if self.data_task.is_some()
            || self.print_job.is_some()
            || self.export_task.is_some()
            || self.disclosure_task.is_some()
            || self.audit_export_task.is_some()
            || self.intake_fetch.is_some()
            || self.mail_task.is_some()
        {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        let status = self.mail_status_line();
        if status != self.mail_status {
            commands.push(Command::MailSenderStatus(status));
        }
        if self.live.due(std::time::Instant::now()) && self.data_moved() {
            commands.push(Command::DataChanged);
        }
        // Changes made elsewhere show within two seconds, even with nobody touching the window.
        ctx.request_repaint_after(live::DATA_CHECK_EVERY);
        commands
    }

    /// Draws the whole window; used by eframe (through [`DeskApp`]) and by the tests' harness.
    pub fn show(&mut self, ui: &mut Ui) {
        // Before any widget: Tab in a window stays in that window.
        self.tab_fence.begin(ui.ctx(), &self.windows.fenced_layers());
        let mut commands = self.poll_background(ui.ctx());
        for action in UiCommand::ALL {
            if let Some(shortcut) = action.shortcut()
                && ui.input_mut(|i| i.consume_shortcut(&shortcut))
            {
                commands.push(Command::Run(action));
            }
        }
        // Esc closes the window in front; with none open, the booking form takes it.
        if !self.windows.is_empty()
            && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
            && let Some(id) = self.windows.topmost(ui.ctx())
        {
            commands.push(Command::CloseWindow(id));
        }
        // Tab with nothing focused goes into the booking form, not to the toolbar's first button.
        if self.windows.is_empty()
            && let Some(form) = &self.booking_form
        {
            form.take_stray_tab(ui);
        }
        self.toolbar(ui, &mut commands);
        Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                // A failure first, where a narrow window still shows it.
                if self.failed_messages > 0 {
                    let failed = RichText::new(text::failed_messages(self.failed_messages as usize))
                        .size(theme::CAPTION_TEXT_SIZE)
                        .color(ui.visuals().error_fg_color);
                    if ui.link(failed).on_hover_text(text::MAIL_BUTTON).clicked() {
                        commands.push(Command::Run(UiCommand::Mail));
                    }
                    ui.separator();
                }
                let database = format!("{}: {}", text::DATABASE_LABEL, self.store.path().display());
                ui.label(RichText::new(database).size(theme::CAPTION_TEXT_SIZE).color(theme::MUTED_TEXT));
                ui.separator();
                ui.label(RichText::new(&self.mail_status).size(theme::CAPTION_TEXT_SIZE).color(theme::MUTED_TEXT));
            });
        });
        let (form_width, panel_width) =
            side_panel_widths(ui.available_width(), self.booking_form.is_some(), self.selected.is_some());
        if let Some(form) = self.booking_form.as_mut() {
            Panel::left("booking_form")
                .default_size(form_width)
                .min_size(theme::SIDE_PANEL_MIN_WIDTH.min(form_width))
                .max_size(form_width)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        form.show(ui, &self.booking_model, self.today, &mut commands);
                    });
                });
        }
        if let Some(selected) = &self.selected {
            Panel::right("session")
                .default_size(panel_width)
                .min_size(theme::SIDE_PANEL_MIN_WIDTH.min(panel_width))
                .max_size(panel_width)
                .show(ui, |ui| {
                    self.session_panel.show(ui, selected, &mut commands);
                });
        }
        let desk = DeskContext {
            today: self.today,
            data_task: self.data_task.as_ref().map(|task| (task.label, task.progress)),
            printing: self.print_job.is_some(),
        };
        self.windows.show(ui.ctx(), &desk, &mut commands);
        CentralPanel::default().show(ui, |ui| {
            self.week_view.heading(ui, &self.week);
            let selected = self.selected.as_ref().map(|s| &s.key);
            self.week_view.grid(ui, &self.week, self.today, selected, &mut commands);
        });
        let acted = !commands.is_empty();
        for command in commands {
            self.apply(command);
        }
        // The views were drawn from the models as they were before these commands: draw the
        // next frame at once, so what is shown agrees with what was typed (the members found
        // for the IME's latest preedit, not for the one before it), instead of waiting for the
        // next event. (A repaint rather than a discarded pass: typing would discard frame
        // after frame, which egui rightly reports as a waste.)
        if acted {
            ui.ctx().request_repaint();
        }
        // What the desk just wrote shows at once in every window that reads it.
        if acted && self.data_moved() {
            self.apply(Command::DataChanged);
        }
    }

    fn toolbar(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        Panel::top("toolbar").show(ui, |ui| {
            ui.add_space(4.0);
            // One flow that wraps onto a second line on a narrow screen, rather than the
            // manager's buttons drawn over the desk's.
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = theme::TOOLBAR_ITEM_SPACING;
                ui.spacing_mut().button_padding.x = theme::TOOLBAR_BUTTON_PADDING;
                let who = text::at_desk_label(&self.at_desk.name, self.at_desk.role.label());
                ui.label(RichText::new(who).strong().color(theme::AT_DESK_TEXT));
                let intake_pending = self.intake_pending;
                let mut button = |ui: &mut Ui, action: UiCommand| {
                    let label = match action {
                        UiCommand::Intake => RichText::new(text::intake_button(intake_pending)),
                        _ => RichText::new(action.label(ui.ctx())),
                    };
                    let label = if action == UiCommand::NewBooking { label.strong() } else { label };
                    if ui.button(label).clicked() {
                        commands.push(Command::Run(action));
                    }
                };
                for action in UiCommand::DESK {
                    button(ui, action);
                }
                ui.separator();
                for action in UiCommand::MANAGER {
                    button(ui, action);
                }
            });
            ui.horizontal(|ui| {
                self.week_view.toolbar(ui, &self.week, self.today, commands);
            });
            if let Some(stand_in) = &self.stand_in {
                ui.horizontal(|ui| {
                    let role = stand_in.staff.role.label();
                    let line = text::stand_in_label(&stand_in.staff.name, role, &self.at_desk.name);
                    ui.label(RichText::new(line).color(theme::WARNING_TEXT));
                    if ui.button(text::END_STAND_IN).clicked() {
                        commands.push(Command::Staff(crate::ui::views::staff::StaffCommand::EndStandIn));
                    }
                });
            }
            if self.manager_pin_missing() {
                ui.label(RichText::new(text::SET_MANAGER_PIN).color(ui.visuals().warn_fg_color));
            }
            if let Some(warning) = &self.warning {
                ui.label(RichText::new(warning).color(ui.visuals().warn_fg_color));
            }
            if let Some(error) = &self.error {
                error.show(ui);
            }
            ui.add_space(2.0);
        });
    }
}

/// How wide the booking form and the session panel may be in a window `width` wide: as
/// wide as they like where there is room, and narrower on a small screen, so the week
/// keeps [`theme::WEEK_GRID_MIN_WIDTH`] and all seven days stay in view.
fn side_panel_widths(width: f32, form: bool, panel: bool) -> (f32, f32) {
    let room = (width - theme::WEEK_GRID_MIN_WIDTH - 24.0).max(2.0 * theme::SIDE_PANEL_MIN_WIDTH);
    let wanted = |open: bool, size: f32| if open { size } else { 0.0 };
    let (form_wanted, panel_wanted) =
        (wanted(form, theme::BOOKING_FORM_WIDTH), wanted(panel, theme::SESSION_PANEL_WIDTH));
    let total = form_wanted + panel_wanted;
    if total <= room || total == 0.0 {
        return (theme::BOOKING_FORM_WIDTH, theme::SESSION_PANEL_WIDTH);
    }
    // Each gives way in proportion to its wanted width.
    let scale = room / total;
    (theme::BOOKING_FORM_WIDTH * scale, theme::SESSION_PANEL_WIDTH * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_side_panels_leave_the_week_its_width_on_a_small_screen() {
        for width in [1024.0, 1366.0] {
            let (form, panel) = side_panel_widths(width, true, true);
            assert!(width - form - panel >= theme::WEEK_GRID_MIN_WIDTH, "{width}: {form} + {panel}");
            let (form, _) = side_panel_widths(width, true, false);
            assert!(width - form >= theme::WEEK_GRID_MIN_WIDTH, "{width}: {form}");
        }
        assert_eq!(side_panel_widths(1920.0, true, true), (theme::BOOKING_FORM_WIDTH, theme::SESSION_PANEL_WIDTH));
    }
}
