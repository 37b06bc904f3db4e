//! Asks: the lines that a country's links draw through its reports.
//!
//! Pure: the store hands over a country's items and links, and keeps what comes back.
//!
//! An ask is followed through **primary** links. A link from E (earlier) to L (later) is
//! primary when it is the best of L's links back and the best of E's links forward (best: the
//! higher score, then a user's link, then the nearer report, then the older item). So every
//! item has at most one primary predecessor and one primary successor, and the primary links
//! cut the country's items into lines: each line is an ask, named by its first item.
//!
//! A link that is not primary joins two asks without making them one line, and says how they
//! meet:
//! - **merged**: E has no primary successor (L continues another ask, through its best link):
//!   E's ask ends at E and is *merged into* L's ask. The report made the two asks one; the
//!   ask that gave way keeps what was recorded about it, and shows where it went.
//! - **split**: L has no primary predecessor (E's ask goes on through another item): L starts
//!   an ask of its own, *split from* E. It starts with nothing recorded: what was recorded
//!   stays with the ask it came from.

use std::cmp::Ordering;
use std::collections::HashMap;

/// An item, as lineage needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub id: i64,
    pub year: i64,
}

/// A link between two items of the country (row ids), as stored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    pub earlier: i64,
    pub later: i64,
    pub score: f64,
    pub by_user: bool,
}

/// Where an item stands: its ask (the first item's id) and its place in the ask's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub ask: i64,
    pub position: i64,
}

/// How an ask meets another, through a link that is not primary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Relations {
    /// The item of another ask that continues this ask's last item.
    pub merged_into: Option<i64>,
    /// The item of another ask that this ask's first item continues.
    pub split_from: Option<i64>,
}

/// The asks of one country.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lineage {
    /// Every item's placement.
    pub placements: HashMap<i64, Placement>,
    /// Each ask's line, earliest first, by the ask's id.
    pub lines: HashMap<i64, Vec<i64>>,
    /// Each ask's relations to others, for the asks that have any.
    pub relations: HashMap<i64, Relations>,
}

/// Groups a country's items into asks along its links. Links naming items not given are
/// ignored.
pub fn asks(items: &[Item], edges: &[Edge]) -> Lineage {
    let year: HashMap<i64, i64> = items.iter().map(|i| (i.id, i.year)).collect();
    let edges: Vec<&Edge> = edges
        .iter()
        .filter(|e| year.contains_key(&e.earlier) && year.contains_key(&e.later))
        .collect();
    // How good a link is, from one end: for `back` the other end is the earlier item.
    let better = |a: &Edge, b: &Edge, back: bool| -> Ordering {
        let (near_a, near_b, other_a, other_b) = if back {
            (year[&a.earlier], year[&b.earlier], a.earlier, b.earlier)
        } else {
            (-year[&a.later], -year[&b.later], a.later, b.later)
        };
        a.score
            .total_cmp(&b.score)
            .then(a.by_user.cmp(&b.by_user))
            .then(near_a.cmp(&near_b))
            .then(other_b.cmp(&other_a))
    };
    let mut best_back: HashMap<i64, &Edge> = HashMap::new();
    let mut best_forward: HashMap<i64, &Edge> = HashMap::new();
    for &edge in &edges {
        let back = best_back.entry(edge.later).or_insert(edge);
        if better(edge, back, true) == Ordering::Greater {
            *back = edge;
        }
        let forward = best_forward.entry(edge.earlier).or_insert(edge);
        if better(edge, forward, false) == Ordering::Greater {
            *forward = edge;
        }
    }
    // A pair of items has at most one link, so a link is known by its two ends.
    let ends = |e: &Edge| (e.earlier, e.later);
    let primary = |e: &Edge| {
        best_back.get(&e.later).is_some_and(|b| ends(b) == ends(e))
            && best_forward
                .get(&e.earlier)
                .is_some_and(|f| ends(f) == ends(e))
    };
    let mut previous: HashMap<i64, i64> = HashMap::new();
    let mut next: HashMap<i64, i64> = HashMap::new();
    for &edge in edges.iter().filter(|e| primary(e)) {
        previous.insert(edge.later, edge.earlier);
        next.insert(edge.earlier, edge.later);
    }
    let mut lineage = Lineage::default();
    let mut firsts: Vec<&Item> = items
        .iter()
        .filter(|i| !previous.contains_key(&i.id))
        .collect();
    firsts.sort_by_key(|i| (i.year, i.id));
    for first in firsts {
        let mut line = vec![first.id];
        // Links go forward in years, so a line cannot loop; the bound guards odd data.
        while let Some(&after) = next.get(line.last().unwrap_or(&first.id)) {
            if line.len() > items.len() {
                break;
            }
            line.push(after);
        }
        for (index, id) in line.iter().enumerate() {
            lineage.placements.insert(
                *id,
                Placement {
                    ask: first.id,
                    position: index as i64 + 1,
                },
            );
        }
        lineage.lines.insert(first.id, line);
    }
    // Items on a cycle (impossible with links going forward in years) get asks of their own.
    for item in items {
        if let std::collections::hash_map::Entry::Vacant(entry) = lineage.placements.entry(item.id)
        {
            entry.insert(Placement {
                ask: item.id,
                position: 1,
            });
            lineage.lines.insert(item.id, vec![item.id]);
        }
    }
    for (ask, line) in &lineage.lines {
        let (first, last) = (line[0], line[line.len() - 1]);
        let relations = Relations {
            merged_into: (!next.contains_key(&last))
                .then(|| best_forward.get(&last).map(|e| e.later))
                .flatten(),
            split_from: (!previous.contains_key(&first))
                .then(|| best_back.get(&first).map(|e| e.earlier))
                .flatten(),
        };
        if relations != Relations::default() {
            lineage.relations.insert(*ask, relations);
        }
    }
    lineage
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64, year: i64) -> Item {
        Item { id, year }
    }

    fn edge(earlier: i64, later: i64, score: f64) -> Edge {
        Edge {
            earlier,
            later,
            score,
            by_user: false,
        }
    }

    fn line(lineage: &Lineage, ask: i64) -> Vec<i64> {
        lineage.lines[&ask].clone()
    }

    #[test]
    fn a_repeated_ask_is_one_line_named_by_its_first_item() {
        // 2011: 1, 2; 2012: 3 (repeats 1), 4 (new); 2013: 5 (repeats 3).
        let items = [
            item(1, 2011),
            item(2, 2011),
            item(3, 2012),
            item(4, 2012),
            item(5, 2013),
        ];
        let lineage = asks(&items, &[edge(1, 3, 0.9), edge(3, 5, 0.7)]);
        assert_eq!(line(&lineage, 1), [1, 3, 5]);
        assert_eq!(
            lineage.placements[&5],
            Placement {
                ask: 1,
                position: 3
            }
        );
        assert_eq!(line(&lineage, 2), [2]);
        assert_eq!(line(&lineage, 4), [4]);
        assert_eq!(lineage.lines.len(), 3);
        assert!(lineage.relations.is_empty());
    }

    #[test]
    fn an_ask_that_skips_a_report_stays_one_line() {
        let items = [item(1, 2011), item(2, 2012), item(3, 2013)];
        let lineage = asks(&items, &[edge(1, 3, 0.5)]);
        assert_eq!(line(&lineage, 1), [1, 3]);
        assert_eq!(line(&lineage, 2), [2]);
    }

    #[test]
    fn two_asks_made_one_the_weaker_merges_into_the_stronger() {
        // 2012's item 3 continues both 2011 asks; its best link is to 2.
        let items = [item(1, 2011), item(2, 2011), item(3, 2012), item(4, 2013)];
        let lineage = asks(
            &items,
            &[edge(1, 3, 0.48), edge(2, 3, 0.63), edge(3, 4, 0.9)],
        );
        assert_eq!(line(&lineage, 2), [2, 3, 4]);
        assert_eq!(line(&lineage, 1), [1]);
        assert_eq!(
            lineage.relations[&1],
            Relations {
                merged_into: Some(3),
                split_from: None
            }
        );
        assert!(!lineage.relations.contains_key(&2));
    }

    #[test]
    fn one_ask_made_two_the_weaker_splits_off() {
        let items = [item(1, 2011), item(2, 2012), item(3, 2012)];
        let lineage = asks(&items, &[edge(1, 2, 0.5), edge(1, 3, 0.7)]);
        assert_eq!(line(&lineage, 1), [1, 3]);
        assert_eq!(line(&lineage, 2), [2]);
        assert_eq!(
            lineage.relations[&2],
            Relations {
                merged_into: None,
                split_from: Some(1)
            }
        );
    }

    #[test]
    fn ties_go_to_the_users_link_then_the_nearer_report() {
        let items = [item(1, 2010), item(2, 2011), item(3, 2012)];
        let user = Edge {
            by_user: true,
            ..edge(1, 3, 0.6)
        };
        let lineage = asks(&items, &[user, edge(2, 3, 0.6)]);
        assert_eq!(line(&lineage, 1), [1, 3]);
        let lineage = asks(&items, &[edge(1, 3, 0.6), edge(2, 3, 0.6)]);
        assert_eq!(line(&lineage, 2), [2, 3]);
        assert_eq!(lineage.relations[&1].merged_into, Some(3));
    }

    #[test]
    fn the_result_does_not_depend_on_the_order_of_the_links() {
        let items = [item(1, 2011), item(2, 2011), item(3, 2012), item(4, 2012)];
        let edges = [
            edge(1, 3, 0.5),
            edge(2, 3, 0.5),
            edge(1, 4, 0.5),
            edge(2, 4, 0.4),
        ];
        let forward = asks(&items, &edges);
        let mut reversed = edges;
        reversed.reverse();
        assert_eq!(asks(&items, &reversed), forward);
    }
}
