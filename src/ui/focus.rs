//! Which part of the window has the keyboard. Enter acts only in the part (the booking
//! form, a window) that holds the focus, never in one behind it; Tab and Shift+Tab go
//! round inside that part instead of wandering into the toolbar or the grid.
//!
//! egui hands the focus on in the order widgets are drawn, across the whole window. A part
//! keeps a [`FocusRing`]: it registers its focusable widgets as it draws them, and before
//! drawing the next frame it sends Tab from its last widget to its first (and Shift+Tab
//! from its first to its last).

use egui::{Event, FocusDirection, Id, Key, Response, Ui};

/// How Enter treats a widget of the ring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Enter {
    /// A field or a choice: Enter does the part's own action (saving the form).
    DoesTheAction,
    /// A button: Enter presses that button (egui does it), nothing else.
    PressesIt,
}

/// The focusable widgets of one part of the window, in the order Tab visits them.
#[derive(Debug, Default)]
pub struct FocusRing {
    /// The widgets as drawn in the last frame.
    drawn: Vec<(Id, Enter)>,
    /// The widgets being drawn in this frame.
    drawing: Vec<(Id, Enter)>,
    /// The widget of this part that held the focus when the frame began.
    focused: Option<(Id, Enter)>,
}

impl FocusRing {
    /// Called before the part draws its first widget: notes whether it holds the focus and
    /// keeps Tab inside it.
    pub fn begin(&mut self, ui: &Ui) {
        self.drawn = std::mem::take(&mut self.drawing);
        let focused = ui.memory(|m| m.focused());
        self.focused = self.drawn.iter().copied().find(|(id, _)| Some(*id) == focused);
        let (Some((first, _)), Some((last, _))) = (self.drawn.first().copied(), self.drawn.last().copied()) else {
            return;
        };
        let (tab, shift_tab) = tab_pressed(ui);
        let round_to = match focused {
            Some(id) if tab && id == last => Some(first),
            Some(id) if shift_tab && id == first => Some(last),
            _ => None,
        };
        if let Some(target) = round_to {
            ui.memory_mut(|m| {
                m.move_focus(FocusDirection::None);
                m.request_focus(target);
            });
        }
    }

    /// Registers a field or a choice: Enter there does the part's action.
    pub fn field(&mut self, response: Response) -> Response {
        self.register(&response, Enter::DoesTheAction);
        response
    }

    /// Registers a button: Enter there presses the button only.
    pub fn button(&mut self, response: Response) -> Response {
        self.register(&response, Enter::PressesIt);
        response
    }

    fn register(&mut self, response: &Response, enter: Enter) {
        if response.sense.is_focusable() && response.enabled() {
            self.drawing.push((response.id, enter));
        }
    }

    /// This part held the focus when the frame began.
    pub fn has_focus(&self) -> bool {
        self.focused.is_some()
    }

    /// Enter was pressed in one of this part's fields (not on one of its buttons, which
    /// Enter presses by itself).
    pub fn enter_in_field(&self, ui: &Ui) -> bool {
        self.focused.is_some_and(|(_, enter)| enter == Enter::DoesTheAction) && ui.input(|i| i.key_pressed(Key::Enter))
    }

    /// Puts the focus on the part's first widget, when Tab was pressed with nothing focused
    /// (egui would give it to the first widget of the whole window: the toolbar).
    pub fn take_stray_tab(&self, ui: &Ui) {
        let Some((first, _)) = self.drawn.first().or(self.drawing.first()).copied() else {
            return;
        };
        let (tab, shift_tab) = tab_pressed(ui);
        if (tab || shift_tab) && ui.memory(|m| m.focused()).is_none() {
            ui.memory_mut(|m| {
                m.move_focus(FocusDirection::None);
                m.request_focus(first);
            });
        }
    }
}

/// Whether Tab, or Shift+Tab, was pressed this frame.
fn tab_pressed(ui: &Ui) -> (bool, bool) {
    ui.input(|i| {
        i.events.iter().fold((false, false), |(tab, back), event| match event {
            Event::Key { key: Key::Tab, pressed: true, modifiers, .. } if modifiers.is_none() => (true, back),
            Event::Key { key: Key::Tab, pressed: true, modifiers, .. } if modifiers.shift_only() => (tab, true),
            _ => (tab, back),
        })
    })
}
