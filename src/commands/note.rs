//! `tiptrack note ID TEXT`: add a note to a recommendation; `note edit|delete NOTE`: correct
//! one, the old text kept in the history.

use std::path::Path;

use anyhow::{Context, Result};

use super::{actor, non_empty, say};
use crate::cli::{NoteArgs, NoteCommand};
use crate::render::messages;
use crate::store::Store;

pub fn run(db: &Path, args: NoteArgs) -> Result<()> {
    match args.command {
        Some(NoteCommand::Edit(edit)) => {
            let text = non_empty("note", &edit.text)?;
            let actor = actor(db, edit.by)?;
            let done = Store::open(db)?.write(|w| w.edit_note(edit.note, text, &actor))?;
            say(messages::note_corrected(&done));
        }
        Some(NoteCommand::Delete(delete)) => {
            let actor = actor(db, delete.by)?;
            let done = Store::open(db)?.write(|w| w.delete_note(delete.note, &actor))?;
            say(messages::note_corrected(&done));
        }
        None => {
            // clap requires both without a subcommand.
            let id = args.id.context("give the recommendation ID")?;
            let text = args.text.context("give the note")?;
            let text = non_empty("note", &text)?;
            let actor = actor(db, args.by)?;
            let note = Store::open(db)?.write(|w| w.add_note(&id, text, &actor))?;
            say(messages::note_added(&note));
        }
    }
    Ok(())
}
