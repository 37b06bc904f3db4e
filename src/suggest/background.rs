//! Term weights over a broader collection than the one narrative being read: in how many
//! sentences of a background collection each stem appears. A narrative that speaks of foreign
//! victims throughout would, weighed on its own, give "foreign" and "victims" almost no weight;
//! weighed over the background they keep the weight they have in the report at large.
//!
//! The table (`background.tsv`, shipped in the binary) is counted from the real narratives of
//! `tests/fixtures/corpus/`, the seed and the first tuning set's narratives (never an untuned set),
//! cut into evidence sentences exactly as a narrative being read is ([`super::sentences`]).
//! `cargo test --lib background` checks that it is current; run it with
//! `TIPTRACK_WRITE_BACKGROUND=1` to write it anew after changing a source or the cutting.
//!
//! A fixed table, not the database's narratives: a suggestion must not change because another
//! country was imported, and an import must not recompute every country's suggestions.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// The shipped table: a first line `sentences<TAB>N`, then `stem<TAB>count` per line.
const TABLE: &str = include_str!("background.tsv");

/// The background collection: its size in sentences, and each stem's sentence count.
pub struct Background {
    sentences: u32,
    counts: FxHashMap<&'static str, u32>,
}

impl Background {
    /// The shipped table.
    pub fn shipped() -> &'static Background {
        static SHIPPED: LazyLock<Background> = LazyLock::new(|| Background::read(TABLE));
        &SHIPPED
    }

    fn read(table: &'static str) -> Background {
        let mut lines = table.lines();
        let sentences = lines
            .next()
            .and_then(|line| line.strip_prefix("sentences\t"))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let counts = lines
            .filter_map(|line| {
                let (stem, count) = line.split_once('\t')?;
                Some((stem, count.parse().ok()?))
            })
            .collect();
        Background { sentences, counts }
    }

    /// The inverse document frequency of a stem over the background (BM25's, as FTS5 computes
    /// it, floored at [`MIN_IDF`]): a stem the collection never holds weighs the most.
    pub fn idf(&self, stem: &str) -> f64 {
        let n = f64::from(self.sentences);
        let d = f64::from(self.counts.get(stem).copied().unwrap_or(0));
        ((n - d + 0.5) / (d + 0.5)).ln().max(MIN_IDF)
    }
}

impl Background {
    /// Whether a stem is in at least [`COMMON_SHARE`] of the background's sentences.
    pub fn is_common(&self, stem: &str) -> bool {
        let count = self.counts.get(stem).copied().unwrap_or(0);
        f64::from(count) >= COMMON_SHARE * f64::from(self.sentences)
    }
}

/// The share of the background's sentences a word must be in to be one of the report's
/// commonest ("trafficking", "victims", "forced", "labor"): a sentence holding only such words
/// of an ask does not answer it.
pub const COMMON_SHARE: f64 = 0.15;

/// The least weight a word has, however common: "trafficking" still counts for something.
pub const MIN_IDF: f64 = 0.1;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{self, EncodingChoice};
    use crate::suggest;
    use crate::text::{Stemmer, words};
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    /// The files the table is counted from, relative to the crate: the real corpus, the seed
    /// and the first tuning set's narratives (`quality/*.txt`). Never an untuned set.
    fn sources() -> Vec<std::path::PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut files = vec![root.join("tip-2011-kazakhstan.txt")];
        for dir in ["corpus", "quality"] {
            let mut found: Vec<_> = std::fs::read_dir(root.join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            found.sort();
            files.extend(found);
        }
        files
    }

    fn count() -> String {
        let stemmer = Stemmer::new();
        let mut sentences = 0u32;
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        for file in sources() {
            let bytes = std::fs::read(&file).unwrap();
            let document = parse::parse_bytes(&bytes, EncodingChoice::Auto).unwrap();
            for narrative in &document.narratives {
                let sections: Vec<(String, String)> = narrative
                    .sections
                    .iter()
                    .map(|s| (s.kind.as_str().to_string(), narrative.body(s).to_string()))
                    .collect();
                for sentence in suggest::sentences(&narrative.text, &sections) {
                    let body = &narrative.text[sentence.start..sentence.end];
                    let stems: BTreeSet<String> = words(body)
                        .into_iter()
                        .map(|(s, e)| stemmer.stem(&body[s..e].to_lowercase()).into_owned())
                        .collect();
                    sentences += 1;
                    for stem in stems {
                        *counts.entry(stem).or_default() += 1;
                    }
                }
            }
        }
        let mut out = format!("sentences\t{sentences}\n");
        for (stem, n) in counts {
            out.push_str(&format!("{stem}\t{n}\n"));
        }
        out
    }

    #[test]
    fn background_table_is_current() {
        let counted = count();
        if std::env::var_os("TIPTRACK_WRITE_BACKGROUND").is_some() {
            std::fs::write(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("src/suggest/background.tsv"),
                &counted,
            )
            .unwrap();
            return;
        }
        assert!(
            counted == TABLE,
            "src/suggest/background.tsv is not counted from the current sources: run \
             TIPTRACK_WRITE_BACKGROUND=1 cargo test --lib background_table_is_current"
        );
    }

    #[test]
    fn rare_words_weigh_more_than_common_ones() {
        let background = Background::shipped();
        let stem = |w: &str| Stemmer::new().stem(w).into_owned();
        assert!(background.sentences > 400);
        assert!(background.idf(&stem("trafficking")) < background.idf(&stem("foreign")));
        assert!(background.idf(&stem("foreign")) < background.idf(&stem("tobacco")));
        assert!(background.idf("never-seen-stem") > background.idf(&stem("cotton")) - 1e-9);
        assert!(background.idf(&stem("the")) >= MIN_IDF);
        assert!(background.is_common(&stem("trafficking")) && background.is_common(&stem("labor")));
        assert!(!background.is_common(&stem("foreign")) && !background.is_common(&stem("cotton")));
    }
}
