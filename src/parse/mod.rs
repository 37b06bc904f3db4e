//! Text to model: turns the bytes of a saved narrative, or of a whole report, into
//! [`ParsedNarrative`]s.
//!
//! Pure functions only; nothing here touches the database or prints. Decoding ([`decode`]),
//! evening out the layout of copies ([`layout`]), reading narratives ([`narrative`]) and
//! splitting recommendations blocks ([`recommendations`]) are kept apart.

pub mod decode;
pub mod figures;
pub mod html;
pub mod layout;
pub mod narrative;
pub mod nesting;
#[cfg(test)]
mod properties;
pub mod recommendations;

pub use decode::{DecodeError, EncodingChoice};

use crate::model::ParsedNarrative;

/// A file, read: how it was decoded, and the narratives in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The encoding used ("UTF-8", "Windows-1252", ...).
    pub encoding: &'static str,
    /// Set when the encoding was guessed, saying why: a warning for the user.
    pub encoding_guess: Option<String>,
    /// Whether the file was a saved web page.
    pub from_html: bool,
    /// One narrative, or many for a whole report.
    pub narratives: Vec<ParsedNarrative>,
}

/// Decodes and parses a file.
pub fn parse_bytes(bytes: &[u8], encoding: EncodingChoice) -> Result<Document, DecodeError> {
    let decoded = decode::decode(bytes, encoding)?;
    Ok(Document {
        encoding: decoded.encoding,
        encoding_guess: decoded.guess,
        from_html: decoded.from_html,
        narratives: narrative::parse_text(&decoded.text),
    })
}

/// What would stop a parsed narrative from being stored, checked before anything is: the
/// store's constraints, told in words. The parser leaves empty items out, so this holds of
/// every narrative it gives; the import checks it still, for every narrative of a file, before
/// it writes.
pub fn check(narrative: &ParsedNarrative) -> Result<(), String> {
    if narrative.text.trim().is_empty() {
        return Err("the narrative has no text".into());
    }
    for (i, item) in narrative.recommendations.iter().enumerate() {
        if !item.text.chars().any(char::is_alphanumeric) {
            return Err(format!("recommendation {} has no text", i + 1));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::country;
    use crate::model::{SectionKind, Tier};
    use pretty_assertions::assert_eq;

    const SEED: &[u8] = include_bytes!("../../tests/fixtures/tip-2011-kazakhstan.txt");

    fn parse(bytes: &[u8]) -> Vec<ParsedNarrative> {
        parse_bytes(bytes, EncodingChoice::Auto).unwrap().narratives
    }

    fn seed() -> ParsedNarrative {
        let mut narratives = parse(SEED);
        assert_eq!(narratives.len(), 1);
        narratives.remove(0)
    }

    #[test]
    fn the_2011_kazakhstan_narrative() {
        let parsed = seed();
        let name = parsed.country_name.as_deref().unwrap();
        assert_eq!(name, "KAZAKHSTAN");
        let country = country::lookup(name).unwrap();
        assert_eq!((country.name, country.iso3), ("Kazakhstan", "KAZ"));
        assert_eq!(parsed.year, Some(2011));
        assert_eq!(parsed.tier, Some(Tier::Tier2));
        assert_eq!(parsed.warnings, Vec::<String>::new());

        let sections: Vec<(SectionKind, Option<&str>)> = parsed
            .sections
            .iter()
            .map(|s| (s.kind, s.heading.as_deref()))
            .collect();
        assert_eq!(
            sections,
            [
                (SectionKind::Introduction, None),
                (
                    SectionKind::Recommendations,
                    Some("Recommendations for Kazakhstan:")
                ),
                (SectionKind::Prosecution, Some("Prosecution")),
                (SectionKind::Protection, Some("Protection")),
                (SectionKind::Prevention, Some("Prevention")),
            ]
        );
        assert!(
            parsed
                .body(&parsed.sections[0])
                .starts_with("Kazakhstan is a destination")
        );
        assert!(
            parsed
                .body(&parsed.sections[0])
                .ends_with("victims of forced labor.")
        );
        assert!(
            parsed
                .body(&parsed.sections[4])
                .ends_with("reduce demand for sex trafficking.")
        );

        let texts: Vec<&str> = parsed
            .recommendations
            .iter()
            .map(|r| r.text.as_str())
            .collect();
        assert!(parsed.recommendations.iter().all(|r| !r.truncated));
        assert_eq!(
            texts,
            [
                "Increase efforts to identify foreign victims of both forced prostitution and \
                 forced labor, including through expanded training of police officers and \
                 government officials in victim identification and assistance",
                "work to ensure that foreign victims of trafficking receive assistance",
                "increase efforts to identify labor trafficking victims, including by ensuring \
                 that authorities screen for potential victims of forced labor among those \
                 detained during immigration raids and refer those identified as victims for \
                 assistance",
                "investigate and prosecute government officials suspected of being complicit in \
                 trafficking and convict and punish any complicit officials",
                "continue efforts to prevent the use of forced labor during the cotton and \
                 tobacco harvests",
                "continue to increase the number of victims who receive government-funded \
                 assistance by increasing funding to anti-trafficking NGOs",
                "conduct trafficking awareness campaigns aimed at reducing the demand for both \
                 labor trafficking and commercial sexual exploitation",
                "continue to strengthen the capacity of police, prosecutors and judges to \
                 investigate, prosecute, and adjudicate trafficking cases",
            ]
        );
    }

    #[test]
    fn page_furniture_is_not_part_of_the_narrative() {
        let parsed = seed();
        assert!(
            parsed
                .text
                .starts_with("Trafficking in Persons Report 2011\n\nKAZAKHSTAN (Tier 2)")
        );
        assert!(parsed.text.ends_with("reduce demand for sex trafficking."));
        assert!(!parsed.text.contains("Associated documents"));
        assert!(!parsed.text.contains("Document ID"));
    }

    #[test]
    fn crlf_and_a_bom_do_not_change_the_result() {
        let text = std::str::from_utf8(SEED).unwrap();
        let windows = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
        assert_eq!(parse(windows.as_bytes()), vec![seed()]);
    }
}
