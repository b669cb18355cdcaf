//! The path field offered where no file dialog can open (Linux without the desktop
//! portal, a locked-down PC): it says so, holds a sensible path to start from, and gives
//! the typed path back when the desk presses the button or Enter.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::text_field;

use crate::ui::{text, theme};

/// What the desk did with the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathAction {
    Use(PathBuf),
    Cancel,
}

/// Draws the explanation, the field and its buttons; `button` names what the path is used for.
pub fn show(ui: &mut Ui, path: &mut String, button: &str) -> Option<PathAction> {
    let mut action = None;
    ui.label(RichText::new(text::NO_FILE_DIALOG).color(theme::WARNING_TEXT));
    ui.horizontal(|ui| {
        let label = ui.label(text::PATH_LABEL);
        let width = ui.available_width().min(420.0) - 8.0;
        let edit = text_field::singleline(ui, path, |e| e.desired_width(width));
        let edit = edit.labelled_by(label.id);
        if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && !path.trim().is_empty() {
            action = Some(PathAction::Use(PathBuf::from(path.trim())));
        }
    });
    ui.horizontal(|ui| {
        if ui.add_enabled(!path.trim().is_empty(), egui::Button::new(button)).clicked() {
            action = Some(PathAction::Use(PathBuf::from(path.trim())));
        }
        if ui.button(text::CANCEL).clicked() {
            action = Some(PathAction::Cancel);
        }
    });
    action
}
