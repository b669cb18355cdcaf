//! One shape for every window: a view that owns its model, opened, drawn and closed the
//! same way. The app keeps the open windows in [`Windows`] and loops over them; adding a
//! window is a view implementing [`DeskWindow`] and the line in `apply` that opens it.
//! Each closes with its ×, its own close button or Esc (the topmost window only); a window
//! holding unsaved edits asks first.

use std::any::{Any, TypeId};

use chrono::NaiveDate;
use egui::{Id, LayerId, Order, Ui};

use crate::ui::command::Command;

/// What every window may read while it draws; it changes nothing.
#[derive(Clone, Copy, Debug)]
pub struct DeskContext {
    pub today: NaiveDate,
    /// The data window's running task: its label and, when it can tell, how far it is.
    pub data_task: Option<(&'static str, Option<f32>)>,
    /// A day's list is being made (or its save dialog is open).
    pub printing: bool,
}

/// Where a window first opens and how large it may be.
#[derive(Clone, Copy, Debug, Default)]
pub struct Placement {
    pub pos: [f32; 2],
    pub width: Option<f32>,
    pub min_width: Option<f32>,
    pub size: Option<[f32; 2]>,
}

impl Placement {
    pub fn at(x: f32, y: f32) -> Placement {
        Placement { pos: [x, y], ..Placement::default() }
    }

    pub fn width(self, width: f32) -> Placement {
        Placement { width: Some(width), ..self }
    }

    pub fn min_width(self, min_width: f32) -> Placement {
        Placement { min_width: Some(min_width), ..self }
    }

    pub fn default_size(self, width: f32, height: f32) -> Placement {
        Placement { size: Some([width, height]), ..self }
    }
}

/// A window of the desk: a view and its model. It draws from what it holds and pushes
/// what the user asked for; the app changes what it holds when it applies commands.
pub trait DeskWindow: Any {
    fn title(&self) -> &str;
    fn placement(&self) -> Placement;
    fn show(&mut self, ui: &mut Ui, desk: &DeskContext, commands: &mut Vec<Command>);

    /// Asked when the window is to close (its ×, its close button, Esc). A window holding
    /// edits not yet saved returns `true`: it stays open and asks whether to drop them
    /// (its answer comes back as [`Command::DiscardWindow`]).
    fn asks_before_closing(&mut self) -> bool {
        false
    }

    /// The window keeps Tab inside itself with a [`crate::ui::focus::FocusRing`] of its
    /// own; the others are fenced by the desk's [`crate::ui::focus::TabFence`].
    fn keeps_its_own_tab_order(&self) -> bool {
        false
    }
}

/// Names a kind of window: there is at most one window of each kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct WindowId {
    type_id: TypeId,
    name: &'static str,
}

impl WindowId {
    pub fn of<W: DeskWindow>() -> WindowId {
        WindowId { type_id: TypeId::of::<W>(), name: std::any::type_name::<W>() }
    }

    fn egui_id(self) -> Id {
        Id::unique(("desk_window", self.name))
    }

    fn layer(self) -> LayerId {
        LayerId::new(Order::Middle, self.egui_id())
    }
}

/// The open windows, in the order they were opened.
#[derive(Default)]
pub struct Windows {
    open: Vec<(WindowId, Box<dyn DeskWindow>)>,
}

impl Windows {
    /// Opens `window`, in place of an open window of its kind.
    pub fn open<W: DeskWindow>(&mut self, window: W) {
        let id = WindowId::of::<W>();
        match self.open.iter_mut().find(|(open, _)| *open == id) {
            Some((_, slot)) => *slot = Box::new(window),
            None => self.open.push((id, Box::new(window))),
        }
    }

    /// Closes the window, whatever it holds.
    pub fn close(&mut self, id: WindowId) {
        self.open.retain(|(open, _)| *open != id);
    }

    /// Closes the window unless it holds unsaved edits; then it stays open and asks.
    pub fn close_or_ask(&mut self, id: WindowId) {
        let asks = self.open.iter_mut().find(|(open, _)| *open == id).is_some_and(|(_, w)| w.asks_before_closing());
        if !asks {
            self.close(id);
        }
    }

    pub fn is_open<W: DeskWindow>(&self) -> bool {
        self.get::<W>().is_some()
    }

    /// The kinds of window open now.
    pub fn ids(&self) -> Vec<WindowId> {
        self.open.iter().map(|(id, _)| *id).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.open.is_empty()
    }

    pub fn get<W: DeskWindow>(&self) -> Option<&W> {
        let id = WindowId::of::<W>();
        let (_, window) = self.open.iter().find(|(open, _)| *open == id)?;
        (window.as_ref() as &dyn Any).downcast_ref::<W>()
    }

    pub fn get_mut<W: DeskWindow>(&mut self) -> Option<&mut W> {
        let id = WindowId::of::<W>();
        let (_, window) = self.open.iter_mut().find(|(open, _)| *open == id)?;
        (window.as_mut() as &mut dyn Any).downcast_mut::<W>()
    }

    /// The window in front: the one egui draws on top, or else the one opened last.
    pub fn topmost(&self, ctx: &egui::Context) -> Option<WindowId> {
        let top = ctx.top_layer_id();
        self.open
            .iter()
            .map(|(id, _)| *id)
            .find(|id| Some(id.layer()) == top)
            .or_else(|| self.open.last().map(|(id, _)| *id))
    }

    /// The layers of the open windows that the desk's Tab fence looks after.
    pub fn fenced_layers(&self) -> Vec<LayerId> {
        self.open.iter().filter(|(_, window)| !window.keeps_its_own_tab_order()).map(|(id, _)| id.layer()).collect()
    }

    /// Draws every open window; a window closed with its × asks to be closed.
    pub fn show(&mut self, ctx: &egui::Context, desk: &DeskContext, commands: &mut Vec<Command>) {
        for (id, window) in &mut self.open {
            let placement = window.placement();
            let mut open = true;
            let mut frame = egui::Window::new(window.title().to_owned())
                .id(id.egui_id())
                .open(&mut open)
                .collapsible(false)
                .default_pos(placement.pos);
            if let Some(width) = placement.width {
                frame = frame.default_width(width);
            }
            if let Some(min_width) = placement.min_width {
                frame = frame.min_width(min_width);
            }
            if let Some(size) = placement.size {
                frame = frame.default_size(size);
            }
            frame.show(ctx, |ui| window.show(ui, desk, commands));
            if !open {
                commands.push(Command::CloseWindow(*id));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Note(&'static str);

    impl DeskWindow for Note {
        fn title(&self) -> &str {
            self.0
        }

        fn placement(&self) -> Placement {
            Placement::at(0.0, 0.0)
        }

        fn show(&mut self, ui: &mut Ui, _desk: &DeskContext, _commands: &mut Vec<Command>) {
            ui.label(self.0);
        }
    }

    #[test]
    fn a_window_opened_again_takes_the_place_of_the_open_one() {
        let mut windows = Windows::default();
        windows.open(Note("first"));
        windows.open(Note("second"));
        assert_eq!(windows.open.len(), 1);
        assert_eq!(windows.get::<Note>().map(|n| n.0), Some("second"));
        windows.get_mut::<Note>().expect("open").0 = "third";
        assert_eq!(windows.get::<Note>().map(|n| n.0), Some("third"));
        windows.close(WindowId::of::<Note>());
        assert!(windows.is_empty());
    }
}
