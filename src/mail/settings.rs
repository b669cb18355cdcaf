//! The mail settings, kept in the `settings` table (never the SMTP password: that lives in
//! the OS keyring, see [`super::secret`]), and the checks a value passes before it is saved.

use std::path::{Path, PathBuf};

use crate::domain::time::TimeOfDay;
use crate::store::{Store, StoreError};

/// How the connection to the SMTP server is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// Plain SMTP: only for a server on this machine.
    None,
    /// Plain connection upgraded with STARTTLS (port 587).
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
}

impl Security {
    pub fn code(self) -> &'static str {
        match self {
            Security::None => "none",
            Security::StartTls => "starttls",
            Security::Tls => "tls",
        }
    }

    pub fn from_code(code: &str) -> Option<Security> {
        [Security::None, Security::StartTls, Security::Tls].into_iter().find(|s| s.code() == code)
    }

    pub fn default_port(self) -> u16 {
        match self {
            Security::None => 25,
            Security::StartTls => 587,
            Security::Tls => 465,
        }
    }

    /// The mailbox's (IMAP) port for this protection: 993 with TLS, 143 otherwise.
    pub fn default_imap_port(self) -> u16 {
        match self {
            Security::Tls => 993,
            Security::None | Security::StartTls => 143,
        }
    }
}

/// Every key `config get` / `config set` knows, in the order `config list` shows them.
pub const KEYS: &[&str] = &[
    "smtp.host",
    "smtp.port",
    "smtp.security",
    "smtp.user",
    "smtp.timeout",
    "mail.from",
    "mail.outbox_dir",
    "access.deadline",
    "access.send_from",
    "intake.keep_days",
    "imap.host",
    "imap.port",
    "imap.security",
    "imap.user",
    "imap.mailbox",
    "imap.ca_file",
];

/// The settings of reading the mailbox (the window's 「受信」 section), in its order.
pub const INTAKE_KEYS: &[&str] =
    &["imap.host", "imap.port", "imap.security", "imap.user", "imap.mailbox", "imap.ca_file", "intake.keep_days"];

/// A value refused, with the key it was typed for (so a form can say it beside the field).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{error}")]
pub struct RefusedValue {
    pub key: String,
    pub error: SettingError,
}

/// A setting value that cannot be saved; the text says what to enter instead.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SettingError {
    #[error("設定項目「{0}」はありません。使える項目: {keys}", keys = KEYS.join("、"))]
    UnknownKey(String),
    #[error("ポート番号は 1〜65535 の数字で入力してください（「{0}」）")]
    Port(String),
    #[error("暗号化は none・starttls・tls のいずれかです（「{0}」）")]
    Security(String),
    #[error(
        "暗号化なし（none）は、このパソコン上のサーバー（localhost・127.0.0.1）にだけ使えます。{host} には starttls か tls を選んでください"
    )]
    PlainToRemote { host: String },
    #[error("サーバー名「{0}」に空白や使えない文字が含まれています")]
    Host(String),
    #[error("タイムアウトは 1〜600 秒の数字で入力してください（「{0}」）")]
    Timeout(String),
    #[error("差出人のメールアドレスが正しくありません（「{0}」）。例: 一般社団法人プラスケア <info@example.jp>")]
    From(String),
    #[error("時刻が読めません（「{0}」）。例: 11:00")]
    Time(String),
    #[error("メールの保存日数は 0〜3650 の数字で入力してください（「{0}」）")]
    KeepDays(String),
    #[error(transparent)]
    CaFile(#[from] super::trust::CaFileError),
}

/// The mail settings in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailSettings {
    /// No host: messages are written as .eml files to the outbox folder.
    pub host: Option<String>,
    pub port: u16,
    pub security: Security,
    pub user: Option<String>,
    pub timeout_secs: u64,
    pub from: String,
    pub outbox_dir: PathBuf,
    /// The access message must be out by this time on the day (SPEC: by 11:00).
    pub deadline: TimeOfDay,
    /// Access messages are not sent before this time on the day.
    pub send_from: TimeOfDay,
    /// Days a request mail is kept after it was handled.
    pub intake_keep_days: i64,
    /// The organisation's mailbox, read for booking requests; none: not read.
    pub imap: Option<ImapSettings>,
    /// The mailbox's protection as set, also while no host is set (default TLS).
    pub imap_security: Security,
}

/// Where the booking requests are read from: an IMAP mailbox, read-only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImapSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub user: String,
    /// The folder read, `INBOX` unless set.
    pub mailbox: String,
    /// A PEM file whose certificates are trusted besides the public roots (an in-house
    /// server with a private CA or a self-signed certificate).
    pub ca_file: Option<PathBuf>,
}

/// Whether `host` is this machine, where plain SMTP cannot be overheard.
pub fn is_local_host(host: &str) -> bool {
    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The outbox folder unless `mail.outbox_dir` says otherwise: `outbox` beside the database.
pub fn default_outbox_dir(database: &Path) -> PathBuf {
    database.parent().map(|p| p.join("outbox")).unwrap_or_else(|| PathBuf::from("outbox"))
}

fn time_value(text: &str) -> Result<TimeOfDay, SettingError> {
    TimeOfDay::parse(text).ok_or_else(|| SettingError::Time(text.to_owned()))
}

/// Checks `value` for `key` against the other settings in force, and returns it in the
/// form it is stored in. An empty value clears the setting (back to its default).
pub fn check_value(key: &str, value: &str, current: &MailSettings) -> Result<String, SettingError> {
    let value = value.trim();
    if !KEYS.contains(&key) {
        return Err(SettingError::UnknownKey(key.to_owned()));
    }
    if value.is_empty() {
        return Ok(String::new());
    }
    match key {
        "smtp.host" | "imap.host" => {
            if value.chars().any(|c| c.is_whitespace() || c.is_control() || c == '/' || c == '@') {
                return Err(SettingError::Host(value.to_owned()));
            }
            let security = if key == "imap.host" { current.imap_security } else { current.security };
            if security == Security::None && !is_local_host(value) {
                return Err(SettingError::PlainToRemote { host: value.to_owned() });
            }
            Ok(value.to_owned())
        }
        "smtp.port" | "imap.port" => match value.parse::<u16>() {
            Ok(port) if port > 0 => Ok(port.to_string()),
            _ => Err(SettingError::Port(value.to_owned())),
        },
        "smtp.security" | "imap.security" => {
            let security = Security::from_code(value).ok_or_else(|| SettingError::Security(value.to_owned()))?;
            let host = if key == "imap.security" {
                current.imap.as_ref().map(|imap| imap.host.as_str())
            } else {
                current.host.as_deref()
            };
            if security == Security::None
                && let Some(host) = host.filter(|h| !is_local_host(h))
            {
                return Err(SettingError::PlainToRemote { host: host.to_owned() });
            }
            Ok(security.code().to_owned())
        }
        "smtp.timeout" => match value.parse::<u64>() {
            Ok(secs) if (1..=600).contains(&secs) => Ok(secs.to_string()),
            _ => Err(SettingError::Timeout(value.to_owned())),
        },
        "mail.from" => match value.parse::<lettre::message::Mailbox>() {
            Ok(_) => Ok(value.to_owned()),
            Err(_) => Err(SettingError::From(value.to_owned())),
        },
        "access.deadline" | "access.send_from" => Ok(time_value(value)?.to_string()),
        "intake.keep_days" => match value.parse::<i64>() {
            Ok(days) if (0..=3650).contains(&days) => Ok(days.to_string()),
            _ => Err(SettingError::KeepDays(value.to_owned())),
        },
        "imap.ca_file" => {
            // Kept as a full path, so the fetch (from the window or a scheduled task started
            // elsewhere) reads the file that was checked.
            let path = std::path::absolute(value).unwrap_or_else(|_| PathBuf::from(value));
            super::trust::trusted_certificates(&path)?;
            Ok(path.display().to_string())
        }
        // smtp.user, mail.outbox_dir: free text.
        _ => Ok(value.to_owned()),
    }
}

/// The settings as they will be once `fields` are saved: a host and its protection are
/// judged together.
fn with_fields(current: &MailSettings, fields: &[(String, String)]) -> MailSettings {
    let mut future = current.clone();
    for (key, value) in fields {
        let value = value.trim();
        match key.as_str() {
            "smtp.security" => future.security = Security::from_code(value).unwrap_or(future.security),
            "smtp.host" => future.host = Some(value.to_owned()).filter(|h| !h.is_empty()),
            "imap.security" => future.imap_security = Security::from_code(value).unwrap_or(future.imap_security),
            "imap.host" => {
                future.imap = (!value.is_empty()).then(|| ImapSettings {
                    host: value.to_owned(),
                    ..future.imap.clone().unwrap_or_else(|| ImapSettings {
                        host: String::new(),
                        port: future.imap_security.default_imap_port(),
                        security: future.imap_security,
                        user: String::new(),
                        mailbox: "INBOX".to_owned(),
                        ca_file: None,
                    })
                })
            }
            _ => {}
        }
    }
    future
}

/// Checks the values of `fields` that differ from what is in force, against the settings
/// as they will be, and returns them in the form they are stored in; the first value
/// refused stops the check (nothing is to be saved then).
pub fn check_changes(
    fields: &[(String, String)],
    current: &MailSettings,
) -> Result<Vec<(String, String)>, RefusedValue> {
    let future = with_fields(current, fields);
    fields
        .iter()
        .filter(|(key, value)| current.value_of(key).ok().as_deref() != Some(value.trim()))
        .map(|(key, value)| {
            check_value(key, value, &future)
                .map(|checked| (key.clone(), checked))
                .map_err(|error| RefusedValue { key: key.clone(), error })
        })
        .collect()
}

/// The mailbox the `imap.*` values of `fields` name, each checked as it would be saved,
/// the rest as in force: for trying a mailbox before its settings are saved. `None`: no
/// server or no user name.
pub fn imap_from_fields(
    fields: &[(String, String)],
    current: &MailSettings,
) -> Result<Option<ImapSettings>, RefusedValue> {
    let future = with_fields(current, fields);
    let mut values = std::collections::HashMap::new();
    for key in INTAKE_KEYS.iter().filter(|k| k.starts_with("imap.")) {
        let typed = fields.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        let value = match typed {
            Some(value) => {
                check_value(key, &value, &future).map_err(|error| RefusedValue { key: (*key).to_owned(), error })?
            }
            None => current.value_of(key).unwrap_or_default(),
        };
        values.insert(*key, value);
    }
    let value = |key: &str| values.get(key).cloned().unwrap_or_default();
    let (host, user) = (value("imap.host"), value("imap.user"));
    if host.is_empty() || user.is_empty() {
        return Ok(None);
    }
    let security = Security::from_code(&value("imap.security")).unwrap_or(future.imap_security);
    Ok(Some(ImapSettings {
        host,
        port: value("imap.port").parse().unwrap_or_else(|_| security.default_imap_port()),
        security,
        user,
        mailbox: Some(value("imap.mailbox")).filter(|m| !m.is_empty()).unwrap_or_else(|| "INBOX".to_owned()),
        ca_file: Some(value("imap.ca_file")).filter(|p| !p.is_empty()).map(PathBuf::from),
    }))
}

impl MailSettings {
    /// The settings in force in `store`, with the defaults for those not set.
    pub fn load(store: &Store) -> Result<MailSettings, StoreError> {
        let get = |key: &str| store.setting(key);
        let bad = |key: &str, value: &str| StoreError::BadSetting { key: key.to_owned(), value: value.to_owned() };
        let security = match get("smtp.security")? {
            Some(code) => Security::from_code(&code).ok_or_else(|| bad("smtp.security", &code))?,
            None => Security::StartTls,
        };
        let port = match get("smtp.port")? {
            Some(text) => text.parse().map_err(|_| bad("smtp.port", &text))?,
            None => security.default_port(),
        };
        let timeout_secs = match get("smtp.timeout")? {
            Some(text) => text.parse().map_err(|_| bad("smtp.timeout", &text))?,
            None => 30,
        };
        let from = match get("mail.from")? {
            Some(from) => from,
            None => store.organisation()?.mailbox(),
        };
        let access = store.access_times()?;
        let imap_security = match get("imap.security")? {
            Some(code) => Security::from_code(&code).ok_or_else(|| bad("imap.security", &code))?,
            None => Security::Tls,
        };
        Ok(MailSettings {
            host: get("smtp.host")?,
            port,
            security,
            user: get("smtp.user")?,
            timeout_secs,
            from,
            outbox_dir: match get("mail.outbox_dir")? {
                // A relative folder is beside the database, wherever the program was started
                // from (a scheduled task starts elsewhere than the desk's shortcut).
                Some(dir) => match store.path().parent().filter(|_| Path::new(&dir).is_relative()) {
                    Some(database_folder) => database_folder.join(dir),
                    None => PathBuf::from(dir),
                },
                None => default_outbox_dir(store.path()),
            },
            deadline: access.deadline,
            send_from: access.send_from,
            intake_keep_days: store.intake_keep_days()?,
            imap: match (get("imap.host")?, get("imap.user")?) {
                (Some(host), Some(user)) => Some(ImapSettings {
                    host,
                    port: match get("imap.port")? {
                        Some(text) => text.parse().map_err(|_| bad("imap.port", &text))?,
                        None => imap_security.default_imap_port(),
                    },
                    security: imap_security,
                    user,
                    mailbox: get("imap.mailbox")?.unwrap_or_else(|| "INBOX".to_owned()),
                    ca_file: get("imap.ca_file")?.map(PathBuf::from),
                }),
                _ => None,
            },
            imap_security,
        })
    }

    /// The value `config get` shows for `key`: what is in force, defaults included.
    pub fn value_of(&self, key: &str) -> Result<String, SettingError> {
        Ok(match key {
            "smtp.host" => self.host.clone().unwrap_or_default(),
            "smtp.port" => self.port.to_string(),
            "smtp.security" => self.security.code().to_owned(),
            "smtp.user" => self.user.clone().unwrap_or_default(),
            "smtp.timeout" => self.timeout_secs.to_string(),
            "mail.from" => self.from.clone(),
            "mail.outbox_dir" => self.outbox_dir.display().to_string(),
            "access.deadline" => self.deadline.to_string(),
            "access.send_from" => self.send_from.to_string(),
            "intake.keep_days" => self.intake_keep_days.to_string(),
            "imap.host" => self.imap.as_ref().map(|i| i.host.clone()).unwrap_or_default(),
            "imap.port" => {
                self.imap.as_ref().map(|i| i.port).unwrap_or_else(|| self.imap_security.default_imap_port()).to_string()
            }
            "imap.security" => self.imap_security.code().to_owned(),
            "imap.user" => self.imap.as_ref().map(|i| i.user.clone()).unwrap_or_default(),
            "imap.mailbox" => self.imap.as_ref().map(|i| i.mailbox.clone()).unwrap_or_else(|| "INBOX".to_owned()),
            "imap.ca_file" => {
                self.imap.as_ref().and_then(|i| i.ca_file.as_ref()).map(|p| p.display().to_string()).unwrap_or_default()
            }
            other => return Err(SettingError::UnknownKey(other.to_owned())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn current(host: Option<&str>, security: Security) -> MailSettings {
        MailSettings {
            host: host.map(str::to_owned),
            port: 587,
            security,
            user: None,
            timeout_secs: 30,
            from: "a@example.jp".into(),
            outbox_dir: PathBuf::from("outbox"),
            deadline: TimeOfDay::parse("11:00").unwrap(),
            send_from: TimeOfDay::parse("07:00").unwrap(),
            intake_keep_days: 30,
            imap: None,
            imap_security: Security::Tls,
        }
    }

    #[test]
    fn plain_smtp_is_refused_for_a_server_on_another_machine() {
        let remote = current(Some("smtp.example.jp"), Security::StartTls);
        assert!(matches!(check_value("smtp.security", "none", &remote), Err(SettingError::PlainToRemote { .. })));
        let plain = current(None, Security::None);
        assert!(check_value("smtp.host", "127.0.0.1", &plain).is_ok());
        assert!(check_value("smtp.host", "localhost", &plain).is_ok());
        assert!(matches!(check_value("smtp.host", "192.168.1.5", &plain), Err(SettingError::PlainToRemote { .. })));
    }

    #[test]
    fn values_are_checked_and_normalised() {
        let c = current(None, Security::StartTls);
        assert_eq!(check_value("smtp.port", "0587", &c), Ok("587".into()));
        assert!(check_value("smtp.port", "70000", &c).is_err());
        assert_eq!(check_value("access.deadline", "10:30", &c), Ok("10:30".into()));
        assert!(check_value("access.deadline", "25:00", &c).is_err());
        assert!(check_value("mail.from", "not an address", &c).is_err());
        assert!(check_value("mail.from", "プラスケア <info@example.jp>", &c).is_ok());
        assert!(matches!(check_value("smtp.password", "x", &c), Err(SettingError::UnknownKey(_))));
    }

    fn typed(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn a_mailbox_host_and_its_protection_are_judged_together() {
        let c = current(None, Security::StartTls);
        let remote_plain = typed(&[("imap.host", "imap.example.jp"), ("imap.security", "none")]);
        let refused = check_changes(&remote_plain, &c).expect_err("plain text to another machine");
        assert_eq!(refused.key, "imap.host");
        let local_plain = typed(&[("imap.host", "127.0.0.1"), ("imap.security", "none"), ("imap.port", "10143")]);
        let checked = check_changes(&local_plain, &c).expect("local plain");
        assert!(checked.contains(&("imap.port".to_owned(), "10143".to_owned())), "{checked:?}");
        let bad_port = typed(&[("imap.host", "imap.example.jp"), ("imap.port", "0")]);
        assert_eq!(check_changes(&bad_port, &c).map_err(|r| r.key), Err("imap.port".to_owned()));
    }

    #[test]
    fn a_mailbox_to_try_is_built_from_what_is_typed() {
        let c = current(None, Security::StartTls);
        let fields = typed(&[
            ("imap.host", "imap.example.jp"),
            ("imap.port", "993"),
            ("imap.security", "starttls"),
            ("imap.user", "desk"),
            ("imap.mailbox", ""),
        ]);
        let imap = imap_from_fields(&fields, &c).expect("checked").expect("a mailbox");
        assert_eq!((imap.port, imap.security, imap.mailbox.as_str()), (993, Security::StartTls, "INBOX"));
        assert_eq!(imap_from_fields(&typed(&[("imap.host", "imap.example.jp")]), &c), Ok(None), "no user name");
    }
}
