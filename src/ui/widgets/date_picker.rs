//! A small month calendar for picking a date, Japanese style: 2026年11月, weeks from
//! Monday like the week view, holidays in red with their names on hover.
//! (egui_extras' picker is English and uses other date types.)

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use egui::{Button, Popup, PopupCloseBehavior, RichText, Ui};

use crate::domain::holidays;
use crate::domain::time::weekday_kanji;
use crate::ui::{text, theme};

/// Remembers which month the open calendar shows.
#[derive(Default)]
pub struct DatePicker {
    month: Option<NaiveDate>,
}

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

impl DatePicker {
    /// A button that opens the calendar at the month of `around`; returns the day clicked.
    pub fn button(&mut self, ui: &mut Ui, today: NaiveDate, around: NaiveDate) -> Option<NaiveDate> {
        let response = ui.button(text::CALENDAR);
        if response.clicked() {
            self.month = Some(first_of_month(around));
        }
        let mut picked = None;
        Popup::from_toggle_button_response(&response).close_behavior(PopupCloseBehavior::CloseOnClickOutside).show(
            |ui| {
                let month = self.month.get_or_insert_with(|| first_of_month(around));
                picked = month_grid(ui, month, today);
                if picked.is_some() {
                    ui.close();
                }
            },
        );
        picked
    }
}

/// The month's days, Monday first; returns the day clicked.
fn month_grid(ui: &mut Ui, month: &mut NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
    ui.horizontal(|ui| {
        if ui.button("◀").on_hover_text(text::PREVIOUS_MONTH).clicked() {
            *month = month.checked_sub_months(Months::new(1)).unwrap_or(*month);
        }
        ui.strong(text::year_month(month.year(), month.month()));
        if ui.button("▶").on_hover_text(text::NEXT_MONTH).clicked() {
            *month = month.checked_add_months(Months::new(1)).unwrap_or(*month);
        }
    });
    let holidays = holidays::holidays_in_year(month.year());
    let first_cell = *month - Duration::days(i64::from(month.weekday().num_days_from_monday()));
    let mut picked = None;
    egui::Grid::new(("month", month.year(), month.month())).spacing([2.0, 2.0]).show(ui, |ui| {
        for weekday in
            [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun]
        {
            ui.label(RichText::new(weekday_kanji(weekday)).color(theme::MUTED_TEXT));
        }
        ui.end_row();
        for week in 0..6 {
            for offset in 0..7 {
                let day = first_cell + Duration::days(week * 7 + offset);
                if day.month() != month.month() {
                    ui.label("");
                    continue;
                }
                let holiday = holidays.iter().find(|h| h.date == day);
                let color = match (holiday, day.weekday()) {
                    (Some(_), _) | (None, Weekday::Sun) => theme::HOLIDAY_TEXT,
                    (None, Weekday::Sat) => theme::SATURDAY_TEXT,
                    _ => ui.visuals().text_color(),
                };
                let mut label = RichText::new(day.day().to_string()).color(color);
                if day == today {
                    label = label.strong().underline();
                }
                let mut response = ui.add(Button::new(label).min_size(egui::vec2(30.0, 24.0)).frame(day == today));
                if let Some(holiday) = holiday {
                    response = response.on_hover_text(holiday.name);
                }
                if response.clicked() {
                    picked = Some(day);
                }
            }
            ui.end_row();
        }
    });
    picked
}
