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
