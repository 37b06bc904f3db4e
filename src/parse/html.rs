//! Saved web pages: telling an HTML page from plain text, and taking a narrative's article text
//! out of one.
//!
//! The page is parsed with a real HTML parser (html5ever, through `scraper`), so entities,
//! unclosed tags and comments are read as a browser reads them. What is kept is what a reader
//! sees as the article: scripts, styles, navigation, banners, menus, share widgets, cookie
//! notices and the catalogue furniture that state.gov, Refworld and ecoi.net put around a
//! narrative ("Last Updated", "Disclaimer", "Cite as", "Document #", "Associated documents") are
//! left out.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::LazyLock;

use regex::Regex;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

use super::nesting;

/// Tag names that can open an HTML document or a saved fragment of one.
const OPENING_TAGS: &[&str] = &[
    "html",
    "head",
    "body",
    "meta",
    "title",
    "link",
    "base",
    "style",
    "script",
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "article",
    "main",
    "section",
    "header",
    "nav",
    "table",
    "ul",
    "ol",
    "span",
    "font",
    "center",
    "pre",
    "blockquote",
    "form",
    "br",
];

/// True when the text is an HTML document rather than plain text: after optional whitespace, a
/// byte-order mark, an XML declaration and comments, it starts with `<!DOCTYPE html` or an HTML
/// tag (`<html`, `<head`, `<body`, `<p>`, `<div` ...). The content decides, not the file name.
pub fn looks_like_html(text: &str) -> bool {
    let is_space = |c: char| c.is_whitespace() || c == '\u{FEFF}';
    let mut rest = text.trim_start_matches(is_space);
    loop {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
        } else if starts_with_ignore_case(rest, "<?xml") {
            rest = rest.find("?>").map_or("", |end| &rest[end + 2..]);
        } else {
            break;
        }
        rest = rest.trim_start_matches(is_space);
    }
    if starts_with_ignore_case(rest, "<!doctype html") {
        return true;
    }
    let Some(after) = rest.strip_prefix('<') else {
        return false;
    };
    let name_len = after
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(after.len());
    let name = after[..name_len].to_ascii_lowercase();
    let boundary = after[name_len..]
        .chars()
        .next()
        .is_some_and(|c| c == '>' || c == '/' || c.is_whitespace());
    boundary && OPENING_TAGS.contains(&name.as_str())
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

/// The article text of a saved page, as plain text.
///
/// Block elements (`p`, `div`, `h1`–`h6`, `section`, `table` ...) are paragraphs, separated by a
/// blank line; `li` items are lines starting with "• ", one under the other; `br`, table rows
/// and cells end a line (two `br` in a row end a paragraph). Inline elements (`span`, `a`, `em`,
/// `strong` ...) add no break, and whitespace inside a block collapses to single spaces. Entities
/// are decoded; `&nbsp;` stays a no-break space, for [`normalize`](super::decode::normalize).
///
/// The main content container is preferred when there is one (`<main>`, `[role=main]`,
/// `<article>`, state.gov's `.entry-content`, Refworld's and ecoi.net's document containers),
/// else the whole `<body>`; either way navigation and page furniture are left out.
///
/// A report year is usually only in the page's title, so when the `<title>` (or `og:title`) says
/// "Trafficking in Persons Report" it becomes the first line, followed by a blank line; when it
/// does not but the page's address does (state.gov's
/// `/reports/2023-trafficking-in-persons-report/kazakhstan/`, from `<link rel=canonical>`,
/// `og:url` or a "saved from url" comment), "2023 Trafficking in Persons Report" is that line.
/// A page with no article text gives an empty string, title or not.
///
/// A page that nests elements past [`nesting::MAX_DEPTH`] is refused, `Err` with its depth (or
/// an estimate past it): it is checked before parsing, so that html5ever's time stays linear,
/// and exactly after.
pub fn extract_text(html: &str) -> Result<String, usize> {
    nesting::estimate(html)?;
    let document = Html::parse_document(html);
    let html_element = document.root_element();
    let body = html_element
        .child_elements()
        .find(|element| element.value().name() == "body")
        .unwrap_or(html_element);
    let page = Page::new(html_element);
    if page.depth > nesting::MAX_DEPTH {
        return Err(page.depth);
    }
    let lines = content_lines(body, &page);
    if lines.is_empty() {
        return Ok(String::new());
    }
    let mut out = String::new();
    if let Some(title) = report_title(html_element, html) {
        out.push_str(&title);
        out.push_str("\n\n");
    }
    out.push_str(&lines.join("\n"));
    out.push('\n');
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// The title line

/// A state.gov report address: `/reports/2023-trafficking-in-persons-report/...`.
static REPORT_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)/((?:19|20)\d\d)-trafficking-in-persons-report\b")
        .expect("REPORT_URL is a valid regex")
});

/// Browsers note where a saved page came from: `<!-- saved from url=(0072)https://... -->`.
static SAVED_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<!--\s*saved from url=\(\d+\)(\S+?)\s*-->")
        .expect("SAVED_FROM is a valid regex")
});

fn report_title(html_element: ElementRef<'_>, source: &str) -> Option<String> {
    let says_report = |text: &str| {
        text.to_lowercase()
            .contains("trafficking in persons report")
    };
    let title = html_element
        .descendent_elements()
        .find(|element| element.value().name() == "title")
        .map(|element| collapse(&element.text().collect::<String>()));
    let meta = |key: &str, value: &str| {
        html_element
            .descendent_elements()
            .filter(|element| element.value().name() == "meta")
            .find(|element| {
                element
                    .value()
                    .attr(key)
                    .is_some_and(|v| v.eq_ignore_ascii_case(value))
            })
            .and_then(|element| element.value().attr("content"))
            .map(collapse)
    };
    if let Some(title) = title
        .into_iter()
        .chain(meta("property", "og:title"))
        .find(|t| says_report(t))
    {
        return Some(title);
    }

    let canonical = html_element
        .descendent_elements()
        .filter(|element| element.value().name() == "link")
        .find(|element| {
            element.value().attr("rel").is_some_and(|rel| {
                rel.split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
            })
        })
        .and_then(|element| element.value().attr("href"))
        .map(str::to_string);
    let head = source.get(..source.len().min(4096)).unwrap_or(source);
    let saved_from = SAVED_FROM.captures(head).map(|caps| caps[1].to_string());
    canonical
        .into_iter()
        .chain(meta("property", "og:url"))
        .chain(saved_from)
        .find_map(|url| {
            let caps = REPORT_URL.captures(&url)?;
            Some(format!("{} Trafficking in Persons Report", &caps[1]))
        })
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------------
// The content container

/// Where a page keeps its article, most telling first.
enum Container {
    Tag(&'static str),
    Id(&'static str),
    Class(&'static str),
    Attr(&'static str, &'static str),
}

const CONTAINERS: &[Container] = &[
    Container::Tag("main"),
    Container::Attr("role", "main"),
    Container::Tag("article"),
    // state.gov (WordPress)
    Container::Class("entry-content"),
    // Refworld
    Container::Id("docMain"),
    Container::Id("fullText"),
    Container::Id("docBody"),
    Container::Class("document"),
    Container::Class("field--name-body"),
    // ecoi.net
    Container::Class("document-content"),
    Container::Class("document-text"),
    Container::Id("document-content"),
    // Anywhere
    Container::Attr("itemprop", "articleBody"),
    Container::Id("main-content"),
    Container::Id("content"),
];

impl Container {
    fn matches(&self, element: &Element) -> bool {
        match *self {
            Container::Tag(name) => element.name() == name,
            Container::Id(id) => element.id().is_some_and(|v| v.eq_ignore_ascii_case(id)),
            Container::Class(class) => element.classes().any(|c| c.eq_ignore_ascii_case(class)),
            Container::Attr(key, value) => element
                .attr(key)
                .is_some_and(|v| v.eq_ignore_ascii_case(value)),
        }
    }
}

/// The article's lines: those of the first container (in [`CONTAINERS`] order) holding at least
/// a third of the body's text (the largest, when several match), else the body's.
fn content_lines(body: ElementRef<'_>, page: &Page) -> Vec<String> {
    let whole = Walker::lines(body, false, page);
    let whole_len = text_len(&whole);
    for container in CONTAINERS {
        // Only the outermost of nested matches is walked: an inner one's text is part of the
        // outer one's, and walking each of a thousand nested `<main>`s read the page a thousand
        // times (93 s for 22 KB). Matches come in document order, and an element's descendants
        // follow it within its span.
        let mut outer_end = 0;
        let best = body
            .descendent_elements()
            .filter(|element| element.id() != body.id() && container.matches(element.value()))
            .filter(|element| {
                let (start, end) = page.span(*element);
                let outermost = start >= outer_end;
                if outermost {
                    outer_end = end;
                }
                outermost
            })
            .map(|element| Walker::lines(element, true, page))
            .max_by_key(|lines| text_len(lines));
        if let Some(lines) = best
            && text_len(&lines) > 0
            && text_len(&lines) * 3 >= whole_len
        {
            return lines;
        }
    }
    whole
}

fn text_len(lines: &[String]) -> usize {
    lines.iter().map(|line| line.chars().count()).sum()
}

// ---------------------------------------------------------------------------------------------
// What is furniture

/// Elements that never hold page text.
const NEVER_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "head", "title", "iframe", "object",
    "embed", "canvas", "audio", "video", "map", "select", "option", "datalist", "textarea",
    "button", "input", "dialog",
];

/// Site structure, never the article.
const STRUCTURE: &[&str] = &["nav", "aside", "footer", "menu"];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "search",
    "menu",
    "menubar",
    "complementary",
    "toolbar",
    "dialog",
    "alertdialog",
];

/// Words in an id or class that mark furniture ("usa-banner", "breadcrumbs", "mainNav").
const FURNITURE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "subnav",
    "menu",
    "menus",
    "menubar",
    "submenu",
    "megamenu",
    "breadcrumb",
    "breadcrumbs",
    "crumbs",
    "banner",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "share",
    "sharing",
    "sharethis",
    "addthis",
    "addtoany",
    "social",
    "skip",
    "sidebar",
    "masthead",
    "toolbar",
    "pagination",
    "pager",
    "disclaimer",
    "citation",
    "cite",
    "footer",
    "sitemap",
    "offcanvas",
    "modal",
    "popup",
    "newsletter",
    "related",
    "tags",
    "metadata",
    "search",
];

/// Whole ids or classes, lower case with separators removed, that mark furniture or text hidden
/// from the reader ("in-this-section", "last_updated", "sr-only", "d-none").
const FURNITURE_NAMES: &[&str] = &[
    "inthissection",
    "lastupdated",
    "associateddocuments",
    "documentmeta",
    "docmeta",
    "siteheader",
    "globalheader",
    "usaheader",
    "skiplink",
    "sronly",
    "usasronly",
    "visuallyhidden",
    "screenreadertext",
    "elementinvisible",
    "hidden",
    "hide",
    "dnone",
];

/// Labels that open a block of site furniture: the block (when short) goes; a label standing
/// alone goes with what follows it.
const LABELS: &[&str] = &[
    "last updated",
    "disclaimer",
    "cite as",
    "publisher",
    "publication date",
    "document #",
    "document id",
    "document type",
    "associated documents",
    "in this section",
    "skip to main content",
    "skip to content",
    "an official website of the united states government",
    "here's how you know",
    "here’s how you know",
    "this is not a unhcr publication",
    "back to top",
];

/// Labels that are furniture only when they stand alone, with their value after them.
const ALONE_LABELS: &[&str] = &[
    "share",
    "share this page",
    "print",
    "email",
    "author",
    "country",
    "countries",
    "topics",
    "keywords",
    "original language",
    "related documents",
];

/// Furniture blocks are short: longer text is taken to be article.
const SHORT: usize = 600;
/// Non-space characters of text outside links that make an element "hold prose", which keeps it
/// even when its id, class or role looks like furniture.
const PROSE: usize = 600;
/// A paragraph this long (in characters) is article text, not a label's value.
const LONG_PARAGRAPH: usize = 300;

enum Verdict {
    Keep,
    Drop,
    /// A label standing alone: drop it and the value that follows it.
    DropWithNext,
}

fn verdict(element: ElementRef<'_>, in_main: bool, page: &Page) -> Verdict {
    let value = element.value();
    let name = value.name();
    if NEVER_TEXT.contains(&name) || STRUCTURE.contains(&name) || is_hidden(value) {
        return Verdict::Drop;
    }
    if (name == "header" && !in_main) || name == "form" {
        return if page.holds_prose(element) {
            Verdict::Keep
        } else {
            Verdict::Drop
        };
    }
    if (has_furniture_role(value) || has_furniture_name(value)) && !page.holds_prose(element) {
        return Verdict::Drop;
    }

    if page.is_link_menu(element) {
        return Verdict::Drop;
    }
    let text = page.stats(element).text;
    if text == 0 || text >= SHORT {
        // No text, or too long for a label or a furniture block: no need to read its text.
        return Verdict::Keep;
    }
    let Some(text) = page.short_text(element) else {
        return Verdict::Keep;
    };
    let text = text.to_lowercase();
    let text = text.trim_end_matches([':', ' ']);
    if LABELS.contains(&text) || ALONE_LABELS.contains(&text) {
        return Verdict::DropWithNext;
    }
    if text.chars().count() < SHORT
        && (LABELS.iter().any(|label| starts_with_label(text, label))
            || (text.chars().count() < 200 && text.ends_with("(author)")))
        && !has_heading_or_long_paragraph(element)
    {
        return Verdict::Drop;
    }
    Verdict::Keep
}

fn starts_with_label(text: &str, label: &str) -> bool {
    text.strip_prefix(label).is_some_and(|rest| {
        label.ends_with('#') || !rest.starts_with(|c: char| c.is_alphanumeric())
    })
}

fn is_hidden(element: &Element) -> bool {
    if element.attr("hidden").is_some()
        || element
            .attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    element.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

fn has_furniture_role(element: &Element) -> bool {
    element.attr("role").is_some_and(|roles| {
        roles
            .split_ascii_whitespace()
            .any(|role| FURNITURE_ROLES.contains(&role.to_ascii_lowercase().as_str()))
    })
}

fn has_furniture_name(element: &Element) -> bool {
    element
        .id()
        .into_iter()
        .chain(element.classes())
        .any(is_furniture_name)
}

fn is_furniture_name(name: &str) -> bool {
    let squashed: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    FURNITURE_NAMES.contains(&squashed.as_str())
        || name_words(name).any(|word| FURNITURE_WORDS.contains(&word.as_str()))
}

/// The words of an id or class: split at non-alphanumerics and at camelCase humps.
fn name_words(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .flat_map(|part| {
            let mut words = Vec::new();
            let mut word = String::new();
            let mut previous_lower = false;
            for c in part.chars() {
                if c.is_ascii_uppercase() && previous_lower && !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
                word.push(c.to_ascii_lowercase());
            }
            words.push(word);
            words
        })
        .filter(|word| !word.is_empty())
}

/// Inline elements: they never break a line (everything else does).
const INLINE: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
];

/// Elements [`text_of`] looks through before it gives up: furniture is small.
const TEXT_OF_NODES: usize = 500;

/// The element's text with whitespace collapsed and blocks kept apart, cut off once it is longer
/// than `limit` bytes; `None` when it has more than [`TEXT_OF_NODES`] nodes to look through
/// first.
fn text_of(element: ElementRef<'_>, limit: usize) -> Option<String> {
    fn space(out: &mut String) {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    let mut out = String::new();
    // An explicit stack, not recursion: a page may nest elements thousands deep.
    let mut stack = vec![(element.children(), false)];
    let mut budget = TEXT_OF_NODES;
    while out.len() <= limit {
        let Some((children, _)) = stack.last_mut() else {
            break;
        };
        budget = budget.checked_sub(1)?;
        let Some(child) = children.next() else {
            if let Some((_, true)) = stack.pop() {
                space(&mut out);
            }
            continue;
        };
        match child.value() {
            Node::Text(text) => {
                for c in text.chars() {
                    if c.is_whitespace() {
                        space(&mut out);
                    } else {
                        out.push(c);
                    }
                }
            }
            Node::Element(value) if !NEVER_TEXT.contains(&value.name()) => {
                let block = !INLINE.contains(&value.name());
                if block {
                    space(&mut out);
                }
                stack.push((child.children(), block));
            }
            _ => {}
        }
    }
    out.truncate(out.trim_end().len());
    Some(out)
}

/// Counts of non-space characters of an element's text.
#[derive(Debug, Clone, Copy, Default)]
struct TextStats {
    /// All its text.
    text: usize,
    /// Its text inside links.
    in_links: usize,
    /// Its links.
    links: usize,
}

/// A parsed page and the text statistics of each of its elements, counted once.
struct Page {
    /// Keyed by the address of the element in the parsed tree, which does not move while the
    /// page is read.
    stats: HashMap<usize, TextStats>,
    /// Where each element and its descendants lie in document order: from its own index to
    /// the index past its last descendant.
    spans: HashMap<usize, (usize, usize)>,
    /// How deep elements nest, the root counted as 1.
    depth: usize,
    /// [`Page::short_text`] of the wrappers read so far (and of what they wrap).
    wrapped_texts: RefCell<HashMap<usize, Option<Rc<str>>>>,
}

impl Page {
    fn new(root: ElementRef<'_>) -> Page {
        let mut stats = HashMap::new();
        let nodes: Vec<_> = root.descendants().collect();
        // Forwards, in document order, with the open ancestors on a stack: a node closes the
        // ones that are not its parent's line.
        let mut spans = HashMap::new();
        let mut depth = 0;
        let mut open = Vec::new();
        for (index, node) in nodes.iter().enumerate() {
            let parent = node.parent().map(|p| p.id());
            while let Some(&(id, start, key)) = open.last()
                && Some(id) != parent
            {
                open.pop();
                spans.insert(key, (start, index));
            }
            // Text and comments have no children: only elements open.
            if let Node::Element(element) = node.value() {
                open.push((node.id(), index, key(element)));
                depth = depth.max(open.len());
            }
        }
        for (_, start, key) in open {
            spans.insert(key, (start, nodes.len()));
        }
        // Backwards, every element comes after its children.
        for node in nodes.iter().rev() {
            let Some(element) = ElementRef::wrap(*node) else {
                continue;
            };
            let value = element.value();
            let mut own = TextStats::default();
            if !NEVER_TEXT.contains(&value.name()) {
                for child in node.children() {
                    match child.value() {
                        Node::Text(text) => {
                            own.text += text.chars().filter(|c| !c.is_whitespace()).count();
                        }
                        Node::Element(child) => {
                            let counts: TextStats =
                                stats.get(&key(child)).copied().unwrap_or_default();
                            own.text += counts.text;
                            own.in_links += counts.in_links;
                            own.links += counts.links;
                        }
                        _ => {}
                    }
                }
                if value.name() == "a" && value.attr("href").is_some() {
                    own.in_links = own.text;
                    own.links += 1;
                }
            }
            stats.insert(key(value), own);
        }
        Page {
            stats,
            spans,
            depth,
            wrapped_texts: RefCell::default(),
        }
    }

    /// The element's [`text_of`] up to [`SHORT`] bytes, as the furniture checks read it. A
    /// wrapper (an element whose only content is one element) has the text of what it wraps:
    /// read once for the whole line of wrappers, which would otherwise each read it again, in
    /// time in the square of their depth.
    fn short_text(&self, element: ElementRef<'_>) -> Option<Rc<str>> {
        let mut wrappers = Vec::new();
        let mut inner = element;
        let text = loop {
            if let Some(text) = self.wrapped_texts.borrow().get(&key(inner.value())) {
                break text.clone();
            }
            match wrapped(inner) {
                Some(child) => {
                    wrappers.push(key(inner.value()));
                    inner = child;
                }
                None if wrappers.is_empty() => return text_of(inner, SHORT).map(Rc::from),
                None => {
                    let text = text_of(inner, SHORT).map(Rc::from);
                    wrappers.push(key(inner.value()));
                    break text;
                }
            }
        };
        let mut cache = self.wrapped_texts.borrow_mut();
        for wrapper in wrappers {
            cache.insert(wrapper, text.clone());
        }
        text
    }

    /// The element's span in document order (see [`Page::spans`]).
    fn span(&self, element: ElementRef<'_>) -> (usize, usize) {
        self.spans
            .get(&key(element.value()))
            .copied()
            .unwrap_or_default()
    }

    fn stats(&self, element: ElementRef<'_>) -> TextStats {
        self.stats
            .get(&key(element.value()))
            .copied()
            .unwrap_or_default()
    }

    /// Enough text outside links to be article, whatever the element's name says.
    fn holds_prose(&self, element: ElementRef<'_>) -> bool {
        let stats = self.stats(element);
        stats.text - stats.in_links >= PROSE
    }

    /// A list or block that is mostly links: a menu ("In this section", "Associated documents").
    fn is_link_menu(&self, element: ElementRef<'_>) -> bool {
        const MENU_LIKE: &[&str] = &[
            "ul", "ol", "dl", "table", "tbody", "tr", "td", "div", "section", "details", "p",
        ];
        let stats = self.stats(element);
        MENU_LIKE.contains(&element.value().name())
            && stats.links >= 3
            && stats.in_links * 10 >= stats.text * 8
    }
}

/// The one element an element wraps, when it holds nothing else but spaces and comments (and
/// that element has text to read).
fn wrapped(element: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let mut only = None;
    for child in element.children() {
        match child.value() {
            Node::Text(text) if text.trim().is_empty() => {}
            Node::Comment(_) => {}
            Node::Element(value) if only.is_none() && !NEVER_TEXT.contains(&value.name()) => {
                only = ElementRef::wrap(child);
            }
            _ => return None,
        }
    }
    only
}

fn key(element: &Element) -> usize {
    std::ptr::from_ref(element).addr()
}

/// Whether a short block holds a heading or a long paragraph, looking through at most
/// [`TEXT_OF_NODES`] elements: past that, the block is too large to be furniture.
fn has_heading_or_long_paragraph(element: ElementRef<'_>) -> bool {
    let mut looked = 0;
    element.descendent_elements().skip(1).any(|child| {
        looked += 1;
        let name = child.value().name();
        looked > TEXT_OF_NODES
            || matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            || (name == "p"
                && text_of(child, LONG_PARAGRAPH)
                    .is_none_or(|text| text.chars().count() >= LONG_PARAGRAPH))
    })
}

// ---------------------------------------------------------------------------------------------
// Writing the text

/// The break pending before the next text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    Line,
    Paragraph,
}

/// How an element lays out its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Inline,
    /// Ends a line: `br`.
    Break,
    /// Its own line: table rows and cells, `dt`, `dd`.
    Line,
    /// A list item: its own line, starting with "• ".
    Item,
    /// Its own paragraph.
    Paragraph,
    /// Its own paragraph, whitespace kept: `pre`.
    Pre,
}

fn layout(name: &str) -> Layout {
    match name {
        "br" => Layout::Break,
        "li" => Layout::Item,
        "tr" | "td" | "th" | "dt" | "dd" | "summary" | "legend" | "figcaption" => Layout::Line,
        "pre" | "listing" | "xmp" | "plaintext" => Layout::Pre,
        _ if INLINE.contains(&name) => Layout::Inline,
        _ => Layout::Paragraph,
    }
}

/// Walks the tree, writing text and breaks.
struct Walker {
    lines: Vec<String>,
    line: String,
    gap: Gap,
    /// Whitespace seen since the last character written.
    space: bool,
    /// A list item has opened and its bullet is still to be written.
    bullet: bool,
    /// Inside `main`, `article` or a content container: a `header` there is the article's own.
    in_main: usize,
    /// Inside a list item: paragraphs there are lines, so the list stays one paragraph.
    in_item: usize,
    in_pre: usize,
}

/// An element being walked: its children still to come, and how to close it.
struct Open<I> {
    children: I,
    layout: Layout,
    is_main: bool,
    /// A label standing alone was dropped: its value, the next non-blank child, goes too.
    drop_next: bool,
}

impl Walker {
    /// The tidy lines of `root`'s text, furniture left out. `root` itself is always kept.
    fn lines(root: ElementRef<'_>, in_main: bool, page: &Page) -> Vec<String> {
        let mut walker = Walker {
            lines: Vec::new(),
            line: String::new(),
            gap: Gap::None,
            space: false,
            bullet: false,
            in_main: usize::from(in_main),
            in_item: 0,
            in_pre: 0,
        };
        // An explicit stack, not recursion: a page may nest elements thousands deep.
        let (layout, is_main) = walker.enter(root);
        let mut stack = vec![Open {
            children: root.children(),
            layout,
            is_main,
            drop_next: false,
        }];
        while let Some(open) = stack.last_mut() {
            let Some(child) = open.children.next() else {
                if let Some(open) = stack.pop() {
                    walker.leave(open.layout, open.is_main);
                }
                continue;
            };
            match child.value() {
                Node::Text(text) => {
                    if open.drop_next && !text.trim().is_empty() {
                        open.drop_next = false;
                    } else {
                        walker.text(text);
                    }
                }
                Node::Element(_) => {
                    let Some(element) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if std::mem::take(&mut open.drop_next) && !page.holds_prose(element) {
                        continue;
                    }
                    match verdict(element, walker.in_main > 0, page) {
                        Verdict::Keep => {
                            let (layout, is_main) = walker.enter(element);
                            stack.push(Open {
                                children: element.children(),
                                layout,
                                is_main,
                                drop_next: false,
                            });
                        }
                        Verdict::Drop => {}
                        Verdict::DropWithNext => open.drop_next = true,
                    }
                }
                _ => {}
            }
        }
        if !walker.line.is_empty() {
            let line = std::mem::take(&mut walker.line);
            walker.lines.push(line);
        }
        tidy(walker.lines)
    }

    /// Opens an element: its layout, and whether it is the article's container.
    fn enter(&mut self, element: ElementRef<'_>) -> (Layout, bool) {
        let value = element.value();
        let is_main = matches!(value.name(), "main" | "article")
            || value
                .attr("role")
                .is_some_and(|role| role.eq_ignore_ascii_case("main"));
        self.in_main += usize::from(is_main);
        let layout = layout(value.name());
        self.open(layout);
        (layout, is_main)
    }

    fn leave(&mut self, layout: Layout, is_main: bool) {
        self.close(layout);
        self.in_main -= usize::from(is_main);
    }

    fn open(&mut self, layout: Layout) {
        match layout {
            Layout::Inline => {}
            Layout::Break => {
                let gap = if self.gap == Gap::None {
                    Gap::Line
                } else {
                    Gap::Paragraph
                };
                self.gap(gap);
            }
            Layout::Line => self.gap(Gap::Line),
            Layout::Item => {
                self.gap(Gap::Line);
                self.bullet = true;
                self.in_item += 1;
            }
            Layout::Paragraph => self.gap(Gap::Paragraph),
            Layout::Pre => {
                self.gap(Gap::Paragraph);
                self.in_pre += 1;
            }
        }
    }

    fn close(&mut self, layout: Layout) {
        match layout {
            Layout::Inline | Layout::Break => {}
            Layout::Line => self.gap(Gap::Line),
            Layout::Item => {
                self.gap(Gap::Line);
                self.bullet = false;
                self.in_item -= 1;
            }
            Layout::Paragraph => self.gap(Gap::Paragraph),
            Layout::Pre => {
                self.in_pre -= 1;
                self.gap(Gap::Paragraph);
            }
        }
    }

    /// Asks for a break before the next text; inside a list item a paragraph is only a line.
    fn gap(&mut self, gap: Gap) {
        let gap = if self.in_item > 0 {
            gap.min(Gap::Line)
        } else {
            gap
        };
        self.gap = self.gap.max(gap);
        self.space = false;
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if self.in_pre > 0 {
                match c {
                    '\n' => {
                        self.start_text();
                        let line = std::mem::take(&mut self.line);
                        self.lines.push(line);
                    }
                    '\r' => {}
                    c => {
                        self.start_text();
                        self.line.push(c);
                    }
                }
            } else if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
                self.space = true;
            } else {
                self.push(c);
            }
        }
    }

    fn push(&mut self, c: char) {
        self.start_text();
        let at_start = self.line.is_empty() || self.line == "• ";
        if at_start && c.is_whitespace() {
            // A no-break space opening a line is no more text than a plain one.
            return;
        }
        if self.space && !at_start {
            self.line.push(' ');
        }
        self.space = false;
        self.line.push(c);
    }

    /// Writes the pending break, and a pending bullet, before text.
    fn start_text(&mut self) {
        if self.gap != Gap::None {
            if self.line.is_empty() {
                if self.gap == Gap::Paragraph && self.lines.last().is_some_and(|l| !l.is_empty()) {
                    self.lines.push(String::new());
                }
            } else {
                let line = std::mem::take(&mut self.line);
                self.lines.push(line);
                if self.gap == Gap::Paragraph {
                    self.lines.push(String::new());
                }
            }
            self.gap = Gap::None;
            self.space = false;
        }
        if self.bullet && self.line.is_empty() {
            self.line.push_str("• ");
            self.bullet = false;
            self.space = false;
        }
    }
}

/// Trailing spaces go, lines holding nothing but a bullet go, blank lines do not repeat, and
/// there are none at either end.
fn tidy(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for line in lines {
        let line = line.trim_end();
        if line.is_empty() || line == "•" {
            if out.last().is_some_and(|last| !last.is_empty()) {
                out.push(String::new());
            }
        } else {
            out.push(line.to_string());
        }
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    /// The text of a page within the nesting bound.
    fn extract_text(html: &str) -> String {
        super::extract_text(html).unwrap()
    }

    #[test]
    fn html_is_told_from_its_content() {
        for html in [
            "<!DOCTYPE html><html><body><p>x</p></body></html>",
            "\u{FEFF}  <!doctype HTML>\n<html>",
            "<html lang=\"en\">",
            "<!-- saved from url=(0040)https://www.state.gov/ -->\n<html>",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">",
            "\n\n<body>\n<p>KAZAKHSTAN (Tier 2)</p>",
            "<p>KAZAKHSTAN (Tier 2)</p>",
            "<div class=\"x\">text</div>",
            "<HEAD><TITLE>t</TITLE>",
        ] {
            assert!(looks_like_html(html), "{html:?}");
        }
        for text in [
            "Trafficking in Persons Report 2011\n\nKAZAKHSTAN (Tier 2)\n<p>",
            "<paragraph> is not a tag",
            "<Tier 2>",
            "< html",
            "",
            "<!-- a comment only -->",
            "KAZAKHSTAN <html>",
        ] {
            assert!(!looks_like_html(text), "{text:?}");
        }
    }

    #[test]
    fn blocks_lines_and_inline_elements() {
        let html = "<html><head><title>A page</title><style>p { color: red }</style></head>\
            <body><div><p>One <b>bold</b>\n   and <a href=\"#x\">linked</a>&nbsp;word&rsquo;s\
            &#8212;end.</p><p>Two<br>two-b<br><br>three</p>\
            <h3>Heading</h3><ul><li>first <em>item</em></li><li><p>second</p></li>\
            <li>  </li></ul><div>after <span>list</span></div>\
            <table><tr><td>cell a</td><td>cell b</td></tr></table>\
            <pre>keep   this\n  indented</pre></div>\
            <script>var x = '<p>not text</p>';</script></body></html>";
        assert_eq!(
            extract_text(html),
            "One bold and linked\u{A0}word\u{2019}s\u{2014}end.\n\nTwo\ntwo-b\n\nthree\n\n\
             Heading\n\n• first item\n• second\n\nafter list\n\ncell a\ncell b\n\n\
             keep   this\n  indented\n"
        );
    }

    #[test]
    fn labels_and_menus_go_with_their_values() {
        let html = "<body><main>\
            <div><h2>In this section</h2><ul><li><a href=\"#a\">Kazakhstan (Tier 2)</a></li>\
            <li><a href=\"#b\">PROSECUTION</a></li><li><a href=\"#c\">PROTECTION</a></li></ul></div>\
            <p>Last Updated: 1 July 2011</p>\
            <dl><dt>Publisher</dt><dd>United States Department of State</dd></dl>\
            <p class=\"lead\">Kept.</p>\
            <div class=\"usa-sr-only\">Screen readers only</div>\
            <div style=\"display: none\">Hidden</div>\
            <p><strong>Cite as:</strong> United States Department of State, 2011</p>\
            </main></body>";
        assert_eq!(extract_text(html), "Kept.\n");
    }

    #[test]
    fn a_furniture_class_does_not_drop_the_article() {
        let paragraph = "The government increased its prevention efforts. ".repeat(15);
        let html = format!(
            "<body><div class=\"content-with-sidebar\"><p>{paragraph}</p></div>\
             <div class=\"sidebar\"><p>Related: other countries</p></div></body>"
        );
        assert_eq!(extract_text(&html), format!("{}\n", paragraph.trim_end()));
    }

    #[test]
    fn a_page_with_no_article_text_is_empty() {
        let html = "<html><head><title>2011 Trafficking in Persons Report - Kazakhstan</title>\
            <script>render()</script></head><body><nav><a href=\"/\">Home</a></nav></body></html>";
        assert_eq!(extract_text(html), "");
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion_and_bounded() {
        let nested = |depth: usize, open: &str, close: &str| {
            format!(
                "<html><body>{}<p>Deep text.</p>{}</body></html>",
                open.repeat(depth),
                close.repeat(depth)
            )
        };
        // With <html>, <body> and the <p>, 509 divs nest 512 deep: the most read.
        let html = nested(509, "<div class=\"wrap\">", "</div>");
        assert_eq!(extract_text(&html), "Deep text.\n");
        let html = nested(510, "<div class=\"wrap\">", "</div>");
        assert_eq!(super::extract_text(&html), Err(513));
        // Far past the bound, the page is refused before it is parsed.
        let html = nested(200_000, "<div>", "</div>");
        assert_eq!(super::extract_text(&html), Err(2 * nesting::MAX_DEPTH + 1));
        // Nested containers, each a candidate for the article.
        let html = nested(250, "<main><div>", "</div></main>");
        assert_eq!(extract_text(&html), "Deep text.\n");
    }

    #[test]
    fn class_words() {
        assert!(is_furniture_name("usa-banner"));
        assert!(is_furniture_name("mainNav"));
        assert!(is_furniture_name("breadcrumbs"));
        assert!(is_furniture_name("in_this_section"));
        assert!(is_furniture_name("sr-only"));
        assert!(!is_furniture_name("entry-content"));
        assert!(!is_furniture_name("docMain"));
        assert!(!is_furniture_name("research"));
        assert!(!is_furniture_name("hidden-xs"));
    }

    /// A state.gov report page, in the 2019- layout: the .gov banner, a site header with its
    /// navigation and an "In this section" menu, the narrative in <main>, a footer, scripts.
    const STATE_GOV: &str = r##"<!DOCTYPE html>
<html lang="en-US">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Kazakhstan - United States Department of State</title>
  <link rel="canonical" href="https://www.state.gov/reports/2023-trafficking-in-persons-report/kazakhstan/">
  <meta property="og:title" content="Kazakhstan - United States Department of State">
  <style>.usa-banner { background: #f0f0f0; } p.lead { font-size: 1.2em; }</style>
  <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date());</script>
</head>
<body class="report-template-default single single-report postid-12345">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<section class="usa-banner" aria-label="Official website of the United States government">
  <div class="usa-accordion">
    <header class="usa-banner__header">
      <div class="usa-banner__inner">
        <div class="usa-banner__header-text">An official website of the United States government</div>
        <button class="usa-accordion__button usa-banner__button" aria-expanded="false"><span class="usa-banner__button-text">Here's how you know</span></button>
      </div>
    </header>
    <div class="usa-banner__content usa-accordion__content" id="gov-banner" hidden>
      <p><strong>Official websites use .gov</strong><br>A <strong>.gov</strong> website belongs to an official government organization in the United States.</p>
    </div>
  </div>
</section>
<header class="site-header" role="banner">
  <a class="site-logo" href="https://www.state.gov/">U.S. Department of State</a>
  <nav class="primary-nav" aria-label="Primary navigation">
    <ul>
      <li><a href="/travel/">Travel</a></li>
      <li><a href="/countries-areas/">Countries &amp; Areas</a></li>
      <li><a href="/bureaus-offices/">Bureaus &amp; Offices</a></li>
    </ul>
  </nav>
  <nav class="report-nav" aria-label="In this section">
    <button class="report-nav__toggle">In this section</button>
    <ul class="report-nav__menu">
      <li><a href="#kazakhstan">Kazakhstan (Tier 2)</a></li>
      <li><a href="#recommendations">PRIORITIZED RECOMMENDATIONS:</a></li>
      <li><a href="#prosecution">PROSECUTION</a></li>
      <li><a href="#protection">PROTECTION</a></li>
      <li><a href="#prevention">PREVENTION</a></li>
    </ul>
  </nav>
</header>
<main id="content" class="site-main">
  <div class="featured-content">
    <h1 class="featured-content__headline">Kazakhstan</h1>
  </div>
  <div class="share-tools">
    <span>Share</span>
    <a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a>
    <a href="https://twitter.com/intent/tweet?url=x">Twitter</a>
  </div>
  <div class="report__content">
    <div class="entry-content">
      <h2 id="kazakhstan">KAZAKHSTAN: Tier 2</h2>
      <p>The Government of Kazakhstan does not fully meet the minimum standards for the elimination
         of trafficking but is making significant efforts to do so. The government demonstrated
         overall increasing efforts compared with the previous reporting period; therefore
         Kazakhstan remained on Tier&nbsp;2.</p>
      <h3 id="recommendations">PRIORITIZED RECOMMENDATIONS:</h3>
      <ul>
        <li>Increase efforts to proactively identify trafficking victims among vulnerable
            populations, <em>including</em> foreign migrant workers.</li>
        <li>Vigorously investigate and prosecute trafficking crimes, including complicit
            officials, and seek adequate penalties for convicted traffickers.</li>
        <li>Amend the penal code to remove the requirement to prove force, fraud, or coercion
            in child sex trafficking cases.</li>
      </ul>
      <h3 id="prosecution">PROSECUTION</h3>
      <p>The government increased law enforcement efforts. Articles 128 and 135 of the criminal
         code criminalized sex trafficking and labor trafficking and prescribed penalties of
         five to 15 years&rsquo; imprisonment &ndash; penalties that were sufficiently stringent.</p>
      <noscript><p>Please enable JavaScript.</p></noscript>
    </div>
  </div>
  <aside class="related-content"><h2>Related Articles</h2><p>2022 Trafficking in Persons Report: Kazakhstan</p></aside>
</main>
<footer class="site-footer" role="contentinfo">
  <p>Office to Monitor and Combat Trafficking in Persons</p>
  <ul><li><a href="/privacy/">Privacy Policy</a></li><li><a href="/accessibility/">Accessibility</a></li></ul>
</footer>
<script src="https://www.state.gov/wp-content/themes/dos/js/main.js"></script>
<script>document.querySelector('.report-nav__toggle').addEventListener('click', function () {});</script>
</body>
</html>
"##;

    #[test]
    fn a_state_gov_page() {
        assert!(looks_like_html(STATE_GOV));
        assert_eq!(
            extract_text(STATE_GOV),
            "2023 Trafficking in Persons Report\n\
             \n\
             Kazakhstan\n\
             \n\
             KAZAKHSTAN: Tier 2\n\
             \n\
             The Government of Kazakhstan does not fully meet the minimum standards for the \
             elimination of trafficking but is making significant efforts to do so. The government \
             demonstrated overall increasing efforts compared with the previous reporting period; \
             therefore Kazakhstan remained on Tier\u{A0}2.\n\
             \n\
             PRIORITIZED RECOMMENDATIONS:\n\
             \n\
             • Increase efforts to proactively identify trafficking victims among vulnerable \
             populations, including foreign migrant workers.\n\
             • Vigorously investigate and prosecute trafficking crimes, including complicit \
             officials, and seek adequate penalties for convicted traffickers.\n\
             • Amend the penal code to remove the requirement to prove force, fraud, or coercion \
             in child sex trafficking cases.\n\
             \n\
             PROSECUTION\n\
             \n\
             The government increased law enforcement efforts. Articles 128 and 135 of the \
             criminal code criminalized sex trafficking and labor trafficking and prescribed \
             penalties of five to 15 years\u{2019} imprisonment \u{2013} penalties that were \
             sufficiently stringent.\n"
        );
    }

    /// A Refworld document page: site header and breadcrumbs, a table of document details,
    /// "Last Updated", the narrative, then "Disclaimer" and "Cite as".
    const REFWORLD: &str = r##"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>2011 Trafficking in Persons Report - Kazakhstan | Refworld</title>
<link href="/styles/refworld.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/scripts/jquery.js"></script>
</head>
<body>
<div id="header">
  <div id="logo"><a href="/"><img src="/images/logo.gif" alt="Refworld" /></a></div>
  <ul id="topMenu">
    <li><a href="/">Home</a></li>
    <li><a href="/country">Countries</a></li>
    <li><a href="/category">Categories</a></li>
    <li><a href="/advsearch">Advanced Search</a></li>
  </ul>
</div>
<div id="breadcrumbs"><a href="/">Home</a> &gt; <a href="/country/KAZ">Kazakhstan</a> &gt; 2011 Trafficking in Persons Report - Kazakhstan</div>
<div id="container">
  <table class="docDetails">
    <tr><td class="label">Publisher</td><td><a href="/publisher/USDOS">United States Department of State</a></td></tr>
    <tr><td class="label">Country</td><td>Kazakhstan</td></tr>
    <tr><td class="label">Publication Date</td><td>27 June 2011</td></tr>
    <tr><td class="label">Cite as</td><td>United States Department of State, <i>2011 Trafficking in Persons Report - Kazakhstan</i>, 27 June 2011, available at: https://www.refworld.org/docid/4e12ee5fc.html [accessed 3 May 2024]</td></tr>
  </table>
  <div id="docMain">
    <p class="lastUpdated">Last Updated: 1 July 2011</p>
    <h1>2011 Trafficking in Persons Report - Kazakhstan</h1>
    <p><b>KAZAKHSTAN (Tier 2)</b></p>
    <p>Kazakhstan is a destination and to a lesser extent, source and transit country for women and
    girls subjected to sex trafficking and for men, women, and children subjected to conditions of
    forced labor.</p>
    <p>The Government of Kazakhstan does not fully comply with the minimum standards for the
    elimination of trafficking; however, it is making significant efforts to do so.</p>
    <p><b>Recommendations for Kazakhstan:</b> Increase efforts to identify foreign victims of both
    forced prostitution and forced labor; work to ensure that foreign victims of trafficking
    receive assistance; and continue to strengthen the capacity of police, prosecutors and judges
    to investigate, prosecute, and adjudicate trafficking cases.</p>
    <p><b>Prosecution</b></p>
    <p>The government of Kazakhstan demonstrated modest progress in its anti-trafficking law
    enforcement efforts during the reporting period.</p>
    <div class="disclaimerBlock">
      <h3>Disclaimer</h3>
      <p>This is not a UNHCR publication. UNHCR is not responsible for, nor does it necessarily
      endorse, its content. Any views expressed are solely those of the author or publisher and do
      not necessarily reflect those of UNHCR, the United Nations or its Member States.</p>
    </div>
    <h3>Cite as</h3>
    <p>United States Department of State, 2011 Trafficking in Persons Report - Kazakhstan, 27 June 2011</p>
  </div>
</div>
<div id="footer"><p>&copy; UNHCR 2024</p><p><a href="/about">About</a> | <a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p></div>
</body>
</html>
"##;

    #[test]
    fn a_refworld_page() {
        assert!(looks_like_html(REFWORLD));
        assert_eq!(
            extract_text(REFWORLD),
            "2011 Trafficking in Persons Report - Kazakhstan | Refworld\n\
             \n\
             2011 Trafficking in Persons Report - Kazakhstan\n\
             \n\
             KAZAKHSTAN (Tier 2)\n\
             \n\
             Kazakhstan is a destination and to a lesser extent, source and transit country for \
             women and girls subjected to sex trafficking and for men, women, and children \
             subjected to conditions of forced labor.\n\
             \n\
             The Government of Kazakhstan does not fully comply with the minimum standards for the \
             elimination of trafficking; however, it is making significant efforts to do so.\n\
             \n\
             Recommendations for Kazakhstan: Increase efforts to identify foreign victims of both \
             forced prostitution and forced labor; work to ensure that foreign victims of \
             trafficking receive assistance; and continue to strengthen the capacity of police, \
             prosecutors and judges to investigate, prosecute, and adjudicate trafficking cases.\n\
             \n\
             Prosecution\n\
             \n\
             The government of Kazakhstan demonstrated modest progress in its anti-trafficking law \
             enforcement efforts during the reporting period.\n"
        );
    }

    #[test]
    fn refworld_furniture_outside_a_known_container() {
        // Without #docMain the whole body is read, and the furniture must still go.
        let page = REFWORLD.replace("id=\"docMain\"", "id=\"narrative\"");
        let text = extract_text(&page);
        assert!(
            text.starts_with(
                "2011 Trafficking in Persons Report - Kazakhstan | Refworld\n\n\
                 2011 Trafficking in Persons Report - Kazakhstan\n\nKAZAKHSTAN (Tier 2)\n\n"
            ),
            "{text}"
        );
        assert!(
            text.ends_with("law enforcement efforts during the reporting period.\n"),
            "{text}"
        );
        for furniture in [
            "Home",
            "Advanced Search",
            "Publisher",
            "United States Department of State",
            "Publication Date",
            "Last Updated",
            "Disclaimer",
            "UNHCR",
            "Cite as",
            "Privacy",
        ] {
            assert!(!text.contains(furniture), "{furniture} in {text}");
        }
    }

    /// An ecoi.net document page: cookie notice, header, "Document #", the author line,
    /// the narrative, "Associated documents".
    const ECOI: &str = r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Trafficking in Persons Report 2011 - Kazakhstan | ecoi.net</title>
<link rel="stylesheet" href="/static/css/main.css">
</head>
<body>
<div id="cookie-consent" class="cookie-banner">ecoi.net uses cookies to improve this site. <a href="/en/privacy/">More information</a> <button>OK</button></div>
<header class="page-header">
  <a class="logo" href="/en/">ecoi.net</a>
  <form class="search" action="/en/search/"><input name="q" placeholder="Search"><button>Search</button></form>
</header>
<div class="layout">
  <div class="document-header">
    <div class="document-number">Document #1174306</div>
    <div class="document-author"><a href="/en/source/11558.html">USDOS – US Department of State</a> (Author)</div>
    <h1>Trafficking in Persons Report 2011 - Kazakhstan</h1>
  </div>
  <div class="document-content">
    <p>KAZAKHSTAN (Tier 2)</p>
    <p>Kazakhstan is a destination and to a lesser extent, source and transit country for women and
    girls subjected to sex trafficking and for men, women, and children subjected to conditions of
    forced labor.</p>
    <p>Recommendations for Kazakhstan: Increase efforts to identify foreign victims of both forced
    prostitution and forced labor; and continue to strengthen the capacity of police.</p>
    <p>Prevention</p>
    <p>The government provided in-kind contributions for a program designed to reduce demand for
    sex trafficking.</p>
  </div>
  <section class="associated">
    <h2>Associated documents</h2>
    <ul>
      <li><a href="/en/document/1174306.html">Document ID 1174306</a> Related / Associated</li>
      <li><a href="/en/document/1174307.html">Methodology associated with Trafficking in persons report 2011</a><br>
        <small>Trafficking in Persons Report 2011 (Periodical Report, English)</small></li>
    </ul>
  </section>
</div>
<footer><p>ecoi.net is run by the Austrian Red Cross</p></footer>
</body>
</html>
"##;

    const ECOI_NARRATIVE: &str = "KAZAKHSTAN (Tier 2)\n\
        \n\
        Kazakhstan is a destination and to a lesser extent, source and transit country for women \
        and girls subjected to sex trafficking and for men, women, and children subjected to \
        conditions of forced labor.\n\
        \n\
        Recommendations for Kazakhstan: Increase efforts to identify foreign victims of both \
        forced prostitution and forced labor; and continue to strengthen the capacity of police.\n\
        \n\
        Prevention\n\
        \n\
        The government provided in-kind contributions for a program designed to reduce demand \
        for sex trafficking.\n";

    #[test]
    fn an_ecoi_page() {
        assert!(looks_like_html(ECOI));
        assert_eq!(
            extract_text(ECOI),
            format!(
                "Trafficking in Persons Report 2011 - Kazakhstan | ecoi.net\n\n{ECOI_NARRATIVE}"
            )
        );
    }

    #[test]
    fn ecoi_furniture_outside_a_known_container() {
        let page = ECOI.replace("document-content", "text");
        assert_eq!(
            extract_text(&page),
            format!(
                "Trafficking in Persons Report 2011 - Kazakhstan | ecoi.net\n\n\
                 Trafficking in Persons Report 2011 - Kazakhstan\n\n{ECOI_NARRATIVE}"
            )
        );
    }

    #[test]
    fn a_title_without_the_report_is_dropped() {
        let html = "<html><head><title>Kazakhstan | ecoi.net</title></head>\
            <body><p>KAZAKHSTAN (Tier 2)</p></body></html>";
        assert_eq!(extract_text(html), "KAZAKHSTAN (Tier 2)\n");
        let saved = "<!-- saved from url=(0075)https://www.state.gov/reports/\
            2021-trafficking-in-persons-report/kazakhstan/ -->\n<html><head><title>Kazakhstan\
            </title></head><body><p>KAZAKHSTAN: Tier 2</p></body></html>";
        assert_eq!(
            extract_text(saved),
            "2021 Trafficking in Persons Report\n\nKAZAKHSTAN: Tier 2\n"
        );
    }
}
