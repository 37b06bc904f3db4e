//! Storing an imported narrative, and re-importing a changed one without losing anything a user
//! recorded.
//!
//! On re-import the new recommendation texts are matched to the stored ones by text, not by
//! position: first identical texts, then the most similar pairs above a threshold (an edited
//! clause). A matched item keeps its ID, status, notes and evidence; a changed text or position
//! is recorded in the history. New clauses get the next free number. Items the new text no
//! longer has keep everything, lose their position, and are marked removed in the history.

use anyhow::Result;
use sha2::{Digest, Sha256};

use super::Writer;
use super::rows::{RECOMMENDATION_COLUMNS, RECOMMENDATION_FROM, recommendation_from_row};
use super::sql::params;
use super::suggest::Ranking;
use super::write::NewEvent;
use crate::model::{Actor, NarrativeImport, ParsedRecommendation, Recommendation};
pub use crate::reconcile::ImportSummary;
use crate::reconcile::{Step, Stored, is_excerpt_of, item_code, reconciliation};

/// What an import did to the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// A narrative new to the database.
    Created,
    /// The same text was imported before; nothing changed.
    Unchanged,
    /// A copy cut off inside (or before) the recommendations the database holds in full: the
    /// stored text is kept and nothing changed.
    Excerpt,
    /// A changed text of a stored narrative.
    Updated(ImportSummary),
}

/// The hash that tells whether a narrative's text changed.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Writer<'_> {
    /// Stores a narrative and its recommendations, or updates the stored one of the same country
    /// and year. Returns what happened and the narrative's current recommendations. `next` is
    /// the narrative the import stores after this one, in a transaction of its own: when this
    /// one is new and suggestions are on, `next` is ranked for suggestions ahead, while this
    /// one's are stored, if it will be new too.
    pub fn import_narrative(
        &self,
        import: &NarrativeImport,
        next: Option<&NarrativeImport>,
        actor: &Actor,
    ) -> Result<(ImportOutcome, Vec<Recommendation>)> {
        let hash = content_hash(&import.parsed.text);
        // A narrative removed (`tiptrack remove`) comes back as it was, then is imported over.
        let db = self.db();
        let removed: Option<i64> = db.optional(
            "the removed narrative of a country and year",
            "SELECT id FROM narrative WHERE iso3 = ?1 AND year = ?2 AND removed IS NOT NULL",
            params![import.iso3, import.year],
            |row| row.get(0),
        )?;
        if let Some(id) = removed {
            self.revive(id, &import.source_name, actor)?;
        }
        let existing: Option<(i64, String, Option<String>, String, bool)> = db.optional(
            "the stored narrative of a country and year",
            "SELECT n.id, n.content_hash, n.tier, t.full_text, n.tier_set_by = 'user' \
             FROM narrative n JOIN narrative_text t ON t.narrative_id = n.id \
             WHERE n.iso3 = ?1 AND n.year = ?2",
            params![import.iso3, import.year],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            },
        )?;
        // A tier a user set (`tiptrack tier`) is kept through every re-import.
        let tier: Option<String> = match &existing {
            Some((_, _, old, _, true)) => old.clone(),
            _ => import.tier.map(|t| t.as_str().to_string()),
        };
        let tier = tier.as_deref();
        let existing = existing.map(|(id, hash, tier, text, _)| (id, hash, tier, text));

        // A new narrative's suggestions are ranked on the ranker thread while it is stored and
        // linked (see `Writer::start_ranking`), if the transaction before did not start that.
        let ahead = self.ranker.take_ahead();
        let mut ranking = None;
        let outcome = match existing {
            None => {
                if self.suggest {
                    ranking = match ahead {
                        Some(ticket) => Some(Ranking::Ahead(ticket)),
                        None => self.start_ranking(import)?.map(Ranking::Started),
                    };
                }
                let narrative_id = self.insert_narrative(import, &hash, actor)?;
                self.append_event(
                    &narrative_event(narrative_id, "import", None, Some(&import.source_name)),
                    actor,
                )?;
                for (index, item) in import.parsed.recommendations.iter().enumerate() {
                    let n = index as i64 + 1;
                    self.insert_recommendation(narrative_id, import, n, n, item, actor)?;
                }
                ImportOutcome::Created
            }
            Some((_, old_hash, old_tier, _)) if old_hash == hash && old_tier.as_deref() == tier => {
                ImportOutcome::Unchanged
            }
            Some((narrative_id, ..))
                if is_excerpt_of(
                    &self.stored_recommendations(narrative_id)?,
                    &import.parsed.recommendations,
                ) =>
            {
                ImportOutcome::Excerpt
            }
            Some((narrative_id, _, old_tier, old_text)) => {
                db.exec(
                    "updating a re-imported narrative",
                    "UPDATE narrative SET country = ?1, tier = ?2, source_name = ?3, \
                     content_hash = ?4, updated_at = ?5 WHERE id = ?6",
                    params![
                        import.country,
                        tier,
                        import.source_name,
                        hash,
                        actor.at,
                        narrative_id
                    ],
                )?;
                db.exec(
                    "updating a re-imported narrative's text",
                    "UPDATE narrative_text SET full_text = ?1 WHERE narrative_id = ?2",
                    params![import.parsed.text, narrative_id],
                )?;
                // The old text goes into the history so nothing imported earlier is lost.
                self.append_event(
                    &narrative_event(
                        narrative_id,
                        "reimport",
                        Some(&old_text),
                        Some(&import.source_name),
                    ),
                    actor,
                )?;
                let new_tier = tier;
                if old_tier.as_deref() != new_tier {
                    self.append_event(
                        &narrative_event(narrative_id, "tier", old_tier.as_deref(), new_tier),
                        actor,
                    )?;
                }
                db.exec(
                    "deleting a re-imported narrative's sections",
                    "DELETE FROM section WHERE narrative_id = ?1",
                    params![narrative_id],
                )?;
                db.exec(
                    "deleting a re-imported narrative's warnings",
                    "DELETE FROM narrative_warning WHERE narrative_id = ?1",
                    params![narrative_id],
                )?;
                // Suggestions awaiting review point into the old text: recomputed below, or
                // by `evidence suggest` after an import without suggesting.
                db.exec(
                    "deleting a re-imported narrative's suggestions",
                    "DELETE FROM evidence WHERE narrative_id = ?1 AND state = 'suggested'",
                    params![narrative_id],
                )?;
                self.insert_sections_and_warnings(narrative_id, import)?;
                ImportOutcome::Updated(self.reconcile(narrative_id, import, actor)?)
            }
        };
        if matches!(outcome, ImportOutcome::Created | ImportOutcome::Updated(_)) {
            self.relink_after_import(&import.iso3, import.year)?;
            if self.suggest {
                let narrative_id: i64 = db.value(
                    "the imported narrative",
                    "SELECT id FROM narrative WHERE iso3 = ?1 AND year = ?2",
                    params![import.iso3, import.year],
                )?;
                let new = ranking.map(|ranking| (ranking, import));
                self.suggest_after_import(narrative_id, new, next, actor)?;
            }
        }
        Ok((
            outcome,
            self.narrative_recommendations(&import.iso3, import.year)?,
        ))
    }

    fn insert_narrative(&self, import: &NarrativeImport, hash: &str, actor: &Actor) -> Result<i64> {
        let db = self.db();
        let narrative_id: i64 = db.value(
            "storing a new narrative",
            "INSERT INTO narrative (country, iso3, year, tier, source_name, content_hash, \
             imported_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) RETURNING id",
            params![
                import.country,
                import.iso3,
                import.year,
                import.tier,
                import.source_name,
                hash,
                actor.at,
            ],
        )?;
        db.exec(
            "storing a new narrative's text",
            "INSERT INTO narrative_text (narrative_id, full_text) VALUES (?1, ?2)",
            params![narrative_id, import.parsed.text],
        )?;
        self.insert_sections_and_warnings(narrative_id, import)?;
        Ok(narrative_id)
    }

    fn insert_sections_and_warnings(
        &self,
        narrative_id: i64,
        import: &NarrativeImport,
    ) -> Result<()> {
        let db = self.db();
        for (index, s) in import.parsed.sections.iter().enumerate() {
            db.exec(
                "storing a narrative's section",
                "INSERT INTO section (narrative_id, position, kind, heading, body) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    narrative_id,
                    index as i64 + 1,
                    s.kind,
                    s.heading,
                    import.parsed.body(s)
                ],
            )?;
        }
        for (index, message) in import.parsed.warnings.iter().enumerate() {
            db.exec(
                "storing a narrative's warning",
                "INSERT INTO narrative_warning (narrative_id, position, message) \
                 VALUES (?1, ?2, ?3)",
                params![narrative_id, index as i64 + 1, message],
            )?;
        }
        Ok(())
    }

    fn insert_recommendation(
        &self,
        narrative_id: i64,
        import: &NarrativeImport,
        seq: i64,
        position: i64,
        item: &ParsedRecommendation,
        actor: &Actor,
    ) -> Result<String> {
        let code = item_code(&import.iso3, import.year, seq);
        // Each item starts as its own ask; the links then group it (`asks::regroup`). Its id is
        // the next after the largest, given twice (id and ask): on PostgreSQL too, where
        // writers take turns (see `Store::write`), so no other transaction takes it meanwhile.
        let rowid: i64 = self.db().value(
            "storing a recommendation",
            "INSERT INTO recommendation (id, narrative_id, code, seq, position, text, \
             truncated, area, action, status, ask_id, ask_position, created_at, updated_at) \
             VALUES ((SELECT coalesce(max(id), 0) + 1 FROM recommendation), ?1, ?2, ?3, ?4, \
             ?5, ?6, ?7, ?8, 'open', (SELECT coalesce(max(id), 0) + 1 FROM recommendation), \
             1, ?9, ?9) RETURNING id",
            params![
                narrative_id,
                code,
                seq,
                position,
                item.text,
                item.truncated,
                item.area,
                item.action,
                actor.at
            ],
        )?;
        self.append_event(
            &NewEvent {
                narrative_id,
                recommendation_id: Some(rowid),
                kind: "created",
                old_value: None,
                new_value: Some(&item.text),
                note: None,
                effective_date: None,
                before: None,
            },
            actor,
        )?;
        Ok(code)
    }

    /// Matches the new recommendation texts to the stored items (see the module
    /// documentation and [`reconciliation`]), and makes the changes that gives.
    fn reconcile(
        &self,
        narrative_id: i64,
        import: &NarrativeImport,
        actor: &Actor,
    ) -> Result<ImportSummary> {
        let stored = self.stored_recommendations(narrative_id)?;
        let plan = reconciliation(
            &import.iso3,
            import.year,
            &stored,
            &import.parsed.recommendations,
        );
        let db = self.db();
        // Positions are unique among current items: clear them all, then set the new ones.
        db.exec(
            "clearing a re-imported narrative's positions",
            "UPDATE recommendation SET position = NULL WHERE narrative_id = ?1",
            params![narrative_id],
        )?;
        for step in &plan.steps {
            match *step {
                Step::Add {
                    seq,
                    position,
                    item,
                } => {
                    self.insert_recommendation(narrative_id, import, seq, position, item, actor)?;
                }
                Step::Keep {
                    old,
                    position,
                    item,
                    reworded,
                    moved,
                } => {
                    db.exec(
                        "updating a re-imported item",
                        "UPDATE recommendation SET position = ?1, text = ?2, truncated = ?3 \
                         WHERE id = ?4",
                        params![position, item.text, item.truncated, old.rowid],
                    )?;
                    // A reworded item is classified again, unless a user corrected its
                    // classification.
                    db.exec(
                        "classifying a re-imported item again",
                        "UPDATE recommendation SET area = ?1, action = ?2 \
                         WHERE id = ?3 AND classified_by = 'rules'",
                        params![item.area, item.action, old.rowid],
                    )?;
                    if reworded {
                        self.touch_event(
                            narrative_id,
                            old.rowid,
                            "text",
                            Some(&old.text),
                            Some(&item.text),
                            actor,
                        )?;
                    }
                    if moved {
                        let (from, to) =
                            (old.position.map(|p| p.to_string()), position.to_string());
                        self.touch_event(
                            narrative_id,
                            old.rowid,
                            "position",
                            from.as_deref(),
                            Some(&to),
                            actor,
                        )?;
                    }
                }
                Step::Remove { old } => {
                    let from = old.position.map(|p| p.to_string());
                    self.touch_event(
                        narrative_id,
                        old.rowid,
                        "removed",
                        from.as_deref(),
                        None,
                        actor,
                    )?;
                }
            }
        }
        Ok(plan.summary)
    }

    /// Appends an import-made change to an item and bumps its `updated_at`.
    fn touch_event(
        &self,
        narrative_id: i64,
        rowid: i64,
        kind: &str,
        old_value: Option<&str>,
        new_value: Option<&str>,
        actor: &Actor,
    ) -> Result<()> {
        self.db().exec(
            "touching a re-imported item",
            "UPDATE recommendation SET updated_at = ?1 WHERE id = ?2",
            params![actor.at, rowid],
        )?;
        self.append_event(
            &NewEvent {
                narrative_id,
                recommendation_id: Some(rowid),
                kind,
                old_value,
                new_value,
                note: None,
                effective_date: None,
                before: None,
            },
            actor,
        )?;
        Ok(())
    }

    fn stored_recommendations(&self, narrative_id: i64) -> Result<Vec<Stored>> {
        self.db().rows(
            "a stored narrative's items",
            "SELECT id, code, seq, position, text, truncated FROM recommendation \
             WHERE narrative_id = ?1 ORDER BY seq",
            params![narrative_id],
            |row| {
                Ok(Stored {
                    rowid: row.get(0)?,
                    code: row.get(1)?,
                    seq: row.get(2)?,
                    position: row.get(3)?,
                    text: row.get(4)?,
                    truncated: row.get(5)?,
                })
            },
        )
    }

    /// A narrative's current recommendations, in order.
    pub fn narrative_recommendations(&self, iso3: &str, year: i64) -> Result<Vec<Recommendation>> {
        self.db().rows(
            "a narrative's current recommendations",
            &format!(
                "SELECT {RECOMMENDATION_COLUMNS} FROM {RECOMMENDATION_FROM} \
                 WHERE n.iso3 = ?1 AND n.year = ?2 AND r.position IS NOT NULL \
                 ORDER BY r.position"
            ),
            params![iso3, year],
            recommendation_from_row,
        )
    }
}

fn narrative_event<'a>(
    narrative_id: i64,
    kind: &'a str,
    old_value: Option<&'a str>,
    new_value: Option<&'a str>,
) -> NewEvent<'a> {
    NewEvent {
        narrative_id,
        recommendation_id: None,
        kind,
        old_value,
        new_value,
        note: None,
        effective_date: None,
        before: None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_content_hash_is_the_texts_sha256() {
        assert_eq!(
            super::content_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
