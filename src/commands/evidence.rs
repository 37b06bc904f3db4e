//! `tiptrack evidence add|list`: record and list evidence about recommendations.

use anyhow::Result;

use super::{actor, non_empty, valid_date};
use crate::cli::{EvidenceAddArgs, EvidenceListArgs};
use crate::model::NewEvidence;
use crate::render::Output;
use crate::store::Store;

pub fn add(store: &mut Store, args: EvidenceAddArgs) -> Result<()> {
    let evidence = NewEvidence {
        year: args.year,
        text: non_empty("evidence text", &args.text)?.to_string(),
        source: args
            .source
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        date: valid_date("--date", args.date)?,
    };
    let actor = actor(args.by);
    let added = store.write(|w| w.add_evidence(&args.id, &evidence, &actor))?;
    eprintln!(
        "{}: evidence from the {} report added",
        added.recommendation, added.year
    );
    Ok(())
}

pub fn list(store: &Store, args: EvidenceListArgs) -> Result<()> {
    let items = store.list_evidence(args.id.as_deref())?;
    Output::stdout().evidence(&items, args.output.format)
}
