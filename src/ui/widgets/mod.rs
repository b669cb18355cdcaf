//! Reusable pieces of the window.

pub mod time_grid;
