//! The intake window's actions: open it, choose a request, accept it (booked under the
//! desk's rules, the reply to the sender in the outbox), set it aside, import dropped files.

use std::time::{Duration, Instant};

use super::MadoguchiApp;
use crate::domain::intake::IntakeState;
use crate::mail::imap::FetchSummary;
use crate::mail::incoming;
use crate::store::Store;
use crate::store::StoreError;
use crate::ui::notice::Notice;
use crate::ui::tasks::{Task, TaskError};
use crate::ui::text;
use crate::ui::views::intake::{IntakeCommand, IntakeModel, IntakeView, ReplyEditor};

/// How often the mailbox is read while the intake window is open.
pub const INTAKE_FETCH_EVERY: Duration = Duration::from_secs(5 * 60);

impl MadoguchiApp {
    /// Whether the mailbox is due to be read: the window is open, a server is set, nothing
    /// is being read, and the last read was a while ago.
    pub(super) fn intake_fetch_due(&mut self, now: Instant) -> bool {
        let due = self.windows.is_open::<IntakeView>()
            && self.intake_fetch.is_none()
            && self.intake_fetched_at.is_none_or(|at| now.duration_since(at) >= INTAKE_FETCH_EVERY);
        if !due {
            return false;
        }
        // The settings are looked at once per interval, not every frame.
        self.intake_fetched_at = Some(now);
        crate::mail::MailSettings::load(&self.store).is_ok_and(|s| s.imap.is_some())
    }

    /// Reads the mailbox on a thread with a connection of its own, as the person at the desk.
    fn start_intake_fetch(&mut self) {
        if self.intake_fetch.is_some() {
            return;
        }
        self.intake_fetched_at = Some(Instant::now());
        let path = self.store.path().to_owned();
        let actor = (self.store.actor().0.to_owned(), self.store.actor().1);
        self.intake_fetch = Some(Task::spawn(text::INTAKE_FETCHING, move |_| {
            let mut store = Store::open(&path).map_err(|e| e.to_string())?;
            store.act_as((&actor.0, actor.1));
            crate::mail::imap::fetch_configured(&mut store).map_err(|e| e.to_string())
        }));
        if let Some(view) = self.windows.get_mut::<IntakeView>() {
            view.fetching = true;
        }
    }

    pub(super) fn intake_fetch_finished(
        &mut self,
        outcome: Result<Result<FetchSummary, String>, TaskError>,
    ) -> Result<(), StoreError> {
        let notice = match outcome {
            Ok(Ok(summary)) => Notice::info(text::intake_fetched(summary.read, summary.new_requests)),
            Ok(Err(reason)) => Notice::failed(reason).prefixed(text::INTAKE_FETCH_FAILED),
            Err(stopped) => Notice::failed(stopped).prefixed(text::INTAKE_FETCH_FAILED),
        };
        self.refresh_intake()?;
        if let Some(view) = self.windows.get_mut::<IntakeView>() {
            view.fetching = false;
            view.notice = Some(notice);
        }
        Ok(())
    }

    pub(super) fn open_intake(&mut self) -> Result<(), StoreError> {
        self.store.remove_handled_intake_mail()?;
        let model = self.intake_model(None)?;
        self.windows.open(IntakeView::new(model));
        Ok(())
    }

    /// The pending requests, and the chosen one (or the first) with its mail and what is free.
    fn intake_model(&self, chosen: Option<i64>) -> Result<IntakeModel, StoreError> {
        let pending = self.store.intake_requests(Some(IntakeState::Pending))?;
        let chosen = chosen.or_else(|| pending.first().map(|r| r.id));
        let selected = chosen.map(|id| self.store.intake_request(id)).transpose()?;
        let free = match &selected {
            Some(request) => match (request.reading.date, request.reading.hours) {
                (Some(date), Some(hours)) => self.store.intake_free_starts(request, date, hours.minutes())?,
                _ => Vec::new(),
            },
            None => Vec::new(),
        };
        Ok(IntakeModel { pending, selected, free })
    }

    /// Reads the count for the toolbar and, when the window is open, its model again.
    pub(super) fn refresh_intake(&mut self) -> Result<(), StoreError> {
        self.intake_pending = self.store.pending_intake_count()?;
        let Some(chosen) = self.windows.get::<IntakeView>().map(|v| v.model.selected.as_ref().map(|r| r.id)) else {
            return Ok(());
        };
        // A request handled elsewhere (another window, a command) leaves the list, with a
        // word of why; a reply being written to it is dropped. The next one is shown.
        let chosen = chosen.map(|id| self.store.intake_request(id)).transpose()?;
        let handled = chosen.as_ref().filter(|r| r.state != IntakeState::Pending);
        let model = self.intake_model(chosen.as_ref().filter(|r| r.state == IntakeState::Pending).map(|r| r.id))?;
        let notice = handled.map(|r| Notice::info(text::intake_handled_elsewhere(r.id, r.state.label())));
        if let Some(view) = self.windows.get_mut::<IntakeView>() {
            view.model = model;
            if let Some(notice) = notice {
                view.notice = Some(notice);
                view.reset_inputs();
            }
        }
        Ok(())
    }

    pub(super) fn apply_intake(&mut self, command: IntakeCommand) -> Result<(), StoreError> {
        let notice = match command {
            IntakeCommand::Select(id) => {
                let model = self.intake_model(Some(id))?;
                if let Some(view) = self.windows.get_mut::<IntakeView>() {
                    view.model = model;
                    view.notice = None;
                    view.reset_inputs();
                }
                return Ok(());
            }
            IntakeCommand::Accept { id, checked, when_full } => {
                match self.store.accept_intake(id, when_full, checked) {
                    Ok(accepted) if accepted.email_consultation_id.is_some() => {
                        Notice::done(text::INTAKE_ACCEPTED_DOCTOR)
                    }
                    Ok(_) => Notice::done(text::INTAKE_ACCEPTED),
                    // A rule or a check said no: said in the window, beside the request.
                    Err(refused) if refused.is_refusal() => Notice::refused(refused),
                    Err(failed) => return Err(failed),
                }
            }
            IntakeCommand::DraftReply(id) => match self.store.intake_reply_draft(id) {
                Ok(draft) => {
                    if let Some(view) = self.windows.get_mut::<IntakeView>() {
                        view.reply = Some(ReplyEditor {
                            id,
                            recipient: draft.recipient,
                            subject: draft.subject,
                            body: draft.body,
                            problem: None,
                        });
                        view.notice = None;
                    }
                    return Ok(());
                }
                Err(refused) if refused.is_refusal() => Notice::refused(refused),
                Err(failed) => return Err(failed),
            },
            IntakeCommand::Answer { id, subject, body } => match self.store.answer_intake(id, &subject, &body) {
                Ok(_) => Notice::done(text::INTAKE_ANSWERED),
                // Refused (an empty subject, text that is not text): said under the reply,
                // which stays as typed.
                Err(refused) if refused.is_refusal() => {
                    if let Some(editor) = self.windows.get_mut::<IntakeView>().and_then(|v| v.reply.as_mut()) {
                        editor.problem = Some(refused.to_string());
                    }
                    return Ok(());
                }
                Err(failed) => return Err(failed),
            },
            IntakeCommand::Dismiss { id, reason } => match self.store.dismiss_intake(id, &reason) {
                Ok(_) => Notice::done(text::INTAKE_DISMISSED),
                Err(refused) if refused.is_refusal() => Notice::refused(refused),
                Err(failed) => return Err(failed),
            },
            IntakeCommand::Fetch => {
                self.start_intake_fetch();
                return Ok(());
            }
            IntakeCommand::Import(paths) => {
                let mut new = 0;
                let mut problems = Vec::new();
                for path in paths {
                    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    let read = std::fs::read(&path).map_err(|e| crate::store::io_reason(&e)).and_then(|raw| {
                        incoming::decode(&raw, chrono::Local::now().naive_local())
                            .map(|mail| (raw, mail))
                            .map_err(|e| e.to_string())
                    });
                    match read {
                        Ok((raw, mail)) => {
                            if self.store.import_intake(&raw, &mail)?.is_some() {
                                new += 1;
                            }
                        }
                        Err(reason) => problems.push(format!("{name}（{reason}）")),
                    }
                }
                Notice::info(text::intake_imported(new, &problems))
            }
        };
        let handled = notice.is_done();
        self.refresh_intake()?;
        if let Some(view) = self.windows.get_mut::<IntakeView>() {
            view.notice = Some(notice);
            if handled {
                view.reset_inputs();
            }
        }
        // A booking shows in the week at once.
        self.reload_after_change()
    }
}
