//! The eframe application: owns the store and the read models, applies the commands the
//! views send, and refreshes the read models when something changed. Views never touch
//! the database.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use egui::{CentralPanel, Panel, RichText, Ui};

use crate::domain::booking::{BookingId, BookingRequest, BookingState, Refusal, read_back};
use crate::domain::email_consultation::EmailConsultationState;
use crate::domain::member::{MemberField, MemberForm, MemberId, MemberIndex};
use crate::domain::schedule::{Schedule, ServiceKind};
use crate::print::{CsvEncoding, DayListOptions};
use crate::store::DayListOutput;
use crate::store::{AuditEntry, BookingLine, EmailConsultationLine, Store, StoreError, WeekOverview, WhenFull};
use crate::ui::print_jobs::{JobOutcome, PrintJob, PrintRequest};
use crate::ui::tasks::Task;
use crate::ui::views::attendance::{AttendanceRow, AttendanceView, attendance_rows};
use crate::ui::views::booking_form::{BookingForm, BookingFormModel, FormField, Inputs, MemberHit, ServiceChoice};
use crate::ui::views::capacity::{CapacityCommand, CapacityView};
use crate::ui::views::data_window::{DataCommand, DataWindow, describe_backup};
use crate::ui::views::day_list::{DayListStatus, DayListWindow};
use crate::ui::views::email_consultations::EmailConsultationsView;
use crate::ui::views::mail::{MailCommand, MailModel, MailView};
use crate::ui::views::member_editor::MemberEditor;
use crate::ui::views::session_panel::SessionPanel;
use crate::ui::views::settings::{SettingsCommand, SettingsView};
use crate::ui::views::week::WeekView;
use crate::ui::widgets::time_grid::SessionKey;
use crate::ui::{text, theme};

mod data;
mod mail_actions;
mod manager;

/// What the user asked for, applied in one place after the frame's views have run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Show the week holding this date.
    ShowWeek(NaiveDate),
    SelectSession(SessionKey),
    CloseSession,
    /// Open the booking form, for a session if one was chosen.
    OpenBookingForm(Option<SessionKey>),
    /// Open the booking form for a session at a time (a double click in the grid).
    BookAt(SessionKey, crate::domain::time::TimeOfDay),
    CloseBookingForm,
    SearchMembers(String),
    BookingInputsChanged(Inputs),
    SaveBooking(BookingRequest, WhenFull),
    FocusBooking(BookingId),
    CancelBooking(BookingId, String),
    SetAttendance(BookingId, BookingState),
    Promote(BookingId),
    MoveBooking(BookingId, chrono::NaiveDate, crate::domain::time::Interval),
    OpenEmailConsultations,
    CloseEmailConsultations,
    RequestEmailConsultation(String, String),
    AgreeEmailConsultation(i64, chrono::NaiveDateTime),
    SetEmailConsultationState(i64, EmailConsultationState),
    OpenNewMember,
    OpenMember(MemberId),
    SaveMember,
    CloseMemberEditor,
    OpenDataWindow,
    Data(DataCommand),
    OpenCapacity,
    Capacity(CapacityCommand),
    OpenSettings,
    Settings(SettingsCommand),
    OpenMail,
    CloseMail,
    Mail(MailCommand),
    /// The day's list window (Ctrl+P).
    OpenDayList,
    CloseDayList,
    /// Make the day's PDF (with themes or not) and open it in the system's viewer to print.
    PrintDayList(NaiveDate, bool),
    SaveDayListPdf(NaiveDate, bool),
    SaveDayListCsv(NaiveDate, bool, CsvEncoding),
    /// The attendance check-list for a day.
    OpenAttendance(NaiveDate),
    CloseAttendance,
    MarkAttendance(BookingId, BookingState),
}

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
    pub action_error: Option<String>,
}

pub struct MadoguchiApp {
    store: Store,
    today: NaiveDate,
    week: WeekOverview,
    selected: Option<SelectedSession>,
    week_view: WeekView,
    session_panel: SessionPanel,
    schedule: Schedule,
    members: MemberIndex,
    booking_form: Option<BookingForm>,
    booking_model: BookingFormModel,
    member_editor: Option<MemberEditor>,
    /// The doctor's email consultations, when their window is open.
    email_consultations: Option<(EmailConsultationsView, Vec<EmailConsultationLine>)>,
    /// The last error while reading, shown until the next successful refresh.
    error: Option<String>,
    /// Backups, restore and import, when their window is open.
    data: Option<DataWindow>,
    data_task: Option<Task<data::DataOutcome>>,
    /// A restore ready to be swapped in by [`DeskApp`].
    pending_restore: Option<crate::backup::PreparedRestore>,
    /// Shown above the week as long as it holds (the data on a network share).
    warning: Option<String>,
    /// The manager's windows, when open.
    capacity: Option<CapacityView>,
    settings: Option<SettingsView>,
    /// The mail window, when open.
    mail: Option<(MailView, MailModel)>,
    /// Sends what is due while the window is open (not started in tests).
    mail_sender: Option<crate::mail::send::BackgroundSender>,
    day_list: Option<DayListWindow>,
    day_list_status: DayListStatus,
    print_job: Option<PrintJob>,
    /// The attendance check-list: the view, its rows, and why the last mark was refused.
    attendance: Option<(AttendanceView, Vec<AttendanceRow>, Option<String>)>,
}

impl MadoguchiApp {
    /// Opens on the week holding `today`.
    pub fn new(store: Store, today: NaiveDate) -> Result<MadoguchiApp, crate::store::StoreError> {
        let week = store.week_overview(today)?;
        let schedule = store.schedule()?;
        let members = store.member_index()?;
        let store_path = &store.path().to_owned();
        Ok(MadoguchiApp {
            store,
            today,
            week,
            selected: None,
            week_view: WeekView::default(),
            session_panel: SessionPanel::default(),
            schedule,
            members,
            booking_form: None,
            booking_model: BookingFormModel::default(),
            member_editor: None,
            email_consultations: None,
            error: None,
            data: None,
            data_task: None,
            pending_restore: None,
            warning: crate::backup::network_share(store_path).map(|_| text::NETWORK_SHARE_DATABASE.to_owned()),
            capacity: None,
            settings: None,
            mail: None,
            mail_sender: None,
            day_list: None,
            day_list_status: DayListStatus::default(),
            print_job: None,
            attendance: None,
        })
    }

    /// Reads the day's list now and makes the file on a thread of its own.
    fn start_print(&mut self, date: NaiveDate, themes: bool, request: PrintRequest) -> Result<(), StoreError> {
        if self.print_job.is_some() {
            return Ok(());
        }
        let list = self.store.day_list(date)?;
        let options = DayListOptions { include_themes: themes, printed_at: chrono::Local::now().naive_local() };
        self.print_job = Some(PrintJob::start(list, options, request));
        self.day_list_status = DayListStatus { busy: true, outcome: None };
        Ok(())
    }

    /// Takes a finished print job's outcome, recording a print or a save in the audit log.
    fn poll_print_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.print_job else { return };
        let Some(outcome) = job.poll() else {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return;
        };
        self.print_job = None;
        let outcome = match outcome {
            JobOutcome::Done { list, output, file, themes, encoding } => self
                .store
                .record_day_list_output(
                    &list,
                    output,
                    &file.display().to_string(),
                    themes,
                    encoding.map(CsvEncoding::code),
                )
                .map(|()| match output {
                    DayListOutput::PrintPdf => text::DAY_LIST_OPENED.to_owned(),
                    _ => format!("{}: {}", text::DAY_LIST_SAVED, file.display()),
                })
                .map_err(|e| format!("{}: {e}", text::DAY_LIST_FAILED)),
            JobOutcome::Cancelled => Ok(text::DAY_LIST_CANCELLED.to_owned()),
            JobOutcome::Failed(message) => Err(message),
        };
        self.day_list_status = DayListStatus { busy: false, outcome: Some(outcome) };
    }

    fn open_attendance(&mut self, date: NaiveDate) -> Result<(), StoreError> {
        let rows = attendance_rows(&self.store.day_list(date)?);
        match self.attendance.as_mut() {
            Some((view, shown, error)) if view.date == date => {
                *shown = rows;
                *error = None;
            }
            _ => self.attendance = Some((AttendanceView::new(date), rows, None)),
        }
        Ok(())
    }

    fn mark_attendance(&mut self, id: BookingId, state: BookingState) -> Result<(), StoreError> {
        match self.store.set_attendance(id, state) {
            Ok(_) => {}
            Err(refused @ (StoreError::Refused(_) | StoreError::Invalid(_) | StoreError::NotFound(_))) => {
                if let Some((_, _, error)) = self.attendance.as_mut() {
                    *error = Some(refused.to_string());
                }
                return Ok(());
            }
            Err(other) => return Err(other),
        }
        if let Some(date) = self.attendance.as_ref().map(|(view, _, _)| view.date) {
            self.open_attendance(date)?;
        }
        self.reload_after_change()
    }

    /// After a change to an email consultation: the list and the week (agreed times show there).
    fn reload_email_consultations(&mut self) -> Result<(), StoreError> {
        let lines = self.store.open_email_consultations()?;
        if let Some((_, shown)) = self.email_consultations.as_mut() {
            *shown = lines;
        }
        self.week = self.store.week_overview(self.week.monday)?;
        Ok(())
    }

    fn request_email_consultation(&mut self, number: &str, notes: &str) -> Result<(), StoreError> {
        let Some(member) = self.store.member_by_number(number)? else {
            if let Some((view, _)) = self.email_consultations.as_mut() {
                view.message = Some(text::MEMBER_NOT_FOUND.to_owned());
            }
            return Ok(());
        };
        self.store.request_email_consultation(member.id, self.today, notes)?;
        if let Some((view, _)) = self.email_consultations.as_mut() {
            view.recorded();
        }
        self.reload_email_consultations()
    }

    fn open_member(&mut self, id: MemberId) -> Result<(), StoreError> {
        let member = self.store.member(id)?;
        let bookings = self.store.member_bookings(id)?;
        self.member_editor = Some(MemberEditor::edit(id, MemberForm::from_member(&member), bookings));
        Ok(())
    }

    fn save_member(&mut self) -> Result<(), StoreError> {
        let Some(editor) = self.member_editor.as_mut() else {
            return Ok(());
        };
        let member = match editor.form.validate(self.today) {
            Ok(member) => member,
            Err(errors) => {
                editor.refused(errors);
                return Ok(());
            }
        };
        let saved = match editor.member_id {
            Some(id) => self.store.update_member(id, &member).map(|m| m.id),
            None => self.store.add_member(&member),
        };
        let id = match saved {
            Ok(id) => id,
            Err(StoreError::DuplicateMemberNumber(number)) => {
                editor.refused(vec![(MemberField::Number, StoreError::DuplicateMemberNumber(number).to_string())]);
                return Ok(());
            }
            Err(StoreError::Invalid(message)) => {
                editor.refused(vec![(MemberField::Number, message)]);
                return Ok(());
            }
            Err(other) => return Err(other),
        };
        editor.saved(id, format!("{} {} {} 様", text::MEMBER_SAVED, member.number, member.name));
        editor.bookings = self.store.member_bookings(id)?;
        self.members = self.store.member_index()?;
        // A member added during a call is ready to pick in the booking form.
        if let Some(form) = self.booking_form.as_mut() {
            form.set_query(&member.number);
        }
        Ok(())
    }

    /// The first date from today on which `service` has a session.
    fn next_session_date(&self, service_id: i64) -> chrono::NaiveDate {
        let Some(service) = self.schedule.service(service_id) else {
            return self.today;
        };
        (0..120)
            .map(|offset| self.today + chrono::Duration::days(offset))
            .find(|date| !self.schedule.sessions_on(service, *date).is_empty())
            .unwrap_or(self.today)
    }

    fn open_booking_form(&mut self, key: Option<SessionKey>, at: Option<crate::domain::time::TimeOfDay>) {
        self.booking_model.services = self
            .schedule
            .services
            .iter()
            .filter(|s| {
                s.is_bookable()
                    && matches!(s.kind, ServiceKind::Consultation | ServiceKind::GroupSession | ServiceKind::Program)
            })
            .map(|s| ServiceChoice { id: s.id, name: s.name.clone(), kind: s.kind, lengths: s.lengths.clone() })
            .collect();
        // The form and the grid share the window; the session's list would squeeze the grid.
        self.selected = None;
        // Nothing from an earlier form carries over; the inputs of this one fill these.
        self.booking_model.member_hits.clear();
        self.booking_model.free_starts.clear();
        self.booking_model.day_off = None;
        self.booking_model.session_hours = None;
        let form = match key {
            Some(key) => BookingForm::new(Some(key.service_id), key.date, at),
            None => {
                let service =
                    self.booking_model.services.iter().find(|s| s.kind == ServiceKind::Consultation).map(|s| s.id);
                let date = service.map(|id| self.next_session_date(id)).unwrap_or(self.today);
                BookingForm::new(service, date, None)
            }
        };
        self.booking_form = Some(form);
    }

    fn search_members(&mut self, query: &str) {
        self.booking_model.member_hits = self
            .members
            .search(query, 20)
            .into_iter()
            .map(|(entry, _)| MemberHit {
                id: entry.id,
                number: entry.number.clone(),
                name: entry.name.clone(),
                kana: entry.kana.clone(),
                phone: entry.main_phone(),
            })
            .collect();
    }

    fn booking_inputs_changed(&mut self, (service_id, date, minutes): Inputs) -> Result<(), StoreError> {
        let Some(service) = self.schedule.service(service_id) else {
            return Ok(());
        };
        // The grid follows the form, so the desk sees the day being booked.
        if date < self.week.monday || date > self.week.monday + chrono::Duration::days(6) {
            self.week = self.store.week_overview(date)?;
        }
        self.booking_model.day_off = self.schedule.day_off(service, date).map(|off| off.describe());
        let sessions = self.schedule.sessions_on(service, date);
        self.booking_model.session_hours = sessions.first().map(|s| s.hours);
        self.booking_model.free_starts = if service.kind == ServiceKind::Consultation {
            self.store.free_starts(service_id, date, minutes)?
        } else {
            Vec::new()
        };
        Ok(())
    }

    fn save_booking(&mut self, request: BookingRequest, when_full: WhenFull) -> Result<(), StoreError> {
        let Some(form) = self.booking_form.as_mut() else {
            return Ok(());
        };
        match self.store.book(&request, when_full) {
            Ok(booking) => {
                let member = self.store.member(request.member_id)?;
                let line = match self.schedule.service(request.service_id) {
                    Some(service) => read_back(service, &booking, &member.number, &member.name),
                    None => String::new(),
                };
                form.saved(line);
                self.week = self.store.week_overview(self.week.monday)?;
                if let Some(selected) = self.selected.take() {
                    self.selected = Some(self.load_session(selected.key)?);
                }
                self.booking_inputs_changed((request.service_id, request.date, request.hours.minutes()))?;
                Ok(())
            }
            Err(StoreError::Refused(refusal)) => {
                let full = matches!(refusal, Refusal::Full { .. } | Refusal::SlotTaken { .. });
                let field = match refusal {
                    Refusal::NotRunning { .. } => FormField::Date,
                    Refusal::SlotTaken { .. } | Refusal::OffStep { .. } | Refusal::LengthNotAllowed { .. } => {
                        FormField::Start
                    }
                    Refusal::MemberOverlap { .. } => FormField::Member,
                    _ => FormField::Whole,
                };
                let mut message = refusal.to_string();
                let consultation =
                    self.schedule.service(request.service_id).is_some_and(|s| s.kind == ServiceKind::Consultation);
                if full && consultation {
                    let free = self.store.free_starts(request.service_id, request.date, request.hours.minutes())?;
                    if !free.is_empty() {
                        let starts: Vec<String> = free.iter().map(ToString::to_string).collect();
                        message = format!("{message}。{}: {}", text::FREE_ALTERNATIVES, starts.join("、"));
                    }
                }
                form.refused(field, message, full);
                Ok(())
            }
            Err(StoreError::Invalid(message)) => {
                form.refused(FormField::Whole, message, false);
                Ok(())
            }
            Err(other) => Err(other),
        }
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

    /// Applies one command and refreshes what it affects.
    pub fn apply(&mut self, command: Command) {
        // A booking change wrote its message; the sender takes it at once.
        let writes_mail = matches!(
            command,
            Command::SaveBooking(..) | Command::CancelBooking(..) | Command::Promote(_) | Command::MoveBooking(..)
        );
        let result =
            match command {
                Command::ShowWeek(date) => self.store.week_overview(date).map(|week| {
                    if self.selected.as_ref().is_some_and(|s| {
                        s.key.date < week.monday || s.key.date > week.monday + chrono::Duration::days(6)
                    }) {
                        self.selected = None;
                    }
                    self.week = week;
                }),
                Command::SelectSession(key) => self.load_session(key).map(|selected| self.selected = Some(selected)),
                Command::CloseSession => {
                    self.selected = None;
                    Ok(())
                }
                Command::OpenBookingForm(key) => {
                    self.open_booking_form(key, None);
                    Ok(())
                }
                Command::BookAt(key, at) => {
                    self.open_booking_form(Some(key), Some(at));
                    Ok(())
                }
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
                Command::OpenEmailConsultations => self
                    .store
                    .open_email_consultations()
                    .map(|lines| self.email_consultations = Some((EmailConsultationsView::default(), lines))),
                Command::CloseEmailConsultations => {
                    self.email_consultations = None;
                    Ok(())
                }
                Command::RequestEmailConsultation(number, notes) => self.request_email_consultation(&number, &notes),
                Command::AgreeEmailConsultation(id, at) => {
                    self.store.agree_email_consultation(id, at).and_then(|_| self.reload_email_consultations())
                }
                Command::SetEmailConsultationState(id, state) => {
                    self.store.set_email_consultation_state(id, state).and_then(|_| self.reload_email_consultations())
                }
                Command::OpenNewMember => {
                    self.member_editor = Some(MemberEditor::new_member());
                    Ok(())
                }
                Command::OpenMember(id) => self.open_member(id),
                Command::SaveMember => self.save_member(),
                Command::CloseMemberEditor => {
                    self.member_editor = None;
                    Ok(())
                }
                Command::OpenDataWindow => self.open_data_window(),
                Command::Data(command) => self.apply_data(command),
                Command::OpenCapacity => self.open_capacity(),
                Command::Capacity(command) => self.apply_capacity(command),
                Command::OpenSettings => self.open_settings(),
                Command::Settings(command) => self.apply_settings(command),
                Command::OpenMail => self.open_mail(),
                Command::CloseMail => {
                    self.mail = None;
                    Ok(())
                }
                Command::Mail(command) => self.apply_mail(command),
                Command::OpenDayList => {
                    if self.day_list.is_none() {
                        self.day_list = Some(DayListWindow::new(self.today));
                        self.day_list_status.outcome = None;
                    }
                    Ok(())
                }
                Command::CloseDayList => {
                    self.day_list = None;
                    Ok(())
                }
                Command::PrintDayList(date, themes) => self.start_print(date, themes, PrintRequest::OpenPdf),
                Command::SaveDayListPdf(date, themes) => self.start_print(date, themes, PrintRequest::SavePdf),
                Command::SaveDayListCsv(date, themes, encoding) => {
                    self.start_print(date, themes, PrintRequest::SaveCsv(encoding))
                }
                Command::OpenAttendance(date) => self.open_attendance(date),
                Command::CloseAttendance => {
                    self.attendance = None;
                    Ok(())
                }
                Command::MarkAttendance(id, state) => self.mark_attendance(id, state),
            };
        if writes_mail {
            self.poke_mail_sender();
        }
        self.error = result.err().map(|e| match e {
            StoreError::Refused(_) | StoreError::Invalid(_) | StoreError::NotFound(_) => {
                format!("{}: {e}", text::ACTION_FAILED)
            }
            other => format!("{}: {other}", text::LOAD_FAILED),
        });
    }

    fn load_session(&self, key: SessionKey) -> Result<SelectedSession, crate::store::StoreError> {
        let title = self
            .week
            .days
            .iter()
            .flat_map(|d| &d.sessions)
            .find(|s| s.service_id == key.service_id && s.date == key.date && s.hours == key.hours)
            .map(|s| s.label())
            .unwrap_or_default();
        let bookings = self.store.session_bookings(key.service_id, key.date, key.hours)?;
        let to_call = self.store.waitlist_to_call(key.service_id, key.date)?;
        Ok(SelectedSession { key, title, bookings, to_call, focused: None, history: Vec::new(), action_error: None })
    }

    /// Reads the chosen session again after a change, keeping the chosen booking.
    fn reload_after_change(&mut self) -> Result<(), StoreError> {
        self.week = self.store.week_overview(self.week.monday)?;
        if let Some(selected) = self.selected.take() {
            let focused = selected.focused;
            let mut fresh = self.load_session(selected.key)?;
            if let Some(id) = focused {
                fresh.history = self.store.history("booking", id)?;
                fresh.focused = Some(id);
            }
            self.selected = Some(fresh);
        }
        Ok(())
    }

    /// A refused action on a booking is explained in the side panel; otherwise the
    /// views are read again.
    fn after_panel_action(&mut self, done: Result<(), StoreError>) -> Result<(), StoreError> {
        match done {
            Ok(()) => self.reload_after_change(),
            Err(refused @ (StoreError::Refused(_) | StoreError::Invalid(_))) => {
                if let Some(selected) = self.selected.as_mut() {
                    selected.action_error = Some(refused.to_string());
                }
                Ok(())
            }
            Err(other) => Err(other),
        }
    }

    fn focus_booking(&mut self, id: BookingId) -> Result<(), StoreError> {
        let history = self.store.history("booking", id)?;
        if let Some(selected) = self.selected.as_mut() {
            selected.focused = Some(id);
            selected.history = history;
            selected.action_error = None;
        }
        Ok(())
    }

    /// Draws the whole window; used by eframe and by the tests' harness alike.
    pub fn show(&mut self, ui: &mut Ui) {
        let mut commands = Vec::new();
        if let Err(err) = self.poll_data_task() {
            self.error = Some(format!("{}: {err}", text::LOAD_FAILED));
        }
        if self.data_task_running() {
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
        }
        let new_booking = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::N);
        let find_member = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::F);
        let day_list = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::P);
        if ui.input_mut(|i| i.consume_shortcut(&day_list)) {
            commands.push(Command::OpenDayList);
        }
        self.poll_print_job(ui.ctx());
        if ui.input_mut(|i| i.consume_shortcut(&new_booking)) {
            commands.push(Command::OpenBookingForm(self.selected.as_ref().map(|s| s.key.clone())));
        }
        if ui.input_mut(|i| i.consume_shortcut(&find_member)) {
            match self.booking_form.as_mut() {
                Some(form) => form.focus_search(),
                None => commands.push(Command::OpenBookingForm(None)),
            }
        }
        Panel::top("toolbar").show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                if ui.button(RichText::new(text::NEW_BOOKING_BUTTON).strong()).clicked() {
                    commands.push(Command::OpenBookingForm(self.selected.as_ref().map(|s| s.key.clone())));
                }
                if ui.button(text::MEMBERS_BUTTON).clicked() {
                    commands.push(Command::OpenNewMember);
                }
                if ui.button(text::EMAIL_CONSULTATIONS_BUTTON).clicked() {
                    commands.push(Command::OpenEmailConsultations);
                }
                if ui.button(text::DAY_LIST_BUTTON).clicked() {
                    commands.push(Command::OpenDayList);
                }
                if ui.button(text::MAIL_BUTTON).clicked() {
                    commands.push(Command::OpenMail);
                }
                // The manager's windows keep to the right, apart from the desk's actions.
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button(text::DATA_BUTTON).clicked() {
                        commands.push(Command::OpenDataWindow);
                    }
                    if ui.button(text::SETTINGS_BUTTON).clicked() {
                        commands.push(Command::OpenSettings);
                    }
                    if ui.button(text::CAPACITY_BUTTON).clicked() {
                        commands.push(Command::OpenCapacity);
                    }
                });
            });
            ui.horizontal(|ui| {
                self.week_view.toolbar(ui, &self.week, self.today, &mut commands);
            });
            if let Some(warning) = &self.warning {
                ui.label(RichText::new(warning).color(ui.visuals().warn_fg_color));
            }
            if let Some(error) = &self.error {
                ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
            }
            ui.add_space(2.0);
        });
        Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(format!("{}: {}", text::DATABASE_LABEL, self.store.path().display()))
                        .size(11.0)
                        .color(theme::TEXT_MUTED),
                );
                ui.separator();
                ui.label(RichText::new(self.mail_status_line()).size(11.0).color(theme::TEXT_MUTED));
            });
        });
        if let Some(form) = self.booking_form.as_mut() {
            Panel::left("booking_form").default_size(430.0).min_size(360.0).show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    form.show(ui, &self.booking_model, self.today, &mut commands);
                });
            });
        }
        if let Some(selected) = &self.selected {
            Panel::right("session").default_size(420.0).min_size(320.0).show(ui, |ui| {
                self.session_panel.show(ui, selected, &mut commands);
            });
        }
        if let Some(editor) = self.member_editor.as_mut() {
            let title = if editor.member_id.is_some() { text::MEMBER_WINDOW_EDIT } else { text::MEMBER_WINDOW_NEW };
            egui::Window::new(title).collapsible(false).default_pos([480.0, 80.0]).show(ui.ctx(), |ui| {
                editor.show(ui, self.today, &mut commands);
            });
        }
        if let Some((view, lines)) = self.email_consultations.as_mut() {
            egui::Window::new(text::EMAIL_CONSULTATIONS_TITLE).collapsible(false).default_pos([520.0, 100.0]).show(
                ui.ctx(),
                |ui| {
                    view.show(ui, lines, self.today, &mut commands);
                },
            );
        }
        if let Some(view) = self.capacity.as_mut() {
            egui::Window::new(text::CAPACITY_TITLE)
                .collapsible(false)
                .default_pos([200.0, 70.0])
                .default_width(900.0)
                .min_width(760.0)
                .show(ui.ctx(), |ui| {
                    view.show(ui, self.today, &mut commands);
                });
        }
        if let Some(view) = self.settings.as_mut() {
            egui::Window::new(text::SETTINGS_TITLE)
                .collapsible(false)
                .default_pos([260.0, 80.0])
                .default_width(760.0)
                .min_width(640.0)
                .show(ui.ctx(), |ui| {
                    view.show(ui, self.today, &mut commands);
                });
        }
        if let Some(window) = self.data.as_mut() {
            egui::Window::new(text::DATA_TITLE)
                .collapsible(false)
                .default_pos([360.0, 90.0])
                .default_width(680.0)
                .min_width(600.0)
                .show(ui.ctx(), |ui| {
                    egui::ScrollArea::vertical().max_height(640.0).show(ui, |ui| {
                        window.show(ui, &mut commands);
                    });
                });
        }
        // After each sending run the send list is read again (the run changed states).
        let status = self.mail_status_line();
        if self.mail.as_ref().is_some_and(|(_, model)| model.sender_status != status)
            && let Err(err) = self.refresh_mail()
        {
            self.error = Some(format!("{}: {err}", text::LOAD_FAILED));
        }
        if let Some((view, model)) = self.mail.as_mut() {
            let mut open = true;
            egui::Window::new(text::MAIL_TITLE)
                .open(&mut open)
                .collapsible(false)
                .default_pos([360.0, 70.0])
                .default_size([860.0, 640.0])
                .show(ui.ctx(), |ui| {
                    view.show(ui, model, self.today, &mut commands);
                });
            if !open {
                commands.push(Command::CloseMail);
            }
        }
        if let Some(window) = self.day_list.as_mut() {
            egui::Window::new(text::DAY_LIST_TITLE).collapsible(false).default_pos([560.0, 90.0]).show(
                ui.ctx(),
                |ui| {
                    window.show(ui, &self.day_list_status, self.today, &mut commands);
                },
            );
        }
        if let Some((view, rows, error)) = self.attendance.as_mut() {
            egui::Window::new(text::ATTENDANCE_TITLE)
                .collapsible(false)
                .default_pos([300.0, 110.0])
                .default_width(760.0)
                .show(ui.ctx(), |ui| {
                    view.show(ui, rows, error.as_deref(), self.today, &mut commands);
                });
        }
        CentralPanel::default().show(ui, |ui| {
            self.week_view.heading(ui, &self.week);
            let selected = self.selected.as_ref().map(|s| &s.key);
            self.week_view.grid(ui, &self.week, self.today, selected, &mut commands);
        });
        for command in commands {
            self.apply(command);
        }
    }
}

impl eframe::App for MadoguchiApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}

/// The window's top level: the desk, or — when the data cannot be opened — why, with a
/// way back from a backup. It owns the store's lifetime, so a restore is swapped in here.
pub struct DeskApp {
    database: PathBuf,
    today: NaiveDate,
    state: DeskState,
    /// Set when the desk sends mail in the background (the real window, not tests).
    mail_repaint: Option<egui::Context>,
}

enum DeskState {
    Desk(Box<MadoguchiApp>),
    CannotOpen(CannotOpen),
}

impl DeskApp {
    pub fn new(store: Result<Store, StoreError>, database: PathBuf, today: NaiveDate) -> DeskApp {
        let state = match store.and_then(|store| MadoguchiApp::new(store, today)) {
            Ok(app) => DeskState::Desk(Box::new(app)),
            Err(err) => DeskState::CannotOpen(CannotOpen::new(err.to_string())),
        };
        DeskApp { database, today, state, mail_repaint: None }
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
    fn swap_in(&mut self, prepared: crate::backup::PreparedRestore) {
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
        let (store, message) = match crate::backup::finish_restore(current, prepared) {
            Ok(store) => {
                let mut message = format!("{}（{}）", text::RESTORED, describe_backup(&info));
                if let Some(saved) = saved {
                    message.push_str(&format!("。復元前のデータは {} に保存しました。", saved.display()));
                }
                (Ok(store), (false, message))
            }
            Err(err) => (Store::open(&self.database), (true, err.to_string())),
        };
        self.state = match store.and_then(|store| MadoguchiApp::new(store, self.today)) {
            Ok(mut app) => {
                if app.open_data_window().is_ok()
                    && let Some(window) = app.data.as_mut()
                {
                    window.message = Some(message);
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
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}

/// Shown instead of the desk when the data file cannot be opened: the reason, that
/// nothing was changed, and a restore from a backup (the damaged file is kept aside).
struct CannotOpen {
    message: String,
    preview: Option<(PathBuf, crate::backup::BackupInfo)>,
    error: Option<String>,
}

impl CannotOpen {
    fn new(message: String) -> CannotOpen {
        CannotOpen { message, preview: None, error: None }
    }

    /// Draws the screen; a restore made ready is returned for the swap. The checks run
    /// here on the UI thread: nothing else can happen on this screen meanwhile.
    fn show(&mut self, ui: &mut Ui, database: &Path) -> Option<crate::backup::PreparedRestore> {
        let mut ready = None;
        let mut close_preview = false;
        CentralPanel::default().show(ui, |ui| {
            ui.heading(text::CANNOT_OPEN_TITLE);
            ui.add_space(8.0);
            ui.label(RichText::new(&self.message).color(ui.visuals().error_fg_color));
            ui.add_space(8.0);
            ui.label(text::CANNOT_OPEN_HELP);
            ui.add_space(12.0);
            match &self.preview {
                None => {
                    if ui.button(text::RESTORE_FROM_BACKUP_BUTTON).clicked() {
                        let dialog = rfd::FileDialog::new()
                            .set_title(text::RESTORE_DIALOG_TITLE)
                            .set_directory(crate::backup::default_backup_dir(database))
                            .add_filter(text::BACKUP_FILTER, &["sqlite3", "db", "sqlite"]);
                        if let Some(path) = dialog.pick_file() {
                            match crate::backup::inspect(&path) {
                                Ok(info) => {
                                    self.preview = Some((path, info));
                                    self.error = None;
                                }
                                Err(err) => self.error = Some(err.to_string()),
                            }
                        }
                    }
                }
                Some((path, info)) => {
                    ui.label(path.display().to_string());
                    ui.label(describe_backup(info));
                    ui.label(RichText::new(text::RESTORE_QUESTION).strong());
                    ui.horizontal(|ui| {
                        if ui.button(text::RESTORE_CONFIRM).clicked() {
                            let now = chrono::Local::now().naive_local();
                            let auto_dir = crate::backup::default_backup_dir(database);
                            match crate::backup::prepare_restore(database, path, &auto_dir, now) {
                                Ok(prepared) => ready = Some(prepared),
                                Err(err) => {
                                    self.error = Some(err.to_string());
                                    close_preview = true;
                                }
                            }
                        }
                        if ui.button(text::CANCEL).clicked() {
                            self.error = None;
                            close_preview = true;
                        }
                    });
                }
            }
            if let Some(error) = &self.error {
                ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
            }
        });
        if ready.is_some() || close_preview {
            self.preview = None;
        }
        ready
    }
}
