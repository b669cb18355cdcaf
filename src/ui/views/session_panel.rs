//! The side panel for the session chosen in the week grid: its bookings, whom to call
//! when a place has freed, and for the chosen booking its history and the desk's actions
//! (attendance, cancellation, promotion from the waitlist).

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::domain::booking::{Booking, BookingId, BookingState};
use crate::domain::time::{Interval, TimeOfDay, month_day_weekday, parse_date};
use crate::store::{AuditEntry, BookingLine};
use crate::ui::app::SelectedSession;
use crate::ui::command::Command;
use crate::ui::notice::Notice;
use crate::ui::widgets::text_field;
use crate::ui::{text, theme};

/// What the panel keeps between frames: the cancellation reason being typed.
#[derive(Default)]
pub struct SessionPanel {
    cancel_reason: String,
    cancel_error: Option<Notice>,
    move_date: String,
    move_from: String,
    move_to: String,
    move_error: Option<Notice>,
}

/// What a history row says of the booking after the change, in Japanese: its state, and
/// for a cancellation its reason.
fn outcome(entry: &AuditEntry) -> String {
    let Some(after) = entry.after.as_deref().and_then(|json| serde_json::from_str::<Booking>(json).ok()) else {
        return String::new();
    };
    match after.cancel_reason {
        Some(reason) if after.state == BookingState::Cancelled => text::cancelled_because(&reason),
        _ => after.state.label().to_owned(),
    }
}

impl SessionPanel {
    pub fn show(&mut self, ui: &mut Ui, selected: &SelectedSession, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            ui.heading(&selected.title);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(text::CLOSE).clicked() {
                    commands.push(Command::CloseSession);
                }
            });
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{} {}", month_day_weekday(selected.key.date), selected.key.hours));
            if ui.button(text::BOOK_THIS_SESSION).clicked() {
                commands.push(Command::OpenBookingForm(Some(selected.key.clone())));
            }
        });
        ui.separator();

        if !selected.to_call.is_empty() {
            egui::Frame::new().fill(theme::CALL_FILL).inner_margin(6.0).corner_radius(4.0).show(ui, |ui| {
                ui.label(RichText::new(text::PLACE_FREED).strong());
                for line in &selected.to_call {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(text::waitlist_call_line(
                            line.waitlist_position.unwrap_or_default(),
                            &line.member.number,
                            &line.member.name,
                            &line.member.phone,
                            &line.hours.to_string(),
                        ));
                        if ui.button(text::PROMOTE).clicked() {
                            commands.push(Command::Promote(line.id));
                        }
                    });
                }
            });
        }

        if selected.bookings.is_empty() {
            ui.label(text::NO_BOOKINGS);
        } else {
            bookings_table(ui, &selected.bookings, selected.focused, commands);
        }

        let Some(line) = selected.focused.and_then(|id| selected.bookings.iter().find(|b| b.id == id)) else {
            return;
        };
        ui.separator();
        // The chosen booking's actions and history scroll below the list on a low screen.
        egui::ScrollArea::vertical()
            .id_salt("focused_booking")
            .show(ui, |ui| self.focused(ui, selected, line, commands));
    }

    /// The chosen booking: its actions and its history.
    fn focused(&mut self, ui: &mut Ui, selected: &SelectedSession, line: &BookingLine, commands: &mut Vec<Command>) {
        ui.strong(text::booking_heading(
            &line.member.number,
            &line.member.name,
            &line.hours.to_string(),
            line.state.label(),
        ));
        if line.state.takes_place() {
            ui.horizontal_wrapped(|ui| {
                for (state, label) in [
                    (BookingState::Attended, text::MARK_ATTENDED),
                    (BookingState::NoShow, text::MARK_NO_SHOW),
                    (BookingState::Confirmed, text::MARK_CONFIRMED),
                ] {
                    if line.state != state && ui.button(label).clicked() {
                        commands.push(Command::SetAttendance(line.id, state));
                    }
                }
            });
        }
        if matches!(line.state, BookingState::Confirmed | BookingState::Waitlisted) {
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(text::CANCEL_REASON);
                text_field::singleline(ui, &mut self.cancel_reason, |e| e.desired_width(180.0)).labelled_by(label.id);
                if ui.button(text::CANCEL_BOOKING).clicked() {
                    if self.cancel_reason.trim().is_empty() {
                        self.cancel_error = Some(Notice::refused(text::CANCEL_REASON_NEEDED));
                    } else {
                        self.cancel_error = None;
                        commands.push(Command::CancelBooking(line.id, self.cancel_reason.trim().to_owned()));
                        self.cancel_reason.clear();
                    }
                }
            });
            if let Some(error) = &self.cancel_error {
                error.show(ui);
            }
        }
        if line.state == BookingState::Confirmed {
            self.move_form(ui, line, selected.key.date, commands);
        }
        if let Some(notice) = &selected.notice {
            notice.show(ui);
        }
        ui.label(RichText::new(text::HISTORY).strong());
        for entry in &selected.history {
            ui.label(
                RichText::new(format!(
                    "{} {} {} {}",
                    entry.at.replace('T', " "),
                    entry.actor,
                    text::audit_action(&entry.action),
                    outcome(entry)
                ))
                .size(theme::SMALL_TEXT_SIZE),
            );
        }
    }

    /// Another date or time for a confirmed booking; the store checks the rules.
    fn move_form(
        &mut self,
        ui: &mut Ui,
        line: &BookingLine,
        today_of_session: chrono::NaiveDate,
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(text::MOVE_DATE);
            text_field::singleline(ui, &mut self.move_date, |e| {
                e.hint_text(line.date.format("%m/%d").to_string()).desired_width(70.0)
            })
            .labelled_by(label.id);
            let label = ui.label(text::MOVE_FROM);
            text_field::singleline(ui, &mut self.move_from, |e| {
                e.hint_text(line.hours.start.to_string()).desired_width(64.0)
            })
            .labelled_by(label.id);
            let label = ui.label(text::MOVE_TO);
            text_field::singleline(ui, &mut self.move_to, |e| {
                e.hint_text(line.hours.end.to_string()).desired_width(64.0)
            })
            .labelled_by(label.id);
            if ui.button(text::MOVE_BOOKING).clicked() {
                // Empty boxes keep the booking's own date and times.
                let date = if self.move_date.trim().is_empty() {
                    Some(line.date)
                } else {
                    parse_date(&self.move_date, today_of_session)
                };
                let time = |text: &str, current: TimeOfDay| {
                    if text.trim().is_empty() { Some(current) } else { TimeOfDay::parse(text) }
                };
                let hours = time(&self.move_from, line.hours.start)
                    .zip(time(&self.move_to, line.hours.end))
                    .and_then(|(from, to)| Interval::new(from, to));
                match (date, hours) {
                    (Some(date), Some(hours)) => {
                        self.move_error = None;
                        commands.push(Command::MoveBooking(line.id, date, hours));
                        self.move_date.clear();
                        self.move_from.clear();
                        self.move_to.clear();
                    }
                    (None, _) => self.move_error = Some(Notice::refused(text::DATE_NOT_UNDERSTOOD)),
                    (_, None) => self.move_error = Some(Notice::refused(text::TIME_NOT_UNDERSTOOD)),
                }
            }
        });
        if let Some(error) = &self.move_error {
            error.show(ui);
        }
    }
}

fn bookings_table(ui: &mut Ui, bookings: &[BookingLine], focused: Option<BookingId>, commands: &mut Vec<Command>) {
    let list_height =
        if focused.is_some() { ui.available_height() * 0.45 } else { (ui.available_height() - 30.0).max(120.0) };
    // On a narrow panel (a 1024-wide screen with the booking form open) the phone goes under
    // the name instead of a column of its own, so the table never grows past the panel.
    let compact = ui.available_width() < theme::SESSION_TABLE_COMPACT_BELOW;
    let mut table = TableBuilder::new(ui)
        .striped(true)
        // The list takes the panel's height, leaving room below for the chosen booking.
        .max_scroll_height(list_height)
        // Never wider than the panel: the name column gives way (cut with a tooltip), and the
        // state wraps as a whole under the time rather than a character at a time.
        .column(Column::auto());
    if !compact {
        table = table.column(Column::auto());
    }
    table = table.column(Column::remainder().at_least(80.0).clip(true));
    if !compact {
        table = table.column(Column::auto());
    }
    let titles: &[&str] = if compact {
        &[text::COLUMN_TIME, text::COLUMN_MEMBER_AND_PHONE]
    } else {
        &[text::COLUMN_TIME, text::COLUMN_NUMBER, text::COLUMN_NAME, text::COLUMN_PHONE]
    };
    let phone = |ui: &mut Ui, line: &BookingLine, tone: &dyn Fn(String) -> RichText| {
        ui.label(tone(line.member.phone.clone()));
        if !line.member.has_email {
            ui.label(RichText::new(text::NO_EMAIL_MARK).size(theme::CAPTION_TEXT_SIZE).color(theme::MUTED_TEXT));
        }
    };
    table
        .header(22.0, |mut header| {
            for title in titles {
                header.col(|ui| {
                    ui.strong(*title);
                });
            }
        })
        .body(|body| {
            let row_height = if compact { 80.0 } else { 58.0 };
            body.rows(row_height, bookings.len(), |mut row| {
                let line = &bookings[row.index()];
                let muted = !line.state.takes_place();
                let tone = |t: String| if muted { RichText::new(t).color(theme::MUTED_TEXT) } else { RichText::new(t) };
                row.col(|ui| {
                    let state = match (line.state, line.waitlist_position) {
                        (BookingState::Waitlisted, Some(n)) => text::waiting_position(n),
                        (state, _) => format!("{}（{}）", state.label(), line.channel.label()),
                    };
                    ui.vertical(|ui| {
                        ui.label(tone(line.hours.to_string()));
                        ui.add(egui::Label::new(tone(state).size(theme::SMALL_TEXT_SIZE)).extend());
                        if let Some(reason) = &line.call_reason {
                            ui.add(
                                egui::Label::new(
                                    RichText::new(format!("{}: {reason}", text::TO_CALL_MARK))
                                        .size(theme::CAPTION_TEXT_SIZE)
                                        .color(theme::WARNING_TEXT),
                                )
                                .truncate(),
                            );
                        }
                    });
                });
                if !compact {
                    row.col(|ui| {
                        ui.label(tone(line.member.number.clone()));
                    });
                }
                row.col(|ui| {
                    ui.vertical(|ui| {
                        // In a row of its own so the name sits at the left, not stretched.
                        ui.horizontal(|ui| {
                            let name = if compact {
                                format!("{} {}", line.member.number, text::with_honorific(&line.member.name))
                            } else {
                                text::with_honorific(&line.member.name)
                            };
                            let name = ui.selectable_label(focused == Some(line.id), tone(name));
                            if name.clicked() {
                                commands.push(Command::FocusBooking(line.id));
                            }
                        });
                        ui.label(
                            RichText::new(&line.member.kana).size(theme::CAPTION_TEXT_SIZE).color(theme::MUTED_TEXT),
                        );
                        if compact {
                            phone(ui, line, &tone);
                        }
                    });
                });
                if !compact {
                    row.col(|ui| {
                        ui.vertical(|ui| phone(ui, line, &tone));
                    });
                }
            });
        });
}
