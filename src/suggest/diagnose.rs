//! Why a labelled sentence of the tuning sets is not suggested: which rule leaves it out. A tool
//! for choosing rules on the tuning sets (`tests/fixtures/quality/labels.json`,
//! `tests/fixtures/quality/tuning-2/`, `tuning-3/` and `tuning-4/`) only; the untuned sets are never
//! read here. Run with
//! `cargo test --release --lib why_labelled_sentences_are_missed -- --ignored --nocapture`.

use std::collections::{BTreeMap, HashMap};

use super::{
    FIGURE_BONUS, FIGURE_COVERAGE, MIN_COVERAGE, PER_RECOMMENDATION, Query, RELATIVE,
    RELATIVE_MORE, SentenceIndex, TOP, choose, figures_in, sentences,
};
use crate::model::ParsedNarrative;
use crate::parse::{EncodingChoice, parse_bytes};

fn narrative(path: &str) -> ParsedNarrative {
    let bytes = std::fs::read(path).unwrap();
    parse_bytes(&bytes, EncodingChoice::Auto)
        .unwrap()
        .narratives
        .remove(0)
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rule that leaves sentence `wanted` out of the suggestions for `query`.
fn reason(index: &SentenceIndex<'_>, query: &Query, wanted: usize) -> String {
    let scores = index.scores(query);
    let Some(&(_, score, coverage)) = scores.iter().find(|s| s.0 == wanted) else {
        return "shares no word with the ask".into();
    };
    if coverage < MIN_COVERAGE {
        return format!("coverage {coverage:.2} < {MIN_COVERAGE}");
    }
    if !index.on_topic(query, wanted) {
        return "topics differ".into();
    }
    if !query.specific.is_empty()
        && !index.tokens[wanted]
            .iter()
            .any(|t| query.specific.contains(&t.stem))
    {
        return "none of the ask's specific words".into();
    }
    let candidates = index.candidates(query);
    let best = candidates
        .iter()
        .map(|c| {
            c.1 + if c.2 >= FIGURE_COVERAGE {
                FIGURE_BONUS
            } else {
                0.0
            }
        })
        .fold(0.0, f64::max);
    let rank = candidates.iter().filter(|c| c.1 > score).count();
    let share = if rank < TOP { RELATIVE } else { RELATIVE_MORE };
    if score < best * share {
        format!(
            "score {score:.2} under {share} of the best {best:.2} (rank {})",
            rank + 1
        )
    } else if rank >= PER_RECOMMENDATION {
        format!("rank {} past the {PER_RECOMMENDATION} kept", rank + 1)
    } else {
        format!("cut with the ones past it (rank {})", rank + 1)
    }
}

#[test]
#[ignore = "prints figures"]
fn why_labelled_sentences_are_missed() {
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    let sets = [
        "tests/fixtures/quality/labels.json",
        "tests/fixtures/quality/tuning-2/labels.json",
        "tests/fixtures/quality/tuning-3/labels.json",
        "tests/fixtures/quality/tuning-4/labels.json",
    ];
    let labels: Vec<serde_json::Value> = sets
        .iter()
        .map(|path| serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap())
        .collect();
    for series in labels.iter().flat_map(|l| l["series"].as_array().unwrap()) {
        let files: HashMap<i64, ParsedNarrative> = series["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["year"].as_i64().unwrap(),
                    narrative(f["file"].as_str().unwrap()),
                )
            })
            .collect();
        for pair in series["pairs"].as_array().unwrap() {
            let year = pair["later"].as_i64().unwrap();
            let later = &files[&year];
            let sections: Vec<(String, String)> = later
                .sections
                .iter()
                .map(|s| (s.kind.as_str().to_string(), later.body(s).to_string()))
                .collect();
            let found = sentences(&later.text, &sections);
            let index = SentenceIndex::new(&later.text, &found);
            let figures: Vec<_> = found
                .iter()
                .map(|s| figures_in(&later.text[s.start..s.end], year))
                .collect();
            for (id, quotes) in pair["relevant"].as_object().unwrap() {
                let mut parts = id.rsplitn(3, '-');
                let seq: usize = parts.next().unwrap().parse().unwrap();
                let from: i64 = parts.next().unwrap().parse().unwrap();
                let ask = &files[&from].recommendations[seq - 1].text;
                let query = Query::new(ask);
                let chosen: Vec<usize> = choose(&index, &query, &figures)
                    .iter()
                    .map(|h| h.sentence)
                    .collect();
                for quote in quotes.as_array().unwrap() {
                    let quote = squeeze(quote.as_str().unwrap());
                    let why = match found
                        .iter()
                        .position(|s| squeeze(&later.text[s.start..s.end]).contains(&quote))
                    {
                        None => "not a candidate sentence (profile, list, verdict)".to_string(),
                        Some(i) if chosen.contains(&i) => continue,
                        Some(i) => reason(&index, &query, i),
                    };
                    println!("{id} -> {year}: {why}\n    ask: {ask}\n    missed: {quote}");
                    let kind: String = why
                        .split(|c: char| c.is_ascii_digit() || c == '(')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_string();
                    *tally.entry(kind).or_default() += 1;
                }
            }
        }
    }
    println!("\nmisses by rule:");
    for (kind, n) in &tally {
        println!("{n:>4}  {kind}");
    }
}
