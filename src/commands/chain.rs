//! `tiptrack chain ID`: a recommendation's lineage across report years.

use std::path::Path;

use anyhow::Result;

use crate::cli::ChainArgs;
use crate::render::Output;
use crate::store::Store;

pub fn run(db: &Path, args: ChainArgs) -> Result<()> {
    let chain = Store::open(db)?.chain(&args.id)?;
    Output::stdout()
        .with_bom(args.output.bom)
        .chain(&chain, args.output.format)
}
