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
use super::write::NewEvent;
use crate::model::{Actor, NarrativeImport, ParsedRecommendation, Recommendation};

/// How similar (normalised Levenshtein, 0 to 1) an edited clause must be to the stored one to
/// count as the same recommendation.
const SAME_ITEM_SIMILARITY: f64 = 0.7;

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

/// The changes a re-import made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Items whose text changed (matched as edits of a stored item).
    pub reworded: Vec<String>,
    /// Items new in this text.
    pub added: Vec<String>,
    /// Items the text no longer contains (kept, with everything recorded about them).
    pub removed: Vec<String>,
    /// Items that only moved.
    pub moved: Vec<String>,
    /// Items an earlier re-import had found no longer in the text, back in it now.
    pub restored: Vec<String>,
}

/// A stored item of the narrative, as re-import matching needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stored {
    rowid: i64,
    code: String,
    seq: i64,
    position: Option<i64>,
    text: String,
    truncated: bool,
}

/// The hash that tells whether a narrative's text changed.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Writer<'_> {
    /// Stores a narrative and its recommendations, or updates the stored one of the same country
    /// and year. Returns what happened and the narrative's current recommendations.
    pub fn import_narrative(
        &self,
        import: &NarrativeImport,
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

        let outcome = match existing {
            None => {
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
                self.suggest_after_import(narrative_id, actor)?;
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

/// A recommendation's public ID: `KAZ-2011-3`.
fn item_code(iso3: &str, year: i64, seq: i64) -> String {
    format!("{iso3}-{year}-{seq}")
}

/// One change a re-import makes to a narrative's items. The steps come in the order they are
/// made, which is the order the history records them in.
#[derive(Debug, PartialEq)]
enum Step<'a> {
    /// A new text: a new item numbered `seq`, at `position`.
    Add {
        seq: i64,
        position: i64,
        item: &'a ParsedRecommendation,
    },
    /// A stored item that a new text continues, at `position`: its text is updated (and its
    /// classification, unless a user corrected it). `reworded`: the text changed; `moved`:
    /// the position did (from `old.position`, None for an item back in the text). Each is
    /// recorded in the history.
    Keep {
        old: &'a Stored,
        position: i64,
        item: &'a ParsedRecommendation,
        reworded: bool,
        moved: bool,
    },
    /// A current item the new text no longer has: it loses its position (recorded).
    Remove { old: &'a Stored },
}

/// What a re-import does to a narrative's items, decided from the stored items and the new
/// texts alone: the steps, and the summary shown.
#[derive(Debug)]
struct Reconciliation<'a> {
    steps: Vec<Step<'a>>,
    summary: ImportSummary,
}

/// The re-import of `new_items` over the `stored` items (all of the narrative's, current or
/// not, by number) of the country's (`iso3`) report of `year`. The new texts are paired with
/// stored items by [`match_items`]; a new text without one is a new item, numbered after every
/// number given so far, so no ID is ever given twice; a current item without one is removed.
fn reconciliation<'a>(
    iso3: &str,
    year: i64,
    stored: &'a [Stored],
    new_items: &'a [ParsedRecommendation],
) -> Reconciliation<'a> {
    let pairs = match_items(stored, new_items);
    let mut steps = Vec::new();
    let mut summary = ImportSummary::default();
    let last_seq = stored.iter().map(|s| s.seq).max().unwrap_or(0);
    for (index, item) in new_items.iter().enumerate() {
        let position = index as i64 + 1;
        let Some(old) = pairs[index].map(|i| &stored[i]) else {
            let seq = last_seq + summary.added.len() as i64 + 1;
            summary.added.push(item_code(iso3, year, seq));
            steps.push(Step::Add {
                seq,
                position,
                item,
            });
            continue;
        };
        let reworded = old.text != item.text;
        let moved = old.position != Some(position);
        if old.position.is_none() {
            summary.restored.push(old.code.clone());
        }
        if reworded {
            summary.reworded.push(old.code.clone());
        }
        if moved && !reworded && old.position.is_some() {
            summary.moved.push(old.code.clone());
        }
        steps.push(Step::Keep {
            old,
            position,
            item,
            reworded,
            moved,
        });
    }
    for (index, old) in stored.iter().enumerate() {
        if old.position.is_some() && !pairs.contains(&Some(index)) {
            summary.removed.push(old.code.clone());
            steps.push(Step::Remove { old });
        }
    }
    Reconciliation { steps, summary }
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

/// For each new text, the index of the stored item it continues, if any. Identical texts pair
/// first (in order, so repeated clauses pair up one to one); then the remaining texts pair with
/// the most similar remaining item, best pairs first.
fn match_items(stored: &[Stored], new_items: &[ParsedRecommendation]) -> Vec<Option<usize>> {
    let mut pairs: Vec<Option<usize>> = vec![None; new_items.len()];
    let mut taken = vec![false; stored.len()];
    for (n, item) in new_items.iter().enumerate() {
        let key = comparable(&item.text);
        if let Some(s) =
            (0..stored.len()).find(|&s| !taken[s] && comparable(&stored[s].text) == key)
        {
            pairs[n] = Some(s);
            taken[s] = true;
        }
    }
    // An item cut off in one copy is the same item as its whole text in another.
    for (n, item) in new_items.iter().enumerate() {
        if pairs[n].is_some() {
            continue;
        }
        let key = comparable(&item.text);
        let found = (0..stored.len()).find(|&s| {
            let old = comparable(&stored[s].text);
            !taken[s]
                && ((item.truncated && old.starts_with(&key))
                    || (stored[s].truncated && key.starts_with(&old)))
        });
        if let Some(s) = found {
            pairs[n] = Some(s);
            taken[s] = true;
        }
    }
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (n, item) in new_items
        .iter()
        .enumerate()
        .filter(|(n, _)| pairs[*n].is_none())
    {
        let key = comparable(&item.text);
        for (s, old) in stored.iter().enumerate().filter(|(s, _)| !taken[*s]) {
            let score = strsim::normalized_levenshtein(&key, &comparable(&old.text));
            if score >= SAME_ITEM_SIMILARITY {
                candidates.push((score, n, s));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, n, s) in candidates {
        if pairs[n].is_none() && !taken[s] {
            pairs[n] = Some(s);
            taken[s] = true;
        }
    }
    pairs
}

/// Whether a new copy is only a cut-off copy of what is stored: it has no recommendations where
/// the stored text has some, or its items are the stored items' first ones, the last of them
/// cut off. Such a copy must not replace the whole one, nor mark the rest as gone.
fn is_excerpt_of(stored: &[Stored], new_items: &[ParsedRecommendation]) -> bool {
    let mut current: Vec<&Stored> = stored.iter().filter(|s| s.position.is_some()).collect();
    current.sort_by_key(|s| s.position);
    let Some(last) = new_items.last() else {
        return !current.is_empty();
    };
    if !last.truncated || new_items.len() > current.len() {
        return false;
    }
    let k = new_items.len() - 1;
    let whole = new_items[..k]
        .iter()
        .zip(&current)
        .all(|(new, old)| comparable(&new.text) == comparable(&old.text));
    let cut = &current[k];
    whole
        && comparable(&cut.text).starts_with(&comparable(&last.text))
        && (current.len() > new_items.len() || !cut.truncated)
}

/// Text as compared for matching: case and spacing do not make a different recommendation.
fn comparable(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Area};

    fn new(text: &str) -> ParsedRecommendation {
        ParsedRecommendation {
            text: text.to_string(),
            truncated: false,
            area: Area::Prosecution,
            action: Action::General,
        }
    }

    fn cut(text: &str) -> ParsedRecommendation {
        ParsedRecommendation {
            truncated: true,
            ..new(text)
        }
    }

    /// Stored items numbered from 1, current at their number, with these texts.
    fn stored(texts: &[&str]) -> Vec<Stored> {
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let seq = i as i64 + 1;
                Stored {
                    rowid: 100 + seq,
                    code: item_code("KAZ", 2011, seq),
                    seq,
                    position: Some(seq),
                    text: text.to_string(),
                    truncated: false,
                }
            })
            .collect()
    }

    #[test]
    fn identical_texts_pair_first_in_order_then_the_most_similar() {
        let old = stored(&[
            "Increase efforts to prosecute traffickers",
            "Train judges",
            "Train judges",
            "Adopt a national action plan against trafficking in persons",
        ]);
        let items = [
            new("train   JUDGES"),
            new("Adopt a national action plan against trafficking of persons"),
            new("Something else entirely"),
            new("Train judges"),
        ];
        // Case and spacing do not count; repeated clauses pair one to one; an edit pairs by
        // similarity; nothing like any stored item pairs with none.
        assert_eq!(match_items(&old, &items), [Some(1), Some(3), None, Some(2)]);
    }

    #[test]
    fn the_best_similar_pair_wins_and_a_weak_one_is_no_pair() {
        let old = stored(&["Provide shelter for victims of trafficking", "abc"]);
        let items = [
            new("Provide shelters for all victims of trafficking"),
            new("Provide shelter for victims of trafficking."),
            new("xyz"),
        ];
        assert_eq!(match_items(&old, &items), [None, Some(0), None]);
    }

    #[test]
    fn a_cut_off_text_pairs_with_the_whole_one_it_begins() {
        let mut old = stored(&[
            "Investigate and prosecute trafficking offenses",
            "Fund NGOs",
        ]);
        assert_eq!(match_items(&old, &[cut("Investigate and pro")]), [Some(0)]);
        // And a whole text with a stored copy cut off inside it.
        old[1].text = "Fund".to_string();
        old[1].truncated = true;
        assert_eq!(
            match_items(&old, &[new("Fund NGOs that shelter victims")]),
            [Some(1)]
        );
    }

    #[test]
    fn an_excerpt_is_a_copy_cut_off_inside_what_is_stored() {
        let old = stored(&["First ask", "Second ask in full", "Third ask"]);
        assert!(is_excerpt_of(&old, &[]));
        assert!(is_excerpt_of(&old, &[new("first ask"), cut("Second ask")]));
        // Cut inside the stored last item, when that one is whole.
        assert!(is_excerpt_of(
            &old,
            &[new("First ask"), new("Second ask in full"), cut("Third")]
        ));
        // Not cut off, or not the stored items' first ones: a real change.
        assert!(!is_excerpt_of(&old, &[new("First ask")]));
        assert!(!is_excerpt_of(&old, &[new("Other ask"), cut("Second")]));
        assert!(!is_excerpt_of(&old, &[cut("Second")]));
        // Nothing stored is current: a copy without recommendations changes nothing.
        assert!(!is_excerpt_of(&[], &[]));
    }

    fn kinds(plan: &Reconciliation<'_>) -> Vec<String> {
        plan.steps
            .iter()
            .map(|step| match step {
                Step::Add { seq, position, .. } => format!("add {seq} at {position}"),
                Step::Keep {
                    old,
                    position,
                    reworded,
                    moved,
                    ..
                } => format!(
                    "keep {} at {position}{}{}",
                    old.seq,
                    if *reworded { " reworded" } else { "" },
                    if *moved { " moved" } else { "" }
                ),
                Step::Remove { old } => format!("remove {}", old.seq),
            })
            .collect()
    }

    #[test]
    fn a_reimport_keeps_moves_rewords_adds_and_removes_items() {
        let mut old = stored(&[
            "Prosecute traffickers",
            "Protect victims of forced labor",
            "Raise awareness",
            "Gone from the new text",
        ]);
        // An item an earlier re-import had found gone, numbered 5, comes back.
        old.push(Stored {
            rowid: 105,
            code: item_code("KAZ", 2011, 5),
            seq: 5,
            position: None,
            text: "Back again".to_string(),
            truncated: false,
        });
        let items = [
            new("Raise awareness"),
            new("Prosecute traffickers"),
            new("Protect the victims of forced labor"),
            new("A new ask"),
            new("Back again"),
            new("Another new ask"),
        ];
        let plan = reconciliation("KAZ", 2011, &old, &items);
        assert_eq!(
            kinds(&plan),
            [
                "keep 3 at 1 moved",
                "keep 1 at 2 moved",
                "keep 2 at 3 reworded moved",
                "add 6 at 4",
                "keep 5 at 5 moved",
                "add 7 at 6",
                "remove 4",
            ]
        );
        // Renumbered items are only moved when their text stayed; reworded otherwise.
        assert_eq!(
            plan.summary,
            ImportSummary {
                reworded: vec!["KAZ-2011-2".to_string()],
                added: vec!["KAZ-2011-6".to_string(), "KAZ-2011-7".to_string()],
                removed: vec!["KAZ-2011-4".to_string()],
                moved: vec!["KAZ-2011-3".to_string(), "KAZ-2011-1".to_string()],
                restored: vec!["KAZ-2011-5".to_string()],
            }
        );
    }

    #[test]
    fn a_reimport_of_the_same_items_changes_nothing() {
        let old = stored(&["One", "Two"]);
        let items = [new("One"), new("Two")];
        let plan = reconciliation("KAZ", 2011, &old, &items);
        assert_eq!(kinds(&plan), ["keep 1 at 1", "keep 2 at 2"]);
        assert_eq!(plan.summary, ImportSummary::default());
    }

    #[test]
    fn a_new_item_is_numbered_after_every_number_given_even_to_a_removed_item() {
        let mut old = stored(&["One", "Two", "Three"]);
        old[2].position = None;
        let items = [new("One"), new("New")];
        let plan = reconciliation("KAZ", 2011, &old, &items);
        assert_eq!(kinds(&plan), ["keep 1 at 1", "add 4 at 2", "remove 2"]);
        assert_eq!(plan.summary.added, ["KAZ-2011-4"]);
    }

    #[test]
    fn texts_compare_without_case_or_spacing() {
        assert_eq!(comparable("  Train\n JUDGES\tnow "), "train judges now");
        assert_eq!(
            content_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
