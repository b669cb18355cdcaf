//! The holiday rules against a list from an independent source (tests/data), 2020-2030.

use chrono::NaiveDate;
use madoguchi::domain::holidays::holidays_between;

#[test]
fn holidays_2020_to_2030_match_the_independent_list() {
    let expected: Vec<(NaiveDate, String)> = include_str!("data/jp_holidays_2020_2030.csv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (d, name) = l.split_once(',').expect("date,name");
            (NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("iso date"), name.trim().to_owned())
        })
        .collect();
    assert!(expected.len() > 150, "the list has every year");
    let computed: Vec<(NaiveDate, String)> = holidays_between(
        NaiveDate::from_ymd_opt(2020, 1, 1).expect("date"),
        NaiveDate::from_ymd_opt(2030, 12, 31).expect("date"),
    )
    .into_iter()
    .map(|h| (h.date, h.name.to_owned()))
    .collect();
    let missing: Vec<_> = expected.iter().filter(|e| !computed.contains(e)).collect();
    let extra: Vec<_> = computed.iter().filter(|c| !expected.contains(c)).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing: {missing:?}\nextra: {extra:?}");
}
