//! How deep a saved web page nests its elements, bounded before and after it is parsed.
//!
//! html5ever looks through the stack of open elements for many tags (is a `<p>` open, is a
//! `<button>`), so a page nesting tens of thousands of `<div>`s costs it time in the square of
//! its size, and no narrative needs that: saved narratives nest about 20 deep. [`estimate`]
//! scans the raw markup once, in linear time, before html5ever sees it; the parsed tree's exact
//! depth is then held to [`MAX_DEPTH`] by the reader. The bound is Chromium's: its HTML parser
//! stops nesting at 512.

use std::collections::HashMap;

/// The deepest nesting of elements tiptrack reads.
pub const MAX_DEPTH: usize = 512;

/// The raw scan overcounts (an unclosed `<font>` in each paragraph of an old page reads as
/// nesting), so it only refuses what is far past the bound.
const ESTIMATE_LIMIT: usize = 2 * MAX_DEPTH;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements a parser closes when a sibling opens (`<p>`, `<li>`, table cells): not counted, as
/// they do not nest by repetition.
const CLOSED_BY_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "rt", "rp", "rb", "rtc", "option", "optgroup", "tr", "td", "th",
    "tbody", "thead", "tfoot", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose content is text up to their end tag, never markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// The page's nesting, estimated from the markup as a stack of open elements: `Err(depth)` as
/// soon as the estimate passes the limit. An end tag closes the innermost open element of its
/// name and those inside it; one with no open element of its name is ignored, as a parser
/// ignores it. `<x/>` closes itself only inside `<svg>` or `<math>`, as in a browser.
pub fn estimate(html: &str) -> Result<usize, usize> {
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    // How many of each name are open, so an end tag finds its element without a search.
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut foreign = 0usize;
    let mut deepest = 0;
    let mut i = 0;
    while let Some(offset) = memchr(b'<', &bytes[i..]) {
        i += offset + 1;
        let rest = &html[i..];
        if rest.starts_with("!--") {
            i = find_after(html, i + 3, "-->");
            continue;
        }
        if rest.starts_with(['!', '?']) {
            // `<!DOCTYPE`, `<![CDATA[`, `<?xml`.
            i = find_after(html, i, ">");
            continue;
        }
        let closing = rest.starts_with('/');
        let name_start = i + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_'))
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            // A `<` in text.
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let (end, self_closing) = tag_end(bytes, name_start + name_len);
        i = end;
        if closing {
            if counts.get(&name).is_some_and(|n| *n > 0) {
                while let Some(top) = open.pop() {
                    if let Some(n) = counts.get_mut(&top) {
                        *n -= 1;
                    }
                    if matches!(top.as_str(), "svg" | "math") {
                        foreign -= 1;
                    }
                    if top == name {
                        break;
                    }
                }
            }
            continue;
        }
        let name_str = name.as_str();
        if RAW_TEXT.contains(&name_str) {
            i = raw_text_end(html, i, name_str);
            continue;
        }
        if VOID.contains(&name_str)
            || CLOSED_BY_SIBLINGS.contains(&name_str)
            || (self_closing && foreign > 0)
        {
            continue;
        }
        if matches!(name_str, "svg" | "math") {
            foreign += 1;
        }
        *counts.entry(name.clone()).or_default() += 1;
        open.push(name);
        deepest = deepest.max(open.len());
        if deepest > ESTIMATE_LIMIT {
            return Err(deepest);
        }
    }
    Ok(deepest)
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| *b == needle)
}

/// The index after the first `pattern` at or after `from`, or the end.
fn find_after(html: &str, from: usize, pattern: &str) -> usize {
    html.get(from..)
        .and_then(|rest| rest.find(pattern))
        .map_or(html.len(), |at| from + at + pattern.len())
}

/// Where a tag's attributes end (after its `>`, quotes respected), and whether it ends `/>`.
fn tag_end(bytes: &[u8], mut i: usize) -> (usize, bool) {
    let mut quote = None;
    while let Some(&b) = bytes.get(i) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return (i + 1, i > 0 && bytes[i - 1] == b'/'),
            _ => {}
        }
        i += 1;
    }
    (bytes.len(), false)
}

/// The index after a raw-text element's end tag (`</script`, any case), or the end.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(offset) = memchr(b'<', &bytes[i..]) {
        i += offset + 1;
        if bytes.get(i) == Some(&b'/')
            && bytes
                .get(i + 1..i + 1 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            return tag_end(bytes, i + 1 + name.len()).0;
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_estimated_from_the_markup() {
        let page = "<!DOCTYPE html><html><head><title>a<b></title><script>if (a<b) {'<div>'}\
                    </script></head><body><div><DIV class=\"a>b\"><p>one<p>two<br><img/>\
                    </div></Div><div></span></div><svg><path/><path/></svg><!-- <div><div> -->\
                    </body></html>";
        assert_eq!(estimate(page), Ok(2));
    }

    #[test]
    fn deep_nesting_is_refused_early() {
        let deep = "<div>".repeat(10 * MAX_DEPTH);
        assert_eq!(estimate(&deep), Err(ESTIMATE_LIMIT + 1));
        // An end tag of an element not open closes nothing.
        let unclosing = "<div></span>".repeat(10 * MAX_DEPTH);
        assert_eq!(estimate(&unclosing), Err(ESTIMATE_LIMIT + 1));
        // A closed element is not nesting, however many there are.
        assert_eq!(estimate(&"<main><div></div></main>".repeat(10_000)), Ok(2));
    }
}
