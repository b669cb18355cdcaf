//! Adding and editing a member, and the member's page with upcoming and past bookings.
//! Each wrong field gets its message next to it; nothing typed is lost.

use chrono::NaiveDate;
use egui::{RichText, TextEdit, Ui};

use crate::domain::member::{ContactPreference, MemberField, MemberForm, MemberId};
use crate::domain::time::month_day_weekday;
use crate::store::BookingLine;
use crate::ui::command::Command;
use crate::ui::notice::Notice;
use crate::ui::windows::{DeskContext, DeskWindow, Placement, WindowId};
use crate::ui::{text, theme};

pub struct MemberEditor {
    /// `None` for a new member.
    pub member_id: Option<MemberId>,
    pub form: MemberForm,
    errors: Vec<(MemberField, String)>,
    notice: Option<Notice>,
    /// The member's bookings, newest first, read by the app.
    pub bookings: Vec<BookingLine>,
}

impl MemberEditor {
    pub fn new_member() -> MemberEditor {
        MemberEditor {
            member_id: None,
            form: MemberForm { consented: true, ..MemberForm::default() },
            errors: Vec::new(),
            notice: None,
            bookings: Vec::new(),
        }
    }

    pub fn edit(member_id: MemberId, form: MemberForm, bookings: Vec<BookingLine>) -> MemberEditor {
        MemberEditor { member_id: Some(member_id), form, errors: Vec::new(), notice: None, bookings }
    }

    /// The app reports that the form could not be saved.
    pub fn refused(&mut self, errors: Vec<(MemberField, String)>) {
        self.notice = None;
        self.errors = errors;
    }

    /// The app reports a save: from now on this page edits that member.
    pub fn saved(&mut self, member_id: MemberId, message: String) {
        self.member_id = Some(member_id);
        self.errors.clear();
        self.notice = Some(Notice::done(message));
    }

    fn field(&mut self, ui: &mut Ui, field: MemberField, label: &str, hint: &str) {
        let errors = &self.errors;
        let form = &mut self.form;
        let value = match field {
            MemberField::Number => &mut form.number,
            MemberField::Name => &mut form.name,
            MemberField::Kana => &mut form.kana,
            MemberField::Phone => &mut form.phone,
            MemberField::SecondPhone => &mut form.second_phone,
            MemberField::Email => &mut form.email,
            MemberField::ConsentDate => &mut form.consent_date,
            MemberField::PreferredContact | MemberField::Notes => return,
        };
        ui.horizontal(|ui| {
            let label = ui.add_sized([110.0, 20.0], egui::Label::new(label));
            ui.add(TextEdit::singleline(value).hint_text(hint).desired_width(260.0)).labelled_by(label.id);
        });
        if let Some((_, message)) = errors.iter().find(|(f, _)| *f == field) {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
        }
    }

    fn form(&mut self, ui: &mut Ui, today: NaiveDate, commands: &mut Vec<Command>) {
        if let Some(notice) = &self.notice {
            notice.show(ui);
        }
        self.field(ui, MemberField::Number, text::MEMBER_NUMBER, "1234");
        self.field(ui, MemberField::Name, text::MEMBER_NAME, text::MEMBER_NAME_HINT);
        self.field(ui, MemberField::Kana, text::MEMBER_KANA, text::MEMBER_KANA_HINT);
        self.field(ui, MemberField::Phone, text::MEMBER_PHONE, "044-863-8444");
        self.field(ui, MemberField::SecondPhone, text::MEMBER_SECOND_PHONE, "090-1234-5678");
        self.field(ui, MemberField::Email, text::MEMBER_EMAIL, text::MEMBER_EMAIL_HINT);
        ui.horizontal(|ui| {
            ui.add_sized([110.0, 20.0], egui::Label::new(text::PREFERRED_CONTACT));
            for contact in [ContactPreference::Phone, ContactPreference::Email] {
                ui.radio_value(&mut self.form.preferred_contact, Some(contact), contact.label());
            }
        });
        if let Some((_, message)) = self.errors.iter().find(|(f, _)| *f == MemberField::PreferredContact) {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
        }
        ui.checkbox(&mut self.form.consented, text::CONSENT);
        if self.form.consented {
            self.field(ui, MemberField::ConsentDate, text::CONSENT_DATE, text::CONSENT_DATE_HINT);
        }
        ui.horizontal(|ui| {
            let label = ui.add_sized([110.0, 20.0], egui::Label::new(text::NOTES));
            ui.add(TextEdit::multiline(&mut self.form.notes).desired_rows(2).desired_width(260.0))
                .labelled_by(label.id);
        });
        if let Some((_, message)) = self.errors.iter().find(|(f, _)| *f == MemberField::Notes) {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button(RichText::new(text::SAVE_MEMBER).strong()).clicked() {
                commands.push(Command::SaveMember);
            }
            if ui.button(text::CLOSE).clicked() {
                commands.push(Command::CloseWindow(WindowId::of::<MemberEditor>()));
            }
        });

        if self.member_id.is_some() {
            // Upcoming bookings first, soonest on top; then the past, latest on top.
            let (upcoming, past): (Vec<&BookingLine>, Vec<&BookingLine>) =
                self.bookings.iter().partition(|line| line.date >= today);
            for (title, lines) in
                [(text::UPCOMING_BOOKINGS, upcoming.into_iter().rev().collect()), (text::PAST_BOOKINGS, past)]
            {
                ui.separator();
                ui.strong(title);
                booking_lines(ui, &lines);
            }
        }
    }
}

impl DeskWindow for MemberEditor {
    fn title(&self) -> &str {
        if self.member_id.is_some() { text::MEMBER_WINDOW_EDIT } else { text::MEMBER_WINDOW_NEW }
    }

    fn placement(&self) -> Placement {
        Placement::at(480.0, 80.0)
    }

    fn show(&mut self, ui: &mut Ui, desk: &DeskContext, commands: &mut Vec<Command>) {
        self.form(ui, desk.today, commands);
    }
}

fn booking_lines(ui: &mut Ui, lines: &[&BookingLine]) {
    if lines.is_empty() {
        ui.label(RichText::new(text::NONE).color(theme::MUTED_TEXT));
    }
    for line in lines {
        let row =
            format!("{} {} {} {}", month_day_weekday(line.date), line.hours, line.service_name, line.state.label());
        let tone =
            if line.state.takes_place() { RichText::new(row) } else { RichText::new(row).color(theme::MUTED_TEXT) };
        ui.label(tone);
    }
}
