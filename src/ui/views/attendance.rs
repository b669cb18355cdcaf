//! Attendance back from the paper: the day's bookings in the order of the printed list,
//! one focused row at a time. ↑↓ move, 1 marks 出席, 2 marks 欠席, 0 takes the mark back,
//! and marking moves on to the next row, so a sheet is entered without the mouse.

use chrono::{Duration, NaiveDate};
use egui::{Key, RichText, Ui};

use crate::domain::booking::{BookingId, BookingState};
use crate::domain::time::{Interval, full_date};
use crate::store::DayList;
use crate::ui::command::Command;
use crate::ui::notice::Notice;
use crate::ui::widgets::date_picker::DatePicker;
use crate::ui::windows::{DeskContext, DeskWindow, Placement, WindowId};
use crate::ui::{text, theme};

/// One booking to mark, as the printed list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttendanceRow {
    pub booking_id: BookingId,
    pub hours: Interval,
    pub service: String,
    pub member_number: String,
    pub member_name: String,
    pub member_kana: String,
    pub state: BookingState,
}

/// The rows of the day's list in print order: session by session, then by time.
pub fn attendance_rows(list: &DayList) -> Vec<AttendanceRow> {
    list.sessions
        .iter()
        .flat_map(|session| {
            session.lines.iter().map(|line| AttendanceRow {
                booking_id: line.booking_id,
                hours: line.hours,
                service: session.short_name.clone(),
                member_number: line.member.number.clone(),
                member_name: line.member.name.clone(),
                member_kana: line.member.kana.clone(),
                state: line.state,
            })
        })
        .collect()
}

pub struct AttendanceView {
    pub date: NaiveDate,
    /// The day's bookings, read by the app.
    pub rows: Vec<AttendanceRow>,
    /// Why the last mark was refused.
    pub notice: Option<Notice>,
    /// The row the keys act on.
    pub focus: usize,
    picker: DatePicker,
    /// Scroll to the focused row on the next frame (after a key moved it).
    scroll_to_focus: bool,
}

impl AttendanceView {
    pub fn new(date: NaiveDate, rows: Vec<AttendanceRow>) -> AttendanceView {
        AttendanceView { date, rows, notice: None, focus: 0, picker: DatePicker::default(), scroll_to_focus: false }
    }

    fn mark(&mut self, rows: &[AttendanceRow], state: BookingState, commands: &mut Vec<Command>) {
        let Some(row) = rows.get(self.focus) else { return };
        if row.state != state {
            commands.push(Command::MarkAttendance(row.booking_id, state));
        }
        self.focus = (self.focus + 1).min(rows.len().saturating_sub(1));
        self.scroll_to_focus = true;
    }

    /// Reads the keys, unless a text field has them.
    fn keys(&mut self, ui: &Ui, rows: &[AttendanceRow], commands: &mut Vec<Command>) {
        if rows.is_empty() || ui.ctx().egui_wants_keyboard_input() {
            return;
        }
        let (down, up, attended, no_show, undo) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
                i.consume_key(egui::Modifiers::NONE, Key::Num1),
                i.consume_key(egui::Modifiers::NONE, Key::Num2),
                i.consume_key(egui::Modifiers::NONE, Key::Num0),
            )
        });
        if down {
            self.focus = (self.focus + 1).min(rows.len() - 1);
            self.scroll_to_focus = true;
        }
        if up {
            self.focus = self.focus.saturating_sub(1);
            self.scroll_to_focus = true;
        }
        if attended {
            self.mark(rows, BookingState::Attended, commands);
        } else if no_show {
            self.mark(rows, BookingState::NoShow, commands);
        } else if undo {
            self.mark(rows, BookingState::Confirmed, commands);
        }
    }

    fn sheet(&mut self, ui: &mut Ui, today: NaiveDate, commands: &mut Vec<Command>) {
        // The focus changes while the rows are drawn: hold the rows apart meanwhile.
        let rows = std::mem::take(&mut self.rows);
        self.sheet_rows(ui, &rows, today, commands);
        self.rows = rows;
    }

    fn sheet_rows(&mut self, ui: &mut Ui, rows: &[AttendanceRow], today: NaiveDate, commands: &mut Vec<Command>) {
        self.focus = self.focus.min(rows.len().saturating_sub(1));
        self.keys(ui, rows, commands);

        ui.horizontal(|ui| {
            if ui.button(text::ATTENDANCE_PREVIOUS_DAY).clicked() {
                commands.push(Command::OpenAttendance(self.date - Duration::days(1)));
            }
            ui.label(RichText::new(full_date(self.date)).strong().size(theme::LARGE_TEXT_SIZE));
            if ui.button(text::ATTENDANCE_NEXT_DAY).clicked() {
                commands.push(Command::OpenAttendance(self.date + Duration::days(1)));
            }
            if let Some(date) = self.picker.button(ui, today, self.date) {
                commands.push(Command::OpenAttendance(date));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(text::CLOSE).clicked() {
                    commands.push(Command::CloseWindow(WindowId::of::<AttendanceView>()));
                }
            });
        });
        ui.label(RichText::new(text::ATTENDANCE_HELP).color(theme::MUTED_TEXT));
        let count = |state: BookingState| rows.iter().filter(|r| r.state == state).count();
        ui.label(text::labelled_counts(&[
            (BookingState::Attended.label(), count(BookingState::Attended)),
            (BookingState::NoShow.label(), count(BookingState::NoShow)),
            (text::ATTENDANCE_UNMARKED, count(BookingState::Confirmed)),
        ]));
        if let Some(notice) = &self.notice {
            notice.show(ui);
        }
        ui.separator();
        if rows.is_empty() {
            ui.label(text::ATTENDANCE_NONE);
            return;
        }
        let scroll = std::mem::take(&mut self.scroll_to_focus);
        egui::ScrollArea::vertical().max_height(480.0).auto_shrink([false, true]).show(ui, |ui| {
            for (index, row) in rows.iter().enumerate() {
                let focused = index == self.focus;
                let frame = egui::Frame::new()
                    .inner_margin(egui::Margin::symmetric(6, 3))
                    .corner_radius(3.0)
                    .fill(if focused { theme::FOCUSED_ROW_FILL } else { theme::NO_FILL })
                    .stroke(if focused { egui::Stroke::new(2.0, theme::SELECTED_STROKE) } else { egui::Stroke::NONE });
                let response = frame
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.label(if focused { text::FOCUS_MARK } else { text::NO_FOCUS_MARK });
                            ui.add_sized([96.0, 20.0], egui::Label::new(row.hours.to_string()));
                            ui.add_sized([84.0, 20.0], egui::Label::new(&row.service));
                            ui.add_sized([56.0, 20.0], egui::Label::new(&row.member_number));
                            ui.label(&row.member_name);
                            ui.label(
                                RichText::new(&row.member_kana).size(theme::CAPTION_TEXT_SIZE).color(theme::MUTED_TEXT),
                            );
                            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                                if ui.small_button(text::ATTENDANCE_UNDO).clicked() {
                                    self.focus = index;
                                    commands.push(Command::MarkAttendance(row.booking_id, BookingState::Confirmed));
                                }
                                for state in [BookingState::NoShow, BookingState::Attended] {
                                    let selected = row.state == state;
                                    let label = RichText::new(state.label()).strong().color(if selected {
                                        if state == BookingState::Attended {
                                            theme::DONE_TEXT
                                        } else {
                                            theme::WARNING_TEXT
                                        }
                                    } else {
                                        theme::MUTED_TEXT
                                    });
                                    if ui.selectable_label(selected, label).clicked() && !selected {
                                        self.focus = index;
                                        commands.push(Command::MarkAttendance(row.booking_id, state));
                                    }
                                }
                                if !matches!(row.state, BookingState::Attended | BookingState::NoShow) {
                                    ui.label(RichText::new(text::ATTENDANCE_UNMARKED).color(theme::MUTED_TEXT));
                                }
                            });
                        });
                    })
                    .response;
                if focused && scroll {
                    response.scroll_to_me(Some(egui::Align::Center));
                }
                if response.interact(egui::Sense::click()).clicked() {
                    self.focus = index;
                }
            }
        });
    }
}

impl DeskWindow for AttendanceView {
    fn title(&self) -> &str {
        text::ATTENDANCE_TITLE
    }

    fn placement(&self) -> Placement {
        Placement::at(300.0, 110.0).width(760.0)
    }

    fn show(&mut self, ui: &mut Ui, desk: &DeskContext, commands: &mut Vec<Command>) {
        self.sheet(ui, desk.today, commands);
    }
}
