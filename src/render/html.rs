//! The dossier as one self-contained HTML page: inline CSS (with a print stylesheet), charts as
//! inline SVG, no script and nothing fetched. Built with maud, which escapes every value it is
//! given: a `<script>` in a note shows as text.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::svg;
use crate::dossier::{AskSection, Dossier};
use crate::indicators::Cell;
use crate::model::Status;

const CSS: &str = r#"
:root { --ink: #1f2933; --muted: #52606d; --rule: #d9e2ec; --accent: #2f4f6f; }
* { box-sizing: border-box; }
body { font: 15px/1.5 "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; color: var(--accent); }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem;
     border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
p.meta, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
         border-bottom: 1px solid var(--rule); }
th { background: #f5f7fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: .6rem; }
.summary div { border: 1px solid var(--rule); border-radius: 6px; padding: .5rem .7rem; }
.summary .n { display: block; font-size: 1.5rem; font-weight: 600; }
.ask { border-left: 4px solid var(--rule); padding: .1rem 0 .4rem 1rem; margin: 1.2rem 0;
       break-inside: avoid; page-break-inside: avoid; }
.ask blockquote { margin: .3rem 0 .5rem; font-size: 1.02rem; }
.status { display: inline-block; padding: 0 .45rem; border-radius: 4px; color: #fff;
          font-size: .85rem; font-weight: 600; }
.flag { color: #c53030; font-weight: 600; }
svg.chart { max-width: 100%; height: auto; display: block; margin: .5rem 0; }
svg .grid { stroke: var(--rule); stroke-width: 1; }
svg .axisline { stroke: var(--muted); stroke-width: 1; }
svg .line { fill: none; stroke: var(--accent); stroke-width: 2; }
svg circle.point { fill: var(--accent); }
svg rect.point:not([fill]) { fill: #5b7da3; }
svg rect.conflict { fill: #d69e2e; stroke: #c53030; stroke-width: 1.5; stroke-dasharray: 3 2; }
svg text { font-size: 11px; fill: var(--muted); }
svg text.value { fill: var(--ink); }
ul.actions { padding-left: 1.2rem; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  table, svg.chart, .summary { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  @page { margin: 18mm 16mm; }
}
"#;

fn badge(status: Status) -> Markup {
    html! {
        span.status style=(format!("background:{}", svg::status_colour(status))) { (status.as_str()) }
    }
}

fn cell(c: &Option<Cell>) -> Markup {
    html! {
        @if let Some(c) = c {
            (c.value.to_string())
            @if !c.conflicts.is_empty() { span.flag { "*" } }
            @for other in &c.conflicts {
                br;
                span.flag { "(" (other.value.to_string()) " in " (other.report_year) " report)" }
            }
        }
    }
}

fn ask_section(section: &AskSection) -> Markup {
    let ask = &section.ask;
    html! {
        div.ask id=(ask.id) {
            h4 { (ask.id) " " (badge(ask.status))
                @if ask.asked_again { " " span.flag { "asked again after addressed" } } }
            blockquote { (ask.text) }
            p.muted {
                "Made in " (ask.years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", "))
                " (" (ask.reports) " report" @if ask.reports != 1 { "s" } ")"
                @if let Some(into) = &ask.merged_into { "; merged into " (into) }
                @else if !ask.still_made { "; not in the latest report" }
            }
            @if section.wording.iter().any(|w| w.changed) {
                p { "Wording by year:" }
                ul {
                    @for w in &section.wording {
                        li { strong { (w.year) } " (" (w.id) "): " (w.text) }
                    }
                }
            }
            p {
                "Status: " strong { (ask.status.as_str()) }
                @if let Some(date) = &ask.status_date { " since " (date) }
                @if let Some(on) = &ask.status_set_on { " (set on " (on) ")" }
                @if ask.owner.is_some() || !ask.supporting.is_empty() {
                    br; "Owner: " (ask.owner.as_deref().unwrap_or("none"))
                    @if !ask.supporting.is_empty() { " (with " (ask.supporting.join(", ")) ")" }
                }
                @if let Some(due) = &ask.due {
                    br; "Due: " (due) @if ask.overdue { " " span.flag { "overdue" } }
                }
            }
            @if !section.evidence.is_empty() {
                table {
                    thead { tr { th { "Report" } th { "Evidence" } th { "Source" } th { "Date" }
                                 th { "Assessment" } th { "Note" } } }
                    tbody {
                        @for e in &section.evidence {
                            tr {
                                td.num { (e.year) }
                                td { (e.text) }
                                td { (e.source.as_deref().unwrap_or("")) }
                                td { (e.date.as_deref().unwrap_or(""))
                                     @if e.outside_period { " " span.flag { "(outside the " (e.year) " period)" } } }
                                td { (e.assessment.as_deref().unwrap_or("")) }
                                td { (e.note.as_deref().unwrap_or("")) }
                            }
                        }
                    }
                }
            }
            @if !section.notes.is_empty() {
                ul {
                    @for n in &section.notes {
                        li { span.muted { (n.created_at.get(..10).unwrap_or(&n.created_at)) ", "
                             (n.author) " on " (n.recommendation) ": " } (n.text) }
                    }
                }
            }
            @if !section.suggestions.is_empty() {
                p.muted { "Suggested evidence awaiting review:" }
                ul {
                    @for e in &section.suggestions {
                        li { (e.year) " report: " (e.text) }
                    }
                }
            }
        }
    }
}

/// The dossier as one HTML page.
pub fn dossier(d: &Dossier) -> String {
    let years = d.years_label();
    let s = &d.summary;
    let figures = crate::indicators::FIGURES;
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (d.country) " — TIP Report recommendations, " (years) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { (d.country) " (" (d.iso3) ")" }
                    p.meta {
                        "Trafficking in Persons Report recommendations, " (years)
                        ". As of " (d.as_of) ". From the tiptrack database " code { (d.database) } "."
                    }
                }
                section #summary {
                    h2 { "Summary" }
                    div.summary {
                        div { span.n { (s.asks) } "asks" }
                        div { span.n { (s.tally.open) } "open" }
                        div { span.n { (s.tally.in_progress) } "in progress" }
                        div { span.n { (s.tally.partially_addressed) } "partially addressed" }
                        div { span.n { (s.tally.addressed) } "addressed"
                              @if let Some(p) = s.addressed_pct { " (" (format!("{p:.1}")) "%)" } }
                        div { span.n { (s.tally.not_addressed) } "not addressed" }
                        div { span.n { (s.persistent) } "made in 3 or more reports" }
                        div { span.n { (s.overdue) } "overdue" }
                        div { span.n { (s.asked_again) } "asked again after addressed" }
                    }
                }
                section #tiers {
                    h2 { "Tier history" }
                    (PreEscaped(svg::tiers(&d.country, &d.tiers)))
                    table {
                        thead { tr { th { "Report" } th { "Tier" } th { "Change" } th { "From" } } }
                        tbody {
                            @for t in &d.tiers {
                                tr {
                                    td.num { (t.year) }
                                    td { (t.tier.map(|t| t.as_str()).unwrap_or("not stated")) }
                                    td { (super::views::tier_change_cell(t.change, t.previous_tier)) }
                                    td { (if t.set_by == "user" { "set by a user" } else { "the report" }) }
                                }
                            }
                        }
                    }
                }
                section #statuses {
                    h2 { "Status over time" }
                    p.muted { "The asks in each status when each report came out, from the history." }
                    (PreEscaped(svg::statuses(&d.country, &d.status_over_time.iter().map(|s| (s.year, s.tally)).collect::<Vec<_>>())))
                    table {
                        thead { tr { th { "Report" }
                            @for status in Status::ALL { th.num { (status.as_str()) } } } }
                        tbody {
                            @for at in &d.status_over_time {
                                tr { td.num { (at.year) }
                                     @for status in Status::ALL { td.num { (at.tally.get(status)) } } }
                            }
                        }
                    }
                }
                section #asks {
                    h2 { "The asks" }
                    @for area in &d.areas {
                        h3 { (super::capitalised(area.area.as_str())) " (" (area.asks.len()) ")" }
                        @for section in &area.asks { (ask_section(section)) }
                    }
                }
                section #figures {
                    h2 { "Reported figures" }
                    p.muted { "As the narratives report them; each from the latest report that gives it. "
                              span.flag { "*" } " marks a figure an earlier report gave differently." }
                    table {
                        thead { tr { th { "Year" } @for (name, _) in &figures { th.num { (name) } } } }
                        tbody {
                            @for row in &d.figures.years {
                                tr { td.num { (row.year) }
                                     @for (_, get) in &figures { td.num { (cell(get(row))) } } }
                            }
                        }
                    }
                    @for (name, get) in &figures {
                        @let points = figure_points(d, *get);
                        @if !points.is_empty() {
                            (PreEscaped(svg::figure(name, &points)))
                        }
                    }
                }
                @if let Some(sub) = &d.submission {
                    section #submission {
                        h2 { "Submission draft: the " (sub.period) " reporting period" }
                        p.muted { (sub.start) " to " (sub.end) ". Per ask still to do, what is dated within the period." }
                        @for a in &sub.asks {
                            div.ask {
                                h4 { (a.id) " " (badge(a.status)) }
                                blockquote { (a.text) }
                                @if a.owner.is_some() || a.due.is_some() {
                                    p.muted { "Owner: " (a.owner.as_deref().unwrap_or("none"))
                                              @if let Some(due) = &a.due { "; due " (due) } }
                                }
                                @if a.actions.is_empty() {
                                    p.muted { "Nothing recorded within the period." }
                                } @else {
                                    ul.actions {
                                        @for act in &a.actions {
                                            li { strong { (act.date.as_deref().unwrap_or("undated")) } " (" (act.kind) "): " (act.text)
                                                 @if let Some(src) = &act.source { " — " (src) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    // maud escapes the markup; the control characters of stored text (the page may go to a
    // terminal) are shown too, as everywhere. The template itself holds none.
    super::escape_controls(&page.into_string()).into_owned()
}

/// One figure's values by year, for its chart.
fn figure_points(d: &Dossier, get: crate::indicators::FigureOf) -> Vec<svg::Point> {
    d.figures
        .years
        .iter()
        .filter_map(|row| {
            let c = get(row).as_ref()?;
            let label = c.value.to_string();
            let value = match &c.value {
                crate::indicators::FigureValue::Count(n) => *n as f64,
                crate::indicators::FigureValue::Amount(a) => svg::amount(a)?,
            };
            Some(svg::Point {
                year: row.year,
                value,
                label,
                conflict: !c.conflicts.is_empty(),
            })
        })
        .collect()
}
