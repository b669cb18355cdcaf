//! Which part of the window has the keyboard. Enter acts only in the part (the booking
//! form, a window) that holds the focus, never in one behind it; Tab and Shift+Tab go
//! round inside that part instead of wandering into the toolbar or the grid.
//!
//! egui hands the focus on in the order widgets are drawn, across the whole window. A part
//! keeps a [`FocusRing`]: it registers its focusable widgets as it draws them, and before
//! drawing the next frame it sends Tab from its last widget to its first (and Shift+Tab
//! from its first to its last).

use egui::{Context, Event, FocusDirection, Id, Key, LayerId, Response, Ui};

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

/// Keeps Tab and Shift+Tab inside the desk window that holds the keyboard, for windows
/// without a [`FocusRing`] of their own (the settings, mail, data windows and the rest).
///
/// egui hands the focus on across the whole window, and its modal layer is the one way to
/// keep it inside a layer — but a modal layer set in one frame is in force the next, and
/// while it is, clicks outside it are ignored. So the fence holds the key back for a
/// moment instead: the frame Tab is pressed it cancels egui's move and sets the window as
/// the modal layer; the next frame (only the window's widgets take part) lets egui learn
/// the window's last widget; the one after moves the focus, inside the window; a last one
/// keeps the fence while egui completes a wrap from the last widget to the first. Clicks
/// outside are ignored only during those three frames, which follow the key at once.
#[derive(Debug, Default)]
pub struct TabFence {
    fenced: Option<Fenced>,
}

#[derive(Clone, Copy, Debug)]
struct Fenced {
    layer: LayerId,
    direction: FocusDirection,
    frame: u8,
}

impl TabFence {
    /// Called at the start of each frame, before any widget is drawn; `windows` are the
    /// layers of the open windows the fence looks after.
    pub fn begin(&mut self, ctx: &Context, windows: &[LayerId]) {
        if let Some(mut fenced) = self.fenced.take() {
            fenced.frame += 1;
            match fenced.frame {
                // Only the window's widgets take part: egui learns which one is last.
                1 => {}
                2 => ctx.memory_mut(|m| m.move_focus(fenced.direction)),
                // A wrap from the last widget to the first completes under last frame's fence.
                _ => return,
            }
            ctx.memory_mut(|m| m.set_modal_layer(fenced.layer));
            self.fenced = Some(fenced);
            ctx.request_repaint();
            return;
        }
        let (tab, shift_tab) = ctx.input(tab_keys);
        if !tab && !shift_tab {
            return;
        }
        let Some(layer) = ctx
            .memory(|m| m.focused())
            .and_then(|id| ctx.read_response(id))
            .map(|response| response.layer_id)
            .filter(|layer| windows.contains(layer))
        else {
            return;
        };
        ctx.memory_mut(|m| {
            m.move_focus(FocusDirection::None);
            m.set_modal_layer(layer);
        });
        let direction = if tab { FocusDirection::Next } else { FocusDirection::Previous };
        self.fenced = Some(Fenced { layer, direction, frame: 0 });
        ctx.request_repaint();
    }
}

/// Whether Tab, or Shift+Tab, was pressed this frame.
fn tab_pressed(ui: &Ui) -> (bool, bool) {
    ui.input(tab_keys)
}

fn tab_keys(i: &egui::InputState) -> (bool, bool) {
    i.events.iter().fold((false, false), |(tab, back), event| match event {
        Event::Key { key: Key::Tab, pressed: true, modifiers, .. } if modifiers.is_none() => (true, back),
        Event::Key { key: Key::Tab, pressed: true, modifiers, .. } if modifiers.shift_only() => (tab, true),
        _ => (tab, back),
    })
}
