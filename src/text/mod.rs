//! Words, sentences and stems: the one place text is cut into words and sentences and words are
//! reduced to stems, shared by `parse` (recommendation items, figures), `link` (recurring asks),
//! `suggest` (evidence ranking) and `highlight`. A fix to sentence cutting or stemming here helps
//! every caller at once.
//!
//! - [`words`]: runs of letters and digits, as byte spans.
//! - [`sentences`]: the one sentence splitter, its one abbreviation list and the options its
//!   callers need ([`sentences::Options`]).
//! - [`stems`]: Snowball English stems with the project's own equivalences.

pub mod sentences;
pub mod stems;

pub use stems::Stemmer;

/// The words of a text (runs of letters and digits) as byte spans (start, end).
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let text = "Côte d’Ivoire: 2,000 anti-trafficking";
        let got: Vec<&str> = words(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(
            got,
            ["Côte", "d", "Ivoire", "2", "000", "anti", "trafficking"]
        );
    }
}
