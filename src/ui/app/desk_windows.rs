//! The desk's own windows: the member editor, the doctor's email consultations, the day's
//! list (printing and saving it off the UI thread) and the attendance check-list.

use chrono::NaiveDate;

use crate::domain::booking::{BookingId, BookingState};
use crate::domain::member::{MemberField, MemberForm, MemberId};
use crate::domain::phone::PhoneNumber;
use crate::print::{CsvEncoding, DayListOptions};
use crate::store::{DayListOutput, StoreError};
use crate::ui::app::MadoguchiApp;
use crate::ui::notice::Notice;
use crate::ui::print_jobs::{self, Destination, PrintOutcome, PrintRequest};
use crate::ui::tasks::TaskError;
use crate::ui::text;
use crate::ui::views::attendance::{AttendanceView, attendance_rows};
use crate::ui::views::booking_form::MemberHit;
use crate::ui::views::day_list::DayListWindow;
use crate::ui::views::email_consultations::EmailConsultationsView;
use crate::ui::views::member_editor::MemberEditor;
use crate::ui::windows::WindowId;

impl MadoguchiApp {
    pub(super) fn open_member(&mut self, id: MemberId) -> Result<(), StoreError> {
        let member = self.store.member(id)?;
        let bookings = self.store.member_bookings(id)?;
        self.windows.open(MemberEditor::edit(id, MemberForm::from_member(&member), bookings));
        Ok(())
    }

    /// Saves the member window's member; with `then_book`, the member becomes the caller in
    /// the booking form (opened if need be) and the window closes.
    pub(super) fn save_member(&mut self, then_book: bool) -> Result<(), StoreError> {
        let Some(editor) = self.windows.get_mut::<MemberEditor>() else {
            return Ok(());
        };
        let member = match editor.form.validate(self.today) {
            Ok(member) => member,
            Err(errors) => {
                editor.refused(errors);
                return Ok(());
            }
        };
        let saved = match editor.member_id {
            Some(id) => self.store.update_member(id, &member).map(|m| m.id),
            None => self.store.add_member(&member),
        };
        let id = match saved {
            Ok(id) => id,
            // The refusals the store can give here are about the member number.
            Err(refused) if refused.is_refusal() => {
                editor.refused(vec![(MemberField::Number, refused.to_string())]);
                return Ok(());
            }
            Err(other) => return Err(other),
        };
        editor.saved(id, format!("{} {} {} {}", text::MEMBER_SAVED, member.number, member.name, text::HONORIFIC));
        editor.bookings = self.store.member_bookings(id)?;
        self.members = self.store.member_index()?;
        if then_book {
            let hit = MemberHit {
                id,
                number: member.number.clone(),
                name: member.name.clone(),
                kana: member.kana.clone(),
                phone: member.phones.first().map(PhoneNumber::display).unwrap_or_default(),
                consented: member.consent_on.is_some(),
            };
            self.windows.close(WindowId::of::<MemberEditor>());
            if self.booking_form.is_none() {
                self.open_booking_form(None, None);
            }
            if let Some(form) = self.booking_form.as_mut() {
                form.pick_member(hit);
            }
        } else if let Some(form) = self.booking_form.as_mut() {
            // A member added during a call is ready to pick in the booking form.
            form.set_query(&member.number);
        }
        Ok(())
    }

    pub(super) fn open_email_consultations(&mut self) -> Result<(), StoreError> {
        let lines = self.store.open_email_consultations()?;
        self.windows.open(EmailConsultationsView::new(lines));
        Ok(())
    }

    /// After a change to an email consultation: the list and the week (agreed times show there).
    pub(super) fn reload_email_consultations(&mut self) -> Result<(), StoreError> {
        let lines = self.store.open_email_consultations()?;
        if let Some(view) = self.windows.get_mut::<EmailConsultationsView>() {
            view.lines = lines;
        }
        self.week = self.store.week_overview(self.week.monday)?;
        Ok(())
    }

    pub(super) fn request_email_consultation(&mut self, number: &str, notes: &str) -> Result<(), StoreError> {
        let Some(member) = self.store.member_by_number(number)? else {
            if let Some(view) = self.windows.get_mut::<EmailConsultationsView>() {
                view.notice = Some(Notice::refused(text::MEMBER_NOT_FOUND));
            }
            return Ok(());
        };
        self.store.request_email_consultation(member.id, self.today, notes)?;
        if let Some(view) = self.windows.get_mut::<EmailConsultationsView>() {
            view.recorded();
        }
        self.reload_email_consultations()
    }

    pub(super) fn open_attendance(&mut self, date: NaiveDate) -> Result<(), StoreError> {
        let rows = attendance_rows(&self.store.day_list(date)?);
        match self.windows.get_mut::<AttendanceView>() {
            Some(view) if view.date == date => {
                view.rows = rows;
                view.notice = None;
            }
            _ => self.windows.open(AttendanceView::new(date, rows)),
        }
        Ok(())
    }

    pub(super) fn mark_attendance(&mut self, id: BookingId, state: BookingState) -> Result<(), StoreError> {
        match self.store.set_attendance(id, state) {
            Ok(_) => {}
            Err(refused) if refused.is_refusal() => {
                if let Some(view) = self.windows.get_mut::<AttendanceView>() {
                    view.notice = Some(Notice::refused(refused));
                }
                return Ok(());
            }
            Err(other) => return Err(other),
        }
        if let Some(date) = self.windows.get::<AttendanceView>().map(|view| view.date) {
            self.open_attendance(date)?;
        }
        self.reload_after_change()
    }

    /// Reads the day's list now and makes the file on a thread of its own.
    pub(super) fn start_print(
        &mut self,
        date: NaiveDate,
        themes: bool,
        request: PrintRequest,
        path: Option<std::path::PathBuf>,
    ) -> Result<(), StoreError> {
        if self.print_job.is_some() {
            return Ok(());
        }
        let list = self.store.day_list(date)?;
        let options = DayListOptions { include_themes: themes, printed_at: chrono::Local::now().naive_local() };
        let destination = match path {
            Some(path) => Destination::Path(path),
            None => Destination::Ask(self.file_dialogs),
        };
        let prints = self.store.path().to_owned();
        self.print_job = Some(print_jobs::start(list, options, request, destination, prints));
        if let Some(window) = self.windows.get_mut::<DayListWindow>() {
            window.notice = None;
            window.path_field = None;
        }
        Ok(())
    }

    /// A print job has ended: a print or a save is recorded in the audit log.
    pub(super) fn print_finished(&mut self, outcome: Result<PrintOutcome, TaskError>) -> Result<(), StoreError> {
        let notice = match outcome {
            Ok(PrintOutcome::Done { list, output, file, themes, encoding }) => match self.store.record_day_list_output(
                &list,
                output,
                &file.display().to_string(),
                themes,
                encoding.map(CsvEncoding::code),
            ) {
                Ok(()) if matches!(output, DayListOutput::PrintPdf) => Notice::done(text::DAY_LIST_OPENED),
                Ok(()) => Notice::done(format!("{}: {}", text::DAY_LIST_SAVED, file.display())),
                Err(err) => Notice::failed(err).prefixed(text::DAY_LIST_FAILED),
            },
            Ok(PrintOutcome::Cancelled) => Notice::info(text::DAY_LIST_CANCELLED),
            Ok(PrintOutcome::NoDialog(suggested)) => {
                if let Some(window) = self.windows.get_mut::<DayListWindow>() {
                    window.path_field = Some(suggested.display().to_string());
                }
                return Ok(());
            }
            Ok(PrintOutcome::NoViewer { file, why }) => Notice::refused(format!(
                "{}（{why}）。{}: {}",
                text::DAY_LIST_NO_VIEWER,
                text::DAY_LIST_MADE_AT,
                file.display()
            )),
            Ok(PrintOutcome::Failed(err)) => Notice::failed(err),
            Err(err) => Notice::failed(err),
        };
        if let Some(window) = self.windows.get_mut::<DayListWindow>() {
            window.notice = Some(notice);
        }
        Ok(())
    }
}
