//! Files only the person at the desk can read. The data, its backups, the outbox's
//! messages, exports and printed lists hold personal data (some of it health-related):
//! on Unix, folders the program creates are 0700 and its files 0600, whatever the umask;
//! on Windows they live under the user's profile, which other users cannot read.
//!
//! Here, below the store, so that opening the database uses them too; `files`
//! re-exports them for everything else.

use std::path::{Path, PathBuf};

/// Creates `dir` and any missing folders above it, each readable by this user only. A
/// folder that already exists is left as it is (it may be the user's own, like Documents).
pub fn create_private_dir_all(dir: &Path) -> std::io::Result<()> {
    let mut missing: Vec<PathBuf> = Vec::new();
    let mut at = Some(dir);
    while let Some(path) = at.filter(|p| !p.as_os_str().is_empty()) {
        if std::fs::symlink_metadata(path).is_ok() {
            break;
        }
        missing.push(path.to_owned());
        at = path.parent();
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    // The umask may have taken bits away, or added nothing: the mode is set as meant.
    for path in &missing {
        set_mode(path, 0o700)?;
    }
    Ok(())
}

/// Makes an existing file of the program's own readable by this user only.
pub fn make_private(file: &Path) -> std::io::Result<()> {
    set_mode(file, 0o600)
}

/// Opens a new file for writing, readable by this user only; fails when anything (a file,
/// a link someone planted) already stands at `path`, never writing through it.
pub fn create_new_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::File::options();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    Ok(file)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn new_folders_are_0700_and_an_existing_one_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let deep = dir.path().join("a").join("b");
        create_private_dir_all(&deep).unwrap();
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&deep), 0o700);
        assert_eq!(mode(dir.path()), 0o755, "not ours to change");
        create_private_dir_all(&deep).unwrap();
    }

    #[test]
    fn a_new_private_file_is_0600_and_never_written_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        drop(create_new_private(&file).unwrap());
        assert_eq!(mode(&file), 0o600);
        let target = dir.path().join("victim");
        std::fs::write(&target, b"keep").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(create_new_private(&link).is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"keep");
    }
}
