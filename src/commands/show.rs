//! `tiptrack show ID`: everything about one recommendation.

use std::path::Path;

use anyhow::Result;

use crate::cli::ShowArgs;
use crate::render::Output;
use crate::store::Store;

pub fn run(db: &Path, args: ShowArgs) -> Result<()> {
    let store = Store::open(db)?;
    let detail = store.recommendation_detail(&args.id)?;
    Output::stdout()
        .with_bom(args.output.bom)
        .detail(&detail, args.output.format)
}
