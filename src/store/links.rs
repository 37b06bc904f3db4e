//! Recurring recommendations: links between one country's successive reports, kept up to date
//! on import, corrected by users, and read back as chains, repeat counts and diffs.
//!
//! Auto links are derived data. The links whose later item belongs to report Y are a function
//! of Y's items, the items of the country's earlier reports, which of those already have a
//! successor before Y (the links into earlier reports), and the user's corrections. Importing Y
//! recomputes them, then those of every later report, oldest first; a correction recomputes
//! from its later item's report on. So the links do not depend on the order the reports were
//! imported in.

use std::collections::{HashMap, HashSet};

use anyhow::{Result, anyhow, bail};

use super::rows::{find_recommendation, find_row};
use super::sql::{Db, params};
use super::write::NewEvent;
use super::{Store, Writer};
use crate::link::{self, LinkKind};
use crate::model::{Actor, ChainEntry, Change, Diff, DiffItem, Recommendation, Status, Tier};

/// A stored link, between public IDs.
struct LinkRow {
    earlier: String,
    later: String,
    kind: LinkKind,
    score: f64,
    made_by: String,
}

/// A narrative's current items: row id and text, in order.
fn current_items(db: Db<'_>, narrative_id: i64) -> Result<Vec<(i64, String)>> {
    db.rows(
        "a report's current items",
        "SELECT id, text FROM recommendation WHERE narrative_id = ?1 AND position IS NOT NULL \
         ORDER BY position",
        params![narrative_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
}

/// A narrative's row id and report year.
type Neighbour = (i64, i64);

/// Every link among a country's items, by the later item's report and number (the order
/// [`Store::diff`] follows an item's links in).
fn country_links(db: Db<'_>, iso3: &str) -> Result<Vec<LinkRow>> {
    db.rows(
        "a country's links",
        "SELECT e.code, l.code, k.kind, k.score, k.made_by FROM link k \
         JOIN recommendation e ON e.id = k.earlier_id \
         JOIN recommendation l ON l.id = k.later_id \
         JOIN narrative n ON n.id = l.narrative_id WHERE n.iso3 = ?1 AND n.removed IS NULL \
         ORDER BY n.year, l.seq, k.earlier_id",
        params![iso3],
        |row| {
            Ok(LinkRow {
                earlier: row.get(0)?,
                later: row.get(1)?,
                kind: row
                    .get::<String>(2)?
                    .parse()
                    .map_err(|err| anyhow!("column 2: {err}"))?,
                score: row.get(3)?,
                made_by: row.get(4)?,
            })
        },
    )
}

/// The report year in a recommendation's public ID (`KAZ-2011-3`).
fn year_of(code: &str) -> i64 {
    code.rsplit('-')
        .nth(1)
        .and_then(|y| y.parse().ok())
        .unwrap_or(i64::MAX)
}

/// The years a country has reports for.
/// The years a country has reports for, each with whether its copy has a recommendations
/// block (current items): a copy without one (an excerpt that ends before it) says nothing of
/// which asks were made again.
fn country_years(db: Db<'_>, iso3: &str) -> Result<Vec<(i64, bool)>> {
    db.rows(
        "a country's report years",
        "SELECT n.year, EXISTS (SELECT 1 FROM recommendation r \
         WHERE r.narrative_id = n.id AND r.position IS NOT NULL) \
         FROM narrative n WHERE n.iso3 = ?1 AND n.removed IS NULL ORDER BY n.year",
        params![iso3],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
}

/// An earlier item as a candidate predecessor: row id, text, and whether it already has a
/// successor before the later report.
type Candidate = (i64, String, bool);

/// Reports' items prepared for comparison, by narrative, with one preparer.
#[derive(Default)]
struct Prepared {
    preparer: link::Preparer,
    items: HashMap<i64, Vec<link::Prepared>>,
}

impl Prepared {
    /// Prepares a narrative's current items, unless they are already.
    fn add<'a>(&mut self, narrative: i64, texts: impl Iterator<Item = &'a str>) {
        if !self.items.contains_key(&narrative) {
            let texts: Vec<&str> = texts.collect();
            let prepared = self.preparer.prepare(&texts);
            self.items.insert(narrative, prepared);
        }
    }
}

impl Writer<'_> {
    /// Recomputes the automatic links after a country's report for `year` was imported or
    /// changed: those into that report and into every later one, oldest first (a later
    /// report's links depend on which earlier items already have a successor).
    pub(super) fn relink_after_import(&self, iso3: &str, year: i64) -> Result<()> {
        self.relink_from(iso3, year)
    }

    /// Recomputes the automatic links into the country's reports of `year` and later, oldest
    /// first.
    fn relink_from(&self, iso3: &str, year: i64) -> Result<()> {
        let narratives: Vec<Neighbour> = self.db().rows(
            "a country's reports from a year on",
            "SELECT id, year FROM narrative WHERE iso3 = ?1 AND year >= ?2 \
             AND removed IS NULL ORDER BY year",
            params![iso3, year],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        // Items do not change while links are recomputed: each report is prepared once.
        let mut cache = Prepared::default();
        for (narrative, year) in narratives {
            self.relink_into(iso3, narrative, year, &mut cache)?;
        }
        super::asks::regroup(self.db(), iso3)
    }

    /// Replaces the automatic links into narrative `later` (the country's report of `year`)
    /// with those matched against the country's earlier reports, leaving user links and
    /// rejected pairs alone. An earlier item is a candidate while it has no successor in a
    /// report before `year`: the nearest earlier report's items all are, an older report's only
    /// the asks it dropped (so an ask that skips reports and comes back continues its lineage,
    /// and each auto lineage stays a line).
    fn relink_into(&self, iso3: &str, later: i64, year: i64, cache: &mut Prepared) -> Result<()> {
        let db = self.db();
        db.exec(
            "deleting the automatic links into a report",
            "DELETE FROM link WHERE made_by = 'auto' AND later_id IN \
             (SELECT id FROM recommendation WHERE narrative_id = ?1)",
            params![later],
        )?;
        // The earlier reports' current items, nearest report first, each with whether it
        // already has a successor in a report before `year`.
        let mut reports: Vec<(i64, Vec<Candidate>)> = Vec::new();
        let mut current = None;
        db.each(
            "the earlier reports' items, as candidate predecessors",
            "SELECT n.id, r.id, r.text, EXISTS (SELECT 1 FROM link k \
               JOIN recommendation s ON s.id = k.later_id \
               JOIN narrative m ON m.id = s.narrative_id \
               WHERE k.earlier_id = r.id AND m.year < ?2) \
             FROM narrative n JOIN recommendation r ON r.narrative_id = n.id \
             WHERE n.iso3 = ?1 AND n.year < ?2 AND r.position IS NOT NULL \
             AND n.removed IS NULL ORDER BY n.year DESC, r.position",
            params![iso3, year],
            |row| {
                let narrative: i64 = row.get(0)?;
                if current != Some(narrative) {
                    current = Some(narrative);
                    reports.push((narrative, Vec::new()));
                }
                if let Some((_, items)) = reports.last_mut() {
                    items.push((row.get(1)?, row.get(2)?, row.get(3)?));
                }
                Ok(())
            },
        )?;
        // Reports whose items all have a successor cannot take a link.
        reports.retain(|(_, items)| items.iter().any(|(_, _, taken)| !taken));
        if reports.is_empty() {
            return Ok(());
        }
        let later_items = current_items(db, later)?;
        let user_linked: Vec<(i64, i64)> = db.rows(
            "the user's links into a report",
            "SELECT k.earlier_id, k.later_id FROM link k \
             JOIN recommendation r ON r.id = k.later_id \
             WHERE k.made_by = 'user' AND r.narrative_id = ?1",
            params![later],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let rejected: HashSet<(i64, i64)> = db
            .rows(
                "the pairs a user unlinked into a report",
                "SELECT x.earlier_id, x.later_id FROM link_rejection x \
                 JOIN recommendation r ON r.id = x.later_id WHERE r.narrative_id = ?1",
                params![later],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?
            .into_iter()
            .collect();
        let earlier_taken: HashSet<i64> = user_linked.iter().map(|(e, _)| *e).collect();
        let later_taken: HashSet<i64> = user_linked.iter().map(|(_, l)| *l).collect();
        if later_items.iter().all(|(id, _)| later_taken.contains(id)) {
            return Ok(());
        }
        for (narrative, items) in &reports {
            cache.add(*narrative, items.iter().map(|(_, t, _)| t.as_str()));
        }
        cache.add(later, later_items.iter().map(|(_, t)| t.as_str()));
        let earlier: Vec<&[link::Prepared]> = reports
            .iter()
            .map(|(narrative, _)| cache.items[narrative].as_slice())
            .collect();
        let matches = link::match_reports(&earlier, &cache.items[&later], true, |r, e, l| {
            let (e, has_successor) = (reports[r].1[e].0, reports[r].1[e].2);
            let l = later_items[l].0;
            !has_successor
                && !earlier_taken.contains(&e)
                && !later_taken.contains(&l)
                && !rejected.contains(&(e, l))
        });
        for m in matches {
            db.exec(
                "recording an automatic link",
                "INSERT INTO link (earlier_id, later_id, kind, score, made_by) \
                 VALUES (?1, ?2, ?3, ?4, 'auto')",
                params![
                    reports[m.report].1[m.earlier].0,
                    later_items[m.later].0,
                    m.kind.as_str(),
                    m.score
                ],
            )?;
        }
        Ok(())
    }

    /// The two items of a link, earlier first, checked: same country, different years.
    fn link_pair(&self, id1: &str, id2: &str) -> Result<[(Recommendation, i64, i64); 2]> {
        let (a, a_ids) = find_row(self.db(), id1)?;
        let (b, b_ids) = find_row(self.db(), id2)?;
        if a.iso3 != b.iso3 {
            bail!(
                "{} and {} are recommendations to different countries",
                a.id,
                b.id
            );
        }
        if a.year == b.year {
            bail!(
                "{} and {} are from the same report; a link joins two report years",
                a.id,
                b.id
            );
        }
        let a = (a, a_ids.recommendation, a_ids.narrative);
        let b = (b, b_ids.recommendation, b_ids.narrative);
        Ok(if a.0.year < b.0.year { [a, b] } else { [b, a] })
    }

    /// Records a link event on both items.
    fn link_events(
        &self,
        pair: &[(Recommendation, i64, i64); 2],
        kind: &str,
        actor: &Actor,
    ) -> Result<()> {
        let [earlier, later] = pair;
        for (this, other) in [(earlier, later), (later, earlier)] {
            let (old_value, new_value) = if kind == "link" {
                (None, Some(other.0.id.as_str()))
            } else {
                (Some(other.0.id.as_str()), None)
            };
            self.db().exec(
                "touching a linked item",
                "UPDATE recommendation SET updated_at = ?1 WHERE id = ?2",
                params![actor.at, this.1],
            )?;
            self.append_event(
                &NewEvent {
                    narrative_id: this.2,
                    recommendation_id: Some(this.1),
                    kind,
                    old_value,
                    new_value,
                    note: None,
                    effective_date: None,
                    before: None,
                },
                actor,
            )?;
        }
        Ok(())
    }

    /// Recomputes the automatic links a correction to the pair may change: those into the
    /// later item's report (the pair is taken, or rejected) and into every later report (which
    /// earlier items have a successor changed).
    fn relink_around(&self, pair: &[(Recommendation, i64, i64); 2]) -> Result<()> {
        let [_, later] = pair;
        self.relink_from(&later.0.iso3, later.0.year)
    }

    /// A user's link: `later` continues `earlier`. It replaces the automatic links into the later
    /// item (a user's other links into it stay: a merge), lifts a rejection of the pair, and is
    /// kept through every re-import. Returns the pair's
    /// IDs (earlier first) and the link's kind and score.
    pub fn link(
        &self,
        id1: &str,
        id2: &str,
        actor: &Actor,
    ) -> Result<(String, String, LinkKind, f64)> {
        let pair = self.link_pair(id1, id2)?;
        let [earlier, later] = &pair;
        let db = self.db();
        let existing: Option<String> = db.optional(
            "the link between two items",
            "SELECT made_by FROM link WHERE earlier_id = ?1 AND later_id = ?2",
            params![earlier.1, later.1],
            |row| row.get(0),
        )?;
        if existing.as_deref() == Some("user") {
            bail!("{} and {} are already linked", earlier.0.id, later.0.id);
        }
        let similarity = link::compare(&earlier.0.text, &later.0.text);
        let kind = similarity.user_kind();
        let score = similarity.score();
        // The automatic links into the later item give way (recomputed below); another user
        // link into it stays: the user says it continues both (a merge), `unlink` undoes one.
        db.exec(
            "deleting the automatic links into an item",
            "DELETE FROM link WHERE later_id = ?1 AND made_by = 'auto'",
            params![later.1],
        )?;
        db.exec(
            "lifting a rejection of a pair",
            "DELETE FROM link_rejection WHERE earlier_id = ?1 AND later_id = ?2",
            params![earlier.1, later.1],
        )?;
        db.exec(
            "recording a user's link",
            "INSERT INTO link (earlier_id, later_id, kind, score, made_by) \
             VALUES (?1, ?2, ?3, ?4, 'user')",
            params![earlier.1, later.1, kind.as_str(), score],
        )?;
        self.link_events(&pair, "link", actor)?;
        self.relink_around(&pair)?;
        Ok((earlier.0.id.clone(), later.0.id.clone(), kind, score))
    }

    /// A user's unlink: the pair is not the same ask. The link goes and the pair is never
    /// linked automatically again. Returns the pair's IDs, earlier first.
    pub fn unlink(&self, id1: &str, id2: &str, actor: &Actor) -> Result<(String, String)> {
        let pair = self.link_pair(id1, id2)?;
        let [earlier, later] = &pair;
        let db = self.db();
        let removed = db.exec(
            "deleting a link",
            "DELETE FROM link WHERE earlier_id = ?1 AND later_id = ?2",
            params![earlier.1, later.1],
        )?;
        if removed == 0 {
            bail!("{} and {} are not linked", earlier.0.id, later.0.id);
        }
        db.exec(
            "recording a rejected pair",
            "INSERT INTO link_rejection (earlier_id, later_id) VALUES (?1, ?2) \
             ON CONFLICT DO NOTHING",
            params![earlier.1, later.1],
        )?;
        self.link_events(&pair, "unlink", actor)?;
        self.relink_around(&pair)?;
        Ok((earlier.0.id.clone(), later.0.id.clone()))
    }
}

/// Whether an item still asks for something: neither addressed nor superseded.
fn still_open(status: Status) -> bool {
    !matches!(status, Status::Addressed | Status::Superseded)
}

impl Store {
    /// A recommendation's ask across years, earliest first: the line of its items (see
    /// `link::lineage`), each with the link from the one before, and where the ask meets
    /// another (merged into it, split from it).
    pub fn chain(&self, id: &str) -> Result<Vec<ChainEntry>> {
        let db = self.db();
        let start = find_recommendation(db, id)?;
        let links = country_links(db, &start.iso3)?;
        let years = country_years(db, &start.iso3)?;
        let line = self
            .ask_line(&start.ask)?
            .into_iter()
            .map(|(code, merged_into, split_from)| {
                Ok((find_recommendation(db, &code)?, merged_into, split_from))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(chain_entries(&line, &links, &years))
    }

    /// A country's report of `year1` compared with its report of `year2`: each earlier ask
    /// followed along the links to the later report (repeated, reworded, dropped or closed),
    /// then the later report's new asks.
    pub fn diff(&self, iso3: &str, year1: i64, year2: i64) -> Result<Diff> {
        let db = self.db();
        let narrative = |year: i64| -> Result<(String, Option<Tier>)> {
            db.optional(
                "a country's report of a year",
                "SELECT country, tier FROM narrative WHERE iso3 = ?1 AND year = ?2 \
                 AND removed IS NULL",
                params![iso3, year],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?
            .ok_or_else(|| anyhow!("no {iso3} report for {year} is imported"))
        };
        let (country, tier1) = narrative(year1)?;
        let (_, tier2) = narrative(year2)?;
        let items_of = |year: i64| {
            self.list_recommendations(&crate::model::Filter {
                iso3: Some(iso3.to_string()),
                year: Some(year),
                ..Default::default()
            })
        };
        let earlier = items_of(year1)?;
        let later = items_of(year2)?;
        let links = country_links(db, iso3)?;
        let items = diff_items(&earlier, &later, &links, year2);
        Ok(Diff {
            country,
            iso3: iso3.to_string(),
            year1,
            year2,
            tier1,
            tier2,
            items,
        })
    }
}

/// An item of an ask's line, with the item of another ask it merged into (on the last) or split
/// from (on the first).
type LineEntry = (Recommendation, Option<String>, Option<String>);

/// The entries of [`Store::chain`], from the ask's line (earliest first), the country's links
/// and its report years (each with whether its copy has a recommendations block). An item
/// still open is *dropped* when the next report that has a recommendations block does not
/// carry it on (even if a later report takes the ask up again: the next entry shows it came
/// back), and *unknown* when no later report has a block but some later copy exists.
fn chain_entries(line: &[LineEntry], links: &[LinkRow], years: &[(i64, bool)]) -> Vec<ChainEntry> {
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
fn diff_items(
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
