//! `tiptrack remove COUNTRY YEAR`: take an imported narrative out, after showing what goes and,
//! at a terminal, asking; a script says `--yes`.

use std::io::{self, IsTerminal};
use std::path::Path;

use anyhow::{Result, bail};

use super::{UsageError, actor, resolve_country, say};
use crate::cli::RemoveArgs;
use crate::render::messages;
use crate::store::Store;

pub fn run(db: &Path, args: RemoveArgs) -> Result<()> {
    let iso3 = resolve_country(&args.country)?.iso3.to_string();
    let actor = actor(db, args.by)?;
    let mut store = Store::open(db)?;
    let removal = store.removal(&iso3, args.year)?;
    say(messages::removal_preview(&removal));
    if !args.yes {
        if !io::stdin().is_terminal() {
            bail!(UsageError(
                "not removed: remove asks at a terminal, and none is attached; give --yes to \
                 remove without asking"
                    .into()
            ));
        }
        let confirmed = dialoguer::Confirm::new()
            .with_prompt(format!("Remove {} {}?", removal.country, removal.year))
            .default(false)
            .interact()?;
        if !confirmed {
            say("nothing removed");
            return Ok(());
        }
    }
    let removed = store.write(|w| w.remove_narrative(&iso3, args.year, &actor))?;
    say(messages::removed(&removed));
    Ok(())
}
