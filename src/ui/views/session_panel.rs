//! The side panel listing the bookings of the session chosen in the week grid.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::domain::booking::BookingState;
use crate::domain::time::month_day_weekday;
use crate::store::BookingLine;
use crate::ui::app::{Command, SelectedSession};
use crate::ui::{text, theme};

pub fn show(ui: &mut Ui, selected: &SelectedSession, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.heading(&selected.title);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(text::CLOSE).clicked() {
                commands.push(Command::CloseSession);
            }
        });
    });
    ui.horizontal(|ui| {
        ui.label(format!("{} {}", month_day_weekday(selected.key.date), selected.key.hours));
        if ui.button(text::BOOK_THIS_SESSION).clicked() {
            commands.push(Command::OpenBookingForm(Some(selected.key.clone())));
        }
    });
    ui.separator();
    if selected.bookings.is_empty() {
        ui.label(text::NO_BOOKINGS);
        return;
    }
    TableBuilder::new(ui)
        .striped(true)
        .column(Column::auto())
        .column(Column::auto())
        .column(Column::remainder().at_least(110.0))
        .column(Column::auto())
        .column(Column::auto())
        .header(22.0, |mut header| {
            for title in
                [text::COLUMN_TIME, text::COLUMN_NUMBER, text::COLUMN_NAME, text::COLUMN_PHONE, text::COLUMN_STATE]
            {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(40.0, selected.bookings.len(), |mut row| {
                let line: &BookingLine = &selected.bookings[row.index()];
                let muted = !line.state.takes_place();
                let tone = |t: String| if muted { RichText::new(t).color(theme::TEXT_MUTED) } else { RichText::new(t) };
                row.col(|ui| {
                    ui.label(tone(line.hours.to_string()));
                });
                row.col(|ui| {
                    ui.label(tone(line.member_number.clone()));
                });
                row.col(|ui| {
                    ui.vertical(|ui| {
                        ui.label(tone(format!("{} 様", line.member_name)));
                        ui.label(RichText::new(&line.member_kana).size(11.0).color(theme::TEXT_MUTED));
                    });
                });
                row.col(|ui| {
                    ui.vertical(|ui| {
                        ui.label(tone(line.phone.clone()));
                        if !line.has_email {
                            ui.label(RichText::new(text::NO_EMAIL_MARK).size(11.0).color(theme::TEXT_MUTED));
                        }
                    });
                });
                row.col(|ui| {
                    let state = match (line.state, line.waitlist_position) {
                        (BookingState::Waitlisted, Some(n)) => format!("{} {n}番", line.state.label()),
                        (state, _) => format!("{}（{}）", state.label(), line.channel.label()),
                    };
                    ui.label(tone(state));
                });
            });
        });
}
