//! Japanese input as an IME sends it: preedit updates, then a commit or nothing at all.

use egui::{Event, ImeEvent, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use madoguchi::ui::ime::{self, Windowing};
use madoguchi::ui::widgets::text_field;

#[derive(Default)]
struct TwoFields {
    search: String,
    theme: String,
}

fn two_fields() -> Harness<'static, TwoFields> {
    Harness::builder().with_context_setup(madoguchi::ui::theme::install).build_ui_state(
        |ui, fields: &mut TwoFields| {
            let label = ui.label("search");
            text_field::singleline(ui, &mut fields.search, |e| e).labelled_by(label.id);
            let label = ui.label("theme");
            text_field::singleline(ui, &mut fields.theme, |e| e).labelled_by(label.id);
        },
        TwoFields::default(),
    )
}

fn preedit(text: &str) -> Event {
    Event::Ime(ImeEvent::Preedit { text: text.into(), active_range_chars: None })
}

#[test]
fn preedit_updates_in_one_frame_leave_the_last_one_in_the_field() {
    let mut harness = two_fields();
    harness.get_by_label("search").focus();
    harness.run();
    for text in ["ｙ", "や", "やｍ", "やま", "やまｄ"] {
        harness.event(preedit(text));
        harness.run();
        assert_eq!(harness.state().search, text);
    }
    // Two updates in the same frame (XIM delivers them so when typing fast).
    harness.event(preedit("やまｄ"));
    harness.event(preedit("やまだ"));
    harness.run();
    assert_eq!(harness.state().search, "やまだ");
    harness.event(Event::Ime(ImeEvent::Commit("山田".into())));
    harness.run();
    assert_eq!(harness.state().search, "山田");
}

#[test]
fn clicking_another_field_mid_composition_leaves_no_half_typed_text() {
    let mut harness = two_fields();
    harness.get_by_label("search").focus();
    harness.run();
    harness.event(Event::Ime(ImeEvent::Commit("山田".into())));
    harness.run();
    harness.event(preedit("はなｋ"));
    harness.run();
    assert_eq!(harness.state().search, "山田はなｋ");
    harness.get_by_label("theme").click();
    harness.run();
    assert_eq!(harness.state().search, "山田", "the committed text stays, the preedit goes");
    assert_eq!(harness.state().theme, "");
}

#[test]
fn a_committed_full_width_space_stays_between_the_names_in_the_field() {
    let mut harness = two_fields();
    harness.get_by_label("search").focus();
    harness.run();
    harness.event(preedit("やまだ　はなこ"));
    harness.run();
    harness.event(Event::Ime(ImeEvent::Commit("山田　花子".into())));
    harness.run();
    assert_eq!(harness.state().search, "山田\u{3000}花子");
}

/// The search field alone, with the desk's IME placement for `windowing` after it.
fn search_field(windowing: Windowing) -> Harness<'static, String> {
    Harness::builder().with_context_setup(madoguchi::ui::theme::install).build_ui_state(
        move |ui, search: &mut String| {
            let label = ui.label("search");
            text_field::singleline(ui, search, |e| e).labelled_by(label.id);
            ime::place_candidates(ui.ctx(), windowing);
        },
        String::new(),
    )
}

fn reported_spot(harness: &Harness<'_, String>) -> Option<Pos2> {
    harness.output().platform_output.ime.map(|ime| ime.cursor_rect.min)
}

/// Every new spot is an `XSetICValues` round trip, and libX11 holds back the preedit updates
/// that arrive meanwhile until the input method's next message: the field showed やまｄ
/// while Mozc held やまだ (docs/ime.md). So on X11 the spot must not move mid-composition.
#[test]
fn on_x11_the_reported_spot_stays_put_while_composing() {
    let mut harness = search_field(Windowing::X11);
    harness.get_by_label("search").focus();
    harness.run();
    let began = reported_spot(&harness);
    assert!(began.is_some(), "a focused field reports a spot");
    for text in ["ｙ", "や", "やｍ", "やま", "やまｄ", "やまだ"] {
        harness.event(preedit(text));
        harness.run();
        assert_eq!(harness.state(), text);
        assert_eq!(reported_spot(&harness), began, "the spot moved at {text}");
    }
    harness.event(Event::Ime(ImeEvent::Commit("山田".into())));
    harness.run();
    assert_eq!(harness.state(), "山田");
    let after = reported_spot(&harness).unwrap_or_default();
    assert!(after.x > began.unwrap_or_default().x, "after the commit the spot follows the caret again");
}

#[test]
fn elsewhere_the_reported_caret_follows_the_preedit() {
    let mut harness = search_field(Windowing::Other);
    harness.get_by_label("search").focus();
    harness.run();
    let began = reported_spot(&harness).unwrap_or_default();
    harness.event(preedit("やま"));
    harness.run();
    assert!(reported_spot(&harness).unwrap_or_default().x > began.x);
}
