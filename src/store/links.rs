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
use std::hash::{Hash, Hasher};

use anyhow::{Result, anyhow, bail};

use super::rows::{find_recommendation, find_row};
use super::sql::{Db, params};
use super::write::NewEvent;
use super::{Store, Writer};
use crate::link::walk::{LinkRow, chain_entries, diff_items};
use crate::link::{self, LinkKind};
use crate::model::{Actor, ChainEntry, Diff, Recommendation, Tier};

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

/// Reports' items prepared for comparison, by narrative, with one preparer: kept for the
/// store's life, so that an import of many reports prepares each narrative's items once, not
/// once for every later report of its country (a tenth of importing 20 whole reports). An
/// entry stands while its narrative's items read the same (a hash of their texts).
#[derive(Default)]
pub(super) struct LinkCache {
    preparer: link::Preparer,
    items: HashMap<i64, (u64, Vec<link::Prepared>)>,
}

impl LinkCache {
    /// Prepares a narrative's current items, unless they are already, as they read now.
    fn add<'a>(&mut self, narrative: i64, texts: impl Iterator<Item = &'a str>) {
        let texts: Vec<&str> = texts.collect();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        texts.hash(&mut hasher);
        let hash = hasher.finish();
        if self
            .items
            .get(&narrative)
            .is_none_or(|(held, _)| *held != hash)
        {
            let prepared = self.preparer.prepare(&texts);
            self.items.insert(narrative, (hash, prepared));
        }
    }

    /// A narrative's items, prepared by [`LinkCache::add`].
    fn of(&self, narrative: i64) -> &[link::Prepared] {
        self.items.get(&narrative).map_or(&[], |(_, items)| items)
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
        let mut cache = self.links.borrow_mut();
        for (narrative, year) in narratives {
            self.relink_into(iso3, narrative, year, &mut cache)?;
        }
        drop(cache);
        super::asks::regroup(self.db(), iso3)
    }

    /// Replaces the automatic links into narrative `later` (the country's report of `year`)
    /// with those matched against the country's earlier reports, leaving user links and
    /// rejected pairs alone. An earlier item is a candidate while it has no successor in a
    /// report before `year`: the nearest earlier report's items all are, an older report's only
    /// the asks it dropped (so an ask that skips reports and comes back continues its lineage,
    /// and each auto lineage stays a line).
    fn relink_into(&self, iso3: &str, later: i64, year: i64, cache: &mut LinkCache) -> Result<()> {
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
            .map(|(narrative, _)| cache.of(*narrative))
            .collect();
        let matches = link::match_reports(&earlier, cache.of(later), true, |r, e, l| {
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
