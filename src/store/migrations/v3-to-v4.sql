-- Schema version 3 to 4: the unique index on decided sentences leaves out the suggestions
-- awaiting review. They are derived data, most of the evidence rows, and rewritten on every
-- import; indexing their sentences made a large import spend a third of its time on the index.
DROP INDEX evidence_by_sentence;
CREATE UNIQUE INDEX evidence_by_sentence ON evidence (recommendation_id, narrative_id, quote)
    WHERE narrative_id IS NOT NULL AND state <> 'suggested';
