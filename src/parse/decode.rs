//! Bytes to text: checks that a file is text at all, decodes it, and evens out the characters
//! that copies from web pages and PDFs scatter through a narrative.

use thiserror::Error;

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
}

/// Decodes a file's bytes as UTF-8 (with or without a byte-order mark) and normalises it with
/// [`normalize`].
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary { offset });
    }
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let valid = &bytes[..err.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Columns count characters, as an editor shows them, not bytes.
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        DecodeError::InvalidUtf8 {
            byte: bytes[err.valid_up_to()],
            line,
            column,
        }
    })?;
    Ok(normalize(text))
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

    #[test]
    fn rejects_what_is_not_text() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\r\n"), Err(DecodeError::Empty));
        assert_eq!(decode(b"abc\0def"), Err(DecodeError::Binary { offset: 3 }));
        assert_eq!(
            decode(b"line one\nKazakhstan \xE9t"),
            Err(DecodeError::InvalidUtf8 {
                byte: 0xE9,
                line: 2,
                column: 12
            })
        );
    }

    #[test]
    fn evens_out_line_ends_and_spaces() {
        let text = decode(
            "\u{FEFF}Title\r\n\r\nA\u{A0}b traf\u{AD}ficking \u{2019}x\u{2019}  \r\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(text, "Title\n\nA b trafficking \u{2019}x\u{2019}\n");
    }
}
