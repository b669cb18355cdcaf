//! Asking where to save or what to open, and telling the three answers apart: a path
//! chosen, nothing chosen (the dialog was closed), or no dialog at all (Linux without the
//! xdg desktop portal, a locked-down PC). Where no dialog can open, the windows offer a
//! path field instead ([`crate::ui::widgets::path_field`]). Also whether a PDF viewer can
//! be asked to open a file at all. The app holds a [`FileDialogs`], so tests can stand in
//! a machine without dialogs. Called on task threads only, never from draw code.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What kind of dialog is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKind {
    SaveFile,
    PickFile,
    PickFolder,
}

/// One question to the user: what they pick, with the dialog's title, a suggested file
/// name, the folder it starts in and the kinds of file it lists.
#[derive(Clone, Debug)]
pub struct FileQuestion {
    pub kind: DialogKind,
    pub title: &'static str,
    pub file_name: Option<String>,
    pub directory: Option<PathBuf>,
    pub filter: Option<(&'static str, &'static [&'static str])>,
}

impl FileQuestion {
    pub fn new(kind: DialogKind, title: &'static str) -> FileQuestion {
        FileQuestion { kind, title, file_name: None, directory: None, filter: None }
    }

    pub fn file_name(self, name: impl Into<String>) -> FileQuestion {
        FileQuestion { file_name: Some(name.into()), ..self }
    }

    pub fn directory(self, dir: impl Into<PathBuf>) -> FileQuestion {
        FileQuestion { directory: Some(dir.into()), ..self }
    }

    pub fn filter(self, name: &'static str, extensions: &'static [&'static str]) -> FileQuestion {
        FileQuestion { filter: Some((name, extensions)), ..self }
    }

    /// What the path field offers when no dialog opens: the start folder (or the user's
    /// documents) with the suggested name.
    pub fn suggested_path(&self) -> PathBuf {
        let dir = self.directory.clone().unwrap_or_else(default_folder);
        match (&self.file_name, self.kind) {
            (Some(name), DialogKind::SaveFile) => dir.join(name),
            _ => dir,
        }
    }
}

/// How a question was answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Chosen(PathBuf),
    /// The dialog opened and was closed without a choice.
    NothingChosen,
    /// No dialog could open on this computer: the window offers a path field.
    Unavailable,
}

/// Which dialogs the window uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FileDialogs {
    /// The system's dialogs (rfd).
    #[default]
    System,
    /// No dialog can open (a test standing in a machine without the portal).
    Unavailable,
}

/// A dialog that a person closed cannot have come back sooner than this. On Linux rfd asks
/// the xdg desktop portal over D-Bus; where none runs, the call fails and rfd returns
/// nothing within milliseconds, exactly as if the dialog had been cancelled. Telling the two
/// apart by the clock is robust where probing is not: the portal may be missing, masked,
/// or present without a backend (its FileChooser interface answers with an error), and in
/// every such case the answer is quick, while a person needs seconds to see a dialog and
/// close it.
const FASTER_THAN_A_PERSON: Duration = Duration::from_millis(300);

impl FileDialogs {
    pub fn ask(self, question: &FileQuestion) -> Answer {
        match self {
            FileDialogs::Unavailable => Answer::Unavailable,
            FileDialogs::System => ask_system(question),
        }
    }
}

fn ask_system(question: &FileQuestion) -> Answer {
    if cfg!(target_os = "linux") && !session_bus_exists() {
        // No session bus: no portal can answer, and rfd would only fail.
        return Answer::Unavailable;
    }
    let mut dialog = rfd::FileDialog::new().set_title(question.title);
    if let Some(name) = &question.file_name {
        dialog = dialog.set_file_name(name);
    }
    if let Some(dir) = &question.directory {
        dialog = dialog.set_directory(dir);
    }
    if let Some((name, extensions)) = question.filter {
        dialog = dialog.add_filter(name, extensions);
    }
    let asked = Instant::now();
    let picked = match question.kind {
        DialogKind::SaveFile => dialog.save_file(),
        DialogKind::PickFile => dialog.pick_file(),
        DialogKind::PickFolder => dialog.pick_folder(),
    };
    match picked {
        Some(path) => Answer::Chosen(path),
        // Windows and macOS always have their native dialogs: nothing back means closed.
        None if cfg!(target_os = "linux") && asked.elapsed() < FASTER_THAN_A_PERSON => Answer::Unavailable,
        None => Answer::NothingChosen,
    }
}

/// Whether a D-Bus session bus is there to carry the portal's dialog (its address in the
/// environment, or the usual socket under the user's runtime folder).
fn session_bus_exists() -> bool {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty()) {
        return true;
    }
    std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|dir| Path::new(&dir).join("bus").exists())
}

/// Where the path field starts when nothing better is known: the user's documents folder,
/// else the home folder, else the current folder.
pub fn default_folder() -> PathBuf {
    let Some(home) = std::env::home_dir() else {
        return PathBuf::from(".");
    };
    for documents in ["Documents", "ドキュメント"] {
        let dir = home.join(documents);
        if dir.is_dir() {
            return dir;
        }
    }
    home
}

/// Why no PDF viewer can be asked to open a file here, if that is known before trying:
/// on Linux the opener hands the file to `xdg-open`; without it there is no viewer to ask.
/// (Windows and macOS always have their own opener.)
pub fn viewer_missing() -> Option<String> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let on_path = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("xdg-open").is_file()));
    (!on_path).then(|| crate::ui::text::NO_XDG_OPEN.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stand_in_reports_no_dialog() {
        let question = FileQuestion::new(DialogKind::SaveFile, "t").file_name("a.pdf");
        assert_eq!(FileDialogs::Unavailable.ask(&question), Answer::Unavailable);
    }

    #[test]
    fn a_save_suggests_the_start_folder_with_the_name() {
        let question = FileQuestion::new(DialogKind::SaveFile, "t").file_name("a.pdf").directory("/tmp/x");
        assert_eq!(question.suggested_path(), PathBuf::from("/tmp/x/a.pdf"));
        let folder = FileQuestion::new(DialogKind::PickFolder, "t").directory("/tmp/x");
        assert_eq!(folder.suggested_path(), PathBuf::from("/tmp/x"));
    }
}
