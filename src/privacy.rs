//! A member's requests about their own data, carried out across the database, the
//! outbox folder and the files handed over: a disclosure written as PDF or CSV and
//! recorded; an erasure in the store, then the member's `.eml` files removed from the
//! outbox folder. Both the window and the command line come here.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use crate::domain::member::MemberId;
use crate::domain::privacy::DataRequest;
use crate::print::{self, PrintError};
use crate::store::{Erasure, MemberDisclosure, Store, StoreError, io_reason};

/// What can stop a request from being carried out.
#[derive(Debug, thiserror::Error)]
pub enum PrivacyError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Print(#[from] PrintError),
    #[error("保存先 {0} の拡張子は .pdf か .csv にしてください")]
    Extension(PathBuf),
}

/// The formats a disclosure is handed over in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DisclosureFormat {
    Pdf,
    Csv,
}

impl DisclosureFormat {
    /// The format a file's extension asks for.
    pub fn of(path: &Path) -> Result<DisclosureFormat, PrivacyError> {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("pdf") => Ok(DisclosureFormat::Pdf),
            Some("csv") => Ok(DisclosureFormat::Csv),
            _ => Err(PrivacyError::Extension(path.to_owned())),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            DisclosureFormat::Pdf => "pdf",
            DisclosureFormat::Csv => "csv",
        }
    }
}

/// A disclosure written and recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisclosureWritten {
    pub path: PathBuf,
    pub bookings: usize,
    pub request_id: i64,
}

/// The disclosure's file in `format`.
pub fn disclosure_bytes(
    disclosure: &MemberDisclosure,
    format: DisclosureFormat,
    now: NaiveDateTime,
) -> Result<Vec<u8>, PrintError> {
    match format {
        DisclosureFormat::Pdf => print::disclosure_pdf(disclosure, now),
        DisclosureFormat::Csv => print::disclosure_csv(disclosure),
    }
}

/// Records a disclosure handed over as `format`. The record keeps what was handed over,
/// not where: a path may carry a name.
pub fn record_disclosure(
    store: &mut Store,
    member_id: MemberId,
    request: &DataRequest,
    format: DisclosureFormat,
) -> Result<i64, StoreError> {
    let mut recorded = request.clone();
    if recorded.detail.trim().is_empty() {
        recorded.detail = format!("{} を作成", format.extension().to_uppercase());
    }
    store.record_data_request(member_id, &recorded)
}

/// Writes everything held about the member to `path` (PDF or CSV by its extension) and
/// records the request as handled. Nothing is recorded when the file cannot be written.
pub fn write_disclosure(
    store: &mut Store,
    member_id: MemberId,
    request: &DataRequest,
    path: &Path,
    now: NaiveDateTime,
) -> Result<DisclosureWritten, PrivacyError> {
    let format = DisclosureFormat::of(path)?;
    let disclosure = store.member_disclosure(member_id)?;
    print::write_file(path, &disclosure_bytes(&disclosure, format, now)?)?;
    let request_id = record_disclosure(store, member_id, request, format)?;
    Ok(DisclosureWritten { path: path.to_owned(), bookings: disclosure.bookings.len(), request_id })
}

/// An erasure done, with the outbox files it removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErasureDone {
    pub erasure: Erasure,
    pub files_removed: usize,
    /// Files that could not be removed, with why: the desk removes them by hand.
    pub files_left: Vec<(PathBuf, String)>,
}

/// Erases the member in the store (see `store::data_requests`), then removes their
/// messages' `.eml` files from the outbox folder.
pub fn erase_member(
    store: &mut Store,
    member_id: MemberId,
    request: &DataRequest,
    today: chrono::NaiveDate,
) -> Result<ErasureDone, PrivacyError> {
    let outbox = crate::mail::settings::MailSettings::load(store)?.outbox_dir;
    let erasure = store.erase_member(member_id, request, today)?;
    let mut done = ErasureDone { erasure, files_removed: 0, files_left: Vec::new() };
    for (id, kind) in &done.erasure.messages {
        let file = outbox.join(crate::mail::transport::eml_file_name(*id, *kind));
        for path in [crate::files::partial_path(&file), file] {
            match std::fs::remove_file(&path) {
                Ok(()) => done.files_removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => done.files_left.push((path, io_reason(&e))),
            }
        }
    }
    Ok(done)
}
