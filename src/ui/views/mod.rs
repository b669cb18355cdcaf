//! One file per screen. A view draws from the app's read model and returns commands.

pub mod attendance;
pub mod audit_log;
pub mod booking_form;
pub mod capacity;
pub mod data_window;
pub mod day_list;
pub mod email_consultations;
pub mod intake;
pub mod intake_settings;
pub mod mail;
pub mod member_editor;
pub mod privacy;
pub mod session_panel;
pub mod settings;
pub mod staff;
pub mod week;
