//! `tiptrack db init-roles` and `tiptrack db copy`: work on a whole database.

use std::path::Path;

use anyhow::Result;

use crate::cli::DbCopyArgs;
use crate::render::{Output, messages};
use crate::store::{self, Store};

/// Creates the tiptrack roles on the PostgreSQL database `--db` names.
pub fn init_roles(db: &Path) -> Result<()> {
    let mut store = Store::open(db)?;
    store.init_roles()?;
    super::say(
        "created the roles tiptrack_reader, tiptrack_analyst and tiptrack_admin (or brought \
         their rights up to date); grant them to login roles, e.g. GRANT tiptrack_analyst TO alice",
    );
    Ok(())
}

/// Copies the database `args.from` into the new or empty `args.to`, and verifies the copy.
pub fn copy(args: DbCopyArgs) -> Result<()> {
    let tables = store::copy_database(&args.from, &args.to)?;
    let rows: usize = tables.iter().map(|table| table.rows_to).sum();
    Output::stdout()
        .with_bom(args.output.bom)
        .copied(&tables, args.output.format)?;
    let differ: Vec<&str> = tables
        .iter()
        .filter(|table| !table.matches())
        .map(|table| table.table)
        .collect();
    if !differ.is_empty() {
        anyhow::bail!(messages::copy_differs(&args.from, &args.to, &differ));
    }
    super::say(messages::copied(&args.from, &args.to, tables.len(), rows));
    Ok(())
}
