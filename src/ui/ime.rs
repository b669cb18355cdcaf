//! Where the input method opens its candidate window: below the text being composed,
//! never on it.
//!
//! egui reports the caret's rectangle (its full line height) to the integration, and on
//! Windows, macOS and Wayland winit hands the whole rectangle to the input method, which
//! opens its candidates below it. On X11 winit 0.30 passes only the rectangle's top-left
//! corner, as the XIM "spot" (`XNSpotLocation`), and IBus (ibus-x11) opens the candidate
//! window with its top edge at that point: on the text line, hiding the composition and the
//! line below it. The XIM spot is meant to be the text's baseline, so on X11 the desk
//! reports the caret's bottom-left corner instead (see docs/ime.md).
//!
//! On X11 the spot also stays where the composition began for as long as it lasts. Every
//! new spot is an `XSetICValues` round trip to the input method, and libX11 queues the
//! preedit updates that arrive while it waits for the reply, and hands them over only
//! when the next message from the input method comes: typing fast, the last preedit
//! (やまだ) then waited for the next key while the field showed the one before (やまｄ).
//! egui moves the caret with every preedit update, so a spot following the caret was sent
//! after every update (docs/ime.md has the details).

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use egui::{Context, Event, Id, Pos2, RawInput, Rect};

/// Whether `MADOGUCHI_IME_TRACE=1`: then every IME event egui gets, every pass and every
/// composing field's text are written to stderr, with the time in milliseconds since 1970
/// (so that it lines up with `date +%s%3N` in `tests/ime/check.sh`).
pub fn tracing() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var("MADOGUCHI_IME_TRACE").is_ok_and(|v| v == "1"))
}

/// Writes one trace line (only when [`tracing`]).
pub fn trace(line: impl FnOnce() -> String) {
    if tracing() {
        let ms = SystemTime::now().duration_since(UNIX_EPOCH).map(|t| t.as_millis()).unwrap_or_default();
        eprintln!("ime-trace {ms} {}", line());
    }
}

/// Traces the IME and key events of one frame's input, as eframe hands it over.
pub fn trace_input(input: &RawInput) {
    if !tracing() {
        return;
    }
    for event in &input.events {
        match event {
            Event::Ime(ime) => trace(|| format!("input {ime:?}")),
            Event::Key { key, pressed, .. } => trace(|| format!("input key {key:?} pressed={pressed}")),
            Event::Text(text) => trace(|| format!("input text {text:?}")),
            _ => {}
        }
    }
}

/// The windowing system the window runs on, as far as the input method cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Windowing {
    /// X11 through XIM: the input method gets one point.
    X11,
    /// Everything else: the input method gets the whole caret rectangle.
    Other,
}

impl Windowing {
    /// The windowing system of eframe's window.
    pub fn of(frame: &eframe::Frame) -> Windowing {
        use eframe::wgpu::rwh::{HasWindowHandle, RawWindowHandle};
        match frame.window_handle().map(|handle| handle.as_raw()) {
            Ok(RawWindowHandle::Xlib(_) | RawWindowHandle::Xcb(_)) => Windowing::X11,
            _ => Windowing::Other,
        }
    }
}

/// The caret rectangle to report so that the candidates open below the caret's line.
pub fn reported_caret(caret: Rect, windowing: Windowing) -> Rect {
    match windowing {
        Windowing::Other => caret,
        Windowing::X11 => Rect::from_min_max(Pos2::new(caret.left(), caret.bottom()), caret.right_bottom()),
    }
}

/// The pass in which a field last held a preedit.
fn composing_id() -> Id {
    Id::unique("madoguchi_ime_composing")
}

/// The rectangle reported to the input method in the last pass.
fn reported_id() -> Id {
    Id::unique("madoguchi_ime_reported")
}

/// Told by the field that holds a preedit, in every pass it is drawn with it.
pub fn mark_composing(ctx: &Context) {
    let pass = ctx.cumulative_pass_nr();
    ctx.data_mut(|d| d.insert_temp(composing_id(), pass));
}

/// What to report for the caret: on X11, during a composition, what was reported before
/// it (where it began), so that the input method is not sent a new spot mid-composition.
pub fn spot(caret: Rect, windowing: Windowing, composing: bool, before: Option<Rect>) -> Rect {
    match (windowing, composing, before) {
        (Windowing::X11, true, Some(before)) => before,
        _ => reported_caret(caret, windowing),
    }
}

/// On X11, makes the window get an X event after this frame. winit 0.30 hands what the
/// frame asks of the input method (on/off, the spot) to XIM only when it reads the next
/// X event, after passing that event through the old input context: a Ctrl+N typed right
/// after Esc closed the booking form went to the input context being destroyed and was
/// lost. Setting the window's title again (the same title) makes the X server send the
/// window a PropertyNotify, so winit gets on with it at once.
fn nudge(ctx: &Context, windowing: Windowing) {
    if windowing != Windowing::X11 {
        return;
    }
    // The program's own title: what egui reads back from winit is not it on every X11
    // window manager (openbox gave "Unnamed Window").
    trace(|| "nudge: the title set again".to_owned());
    ctx.send_viewport_cmd(egui::ViewportCommand::Title(crate::ui::text::APP_TITLE.to_owned()));
}

/// Rewrites this pass's IME output, after every field has been drawn.
pub fn place_candidates(ctx: &Context, windowing: Windowing) {
    let pass = ctx.cumulative_pass_nr();
    let (composing, before) =
        ctx.data(|d| (d.get_temp::<u64>(composing_id()) == Some(pass), d.get_temp::<Rect>(reported_id())));
    let Some(caret) = ctx.output(|output| output.ime.map(|ime| ime.cursor_rect)) else {
        if before.is_some() {
            ctx.data_mut(|d| d.remove::<Rect>(reported_id()));
            nudge(ctx, windowing);
        }
        return;
    };
    let reported = spot(caret, windowing, composing, before);
    ctx.output_mut(|output| {
        if let Some(ime) = output.ime.as_mut() {
            ime.cursor_rect = reported;
        }
    });
    ctx.data_mut(|d| d.insert_temp(reported_id(), reported));
    if before != Some(reported) {
        nudge(ctx, windowing);
    }
    trace(|| format!("ime spot {:?} (caret {:?}, composing {composing})", reported.min, caret.min));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caret() -> Rect {
        Rect::from_min_max(Pos2::new(100.0, 150.0), Pos2::new(102.0, 172.0))
    }

    #[test]
    fn on_x11_the_spot_is_the_bottom_of_the_caret_line() {
        let reported = reported_caret(caret(), Windowing::X11);
        assert_eq!(reported.min, Pos2::new(100.0, 172.0), "the point XIM gets is the rectangle's top-left");
        assert!(reported.min.y >= caret().bottom());
    }

    #[test]
    fn on_x11_the_spot_stays_where_the_composition_began() {
        let began = reported_caret(caret(), Windowing::X11);
        let moved = caret().translate(egui::vec2(40.0, 0.0));
        assert_eq!(spot(moved, Windowing::X11, true, Some(began)), began);
        assert_eq!(spot(moved, Windowing::X11, false, Some(began)), reported_caret(moved, Windowing::X11));
        assert_eq!(spot(moved, Windowing::X11, true, None), reported_caret(moved, Windowing::X11));
        assert_eq!(spot(moved, Windowing::Other, true, Some(began)), moved, "only XIM needs it");
    }

    #[test]
    fn elsewhere_the_whole_caret_line_is_reported() {
        assert_eq!(reported_caret(caret(), Windowing::Other), caret());
        assert_eq!(caret().height(), 22.0);
    }
}
