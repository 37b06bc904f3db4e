//! tiptrack: track the recommendations of the US Trafficking in Persons Report in SQLite.
//!
//! Data flows one way: [`cli`] -> [`commands`] -> ([`parse`] | [`store`] | [`report`]) ->
//! [`render`] -> standard output.

pub mod ask;
pub mod classify;
pub mod cli;
pub mod commands;
pub mod country;
pub mod dossier;
pub mod highlight;
pub mod indicators;
pub mod link;
pub mod model;
pub mod parse;
pub mod period;
pub mod reconcile;
pub mod render;
pub mod report;
pub mod sheet;
pub mod store;
pub mod suggest;
pub mod text;

pub use commands::run;
