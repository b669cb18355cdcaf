//! The mail window: the day's send list of the group session's access message (who got
//! it, who failed and why, whom to phone), the meeting ID and passcode for that day, the
//! messages of the day, the sending settings with a test message, and the receiving
//! settings (the mailbox read for booking requests, [`super::intake_settings`]).

use chrono::{NaiveDate, Timelike};
use egui::{RichText, Ui};

use crate::domain::time::{month_day_weekday, parse_date};
use crate::mail::settings::{KEYS, MailSettings, RefusedValue};
use crate::mail::templates::{self, Template};
use crate::mail::{AccessMailState, MessageKind, OutboxState};
use crate::store::{AccessSendList, OutboxLine, TemplateDraft};
use crate::ui::command::Command;
use crate::ui::notice::Notice;
use crate::ui::views::intake_settings::IntakeSettingsForm;
use crate::ui::widgets::text_field;
use crate::ui::windows::{DeskContext, DeskWindow, Placement};
use crate::ui::{text, theme};

/// What the mail window shows, read by the app.
#[derive(Clone, Debug, Default)]
pub struct MailModel {
    pub date: Option<NaiveDate>,
    pub send_lists: Vec<AccessSendList>,
    pub outbox: Vec<OutboxLine>,
    /// Messages that failed for good, of any date: shown above the tabs until handled.
    pub failed: Vec<OutboxLine>,
    pub settings: Option<MailSettings>,
    /// The services that get mail (id, name), for the templates tab.
    pub services: Vec<(i64, String)>,
    /// What the background sender is doing.
    pub sender_status: String,
    /// When the model was read, to tell a missed deadline.
    pub read_at: Option<chrono::NaiveDateTime>,
}

/// What the desk asks of the mail window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailCommand {
    ShowDate(NaiveDate),
    SendNow,
    SetAccess {
        service_id: i64,
        date: Option<NaiveDate>,
        meeting_id: String,
        passcode: String,
    },
    MarkCalled(i64),
    Retry(i64),
    /// (key, value) pairs, each checked before any is saved.
    SaveSettings(Vec<(String, String)>),
    SavePassword(String),
    /// The receiving settings (each checked before any is saved), and the mailbox's
    /// password for the keyring when one was typed.
    SaveIntakeSettings {
        fields: Vec<(String, String)>,
        password: Option<String>,
    },
    /// Tries the mailbox as typed (connect, log in, open the folder), saving nothing; the
    /// password typed, else the one in the keyring.
    TryImap {
        fields: Vec<(String, String)>,
        password: Option<String>,
    },
    /// Asks for the trusted certificate file (a file dialog, where one can open).
    ChooseCaFile,
    SendTest(String),
    /// Show the template of a service and kind in the editor.
    LoadTemplate(i64, MessageKind),
    /// Save the edited template (`None`: back to the program's default). Someone who is
    /// not a manager saves a draft that waits for approval.
    SaveTemplate(i64, MessageKind, Option<Template>),
    /// The manager makes the waiting draft the text that is sent.
    ApproveTemplate(i64, MessageKind),
    RejectTemplate(i64, MessageKind),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Tab {
    #[default]
    SendList,
    Outbox,
    Templates,
    Settings,
    Intake,
}

#[derive(Default)]
pub struct MailView {
    /// What the window shows, read by the app.
    pub model: MailModel,
    tab: Tab,
    date_text: String,
    meeting_id: String,
    passcode: String,
    access_as_default: bool,
    /// The settings form, filled from the model when the window opens.
    fields: Vec<(String, String)>,
    password: String,
    /// The sending value refused by the last save, said beside its field.
    pub sending_refused: Option<RefusedValue>,
    /// The receiving settings' form.
    pub intake: IntakeSettingsForm,
    test_address: String,
    /// The template being edited: service, kind, and whether it is the manager's own.
    template_for: Option<(i64, MessageKind)>,
    template: Template,
    template_is_custom: bool,
    /// A change waiting for a manager's approval.
    template_draft: Option<TemplateDraft>,
    /// How the last action went.
    pub notice: Option<Notice>,
}

impl DeskWindow for MailView {
    fn title(&self) -> &str {
        text::MAIL_TITLE
    }

    fn placement(&self) -> Placement {
        Placement::at(360.0, 70.0).default_size(860.0, 640.0)
    }

    fn show(&mut self, ui: &mut Ui, desk: &DeskContext, commands: &mut Vec<Command>) {
        // The form's fields change while it draws from the model: hold the model apart meanwhile.
        let model = std::mem::take(&mut self.model);
        self.tabs(ui, &model, desk.today, commands);
        self.model = model;
    }
}

impl MailView {
    /// Fills the settings forms from what is in force.
    pub fn load_settings(&mut self, settings: &MailSettings) {
        self.load_sending_settings(settings);
        self.intake.load(settings);
    }

    /// Fills the sending settings' form from what is in force; reading the mailbox (imap.*)
    /// and keeping request mails (intake.*) have their own tab.
    pub fn load_sending_settings(&mut self, settings: &MailSettings) {
        self.sending_refused = None;
        self.fields = KEYS
            .iter()
            .filter(|k| !k.starts_with("imap.") && !k.starts_with("intake."))
            .map(|k| ((*k).to_owned(), settings.value_of(k).unwrap_or_default()))
            .collect();
        if self.test_address.is_empty() {
            self.test_address = settings
                .from
                .rsplit_once('<')
                .map(|(_, a)| a.trim_end_matches('>').to_owned())
                .unwrap_or_else(|| settings.from.clone());
        }
    }

    /// How the last action went; once one is done, the password typed is gone from the form.
    pub fn show_notice(&mut self, notice: Notice) {
        if notice.is_done() {
            self.password.clear();
        }
        self.notice = Some(notice);
    }

    fn refused(&mut self, message: &str) {
        self.notice = Some(Notice::refused(message));
    }

    fn tabs(&mut self, ui: &mut Ui, model: &MailModel, today: NaiveDate, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.tab, Tab::SendList, text::MAIL_TAB_SEND_LIST);
            ui.selectable_value(&mut self.tab, Tab::Outbox, text::MAIL_TAB_OUTBOX);
            ui.selectable_value(&mut self.tab, Tab::Templates, text::MAIL_TAB_TEMPLATES);
            ui.selectable_value(&mut self.tab, Tab::Settings, text::MAIL_TAB_SETTINGS);
            ui.selectable_value(&mut self.tab, Tab::Intake, text::MAIL_TAB_INTAKE);
            ui.separator();
            if ui.button(text::MAIL_SEND_NOW).clicked() {
                commands.push(Command::Mail(MailCommand::SendNow));
            }
        });
        ui.label(RichText::new(&model.sender_status).size(theme::SMALL_TEXT_SIZE).color(theme::MUTED_TEXT));
        if let Some(notice) = &self.notice {
            notice.show(ui);
        }
        if !model.failed.is_empty() {
            ui.separator();
            ui.label(
                RichText::new(text::failed_messages(model.failed.len())).strong().color(ui.visuals().error_fg_color),
            );
            ui.label(RichText::new(text::MAIL_FAILED_HOW_TO_HANDLE).size(theme::SMALL_TEXT_SIZE));
            egui::ScrollArea::vertical().id_salt("failed_messages").max_height(160.0).show(ui, |ui| {
                outbox(ui, "failed_messages", &model.failed, true, commands);
            });
        }
        ui.separator();
        let date = model.date.unwrap_or(today);
        if matches!(self.tab, Tab::SendList | Tab::Outbox) {
            self.date_bar(ui, date, today, commands);
        }
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| match self.tab {
            Tab::SendList => self.send_list(ui, model, date, commands),
            Tab::Outbox => outbox(ui, "outbox", &model.outbox, false, commands),
            Tab::Templates => self.templates(ui, model, commands),
            Tab::Settings => self.settings(ui, commands),
            Tab::Intake => self.intake.ui(ui, commands),
        });
    }

    /// Puts a template in the editor (after the app read it).
    pub fn edit_template(
        &mut self,
        service_id: i64,
        kind: MessageKind,
        template: Template,
        is_custom: bool,
        draft: Option<TemplateDraft>,
    ) {
        self.template_for = Some((service_id, kind));
        self.template = template;
        self.template_is_custom = is_custom;
        self.template_draft = draft;
    }

    fn templates(&mut self, ui: &mut Ui, model: &MailModel, commands: &mut Vec<Command>) {
        if model.services.is_empty() {
            return;
        }
        let (mut service_id, mut kind) = self
            .template_for
            .or_else(|| model.services.first().map(|(id, _)| (*id, MessageKind::Confirmation)))
            .unwrap_or((0, MessageKind::Confirmation));
        ui.horizontal(|ui| {
            let service_name =
                model.services.iter().find(|(id, _)| *id == service_id).map(|(_, n)| n.as_str()).unwrap_or("");
            egui::ComboBox::from_label(text::SERVICE).selected_text(service_name).show_ui(ui, |ui| {
                for (id, name) in &model.services {
                    ui.selectable_value(&mut service_id, *id, name);
                }
            });
            egui::ComboBox::from_label(text::MAIL_COLUMN_KIND).selected_text(kind.label()).show_ui(ui, |ui| {
                for k in MessageKind::ALL.into_iter().filter(|k| k.is_templated()) {
                    ui.selectable_value(&mut kind, k, k.label());
                }
            });
        });
        if self.template_for != Some((service_id, kind)) {
            self.template_for = Some((service_id, kind));
            commands.push(Command::Mail(MailCommand::LoadTemplate(service_id, kind)));
        }
        ui.label(
            RichText::new(if self.template_is_custom {
                text::MAIL_TEMPLATE_CUSTOM
            } else {
                text::MAIL_TEMPLATE_DEFAULT
            })
            .size(theme::SMALL_TEXT_SIZE)
            .color(theme::MUTED_TEXT),
        );
        ui.label(
            RichText::new(format!(
                "{}: {}",
                text::MAIL_TEMPLATE_PLACEHOLDERS,
                templates::placeholders(kind).iter().map(|p| format!("{{{{{p}}}}}")).collect::<Vec<_>>().join(" ")
            ))
            .size(theme::SMALL_TEXT_SIZE),
        );
        if let Some(draft) = &self.template_draft {
            egui::Frame::new().fill(theme::ASK_FILL).inner_margin(6.0).corner_radius(4.0).show(ui, |ui| {
                ui.label(RichText::new(text::template_draft_waiting(&draft.drafted_by, &draft.drafted_at)).strong());
                match &draft.template {
                    Some(t) => {
                        ui.label(format!("{}: {}", text::MAIL_TEMPLATE_SUBJECT, t.subject));
                        egui::ScrollArea::vertical().id_salt("draft_body").max_height(120.0).show(ui, |ui| {
                            ui.label(RichText::new(&t.body).size(theme::SMALL_TEXT_SIZE));
                        });
                    }
                    None => {
                        ui.label(text::MAIL_TEMPLATE_DRAFT_TO_DEFAULT);
                    }
                }
                ui.horizontal(|ui| {
                    if ui.button(RichText::new(text::MAIL_TEMPLATE_APPROVE).strong()).clicked() {
                        commands.push(Command::Mail(MailCommand::ApproveTemplate(service_id, kind)));
                    }
                    if ui.button(text::MAIL_TEMPLATE_REJECT).clicked() {
                        commands.push(Command::Mail(MailCommand::RejectTemplate(service_id, kind)));
                    }
                });
            });
        }
        let label = ui.label(text::MAIL_TEMPLATE_SUBJECT);
        text_field::singleline(ui, &mut self.template.subject, |e| e.desired_width(f32::INFINITY))
            .labelled_by(label.id);
        let label = ui.label(text::MAIL_TEMPLATE_BODY);
        text_field::multiline(ui, &mut self.template.body, |e| e.desired_rows(16).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        ui.horizontal(|ui| {
            if ui.button(RichText::new(text::MAIL_TEMPLATE_SAVE).strong()).clicked() {
                commands.push(Command::Mail(MailCommand::SaveTemplate(service_id, kind, Some(self.template.clone()))));
            }
            if ui.button(text::MAIL_TEMPLATE_RESET).clicked() {
                commands.push(Command::Mail(MailCommand::SaveTemplate(service_id, kind, None)));
            }
        });
    }

    fn date_bar(&mut self, ui: &mut Ui, date: NaiveDate, today: NaiveDate, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            if ui.button("◀").clicked() {
                commands.push(Command::Mail(MailCommand::ShowDate(date - chrono::Duration::days(1))));
            }
            ui.label(RichText::new(month_day_weekday(date)).strong());
            if ui.button("▶").clicked() {
                commands.push(Command::Mail(MailCommand::ShowDate(date + chrono::Duration::days(1))));
            }
            let label = ui.label(text::JUMP_DATE_LABEL);
            let field =
                text_field::singleline(ui, &mut self.date_text, |e| e.hint_text(text::JUMP_HINT).desired_width(110.0))
                    .labelled_by(label.id);
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                match parse_date(&self.date_text, today) {
                    Some(date) => commands.push(Command::Mail(MailCommand::ShowDate(date))),
                    None => self.refused(text::DATE_NOT_UNDERSTOOD),
                }
            }
        });
    }

    fn send_list(&mut self, ui: &mut Ui, model: &MailModel, date: NaiveDate, commands: &mut Vec<Command>) {
        if model.send_lists.is_empty() {
            ui.label(text::MAIL_NO_GROUP_SESSION);
        }
        for list in &model.send_lists {
            ui.add_space(4.0);
            ui.label(
                RichText::new(format!("{}（{} {}）", list.service_name, text::MAIL_DEADLINE, list.deadline))
                    .strong()
                    .size(theme::LARGE_TEXT_SIZE),
            );
            match &list.meeting_id {
                Some(id) => ui.label(format!("{}: {id}", text::MAIL_MEETING_ID)),
                None => ui.label(RichText::new(text::MAIL_ACCESS_MISSING).color(ui.visuals().error_fg_color)),
            };
            // On the day after the deadline (or later), anyone not reached must be phoned.
            let past_deadline = model.read_at.is_some_and(|now| {
                let minute = u16::try_from(now.time().num_seconds_from_midnight() / 60).unwrap_or(u16::MAX);
                now.date() > date || (now.date() == date && minute >= list.deadline.minutes())
            });
            if past_deadline
                && list
                    .lines
                    .iter()
                    .any(|l| matches!(l.state, AccessMailState::NotYet { .. } | AccessMailState::Failed { .. }))
            {
                ui.label(RichText::new(text::MAIL_PAST_DEADLINE).strong().color(ui.visuals().error_fg_color));
            }
            self.access_form(ui, list, date, commands);
            ui.add_space(4.0);
            if list.lines.is_empty() {
                ui.label(text::MAIL_NO_PARTICIPANTS);
                continue;
            }
            egui::Grid::new(("send_list", list.service_id)).striped(true).num_columns(6).show(ui, |ui| {
                for heading in [
                    text::COLUMN_TIME,
                    text::COLUMN_NUMBER,
                    text::COLUMN_NAME,
                    text::COLUMN_PHONE,
                    text::MAIL_COLUMN_SEND_STATE,
                    "",
                ] {
                    ui.label(RichText::new(heading).strong());
                }
                ui.end_row();
                for line in &list.lines {
                    ui.label(&line.hours);
                    ui.label(&line.member_number);
                    ui.label(text::with_honorific(&line.member_name));
                    ui.label(&line.phone);
                    let colour = match line.state {
                        AccessMailState::Sent { .. } => theme::DONE_TEXT,
                        AccessMailState::Failed { .. } => ui.visuals().error_fg_color,
                        AccessMailState::NoEmail { called: false } => theme::TO_PHONE_TEXT,
                        _ => ui.visuals().text_color(),
                    };
                    let mut state = line.state.label();
                    if line.late {
                        state = format!("{state}（{}）", text::MAIL_LATE);
                    }
                    ui.label(RichText::new(state).color(colour));
                    match (&line.state, line.message_id) {
                        (AccessMailState::NoEmail { called: false }, Some(id)) => {
                            if ui.small_button(text::MAIL_MARK_CALLED).clicked() {
                                commands.push(Command::Mail(MailCommand::MarkCalled(id)));
                            }
                        }
                        (AccessMailState::Failed { .. }, Some(id)) => {
                            if ui.small_button(text::MAIL_RETRY).clicked() {
                                commands.push(Command::Mail(MailCommand::Retry(id)));
                            }
                        }
                        _ => {
                            ui.label("");
                        }
                    }
                    ui.end_row();
                }
            });
        }
    }

    fn access_form(&mut self, ui: &mut Ui, list: &AccessSendList, date: NaiveDate, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            let label = ui.label(text::MAIL_MEETING_ID);
            text_field::singleline(ui, &mut self.meeting_id, |e| e.desired_width(140.0)).labelled_by(label.id);
            let label = ui.label(text::MAIL_PASSCODE);
            text_field::singleline(ui, &mut self.passcode, |e| e.desired_width(110.0)).labelled_by(label.id);
            ui.checkbox(&mut self.access_as_default, text::MAIL_ACCESS_AS_DEFAULT);
            if ui.button(text::MAIL_ACCESS_SAVE).clicked() {
                commands.push(Command::Mail(MailCommand::SetAccess {
                    service_id: list.service_id,
                    date: (!self.access_as_default).then_some(date),
                    meeting_id: self.meeting_id.trim().to_owned(),
                    passcode: self.passcode.trim().to_owned(),
                }));
            }
        });
    }

    fn settings(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        egui::Grid::new("mail_settings").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
            for (key, value) in self.fields.iter_mut() {
                let name = match key.as_str() {
                    "smtp.host" => text::MAIL_SMTP_HOST,
                    "smtp.port" => text::MAIL_SMTP_PORT,
                    "smtp.security" => text::MAIL_SMTP_SECURITY,
                    "smtp.user" => text::MAIL_SMTP_USER,
                    "smtp.timeout" => text::MAIL_SMTP_TIMEOUT,
                    "mail.from" => text::MAIL_FROM,
                    "mail.outbox_dir" => text::MAIL_OUTBOX_DIR,
                    "access.deadline" => text::MAIL_ACCESS_DEADLINE,
                    "access.send_from" => text::MAIL_ACCESS_SEND_FROM,
                    other => other,
                };
                let label = ui.label(name);
                ui.vertical(|ui| {
                    if key == "smtp.security" {
                        ui.horizontal(|ui| {
                            ui.radio_value(value, "starttls".to_owned(), text::MAIL_SECURITY_STARTTLS);
                            ui.radio_value(value, "tls".to_owned(), text::MAIL_SECURITY_TLS);
                            ui.radio_value(value, "none".to_owned(), text::MAIL_SECURITY_NONE);
                        });
                    } else {
                        let hint = if key == "smtp.host" { text::MAIL_SMTP_HOST_HINT } else { "" };
                        text_field::singleline(ui, value, |e| {
                            e.hint_text(hint).desired_width(theme::SETTINGS_FIELD_WIDTH)
                        })
                        .labelled_by(label.id);
                    }
                    if let Some(refused) = self.sending_refused.as_ref().filter(|r| r.key == *key) {
                        ui.label(RichText::new(refused.error.to_string()).color(ui.visuals().error_fg_color));
                    }
                });
                ui.end_row();
            }
            let label = ui.label(text::MAIL_SMTP_PASSWORD);
            text_field::singleline(ui, &mut self.password, |e| {
                e.password(true).hint_text(text::MAIL_SMTP_PASSWORD_HINT).desired_width(theme::SETTINGS_FIELD_WIDTH)
            })
            .labelled_by(label.id);
            ui.end_row();
        });
        ui.add_space(6.0);
        if ui.button(RichText::new(text::MAIL_SAVE_SETTINGS).strong()).clicked() {
            commands.push(Command::Mail(MailCommand::SaveSettings(self.fields.clone())));
            if !self.password.is_empty() {
                commands.push(Command::Mail(MailCommand::SavePassword(std::mem::take(&mut self.password))));
            }
        }
        ui.separator();
        ui.horizontal(|ui| {
            let label = ui.label(text::MAIL_TEST_ADDRESS);
            text_field::singleline(ui, &mut self.test_address, |e| e.desired_width(260.0)).labelled_by(label.id);
            if ui.button(text::MAIL_SEND_TEST).clicked() {
                commands.push(Command::Mail(MailCommand::SendTest(self.test_address.trim().to_owned())));
            }
        });
    }
}

/// The messages in `lines`, one per row, with what the desk can do about each; `with_date`
/// adds the booking's date (for a list that spans days).
fn outbox(ui: &mut Ui, id: &str, lines: &[OutboxLine], with_date: bool, commands: &mut Vec<Command>) {
    if lines.is_empty() {
        ui.label(text::MAIL_NOTHING_SENT);
        return;
    }
    egui::Grid::new(id).striped(true).num_columns(if with_date { 6 } else { 5 }).show(ui, |ui| {
        if with_date {
            ui.label(RichText::new(text::COLUMN_DATE).strong());
        }
        for heading in
            [text::MAIL_COLUMN_KIND, text::COLUMN_NAME, text::MAIL_COLUMN_ADDRESS, text::MAIL_COLUMN_SEND_STATE, ""]
        {
            ui.label(RichText::new(heading).strong());
        }
        ui.end_row();
        for line in lines {
            if with_date {
                ui.label(month_day_weekday(line.session_date));
            }
            ui.label(line.kind.label());
            ui.label(if line.member_name.is_empty() {
                "—".to_owned()
            } else {
                text::with_honorific(&line.member_name)
            });
            ui.label(line.recipient.clone().unwrap_or_else(|| format!("{} {}", text::COLUMN_PHONE, line.phone)));
            let mut state = line.state.label().to_owned();
            if let Some(error) = &line.last_error {
                state = format!("{state}: {error}");
            }
            let colour = match line.state {
                OutboxState::Sent | OutboxState::Called => theme::DONE_TEXT,
                OutboxState::Failed => ui.visuals().error_fg_color,
                _ => ui.visuals().text_color(),
            };
            ui.label(RichText::new(state).color(colour));
            match line.state {
                OutboxState::ToCall => {
                    if ui.small_button(text::MAIL_MARK_CALLED).clicked() {
                        commands.push(Command::Mail(MailCommand::MarkCalled(line.id)));
                    }
                }
                OutboxState::Failed => {
                    ui.horizontal(|ui| {
                        if line.recipient.is_some() && ui.small_button(text::MAIL_RETRY).clicked() {
                            commands.push(Command::Mail(MailCommand::Retry(line.id)));
                        }
                        if ui.small_button(text::MAIL_MARK_CALLED).on_hover_text(text::MAIL_CALLED_INSTEAD).clicked() {
                            commands.push(Command::Mail(MailCommand::MarkCalled(line.id)));
                        }
                    });
                }
                _ => {
                    ui.label("");
                }
            }
            ui.end_row();
        }
    });
}
