//! Fonts, colours and spacing: the look of the program, in one place.

use std::sync::Arc;

use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId, TextStyle};

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
            (TextStyle::Body, FontId::proportional(15.0)),
            (TextStyle::Button, FontId::proportional(15.0)),
            (TextStyle::Monospace, FontId::monospace(14.0)),
            (TextStyle::Small, FontId::proportional(12.0)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 4.0);
    });
}

pub const GRID_LINE: Color32 = Color32::from_gray(220);
pub const GRID_HOUR_LINE: Color32 = Color32::from_gray(190);
pub const TEXT_MUTED: Color32 = Color32::from_gray(110);
pub const HOLIDAY_SHADE: Color32 = Color32::from_rgb(253, 232, 232);
pub const HOLIDAY_TEXT: Color32 = Color32::from_rgb(190, 40, 40);
pub const CLOSURE_SHADE: Color32 = Color32::from_rgb(232, 232, 236);
pub const TODAY_SHADE: Color32 = Color32::from_rgb(255, 250, 225);
pub const SATURDAY_TEXT: Color32 = Color32::from_rgb(30, 80, 180);

/// The fill of a session block by how full it is: free, nearly full, full.
pub fn block_fill(used: u16, of: u16) -> Color32 {
    if of == 0 || used >= of {
        Color32::from_rgb(244, 199, 195)
    } else if u32::from(used) * 10 >= u32::from(of) * 7 {
        Color32::from_rgb(252, 228, 180)
    } else {
        Color32::from_rgb(205, 234, 212)
    }
}

pub const BLOCK_STROKE: Color32 = Color32::from_gray(120);
pub const BLOCK_SELECTED_STROKE: Color32 = Color32::from_rgb(20, 90, 200);
pub const APPOINTMENT_FILL: Color32 = Color32::from_rgb(214, 226, 248);
pub const READ_BACK_FILL: Color32 = Color32::from_rgb(226, 240, 255);
pub const SAVED_TEXT: Color32 = Color32::from_rgb(20, 120, 50);
pub const CALL_FILL: Color32 = Color32::from_rgb(255, 240, 214);
