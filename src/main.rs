//! `madoguchi` opens the desk's window; `madoguchi <command>` runs one action and exits.

use std::process::ExitCode;

use madoguchi::cli;
use madoguchi::store::Store;

fn main() -> ExitCode {
    let cli = cli::parse();
    let result = cli::database_path(&cli).and_then(|path| match &cli.command {
        // Restore must work when the current file itself is damaged: it opens it (or not) itself.
        Some(cli::Command::Restore { from, dir }) => {
            print!("{}", cli::restore(&path, from, dir.as_deref())?);
            Ok(())
        }
        Some(command) => {
            let mut store = Store::open(&path)?;
            cli::who(&cli, &mut store)?;
            print!("{}", cli::run(command, &mut store)?);
            Ok(())
        }
        // The window opens even when the data cannot, to say why.
        None => madoguchi::ui::run(Store::open(&path), &path),
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
