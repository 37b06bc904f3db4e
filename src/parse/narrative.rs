//! Reading narratives: the report year, where each narrative starts (its heading, with country
//! and tier), its sections, and where its recommendations block is.
//!
//! A file may hold one narrative or a whole report of them back to back. Headings that only a
//! navigation menu repeats ("In this section / Solomon Islands (Tier 2)") are not followed by
//! narrative prose, and do not start a narrative.

use std::sync::LazyLock;

use regex::Regex;

use crate::country;
use crate::model::{ParsedNarrative, ParsedRecommendation, Section, SectionKind, Tier};
use crate::parse::layout::{self, LineRole};
use crate::parse::recommendations as items;

/// A title stating the report year: "Trafficking in Persons Report 2011",
/// "Trafficking in Persons Report, June 2009", "2011 Trafficking in Persons Report - Kazakhstan",
/// "U.S. State Dept 2023 TIP Report".
static TITLE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \btrafficking\s+in\s+persons\s+report\b [\s,:–-]* (?:june\s+)? (?P<after>(?:19|20)\d\d)\b
        | \b(?P<before>(?:19|20)\d\d) \s+ (?:u\.?s\.?\s+)? (?:trafficking\s+in\s+persons|tip) \s+ report\b",
    )
    .expect("TITLE_YEAR is a valid regex")
});

/// What may follow a heading's tier on its line: a footnote mark, a site's annotation
/// ("[Extracted from ...]", "– Extracted in part from ...").
const ANNOTATION: &str = r"\s*\**\s*(?:\[.*\]|[–-]?\s*extracted\b.*)?";

/// "KAZAKHSTAN (Tier 2)", "HAITI (TIER 2 - WATCH LIST)", "ARUBA (Tier 2)*".
static HEADING_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?P<name>[^()\[\]:]{{2,60}}?)\s*\((?P<tier>tier\s*[^)]{{1,20}}|special\s+case)\){ANNOTATION}$"
    ))
    .expect("HEADING_PAREN is a valid regex")
});

/// "KAZAKHSTAN: Tier 2", "MONGOLIA: TIER 2", "SOMALIA: SPECIAL CASE".
static HEADING_COLON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?P<name>[^()\[\]:]{{2,60}}?)\s*:\s*(?P<tier>tier\s*(?:1|2|3|one|two|three)(?:\s*[-–]?\s*watch[\s-]*list)?|special\s+case){ANNOTATION}$"
    ))
    .expect("HEADING_COLON is a valid regex")
});

/// "Special Case: SOMALIA", possibly with the narrative running on in the same line.
static HEADING_SPECIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^special\s+case\s*:\s*(?P<rest>\S.*)$").expect("valid regex")
});

/// "Recommendations for Kazakhstan: Increase ..." or "RECOMMENDATIONS FOR MONGOLIA Enact ...";
/// also the header alone on its line.
static RECOMMENDATIONS_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^recommendations?\s+for\s+(?P<rest>.+)$").expect("valid regex")
});

/// "PRIORITIZED RECOMMENDATIONS", in any case, with or without a colon and inline items.
static PRIORITIZED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^prioriti[sz]ed\s+recommendations\s*:?\s*(?P<rest>.*)$").expect("valid regex")
});

/// "The Government of Georgia does not fully comply ...": the country in the narrative's own
/// words, for copies without a heading.
static GOVERNMENT_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[Tt]he [Gg]overnment of (?:the )?(?P<name>[A-Z][^.;()]{1,80})")
        .expect("valid regex")
});

/// "Taiwan authorities fully meet ...": how the report names a government it does not call one.
static AUTHORITIES_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.!?]\s+)(?:The\s+)?(?P<name>[A-Z][\w’' -]{1,40}?)\s+authorities\s+(?:do|does|did|fully|made|have|has|continued|demonstrated)\b")
        .expect("valid regex")
});

/// "JUNE 2020": a running page header that dates the report, when no title does.
static JUNE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^june\s+(?P<year>(?:19|20)\d\d)$").expect("valid regex"));

/// "therefore Kazakhstan remained on Tier 2", "was upgraded to Tier 2", "is placed on Tier 2
/// Watch List", "remains a Special Case".
static TIER_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:remained|remains|remain|placed|upgraded|downgraded|moved|ranked)\s+(?:on|to|at|in)\s+(?:the\s+)?(?P<tier>tier\s+(?:1|2|3|one|two|three)(?:\s+watch\s+list)?)\b|\bremains\s+a\s+(?P<special>special\s+case)\b",
    )
    .expect("valid regex")
});

/// The sentence a section opens with, for copies that dropped the section headings: "The
/// government maintained law enforcement efforts.", "The government slightly decreased
/// protection efforts."; and the profile's "As reported over the past five years, ...". At the
/// start of a line or after a sentence's end.
static SECTION_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:^|[.!?][\x22”’)]?\s+)
        (?P<opening>
          The\s+government\s+(?:\w+ly\s+)?(?:maintained|increased|decreased)\s+(?:its\s+)?(?:overall\s+)?
            (?P<kind>law\s+enforcement|prosecution|protection|prevention)\s+efforts\s*[.,]
          | As\s+reported\s+over\s+the\s+past\s+(?:five|\d+)\s+years,
        )",
    )
    .expect("SECTION_OPENING is a valid regex")
});

/// The section a line opens by its first sentence, for copies without section headings.
fn section_opening(line: &str) -> Option<SectionKind> {
    let caps = SECTION_OPENING.captures(line)?;
    if caps.get(0)?.start() != 0 {
        return None;
    }
    Some(match caps.name("kind").map(|k| k.as_str()) {
        Some("prosecution") => SectionKind::Prosecution,
        Some("protection") => SectionKind::Protection,
        Some("prevention") => SectionKind::Prevention,
        Some(_) => SectionKind::Prosecution,
        None => SectionKind::Profile,
    })
}

/// A line that runs a section's opening sentence on after other prose ("... 10 defendants. The
/// government increased protection efforts. ...") is split before it.
fn split_at_openings(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for caps in SECTION_OPENING.captures_iter(line) {
        let Some(opening) = caps.name("opening") else {
            continue;
        };
        let at = opening.start();
        if at > start {
            out.push(line[start..at].trim());
            start = at;
        }
    }
    out.push(line[start..].trim());
    out.retain(|l| !l.is_empty());
    out
}

/// The kind of a section heading line, if the line is one.
fn section_heading(line: &str) -> Option<SectionKind> {
    if line.len() > 40 {
        return None;
    }
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

/// The report year a line states as a title, if it does.
pub fn title_year(line: &str) -> Option<i64> {
    // Cheap tests first: most lines are prose, and this runs on every line.
    if line.len() > 200 || !(line.contains("eport") || line.contains("EPORT")) {
        return None;
    }
    let caps = TITLE_YEAR.captures(line)?;
    let year = caps.name("after").or_else(|| caps.name("before"))?;
    year.as_str().parse().ok()
}

/// A narrative heading: the country name as written, its tier, and any text that runs on after
/// it on the same line (flattened copies).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub name: String,
    pub tier: Option<Tier>,
    pub rest: String,
}

/// Reads a heading line. A line only counts when its name is a known country, so that prose or
/// a section title never starts a narrative.
pub fn parse_heading(line: &str) -> Option<Heading> {
    let line = line.trim();
    // Every heading names a tier or a special case; most lines are prose and name neither.
    let names_a_tier = ["ier", "IER", "pecial", "PECIAL"]
        .iter()
        .any(|w| line.contains(w));
    if !names_a_tier {
        return None;
    }
    if let Some(caps) = HEADING_SPECIAL.captures(line) {
        // The name is the longest run of leading words that is a country.
        let words: Vec<&str> = caps["rest"].split_whitespace().collect();
        for n in (1..=words.len().min(6)).rev() {
            let name = words[..n].join(" ");
            if country::lookup(&name).is_some() {
                return Some(Heading {
                    name,
                    tier: Some(Tier::SpecialCase),
                    rest: words[n..].join(" "),
                });
            }
        }
        return None;
    }
    if line.len() > 200 {
        return None;
    }
    for pattern in [&*HEADING_PAREN, &*HEADING_COLON] {
        if let Some(caps) = pattern.captures(line) {
            let name = caps["name"].trim();
            let known = country::lookup(name).is_some() || is_heading_name(name);
            if let (true, Some(tier)) = (known, Tier::parse(&caps["tier"])) {
                return Some(Heading {
                    name: name.to_string(),
                    tier: Some(tier),
                    rest: String::new(),
                });
            }
        }
    }
    None
}

/// A name in a heading's shape though no country tiptrack knows ("NARNIA: TIER 2"): in
/// capitals, a few words, no section's name. Such a heading still starts a narrative, so that
/// its text is not taken for the one before, and the import stops on its unknown country.
fn is_heading_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (1..=6).contains(&words)
        && name.chars().any(char::is_alphabetic)
        && name
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | ',' | '.' | '\'' | '’' | '-'))
        && section_heading(name).is_none()
        && !name.starts_with("PRIORITI")
        && !name.starts_with("RECOMMENDATION")
}

/// A recommendations header: whether it is the 2019+ "PRIORITIZED" kind, the country it names,
/// and the items that follow it on the same line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct BlockHeader {
    prioritized: bool,
    country: Option<String>,
    rest: String,
}

fn block_header(line: &str) -> Option<BlockHeader> {
    let line = line.trim();
    if !line
        .get(..3)
        .is_some_and(|start| start.eq_ignore_ascii_case("rec") || start.eq_ignore_ascii_case("pri"))
    {
        return None;
    }
    if let Some(caps) = PRIORITIZED.captures(line) {
        return Some(BlockHeader {
            prioritized: true,
            country: None,
            rest: caps["rest"].trim().to_string(),
        });
    }
    let rest = RECOMMENDATIONS_FOR.captures(line)?.name("rest")?.as_str();
    // "for Kazakhstan: items", or (caps layout) "FOR MONGOLIA" then the items without a colon.
    if let Some((name, items)) = rest.split_once(':') {
        let name = name.trim();
        // "Recommendations for the Government:" is a header too, naming no country.
        if name.len() <= 60 {
            return Some(BlockHeader {
                prioritized: false,
                country: country::lookup(name).map(|_| name.to_string()),
                rest: items.trim().to_string(),
            });
        }
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    for n in (1..=words.len().min(7)).rev() {
        let name = words[..n].join(" ");
        if country::lookup(&name).is_some() {
            let items = words[n..].join(" ");
            // "Recommendations for Georgia's government ..." is prose, not a header.
            if items.is_empty() || items.starts_with(|c: char| c.is_uppercase()) {
                return Some(BlockHeader {
                    prioritized: false,
                    country: Some(name),
                    rest: items,
                });
            }
        }
    }
    None
}

fn line_role(line: &str) -> LineRole {
    if let Some(header) = block_header(line) {
        // A header with its items on the same line goes on like running text ("...; incr-" /
        // "ease specialized services").
        return if header.rest.is_empty() {
            LineRole::Heading
        } else {
            LineRole::ItemStart
        };
    }
    if title_year(line).is_some()
        || parse_heading(line).is_some()
        || section_heading(line).is_some()
    {
        LineRole::Heading
    } else if items::bullet(line).is_some() {
        LineRole::ItemStart
    } else {
        LineRole::Text
    }
}

/// Prose needed above a site's trailer ("Disclaimer", "Cite as", ...) for it to end the
/// narrative: above less, the same labels are a site's metadata before the narrative, and only
/// their lines go.
const MIN_PROSE_BEFORE_TRAILER: usize = 300;

fn without_trailer<'a>(raw: &[&'a str]) -> Vec<&'a str> {
    let mut prose = 0;
    let mut kept = Vec::with_capacity(raw.len());
    for line in raw {
        if layout::is_trailer_start(line) {
            if prose >= MIN_PROSE_BEFORE_TRAILER {
                break;
            }
            continue;
        }
        if !layout::is_furniture(line) {
            prose += line.trim().len();
        }
        kept.push(*line);
    }
    kept
}

/// A recommendations header run into the paragraph before it ("... in 2010. Recommendations for
/// Egypt: Enact ...", as copies that lost their paragraph breaks have it) starts a line of its
/// own.
fn split_inline_headers(lines: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let lower = line.to_lowercase();
        let split = lower
            .match_indices("recommendation")
            .map(|(at, _)| at)
            // "... consecutive year. Prioritized Recommendations Vigorously investigate ...".
            .chain(lower.match_indices("prioriti").map(|(at, _)| at))
            .filter(|&at| at > 0)
            .find(|&at| {
                let before = line[..at].trim_end();
                before.len() < at
                    && before.ends_with(['.', '!', '?', '"', '”'])
                    && block_header(&line[at..])
                        .is_some_and(|h| h.country.is_some() || h.prioritized)
            });
        match split {
            Some(at) => {
                out.push(line[..at].trim_end().to_string());
                out.push(String::new());
                out.push(line[at..].to_string());
            }
            None => out.push(line),
        }
    }
    out
}

/// A heading split over two lines, the country on one and its tier alone on the next
/// ("Hong Kong" / "Tier 2 Watch List"), becomes one heading line.
fn join_split_headings(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for line in lines {
        let tier = Tier::parse(&line);
        if let (Some(tier), Some(last)) = (tier, out.last_mut())
            && last.len() <= 60
            && !last.ends_with(['.', ';', ':', ','])
            && country::lookup(last).is_some()
        {
            *last = format!("{} ({})", last.trim(), tier.as_str());
            continue;
        }
        out.push(line);
    }
    out
}

/// Prose after a heading needed for it to start a narrative, in characters. A menu that
/// repeats the heading carries a few words at most.
const MIN_NARRATIVE_PROSE: usize = 200;

/// Parses a text that holds one narrative or many (a whole report).
pub fn parse_text(text: &str) -> Vec<ParsedNarrative> {
    let raw: Vec<&str> = text.lines().collect();
    let raw = without_trailer(&raw);
    // The year is read before furniture goes: a running header may be the only place stating it.
    let year = raw.iter().find_map(|line| title_year(line)).or_else(|| {
        raw.iter()
            .find_map(|line| JUNE_YEAR.captures(line.trim()))
            .and_then(|caps| caps["year"].parse().ok())
    });
    let kept = layout::drop_furniture(&raw, |line| title_year(line).is_some());
    let lines = split_inline_headers(join_split_headings(layout::unwrap_lines(&kept, line_role)));

    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| parse_heading(line).is_some())
        .map(|(i, _)| i)
        .collect();
    let mut narratives = Vec::new();
    let mut starts_kept = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let next = starts.get(k + 1).copied().unwrap_or(lines.len());
        let prose: usize = lines[start + 1..next]
            .iter()
            .filter(|l| line_role(l) == LineRole::Text)
            .map(|l| l.len())
            .sum::<usize>()
            + parse_heading(&lines[start]).map_or(0, |h| h.rest.len());
        if prose >= MIN_NARRATIVE_PROSE {
            starts_kept.push(start);
        }
    }
    // A short narrative still has its heading: the last candidate, if none carried enough prose.
    if starts_kept.is_empty()
        && let Some(&last) = starts.last()
    {
        starts_kept.push(last);
    }
    if starts_kept.is_empty() {
        narratives.push(parse_one(&lines, None, year));
        return narratives;
    }
    for (k, &start) in starts_kept.iter().enumerate() {
        let next = starts_kept.get(k + 1).copied().unwrap_or(lines.len());
        // A narrative keeps the title lines above its heading (only a lone narrative has any),
        // but not a menu or other furniture there.
        let mut own: Vec<String> = if k == 0 {
            lines[..start]
                .iter()
                .filter(|l| title_year(l).is_some())
                .flat_map(|l| [l.clone(), String::new()])
                .collect()
        } else {
            Vec::new()
        };
        let heading = own.len();
        own.extend_from_slice(&lines[start..next]);
        narratives.push(parse_one(&own, Some(heading), year));
    }
    narratives
}

/// Parses one narrative's logical lines; `heading` is the index of its heading line, if any.
fn parse_one(lines: &[String], heading: Option<usize>, year: Option<i64>) -> ParsedNarrative {
    let text = lines.join("\n").trim().to_string();
    let mut warnings = Vec::new();
    let heading_info = heading.and_then(|i| parse_heading(&lines[i]));
    let mut body_start = match heading {
        Some(i) => i + 1,
        None => lines
            .iter()
            .position(|l| !l.trim().is_empty() && title_year(l).is_none())
            .unwrap_or(lines.len()),
    };
    // A copy without a heading may still open with a bare "Tier 2" line.
    let bare_tier = if heading.is_none() {
        lines.get(body_start).and_then(|l| Tier::parse(l))
    } else {
        None
    };
    if bare_tier.is_some() {
        body_start += 1;
    }
    let mut body: Vec<&str> = Vec::new();
    let run_on = heading_info.as_ref().map(|h| h.rest.as_str()).unwrap_or("");
    if !run_on.is_empty() {
        body.push(run_on);
    }
    body.extend(lines[body_start..].iter().map(String::as_str));

    let sections = split_sections(&body);
    let intro = sections
        .iter()
        .find(|s| s.kind == SectionKind::Introduction)
        .map(|s| s.body.as_str())
        .unwrap_or("");

    let mut country_name = heading_info.as_ref().map(|h| h.name.clone());
    if country_name.is_none() {
        country_name = country_in_opening(intro);
    }
    let block = find_block(&sections, country_name.as_deref());
    if country_name.is_none() {
        country_name = block.as_ref().and_then(|b| b.country.clone());
    }
    // The narrative's own words outrank a site's label.
    let tier = tier_in_text(intro)
        .or(heading_info.as_ref().and_then(|h| h.tier))
        .or(bare_tier);

    let recommendations = match block {
        Some(mut block) => {
            // An item with nothing to track (`PRIORITIZED RECOMMENDATIONS: • .`) is left out,
            // told, rather than stored empty.
            let mut position = 0;
            block.items.retain(|item| {
                position += 1;
                let words = item.text.chars().any(char::is_alphanumeric);
                if !words {
                    warnings.push(format!(
                        "recommendation {position} has no text (only a bullet or punctuation) \
                         and is left out"
                    ));
                }
                words
            });
            if block.items.is_empty() {
                warnings.push("the recommendations block is empty".to_string());
            }
            for (i, item) in block.items.iter().enumerate() {
                let asks = super::recommendations::asks_in(&item.text);
                if asks >= super::recommendations::RUN_TOGETHER {
                    warnings.push(format!(
                        "recommendation {} reads as {asks} recommendations run together (a \
                         list whose separators the copy lost?): it is not linked across years \
                         automatically; check the copy",
                        i + 1
                    ));
                }
                if item.truncated {
                    warnings.push(format!(
                        "recommendation {} is cut off: the text ends inside it",
                        i + 1
                    ));
                }
            }
            block.items
        }
        None => {
            warnings.push(
                "no recommendations block found; the narrative has no recommendations to track"
                    .to_string(),
            );
            Vec::new()
        }
    };
    let sections = spans(&text, sections);
    ParsedNarrative {
        country_name,
        year,
        tier,
        text,
        sections,
        recommendations,
        warnings,
    }
}

/// The sections with their bodies as spans of the narrative's text, which holds each body, in
/// order.
fn spans(text: &str, parts: Vec<Part>) -> Vec<Section> {
    let mut cursor = 0;
    parts
        .into_iter()
        .map(|part| {
            let start = text[cursor..]
                .find(&part.body)
                .map_or(cursor, |at| cursor + at);
            let end = start
                + if start + part.body.len() <= text.len() {
                    part.body.len()
                } else {
                    0
                };
            cursor = end;
            Section {
                span: start..end,
                ..part.section
            }
        })
        .collect()
}

/// The tier the introduction gives in its own words: the statement after "therefore" (the
/// report's verdict), else the only one there is. Several without a "therefore" (a history of
/// past placements) decide nothing.
fn tier_in_text(intro: &str) -> Option<Tier> {
    let tier = |caps: regex::Captures<'_>| {
        let tier = caps.name("tier").or_else(|| caps.name("special"))?;
        Tier::parse(tier.as_str())
    };
    let lower = intro.to_lowercase();
    if let Some(at) = lower.find("therefore")
        && let Some(caps) = TIER_IN_TEXT.captures(&intro[at..])
    {
        return tier(caps);
    }
    let mut all = TIER_IN_TEXT.captures_iter(intro);
    let first = all.next()?;
    if all.next().is_some() {
        return None;
    }
    tier(first)
}

/// The country a narrative without a heading names in its opening: "The Government of X ...",
/// "X authorities ...". Tries the longest run of words after "of" that is a country.
fn country_in_opening(intro: &str) -> Option<String> {
    let candidates = GOVERNMENT_OF
        .captures_iter(intro)
        .chain(AUTHORITIES_OF.captures_iter(intro))
        .map(|caps| caps["name"].to_string());
    for candidate in candidates {
        let words: Vec<&str> = candidate.split_whitespace().collect();
        for n in (1..=words.len().min(7)).rev() {
            let name = words[..n].join(" ");
            let name = name.trim_end_matches([',', '’', '\'']);
            if country::lookup(name).is_some() {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// A section with where its lines are, for finding the recommendations block.
struct Part {
    kind: SectionKind,
    /// The section's logical lines, blank ones included.
    lines: Vec<String>,
    /// The header that opened a recommendations section.
    header: Option<BlockHeader>,
    section: Section,
    body: String,
}

/// Cuts the body (everything after the heading) into sections, at section headings, at a
/// recommendations header, and at two blank lines in a row, which is where some copies dropped
/// a section's header.
fn split_sections(body: &[&str]) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    let mut current = new_part(SectionKind::Introduction, None, None);
    let mut blank_run = 0;
    // Only a copy that dropped every section heading is cut at the sections' opening sentences:
    // under headings, such a sentence in the introduction opens nothing.
    let by_openings = !body.iter().any(|l| section_heading(l.trim()).is_some());
    for line in body {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blank_run += 1;
            if blank_run == 2 && !current.lines.iter().all(|l| l.trim().is_empty()) {
                let next = new_part(SectionKind::Other, None, None);
                parts.push(std::mem::replace(&mut current, next));
            } else {
                current.lines.push(String::new());
            }
            continue;
        }
        blank_run = 0;
        if let Some(kind) = section_heading(trimmed) {
            parts.push(std::mem::replace(
                &mut current,
                new_part(kind, Some(trimmed), None),
            ));
            continue;
        }
        if let Some(header) = block_header(trimmed) {
            let rest = header.rest.clone();
            let heading = trimmed[..trimmed.len() - rest.len()].trim();
            let part = new_part(SectionKind::Recommendations, Some(heading), Some(header));
            parts.push(std::mem::replace(&mut current, part));
            if !rest.is_empty() {
                push_text(&mut parts, &mut current, &rest, by_openings);
            }
            continue;
        }
        push_text(&mut parts, &mut current, trimmed, by_openings);
    }
    parts.push(current);
    parts
        .into_iter()
        .filter(|p| p.section.heading.is_some() || p.lines.iter().any(|l| !l.trim().is_empty()))
        .map(|mut p| {
            p.body = p.lines.join("\n").trim().to_string();
            p
        })
        .collect()
}

/// Adds a line of prose to the current part; in a copy without section headings
/// (`by_openings`), starting a new part at each section's opening sentence.
fn push_text(parts: &mut Vec<Part>, current: &mut Part, line: &str, by_openings: bool) {
    if !by_openings {
        current.lines.push(line.to_string());
        return;
    }
    for piece in split_at_openings(line) {
        match section_opening(piece) {
            Some(kind)
                if !(current.kind == kind && current.lines.iter().all(|l| l.trim().is_empty())) =>
            {
                let mut part = new_part(kind, None, None);
                part.lines.push(piece.to_string());
                parts.push(std::mem::replace(current, part));
            }
            _ => current.lines.push(piece.to_string()),
        }
    }
}

fn new_part(kind: SectionKind, heading: Option<&str>, header: Option<BlockHeader>) -> Part {
    Part {
        kind,
        lines: Vec::new(),
        header,
        section: Section {
            kind,
            heading: heading.map(str::to_string),
            span: 0..0,
        },
        body: String::new(),
    }
}

/// The recommendations found, and the country a header named.
struct Block {
    items: Vec<ParsedRecommendation>,
    country: Option<String>,
}

/// Finds the recommendations block: after a header when there is one; else a list standing
/// in the introduction or right after it; else (2005–2008) the prose "should" sentences of the
/// introduction. Marks the section that holds it as the recommendations section.
fn find_block(parts: &[Part], country_name: Option<&str>) -> Option<Block> {
    let is_last = |index: usize| parts[index + 1..].iter().all(|p| p.body.is_empty());
    if let Some(index) = parts.iter().position(|p| p.header.is_some()) {
        let part = &parts[index];
        let header = part.header.as_ref()?;
        let lines: Vec<&str> = part.lines.iter().map(String::as_str).collect();
        let items = if header.prioritized || lines.iter().any(|l| items::bullet(l).is_some()) {
            list_items(&lines, true, is_last(index))
        } else {
            semicolon_items(&lines, is_last(index))
        };
        return Some(Block {
            items,
            country: header.country.clone(),
        });
    }
    // Without a header: a list in the introduction, or in the part after it.
    for (index, part) in parts.iter().enumerate().take(2) {
        if !matches!(part.kind, SectionKind::Introduction | SectionKind::Other) {
            break;
        }
        let lines: Vec<&str> = part.lines.iter().map(String::as_str).collect();
        let Some(first) = lines.iter().position(|l| starts_list(l)) else {
            continue;
        };
        // A first paragraph of the introduction that merely opens with a verb is not a list.
        if index == 0
            && first == 0
            && lines.iter().filter(|l| !l.is_empty()).count() > 1
            && !starts_bullets(lines[0])
        {
            continue;
        }
        let list = &lines[first..];
        let one_paragraph = list.iter().skip(1).take_while(|l| !l.is_empty()).count() == 0;
        let semicolons = split_top_level_semicolons(list[0]) > 1;
        let items = if one_paragraph && semicolons && !starts_bullets(list[0]) {
            semicolon_items(
                &list[..1],
                is_last(index) && list[1..].iter().all(|l| l.is_empty()),
            )
        } else {
            list_items(list, false, is_last(index))
        };
        return Some(Block {
            items,
            country: None,
        });
    }
    let intro = parts
        .first()
        .filter(|p| p.kind == SectionKind::Introduction)?;
    let found: Vec<(String, bool)> = intro
        .lines
        .iter()
        .flat_map(|paragraph| items::should_sentences(paragraph, country_name))
        .collect();
    // The copy ends inside the last sentence when nothing follows the introduction and that
    // sentence has no full stop.
    let cut = is_last(0) && found.last().is_some_and(|(_, complete)| !complete);
    (!found.is_empty()).then(|| Block {
        items: items::finish(found.into_iter().map(|(text, _)| text).collect(), cut),
        country: None,
    })
}

fn starts_bullets(line: &str) -> bool {
    items::bullet(line).is_some() || line.contains(" • ") || line.contains(" * ")
}

fn starts_list(line: &str) -> bool {
    starts_bullets(line) || items::is_imperative_start(line)
}

/// Whether a line opens as narrative prose does, not as a recommendation: with an article, a
/// pronoun, a preposition or a subject such as "Authorities".
fn opens_like_prose(line: &str) -> bool {
    const PROSE: &[&str] = &[
        "a",
        "although",
        "an",
        "as",
        "at",
        "authorities",
        "despite",
        "during",
        "for",
        "government",
        "however",
        "in",
        "it",
        "its",
        "many",
        "officials",
        "on",
        "since",
        "some",
        "the",
        "their",
        "there",
        "these",
        "this",
        "those",
        "while",
    ];
    let first = line.split_whitespace().next().unwrap_or("").to_lowercase();
    PROSE.contains(&first.trim_matches(|c: char| !c.is_alphabetic()))
}

fn split_top_level_semicolons(line: &str) -> usize {
    items::split_semicolon_list(line).len()
}

/// A 2008–2018 list: the first paragraph of the block, cut at its semicolons.
fn semicolon_items(lines: &[&str], block_is_last: bool) -> Vec<ParsedRecommendation> {
    let Some(start) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return Vec::new();
    };
    let paragraph_end = lines[start..]
        .iter()
        .position(|l| l.trim().is_empty())
        .map_or(lines.len(), |n| start + n);
    let paragraph = lines[start..paragraph_end].join(" ");
    let reaches_end = block_is_last && lines[paragraph_end..].iter().all(|l| l.trim().is_empty());
    let truncated = reaches_end && !items::list_is_complete(&paragraph);
    items::finish(items::split_semicolon_list(&paragraph), truncated)
}

/// A 2019+ list: item lines from the start, blank lines between them allowed, until a line
/// that is no item (the narrative going on). After a header, any line is an item unless it
/// opens like narrative prose ("The government ..."); without one, an item must open like a
/// recommendation.
fn list_items(
    lines: &[&str],
    after_header: bool,
    block_is_last: bool,
) -> Vec<ParsedRecommendation> {
    let mut taken = Vec::new();
    let mut end = lines.len();
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if starts_list(line) || (after_header && !opens_like_prose(line)) {
            taken.push(*line);
        } else {
            end = i;
            break;
        }
    }
    // A list with no markers at all after a header ("Prioritized Recommendations Vigorously
    // investigate ... officials. Proactively screen ...") has one imperative sentence per item.
    let unmarked = after_header && !taken.iter().any(|l| starts_bullets(l));
    let split = if unmarked {
        items::split_sentence_items(&taken)
    } else {
        items::split_item_lines(&taken)
    };
    let reaches_end = block_is_last && lines[end..].iter().all(|l| l.trim().is_empty());
    let last_incomplete = split.last().is_some_and(|(_, complete)| !complete);
    items::finish(
        split.into_iter().map(|(text, _)| text).collect(),
        reaches_end && last_incomplete,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn heading(line: &str) -> Option<(String, Option<Tier>)> {
        parse_heading(line).map(|h| (h.name, h.tier))
    }

    #[test]
    fn headings_in_their_common_forms() {
        let cases = [
            ("KAZAKHSTAN (Tier 2)", Some(("KAZAKHSTAN", Tier::Tier2))),
            (
                "Kazakhstan (Tier 2 Watch List)",
                Some(("Kazakhstan", Tier::Tier2WatchList)),
            ),
            ("KAZAKHSTAN: Tier 2", Some(("KAZAKHSTAN", Tier::Tier2))),
            ("MONGOLIA: TIER 2", Some(("MONGOLIA", Tier::Tier2))),
            (
                "HAITI (TIER 2 - WATCH LIST)",
                Some(("HAITI", Tier::Tier2WatchList)),
            ),
            ("ARUBA (Tier 2)*", Some(("ARUBA", Tier::Tier2))),
            (
                "SOMALIA: SPECIAL CASE",
                Some(("SOMALIA", Tier::SpecialCase)),
            ),
            (
                "Special Case: SOMALIA",
                Some(("SOMALIA", Tier::SpecialCase)),
            ),
            (
                "GEORGIA (Tier 1) [Extracted from U.S. State Dept Trafficking in Persons Report, June 2009]",
                Some(("GEORGIA", Tier::Tier1)),
            ),
            (
                "EAST TIMOR (Tier 2) Extracted in part  from the U.S. State Dept 2023 TIP Report",
                Some(("EAST TIMOR", Tier::Tier2)),
            ),
            (
                "REPUBLIC OF KOREA (Tier 2) – Extracted in",
                Some(("REPUBLIC OF KOREA", Tier::Tier2)),
            ),
            ("KOREA, SOUTH (Tier 1)", Some(("KOREA, SOUTH", Tier::Tier1))),
            ("Prosecution (Tier 2)", None),
            ("Prosecution", None),
            ("KAZAKHSTAN", None),
        ];
        for (line, expected) in cases {
            let expected = expected.map(|(name, tier)| (name.to_string(), Some(tier)));
            assert_eq!(heading(line), expected, "{line}");
        }
        let flattened =
            parse_heading("Special Case: SOMALIA Somalia remains a Special Case.").unwrap();
        assert_eq!(flattened.name, "SOMALIA");
        assert_eq!(flattened.rest, "Somalia remains a Special Case.");
    }

    #[test]
    fn title_years_in_their_common_forms() {
        let cases = [
            ("Trafficking in Persons Report 2011", Some(2011)),
            (
                "2011 Trafficking in Persons Report - Kazakhstan",
                Some(2011),
            ),
            ("2011 Trafficking in Persons Report: Kazakhstan", Some(2011)),
            ("Trafficking in Persons Report, June 2009", Some(2009)),
            (
                "U.S. Department of State 2005 Trafficking in Persons Report - Georgia",
                Some(2005),
            ),
            ("2023 TIP Report", Some(2023)),
            ("TRAFFICKING IN PERSONS REPORT", None),
        ];
        for (line, expected) in cases {
            assert_eq!(title_year(line), expected, "{line}");
        }
    }

    #[test]
    fn block_headers() {
        let header =
            block_header("Recommendations for Kazakhstan: Increase efforts; and more.").unwrap();
        assert_eq!(header.country.as_deref(), Some("Kazakhstan"));
        assert_eq!(header.rest, "Increase efforts; and more.");
        let header = block_header("RECOMMENDATIONS FOR MONGOLIA").unwrap();
        assert_eq!(
            (header.country.as_deref(), header.rest.as_str()),
            (Some("MONGOLIA"), "")
        );
        let header =
            block_header("RECOMMENDATIONS FOR THE MARSHALL ISLANDS Adopt procedures; and train.")
                .unwrap();
        assert_eq!(header.country.as_deref(), Some("THE MARSHALL ISLANDS"));
        assert_eq!(header.rest, "Adopt procedures; and train.");
        assert!(
            block_header("PRIORITIZED RECOMMENDATIONS:")
                .unwrap()
                .prioritized
        );
        assert!(
            block_header("Prioritized Recommendations")
                .unwrap()
                .prioritized
        );
        assert_eq!(
            block_header("Recommendations for the government were ignored."),
            None
        );
    }

    #[test]
    fn a_narrative_without_a_block_warns() {
        let parsed = parse_text(
            "Trafficking in Persons Report 2010\n\nKAZAKHSTAN (Tier 2)\n\nIntro.\n\nProsecution\n\nText.\n",
        );
        assert_eq!(parsed.len(), 1);
        let parsed = &parsed[0];
        assert_eq!(parsed.recommendations, Vec::<ParsedRecommendation>::new());
        assert_eq!(
            parsed.warnings,
            ["no recommendations block found; the narrative has no recommendations to track"]
        );
        let kinds: Vec<_> = parsed.sections.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [SectionKind::Introduction, SectionKind::Prosecution]);
    }

    #[test]
    fn sections_without_headings_open_with_their_sentences() {
        let text = "Trafficking in Persons Report 2023\n\nGEORGIA: Tier 1\n\nThe Government of \
                    Georgia fully meets the minimum standards.\n\nPRIORITIZED RECOMMENDATIONS:\n\n\
                    • Train judges.\n• Fund shelters.\nThe government maintained law enforcement \
                    efforts. Courts convicted five traffickers. The government slightly decreased \
                    protection efforts. Shelters closed.\nThe government increased prevention \
                    efforts.\nAs reported over the past five years, traffickers exploit victims.\n";
        let parsed = &parse_text(text)[0];
        let texts: Vec<&str> = parsed
            .recommendations
            .iter()
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(texts, ["Train judges", "Fund shelters"]);
        let found: Vec<(SectionKind, &str)> = parsed
            .sections
            .iter()
            .map(|s| (s.kind, &parsed.text[s.span.clone()]))
            .collect();
        assert_eq!(
            found,
            [
                (
                    SectionKind::Introduction,
                    "The Government of Georgia fully meets the minimum standards."
                ),
                (
                    SectionKind::Recommendations,
                    "• Train judges.\n• Fund shelters."
                ),
                (
                    SectionKind::Prosecution,
                    "The government maintained law enforcement efforts. Courts convicted five \
                     traffickers."
                ),
                (
                    SectionKind::Protection,
                    "The government slightly decreased protection efforts. Shelters closed."
                ),
                (
                    SectionKind::Prevention,
                    "The government increased prevention efforts."
                ),
                (
                    SectionKind::Profile,
                    "As reported over the past five years, traffickers exploit victims."
                ),
            ]
        );
        // Under headings, the same sentence in the introduction opens no section.
        let headed = "GEORGIA: Tier 1\n\nThe Government of Georgia fully meets the minimum \
                      standards. The government increased prevention efforts.\n\nPROSECUTION\n\n\
                      The government maintained law enforcement efforts.\n";
        let kinds: Vec<SectionKind> = parse_text(headed)[0]
            .sections
            .iter()
            .map(|s| s.kind)
            .collect();
        assert_eq!(kinds, [SectionKind::Introduction, SectionKind::Prosecution]);
    }

    #[test]
    fn a_menu_that_repeats_the_heading_starts_no_narrative() {
        let prose = "The Government of Solomon Islands does not fully meet the minimum standards for \
                     the elimination of trafficking but is making significant efforts to do so; \
                     therefore Solomon Islands remained on Tier 2.";
        let text = format!(
            "In this section\nSolomon Islands (Tier 2)\nPRIORITIZED RECOMMENDATIONS:\nPROSECUTION\n\n\
             SOLOMON ISLANDS: Tier 2\n\n{prose}\n\nPRIORITIZED RECOMMENDATIONS:\n\nIncrease efforts.\n"
        );
        let parsed = parse_text(&text);
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].country_name.as_deref(), Some("SOLOMON ISLANDS"));
        assert_eq!(parsed[0].recommendations.len(), 1);
    }
}
