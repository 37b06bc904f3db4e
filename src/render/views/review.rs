//! `review`'s card: one suggestion as the reviewer sees it at the terminal, the recommendation
//! and the sentence with their matched words highlighted. Text for a terminal, not a format:
//! `review` needs a person at one.

use unicode_width::UnicodeWidthStr;

use crate::model::{Evidence, Recommendation};
use crate::render::escape_controls;

/// What `review` shows of one suggestion: the recommendation (ID, status, text), then the
/// evidence (its id, report year, section, paragraph, score and, when flagged, the commitment
/// mark) and its sentence, the matched words highlighted on both sides. Text is wrapped to
/// `width` columns; `styled` turns bold and colour on (a terminal that wants them).
pub fn review_card(
    (position, total): (usize, usize),
    recommendation: &Recommendation,
    evidence: &Evidence,
    width: usize,
    styled: bool,
) -> String {
    let bold = console::Style::new().bold().force_styling(styled);
    let dim = console::Style::new().dim().force_styling(styled);
    let mark = console::Style::new().bold().yellow().force_styling(styled);
    // Stored text is shown, control characters and all, never obeyed by the terminal.
    let reason = &*escape_controls(evidence.reason.as_deref().unwrap_or(""));
    let recommendation_text = escape_controls(&recommendation.text);
    let evidence_text = escape_controls(&evidence.text);
    let mut card = String::new();
    let rule = format!("--- {position} of {total} ");
    let rule_width = width.clamp(20, 100);
    card.push_str(&dim.apply_to(format!("{rule:-<rule_width$}")).to_string());
    card.push('\n');
    card.push_str(&format!(
        "{} ({}) {}\n",
        bold.apply_to(&recommendation.id),
        recommendation.status,
        dim.apply_to(format!(
            "{} {} report",
            recommendation.country, recommendation.year
        )),
    ));
    let marks = crate::highlight::in_recommendation(&recommendation_text, reason);
    card.push_str(&wrapped(&recommendation_text, &marks, &mark, width));
    card.push_str("\n\n");
    let mut place = vec![format!("{} report", evidence.year)];
    if let Some(section) = &evidence.section {
        place.push(match evidence.paragraph {
            Some(p) => format!("{section}, paragraph {p}"),
            None => section.clone(),
        });
    }
    if let Some(score) = evidence.score {
        place.push(format!("score {score:.2}"));
    }
    card.push_str(&format!(
        "{} {}\n",
        bold.apply_to(format!("Suggested evidence {}:", evidence.id)),
        place.join(", ")
    ));
    if !evidence.repeats.is_empty() {
        // The same sentence for the same ask elsewhere: decided with this one.
        let also: Vec<String> = evidence
            .repeats
            .iter()
            .map(|r| format!("{} report for {} ({})", r.year, r.recommendation, r.id))
            .collect();
        card.push_str(&format!(
            "    {}\n",
            dim.apply_to(format!(
                "also suggested, decided with it: {}",
                also.join("; ")
            ))
        ));
    }
    if evidence.commitment {
        card.push_str(&format!(
            "    {}\n",
            bold.apply_to("commitment (plan or pledge, not an action)")
        ));
    }
    let marks = crate::highlight::in_sentence(&evidence_text, reason);
    card.push_str(&wrapped(&evidence_text, &marks, &mark, width));
    card.push('\n');
    if !reason.is_empty() {
        card.push_str(&format!(
            "    {}\n",
            dim.apply_to(format!("matched: {reason}"))
        ));
    }
    card
}

/// A piece of text with its line breaks and tabs made spaces, for a line of its own.
fn one_line(text: &str) -> String {
    text.replace(char::is_whitespace, " ")
}

/// `text` cut into lines of at most `width` columns (a longer word stands alone), each indented
/// by four spaces, with the `marks` ranges styled.
fn wrapped(
    text: &str,
    marks: &[std::ops::Range<usize>],
    mark: &console::Style,
    width: usize,
) -> String {
    const INDENT: &str = "    ";
    let room = width.saturating_sub(INDENT.len()).max(20);
    let mut lines: Vec<std::ops::Range<usize>> = Vec::new();
    let mut line: Option<(std::ops::Range<usize>, usize)> = None;
    let mut word_start = None;
    let ends = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    for (i, c) in ends {
        match (c.is_whitespace(), word_start) {
            (false, None) => word_start = Some(i),
            (true, Some(start)) => {
                word_start = None;
                let w = text[start..i].width();
                line = Some(match line.take() {
                    None => (start..i, w),
                    Some((range, used)) if used + 1 + w <= room => (range.start..i, used + 1 + w),
                    Some((range, _)) => {
                        lines.push(range);
                        (start..i, w)
                    }
                });
            }
            _ => {}
        }
    }
    lines.extend(line.map(|(range, _)| range));
    lines
        .into_iter()
        .map(|line| {
            let mut out = INDENT.to_string();
            let mut at = line.start;
            for m in marks {
                let (start, end) = (m.start.max(line.start), m.end.min(line.end));
                if start >= end {
                    continue;
                }
                out.push_str(&one_line(&text[at..start]));
                out.push_str(&mark.apply_to(one_line(&text[start..end])).to_string());
                at = end;
            }
            out.push_str(&one_line(&text[at..line.end]));
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Area, Status, Tier};

    fn suggestion() -> (Recommendation, Evidence) {
        let recommendation = Recommendation {
            id: "KAZ-2011-3".into(),
            country: "Kazakhstan".into(),
            iso3: "KAZ".into(),
            year: 2011,
            tier: Some(Tier::Tier2),
            position: Some(3),
            text: "increase efforts to identify labor trafficking victims, including by ensuring \
                   that authorities screen for potential victims of forced labor among those \
                   detained during immigration raids"
                .into(),
            truncated: false,
            area: Area::Protection,
            action: Action::General,
            status: Status::Open,
            updated_at: "2026-01-01T00:00:00Z".into(),
            repeats: 0,
            ask: "KAZ-2011-3".into(),
            owner: None,
            supporting: Vec::new(),
            due: None,
            asked_again: false,
        };
        let evidence = Evidence {
            id: 3,
            recommendation: "KAZ-2011-3".into(),
            year: 2012,
            text: "Migration police screened detained migrants for signs of forced labor during \
                   immigration raids and referred five victims to assistance."
                .into(),
            source: None,
            date: None,
            added_by: "tiptrack".into(),
            added_at: "2026-01-01T00:00:00Z".into(),
            state: "suggested".into(),
            section: Some("protection".into()),
            paragraph: Some(1),
            start: Some(100),
            end: Some(230),
            score: Some(13.51),
            reason: Some("screened detained, forced labor, immigration raids".into()),
            commitment: true,
            assessment: None,
            note: None,
            outside_period: false,
            ask: Some("KAZ-2011-3".into()),
            repeats: Vec::new(),
        };
        (recommendation, evidence)
    }

    #[test]
    fn the_card_tells_the_item_and_the_sentence_wrapped_to_the_width() {
        let (recommendation, evidence) = suggestion();
        let card = review_card((2, 5), &recommendation, &evidence, 60, false);
        insta::assert_snapshot!(card);
    }

    #[test]
    fn styling_only_adds_marks() {
        let (recommendation, evidence) = suggestion();
        let plain = review_card((2, 5), &recommendation, &evidence, 60, false);
        let styled = review_card((2, 5), &recommendation, &evidence, 60, true);
        assert_ne!(styled, plain);
        assert_eq!(console::strip_ansi_codes(&styled), plain);
    }

    #[test]
    fn escape_sequences_in_the_texts_are_shown_not_obeyed() {
        let (mut recommendation, mut evidence) = suggestion();
        recommendation.text.insert_str(0, "\u{1b}]0;title\u{7}");
        evidence.text.push_str(" \u{1b}[2J\u{9b}1m");
        let card = review_card((2, 5), &recommendation, &evidence, 60, false);
        assert!(!card.contains(['\u{1b}', '\u{7}', '\u{9b}']), "{card}");
        assert!(card.contains("\\u{1b}]0;title\\u{7}increase"), "{card}");
        assert!(card.contains("\\u{1b}[2J\\u{9b}1m"), "{card}");
        // The matched words are still marked.
        let styled = review_card((2, 5), &recommendation, &evidence, 60, true);
        assert_eq!(console::strip_ansi_codes(&styled), card);
        assert_ne!(styled, card);
    }
}
