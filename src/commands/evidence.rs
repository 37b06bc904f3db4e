//! `tiptrack evidence add|list|suggest|accept|reject|edit|delete`: record and list evidence
//! about recommendations, re-run the suggestions, review them, and correct what was recorded.

use std::path::Path;

use anyhow::Result;

use chrono::NaiveDate;

use super::{actor, country_code, date_range, non_empty, say, valid_date};
use crate::cli::{
    EvidenceAcceptArgs, EvidenceAddArgs, EvidenceDeleteArgs, EvidenceEditArgs, EvidenceListArgs,
    EvidenceRejectArgs, EvidenceSuggestArgs,
};
use crate::model::{Evidence, NewEvidence};
use crate::period::Period;
use crate::render::{Output, messages};
use crate::store::{Decision, EvidenceEdit, Store};

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
    let actor = actor(db, args.by)?;
    let added = Store::open(db)?.write(|w| w.add_evidence(&args.id, &evidence, &actor))?;
    say(messages::evidence_added(&added));
    if let Some(warning) = messages::evidence_warning(&added) {
        say(warning);
    }
    Ok(())
}

/// Lists as it reads, a country at a time (a sentence is grouped once per ask, and an ask is
/// one country's): CSV and JSON start at once and hold one country's evidence in memory.
pub fn list(db: &Path, args: EvidenceListArgs) -> Result<()> {
    let iso3 = country_code(args.country.as_deref())?;
    let state = if args.suggested {
        "suggested"
    } else if args.rejected {
        "rejected"
    } else {
        "accepted"
    };
    let (since, until) = date_range(&args.dates)?;
    let group = args.suggested && !args.each;
    let store = Store::open(db)?;
    let mut out = Output::stdout()
        .with_bom(args.output.bom)
        .evidence_stream(args.output.format);
    let mut country: Vec<Evidence> = Vec::new();
    let mut flush = |items: Vec<Evidence>| -> Result<()> {
        out.write(if group {
            crate::suggest::repeats::group(items)
        } else {
            items
        })
    };
    store.each_evidence(args.id.as_deref(), state, iso3.as_deref(), |evidence| {
        let same = |e: &Evidence| e.recommendation.get(..3) == evidence.recommendation.get(..3);
        if country.first().is_some_and(|first| !same(first)) {
            flush(std::mem::take(&mut country))?;
        }
        if within(&evidence, since, until) {
            country.push(evidence);
        }
        Ok(())
    })?;
    flush(country)?;
    out.finish()
}

/// Whether a piece of evidence is dated within the days: by its action date, or, without one,
/// by the period of the report it comes from (which tells what happened in that period).
fn within(evidence: &Evidence, since: Option<NaiveDate>, until: Option<NaiveDate>) -> bool {
    let (first, last) = match evidence.date.as_deref().and_then(crate::period::parse_date) {
        Some(day) => (day, day),
        None => {
            let period = Period {
                year: evidence.year,
            };
            (period.start(), period.end())
        }
    };
    since.is_none_or(|since| last >= since) && until.is_none_or(|until| first <= until)
}

pub fn suggest(db: &Path, args: EvidenceSuggestArgs) -> Result<()> {
    let iso3 = country_code(args.country.as_deref())?;
    let actor = actor(db, args.by)?;
    let count = Store::open(db)?.suggest_evidence(iso3.as_deref(), &actor)?;
    say(messages::suggestions_awaiting(count));
    Ok(())
}

pub fn accept(db: &Path, args: EvidenceAcceptArgs) -> Result<()> {
    let note = args
        .note
        .as_deref()
        .map(|n| non_empty("note", n))
        .transpose()?;
    let actor = actor(db, args.by)?;
    let (decision, evidence) = Store::open(db)?
        .write(|w| w.decide_evidence(args.eid, true, args.assessment.as_deref(), note, &actor))?;
    report(&decision, &evidence.recommendation);
    Ok(())
}

pub fn reject(db: &Path, args: EvidenceRejectArgs) -> Result<()> {
    let actor = actor(db, args.by)?;
    let (decision, evidence) =
        Store::open(db)?.write(|w| w.decide_evidence(args.eid, false, None, None, &actor))?;
    report(&decision, &evidence.recommendation);
    Ok(())
}

fn report(decision: &Decision, recommendation: &str) {
    say(messages::decision(decision, recommendation));
}

pub fn edit(db: &Path, args: EvidenceEditArgs) -> Result<()> {
    // An empty --source or --date clears it.
    let cleared =
        |value: Option<String>| value.map(|v| Some(v.trim().to_string()).filter(|v| !v.is_empty()));
    let date = match cleared(args.date) {
        Some(Some(date)) => Some(valid_date("--date", Some(date))?),
        other => other,
    };
    let edit = EvidenceEdit {
        year: args.year,
        text: args
            .text
            .as_deref()
            .map(|t| non_empty("evidence text", t).map(str::to_string))
            .transpose()?,
        source: cleared(args.source),
        date,
    };
    let actor = actor(db, args.by)?;
    let done = Store::open(db)?.write(|w| w.edit_evidence(args.eid, &edit, &actor))?;
    for line in messages::evidence_corrected(&done) {
        say(line);
    }
    Ok(())
}

pub fn delete(db: &Path, args: EvidenceDeleteArgs) -> Result<()> {
    let actor = actor(db, args.by)?;
    let done = Store::open(db)?.write(|w| w.delete_evidence(args.eid, &actor))?;
    for line in messages::evidence_corrected(&done) {
        say(line);
    }
    Ok(())
}
