//! `tiptrack evidence add|list`: record and list evidence about recommendations.

use std::path::Path;

use anyhow::Result;

use super::{actor, non_empty, say, valid_date};
use crate::cli::{EvidenceAddArgs, EvidenceListArgs};
use crate::model::NewEvidence;
use crate::render::Output;
use crate::store::Store;

pub fn add(db: &Path, args: EvidenceAddArgs) -> Result<()> {
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
    let added = Store::open(db)?.write(|w| w.add_evidence(&args.id, &evidence, &actor))?;
    say(format!(
        "{}: evidence from the {} report added",
        added.recommendation, added.year
    ));
    Ok(())
}

pub fn list(db: &Path, args: EvidenceListArgs) -> Result<()> {
    let items = Store::open(db)?.list_evidence(args.id.as_deref())?;
    Output::stdout().evidence(&items, args.output.format)
}
