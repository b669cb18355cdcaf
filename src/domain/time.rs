//! Times of day, intervals and the Japanese way of writing dates.
//!
//! The desk thinks in wall-clock minutes on one day ("13:15 to 14:30"), so a time of day
//! is a count of minutes since midnight: cheap to compare, and stored as an integer.

use std::fmt;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// A wall-clock time on one day, in whole minutes since midnight (0..=1440).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// The end of the day, 24:00, allowed as the end of an interval.
    pub const END_OF_DAY: TimeOfDay = TimeOfDay(24 * 60);

    /// `None` when the hour or minute is out of range (24:00 is the only time past 23:59).
    pub fn hm(hour: u16, minute: u16) -> Option<TimeOfDay> {
        (minute < 60 && (hour < 24 || (hour == 24 && minute == 0))).then_some(TimeOfDay(hour * 60 + minute))
    }

    pub fn from_minutes(minutes: u16) -> Option<TimeOfDay> {
        (minutes <= 24 * 60).then_some(TimeOfDay(minutes))
    }

    pub fn minutes(self) -> u16 {
        self.0
    }

    pub fn hour(self) -> u16 {
        self.0 / 60
    }

    pub fn minute(self) -> u16 {
        self.0 % 60
    }

    /// This time plus `minutes`, or `None` past the end of the day.
    pub fn plus(self, minutes: u16) -> Option<TimeOfDay> {
        TimeOfDay::from_minutes(self.0.checked_add(minutes)?)
    }

    /// Reads `13:05`, `9:30`, `0930` and the full-width forms the IME produces (１３：０５).
    pub fn parse(text: &str) -> Option<TimeOfDay> {
        let ascii: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '：' => ':',
                other => other,
            })
            .collect();
        let (h, m) = match ascii.split_once(':') {
            Some((h, m)) => (h, m),
            // `0930` or `930`: digits only (a 3-byte 時 is no time, and no place to split).
            None if ascii.bytes().all(|b| b.is_ascii_digit()) && (3..=4).contains(&ascii.len()) => {
                ascii.split_at(ascii.len() - 2)
            }
            None => return None,
        };
        if h.is_empty() || m.len() != 2 {
            return None;
        }
        TimeOfDay::hm(h.parse().ok()?, m.parse().ok()?)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{:02}", self.hour(), self.minute())
    }
}

/// A half-open stretch of one day, `[start, end)`: a booking from 13:00 to 14:00 and one
/// from 14:00 to 15:00 do not overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Interval {
    pub start: TimeOfDay,
    pub end: TimeOfDay,
}

impl Interval {
    /// `None` unless `start < end`.
    pub fn new(start: TimeOfDay, end: TimeOfDay) -> Option<Interval> {
        (start < end).then_some(Interval { start, end })
    }

    pub fn minutes(self) -> u16 {
        self.end.minutes() - self.start.minutes()
    }

    pub fn overlaps(self, other: Interval) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(self, other: Interval) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}〜{}", self.start, self.end)
    }
}

/// 月, 火, … for a weekday.
pub fn weekday_kanji(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "月",
        Weekday::Tue => "火",
        Weekday::Wed => "水",
        Weekday::Thu => "木",
        Weekday::Fri => "金",
        Weekday::Sat => "土",
        Weekday::Sun => "日",
    }
}

/// `11月25日(水)`, the way the desk writes a date in a list or a header.
pub fn month_day_weekday(date: NaiveDate) -> String {
    format!("{}月{}日({})", date.month(), date.day(), weekday_kanji(date.weekday()))
}

/// `2026年11月25日(水)`, for headings and printed lists.
pub fn full_date(date: NaiveDate) -> String {
    format!("{}年{}", date.year(), month_day_weekday(date))
}

/// The Monday of the week that holds `date`; the desk's weeks run Monday to Sunday.
pub fn week_monday(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// Reads a date as the desk types it: `2026-11-25`, `2026/11/25`, `20261125`, full-width
/// digits, or `11/25` and `11月25日` (the year of `today`).
pub fn parse_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let ascii: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '／' | '－' | '年' | '月' | '.' => '/',
            '-' => '/',
            '日' => ' ',
            other => other,
        })
        .collect();
    let ascii = ascii.trim_end_matches([' ', '/']);
    // Anything after 日 (a weekday such as "(水)") is ignored.
    let ascii = ascii.split(' ').next().unwrap_or_default();
    let parts: Vec<&str> = ascii.split('/').collect();
    let number = |s: &str| s.parse::<u32>().ok();
    match parts.as_slice() {
        [y, m, d] => NaiveDate::from_ymd_opt(number(y)? as i32, number(m)?, number(d)?),
        [m, d] => NaiveDate::from_ymd_opt(today.year(), number(m)?, number(d)?),
        // `20261125`: digits only (eight bytes of anything else is no date, and no place to split).
        [digits] if digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit()) => {
            let (y, md) = digits.split_at(4);
            let (m, d) = md.split_at(2);
            NaiveDate::from_ymd_opt(number(y)? as i32, number(m)?, number(d)?)
        }
        _ => None,
    }
}

/// Short ways to write times in the domain's tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Interval, TimeOfDay};

    pub fn t(h: u16, m: u16) -> TimeOfDay {
        TimeOfDay::hm(h, m).unwrap()
    }

    pub fn iv(a: (u16, u16), b: (u16, u16)) -> Interval {
        Interval::new(t(a.0, a.1), t(b.0, b.1)).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u16, m: u16) -> TimeOfDay {
        TimeOfDay::hm(h, m).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn time_of_day_reads_half_and_full_width_forms() {
        assert_eq!(TimeOfDay::parse("13:05"), Some(t(13, 5)));
        assert_eq!(TimeOfDay::parse(" 9:30 "), Some(t(9, 30)));
        assert_eq!(TimeOfDay::parse("0930"), Some(t(9, 30)));
        assert_eq!(TimeOfDay::parse("１３：００"), Some(t(13, 0)));
        assert_eq!(TimeOfDay::parse("25:00"), None);
        assert_eq!(TimeOfDay::parse("12:60"), None);
        assert_eq!(TimeOfDay::parse("12:5"), None);
        assert_eq!(TimeOfDay::parse(""), None);
    }

    #[test]
    fn a_time_with_letters_or_kanji_is_not_a_time_and_never_a_crash() {
        // Found by the command line's fuzz run: 「時」 is three bytes, and was split in two.
        for text in ["時", "1時", "13時", "9時半", "abc", "ab12", "１２a", "\u{0}930"] {
            assert_eq!(TimeOfDay::parse(text), None, "{text}");
        }
        assert_eq!(TimeOfDay::parse("930"), Some(t(9, 30)));
    }

    #[test]
    fn eight_bytes_that_are_not_eight_digits_are_no_date_and_never_a_crash() {
        // Found by the fuzz run: 「\u{2060}\u{2067}ET」 is eight bytes, split at a byte in a character.
        let today = date(2026, 11, 22);
        for text in ["\u{2060}\u{2067}ET", "ab山田cd", "２０２６１１２", "2026112x"] {
            assert_eq!(parse_date(text, today), None, "{text}");
        }
        assert_eq!(parse_date("２０２６１１２５", today), Some(date(2026, 11, 25)));
    }

    #[test]
    fn time_of_day_displays_without_leading_zero_hour() {
        assert_eq!(t(9, 5).to_string(), "9:05");
        assert_eq!(t(13, 0).to_string(), "13:00");
    }

    #[test]
    fn touching_intervals_do_not_overlap() {
        let a = Interval::new(t(13, 0), t(14, 0)).unwrap();
        let b = Interval::new(t(14, 0), t(15, 0)).unwrap();
        let c = Interval::new(t(13, 45), t(14, 15)).unwrap();
        assert!(!a.overlaps(b));
        assert!(a.overlaps(c) && b.overlaps(c));
        assert!(Interval::new(t(14, 0), t(14, 0)).is_none());
    }

    #[test]
    fn japanese_dates_have_month_day_and_weekday() {
        assert_eq!(month_day_weekday(date(2026, 11, 25)), "11月25日(水)");
        assert_eq!(full_date(date(2026, 11, 25)), "2026年11月25日(水)");
    }

    #[test]
    fn week_starts_on_monday() {
        assert_eq!(week_monday(date(2026, 11, 25)), date(2026, 11, 23));
        assert_eq!(week_monday(date(2026, 11, 23)), date(2026, 11, 23));
        assert_eq!(week_monday(date(2026, 11, 29)), date(2026, 11, 23));
    }

    #[test]
    fn dates_are_read_in_the_forms_a_desk_types() {
        let today = date(2026, 11, 21);
        for text in
            ["2026-11-25", "2026/11/25", "20261125", "２０２６／１１／２５", "11/25", "11月25日", "2026年11月25日(水)"]
        {
            assert_eq!(parse_date(text, today), Some(date(2026, 11, 25)), "{text}");
        }
        assert_eq!(parse_date("2026-02-30", today), None);
        assert_eq!(parse_date("明日", today), None);
        assert_eq!(parse_date("", today), None);
    }
}
