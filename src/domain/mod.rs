//! The desk's rules and types: pure, with no egui, no SQLite, no files and no clock.

pub mod actions;
pub mod booking;
pub mod capacity;
pub mod email_consultation;
pub mod holidays;
pub mod intake;
pub mod member;
pub mod member_search;
pub mod message;
pub mod phone;
pub mod privacy;
pub mod schedule;
pub mod staff;
pub mod templates;
pub mod text;
pub mod time;
