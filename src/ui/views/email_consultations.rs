//! The doctor's email consultations (個別相談（西）): record a request, fix the date and
//! time agreed with the member, mark it done.

use std::collections::HashMap;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use crate::domain::email_consultation::EmailConsultationState;
use crate::domain::time::{TimeOfDay, month_day_weekday, parse_date};
use crate::store::EmailConsultationLine;
use crate::ui::command::Command;
use crate::ui::notice::Notice;
use crate::ui::widgets::text_field;
use crate::ui::windows::{DeskContext, DeskWindow, Placement, WindowId};
use crate::ui::{text, theme};

#[derive(Default)]
pub struct EmailConsultationsView {
    /// The requests not yet done or withdrawn, read by the app.
    pub lines: Vec<EmailConsultationLine>,
    member_number: String,
    notes: String,
    /// Per request: the date and time being typed, and a message if they cannot be read.
    agreed_text: HashMap<i64, (String, String)>,
    errors: HashMap<i64, Notice>,
    /// How the last action went (member not found, …).
    pub notice: Option<Notice>,
}

impl DeskWindow for EmailConsultationsView {
    fn title(&self) -> &str {
        text::EMAIL_CONSULTATIONS_TITLE
    }

    fn placement(&self) -> Placement {
        Placement::at(520.0, 100.0)
    }

    fn show(&mut self, ui: &mut Ui, desk: &DeskContext, commands: &mut Vec<Command>) {
        self.list(ui, desk.today, commands);
    }
}

impl EmailConsultationsView {
    pub fn new(lines: Vec<EmailConsultationLine>) -> EmailConsultationsView {
        EmailConsultationsView { lines, ..EmailConsultationsView::default() }
    }

    fn list(&mut self, ui: &mut Ui, today: NaiveDate, commands: &mut Vec<Command>) {
        ui.label(RichText::new(text::EMAIL_CONSULTATION_NEW).strong());
        ui.horizontal(|ui| {
            let label = ui.label(text::MEMBER_NUMBER);
            text_field::singleline(ui, &mut self.member_number, |e| e.desired_width(80.0)).labelled_by(label.id);
            let label = ui.label(text::NOTES);
            text_field::singleline(ui, &mut self.notes, |e| e.desired_width(180.0)).labelled_by(label.id);
            if ui.button(text::EMAIL_CONSULTATION_RECORD).clicked() {
                commands
                    .push(Command::RequestEmailConsultation(self.member_number.trim().to_owned(), self.notes.clone()));
            }
        });
        if let Some(notice) = &self.notice {
            notice.show(ui);
        }
        ui.separator();
        if self.lines.is_empty() {
            ui.label(text::EMAIL_CONSULTATION_NONE);
        }
        for line in &self.lines {
            let c = &line.consultation;
            let when = match c.agreed_at {
                Some(at) => format!("{} {}", month_day_weekday(at.date()), at.format("%H:%M")),
                None => format!("{} {}", text::REQUESTED_ON, month_day_weekday(c.requested_on)),
            };
            ui.horizontal(|ui| {
                ui.label(RichText::new(c.state.label()).strong());
                ui.label(format!("{} {} {} {when}", line.member_number, line.member_name, text::HONORIFIC));
                if !c.notes.is_empty() {
                    ui.label(RichText::new(&c.notes).size(theme::SMALL_TEXT_SIZE));
                }
            });
            ui.horizontal(|ui| {
                let (date_text, time_text) = self.agreed_text.entry(c.id).or_default();
                let label = ui.label(text::AGREED_DATE);
                text_field::singleline(ui, date_text, |e| e.hint_text("11/26").desired_width(80.0))
                    .labelled_by(label.id);
                let label = ui.label(text::AGREED_TIME);
                text_field::singleline(ui, time_text, |e| e.hint_text("10:30").desired_width(60.0))
                    .labelled_by(label.id);
                if ui.button(text::AGREE).clicked() {
                    match (parse_date(date_text, today), TimeOfDay::parse(time_text)) {
                        (Some(date), Some(time)) => {
                            match date.and_hms_opt(u32::from(time.hour()), u32::from(time.minute()), 0) {
                                Some(at) => {
                                    self.errors.remove(&c.id);
                                    commands.push(Command::AgreeEmailConsultation(c.id, at));
                                }
                                None => {
                                    self.errors.insert(c.id, Notice::refused(text::TIME_NOT_UNDERSTOOD));
                                }
                            }
                        }
                        (None, _) => {
                            self.errors.insert(c.id, Notice::refused(text::DATE_NOT_UNDERSTOOD));
                        }
                        (_, None) => {
                            self.errors.insert(c.id, Notice::refused(text::TIME_NOT_UNDERSTOOD));
                        }
                    }
                }
                for next in c.state.next() {
                    let label = match next {
                        EmailConsultationState::Done => text::MARK_DONE,
                        EmailConsultationState::Withdrawn => text::WITHDRAW,
                        EmailConsultationState::Arranging => text::BACK_TO_ARRANGING,
                        EmailConsultationState::Agreed => continue,
                    };
                    if ui.button(label).clicked() {
                        commands.push(Command::SetEmailConsultationState(c.id, *next));
                    }
                }
            });
            if let Some(error) = self.errors.get(&c.id) {
                error.show(ui);
            }
            ui.separator();
        }
        if ui.button(text::CLOSE).clicked() {
            commands.push(Command::CloseWindow(WindowId::of::<EmailConsultationsView>()));
        }
    }

    /// Clears the request fields after a request was recorded.
    pub fn recorded(&mut self) {
        self.member_number.clear();
        self.notes.clear();
        self.notice = None;
    }
}
