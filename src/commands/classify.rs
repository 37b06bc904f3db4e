//! `tiptrack classify ID AREA|ACTION...`: correct the importer's classification of an item.

use std::path::Path;

use anyhow::{Result, bail};

use super::{UsageError, actor, say};
use crate::cli::ClassifyArgs;
use crate::model::{Action, Area};
use crate::render::messages;
use crate::store::Store;

pub fn run(db: &Path, args: ClassifyArgs) -> Result<()> {
    let mut area = None;
    let mut action = None;
    for value in &args.values {
        if let Ok(found) = value.parse::<Area>() {
            if area.replace(found).is_some() {
                bail!(UsageError(
                    "give one area and one kind of action at most".into()
                ));
            }
        } else if let Ok(found) = value.parse::<Action>() {
            if action.replace(found).is_some() {
                bail!(UsageError(
                    "give one area and one kind of action at most".into()
                ));
            }
        } else {
            bail!(UsageError(format!(
                "'{value}' is neither an area ({}) nor a kind of action ({})",
                Area::valid_names(),
                Action::valid_names()
            )));
        }
    }
    let actor = actor(db, args.by)?;
    let id = args.id;
    let changes = Store::open(db)?.write(|w| w.classify(&id, area, action, &actor))?;
    let id = id.to_uppercase();
    for line in messages::classified(&id, &changes) {
        say(line);
    }
    Ok(())
}
