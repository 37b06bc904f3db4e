//! `tiptrack tier COUNTRY [YEAR TIER]`: a country's tier year by year, or a user's tier for one
//! year's report (where the copy states none, or states it wrongly).

use std::path::Path;

use anyhow::Result;

use super::{actor, resolve_country, say};
use crate::cli::TierArgs;
use crate::model::Tier;
use crate::render::{Output, messages};
use crate::store::Store;

pub fn run(db: &Path, args: TierArgs) -> Result<()> {
    let country = resolve_country(&args.country)?;
    let iso3 = country.iso3.to_string();
    let (Some(year), Some(tier)) = (args.year, args.tier.as_deref()) else {
        let tiers = Store::open(db)?.tiers(&iso3)?;
        return Output::stdout()
            .with_bom(args.output.bom)
            .tiers(&tiers, args.output.format);
    };
    let tier: Tier = tier.parse()?;
    let actor = actor(db, args.by)?;
    let before = Store::open(db)?.write(|w| w.set_tier(&iso3, year, tier, &actor))?;
    say(messages::tier_set(&iso3, year, tier, before));
    Ok(())
}
