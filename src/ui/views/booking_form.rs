//! The booking form, used while the member is on the phone: find the member, pick the
//! service, date and a free start, save, and read the booking back. Everything works from
//! the keyboard: Ctrl+N opens it with the search box focused, ↑↓ and Enter pick a member,
//! Enter saves, Esc closes. Enter saves only when the form holds the focus (never from a
//! window above it), Tab goes round the form's fields, and after a booking the cursor is
//! back in the cleared search for the next caller. What was typed stays when a booking is
//! refused.

use chrono::NaiveDate;
use egui::{Key, RichText, Ui};

use crate::domain::booking::{BookingRequest, Channel};
use crate::domain::member::MemberId;
use crate::domain::schedule::{ServiceId, ServiceKind};
use crate::domain::time::{Interval, TimeOfDay, month_day_weekday, parse_date};
use crate::store::WhenFull;
use crate::ui::command::{Command, UiCommand};
use crate::ui::focus::FocusRing;
use crate::ui::widgets::text_field;
use crate::ui::{text, theme};

/// A member found by the search box, ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberHit {
    pub id: MemberId,
    pub number: String,
    pub name: String,
    pub kana: String,
    pub phone: String,
    /// Whether their consent to the handling of personal data is recorded; without it the
    /// list marks them (同意未確認) so the desk asks.
    pub consented: bool,
}

/// A service the desk can book, with what the form needs to know of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceChoice {
    pub id: ServiceId,
    pub name: String,
    pub kind: ServiceKind,
    pub lengths: Vec<u16>,
}

/// What the app works out for the form when its inputs change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BookingFormModel {
    pub services: Vec<ServiceChoice>,
    pub member_hits: Vec<MemberHit>,
    /// Consultation starts still free for the chosen service, date and length.
    pub free_starts: Vec<TimeOfDay>,
    /// Why the chosen date has no session (a holiday, a closure), if so.
    pub day_off: Option<String>,
    /// The group session's hours on the chosen date, for the join/leave defaults.
    pub session_hours: Option<Interval>,
    /// The service, date and length these were worked out for (read again when the data
    /// changes elsewhere).
    pub inputs: Option<Inputs>,
}

/// The fields a message can belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormField {
    Member,
    Date,
    Start,
    Join,
    Leave,
    Whole,
}

/// What the service, date and length are now: when this changes, the app recomputes the
/// free starts.
pub type Inputs = (ServiceId, NaiveDate, u16);

pub struct BookingForm {
    query: String,
    searched: String,
    highlighted: usize,
    member: Option<MemberHit>,
    service_id: Option<ServiceId>,
    date_text: String,
    minutes: u16,
    start: Option<TimeOfDay>,
    join_text: String,
    leave_text: String,
    theme: String,
    channel: Channel,
    notes: String,
    /// A past date entered on purpose (a paper booking typed in later): asked for, never
    /// assumed, and cleared whenever the date changes.
    late_record: bool,
    errors: Vec<(FormField, String)>,
    /// After a refusal for a full session: the waitlist can be offered.
    can_waitlist: bool,
    read_back: Option<String>,
    focus_search: bool,
    inputs_sent: Option<Inputs>,
    /// The free starts last shown, for which inputs: a chosen start that drops out of
    /// them was taken meanwhile (another desk, window or program).
    offered: Option<(Inputs, Vec<TimeOfDay>)>,
    /// The form's widgets, for Enter and Tab.
    ring: FocusRing,
}

impl BookingForm {
    /// A new form for `service_id` on `date`, optionally at a start time.
    pub fn new(service_id: Option<ServiceId>, date: NaiveDate, start: Option<TimeOfDay>) -> BookingForm {
        BookingForm {
            query: String::new(),
            searched: String::new(),
            highlighted: 0,
            member: None,
            service_id,
            date_text: date.format("%Y-%m-%d").to_string(),
            minutes: 30,
            start,
            join_text: String::new(),
            leave_text: String::new(),
            theme: String::new(),
            channel: Channel::Phone,
            notes: String::new(),
            late_record: false,
            errors: Vec::new(),
            can_waitlist: false,
            read_back: None,
            focus_search: true,
            inputs_sent: None,
            offered: None,
            ring: FocusRing::default(),
        }
    }

    /// Searches for `query` as if typed (after a member was added during the call).
    pub fn set_query(&mut self, query: &str) {
        self.query = query.to_owned();
        self.member = None;
        self.focus_search = true;
    }

    /// Puts the cursor back in the search box (Ctrl+F).
    pub fn focus_search(&mut self) {
        self.focus_search = true;
    }

    /// Takes `member` as the caller (a member just added during the call).
    pub fn pick_member(&mut self, member: MemberHit) {
        self.query = member.number.clone();
        self.searched = self.query.clone();
        self.member = Some(member);
        self.errors.retain(|(f, _)| *f != FormField::Member);
        self.focus_search = true;
    }

    /// A double click in the grid: this service, date and start, keeping the member and
    /// what else was typed.
    pub fn book_at(&mut self, service_id: ServiceId, date: NaiveDate, start: TimeOfDay) {
        self.service_id = Some(service_id);
        self.date_text = date.format("%Y-%m-%d").to_string();
        self.start = Some(start);
        self.late_record = false;
        self.errors.clear();
        self.can_waitlist = false;
        self.inputs_sent = None;
    }

    /// The consultation length chosen (minutes).
    pub fn minutes(&self) -> u16 {
        self.minutes
    }

    /// The start asked for in the grid is taken: say so beside the starts.
    pub fn start_taken(&mut self, message: String) {
        self.read_back = None;
        self.errors = vec![(FormField::Start, message)];
    }

    /// Puts the cursor in the form's first field when Tab is pressed with nothing focused.
    pub fn take_stray_tab(&self, ui: &Ui) {
        self.ring.take_stray_tab(ui);
    }

    /// The app reports a saved booking: show the read-back line and clear for the next call.
    pub fn saved(&mut self, read_back: String) {
        self.read_back = Some(read_back);
        self.errors.clear();
        self.can_waitlist = false;
        self.member = None;
        self.late_record = false;
        self.query.clear();
        self.theme.clear();
        self.notes.clear();
        // The next caller: the cursor waits in the cleared search.
        self.focus_search = true;
    }

    /// The app reports a refusal: the reason goes next to the field, nothing is cleared.
    pub fn refused(&mut self, field: FormField, message: String, can_waitlist: bool) {
        self.read_back = None;
        self.errors = vec![(field, message)];
        self.can_waitlist = can_waitlist;
    }

    fn error(&self, field: FormField) -> Option<&str> {
        self.errors.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str())
    }

    fn show_error(&self, ui: &mut Ui, field: FormField) {
        if let Some(message) = self.error(field) {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
        }
    }

    pub fn show(&mut self, ui: &mut Ui, model: &BookingFormModel, today: NaiveDate, commands: &mut Vec<Command>) {
        self.ring.begin(ui);
        let ring = &mut self.ring;
        ui.horizontal(|ui| {
            ui.heading(text::NEW_BOOKING);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ring.button(ui.button(text::CLOSE)).clicked() {
                    commands.push(Command::CloseBookingForm);
                }
            });
        });
        if let Some(line) = &self.read_back {
            egui::Frame::new().fill(theme::READ_BACK_FILL).inner_margin(8.0).corner_radius(4.0).show(ui, |ui| {
                ui.label(RichText::new(text::READ_BACK).size(theme::SMALL_TEXT_SIZE).color(theme::MUTED_TEXT));
                ui.label(RichText::new(line).size(theme::READ_BACK_TEXT_SIZE).strong());
            });
        }
        ui.separator();

        // The member.
        let search_label = ui.label(text::MEMBER_SEARCH);
        let search = self.ring.field(text_field::singleline(ui, &mut self.query, |e| {
            e.id_salt("booking_search").hint_text(text::MEMBER_SEARCH_HINT).desired_width(f32::INFINITY)
        }));
        let search = search.labelled_by(search_label.id);
        if self.focus_search {
            search.request_focus();
            self.focus_search = false;
        }
        if self.query != self.searched {
            self.searched = self.query.clone();
            self.highlighted = 0;
            commands.push(Command::SearchMembers(self.query.clone()));
        }
        let mut pick_member = None;
        if search.has_focus() && !model.member_hits.is_empty() {
            ui.input_mut(|i| {
                if i.consume_key(egui::Modifiers::NONE, Key::ArrowDown) {
                    self.highlighted = (self.highlighted + 1).min(model.member_hits.len() - 1);
                }
                if i.consume_key(egui::Modifiers::NONE, Key::ArrowUp) {
                    self.highlighted = self.highlighted.saturating_sub(1);
                }
            });
        }
        let search_entered = search.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        let choosing = !self.query.trim().is_empty() && self.member.as_ref().is_none_or(|m| m.number != self.query);
        if choosing {
            for (index, hit) in model.member_hits.iter().take(8).enumerate() {
                let mut line = RichText::new(text::member_choice(&hit.number, &hit.name, &hit.kana, &hit.phone));
                if !hit.consented {
                    line = RichText::new(format!("{}  【{}】", line.text(), text::NO_CONSENT_MARK))
                        .color(theme::NO_CONSENT_TEXT);
                }
                if self.ring.button(ui.selectable_label(index == self.highlighted, line)).clicked() {
                    pick_member = Some(hit.clone());
                }
            }
            if model.member_hits.is_empty() {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(text::NO_MEMBER_FOUND).color(theme::MUTED_TEXT));
                    if self.ring.button(ui.button(text::MEMBER_WINDOW_NEW)).clicked() {
                        commands.push(Command::Run(UiCommand::NewMember));
                    }
                });
            }
            if search_entered && pick_member.is_none() {
                pick_member = model.member_hits.get(self.highlighted).cloned();
            }
        }
        let mut save = false;
        // Enter in one of the form's fields saves it, except the Enter that picks a member
        // from the list; Enter in a window above the form is that window's.
        let enter_saves = self.ring.enter_in_field(ui) && pick_member.is_none();
        if let Some(hit) = pick_member {
            // The cursor stays in the search: Enter again saves, Tab goes on to the service.
            self.pick_member(hit);
        }
        if let Some(member) = &self.member {
            ui.label(
                RichText::new(text::member_line(&member.number, &member.name, &member.kana, &member.phone)).strong(),
            );
        }
        self.show_error(ui, FormField::Member);
        ui.add_space(6.0);

        // The service.
        ui.label(text::SERVICE);
        ui.horizontal_wrapped(|ui| {
            for service in &model.services {
                self.ring.field(ui.selectable_value(&mut self.service_id, Some(service.id), &service.name));
            }
        });
        let service = model.services.iter().find(|s| Some(s.id) == self.service_id);

        // The date.
        ui.horizontal(|ui| {
            let label = ui.label(text::DATE);
            let date_field = self.ring.field(
                text_field::singleline(ui, &mut self.date_text, |e| e.id_salt("booking_date").desired_width(120.0))
                    .labelled_by(label.id),
            );
            if date_field.changed() {
                self.late_record = false;
            }
            if let Some(date) = parse_date(&self.date_text, today) {
                ui.label(month_day_weekday(date));
            }
        });
        let date = parse_date(&self.date_text, today);
        if date.is_none() && !self.date_text.trim().is_empty() {
            ui.label(RichText::new(text::DATE_NOT_UNDERSTOOD).color(ui.visuals().error_fg_color));
        }
        if date.is_some_and(|date| date < today) {
            ui.label(RichText::new(text::PAST_DATE).color(theme::WARNING_TEXT));
            self.ring.field(ui.checkbox(&mut self.late_record, text::LATE_RECORD));
        }
        if let Some(day_off) = model.day_off.as_ref().filter(|_| self.error(FormField::Date).is_none()) {
            ui.label(RichText::new(format!("{}: {day_off}", text::DAY_OFF)).color(theme::WARNING_TEXT));
        }
        self.show_error(ui, FormField::Date);

        // The time.
        match service.map(|s| s.kind) {
            Some(ServiceKind::Consultation) => {
                let lengths = service.map(|s| s.lengths.clone()).unwrap_or_default();
                ui.horizontal(|ui| {
                    ui.label(text::LENGTH);
                    for minutes in lengths {
                        self.ring.field(ui.radio_value(&mut self.minutes, minutes, text::minutes(minutes)));
                    }
                });
                ui.label(text::START);
                // The start the caller was told is gone: say so and choose nothing, rather
                // than book another time than the one read back on the phone.
                if let (Some(start), Some((inputs, offered))) = (self.start, &self.offered)
                    && Some(*inputs) == self.inputs_sent
                    && offered.contains(&start)
                    && !model.free_starts.contains(&start)
                {
                    self.start = None;
                    self.errors.retain(|(f, _)| *f != FormField::Start);
                    self.errors.push((FormField::Start, text::start_taken_meanwhile(start)));
                }
                if let Some(inputs) = self.inputs_sent
                    && self.offered.as_ref().is_none_or(|(i, starts)| *i != inputs || *starts != model.free_starts)
                {
                    self.offered = Some((inputs, model.free_starts.clone()));
                }
                if model.free_starts.is_empty() {
                    ui.label(RichText::new(text::NO_FREE_START).color(theme::MUTED_TEXT));
                } else if self.start.is_none_or(|s| !model.free_starts.contains(&s))
                    && self.error(FormField::Start).is_none()
                {
                    self.start = model.free_starts.first().copied();
                }
                ui.horizontal_wrapped(|ui| {
                    for start in &model.free_starts {
                        let chosen =
                            self.ring.field(ui.selectable_value(&mut self.start, Some(*start), start.to_string()));
                        if chosen.clicked() {
                            self.errors.retain(|(f, _)| *f != FormField::Start);
                        }
                    }
                });
                self.show_error(ui, FormField::Start);
                ui.horizontal(|ui| {
                    let label = ui.label(text::THEME);
                    self.ring.field(
                        text_field::singleline(ui, &mut self.theme, |e| {
                            e.id_salt("booking_theme").desired_width(f32::INFINITY)
                        })
                        .labelled_by(label.id),
                    );
                });
            }
            Some(ServiceKind::GroupSession | ServiceKind::Program) => {
                if let Some(hours) = model.session_hours {
                    if self.join_text.is_empty() {
                        // A double click in the grid chose the join time.
                        let join = self.start.filter(|t| hours.start <= *t && *t < hours.end).unwrap_or(hours.start);
                        self.join_text = join.to_string();
                    }
                    if self.leave_text.is_empty() {
                        self.leave_text = hours.end.to_string();
                    }
                }
                ui.horizontal(|ui| {
                    let label = ui.label(text::JOIN);
                    self.ring.field(
                        text_field::singleline(ui, &mut self.join_text, |e| {
                            e.id_salt("booking_join").desired_width(60.0)
                        })
                        .labelled_by(label.id),
                    );
                    let label = ui.label(text::LEAVE);
                    self.ring.field(
                        text_field::singleline(ui, &mut self.leave_text, |e| {
                            e.id_salt("booking_leave").desired_width(60.0)
                        })
                        .labelled_by(label.id),
                    );
                });
                self.show_error(ui, FormField::Join);
                self.show_error(ui, FormField::Leave);
            }
            _ => {}
        }

        ui.horizontal(|ui| {
            ui.label(text::CHANNEL);
            for channel in Channel::ALL {
                self.ring.field(ui.radio_value(&mut self.channel, channel, channel.label()));
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label(text::NOTES);
            self.ring.field(
                text_field::singleline(ui, &mut self.notes, |e| {
                    e.id_salt("booking_notes").desired_width(f32::INFINITY)
                })
                .labelled_by(label.id),
            );
        });
        self.show_error(ui, FormField::Whole);

        ui.add_space(6.0);
        let mut when_full = WhenFull::Refuse;
        ui.horizontal(|ui| {
            if self.ring.button(ui.button(RichText::new(text::SAVE_BOOKING).strong())).clicked() {
                save = true;
            }
            if self.can_waitlist && self.ring.button(ui.button(text::ADD_TO_WAITLIST)).clicked() {
                save = true;
                when_full = WhenFull::Waitlist;
            }
        });

        if let (Some(service), Some(date)) = (service, date) {
            let inputs = (service.id, date, self.minutes);
            if self.inputs_sent != Some(inputs) {
                self.inputs_sent = Some(inputs);
                self.join_text.clear();
                self.leave_text.clear();
                commands.push(Command::BookingInputsChanged(inputs));
            }
        }

        if ui.input(|i| i.key_pressed(Key::Escape)) {
            commands.push(Command::CloseBookingForm);
        }
        if (save || enter_saves)
            && let Some(request) = self.request(service, date, model.day_off.as_deref())
        {
            commands.push(Command::SaveBooking(request, when_full));
        }
    }

    /// Checks what the form itself can check and builds the request; otherwise marks the
    /// fields and returns `None`. The booking rules are checked by the store.
    fn request(
        &mut self,
        service: Option<&ServiceChoice>,
        date: Option<NaiveDate>,
        day_off: Option<&str>,
    ) -> Option<BookingRequest> {
        self.errors.clear();
        self.read_back = None;
        if let Some(reason) = day_off {
            // A holiday or closure is refused with its name before anything else.
            self.errors.push((FormField::Date, format!("{}: {reason}", text::DAY_OFF)));
            return None;
        }
        if self.member.is_none() {
            self.errors.push((FormField::Member, text::CHOOSE_MEMBER.to_owned()));
        }
        if date.is_none() {
            self.errors.push((FormField::Date, text::DATE_NOT_UNDERSTOOD.to_owned()));
        }
        let hours = match service.map(|s| s.kind) {
            Some(ServiceKind::Consultation) => match self.start {
                Some(start) => start.plus(self.minutes).and_then(|end| Interval::new(start, end)),
                None => {
                    self.errors.push((FormField::Start, text::CHOOSE_START.to_owned()));
                    None
                }
            },
            Some(ServiceKind::GroupSession | ServiceKind::Program) => {
                let join = TimeOfDay::parse(&self.join_text);
                let leave = TimeOfDay::parse(&self.leave_text);
                if join.is_none() {
                    self.errors.push((FormField::Join, text::TIME_NOT_UNDERSTOOD.to_owned()));
                }
                if leave.is_none() {
                    self.errors.push((FormField::Leave, text::TIME_NOT_UNDERSTOOD.to_owned()));
                }
                let hours = join.zip(leave).and_then(|(j, l)| Interval::new(j, l));
                if join.is_some() && leave.is_some() && hours.is_none() {
                    self.errors.push((FormField::Leave, text::LEAVE_AFTER_JOIN.to_owned()));
                }
                hours
            }
            _ => {
                self.errors.push((FormField::Whole, text::CHOOSE_SERVICE.to_owned()));
                None
            }
        };
        let (Some(member), Some(service), Some(date), Some(hours)) = (&self.member, service, date, hours) else {
            return None;
        };
        if !self.errors.is_empty() {
            return None;
        }
        Some(BookingRequest {
            member_id: member.id,
            service_id: service.id,
            date,
            hours,
            channel: self.channel,
            theme: if service.kind == ServiceKind::Consultation { self.theme.trim().to_owned() } else { String::new() },
            notes: self.notes.trim().to_owned(),
            late_record: self.late_record,
        })
    }
}
