//! Reusable pieces of the window.

pub mod date_picker;
pub mod path_field;
pub mod text_field;
pub mod time_grid;
