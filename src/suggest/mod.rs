//! Suggested evidence, the pure half: cutting a later narrative into sentences with their place,
//! turning an earlier recommendation into a query, ranking the sentences for it, keeping those
//! on its topics, offering the reported figures that measure it, and telling a plan from an
//! action. `store::suggest` decides which narratives and items meet, and stores the result.
//!
//! The ranking is BM25 over the new narrative's sentences, each sentence a document, with the
//! words stemmed (`crate::text`: Snowball English and the project's equivalences), so that word
//! forms meet ("identify", "identified") and a word rare in the narrative counts more than
//! "trafficking". It is FTS5's BM25 (same constants,
//! same phrase handling), done in memory: a narrative is indexed once and every earlier
//! recommendation is a query against it, a few microseconds each.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::parse::figures::{self, Figure, FigureKind};
use crate::parse::recommendations::is_imperative_start;
use crate::text::{self, Stemmer, words};

pub mod background;
#[cfg(test)]
mod diagnose;
pub mod plan;
pub mod ranker;
pub mod repeats;

use background::Background;

/// What is asked comes first, before the qualifications ("... including through training of
/// police officers"): the ask's first this many content words weigh [`HEAD_WEIGHT`] times more.
pub const HEAD_TERMS: usize = 4;
pub const HEAD_WEIGHT: f64 = 1.5;

/// A word's weight is its background idf to this power: the square root, so that a word the
/// background never holds (a place, a crop) weighs about three times "victims", not twenty.
pub const WEIGHT_EXPONENT: f64 = 0.5;

/// A pair of the ask's words found side by side ("foreign victims") adds this share of the
/// pair's mean weight.
pub const PAIR_WEIGHT: f64 = 1.0;

/// A sentence must hold at least this share of the ask's weight (its words' background
/// weights, found or not in the narrative): an ask on "forced labor during the cotton and
/// tobacco harvests" is not answered by a sentence on forced labor alone, whose words are the
/// common part.
pub const MIN_COVERAGE: f64 = 0.15;

/// A sentence scoring less than this share of the narrative's best sentence for the ask is not
/// suggested. Scores are relative to the ask (a sentence's BM25 over the ask's whole weight),
/// so no fixed floor leaves a short excerpt with nothing.
pub const RELATIVE: f64 = 0.5;

/// A sentence reporting a figure that measures the ask must hold at least this share of the
/// ask's weight: the year's investigations answer "investigate and prosecute trafficking
/// offenses", not "... forced labor crimes".
pub const FIGURE_COVERAGE: f64 = 0.4;

/// What a reported figure that measures the ask adds to its sentence's score, per kind of
/// figure: the year's convictions answer an ask to convict before a sentence that only names
/// convictions.
pub const FIGURE_BONUS: f64 = 0.25;

/// The weight of a word an ask is read as holding through the report's equivalents, as a share
/// of the word's own.
pub const EXPANSION: f64 = 1.0;

/// How a narrative reports, in its own words, what an ask asks for: an ask to prosecute is
/// answered by a sentence on who was charged or convicted, an ask to assist victims by one on
/// shelters and services. Read only when suggesting evidence (an ask is not linked to another
/// through them). Each entry is a piece of the ask's lowercase text and the words it brings;
/// those words weigh [`EXPANSION`] of their own weight, do not raise the ask's whole weight, and
/// count as the ask's own specific words.
pub const EVIDENCE_EQUIVALENTS: &[(&str, &[&str])] = &[
    ("law enforcement", &["convicted", "charged", "arrested"]),
    ("prosecut", &["charged", "indicted", "convicted"]),
    ("identif", &["screened"]),
    ("assist", &["shelter", "services", "care"]),
    ("fund", &["allocated", "budget", "spent"]),
    ("penaliz", &["fined", "detained", "deported"]),
    ("punish", &["sentenced", "imprisonment"]),
];

/// The suggestions a reviewer sees first for an ask (and the top-3 precision counts): each must
/// score [`RELATIVE`] of the best. Past them, when all of them did, the next ones need only
/// [`RELATIVE_MORE`]: a compound ask answered by many sentences gets them, and an ask answered by
/// one sentence is not padded with weak ones.
pub const TOP: usize = 3;
pub const RELATIVE_MORE: f64 = 0.25;

/// At most this many suggestions per recommendation and narrative, best first.
pub const PER_RECOMMENDATION: usize = 10;

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
/// one ended. The recommendations block is skipped (new asks, not evidence), and so are the
/// trafficking profile and the sentences that are not about the government's response
/// ([`NOT_EVIDENCE`]).
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
        if kind == "recommendations" || kind == "profile" || body.trim().is_empty() {
            continue;
        }
        for (index, (p_start, p_text)) in paragraphs(body).into_iter().enumerate() {
            let paragraph = index as i64 + 1;
            for range in text::sentences::split(p_text, &text::sentences::Options::EVIDENCE) {
                let (s_start, s_end) = (range.start, range.end);
                if !may_be_evidence(&p_text[s_start..s_end]) {
                    continue;
                }
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

/// Phrases of sentences that describe the trafficking, not the government's response (the
/// profile, which older narratives open their introduction with), or give the report's verdict:
/// neither is evidence of what the government did.
const NOT_EVIDENCE: &[&str] = &[
    "is a source",
    "is a transit",
    "is a destination",
    "source, transit",
    "source and transit",
    "source and destination",
    "transit and destination",
    "traffickers subject",
    "traffickers exploit",
    "traffickers recruit",
    "are subjected to",
    "are vulnerable to",
    "is vulnerable to",
    "were vulnerable to",
    "remain vulnerable",
    "minimum standards",
    // Other trafficking than in persons.
    "drug trafficking",
    "drugs trafficking",
    "narcotics trafficking",
    "arms trafficking",
    "firearms trafficking",
    "weapons trafficking",
    "wildlife trafficking",
    "tier 1",
    "tier 2",
    "tier 3",
    "watch list",
];

/// Whether a sentence may speak to what the government did (see [`NOT_EVIDENCE`]). A
/// recommendation is never evidence, even in a block the parser did not cut out: a sentence
/// that opens as a recommendation does ("Increase efforts to ...", "Vigorously investigate
/// ..."), or that holds a recommendations heading.
fn may_be_evidence(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    if is_imperative_start(sentence.trim_start_matches(|c: char| !c.is_alphanumeric()))
        || RECOMMENDATION_HEADINGS.iter().any(|h| lower.contains(h))
    {
        return false;
    }
    !NOT_EVIDENCE.iter().any(|phrase| lower.contains(phrase))
}

/// Words that head a recommendations block, in any of the report's layouts.
const RECOMMENDATION_HEADINGS: &[&str] = &[
    "recommendations for",
    "prioritized recommendations",
    "recommendations:",
];

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

/// Besides [`crate::link::STOPWORDS`], the words every recommendation opens or goes on with
/// ("increase efforts to", "continue to", "ensure that"): they say nothing about what is asked.
const OPENING_WORDS: &[&str] = &[
    "not",
    "anti",
    "also",
    "fully",
    "remain",
    "remained",
    "include",
    "included",
    "time",
    "involving",
    "alleged",
    "subject",
    "subjected",
    "during",
    "new",
    "particularly",
    "especially",
    "adequate",
    "adequately",
    "appropriate",
    "strong",
    "stronger",
    "significant",
    "significantly",
    "sufficient",
    "sufficiently",
    "efficient",
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
    static ALL: LazyLock<FxHashSet<&str>> = LazyLock::new(|| {
        crate::link::STOPWORDS
            .iter()
            .chain(OPENING_WORDS)
            .copied()
            .collect()
    });
    ALL.contains(word)
}

/// The recommendation's content words, lowercased, stopwords removed, each once, in order.
pub fn query_terms(text: &str) -> Vec<String> {
    terms_of_lowercase(&text.to_lowercase())
}

/// [`query_terms`] of a text already lowercased.
fn terms_of_lowercase(lower: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in lower.split(|c: char| !c.is_alphanumeric()) {
        if word.len() < 3 || word.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if is_stopword(word) || out.iter().any(|w| w == word) {
            continue;
        }
        out.push(word.to_string());
    }
    out
}

/// The pairs of content words the recommendation writes side by side ("foreign victims",
/// "immigration raids"), each as "first second". Matched as phrases, they lift the sentences that
/// speak of the same thing over those that merely share its words.
pub fn query_pairs(text: &str) -> Vec<String> {
    pairs_of_lowercase(&text.to_lowercase())
}

/// [`query_pairs`] of a text already lowercased.
fn pairs_of_lowercase(lower: &str) -> Vec<String> {
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == ':' || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    let content = |w: &str| w.len() >= 3 && w.chars().all(char::is_alphabetic) && !is_stopword(w);
    let mut out: Vec<String> = Vec::new();
    for pair in words.windows(2) {
        if content(pair[0]) && content(pair[1]) {
            let phrase = format!("{} {}", pair[0], pair[1]);
            if !out.contains(&phrase) {
                out.push(phrase);
            }
        }
    }
    out
}

/// BM25's term-frequency saturation and length normalisation (the usual values, FTS5's too).
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// A word of a sentence: its stem and where it is in the narrative's text.
#[derive(Debug, Clone, Copy)]
struct Token {
    stem: u32,
    start: usize,
    end: usize,
}

/// The stems seen so far, each with a number and its [`Background`] weight, and the words
/// already stemmed. Stemming is the costly part of indexing a narrative, and a country's
/// narratives (a report's, too) share most of their words: each word is stemmed once per
/// process. A pure cache: numbers are only compared with each other, within one process.
#[derive(Default)]
struct Vocabulary {
    words: FxHashMap<String, u32>,
    stems: FxHashMap<String, u32>,
    /// Each stem's background idf, by number.
    idf: Vec<f64>,
    /// Whether each stem is one of the report's commonest ([`Background::is_common`]).
    common: Vec<bool>,
}

thread_local! {
    static VOCABULARY: RefCell<Vocabulary> = RefCell::default();
    static STEMMER: Stemmer = Stemmer::new();
}

/// The number of the stem of `word` (already lowercased).
fn stem(word: &str) -> u32 {
    VOCABULARY.with_borrow_mut(|vocabulary| {
        if let Some(&id) = vocabulary.words.get(word) {
            return id;
        }
        let stem = STEMMER.with(|s| s.stem(word).into_owned());
        let next = vocabulary.stems.len() as u32;
        let background = Background::shipped();
        let (idf, common) = (
            background.idf(&stem).powf(WEIGHT_EXPONENT),
            background.is_common(&stem),
        );
        let id = *vocabulary.stems.entry(stem).or_insert(next);
        if id == next {
            vocabulary.idf.push(idf);
            vocabulary.common.push(common);
        }
        vocabulary.words.insert(word.to_string(), id);
        id
    })
}

/// Whether a stem, by number, is one of the report's commonest.
fn is_common(stem: u32) -> bool {
    VOCABULARY.with_borrow(|vocabulary| vocabulary.common[stem as usize])
}

/// The background weight of a stem, by number.
fn idf(stem: u32) -> f64 {
    VOCABULARY.with_borrow(|vocabulary| vocabulary.idf[stem as usize])
}

/// The stem number of a word as written, lowercased into `buffer` (reused: most words are
/// already known, and then nothing is allocated).
fn stem_as_written(word: &str, buffer: &mut String) -> u32 {
    buffer.clear();
    if word.is_ascii() {
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
    } else {
        buffer.push_str(&word.to_lowercase());
    }
    stem(buffer)
}

/// What a recommendation asks, as stems: its content words, and the pairs of content words it
/// writes side by side (matched as phrases).
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    terms: Vec<u32>,
    /// Each term's weight: its background idf, [`HEAD_WEIGHT`] times more for the first ones.
    weights: Vec<f64>,
    pairs: Vec<(u32, u32)>,
    /// The ask's whole weight.
    mass: f64,
    /// The ask's own words that are not among the report's commonest: a sentence must hold one
    /// (if there are any).
    specific: Vec<u32>,
    /// The [`TOPICS`] the ask names: those a sentence must be on, those it may be on.
    topics: (u8, u8),
    /// The kinds of reported figure that measure it ([`measured_by`]).
    pub kinds: Vec<FigureKind>,
}

impl Query {
    pub fn new(text: &str) -> Query {
        let lower = text.to_lowercase();
        let words = terms_of_lowercase(&lower);
        let mut terms = Vec::new();
        for word in &words {
            let stem = stem(word);
            if !terms.contains(&stem) {
                terms.push(stem);
            }
        }
        let weights: Vec<f64> = terms
            .iter()
            .enumerate()
            .map(|(i, &t)| idf(t) * if i < HEAD_TERMS { HEAD_WEIGHT } else { 1.0 })
            .collect();
        // The report's own equivalents (`crate::link::THESAURUS`): an ask to increase law
        // enforcement efforts is answered by investigations and prosecutions. The words added
        // weigh [`EXPANSION`] of their own weight, and do not raise the ask's whole weight.
        let mass: f64 = weights.iter().sum();
        let mut specific: Vec<u32> = terms.iter().copied().filter(|&t| !is_common(t)).collect();
        let mut weights = weights;
        // The words each table brings; those of the evidence equivalents also count as the
        // ask's own specific words.
        let tables = [
            (crate::link::THESAURUS, false),
            (EVIDENCE_EQUIVALENTS, true),
        ];
        for (table, is_specific) in tables {
            let brought = table
                .iter()
                .filter(|(phrase, _)| lower.contains(phrase))
                .flat_map(|(_, same)| same.iter());
            for word in brought {
                let stem = stem(word);
                if !terms.contains(&stem) {
                    terms.push(stem);
                    weights.push(idf(stem) * EXPANSION);
                    if is_specific && !is_common(stem) {
                        specific.push(stem);
                    }
                }
            }
        }
        // The acronyms the reports write for their phrases (`crate::link::ACRONYMS`): an ask for
        // standard operating procedures is answered by a sentence on the draft SOPs. Brought as
        // the ask's own specific words, as the evidence equivalents are.
        for word in crate::link::acronym_words(&lower) {
            let stem = stem(word);
            if !terms.contains(&stem) {
                terms.push(stem);
                weights.push(idf(stem) * EXPANSION);
                if !is_common(stem) {
                    specific.push(stem);
                }
            }
        }
        let mut pairs = Vec::new();
        for pair in pairs_of_lowercase(&lower) {
            let (a, b) = pair.split_once(' ').expect("a pair is two words");
            let pair = (stem(a), stem(b));
            if !pairs.contains(&pair) {
                pairs.push(pair);
            }
        }
        Query {
            mass,
            specific,
            terms,
            weights,
            pairs,
            topics: ask_topics(&lower, &words),
            kinds: measured_by(&lower),
        }
    }

    fn weight(&self, stem: u32) -> f64 {
        self.terms
            .iter()
            .position(|&t| t == stem)
            .map_or_else(|| idf(stem), |i| self.weights[i])
    }

    /// The query for `text`, made once per process: a recommendation is asked of every later
    /// narrative of its country.
    pub fn cached(text: &str) -> Rc<Query> {
        thread_local! {
            static QUERIES: RefCell<HashMap<String, Rc<Query>>> = RefCell::default();
        }
        QUERIES.with_borrow_mut(|queries| {
            if let Some(query) = queries.get(text) {
                return Rc::clone(query);
            }
            let query = Rc::new(Query::new(text));
            queries.insert(text.to_string(), Rc::clone(&query));
            query
        })
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// A sentence a query found, with its BM25 score and the words of the sentence that matched
/// (runs of adjacent matched words joined: "foreign victims").
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub sentence: usize,
    pub score: f64,
    pub matched: String,
}

/// A narrative's sentences, indexed for BM25 ranking: each sentence is a document, so a word
/// rare among this narrative's sentences weighs more than "trafficking".
pub struct SentenceIndex<'a> {
    text: &'a str,
    tokens: Vec<Vec<Token>>,
    /// Stem -> the sentences holding it, with how often.
    postings: FxHashMap<u32, Vec<(usize, u32)>>,
    average_length: f64,
    /// Each sentence's [`sentence_topics`].
    topics: Vec<(u8, u8)>,
}

impl<'a> SentenceIndex<'a> {
    pub fn new(text: &'a str, sentences: &[Sentence]) -> SentenceIndex<'a> {
        let mut tokens = Vec::with_capacity(sentences.len());
        let mut postings: FxHashMap<u32, Vec<(usize, u32)>> = FxHashMap::default();
        let mut buffer = String::new();
        for (index, sentence) in sentences.iter().enumerate() {
            let body = &text[sentence.start..sentence.end];
            let sentence_tokens: Vec<Token> = words(body)
                .into_iter()
                .map(|(start, end)| Token {
                    stem: stem_as_written(&body[start..end], &mut buffer),
                    start: sentence.start + start,
                    end: sentence.start + end,
                })
                .collect();
            for token in &sentence_tokens {
                let list = postings.entry(token.stem).or_default();
                match list.last_mut() {
                    Some((last, count)) if *last == index => *count += 1,
                    _ => list.push((index, 1)),
                }
            }
            tokens.push(sentence_tokens);
        }
        let total: usize = tokens.iter().map(Vec::len).sum();
        let average_length = if tokens.is_empty() {
            1.0
        } else {
            (total as f64 / tokens.len() as f64).max(1.0)
        };
        let topics = sentences
            .iter()
            .map(|s| sentence_topics(&text[s.start..s.end]))
            .collect();
        SentenceIndex {
            text,
            tokens,
            postings,
            average_length,
            topics,
        }
    }

    /// BM25's saturation of a term's frequency in a sentence, with the sentence's length
    /// normalised: 1 for one occurrence in a sentence of average length.
    fn saturation(&self, frequency: u32, sentence: usize) -> f64 {
        let tf = f64::from(frequency);
        let length = self.tokens[sentence].len() as f64;
        tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length / self.average_length))
    }

    /// Every sentence holding one of the query's words, with its score (BM25 with the terms
    /// weighed as the query weighs them, over the query's whole weight) and the share of the
    /// query's weight it holds: (sentence, score, coverage).
    fn scores(&self, query: &Query) -> Vec<(usize, f64, f64)> {
        if query.mass <= 0.0 {
            return Vec::new();
        }
        // (score, covered weight) per sentence, and the sentences touched, in order.
        let mut scores: Vec<(f64, f64)> = vec![(0.0, 0.0); self.tokens.len()];
        let mut touched: Vec<usize> = Vec::new();
        for (&stem, &weight) in query.terms.iter().zip(&query.weights) {
            let Some(list) = self.postings.get(&stem) else {
                continue;
            };
            for &(sentence, frequency) in list {
                let entry = &mut scores[sentence];
                if entry.1 == 0.0 {
                    touched.push(sentence);
                }
                entry.0 += weight * self.saturation(frequency, sentence);
                entry.1 += weight;
            }
        }
        for &(a, b) in &query.pairs {
            let (Some(first), Some(_)) = (self.postings.get(&a), self.postings.get(&b)) else {
                continue;
            };
            let weight = PAIR_WEIGHT * (query.weight(a) + query.weight(b)) / 2.0;
            for &(sentence, _) in first {
                let count = self.tokens[sentence]
                    .windows(2)
                    .filter(|w| w[0].stem == a && w[1].stem == b)
                    .count() as u32;
                if count > 0 {
                    // A pair's words are terms too: its sentences are already touched.
                    scores[sentence].0 += weight * self.saturation(count, sentence);
                }
            }
        }
        touched
            .into_iter()
            .map(|sentence| {
                let (score, covered) = scores[sentence];
                (
                    sentence,
                    score / query.mass,
                    (covered / query.mass).min(1.0),
                )
            })
            .collect()
    }

    /// The sentences that may answer the query, as (sentence, score, coverage): on its topics
    /// ([`TOPICS`]), holding [`MIN_COVERAGE`] of its weight and one of its words that are not
    /// among the report's commonest (an ask on forced labor in the cotton harvest is not
    /// answered by forced labor alone).
    fn candidates(&self, query: &Query) -> Vec<(usize, f64, f64)> {
        self.scores(query)
            .into_iter()
            .filter(|&(sentence, _, coverage)| {
                coverage >= MIN_COVERAGE
                    && self.on_topic(query, sentence)
                    && (query.specific.is_empty()
                        || self.tokens[sentence]
                            .iter()
                            .any(|t| query.specific.contains(&t.stem)))
            })
            .collect()
    }

    fn on_topic(&self, query: &Query, sentence: usize) -> bool {
        on_topic(query.topics, self.topics[sentence])
    }

    fn hit(&self, query: &Query, sentence: usize, score: f64) -> Hit {
        Hit {
            sentence,
            score,
            matched: self.matched(query, sentence),
        }
    }

    /// The sentence's words that match the query, runs of adjacent ones joined, each once.
    fn matched(&self, query: &Query, sentence: usize) -> String {
        let tokens = &self.tokens[sentence];
        let hit: Vec<bool> = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                query.terms.contains(&t.stem)
                    || query.pairs.iter().any(|&(a, b)| {
                        (t.stem == a && tokens.get(i + 1).is_some_and(|n| n.stem == b))
                            || (t.stem == b && i > 0 && tokens[i - 1].stem == a)
                    })
            })
            .collect();
        let mut runs: Vec<String> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if !hit[i] {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < tokens.len()
                && hit[j + 1]
                && self.text[tokens[j].end..tokens[j + 1].start]
                    .trim()
                    .is_empty()
            {
                j += 1;
            }
            let run = self.text[tokens[i].start..tokens[j].end].to_lowercase();
            if !runs.contains(&run) {
                runs.push(run);
            }
            i = j + 1;
        }
        runs.join(", ")
    }
}

/// Topics an ask and a sentence must share: (words that name the topic in an ask, words that
/// name it in a sentence, whether an ask naming it requires its sentences to be on it, the words
/// that keep a sentence to asks on the topic, among how many of its first words the ask must
/// name it). An ask about complicit officials is not answered by the year's totals of all
/// traffickers, one to build capacity by case counts, one about child sex tourism by other
/// cases; and a sentence setting out what the law prescribes answers only an ask about the law.
struct Topic {
    in_ask: &'static [&'static str],
    in_sentence: &'static [&'static str],
    /// An ask on the topic is answered only by sentences on it.
    required: bool,
    /// A sentence holding one of these is kept to asks on the topic (none: it is not kept).
    keeps: &'static [&'static str],
    /// The ask is on the topic only when it names it among its first `head` content words (0:
    /// anywhere).
    head: usize,
    /// Nor when it names it as one of these: "enhance capacity to protect victims" asks for the
    /// protecting, a sentence on it need not be on training.
    not_as: &'static [&'static str],
    /// The ask does not require the topic when it names one of these first: "investigate,
    /// prosecute, and convict traffickers, including complicit officials" asks for all
    /// traffickers' prosecutions, a complicit officer's among them.
    unless_after: &'static [&'static str],
    /// The topic is training: a sentence on training for another purpose is not on it (see
    /// [`sentence_topics`]).
    training: bool,
}

/// Training (or capacity) is what an ask asks for when it names it among its first two content
/// words ("train police on ...", "build the capacity of judges"), not when it comes after other
/// things asked ("develop, disseminate, and train officials on procedures": the procedures).
pub const TRAINING_HEAD: usize = 2;

/// The bit of the first of [`TOPICS`], complicity.
const COMPLICITY: u8 = 1;

const TOPICS: &[Topic] = &[
    Topic {
        in_ask: COMPLICIT,
        in_sentence: &["complicit", "complicity", "corrupt", "official"],
        required: true,
        keeps: COMPLICIT,
        head: 0,
        not_as: &[],
        unless_after: &[
            "trafficker",
            "offender",
            "offense",
            "trafficking case",
            "crimes",
        ],
        training: false,
    },
    Topic {
        in_ask: &["sex tourism"],
        in_sentence: &["sex tourism"],
        required: true,
        keeps: &["sex tourism"],
        head: 0,
        not_as: &[],
        unless_after: &[],
        training: false,
    },
    Topic {
        in_ask: &["capacity", "training", "train"],
        in_sentence: &["train", "capacity"],
        required: true,
        keeps: &[],
        head: TRAINING_HEAD,
        not_as: &["capacity to "],
        unless_after: &[],
        training: true,
    },
    Topic {
        in_ask: &["statistic", " data "],
        in_sentence: &["statistic", " data ", "database"],
        required: true,
        keeps: &["statistic", " data "],
        head: 0,
        not_as: &[],
        unless_after: &[],
        training: false,
    },
    // The law as it stands ("... criminalized sex trafficking and labor trafficking and
    // prescribed penalties of ..."): evidence on an ask to change or complete the law, not on
    // one to investigate and prosecute under it (the penalties a law prescribes are not the
    // sentences courts imposed). An ask is about the law when it names it among its first
    // content words ("amend the criminal code", "ensure that it has the legal tools to
    // prosecute"); naming the articles to prosecute under later on does not make it one.
    Topic {
        in_ask: &[
            " amend",
            " enact",
            " law ",
            " laws ",
            " legal ",
            " legislat",
            " code ",
            " criminaliz",
            " statut",
            " revis",
            " penal ",
            " prescrib",
        ],
        in_sentence: &[],
        required: false,
        keeps: &["prescrib"],
        head: HEAD_TERMS,
        not_as: &[],
        unless_after: &[],
        training: false,
    },
];

/// How an ask or a sentence names complicit officials.
const COMPLICIT: &[&str] = &[
    "complicit",
    "complicity",
    "corrupt",
    "officials involved",
    "officials suspected",
];

/// The [`TOPICS`] an ask names, one bit each: those a sentence must be on, and those it is on
/// (a sentence kept to a topic may answer it). A topic with a `head` is the ask's only when it
/// names it among its first `head` words and not as one of its `not_as` phrases, and a topic
/// with `unless_after` words is required only when the ask names none of them before it.
/// (`ask` lowercased.)
fn ask_topics(ask: &str, terms: &[String]) -> (u8, u8) {
    let whole = format!(" {ask} ");
    let first = |text: &str, words: &[&str]| words.iter().filter_map(|w| text.find(w)).min();
    // The ask's first words, by how many (topics share a few `head` values).
    let mut heads: Vec<(usize, String)> = Vec::new();
    let (mut required, mut asked) = (0, 0);
    for (i, topic) in TOPICS.iter().enumerate() {
        let text: &str = if topic.head == 0 {
            &whole
        } else {
            let at = match heads.iter().position(|(head, _)| *head == topic.head) {
                Some(at) => at,
                None => {
                    let head = &terms[..terms.len().min(topic.head)];
                    heads.push((topic.head, format!(" {} ", head.join(" "))));
                    heads.len() - 1
                }
            };
            &heads[at].1
        };
        let found = first(text, topic.in_ask);
        // Where the ask names the topic: None when it does not (see above).
        let named = found.filter(|_| !topic.not_as.iter().any(|phrase| whole.contains(phrase)));
        if topic.required
            && named.is_some_and(|at| first(text, topic.unless_after).is_none_or(|b| b > at))
        {
            required |= 1 << i;
        }
        // A topic looked for in the whole ask is the ask's wherever it is named.
        if (topic.head == 0 && found.is_some()) || named.is_some() {
            asked |= 1 << i;
        }
    }
    (required, asked)
}

/// The [`TOPICS`] a sentence speaks of, and those it is kept to, one bit each. Training on
/// something other than trafficking ("trained 300 officers on pandemic-related public health
/// measures") is training for another purpose: it does not answer an ask to train.
fn sentence_topics(sentence: &str) -> (u8, u8) {
    let sentence = format!(" {} ", sentence.to_lowercase());
    (
        topic_bits(|topic| {
            topic.in_sentence.iter().any(|w| sentence.contains(w))
                && !(topic.training && trains_for_another_purpose(&sentence))
        }),
        topic_bits(|topic| topic.keeps.iter().any(|w| sentence.contains(w))),
    )
}

/// Whether a sentence (lowercased) trains people on a subject that is not trafficking: its
/// training is "on" something, and nothing after that names trafficking, its victims or the
/// means of finding them.
fn trains_for_another_purpose(sentence: &str) -> bool {
    let Some(at) = sentence.find("train") else {
        return false;
    };
    let Some(on) = sentence[at..].find(" on ") else {
        return false;
    };
    let subject = &sentence[at + on..];
    !TRAFFICKING_WORDS.iter().any(|w| subject.contains(w))
}

/// Words that say a subject is trafficking in persons, its victims or how they are found.
const TRAFFICKING_WORDS: &[&str] = &[
    "traffick",
    "victim",
    "exploit",
    "forced",
    "servitude",
    "slavery",
    "prostitut",
    "commercial sex",
    "identif",
    "screen",
    "referr",
    "indicator",
    "tip ",
    "child",
    "recruit",
    "smuggl",
    "labor",
    "law",
    "standard operating",
    "procedure",
];

fn topic_bits(has: impl Fn(&Topic) -> bool) -> u8 {
    TOPICS
        .iter()
        .enumerate()
        .filter(|(_, topic)| has(topic))
        .fold(0, |bits, (i, _)| bits | 1 << i)
}

/// Whether a sentence (its [`sentence_topics`]) is on the topics the ask names, and the ask on
/// those the sentence is kept to.
fn on_topic((required, asked): (u8, u8), (spoken, named): (u8, u8)) -> bool {
    required & !spoken == 0 && named & !asked == 0
}

/// Whether the sentence is on the topics the ask names, and the ask on those the sentence is
/// kept to (see [`TOPICS`]).
pub fn same_topics(ask: &str, sentence: &str) -> bool {
    let ask = ask.to_lowercase();
    on_topic(
        ask_topics(&ask, &terms_of_lowercase(&ask)),
        sentence_topics(sentence),
    )
}

/// The kinds of reported figure that measure what an ask asks for: investigations,
/// prosecutions and convictions for an ask to investigate, prosecute or convict traffickers;
/// victims identified for an ask to identify victims; victims assisted for an ask to assist
/// them; funding for an ask to fund. None for an ask that counts do not measure: one about
/// complicit officials (the totals are of all traffickers), about building capacity or
/// training, or about procedures, guidelines or statistics.
pub fn measured_by(ask: &str) -> Vec<FigureKind> {
    let lower = ask.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    // Complicity only when the ask requires it ([`ask_topics`]).
    let complicity = ask_topics(&lower, &terms_of_lowercase(&lower)).0 & COMPLICITY != 0;
    if complicity
        || has(&[
            "capacity",
            "train",
            "procedure",
            "guideline",
            "mechanism",
            "statistic",
            "data",
            "screen",
        ])
    {
        return Vec::new();
    }
    let mut kinds = Vec::new();
    if has(&["investigat"]) {
        kinds.push(FigureKind::Investigations);
    }
    if has(&["prosecut"]) {
        kinds.push(FigureKind::Prosecutions);
    }
    if has(&["convict", "punish", "sentence"]) {
        kinds.push(FigureKind::Convictions);
    }
    if has(&["identif"]) && has(&["victim"]) {
        kinds.push(FigureKind::VictimsIdentified);
    }
    if has(&["assist", "shelter", "services", "care"]) && has(&["victim"]) {
        kinds.push(FigureKind::VictimsAssisted);
    }
    if has(&["fund", "allocat", "budget"]) {
        kinds.push(FigureKind::Funding);
    }
    kinds
}

/// Words without which a sentence reports no figure of interest: only sentences holding one
/// are searched for figures.
const FIGURE_WORDS: &[&str] = &[
    "investigat",
    "prosecut",
    "convict",
    "identif",
    "assist",
    "fund",
    "allocat",
    "budget",
    "$",
];

/// The figures a sentence reports, as `figures::extract` finds them.
pub fn figures_in(sentence: &str, report_year: i64) -> Vec<Figure> {
    let lower = sentence.to_lowercase();
    if !FIGURE_WORDS.iter().any(|w| lower.contains(w)) {
        return Vec::new();
    }
    figures::extract(sentence, report_year)
}

/// The suggestions for one ask from one narrative (`figures`: what each of its sentences
/// reports, or nothing if the ask is measured by none), best first, at most
/// [`PER_RECOMMENDATION`]. A sentence reporting figures that measure the ask (and holding
/// [`FIGURE_COVERAGE`] of its weight) scores [`FIGURE_BONUS`] more per kind, and its reason
/// ends with its figures ("investigations 2011: 69"). A sentence scoring below [`RELATIVE`] of
/// the best is left out.
pub fn choose(index: &SentenceIndex<'_>, query: &Query, figures: &[Vec<Figure>]) -> Vec<Hit> {
    let mut ranked: Vec<(usize, f64, Vec<Figure>)> = index
        .candidates(query)
        .into_iter()
        .map(|(sentence, score, coverage)| {
            let measuring: Vec<Figure> = if coverage >= FIGURE_COVERAGE {
                figures
                    .get(sentence)
                    .into_iter()
                    .flatten()
                    .filter(|f| query.kinds.contains(&f.kind))
                    .cloned()
                    .collect()
            } else {
                Vec::new()
            };
            let mut kinds: Vec<FigureKind> = measuring.iter().map(|f| f.kind).collect();
            kinds.sort();
            kinds.dedup();
            (
                sentence,
                score + FIGURE_BONUS * kinds.len() as f64,
                measuring,
            )
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let best = ranked.first().map_or(0.0, |r| r.1);
    ranked
        .into_iter()
        .enumerate()
        .take_while(|(rank, r)| {
            let share = if *rank < TOP { RELATIVE } else { RELATIVE_MORE };
            r.1 >= best * share
        })
        .map(|(_, r)| r)
        .take(PER_RECOMMENDATION)
        .map(|(sentence, score, measuring)| {
            let mut hit = index.hit(query, sentence, score);
            let listed: Vec<String> = measuring
                .iter()
                .map(|f| {
                    format!(
                        "{} {}: {}",
                        f.kind.as_str().replace('_', " "),
                        f.year,
                        f.written
                    )
                })
                .collect();
            if !listed.is_empty() {
                hit.matched = if hit.matched.is_empty() {
                    listed.join(", ")
                } else {
                    format!("{}, {}", hit.matched, listed.join(", "))
                };
            }
            hit
        })
        .collect()
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
    fn asks_and_sentences_must_share_their_topics() {
        let complicity = "investigate and prosecute government officials complicit in trafficking";
        assert!(!same_topics(
            complicity,
            "Police investigated 74 trafficking cases in 2012."
        ));
        assert!(same_topics(
            complicity,
            "A court convicted two police officers for complicity in trafficking."
        ));
        // Both ways: a sentence on complicity does not answer an ask about all traffickers.
        assert!(!same_topics(
            "Increase efforts to investigate and prosecute forced labor crimes",
            "The government did not report any investigations of officials complicit in trafficking."
        ));
        // An ask for all traffickers' prosecutions, complicit officials' among them, is answered
        // by the year's cases and by a complicit officer's.
        let both = "Vigorously investigate, prosecute, and convict traffickers, including complicit \
                    officials";
        assert!(same_topics(
            both,
            "Courts convicted 64 traffickers in 2019."
        ));
        assert!(same_topics(
            both,
            "A court convicted two police officers for complicity in trafficking."
        ));
        assert_eq!(
            measured_by(both),
            [
                FigureKind::Investigations,
                FigureKind::Prosecutions,
                FigureKind::Convictions
            ]
        );
        assert!(measured_by(complicity).is_empty());
        // Training counts only when the ask opens with it.
        assert!(!same_topics(
            "continue to strengthen the capacity of police, prosecutors and judges to investigate",
            "Police investigated 69 trafficking cases in 2011."
        ));
        assert!(same_topics(
            "Increase efforts to identify foreign victims of both forced prostitution and forced \
             labor, including through expanded training of police officers",
            "In 2011, the government identified 12 foreign victims of forced labor."
        ));
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

    /// The suggestions `choose` makes for `ask` from a narrative of one protection section
    /// holding `body`, as sentences.
    fn chosen(ask: &str, body: &str) -> Vec<String> {
        let text = format!("X (Tier 2)\n\nProtection\n\n{body}");
        let sections = vec![("protection".to_string(), body.to_string())];
        let sentences = sentences(&text, &sections);
        let index = SentenceIndex::new(&text, &sentences);
        choose(&index, &Query::new(ask), &[])
            .into_iter()
            .map(|hit| {
                let s = &sentences[hit.sentence];
                text[s.start..s.end].to_string()
            })
            .collect()
    }

    #[test]
    fn a_specific_ask_is_not_answered_by_its_generic_part() {
        let ask = "Take steps to end forced labor during the cotton and tobacco harvests";
        let got = chosen(
            ask,
            "Police investigated 12 cases of forced labor in construction. Labor inspectors \
             visited cotton farms during the harvest and found no forced labor.",
        );
        assert_eq!(
            got,
            ["Labor inspectors visited cotton farms during the harvest and found no forced labor."]
        );
    }

    #[test]
    fn an_acronym_answers_the_phrase_it_stands_for() {
        // The sentence shares no word with the ask but the acronym.
        let got = chosen(
            "Disseminate standard operating procedures",
            "Officials distributed the SOPs in May. The weather was mild in May.",
        );
        assert_eq!(got, ["Officials distributed the SOPs in May."]);
        // And the other way round; a word that only holds the letters is not the acronym.
        let got = chosen(
            "Adopt a NAP and fund it",
            "The cabinet approved a national action plan. Police investigated a kidnapping.",
        );
        assert_eq!(got, ["The cabinet approved a national action plan."]);
    }

    #[test]
    fn training_named_after_other_things_asked_does_not_gate_the_ask() {
        // Training is the third thing asked: the procedures are the point.
        let got = chosen(
            "Draft, adopt, and train officials on guidelines for screening migrant workers",
            "The ministry adopted guidelines for screening migrant workers at border posts.",
        );
        assert_eq!(
            got,
            ["The ministry adopted guidelines for screening migrant workers at border posts."]
        );
        // Asked first, it does: a sentence not on training does not answer it.
        let got = chosen(
            "Train officials on guidelines for screening migrant workers",
            "The ministry adopted guidelines for screening migrant workers at border posts.",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn what_the_law_prescribes_answers_an_ask_about_the_law_only() {
        let law = "Article 128 of the criminal code criminalized sex trafficking and labor \
                   trafficking and prescribed penalties of three to eight years' imprisonment.";
        let cases = "Authorities prosecuted 14 suspects under Article 128 in 2020.";
        let body = format!("{law} {cases}");
        // An ask to prosecute under the articles: the prosecutions, not the penalties written.
        let got = chosen(
            "Increase efforts to investigate and prosecute trafficking offenses using Article 128 \
             of the criminal code, rather than provisions that prescribe lower penalties",
            &body,
        );
        assert_eq!(got, [cases]);
        // An ask to amend the code: the law as it stands speaks to it.
        let got = chosen(
            "Amend the criminal code to prescribe penalties for labor trafficking",
            &body,
        );
        assert!(got.contains(&law.to_string()), "{got:?}");
    }

    #[test]
    fn training_for_another_purpose_does_not_answer_an_ask_to_train() {
        let ask = "Train police, judges, and prosecutors on a victim-centered approach to \
                   investigations";
        let other = "The police academy trained 300 police officers on community policing and \
                     election security.";
        let ours = "The police academy trained 120 police officers on victim-centered \
                    interviews in trafficking investigations.";
        let got = chosen(ask, &format!("{other} {ours}"));
        assert_eq!(got, [ours]);
    }

    #[test]
    fn capacity_to_do_something_asks_for_the_doing() {
        let got = chosen(
            "Strengthen capacity to shelter victims of forced labor",
            "The government opened two shelters for victims of forced labor.",
        );
        assert_eq!(
            got,
            ["The government opened two shelters for victims of forced labor."]
        );
    }

    #[test]
    fn a_word_said_throughout_the_narrative_keeps_its_weight() {
        // Weighed within this text alone, "foreign" and "victims" would weigh nothing.
        let got = chosen(
            "Ensure that foreign victims receive assistance",
            "Foreign victims came from Uzbekistan. Foreign victims were mostly men. Foreign \
             victims were identified in raids. There were no shelters available to foreign \
             victims.",
        );
        assert!(got.contains(&"There were no shelters available to foreign victims.".to_string()));
    }

    #[test]
    fn a_recommendation_is_never_evidence() {
        let got = chosen(
            "Increase efforts to identify foreign victims",
            "Increase efforts to identify foreign victims. Recommendations for X: identify \
             foreign victims; fund shelters. Police identified 12 foreign victims.",
        );
        assert_eq!(got, ["Police identified 12 foreign victims."]);
    }

    #[test]
    fn a_short_text_still_gets_its_suggestions() {
        // No fixed floor: one short sentence that speaks to the ask is enough.
        assert_eq!(
            chosen(
                "Screen migrants for trafficking",
                "Police screened migrants."
            ),
            ["Police screened migrants."]
        );
    }

    #[test]
    fn query_terms_drop_stopwords_and_repeats() {
        assert_eq!(
            query_terms("Increase efforts to identify foreign victims of forced labor and victims"),
            ["identify", "foreign", "victims", "forced", "labor"]
        );
        assert_eq!(
            query_pairs("identify foreign victims of both forced labor; and assist them"),
            ["identify foreign", "foreign victims", "forced labor"]
        );
    }
}
