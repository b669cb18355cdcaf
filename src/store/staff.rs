//! The people who work the desk: their names, roles and PINs, and who was last at the
//! desk. A PIN is stored only as a salted Argon2id hash (a PHC string); checking one
//! costs a few tens of milliseconds on purpose.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use rusqlite::{OptionalExtension, Transaction, params};

use super::{Result, Store, StoreError, audit, bad_column, now_text};
use crate::domain::staff::{Role, StaffId, StaffMember, check_staff_name, parse_pin};

/// The setting that remembers who was at the desk when the window last switched.
const AT_DESK_KEY: &str = "desk.staff_id";

fn staff_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StaffMember> {
    let role: String = r.get(2)?;
    Ok(StaffMember {
        id: r.get(0)?,
        name: r.get(1)?,
        role: Role::from_code(&role).ok_or_else(|| bad_column("role", &role))?,
        has_pin: r.get(3)?,
    })
}

fn hash_pin(pin: &str) -> Result<String> {
    Argon2::default()
        .hash_password(pin.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| StoreError::Invalid(format!("PINを保存できませんでした（{e}）")))
}

fn active_managers(tx: &Transaction<'_>) -> Result<i64> {
    Ok(tx.query_row("SELECT count(*) FROM desk_staff WHERE role = 'manager' AND active = 1", [], |r| r.get(0))?)
}

impl Store {
    /// The staff still at work, managers first, then by name.
    pub fn desk_staff(&self) -> Result<Vec<StaffMember>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, name, role, pin_hash IS NOT NULL FROM desk_staff WHERE active = 1
             ORDER BY CASE role WHEN 'manager' THEN 0 WHEN 'staff' THEN 1 ELSE 2 END, id",
        )?;
        let rows = stmt.query_map([], staff_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A staff member by name (as given to `--staff` on the command line).
    pub fn staff_by_name(&self, name: &str) -> Result<Option<StaffMember>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id, name, role, pin_hash IS NOT NULL FROM desk_staff WHERE name = ?1 AND active = 1",
                [name.trim()],
                staff_from_row,
            )
            .optional()?)
    }

    /// Adds a staff member (a manager's action).
    pub fn add_staff(&mut self, name: &str, role: Role) -> Result<StaffId> {
        self.require(Role::Manager)?;
        let name = check_staff_name(name).map_err(StoreError::Invalid)?;
        self.write(|tx, actor| {
            let taken: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM desk_staff WHERE name = ?1)", [&name], |r| r.get(0))?;
            if taken {
                return Err(StoreError::Invalid(format!("「{name}」はすでに登録されています")));
            }
            tx.execute(
                "INSERT INTO desk_staff (name, role, created_at) VALUES (?1, ?2, ?3)",
                params![name, role.code(), now_text()],
            )?;
            let id = tx.last_insert_rowid();
            let after = format!("{name}（{}）", role.label());
            audit(tx, actor, "staff.add", "staff", id, None::<&String>, Some(&after))?;
            Ok(id)
        })
    }

    /// Changes a staff member's name and role, or retires them (`active: false`). One
    /// manager always stays, so the program never locks itself out.
    pub fn update_staff(&mut self, id: StaffId, name: &str, role: Role, active: bool) -> Result<()> {
        self.require(Role::Manager)?;
        let name = check_staff_name(name).map_err(StoreError::Invalid)?;
        self.write(|tx, actor| {
            let before = tx
                .query_row(
                    "SELECT id, name, role, pin_hash IS NOT NULL FROM desk_staff WHERE id = ?1",
                    [id],
                    staff_from_row,
                )
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("職員 {id}")))?;
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM desk_staff WHERE name = ?1 AND id <> ?2)",
                params![name, id],
                |r| r.get(0),
            )?;
            if taken {
                return Err(StoreError::Invalid(format!("「{name}」はすでに登録されています")));
            }
            tx.execute(
                "UPDATE desk_staff SET name = ?2, role = ?3, active = ?4 WHERE id = ?1",
                params![id, name, role.code(), active],
            )?;
            if active_managers(tx)? == 0 {
                return Err(StoreError::Invalid(
                    "管理者が一人もいなくなります。ほかの人を管理者にしてからにしてください".into(),
                ));
            }
            let describe = |name: &str, role: Role, active: bool| {
                format!("{name}（{}）{}", role.label(), if active { "" } else { " 退職" })
            };
            let (b, a) = (describe(&before.name, before.role, true), describe(&name, role, active));
            audit(tx, actor, "staff.update", "staff", id, Some(&b), Some(&a))
        })
    }

    /// Sets (or with `None` removes) a staff member's PIN. The manager sets anyone's; the
    /// others only their own.
    pub fn set_staff_pin(&mut self, id: StaffId, pin: Option<&str>) -> Result<()> {
        let own = self.staff_by_name(&self.actor.clone())?.is_some_and(|s| s.id == id);
        if !own {
            self.require(Role::Manager)?;
        }
        let hash = match pin {
            Some(pin) => Some(hash_pin(&parse_pin(pin).map_err(|e| StoreError::Invalid(e.into()))?)?),
            None => None,
        };
        self.write(|tx, actor| {
            let name: String = tx
                .query_row("SELECT name FROM desk_staff WHERE id = ?1", [id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("職員 {id}")))?;
            tx.execute("UPDATE desk_staff SET pin_hash = ?2 WHERE id = ?1", params![id, hash])?;
            let after = format!("{name}: {}", if hash.is_some() { "PINを設定" } else { "PINを削除" });
            audit(tx, actor, "staff.pin", "staff", id, None::<&String>, Some(&after))
        })
    }

    /// Whether `pin` is the staff member's PIN. Someone without a PIN has none to match.
    pub fn check_staff_pin(&self, id: StaffId, pin: &str) -> Result<bool> {
        let Ok(pin) = parse_pin(pin) else { return Ok(false) };
        let hash: Option<String> = self
            .conn()
            .query_row("SELECT pin_hash FROM desk_staff WHERE id = ?1 AND active = 1", [id], |r| r.get(0))
            .optional()?
            .flatten();
        let Some(hash) = hash else { return Ok(false) };
        Ok(Argon2::default().verify_password(pin.as_bytes(), hash.as_str()).is_ok())
    }

    /// Who was last at the desk, if they are still at work.
    pub fn last_at_desk(&self) -> Result<Option<StaffId>> {
        let id: Option<String> = self
            .conn()
            .query_row("SELECT value FROM settings WHERE key = ?1", [AT_DESK_KEY], |r| r.get(0))
            .optional()?;
        Ok(id.and_then(|id| id.parse().ok()))
    }

    /// Records that `staff` is now at the desk: from here on every change is theirs.
    pub fn come_to_desk(&mut self, staff: &StaffMember) -> Result<()> {
        self.set_staff_actor(staff);
        let id = staff.id.to_string();
        self.write(|tx, actor| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
                params![AT_DESK_KEY, id],
            )?;
            audit(tx, actor, "staff.at_desk", "staff", staff.id, None::<&String>, None::<&String>)
        })
    }

    /// Refuses unless whoever makes changes has at least `role`.
    pub(crate) fn require(&self, role: Role) -> Result<()> {
        if self.actor_role >= role { Ok(()) } else { Err(StoreError::NotPermitted(role)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_kept_only_as_a_salted_hash_and_checked_against_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("m.sqlite3")).unwrap();
        let manager = store.desk_staff().unwrap().remove(0);
        assert_eq!((manager.role, manager.has_pin), (Role::Manager, false), "a new database has one manager");
        store.set_staff_pin(manager.id, Some("2580")).unwrap();
        let hash: String = store
            .conn()
            .query_row("SELECT pin_hash FROM desk_staff WHERE id = ?1", [manager.id], |r| r.get(0))
            .unwrap();
        assert!(hash.starts_with("$argon2id$") && !hash.contains("2580"), "{hash}");
        assert!(store.check_staff_pin(manager.id, "２５８０").unwrap());
        assert!(!store.check_staff_pin(manager.id, "2581").unwrap());
        let other = store.add_staff("佐藤", Role::Reception).unwrap();
        store.set_staff_pin(other, Some("2580")).unwrap();
        let other_hash: String =
            store.conn().query_row("SELECT pin_hash FROM desk_staff WHERE id = ?1", [other], |r| r.get(0)).unwrap();
        assert_ne!(hash, other_hash, "each hash has its own salt");
    }

    #[test]
    fn only_a_manager_changes_the_staff_and_one_manager_always_stays() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("m.sqlite3")).unwrap();
        let manager = store.desk_staff().unwrap().remove(0);
        let err = store.update_staff(manager.id, "管理者", Role::Staff, true).unwrap_err();
        assert!(err.to_string().contains("管理者が一人もいなくなります"), "{err}");
        let sato = store.add_staff("佐藤", Role::Reception).unwrap();
        let sato = store.desk_staff().unwrap().into_iter().find(|s| s.id == sato).unwrap();
        store.set_staff_actor(&sato);
        let err = store.add_staff("鈴木", Role::Manager).unwrap_err();
        assert!(matches!(err, StoreError::NotPermitted(Role::Manager)), "{err:?}");
        store.set_staff_pin(sato.id, Some("1234")).expect("her own PIN");
        assert!(store.set_staff_pin(manager.id, Some("1234")).is_err(), "not the manager's");
    }
}
