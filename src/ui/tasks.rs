//! Long work (backups, restore preparation, imports, the day's list, file dialogs) on a
//! thread of its own, reporting progress to the window, which polls it once a frame and
//! stays responsive. A finished task comes back to the app as a command.

use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::ui::text;

enum Event<T> {
    Progress(f32),
    Done(T),
}

/// Why a task gave no outcome.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TaskError {
    /// The thread died (a panic) before it could report.
    #[error("{}", text::TASK_STOPPED)]
    Stopped,
}

/// A piece of work running off the UI thread, ending in a `T`.
pub struct Task<T> {
    /// What the window says while it runs.
    pub label: &'static str,
    /// From 0 to 1, when the work can tell.
    pub progress: Option<f32>,
    events: Receiver<Event<T>>,
}

impl<T: Send + 'static> Task<T> {
    /// Starts `work` on a new thread; it reports progress through the function it is given.
    pub fn spawn(label: &'static str, work: impl FnOnce(&dyn Fn(f32)) -> T + Send + 'static) -> Task<T> {
        let (sender, events) = mpsc::channel();
        std::thread::spawn(move || {
            let progress_sender = sender.clone();
            let report = move |fraction: f32| {
                let _ = progress_sender.send(Event::Progress(fraction));
            };
            let outcome = work(&report);
            // The window may have closed meanwhile; then nobody is waiting.
            let _ = sender.send(Event::Done(outcome));
        });
        Task { label, progress: None, events }
    }

    /// Takes in what the thread reported since the last frame; the outcome once it is done.
    pub fn poll(&mut self) -> Option<Result<T, TaskError>> {
        loop {
            match self.events.try_recv() {
                Ok(Event::Progress(fraction)) => self.progress = Some(fraction.clamp(0.0, 1.0)),
                Ok(Event::Done(outcome)) => return Some(Ok(outcome)),
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => return Some(Err(TaskError::Stopped)),
            }
        }
    }
}

/// Polls `slot`'s task; when it has ended, empties the slot and gives the outcome.
pub fn take_finished<T: Send + 'static>(slot: &mut Option<Task<T>>) -> Option<Result<T, TaskError>> {
    let outcome = slot.as_mut()?.poll()?;
    *slot = None;
    Some(outcome)
}
