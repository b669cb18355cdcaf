//! The search box: every member's keys in memory, matched on each keystroke by number,
//! name, furigana (any kana, any width) or phone digits, best match first.

use super::member::{MemberId, is_kana, kana_key, name_key};
use super::phone::PhoneNumber;

/// What the search box matched a member on, best first: the order the desk sees them in,
/// so Enter picks the most likely caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    NumberExact,
    NumberPrefix,
    /// The name or furigana from the start of the family or the given name.
    NameStart,
    /// Digits found in one of the phone numbers.
    Phone,
    /// The name or furigana somewhere inside a word (いとう in さいとう).
    Inside,
}

/// One member's search keys, as the store keeps them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchEntry {
    pub id: MemberId,
    pub number: String,
    pub name: String,
    pub kana: String,
    pub name_key: String,
    pub kana_key: String,
    /// Canonical digits of every phone number.
    pub phones: Vec<String>,
    /// Whether the member's consent to the handling of their data is recorded.
    pub consented: bool,
}

impl SearchEntry {
    /// The first phone number, hyphenated, or an empty string.
    pub fn main_phone(&self) -> String {
        self.phones.first().map(|p| PhoneNumber::from_canonical(p.clone()).display()).unwrap_or_default()
    }
}

/// Where the words of a member's name and furigana start, for "matches from the start of
/// the family or given name": the key of each word, split at any space (U+0020 or U+3000).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct WordKeys {
    name: Vec<String>,
    kana: Vec<String>,
}

impl WordKeys {
    fn of(entry: &SearchEntry) -> WordKeys {
        WordKeys {
            name: entry.name.split_whitespace().map(name_key).filter(|k| !k.is_empty()).collect(),
            kana: entry.kana.split_whitespace().map(kana_key).filter(|k| !k.is_empty()).collect(),
        }
    }
}

/// Every member's search keys in memory, so the desk's search box answers on each
/// keystroke without asking the database.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemberIndex {
    entries: Vec<SearchEntry>,
    words: Vec<WordKeys>,
}

impl MemberIndex {
    pub fn new(entries: Vec<SearchEntry>) -> MemberIndex {
        let words = entries.iter().map(WordKeys::of).collect();
        MemberIndex { entries, words }
    }

    /// Members matching `query`, best first, at most `limit`. The tiers, in order:
    /// the member number exactly, the number by its start, the name or furigana from the
    /// start of the family or given name, phone digits (three or more), then the name or
    /// furigana inside a word. Within the number tiers by number, within the others by
    /// furigana. Text may be typed in any width, in hiragana, katakana or half-width
    /// katakana, with or without the space between the names.
    pub fn search(&self, query: &str, limit: usize) -> Vec<(&SearchEntry, MatchKind)> {
        let mut hits: Vec<(&SearchEntry, MatchKind)> = Vec::new();
        let text_query = name_key(query);
        if text_query.is_empty() {
            return hits;
        }
        let digits = super::phone::digits_of(query).ok().filter(|d| d.len() >= 3);
        let kana_query = is_kana(query).then(|| kana_key(query));
        let kana_query = kana_query.as_deref();
        for (entry, words) in self.entries.iter().zip(&self.words) {
            let name_start = entry.name_key.starts_with(&text_query)
                || words.name.iter().any(|w| w.starts_with(&text_query))
                || kana_query
                    .is_some_and(|k| entry.kana_key.starts_with(k) || words.kana.iter().any(|w| w.starts_with(k)));
            let kind = if entry.number == text_query {
                Some(MatchKind::NumberExact)
            } else if entry.number.starts_with(&text_query) {
                Some(MatchKind::NumberPrefix)
            } else if name_start {
                Some(MatchKind::NameStart)
            } else if digits.as_deref().is_some_and(|d| entry.phones.iter().any(|p| p.contains(d))) {
                Some(MatchKind::Phone)
            } else if entry.name_key.contains(&text_query) || kana_query.is_some_and(|k| entry.kana_key.contains(k)) {
                Some(MatchKind::Inside)
            } else {
                None
            };
            if let Some(kind) = kind {
                hits.push((entry, kind));
            }
        }
        let by_number =
            |a: &SearchEntry, b: &SearchEntry| a.number.len().cmp(&b.number.len()).then(a.number.cmp(&b.number));
        hits.sort_by(|(a, ka), (b, kb)| {
            ka.cmp(kb).then_with(|| match ka {
                MatchKind::NumberExact | MatchKind::NumberPrefix => by_number(a, b),
                _ => a.kana_key.cmp(&b.kana_key).then_with(|| by_number(a, b)),
            })
        });
        hits.truncate(limit);
        hits
    }
}

#[cfg(test)]
mod search_tests {
    use super::*;

    fn entry(id: MemberId, number: &str, name: &str, kana: &str, phones: &[&str]) -> SearchEntry {
        SearchEntry {
            id,
            number: number.into(),
            name: name.into(),
            kana: kana.into(),
            name_key: name_key(name),
            kana_key: kana_key(kana),
            phones: phones.iter().map(|p| p.to_string()).collect(),
            consented: true,
        }
    }

    fn index() -> MemberIndex {
        MemberIndex::new(vec![
            entry(1, "1234", "山田 花子", "やまだ はなこ", &["0448638444"]),
            entry(2, "12345", "鈴木 一郎", "すずき いちろう", &["09012345678"]),
            entry(3, "2001", "山本 清", "やまもと きよし", &[]),
        ])
    }

    fn ids(hits: Vec<(&SearchEntry, MatchKind)>) -> Vec<(MemberId, MatchKind)> {
        hits.into_iter().map(|(e, k)| (e.id, k)).collect()
    }

    #[test]
    fn number_exact_comes_before_prefix() {
        assert_eq!(ids(index().search("1234", 10)), vec![(1, MatchKind::NumberExact), (2, MatchKind::NumberPrefix)]);
        assert_eq!(ids(index().search("１２３４", 10))[0], (1, MatchKind::NumberExact));
    }

    #[test]
    fn furigana_matches_in_any_kana() {
        for query in ["やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "ヤマダハナコ", "やまだ　はなこ"] {
            assert_eq!(ids(index().search(query, 10)), vec![(1, MatchKind::NameStart)], "{query}");
        }
        assert_eq!(ids(index().search("やま", 10)).len(), 2);
    }

    #[test]
    fn name_matches_without_spaces() {
        assert_eq!(ids(index().search("山田花子", 10)), vec![(1, MatchKind::NameStart)]);
        assert_eq!(ids(index().search("山", 10)).len(), 2);
    }

    #[test]
    fn phone_digits_match_in_any_format() {
        assert_eq!(ids(index().search("０４４－８６３", 10)), vec![(1, MatchKind::Phone)]);
        assert_eq!(ids(index().search("8638444", 10)), vec![(1, MatchKind::Phone)]);
        assert_eq!(ids(index().search("090-1234-5678", 10)), vec![(2, MatchKind::Phone)]);
    }

    #[test]
    fn empty_query_finds_nobody() {
        assert!(index().search("  ", 10).is_empty());
    }

    #[test]
    fn a_name_from_its_start_ranks_above_the_same_sound_inside_another_name() {
        let entry = |id, number: &str, name: &str, kana: &str| entry(id, number, name, kana, &[]);
        let index = MemberIndex::new(vec![
            entry(1, "1001", "斎藤 花子", "さいとう はなこ"),
            entry(2, "1002", "伊藤 次郎", "いとう じろう"),
            entry(3, "1003", "伊藤 一郎", "いとう いちろう"),
            entry(4, "1004", "加藤 いとよ", "かとう　いとよ"),
        ]);
        // 伊藤 a.k.a. いとう from the start of the family name, in furigana order; the
        // given name いとよ does not start with いとう; 斎藤 has いとう inside.
        assert_eq!(
            ids(index.search("イトウ", 10)),
            vec![(3, MatchKind::NameStart), (2, MatchKind::NameStart), (1, MatchKind::Inside)]
        );
        // A given name matches from its start too, whichever space was typed.
        assert_eq!(ids(index.search("いとよ", 10)), vec![(4, MatchKind::NameStart)]);
        assert_eq!(ids(index.search("花子", 10)), vec![(1, MatchKind::NameStart)]);
    }

    #[test]
    fn tiers_come_in_order_number_name_phone_inside() {
        let entry = |id, number: &str, name: &str, kana: &str, phone: &str| entry(id, number, name, kana, &[phone]);
        let index = MemberIndex::new(vec![
            entry(1, "9123", "試験 一", "しけん はじめ", "0440000000"),
            entry(2, "123", "試験 二", "しけん じ", "0440000000"),
            entry(3, "555", "試験 三", "しけん さん", "0441230000"),
            entry(4, "1234", "試験 四", "しけん し", "0440000000"),
        ]);
        assert_eq!(
            ids(index.search("123", 10)),
            vec![(2, MatchKind::NumberExact), (4, MatchKind::NumberPrefix), (3, MatchKind::Phone)]
        );
    }
}
