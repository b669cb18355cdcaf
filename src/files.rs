//! Files the program leaves on disk (day lists, exports, `.eml` messages): written whole
//! or not at all, never through a link someone planted, and tidied away when they are
//! no longer needed (they hold personal data).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub use crate::store::private_files::{create_new_private, create_private_dir_all, make_private};

/// The hidden name a file is written under before it is renamed into place:
/// `.<name>.partial` beside it, which mail programs and file lists pass over.
pub fn partial_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.partial"))
}

/// Writes `bytes` to `path` whole or not at all: to [`partial_path`], synced, then
/// renamed over `path`, so a full disk or a crash never leaves half a file that looks
/// complete. The partial file is created new: whatever stands at its name (a file left
/// by a crash, a link planted there) is removed first, never written through. The file
/// is readable by this user only (0600 on Unix).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let partial = partial_path(path);
    // remove_file removes a link itself, not what it points to.
    match std::fs::remove_file(&partial) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let written = create_new_private(&partial).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&partial, path)) {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    Ok(())
}

/// The program's own folder for lists opened in the PDF viewer: `prints` beside the
/// database, readable by this user only (never the shared temp folder, where another user
/// could read them or plant a link). Something other than a folder at that name is refused.
pub fn print_folder(database: &Path) -> std::io::Result<PathBuf> {
    let dir = database.parent().unwrap_or(Path::new(".")).join("prints");
    create_private_dir_all(&dir)?;
    let meta = std::fs::symlink_metadata(&dir)?;
    if !meta.is_dir() {
        return Err(std::io::Error::from(std::io::ErrorKind::NotADirectory));
    }
    // A folder an older version made, or someone loosened, is made private again.
    #[cfg(unix)]
    std::fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o700))?;
    Ok(dir)
}

/// Removes the files in `dir` whose names `matches` accepts and that were last written
/// more than `age` before `now`. Nothing else is touched; errors are passed over (the
/// next tidy tries again).
pub fn remove_older_than(dir: &Path, now: SystemTime, age: Duration, matches: impl Fn(&str) -> bool) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if !matches(&entry.file_name().to_string_lossy()) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_written_whole_and_no_partial_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("当日名簿_2026-11-25.pdf");
        write_atomically(&path, b"%PDF-1.7").unwrap();
        write_atomically(&path, b"%PDF-1.7 again").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.7 again");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_partial_name_is_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("victim.txt");
        std::fs::write(&target, b"keep me").unwrap();
        let path = dir.path().join("list.pdf");
        std::os::unix::fs::symlink(&target, partial_path(&path)).unwrap();
        write_atomically(&path, b"%PDF").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"keep me");
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF");
    }

    #[test]
    fn only_matching_files_older_than_the_age_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".000001-confirmation.eml.partial");
        let fresh = dir.path().join(".000002-confirmation.eml.partial");
        let other = dir.path().join("000003-confirmation.eml");
        for file in [&old, &fresh, &other] {
            std::fs::write(file, b"x").unwrap();
        }
        let now = SystemTime::now();
        for file in [&old, &other] {
            std::fs::File::options()
                .write(true)
                .open(file)
                .unwrap()
                .set_modified(now - Duration::from_secs(3600))
                .unwrap();
        }
        remove_older_than(dir.path(), now, Duration::from_secs(600), |name| name.ends_with(".partial"));
        assert!(!old.exists());
        assert!(fresh.exists(), "another run may be writing it right now");
        assert!(other.exists());
    }
}
