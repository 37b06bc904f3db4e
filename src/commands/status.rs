//! `tiptrack status ID... STATUS`: change the status of one or more recommendations, all in one
//! transaction.

use std::path::Path;

use anyhow::{Result, bail};

use super::{UsageError, actor, say, valid_date};
use crate::cli::StatusArgs;
use crate::model::Status;
use crate::render::messages;
use crate::store::Store;

pub fn run(db: &Path, args: StatusArgs) -> Result<()> {
    let mut words = args.ids_and_status;
    let Some(last) = words.pop() else {
        bail!(UsageError(
            "give one or more recommendation IDs, then the status".into()
        ));
    };
    let status: Status = match last.parse() {
        Ok(status) => status,
        Err(err) => {
            if words.first().is_some_and(|w| w.parse::<Status>().is_ok()) {
                bail!(UsageError(
                    "the status goes last: tiptrack status ID... STATUS".into()
                ));
            }
            bail!(UsageError(err.to_string()));
        }
    };
    let date = valid_date("--date", args.date)?;
    let note = args
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let actor = actor(db, args.by)?;
    let mut store = Store::open(db)?;
    let changes = store.write(|w| {
        words
            .iter()
            .map(|id| w.set_status(id, status, note, date.as_deref(), &actor))
            .collect::<Result<Vec<_>>>()
    })?;
    store.leave_to_exit();
    for change in &changes {
        say(messages::status_message(change));
        for warning in messages::status_warnings(change, date.as_deref()) {
            say(warning);
        }
    }
    Ok(())
}
