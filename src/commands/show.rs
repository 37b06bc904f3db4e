//! `tiptrack show ID`: everything about one recommendation.

use anyhow::Result;

use crate::cli::ShowArgs;
use crate::render::Output;
use crate::store::Store;

pub fn run(store: &Store, args: ShowArgs) -> Result<()> {
    let detail = store.recommendation_detail(&args.id)?;
    Output::stdout().detail(&detail, args.output.format)
}
