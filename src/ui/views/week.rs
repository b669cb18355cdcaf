//! The week view: the toolbar to move between weeks and the time grid. It draws what the
//! app's read model holds and reports what the user asked for as commands.

use chrono::{Duration, NaiveDate};
use egui::{Key, Ui};

use crate::domain::time::{full_date, month_day_weekday, parse_date};
use crate::store::WeekOverview;
use crate::ui::command::Command;
use crate::ui::notice::Notice;
use crate::ui::text;
use crate::ui::widgets::date_picker::DatePicker;
use crate::ui::widgets::text_field;
use crate::ui::widgets::time_grid::{self, GridAction, SessionKey};

/// What the week view keeps between frames: the date being typed into the jump box.
#[derive(Default)]
pub struct WeekView {
    jump_text: String,
    jump_error: Option<Notice>,
    calendar: DatePicker,
}

impl WeekView {
    /// The toolbar above the grid.
    pub fn toolbar(&mut self, ui: &mut Ui, week: &WeekOverview, today: NaiveDate, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            if ui.button(text::PREVIOUS_WEEK).clicked() {
                commands.push(Command::ShowWeek(week.monday - Duration::weeks(1)));
            }
            if ui.button(text::THIS_WEEK).clicked() {
                commands.push(Command::ShowWeek(today));
            }
            if ui.button(text::NEXT_WEEK).clicked() {
                commands.push(Command::ShowWeek(week.monday + Duration::weeks(1)));
            }
            ui.add_space(12.0);

            let label = ui.label(text::JUMP_DATE_LABEL);
            let edit =
                text_field::singleline(ui, &mut self.jump_text, |e| e.hint_text(text::JUMP_HINT).desired_width(170.0))
                    .labelled_by(label.id);
            let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if ui.button(text::JUMP_TO_DATE).clicked() || entered {
                match parse_date(&self.jump_text, today) {
                    Some(date) => {
                        self.jump_error = None;
                        commands.push(Command::ShowWeek(date));
                    }
                    None => self.jump_error = Some(Notice::refused(text::DATE_NOT_UNDERSTOOD)),
                }
            }
            if let Some(date) = self.calendar.button(ui, today, week.monday) {
                self.jump_error = None;
                commands.push(Command::ShowWeek(date));
            }
            if let Some(error) = &self.jump_error {
                error.show(ui);
            }
        });
    }

    /// The week's dates as a heading above the grid.
    pub fn heading(&self, ui: &mut Ui, week: &WeekOverview) {
        let sunday = week.monday + Duration::days(6);
        // One line, cut with a tooltip when the window is narrow (never a character a line).
        let title = format!("{} 〜 {}", full_date(week.monday), month_day_weekday(sunday));
        ui.add(egui::Label::new(egui::RichText::new(title).heading()).truncate());
    }

    /// The grid; a click on a block selects that session, a double click books there.
    pub fn grid(
        &mut self,
        ui: &mut Ui,
        week: &WeekOverview,
        today: NaiveDate,
        selected: Option<&SessionKey>,
        commands: &mut Vec<Command>,
    ) {
        match time_grid::show(ui, week, today, selected) {
            Some(GridAction::Select(key)) => commands.push(Command::SelectSession(key)),
            Some(GridAction::Book(key, at)) => commands.push(Command::BookAt(key, at)),
            None => {}
        }
    }
}
