//! One country narrative: its title year, heading (country and tier), sections and
//! recommendations block, with the page furniture around it left out.

use std::sync::LazyLock;

use regex::Regex;

use crate::country;
use crate::model::{ParsedNarrative, Section, SectionKind, Tier};
use crate::parse::recommendations::split_semicolon_list;

/// A title line stating the report year: "Trafficking in Persons Report 2011",
/// "Trafficking in Persons Report, June 2009", "2011 Trafficking in Persons Report - Kazakhstan".
static TITLE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \btrafficking\s+in\s+persons\s+report\b [\s,:–-]* (?:june\s+)? (?P<after>(?:19|20)\d\d)\b
        | \b(?P<before>(?:19|20)\d\d) \s+ (?:u\.?s\.?\s+)? trafficking\s+in\s+persons\s+report\b",
    )
    .expect("TITLE_YEAR is a valid regex")
});

/// "KAZAKHSTAN (Tier 2)", "HAITI (TIER 2 - WATCH LIST)", "ARUBA (Tier 2)*", optionally followed
/// by a republishing site's "[Extracted from ...]".
static HEADING_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?P<name>[^()\[\]:]{2,60}?)\s*\((?P<tier>tier\s*[^)]{1,20}|special\s+case)\)\s*\**\s*(?:\[.*\])?$",
    )
    .expect("HEADING_PAREN is a valid regex")
});

/// "KAZAKHSTAN: Tier 2", "MONGOLIA: TIER 2", "SOMALIA: SPECIAL CASE".
static HEADING_COLON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?P<name>[^()\[\]:]{2,60}?)\s*:\s*(?P<tier>tier\s*[0-9a-z -]{1,20}?|special\s+case)\s*\**\s*(?:\[.*\])?$",
    )
    .expect("HEADING_COLON is a valid regex")
});

/// "Special Case: SOMALIA".
static HEADING_SPECIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^special\s+case\s*:\s*(?P<name>[^()\[\]:]{2,60}?)\s*(?:\[.*\])?$")
        .expect("HEADING_SPECIAL is a valid regex")
});

/// "Recommendations for Kazakhstan: Increase ...", the items on the same line.
static RECOMMENDATIONS_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^recommendations?\s+for\s+(?P<name>[^:]{2,60}?)\s*:\s*(?P<rest>\S.*)$")
        .expect("RECOMMENDATIONS_INLINE is a valid regex")
});

/// "Recommendations for Kazakhstan:" alone on its line, the items in the next paragraph.
static RECOMMENDATIONS_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:prioritized\s+)?recommendations?(?:\s+for\s+(?P<name>[^:]{2,60}?))?\s*:?$")
        .expect("RECOMMENDATIONS_LINE is a valid regex")
});

/// Lines that start a site's trailer: nothing from there on is narrative.
const TRAILER_STARTS: [&str; 5] = [
    "associated documents",
    "disclaimer",
    "document id",
    "document #",
    "cite as",
];

/// Parses one narrative's text (already decoded and normalised).
pub fn parse_narrative(text: &str) -> ParsedNarrative {
    let all_lines: Vec<&str> = text.lines().collect();
    let end = all_lines
        .iter()
        .position(|line| is_trailer_start(line))
        .unwrap_or(all_lines.len());
    let lines = &all_lines[..end];
    let kept = lines.join("\n").trim().to_string();

    let mut warnings = Vec::new();
    let year = lines
        .iter()
        .filter(|l| l.len() <= 160)
        .find_map(|line| title_year(line));
    let heading = lines
        .iter()
        .enumerate()
        .find_map(|(i, line)| parse_heading(line).map(|h| (i, h)));

    let (body_start, mut country_name, tier) = match heading {
        Some((i, (name, tier))) => (i + 1, Some(name), tier),
        None => (first_body_line(lines), None, None),
    };

    let (sections, block_country) = split_sections(&lines[body_start..]);
    if country_name.is_none() {
        country_name = block_country;
    }

    let recommendations = match sections
        .iter()
        .find(|s| s.kind == SectionKind::Recommendations)
    {
        Some(section) => {
            let items = split_semicolon_list(&section.body);
            if items.is_empty() {
                warnings.push("the recommendations block is empty".to_string());
            }
            items
        }
        None => {
            warnings.push(
                "no recommendations block found; imported with no recommendations".to_string(),
            );
            Vec::new()
        }
    };

    ParsedNarrative {
        country_name,
        year,
        tier,
        text: kept,
        sections,
        recommendations,
        warnings,
    }
}

fn is_trailer_start(line: &str) -> bool {
    let line = line.trim().to_lowercase();
    TRAILER_STARTS.iter().any(|start| line.starts_with(start))
}

fn title_year(line: &str) -> Option<i64> {
    let caps = TITLE_YEAR.captures(line)?;
    let year = caps.name("after").or_else(|| caps.name("before"))?;
    year.as_str().parse().ok()
}

/// Reads a heading line into the country name as written and its tier. A line only counts when
/// its name is a known country, so that "Prosecution (Tier 2 ...)"-like prose never matches.
fn parse_heading(line: &str) -> Option<(String, Option<Tier>)> {
    let line = line.trim();
    if line.len() > 160 {
        return None;
    }
    for pattern in [&*HEADING_PAREN, &*HEADING_COLON] {
        if let Some(caps) = pattern.captures(line) {
            let name = caps["name"].trim();
            if let (Some(_), Some(tier)) = (country::lookup(name), Tier::parse(&caps["tier"])) {
                return Some((name.to_string(), Some(tier)));
            }
        }
    }
    let caps = HEADING_SPECIAL.captures(line)?;
    let name = caps["name"].trim();
    country::lookup(name).map(|_| (name.to_string(), Some(Tier::SpecialCase)))
}

/// Without a heading, the body starts after any title lines at the top.
fn first_body_line(lines: &[&str]) -> usize {
    lines
        .iter()
        .position(|line| !line.trim().is_empty() && title_year(line).is_none())
        .unwrap_or(lines.len())
}

/// The kind of a section heading line, if the line is one.
fn section_heading(line: &str) -> Option<SectionKind> {
    let words = line.trim().trim_end_matches(':').trim().to_lowercase();
    match words.as_str() {
        "prosecution" => Some(SectionKind::Prosecution),
        "protection" => Some(SectionKind::Protection),
        "prevention" => Some(SectionKind::Prevention),
        "trafficking profile" => Some(SectionKind::Profile),
        "government efforts" => Some(SectionKind::Other),
        _ => None,
    }
}

/// Cuts the body (everything after the heading) into sections. The recommendations block is
/// its paragraph alone; text after it and before the next heading becomes an untitled section.
/// Also returns the country named in "Recommendations for <Country>", if any.
fn split_sections(lines: &[&str]) -> (Vec<Section>, Option<String>) {
    let mut sections = Vec::new();
    let mut block_country = None;
    let mut current = Section {
        kind: SectionKind::Introduction,
        heading: None,
        body: String::new(),
    };
    // Inside a recommendations block: true until its paragraph has ended.
    let mut in_block = false;

    let push = |section: Section, sections: &mut Vec<Section>| {
        let body = section.body.trim().to_string();
        if !body.is_empty() || section.heading.is_some() {
            sections.push(Section { body, ..section });
        }
    };

    for line in lines {
        let trimmed = line.trim();
        if let Some(kind) = section_heading(trimmed) {
            push(
                std::mem::replace(&mut current, new_section(kind, trimmed, "")),
                &mut sections,
            );
            in_block = false;
            continue;
        }
        if let Some(caps) = RECOMMENDATIONS_INLINE.captures(trimmed) {
            let heading = trimmed[..caps.name("rest").map_or(0, |m| m.start())].trim();
            block_country = Some(caps["name"].trim().to_string());
            let section = new_section(SectionKind::Recommendations, heading, &caps["rest"]);
            push(std::mem::replace(&mut current, section), &mut sections);
            in_block = true;
            continue;
        }
        if let Some(caps) = RECOMMENDATIONS_LINE.captures(trimmed) {
            block_country = caps.name("name").map(|m| m.as_str().trim().to_string());
            let section = new_section(SectionKind::Recommendations, trimmed, "");
            push(std::mem::replace(&mut current, section), &mut sections);
            in_block = true;
            continue;
        }
        if in_block && trimmed.is_empty() && !current.body.trim().is_empty() {
            // The block's paragraph has ended; what follows is ordinary narrative again.
            let rest = Section {
                kind: SectionKind::Other,
                heading: None,
                body: String::new(),
            };
            push(std::mem::replace(&mut current, rest), &mut sections);
            in_block = false;
            continue;
        }
        current.body.push_str(line);
        current.body.push('\n');
    }
    push(current, &mut sections);
    (sections, block_country)
}

fn new_section(kind: SectionKind, heading: &str, body: &str) -> Section {
    Section {
        kind,
        heading: Some(heading.to_string()),
        body: format!("{body}\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn headings_in_their_common_forms() {
        let cases = [
            (
                "KAZAKHSTAN (Tier 2)",
                Some(("KAZAKHSTAN", Some(Tier::Tier2))),
            ),
            (
                "Kazakhstan (Tier 2 Watch List)",
                Some(("Kazakhstan", Some(Tier::Tier2WatchList))),
            ),
            (
                "KAZAKHSTAN: Tier 2",
                Some(("KAZAKHSTAN", Some(Tier::Tier2))),
            ),
            ("MONGOLIA: TIER 2", Some(("MONGOLIA", Some(Tier::Tier2)))),
            (
                "HAITI (TIER 2 - WATCH LIST)",
                Some(("HAITI", Some(Tier::Tier2WatchList))),
            ),
            ("ARUBA (Tier 2)*", Some(("ARUBA", Some(Tier::Tier2)))),
            (
                "SOMALIA: SPECIAL CASE",
                Some(("SOMALIA", Some(Tier::SpecialCase))),
            ),
            (
                "Special Case: SOMALIA",
                Some(("SOMALIA", Some(Tier::SpecialCase))),
            ),
            (
                "GEORGIA (Tier 1) [Extracted from U.S. State Dept Trafficking in Persons Report, June 2009]",
                Some(("GEORGIA", Some(Tier::Tier1))),
            ),
            (
                "KOREA, SOUTH (Tier 1)",
                Some(("KOREA, SOUTH", Some(Tier::Tier1))),
            ),
            ("Prosecution (Tier 2)", None),
            ("Prosecution", None),
            ("KAZAKHSTAN", None),
        ];
        for (line, expected) in cases {
            let got = parse_heading(line);
            let expected = expected.map(|(name, tier)| (name.to_string(), tier));
            assert_eq!(got, expected, "{line}");
        }
    }

    #[test]
    fn title_years_in_their_common_forms() {
        let cases = [
            ("Trafficking in Persons Report 2011", Some(2011)),
            (
                "2011 Trafficking in Persons Report - Kazakhstan",
                Some(2011),
            ),
            ("Trafficking in Persons Report, June 2009", Some(2009)),
            (
                "U.S. Department of State 2005 Trafficking in Persons Report - Georgia",
                Some(2005),
            ),
            ("TRAFFICKING IN PERSONS REPORT", None),
        ];
        for (line, expected) in cases {
            assert_eq!(title_year(line), expected, "{line}");
        }
    }

    #[test]
    fn a_narrative_without_a_block_warns() {
        let parsed = parse_narrative(
            "Trafficking in Persons Report 2010\n\nKAZAKHSTAN (Tier 2)\n\nIntro.\n\nProsecution\n\nText.\n",
        );
        assert_eq!(parsed.recommendations, Vec::<String>::new());
        assert_eq!(
            parsed.warnings,
            ["no recommendations block found; imported with no recommendations"]
        );
        let kinds: Vec<_> = parsed.sections.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [SectionKind::Introduction, SectionKind::Prosecution]);
    }

    #[test]
    fn a_block_on_its_own_line_takes_the_next_paragraph() {
        let parsed = parse_narrative(
            "Recommendations for Kazakhstan:\n\nDo one; and do two.\n\nMore intro.\n\nProtection\n\nText.\n",
        );
        assert_eq!(parsed.country_name.as_deref(), Some("Kazakhstan"));
        assert_eq!(parsed.year, None);
        assert_eq!(parsed.recommendations, ["Do one", "do two"]);
        let kinds: Vec<_> = parsed.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SectionKind::Recommendations,
                SectionKind::Other,
                SectionKind::Protection
            ]
        );
    }
}
