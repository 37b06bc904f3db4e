//! Stems: Snowball English, plus the project's own equivalences (word forms the stemmer leaves
//! apart although a recommendation and a report use them for one thing).

use std::borrow::Cow;

use rust_stemmers::Algorithm;

/// Word forms the stemmer leaves apart although a recommendation and a report use them for one
/// thing ("complicit officials", "official complicity"; British and American spelling).
const EQUIVALENCES: &[(&str, &str)] = &[
    ("complicity", "complicit"),
    ("labour", "labor"),
    // Snowball leaves "identif" apart from "identifi".
    ("identification", "identify"),
    ("identifications", "identify"),
];

/// The form `word` (lowercased) is stemmed as: its equivalent if it has one, else itself.
pub fn equivalent(word: &str) -> &str {
    EQUIVALENCES
        .iter()
        .find(|(form, _)| *form == word)
        .map_or(word, |(_, same)| same)
}

/// Snowball English, with or without [`EQUIVALENCES`].
pub struct Stemmer {
    snowball: rust_stemmers::Stemmer,
    equivalences: bool,
}

impl Default for Stemmer {
    fn default() -> Self {
        Stemmer::new()
    }
}

impl Stemmer {
    /// Snowball English, with the project's equivalences applied first: what the evidence
    /// ranking and its highlighting compare.
    pub fn new() -> Self {
        Stemmer {
            snowball: rust_stemmers::Stemmer::create(Algorithm::English),
            equivalences: true,
        }
    }

    /// Snowball English alone. Linking compares asks this way: its equivalences are its own
    /// phrase thesaurus (`crate::link`), and folding "complicity" or "labour" there would move
    /// links the linking rules were measured with.
    pub fn snowball_only() -> Self {
        Stemmer {
            equivalences: false,
            ..Stemmer::new()
        }
    }

    /// The stem of `word`, which must already be lowercased.
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        let word = if self.equivalences {
            equivalent(word)
        } else {
            word
        };
        self.snowball.stem(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_meet() {
        let s = Stemmer::new();
        assert_eq!(s.stem("identified"), s.stem("identify"));
        assert_eq!(s.stem("identifies"), s.stem("identify"));
    }

    #[test]
    fn the_project_equivalences_meet_only_when_asked_for() {
        let s = Stemmer::new();
        assert_eq!(s.stem("complicity"), s.stem("complicit"));
        assert_eq!(s.stem("labour"), s.stem("labor"));
        assert_eq!(s.stem("identification"), s.stem("identified"));
        let plain = Stemmer::snowball_only();
        assert_ne!(plain.stem("complicity"), plain.stem("complicit"));
        assert_ne!(plain.stem("labour"), plain.stem("labor"));
        assert_eq!(plain.stem("identified"), s.stem("identified"));
    }
}
