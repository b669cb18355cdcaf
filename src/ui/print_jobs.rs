//! Making the day's list off the UI thread: building the PDF or CSV, asking where to
//! save it (rfd), writing it, or opening it in the system's PDF viewer to print (from the
//! program's private `prints` folder beside the database). The
//! outcome comes back to the app as a command, which records what was printed or saved in
//! the audit log.

use std::path::PathBuf;

use crate::print::{self, CsvEncoding, DayListOptions, PrintError};
use crate::store::{DayList, DayListOutput};
use crate::ui::file_dialogs::{Answer, DialogKind, FileDialogs, FileQuestion};
use crate::ui::tasks::Task;
use crate::ui::text;

/// What the desk asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrintRequest {
    OpenPdf,
    SavePdf,
    SaveCsv(CsvEncoding),
    SaveXlsx,
}

/// How a job ended.
#[derive(Debug)]
pub enum PrintOutcome {
    /// The file was written (and, to print, opened): record it.
    Done {
        list: DayList,
        output: DayListOutput,
        file: PathBuf,
        themes: bool,
        encoding: Option<CsvEncoding>,
    },
    /// The save dialog was closed without a file.
    Cancelled,
    /// No save dialog can open here: the window offers a path field, starting from this.
    NoDialog(PathBuf),
    /// The PDF was made but there is no viewer to open it (why, and where the file is).
    NoViewer {
        file: PathBuf,
        why: String,
    },
    Failed(PrintJobError),
}

/// Why the day's list could not be made or shown.
#[derive(Debug, thiserror::Error)]
pub enum PrintJobError {
    #[error("{prefix}: {0}", prefix = text::DAY_LIST_FAILED)]
    Print(#[from] PrintError),
    #[error("{prefix}: {0}", prefix = text::DAY_LIST_CANNOT_OPEN)]
    Open(#[from] opener::OpenError),
}

/// Where a saved list goes: asked with a dialog, or a path the desk typed (a folder takes
/// the suggested name).
#[derive(Clone, Debug)]
pub enum Destination {
    Ask(FileDialogs),
    Path(PathBuf),
}

/// Starts making the file on a thread of its own.
pub fn start(
    list: DayList,
    options: DayListOptions,
    request: PrintRequest,
    destination: Destination,
    database: PathBuf,
) -> Task<PrintOutcome> {
    Task::spawn(text::DAY_LIST_WORKING, move |_| run(list, options, request, destination, &database))
}

/// How long a printed list stays in the temp folder (long enough to print it again that day).
const PRINT_KEPT_FOR: std::time::Duration = std::time::Duration::from_secs(12 * 60 * 60);

/// Deletes the day lists this program left in `dir` for the viewer longer ago than `age`.
fn remove_old_prints(dir: &std::path::Path, now: std::time::SystemTime, age: std::time::Duration) {
    crate::files::remove_older_than(dir, now, age, |name| name.starts_with("madoguchi-") && name.ends_with(".pdf"));
}

fn run(
    list: DayList,
    options: DayListOptions,
    request: PrintRequest,
    destination: Destination,
    database: &std::path::Path,
) -> PrintOutcome {
    let (bytes, extension, filter, output, encoding) = match request {
        PrintRequest::OpenPdf | PrintRequest::SavePdf => {
            let bytes = match print::day_list_pdf(&list, &options) {
                Ok(bytes) => bytes,
                Err(e) => return PrintOutcome::Failed(e.into()),
            };
            let output =
                if request == PrintRequest::OpenPdf { DayListOutput::PrintPdf } else { DayListOutput::SavePdf };
            (bytes, "pdf", "PDF", output, None)
        }
        PrintRequest::SaveCsv(encoding) => match print::day_list_csv(&list, &options, encoding) {
            Ok(bytes) => (bytes, "csv", "CSV", DayListOutput::SaveCsv, Some(encoding)),
            Err(e) => return PrintOutcome::Failed(e.into()),
        },
        PrintRequest::SaveXlsx => match print::day_list_xlsx(&list, &options) {
            Ok(bytes) => (bytes, "xlsx", "Excel", DayListOutput::SaveXlsx, None),
            Err(e) => return PrintOutcome::Failed(e.into()),
        },
    };
    let name = print::suggested_file_name(&list, extension);
    let file = if request == PrintRequest::OpenPdf {
        // A new name each time: a viewer may still hold the last one open (and locked).
        let stamp = options.printed_at.format("%H%M%S");
        let folder = match crate::files::print_folder(database) {
            Ok(folder) => folder,
            Err(source) => {
                let path = database.parent().unwrap_or(std::path::Path::new(".")).join("prints");
                return PrintOutcome::Failed(PrintError::Write { path, source }.into());
            }
        };
        // Earlier lists hold personal data: the folder keeps them for half a day only.
        remove_old_prints(&folder, std::time::SystemTime::now(), PRINT_KEPT_FOR);
        folder.join(format!("madoguchi-{stamp}-{name}"))
    } else {
        match destination {
            Destination::Path(path) if path.is_dir() => path.join(&name),
            Destination::Path(path) => path,
            Destination::Ask(dialogs) => {
                let extensions: &'static [&'static str] = if extension == "pdf" { &["pdf"] } else { &["csv"] };
                let question = FileQuestion::new(DialogKind::SaveFile, text::DAY_LIST_TITLE)
                    .file_name(&name)
                    .filter(filter, extensions);
                match dialogs.ask(&question) {
                    Answer::Chosen(path) => path,
                    Answer::NothingChosen => return PrintOutcome::Cancelled,
                    Answer::Unavailable => return PrintOutcome::NoDialog(question.suggested_path()),
                }
            }
        }
    };
    if let Err(e) = print::write_file(&file, &bytes) {
        return PrintOutcome::Failed(e.into());
    }
    if request == PrintRequest::OpenPdf {
        if let Some(why) = crate::ui::file_dialogs::viewer_missing() {
            return PrintOutcome::NoViewer { file, why };
        }
        if let Err(e) = opener::open(&file) {
            return PrintOutcome::Failed(e.into());
        }
    }
    PrintOutcome::Done { list, output, file, themes: options.include_themes, encoding }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    #[test]
    fn printed_lists_older_than_the_limit_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("madoguchi-101500-day-list_2026-11-25.pdf");
        let other = dir.path().join("report.pdf");
        std::fs::write(&old, b"%PDF").unwrap();
        std::fs::write(&other, b"%PDF").unwrap();
        let now = SystemTime::now();
        remove_old_prints(dir.path(), now, Duration::from_secs(3600));
        assert!(old.exists(), "a list printed just now stays");
        remove_old_prints(dir.path(), now + Duration::from_secs(2 * 3600), Duration::from_secs(3600));
        assert!(!old.exists());
        assert!(other.exists(), "files of other programs are left alone");
    }
}
