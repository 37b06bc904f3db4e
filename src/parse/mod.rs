//! Text to model: turns the bytes of a saved narrative into a [`ParsedNarrative`].
//!
//! Pure functions only; nothing here touches the database or prints. Decoding
//! ([`decode`]), reading one narrative's structure ([`narrative`]) and splitting its
//! recommendations block ([`recommendations`]) are kept apart.

pub mod decode;
pub mod narrative;
pub mod recommendations;

pub use decode::DecodeError;

use crate::model::ParsedNarrative;

/// Decodes and parses one saved narrative.
pub fn parse_bytes(bytes: &[u8]) -> Result<ParsedNarrative, DecodeError> {
    let text = decode::decode(bytes)?;
    Ok(narrative::parse_narrative(&text))
}
