//! Fonts, colours and spacing: the look of the program, in one place.

use std::sync::Arc;

use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId, TextStyle};

use crate::domain::booking::Fill;

pub use crate::fonts::JAPANESE_FONT;
const JAPANESE_FONT_NAME: &str = "BIZ UDGothic";

/// The bundled font, first for proportional and monospace text; egui's own fonts stay
/// behind it for the few symbols it lacks.
pub fn font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(JAPANESE_FONT_NAME.to_owned(), Arc::new(FontData::from_static(JAPANESE_FONT)));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts.families.entry(family).or_default().insert(0, JAPANESE_FONT_NAME.to_owned());
    }
    fonts
}

/// Installs the fonts and the desk's text sizes and colours on a context.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
    // A light theme whatever the system says: the printed list and the screen look alike.
    ctx.set_theme(egui::Theme::Light);
    ctx.all_styles_mut(|style| {
        // Larger than egui's defaults: the desk reads this while on the phone.
        style.text_styles = [
            (TextStyle::Heading, FontId::proportional(22.0)),
            (TextStyle::Body, FontId::proportional(BODY_TEXT_SIZE)),
            (TextStyle::Button, FontId::proportional(BODY_TEXT_SIZE)),
            (TextStyle::Monospace, FontId::monospace(14.0)),
            (TextStyle::Small, FontId::proportional(SMALL_TEXT_SIZE)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 4.0);
    });
}

// Text sizes, by what they are for.
/// The grid's day headings.
pub const BODY_TEXT_SIZE: f32 = 15.0;

/// The toolbar's buttons: closer together than elsewhere, so that every action fits one
/// line on a 1366-wide screen (a 1024-wide one wraps to a second line).
pub const TOOLBAR_ITEM_SPACING: f32 = 3.0;
pub const TOOLBAR_BUTTON_PADDING: f32 = 4.0;

/// The week grid's narrowest width: seven day columns of about 60 px beside the hours.
/// The side panels give way so the grid keeps it (a 1024-wide screen with the booking
/// form and the session panel both open).
pub const WEEK_GRID_MIN_WIDTH: f32 = 480.0;
/// The booking form's and the session panel's widths when there is room for them.
pub const BOOKING_FORM_WIDTH: f32 = 430.0;
pub const SESSION_PANEL_WIDTH: f32 = 420.0;
/// A session panel narrower than this lists the phone under the name, not in a column.
pub const SESSION_TABLE_COMPACT_BELOW: f32 = 380.0;
/// Narrower than this a side panel's rows would no longer read.
pub const SIDE_PANEL_MIN_WIDTH: f32 = 240.0;
/// A session block's title in the grid.
pub const BLOCK_TITLE_SIZE: f32 = 14.0;
/// The hours down the grid's side.
pub const HOUR_LABEL_SIZE: f32 = 13.0;
/// Notes, template hints, the sender's status, history lines.
pub const SMALL_TEXT_SIZE: f32 = 12.0;
/// Furigana under names, marks beside a phone number, the status bar.
pub const CAPTION_TEXT_SIZE: f32 = 11.0;
/// The read-back line said to the member on the phone.
pub const READ_BACK_TEXT_SIZE: f32 = 16.0;
/// A date or a list's heading that the eye looks for first.
pub const LARGE_TEXT_SIZE: f32 = 17.0;
/// The intake window: its list of requests beside the chosen one and its mail, sized to
/// fit a 1366×768 screen below the toolbar.
/// A text field of the mail window's settings.
pub const SETTINGS_FIELD_WIDTH: f32 = 360.0;
/// A member of staff's name field in the staff window.
pub const STAFF_NAME_WIDTH: f32 = 120.0;
pub const INTAKE_WINDOW_SIZE: [f32; 2] = [900.0, 600.0];
pub const INTAKE_LIST_WIDTH: f32 = 300.0;
pub const INTAKE_LIST_HEIGHT: f32 = 460.0;
pub const INTAKE_MAIL_HEIGHT: f32 = 220.0;
pub const INTAKE_MAIL_HEIGHT_REPLYING: f32 = 110.0;
/// The reply being written to a request: its body's lines and width.
pub const INTAKE_REPLY_ROWS: usize = 10;
pub const INTAKE_REASON_WIDTH: f32 = 220.0;
pub const INTAKE_REPLY_WIDTH: f32 = 520.0;

// Colours, by what they mean.
pub const GRID_LINE: Color32 = Color32::from_gray(220);
pub const GRID_HOUR_LINE: Color32 = Color32::from_gray(190);
/// Secondary text: hints, furigana, bookings that no longer take place.
pub const MUTED_TEXT: Color32 = Color32::from_gray(110);
/// Text on a session block or an appointment.
pub const BLOCK_TEXT: Color32 = Color32::from_gray(20);
pub const HOLIDAY_SHADE: Color32 = Color32::from_rgb(253, 232, 232);
pub const HOLIDAY_TEXT: Color32 = Color32::from_rgb(190, 40, 40);
/// What needs the desk's attention: a day off, nearly full, no-show, a call to make.
pub const WARNING_TEXT: Color32 = Color32::from_rgb(190, 40, 40);
/// A member without email who still has to be phoned.
pub const TO_PHONE_TEXT: Color32 = Color32::from_rgb(0xB0, 0x60, 0x00);
/// A member whose consent to the handling of their data is not recorded (同意未確認).
pub const NO_CONSENT_TEXT: Color32 = TO_PHONE_TEXT;
pub const CLOSURE_SHADE: Color32 = Color32::from_rgb(232, 232, 236);
pub const TODAY_SHADE: Color32 = Color32::from_rgb(255, 250, 225);
pub const SATURDAY_TEXT: Color32 = Color32::from_rgb(30, 80, 180);

/// A session block with places left, nearly full, and full.
pub const FREE_FILL: Color32 = Color32::from_rgb(205, 234, 212);
pub const NEARLY_FULL_FILL: Color32 = Color32::from_rgb(252, 228, 180);
pub const FULL_FILL: Color32 = Color32::from_rgb(244, 199, 195);

/// The fill of a session block by how full the domain says it is.
pub fn session_fill(fill: Fill) -> Color32 {
    if fill.is_full() {
        FULL_FILL
    } else if fill.is_nearly_full() {
        NEARLY_FULL_FILL
    } else {
        FREE_FILL
    }
}

pub const BLOCK_STROKE: Color32 = Color32::from_gray(120);
/// The chosen session, the focused row.
pub const SELECTED_STROKE: Color32 = Color32::from_rgb(20, 90, 200);
pub const APPOINTMENT_FILL: Color32 = Color32::from_rgb(214, 226, 248);
pub const READ_BACK_FILL: Color32 = Color32::from_rgb(226, 240, 255);
/// The row the keys act on (the attendance sheet).
pub const FOCUSED_ROW_FILL: Color32 = Color32::from_rgb(226, 240, 255);
pub const NO_FILL: Color32 = Color32::TRANSPARENT;
/// Who is at the desk, in the toolbar.
pub const AT_DESK_TEXT: Color32 = Color32::from_rgb(20, 70, 150);
/// Something saved or sent: a done notice, a mail delivered, attended.
pub const DONE_TEXT: Color32 = Color32::from_rgb(20, 120, 50);
/// Waitlisted members to call now that a place has freed.
pub const CALL_FILL: Color32 = Color32::from_rgb(255, 240, 214);
/// A window asking before it drops something (unsaved edits).
pub const ASK_FILL: Color32 = CALL_FILL;

// The capacity chart: places used, used in a full session, and left.
pub const CHART_USED: Color32 = Color32::from_rgb(70, 130, 200);
pub const CHART_FULL: Color32 = Color32::from_rgb(210, 90, 60);
pub const CHART_FREE: Color32 = Color32::from_rgb(205, 215, 228);
/// The room one date label under the capacity chart needs ("11/25 13:00").
pub const CHART_LABEL_WIDTH: f32 = 78.0;
