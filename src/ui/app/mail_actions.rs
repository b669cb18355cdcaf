//! The mail window's commands, applied by the app: the one place they reach the store,
//! the keyring and the background sender.

use super::MadoguchiApp;
use crate::domain::schedule::ServiceKind;
use crate::mail::secret;
use crate::mail::send::{BackgroundSender, SenderStatus};
use crate::mail::settings::{self, MailSettings};
use crate::store::{StoreError, TemplateSaved};
use crate::ui::notice::{ActionError, Notice};
use crate::ui::text;
use crate::ui::views::mail::{MailCommand, MailModel, MailView};

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
                let done = self.save_mail_settings(&fields);
                // A refused value stays in the form, to be corrected.
                if done.is_ok() {
                    let settings = MailSettings::load(&self.store)?;
                    if let Some(view) = self.mail_view() {
                        view.load_settings(&settings);
                    }
                }
                self.mail_outcome(done)
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
    /// (all or none).
    fn save_mail_settings(&mut self, fields: &[(String, String)]) -> Result<String, ActionError> {
        let current = MailSettings::load(&self.store)?;
        let changed: Vec<&(String, String)> =
            fields.iter().filter(|(key, value)| current.value_of(key).ok().as_deref() != Some(value.trim())).collect();
        // A host and its protection are judged together, as they will be after saving.
        let mut future = current.clone();
        for (key, value) in &changed {
            match key.as_str() {
                "smtp.security" => {
                    future.security = settings::Security::from_code(value.trim()).unwrap_or(future.security)
                }
                "smtp.host" => future.host = Some(value.trim().to_owned()).filter(|h| !h.is_empty()),
                _ => {}
            }
        }
        let mut checked = Vec::new();
        for (key, value) in changed {
            let value = settings::check_value(key, value, &future)?;
            checked.push((key.clone(), value));
        }
        for (key, value) in &checked {
            self.store.set_setting(key, value)?;
        }
        Ok(text::MAIL_SETTINGS_SAVED.to_owned())
    }
}
