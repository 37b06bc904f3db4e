//! Walking a country's links: an ask's entries across the years (with `dropped` and `unknown`)
//! and the comparison of two years, from the rows the store reads (no database: see
//! `store/links.rs`).

use std::collections::{HashMap, HashSet};

use crate::link::LinkKind;
use crate::model::{ChainEntry, Change, DiffItem, Recommendation, Status};

/// A stored link, between public IDs.
pub(crate) struct LinkRow {
    pub(crate) earlier: String,
    pub(crate) later: String,
    pub(crate) kind: LinkKind,
    pub(crate) score: f64,
    pub(crate) made_by: String,
}

/// The report year in a recommendation's public ID (`KAZ-2011-3`).
pub(crate) fn year_of(code: &str) -> i64 {
    code.rsplit('-')
        .nth(1)
        .and_then(|y| y.parse().ok())
        .unwrap_or(i64::MAX)
}

/// Whether an item still asks for something: neither addressed nor superseded.
pub(crate) fn still_open(status: Status) -> bool {
    !matches!(status, Status::Addressed | Status::Superseded)
}

/// An item of an ask's line, with the item of another ask it merged into (on the last) or split
/// from (on the first).
pub(crate) type LineEntry = (Recommendation, Option<String>, Option<String>);

/// The entries of [`Store::chain`], from the ask's line (earliest first), the country's links
/// and its report years (each with whether its copy has a recommendations block). An item
/// still open is *dropped* when the next report that has a recommendations block does not
/// carry it on (even if a later report takes the ask up again: the next entry shows it came
/// back), and *unknown* when no later report has a block but some later copy exists.
pub(crate) fn chain_entries(
    line: &[LineEntry],
    links: &[LinkRow],
    years: &[(i64, bool)],
) -> Vec<ChainEntry> {
    // The next report that tells which asks it made again: one with a recommendations block.
    let next_year = |year: i64| {
        years
            .iter()
            .find(|(y, block)| *y > year && *block)
            .map(|(y, _)| *y)
    };
    let later_without_block = |year: i64| years.iter().any(|(y, block)| *y > year && !block);
    // Items with a successor in the country's next report after their own.
    let carried: HashSet<&str> = links
        .iter()
        .filter(|l| next_year(year_of(&l.earlier)) == Some(year_of(&l.later)))
        .map(|l| l.earlier.as_str())
        .collect();
    line.iter()
        .enumerate()
        .map(|(index, (item, merged_into, split_from))| {
            let link = (index > 0)
                .then(|| {
                    links
                        .iter()
                        .find(|l| l.earlier == line[index - 1].0.id && l.later == item.id)
                })
                .flatten();
            let open = still_open(item.status) && !carried.contains(item.id.as_str());
            ChainEntry {
                dropped: open && next_year(item.year).is_some(),
                unknown: open && next_year(item.year).is_none() && later_without_block(item.year),
                id: item.id.clone(),
                year: item.year,
                status: item.status,
                link: link.map(|l| l.kind),
                score: link.map(|l| l.score),
                linked_by: link.map(|l| l.made_by.clone()),
                merged_into: merged_into.clone(),
                split_from: split_from.clone(),
                text: item.text.clone(),
            }
        })
        .collect()
}

/// The lines of [`Store::diff`]: each item of the earlier report followed along the links
/// (`links` in the order [`country_links`] gives) to the later report, of `year2`; then the
/// later report's items no earlier item reached, as new. A path is repeated only while every
/// link on it is; its score is its weakest link's.
pub(crate) fn diff_items(
    earlier: &[Recommendation],
    later: &[Recommendation],
    links: &[LinkRow],
    year2: i64,
) -> Vec<DiffItem> {
    let forward: HashMap<&str, Vec<&LinkRow>> = links.iter().fold(HashMap::new(), |mut map, l| {
        map.entry(l.earlier.as_str()).or_default().push(l);
        map
    });
    let later_by_id: HashMap<&str, &Recommendation> =
        later.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut items = Vec::new();
    let mut reached: HashSet<&str> = HashSet::new();
    for item in earlier {
        // Follow the links forward, report by report, to the later year.
        let mut paths: Vec<(&str, LinkKind, f64)> =
            vec![(item.id.as_str(), LinkKind::Repeated, 1.0)];
        let mut found = None;
        while let Some((code, kind, score)) = paths.pop() {
            if later_by_id.contains_key(code) && code != item.id {
                found = Some((code, kind, score));
                break;
            }
            for l in forward.get(code).into_iter().flatten() {
                if year_of(&l.later) <= year2 {
                    let kind = if kind == LinkKind::Repeated && l.kind == LinkKind::Repeated {
                        LinkKind::Repeated
                    } else {
                        LinkKind::Reworded
                    };
                    paths.push((l.later.as_str(), kind, score.min(l.score)));
                }
            }
        }
        match found {
            Some((code, kind, score)) => {
                reached.insert(code);
                let successor = later_by_id[code];
                items.push(DiffItem {
                    change: match kind {
                        LinkKind::Repeated => Change::Repeated,
                        LinkKind::Reworded => Change::Reworded,
                    },
                    earlier: Some(item.id.clone()),
                    earlier_status: Some(item.status),
                    later: Some(successor.id.clone()),
                    later_status: Some(successor.status),
                    score: Some(score),
                    text: successor.text.clone(),
                });
            }
            _ => items.push(DiffItem {
                change: if !still_open(item.status) {
                    Change::Closed
                } else if later.is_empty() {
                    // The later copy has no recommendations block: it says nothing of
                    // which asks it made again.
                    Change::Unknown
                } else {
                    Change::Dropped
                },
                earlier: Some(item.id.clone()),
                earlier_status: Some(item.status),
                later: None,
                later_status: None,
                score: None,
                text: item.text.clone(),
            }),
        }
    }
    for item in later {
        if !reached.contains(item.id.as_str()) {
            items.push(DiffItem {
                change: Change::New,
                earlier: None,
                earlier_status: None,
                later: Some(item.id.clone()),
                later_status: Some(item.status),
                score: None,
                text: item.text.clone(),
            });
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Area};

    /// An item of Kazakhstan's report of the year in its ID.
    fn item(id: &str, status: Status) -> Recommendation {
        Recommendation {
            id: id.to_string(),
            country: "Kazakhstan".to_string(),
            iso3: "KAZ".to_string(),
            year: year_of(id),
            tier: None,
            position: Some(1),
            text: format!("the text of {id}"),
            truncated: false,
            area: Area::Protection,
            action: Action::Specific,
            status,
            updated_at: String::new(),
            repeats: 0,
            ask: id.to_string(),
            owner: None,
            supporting: Vec::new(),
            due: None,
            asked_again: false,
        }
    }

    fn link(earlier: &str, later: &str, kind: LinkKind, score: f64) -> LinkRow {
        LinkRow {
            earlier: earlier.to_string(),
            later: later.to_string(),
            kind,
            score,
            made_by: "auto".to_string(),
        }
    }

    fn line(items: &[Recommendation]) -> Vec<LineEntry> {
        items.iter().map(|i| (i.clone(), None, None)).collect()
    }

    fn flags(entries: &[ChainEntry]) -> Vec<(&str, bool, bool)> {
        entries
            .iter()
            .map(|e| (e.id.as_str(), e.dropped, e.unknown))
            .collect()
    }

    #[test]
    fn a_chain_entry_shows_the_link_from_the_one_before() {
        let a = item("KAZ-2010-1", Status::Open);
        let b = item("KAZ-2011-2", Status::Open);
        let links = [link(&a.id, &b.id, LinkKind::Reworded, 0.8)];
        let years = [(2010, true), (2011, true)];
        let entries = chain_entries(&line(&[a, b]), &links, &years);
        assert_eq!(entries[0].link, None);
        assert_eq!(entries[1].link, Some(LinkKind::Reworded));
        assert_eq!(entries[1].score, Some(0.8));
        assert_eq!(entries[1].linked_by.as_deref(), Some("auto"));
        assert_eq!(entries[1].text, "the text of KAZ-2011-2");
        // Carried on, then the latest report: neither dropped nor unknown.
        assert_eq!(
            flags(&entries),
            [("KAZ-2010-1", false, false), ("KAZ-2011-2", false, false)]
        );
    }

    #[test]
    fn an_open_item_the_next_report_does_not_carry_is_dropped_even_if_a_later_one_does() {
        // 2011 has a recommendations block and does not make the ask; 2012 takes it up again.
        let a = item("KAZ-2010-1", Status::Open);
        let c = item("KAZ-2012-3", Status::Open);
        let links = [link(&a.id, &c.id, LinkKind::Repeated, 1.0)];
        let years = [(2010, true), (2011, true), (2012, true)];
        let entries = chain_entries(&line(&[a, c]), &links, &years);
        assert_eq!(
            flags(&entries),
            [("KAZ-2010-1", true, false), ("KAZ-2012-3", false, false)]
        );
    }

    #[test]
    fn a_closed_item_is_never_dropped() {
        for status in [Status::Addressed, Status::Superseded] {
            let a = item("KAZ-2010-1", status);
            let entries = chain_entries(&line(&[a]), &[], &[(2010, true), (2011, true)]);
            assert_eq!(flags(&entries), [("KAZ-2010-1", false, false)]);
        }
        let a = item("KAZ-2010-1", Status::NotAddressed);
        let entries = chain_entries(&line(&[a]), &[], &[(2010, true), (2011, true)]);
        assert_eq!(flags(&entries), [("KAZ-2010-1", true, false)]);
    }

    #[test]
    fn later_copies_without_a_recommendations_block_make_an_open_item_unknown() {
        let a = item("KAZ-2010-1", Status::Open);
        let years = [(2010, true), (2011, false)];
        let entries = chain_entries(&line(std::slice::from_ref(&a)), &[], &years);
        assert_eq!(flags(&entries), [("KAZ-2010-1", false, true)]);
        // A copy with a block after the one without decides.
        let years = [(2010, true), (2011, false), (2012, true)];
        let entries = chain_entries(&line(&[a]), &[], &years);
        assert_eq!(flags(&entries), [("KAZ-2010-1", true, false)]);
    }

    #[test]
    fn a_chain_is_carried_only_by_a_link_into_the_next_report_with_a_block() {
        // 2011's copy has no block: the next report that tells is 2012, and the link goes there.
        let a = item("KAZ-2010-1", Status::Open);
        let c = item("KAZ-2012-1", Status::Open);
        let links = [link(&a.id, &c.id, LinkKind::Repeated, 1.0)];
        let years = [(2010, true), (2011, false), (2012, true)];
        let entries = chain_entries(&line(&[a, c]), &links, &years);
        assert_eq!(
            flags(&entries),
            [("KAZ-2010-1", false, false), ("KAZ-2012-1", false, false)]
        );
    }

    /// A diff line's change, earlier and later items, and score.
    type Line<'a> = (Change, Option<&'a str>, Option<&'a str>, Option<f64>);

    fn changes(items: &[DiffItem]) -> Vec<Line<'_>> {
        items
            .iter()
            .map(|i| (i.change, i.earlier.as_deref(), i.later.as_deref(), i.score))
            .collect()
    }

    #[test]
    fn a_diff_follows_links_through_the_reports_between() {
        let earlier = [
            item("KAZ-2010-1", Status::Open),
            item("KAZ-2010-2", Status::Addressed),
            item("KAZ-2010-3", Status::InProgress),
            item("KAZ-2010-4", Status::Open),
        ];
        let later = [
            item("KAZ-2012-1", Status::Open),
            item("KAZ-2012-2", Status::Open),
            item("KAZ-2012-3", Status::Open),
        ];
        let links = [
            // Repeated, then reworded: reworded, at the weaker score.
            link("KAZ-2010-1", "KAZ-2011-1", LinkKind::Repeated, 0.9),
            link("KAZ-2011-1", "KAZ-2012-2", LinkKind::Reworded, 0.75),
            // Repeated all the way.
            link("KAZ-2010-4", "KAZ-2011-4", LinkKind::Repeated, 1.0),
            link("KAZ-2011-4", "KAZ-2012-3", LinkKind::Repeated, 0.95),
            // Past the later year: not followed.
            link("KAZ-2010-3", "KAZ-2013-1", LinkKind::Repeated, 1.0),
        ];
        let items = diff_items(&earlier, &later, &links, 2012);
        assert_eq!(
            changes(&items),
            [
                (
                    Change::Reworded,
                    Some("KAZ-2010-1"),
                    Some("KAZ-2012-2"),
                    Some(0.75)
                ),
                (Change::Closed, Some("KAZ-2010-2"), None, None),
                (Change::Dropped, Some("KAZ-2010-3"), None, None),
                (
                    Change::Repeated,
                    Some("KAZ-2010-4"),
                    Some("KAZ-2012-3"),
                    Some(0.95)
                ),
                (Change::New, None, Some("KAZ-2012-1"), None),
            ]
        );
        // A reached item shows the later text and status; a dropped one the earlier.
        assert_eq!(items[0].text, "the text of KAZ-2012-2");
        assert_eq!(items[2].text, "the text of KAZ-2010-3");
        assert_eq!(items[2].earlier_status, Some(Status::InProgress));
    }

    #[test]
    fn against_a_copy_without_items_an_open_ask_is_unknown() {
        let earlier = [
            item("KAZ-2010-1", Status::Open),
            item("KAZ-2010-2", Status::Superseded),
        ];
        let items = diff_items(&earlier, &[], &[], 2011);
        assert_eq!(
            changes(&items),
            [
                (Change::Unknown, Some("KAZ-2010-1"), None, None),
                (Change::Closed, Some("KAZ-2010-2"), None, None),
            ]
        );
    }

    #[test]
    fn of_an_item_split_in_two_the_diff_follows_the_last_link_read() {
        // Links come by the later item's report and number: the path taken first is the last
        // pushed, the later item numbered highest.
        let earlier = [item("KAZ-2010-1", Status::Open)];
        let later = [
            item("KAZ-2011-1", Status::Open),
            item("KAZ-2011-2", Status::Open),
        ];
        let links = [
            link("KAZ-2010-1", "KAZ-2011-1", LinkKind::Reworded, 0.8),
            link("KAZ-2010-1", "KAZ-2011-2", LinkKind::Reworded, 0.7),
        ];
        let items = diff_items(&earlier, &later, &links, 2011);
        assert_eq!(
            changes(&items),
            [
                (
                    Change::Reworded,
                    Some("KAZ-2010-1"),
                    Some("KAZ-2011-2"),
                    Some(0.7)
                ),
                (Change::New, None, Some("KAZ-2011-1"), None),
            ]
        );
    }

    #[test]
    fn the_year_of_an_id_is_its_middle_part() {
        assert_eq!(year_of("KAZ-2011-3"), 2011);
        assert_eq!(year_of("KAZ-2011-13"), 2011);
        assert_eq!(year_of("nonsense"), i64::MAX);
    }
}
