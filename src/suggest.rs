//! Suggested evidence, the pure half: cutting a later narrative into sentences with their place,
//! turning an earlier recommendation into a full-text query, and telling a plan from an action.
//!
//! The ranking itself is BM25 over the new narrative's sentences, done by SQLite FTS5 with the
//! porter tokenizer in `store::suggest`, so that word forms meet ("identify", "identified") and
//! a rare shared word counts more than "trafficking".

/// The fewest BM25 points (FTS5's `-bm25()`) a sentence needs to be suggested. Chosen on the
/// seed pair (Kazakhstan 2011 and the 2012 test narrative): the weakest sentence judged
/// relevant scores 2.93 (the shelter plan, for KAZ-2011-2), the strongest one below it that is
/// not relevant 2.55. See README, "Suggested evidence".
pub const THRESHOLD: f64 = 2.75;

/// At most this many suggestions per recommendation and narrative.
pub const PER_RECOMMENDATION: usize = 3;

/// A sentence of a narrative, outside its recommendations block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The section's kind (`protection`, ...).
    pub section: String,
    /// 1-based, within the section.
    pub paragraph: i64,
    /// Byte offsets into the narrative's full text: `full_text[start..end]` is the sentence.
    pub start: usize,
    pub end: usize,
}

/// The narrative's sentences, section by section. `sections` are the stored sections, in
/// order, as (kind, body); each body is a piece of `full_text`, found from where the previous
/// one ended. The recommendations block is skipped: those are new asks, not evidence.
pub fn sentences(full_text: &str, sections: &[(String, String)]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cursor = 0;
    for (kind, body) in sections {
        let Some(found) = full_text
            .get(cursor..)
            .and_then(|rest| rest.find(body.as_str()))
        else {
            continue;
        };
        let base = cursor + found;
        cursor = base + body.len();
        if kind == "recommendations" || body.trim().is_empty() {
            continue;
        }
        for (index, (p_start, p_text)) in paragraphs(body).into_iter().enumerate() {
            let paragraph = index as i64 + 1;
            for (s_start, s_end) in split_sentences(p_text) {
                out.push(Sentence {
                    section: kind.clone(),
                    paragraph,
                    start: base + p_start + s_start,
                    end: base + p_start + s_end,
                });
            }
        }
    }
    out
}

/// The paragraphs of a section body (separated by blank lines), as (offset, text).
fn paragraphs(body: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut offset = 0;
    let mut last_end = 0;
    for line in body.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(offset),
            (true, Some(s)) => {
                out.push((s, &body[s..last_end]));
                start = None;
            }
            _ => {}
        }
        offset += line.len();
        if !blank {
            last_end = offset - (line.len() - line.trim_end().len());
        }
    }
    if let Some(s) = start {
        out.push((s, &body[s..last_end]));
    }
    out
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "U.S", "U.N", "Mr", "Mrs", "Ms", "Dr", "No", "St", "e.g", "i.e", "Jan", "Feb", "Aug", "Sept",
    "Oct", "Nov", "Dec", "approx", "etc", "vs",
];

/// Sentence spans of one paragraph: a `.`, `!` or `?` followed by a space and a capital
/// letter, digit or quote ends a sentence, unless it closes an abbreviation or an initial.
fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let after = &text[i + 1..];
        let trimmed = after.trim_start();
        if trimmed.len() == after.len() {
            continue; // no space after it
        }
        let next = trimmed.chars().next();
        if !next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || n == '"' || n == '“') {
            continue;
        }
        let word_start = text[..i]
            .rfind(|ch: char| ch.is_whitespace() || ch == '(')
            .map_or(0, |p| p + 1);
        let word = &text[word_start..i];
        if c == '.'
            && (ABBREVIATIONS.contains(&word)
                || (word.chars().count() == 1 && word.chars().all(char::is_uppercase)))
        {
            continue;
        }
        let end = i + 1;
        if text[start..end].trim().len() > 1 {
            out.push((start, end));
        }
        start = end + (after.len() - trimmed.len());
    }
    let rest = text[start..].trim_end();
    if !rest.trim().is_empty() {
        out.push((start, start + rest.len()));
    }
    out
}

/// Besides [`crate::link::STOPWORDS`], the words every recommendation opens or goes on with
/// ("increase efforts to", "continue to", "ensure that"): they say nothing about what is asked.
const OPENING_WORDS: &[&str] = &[
    "increase",
    "increasing",
    "efforts",
    "effort",
    "continue",
    "ensure",
    "ensuring",
    "work",
    "including",
    "through",
    "among",
    "make",
    "take",
    "steps",
    "government",
    "governments",
    "number",
    "potential",
    "being",
    "receive",
];

/// Whether a word says nothing about what is asked.
fn is_stopword(word: &str) -> bool {
    crate::link::STOPWORDS.contains(&word) || OPENING_WORDS.contains(&word)
}

/// The recommendation's content words, lowercased, stopwords removed, each once, in order.
pub fn query_terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let word = word.to_lowercase();
        if word.len() < 3 || word.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if is_stopword(&word) || out.contains(&word) {
            continue;
        }
        out.push(word);
    }
    out
}

/// The pairs of content words the recommendation writes side by side ("foreign victims",
/// "immigration raids"), each as "first second". Matched as phrases, they lift the sentences that
/// speak of the same thing over those that merely share its words.
pub fn query_pairs(text: &str) -> Vec<String> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == ':' || c == '.')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let content = |w: &str| w.len() >= 3 && w.chars().all(char::is_alphabetic) && !is_stopword(w);
    let mut out: Vec<String> = Vec::new();
    for pair in words.windows(2) {
        if content(&pair[0]) && content(&pair[1]) {
            let phrase = format!("{} {}", pair[0], pair[1]);
            if !out.contains(&phrase) {
                out.push(phrase);
            }
        }
    }
    out
}

/// An FTS5 query matching any of the terms or pairs. Each is only letters and digits (and a
/// space), so quoting it as a string is enough to keep FTS5 from reading it as an operator
/// ("and", "not"); a quoted pair is a phrase.
pub fn fts_query(terms: &[String], pairs: &[String]) -> String {
    terms
        .iter()
        .chain(pairs)
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(" OR ")
}

/// Phrases that mark a plan or a pledge rather than an action taken.
const COMMITMENT_MARKERS: &[&str] = &[
    "plans to",
    "planned to",
    "planning to",
    "will",
    "intends to",
    "intended to",
    "pledged",
    "pledges to",
    "drafted",
    "committed to",
];

/// Does the sentence describe a plan or pledge ("plans to", "will", "intends to", "pledged",
/// "drafted")? The report counts only actions taken, so these are flagged as commitments.
pub fn is_commitment(sentence: &str) -> bool {
    let words: Vec<String> = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    COMMITMENT_MARKERS.iter().any(|marker| {
        let marker: Vec<&str> = marker.split(' ').collect();
        words
            .windows(marker.len())
            .any(|w| w.iter().zip(&marker).all(|(a, b)| a == b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_skip_the_recommendations_and_give_offsets_into_the_text() {
        let text = "KAZAKHSTAN (Tier 2)\n\nIntro one. Intro two.\n\nRecommendations for Kazakhstan: \
                    do this.\n\nProtection\n\nThe U.S. embassy helped. Police identified 12 foreign \
                    victims.\n\nThe government plans to open a shelter.";
        let sections = vec![
            (
                "introduction".to_string(),
                "Intro one. Intro two.".to_string(),
            ),
            (
                "recommendations".to_string(),
                "Recommendations for Kazakhstan: do this.".to_string(),
            ),
            (
                "protection".to_string(),
                "The U.S. embassy helped. Police identified 12 foreign victims.\n\nThe \
                 government plans to open a shelter."
                    .to_string(),
            ),
        ];
        let got: Vec<(String, i64, &str)> = sentences(text, &sections)
            .into_iter()
            .map(|s| (s.section, s.paragraph, &text[s.start..s.end]))
            .collect();
        assert_eq!(
            got,
            vec![
                ("introduction".to_string(), 1, "Intro one."),
                ("introduction".to_string(), 1, "Intro two."),
                ("protection".to_string(), 1, "The U.S. embassy helped."),
                (
                    "protection".to_string(),
                    1,
                    "Police identified 12 foreign victims."
                ),
                (
                    "protection".to_string(),
                    2,
                    "The government plans to open a shelter."
                ),
            ]
        );
    }

    #[test]
    fn plans_and_pledges_are_commitments_and_actions_are_not() {
        assert!(is_commitment("The government plans to open a shelter."));
        assert!(is_commitment("The ministry will fund two NGOs."));
        assert!(is_commitment("Parliament drafted amendments."));
        assert!(!is_commitment(
            "The government identified 12 foreign victims."
        ));
        assert!(!is_commitment("Police willingly helped."));
    }

    #[test]
    fn query_terms_drop_stopwords_and_repeats() {
        assert_eq!(
            query_terms("Increase efforts to identify foreign victims of forced labor and victims"),
            ["identify", "foreign", "victims", "forced", "labor"]
        );
        assert_eq!(
            fts_query(&query_terms("identify victims"), &[]),
            "\"identify\" OR \"victims\""
        );
        assert_eq!(
            query_pairs("identify foreign victims of both forced labor; and assist them"),
            ["identify foreign", "foreign victims", "forced labor"]
        );
    }
}
