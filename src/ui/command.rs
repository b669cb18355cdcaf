//! What the desk can ask for. Views and the key handler push [`Command`]s; the app applies
//! them in one place ([`crate::ui::app::MadoguchiApp::apply`]) after the frame was drawn.
//! The actions offered in the toolbar and on keys are [`UiCommand`]s, each carrying its
//! label and shortcut, so the toolbar and the key handler read them from here.

use chrono::{NaiveDate, NaiveDateTime};
use egui::{Key, KeyboardShortcut, Modifiers};

use crate::domain::booking::{BookingId, BookingRequest, BookingState};
use crate::domain::email_consultation::EmailConsultationState;
use crate::domain::member::MemberId;
use crate::domain::staff::Action;
use crate::domain::time::{Interval, TimeOfDay};
use crate::print::CsvEncoding;
use crate::store::WhenFull;
use crate::ui::app::DataOutcome;
use crate::ui::print_jobs::PrintOutcome;
use crate::ui::tasks::TaskError;
use crate::ui::text;
use crate::ui::views::audit_log::AuditCommand;
use crate::ui::views::booking_form::Inputs;
use crate::ui::views::capacity::{CapacityCommand, ExportOutcome};
use crate::ui::views::data_window::Chosen;
use crate::ui::views::data_window::DataCommand;
use crate::ui::views::intake::IntakeCommand;
use crate::ui::views::mail::MailCommand;
use crate::ui::views::privacy::{DisclosureOutcome, PrivacyCommand};
use crate::ui::views::settings::SettingsCommand;
use crate::ui::views::staff::StaffCommand;
use crate::ui::widgets::time_grid::SessionKey;
use crate::ui::windows::WindowId;

/// The actions the toolbar and the keyboard offer, with their labels and shortcuts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiCommand {
    /// The booking form, for the chosen session if there is one.
    NewBooking,
    /// The cursor in the booking form's member search (the form opens if it is closed).
    FindMember,
    NewMember,
    EmailConsultations,
    /// メールの予約依頼: requests read from members' mails.
    Intake,
    DayList,
    Mail,
    Capacity,
    Settings,
    Data,
    /// 個人情報の請求: disclosure, correction, erasure, the retention review. Manager only.
    Privacy,
    /// Someone else comes to the desk (F2, then their number).
    SwitchStaff,
    /// The manager's list of staff, roles and PINs.
    Staff,
    AuditLog,
}

impl UiCommand {
    /// The desk's actions, left in the toolbar.
    pub const DESK: [UiCommand; 7] = [
        UiCommand::SwitchStaff,
        UiCommand::NewBooking,
        UiCommand::NewMember,
        UiCommand::Intake,
        UiCommand::EmailConsultations,
        UiCommand::DayList,
        UiCommand::Mail,
    ];
    /// The manager's windows, right in the toolbar, apart from the desk's actions (from the
    /// right edge inwards).
    pub const MANAGER: [UiCommand; 6] = [
        UiCommand::Data,
        UiCommand::Privacy,
        UiCommand::Settings,
        UiCommand::AuditLog,
        UiCommand::Staff,
        UiCommand::Capacity,
    ];
    /// Every action, for the key handler.
    pub const ALL: [UiCommand; 14] = [
        UiCommand::SwitchStaff,
        UiCommand::Staff,
        UiCommand::AuditLog,
        UiCommand::NewBooking,
        UiCommand::FindMember,
        UiCommand::NewMember,
        UiCommand::EmailConsultations,
        UiCommand::Intake,
        UiCommand::DayList,
        UiCommand::Mail,
        UiCommand::Capacity,
        UiCommand::Settings,
        UiCommand::Data,
        UiCommand::Privacy,
    ];

    pub fn text(self) -> &'static str {
        match self {
            UiCommand::NewBooking => text::NEW_BOOKING_BUTTON,
            UiCommand::FindMember => text::MEMBER_SEARCH,
            UiCommand::NewMember => text::MEMBERS_BUTTON,
            UiCommand::EmailConsultations => text::EMAIL_CONSULTATIONS_BUTTON,
            UiCommand::Intake => text::INTAKE_BUTTON,
            UiCommand::DayList => text::DAY_LIST_BUTTON,
            UiCommand::Mail => text::MAIL_BUTTON,
            UiCommand::Capacity => text::CAPACITY_BUTTON,
            UiCommand::Settings => text::SETTINGS_BUTTON,
            UiCommand::Data => text::DATA_BUTTON,
            UiCommand::Privacy => text::PRIVACY_BUTTON,
            UiCommand::SwitchStaff => text::SWITCH_STAFF_BUTTON,
            UiCommand::Staff => text::STAFF_BUTTON,
            UiCommand::AuditLog => text::AUDIT_BUTTON,
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let command = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        match self {
            UiCommand::NewBooking => command(Key::N),
            UiCommand::FindMember => command(Key::F),
            UiCommand::DayList => command(Key::P),
            // The first of the two keys that change who is at the desk; the second is a number.
            UiCommand::SwitchStaff => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F2)),
            _ => None,
        }
    }

    /// The toolbar's label: the text, and the shortcut as this system writes it ("Ctrl+N",
    /// "⌘N").
    pub fn label(self, ctx: &egui::Context) -> String {
        match self.shortcut() {
            Some(shortcut) => format!("{} ({})", self.text(), ctx.format_shortcut(&shortcut)),
            None => self.text().to_owned(),
        }
    }
}

/// Everything that changes the desk's state, applied in one place after the frame's views
/// have run. Background work reports back as [`Command::Finished`].
#[derive(Debug)]
pub enum Command {
    /// A toolbar button or a shortcut.
    Run(UiCommand),
    /// Show the week holding this date.
    ShowWeek(NaiveDate),
    SelectSession(SessionKey),
    CloseSession,
    /// Open the booking form, for a session if one was chosen.
    OpenBookingForm(Option<SessionKey>),
    /// Open the booking form for a session at a time (a double click in the grid).
    BookAt(SessionKey, TimeOfDay),
    CloseBookingForm,
    SearchMembers(String),
    BookingInputsChanged(Inputs),
    SaveBooking(BookingRequest, WhenFull),
    FocusBooking(BookingId),
    CancelBooking(BookingId, String),
    SetAttendance(BookingId, BookingState),
    Promote(BookingId),
    MoveBooking(BookingId, NaiveDate, Interval),
    RequestEmailConsultation(String, String),
    AgreeEmailConsultation(i64, NaiveDateTime),
    SetEmailConsultationState(i64, EmailConsultationState),
    /// The intake window: choose, accept or set aside a request read from a mail.
    Intake(IntakeCommand),
    OpenMember(MemberId),
    SaveMember,
    /// Save the member window's member and take them into the booking form as the caller.
    SaveMemberAndBook,
    Data(DataCommand),
    Capacity(CapacityCommand),
    Settings(SettingsCommand),
    /// A member's data request or the retention review (manager only).
    Privacy(PrivacyCommand),
    Mail(MailCommand),
    Staff(StaffCommand),
    Audit(AuditCommand),
    /// Make the day's PDF (with themes or not) and open it in the system's viewer to print.
    PrintDayList(NaiveDate, bool),
    /// Save the day's PDF: where a dialog asks, or to the path typed where none can open.
    SaveDayListPdf(NaiveDate, bool, Option<std::path::PathBuf>),
    SaveDayListCsv(NaiveDate, bool, CsvEncoding, Option<std::path::PathBuf>),
    /// Save the day's list as an Excel workbook.
    SaveDayListXlsx(NaiveDate, bool, Option<std::path::PathBuf>),
    /// The attendance check-list for a day.
    OpenAttendance(NaiveDate),
    MarkAttendance(BookingId, BookingState),
    /// A window's ×, its close button, or Esc on the topmost window (a window with unsaved
    /// edits asks first).
    CloseWindow(WindowId),
    /// Close a window and drop its unsaved edits (its answer when it asked).
    DiscardWindow(WindowId),
    /// The clock passed midnight: this is the new today.
    DayChanged(NaiveDate),
    /// The data changed (here, in another window or program): the read models are read again.
    DataChanged,
    /// The background sender says something new (a run ended, it is sending).
    MailSenderStatus(String),
    /// Work that ran off the UI thread has ended.
    Finished(Finished),
}

/// How a piece of background work ended, delivered as a command.
pub enum Finished {
    /// A backup, restore check, import or file dialog of the data window.
    Data(Result<DataOutcome, TaskError>),
    /// The day's list printed or saved.
    Print(Result<PrintOutcome, TaskError>),
    /// The capacity figures saved as CSV.
    Export(Result<ExportOutcome, TaskError>),
    /// A member's disclosure saved (or not).
    Disclosure(Result<DisclosureOutcome, TaskError>),
    /// The audit log saved for the record.
    AuditExport(Result<ExportOutcome, TaskError>),
    /// The mailbox read for booking requests (or why not).
    IntakeFetch(Result<Result<crate::mail::imap::FetchSummary, String>, TaskError>),
    /// The mail window's work: the mailbox tried, or a file dialog answered.
    Mail(Result<crate::ui::app::MailTaskOutcome, TaskError>),
}

impl std::fmt::Debug for Finished {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (work, ok) = match self {
            Finished::Data(outcome) => ("data", outcome.is_ok()),
            Finished::Print(outcome) => ("print", outcome.is_ok()),
            Finished::Export(outcome) => ("export", outcome.is_ok()),
            Finished::Disclosure(outcome) => ("disclosure", outcome.is_ok()),
            Finished::AuditExport(outcome) => ("audit export", outcome.is_ok()),
            Finished::IntakeFetch(outcome) => ("intake fetch", outcome.is_ok()),
            Finished::Mail(outcome) => ("mail", outcome.is_ok()),
        };
        write!(f, "Finished({work}, ran to the end: {ok})")
    }
}

impl Command {
    /// What the command needs beyond the receptionist's rights: the one place the window
    /// decides it. The app asks for the PIN of someone with the role when the person at
    /// the desk lacks it (`MadoguchiApp::apply`). A new manager's action is one line here.
    pub fn needs(&self) -> Option<Action> {
        use crate::ui::views::data_window::DataCommand as D;
        use crate::ui::views::mail::MailCommand as M;
        use crate::ui::views::privacy::PrivacyCommand as P;
        Some(match self {
            Command::Run(UiCommand::DayList) | Command::PrintDayList(..) => Action::DayList,
            Command::SaveDayListPdf(..) | Command::SaveDayListCsv(..) | Command::SaveDayListXlsx(..) => Action::DayList,
            Command::OpenAttendance(_) | Command::MarkAttendance(..) | Command::SetAttendance(..) => Action::Attendance,
            Command::Run(UiCommand::Settings) | Command::Settings(_) => Action::Settings,
            Command::Mail(M::SaveSettings(_) | M::SavePassword(_)) => Action::Settings,
            Command::Mail(M::ApproveTemplate(..) | M::RejectTemplate(..)) => Action::ApproveTemplates,
            Command::Run(UiCommand::Staff) => Action::ManageStaff,
            Command::Staff(StaffCommand::Add(..) | StaffCommand::Update { .. }) => Action::ManageStaff,
            Command::Run(UiCommand::AuditLog) | Command::Audit(_) => Action::AuditLog,
            Command::Privacy(P::DiscloseMemberData(..) | P::DiscloseMemberDataTo(..)) => Action::ExportMemberData,
            Command::Privacy(P::EraseMemberData(..) | P::CancelFutureBookings(_)) => Action::EraseMember,
            Command::Run(UiCommand::Privacy) | Command::Privacy(_) => Action::DataRequest,
            Command::Data(D::ChooseRestoreFile | D::InspectRestore(_) | D::ConfirmRestore) => Action::Restore,
            Command::Data(D::UsePath(Chosen::RestoreFile, _)) => Action::Restore,
            Command::Data(D::ChooseImportFile | D::LoadImport(_) | D::ConfirmImport) => Action::ImportMembers,
            Command::Data(D::UsePath(Chosen::ImportFile, _)) => Action::ImportMembers,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_actions_share_a_shortcut() {
        let shortcuts: Vec<KeyboardShortcut> = UiCommand::ALL.iter().filter_map(|c| c.shortcut()).collect();
        for (i, a) in shortcuts.iter().enumerate() {
            assert!(!shortcuts[i + 1..].contains(a), "{a:?} is given twice");
        }
    }

    #[test]
    fn the_toolbar_offers_every_action_but_the_member_search_key() {
        let shown: Vec<UiCommand> = UiCommand::DESK.into_iter().chain(UiCommand::MANAGER).collect();
        for action in UiCommand::ALL {
            assert_eq!(shown.contains(&action), action != UiCommand::FindMember, "{action:?}");
        }
    }

    #[test]
    fn a_toolbar_label_names_its_shortcut() {
        let ctx = egui::Context::default();
        ctx.set_os(egui::os::OperatingSystem::Nix);
        assert_eq!(UiCommand::DayList.label(&ctx), format!("{} (Ctrl+P)", text::DAY_LIST_BUTTON));
        assert_eq!(UiCommand::Mail.label(&ctx), text::MAIL_BUTTON);
    }
}
