//! `tiptrack note ID TEXT`: add a note to a recommendation.

use anyhow::Result;

use super::{actor, non_empty};
use crate::cli::NoteArgs;
use crate::store::Store;

pub fn run(store: &mut Store, args: NoteArgs) -> Result<()> {
    let text = non_empty("note", &args.text)?;
    let actor = actor(args.by);
    let note = store.write(|w| w.add_note(&args.id, text, &actor))?;
    eprintln!("{}: note added", note.recommendation);
    Ok(())
}
