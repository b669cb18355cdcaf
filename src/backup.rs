//! Backups and restore: copies taken with SQLite's online backup API while the desk keeps
//! working, checked with `integrity_check` before they count; restore only from a checked
//! file, after an automatic backup of the current data, by an atomic rename; daily
//! automatic backups kept as the last 14 days and 12 months.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use crate::store::{APPLICATION_ID, SCHEMA_VERSION, Store, StoreError};

/// What a backup file holds, shown before a restore.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupInfo {
    pub members: i64,
    pub bookings: i64,
    /// When the last change recorded in it was made.
    pub latest_change: Option<String>,
    pub schema_version: i32,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{path} は窓口のバックアップとして使えません: {reason}。今のデータには手を加えていません。")]
    Unusable { path: PathBuf, reason: String },
    #[error("バックアップ先に書き込めません（{path}）: {reason}", reason = crate::store::io_reason(source))]
    Write { path: PathBuf, source: std::io::Error },
    #[error("バックアップを検査したところ壊れていました（{0}）。もう一度お試しください。")]
    CopyDamaged(String),
    #[error(
        "別の窓口の画面かプログラムがこのデータを開いています。それを閉じてからもう一度復元してください。今のデータには手を加えていません。"
    )]
    InUse,
    #[error(transparent)]
    Store(#[from] StoreError),
}

// SQLite's errors are put into words in one place, the store's.
impl From<rusqlite::Error> for BackupError {
    fn from(error: rusqlite::Error) -> BackupError {
        BackupError::Store(StoreError::from(error))
    }
}

type Result<T, E = BackupError> = std::result::Result<T, E>;

/// The dated name of a backup taken at `at`, e.g. `madoguchi-2026-11-25-1030.sqlite3`.
pub fn default_file_name(at: NaiveDateTime) -> String {
    format!("madoguchi-{}.sqlite3", at.format("%Y-%m-%d-%H%M"))
}

/// The folder for automatic backups unless set otherwise: `backups` beside the database.
pub fn default_backup_dir(database: &Path) -> PathBuf {
    database.parent().unwrap_or(Path::new(".")).join("backups")
}

/// The setting that names the folder for automatic backups (e.g. a USB drive).
pub const BACKUP_DIR_SETTING: &str = "backup.dir";

/// The folder for automatic backups: the manager's setting, or beside the database.
pub fn backup_dir(store: &Store) -> Result<PathBuf> {
    Ok(match store.setting(BACKUP_DIR_SETTING)?.filter(|dir| !dir.trim().is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => default_backup_dir(store.path()),
    })
}

/// File systems reached over a network. SQLite's locking, and with it WAL mode, is only
/// reliable when every process runs on the machine that holds the file (SQLite docs).
const NETWORK_FILE_SYSTEMS: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "ncpfs",
    "afs",
    "9p",
    "ceph",
    "glusterfs",
    "fuse.sshfs",
    "fuse.rclone",
    "fuse.davfs2",
    "davfs",
    "fuse.glusterfs",
    "fuse.s3fs",
];

/// The network file system `path` lives on, if any, read from a mount table in the
/// format of Linux's /proc/mounts (device, mount point, type, …; spaces as \040).
pub fn network_file_system(mounts: &str, path: &Path) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for line in mounts.lines() {
        let mut fields = line.split_whitespace();
        let (Some(_device), Some(mount_point), Some(kind)) = (fields.next(), fields.next(), fields.next()) else {
            continue;
        };
        let mount_point = mount_point.replace("\\040", " ");
        if path.starts_with(&mount_point) && best.is_none_or(|(len, _)| mount_point.len() >= len) {
            best = Some((mount_point.len(), kind));
        }
    }
    best.map(|(_, kind)| kind).filter(|kind| NETWORK_FILE_SYSTEMS.contains(kind)).map(str::to_owned)
}

/// Says whether `path` (or the nearest folder of it that exists) is on a network share:
/// a UNC path (\\server\share) on Windows, an NFS/SMB/sshfs mount on Linux.
pub fn network_share(path: &Path) -> Option<String> {
    let mut existing = path.to_path_buf();
    while !existing.exists() {
        if !existing.pop() {
            return None;
        }
    }
    let path = existing.canonicalize().unwrap_or(existing);
    #[cfg(windows)]
    {
        use std::path::{Component, Prefix};
        if let Some(Component::Prefix(prefix)) = path.components().next() {
            if matches!(prefix.kind(), Prefix::UNC(..) | Prefix::VerbatimUNC(..)) {
                return Some("ネットワーク共有".to_owned());
            }
        }
        None
    }
    #[cfg(not(windows))]
    {
        let mounts = std::fs::read_to_string("/proc/mounts").ok()?;
        network_file_system(&mounts, &path)
    }
}

/// Copies the open database to `dest` page by page, reporting (pages copied, pages in all)
/// after each step; the desk can keep writing meanwhile. The copy is written beside
/// `dest`, checked with `integrity_check`, and only then renamed into place.
pub fn backup_to(store: &mut Store, dest: &Path, mut progress: impl FnMut(i32, i32)) -> Result<BackupInfo> {
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::files::create_private_dir_all(parent)
            .map_err(|source| BackupError::Write { path: parent.to_owned(), source })?;
    }
    let partial = dest.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    // Readable by this user only, and never through a link planted at the name.
    crate::files::create_new_private(&partial)
        .map_err(|source| BackupError::Write { path: partial.clone(), source })?;
    {
        let mut target = Connection::open(&partial)?;
        let backup = Backup::new(store.conn(), &mut target)?;
        loop {
            let step = backup.step(128)?;
            let p = backup.progress();
            progress(p.pagecount - p.remaining, p.pagecount);
            match step {
                StepResult::Done => break,
                StepResult::More => {}
                // Busy or locked: another connection holds a lock for a moment; wait and carry on.
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
        drop(backup);
        // The pages carry the live file's WAL flag; a backup is a single file that is
        // only read, so it goes back to a rollback journal and opens without -wal/-shm files.
        target.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
    }
    let info = match inspect(&partial) {
        Ok(info) => info,
        Err(BackupError::Unusable { reason, .. }) => {
            let _ = std::fs::remove_file(&partial);
            return Err(BackupError::CopyDamaged(reason));
        }
        Err(other) => return Err(other),
    };
    std::fs::rename(&partial, dest).map_err(|source| BackupError::Write { path: dest.to_owned(), source })?;
    store.record_event("database.backup", &dest.display().to_string())?;
    Ok(info)
}

/// Checks that `path` is a whole, undamaged madoguchi database of a version this program
/// knows, through a read-only connection, and says what it holds.
pub fn inspect(path: &Path) -> Result<BackupInfo> {
    let unusable = |reason: &str| BackupError::Unusable { path: path.to_owned(), reason: reason.to_owned() };
    let meta = std::fs::metadata(path).map_err(|_| unusable("ファイルが見つかりません"))?;
    if meta.len() < 512 {
        return Err(unusable("ファイルが短すぎます（途中で切れています）"));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|_| unusable("データベースファイルではありません"))?;
    let application_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|_| unusable("データベースファイルではありません"))?;
    if application_id != APPLICATION_ID {
        return Err(unusable("窓口のデータではない SQLite ファイルです"));
    }
    let version: i32 =
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|_| unusable("版が読めません"))?;
    if version > SCHEMA_VERSION {
        return Err(unusable("このプログラムより新しい版のデータです"));
    }
    let verdict: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(|e| unusable(&format!("壊れています（{e}）")))?;
    if verdict != "ok" {
        return Err(unusable(&format!("壊れています（{verdict}）")));
    }
    let count = |table: &str| -> Result<i64> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|_| unusable("中身が読めません"))
    };
    let latest_change: Option<String> =
        conn.query_row("SELECT max(at) FROM audit_log", [], |r| r.get(0)).map_err(|_| unusable("中身が読めません"))?;
    Ok(BackupInfo { members: count("members")?, bookings: count("bookings")?, latest_change, schema_version: version })
}

/// A restore made ready and waiting for the swap: the backup checked, copied beside the
/// database and brought to this program's schema there, and the current data saved.
#[derive(Debug)]
pub struct PreparedRestore {
    pub from: PathBuf,
    /// What the backup holds, for the confirmation.
    pub info: BackupInfo,
    /// Where the data as it was before the restore has been saved (`None`: there was none).
    pub saved_current: Option<PathBuf>,
    database: PathBuf,
    incoming: PathBuf,
}

impl PreparedRestore {
    /// Throws the prepared copy away when the desk decides not to restore after all.
    pub fn abandon(self) {
        remove_with_sidecars(&self.incoming);
    }
}

/// Everything of a restore that can happen while the desk keeps working, off the UI
/// thread, on connections of its own: checks `from`, saves the current data into
/// `auto_dir` (a damaged current file is copied aside as it is), copies the backup beside
/// the database and migrates an older schema on that copy, never on the backup itself.
pub fn prepare_restore(database: &Path, from: &Path, auto_dir: &Path, now: NaiveDateTime) -> Result<PreparedRestore> {
    inspect(from)?;
    let stamp = now.format("%Y-%m-%d-%H%M%S");
    let saved_current = if !database.exists() {
        None
    } else {
        match Store::open(database) {
            Ok(mut current) => {
                let dest = auto_dir.join(format!("madoguchi-before-restore-{stamp}.sqlite3"));
                backup_to(&mut current, &dest, |_, _| {})?;
                Some(dest)
            }
            // The --db option pointed at someone else's file: never write over it.
            Err(err @ StoreError::ForeignFile { .. }) => return Err(err.into()),
            // Damaged or from a newer program: keep the file exactly as it is, aside.
            Err(_) => {
                let dest = auto_dir.join(format!("madoguchi-damaged-{stamp}.sqlite3"));
                crate::files::create_private_dir_all(auto_dir)
                    .and_then(|_| std::fs::copy(database, &dest))
                    .and_then(|_| crate::files::make_private(&dest))
                    .map_err(|source| BackupError::Write { path: dest.clone(), source })?;
                Some(dest)
            }
        }
    };

    // The replacement is copied beside the database first, so the rename stays on one disk.
    let incoming = database.with_extension("restoring");
    remove_with_sidecars(&incoming);
    std::fs::copy(from, &incoming)
        .and_then(|_| crate::files::make_private(&incoming))
        .map_err(|source| BackupError::Write { path: incoming.clone(), source })?;
    // Opening the copy runs the migrations of an older schema on it.
    let migrated = Store::open(&incoming).and_then(Store::close_for_swap).map_err(BackupError::from).and_then(|()| {
        // One file again, like a backup: nothing of it is left beside the database as
        // `-wal`/`-shm` once it is renamed.
        let copy = Connection::open(&incoming)?;
        copy.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        Ok(())
    });
    if let Err(err) = migrated {
        remove_with_sidecars(&incoming);
        return Err(err);
    }
    let info = match inspect(&incoming).and_then(|info| {
        std::fs::File::open(&incoming)
            .and_then(|f| f.sync_all())
            .map_err(|source| BackupError::Write { path: incoming.clone(), source })?;
        Ok(info)
    }) {
        Ok(info) => info,
        Err(err) => {
            remove_with_sidecars(&incoming);
            return Err(err);
        }
    };
    Ok(PreparedRestore { from: from.to_owned(), info, saved_current, database: database.to_owned(), incoming })
}

/// The swap: closes the current connection (if the data could be opened at all), makes
/// sure no other window holds the file, and renames the prepared copy over the database,
/// which is all or nothing. On an error the current file is as it was; open it again.
pub fn finish_restore(current: Option<Store>, prepared: PreparedRestore) -> Result<Store> {
    let database = prepared.database.clone();
    if let Some(store) = current {
        store.close_for_swap()?;
        // Leaving WAL mode needs the only connection: it fails while another window or
        // program has the file open, whose later writes would go to the replaced file.
        let probe = Connection::open(&database)?;
        let mode: String = probe.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0)).unwrap_or_default();
        drop(probe);
        if !mode.eq_ignore_ascii_case("delete") {
            prepared.abandon();
            return Err(BackupError::InUse);
        }
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(with_suffix(&database, suffix));
    }
    std::fs::rename(&prepared.incoming, &database)
        .map_err(|source| BackupError::Write { path: database.clone(), source })?;
    remove_with_sidecars(&prepared.incoming);
    let mut reopened = Store::open(&database)?;
    reopened.record_event("database.restore", &prepared.from.display().to_string())?;
    Ok(reopened)
}

/// Replaces the data with the backup at `from`: [`prepare_restore`], then
/// [`finish_restore`]. Returns the reopened store and where the data before it was saved.
pub fn restore(store: Store, from: &Path, auto_dir: &Path, now: NaiveDateTime) -> Result<(Store, Option<PathBuf>)> {
    let database = store.path().to_owned();
    let prepared = prepare_restore(&database, from, auto_dir, now)?;
    let saved = prepared.saved_current.clone();
    Ok((finish_restore(Some(store), prepared)?, saved))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_with_sidecars(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(with_suffix(path, suffix));
    }
}

/// The daily automatic backup: once a day into `dir`, then the rotation. `None` when
/// today's backup is already there.
pub fn auto_backup(store: &mut Store, dir: &Path, today: NaiveDate) -> Result<Option<PathBuf>> {
    let dest = dir.join(format!("madoguchi-{}.sqlite3", today.format("%Y-%m-%d")));
    if dest.exists() {
        return Ok(None);
    }
    backup_to(store, &dest, |_, _| {})?;
    rotate(dir, 14, 12).map_err(|source| BackupError::Write { path: dir.to_owned(), source })?;
    Ok(Some(dest))
}

/// Keeps the newest `daily` daily backups and, for the newest `monthly` months, the first
/// backup of each month; deletes the other daily files. Other files are left alone.
pub fn rotate(dir: &Path, daily: usize, monthly: usize) -> std::io::Result<Vec<PathBuf>> {
    let mut dated: Vec<(NaiveDate, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?;
            let date = name.strip_prefix("madoguchi-")?.strip_suffix(".sqlite3")?;
            NaiveDate::parse_from_str(date, "%Y-%m-%d").ok().map(|d| (d, path.clone()))
        })
        .collect();
    dated.sort_by_key(|(date, _)| std::cmp::Reverse(*date));
    let month_of = |d: &NaiveDate| (d.year(), d.month());
    // The first backup of each month; newest months first.
    let mut firsts: BTreeMap<(i32, u32), NaiveDate> = BTreeMap::new();
    for (date, _) in &dated {
        let first = firsts.entry(month_of(date)).or_insert(*date);
        *first = (*first).min(*date);
    }
    let monthly_keep: Vec<NaiveDate> = firsts.values().rev().take(monthly).copied().collect();
    let mut removed = Vec::new();
    for (index, (date, path)) in dated.iter().enumerate() {
        if index >= daily && !monthly_keep.contains(date) {
            std::fs::remove_file(path)?;
            removed.push(path.clone());
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOUNTS: &str = "\
/dev/sda1 / ext4 rw,relatime 0 0
nas:/export/pluscare /mnt/nas nfs4 rw,relatime 0 0
//fileserver/共有 /mnt/office\\040share cifs rw 0 0
/dev/sdb1 /mnt/nas/usb vfat rw 0 0
";

    #[test]
    fn a_path_under_an_nfs_or_smb_mount_is_a_network_share() {
        assert_eq!(network_file_system(MOUNTS, Path::new("/mnt/nas/madoguchi/data.sqlite3")).as_deref(), Some("nfs4"));
        assert_eq!(network_file_system(MOUNTS, Path::new("/mnt/office share/backups")).as_deref(), Some("cifs"));
    }

    #[test]
    fn local_disks_and_the_deepest_local_mount_are_not() {
        assert_eq!(network_file_system(MOUNTS, Path::new("/home/desk/.local/share/madoguchi")), None);
        assert_eq!(network_file_system(MOUNTS, Path::new("/mnt/nas/usb/backups")), None);
        assert_eq!(network_file_system(MOUNTS, Path::new("/mnt/nasty")), None);
    }
}
