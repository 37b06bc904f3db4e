//! Control characters shown, not obeyed. Text from files and users may hold escape sequences
//! (`ESC ] 0 ; title BEL` retitles a terminal window, `ESC [ 2 J` clears the screen); everything
//! written for a person to read (tables, Markdown, messages, errors, the review card) passes
//! through [`escape_controls`], which writes each control character other than tab and line
//! feed as Rust writes it in a string, `\u{1b}`. JSON and CSV carry the text as stored (JSON
//! escapes what it must itself). See docs/input-safety.md.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether a character is shown escaped: the C0 controls but tab and line feed, DEL, and the C1
/// controls (U+0080 to U+009F, where U+009B is a one-character CSI to some terminals).
pub fn is_escaped(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// Appends `c` as shown: `\u{1b}` for ESC, and so on.
pub fn push_escaped(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

/// The text with each control character but tab and line feed written `\u{..}`; borrowed when
/// there is none, as nearly always.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    // Printable ASCII, as nearly every cell is (a report's 60,000), is told by its bytes.
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) || !text.contains(is_escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_escaped(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_and_tabs_and_newlines_kept() {
        assert_eq!(
            escape_controls("a\u{1b}]0;title\u{7}\u{1b}[2J\tb\nc\r\u{7f}\u{9b}1m"),
            "a\\u{1b}]0;title\\u{7}\\u{1b}[2J\tb\nc\\u{d}\\u{7f}\\u{9b}1m"
        );
        assert!(matches!(
            escape_controls("Kazakhstan\u{2019}s \u{e9}"),
            Cow::Borrowed(_)
        ));
    }
}
