//! The SMTP password, kept in the operating system's credential store (Windows
//! Credential Manager, macOS Keychain, the Secret Service on Linux) and never in the
//! database, a backup or a log.
//!
//! The store is chosen once at start ([`use_os_keyring`]); tests put keyring-core's mock
//! store in its place ([`use_store`]). A machine without a credential store (a headless
//! Linux has no Secret Service) gets a message saying so, and mail without a password
//! (a local server, the outbox folder) keeps working.

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, Error};

/// The names the passwords are filed under in the credential store.
const SERVICE: &str = "madoguchi SMTP";
const IMAP_SERVICE: &str = "madoguchi IMAP";

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error(
        "このパソコンではパスワードの保管庫（キーリング）が使えません（{0}）。Windows・macOS では通常使えます。Linux では GNOME キーリングなどの Secret Service を動かしてください"
    )]
    Unavailable(String),
    #[error("SMTP サーバー（smtp.host）とユーザー名（smtp.user）を先に設定してください")]
    NoUser,
    #[error("パスワードが空です")]
    Empty,
    #[error("パスワードの保管庫の操作に失敗しました: {0}")]
    Failed(String),
}

/// Uses the operating system's credential store from now on.
pub fn use_os_keyring() -> Result<(), SecretError> {
    #[cfg(target_os = "macos")]
    let store = apple_native_keyring_store::keychain::Store::new();
    #[cfg(target_os = "windows")]
    let store = windows_native_keyring_store::Store::new();
    #[cfg(all(unix, not(any(target_os = "macos", target_os = "ios", target_os = "android"))))]
    let store = zbus_secret_service_keyring_store::Store::new();
    #[cfg(any(
        target_os = "macos",
        target_os = "windows",
        all(unix, not(any(target_os = "macos", target_os = "ios", target_os = "android")))
    ))]
    {
        let store = store.map_err(unavailable)?;
        keyring_core::set_default_store(store);
        Ok(())
    }
    #[cfg(not(any(
        target_os = "macos",
        target_os = "windows",
        all(unix, not(any(target_os = "macos", target_os = "ios", target_os = "android")))
    )))]
    Err(SecretError::Unavailable("対応していない OS です".into()))
}

/// Uses `store` from now on (tests: keyring-core's mock store).
pub fn use_store(store: Arc<CredentialStore>) {
    keyring_core::set_default_store(store);
}

fn unavailable(err: Error) -> SecretError {
    // The error texts of the stores name the platform's failure; they never hold the secret.
    SecretError::Unavailable(err.to_string())
}

fn entry(host: &str, user: &str) -> Result<Entry, SecretError> {
    entry_for(SERVICE, host, user)
}

fn entry_for(service: &str, host: &str, user: &str) -> Result<Entry, SecretError> {
    if user.trim().is_empty() {
        return Err(SecretError::NoUser);
    }
    // The OS store is opened on first need: most commands never touch the password.
    if keyring_core::get_default_store().is_none() {
        use_os_keyring()?;
    }
    Entry::new(service, &format!("{user}@{host}")).map_err(|err| match err {
        Error::NoDefaultStore => SecretError::Unavailable("保管庫が設定されていません".into()),
        other => unavailable(other),
    })
}

fn failed(err: Error) -> SecretError {
    match err {
        Error::NoDefaultStore | Error::NoStorageAccess(_) | Error::PlatformFailure(_) => unavailable(err),
        other => SecretError::Failed(other.to_string()),
    }
}

/// The password saved in `entry`, if any.
fn saved(entry: Entry) -> Result<Option<String>, SecretError> {
    match entry.get_password() {
        Ok(password) => Ok(Some(password)),
        Err(Error::NoEntry) => Ok(None),
        Err(other) => Err(failed(other)),
    }
}

/// Saves `password` in `entry`, replacing any earlier one.
fn save(entry: Entry, password: &str) -> Result<(), SecretError> {
    if password.is_empty() {
        return Err(SecretError::Empty);
    }
    entry.set_password(password).map_err(failed)
}

/// The password for `user` at `host`, if one was saved.
pub fn smtp_password(host: &str, user: &str) -> Result<Option<String>, SecretError> {
    saved(entry(host, user)?)
}

/// Saves the password for `user` at `host`, replacing any earlier one.
pub fn set_smtp_password(host: &str, user: &str, password: &str) -> Result<(), SecretError> {
    save(entry(host, user)?, password)
}

/// The mailbox's (IMAP) password for `user` at `host`, if one was saved.
pub fn imap_password(host: &str, user: &str) -> Result<Option<String>, SecretError> {
    saved(entry_for(IMAP_SERVICE, host, user)?)
}

/// Saves the mailbox's (IMAP) password for `user` at `host`.
pub fn set_imap_password(host: &str, user: &str, password: &str) -> Result<(), SecretError> {
    save(entry_for(IMAP_SERVICE, host, user)?, password)
}
