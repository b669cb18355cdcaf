//! Every text field of the desk: egui's `TextEdit`, plus what Japanese input needs from it.
//!
//! egui writes the IME's preedit (the underlined, not yet converted やまｄ) into the field's
//! own text while the receptionist composes. When the field loses the keyboard mid-composition
//! (a click in another field, Tab out of it) or its window closes, the IME throws the
//! composition away (ibus-mozc, MS-IME and macOS send nothing more), but egui leaves the
//! preedit in the text as if it had been typed. So each field remembers where its preedit is
//! and, the first time it is drawn without owning the composition, takes it out again and
//! draws the pass again, so the half-typed text is never shown or stored.

use egui::output::IMEOutput;
use egui::text::{CCursor, CCursorRange};
use egui::{Event, IMEPurpose, Id, ImeEvent, Rect, Response, TextEdit, Ui, vec2};

use crate::ui::ime;

/// A one-line field on `text`; `style` sets its width, hint, id…
pub fn singleline(ui: &mut Ui, text: &mut String, style: impl FnOnce(TextEdit<'_>) -> TextEdit<'_>) -> Response {
    show(ui, text, |text| style(TextEdit::singleline(text)))
}

/// A field of several lines on `text` (notes, a mail's body).
pub fn multiline(ui: &mut Ui, text: &mut String, style: impl FnOnce(TextEdit<'_>) -> TextEdit<'_>) -> Response {
    show(ui, text, |text| style(TextEdit::multiline(text)))
}

/// Where a field's preedit sits in its text, as of the last pass that drew the field.
#[derive(Clone, Debug, PartialEq)]
struct Preedit {
    /// Character positions, as egui's cursors count them.
    start: usize,
    end: usize,
    text: String,
    /// `Context::cumulative_pass_nr` of that pass.
    pass: u64,
}

/// A field that got the keyboard in this pass (Tab, a click) was drawn before it knew, so
/// it told the IME nothing: egui then turns the IME off for one frame and on again, which
/// on X11 throws the input context away, and the next key goes past the IME (ｙあまだ for
/// yamada typed after Tab). So such a field reports itself — its left edge as the caret —
/// until, from the next pass on, egui reports the real caret.
fn keep_the_ime_on(ui: &Ui, response: &Response) {
    if !response.has_focus() || ui.ctx().output(|o| o.ime.is_some()) {
        return;
    }
    let rect = response.rect;
    let caret = Rect::from_min_size(rect.left_top() + vec2(4.0, 3.0), vec2(1.0, (rect.height() - 6.0).max(1.0)));
    ui.ctx().output_mut(|o| {
        o.ime = Some(IMEOutput {
            purpose: IMEPurpose::Normal,
            rect,
            cursor_rect: caret,
            should_interrupt_composition: false,
        });
    });
}

fn preedit_id(field: Id) -> Id {
    field.with("madoguchi_ime_preedit")
}

fn show(ui: &mut Ui, text: &mut String, edit: impl FnOnce(&mut String) -> TextEdit<'_>) -> Response {
    let output = edit(text).show(ui);
    keep_the_ime_on(ui, &output.response.response);
    let mut response = output.response.response;
    let id = response.id;
    let pass = ui.ctx().cumulative_pass_nr();
    let known: Option<Preedit> = ui.data(|d| d.get_temp(preedit_id(id)));
    // The composition goes on only in the field that has the keyboard and was drawn in the
    // pass before; a field drawn again after a pause (its window closed and opened) does not
    // get its old composition back from the IME.
    let composing_here = response.has_focus() && known.as_ref().is_none_or(|p| p.pass + 1 >= pass);
    if !composing_here {
        if let Some(stale) = known {
            ui.data_mut(|d| d.remove::<Preedit>(preedit_id(id)));
            if remove_preedit(text, &stale) {
                let mut state = output.state;
                state.cursor.set_char_range(Some(CCursorRange::one(CCursor::new(stale.start))));
                state.store(ui.ctx(), id);
                response.mark_changed();
                // This pass drew the half-typed text: draw it again without it.
                ui.ctx().request_discard("IME preedit left in a field that lost the keyboard");
            }
        }
        return response;
    }
    let last_ime = ui.input(|i| {
        i.events.iter().rev().find_map(|event| match event {
            Event::Ime(ImeEvent::Preedit { text, .. }) => Some(Some(text.clone())),
            Event::Ime(ImeEvent::Commit(_)) => Some(None),
            _ => None,
        })
    });
    let traced = ime::tracing().then(|| format!("{last_ime:?}"));
    let now = match (last_ime, known) {
        // egui selects the preedit it wrote: the cursor range is exactly where it is.
        (Some(Some(preedit)), _) if !preedit.is_empty() => output.cursor_range.map(|range| {
            let [start, end] = range.sorted_cursors();
            Preedit { start: start.index.into(), end: end.index.into(), text: preedit, pass }
        }),
        (Some(_), _) => None,
        (None, known) => known.map(|p| Preedit { pass, ..p }),
    };
    ime::trace(|| format!("field {id:?} text {text:?} preedit {now:?} (ime event {})", traced.unwrap_or_default()));
    if now.is_some() {
        ime::mark_composing(ui.ctx());
    }
    ui.data_mut(|d| match now {
        Some(preedit) => {
            d.insert_temp(preedit_id(id), preedit);
        }
        None => d.remove::<Preedit>(preedit_id(id)),
    });
    response
}

/// Takes the preedit out of `text`, only where the text there is still the preedit (the
/// view may have replaced the whole value meanwhile). Whether anything was removed.
fn remove_preedit(text: &mut String, preedit: &Preedit) -> bool {
    let byte_at = |chars: usize| text.char_indices().map(|(i, _)| i).chain([text.len()]).nth(chars);
    let (Some(start), Some(end)) = (byte_at(preedit.start), byte_at(preedit.end)) else {
        return false;
    };
    if text.get(start..end) != Some(preedit.text.as_str()) {
        return false;
    }
    text.replace_range(start..end, "");
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preedit(start: usize, end: usize, text: &str) -> Preedit {
        Preedit { start, end, text: text.into(), pass: 0 }
    }

    #[test]
    fn the_preedit_is_taken_out_where_it_was_written() {
        let mut text = "山田やまｄ".to_owned();
        assert!(remove_preedit(&mut text, &preedit(2, 5, "やまｄ")));
        assert_eq!(text, "山田");
        let mut text = "やまｄ 花子".to_owned();
        assert!(remove_preedit(&mut text, &preedit(0, 3, "やまｄ")));
        assert_eq!(text, " 花子");
    }

    #[test]
    fn text_that_is_no_longer_the_preedit_is_left_alone() {
        let mut text = "山田花子".to_owned();
        assert!(!remove_preedit(&mut text, &preedit(2, 4, "やま")));
        assert!(!remove_preedit(&mut text, &preedit(3, 9, "はなこさん")));
        assert_eq!(text, "山田花子");
    }
}
