//! Bytes to text: checks that a file is text at all, decodes it (UTF-8, UTF-16 or
//! Windows-1252), takes the article text out of a saved web page, and evens out the characters
//! that copies from web pages and PDFs scatter through a narrative.

use std::fmt;
use std::str::FromStr;

use encoding_rs::{Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use thiserror::Error;

use super::html;

/// Why a file's bytes are not a narrative's text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("this is a binary file, not text (NUL byte at offset {offset})")]
    Binary { offset: usize },
    #[error(
        "the file is not valid UTF-8: invalid byte 0x{byte:02X} at line {line}, column {column}"
    )]
    InvalidUtf8 {
        byte: u8,
        line: usize,
        column: usize,
    },
    #[error("this web page has no article text (only navigation, scripts or page furniture)")]
    EmptyPage,
    #[error(
        "this web page nests elements more than {} deep, deeper than tiptrack reads (a saved \
         narrative nests about 20 deep)",
        super::nesting::MAX_DEPTH
    )]
    TooDeep,
}

/// Which encoding to read a file in: `Auto` detects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncodingChoice {
    /// A UTF-16 or UTF-8 byte-order mark decides; else UTF-8 when the bytes are valid UTF-8;
    /// else an HTML page's `<meta charset>`; else Windows-1252.
    #[default]
    Auto,
    /// UTF-8 only (a byte-order mark is allowed); anything else is an error.
    Utf8,
    /// UTF-16; the byte-order mark gives the byte order, or without one it is guessed.
    Utf16,
    /// Windows-1252 (the superset of Latin-1 that Windows and web pages use).
    Windows1252,
}

/// The names [`EncodingChoice`] reads, as a user types them.
const CHOICE_NAMES: &str = "auto, utf-8, utf-16, windows-1252 (or cp1252, latin1)";

/// An encoding name that [`EncodingChoice`] does not know.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("unknown encoding \"{0}\"; use one of: {CHOICE_NAMES}")]
pub struct UnknownEncoding(pub String);

impl FromStr for EncodingChoice {
    type Err = UnknownEncoding;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(EncodingChoice::Auto),
            "utf-8" | "utf8" => Ok(EncodingChoice::Utf8),
            "utf-16" | "utf16" => Ok(EncodingChoice::Utf16),
            "windows-1252" | "windows1252" | "cp1252" | "cp-1252" | "latin1" | "latin-1"
            | "iso-8859-1" => Ok(EncodingChoice::Windows1252),
            _ => Err(UnknownEncoding(name.to_string())),
        }
    }
}

impl fmt::Display for EncodingChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EncodingChoice::Auto => "auto",
            EncodingChoice::Utf8 => "utf-8",
            EncodingChoice::Utf16 => "utf-16",
            EncodingChoice::Windows1252 => "windows-1252",
        })
    }
}

/// A decoded file: its text, normalised, and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding used, as a user would name it: "UTF-8", "UTF-8 (with BOM)",
    /// "UTF-16LE (with BOM)", "UTF-16BE (with BOM)", "UTF-16LE", "UTF-16BE", "Windows-1252",
    /// or, for another encoding a page declared in its `<meta charset>`, encoding_rs's name for
    /// it ("ISO-8859-2", "windows-1251" ...).
    pub encoding: &'static str,
    /// Set when how the file was read is something the user should know about, because it was
    /// not what the file itself said: "not valid UTF-8 (invalid byte 0xE9 at line 3, column 2);
    /// read as Windows-1252", or the same ending "read as ISO-8859-2, as the page's
    /// <meta charset> declares", or a UTF-16 byte order guessed without a byte-order mark.
    pub guess: Option<String>,
    /// True when the content was an HTML page and `text` is its extracted article text.
    pub from_html: bool,
}

/// Decodes a file's bytes (see [`EncodingChoice`] for how the encoding is chosen). An HTML
/// page, told from its content and not its name, becomes its article text
/// ([`html::extract_text`]). The text is then normalised with [`normalize`].
///
/// Errors: nothing but whitespace is [`DecodeError::Empty`]; a NUL byte (or a NUL character in
/// UTF-16) is [`DecodeError::Binary`], so UTF-16 without a byte-order mark is binary unless
/// UTF-16 is chosen; bytes that are not UTF-8 are [`DecodeError::InvalidUtf8`] when UTF-8 is
/// chosen or the file starts with a UTF-8 byte-order mark; a page with no article text is
/// [`DecodeError::EmptyPage`].
pub fn decode(bytes: &[u8], choice: EncodingChoice) -> Result<Decoded, DecodeError> {
    let read = match choice {
        EncodingChoice::Auto => read_auto(bytes)?,
        EncodingChoice::Utf8 => read_utf8(bytes)?,
        EncodingChoice::Utf16 => read_utf16(bytes)?,
        EncodingChoice::Windows1252 => {
            check_text_bytes(bytes, 0)?;
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Read {
                text: text.into_owned(),
                encoding: "Windows-1252",
                guess: None,
            }
        }
    };
    // Nothing but whitespace of any kind (a no-break space, a vertical tab) is an empty file,
    // whatever the encoding said.
    if read
        .text
        .chars()
        .all(|c| c.is_whitespace() || c == '\u{FEFF}')
    {
        return Err(DecodeError::Empty);
    }
    let from_html = html::looks_like_html(&read.text);
    let text = if from_html {
        let article = html::extract_text(&read.text).map_err(|_| DecodeError::TooDeep)?;
        if article.trim().is_empty() {
            return Err(DecodeError::EmptyPage);
        }
        normalize(&article)
    } else {
        normalize(&read.text)
    };
    Ok(Decoded {
        text,
        encoding: read.encoding,
        guess: read.guess,
        from_html,
    })
}

/// Text decoded but not yet normalised.
struct Read {
    text: String,
    encoding: &'static str,
    guess: Option<String>,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

fn read_auto(bytes: &[u8]) -> Result<Read, DecodeError> {
    if bytes.starts_with(UTF16LE_BOM) || bytes.starts_with(UTF16BE_BOM) {
        return read_utf16(bytes);
    }
    if bytes.starts_with(UTF8_BOM) {
        return read_utf8(bytes);
    }
    check_text_bytes(bytes, 0)?;
    let (byte, line, column) = match std::str::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Read {
                text: text.to_string(),
                encoding: "UTF-8",
                guess: None,
            });
        }
        Err(error) => utf8_error_at(bytes, error.valid_up_to()),
    };
    let why =
        format!("not valid UTF-8 (invalid byte 0x{byte:02X} at line {line}, column {column})");
    if let Some(declared) = declared_charset(bytes) {
        let (text, malformed) = declared.decode_without_bom_handling(bytes);
        if !malformed {
            let encoding = display_name(declared);
            return Ok(Read {
                text: text.into_owned(),
                encoding,
                guess: Some(format!(
                    "{why}; read as {encoding}, as the page's <meta charset> declares"
                )),
            });
        }
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok(Read {
        text: text.into_owned(),
        encoding: "Windows-1252",
        guess: Some(format!("{why}; read as Windows-1252")),
    })
}

fn read_utf8(bytes: &[u8]) -> Result<Read, DecodeError> {
    let (body, start, encoding) = match bytes.strip_prefix(UTF8_BOM) {
        Some(body) => (body, UTF8_BOM.len(), "UTF-8 (with BOM)"),
        None => (bytes, 0, "UTF-8"),
    };
    check_text_bytes(body, start)?;
    let text = std::str::from_utf8(body).map_err(|err| {
        let (byte, line, column) = utf8_error_at(body, err.valid_up_to());
        DecodeError::InvalidUtf8 { byte, line, column }
    })?;
    Ok(Read {
        text: text.to_string(),
        encoding,
        guess: None,
    })
}

fn read_utf16(bytes: &[u8]) -> Result<Read, DecodeError> {
    let (body, start, little, encoding, mut guess) = if let Some(body) =
        bytes.strip_prefix(UTF16LE_BOM)
    {
        (body, 2, true, "UTF-16LE (with BOM)", None)
    } else if let Some(body) = bytes.strip_prefix(UTF16BE_BOM) {
        (body, 2, false, "UTF-16BE (with BOM)", None)
    } else {
        // Mostly-ASCII text has its NUL bytes in the high half of each unit: at odd offsets in
        // little-endian, at even ones in big-endian.
        let nul_at = |parity: usize| {
            bytes
                .iter()
                .skip(parity)
                .step_by(2)
                .filter(|&&b| b == 0)
                .count()
        };
        let little = nul_at(1) >= nul_at(0);
        let (encoding, order) = if little {
            ("UTF-16LE", "little-endian")
        } else {
            ("UTF-16BE", "big-endian")
        };
        let guess = format!("no byte-order mark; read as UTF-16, {order} ({encoding}), a guess");
        (bytes, 0, little, encoding, Some(guess))
    };
    if body.iter().all(blank) {
        return Err(DecodeError::Empty);
    }
    if let Some(unit) = body.chunks_exact(2).position(|unit| unit == [0, 0]) {
        return Err(DecodeError::Binary {
            offset: start + unit * 2,
        });
    }
    let decoder = if little { UTF_16LE } else { UTF_16BE };
    let (text, malformed) = decoder.decode_without_bom_handling(body);
    if text.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}') {
        return Err(DecodeError::Empty);
    }
    if malformed {
        let note = "malformed UTF-16 (an odd byte or a lone surrogate) read as U+FFFD";
        guess = Some(match guess {
            Some(guess) => format!("{guess}; {note}"),
            None => note.to_string(),
        });
    }
    Ok(Read {
        text: text.into_owned(),
        encoding,
        guess,
    })
}

/// An ASCII whitespace byte, the vertical tab included (which `is_ascii_whitespace` leaves out,
/// and which the text's own `trim` takes as whitespace).
fn blank(byte: &u8) -> bool {
    byte.is_ascii_whitespace() || *byte == 0x0B
}

/// Nothing but whitespace is an empty file; a NUL byte makes it binary. `start` is where
/// `bytes` begins in the file, for the offset reported.
fn check_text_bytes(bytes: &[u8], start: usize) -> Result<(), DecodeError> {
    if bytes.iter().all(blank) {
        return Err(DecodeError::Empty);
    }
    match bytes.iter().position(|&b| b == 0) {
        Some(offset) => Err(DecodeError::Binary {
            offset: start + offset,
        }),
        None => Ok(()),
    }
}

/// Where the bytes stop being UTF-8, as an editor would show it: the byte, its line and its
/// column.
fn utf8_error_at(bytes: &[u8], valid_up_to: usize) -> (u8, usize, usize) {
    let valid = &bytes[..valid_up_to];
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    // Columns count characters, as an editor shows them, not bytes.
    let column = String::from_utf8_lossy(&valid[line_start..])
        .chars()
        .count()
        + 1;
    (bytes[valid_up_to], line, column)
}

/// The encoding an HTML page declares in the first 1024 bytes, in `<meta charset="...">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=...">`. A declared UTF-8 or
/// UTF-16 is no help for bytes that are not UTF-8, so those are not returned.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(1024)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = find(&head[from..], b"<meta") {
        let start = from + found + b"<meta".len();
        let end = find(&head[start..], b">").map_or(head.len(), |i| start + i);
        let encoding = charset_in(&head[start..end]).and_then(Encoding::for_label);
        if let Some(encoding) = encoding
            && ![UTF_8, UTF_16LE, UTF_16BE, REPLACEMENT].contains(&encoding)
        {
            return Some(encoding);
        }
        from = end;
    }
    None
}

/// The label after `charset=` in a meta tag's attributes.
fn charset_in(attributes: &[u8]) -> Option<&[u8]> {
    let at = find(attributes, b"charset")?;
    let rest = attributes[at + b"charset".len()..].trim_ascii_start();
    let rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| b"\"'; \t\r\n/>".contains(b))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// An encoding's name as a user would write it.
fn display_name(encoding: &'static Encoding) -> &'static str {
    if encoding == WINDOWS_1252 {
        "Windows-1252"
    } else {
        encoding.name()
    }
}

/// Line ends become `\n`; non-breaking spaces become plain spaces; soft hyphens, zero-width
/// characters and trailing spaces go. Everything else (curly quotes, dashes) is kept as written,
/// because recommendation texts are stored exactly as the report words them.
pub fn normalize(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        let cleaned: String = line
            .chars()
            .filter(|c| {
                !matches!(
                    c,
                    '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}'
                )
            })
            .map(|c| match c {
                '\u{A0}' | '\u{2007}' | '\u{202F}' | '\t' => ' ',
                c => c,
            })
            .collect();
        out.push_str(cleaned.trim_end());
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn auto(bytes: &[u8]) -> Result<Decoded, DecodeError> {
        decode(bytes, EncodingChoice::Auto)
    }

    fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        if bom {
            bytes.extend_from_slice(if little { UTF16LE_BOM } else { UTF16BE_BOM });
        }
        for unit in text.encode_utf16() {
            let pair = if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        bytes
    }

    #[test]
    fn rejects_what_is_not_text() {
        for choice in [
            EncodingChoice::Auto,
            EncodingChoice::Utf8,
            EncodingChoice::Utf16,
            EncodingChoice::Windows1252,
        ] {
            assert_eq!(decode(b"", choice), Err(DecodeError::Empty), "{choice}");
            assert_eq!(
                decode(b" \n\r\n", choice),
                Err(DecodeError::Empty),
                "{choice}"
            );
        }
        assert_eq!(auto(b"abc\0def"), Err(DecodeError::Binary { offset: 3 }));
        assert_eq!(
            decode(b"abc\0def", EncodingChoice::Windows1252),
            Err(DecodeError::Binary { offset: 3 })
        );
        assert_eq!(
            auto(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Binary { offset: 8 })
        );
        assert_eq!(
            decode(b"line one\nKazakhstan \xE9t", EncodingChoice::Utf8),
            Err(DecodeError::InvalidUtf8 {
                byte: 0xE9,
                line: 2,
                column: 12
            })
        );
        // The messages the command line shows.
        assert_eq!(DecodeError::Empty.to_string(), "the file is empty");
        assert_eq!(
            DecodeError::Binary { offset: 8 }.to_string(),
            "this is a binary file, not text (NUL byte at offset 8)"
        );
        assert_eq!(
            decode(
                b"Trafficking in Persons Report 2011\n\nC\xf4te d'Ivoire",
                EncodingChoice::Utf8
            )
            .unwrap_err()
            .to_string(),
            "the file is not valid UTF-8: invalid byte 0xF4 at line 3, column 2"
        );
    }

    #[test]
    fn evens_out_line_ends_and_spaces() {
        let decoded = auto(
            "\u{FEFF}Title\r\n\r\nA\u{A0}b traf\u{AD}ficking \u{2019}x\u{2019}  \r\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(decoded.text, "Title\n\nA b trafficking \u{2019}x\u{2019}\n");
        assert_eq!(decoded.encoding, "UTF-8 (with BOM)");
        assert_eq!(decoded.guess, None);
        assert!(!decoded.from_html);
    }

    #[test]
    fn utf8_with_and_without_a_bom() {
        let text = "C\u{F4}te d\u{2019}Ivoire (Tier 2)\n";
        for choice in [EncodingChoice::Auto, EncodingChoice::Utf8] {
            let plain = decode(text.as_bytes(), choice).unwrap();
            assert_eq!((plain.text.as_str(), plain.encoding), (text, "UTF-8"));
            let with_bom = decode(format!("\u{FEFF}{text}").as_bytes(), choice).unwrap();
            assert_eq!(
                (with_bom.text.as_str(), with_bom.encoding, with_bom.guess),
                (text, "UTF-8 (with BOM)", None)
            );
        }
        // A UTF-8 byte-order mark says UTF-8: bytes after it that are not are an error.
        assert_eq!(
            auto(b"\xEF\xBB\xBFC\xF4te"),
            Err(DecodeError::InvalidUtf8 {
                byte: 0xF4,
                line: 1,
                column: 2
            })
        );
        // Offsets count from the start of the file, byte-order mark included.
        assert_eq!(
            auto(b"\xEF\xBB\xBFab\0"),
            Err(DecodeError::Binary { offset: 5 })
        );
    }

    #[test]
    fn utf16_with_a_bom() {
        let text = "\u{FEFF}Trafficking in Persons Report 2011\r\n\r\nC\u{F4}te d\u{2019}Ivoire (Tier 2)\r\n";
        let expected = "Trafficking in Persons Report 2011\n\nC\u{F4}te d\u{2019}Ivoire (Tier 2)\n";
        for (little, name) in [
            (true, "UTF-16LE (with BOM)"),
            (false, "UTF-16BE (with BOM)"),
        ] {
            // encode_utf16 writes the U+FEFF at the start as the byte-order mark.
            let bytes = utf16(text, little, false);
            for choice in [EncodingChoice::Auto, EncodingChoice::Utf16] {
                let decoded = decode(&bytes, choice).unwrap();
                assert_eq!(
                    decoded,
                    Decoded {
                        text: expected.to_string(),
                        encoding: name,
                        guess: None,
                        from_html: false
                    }
                );
            }
        }
        assert_eq!(
            auto(&utf16("ab\0c", true, true)),
            Err(DecodeError::Binary { offset: 6 })
        );
        assert_eq!(auto(&utf16(" \r\n", false, true)), Err(DecodeError::Empty));
        assert_eq!(auto(b"\xFF\xFE"), Err(DecodeError::Empty));
    }

    #[test]
    fn utf16_without_a_bom_only_when_chosen() {
        let little = utf16("KAZAKHSTAN (Tier 2)", true, false);
        assert_eq!(auto(&little), Err(DecodeError::Binary { offset: 1 }));
        let decoded = decode(&little, EncodingChoice::Utf16).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            ("KAZAKHSTAN (Tier 2)\n", "UTF-16LE")
        );
        assert_eq!(
            decoded.guess.as_deref(),
            Some("no byte-order mark; read as UTF-16, little-endian (UTF-16LE), a guess")
        );
        let big = utf16("KAZAKHSTAN (Tier 2)", false, false);
        let decoded = decode(&big, EncodingChoice::Utf16).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            ("KAZAKHSTAN (Tier 2)\n", "UTF-16BE")
        );
        // An odd byte at the end is malformed, and said so.
        let mut odd = utf16("Tier 2", true, true);
        odd.push(b'x');
        let decoded = auto(&odd).unwrap();
        assert_eq!(decoded.text, "Tier 2\u{FFFD}\n");
        assert_eq!(
            decoded.guess.as_deref(),
            Some("malformed UTF-16 (an odd byte or a lone surrogate) read as U+FFFD")
        );
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        let bytes = b"C\xf4te d\x92Ivoire";
        let decoded = auto(bytes).unwrap();
        assert_eq!(
            decoded,
            Decoded {
                text: "C\u{F4}te d\u{2019}Ivoire\n".to_string(),
                encoding: "Windows-1252",
                guess: Some(
                    "not valid UTF-8 (invalid byte 0xF4 at line 1, column 2); read as Windows-1252"
                        .to_string()
                ),
                from_html: false
            }
        );
        let decoded = auto(b"Report 2011\n\nKazakhstan \xe9t\xe9 \x96 \x93x\x94").unwrap();
        assert_eq!(
            decoded.text,
            "Report 2011\n\nKazakhstan \u{E9}t\u{E9} \u{2013} \u{201C}x\u{201D}\n"
        );
        assert_eq!(
            decoded.guess.as_deref(),
            Some("not valid UTF-8 (invalid byte 0xE9 at line 3, column 12); read as Windows-1252")
        );
        // Chosen, it is no guess.
        let chosen = decode(bytes, EncodingChoice::Windows1252).unwrap();
        assert_eq!(
            (chosen.text.as_str(), chosen.encoding, chosen.guess),
            ("C\u{F4}te d\u{2019}Ivoire\n", "Windows-1252", None)
        );
        // Chosen for bytes that are UTF-8, it is still what is used.
        let chosen = decode("C\u{F4}te".as_bytes(), EncodingChoice::Windows1252).unwrap();
        assert_eq!(chosen.text, "C\u{C3}\u{B4}te\n");
        // UTF-8 chosen: an error, as before.
        assert_eq!(
            decode(bytes, EncodingChoice::Utf8),
            Err(DecodeError::InvalidUtf8 {
                byte: 0xF4,
                line: 1,
                column: 2
            })
        );
    }

    #[test]
    fn an_html_page_becomes_its_article_text() {
        let page = "<!DOCTYPE html>\r\n<html><head><meta charset=\"utf-8\">\
            <title>2011 Trafficking in Persons Report - Kazakhstan | Refworld</title>\
            <script>var a = 1;</script></head><body><nav><a href=\"/\">Home</a></nav>\
            <main><p>KAZAKHSTAN&nbsp;(Tier&nbsp;2)</p><p>Text&shy;book&#8217;s.</p></main>\
            </body></html>";
        let decoded = auto(page.as_bytes()).unwrap();
        assert_eq!(
            decoded,
            Decoded {
                text: "2011 Trafficking in Persons Report - Kazakhstan | Refworld\n\n\
                       KAZAKHSTAN (Tier 2)\n\nTextbook\u{2019}s.\n"
                    .to_string(),
                encoding: "UTF-8",
                guess: None,
                from_html: true
            }
        );
        // A page in UTF-16 is a page too.
        let decoded = auto(&utf16(page, true, true)).unwrap();
        assert!(decoded.from_html);
        assert_eq!(decoded.encoding, "UTF-16LE (with BOM)");
        // Plain text that mentions a tag is not a page.
        let decoded = auto(b"KAZAKHSTAN (Tier 2)\n\nThe <p> tag.").unwrap();
        assert!(!decoded.from_html);
        // A page with nothing but furniture has no narrative.
        assert_eq!(
            auto(
                b"<html><body><nav><a href=\"/\">Home</a></nav><script>x()</script></body></html>"
            ),
            Err(DecodeError::EmptyPage)
        );
    }

    #[test]
    fn a_page_declaring_its_charset() {
        let page = b"<!DOCTYPE html>\n<html><head>\
            <meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\
            <title>2011 Trafficking in Persons Report - C\xf4te d'Ivoire</title></head>\
            <body><p>C\xd4TE D\x92IVOIRE (Tier 2)</p></body></html>";
        let decoded = auto(page).unwrap();
        assert_eq!(
            decoded,
            Decoded {
                text: "2011 Trafficking in Persons Report - C\u{F4}te d'Ivoire\n\n\
                       C\u{D4}TE D\u{2019}IVOIRE (Tier 2)\n"
                    .to_string(),
                encoding: "Windows-1252",
                guess: Some(
                    "not valid UTF-8 (invalid byte 0xF4 at line 2, column 132); read as \
                     Windows-1252, as the page's <meta charset> declares"
                        .to_string()
                ),
                from_html: true
            }
        );

        let latin2 = b"<html><head><meta charset='ISO-8859-2'></head>\
            <body><p>\xa3\xf3d\xbc</p></body></html>";
        let decoded = auto(latin2).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            ("\u{141}\u{F3}d\u{17A}\n", "ISO-8859-2")
        );
        assert!(
            decoded
                .guess
                .unwrap()
                .ends_with("read as ISO-8859-2, as the page's <meta charset> declares")
        );

        // A declared UTF-8 that is not is read as Windows-1252, the usual culprit.
        let wrong = b"<html><head><meta charset=utf-8></head><body><p>C\xf4te</p></body></html>";
        let decoded = auto(wrong).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            ("C\u{F4}te\n", "Windows-1252")
        );
        assert!(decoded.guess.unwrap().ends_with("; read as Windows-1252"));
    }

    #[test]
    fn encoding_names() {
        let cases = [
            ("auto", EncodingChoice::Auto),
            ("UTF-8", EncodingChoice::Utf8),
            ("utf8", EncodingChoice::Utf8),
            ("utf-16", EncodingChoice::Utf16),
            ("UTF16", EncodingChoice::Utf16),
            ("windows-1252", EncodingChoice::Windows1252),
            ("cp1252", EncodingChoice::Windows1252),
            ("latin1", EncodingChoice::Windows1252),
        ];
        for (name, choice) in cases {
            assert_eq!(name.parse::<EncodingChoice>(), Ok(choice), "{name}");
            assert_eq!(choice.to_string().parse::<EncodingChoice>(), Ok(choice));
        }
        assert_eq!(EncodingChoice::default(), EncodingChoice::Auto);
        assert_eq!(
            "ebcdic".parse::<EncodingChoice>().unwrap_err().to_string(),
            "unknown encoding \"ebcdic\"; use one of: auto, utf-8, utf-16, windows-1252 (or \
             cp1252, latin1)"
        );
    }
}
