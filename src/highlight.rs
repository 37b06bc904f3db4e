//! Where a suggestion's matched words are, in its sentence and in the recommendation, for
//! `review` to highlight: byte ranges over the text, no styling and no I/O.
//!
//! A suggestion's `reason` lists the words the ranking matched (`crate::suggest`), as the
//! sentence writes them (lowercased, comma-separated); an entry of several words ("foreign
//! victims") matched as a phrase, and a figure the sentence reports ("investigations 2011: 69")
//! is not found in it and not highlighted. In the sentence those exact forms are found, as whole
//! words and ignoring case. The recommendation writes other forms of them ("identify" for
//! "identified"), so there words are compared by their English stem, as the ranking did.

use std::ops::Range;

use crate::text::Stemmer;

/// The ranges of `sentence` that `reason`'s entries match, sorted, overlaps merged.
pub fn in_sentence(sentence: &str, reason: &str) -> Vec<Range<usize>> {
    spans(sentence, reason, |word| word.to_string())
}

/// The ranges of a recommendation's text whose words (or phrases) share the stems of
/// `reason`'s entries, sorted, overlaps merged.
pub fn in_recommendation(text: &str, reason: &str) -> Vec<Range<usize>> {
    let stemmer = Stemmer::new();
    spans(text, reason, |word| stemmer.stem(word).into_owned())
}

/// The ranges where each entry's words, compared by `key`, occur one after another in `text`.
fn spans(text: &str, reason: &str, key: impl Fn(&str) -> String) -> Vec<Range<usize>> {
    let words = words(text);
    let keys: Vec<String> = words.iter().map(|(_, w)| key(w)).collect();
    let mut found: Vec<Range<usize>> = Vec::new();
    for entry in reason.split(',') {
        let entry: Vec<String> = words_of(entry).iter().map(|w| key(w)).collect();
        if entry.is_empty() {
            continue;
        }
        for start in 0..keys.len() {
            if keys[start..].starts_with(&entry) {
                let last = start + entry.len() - 1;
                found.push(words[start].0.start..words[last].0.end);
            }
        }
    }
    merge(found)
}

/// The words of a text (runs of letters and digits, as the ranking cuts them),
/// lowercased, with their byte ranges in the text.
fn words(text: &str) -> Vec<(Range<usize>, String)> {
    crate::text::words(text)
        .into_iter()
        .map(|(start, end)| (start..end, text[start..end].to_lowercase()))
        .collect()
}

fn words_of(text: &str) -> Vec<String> {
    words(text).into_iter().map(|(_, w)| w).collect()
}

/// Sorts ranges and joins those that overlap or touch.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for range in ranges {
        match out.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, ranges: &[Range<usize>]) -> String {
        let mut out = String::new();
        let mut at = 0;
        for r in ranges {
            out.push_str(&text[at..r.start]);
            out.push('[');
            out.push_str(&text[r.clone()]);
            out.push(']');
            at = r.end;
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn the_sentence_forms_are_found_as_whole_words_ignoring_case() {
        let sentence = "In 2011, the government identified 12 Foreign victims of forced labor \
                        and forced prostitution, compared with one foreign victim in 2010.";
        let reason = "identified, foreign victims, forced labor, forced";
        assert_eq!(
            marked(sentence, &in_sentence(sentence, reason)),
            "In 2011, the government [identified] 12 [Foreign victims] of [forced labor] \
             and [forced] prostitution, compared with one foreign victim in 2010."
        );
    }

    #[test]
    fn a_word_inside_another_is_not_a_match() {
        let sentence = "Labor inspectors laboriously collaborated.";
        assert_eq!(
            marked(sentence, &in_sentence(sentence, "labor")),
            "[Labor] inspectors laboriously collaborated."
        );
    }

    #[test]
    fn a_phrase_matches_only_its_words_in_order() {
        let sentence = "Victims, foreign or not; foreign victims.";
        assert_eq!(
            marked(sentence, &in_sentence(sentence, "foreign victims")),
            "Victims, foreign or not; [foreign victims]."
        );
    }

    #[test]
    fn the_recommendation_side_matches_other_forms_of_the_words() {
        let text = "Increase efforts to identify foreign victims of forced labor.";
        let reason = "identified, foreign victims, labor";
        assert_eq!(
            marked(text, &in_recommendation(text, reason)),
            "Increase efforts to [identify] [foreign victims] of forced [labor]."
        );
    }

    #[test]
    fn no_reason_no_highlight() {
        assert!(in_sentence("Some sentence.", "").is_empty());
        assert!(in_recommendation("Some sentence.", " , ").is_empty());
    }
}
