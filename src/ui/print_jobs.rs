//! Making the day's list off the UI thread: building the PDF or CSV, asking where to
//! save it (rfd), writing it, or opening it in the system's PDF viewer to print. The
//! outcome comes back to the app as a command, which records what was printed or saved in
//! the audit log.

use std::path::PathBuf;

use crate::print::{self, CsvEncoding, DayListOptions, PrintError};
use crate::store::{DayList, DayListOutput};
use crate::ui::tasks::Task;
use crate::ui::text;

/// What the desk asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrintRequest {
    OpenPdf,
    SavePdf,
    SaveCsv(CsvEncoding),
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

/// Starts making the file on a thread of its own.
pub fn start(list: DayList, options: DayListOptions, request: PrintRequest) -> Task<PrintOutcome> {
    Task::spawn(text::DAY_LIST_WORKING, move |_| run(list, options, request))
}

/// How long a printed list stays in the temp folder (long enough to print it again that day).
const PRINT_KEPT_FOR: std::time::Duration = std::time::Duration::from_secs(12 * 60 * 60);

/// Deletes the day lists this program left in `dir` for the viewer longer ago than `age`.
fn remove_old_prints(dir: &std::path::Path, now: std::time::SystemTime, age: std::time::Duration) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with("madoguchi-") && name.ends_with(".pdf")) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|elapsed| elapsed > age);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn run(list: DayList, options: DayListOptions, request: PrintRequest) -> PrintOutcome {
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
    };
    let name = print::suggested_file_name(&list, extension);
    let file = if request == PrintRequest::OpenPdf {
        // A new name each time: a viewer may still hold the last one open (and locked).
        let stamp = options.printed_at.format("%H%M%S");
        // Earlier lists hold personal data: the temp folder keeps them for half a day only.
        remove_old_prints(&std::env::temp_dir(), std::time::SystemTime::now(), PRINT_KEPT_FOR);
        std::env::temp_dir().join(format!("madoguchi-{stamp}-{name}"))
    } else {
        match rfd::FileDialog::new().set_file_name(&name).add_filter(filter, &[extension]).save_file() {
            Some(path) => path,
            None => return PrintOutcome::Cancelled,
        }
    };
    if let Err(e) = print::write_file(&file, &bytes) {
        return PrintOutcome::Failed(e.into());
    }
    if request == PrintRequest::OpenPdf
        && let Err(e) = opener::open(&file)
    {
        return PrintOutcome::Failed(e.into());
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
