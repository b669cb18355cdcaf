//! Reusable pieces of the window.

pub mod date_picker;
pub mod time_grid;
