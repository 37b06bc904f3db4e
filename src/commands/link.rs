//! `tiptrack link ID1 ID2` and `tiptrack unlink ID1 ID2`: a user's corrections to the links
//! between recurring recommendations, kept through re-imports.

use std::path::Path;

use anyhow::Result;

use super::{actor, say};
use crate::cli::LinkArgs;
use crate::render::messages;
use crate::store::Store;

pub fn link(db: &Path, args: LinkArgs) -> Result<()> {
    let actor = actor(db, args.by)?;
    let (earlier, later, kind, score) =
        Store::open(db)?.write(|w| w.link(&args.id1, &args.id2, &actor))?;
    say(messages::linked(&earlier, &later, kind, score));
    Ok(())
}

pub fn unlink(db: &Path, args: LinkArgs) -> Result<()> {
    let actor = actor(db, args.by)?;
    let (earlier, later) = Store::open(db)?.write(|w| w.unlink(&args.id1, &args.id2, &actor))?;
    say(messages::unlinked(&earlier, &later));
    Ok(())
}
