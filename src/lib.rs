//! madoguchi (窓口): bookings, day lists and capacity for the front desk of a small
//! community-care organisation.

pub mod audit;
pub mod backup;
pub mod cli;
pub mod domain;
pub mod export;
pub mod files;
pub mod fonts;
pub mod import;
pub mod mail;
pub mod print;
pub mod privacy;
pub mod store;
pub mod ui;
