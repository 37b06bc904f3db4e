//! Country identity: mapping the names the TIP Report prints (often as
//! capitalised headings like "KOREA, SOUTH" or "CONGO, DEMOCRATIC REPUBLIC OF
//! THE") to ISO 3166-1 alpha-3 codes, and choosing the display name tiptrack
//! shows for each country.
//!
//! The ISO list comes from `rust_iso3166`; this module layers on top of it the
//! TIP Report's own spellings (Burma, Kyrgyz Republic, "Korea, South", ...),
//! common and historical aliases, and Kosovo, which ISO has not assigned.

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A country or territory as tiptrack knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code, upper case (Kosovo uses the common "XKX").
    pub iso3: &'static str,
    /// The name the TIP Report uses in recent years, in title case.
    pub name: &'static str,
}

/// Looks up a country by any name the TIP Report or ISO uses, or by its alpha-3 (or alpha-2) code.
/// Case-, accent-, apostrophe- and punctuation-insensitive; a leading "the " is ignored.
///
/// A trailing tier placement, as in the heading "KAZAKHSTAN (Tier 2)" or
/// "SOMALIA (Special Case)", is also tolerated.
pub fn lookup(input: &str) -> Option<Country> {
    let trimmed = input.trim();
    if trimmed.len() == 3
        && let Some(country) = by_code(trimmed)
    {
        return Some(country);
    }
    if (2..=3).contains(&trimmed.len()) && trimmed.bytes().all(|b| b.is_ascii_alphabetic()) {
        // Bare codes skip normalisation, which would read "ST" (Sao Tome and
        // Principe) as "saint".
        if let Some(country) = INDEX.by_key.get(&trimmed.to_ascii_lowercase()) {
            return Some(*country);
        }
    }
    let key = normalise(input);
    if key.is_empty() {
        return None;
    }
    if let Some(country) = INDEX.by_key.get(&key) {
        return Some(*country);
    }
    let stripped = strip_tier(&key)?;
    INDEX.by_key.get(&stripped).copied()
}

/// The country of an alpha-3 code (case-insensitive) without building the index of names,
/// which took a third of a `list --country KAZ`: what the index gives for the code (a test
/// checks every code).
fn by_code(code: &str) -> Option<Country> {
    let (alpha3, iso_name) = rust_iso3166::ALL
        .iter()
        .map(|c| (c.alpha3, c.name))
        .chain(NON_ISO.iter().map(|(alpha3, _, name)| (*alpha3, *name)))
        .find(|(alpha3, _)| alpha3.eq_ignore_ascii_case(code))?;
    let name = DISPLAY_OVERRIDES
        .iter()
        .find(|(c, _)| *c == alpha3)
        .map_or(iso_name, |(_, name)| *name);
    Some(Country { iso3: alpha3, name })
}

/// The country for an alpha-3 code (case-insensitive), e.g. "kaz".
pub fn by_iso3(code: &str) -> Option<Country> {
    let code = code.trim().to_ascii_uppercase();
    INDEX.by_iso3.get(code.as_str()).copied()
}

/// Up to `limit` known country names closest to `input` (for "did you mean" messages).
///
/// Returns display names, one per country, best match first. Candidates that
/// are not even loosely similar are left out, so the result may be shorter
/// than `limit` (or empty) for input that resembles no country at all.
pub fn suggest(input: &str, limit: usize) -> Vec<&'static str> {
    let normalised = normalise(input);
    let query = strip_tier(&normalised).unwrap_or(normalised);
    if query.is_empty() || limit == 0 {
        return Vec::new();
    }

    let mut best: HashMap<&'static str, (f64, Country)> = HashMap::new();
    for (key, country) in &INDEX.suggestible {
        let score = strsim::jaro_winkler(&query, key);
        let slot = best.entry(country.iso3).or_insert((score, *country));
        if score > slot.0 {
            slot.0 = score;
        }
    }

    let mut ranked: Vec<(f64, Country)> = best
        .into_values()
        .filter(|(score, _)| *score >= SUGGEST_MIN_SCORE)
        .collect();
    // Ties broken by name so that messages are stable from run to run.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.name.cmp(b.1.name)));
    ranked.truncate(limit);
    ranked
        .into_iter()
        .map(|(_, country)| country.name)
        .collect()
}

/// Jaro-Winkler similarity below which a name is not worth suggesting.
/// Jaro-Winkler rates unrelated country names up to about 0.8 ("atlantis" vs
/// "albania" is 0.80), while genuine typos score 0.9 and up; the cut-off keeps
/// the worst of the noise out of "did you mean" lists.
const SUGGEST_MIN_SCORE: f64 = 0.8;

/// Display names where the ISO short name is not what the TIP Report prints,
/// or where the ISO name carries accents or a parenthesised qualifier.
const DISPLAY_OVERRIDES: &[(&str, &str)] = &[
    ("ALA", "Aland Islands"),
    ("BHS", "The Bahamas"),
    ("BLM", "Saint Barthelemy"),
    ("BOL", "Bolivia"),
    ("BRN", "Brunei"),
    ("CCK", "Cocos Islands"),
    ("CIV", "Cote d'Ivoire"),
    ("COD", "Congo, Democratic Republic of the"),
    ("COG", "Congo, Republic of the"),
    ("CUW", "Curacao"),
    ("FLK", "Falkland Islands"),
    ("FSM", "Micronesia, Federated States of"),
    ("GBR", "United Kingdom"),
    ("GMB", "The Gambia"),
    ("IRN", "Iran"),
    ("KGZ", "Kyrgyz Republic"),
    ("KOR", "Korea, South"),
    ("LAO", "Laos"),
    ("MAC", "Macau"),
    ("MAF", "Saint Martin"),
    ("MDA", "Moldova"),
    ("MMR", "Burma"),
    ("NLD", "Netherlands"),
    ("PRK", "Korea, North"),
    ("PSE", "Palestine"),
    ("REU", "Reunion"),
    ("RUS", "Russia"),
    ("SXM", "Sint Maarten"),
    ("SYR", "Syria"),
    ("TUR", "Turkiye"),
    ("TWN", "Taiwan"),
    ("TZA", "Tanzania"),
    ("USA", "United States"),
    ("VEN", "Venezuela"),
    ("VGB", "British Virgin Islands"),
    ("VIR", "U.S. Virgin Islands"),
    ("VNM", "Vietnam"),
];

/// Places the TIP Report covers that ISO 3166-1 has no code for:
/// (alpha-3, alpha-2, display name). "XKX"/"XK" are the user-assigned codes
/// the EU, IMF and most data sets use for Kosovo.
const NON_ISO: &[(&str, &str, &str)] = &[("XKX", "XK", "Kosovo")];

/// Other names, current or historical, that the TIP Report or ordinary usage
/// gives a country: (name, alpha-3). Forms that differ only in case, accents,
/// punctuation, "&"/"and", "St."/"Saint" or a leading "the" need no entry.
/// Inversions of parenthesised ISO qualifiers ("Republic of Korea") are
/// derived automatically.
/// Some entries repeat a display override on purpose: the name must keep
/// resolving even if the display choice changes (say, "Burma" to "Myanmar").
const ALIASES: &[(&str, &str)] = &[
    ("Britain", "GBR"),
    ("People's Republic of China", "CHN"),
    ("PRC", "CHN"),
    ("Saint Maarten", "SXM"),
    ("St. Maarten", "SXM"),
    ("Burma", "MMR"),
    ("Cape Verde", "CPV"),
    ("Congo (Brazzaville)", "COG"),
    ("Congo (Kinshasa)", "COD"),
    ("Congo, Democratic Republic of", "COD"),
    ("Congo, Republic of", "COG"),
    ("Congo, Republic of the", "COG"),
    ("Czech Republic", "CZE"),
    ("DR Congo", "COD"),
    ("Democratic Republic of Congo", "COD"),
    ("East Timor", "TLS"),
    ("Great Britain", "GBR"),
    ("Ivory Coast", "CIV"),
    ("Korea, North", "PRK"),
    ("Korea, South", "KOR"),
    ("Kyrgyz Republic", "KGZ"),
    ("Lao PDR", "LAO"),
    ("Laos", "LAO"),
    ("Macau", "MAC"),
    ("Macedonia", "MKD"),
    ("Macedonia, Former Yugoslav Republic of", "MKD"),
    ("Former Yugoslav Republic of Macedonia", "MKD"),
    ("North Korea", "PRK"),
    ("Republic of Congo", "COG"),
    ("Republic of North Macedonia", "MKD"),
    ("Republic of the Congo", "COG"),
    ("Russia", "RUS"),
    ("Saint Helena", "SHN"),
    // The 2005 and 2006 reports still had a single "Serbia and Montenegro"
    // narrative; Serbia is the continuing state, so its history lands there.
    ("Serbia and Montenegro", "SRB"),
    ("Slovak Republic", "SVK"),
    ("South Korea", "KOR"),
    ("Swaziland", "SWZ"),
    ("Syria", "SYR"),
    ("Turkey", "TUR"),
    ("United States", "USA"),
    ("Vatican", "VAT"),
    ("Vatican City", "VAT"),
    ("Vatican City State", "VAT"),
    ("Vietnam", "VNM"),
];

/// Abbreviations, accepted by `lookup` but kept out of `suggest`: on strings
/// this short, string similarity mostly produces noise.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("DPRK", "PRK"),
    ("DRC", "COD"),
    ("ROK", "KOR"),
    ("UAE", "ARE"),
    ("UK", "GBR"),
];

/// Words that may follow "tier" in a heading's placement, e.g. "Tier 2 Watch List".
const TIER_WORDS: &[&str] = &[
    "1",
    "2",
    "3",
    "i",
    "ii",
    "iii",
    "one",
    "two",
    "three",
    "watch",
    "list",
    "watchlist",
];

struct Index {
    by_key: HashMap<String, Country>,
    by_iso3: HashMap<&'static str, Country>,
    /// Normalised names (no codes or abbreviations) that `suggest` compares against.
    suggestible: Vec<(String, Country)>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| build_index().0);

/// Builds the index, also returning any data problems found (two countries
/// claiming the same name, an alias pointing at an unknown code). Problems are
/// resolved by keeping the first claim so lookups still work; the tests
/// assert there are none.
fn build_index() -> (Index, Vec<String>) {
    let mut problems = Vec::new();
    let mut by_iso3: HashMap<&'static str, Country> = HashMap::new();
    // Names in increasing order of doubt: names we vouch for, then names
    // derived by taking ISO qualifiers apart, then bare codes.
    let mut strong: Vec<(String, Country)> = Vec::new();
    let mut derived: Vec<(String, Country)> = Vec::new();
    let mut codes: Vec<(String, Country)> = Vec::new();

    let iso_entries = rust_iso3166::ALL
        .iter()
        .map(|c| (c.alpha3, c.alpha2, c.name))
        .chain(NON_ISO.iter().copied());
    for (alpha3, alpha2, iso_name) in iso_entries {
        if by_iso3.contains_key(alpha3) {
            // Once ISO assigns Kosovo a code, the ISO entry should win.
            continue;
        }
        let name = DISPLAY_OVERRIDES
            .iter()
            .find(|(code, _)| *code == alpha3)
            .map_or(iso_name, |(_, name)| *name);
        let country = Country { iso3: alpha3, name };
        by_iso3.insert(alpha3, country);

        strong.push((normalise(iso_name), country));
        strong.push((normalise(name), country));
        for variant in qualifier_variants(iso_name) {
            derived.push((normalise(&variant), country));
        }
        codes.push((alpha3.to_ascii_lowercase(), country));
        codes.push((alpha2.to_ascii_lowercase(), country));
    }

    let mut abbreviations = Vec::new();
    for (table, sink) in [(ALIASES, &mut strong), (ABBREVIATIONS, &mut abbreviations)] {
        for (alias, code) in table {
            match by_iso3.get(code) {
                Some(country) => sink.push((normalise(alias), *country)),
                None => problems.push(format!("alias {alias:?} points at unknown code {code}")),
            }
        }
    }

    let mut by_key: HashMap<String, Country> = HashMap::new();
    let mut suggestible = Vec::new();
    for (key, country) in strong.into_iter().chain(abbreviations.iter().cloned()) {
        match by_key.get(&key) {
            Some(existing) if existing.iso3 != country.iso3 => problems.push(format!(
                "{key:?} claimed by both {} and {}",
                existing.iso3, country.iso3
            )),
            Some(_) => {}
            None => {
                by_key.insert(key.clone(), country);
                if !abbreviations.iter().any(|(k, _)| *k == key) {
                    suggestible.push((key, country));
                }
            }
        }
    }

    // A derived name is only safe if nothing stronger claims it and it is not
    // shared: "Korea" comes out of both Koreas, "Congo" out of both Congos.
    for (key, country) in &derived {
        let shared = derived
            .iter()
            .any(|(k, c)| k == key && c.iso3 != country.iso3);
        if !shared && !by_key.contains_key(key) {
            by_key.insert(key.clone(), *country);
            suggestible.push((key.clone(), *country));
        }
    }

    for (key, country) in codes {
        by_key.entry(key).or_insert(country);
    }

    let index = Index {
        by_key,
        by_iso3,
        suggestible,
    };
    (index, problems)
}

/// Extra names implied by an ISO name with a parenthesised qualifier:
/// "Bolivia (Plurinational State of)" also gives "Bolivia" and
/// "Plurinational State of Bolivia". The "Bolivia, Plurinational State of"
/// form needs nothing, as it normalises the same as the ISO name.
fn qualifier_variants(iso_name: &str) -> Vec<String> {
    let (Some(open), Some(close)) = (iso_name.find('('), iso_name.rfind(')')) else {
        return Vec::new();
    };
    if close < open {
        return Vec::new();
    }
    let qualifier = iso_name[open + 1..close].trim();
    let base = format!(
        "{} {}",
        iso_name[..open].trim(),
        iso_name[close + 1..].trim()
    );
    let base = base.trim().to_string();
    let mut variants = vec![base.clone()];
    // Only "... of" / "... of the" qualifiers read as a prefix; turning
    // "Virgin Islands (British)" into "British Virgin Islands" happens to
    // work, but "Province of China Taiwan" would not.
    if qualifier.ends_with(" of") || qualifier.ends_with(" of the") {
        variants.push(format!("{qualifier} {base}"));
    }
    variants
}

/// The comparison form of a name: accents removed, lower case, apostrophes
/// dropped, other punctuation turned into spaces, "&" read as "and", "st" as
/// "saint", dotted initials ("U.S.A.") joined and a leading "the" removed.
fn normalise(input: &str) -> String {
    let mut cleaned = String::with_capacity(input.len());
    for ch in input.nfd() {
        if is_combining_mark(ch) {
            continue;
        }
        match ch {
            // Apostrophes join rather than separate, so "Cote d'Ivoire" and
            // "Cote dIvoire" agree regardless of which quote character the
            // PDF extraction produced.
            '\'' | '`' | '\u{00B4}' | '\u{02BC}' | '\u{2018}' | '\u{2019}' | '\u{201B}'
            | '\u{2032}' => {}
            '&' => cleaned.push_str(" and "),
            c if c.is_alphanumeric() => cleaned.extend(c.to_lowercase()),
            _ => cleaned.push(' '),
        }
    }

    let mut tokens: Vec<String> = Vec::new();
    let mut initials = String::new();
    for token in cleaned.split_whitespace() {
        let is_initial = token.chars().count() == 1 && token.chars().all(char::is_alphabetic);
        if is_initial {
            initials.push_str(token);
            continue;
        }
        flush_initials(&mut initials, &mut tokens);
        tokens.push(if token == "st" { "saint" } else { token }.to_string());
    }
    flush_initials(&mut initials, &mut tokens);

    if tokens.first().is_some_and(|t| t == "the") {
        tokens.remove(0);
    }
    tokens.join(" ")
}

/// Emits a run of single letters: one letter stays a word of its own (the "d"
/// of "Cote d Ivoire"), several become an abbreviation ("u s a" -> "usa").
fn flush_initials(initials: &mut String, tokens: &mut Vec<String>) {
    if !initials.is_empty() {
        tokens.push(std::mem::take(initials));
    }
}

/// Removes a trailing tier placement ("tier 2 watch list", "special case")
/// from a normalised heading, if there is one.
fn strip_tier(key: &str) -> Option<String> {
    let tokens: Vec<&str> = key.split(' ').collect();
    let cut = if tokens.len() > 2 && tokens.ends_with(&["special", "case"]) {
        tokens.len() - 2
    } else {
        let tier = tokens.iter().rposition(|t| *t == "tier")?;
        let placement = &tokens[tier + 1..];
        if tier == 0 || placement.is_empty() || !placement.iter().all(|t| TIER_WORDS.contains(t)) {
            return None;
        }
        tier
    };
    Some(tokens[..cut].join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_without_the_index_is_the_code_in_the_index() {
        let codes = rust_iso3166::ALL
            .iter()
            .map(|c| c.alpha3)
            .chain(NON_ISO.iter().map(|(alpha3, _, _)| *alpha3));
        for code in codes {
            for form in [code.to_string(), code.to_ascii_lowercase()] {
                let indexed = INDEX.by_key.get(&form.to_ascii_lowercase()).copied();
                assert_eq!(by_code(&form), indexed, "{form}");
                assert_eq!(lookup(&form), indexed, "{form}");
            }
        }
        assert_eq!(by_code("UAE"), None);
        assert_eq!(lookup("UAE").map(|c| c.iso3), Some("ARE"));
    }

    const EXPECTED: &[(&str, &str)] = &[
        ("Burma", "MMR"),
        ("BURMA", "MMR"),
        ("Myanmar", "MMR"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Cote d’Ivoire", "CIV"),
        ("COTE D'IVOIRE", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Korea, South", "KOR"),
        ("KOREA, SOUTH", "KOR"),
        ("Korea, Republic of", "KOR"),
        ("Republic of Korea", "KOR"),
        ("South Korea", "KOR"),
        ("Korea (Republic of)", "KOR"),
        ("Korea, North", "PRK"),
        ("North Korea", "PRK"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Democratic People’s Republic of Korea", "PRK"),
        ("Korea, Democratic People's Republic of", "PRK"),
        ("DPRK", "PRK"),
        ("Congo, Democratic Republic of the", "COD"),
        ("CONGO, DEMOCRATIC REPUBLIC OF THE", "COD"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo (Kinshasa)", "COD"),
        ("DRC", "COD"),
        ("Congo, Republic of the", "COG"),
        ("Republic of the Congo", "COG"),
        ("Congo (Brazzaville)", "COG"),
        ("Congo", "COG"),
        ("Micronesia, Federated States of", "FSM"),
        ("Federated States of Micronesia", "FSM"),
        ("Micronesia", "FSM"),
        ("Kyrgyz Republic", "KGZ"),
        ("the Kyrgyz Republic", "KGZ"),
        ("Kyrgyzstan", "KGZ"),
        ("Republic of Moldova", "MDA"),
        ("Moldova", "MDA"),
        ("Kosovo", "XKX"),
        ("Taiwan", "TWN"),
        ("Hong Kong", "HKG"),
        ("Macau", "MAC"),
        ("Macao", "MAC"),
        ("Curacao", "CUW"),
        ("Curaçao", "CUW"),
        ("Sint Maarten", "SXM"),
        ("Timor-Leste", "TLS"),
        ("Timor Leste", "TLS"),
        ("East Timor", "TLS"),
        ("The Gambia", "GMB"),
        ("Gambia", "GMB"),
        ("The Bahamas", "BHS"),
        ("Bahamas", "BHS"),
        ("Russia", "RUS"),
        ("Iran", "IRN"),
        ("Syria", "SYR"),
        ("Laos", "LAO"),
        ("Vietnam", "VNM"),
        ("Viet Nam", "VNM"),
        ("Tanzania", "TZA"),
        ("Venezuela", "VEN"),
        ("Bolivia", "BOL"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Brunei", "BRN"),
        ("Cape Verde", "CPV"),
        ("Cabo Verde", "CPV"),
        ("Swaziland", "SWZ"),
        ("Eswatini", "SWZ"),
        ("Macedonia", "MKD"),
        ("North Macedonia", "MKD"),
        ("Czech Republic", "CZE"),
        ("Czechia", "CZE"),
        ("Turkey", "TUR"),
        ("Turkiye", "TUR"),
        ("Türkiye", "TUR"),
        ("TÜRKİYE", "TUR"),
        ("UK", "GBR"),
        ("United Kingdom", "GBR"),
        ("Great Britain", "GBR"),
        ("United States", "USA"),
        ("USA", "USA"),
        ("U.S.A.", "USA"),
        ("U.S.", "USA"),
        ("United States of America", "USA"),
        ("UAE", "ARE"),
        ("United Arab Emirates", "ARE"),
        ("Saint Kitts and Nevis", "KNA"),
        ("St. Kitts and Nevis", "KNA"),
        ("St Kitts & Nevis", "KNA"),
        ("Saint Lucia", "LCA"),
        ("St. Lucia", "LCA"),
        ("Saint Vincent and the Grenadines", "VCT"),
        ("St. Vincent and the Grenadines", "VCT"),
        ("Sao Tome and Principe", "STP"),
        ("São Tomé and Príncipe", "STP"),
        ("Vatican", "VAT"),
        ("Holy See", "VAT"),
        ("Palestine", "PSE"),
        ("Serbia and Montenegro", "SRB"),
        ("Kazakhstan", "KAZ"),
        ("KAZ", "KAZ"),
        ("kaz", "KAZ"),
        ("KZ", "KAZ"),
        ("XK", "XKX"),
        ("Netherlands", "NLD"),
        ("The Netherlands", "NLD"),
        ("Philippines", "PHL"),
    ];

    #[test]
    fn listed_names_resolve() {
        let mut failures = Vec::new();
        for (name, iso3) in EXPECTED {
            let got = lookup(name).map(|c| c.iso3);
            if got != Some(*iso3) {
                failures.push(format!("{name:?}: expected {iso3}, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn formatting_noise_is_ignored() {
        for name in [
            "  kazakhstan  ",
            "KAZAKHSTAN.",
            "Kazakhstan:",
            "KAZAKHSTAN (Tier 2)",
            "KAZAKHSTAN: TIER 2 WATCH LIST",
            "Kazakhstan (Tier 2 Watch List)",
            "Kazakhstan Tier 3",
        ] {
            assert_eq!(lookup(name).map(|c| c.iso3), Some("KAZ"), "{name:?}");
        }
        assert_eq!(
            lookup("SOMALIA (Special Case)").map(|c| c.iso3),
            Some("SOM")
        );
        assert_eq!(
            lookup("Cote  d'Ivoire (Tier 2)").map(|c| c.iso3),
            Some("CIV")
        );
    }

    #[test]
    fn display_names_follow_the_report() {
        for (input, name) in [
            ("KAZAKHSTAN", "Kazakhstan"),
            ("Myanmar", "Burma"),
            ("Côte d'Ivoire", "Cote d'Ivoire"),
            ("Korea (Republic of)", "Korea, South"),
            ("Korea (Democratic People's Republic of)", "Korea, North"),
            ("COD", "Congo, Democratic Republic of the"),
            ("COG", "Congo, Republic of the"),
            ("FSM", "Micronesia, Federated States of"),
            ("Kyrgyzstan", "Kyrgyz Republic"),
            ("Russian Federation", "Russia"),
            ("Gambia", "The Gambia"),
            ("Bahamas", "The Bahamas"),
            ("Macao", "Macau"),
            ("Türkiye", "Turkiye"),
            ("Czech Republic", "Czechia"),
            ("Swaziland", "Eswatini"),
            ("Cape Verde", "Cabo Verde"),
            ("Macedonia", "North Macedonia"),
            ("Sint Maarten (Dutch part)", "Sint Maarten"),
            ("USA", "United States"),
            ("GBR", "United Kingdom"),
        ] {
            assert_eq!(lookup(input).map(|c| c.name), Some(name), "{input:?}");
        }
    }

    #[test]
    fn every_iso_name_and_code_resolves() {
        for c in rust_iso3166::ALL {
            for input in [c.name, c.alpha3, c.alpha2] {
                assert_eq!(lookup(input).map(|x| x.iso3), Some(c.alpha3), "{input:?}");
            }
            if let (Some(open), Some(close)) = (c.name.find('('), c.name.find(')')) {
                let without = format!("{} {}", &c.name[..open], &c.name[close + 1..]);
                let base = without.split_whitespace().collect::<Vec<_>>().join(" ");
                let expected = match base.as_str() {
                    // Shared by two entries; "Congo" means the Republic.
                    "Korea" | "Virgin Islands" => None,
                    "Congo" => Some("COG"),
                    _ => Some(c.alpha3),
                };
                assert_eq!(lookup(&base).map(|x| x.iso3), expected, "{base:?}");
            }
        }
    }

    #[test]
    fn ambiguous_names_are_rejected() {
        assert_eq!(lookup("Korea"), None);
        assert_eq!(lookup("Virgin Islands"), None);
    }

    #[test]
    fn by_iso3_round_trips() {
        for country in INDEX.by_iso3.values() {
            assert_eq!(by_iso3(country.iso3), Some(*country));
            assert_eq!(by_iso3(&country.iso3.to_lowercase()), Some(*country));
            assert_eq!(lookup(country.name), Some(*country), "{:?}", country.name);
        }
        assert_eq!(by_iso3("kaz").map(|c| c.name), Some("Kazakhstan"));
        assert_eq!(by_iso3("KZ"), None);
    }

    #[test]
    fn codes_are_three_uppercase_letters() {
        for country in INDEX.by_iso3.values() {
            assert!(
                country.iso3.len() == 3 && country.iso3.bytes().all(|b| b.is_ascii_uppercase()),
                "{:?}",
                country.iso3
            );
        }
    }

    #[test]
    fn display_names_are_plain_and_distinct() {
        let mut seen = HashMap::new();
        for country in INDEX.by_iso3.values() {
            assert!(
                country.name.is_ascii() && !country.name.contains('('),
                "{:?}",
                country.name
            );
            if let Some(other) = seen.insert(country.name, country.iso3) {
                panic!("{} and {} share {:?}", other, country.iso3, country.name);
            }
        }
    }

    #[test]
    fn index_data_is_consistent() {
        let (_, problems) = build_index();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        for (code, _) in DISPLAY_OVERRIDES {
            assert!(by_iso3(code).is_some(), "override for unknown {code}");
        }
    }

    #[test]
    fn unknown_names_are_none() {
        assert_eq!(lookup("Atlantis"), None);
        assert_eq!(lookup(""), None);
        assert_eq!(lookup("  the  "), None);
        assert_eq!(lookup("Tier 2"), None);
    }

    #[test]
    fn suggest_finds_near_misses() {
        let got = suggest("Kazakstan", 3);
        assert!(got.contains(&"Kazakhstan"), "{got:?}");
        assert_eq!(got.first(), Some(&"Kazakhstan"));
        assert_eq!(suggest("Cote d Ivorie", 1), vec!["Cote d'Ivoire"]);
        assert!(suggest("Kazakstan", 0).is_empty());
        assert!(suggest("", 5).is_empty());
        let many = suggest("Guinea", 10);
        let mut distinct = many.clone();
        distinct.dedup();
        assert_eq!(many.len(), distinct.len());
        assert!(many.len() <= 10);
    }

    #[test]
    fn normalise_examples() {
        assert_eq!(normalise("  The  Gambia "), "gambia");
        assert_eq!(normalise("Côte d’Ivoire"), "cote divoire");
        assert_eq!(normalise("St. Kitts & Nevis"), "saint kitts and nevis");
        assert_eq!(normalise("U.S.A."), "usa");
        assert_eq!(normalise("Guinea-Bissau"), "guinea bissau");
    }
}
