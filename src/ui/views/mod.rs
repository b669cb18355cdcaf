//! One file per screen. A view draws from the app's read model and returns commands.

pub mod attendance;
pub mod booking_form;
pub mod day_list;
pub mod email_consultations;
pub mod member_editor;
pub mod session_panel;
pub mod week;
