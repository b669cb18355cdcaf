//! Realistic demo data for trying the program and for benchmarks: members with Japanese
//! names and furigana, Kawasaki and mobile numbers (some without email), and bookings over
//! many weeks made through the same rules as the desk's.

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::params;

use super::bookings::{WhenFull, book_in, cancel_in, set_attendance_in};
use super::members::insert_member;
use super::{Result, Store, StoreError, date_text, now_text};
use crate::domain::booking::{BookingRequest, BookingState, Channel};
use crate::domain::member::{ContactPreference, MemberId, NewMember};
use crate::domain::phone::PhoneNumber;
use crate::domain::schedule::ServiceKind;
use crate::domain::time::{Interval, week_monday};

/// (surname, its furigana, its romaji).
const SURNAMES: &[(&str, &str, &str)] = &[
    ("佐藤", "さとう", "sato"),
    ("鈴木", "すずき", "suzuki"),
    ("高橋", "たかはし", "takahashi"),
    ("田中", "たなか", "tanaka"),
    ("伊藤", "いとう", "ito"),
    ("渡辺", "わたなべ", "watanabe"),
    ("山本", "やまもと", "yamamoto"),
    ("中村", "なかむら", "nakamura"),
    ("小林", "こばやし", "kobayashi"),
    ("加藤", "かとう", "kato"),
    ("吉田", "よしだ", "yoshida"),
    ("山田", "やまだ", "yamada"),
    ("佐々木", "ささき", "sasaki"),
    ("山口", "やまぐち", "yamaguchi"),
    ("松本", "まつもと", "matsumoto"),
    ("井上", "いのうえ", "inoue"),
    ("木村", "きむら", "kimura"),
    ("林", "はやし", "hayashi"),
    ("斎藤", "さいとう", "saito"),
    ("清水", "しみず", "shimizu"),
    ("山崎", "やまざき", "yamazaki"),
    ("森", "もり", "mori"),
    ("池田", "いけだ", "ikeda"),
    ("橋本", "はしもと", "hashimoto"),
    ("阿部", "あべ", "abe"),
    ("石川", "いしかわ", "ishikawa"),
    ("前田", "まえだ", "maeda"),
    ("藤田", "ふじた", "fujita"),
    ("小川", "おがわ", "ogawa"),
    ("岡田", "おかだ", "okada"),
    ("後藤", "ごとう", "goto"),
    ("長谷川", "はせがわ", "hasegawa"),
    ("村上", "むらかみ", "murakami"),
    ("近藤", "こんどう", "kondo"),
    ("坂本", "さかもと", "sakamoto"),
    ("遠藤", "えんどう", "endo"),
    ("青木", "あおき", "aoki"),
    ("藤井", "ふじい", "fujii"),
    ("西村", "にしむら", "nishimura"),
    ("福田", "ふくだ", "fukuda"),
    ("太田", "おおた", "ota"),
    ("三浦", "みうら", "miura"),
    ("髙橋", "たかはし", "takahashi"),
    ("山﨑", "やまさき", "yamasaki"),
    ("小杉", "こすぎ", "kosugi"),
];

/// (given name, its furigana, its romaji).
const GIVEN_NAMES: &[(&str, &str, &str)] = &[
    ("花子", "はなこ", "hanako"),
    ("美智子", "みちこ", "michiko"),
    ("和子", "かずこ", "kazuko"),
    ("恵子", "けいこ", "keiko"),
    ("洋子", "ようこ", "yoko"),
    ("幸子", "さちこ", "sachiko"),
    ("節子", "せつこ", "setsuko"),
    ("陽子", "ようこ", "yoko"),
    ("由美子", "ゆみこ", "yumiko"),
    ("裕子", "ゆうこ", "yuko"),
    ("真由美", "まゆみ", "mayumi"),
    ("久美子", "くみこ", "kumiko"),
    ("さくら", "さくら", "sakura"),
    ("陽菜", "ひな", "hina"),
    ("結衣", "ゆい", "yui"),
    ("葵", "あおい", "aoi"),
    ("美咲", "みさき", "misaki"),
    ("直美", "なおみ", "naomi"),
    ("清", "きよし", "kiyoshi"),
    ("茂", "しげる", "shigeru"),
    ("博", "ひろし", "hiroshi"),
    ("実", "みのる", "minoru"),
    ("勝", "まさる", "masaru"),
    ("誠", "まこと", "makoto"),
    ("健一", "けんいち", "kenichi"),
    ("隆", "たかし", "takashi"),
    ("浩二", "こうじ", "koji"),
    ("大輔", "だいすけ", "daisuke"),
    ("翔太", "しょうた", "shota"),
    ("蓮", "れん", "ren"),
    ("悠真", "ゆうま", "yuma"),
    ("達也", "たつや", "tatsuya"),
    ("和夫", "かずお", "kazuo"),
    ("正男", "まさお", "masao"),
    ("進", "すすむ", "susumu"),
    ("明美", "あけみ", "akemi"),
];

/// Themes a member might give for a consultation (kept in the desk's records only).
const THEMES: &[&str] = &[
    "退院後の暮らし",
    "家族の介護",
    "睡眠のこと",
    "食事と体重",
    "通院先の相談",
    "気持ちの落ち込み",
    "薬の飲み方",
    "在宅医療について",
    "認知症の心配",
    "介護保険の申請",
    "",
];

/// How much demo data to make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoOptions {
    pub members: u32,
    pub weeks: u32,
    pub seed: u64,
    /// Monday of the first week; by default the weeks end four weeks after `today`.
    pub from: Option<NaiveDate>,
    /// The day that separates the past (attended / no-show) from the future.
    pub today: NaiveDate,
}

/// What was made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub members: u32,
    pub bookings: u32,
    pub waitlisted: u32,
    pub first_monday: Option<NaiveDate>,
    pub last_sunday: Option<NaiveDate>,
}

impl Store {
    /// Adds demo members and bookings in one transaction. Member numbers continue after
    /// the highest numeric number already present.
    pub fn fill_demo_data(&mut self, options: &DemoOptions) -> Result<DemoSummary> {
        self.write(|tx, actor| {
            let mut rng = fastrand::Rng::with_seed(options.seed);
            let mut summary = DemoSummary::default();
            let schedule = super::schedule::load_schedule(tx)?;

            let first_number: u32 = tx.query_row(
                "SELECT coalesce(max(CAST(number AS INTEGER)), 1000) FROM members WHERE number GLOB '[0-9]*'",
                [],
                |r| r.get(0),
            )?;
            let mut member_ids: Vec<MemberId> = Vec::with_capacity(options.members as usize);
            for i in 0..options.members {
                let number = first_number + 1 + i;
                let member = demo_member(&mut rng, number, options.today);
                member_ids.push(insert_member(tx, actor, &member)?);
                summary.members += 1;
            }
            if member_ids.is_empty() {
                member_ids = tx
                    .prepare("SELECT id FROM members")?
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
            }
            if member_ids.is_empty() || options.weeks == 0 {
                return Ok(summary);
            }

            let first_monday = options.from.map(week_monday).unwrap_or_else(|| {
                week_monday(options.today) + Duration::weeks(4) - Duration::weeks(i64::from(options.weeks) - 1)
            });
            let last_sunday = first_monday + Duration::weeks(i64::from(options.weeks)) - Duration::days(1);
            summary.first_monday = Some(first_monday);
            summary.last_sunday = Some(last_sunday);

            // The year-end closure of each year the range touches.
            for year in first_monday.year() - 1..=last_sunday.year() {
                if let (Some(from), Some(to)) =
                    (NaiveDate::from_ymd_opt(year, 12, 29), NaiveDate::from_ymd_opt(year + 1, 1, 3))
                {
                    if to < first_monday || from > last_sunday {
                        continue;
                    }
                    tx.execute(
                        "INSERT INTO closures (service_id, from_date, to_date, reason) VALUES (NULL, ?1, ?2, '年末年始休業')",
                        params![date_text(from), date_text(to)],
                    )?;
                }
            }
            let schedule = {
                let mut s = schedule;
                s.closures = super::schedule::load_schedule(tx)?.closures;
                s
            };

            let mut date = first_monday;
            while date <= last_sunday {
                for service in &schedule.services {
                    let sessions = schedule.sessions_on(service, date);
                    for session in &sessions {
                        let requests = demo_requests(&mut rng, service.kind, session.hours, session.capacity, &member_ids);
                        for (member_id, hours, theme, waitlist) in requests {
                            let request = BookingRequest {
                                member_id,
                                service_id: service.id,
                                date,
                                hours,
                                channel: pick_channel(&mut rng),
                                theme: if service.kind == ServiceKind::Consultation { theme.to_owned() } else { String::new() },
                                notes: String::new(),
                                late_record: false,
                            };
                            let when_full = if waitlist { WhenFull::Waitlist } else { WhenFull::Refuse };
                            let booking = match book_in(tx, actor, &request, when_full) {
                                Ok(b) => b,
                                // A demo request that breaks a rule is simply not made.
                                Err(StoreError::Refused(_) | StoreError::Invalid(_)) => continue,
                                Err(other) => return Err(other),
                            };
                            summary.bookings += 1;
                            if booking.state == BookingState::Waitlisted {
                                summary.waitlisted += 1;
                                continue;
                            }
                            let roll = rng.u32(0..100);
                            if roll < 6 {
                                let reason = ["体調不良", "家族の都合", "日程の変更", "通院と重なった"][rng.usize(0..4)];
                                cancel_in(tx, actor, booking.id, reason)?;
                            } else if date < options.today {
                                let state = if roll < 15 { BookingState::NoShow } else { BookingState::Attended };
                                set_attendance_in(tx, actor, booking.id, state, options.today)?;
                            }
                        }
                    }
                }
                date += Duration::days(1);
            }

            // A few doctor's email consultations around today.
            if let Some(doctor) = schedule.services.iter().find(|s| s.kind == ServiceKind::EmailConsultation) {
                for offset in [-9i64, -2, 3, 10] {
                    let day = options.today + Duration::days(offset);
                    if day < first_monday || day > last_sunday {
                        continue;
                    }
                    let member_id = member_ids[rng.usize(0..member_ids.len())];
                    let (state, agreed) = if offset < 0 {
                        ("done", Some(format!("{}T{:02}:00", date_text(day), 10 + rng.u32(0..6))))
                    } else if offset < 7 {
                        ("agreed", Some(format!("{}T{:02}:30", date_text(day), 10 + rng.u32(0..6))))
                    } else {
                        ("arranging", None)
                    };
                    let now = now_text();
                    tx.execute(
                        "INSERT INTO email_consultations (member_id, service_id, requested_on, agreed_at, state,
                                                          created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                        params![member_id, doctor.id, date_text(day - Duration::days(7)), agreed, state, now],
                    )?;
                }
            }
            Ok(summary)
        })
    }
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(0..items.len())]
}

fn pick_channel(rng: &mut fastrand::Rng) -> Channel {
    match rng.u32(0..10) {
        0..=6 => Channel::Phone,
        7 | 8 => Channel::Mail,
        _ => Channel::Desk,
    }
}

/// A number that the numbering plan accepts: Kawasaki (044) or a mobile.
fn demo_phone(rng: &mut fastrand::Rng, mobile: bool) -> Option<PhoneNumber> {
    for _ in 0..20 {
        let text = if mobile {
            format!("0{}0{:04}{:04}", [9, 8, 7][rng.usize(0..3)], rng.u32(1000..10000), rng.u32(0..10000))
        } else {
            format!("044{}{:02}{:04}", rng.u32(2..10), rng.u32(0..100), rng.u32(0..10000))
        };
        if let Ok(number) = PhoneNumber::parse(&text) {
            return Some(number);
        }
    }
    None
}

fn demo_member(rng: &mut fastrand::Rng, number: u32, today: NaiveDate) -> NewMember {
    let (surname, surname_kana, surname_romaji) = *pick(rng, SURNAMES);
    let (given, given_kana, given_romaji) = *pick(rng, GIVEN_NAMES);
    let mut phones = Vec::new();
    match rng.u32(0..10) {
        0..=3 => phones.extend(demo_phone(rng, false)),
        4..=7 => phones.extend(demo_phone(rng, true)),
        _ => {
            phones.extend(demo_phone(rng, false));
            phones.extend(demo_phone(rng, true));
        }
    }
    // About four in ten members have no email and are phoned instead.
    let email = (rng.u32(0..10) >= 4).then(|| format!("{given_romaji}.{surname_romaji}{number}@example.jp"));
    let preferred_contact =
        if email.is_some() && rng.bool() { ContactPreference::Email } else { ContactPreference::Phone };
    NewMember {
        number: number.to_string(),
        name: format!("{surname} {given}"),
        kana: format!("{surname_kana} {given_kana}"),
        phones,
        email,
        preferred_contact,
        consent_on: Some(today - Duration::days(i64::from(rng.u32(30..1500)))),
        notes: String::new(),
    }
}

/// Who asks for a place in one session: (member, hours, theme, accept the waitlist).
fn demo_requests(
    rng: &mut fastrand::Rng,
    kind: ServiceKind,
    hours: Interval,
    capacity: u16,
    members: &[MemberId],
) -> Vec<(MemberId, Interval, &'static str, bool)> {
    let mut requests = Vec::new();
    let member = |rng: &mut fastrand::Rng| members[rng.usize(0..members.len())];
    match kind {
        ServiceKind::GroupSession | ServiceKind::Program => {
            let wanted = rng.u32(u32::from(capacity) / 3..=u32::from(capacity) + 3);
            let quarters = hours.minutes() / 15;
            for _ in 0..wanted {
                // Most stay the whole time; some join late or leave early.
                let (join, leave) = if rng.u32(0..10) < 6 {
                    (0, quarters)
                } else {
                    let join = rng.u16(0..quarters);
                    (join, rng.u16(join + 1..=quarters))
                };
                let Some(interval) = hours
                    .start
                    .plus(join * 15)
                    .zip(hours.start.plus(leave * 15))
                    .and_then(|(s, e)| Interval::new(s, e))
                else {
                    continue;
                };
                requests.push((member(rng), interval, "", rng.bool()));
            }
        }
        ServiceKind::Consultation => {
            let mut start = hours.start;
            while let Some(end30) = start.plus(30) {
                if end30 > hours.end {
                    break;
                }
                if rng.u32(0..10) < 4 {
                    let long = rng.bool() && start.plus(60).is_some_and(|e| e <= hours.end);
                    let end = if long { start.plus(60) } else { Some(end30) };
                    if let Some(interval) = end.and_then(|e| Interval::new(start, e)) {
                        requests.push((member(rng), interval, *pick(rng, THEMES), false));
                    }
                }
                if rng.u32(0..10) < 2 {
                    // Someone who wanted a taken slot waits for it.
                    if let Some(interval) = Interval::new(start, end30) {
                        requests.push((member(rng), interval, *pick(rng, THEMES), true));
                    }
                }
                start = match start.plus(30) {
                    Some(next) => next,
                    None => break,
                };
            }
        }
        ServiceKind::EmailConsultation => {}
    }
    requests
}
