//! Mail to members: booking confirmations, notices of changes and cancellations, and the
//! group session's meeting access on the day.
//!
//! Every message goes through the outbox table (`store::outbox`): it is written in the
//! same transaction as the booking change it tells of, and only then sent, by a run that
//! claims it first (see [`send`]). With no SMTP server set, messages are written as `.eml`
//! files to an outbox folder, so the program works with no server at all.

pub mod imap;
pub mod incoming;
pub mod secret;
pub mod send;
pub mod settings;
pub mod transport;
pub mod trust;

pub use send::{SendSummary, send_due};

// The message kinds, states and template language are domain rules; these names stay
// here for the code that sends.
pub use crate::domain::message::{AccessMailState, MessageKind, OutboxState};
pub use crate::domain::templates;
pub use settings::{MailSettings, Security};
