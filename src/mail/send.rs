//! One sending run: write the day's access messages that are due, then send what is
//! queued, one message at a time — claim, send with no transaction open, record. Used
//! by `madoguchi send-due` and, every minute, by the window's background sender.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use chrono::NaiveDateTime;

use super::secret::{self, SecretError};
use super::settings::MailSettings;
use super::transport::{self, SendError, Transport, TransportError};
use crate::domain::message::stale_after;
use crate::mail::OutboxState;
use crate::store::{Store, StoreError};

/// The most messages one run sends; the rest wait for the next run.
const RUN_LIMIT: u32 = 500;

/// What one run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SendSummary {
    /// Access messages written for the day in this run.
    pub access_written: usize,
    pub sent: u32,
    /// Transient failures: queued again, tried later.
    pub retrying: u32,
    pub failed: u32,
    /// Where messages went: the SMTP server or the outbox folder.
    pub destination: String,
    /// The reasons of this run's failures, for the screen.
    pub problems: Vec<String>,
}

impl SendSummary {
    pub fn describe(&self) -> String {
        let mut text = format!("送信 {} 件（{}）", self.sent, self.destination);
        if self.retrying > 0 {
            text.push_str(&format!("、再送待ち {} 件", self.retrying));
        }
        if self.failed > 0 {
            text.push_str(&format!("、送信失敗 {} 件", self.failed));
        }
        text
    }
}

/// Why a run could not send at all; every message stays queued.
#[derive(Debug, thiserror::Error)]
pub enum SendRunError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("メールを送れません: {0}")]
    Secret(#[from] SecretError),
    #[error("メールを送れません: {0}")]
    Transport(#[from] TransportError),
}

/// The transport the settings in `store` ask for, with the password from the keyring.
pub fn transport_for(store: &Store) -> Result<Box<dyn Transport>, SendRunError> {
    let settings = MailSettings::load(store)?;
    let password = match (&settings.host, &settings.user) {
        (Some(host), Some(user)) => secret::smtp_password(host, user)?,
        _ => None,
    };
    Ok(transport::from_settings(&settings, password)?)
}

/// Sends what is due at `now` through the transport the settings ask for (after writing
/// the day's access messages and removing request mails kept long enough). `progress`
/// hears (sent so far, waiting at the start) after each message.
pub fn send_due(
    store: &mut Store,
    now: NaiveDateTime,
    progress: impl FnMut(u32, u32),
) -> Result<SendSummary, SendRunError> {
    let access_written = store.enqueue_access_due(now)?;
    // The mail's regular run (every minute in the window, or a scheduled `send-due`) also
    // removes request mails kept past `intake.keep_days`, so they go even at a desk that
    // seldom opens the intake window.
    store.remove_handled_intake_mail()?;
    let settings = MailSettings::load(store)?;
    let transport = transport_for(store)?;
    let mut summary = send_with(store, transport.as_ref(), now, stale_after(settings.timeout_secs), progress)?;
    summary.access_written = access_written;
    Ok(summary)
}

/// Sends queued messages through `transport`. After a transient failure the run stops:
/// the server is likely down, and the next run tries the others.
pub fn send_with(
    store: &mut Store,
    transport: &dyn Transport,
    now: NaiveDateTime,
    stale: chrono::Duration,
    mut progress: impl FnMut(u32, u32),
) -> Result<SendSummary, SendRunError> {
    let run = format!("{}-{:016x}", std::process::id(), fastrand::u64(..));
    let waiting = store.outbox_pending()?;
    let mut summary = SendSummary { destination: transport.destination(), ..SendSummary::default() };
    for _ in 0..RUN_LIMIT {
        let Some(message) = store.claim_next(&run, now, stale)? else {
            break;
        };
        let outcome = transport.send(&message);
        let state = store.record_outcome(message.id, &run, now, &outcome)?;
        match (&outcome, state) {
            (Ok(()), _) => summary.sent += 1,
            (Err(e), Some(OutboxState::Failed)) => {
                summary.failed += 1;
                summary.problems.push(e.to_string());
            }
            (Err(e), _) => {
                summary.retrying += 1;
                summary.problems.push(e.to_string());
            }
        }
        progress(summary.sent + summary.failed + summary.retrying, waiting);
        if matches!(outcome, Err(SendError::Transient(_))) {
            break;
        }
    }
    Ok(summary)
}

/// What the window shows of the background sender.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SenderStatus {
    #[default]
    Idle,
    Sending {
        done: u32,
        of: u32,
    },
    Done {
        at: NaiveDateTime,
        summary: SendSummary,
    },
    Failed {
        at: NaiveDateTime,
        message: String,
    },
}

/// The window's sender: a thread with its own connection that sends what is due every
/// minute, and at once when poked (after a booking, or 「今すぐ送信」).
pub struct BackgroundSender {
    poke: mpsc::Sender<()>,
    status: Arc<Mutex<SenderStatus>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl BackgroundSender {
    /// Starts the thread; `repaint` is called when the status changes.
    pub fn start(database: PathBuf, repaint: impl Fn() + Send + 'static) -> BackgroundSender {
        let (poke, wake) = mpsc::channel::<()>();
        let status = Arc::new(Mutex::new(SenderStatus::Idle));
        let shared = Arc::clone(&status);
        let thread = std::thread::spawn(move || {
            let set = |s: SenderStatus| {
                if let Ok(mut guard) = shared.lock() {
                    *guard = s;
                }
                repaint();
            };
            let mut store = None;
            loop {
                let now = chrono::Local::now().naive_local();
                if store.is_none() {
                    match Store::open(&database) {
                        Ok(s) => store = Some(s),
                        Err(e) => set(SenderStatus::Failed { at: now, message: e.to_string() }),
                    }
                }
                if let Some(store) = store.as_mut() {
                    let result = send_due(store, now, |done, of| set(SenderStatus::Sending { done, of }));
                    set(match result {
                        Ok(summary) => SenderStatus::Done { at: now, summary },
                        Err(e) => SenderStatus::Failed { at: now, message: e.to_string() },
                    });
                }
                match wake.recv_timeout(Duration::from_secs(60)) {
                    Ok(()) | Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
            }
        });
        BackgroundSender { poke, status, thread: Some(thread) }
    }

    /// Stops the thread and waits until it has closed its connection (a restore can only
    /// swap the file once nobody holds it). A run in progress finishes first.
    pub fn stop(mut self) {
        let thread = self.thread.take();
        drop(self);
        if let Some(thread) = thread {
            let _ = thread.join();
        }
    }

    /// Sends what is due now rather than at the next minute.
    pub fn poke(&self) {
        let _ = self.poke.send(());
    }

    pub fn status(&self) -> SenderStatus {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }
}
