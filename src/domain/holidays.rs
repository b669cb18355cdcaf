//! Japanese public holidays (国民の祝日), computed from the rules of the 祝日法.
//!
//! Covered: 2007 to 2099, the years in which the present substitute-holiday rule holds and
//! the equinox approximation below is good. Outside that range no holidays are reported.
//! The rules:
//! - fixed days, and the "Happy Monday" days (the n-th Monday of a month);
//! - 春分の日 / 秋分の日 from the usual approximation of the equinoxes for 1980-2099;
//! - 振替休日: a holiday on a Sunday moves to the next day that is not a holiday;
//! - 国民の休日: a weekday between two holidays is a holiday too;
//! - one-off years: 2019 (the enthronement), 2020 and 2021 (the Tokyo games moved
//!   海の日, スポーツの日 and 山の日).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

pub const FIRST_YEAR: i32 = 2007;
pub const LAST_YEAR: i32 = 2099;

/// One public holiday: its date and its name as the calendar prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: &'static str,
}

pub const SUBSTITUTE_HOLIDAY: &str = "振替休日";
pub const CITIZENS_HOLIDAY: &str = "国民の休日";

/// All holidays of `year`, in date order; empty outside [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn holidays_in_year(year: i32) -> Vec<Holiday> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Vec::new();
    }
    let mut days = statutory_days(year);
    days.sort_by_key(|h| h.date);

    // 国民の休日: a day that is not itself a holiday, squeezed between two holidays.
    // Only possible around 秋分の日 in September and, before 2007's change, in May.
    let mut citizens = Vec::new();
    for pair in days.windows(2) {
        if pair[1].date - pair[0].date == Duration::days(2) {
            let between = pair[0].date + Duration::days(1);
            if between.weekday() != Weekday::Sun {
                citizens.push(Holiday { date: between, name: CITIZENS_HOLIDAY });
            }
        }
    }
    days.extend(citizens);
    days.sort_by_key(|h| h.date);

    // 振替休日: for each holiday on a Sunday, the first following day that is no holiday.
    let mut substitutes = Vec::new();
    for holiday in days.iter().filter(|h| h.date.weekday() == Weekday::Sun) {
        let mut day = holiday.date + Duration::days(1);
        while days.iter().any(|h| h.date == day) {
            day += Duration::days(1);
        }
        substitutes.push(Holiday { date: day, name: SUBSTITUTE_HOLIDAY });
    }
    days.extend(substitutes);
    days.sort_by_key(|h| h.date);
    days.dedup_by_key(|h| h.date);
    days
}

/// The holiday on `date`, if it is one.
pub fn holiday_on(date: NaiveDate) -> Option<Holiday> {
    holidays_in_year(date.year()).into_iter().find(|h| h.date == date)
}

/// Holidays that fall in `from..=to`.
pub fn holidays_between(from: NaiveDate, to: NaiveDate) -> Vec<Holiday> {
    (from.year()..=to.year()).flat_map(holidays_in_year).filter(|h| from <= h.date && h.date <= to).collect()
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The `n`-th Monday of a month (n from 1).
fn nth_monday(year: i32, month: u32, n: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, n as u8)
}

/// The day of the vernal (March) and autumnal (September) equinox, 1980-2099.
fn equinox_days(year: i32) -> (u32, u32) {
    let y = f64::from(year - 1980);
    let leap_correction = f64::from((year - 1980).div_euclid(4));
    let spring = (20.8431 + 0.242194 * y - leap_correction).floor() as u32;
    let autumn = (23.2488 + 0.242194 * y - leap_correction).floor() as u32;
    (spring, autumn)
}

/// The holidays the law names, before substitutes and in-between days are added.
fn statutory_days(year: i32) -> Vec<Holiday> {
    let (spring, autumn) = equinox_days(year);
    let mut days: Vec<(Option<NaiveDate>, &'static str)> = vec![
        (ymd(year, 1, 1), "元日"),
        (nth_monday(year, 1, 2), "成人の日"),
        (ymd(year, 2, 11), "建国記念の日"),
        (ymd(year, 3, spring), "春分の日"),
        (ymd(year, 4, 29), "昭和の日"),
        (ymd(year, 5, 3), "憲法記念日"),
        (ymd(year, 5, 4), "みどりの日"),
        (ymd(year, 5, 5), "こどもの日"),
        (nth_monday(year, 9, 3), "敬老の日"),
        (ymd(year, 9, autumn), "秋分の日"),
        (ymd(year, 11, 3), "文化の日"),
        (ymd(year, 11, 23), "勤労感謝の日"),
    ];
    // 天皇誕生日 follows the reigning emperor: 12月23日 to 2018, none in 2019, 2月23日 after.
    match year {
        ..=2018 => days.push((ymd(year, 12, 23), "天皇誕生日")),
        2019 => {}
        _ => days.push((ymd(year, 2, 23), "天皇誕生日")),
    }
    // The summer holidays, moved for the Tokyo games in 2020 and 2021.
    match year {
        2020 => days.extend([
            (ymd(2020, 7, 23), "海の日"),
            (ymd(2020, 7, 24), "スポーツの日"),
            (ymd(2020, 8, 10), "山の日"),
        ]),
        2021 => {
            days.extend([(ymd(2021, 7, 22), "海の日"), (ymd(2021, 7, 23), "スポーツの日"), (ymd(2021, 8, 8), "山の日")])
        }
        _ => {
            days.push((nth_monday(year, 7, 3), "海の日"));
            if year >= 2016 {
                days.push((ymd(year, 8, 11), "山の日"));
            }
            let sports = if year >= 2020 { "スポーツの日" } else { "体育の日" };
            days.push((nth_monday(year, 10, 2), sports));
        }
    }
    // The enthronement of 2019: the day itself, the ceremony, and (by the 国民の休日
    // rule) the days between them and Golden Week.
    if year == 2019 {
        days.extend([(ymd(2019, 5, 1), "即位の日"), (ymd(2019, 10, 22), "即位礼正殿の儀")]);
    }
    days.into_iter().filter_map(|(date, name)| date.map(|date| Holiday { date, name })).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn names(year: i32) -> Vec<(NaiveDate, &'static str)> {
        holidays_in_year(year).into_iter().map(|h| (h.date, h.name)).collect()
    }

    #[test]
    fn sunday_holiday_moves_to_monday() {
        // 2026-05-03 憲法記念日 is a Sunday; 5/4 and 5/5 are holidays, so the substitute is 5/6.
        assert_eq!(holiday_on(date(2026, 5, 6)).map(|h| h.name), Some(SUBSTITUTE_HOLIDAY));
        // 2023-01-01 元日 on a Sunday gives 1/2.
        assert_eq!(holiday_on(date(2023, 1, 2)).map(|h| h.name), Some(SUBSTITUTE_HOLIDAY));
    }

    #[test]
    fn day_between_keiro_and_shubun_is_a_citizens_holiday() {
        // 2026: 敬老の日 9/21 (Mon), 秋分の日 9/23 (Wed) → 9/22 is 国民の休日.
        assert_eq!(holiday_on(date(2026, 9, 22)).map(|h| h.name), Some(CITIZENS_HOLIDAY));
        assert_eq!(holiday_on(date(2032, 9, 21)).map(|h| h.name), Some(CITIZENS_HOLIDAY));
    }

    #[test]
    fn olympic_years_move_summer_holidays() {
        let y2020 = names(2020);
        assert!(y2020.contains(&(date(2020, 7, 24), "スポーツの日")));
        assert!(!y2020.iter().any(|(d, _)| d.month() == 10 && d.weekday() == Weekday::Mon));
        let y2021 = names(2021);
        assert!(y2021.contains(&(date(2021, 8, 8), "山の日")));
        assert!(y2021.contains(&(date(2021, 8, 9), SUBSTITUTE_HOLIDAY)));
    }

    #[test]
    fn equinoxes_fall_on_known_days() {
        assert_eq!(equinox_days(2024), (20, 22));
        assert_eq!(equinox_days(2025), (20, 23));
        assert_eq!(equinox_days(2027), (21, 23));
    }

    #[test]
    fn ordinary_wednesday_is_no_holiday() {
        assert_eq!(holiday_on(date(2026, 11, 25)), None);
        assert_eq!(holiday_on(date(2026, 11, 23)).map(|h| h.name), Some("勤労感謝の日"));
    }

    #[test]
    fn years_outside_the_covered_range_have_no_holidays() {
        assert!(holidays_in_year(2006).is_empty());
        assert!(holidays_in_year(2100).is_empty());
        assert_eq!(holidays_in_year(2026).len(), 18);
    }

    #[test]
    fn holidays_between_spans_years() {
        let list = holidays_between(date(2026, 12, 31), date(2027, 1, 11));
        assert_eq!(list.iter().map(|h| h.name).collect::<Vec<_>>(), ["元日", "成人の日"]);
    }
}
