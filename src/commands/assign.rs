//! `tiptrack assign ID... --owner NAME [--support NAME]... [--due DATE]`: who in government owns
//! each item's ask, and by when it is due; all in one transaction.

use std::path::Path;

use anyhow::{Result, bail};

use super::{UsageError, actor, due_date, say};
use crate::cli::AssignArgs;
use crate::render::messages;
use crate::store::{Assignment, Store};

pub fn run(db: &Path, args: AssignArgs) -> Result<()> {
    if args.owner.is_none() && args.supporting.is_empty() && args.due.is_none() {
        bail!(UsageError(
            "say what to assign: --owner NAME, --support NAME or --due DATE".into()
        ));
    }
    // An institution's name is one line of text: no control characters, which a terminal would
    // run (and a shared database would pass on to everyone's).
    for (flag, name) in args
        .owner
        .iter()
        .map(|o| ("--owner", o))
        .chain(args.supporting.iter().map(|s| ("--support", s)))
    {
        // A sheet lists the supporting institutions separated by ";".
        if flag == "--support" && name.contains(';') {
            bail!(
                "--support: a name holds ';', which separates names in a sheet; give each name with its own --support"
            );
        }
        if let Some(c) = name.chars().find(|c| c.is_control()) {
            bail!(
                "{flag}: the name holds a control character (U+{:04X}); give it as plain text on \
                 one line",
                u32::from(c)
            );
        }
    }
    let cleared = |value: &str| value.trim().is_empty();
    let change = Assignment {
        owner: args
            .owner
            .as_deref()
            .map(|o| (!cleared(o)).then(|| o.trim().to_string())),
        supporting: (!args.supporting.is_empty()).then(|| {
            args.supporting
                .iter()
                .filter(|s| !cleared(s))
                .map(|s| s.trim().to_string())
                .collect()
        }),
        due: args
            .due
            .as_deref()
            .map(|d| (!cleared(d)).then(|| due_date("--due", d)).transpose())
            .transpose()?,
        note: None,
    };
    let actor = actor(db, args.by)?;
    let changes = Store::open(db)?.write(|w| {
        args.ids
            .iter()
            .map(|id| w.assign(id, &change, &actor))
            .collect::<Result<Vec<_>>>()
    })?;
    for change in &changes {
        say(messages::assigned(change));
    }
    Ok(())
}
