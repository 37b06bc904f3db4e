//! `tiptrack undo`: take back the user's last command, and tell what it changed back.

use std::path::Path;

use anyhow::Result;

use super::{actor, say};
use crate::cli::UndoArgs;
use crate::render::messages;
use crate::store::Store;

pub fn run(db: &Path, args: UndoArgs) -> Result<()> {
    let actor = actor(db, args.by)?;
    let undone = Store::open(db)?.write(|w| w.undo(&actor))?;
    for line in messages::undone(&undone) {
        say(line);
    }
    Ok(())
}
