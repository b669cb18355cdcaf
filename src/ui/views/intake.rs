//! 「メールの予約依頼」: the requests read from members' mails, each beside its mail — the
//! proposal, why it needs a look, what is free now — accepted with one key (Enter) or set
//! aside with a reason. Nothing is booked until the desk accepts. `.eml` files dropped on
//! the window are imported.

use egui::{Key, RichText, ScrollArea, Ui};

use crate::domain::intake::RequestKind;
use crate::domain::time::TimeOfDay;
use crate::store::{IntakeRequest, WhenFull};
use crate::ui::command::Command;
use crate::ui::notice::Notice;
use crate::ui::widgets::text_field;
use crate::ui::windows::{DeskContext, DeskWindow, Placement, WindowId};
use crate::ui::{text, theme};

/// What the intake window asks the app for.
#[derive(Debug)]
pub enum IntakeCommand {
    /// Show this request with its mail and what is free.
    Select(i64),
    /// Book it (or record the ドクターメール); `checked`: a person has looked at its flags.
    Accept {
        id: i64,
        checked: bool,
        when_full: WhenFull,
    },
    Dismiss {
        id: i64,
        reason: String,
    },
    /// Write the draft offering what is free, for the desk to edit.
    DraftReply(i64),
    /// Send the edited answer to the sender; the request is then answered.
    Answer {
        id: i64,
        subject: String,
        body: String,
    },
    /// `.eml` files dropped on the window.
    Import(Vec<std::path::PathBuf>),
    /// Read the mailbox now (it is also read every few minutes while the window is open).
    Fetch,
}

/// What the window shows, read by the app.
#[derive(Default)]
pub struct IntakeModel {
    /// The requests not yet handled, oldest first.
    pub pending: Vec<IntakeRequest>,
    /// The chosen request, with its mail's text.
    pub selected: Option<IntakeRequest>,
    /// Starts (or join times) still free on its date for the same length.
    pub free: Vec<TimeOfDay>,
}

/// The answer offering what is free, as the desk edits it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReplyEditor {
    /// The request it answers.
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    /// Why sending was refused, said under the reply (what was typed stays).
    pub problem: Option<String>,
}

#[derive(Default)]
pub struct IntakeView {
    pub model: IntakeModel,
    dismiss_reason: String,
    checked: bool,
    /// The answer being written, while the desk edits it (kept when sending is refused).
    pub reply: Option<ReplyEditor>,
    /// How the last action went.
    pub notice: Option<Notice>,
    /// The mailbox is being read.
    pub fetching: bool,
}

impl DeskWindow for IntakeView {
    fn title(&self) -> &str {
        text::INTAKE_TITLE
    }

    fn placement(&self) -> Placement {
        Placement::at(140.0, 90.0).default_size(theme::INTAKE_WINDOW_SIZE[0], theme::INTAKE_WINDOW_SIZE[1])
    }

    fn show(&mut self, ui: &mut Ui, _desk: &DeskContext, commands: &mut Vec<Command>) {
        let dropped: Vec<std::path::PathBuf> = ui
            .ctx()
            .input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| is_eml(p)).collect());
        if !dropped.is_empty() {
            commands.push(Command::Intake(IntakeCommand::Import(dropped)));
        }
        ui.horizontal(|ui| {
            if self.fetching {
                ui.spinner();
                ui.label(text::INTAKE_FETCHING);
            } else if ui.button(text::INTAKE_FETCH).clicked() {
                commands.push(Command::Intake(IntakeCommand::Fetch));
            }
            ui.label(RichText::new(text::INTAKE_HELP).size(theme::SMALL_TEXT_SIZE).color(theme::MUTED_TEXT));
        });
        if let Some(notice) = &self.notice {
            notice.show(ui);
        }
        ui.separator();
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width(theme::INTAKE_LIST_WIDTH);
                self.list(ui, commands);
            });
            ui.separator();
            // The request, its reply and its mail scroll inside the window: a long mail or
            // the reply being written never grows the window past the screen.
            ScrollArea::vertical()
                .id_salt("intake_detail")
                .max_height(ui.available_height())
                .auto_shrink([false, true])
                .show(ui, |ui| ui.vertical(|ui| self.detail(ui, commands)));
        });
    }
}

/// The answer's fields and buttons. True when the desk gave up writing it.
fn reply_editor(ui: &mut Ui, editor: &mut ReplyEditor, commands: &mut Vec<Command>) -> bool {
    ui.label(RichText::new(text::INTAKE_REPLY_HEADING).strong());
    ui.label(format!("{} {}", text::INTAKE_REPLY_TO, editor.recipient));
    ui.horizontal(|ui| {
        let label = ui.label(text::INTAKE_SUBJECT);
        text_field::singleline(ui, &mut editor.subject, |e| e.desired_width(theme::INTAKE_REPLY_WIDTH - 40.0))
            .labelled_by(label.id);
    });
    let label = ui.label(text::INTAKE_REPLY_BODY);
    ScrollArea::vertical().id_salt("intake_reply").max_height(theme::INTAKE_MAIL_HEIGHT).show(ui, |ui| {
        text_field::multiline(ui, &mut editor.body, |e| {
            e.desired_rows(theme::INTAKE_REPLY_ROWS).desired_width(theme::INTAKE_REPLY_WIDTH)
        })
        .labelled_by(label.id);
    });
    let mut cancelled = false;
    ui.horizontal(|ui| {
        if ui.button(RichText::new(text::INTAKE_REPLY_SEND).strong()).clicked() {
            commands.push(Command::Intake(IntakeCommand::Answer {
                id: editor.id,
                subject: editor.subject.clone(),
                body: editor.body.clone(),
            }));
        }
        cancelled = ui.button(text::INTAKE_REPLY_CANCEL).clicked();
    });
    if let Some(problem) = &editor.problem {
        ui.label(RichText::new(problem).color(theme::WARNING_TEXT));
    }
    cancelled
}

/// 見送る理由 and 見送る.
fn dismiss_row(ui: &mut Ui, reason: &mut String, id: i64, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let label = ui.label(text::INTAKE_DISMISS_REASON);
        text_field::singleline(ui, reason, |e| {
            e.hint_text(text::INTAKE_DISMISS_HINT).desired_width(theme::INTAKE_REASON_WIDTH)
        })
        .labelled_by(label.id);
        if ui.button(text::INTAKE_DISMISS).clicked() {
            commands.push(Command::Intake(IntakeCommand::Dismiss { id, reason: reason.clone() }));
        }
    });
}

fn is_eml(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("eml"))
}

impl IntakeView {
    pub fn new(model: IntakeModel) -> IntakeView {
        IntakeView { model, ..IntakeView::default() }
    }

    /// After the chosen request was handled or another was chosen.
    pub fn reset_inputs(&mut self) {
        self.dismiss_reason.clear();
        self.checked = false;
        self.reply = None;
    }

    fn list(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        if self.model.pending.is_empty() {
            ui.label(text::INTAKE_NONE);
            return;
        }
        let chosen = self.model.selected.as_ref().map(|r| r.id);
        ScrollArea::vertical().id_salt("intake_list").max_height(theme::INTAKE_LIST_HEIGHT).show(ui, |ui| {
            for request in &self.model.pending {
                let mut line = format!("{} {}", request.reading.kind.label(), request.sender);
                let proposal = request.reading.proposal();
                if !proposal.is_empty() {
                    line.push_str(&format!("\n{proposal}"));
                }
                let mut label = RichText::new(line);
                if request.needs_check() {
                    label = label.color(theme::WARNING_TEXT);
                }
                if ui.selectable_label(chosen == Some(request.id), label).clicked() {
                    commands.push(Command::Intake(IntakeCommand::Select(request.id)));
                }
            }
        });
    }

    fn detail(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(request) = &self.model.selected else {
            ui.label(text::INTAKE_CHOOSE);
            return;
        };
        let reading = &request.reading;
        // While the desk writes a reply, the request is one line above it: the reply and
        // the mail need the room.
        let replying = self.reply.as_ref().is_some_and(|e| e.id == request.id);
        if !replying {
            ui.label(RichText::new(format!("{}（{}）", reading.kind.label(), request.state.label())).strong());
            ui.label(format!("{} {} <{}>", text::INTAKE_FROM, request.sender_name, request.sender));
            ui.label(format!("{} {}", text::INTAKE_SENT, request.sent_at.format("%Y-%m-%d %H:%M")));
            ui.label(format!("{} {}", text::INTAKE_SUBJECT, request.subject));
            ui.add_space(4.0);
        }
        let proposal = reading.proposal();
        ui.label(
            RichText::new(format!("{} {}", text::INTAKE_PROPOSAL, if proposal.is_empty() { "—" } else { &proposal }))
                .size(theme::LARGE_TEXT_SIZE),
        );
        if !replying {
            if !reading.theme.is_empty() {
                ui.label(format!("{} {}", text::INTAKE_THEME, reading.theme));
            }
            let reasons = request.reasons();
            if reasons.is_empty() {
                ui.label(RichText::new(text::INTAKE_SURE).color(theme::DONE_TEXT));
            } else {
                for reason in &reasons {
                    ui.label(RichText::new(format!("{} {reason}", text::INTAKE_CHECK_MARK)).color(theme::WARNING_TEXT));
                }
            }
            if reading.date.is_some() && reading.hours.is_some() {
                let free: Vec<String> = self.model.free.iter().map(ToString::to_string).collect();
                let line = if free.is_empty() { text::INTAKE_NOTHING_FREE.to_owned() } else { free.join("、") };
                ui.label(format!("{} {line}", text::INTAKE_FREE_NOW));
            }
        }
        let id = request.id;
        let needs_check = request.needs_check();
        let pending = request.state == crate::domain::intake::IntakeState::Pending;
        if pending && let Some(editor) = self.reply.as_mut().filter(|e| e.id == id) {
            if reply_editor(ui, editor, commands) {
                self.reply = None;
            }
        } else if pending && reading.kind == RequestKind::Other {
            // Nothing to book from it: a person reads it, books at the desk if it asks for
            // something, and sets it aside.
            ui.label(RichText::new(text::INTAKE_OTHER_HINT).color(theme::MUTED_TEXT));
            dismiss_row(ui, &mut self.dismiss_reason, id, commands);
        } else if pending {
            ui.horizontal(|ui| {
                if needs_check {
                    ui.checkbox(&mut self.checked, text::INTAKE_CHECKED);
                }
                let accept = ui.button(RichText::new(text::INTAKE_ACCEPT).strong()).clicked();
                // One key accepts: Enter, when no field is being typed in and this window is
                // the one in front (never in a window the desk is not looking at).
                let in_front = ui.ctx().top_layer_id().is_none_or(|top| top == ui.layer_id());
                let enter =
                    in_front && ui.ctx().memory(|m| m.focused().is_none()) && ui.input(|i| i.key_pressed(Key::Enter));
                if accept || enter {
                    commands.push(Command::Intake(IntakeCommand::Accept {
                        id,
                        checked: self.checked,
                        when_full: WhenFull::Refuse,
                    }));
                }
                if ui.button(text::INTAKE_WAITLIST).clicked() {
                    commands.push(Command::Intake(IntakeCommand::Accept {
                        id,
                        checked: self.checked,
                        when_full: WhenFull::Waitlist,
                    }));
                }
            });
            // Offered when what was asked cannot be booked as it is.
            let asked_is_free = reading.hours.is_some_and(|h| self.model.free.contains(&h.start));
            if reading.date.is_some()
                && reading.hours.is_some()
                && !asked_is_free
                && ui.button(text::INTAKE_OFFER).on_hover_text(text::INTAKE_OFFER_HINT).clicked()
            {
                commands.push(Command::Intake(IntakeCommand::DraftReply(id)));
            }
            dismiss_row(ui, &mut self.dismiss_reason, id, commands);
        }
        ui.separator();
        ui.label(RichText::new(text::INTAKE_MAIL).strong());
        let body = request.body.as_deref().unwrap_or(text::INTAKE_MAIL_REMOVED);
        // While a reply is written the mail takes less room, so both fit the window.
        let mail_height =
            if self.reply.is_some() { theme::INTAKE_MAIL_HEIGHT_REPLYING } else { theme::INTAKE_MAIL_HEIGHT };
        ScrollArea::vertical().id_salt("intake_mail").max_height(mail_height).show(ui, |ui| {
            ui.label(RichText::new(body).size(theme::SMALL_TEXT_SIZE));
        });
        if ui.button(text::CLOSE).clicked() {
            commands.push(Command::CloseWindow(WindowId::of::<IntakeView>()));
        }
    }
}
