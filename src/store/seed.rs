//! The default configuration written on first start (SPEC "The services"): the
//! organisation, its staff and services, and their weekly windows. All of it is data the
//! manager can change afterwards.

use rusqlite::params;

use super::{Result, Store, now_text};

struct DefaultService {
    code: &'static str,
    name: &'static str,
    short_name: &'static str,
    kind: &'static str,
    staff: &'static str,
    capacity: u16,
    slot_minutes: u16,
    lengths: &'static str,
    status: &'static str,
    /// (weekday with 0 = Monday, start, end) in minutes since midnight.
    windows: &'static [(u8, u16, u16)],
}

const WEDNESDAY: u8 = 2;

const DEFAULT_SERVICES: &[DefaultService] = &[
    DefaultService {
        code: "hokenshitsu",
        name: "オンライン暮らしの保健室",
        short_name: "保健室",
        kind: "group",
        staff: "石井・濱田",
        // The announcement says only "several people"; 10 is the agreed default.
        capacity: 10,
        slot_minutes: 15,
        lengths: "",
        status: "scheduled",
        windows: &[(WEDNESDAY, 13 * 60, 15 * 60)],
    },
    DefaultService {
        code: "ishii",
        name: "個別相談（石井）",
        short_name: "石井 相談",
        kind: "consultation",
        staff: "石井",
        capacity: 1,
        slot_minutes: 30,
        lengths: "30,60",
        status: "scheduled",
        windows: &[(WEDNESDAY, 11 * 60, 12 * 60 + 30), (WEDNESDAY, 15 * 60, 17 * 60)],
    },
    DefaultService {
        code: "nishi",
        name: "個別相談（西）ドクターメール",
        short_name: "西 メール相談",
        kind: "email_consultation",
        staff: "西",
        capacity: 1,
        slot_minutes: 30,
        lengths: "",
        status: "scheduled",
        windows: &[],
    },
    DefaultService {
        code: "okyu",
        name: "お灸セルフケア教室",
        short_name: "お灸教室",
        kind: "program",
        staff: "宋",
        capacity: 10,
        slot_minutes: 15,
        lengths: "",
        status: "under_review",
        windows: &[],
    },
    DefaultService {
        code: "smalllabo",
        name: "Small Labo（オンライン講座）",
        short_name: "Small Labo",
        kind: "program",
        staff: "",
        capacity: 20,
        slot_minutes: 15,
        lengths: "",
        status: "under_review",
        windows: &[],
    },
    DefaultService {
        code: "keshou",
        name: "化粧外来",
        short_name: "化粧外来",
        kind: "program",
        staff: "河村",
        capacity: 6,
        slot_minutes: 15,
        lengths: "",
        status: "scheduled",
        windows: &[],
    },
    DefaultService {
        code: "sokuiku",
        name: "足育クラブ（ストレッチ）",
        short_name: "足育クラブ",
        kind: "program",
        staff: "中村",
        capacity: 10,
        slot_minutes: 15,
        lengths: "",
        status: "scheduled",
        windows: &[],
    },
    DefaultService {
        code: "anone",
        name: "あのねの部屋",
        short_name: "あのねの部屋",
        kind: "program",
        staff: "",
        capacity: 10,
        slot_minutes: 15,
        lengths: "",
        status: "paused",
        windows: &[],
    },
];

const DEFAULT_STAFF: &[(&str, &str)] = &[
    ("石井", "管理人・相談員"),
    ("濱田", "管理人"),
    ("西", "医師（メール相談）"),
    ("宋", "お灸セルフケア教室"),
    ("河村", "化粧外来"),
    ("中村", "足育クラブ"),
];

fn is_seeded(conn: &rusqlite::Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM settings WHERE key = 'seeded_at')", [], |r| r.get(0))?)
}

/// Seeds the defaults once, the first time a database is opened. The `seeded_at`
/// setting remembers it, so a manager who removes a service does not see it come back.
/// An existing database is only read here, so opening one never waits for another
/// program that is writing.
pub(super) fn seed_defaults_if_new(store: &mut Store) -> Result<()> {
    if is_seeded(store.conn())? {
        return Ok(());
    }
    store.write(|tx, _actor| {
        // Another program may have seeded it while this one waited for the lock.
        if is_seeded(tx)? {
            return Ok(());
        }
        tx.execute(
            "INSERT INTO organisation (id, name, phone, email, desk_hours) VALUES (1, ?1, ?2, ?3, ?4)",
            params!["一般社団法人プラスケア", "0448638444", "info@kosugipluscare.com", "平日 9:00〜17:00"],
        )?;
        for (name, role) in DEFAULT_STAFF {
            tx.execute("INSERT INTO staff (name, role) VALUES (?1, ?2)", params![name, role])?;
        }
        for (position, s) in DEFAULT_SERVICES.iter().enumerate() {
            tx.execute(
                "INSERT INTO services (code, name, short_name, kind, staff, capacity, slot_minutes, lengths,
                                       runs_on_holidays, status, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9, ?10)",
                params![
                    s.code,
                    s.name,
                    s.short_name,
                    s.kind,
                    s.staff,
                    s.capacity,
                    s.slot_minutes,
                    s.lengths,
                    s.status,
                    position as i64
                ],
            )?;
            let service_id = tx.last_insert_rowid();
            for (weekday, start, end) in s.windows {
                tx.execute(
                    "INSERT INTO weekly_windows (service_id, weekday, start_min, end_min) VALUES (?1, ?2, ?3, ?4)",
                    params![service_id, weekday, start, end],
                )?;
            }
        }
        // Settings left unset take their defaults (`store::settings`); only the seeding is recorded.
        tx.execute("INSERT INTO settings (key, value) VALUES ('seeded_at', ?1)", [now_text()])?;
        Ok(())
    })
}
