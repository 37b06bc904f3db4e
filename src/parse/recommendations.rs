//! Cutting a recommendations block into its items, in each layout the report has used.
//!
//! - 2005–2008, prose: sentences such as "The government should ..." are items, kept whole;
//!   "The government should: a; b; and c." is a list.
//! - 2008–2018: one sentence of semicolon clauses: "Increase efforts ...; work to ensure ...;
//!   and continue ...".
//! - 2019 on: one item per line behind "•", "-" or "*", or inline joined by " • ", or glued with
//!   no separator at all ("...migrant workers.Increase ..."). Semicolons inside these items do
//!   not split them.
//!
//! Items keep the report's wording exactly; only the list's own punctuation (bullets, the
//! separating semicolons, the "and " before the last clause, the closing full stop) is dropped.

use crate::classify::classify;
use crate::country;
use crate::model::ParsedRecommendation;
use crate::text::sentences::Options;

/// Splits a semicolon list into its clauses.
///
/// Semicolons inside parentheses or brackets do not split ("(including ...; and ...)"). Empty
/// clauses (";;" or a stray trailing semicolon) are skipped.
pub fn split_semicolon_list(block: &str) -> Vec<String> {
    let block = block.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut clauses = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in block.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ';' if depth == 0 => {
                clauses.push(&block[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    clauses.push(&block[start..]);

    let mut items: Vec<String> = clauses
        .into_iter()
        .map(str::trim)
        .filter(|clause| !clause.is_empty())
        .map(str::to_string)
        .collect();
    if items.len() > 1
        && let Some(last) = items.last_mut()
        && let Some(rest) = last
            .strip_prefix("and ")
            .or_else(|| last.strip_prefix("And "))
    {
        *last = rest.to_string();
    }
    if let Some(last) = items.last_mut() {
        *last = strip_closing_period(last).to_string();
    }
    // A copy cut right after "; and" leaves the conjunction alone: no item.
    if items.len() > 1
        && items
            .last()
            .is_some_and(|last| last == "and" || last == "And")
    {
        items.pop();
    }
    items.retain(|item| !item.is_empty());
    items
}

/// Whether a semicolon list's text ends as a complete list does, with a full stop.
pub fn list_is_complete(block: &str) -> bool {
    ends_a_sentence(block)
}

/// Items of a 2019+ list: one per line (with or without a bullet), several per line joined by
/// " • " or " * ", or glued ("workers.Increase"). Returns each item and whether it ended with a full stop.
pub fn split_item_lines(lines: &[&str]) -> Vec<(String, bool)> {
    lines
        .iter()
        .flat_map(|line| item_pieces(line))
        .map(|text| {
            let complete = ends_a_sentence(&text);
            (strip_closing_period(&text).to_string(), complete)
        })
        .collect()
}

/// A list line's items, with their closing full stops.
fn item_pieces(line: &str) -> Vec<String> {
    let mut items = Vec::new();
    let line = strip_bullet(line.trim());
    for part in line
        .split(" • ")
        .flat_map(|p| p.split(" ● "))
        .flat_map(|p| p.split(" * "))
    {
        for piece in split_glued(strip_bullet(part.trim())) {
            let piece = piece.trim();
            if piece.is_empty() {
                continue;
            }
            // Copies double spaces where a non-breaking one stood; an item has single ones.
            items.push(piece.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    items
}

/// Items of a 2019+ list written without markers, one imperative sentence per item, run on in
/// lines that wrap anywhere: each line (or piece of one, see [`split_item_lines`]) starts an
/// item, and so does each sentence in it that
/// opens as a recommendation does; any other sentence goes on the item before. Returns each
/// item and whether it ended with a full stop.
pub fn split_sentence_items(lines: &[&str]) -> Vec<(String, bool)> {
    let mut texts: Vec<String> = Vec::new();
    for piece in lines.iter().flat_map(|line| item_pieces(line)) {
        for (k, sentence) in sentences(&piece).into_iter().enumerate() {
            match texts.last_mut() {
                Some(last) if k > 0 && !is_imperative_start(sentence) => {
                    last.push(' ');
                    last.push_str(sentence);
                }
                _ => texts.push(sentence.to_string()),
            }
        }
    }
    texts
        .into_iter()
        .filter(|text| !text.is_empty())
        .map(|text| {
            let complete = ends_a_sentence(&text);
            (strip_closing_period(&text).to_string(), complete)
        })
        .collect()
}

/// The leading bullet of a list item, if any: "•", "●", "-", "–", "*" or "·".
pub fn bullet(line: &str) -> Option<&str> {
    let line = line.trim_start();
    for marker in ["•", "●", "▪", "·", "*", "-", "–"] {
        if let Some(rest) = line.strip_prefix(marker)
            && rest.starts_with(' ')
        {
            return Some(rest.trim_start());
        }
    }
    None
}

fn strip_bullet(line: &str) -> &str {
    bullet(line).unwrap_or(line)
}

/// Splits items glued without a space: "lower penalties.Increase efforts". Only where the word
/// after the full stop is one a recommendation starts with, so "imprisonment.These" and
/// "Articles 12.3" stay whole.
fn split_glued(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut start = 0;
    for i in 1..bytes.len().saturating_sub(1) {
        let before = bytes[i - 1];
        // "U.S.Increase" is an abbreviation, not two items: a lone capital before the stop.
        let initial = before.is_ascii_uppercase() && (i < 2 || !bytes[i - 2].is_ascii_alphabetic());
        if bytes[i] == b'.'
            && (before.is_ascii_alphanumeric() || before == b')' || before == b']')
            && !initial
            && bytes[i + 1].is_ascii_uppercase()
            && is_imperative_start(&text[i + 1..])
        {
            pieces.push(&text[start..=i]);
            start = i + 1;
        }
    }
    pieces.push(&text[start..]);
    pieces
}

/// Prose recommendations (2005–2008): each sentence in which the government, its authorities,
/// "it" or the country is told what it "should" do, kept whole. A sentence "The government
/// should: a; b; and c." gives its clauses instead. Each item comes with whether its sentence
/// ended (a copy may stop inside the last one).
pub fn should_sentences(paragraph: &str, country: Option<&str>) -> Vec<(String, bool)> {
    let mut items = Vec::new();
    for sentence in sentences(paragraph) {
        let Some(after) = should_clause(sentence, country) else {
            continue;
        };
        let complete = ends_a_sentence(sentence);
        if let Some(list) = after.strip_prefix(':') {
            let clauses = split_semicolon_list(list);
            let count = clauses.len();
            items.extend(
                clauses
                    .into_iter()
                    .enumerate()
                    .map(|(i, clause)| (clause, complete || i + 1 < count)),
            );
        } else {
            items.push((strip_closing_period(sentence).to_string(), complete));
        }
    }
    items
}

/// Openings that only link a sentence to the one before.
const TRANSITIONS: &[&str] = &[
    "in addition,",
    "in addition",
    "additionally,",
    "also,",
    "further,",
    "furthermore,",
    "finally,",
    "lastly,",
    "moreover,",
    "in particular,",
    "importantly,",
    "specifically,",
];

/// For a sentence whose subject is told it "should" act, the text after "should".
fn should_clause<'a>(sentence: &'a str, country: Option<&str>) -> Option<&'a str> {
    let lower = sentence.to_lowercase().replace('’', "'");
    let index = lower.find(" should ").or_else(|| lower.find(" should:"))?;
    let mut subject = lower[..index].trim();
    while let Some(rest) = TRANSITIONS.iter().find_map(|t| subject.strip_prefix(t)) {
        subject = rest.trim_start();
    }
    let subject = subject.strip_suffix(" also").unwrap_or(subject).trim();
    // A long "subject" is a run-on of several sentences, not a subject.
    if subject.is_empty() || subject.split_whitespace().count() > 8 {
        return None;
    }
    let named = |name: &str| {
        let name = name.trim();
        let name = name.strip_prefix("the ").unwrap_or(name);
        country::lookup(name).is_some()
            || country.is_some_and(|c| {
                country::lookup(c) == country::lookup(name) && country::lookup(name).is_some()
            })
    };
    let told = matches!(subject, "it" | "authorities" | "the authorities")
        || subject.ends_with(" government")
        || subject == "government"
        || subject.ends_with(" authorities")
        || subject
            .strip_prefix("the government of ")
            .is_some_and(named)
        || subject.strip_suffix("'s government").is_some_and(named)
        || named(subject);
    if !told {
        return None;
    }
    let rest = &sentence[index + " should".len()..];
    Some(rest.trim_start_matches(" also").trim_start())
}

/// Splits a paragraph into sentences: after ".", "?" or "!" (and any closing quote or bracket),
/// spaces, and a capital letter or an opening quote; except after an initial or a common
/// abbreviation ("U.S.", "U. A. E. )", "No.", "Etc."): [`Options::ITEMS`].
pub fn sentences(paragraph: &str) -> Vec<&str> {
    crate::text::sentences::pieces(paragraph, &Options::ITEMS)
}

/// Whether text ends a sentence (a full stop, possibly inside closing quotes or brackets).
pub fn ends_a_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '’', '”', ')', ']'])
        .ends_with(['.', '!', '?'])
}

/// Drops the full stop that closes an item, but not one that belongs to an abbreviation the
/// item ends with ("U.S.", "etc.").
fn strip_closing_period(item: &str) -> &str {
    let item = item.trim_end();
    let Some(stripped) = item.strip_suffix('.') else {
        return item;
    };
    let last_word = stripped.rsplit(' ').next().unwrap_or("");
    let is_abbreviation = last_word.contains('.') || matches!(last_word, "etc" | "Etc" | "al");
    if is_abbreviation { item } else { stripped }
}

/// Verbs (and adverbs) that recommendations open with. Words ending in "-ize", "-ise" or "-ify"
/// count too ("Systematize", "Institutionalize").
const OPENING_WORDS: &[&str] = &[
    "accede",
    "act",
    "address",
    "adjudicate",
    "adopt",
    "advance",
    "align",
    "allocate",
    "allow",
    "amend",
    "apply",
    "appoint",
    "approve",
    "assess",
    "assign",
    "assist",
    "audit",
    "authorize",
    "bar",
    "begin",
    "boost",
    "bring",
    "broaden",
    "build",
    "calculate",
    "cease",
    "centralize",
    "clarify",
    "codify",
    "collaborate",
    "collect",
    "combat",
    "commission",
    "compensate",
    "complete",
    "conclude",
    "conduct",
    "confiscate",
    "consider",
    "consult",
    "continue",
    "convict",
    "cooperate",
    "coordinate",
    "couple",
    "cover",
    "create",
    "criminalize",
    "dedicate",
    "deliver",
    "deploy",
    "designate",
    "deter",
    "develop",
    "devote",
    "disburse",
    "disseminate",
    "document",
    "draft",
    "educate",
    "eliminate",
    "empower",
    "enact",
    "encourage",
    "end",
    "enforce",
    "engage",
    "enhance",
    "enlist",
    "ensure",
    "establish",
    "evaluate",
    "examine",
    "exempt",
    "expand",
    "expedite",
    "explore",
    "extend",
    "facilitate",
    "finalize",
    "foster",
    "fund",
    "grant",
    "guarantee",
    "harmonize",
    "hold",
    "identify",
    "implement",
    "impose",
    "improve",
    "include",
    "incorporate",
    "increase",
    "inform",
    "inspect",
    "institute",
    "integrate",
    "intensify",
    "introduce",
    "invest",
    "investigate",
    "involve",
    "issue",
    "justify",
    "launch",
    "legislate",
    "license",
    "limit",
    "maintain",
    "make",
    "mandate",
    "mobilize",
    "modify",
    "monitor",
    "negotiate",
    "notify",
    "obtain",
    "offer",
    "oversee",
    "partner",
    "pass",
    "permit",
    "pilot",
    "plan",
    "prevent",
    "prioritize",
    "proceed",
    "procure",
    "produce",
    "prohibit",
    "promote",
    "prosecute",
    "protect",
    "provide",
    "publish",
    "punish",
    "pursue",
    "raise",
    "ratify",
    "reach",
    "recognize",
    "record",
    "recruit",
    "redouble",
    "reduce",
    "refer",
    "reform",
    "refrain",
    "regulate",
    "reinforce",
    "reinstate",
    "reintegrate",
    "release",
    "remedy",
    "remove",
    "repeal",
    "replace",
    "report",
    "require",
    "research",
    "resource",
    "restore",
    "resume",
    "review",
    "revise",
    "sanction",
    "scale",
    "screen",
    "secure",
    "seek",
    "sensitize",
    "sentence",
    "separate",
    "set",
    "share",
    "simplify",
    "staff",
    "standardize",
    "start",
    "step",
    "streamline",
    "strengthen",
    "study",
    "submit",
    "support",
    "suspend",
    "sustain",
    "take",
    "target",
    "terminate",
    "track",
    "train",
    "treat",
    "undertake",
    "update",
    "uphold",
    "use",
    "utilize",
    "verify",
    "waive",
    "widen",
    "work",
];

/// Whether text opens as a recommendation does, with an imperative verb ("Increase efforts",
/// "Vigorously investigate").
pub fn is_imperative_start(text: &str) -> bool {
    if !text.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    if opens_with_verb(text) {
        return true;
    }
    // "Using new SOPs and victim-centered interviews, proactively identify ...": a leading
    // participial phrase, then the verb after its comma.
    let first = text.split_whitespace().next().unwrap_or("").to_lowercase();
    if first.len() > 4 && first.ends_with("ing") {
        let window: String = text.chars().take(160).collect();
        if let Some((_, rest)) = window.split_once(", ") {
            return opens_with_verb(rest);
        }
    }
    false
}

/// Whether text (in any case) opens with a verb a recommendation starts with, or an adverb in
/// "-ly" and such a verb ("Vigorously investigate", "Promptly refer").
fn opens_with_verb(text: &str) -> bool {
    let mut words = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase());
    let Some(first) = words.next() else {
        return false;
    };
    let is_verb = |word: &str| {
        OPENING_WORDS.binary_search(&word).is_ok()
            || (word.len() > 5
                && (word.ends_with("ize") || word.ends_with("ise") || word.ends_with("ify")))
    };
    if is_verb(&first) {
        return true;
    }
    first.len() > 4 && first.ends_with("ly") && words.next().is_some_and(|next| is_verb(&next))
}

/// An item that opens this many clauses the way a recommendation opens ("... officials. Screen
/// migrants ...; fund shelters * Train judges") is several asks read as one ([`asks_in`]): the
/// import warns, and linking leaves it out (`crate::link::OVERSIZED_TERMS`).
pub const RUN_TOGETHER: usize = 3;

/// How many of an item's clauses (its sentences, cut again at semicolons and bullets) open as a
/// recommendation does, with an imperative verb: more than one is several asks read as one.
pub fn asks_in(text: &str) -> usize {
    crate::text::sentences::split(text, &crate::text::sentences::Options::ITEMS)
        .into_iter()
        .flat_map(|range| text[range].split([';', '*', '•']))
        .map(str::trim)
        .filter(|clause| {
            let mut chars = clause.chars();
            chars.next().is_some_and(|first| {
                let capitalised: String = first.to_uppercase().chain(chars).collect();
                is_imperative_start(&capitalised)
            })
        })
        .count()
}

/// Whether an item's own words show it was cut off, wherever the copy ends: a lone word
/// ("Amend"), a word cut short ("psychological c"), or a last word no recommendation ends on
/// ("... receive care and"). A whole recommendation ends on what is asked for: a noun, mostly.
pub fn looks_cut(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some(last) = words.last() else {
        return false;
    };
    let last = last.trim_end_matches(['.', ',', ';', ':']);
    let lower = last.to_lowercase();
    const DANGLING: &[&str] = &[
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "including",
        "into",
        "of",
        "on",
        "or",
        "such",
        "than",
        "the",
        "their",
        "to",
        "with",
    ];
    // Short words an item may end on: "... in line with the UN TIP Protocol of 2000", "... and
    // IDPs"; a cut word is a lowercase fragment of one or two letters.
    const SHORT: &[&str] = &["us", "it", "up", "un", "eu", "id", "no"];
    words.len() == 1
        || DANGLING.contains(&lower.as_str())
        || (last.len() <= 2
            && last.chars().all(|c| c.is_ascii_lowercase())
            && !SHORT.contains(&lower.as_str()))
}

/// Items, classified, with the last one flagged when the text was cut inside it, and any item
/// whose own words show it was cut (see [`looks_cut`]).
pub fn finish(items: Vec<String>, last_truncated: bool) -> Vec<ParsedRecommendation> {
    let count = items.len();
    items
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let classification = classify(&text);
            ParsedRecommendation {
                truncated: (last_truncated && i + 1 == count) || looks_cut(&text),
                area: classification.area,
                action: classification.action,
                text,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn items_cut_short_are_told_by_their_words() {
        for cut in [
            "Amend",
            "Provide victims with psychological c",
            "ensure that victims receive care and",
            "increase funding for the",
        ] {
            assert!(looks_cut(cut), "{cut}");
        }
        for whole in [
            "Accede to the 2000 UN TIP Protocol",
            "increase funding to anti-trafficking NGOs",
            "screen for trafficking indicators among migrants, including refugees and IDPs",
            "Develop, adopt, fund, and implement a NAP",
            "prosecute officials complicit in trafficking, as required by law",
        ] {
            assert!(!looks_cut(whole), "{whole}");
        }
        let items = finish(
            vec![
                "Investigate and prosecute traffickers".into(),
                "Amend".into(),
            ],
            false,
        );
        assert_eq!(
            items.iter().map(|i| i.truncated).collect::<Vec<_>>(),
            [false, true]
        );
    }

    #[test]
    fn opening_words_are_sorted_for_binary_search() {
        let mut sorted = OPENING_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, OPENING_WORDS);
    }

    #[test]
    fn splits_on_the_texts_own_semicolons() {
        let items = split_semicolon_list(
            "Increase efforts to identify victims; work to ensure assistance; and continue to \
             strengthen the capacity of police.",
        );
        assert_eq!(
            items,
            [
                "Increase efforts to identify victims",
                "work to ensure assistance",
                "continue to strengthen the capacity of police",
            ]
        );
    }

    #[test]
    fn semicolons_in_parentheses_do_not_split() {
        let items = split_semicolon_list(
            "adopt a law (including on labor; and on sex trafficking); and train judges.",
        );
        assert_eq!(
            items,
            [
                "adopt a law (including on labor; and on sex trafficking)",
                "train judges"
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_and_single_items() {
        assert_eq!(
            split_semicolon_list("cooperate with the U.S."),
            ["cooperate with the U.S."]
        );
        assert_eq!(
            split_semicolon_list("and continue efforts."),
            ["and continue efforts"]
        );
        assert_eq!(split_semicolon_list(" ; ;"), Vec::<String>::new());
    }

    #[test]
    fn items_per_line_inline_and_glued() {
        let items = split_item_lines(&[
            "• Increase efforts to identify victims; the fishing, logging, and mining industries; and others.",
            "Expand the program. • Implement reforms to the NRM. • Establish a database",
            "Increase efforts using Articles 12.3 and 13.1 of the code, not lower penalties.Impose adequate \
             sentences.Systematize procedures, with imprisonment.These continue.",
        ]);
        let texts: Vec<(&str, bool)> = items.iter().map(|(t, c)| (t.as_str(), *c)).collect();
        assert_eq!(
            texts,
            [
                (
                    "Increase efforts to identify victims; the fishing, logging, and mining industries; and others",
                    true
                ),
                ("Expand the program", true),
                ("Implement reforms to the NRM", true),
                ("Establish a database", false),
                (
                    "Increase efforts using Articles 12.3 and 13.1 of the code, not lower penalties",
                    true
                ),
                ("Impose adequate sentences", true),
                (
                    "Systematize procedures, with imprisonment.These continue",
                    true
                ),
            ]
        );
    }

    #[test]
    fn unmarked_items_one_sentence_each() {
        let items = split_sentence_items(&[
            "Vigorously investigate cases, including against officials. Proactively screen \
             laborers. Increase efforts to identify victims. These efforts matter.",
            "Ban recruitment fees.",
            "Amend the law",
        ]);
        let texts: Vec<(&str, bool)> = items.iter().map(|(t, c)| (t.as_str(), *c)).collect();
        assert_eq!(
            texts,
            [
                (
                    "Vigorously investigate cases, including against officials",
                    true
                ),
                ("Proactively screen laborers", true),
                (
                    "Increase efforts to identify victims. These efforts matter",
                    true
                ),
                ("Ban recruitment fees", true),
                ("Amend the law", false),
            ]
        );
        let stars =
            split_item_lines(&["Train police. * Fund shelters; and refer victims. * Amend"]);
        let texts: Vec<&str> = stars.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            ["Train police", "Fund shelters; and refer victims", "Amend"]
        );
    }

    #[test]
    fn prose_should_sentences() {
        let paragraph = "The Government of Mongolia does not fully comply with the minimum standards. \
             Mongolia should increase its efforts, particularly through law enforcement means. The \
             government should ensure that it has the legal tools. It should also fund NGOs. In \
             addition, the government should train police. Victims should be protected.";
        let texts: Vec<String> = should_sentences(paragraph, Some("Mongolia"))
            .into_iter()
            .map(|(text, _)| text)
            .collect();
        assert_eq!(
            texts,
            [
                "Mongolia should increase its efforts, particularly through law enforcement means",
                "The government should ensure that it has the legal tools",
                "It should also fund NGOs",
                "In addition, the government should train police",
            ]
        );
        let subjects = "The Bahamas should fund shelters.  Lastly, the government should train \
             judges. The Albanian Government should act. Albania\u{2019}s government should pay. \
             Taiwan authorities should screen. The Republic of Korea should amend the law. \
             Victims should be heard. East Timor should adopt the plan";
        let items = should_sentences(subjects, Some("Timor-Leste"));
        let texts: Vec<&str> = items.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "The Bahamas should fund shelters",
                "Lastly, the government should train judges",
                "The Albanian Government should act",
                "Albania\u{2019}s government should pay",
                "Taiwan authorities should screen",
                "The Republic of Korea should amend the law",
                "East Timor should adopt the plan",
            ]
        );
        assert!(
            !items[6].1,
            "the last sentence has no full stop: the copy ends inside it"
        );
        let items = should_sentences(
            "The government should: train police; fund shelters; and raise awareness.",
            None,
        );
        let texts: Vec<&str> = items.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["train police", "fund shelters", "raise awareness"]);
        assert!(items.iter().all(|(_, complete)| *complete));
    }

    #[test]
    fn sentences_respect_abbreviations() {
        assert_eq!(
            sentences(
                "Women go to the United Arab Emirates (U. A. E. ) for work. The U.S. helps. Done"
            ),
            [
                "Women go to the United Arab Emirates (U. A. E. ) for work.",
                "The U.S. helps.",
                "Done"
            ]
        );
    }

    #[test]
    fn imperative_starts() {
        for text in [
            "Increase efforts",
            "Vigorously investigate",
            "Systematize procedures",
            "Accede to",
        ] {
            assert!(is_imperative_start(text), "{text}");
        }
        for text in [
            "The government",
            "These efforts",
            "increase efforts",
            "In 2010",
        ] {
            assert!(!is_imperative_start(text), "{text}");
        }
    }

    #[test]
    fn a_list_run_together_counts_its_asks() {
        assert_eq!(
            asks_in(
                "Increase efforts to identify victims. Screen migrants in the U.S. embassy's \
                 programs; fund shelters * Train judges"
            ),
            4
        );
        // One ask, however long, with its qualifications.
        assert_eq!(
            asks_in(
                "Increase efforts to identify foreign victims of both forced prostitution and \
                 forced labor, including through expanded training of police officers"
            ),
            1
        );
    }
}
