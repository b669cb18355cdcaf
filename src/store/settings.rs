//! Settings and the organisation's details: the `settings` table (key → text) and the
//! one-row `organisation` table, read and written here only. The defaults of the
//! settings the store itself uses are written once, below.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Store, StoreError, audit};
use crate::domain::phone::PhoneNumber;
use crate::domain::time::TimeOfDay;

/// The access message must be out by this time on the day (SPEC: "by 11:00").
pub const ACCESS_DEADLINE: &str = "access.deadline";
pub const ACCESS_DEADLINE_DEFAULT: &str = "11:00";
/// Access messages are not sent before this time on the day.
pub const ACCESS_SEND_FROM: &str = "access.send_from";
pub const ACCESS_SEND_FROM_DEFAULT: &str = "07:00";

/// When the day's meeting access goes out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccessTimes {
    /// Every confirmed participant has it by then.
    pub deadline: TimeOfDay,
    /// Not sent earlier than this.
    pub send_from: TimeOfDay,
}

/// The organisation's details, as printed on day lists and mail.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Organisation {
    pub name: String,
    /// Canonical digits, as stored.
    pub phone: String,
    pub email: String,
    pub desk_hours: String,
}

impl Organisation {
    /// "一般社団法人プラスケア <info@…>": the default sender of mail.
    pub fn mailbox(&self) -> String {
        format!("{} <{}>", self.name, self.email)
    }

    /// The phone number hyphenated for people (044-863-8444).
    pub fn phone_display(&self) -> String {
        PhoneNumber::from_canonical(self.phone.clone()).display()
    }
}

/// A setting's stored value, if set (empty counts as not set).
pub(crate) fn setting_in(conn: &Connection, key: &str) -> Result<Option<String>> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?;
    Ok(value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()))
}

/// A time setting, or its default when not set. A stored value that is not a time is an
/// error wherever it is read, never silently replaced.
fn time_setting(conn: &Connection, key: &str, default: &str) -> Result<TimeOfDay> {
    let text = setting_in(conn, key)?.unwrap_or_else(|| default.to_owned());
    TimeOfDay::parse(&text).ok_or(StoreError::BadSetting { key: key.to_owned(), value: text })
}

pub(crate) fn access_times_in(conn: &Connection) -> Result<AccessTimes> {
    Ok(AccessTimes {
        deadline: time_setting(conn, ACCESS_DEADLINE, ACCESS_DEADLINE_DEFAULT)?,
        send_from: time_setting(conn, ACCESS_SEND_FROM, ACCESS_SEND_FROM_DEFAULT)?,
    })
}

pub(crate) fn organisation_in(conn: &Connection) -> Result<Organisation> {
    Ok(conn.query_row("SELECT name, phone, email, desk_hours FROM organisation WHERE id = 1", [], |r| {
        Ok(Organisation { name: r.get(0)?, phone: r.get(1)?, email: r.get(2)?, desk_hours: r.get(3)? })
    })?)
}

impl Store {
    /// A setting's value, if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        setting_in(self.conn(), key)
    }

    /// Sets a setting; an empty value removes it (back to the default). Recorded in the
    /// audit log. Callers check the value first (`mail::settings::check_value`).
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let (key, value) = (key.to_owned(), value.trim().to_owned());
        self.write(|tx, actor| {
            let before = setting_in(tx, &key)?;
            if value.is_empty() {
                tx.execute("DELETE FROM settings WHERE key = ?1", [&key])?;
            } else {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
                    params![key, value],
                )?;
            }
            audit(tx, actor, "setting.set", &format!("setting:{key}"), 0, before.as_ref(), Some(&value))
        })
    }

    /// When the day's meeting access goes out (defaults 07:00 and 11:00).
    pub fn access_times(&self) -> Result<AccessTimes> {
        access_times_in(self.conn())
    }

    pub fn organisation(&self) -> Result<Organisation> {
        organisation_in(self.conn())
    }

    pub fn update_organisation(&mut self, organisation: &Organisation) -> Result<()> {
        if organisation.name.trim().is_empty() {
            return Err(StoreError::Invalid("団体名を入力してください".into()));
        }
        self.write(|tx, actor| {
            let before = organisation_in(tx)?;
            tx.execute(
                "UPDATE organisation SET name = ?1, phone = ?2, email = ?3, desk_hours = ?4 WHERE id = 1",
                params![
                    organisation.name.trim(),
                    organisation.phone.trim(),
                    organisation.email.trim(),
                    organisation.desk_hours.trim()
                ],
            )?;
            let after = (&organisation.name, &organisation.phone, &organisation.email, &organisation.desk_hours);
            let before = (&before.name, &before.phone, &before.email, &before.desk_hours);
            audit(tx, actor, "organisation.update", "organisation", 1, Some(&before), Some(&after))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("m.sqlite3")).unwrap();
        (dir, store)
    }

    #[test]
    fn access_times_default_to_seven_and_eleven() {
        let (_dir, mut store) = store();
        store.set_setting(ACCESS_DEADLINE, "").unwrap();
        store.set_setting(ACCESS_SEND_FROM, "").unwrap();
        let times = store.access_times().unwrap();
        assert_eq!(times.deadline, TimeOfDay::hm(11, 0).unwrap());
        assert_eq!(times.send_from, TimeOfDay::hm(7, 0).unwrap());
        store.set_setting(ACCESS_DEADLINE, "10:30").unwrap();
        assert_eq!(store.access_times().unwrap().deadline, TimeOfDay::hm(10, 30).unwrap());
    }

    #[test]
    fn a_stored_time_that_is_not_a_time_is_an_error_not_a_default() {
        let (_dir, mut store) = store();
        store.set_setting(ACCESS_SEND_FROM, "七時").unwrap();
        let err = store.access_times().unwrap_err();
        assert!(matches!(&err, StoreError::BadSetting { key, .. } if key == ACCESS_SEND_FROM), "{err}");
        assert!(err.to_string().contains("七時"), "{err}");
    }

    #[test]
    fn the_organisation_is_read_as_seeded_and_gives_the_sender() {
        let (_dir, store) = store();
        let organisation = store.organisation().unwrap();
        assert_eq!(organisation.mailbox(), "一般社団法人プラスケア <info@kosugipluscare.com>");
        assert_eq!(organisation.phone_display(), "044-863-8444");
    }
}
