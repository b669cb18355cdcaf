//! The desk's window (eframe/egui).

pub mod app;
pub mod clock;
pub mod command;
pub mod file_dialogs;
pub mod focus;
pub mod ime;
pub mod notice;
pub mod print_jobs;
pub mod tasks;
pub mod text;
pub mod theme;
pub mod views;
pub mod widgets;
pub mod windows;

use crate::store::{Store, StoreError};

/// Opens the window on the week holding today and runs until it is closed. When the
/// data could not be opened, the window says why instead.
pub fn run(store: Result<Store, StoreError>, database: &std::path::Path) -> anyhow::Result<()> {
    let today = chrono::Local::now().date_naive();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(text::APP_TITLE)
            // Small enough for a 1024×768 screen with a taskbar; the first frame, knowing the
            // monitor, maximizes on a small screen or grows to the usual size on a large one.
            .with_inner_size(app::FIRST_SIZE)
            .with_min_inner_size([800.0, 560.0]),
        system_font_fallback: false,
        ..Default::default()
    };
    if let Ok(store) = &store {
        start_daily_backup(store.path().to_owned(), today);
    }
    let mut app = app::DeskApp::new(store, database.to_owned(), clock::Clock::System);
    eframe::run_native(
        text::APP_TITLE,
        options,
        Box::new(move |cc| {
            theme::install(&cc.egui_ctx);
            // Mail goes out while the window is open; the window shows its progress.
            app.start_mail_sender(cc.egui_ctx.clone());
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("{}: {e}", text::WINDOW_FAILED))
}

/// The first start of each day backs the data up, on a thread of its own with its own
/// connection, so the window opens at once.
fn start_daily_backup(database: std::path::PathBuf, today: chrono::NaiveDate) {
    std::thread::spawn(move || {
        let result = Store::open(&database).map_err(crate::backup::BackupError::from).and_then(|mut store| {
            store.set_actor(text::AUTO_BACKUP_ACTOR);
            let dir = crate::backup::backup_dir(&store)?;
            crate::backup::auto_backup(&mut store, &dir, today)
        });
        if let Err(err) = result {
            eprintln!("{}: {err}", text::AUTO_BACKUP_FAILED);
        }
    });
}
