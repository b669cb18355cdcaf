//! The manager's actions on members' requests about their data: calling a member up,
//! the disclosure (the file made and saved off the UI thread, then recorded), a
//! correction recorded before the member's editor opens, the erasure, and the retention
//! review. All of them are the manager's: [`MadoguchiApp::apply_privacy`] is where the
//! role gate goes.

use super::MadoguchiApp;
use crate::domain::member::MemberId;
use crate::domain::privacy::{DataRequest, names_the_member};
use crate::privacy::{DisclosureFormat, PrivacyError};
use crate::store::StoreError;
use crate::ui::file_dialogs::{Answer, DialogKind, FileQuestion};
use crate::ui::notice::Notice;
use crate::ui::tasks::{Task, TaskError};
use crate::ui::text;
use crate::ui::views::privacy::{DisclosureOutcome, PrivacyCommand, PrivacyModel, PrivacySubject, PrivacyWindow};

impl MadoguchiApp {
    /// Opens 「個人情報の請求」 (manager only).
    pub(super) fn open_privacy(&mut self) -> Result<(), StoreError> {
        let model = self.privacy_model(None)?;
        self.windows.open(PrivacyWindow::new(model, self.today));
        Ok(())
    }

    fn privacy_model(&self, subject: Option<MemberId>) -> Result<PrivacyModel, StoreError> {
        Ok(PrivacyModel {
            subject: subject.map(|id| self.privacy_subject(id)).transpose()?,
            retention_years: self.store.retention_years()?,
            retention: self.store.retention_review(self.today)?,
        })
    }

    fn privacy_subject(&self, id: MemberId) -> Result<PrivacySubject, StoreError> {
        let member = self.store.member(id)?;
        let disclosure = self.store.member_disclosure(id)?;
        Ok(PrivacySubject {
            member_id: id,
            number: member.number.clone(),
            name: member.name.clone(),
            kana: member.kana.clone(),
            phone: member.phones.first().map(|p| p.display()).unwrap_or_default(),
            consent_on: member.consent_on,
            bookings: disclosure.bookings.len(),
            future: self.store.future_bookings(id, self.today)?,
            requests: disclosure.requests,
        })
    }

    /// Reads the window's model again (after a change) and says how it went.
    fn privacy_refresh(&mut self, subject: Option<MemberId>, notice: Notice) -> Result<(), StoreError> {
        let model = self.privacy_model(subject)?;
        if let Some(window) = self.windows.get_mut::<PrivacyWindow>() {
            window.model.retention = model.retention;
            window.model.retention_years = model.retention_years;
            window.set_subject(model.subject);
            window.notice = Some(notice);
        }
        Ok(())
    }

    fn privacy_notice(&mut self, notice: Notice) {
        if let Some(window) = self.windows.get_mut::<PrivacyWindow>() {
            window.notice = Some(notice);
        }
    }

    /// A request the store would refuse is said next to its field before anything is
    /// written or any dialog opens.
    fn privacy_request_checked(&mut self, member_id: MemberId, request: &DataRequest) -> Result<bool, StoreError> {
        let member = self.store.member(member_id)?;
        let problem = request.clone().checked().err().or_else(|| names_the_member(request, &member));
        let Some((field, message)) = problem else {
            return Ok(true);
        };
        if let Some(window) = self.windows.get_mut::<PrivacyWindow>() {
            window.errors.insert(field, message);
        }
        Ok(false)
    }

    /// Every action of the window; the role gate (`Command::needs`) has let only a manager's
    /// commands through.
    pub(super) fn apply_privacy(&mut self, command: PrivacyCommand) -> Result<(), StoreError> {
        match command {
            PrivacyCommand::Find(number) => match self.store.member_by_number(&number)? {
                Some(member) => {
                    let subject = self.privacy_subject(member.id)?;
                    if let Some(window) = self.windows.get_mut::<PrivacyWindow>() {
                        window.set_subject(Some(subject));
                        window.notice = None;
                    }
                }
                None => {
                    if let Some(window) = self.windows.get_mut::<PrivacyWindow>() {
                        window.set_subject(None);
                        window.notice = Some(Notice::refused(text::PRIVACY_NOT_FOUND));
                    }
                }
            },
            PrivacyCommand::DiscloseMemberData(id, format, request) => {
                self.start_disclosure(id, format, request, None)?
            }
            PrivacyCommand::DiscloseMemberDataTo(id, format, request, path) => {
                self.start_disclosure(id, format, request, Some(path))?
            }
            PrivacyCommand::ClosePathField => {
                if let Some(window) = self.windows.get_mut::<PrivacyWindow>() {
                    window.path_field = None;
                }
            }
            PrivacyCommand::RecordCorrection(id, request) => {
                if !self.privacy_request_checked(id, &request)? {
                    return Ok(());
                }
                match self.store.record_data_request(id, &request) {
                    Ok(_) => {
                        self.privacy_refresh(Some(id), Notice::done(text::CORRECTION_RECORDED))?;
                        self.open_member(id)?;
                    }
                    Err(refused) if refused.is_refusal() => self.privacy_notice(Notice::refused(refused)),
                    Err(other) => return Err(other),
                }
            }
            PrivacyCommand::CancelFutureBookings(id) => {
                match self.store.cancel_future_bookings(id, self.today, text::ERASE_CANCEL_REASON) {
                    Ok(cancelled) => {
                        let notice = Notice::done(format!(
                            "{}: {}{}",
                            text::CANCELLED_FUTURE,
                            cancelled.len(),
                            text::ITEMS_SUFFIX
                        ));
                        self.privacy_refresh(Some(id), notice)?;
                        self.reload_after_change()?;
                    }
                    Err(refused) if refused.is_refusal() => self.privacy_notice(Notice::refused(refused)),
                    Err(other) => return Err(other),
                }
            }
            PrivacyCommand::EraseMemberData(id, request) => {
                if !self.privacy_request_checked(id, &request)? {
                    return Ok(());
                }
                match crate::privacy::erase_member(&mut self.store, id, &request, self.today) {
                    Ok(done) => {
                        let number = self.windows.get::<PrivacyWindow>().map(|w| w.number.clone()).unwrap_or_default();
                        let mut message = text::erased(&number, done.erasure.bookings, done.files_removed);
                        for (path, why) in &done.files_left {
                            message.push_str(&format!("\n{}: {}（{why}）", text::CANNOT_SAVE_TO, path.display()));
                        }
                        self.members = self.store.member_index()?;
                        self.reload_after_change()?;
                        self.privacy_refresh(None, Notice::done(message))?;
                    }
                    Err(PrivacyError::Store(StoreError::BadRequest(field, message))) => {
                        if let Some(window) = self.windows.get_mut::<PrivacyWindow>() {
                            window.errors.insert(field, message);
                        }
                    }
                    Err(PrivacyError::Store(other)) if !other.is_refusal() => return Err(other),
                    Err(refused) => self.privacy_notice(Notice::refused(refused)),
                }
            }
            PrivacyCommand::SetRetentionYears(years) => match crate::domain::privacy::parse_retention_years(&years) {
                Some(years) => {
                    self.store.set_setting(crate::store::RETENTION_YEARS, &years.to_string())?;
                    let subject =
                        self.windows.get::<PrivacyWindow>().and_then(|w| w.model.subject.as_ref()).map(|s| s.member_id);
                    self.privacy_refresh(subject, Notice::done(text::CHANGE_SAVED))?;
                }
                None => self.privacy_notice(Notice::refused(text::RETENTION_YEARS_WRONG)),
            },
        }
        Ok(())
    }

    /// Makes the disclosure's file and saves it, off the UI thread: where a dialog asks,
    /// or to `path`.
    fn start_disclosure(
        &mut self,
        member_id: MemberId,
        format: DisclosureFormat,
        request: DataRequest,
        path: Option<std::path::PathBuf>,
    ) -> Result<(), StoreError> {
        if self.disclosure_task.is_some() || !self.privacy_request_checked(member_id, &request)? {
            return Ok(());
        }
        let disclosure = self.store.member_disclosure(member_id)?;
        let dialogs = self.file_dialogs;
        let now = chrono::Local::now().naive_local();
        let name = crate::print::disclosure_file_name(&disclosure, self.today, format.extension());
        if let Some(window) = self.windows.get_mut::<PrivacyWindow>() {
            window.path_field = None;
            window.notice = None;
        }
        self.disclosure_task = Some(Task::spawn(text::DISCLOSE_WORKING, move |_| {
            let path = match path {
                Some(dir) if dir.is_dir() => dir.join(name),
                Some(file) => file,
                None => {
                    let (filter, extensions): (&str, &[&str]) = match format {
                        DisclosureFormat::Pdf => ("PDF", &["pdf"]),
                        DisclosureFormat::Csv => ("CSV", &["csv"]),
                    };
                    let question = FileQuestion::new(DialogKind::SaveFile, text::DISCLOSE_DIALOG)
                        .file_name(name)
                        .filter(filter, extensions);
                    match dialogs.ask(&question) {
                        Answer::Chosen(path) => path,
                        Answer::NothingChosen => return DisclosureOutcome::Cancelled,
                        Answer::Unavailable => {
                            return DisclosureOutcome::NoDialog {
                                member_id,
                                format,
                                request,
                                suggested: question.suggested_path(),
                            };
                        }
                    }
                }
            };
            let result = crate::privacy::disclosure_bytes(&disclosure, format, now)
                .and_then(|bytes| crate::print::write_file(&path, &bytes));
            DisclosureOutcome::Written { member_id, format, request, path, bookings: disclosure.bookings.len(), result }
        }));
        Ok(())
    }

    /// The disclosure's file was saved (then the request is recorded), or not.
    pub(super) fn disclosure_finished(
        &mut self,
        outcome: Result<DisclosureOutcome, TaskError>,
    ) -> Result<(), StoreError> {
        match outcome {
            Ok(DisclosureOutcome::Written { member_id, format, request, path, bookings, result: Ok(()) }) => {
                match crate::privacy::record_disclosure(&mut self.store, member_id, &request, format) {
                    Ok(_) => self.privacy_refresh(Some(member_id), Notice::done(text::disclosed(&path, bookings)))?,
                    Err(refused) if refused.is_refusal() => self.privacy_notice(Notice::refused(refused)),
                    Err(other) => return Err(other),
                }
            }
            Ok(DisclosureOutcome::Written { path, result: Err(err), .. }) => {
                self.privacy_notice(Notice::failed(format!("{} {}: {err}", path.display(), text::CANNOT_SAVE_TO)))
            }
            Ok(DisclosureOutcome::Cancelled) => self.privacy_notice(Notice::info(text::NOTHING_CHOSEN)),
            Ok(DisclosureOutcome::NoDialog { member_id, format, request, suggested }) => {
                if let Some(window) = self.windows.get_mut::<PrivacyWindow>() {
                    window.path_field = Some((member_id, format, request, suggested.display().to_string()));
                }
            }
            Err(err) => self.privacy_notice(Notice::failed(err)),
        }
        Ok(())
    }
}
