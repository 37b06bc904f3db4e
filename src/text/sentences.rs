//! The one sentence splitter and its one abbreviation list.
//!
//! A sentence ends at ".", "?" or "!" followed by a gap and a letter that may open a sentence
//! (a capital, and whatever else [`Options::opens`] allows), unless the full stop closes an
//! initial or an abbreviation ([`is_abbreviation`]). The callers cut different texts and keep
//! different habits, each an explicit option:
//!
//! - [`Options::ITEMS`] (recommendation items, `parse::recommendations`): a closing quote or
//!   bracket after the stop stays with its sentence; spaces only (an item is one line); a
//!   sentence may open with a quote.
//! - [`Options::EVIDENCE`] (the ranked sentences, `suggest`): any whitespace, line ends too (a
//!   paragraph is hard-wrapped); a sentence may open with a digit or a quote; a lone mark
//!   between two stops is no sentence; spans keep the paragraph's leading whitespace, since
//!   they are offsets the stored evidence points at.
//! - [`Options::FIGURES`] (`parse::figures`): each line on its own, exactly one space after
//!   the stop, a sentence may open with "$", and no abbreviations: a figure is read from the
//!   sentence it is in, and a stop after "U.S." followed by a capital ends one there.

use std::ops::Range;

/// How [`split`] cuts: see the module documentation for what each caller uses and why.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Closing quotes and brackets right after the stop belong to the sentence it ends.
    pub closing_marks: bool,
    /// What must come between the stop and the next sentence.
    pub gap: Gap,
    /// Besides a capital, the characters a sentence may open with.
    pub opens: &'static [char],
    /// Whether a digit may open a sentence.
    pub digit_opens: bool,
    /// Whether a full stop after an initial or an abbreviation is kept inside the sentence.
    pub abbreviations: bool,
    /// Whether each line is cut on its own (a line end always ends a sentence).
    pub lines: bool,
    /// Whether a piece of one character between two stops (a stray ".") is dropped.
    pub drop_lone_marks: bool,
    /// Whether the text's leading whitespace is trimmed from its first sentence.
    pub trim_leading: bool,
}

/// What separates a stop from the next sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// Exactly one space.
    OneSpace,
    /// One or more spaces.
    Spaces,
    /// One or more whitespace characters, line ends included.
    Whitespace,
}

impl Options {
    /// Recommendation items (see the module documentation).
    pub const ITEMS: Options = Options {
        closing_marks: true,
        gap: Gap::Spaces,
        opens: &['“', '"'],
        digit_opens: false,
        abbreviations: true,
        lines: false,
        drop_lone_marks: false,
        trim_leading: true,
    };

    /// The sentences ranked as evidence (see the module documentation).
    pub const EVIDENCE: Options = Options {
        closing_marks: false,
        gap: Gap::Whitespace,
        opens: &['"', '“'],
        digit_opens: true,
        abbreviations: true,
        lines: false,
        drop_lone_marks: true,
        trim_leading: false,
    };

    /// The sentences figures are read from (see the module documentation).
    pub const FIGURES: Options = Options {
        closing_marks: false,
        gap: Gap::OneSpace,
        opens: &['$'],
        digit_opens: false,
        abbreviations: false,
        lines: true,
        drop_lone_marks: false,
        trim_leading: true,
    };
}

/// Abbreviations after which a full stop does not end a sentence (besides any word with a full
/// stop inside, "U.S", "e.g", and single capitals, initials).
const ABBREVIATIONS: &[&str] = &[
    "No", "Nos", "Art", "Arts", "Mr", "Mrs", "Ms", "Dr", "St", "Etc", "etc", "Gov", "Jan", "Feb",
    "Aug", "Sept", "Oct", "Nov", "Dec", "Vol", "vs", "approx",
];

/// Whether a full stop after `word` (the text since the last space or "(") closes an initial or
/// an abbreviation ("U.S.", "U. A. E. )", "No.", "Etc.") rather than a sentence.
pub fn is_abbreviation(word: &str) -> bool {
    let single_letter = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_letter || word.contains('.') || ABBREVIATIONS.contains(&word)
}

/// The sentences of `text` as byte ranges into it, with no trailing whitespace (nor leading,
/// unless [`Options::trim_leading`] is off), none empty.
pub fn split(text: &str, options: &Options) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if options.lines {
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            for range in split_one(line, options) {
                out.push(offset + range.start..offset + range.end);
            }
            offset += line.len();
        }
    } else {
        out = split_one(text, options);
    }
    out
}

/// The sentences of `text` as string slices (see [`split`]).
pub fn pieces<'a>(text: &'a str, options: &Options) -> Vec<&'a str> {
    split(text, options).into_iter().map(|r| &text[r]).collect()
}

/// The quotes and brackets that may close a sentence after its stop.
const CLOSING_MARKS: &[char] = &['"', '\'', '’', '”', ')', ']'];

fn split_one(text: &str, options: &Options) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map_or(text.len(), |&(j, _)| j);
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '?' | '!') || i < start {
            continue;
        }
        // `end`: index in `chars` just past the stop and any closing marks.
        let mut end = k + 1;
        if options.closing_marks {
            while end < chars.len() && CLOSING_MARKS.contains(&chars[end].1) {
                end += 1;
            }
        }
        let mut next = end;
        let is_gap = |c: char| match options.gap {
            Gap::OneSpace | Gap::Spaces => c == ' ',
            Gap::Whitespace => c.is_whitespace(),
        };
        while next < chars.len() && is_gap(chars[next].1) {
            next += 1;
            if options.gap == Gap::OneSpace {
                break;
            }
        }
        let opens = chars.get(next).is_some_and(|&(_, n)| {
            n.is_uppercase()
                || options.opens.contains(&n)
                || (options.digit_opens && n.is_ascii_digit())
        });
        if next == end || !opens {
            continue;
        }
        if options.abbreviations && c == '.' && end == k + 1 {
            let word_start = text[..i]
                .rfind(|ch: char| ch.is_whitespace() || ch == '(')
                .map_or(0, |p| p + 1);
            if is_abbreviation(&text[word_start.max(start)..i]) {
                continue;
            }
        }
        let piece = trimmed(text, start..at(end), options.trim_leading || start > 0);
        let lone = options.drop_lone_marks && text[start..at(end)].trim().len() <= 1;
        if !lone && !piece.is_empty() {
            out.push(piece);
        }
        start = at(next);
    }
    let rest = trimmed(text, start..text.len(), options.trim_leading || start > 0);
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// `range` without its trailing whitespace, and without its leading whitespace if `leading`.
fn trimmed(text: &str, range: Range<usize>, leading: bool) -> Range<usize> {
    let piece = &text[range.clone()];
    let end = range.start + piece.trim_end().len();
    let start = if leading {
        range.start + (piece.len() - piece.trim_start().len())
    } else {
        range.start
    };
    start.min(end)..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str, options: &Options) -> Vec<String> {
        pieces(text, options)
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn a_closing_quote_or_bracket_stays_with_its_item() {
        let text = "Amend the law (as required.) Fund \"shelters.\" Train judges.";
        assert_eq!(
            cut(text, &Options::ITEMS),
            [
                "Amend the law (as required.)",
                "Fund \"shelters.\"",
                "Train judges."
            ]
        );
        // Evidence and figures cut only right after the stop.
        assert_eq!(cut(text, &Options::EVIDENCE), [text]);
        assert_eq!(cut(text, &Options::FIGURES), [text]);
    }

    #[test]
    fn the_gap_each_caller_accepts() {
        let wrapped = "It convicted two.\nIt identified none.";
        assert_eq!(cut(wrapped, &Options::ITEMS), [wrapped]);
        assert_eq!(
            cut(wrapped, &Options::EVIDENCE),
            ["It convicted two.", "It identified none."]
        );
        assert_eq!(
            cut(wrapped, &Options::FIGURES),
            ["It convicted two.", "It identified none."]
        );
        let two_spaces = "It convicted two.  It identified none.";
        assert_eq!(
            cut(two_spaces, &Options::ITEMS),
            ["It convicted two.", "It identified none."]
        );
        assert_eq!(
            cut(two_spaces, &Options::EVIDENCE),
            ["It convicted two.", "It identified none."]
        );
        assert_eq!(cut(two_spaces, &Options::FIGURES), [two_spaces]);
    }

    #[test]
    fn what_may_open_a_sentence() {
        let digit = "It reported cases in 2011. 69 were prosecuted.";
        assert_eq!(cut(digit, &Options::ITEMS), [digit]);
        assert_eq!(
            cut(digit, &Options::EVIDENCE),
            ["It reported cases in 2011.", "69 were prosecuted."]
        );
        assert_eq!(cut(digit, &Options::FIGURES), [digit]);
        let dollar = "It fined them. $500 was paid.";
        assert_eq!(
            cut(dollar, &Options::FIGURES),
            ["It fined them.", "$500 was paid."]
        );
        assert_eq!(cut(dollar, &Options::EVIDENCE), [dollar]);
        let quote = "It said so. “Victims” were found.";
        assert_eq!(
            cut(quote, &Options::ITEMS),
            ["It said so.", "“Victims” were found."]
        );
        assert_eq!(
            cut(quote, &Options::EVIDENCE),
            ["It said so.", "“Victims” were found."]
        );
        assert_eq!(cut(quote, &Options::FIGURES), [quote]);
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_a_sentence_except_for_figures() {
        let text = "The U.S. Government funded it under Art. 5 and No. 7 with J. Smith. Vol. Two.";
        assert_eq!(
            cut(text, &Options::ITEMS),
            [
                "The U.S. Government funded it under Art. 5 and No. 7 with J. Smith.",
                "Vol. Two."
            ]
        );
        assert_eq!(
            cut(text, &Options::EVIDENCE),
            [
                "The U.S. Government funded it under Art. 5 and No. 7 with J. Smith.",
                "Vol. Two."
            ]
        );
        assert_eq!(
            cut(text, &Options::FIGURES),
            [
                "The U.S.",
                "Government funded it under Art. 5 and No. 7 with J.",
                "Smith.",
                "Vol.",
                "Two."
            ]
        );
        for word in ["U.S", "e.g", "A", "No", "Etc", "etc", "approx", "Sept"] {
            assert!(is_abbreviation(word), "{word}");
        }
        assert!(!is_abbreviation("law") && !is_abbreviation("USA"));
    }

    #[test]
    fn a_lone_mark_is_no_evidence_sentence() {
        let text = "! It convicted two.";
        assert_eq!(cut(text, &Options::EVIDENCE), ["It convicted two."]);
        assert_eq!(cut(text, &Options::ITEMS), ["!", "It convicted two."]);
    }

    #[test]
    fn evidence_spans_keep_the_leading_whitespace_they_are_offsets_of() {
        let text = "  It convicted two. It identified none.  ";
        assert_eq!(split(text, &Options::EVIDENCE), [0..19, 20..39]);
        assert_eq!(split(text, &Options::ITEMS), [2..19, 20..39]);
        assert_eq!(split(text, &Options::FIGURES), [2..19, 20..39]);
    }

    #[test]
    fn figures_cut_each_line_and_ranges_point_into_the_whole_text() {
        let text = "First line. Second.\r\n\nThird";
        let ranges = split(text, &Options::FIGURES);
        let got: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(got, ["First line.", "Second.", "Third"]);
    }
}
