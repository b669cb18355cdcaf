//! The manager's settings: services (name, person in charge, capacity, lengths, weekly
//! windows, holidays, state, period), closures, program dates, the organisation's
//! details, and the bookings to phone about after a change. A change that would hit
//! bookings lists them first and asks.

use chrono::{NaiveDate, Weekday};
use egui::{ComboBox, RichText, Ui};

use crate::domain::schedule::{
    Closure, ProgramEvent, Service, ServiceId, ServiceKind, ServicePeriod, ServiceStatus, parse_capacity,
};
use crate::domain::time::{Interval, TimeOfDay, month_day_weekday, parse_date, weekday_kanji};
use crate::store::{BookingLine, Organisation, ScheduleChange};
use crate::ui::command::Command;
use crate::ui::notice::Notice;
use crate::ui::windows::{DeskContext, DeskWindow, Placement, WindowId};
use crate::ui::{text, theme};

/// What the manager asked for in the settings window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsCommand {
    /// Shows what the change would hit; applies it at once when it hits nothing.
    Change(ScheduleChange),
    ConfirmChange,
    CancelChange,
    SaveOrganisation(Organisation),
    CallDone(i64),
}

/// What the settings window shows, read by the app.
#[derive(Clone, Debug, Default)]
pub struct SettingsModel {
    pub services: Vec<Service>,
    pub windows: Vec<(ServiceId, Weekday, Interval)>,
    pub periods: Vec<ServicePeriod>,
    pub closures: Vec<Closure>,
    pub events: Vec<(ProgramEvent, String)>,
    pub organisation: Organisation,
    pub to_call: Vec<BookingLine>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Tab {
    #[default]
    Services,
    Closures,
    Events,
    ToCall,
    Organisation,
}

#[derive(Default)]
pub struct SettingsView {
    pub model: SettingsModel,
    tab: Tab,
    service: Option<ServiceForm>,
    closure: (Option<ServiceId>, String, String, String),
    event: (Option<ServiceId>, String, String, String, String, String),
    organisation: Option<Organisation>,
    /// Field errors of the form being saved: (field label, message).
    errors: Vec<(&'static str, String)>,
    /// A change waiting for the manager's go, with the bookings it would hit.
    pub pending: Option<(ScheduleChange, Vec<BookingLine>)>,
    /// How the last action went.
    pub notice: Option<Notice>,
}

impl DeskWindow for SettingsView {
    fn title(&self) -> &str {
        text::SETTINGS_TITLE
    }

    fn placement(&self) -> Placement {
        Placement::at(260.0, 80.0).width(760.0).min_width(640.0)
    }

    fn show(&mut self, ui: &mut Ui, desk: &DeskContext, commands: &mut Vec<Command>) {
        self.tabs(ui, desk.today, commands);
    }
}

mod service_form;

use crate::ui::widgets::text_field;
use service_form::{ServiceForm, service_change};

const WEEKDAYS: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

impl SettingsView {
    /// Takes in fresh figures; the forms keep what is being typed unless it was saved.
    pub fn set_model(&mut self, model: SettingsModel) {
        self.model = model;
        if let Some(id) = self.service.as_ref().map(|f| f.id) {
            self.edit_service(id);
        }
        self.organisation = Some(self.model.organisation.clone());
    }

    /// After a change was saved: the forms start afresh from the data.
    pub fn saved(&mut self, message: String) {
        self.pending = None;
        self.errors.clear();
        self.closure = Default::default();
        self.event.1.clear();
        self.event.5.clear();
        self.notice = Some(Notice::done(message));
    }

    fn edit_service(&mut self, id: ServiceId) {
        let Some(service) = self.model.services.iter().find(|s| s.id == id) else {
            return;
        };
        let period = self.model.periods.iter().find(|p| p.service_id == id);
        self.service = Some(ServiceForm {
            id,
            name: service.name.clone(),
            short_name: service.short_name.clone(),
            staff: service.staff.clone(),
            capacity: service.capacity.to_string(),
            lengths: service.lengths.iter().map(u16::to_string).collect::<Vec<_>>().join(","),
            runs_on_holidays: service.runs_on_holidays,
            status: Some(service.status),
            windows: self
                .model
                .windows
                .iter()
                .filter(|(sid, _, _)| *sid == id)
                .map(|(_, day, hours)| (*day, hours.start.to_string(), hours.end.to_string()))
                .collect(),
            period_from: period.map(|p| p.from.to_string()).unwrap_or_default(),
            period_to: period.map(|p| p.to.to_string()).unwrap_or_default(),
            capacity_from: String::new(),
        });
        self.errors.clear();
    }

    fn tabs(&mut self, ui: &mut Ui, today: NaiveDate, commands: &mut Vec<Command>) {
        let mut asked = Vec::new();
        if self.service.is_none()
            && let Some(first) = self.model.services.first().map(|s| s.id)
        {
            self.edit_service(first);
        }
        ui.horizontal(|ui| {
            for (tab, label) in [
                (Tab::Services, text::SETTINGS_TAB_SERVICES),
                (Tab::Closures, text::SETTINGS_TAB_CLOSURES),
                (Tab::Events, text::SETTINGS_TAB_EVENTS),
                (Tab::ToCall, text::SETTINGS_TAB_TO_CALL),
                (Tab::Organisation, text::SETTINGS_TAB_ORGANISATION),
            ] {
                let label = if tab == Tab::ToCall && !self.model.to_call.is_empty() {
                    format!("{label}（{}）", self.model.to_call.len())
                } else {
                    label.to_owned()
                };
                if ui.selectable_label(self.tab == tab, label).clicked() {
                    self.tab = tab;
                    self.errors.clear();
                    self.notice = None;
                }
            }
        });
        ui.separator();
        if let Some(notice) = &self.notice {
            notice.show(ui);
        }
        if let Some((_, hit)) = &self.pending {
            pending_change(ui, hit, &mut asked);
        } else {
            egui::ScrollArea::vertical().max_height(500.0).show(ui, |ui| match self.tab {
                Tab::Services => self.services_tab(ui, today, &mut asked),
                Tab::Closures => self.closures_tab(ui, today, &mut asked),
                Tab::Events => self.events_tab(ui, today, &mut asked),
                Tab::ToCall => to_call_tab(ui, &self.model.to_call, &mut asked),
                Tab::Organisation => self.organisation_tab(ui, &mut asked),
            });
        }
        ui.separator();
        if ui.button(text::CLOSE).clicked() {
            commands.push(Command::CloseWindow(WindowId::of::<SettingsView>()));
        }
        commands.extend(asked.into_iter().map(Command::Settings));
    }

    fn error_for(&self, ui: &mut Ui, field: &str) {
        for (_, message) in self.errors.iter().filter(|(f, _)| *f == field) {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
        }
    }

    fn services_tab(&mut self, ui: &mut Ui, today: NaiveDate, asked: &mut Vec<SettingsCommand>) {
        let current = self.service.as_ref().map(|f| f.id);
        let mut choose = None;
        ui.horizontal_wrapped(|ui| {
            for service in &self.model.services {
                if ui.selectable_label(current == Some(service.id), &service.short_name).clicked() {
                    choose = Some(service.id);
                }
            }
        });
        if let Some(id) = choose {
            self.edit_service(id);
        }
        let Some(kind) = current.and_then(|id| self.model.services.iter().find(|s| s.id == id)).map(|s| s.kind) else {
            return;
        };
        let errors = self.errors.clone();
        let Some(form) = self.service.as_mut() else {
            return;
        };
        let field_error = |ui: &mut Ui, field: &str| {
            for (_, message) in errors.iter().filter(|(f, _)| *f == field) {
                ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
            }
        };
        ui.add_space(4.0);
        egui::Grid::new("service_form").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
            for (label, value, width) in [
                (text::SERVICE_NAME, &mut form.name, 320.0),
                (text::SERVICE_SHORT_NAME, &mut form.short_name, 140.0),
                (text::SERVICE_STAFF, &mut form.staff, 200.0),
            ] {
                let l = ui.label(label);
                ui.vertical(|ui| {
                    text_field::singleline(ui, value, |e| e.desired_width(width)).labelled_by(l.id);
                    field_error(ui, label);
                });
                ui.end_row();
            }
            let capacity_label =
                if kind == ServiceKind::Consultation { text::SERVICE_CALLERS } else { text::SERVICE_CAPACITY };
            let l = ui.label(capacity_label);
            ui.vertical(|ui| {
                // The capacity and the day it applies from, on one line.
                ui.horizontal(|ui| {
                    text_field::singleline(ui, &mut form.capacity, |e| e.desired_width(60.0)).labelled_by(l.id);
                    let from = ui.label(text::CAPACITY_CHANGE_FROM);
                    text_field::singleline(ui, &mut form.capacity_from, |e| {
                        e.desired_width(110.0).hint_text(text::CAPACITY_CHANGE_TODAY)
                    })
                    .labelled_by(from.id);
                });
                field_error(ui, text::SERVICE_CAPACITY);
                field_error(ui, text::CAPACITY_CHANGE_FROM);
            });
            ui.end_row();
            if kind == ServiceKind::Consultation {
                let l = ui.label(text::SERVICE_LENGTHS);
                ui.vertical(|ui| {
                    text_field::singleline(ui, &mut form.lengths, |e| e.desired_width(100.0).hint_text("30,60"))
                        .labelled_by(l.id);
                    field_error(ui, text::SERVICE_LENGTHS);
                });
                ui.end_row();
            }
            ui.label(text::SERVICE_STATUS);
            ui.horizontal(|ui| {
                for status in [ServiceStatus::Scheduled, ServiceStatus::UnderReview, ServiceStatus::Paused] {
                    ui.radio_value(&mut form.status, Some(status), status.label());
                }
            });
            ui.end_row();
            ui.label(text::SERVICE_HOLIDAYS);
            ui.checkbox(&mut form.runs_on_holidays, text::SERVICE_RUNS_ON_HOLIDAYS);
            ui.end_row();
            if matches!(kind, ServiceKind::GroupSession | ServiceKind::Consultation) {
                let windows_label = ui.label(text::SERVICE_WINDOWS);
                ui.vertical(|ui| {
                    let mut remove = None;
                    for (index, (day, start, end)) in form.windows.iter_mut().enumerate() {
                        ui.horizontal(|ui| {
                            ComboBox::from_id_salt(("window_day", index))
                                .selected_text(text::weekday_name(weekday_kanji(*day)))
                                .width(60.0)
                                .show_ui(ui, |ui| {
                                    for choice in WEEKDAYS {
                                        ui.selectable_value(day, choice, text::weekday_name(weekday_kanji(choice)));
                                    }
                                })
                                .response
                                .labelled_by(windows_label.id);
                            text_field::singleline(ui, start, |e| e.desired_width(64.0).hint_text("13:00"))
                                .labelled_by(windows_label.id);
                            ui.label("〜");
                            text_field::singleline(ui, end, |e| e.desired_width(64.0).hint_text("15:00"))
                                .labelled_by(windows_label.id);
                            if ui.small_button(text::REMOVE).clicked() {
                                remove = Some(index);
                            }
                        });
                    }
                    if let Some(index) = remove {
                        form.windows.remove(index);
                    }
                    if ui.small_button(text::SERVICE_ADD_WINDOW).clicked() {
                        form.windows.push((Weekday::Wed, "13:00".into(), "15:00".into()));
                    }
                    field_error(ui, text::SERVICE_WINDOWS);
                });
                ui.end_row();
            }
            ui.label(text::SERVICE_PERIOD);
            ui.vertical(|ui| {
                ui.horizontal(|ui| {
                    text_field::singleline(ui, &mut form.period_from, |e| {
                        e.desired_width(96.0).hint_text("2026-04-01")
                    });
                    ui.label("〜");
                    text_field::singleline(ui, &mut form.period_to, |e| e.desired_width(96.0).hint_text("2026-05-31"));
                });
                ui.label(RichText::new(text::SERVICE_PERIOD_HINT).color(theme::MUTED_TEXT));
                field_error(ui, text::SERVICE_PERIOD);
            });
            ui.end_row();
        });
        ui.add_space(6.0);
        if ui.button(RichText::new(text::SAVE_SETTING).strong()).clicked() {
            match service_change(form, kind, today) {
                Ok(change) => {
                    self.errors.clear();
                    asked.push(SettingsCommand::Change(change));
                }
                Err(errors) => self.errors = errors,
            }
        }
    }

    fn closures_tab(&mut self, ui: &mut Ui, today: NaiveDate, asked: &mut Vec<SettingsCommand>) {
        ui.label(RichText::new(text::CLOSURES_NOW).strong());
        if self.model.closures.is_empty() {
            ui.label(text::CLOSURES_NONE);
        }
        for closure in &self.model.closures {
            ui.horizontal(|ui| {
                let whom = closure
                    .service_id
                    .and_then(|id| self.model.services.iter().find(|s| s.id == id))
                    .map_or(text::CLOSURE_ALL_SERVICES, |s| s.short_name.as_str());
                ui.label(format!(
                    "{} 〜 {}　{whom}　{}",
                    month_day_weekday(closure.from),
                    month_day_weekday(closure.to),
                    closure.reason
                ));
                if ui.small_button(text::REMOVE).clicked() {
                    asked.push(SettingsCommand::Change(ScheduleChange::RemoveClosure(closure.id)));
                }
            });
        }
        ui.separator();
        ui.label(RichText::new(text::CLOSURE_NEW).strong());
        let (service, from, to, reason) = &mut self.closure;
        egui::Grid::new("closure_form").num_columns(2).show(ui, |ui| {
            let service_label = ui.label(text::CLOSURE_SERVICE);
            let shown = service
                .and_then(|id| self.model.services.iter().find(|s| s.id == id))
                .map_or(text::CLOSURE_ALL_SERVICES, |s| s.short_name.as_str());
            ComboBox::from_id_salt("closure_service")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(service, None, text::CLOSURE_ALL_SERVICES);
                    for s in &self.model.services {
                        ui.selectable_value(service, Some(s.id), &s.short_name);
                    }
                })
                .response
                .labelled_by(service_label.id);
            ui.end_row();
            for (label, value) in [(text::CLOSURE_FROM, &mut *from), (text::CLOSURE_TO, &mut *to)] {
                let l = ui.label(label);
                ui.vertical(|ui| {
                    text_field::singleline(ui, value, |e| e.desired_width(110.0).hint_text("12/28")).labelled_by(l.id);
                    for (_, message) in self.errors.iter().filter(|(f, _)| *f == label) {
                        ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
                    }
                });
                ui.end_row();
            }
            let l = ui.label(text::CLOSURE_REASON);
            ui.vertical(|ui| {
                text_field::singleline(ui, reason, |e| e.desired_width(260.0)).labelled_by(l.id);
                for (_, message) in self.errors.iter().filter(|(f, _)| *f == text::CLOSURE_REASON) {
                    ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
                }
            });
            ui.end_row();
        });
        if ui.button(RichText::new(text::CLOSURE_ADD).strong()).clicked() {
            let mut errors = Vec::new();
            let from_date = parse_date(from, today);
            let to_date = if to.trim().is_empty() { from_date } else { parse_date(to, today) };
            if from_date.is_none() {
                errors.push((text::CLOSURE_FROM, text::DATE_NOT_UNDERSTOOD.to_owned()));
            }
            if to_date.is_none() {
                errors.push((text::CLOSURE_TO, text::DATE_NOT_UNDERSTOOD.to_owned()));
            }
            if reason.trim().is_empty() {
                errors.push((text::CLOSURE_REASON, text::CLOSURE_REASON_NEEDED.to_owned()));
            }
            match (from_date, to_date) {
                (Some(f), Some(t)) if f > t => errors.push((text::CLOSURE_TO, text::CLOSURE_BACKWARDS.to_owned())),
                (Some(f), Some(t)) if errors.is_empty() => {
                    asked.push(SettingsCommand::Change(ScheduleChange::AddClosure {
                        service_id: *service,
                        from: f,
                        to: t,
                        reason: reason.trim().to_owned(),
                    }))
                }
                _ => {}
            }
            self.errors = errors;
        }
    }

    fn events_tab(&mut self, ui: &mut Ui, today: NaiveDate, asked: &mut Vec<SettingsCommand>) {
        let programs: Vec<&Service> = self.model.services.iter().filter(|s| s.kind == ServiceKind::Program).collect();
        ui.label(RichText::new(text::EVENTS_NOW).strong());
        if self.model.events.is_empty() {
            ui.label(text::EVENTS_NONE);
        }
        for (event, notes) in &self.model.events {
            ui.horizontal(|ui| {
                let name = programs.iter().find(|s| s.id == event.service_id).map_or("", |s| s.name.as_str());
                ui.label(text::program_event_line(
                    &month_day_weekday(event.date),
                    &event.hours.to_string(),
                    name,
                    event.capacity,
                    notes,
                ));
                if ui.small_button(text::REMOVE).clicked() {
                    asked.push(SettingsCommand::Change(ScheduleChange::RemoveProgramEvent(event.id)));
                }
            });
        }
        ui.separator();
        ui.label(RichText::new(text::EVENT_NEW).strong());
        let (service, date, start, end, capacity, notes) = &mut self.event;
        if service.is_none() {
            *service = programs.first().map(|s| s.id);
        }
        egui::Grid::new("event_form").num_columns(2).show(ui, |ui| {
            let program_label = ui.label(text::EVENT_PROGRAM);
            let shown = service.and_then(|id| programs.iter().find(|s| s.id == id)).map_or("", |s| s.name.as_str());
            ComboBox::from_id_salt("event_program")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for s in &programs {
                        ui.selectable_value(service, Some(s.id), format!("{}（{}）", s.name, s.status.label()));
                    }
                })
                .response
                .labelled_by(program_label.id);
            ui.end_row();
            for (label, value, hint) in [
                (text::EVENT_DATE, &mut *date, "12/3"),
                (text::EVENT_START, &mut *start, "14:00"),
                (text::EVENT_END, &mut *end, "15:30"),
                (text::EVENT_CAPACITY, &mut *capacity, "8"),
                (text::EVENT_NOTES, &mut *notes, ""),
            ] {
                let l = ui.label(label);
                ui.vertical(|ui| {
                    text_field::singleline(ui, value, |e| e.desired_width(140.0).hint_text(hint)).labelled_by(l.id);
                    for (_, message) in self.errors.iter().filter(|(f, _)| *f == label) {
                        ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
                    }
                });
                ui.end_row();
            }
        });
        if ui.button(RichText::new(text::EVENT_ADD).strong()).clicked() {
            let mut errors = Vec::new();
            let day = parse_date(date, today);
            if day.is_none() {
                errors.push((text::EVENT_DATE, text::DATE_NOT_UNDERSTOOD.to_owned()));
            }
            let hours = match (TimeOfDay::parse(start), TimeOfDay::parse(end)) {
                (Some(s), Some(e)) => Interval::new(s, e),
                _ => None,
            };
            if hours.is_none() {
                errors.push((text::EVENT_END, text::TIMES_NOT_UNDERSTOOD.to_owned()));
            }
            let places = parse_capacity(capacity)
                .map_err(|problem| errors.push((text::EVENT_CAPACITY, problem.to_string())))
                .ok();
            if let (Some(service_id), Some(date), Some(hours), Some(capacity)) = (*service, day, hours, places) {
                asked.push(SettingsCommand::Change(ScheduleChange::AddProgramEvent {
                    service_id,
                    date,
                    hours,
                    capacity,
                    notes: notes.trim().to_owned(),
                }));
            }
            self.errors = errors;
        }
    }

    fn organisation_tab(&mut self, ui: &mut Ui, asked: &mut Vec<SettingsCommand>) {
        let organisation = self.organisation.get_or_insert_with(|| self.model.organisation.clone());
        egui::Grid::new("organisation_form").num_columns(2).show(ui, |ui| {
            for (label, value) in [
                (text::ORGANISATION_NAME, &mut organisation.name),
                (text::ORGANISATION_PHONE, &mut organisation.phone),
                (text::ORGANISATION_EMAIL, &mut organisation.email),
                (text::ORGANISATION_DESK_HOURS, &mut organisation.desk_hours),
            ] {
                let l = ui.label(label);
                text_field::singleline(ui, value, |e| e.desired_width(300.0)).labelled_by(l.id);
                ui.end_row();
            }
        });
        if ui.button(RichText::new(text::SAVE_SETTING).strong()).clicked() {
            asked.push(SettingsCommand::SaveOrganisation(organisation.clone()));
        }
        self.error_for(ui, text::ORGANISATION_NAME);
    }
}

/// The change waits: the bookings it would hit, with phone numbers, and the question.
fn pending_change(ui: &mut Ui, hit: &[BookingLine], asked: &mut Vec<SettingsCommand>) {
    ui.label(
        RichText::new(format!("{}{}", hit.len(), text::CHANGE_HITS_BOOKINGS))
            .color(ui.visuals().warn_fg_color)
            .strong(),
    );
    egui::ScrollArea::vertical().max_height(300.0).id_salt("hit_bookings").show(ui, |ui| {
        booking_rows(ui, hit, None);
    });
    ui.horizontal(|ui| {
        if ui.button(RichText::new(text::CHANGE_CONFIRM).strong()).clicked() {
            asked.push(SettingsCommand::ConfirmChange);
        }
        if ui.button(text::CANCEL).clicked() {
            asked.push(SettingsCommand::CancelChange);
        }
    });
}

fn to_call_tab(ui: &mut Ui, lines: &[BookingLine], asked: &mut Vec<SettingsCommand>) {
    ui.label(text::TO_CALL_EXPLAINED);
    if lines.is_empty() {
        ui.label(text::TO_CALL_NONE);
    }
    booking_rows(ui, lines, Some(asked));
}

fn booking_rows(ui: &mut Ui, lines: &[BookingLine], mut asked: Option<&mut Vec<SettingsCommand>>) {
    egui::Grid::new("booking_rows").striped(true).show(ui, |ui| {
        for line in lines {
            ui.label(format!("{} {}", month_day_weekday(line.date), line.hours));
            ui.label(&line.service_name);
            ui.label(format!("{} {}", line.member.number, text::with_honorific(&line.member.name)));
            ui.label(line.state.label());
            ui.label(RichText::new(&line.member.phone).strong());
            ui.label(RichText::new(line.call_reason.as_deref().unwrap_or("")).color(theme::MUTED_TEXT));
            if let Some(asked) = asked.as_deref_mut()
                && ui.small_button(text::CALL_DONE).clicked()
            {
                asked.push(SettingsCommand::CallDone(line.id));
            }
            ui.end_row();
        }
    });
}
