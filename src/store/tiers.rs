//! Tiers by year: what each imported copy states, and what users set where a copy states none
//! (or states it wrongly).

use anyhow::{Result, bail};
use rusqlite::{OptionalExtension, params};

use super::write::NewEvent;
use super::{Store, Writer};
use crate::model::{Actor, Tier, TierYear};
use crate::report::TierChange;

impl Store {
    /// A country's tier in each imported report, earliest first, with the move from the report
    /// before.
    pub fn tiers(&self, iso3: &str) -> Result<Vec<TierYear>> {
        let mut stmt = self.legacy()?.prepare_cached(
            "SELECT year, tier, tier_set_by FROM narrative WHERE iso3 = ?1 AND removed IS NULL \
             ORDER BY year",
        )?;
        let rows = stmt.query_map([iso3], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, Option<Tier>>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?;
        let mut years: Vec<TierYear> = Vec::new();
        for row in rows {
            let (year, tier, set_by) = row?;
            let previous_tier = years.last().and_then(|y| y.tier);
            years.push(TierYear {
                year,
                tier,
                previous_tier,
                change: previous_tier
                    .zip(tier)
                    .map(|(before, after)| TierChange::between(before, after)),
                set_by,
            });
        }
        Ok(years)
    }
}

impl Writer<'_> {
    /// Sets the tier of a country's report of `year`, which must be imported. A re-import keeps
    /// it. Returns the tier before, or None when it already was `tier` (nothing recorded).
    pub fn set_tier(
        &self,
        iso3: &str,
        year: i64,
        tier: Tier,
        actor: &Actor,
    ) -> Result<Option<Option<Tier>>> {
        let found: Option<(i64, Option<Tier>, String)> = self
            .row(
                "SELECT id, tier, tier_set_by FROM narrative WHERE iso3 = ?1 AND year = ?2 \
                 AND removed IS NULL",
                params![iso3, year],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        let Some((narrative_id, old, set_by)) = found else {
            bail!(
                "no {iso3} report for {year} is imported: import it first (the tier is kept with \
                 the narrative)"
            );
        };
        if old == Some(tier) && set_by == "user" {
            return Ok(None);
        }
        let before = self.before("narrative", narrative_id, &["tier", "tier_set_by"])?;
        self.exec(
            "UPDATE narrative SET tier = ?1, tier_set_by = 'user' WHERE id = ?2",
            params![tier, narrative_id],
        )?;
        self.append_event(
            &NewEvent {
                narrative_id,
                recommendation_id: None,
                kind: "tier",
                old_value: old.map(|t| t.as_str()),
                new_value: Some(tier.as_str()),
                note: Some("set by a user"),
                effective_date: None,
                before,
            },
            actor,
        )?;
        Ok(Some(old))
    }
}
