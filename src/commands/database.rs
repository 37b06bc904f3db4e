//! `tiptrack backup|export|restore|where`: the database as a whole: copy it, write it out as
//! JSON and read it back, and tell which one is in use.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::{read_file, say};
use crate::cli::{BackupArgs, ExportArgs, RestoreArgs};
use crate::render::{escape_controls, messages};
use crate::store::{self, Dump, Store};

pub fn backup(db: &Path, args: BackupArgs) -> Result<()> {
    Store::open(db)?
        .backup(&args.file, args.force)
        .with_context(|| format!("cannot back up to {}", args.file.display()))?;
    say(messages::backed_up(db, &args.file));
    Ok(())
}

pub fn export(db: &Path, args: ExportArgs) -> Result<()> {
    let mut store = Store::open(db)?;
    let Some(path) = args.output else {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        return store.export(&mut out);
    };
    let mut file = store::private_file_beside(&path)?;
    {
        let mut out = std::io::BufWriter::new(file.as_file_mut());
        store
            .export(&mut out)
            .with_context(|| format!("cannot write {}", path.display()))?;
        out.flush()?;
    }
    file.as_file().sync_all()?;
    file.persist(&path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

pub fn restore(db: &Path, args: RestoreArgs) -> Result<()> {
    let name = args.file.display();
    let dump: Dump = read_file(&args.file)
        .and_then(|bytes| Ok(serde_json::from_slice(&bytes)?))
        .with_context(|| format!("cannot restore {name}"))?;
    let shown = Store::shown(db);
    let restored =
        store::restore(db, &dump).with_context(|| format!("cannot restore {name} into {shown}"))?;
    say(messages::restored(&args.file, &shown, &restored));
    Ok(())
}

pub fn locate(db: &Path) -> Result<()> {
    let found = store::locate(db)?;
    let mut out = std::io::stdout().lock();
    // A path may hold control characters: shown, not obeyed.
    for line in messages::location(&found, store::migrate::SCHEMA_VERSION) {
        writeln!(out, "{}", escape_controls(&line))?;
    }
    Ok(())
}
