//! The mail window's commands, applied by the app: the one place they reach the store,
//! the keyring and the background sender. Trying the mailbox and the certificate file's
//! dialog run on a thread of their own.

use std::path::PathBuf;

use super::MadoguchiApp;
use crate::domain::schedule::ServiceKind;
use crate::mail::imap::{self, FetchRunError};
use crate::mail::secret;
use crate::mail::send::{BackgroundSender, SenderStatus};
use crate::mail::settings::{self, ImapSettings, MailSettings, RefusedValue};
use crate::store::{StoreError, TemplateSaved};
use crate::ui::file_dialogs::{Answer, DialogKind, FileQuestion};
use crate::ui::notice::{ActionError, Notice};
use crate::ui::tasks::{Task, TaskError};
use crate::ui::text;
use crate::ui::views::mail::{MailCommand, MailModel, MailView};

/// How the mail window's work on a thread ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailTaskOutcome {
    /// The mailbox answered: its folder and how many messages it holds; or why not.
    Tried(String, Result<u32, String>),
    /// The certificate file's dialog answered.
    CaFileChosen(Answer),
}

/// The mailbox tried with `password`, else the one in the keyring.
fn try_imap(settings: &ImapSettings, password: Option<String>) -> Result<u32, String> {
    let password = match password {
        Some(password) => password,
        None => secret::imap_password(&settings.host, &settings.user)
            .map_err(|e| FetchRunError::from(e).to_string())?
            .ok_or_else(|| FetchRunError::NoPassword.to_string())?,
    };
    imap::try_mailbox(settings, &password).map_err(|e| e.to_string())
}

impl MadoguchiApp {
    /// Starts sending in the background while the window is open; `repaint` wakes the
    /// window when there is progress to show.
    pub fn start_mail_sender(&mut self, repaint: impl Fn() + Send + 'static) {
        self.mail_sender = Some(BackgroundSender::start(self.store.path().to_owned(), repaint));
    }

    /// Stops the background sender and waits for it to let go of the data.
    pub fn stop_mail_sender(&mut self) {
        if let Some(sender) = self.mail_sender.take() {
            sender.stop();
        }
    }

    /// Tells the background sender there may be something to send now.
    pub(super) fn poke_mail_sender(&self) {
        if let Some(sender) = &self.mail_sender {
            sender.poke();
        }
    }

    /// One line on what the background sender is doing.
    pub(super) fn mail_status_line(&self) -> String {
        let Some(sender) = &self.mail_sender else {
            return text::MAIL_SENDER_OFF.to_owned();
        };
        match sender.status() {
            SenderStatus::Idle => text::MAIL_SENDER_IDLE.to_owned(),
            SenderStatus::Sending { done, of } => format!("{} {done}/{of}", text::MAIL_SENDER_SENDING),
            SenderStatus::Done { at, summary } => {
                format!("{} {}: {}", text::MAIL_BUTTON, at.format("%H:%M"), summary.describe())
            }
            SenderStatus::Failed { at, message } => {
                format!("{} {}: {message}", text::MAIL_SENDER_FAILED, at.format("%H:%M"))
            }
        }
    }

    pub(super) fn open_mail(&mut self) -> Result<(), StoreError> {
        let mut view = MailView::default();
        let settings = MailSettings::load(&self.store)?;
        view.load_settings(&settings);
        view.model = MailModel { date: Some(self.today), ..MailModel::default() };
        self.windows.open(view);
        self.refresh_mail()
    }

    /// Reads the mail window's model again.
    /// Also counts the messages that failed for good, for the status bar.
    pub(super) fn refresh_mail(&mut self) -> Result<(), StoreError> {
        self.failed_messages = self.store.failed_message_count()?;
        let status = self.mail_status.clone();
        let Some(model) = self.windows.get_mut::<MailView>().map(|view| &mut view.model) else {
            return Ok(());
        };
        let date = model.date.unwrap_or(self.today);
        model.send_lists = self.store.access_send_lists(date)?;
        model.outbox = self.store.outbox_lines(Some(date))?;
        model.failed = self.store.failed_messages()?;
        model.settings = Some(MailSettings::load(&self.store)?);
        model.services = self
            .schedule
            .services
            .iter()
            .filter(|s| !matches!(s.kind, ServiceKind::EmailConsultation))
            .map(|s| (s.id, s.name.clone()))
            .collect();
        model.sender_status = status;
        model.read_at = Some(chrono::Local::now().naive_local());
        Ok(())
    }

    fn mail_view(&mut self) -> Option<&mut MailView> {
        self.windows.get_mut::<MailView>()
    }

    /// How a mail action went is told in the mail window; when the data failed, the error
    /// goes up to the desk's error line.
    fn mail_outcome(&mut self, done: Result<String, ActionError>) -> Result<(), StoreError> {
        let notice = match done {
            Ok(message) => Notice::done(message),
            Err(ActionError::Shown(notice)) => notice,
            Err(ActionError::Store(err)) => return Err(err),
        };
        if let Some(view) = self.mail_view() {
            view.show_notice(notice);
        }
        self.refresh_mail()
    }

    pub(super) fn apply_mail(&mut self, command: MailCommand) -> Result<(), StoreError> {
        match command {
            MailCommand::ShowDate(date) => {
                if let Some(view) = self.mail_view() {
                    view.model.date = Some(date);
                }
                self.refresh_mail()
            }
            MailCommand::SendNow => {
                self.poke_mail_sender();
                self.refresh_mail()
            }
            MailCommand::SetAccess { service_id, date, meeting_id, passcode } => {
                let done = self
                    .store
                    .set_meeting_access(service_id, date, &meeting_id, &passcode)
                    .map(|()| text::MAIL_ACCESS_SAVED.to_owned())
                    .map_err(ActionError::from);
                self.poke_mail_sender();
                self.mail_outcome(done)
            }
            MailCommand::MarkCalled(id) => {
                let done =
                    self.store.mark_called(id).map(|()| text::MAIL_MARK_CALLED.to_owned()).map_err(ActionError::from);
                self.mail_outcome(done)
            }
            MailCommand::Retry(id) => {
                let done =
                    self.store.retry_message(id).map(|()| text::MAIL_RETRY.to_owned()).map_err(ActionError::from);
                self.poke_mail_sender();
                self.mail_outcome(done)
            }
            MailCommand::SaveSettings(fields) => {
                // A refused value stays in the form, said beside its field, to be corrected.
                match self.save_mail_settings(&fields)? {
                    Err(refused) => {
                        if let Some(view) = self.mail_view() {
                            view.sending_refused = Some(refused);
                            view.notice = None;
                        }
                        Ok(())
                    }
                    Ok(()) => {
                        let settings = MailSettings::load(&self.store)?;
                        if let Some(view) = self.mail_view() {
                            view.load_sending_settings(&settings);
                        }
                        self.mail_outcome(Ok(text::MAIL_SETTINGS_SAVED.to_owned()))
                    }
                }
            }
            MailCommand::SaveIntakeSettings { fields, password } => {
                if let Err(refused) = self.save_mail_settings(&fields)? {
                    if let Some(view) = self.mail_view() {
                        view.intake.refused = Some(refused);
                        view.notice = None;
                    }
                    return Ok(());
                }
                let settings = MailSettings::load(&self.store)?;
                // The password is filed under the server and user name just saved.
                let done = match (password, &settings.imap) {
                    (None, _) => Ok(text::INTAKE_SETTINGS_SAVED.to_owned()),
                    (Some(password), Some(imap)) => secret::set_imap_password(&imap.host, &imap.user, &password)
                        .map(|()| text::INTAKE_PASSWORD_SAVED.to_owned())
                        .map_err(ActionError::from),
                    (Some(_), None) => Err(ActionError::Shown(Notice::refused(text::IMAP_TRY_NOT_SET))),
                };
                let password_kept = done.is_err();
                if let Some(view) = self.mail_view() {
                    let typed = std::mem::take(&mut view.intake.password);
                    view.intake.load(&settings);
                    if password_kept {
                        view.intake.password = typed;
                    }
                }
                self.mail_outcome(done)
            }
            MailCommand::TryImap { fields, password } => {
                let current = MailSettings::load(&self.store)?;
                let imap = match settings::imap_from_fields(&fields, &current) {
                    Ok(Some(imap)) => imap,
                    Ok(None) => {
                        return self.mail_outcome(Err(ActionError::Shown(Notice::refused(text::IMAP_TRY_NOT_SET))));
                    }
                    Err(refused) => {
                        if let Some(view) = self.mail_view() {
                            view.intake.refused = Some(refused);
                            view.notice = None;
                        }
                        return Ok(());
                    }
                };
                if self.mail_task.is_some() {
                    return Ok(());
                }
                self.mail_task = Some(Task::spawn(text::IMAP_TRYING, move |_| {
                    let mailbox = imap.mailbox.clone();
                    MailTaskOutcome::Tried(mailbox, try_imap(&imap, password))
                }));
                if let Some(view) = self.mail_view() {
                    view.intake.refused = None;
                    view.intake.trying = true;
                    view.notice = None;
                }
                Ok(())
            }
            MailCommand::ChooseCaFile => {
                if self.mail_task.is_some() {
                    return Ok(());
                }
                let dialogs = self.file_dialogs;
                let current = self.mail_view().map(|v| v.intake.value("imap.ca_file").to_owned()).unwrap_or_default();
                let mut question = FileQuestion::new(DialogKind::PickFile, text::IMAP_CA_FILE_DIALOG_TITLE)
                    .filter(text::IMAP_CA_FILE_FILTER, &["pem", "crt", "cer"]);
                if let Some(folder) = PathBuf::from(current).parent().filter(|p| p.is_dir()) {
                    question = question.directory(folder);
                }
                self.mail_task = Some(Task::spawn(text::CHOOSING_FILE, move |_| {
                    MailTaskOutcome::CaFileChosen(dialogs.ask(&question))
                }));
                Ok(())
            }
            MailCommand::SavePassword(password) => {
                let settings = MailSettings::load(&self.store)?;
                let done = match (settings.host.as_deref(), settings.user.as_deref()) {
                    (Some(host), Some(user)) => secret::set_smtp_password(host, user, &password)
                        .map(|()| text::MAIL_PASSWORD_SAVED.to_owned())
                        .map_err(ActionError::from),
                    _ => Err(ActionError::from(secret::SecretError::NoUser)),
                };
                self.mail_outcome(done)
            }
            MailCommand::LoadTemplate(service_id, kind) => {
                let (template, custom) = self.store.mail_template(service_id, kind)?;
                let draft = self.store.mail_template_draft(service_id, kind)?;
                if let Some(view) = self.mail_view() {
                    view.edit_template(service_id, kind, template, custom, draft);
                }
                Ok(())
            }
            MailCommand::SaveTemplate(service_id, kind, template) => {
                let done = self
                    .store
                    .set_mail_template(service_id, kind, template.as_ref())
                    .map(|saved| match saved {
                        TemplateSaved::InUse => text::MAIL_TEMPLATE_SAVED.to_owned(),
                        TemplateSaved::Draft => text::MAIL_TEMPLATE_DRAFT_SAVED.to_owned(),
                    })
                    .map_err(ActionError::from);
                let saved = done.is_ok();
                self.mail_outcome(done)?;
                if saved {
                    self.apply_mail(MailCommand::LoadTemplate(service_id, kind))?;
                }
                Ok(())
            }
            MailCommand::ApproveTemplate(service_id, kind) => {
                let done = self.store.approve_mail_template(service_id, kind).map(|()| text::MAIL_TEMPLATE_APPROVED);
                self.template_decided(service_id, kind, done)
            }
            MailCommand::RejectTemplate(service_id, kind) => {
                let done =
                    self.store.discard_mail_template_draft(service_id, kind).map(|()| text::MAIL_TEMPLATE_REJECTED);
                self.template_decided(service_id, kind, done)
            }
            MailCommand::SendTest(address) => {
                let now = chrono::Local::now().naive_local();
                let done = self
                    .store
                    .enqueue_test_message(&address, now)
                    .map(|_| text::MAIL_TEST_QUEUED.to_owned())
                    .map_err(ActionError::from);
                self.poke_mail_sender();
                self.mail_outcome(done)
            }
        }
    }

    /// A draft approved or turned down: the window says so and shows the text now sent.
    fn template_decided(
        &mut self,
        service_id: i64,
        kind: crate::mail::MessageKind,
        done: Result<&'static str, StoreError>,
    ) -> Result<(), StoreError> {
        let decided = done.is_ok();
        self.mail_outcome(done.map(str::to_owned).map_err(ActionError::from))?;
        if decided {
            self.apply_mail(MailCommand::LoadTemplate(service_id, kind))?;
        }
        Ok(())
    }

    /// Checks every changed value against the settings as they will be, then saves them
    /// (all or none); a value refused comes back with its key.
    fn save_mail_settings(&mut self, fields: &[(String, String)]) -> Result<Result<(), RefusedValue>, StoreError> {
        let current = MailSettings::load(&self.store)?;
        let checked = match settings::check_changes(fields, &current) {
            Ok(checked) => checked,
            Err(refused) => return Ok(Err(refused)),
        };
        for (key, value) in &checked {
            self.store.set_setting(key, value)?;
        }
        Ok(Ok(()))
    }

    /// The mail window's work on a thread has ended: the mailbox tried, or a file chosen.
    pub(super) fn mail_task_finished(&mut self, outcome: Result<MailTaskOutcome, TaskError>) -> Result<(), StoreError> {
        let Some(view) = self.mail_view() else {
            return Ok(());
        };
        view.intake.trying = false;
        let notice = match outcome {
            Ok(MailTaskOutcome::Tried(mailbox, Ok(messages))) => Notice::done(text::imap_tried(&mailbox, messages)),
            Ok(MailTaskOutcome::Tried(_, Err(reason))) => Notice::failed(reason).prefixed(text::IMAP_TRY_FAILED),
            Ok(MailTaskOutcome::CaFileChosen(Answer::Chosen(path))) => {
                view.intake.set_value("imap.ca_file", path.display().to_string());
                return Ok(());
            }
            Ok(MailTaskOutcome::CaFileChosen(Answer::NothingChosen)) => return Ok(()),
            Ok(MailTaskOutcome::CaFileChosen(Answer::Unavailable)) => Notice::info(text::IMAP_CA_FILE_TYPE_PATH),
            Err(stopped) => Notice::failed(stopped),
        };
        // A successful try is no save: the password typed stays in the form.
        view.notice = Some(notice);
        Ok(())
    }
}
