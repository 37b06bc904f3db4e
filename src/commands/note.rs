//! `tiptrack note ID TEXT`: add a note to a recommendation.

use std::path::Path;

use anyhow::Result;

use super::{actor, non_empty, say};
use crate::cli::NoteArgs;
use crate::render::messages;
use crate::store::Store;

pub fn run(db: &Path, args: NoteArgs) -> Result<()> {
    let text = non_empty("note", &args.text)?;
    let actor = actor(args.by);
    let note = Store::open(db)?.write(|w| w.add_note(&args.id, text, &actor))?;
    say(messages::note_added(&note));
    Ok(())
}
