//! `madoguchi` opens the desk's window; `madoguchi <command>` runs one action and exits.

use std::process::ExitCode;

use madoguchi::cli;
use madoguchi::store::Store;

fn main() -> ExitCode {
    let cli = cli::parse();
    let result = cli::database_path(&cli).and_then(|path| match &cli.command {
        Some(command) => {
            let store = Store::open(&path)?;
            print!("{}", cli::run_owned(command, store)?);
            Ok(())
        }
        // The window opens even when the data cannot, to say why.
        None => madoguchi::ui::run(Store::open(&path)),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // Our errors carry their cause in their own text; print it once.
            eprintln!("エラー: {err}");
            ExitCode::FAILURE
        }
    }
}
