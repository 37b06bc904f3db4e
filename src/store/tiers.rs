//! Tiers by year: what each imported copy states, and what users set where a copy states none
//! (or states it wrongly).

use anyhow::{Result, bail};

use super::rows::NewEvent;
use super::sql::params;
use super::{Store, Writer};
use crate::model::{Actor, Tier, TierYear};
use crate::report::TierChange;

impl Store {
    /// A country's tier in each imported report, earliest first, with the move from the report
    /// before.
    pub fn tiers(&self, iso3: &str) -> Result<Vec<TierYear>> {
        let mut years: Vec<TierYear> = Vec::new();
        self.db().each(
            "a country's tiers",
            "SELECT year, tier, tier_set_by FROM narrative WHERE iso3 = ?1 AND removed IS NULL \
             ORDER BY year",
            params![iso3],
            |row| {
                let year: i64 = row.get(0)?;
                let tier: Option<Tier> = row.get(1)?;
                let set_by: String = row.get(2)?;
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
                Ok(())
            },
        )?;
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
        let found: Option<(i64, Option<Tier>, String)> = self.db().optional(
            "the narrative whose tier is set",
            "SELECT id, tier, tier_set_by FROM narrative WHERE iso3 = ?1 AND year = ?2 \
             AND removed IS NULL",
            params![iso3, year],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
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
        self.db().exec(
            "setting the tier",
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
