//! The one way a window tells how an action went: done, refused (a rule or a wrong value:
//! the desk can act on it) or failed (the data or the system failed). Errors keep their
//! own types until they reach a notice.

use std::fmt::Display;

use egui::{RichText, Ui};

use crate::mail::secret::SecretError;
use crate::mail::settings::SettingError;
use crate::store::StoreError;
use crate::ui::theme;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Done,
    /// Nothing happened, and that is how it should be (a dialog closed without a choice).
    Info,
    Refused,
    Failed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

impl Notice {
    pub fn done(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Done, text: text.into() }
    }

    pub fn info(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Info, text: text.into() }
    }

    pub fn refused(why: impl Display) -> Notice {
        Notice { kind: NoticeKind::Refused, text: why.to_string() }
    }

    pub fn failed(why: impl Display) -> Notice {
        Notice { kind: NoticeKind::Failed, text: why.to_string() }
    }

    /// A store error: refused when the store turned the action down, failed otherwise.
    pub fn from_store(err: &StoreError) -> Notice {
        if err.is_refusal() { Notice::refused(err) } else { Notice::failed(err) }
    }

    pub fn is_done(&self) -> bool {
        self.kind == NoticeKind::Done
    }

    /// The same notice with `prefix: ` before its text.
    pub fn prefixed(self, prefix: &str) -> Notice {
        Notice { text: format!("{prefix}: {}", self.text), ..self }
    }

    pub fn show(&self, ui: &mut Ui) {
        let colour = match self.kind {
            NoticeKind::Done => theme::DONE_TEXT,
            NoticeKind::Info => theme::MUTED_TEXT,
            NoticeKind::Refused | NoticeKind::Failed => ui.visuals().error_fg_color,
        };
        ui.label(RichText::new(&self.text).color(colour));
    }
}

/// Why an action asked for in a window did not happen: shown in that window, or — when
/// reading or writing the data failed — raised to the desk's error line.
#[derive(Debug)]
pub enum ActionError {
    Shown(Notice),
    Store(StoreError),
}

impl From<StoreError> for ActionError {
    fn from(err: StoreError) -> ActionError {
        if err.is_refusal() { ActionError::Shown(Notice::refused(err)) } else { ActionError::Store(err) }
    }
}

impl From<SecretError> for ActionError {
    fn from(err: SecretError) -> ActionError {
        match err {
            SecretError::NoUser | SecretError::Empty => ActionError::Shown(Notice::refused(err)),
            SecretError::Unavailable(_) | SecretError::Failed(_) => ActionError::Shown(Notice::failed(err)),
        }
    }
}

impl From<SettingError> for ActionError {
    fn from(err: SettingError) -> ActionError {
        ActionError::Shown(Notice::refused(err))
    }
}

impl From<Notice> for ActionError {
    fn from(notice: Notice) -> ActionError {
        ActionError::Shown(notice)
    }
}
