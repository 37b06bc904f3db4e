//! Small inline SVG charts for the dossier: the tier by year, the asks in each status by year,
//! and one figure by year. Hand-written rather than drawn with a plotting crate: three chart
//! shapes, no fonts to embed (the page's own font draws the labels), and every label escaped.
//! Each data point is an element of its own (`circle` or `rect` with class `point` and a
//! `<title>` saying what it is), so a reader hovering it, or a test, can tell the values.

use std::fmt::Write;

use crate::model::{Status, Tier, TierYear};
use crate::report::Tally;

const WIDTH: f64 = 640.0;
const LEFT: f64 = 130.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 16.0;

/// The colour of each status, also used by the legend and the page's tables.
pub fn status_colour(status: Status) -> &'static str {
    match status {
        Status::Open => "#9aa5b1",
        Status::InProgress => "#f0b429",
        Status::PartiallyAddressed => "#8fc1e3",
        Status::Addressed => "#2f855a",
        Status::NotAddressed => "#c53030",
        Status::Superseded => "#cbd2d9",
    }
}

/// Escapes text for SVG (and HTML) content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if super::controls::is_escaped(c) => super::controls::push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// The x of each of `n` columns' centres.
fn columns(n: usize) -> Vec<f64> {
    let span = WIDTH - LEFT - RIGHT;
    let step = span / n.max(1) as f64;
    (0..n).map(|i| LEFT + step * (i as f64 + 0.5)).collect()
}

fn open(svg: &mut String, height: f64, label: &str) {
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-label="{}">"#,
        escape(label)
    );
}

fn text(svg: &mut String, x: f64, y: f64, anchor: &str, class: &str, label: &str) {
    let _ = write!(
        svg,
        r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" class="{class}">{}</text>"#,
        escape(label)
    );
}

/// The tier of each report year, as points on a ladder from Tier 1 (top) to Tier 3, with
/// Special Case below, joined by a line where consecutive years have a rank.
pub fn tiers(country: &str, tiers: &[TierYear]) -> String {
    let rungs = [
        Tier::Tier1,
        Tier::Tier2,
        Tier::Tier2WatchList,
        Tier::Tier3,
        Tier::SpecialCase,
    ];
    let step = 28.0;
    let height = TOP + step * rungs.len() as f64 + 30.0;
    let y =
        |tier: Tier| TOP + step * (rungs.iter().position(|t| *t == tier).unwrap_or(0) as f64 + 0.5);
    let mut svg = String::new();
    open(&mut svg, height, &format!("{country}: tier by report year"));
    for rung in rungs {
        let _ = write!(
            svg,
            r#"<line x1="{LEFT}" y1="{0:.1}" x2="{1}" y2="{0:.1}" class="grid"/>"#,
            y(rung),
            WIDTH - RIGHT
        );
        text(
            &mut svg,
            LEFT - 8.0,
            y(rung) + 4.0,
            "end",
            "axis",
            rung.as_str(),
        );
    }
    let xs = columns(tiers.len());
    let mut path = Vec::new();
    for (t, x) in tiers.iter().zip(&xs) {
        match t.tier {
            Some(tier) if tier != Tier::SpecialCase => path.push(format!("{x:.1},{:.1}", y(tier))),
            _ => {
                if path.len() > 1 {
                    let _ = write!(
                        svg,
                        r#"<polyline points="{}" class="line"/>"#,
                        path.join(" ")
                    );
                }
                path.clear();
            }
        }
    }
    if path.len() > 1 {
        let _ = write!(
            svg,
            r#"<polyline points="{}" class="line"/>"#,
            path.join(" ")
        );
    }
    for (t, x) in tiers.iter().zip(&xs) {
        if let Some(tier) = t.tier {
            let _ = write!(
                svg,
                r#"<circle cx="{x:.1}" cy="{:.1}" r="5" class="point" data-year="{}" data-value="{}"><title>{}: {}</title></circle>"#,
                y(tier),
                t.year,
                escape(tier.as_str()),
                t.year,
                escape(tier.as_str())
            );
        }
        text(
            &mut svg,
            *x,
            height - 10.0,
            "middle",
            "axis",
            &t.year.to_string(),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The asks in each status at each report year, as stacked bars, with a legend.
pub fn statuses(country: &str, years: &[(i64, Tally)]) -> String {
    let plot = 180.0;
    let legend = 24.0;
    let height = TOP + plot + 30.0 + legend;
    let most = years
        .iter()
        .map(|(_, t)| t.total())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut svg = String::new();
    open(
        &mut svg,
        height,
        &format!("{country}: asks by status, by report year"),
    );
    let base = TOP + plot;
    let _ = write!(
        svg,
        r#"<line x1="{LEFT}" y1="{base}" x2="{}" y2="{base}" class="axisline"/>"#,
        WIDTH - RIGHT
    );
    text(&mut svg, LEFT - 8.0, base + 4.0, "end", "axis", "0");
    text(
        &mut svg,
        LEFT - 8.0,
        TOP + 4.0,
        "end",
        "axis",
        &format!("{most}"),
    );
    let xs = columns(years.len());
    let bar = ((WIDTH - LEFT - RIGHT) / years.len().max(1) as f64 * 0.6).min(40.0);
    for ((year, tally), x) in years.iter().zip(&xs) {
        let mut top = base;
        for status in Status::ALL {
            let n = tally.get(status);
            if n == 0 {
                continue;
            }
            let h = plot * n as f64 / most;
            top -= h;
            let _ = write!(
                svg,
                r#"<rect x="{:.1}" y="{top:.1}" width="{bar:.1}" height="{h:.1}" fill="{}" class="point" data-year="{year}" data-status="{status}" data-value="{n}"><title>{year}: {n} {status}</title></rect>"#,
                x - bar / 2.0,
                status_colour(status),
            );
        }
        text(
            &mut svg,
            *x,
            base + 16.0,
            "middle",
            "axis",
            &year.to_string(),
        );
    }
    // The legend on one line from the left edge; 11px labels are about 6px a letter.
    let mut lx = 20.0;
    for status in Status::ALL {
        let _ = write!(
            svg,
            r#"<rect x="{lx:.1}" y="{:.1}" width="10" height="10" fill="{}"/>"#,
            height - legend + 2.0,
            status_colour(status)
        );
        text(
            &mut svg,
            lx + 14.0,
            height - legend + 11.0,
            "start",
            "legend",
            status.as_str(),
        );
        lx += 14.0 + 6.0 * status.as_str().len() as f64 + 14.0;
    }
    svg.push_str("</svg>");
    svg
}

/// One value of a figure chart: the year, the value to plot, its label as written, and whether
/// reports gave it differently.
pub struct Point {
    pub year: i64,
    pub value: f64,
    pub label: String,
    pub conflict: bool,
}

/// One figure by year, as bars labelled with the value as written; a figure reports disagreed
/// on is drawn hatched and marked.
pub fn figure(title: &str, points: &[Point]) -> String {
    let plot = 120.0;
    let height = TOP + plot + 34.0;
    let most = points.iter().map(|p| p.value).fold(0.0, f64::max).max(1.0);
    let mut svg = String::new();
    open(&mut svg, height, title);
    let base = TOP + plot;
    let _ = write!(
        svg,
        r#"<line x1="{LEFT}" y1="{base}" x2="{}" y2="{base}" class="axisline"/>"#,
        WIDTH - RIGHT
    );
    text(&mut svg, LEFT - 8.0, TOP + 10.0, "end", "axis", title);
    let xs = columns(points.len());
    let bar = ((WIDTH - LEFT - RIGHT) / points.len().max(1) as f64 * 0.6).min(36.0);
    for (p, x) in points.iter().zip(&xs) {
        let h = plot * p.value / most;
        let class = if p.conflict {
            "point conflict"
        } else {
            "point"
        };
        let mark = if p.conflict {
            " (reports disagree)"
        } else {
            ""
        };
        let _ = write!(
            svg,
            r#"<rect x="{:.1}" y="{:.1}" width="{bar:.1}" height="{h:.1}" class="{class}" data-year="{}" data-value="{}"><title>{}: {}{mark}</title></rect>"#,
            x - bar / 2.0,
            base - h,
            p.year,
            p.value,
            p.year,
            escape(&p.label)
        );
        let label = if p.conflict {
            format!("{}*", p.label)
        } else {
            p.label.clone()
        };
        text(&mut svg, *x, base - h - 4.0, "middle", "value", &label);
        text(
            &mut svg,
            *x,
            base + 16.0,
            "middle",
            "axis",
            &p.year.to_string(),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// An amount as written ("$1.2 million", "75,000 tenge") as a number, for the height of its
/// bar; None when it holds no number.
pub fn amount(text: &str) -> Option<f64> {
    let lower = text.to_lowercase();
    let digits: String = lower
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .filter(|c| *c != ',')
        .collect();
    let value: f64 = digits.trim_end_matches('.').parse().ok()?;
    let scale = if lower.contains("billion") {
        1e9
    } else if lower.contains("million") {
        1e6
    } else if lower.contains("thousand") {
        1e3
    } else {
        1.0
    };
    Some(value * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_written() {
        assert_eq!(amount("$70,000"), Some(70_000.0));
        assert_eq!(amount("$1.2 million"), Some(1_200_000.0));
        assert_eq!(amount("75,000 tenge"), Some(75_000.0));
        assert_eq!(amount("none"), None);
    }

    #[test]
    fn labels_are_escaped() {
        let svg = figure(
            "<script>",
            &[Point {
                year: 2011,
                value: 3.0,
                label: "<b>3</b>".into(),
                conflict: true,
            }],
        );
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(!svg.contains("<b>"), "{svg}");
        assert!(svg.contains("&lt;b&gt;3&lt;/b&gt;*"), "{svg}");
        assert!(svg.contains(r#"class="point conflict""#), "{svg}");
    }

    #[test]
    fn each_point_is_an_element_with_its_value() {
        let mut tally = Tally::default();
        tally.count(Status::Open);
        tally.count(Status::Addressed);
        let svg = statuses("Kazakhstan", &[(2011, tally), (2012, tally)]);
        assert_eq!(svg.matches(r#"class="point""#).count(), 4, "{svg}");
        assert!(svg.contains(r#"data-year="2012" data-status="addressed" data-value="1""#));
    }
}
