//! Text as copies lay it out, turned into logical lines: page furniture dropped, lines that a PDF
//! or a site hard-wrapped joined again, and words hyphenated across line ends mended.
//!
//! A "logical line" is a paragraph, a heading or one list item. Blank lines are kept, because
//! two of them in a row stand where some copies dropped a section header.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

/// Lines from which nothing more is narrative: a site's trailer.
const TRAILER_STARTS: [&str; 6] = [
    "associated documents",
    "disclaimer",
    "document id",
    "document #",
    "cite as",
    "related documents",
];

/// Lines that are furniture wherever they stand: running page headers and footers, page
/// numbers, a republishing site's labels, and the remains of a heading's annotation.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            trafficking\ in\ persons\ report(?:\s*[|–-]\s*(?:june\ \d{4}|\d+(?:st|nd|rd|th)\ edition))?
          | (?:june\ )?\d{4}\ trafficking\ in\ persons\ report   # running header with a year
          | \d+(?:st|nd|rd|th)\ edition
          | june\ \d{4}
          | \d{1,4}                                                 # page numbers
          | last\ updated:?.*
          | publisher:?.*
          | usdos\ [–-]\ us\ department\ of\ state.*
          | an\ official\ website\ of\ the\ united\ states\ government.*
          | here'?s\ how\ you\ know.*
          | in\ this\ section:?
          | part\ from\ the\ u\.?\ ?s\.?\ state\ dep(?:t|artment)\.?
          | extracted\ in\ part
        )$",
    )
    .expect("FURNITURE is a valid regex")
});

/// Whether a line starts a site's trailer.
pub fn is_trailer_start(line: &str) -> bool {
    let line = line.trim().to_lowercase();
    TRAILER_STARTS.iter().any(|start| line.starts_with(start))
}

/// Whether a line is page furniture (see [`FURNITURE`]). Title lines that state the year are
/// not furniture: callers read the year from them first.
pub fn is_furniture(line: &str) -> bool {
    FURNITURE.is_match(line.trim())
}

/// The lines without page furniture. A page break inside a paragraph (running header, page
/// number, blank lines) leaves no trace, so the paragraph joins up again; one between
/// paragraphs leaves one blank line. `keep` spares furniture-like lines the caller needs (a
/// title stating the year).
pub fn drop_furniture<'a>(lines: &[&'a str], keep: impl Fn(&str) -> bool) -> Vec<&'a str> {
    let mut kept: Vec<&'a str> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if !is_furniture(lines[i]) || keep(lines[i]) {
            kept.push(lines[i]);
            i += 1;
            continue;
        }
        while kept.last().is_some_and(|l| l.trim().is_empty()) {
            kept.pop();
        }
        while i < lines.len()
            && (lines[i].trim().is_empty()
                || (is_furniture(lines[i]) && !keep(lines[i]))
                || is_running_country(lines, i))
        {
            i += 1;
        }
        if kept.last().is_some_and(|l| ends_a_unit(l)) {
            kept.push("");
        }
    }
    kept
}

/// Whether line `i`, next to other page furniture, is the country name the PDF runs at the top
/// of each page ("ZIMBABWE"): in capitals, a country, and not a heading whose tier follows on
/// the next line.
fn is_running_country(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim();
    // Only a name: a heading ("ZAMBIA: TIER 2", "ZAMBIA (TIER 2)") has more.
    let capitals = line.chars().any(char::is_alphabetic)
        && !line
            .chars()
            .any(|c| c.is_lowercase() || c.is_ascii_digit() || matches!(c, ':' | '('))
        && line.len() <= 40;
    if !capitals || crate::country::lookup(line).is_none() {
        return false;
    }
    let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
    next.is_none_or(|l| crate::model::Tier::parse(l).is_none())
}

/// Whether a line ends a sentence.
fn ends_a_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '\'', '’', '”', ')', ']', '*']);
    trimmed.ends_with(['.', '!', '?'])
}

/// Lines ending with one of these end a sentence, a clause of a list, or a heading's label.
fn ends_a_unit(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '\'', '’', '”', ')', ']', '*']);
    trimmed.ends_with(['.', ':', ';', '!', '?'])
}

/// What a line is, for joining wrapped lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRole {
    /// Running text: may continue the line before and be continued.
    Text,
    /// A heading or title: stands alone.
    Heading,
    /// The start of a list item: never continues the line before, may be continued.
    ItemStart,
}

/// Joins hard-wrapped lines into logical lines.
///
/// `role` tells headings and list items apart from running text. A line that does not end a
/// unit is joined with the next when the next starts in lower case (it cannot start a new
/// sentence), or when the whole text is hard-wrapped (most of its lines stop mid-sentence), as
/// PDF copies are.
pub fn unwrap_lines(lines: &[&str], role: impl Fn(&str) -> LineRole) -> Vec<String> {
    let wrapped = is_hard_wrapped(lines);
    let words = DocumentWords::new(lines);
    let mut out: Vec<String> = Vec::new();
    // Whether the last logical line may take the next line: running text or an item.
    let mut open = false;
    for raw in lines {
        let line = raw.trim();
        if line.is_empty() {
            out.push(String::new());
            open = false;
            continue;
        }
        let role = role(line);
        let starts_lower = line.chars().next().is_some_and(|c| c.is_lowercase());
        if open
            && role == LineRole::Text
            && let Some(last) = out.last_mut()
        {
            // A line in lower case goes on whatever came before, unless a sentence ended there;
            // in hard-wrapped text any line goes on a line that stopped mid-sentence.
            // A semicolon or comma does not stop a hard-wrapped line: an item of a 2019+ list may
            // go on after one ("...fishermen;" / "North Korean defectors; ...").
            let continues = (starts_lower && !ends_a_sentence(last))
                || (wrapped && !ends_a_sentence(last) && !last.ends_with(':'));
            if continues {
                join(last, line, &words);
                continue;
            }
        }
        out.push(line.to_string());
        open = role != LineRole::Heading;
    }
    out
}

/// Appends `next` to `line`, mending a word hyphenated across the break ("traf-" + "ficking")
/// unless the document writes that word with a hyphen elsewhere ("government-funded").
fn join(line: &mut String, next: &str, words: &DocumentWords) {
    // "17-" + "year-old": a number's hyphen joins its word; "16-" + "and 17-year-old" is a
    // hyphen left hanging on purpose and keeps its space.
    let hanging = ["and ", "or ", "to "].iter().any(|w| next.starts_with(w));
    if line.ends_with('-')
        && line[..line.len() - 1].ends_with(|c: char| c.is_ascii_digit())
        && next.starts_with(|c: char| c.is_alphabetic())
        && !hanging
    {
        line.push_str(next);
        return;
    }
    let split = line.ends_with('-')
        && line[..line.len() - 1].ends_with(|c: char| c.is_alphabetic())
        && next.starts_with(|c: char| c.is_alphabetic());
    if !split {
        line.push(' ');
        line.push_str(next);
        return;
    }
    let head = line[..line.len() - 1]
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let tail = next
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    // "Anti-" + "Trafficking" keeps its hyphen; so does a compound the document writes with one
    // elsewhere, or one made of two words the document uses on their own ("trauma-informed").
    // Otherwise the hyphen only split a word ("traf-" + "ficking").
    let joined = format!("{head}{tail}");
    let keep_hyphen = next.starts_with(|c: char| c.is_uppercase())
        || COMPOUND_TAILS.contains(&tail.as_str())
        || words.hyphenated.contains(&format!("{head}-{tail}"))
        || (!words.plain.contains(&joined)
            && words.plain.contains(&head)
            && words.plain.contains(&tail));
    if !keep_hyphen {
        line.pop();
    }
    line.push_str(next);
}

/// Second halves of the compounds the report writes ("trauma-informed", "victim-centered",
/// "government-funded", "anti-trafficking"): after a hyphen at a line end, these keep it.
const COMPOUND_TAILS: &[&str] = &[
    "appropriate",
    "based",
    "centered",
    "centred",
    "focused",
    "free",
    "friendly",
    "funded",
    "informed",
    "led",
    "level",
    "like",
    "making",
    "oriented",
    "owned",
    "related",
    "run",
    "scale",
    "sensitive",
    "specific",
    "term",
    "trafficking",
    "wide",
];

/// The words of a document, to tell a word split at a line end from a hyphenated compound.
struct DocumentWords {
    /// Words written with a hyphen inside a line ("government-funded"), lower-cased.
    hyphenated: HashSet<String>,
    /// Every whole plain word, lower-cased.
    plain: HashSet<String>,
}

impl DocumentWords {
    fn new(lines: &[&str]) -> DocumentWords {
        static HYPHENATED: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"\b\w+-\w+\b").expect("valid regex"));
        let mut words = DocumentWords {
            hyphenated: HashSet::new(),
            plain: HashSet::new(),
        };
        for (i, line) in lines.iter().enumerate() {
            words.hyphenated.extend(
                HYPHENATED
                    .find_iter(line)
                    .map(|m| m.as_str().to_lowercase()),
            );
            // The words at a split (before a line's final hyphen, and first on the line after
            // one) are halves, not words.
            let mut parts: Vec<&str> = line
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 1)
                .collect();
            if line.trim_end().ends_with('-') {
                parts.pop();
            }
            if i > 0 && lines[i - 1].trim_end().ends_with('-') && !parts.is_empty() {
                parts.remove(0);
            }
            words.plain.extend(parts.into_iter().map(str::to_lowercase));
        }
        words
    }
}

/// Whether most lines of the text stop mid-sentence, as in text copied from a PDF.
fn is_hard_wrapped(lines: &[&str]) -> bool {
    let mut candidates = 0;
    let mut stopped = 0;
    for pair in lines.windows(2) {
        let (line, next) = (pair[0].trim(), pair[1].trim());
        if line.is_empty() || next.is_empty() {
            continue;
        }
        candidates += 1;
        if !ends_a_unit(line) {
            stopped += 1;
        }
    }
    candidates >= 4 && stopped * 2 >= candidates
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn unwrap(text: &str) -> Vec<String> {
        let lines: Vec<&str> = text.lines().collect();
        unwrap_lines(&lines, |line| {
            if line == "PROSECUTION" || line.starts_with("RECOMMENDATIONS") {
                LineRole::Heading
            } else {
                LineRole::Text
            }
        })
    }

    #[test]
    fn pdf_lines_join_and_hyphenated_words_mend() {
        let text = "The government did not report any investigations,\n\
                    prosecutions, or convictions of traf-\n\
                    ficking offenders in\n\
                    Mongolia; it funded government-\n\
                    funded shelters and government-funded hotlines.\n\
                    RECOMMENDATIONS FOR MONGOLIA:\n\
                    Enact the law; and train officials\n\
                    on it.\n\
                    PROSECUTION\n\
                    Text.";
        assert_eq!(
            unwrap(text),
            [
                "The government did not report any investigations, prosecutions, or convictions \
                 of trafficking offenders in Mongolia; it funded government-funded shelters and \
                 government-funded hotlines.",
                "RECOMMENDATIONS FOR MONGOLIA:",
                "Enact the law; and train officials on it.",
                "PROSECUTION",
                "Text.",
            ]
        );
    }

    #[test]
    fn one_item_per_line_stays_apart() {
        let text =
            "Intro ends here.\nDevelop procedures.\nIncrease efforts.\n\nThe government acted.";
        assert_eq!(
            unwrap(text),
            [
                "Intro ends here.",
                "Develop procedures.",
                "Increase efforts.",
                "",
                "The government acted."
            ]
        );
    }

    #[test]
    fn a_page_break_inside_a_paragraph_leaves_no_trace() {
        let lines = [
            "Intro ends.",
            "",
            "A paragraph runs",
            "",
            "171",
            "TRAFFICKING IN PERSONS REPORT",
            "JUNE 2023",
            "",
            "on here.",
            "",
            "342",
            "",
            "Next paragraph.",
        ];
        assert_eq!(
            drop_furniture(&lines, |_| false),
            [
                "Intro ends.",
                "",
                "A paragraph runs",
                "on here.",
                "",
                "Next paragraph."
            ]
        );
    }

    #[test]
    fn a_running_country_header_goes_but_a_split_heading_stays() {
        let lines = [
            "• Item one.",
            "",
            "532",
            "ZIMBABWE",
            "",
            "• Item two.",
            "",
            "ZAMBIA",
            "Tier 2",
        ];
        assert_eq!(
            drop_furniture(&lines, |_| false),
            ["• Item one.", "", "• Item two.", "", "ZAMBIA", "Tier 2"]
        );
    }

    #[test]
    fn furniture_lines() {
        for line in [
            "TRAFFICKING IN PERSONS REPORT | 20TH EDITION",
            "TRAFFICKING IN PERSONS REPORT | JUNE 2020",
            "20TH EDITION",
            "TRAFFICKING IN PERSONS REPORT",
            "JUNE 2020",
            "342",
            "Last Updated: 2 July 2011",
            "part from the U.S. State Dept",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "Trafficking in Persons Report 2011",
            "Prosecution",
            "The 2010 law.",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }
}
