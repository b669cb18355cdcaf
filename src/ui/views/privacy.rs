//! The manager's window for members' requests about their data (開示・訂正・削除) and the
//! retention review. A member is called up by number; the request is filled in (who
//! asked, how their identity was checked, the day it came in) and carried out: the
//! disclosure saved as PDF or CSV, a correction recorded before the member's editor opens,
//! or the erasure after the member's future bookings are cancelled and the manager has
//! confirmed. Every action here is the manager's (the desk's role gate, `Command::needs`).

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use crate::domain::member::MemberId;
use crate::domain::privacy::{DataRequest, RequestField, RequestKind, RequestOrigin};
use crate::domain::time::parse_date;
use crate::privacy::DisclosureFormat;
use crate::store::{BookingLine, RecordedRequest, RetentionLine};
use crate::ui::command::Command;
use crate::ui::notice::Notice;
use crate::ui::widgets::path_field::{self, PathAction};
use crate::ui::widgets::text_field;
use crate::ui::windows::{DeskContext, DeskWindow, Placement, WindowId};
use crate::ui::{text, theme};

/// What the manager asked for in the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrivacyCommand {
    /// Call up the member with this number.
    Find(String),
    /// 開示: asks where to save (a file dialog), writes the file, records the request.
    DiscloseMemberData(MemberId, DisclosureFormat, DataRequest),
    /// 開示 to a path typed where no file dialog can open.
    DiscloseMemberDataTo(MemberId, DisclosureFormat, DataRequest, PathBuf),
    ClosePathField,
    /// 訂正: records the request, then opens the member's editor.
    RecordCorrection(MemberId, DataRequest),
    /// Cancels the member's bookings from today on, so the erasure can go ahead.
    CancelFutureBookings(MemberId),
    /// 削除.
    EraseMemberData(MemberId, DataRequest),
    SetRetentionYears(String),
}

/// What a disclosure's background job did.
#[derive(Debug)]
pub enum DisclosureOutcome {
    Written {
        member_id: MemberId,
        format: DisclosureFormat,
        request: DataRequest,
        path: PathBuf,
        bookings: usize,
        result: Result<(), crate::print::PrintError>,
    },
    Cancelled,
    /// No save dialog can open here: the window offers a path field starting from this.
    NoDialog {
        member_id: MemberId,
        format: DisclosureFormat,
        request: DataRequest,
        suggested: PathBuf,
    },
}

/// The member called up, as the window shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PrivacySubject {
    pub member_id: MemberId,
    pub number: String,
    pub name: String,
    pub kana: String,
    pub phone: String,
    pub consent_on: Option<NaiveDate>,
    pub bookings: usize,
    /// Bookings from today on that still hold or wait for a place.
    pub future: Vec<BookingLine>,
    pub requests: Vec<RecordedRequest>,
}

/// The window's model, read by the app.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PrivacyModel {
    pub subject: Option<PrivacySubject>,
    pub retention_years: u32,
    pub retention: Vec<RetentionLine>,
}

/// Whether the request came from the member or is the manager's own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Origin {
    #[default]
    Member,
    Manager,
}

pub struct PrivacyWindow {
    pub model: PrivacyModel,
    pub number: String,
    pub kind: RequestKind,
    pub origin: Origin,
    pub requested_by: String,
    pub identity_check: String,
    pub received_on: String,
    pub reason: String,
    pub confirmed: bool,
    pub retention_years: String,
    /// Messages next to the request's fields.
    pub errors: HashMap<RequestField, String>,
    pub received_error: Option<String>,
    pub notice: Option<Notice>,
    /// Where no file dialog can open: the format asked for, the request, the path typed.
    pub path_field: Option<(MemberId, DisclosureFormat, DataRequest, String)>,
    /// For a received date typed as 11/25.
    today: NaiveDate,
}

impl PrivacyWindow {
    pub fn new(model: PrivacyModel, today: NaiveDate) -> PrivacyWindow {
        PrivacyWindow {
            retention_years: model.retention_years.to_string(),
            model,
            number: String::new(),
            kind: RequestKind::Disclosure,
            origin: Origin::Member,
            requested_by: "本人".to_owned(),
            identity_check: String::new(),
            received_on: today.format("%Y-%m-%d").to_string(),
            reason: String::new(),
            confirmed: false,
            errors: HashMap::new(),
            received_error: None,
            notice: None,
            path_field: None,
            today,
        }
    }

    /// A new member called up: the request starts afresh.
    pub fn set_subject(&mut self, subject: Option<PrivacySubject>) {
        if self.model.subject.as_ref().map(|s| s.member_id) != subject.as_ref().map(|s| s.member_id) {
            self.confirmed = false;
            self.reason.clear();
            self.errors.clear();
        }
        if let Some(subject) = &subject {
            self.number = subject.number.clone();
        }
        self.model.subject = subject;
    }

    /// The request as filled in, or `None` with the day's message shown next to it.
    fn request(&mut self, kind: RequestKind) -> Option<DataRequest> {
        self.errors.clear();
        let Some(received_on) = parse_date(self.received_on.trim(), self.today) else {
            self.received_error = Some(text::PRIVACY_RECEIVED_WRONG.to_owned());
            return None;
        };
        self.received_error = None;
        let origin = match self.origin {
            Origin::Member => RequestOrigin::Member {
                requested_by: self.requested_by.clone(),
                identity_check: self.identity_check.clone(),
            },
            Origin::Manager => RequestOrigin::Manager,
        };
        let detail = if kind == RequestKind::Erasure { self.reason.clone() } else { String::new() };
        Some(DataRequest { kind, origin, received_on, detail })
    }

    fn field(
        &mut self,
        ui: &mut Ui,
        field: RequestField,
        label: &str,
        value_of: fn(&mut Self) -> &mut String,
        hint: &str,
    ) {
        ui.horizontal(|ui| {
            let label = ui.label(label);
            text_field::singleline(ui, value_of(self), |e| e.hint_text(hint).desired_width(320.0))
                .labelled_by(label.id);
        });
        if let Some(message) = self.errors.get(&field) {
            ui.label(RichText::new(message).color(theme::WARNING_TEXT));
        }
    }

    fn subject_section(&mut self, ui: &mut Ui, asked: &mut Vec<PrivacyCommand>) {
        let Some(subject) = self.model.subject.clone() else {
            return;
        };
        ui.label(
            RichText::new(text::member_line(&subject.number, &subject.name, &subject.kana, &subject.phone)).strong(),
        );
        match subject.consent_on {
            Some(day) => ui.label(format!("{}: {}", text::PRIVACY_CONSENT_ON, day.format("%Y-%m-%d"))),
            None => ui.label(RichText::new(text::NO_CONSENT_MARK).color(theme::WARNING_TEXT)),
        };
        ui.label(format!("{}: {} {}", text::PRIVACY_BOOKINGS, subject.bookings, text::ITEMS_SUFFIX));
        if !subject.requests.is_empty() {
            let past: Vec<String> = subject
                .requests
                .iter()
                .map(|r| format!("{} {}（{}）", r.received_on.format("%Y-%m-%d"), r.kind.label(), r.handled_by))
                .collect();
            ui.label(
                RichText::new(format!("{}: {}", text::PRIVACY_PAST_REQUESTS, past.join("、"))).color(theme::MUTED_TEXT),
            );
        }
        ui.separator();
        ui.horizontal(|ui| {
            ui.label(text::PRIVACY_KIND);
            for kind in RequestKind::ALL {
                ui.radio_value(&mut self.kind, kind, kind.label());
            }
        });
        ui.horizontal(|ui| {
            ui.radio_value(&mut self.origin, Origin::Member, text::PRIVACY_ORIGIN_MEMBER);
            if self.kind == RequestKind::Erasure {
                ui.radio_value(&mut self.origin, Origin::Manager, text::PRIVACY_ORIGIN_MANAGER);
            }
        });
        if self.kind != RequestKind::Erasure {
            self.origin = Origin::Member;
        }
        if self.origin == Origin::Member {
            let hint = text::PRIVACY_REQUESTED_BY_HINT;
            self.field(ui, RequestField::RequestedBy, text::PRIVACY_REQUESTED_BY, |w| &mut w.requested_by, hint);
            let hint = text::PRIVACY_IDENTITY_HINT;
            self.field(ui, RequestField::IdentityCheck, text::PRIVACY_IDENTITY, |w| &mut w.identity_check, hint);
        }
        ui.horizontal(|ui| {
            let label = ui.label(text::PRIVACY_RECEIVED);
            text_field::singleline(ui, &mut self.received_on, |e| e.desired_width(110.0)).labelled_by(label.id);
        });
        if let Some(message) = &self.received_error {
            ui.label(RichText::new(message).color(theme::WARNING_TEXT));
        }
        ui.label(RichText::new(text::PRIVACY_NO_NAMES).color(theme::MUTED_TEXT).size(theme::SMALL_TEXT_SIZE));
        ui.add_space(4.0);
        match self.kind {
            RequestKind::Disclosure => {
                ui.horizontal(|ui| {
                    for (format, label) in
                        [(DisclosureFormat::Pdf, text::DISCLOSE_PDF), (DisclosureFormat::Csv, text::DISCLOSE_CSV)]
                    {
                        if ui.button(label).clicked()
                            && let Some(request) = self.request(RequestKind::Disclosure)
                        {
                            asked.push(PrivacyCommand::DiscloseMemberData(subject.member_id, format, request));
                        }
                    }
                });
            }
            RequestKind::Correction => {
                if ui.button(text::CORRECTION_OPEN).clicked()
                    && let Some(request) = self.request(RequestKind::Correction)
                {
                    asked.push(PrivacyCommand::RecordCorrection(subject.member_id, request));
                }
            }
            RequestKind::Erasure => self.erasure_section(ui, &subject, asked),
        }
    }

    fn erasure_section(&mut self, ui: &mut Ui, subject: &PrivacySubject, asked: &mut Vec<PrivacyCommand>) {
        if !subject.future.is_empty() {
            ui.label(RichText::new(text::ERASE_FUTURE).color(theme::WARNING_TEXT));
            for line in &subject.future {
                ui.label(format!(
                    "{} {} {} {}",
                    crate::domain::time::month_day_weekday(line.date),
                    line.hours,
                    line.service_name,
                    line.state.label()
                ));
            }
            if ui.button(text::ERASE_CANCEL_FUTURE).clicked() {
                asked.push(PrivacyCommand::CancelFutureBookings(subject.member_id));
            }
            return;
        }
        let hint = text::ERASE_REASON_HINT;
        self.field(ui, RequestField::Detail, text::ERASE_REASON, |w| &mut w.reason, hint);
        ui.label(RichText::new(text::ERASE_WARNING).color(theme::WARNING_TEXT));
        ui.label(RichText::new(text::ERASE_BACKUPS).color(theme::WARNING_TEXT));
        ui.checkbox(&mut self.confirmed, text::ERASE_CONFIRM);
        if ui.add_enabled(self.confirmed, egui::Button::new(text::ERASE_BUTTON)).clicked()
            && let Some(request) = self.request(RequestKind::Erasure)
        {
            asked.push(PrivacyCommand::EraseMemberData(subject.member_id, request));
        }
    }

    fn retention_section(&mut self, ui: &mut Ui, asked: &mut Vec<PrivacyCommand>) {
        ui.label(RichText::new(text::RETENTION_HEADING).strong());
        ui.horizontal(|ui| {
            let label = ui.label(text::RETENTION_YEARS_LABEL);
            let edit =
                text_field::singleline(ui, &mut self.retention_years, |e| e.desired_width(40.0)).labelled_by(label.id);
            ui.label(text::RETENTION_YEARS_SUFFIX);
            let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button(text::SAVE_SETTING).clicked() || enter {
                asked.push(PrivacyCommand::SetRetentionYears(self.retention_years.trim().to_owned()));
            }
        });
        ui.label(RichText::new(text::RETENTION_EXPLAINED).color(theme::MUTED_TEXT).size(theme::SMALL_TEXT_SIZE));
        if self.model.retention.is_empty() {
            ui.label(text::RETENTION_NONE);
        }
        egui::ScrollArea::vertical().id_salt("retention").max_height(160.0).show(ui, |ui| {
            for line in &self.model.retention {
                ui.horizontal(|ui| {
                    let last = line
                        .last_booking
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_else(|| text::RETENTION_NEVER_BOOKED.to_owned());
                    ui.label(format!("{}  {}  {}", line.member.number, text::with_honorific(&line.member.name), last));
                    if ui.small_button(text::RETENTION_PICK).clicked() {
                        asked.push(PrivacyCommand::Find(line.member.number.clone()));
                        self.kind = RequestKind::Erasure;
                        self.origin = Origin::Manager;
                    }
                });
            }
        });
    }
}

impl DeskWindow for PrivacyWindow {
    fn title(&self) -> &str {
        text::PRIVACY_TITLE
    }

    fn placement(&self) -> Placement {
        Placement::at(300.0, 70.0).width(620.0).min_width(560.0).default_size(620.0, 600.0)
    }

    fn show(&mut self, ui: &mut Ui, _desk: &DeskContext, commands: &mut Vec<Command>) {
        let mut asked = Vec::new();
        egui::ScrollArea::vertical().max_height(600.0).show(ui, |ui| {
            ui.label(RichText::new(text::PRIVACY_EXPLAINED).color(theme::MUTED_TEXT).size(theme::SMALL_TEXT_SIZE));
            ui.horizontal(|ui| {
                let label = ui.label(text::PRIVACY_NUMBER);
                let edit =
                    text_field::singleline(ui, &mut self.number, |e| e.desired_width(120.0)).labelled_by(label.id);
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button(text::PRIVACY_FIND).clicked() || enter {
                    asked.push(PrivacyCommand::Find(self.number.trim().to_owned()));
                }
            });
            if let Some(notice) = &self.notice {
                notice.show(ui);
            }
            if let Some((member_id, format, request, path)) = self.path_field.as_mut() {
                match path_field::show(ui, path, text::SAVE_TO_PATH) {
                    Some(PathAction::Use(path)) => {
                        asked.push(PrivacyCommand::DiscloseMemberDataTo(*member_id, *format, request.clone(), path))
                    }
                    Some(PathAction::Cancel) => asked.push(PrivacyCommand::ClosePathField),
                    None => {}
                }
            }
            self.subject_section(ui, &mut asked);
            ui.separator();
            self.retention_section(ui, &mut asked);
            ui.separator();
            if ui.button(text::CLOSE).clicked() {
                commands.push(Command::CloseWindow(WindowId::of::<PrivacyWindow>()));
            }
        });
        commands.extend(asked.into_iter().map(Command::Privacy));
    }
}
