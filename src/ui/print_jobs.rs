//! Making the day's list off the UI thread: building the PDF or CSV, asking where to
//! save it (rfd), writing it, or opening it in the system's PDF viewer to print. The app
//! polls the result each frame and records what was printed or saved in the audit log.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::print::{self, CsvEncoding, DayListOptions, PrintError};
use crate::store::{DayList, DayListOutput};
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
pub enum JobOutcome {
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
    Failed(String),
}

/// A job under way.
pub struct PrintJob {
    receiver: Receiver<JobOutcome>,
}

impl PrintJob {
    /// Starts making the file on a thread of its own.
    pub fn start(list: DayList, options: DayListOptions, request: PrintRequest) -> PrintJob {
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let outcome = run(list, options, request);
            // The window may have closed meanwhile; then nobody is waiting.
            let _ = sender.send(outcome);
        });
        PrintJob { receiver }
    }

    /// The outcome, once the job has finished.
    pub fn poll(&self) -> Option<JobOutcome> {
        match self.receiver.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(JobOutcome::Failed(text::DAY_LIST_FAILED.to_owned())),
        }
    }
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

fn run(list: DayList, options: DayListOptions, request: PrintRequest) -> JobOutcome {
    let failed = |e: PrintError| JobOutcome::Failed(format!("{}: {e}", text::DAY_LIST_FAILED));
    let (bytes, extension, filter, output, encoding) = match request {
        PrintRequest::OpenPdf | PrintRequest::SavePdf => {
            let bytes = match print::day_list_pdf(&list, &options) {
                Ok(bytes) => bytes,
                Err(e) => return failed(e),
            };
            let output =
                if request == PrintRequest::OpenPdf { DayListOutput::PrintPdf } else { DayListOutput::SavePdf };
            (bytes, "pdf", "PDF", output, None)
        }
        PrintRequest::SaveCsv(encoding) => match print::day_list_csv(&list, &options, encoding) {
            Ok(bytes) => (bytes, "csv", "CSV", DayListOutput::SaveCsv, Some(encoding)),
            Err(e) => return failed(e),
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
            None => return JobOutcome::Cancelled,
        }
    };
    if let Err(e) = print::write_file(&file, &bytes) {
        return failed(e);
    }
    if request == PrintRequest::OpenPdf
        && let Err(e) = opener::open(&file)
    {
        return JobOutcome::Failed(format!("{}: {e}", text::DAY_LIST_CANNOT_OPEN));
    }
    JobOutcome::Done { list, output, file, themes: options.include_themes, encoding }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    #[test]
    fn printed_lists_older_than_the_limit_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("madoguchi-101500-当日名簿_2026-11-25.pdf");
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
