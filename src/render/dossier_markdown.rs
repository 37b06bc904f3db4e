//! The dossier as Markdown, for pandoc and word processors: one `#` title, `##` parts, `###`
//! areas, `####` asks. Text from files and users is escaped, so that neither Markdown nor HTML
//! in it takes effect.

use std::fmt::Write;

use crate::dossier::{AskSection, Dossier};
use crate::indicators::Cell;
use crate::model::Status;

/// Escapes text for Markdown prose and table cells: HTML is shown as text, Markdown's own
/// punctuation as itself, control characters as `\u{1b}`, and a line break inside a cell does
/// not end the row. `>` and `#` mean something only where a line starts (a quote, a heading), so
/// "open -> addressed" stays readable.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at_start = true;
    for c in text.chars() {
        let start = at_start;
        at_start = start && c == ' ';
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' | '#' if start => {
                out.push('\\');
                out.push(c);
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if super::controls::is_escaped(c) => super::controls::push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(
        out,
        "|{}|",
        header.iter().map(|_| " --- ").collect::<Vec<_>>().join("|")
    );
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}

fn cell(c: &Option<Cell>) -> String {
    let Some(c) = c else { return String::new() };
    let mut text = escape(&c.value.to_string());
    if !c.conflicts.is_empty() {
        text.push_str("\\*");
    }
    for other in &c.conflicts {
        let _ = write!(
            text,
            " ({} in {} report)",
            escape(&other.value.to_string()),
            other.report_year
        );
    }
    text
}

fn ask_section(out: &mut String, section: &AskSection) {
    let ask = &section.ask;
    let mut title = format!("#### {} ({})", ask.id, ask.status);
    if ask.asked_again {
        title.push_str(": asked again after addressed");
    }
    let _ = writeln!(out, "{title}\n");
    let _ = writeln!(out, "> {}\n", escape(&ask.text));
    let years: Vec<String> = ask.years.iter().map(i64::to_string).collect();
    let mut made = format!(
        "Made in {} ({} report{})",
        years.join(", "),
        ask.reports,
        if ask.reports == 1 { "" } else { "s" }
    );
    if let Some(into) = &ask.merged_into {
        let _ = write!(made, "; merged into {into}");
    } else if !ask.still_made {
        made.push_str("; not in the latest report");
    }
    let _ = writeln!(out, "{made}.\n");
    if section.wording.iter().any(|w| w.changed) {
        let _ = writeln!(out, "Wording by year:\n");
        for w in &section.wording {
            let _ = writeln!(out, "- **{}** ({}): {}", w.year, w.id, escape(&w.text));
        }
        out.push('\n');
    }
    let mut status = format!("- Status: **{}**", ask.status);
    if let Some(date) = &ask.status_date {
        let _ = write!(status, " since {date}");
    }
    if let Some(on) = &ask.status_set_on {
        let _ = write!(status, " (set on {on})");
    }
    let _ = writeln!(out, "{status}");
    if ask.owner.is_some() || !ask.supporting.is_empty() {
        let mut owner = format!(
            "- Owner: {}",
            escape(ask.owner.as_deref().unwrap_or("none"))
        );
        if !ask.supporting.is_empty() {
            let names: Vec<String> = ask.supporting.iter().map(|s| escape(s)).collect();
            let _ = write!(owner, " (with {})", names.join(", "));
        }
        let _ = writeln!(out, "{owner}");
    }
    if let Some(due) = &ask.due {
        let _ = writeln!(
            out,
            "- Due: {due}{}",
            if ask.overdue { " (overdue)" } else { "" }
        );
    }
    out.push('\n');
    if !section.evidence.is_empty() {
        let rows: Vec<Vec<String>> = section
            .evidence
            .iter()
            .map(|e| {
                vec![
                    e.year.to_string(),
                    escape(&e.text),
                    escape(e.source.as_deref().unwrap_or("")),
                    match &e.date {
                        Some(d) if e.outside_period => {
                            format!("{d} (outside the {} period)", e.year)
                        }
                        Some(d) => d.clone(),
                        None => String::new(),
                    },
                    escape(e.assessment.as_deref().unwrap_or("")),
                    escape(e.note.as_deref().unwrap_or("")),
                ]
            })
            .collect();
        table(
            out,
            &["Report", "Evidence", "Source", "Date", "Assessment", "Note"],
            &rows,
        );
    }
    if !section.notes.is_empty() {
        let _ = writeln!(out, "Notes:\n");
        for n in &section.notes {
            let _ = writeln!(
                out,
                "- {}, {} on {}: {}",
                n.created_at.get(..10).unwrap_or(&n.created_at),
                escape(&n.author),
                n.recommendation,
                escape(&n.text)
            );
        }
        out.push('\n');
    }
    if !section.suggestions.is_empty() {
        let _ = writeln!(out, "Suggested evidence awaiting review:\n");
        for e in &section.suggestions {
            let _ = writeln!(out, "- {} report: {}", e.year, escape(&e.text));
        }
        out.push('\n');
    }
}

/// The dossier as a Markdown document.
pub fn dossier(d: &Dossier) -> String {
    let mut out = String::new();
    let years = d.years_label();
    let _ = writeln!(out, "# {} ({})\n", escape(&d.country), d.iso3);
    let _ = writeln!(
        out,
        "Trafficking in Persons Report recommendations, {years}. As of {}. From the tiptrack \
         database `{}`.\n",
        d.as_of,
        d.database.replace('`', "'")
    );
    let s = &d.summary;
    let _ = writeln!(out, "## Summary\n");
    let pct = s
        .addressed_pct
        .map(|p| format!(" ({p:.1}% of those in force)"))
        .unwrap_or_default();
    for line in [
        format!("- Asks: {}", s.asks),
        format!("- Open: {}", s.tally.open),
        format!("- In progress: {}", s.tally.in_progress),
        format!("- Partially addressed: {}", s.tally.partially_addressed),
        format!("- Addressed: {}{pct}", s.tally.addressed),
        format!("- Not addressed: {}", s.tally.not_addressed),
        format!("- Superseded: {}", s.tally.superseded),
        format!("- Made in 3 or more reports: {}", s.persistent),
        format!("- Overdue: {}", s.overdue),
        format!("- Asked again after addressed: {}", s.asked_again),
    ] {
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');
    let _ = writeln!(out, "## Tier history\n");
    let rows: Vec<Vec<String>> = d
        .tiers
        .iter()
        .map(|t| {
            vec![
                t.year.to_string(),
                t.tier.map_or("not stated", |t| t.as_str()).to_string(),
                super::views::tier_change_cell(t.change, t.previous_tier),
                if t.set_by == "user" {
                    "set by a user".into()
                } else {
                    "the report".into()
                },
            ]
        })
        .collect();
    table(&mut out, &["Report", "Tier", "Change", "From"], &rows);
    let _ = writeln!(out, "## Status over time\n");
    let _ = writeln!(
        out,
        "The asks in each status when each report came out, from the history.\n"
    );
    let mut header = vec!["Report"];
    header.extend(Status::ALL.map(Status::as_str));
    let rows: Vec<Vec<String>> = d
        .status_over_time
        .iter()
        .map(|at| {
            let mut row = vec![at.year.to_string()];
            row.extend(Status::ALL.map(|s| at.tally.get(s).to_string()));
            row
        })
        .collect();
    table(&mut out, &header, &rows);
    let _ = writeln!(out, "## The asks\n");
    for area in &d.areas {
        let title = super::capitalised(area.area.as_str());
        let _ = writeln!(out, "### {title} ({})\n", area.asks.len());
        for section in &area.asks {
            ask_section(&mut out, section);
        }
    }
    let _ = writeln!(out, "## Reported figures\n");
    let _ = writeln!(
        out,
        "As the narratives report them; each from the latest report that gives it. \\* marks a \
         value an earlier report gave differently.\n"
    );
    let figures = crate::indicators::FIGURES;
    let mut header = vec!["Year"];
    header.extend(figures.iter().map(|(name, _)| *name));
    let rows: Vec<Vec<String>> = d
        .figures
        .years
        .iter()
        .map(|row| {
            let mut cells = vec![row.year.to_string()];
            cells.extend(figures.iter().map(|(_, get)| cell(get(row))));
            cells
        })
        .collect();
    table(&mut out, &header, &rows);
    if let Some(sub) = &d.submission {
        let _ = writeln!(
            out,
            "## Submission draft: the {} reporting period\n\n{} to {}. Per ask still to do, what \
             is dated within the period.\n",
            sub.period, sub.start, sub.end
        );
        for a in &sub.asks {
            let _ = writeln!(out, "### {} ({})\n", a.id, a.status);
            let _ = writeln!(out, "> {}\n", escape(&a.text));
            if a.owner.is_some() || a.due.is_some() {
                let _ = writeln!(
                    out,
                    "Owner: {}{}\n",
                    escape(a.owner.as_deref().unwrap_or("none")),
                    a.due
                        .as_ref()
                        .map(|d| format!("; due {d}"))
                        .unwrap_or_default()
                );
            }
            if a.actions.is_empty() {
                let _ = writeln!(out, "Nothing recorded within the period.\n");
            } else {
                for act in &a.actions {
                    let source = act
                        .source
                        .as_ref()
                        .map(|s| format!(" ({})", escape(s)))
                        .unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "- **{}** ({}): {}{source}",
                        act.date.as_deref().unwrap_or("undated"),
                        act.kind,
                        escape(&act.text)
                    );
                }
                out.push('\n');
            }
        }
    }
    // Text from files and users is escaped above; the rest (IDs, dates) has its control
    // characters shown as well, whatever a database holds.
    super::escape_controls(&out).into_owned()
}
