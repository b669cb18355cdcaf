//! The week as a time grid: Monday to Sunday across, 9:00 to 18:00 down, each session a
//! block showing how full it is. Layout (where each block goes) is worked out apart from
//! drawing, so it can be tested and reused.

use chrono::{Datelike, NaiveDate, Weekday};
use egui::{Align2, Color32, FontId, Label, Pos2, Rect, RichText, Sense, Stroke, StrokeKind, Ui, Vec2};

use crate::domain::schedule::ServiceId;
use crate::domain::time::{Interval, TimeOfDay, month_day_weekday, weekday_kanji};
use crate::store::{DayOverview, WeekOverview};
use crate::ui::{text, theme};

/// The hours the grid shows.
pub const GRID_START: u16 = 9 * 60;
pub const GRID_END: u16 = 18 * 60;

const GUTTER_WIDTH: f32 = 52.0;
const HEADER_HEIGHT: f32 = 58.0;

/// Which session a block stands for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SessionKey {
    pub service_id: ServiceId,
    pub date: NaiveDate,
    pub hours: Interval,
}

/// What the user did to a block: a click chooses the session, a double click starts a
/// booking there, at the time under the pointer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GridAction {
    Select(SessionKey),
    Book(SessionKey, TimeOfDay),
}

/// Where a block sits in its day column: its time and its lane among overlapping blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placement {
    pub hours: Interval,
    pub lane: usize,
    pub lanes: usize,
}

/// Lanes for blocks that overlap in time, so that none hides another. Each block gets the
/// first lane free at its start; every block of the day shares the day's lane count.
pub fn place(hours: &[Interval]) -> Vec<Placement> {
    let mut order: Vec<usize> = (0..hours.len()).collect();
    order.sort_by_key(|&i| hours[i]);
    let mut lane_ends: Vec<TimeOfDay> = Vec::new();
    let mut lanes = vec![0; hours.len()];
    for i in order {
        let lane = match lane_ends.iter().position(|end| *end <= hours[i].start) {
            Some(free) => free,
            None => {
                lane_ends.push(hours[i].end);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = hours[i].end;
        lanes[i] = lane;
    }
    let count = lane_ends.len().max(1);
    hours.iter().zip(lanes).map(|(h, lane)| Placement { hours: *h, lane, lanes: count }).collect()
}

/// The vertical position of a time in a column running from `top` to `bottom`.
fn y_of(time: u16, top: f32, bottom: f32) -> f32 {
    let clamped = time.clamp(GRID_START, GRID_END);
    top + (bottom - top) * f32::from(clamped - GRID_START) / f32::from(GRID_END - GRID_START)
}

/// The time at height `y` of a column from `top` to `bottom`, down to a multiple of `step`
/// minutes from `from` (the session's start).
fn time_at(y: f32, top: f32, bottom: f32, from: TimeOfDay, step: u16) -> TimeOfDay {
    let fraction = ((y - top) / (bottom - top)).clamp(0.0, 1.0);
    let minute = GRID_START + (fraction * f32::from(GRID_END - GRID_START)) as u16;
    let offset = minute.saturating_sub(from.minutes());
    let step = step.max(1);
    from.plus(offset - offset % step).unwrap_or(from)
}

/// Draws the week and returns what was done to a block.
pub fn show(ui: &mut Ui, week: &WeekOverview, today: NaiveDate, selected: Option<&SessionKey>) -> Option<GridAction> {
    let area = ui.available_rect_before_wrap();
    let area = Rect::from_min_size(
        area.min,
        Vec2::new(area.width().max(theme::WEEK_GRID_MIN_WIDTH), area.height().max(320.0)),
    );
    ui.allocate_rect(area, Sense::hover());
    let painter = ui.painter_at(area);
    let columns_left = area.left() + GUTTER_WIDTH;
    // Days with sessions get twice the width of empty ones, so the blocks stay readable.
    let weights: Vec<f32> =
        week.days.iter().map(|d| if d.sessions.is_empty() && d.appointments.is_empty() { 1.0 } else { 2.0 }).collect();
    let unit = (area.right() - columns_left) / weights.iter().sum::<f32>().max(1.0);
    let mut column_lefts = vec![columns_left];
    for weight in &weights {
        let last = column_lefts.last().copied().unwrap_or(columns_left);
        column_lefts.push(last + weight * unit);
    }
    let grid_top = area.top() + HEADER_HEIGHT;
    let grid_bottom = area.bottom() - 12.0;

    let mut clicked = None;
    for (index, day) in week.days.iter().enumerate() {
        let column = Rect::from_min_max(
            Pos2::new(column_lefts[index], area.top()),
            Pos2::new(column_lefts[index + 1], grid_bottom),
        );
        draw_day_background(ui, &painter, column, day, today);
        if let Some(key) =
            draw_day_blocks(ui, &painter, column.shrink2(Vec2::new(3.0, 0.0)), grid_top, grid_bottom, day, selected)
        {
            clicked = Some(key);
        }
    }

    // Hour lines and labels over the backgrounds, under nothing else.
    for hour in (GRID_START / 60)..=(GRID_END / 60) {
        let y = y_of(hour * 60, grid_top, grid_bottom);
        painter.line_segment(
            [Pos2::new(columns_left, y), Pos2::new(area.right(), y)],
            Stroke::new(1.0, theme::GRID_HOUR_LINE),
        );
        painter.text(
            Pos2::new(columns_left - 6.0, y),
            Align2::RIGHT_CENTER,
            format!("{hour}:00"),
            FontId::proportional(theme::HOUR_LABEL_SIZE),
            theme::MUTED_TEXT,
        );
        if hour * 60 < GRID_END {
            let half = y_of(hour * 60 + 30, grid_top, grid_bottom);
            painter.line_segment(
                [Pos2::new(columns_left, half), Pos2::new(area.right(), half)],
                Stroke::new(0.5, theme::GRID_LINE),
            );
        }
    }
    for &x in &column_lefts {
        painter.line_segment([Pos2::new(x, area.top()), Pos2::new(x, grid_bottom)], Stroke::new(1.0, theme::GRID_LINE));
    }
    clicked
}

fn draw_day_background(ui: &mut Ui, painter: &egui::Painter, column: Rect, day: &DayOverview, today: NaiveDate) {
    let shade = if day.holiday.is_some() {
        Some(theme::HOLIDAY_SHADE)
    } else if !day.closures.is_empty() {
        Some(theme::CLOSURE_SHADE)
    } else if day.date == today {
        Some(theme::TODAY_SHADE)
    } else {
        None
    };
    if let Some(shade) = shade {
        painter.rect_filled(column, 0.0, shade);
    }

    let head_color = match day.date.weekday() {
        _ if day.holiday.is_some() => theme::HOLIDAY_TEXT,
        Weekday::Sun => theme::HOLIDAY_TEXT,
        Weekday::Sat => theme::SATURDAY_TEXT,
        _ => ui.visuals().strong_text_color(),
    };
    // A narrow column (an empty day beside the side panel) drops the month.
    // Narrower still (a 1024-wide screen with both side panels), the day and its weekday only.
    let heading = if column.width() >= 112.0 {
        month_day_weekday(day.date)
    } else if column.width() >= 72.0 {
        text::day_of_month(day.date.day(), weekday_kanji(day.date.weekday()))
    } else {
        format!("{}{}", day.date.day(), weekday_kanji(day.date.weekday()))
    };
    let mut heading = RichText::new(heading).size(theme::BODY_TEXT_SIZE).color(head_color);
    if day.date == today {
        heading = heading.strong().underline();
    }
    let head_rect = Rect::from_min_size(column.min + Vec2::new(2.0, 4.0), Vec2::new(column.width() - 4.0, 20.0));
    ui.put(head_rect, Label::new(heading).truncate());

    // Under the date: the holiday's name, closures, and services that are off.
    let mut notes: Vec<(String, Color32)> = Vec::new();
    if let Some(holiday) = &day.holiday {
        notes.push((holiday.name.to_owned(), theme::HOLIDAY_TEXT));
    }
    for closure in &day.closures {
        notes.push((format!("{}: {closure}", text::CLOSED), theme::MUTED_TEXT));
    }
    if !day.off.is_empty() && day.holiday.is_none() && day.closures.is_empty() {
        let names: Vec<&str> = day.off.iter().map(|(name, _)| name.as_str()).collect();
        notes.push((format!("{} {}", names.join(text::LIST_SEPARATOR), text::NOT_HELD), theme::MUTED_TEXT));
    }
    let mut y = column.top() + 26.0;
    for (note, color) in notes.into_iter().take(2) {
        let rect = Rect::from_min_size(Pos2::new(column.left() + 2.0, y), Vec2::new(column.width() - 4.0, 14.0));
        ui.put(rect, Label::new(RichText::new(note).size(theme::SMALL_TEXT_SIZE).color(color)).truncate());
        y += 15.0;
    }
}

fn draw_day_blocks(
    ui: &mut Ui,
    painter: &egui::Painter,
    column: Rect,
    grid_top: f32,
    grid_bottom: f32,
    day: &DayOverview,
    selected: Option<&SessionKey>,
) -> Option<GridAction> {
    let appointment_hours: Vec<Interval> = day
        .appointments
        .iter()
        .filter_map(|a| Interval::new(a.at, a.at.plus(30).unwrap_or(TimeOfDay::END_OF_DAY)))
        .collect();
    let all_hours: Vec<Interval> =
        day.sessions.iter().map(|s| s.hours).chain(appointment_hours.iter().copied()).collect();
    let placements = place(&all_hours);
    let rect_of = |p: &Placement| {
        let width = column.width() / p.lanes as f32;
        let left = column.left() + width * p.lane as f32;
        Rect::from_min_max(
            Pos2::new(left + 1.0, y_of(p.hours.start.minutes(), grid_top, grid_bottom) + 1.0),
            Pos2::new(left + width - 1.0, y_of(p.hours.end.minutes(), grid_top, grid_bottom) - 1.0),
        )
    };

    let mut clicked = None;
    for (session, placement) in day.sessions.iter().zip(&placements) {
        let rect = rect_of(placement);
        let key = SessionKey { service_id: session.service_id, date: session.date, hours: session.hours };
        let is_selected = selected == Some(&key);
        let label = session.label();
        let id = ui.make_persistent_id(("session", session.service_id, session.date, session.hours));
        let response = ui.interact(rect, id, Sense::click());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        let mut fill = theme::session_fill(session.fill);
        if response.hovered() {
            fill = fill.gamma_multiply(0.92);
        }
        painter.rect_filled(rect, 4.0, fill);
        let stroke =
            if is_selected { Stroke::new(2.5, theme::SELECTED_STROKE) } else { Stroke::new(1.0, theme::BLOCK_STROKE) };
        painter.rect_stroke(rect, 4.0, stroke, StrokeKind::Inside);

        let mut lines = vec![
            (label, theme::BLOCK_TITLE_SIZE, theme::BLOCK_TEXT),
            (session.hours.to_string(), theme::SMALL_TEXT_SIZE, theme::MUTED_TEXT),
        ];
        if session.fill.is_full() {
            lines.push((text::FULL.to_owned(), theme::SMALL_TEXT_SIZE, theme::WARNING_TEXT));
        }
        if session.fill.booked != session.fill.used
            && session.kind != crate::domain::schedule::ServiceKind::Consultation
        {
            lines.push((
                format!("{} {}{}", text::PEOPLE_BOOKED, session.fill.booked, text::PEOPLE_SUFFIX),
                theme::SMALL_TEXT_SIZE,
                theme::MUTED_TEXT,
            ));
        }
        if session.fill.waitlisted > 0 {
            lines.push((
                format!("{} {}{}", text::WAITLIST, session.fill.waitlisted, text::PEOPLE_SUFFIX),
                theme::SMALL_TEXT_SIZE,
                theme::WARNING_TEXT,
            ));
        }
        draw_lines(painter, rect, &lines);
        if response.double_clicked() {
            let step = if session.kind == crate::domain::schedule::ServiceKind::Consultation { 30 } else { 15 };
            let at = response
                .interact_pointer_pos()
                .map(|p| time_at(p.y, grid_top, grid_bottom, session.hours.start, step))
                .unwrap_or(session.hours.start);
            clicked = Some(GridAction::Book(key, at));
        } else if response.clicked() {
            clicked = Some(GridAction::Select(key));
        }
        response.on_hover_text(format!("{} {}", session.short_name, session.hours));
    }
    for (appointment, placement) in day.appointments.iter().zip(&placements[day.sessions.len()..]) {
        let rect = rect_of(placement);
        painter.rect_filled(rect, 4.0, theme::APPOINTMENT_FILL);
        painter.rect_stroke(rect, 4.0, Stroke::new(1.0, theme::BLOCK_STROKE), StrokeKind::Inside);
        let lines = [
            (format!("{} {}", appointment.at, appointment.short_name), theme::SMALL_TEXT_SIZE, theme::BLOCK_TEXT),
            (
                format!("{} {}（{}）", appointment.member_name, text::HONORIFIC, appointment.state.label()),
                theme::SMALL_TEXT_SIZE,
                theme::MUTED_TEXT,
            ),
        ];
        draw_lines(painter, rect, &lines);
    }
    clicked
}

fn draw_lines(painter: &egui::Painter, rect: Rect, lines: &[(String, f32, Color32)]) {
    let clip = painter.with_clip_rect(rect.shrink(2.0));
    let mut y = rect.top() + 3.0;
    for (line, size, color) in lines {
        if y + size > rect.bottom() {
            break;
        }
        clip.text(Pos2::new(rect.left() + 5.0, y), Align2::LEFT_TOP, line, FontId::proportional(*size), *color);
        y += size + 3.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(a: u16, b: u16) -> Interval {
        Interval::new(TimeOfDay::from_minutes(a).unwrap(), TimeOfDay::from_minutes(b).unwrap()).unwrap()
    }

    #[test]
    fn separate_blocks_share_one_lane() {
        let placed = place(&[iv(660, 750), iv(780, 900), iv(900, 1020)]);
        assert!(placed.iter().all(|p| p.lane == 0 && p.lanes == 1));
    }

    #[test]
    fn overlapping_blocks_go_side_by_side() {
        let placed = place(&[iv(780, 900), iv(840, 870), iv(900, 960)]);
        assert_eq!(placed.iter().map(|p| p.lane).collect::<Vec<_>>(), vec![0, 1, 0]);
        assert!(placed.iter().all(|p| p.lanes == 2));
    }

    #[test]
    fn the_pointer_height_gives_a_time_on_the_sessions_steps() {
        let from = TimeOfDay::hm(15, 0).unwrap();
        // 16:10 is 430 of 540 minutes down the grid: the 30-minute step is 16:00.
        assert_eq!(time_at(430.0, 0.0, 540.0, from, 30), TimeOfDay::hm(16, 0).unwrap());
        assert_eq!(time_at(430.0, 0.0, 540.0, from, 15), TimeOfDay::hm(16, 0).unwrap());
        assert_eq!(time_at(440.0, 0.0, 540.0, from, 15), TimeOfDay::hm(16, 15).unwrap());
        // Above the session's start: its start.
        assert_eq!(time_at(0.0, 0.0, 540.0, from, 30), from);
    }

    #[test]
    fn times_outside_the_grid_are_clamped() {
        assert_eq!(y_of(8 * 60, 0.0, 540.0), 0.0);
        assert_eq!(y_of(19 * 60, 0.0, 540.0), 540.0);
        assert_eq!(y_of(13 * 60, 0.0, 540.0), 240.0);
    }
}
