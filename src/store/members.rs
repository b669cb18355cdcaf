//! Members: adding and reading them, each change with its audit row.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Result, Store, StoreError, audit, bad_column, date_text, now_text, parse_date_text};
use crate::domain::member::{ContactPreference, Member, MemberId, NewMember, is_kana, kana_key, name_key};
use crate::domain::member_search::{MemberIndex, SearchEntry};
use crate::domain::phone::PhoneNumber;

/// Members between two progress reports of an import.
const IMPORT_PROGRESS_EVERY: usize = 500;

/// The member's first phone number (canonical digits, or NULL), as an SQL expression over
/// a `members` row named `m`: the number the desk rings, in every list that shows one.
macro_rules! first_phone {
    () => {
        "(SELECT p.number FROM member_phones p WHERE p.member_id = m.id ORDER BY p.position LIMIT 1)"
    };
}
pub(crate) use first_phone;

/// The five columns a [`MemberContact`] is read from (see [`member_contact`]), over a
/// `members` row named `m`.
macro_rules! member_contact_columns {
    () => {
        concat!("m.number, m.name, m.kana, ", first_phone!(), ", m.email IS NOT NULL")
    };
}
pub(crate) use member_contact_columns;

/// A member as every list shows them: who, and how to reach them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemberContact {
    pub number: String,
    pub name: String,
    pub kana: String,
    /// The first phone number, hyphenated, or empty.
    pub phone: String,
    pub has_email: bool,
}

/// Reads the [`member_contact_columns`] that start at column `first` of `row`.
pub(crate) fn member_contact(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<MemberContact> {
    let phone: Option<String> = row.get(first + 3)?;
    Ok(MemberContact {
        number: row.get(first)?,
        name: row.get(first + 1)?,
        kana: row.get(first + 2)?,
        phone: phone.map(|p| PhoneNumber::from_canonical(p).display()).unwrap_or_default(),
        has_email: row.get(first + 4)?,
    })
}

/// What an import did (or, in a dry run, would do).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    pub added: usize,
    /// Numbers already in the data, with the name on file: reported, not overwritten.
    pub existing: Vec<(String, String)>,
}

impl Store {
    /// Adds a member; a number already in use is refused.
    pub fn add_member(&mut self, member: &NewMember) -> Result<MemberId> {
        self.write(|tx, actor| insert_member(tx, actor, member))
    }

    /// Adds the members of an import in one transaction: all of them or none. Numbers
    /// already in the data are left as they are and returned with the name on file, so
    /// the desk can see them; with `dry_run` nothing is written.
    pub fn import_members(&mut self, members: &[NewMember], source: &str, dry_run: bool) -> Result<ImportOutcome> {
        self.import_members_reporting(members, source, dry_run, &|_| {})
    }

    /// [`Store::import_members`], telling `progress` the share done (0 to 1) as it goes.
    pub fn import_members_reporting(
        &mut self,
        members: &[NewMember],
        source: &str,
        dry_run: bool,
        progress: &dyn Fn(f32),
    ) -> Result<ImportOutcome> {
        let total = members.len().max(1) as f32;
        let outcome = self.write(|tx, actor| {
            let mut outcome = ImportOutcome::default();
            let mut existing = tx.prepare_cached("SELECT name FROM members WHERE number = ?1")?;
            for (index, member) in members.iter().enumerate() {
                if index % IMPORT_PROGRESS_EVERY == 0 {
                    progress(index as f32 / total);
                }
                let number = member.number.trim();
                if let Some(name) = existing.query_row([number], |r| r.get::<_, String>(0)).optional()? {
                    outcome.existing.push((number.to_owned(), name));
                } else if dry_run {
                    outcome.added += 1;
                } else {
                    // The lookup above was the check that the number is free.
                    check_new_member(member)?;
                    insert_checked_member(tx, actor, member)?;
                    outcome.added += 1;
                }
            }
            if !dry_run {
                let detail = format!("{source}: {}人を追加、{}人は登録済み", outcome.added, outcome.existing.len());
                audit(tx, actor, "members.import", "database", 0, None::<&String>, Some(&detail))?;
            }
            Ok(outcome)
        })?;
        Ok(outcome)
    }

    /// Replaces a member's details; the number may change if the new one is free.
    pub fn update_member(&mut self, id: MemberId, member: &NewMember) -> Result<Member> {
        self.write(|tx, actor| {
            let before = read_member(tx, id)?;
            let number = member.number.trim();
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM members WHERE number = ?1 AND id <> ?2)",
                params![number, id],
                |r| r.get(0),
            )?;
            if taken {
                return Err(StoreError::DuplicateMemberNumber(number.to_owned()));
            }
            let mut update = tx.prepare_cached(
                "UPDATE members SET number = :number, name = :name, kana = :kana, name_key = :name_key,
                        kana_key = :kana_key, email = :email, preferred_contact = :preferred_contact,
                        consent_on = :consent_on, notes = :notes, updated_at = :now
                 WHERE id = :id",
            )?;
            write_columns(&mut update, Some(id), member, &now_text())?;
            tx.execute("DELETE FROM member_phones WHERE member_id = ?1", [id])?;
            insert_phones(tx, id, &member.phones)?;
            let after = read_member(tx, id)?;
            audit(tx, actor, "member.update", "member", id, Some(&before), Some(&after))?;
            Ok(after)
        })
    }

    /// The member with this 会員番号.
    /// The number is read as the member form reads it (full-width digits allowed), so
    /// every way in finds the same member.
    pub fn member_by_number(&self, number: &str) -> Result<Option<Member>> {
        let Ok(number) = crate::domain::member::member_number(number) else {
            return Ok(None);
        };
        let number = number.as_str();
        let id = super::data_requests::live_member_id(self.conn(), number)?;
        id.map(|id| self.member(id)).transpose()
    }

    pub fn member(&self, id: MemberId) -> Result<Member> {
        read_member(self.conn(), id)
    }

    /// Every member's search keys, for the search box. Read again after members change.
    pub fn member_index(&self) -> Result<MemberIndex> {
        let mut phones: std::collections::HashMap<MemberId, Vec<String>> = std::collections::HashMap::new();
        let mut stmt =
            self.conn().prepare_cached("SELECT member_id, number FROM member_phones ORDER BY member_id, position")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            phones.entry(r.get(0)?).or_default().push(r.get(1)?);
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, number, name, kana, name_key, kana_key, consent_on IS NOT NULL FROM members
                 WHERE erased_at IS NULL ORDER BY number",
        )?;
        let entries = stmt
            .query_map([], |r| {
                let id: MemberId = r.get(0)?;
                Ok(SearchEntry {
                    id,
                    number: r.get(1)?,
                    name: r.get(2)?,
                    kana: r.get(3)?,
                    name_key: r.get(4)?,
                    kana_key: r.get(5)?,
                    phones: phones.remove(&id).unwrap_or_default(),
                    consented: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(MemberIndex::new(entries))
    }

    /// The member number to suggest for a new member: one more than the highest number
    /// made of digits, as wide as it (0012 → 0013), or the `member.first_number` setting
    /// (default 1) when there is none. Numbers with letters are left out of the count.
    pub fn suggested_member_number(&self) -> Result<String> {
        let highest: Option<String> = self
            .conn()
            .query_row(
                "SELECT number FROM members WHERE number <> '' AND number NOT GLOB '*[^0-9]*'
             ORDER BY length(ltrim(number, '0')) DESC, ltrim(number, '0') DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let Some(highest) = highest else {
            return Ok(self.setting(FIRST_NUMBER_SETTING)?.unwrap_or_else(|| "1".to_owned()));
        };
        Ok(next_number(&highest))
    }

    pub fn member_count(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT count(*) FROM members WHERE erased_at IS NULL", [], |r| r.get(0))?)
    }
}

/// The first member number of an empty list (a setting; "1" when unset).
pub const FIRST_NUMBER_SETTING: &str = "member.first_number";

/// `number` plus one, in decimal, keeping its width (leading zeros).
fn next_number(number: &str) -> String {
    let mut digits: Vec<u8> = number.bytes().collect();
    let mut carry = true;
    for digit in digits.iter_mut().rev() {
        if !carry {
            break;
        }
        if *digit == b'9' {
            *digit = b'0';
        } else {
            *digit += 1;
            carry = false;
        }
    }
    let next = String::from_utf8(digits).unwrap_or_default();
    if carry { format!("1{next}") } else { next }
}

pub(crate) fn read_member(conn: &rusqlite::Connection, id: MemberId) -> Result<Member> {
    let mut member = conn
        .query_row(
            "SELECT id, number, name, kana, email, preferred_contact, consent_on, notes FROM members WHERE id = ?1",
            [id],
            |r| {
                let contact: String = r.get(5)?;
                let consent: Option<String> = r.get(6)?;
                let member = NewMember {
                    number: r.get(1)?,
                    name: r.get(2)?,
                    kana: r.get(3)?,
                    phones: Vec::new(),
                    email: r.get(4)?,
                    preferred_contact: ContactPreference::from_code(&contact)
                        .ok_or_else(|| bad_column("preferred_contact", &contact))?,
                    consent_on: consent.as_deref().map(parse_date_text).transpose()?,
                    notes: r.get(7)?,
                };
                Ok(Member::new(r.get(0)?, member))
            },
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("会員 (id {id})")))?;
    let mut stmt = conn.prepare_cached("SELECT number FROM member_phones WHERE member_id = ?1 ORDER BY position")?;
    member.details.phones = stmt
        .query_map([id], |r| r.get::<_, String>(0).map(PhoneNumber::from_canonical))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(member)
}

pub(crate) fn insert_member(tx: &Transaction<'_>, actor: &str, member: &NewMember) -> Result<MemberId> {
    check_new_member(member)?;
    let number = member.number.trim();
    let taken: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM members WHERE number = ?1)")?
        .query_row([number], |r| r.get(0))?;
    if taken {
        return Err(StoreError::DuplicateMemberNumber(number.to_owned()));
    }
    insert_checked_member(tx, actor, member)
}

/// The fields a member cannot be stored without (the number's being free is checked by
/// the caller, against the data it can see).
fn check_new_member(member: &NewMember) -> Result<()> {
    if member.number.trim().is_empty() {
        return Err(StoreError::Invalid("会員番号を入力してください".into()));
    }
    if member.name.trim().is_empty() {
        return Err(StoreError::Invalid("氏名を入力してください".into()));
    }
    if !member.kana.trim().is_empty() && !is_kana(&member.kana) {
        return Err(StoreError::Invalid("ふりがなはひらがな・カタカナで入力してください".into()));
    }
    Ok(())
}

/// Writes a member that passed [`check_new_member`] and whose number is free, with its
/// phones and its audit row. The statements are cached: an import adds thousands of
/// members in one transaction.
fn insert_checked_member(tx: &Transaction<'_>, actor: &str, member: &NewMember) -> Result<MemberId> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO members (id, number, name, kana, name_key, kana_key, email, preferred_contact, consent_on,
                              notes, created_at, updated_at)
         VALUES (:id, :number, :name, :kana, :name_key, :kana_key, :email, :preferred_contact, :consent_on,
                 :notes, :now, :now)",
    )?;
    write_columns(&mut insert, None, member, &now_text())?;
    let id = tx.last_insert_rowid();
    insert_phones(tx, id, &member.phones)?;
    audit(tx, actor, "member.add", "member", id, None::<&Member>, Some(&Member::new(id, member.clone())))?;
    Ok(id)
}

fn insert_phones(tx: &Transaction<'_>, id: MemberId, phones: &[PhoneNumber]) -> Result<()> {
    let mut phone = tx.prepare_cached("INSERT INTO member_phones (member_id, position, number) VALUES (?1, ?2, ?3)")?;
    for (position, number) in phones.iter().enumerate() {
        phone.execute(params![id, position as i64, number.canonical()])?;
    }
    Ok(())
}

/// Binds a member's stored columns, with their search keys, to an INSERT or UPDATE that
/// names them; `id` is NULL for a new member (SQLite picks it).
fn write_columns(
    statement: &mut rusqlite::Statement<'_>,
    id: Option<MemberId>,
    member: &NewMember,
    now: &str,
) -> Result<()> {
    statement.execute(rusqlite::named_params! {
        ":id": id,
        ":number": member.number.trim(),
        ":name": member.name.trim(),
        ":kana": member.kana.trim(),
        ":name_key": name_key(&member.name),
        ":kana_key": kana_key(&member.kana),
        ":email": member.email.as_deref().map(str::trim).filter(|e| !e.is_empty()),
        ":preferred_contact": member.preferred_contact.code(),
        ":consent_on": member.consent_on.map(date_text),
        ":notes": member.notes,
        ":now": now,
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_number_keeps_its_width_and_carries() {
        assert_eq!(next_number("1234"), "1235");
        assert_eq!(next_number("0012"), "0013");
        assert_eq!(next_number("0099"), "0100");
        assert_eq!(next_number("999"), "1000");
    }

    #[test]
    fn the_suggested_number_follows_the_highest_numeric_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("m.sqlite3")).unwrap();
        assert_eq!(store.suggested_member_number().unwrap(), "1");
        store.set_setting(FIRST_NUMBER_SETTING, "1001").unwrap();
        assert_eq!(store.suggested_member_number().unwrap(), "1001");
        for number in ["98", "0120", "A-7", "1000"] {
            let member = NewMember {
                number: number.into(),
                name: "試験 太郎".into(),
                kana: "しけん たろう".into(),
                phones: vec![PhoneNumber::parse("044-863-8444").unwrap()],
                email: None,
                preferred_contact: ContactPreference::Phone,
                consent_on: None,
                notes: String::new(),
            };
            store.add_member(&member).unwrap();
        }
        assert_eq!(store.suggested_member_number().unwrap(), "1001");
    }

    #[test]
    fn a_member_is_found_by_a_number_typed_in_full_width() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("m.sqlite3")).unwrap();
        let form = crate::domain::member::MemberForm {
            number: "１００１".into(),
            name: "山田 花子".into(),
            kana: "やまだ はなこ".into(),
            phone: "044-863-8444".into(),
            ..Default::default()
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let id = store.add_member(&form.validate(today).unwrap()).unwrap();
        for typed in ["1001", "１００１", " 1001 "] {
            assert_eq!(store.member_by_number(typed).unwrap().map(|m| m.id), Some(id), "{typed}");
        }
        assert!(store.member_by_number("10 01").unwrap().is_none());
        let spaced = crate::domain::member::MemberForm { number: "1 2".into(), ..form };
        assert!(spaced.validate(today).is_err(), "1 2 is not silently 12");
    }
}
