//! Adding and editing a member, and the member's page with upcoming and past bookings.
//! Every wrong field gets its message next to it at once; nothing typed is lost: Enter in a
//! field saves, and closing with unsaved edits asks first. A new member gets the next free
//! number (a real value, which can be changed) and no consent until the caller gives it.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use crate::domain::member::{ContactPreference, MemberField, MemberForm, MemberId};
use crate::domain::time::month_day_weekday;
use crate::store::BookingLine;
use crate::ui::command::Command;
use crate::ui::focus::FocusRing;
use crate::ui::notice::Notice;
use crate::ui::widgets::text_field;
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
    /// The form as last opened or saved: anything else is an unsaved edit.
    saved_form: MemberForm,
    /// Asked to close with unsaved edits: the window asks whether to drop them.
    confirming_close: bool,
    /// The field to put the cursor in on the next frame.
    focus: Option<MemberField>,
    /// The cursor goes to 「戻る」 on the next frame.
    focus_back: bool,
    ring: FocusRing,
}

impl MemberEditor {
    /// A new member, with `suggested_number` filled in. The consent box starts unticked:
    /// it is ticked when the caller says yes.
    pub fn new_member(suggested_number: String) -> MemberEditor {
        let form = MemberForm { number: suggested_number, consented: false, ..MemberForm::default() };
        // The number is filled in, so the cursor waits in the first field left to fill.
        MemberEditor { focus: Some(MemberField::Name), ..MemberEditor::with_form(None, form, Vec::new()) }
    }

    pub fn edit(member_id: MemberId, form: MemberForm, bookings: Vec<BookingLine>) -> MemberEditor {
        MemberEditor::with_form(Some(member_id), form, bookings)
    }

    fn with_form(member_id: Option<MemberId>, form: MemberForm, bookings: Vec<BookingLine>) -> MemberEditor {
        MemberEditor {
            member_id,
            saved_form: form.clone(),
            form,
            errors: Vec::new(),
            notice: None,
            bookings,
            confirming_close: false,
            focus: None,
            focus_back: false,
            ring: FocusRing::default(),
        }
    }

    /// Something was typed or chosen that is not saved yet.
    pub fn has_unsaved_edits(&self) -> bool {
        self.form != self.saved_form
    }

    /// The app reports that the form could not be saved.
    pub fn refused(&mut self, errors: Vec<(MemberField, String)>) {
        self.notice = None;
        self.errors = errors;
    }

    /// The app reports a save: from now on this page edits that member.
    pub fn saved(&mut self, member_id: MemberId, message: String) {
        self.member_id = Some(member_id);
        self.saved_form = self.form.clone();
        self.confirming_close = false;
        self.errors.clear();
        self.notice = Some(Notice::done(message));
    }

    /// One line of the form; Enter in it saves the member.
    fn field(&mut self, ui: &mut Ui, field: MemberField, label: &str, hint: &str, commands: &mut Vec<Command>) {
        let errors = &self.errors;
        let ring = &mut self.ring;
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
        let focus = self.focus == Some(field);
        ui.horizontal(|ui| {
            let label = ui.add_sized([110.0, 20.0], egui::Label::new(label));
            let edit = text_field::singleline(ui, value, |e| {
                e.id_salt(("member_field", field.label())).hint_text(hint).desired_width(260.0)
            });
            let response = ring.field(edit.labelled_by(label.id));
            if focus {
                response.request_focus();
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                commands.push(Command::SaveMember);
            }
        });
        if focus {
            self.focus = None;
        }
        if let Some((_, message)) = errors.iter().find(|(f, _)| *f == field) {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
        }
    }

    /// Asked to close with unsaved edits: drop them, or go back to the form.
    fn confirm_close(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        egui::Frame::new().fill(theme::ASK_FILL).inner_margin(6.0).corner_radius(4.0).show(ui, |ui| {
            ui.label(RichText::new(text::UNSAVED_MEMBER_EDITS).strong());
            ui.horizontal(|ui| {
                let back = self.ring.button(ui.button(text::BACK_TO_FORM));
                if std::mem::take(&mut self.focus_back) {
                    back.request_focus();
                }
                if back.clicked() {
                    self.confirming_close = false;
                }
                if self.ring.button(ui.button(text::CLOSE_WITHOUT_SAVING)).clicked() {
                    commands.push(Command::DiscardWindow(WindowId::of::<MemberEditor>()));
                }
            });
        });
    }

    fn form(&mut self, ui: &mut Ui, today: NaiveDate, commands: &mut Vec<Command>) {
        self.ring.begin(ui);
        if self.confirming_close {
            self.confirm_close(ui, commands);
        }
        if let Some(notice) = &self.notice {
            notice.show(ui);
        }
        self.field(ui, MemberField::Number, text::MEMBER_NUMBER, "", commands);
        self.field(ui, MemberField::Name, text::MEMBER_NAME, text::MEMBER_NAME_HINT, commands);
        self.field(ui, MemberField::Kana, text::MEMBER_KANA, text::MEMBER_KANA_HINT, commands);
        self.field(ui, MemberField::Phone, text::MEMBER_PHONE, "044-863-8444", commands);
        self.field(ui, MemberField::SecondPhone, text::MEMBER_SECOND_PHONE, "090-1234-5678", commands);
        self.field(ui, MemberField::Email, text::MEMBER_EMAIL, text::MEMBER_EMAIL_HINT, commands);
        ui.horizontal(|ui| {
            ui.add_sized([110.0, 20.0], egui::Label::new(text::PREFERRED_CONTACT));
            for contact in [ContactPreference::Phone, ContactPreference::Email] {
                self.ring.field(ui.radio_value(&mut self.form.preferred_contact, Some(contact), contact.label()));
            }
        });
        if let Some((_, message)) = self.errors.iter().find(|(f, _)| *f == MemberField::PreferredContact) {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
        }
        self.ring.field(ui.checkbox(&mut self.form.consented, text::CONSENT));
        if self.form.consented {
            self.field(ui, MemberField::ConsentDate, text::CONSENT_DATE, text::CONSENT_DATE_HINT, commands);
        }
        ui.horizontal(|ui| {
            let label = ui.add_sized([110.0, 20.0], egui::Label::new(text::NOTES));
            // Enter here starts a new line; the notes are the one field where it does not save.
            self.ring.button(
                text_field::multiline(ui, &mut self.form.notes, |e| e.desired_rows(2).desired_width(260.0))
                    .labelled_by(label.id),
            );
        });
        if let Some((_, message)) = self.errors.iter().find(|(f, _)| *f == MemberField::Notes) {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if self.ring.button(ui.button(RichText::new(text::SAVE_MEMBER).strong())).clicked() {
                commands.push(Command::SaveMember);
            }
            if self.ring.button(ui.button(text::SAVE_MEMBER_AND_BOOK)).clicked() {
                commands.push(Command::SaveMemberAndBook);
            }
            if self.ring.button(ui.button(text::CLOSE)).clicked() {
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

    fn asks_before_closing(&mut self) -> bool {
        if !self.has_unsaved_edits() {
            return false;
        }
        if !self.confirming_close {
            self.confirming_close = true;
            // The cursor goes to 「戻る」, so a stray Enter keeps the edits.
            self.focus_back = true;
        }
        // Only 「保存せずに閉じる」 drops the edits.
        true
    }

    fn keeps_its_own_tab_order(&self) -> bool {
        true
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
