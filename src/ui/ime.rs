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

use egui::{Context, Pos2, Rect};

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

/// Rewrites this frame's IME output, after every field has been drawn.
pub fn place_candidates(ctx: &Context, windowing: Windowing) {
    ctx.output_mut(|output| {
        if let Some(ime) = output.ime.as_mut() {
            ime.cursor_rect = reported_caret(ime.cursor_rect, windowing);
        }
    });
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
    fn elsewhere_the_whole_caret_line_is_reported() {
        assert_eq!(reported_caret(caret(), Windowing::Other), caret());
        assert_eq!(caret().height(), 22.0);
    }
}
