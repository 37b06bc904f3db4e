//! Domain types: narratives, recommendations, statuses, notes, evidence and history events.
//!
//! Plain data with no I/O. The parser produces [`ParsedNarrative`]; the store takes it in and
//! hands back [`Recommendation`], [`Note`], [`Evidence`] and [`Event`] rows.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::link::LinkKind;

/// The assessment of one recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// New, not yet assessed.
    Open,
    InProgress,
    PartiallyAddressed,
    Addressed,
    NotAddressed,
    /// Replaced by a later recommendation or no longer relevant.
    Superseded,
}

impl Status {
    /// Every status, in the order reports show them.
    pub const ALL: [Status; 6] = [
        Status::Open,
        Status::InProgress,
        Status::PartiallyAddressed,
        Status::Addressed,
        Status::NotAddressed,
        Status::Superseded,
    ];

    /// The name used on the command line, in the database and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in-progress",
            Status::PartiallyAddressed => "partially-addressed",
            Status::Addressed => "addressed",
            Status::NotAddressed => "not-addressed",
            Status::Superseded => "superseded",
        }
    }

    /// The valid names, comma-separated, for error messages.
    pub fn valid_names() -> String {
        Status::ALL.map(Status::as_str).join(", ")
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown status name.
#[derive(Debug, thiserror::Error)]
#[error("unknown status '{0}'{hint}; valid statuses are: {valid}",
        hint = did_you_mean(.0, &Status::ALL.map(Status::as_str)),
        valid = Status::valid_names())]
pub struct UnknownStatus(pub String);

/// "; did you mean 'addressed'?" for a name close to one of `names` (Jaro similarity above
/// 0.8: clap's 0.7 takes "done" for "open"), else nothing.
pub fn did_you_mean(input: &str, names: &[&str]) -> String {
    let wanted = input.trim().to_lowercase();
    names
        .iter()
        .map(|name| (strsim::jaro(&wanted, name), name))
        .filter(|(similarity, _)| *similarity > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| format!("; did you mean '{name}'?"))
        .unwrap_or_default()
}

impl FromStr for Status {
    type Err = UnknownStatus;

    /// Accepts the names case-insensitively, with `_` or a space in place of `-`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == wanted)
            .ok_or_else(|| UnknownStatus(s.to_string()))
    }
}

/// The "3P" area of a recommendation (prosecution, protection, prevention) or partnership/other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    /// Investigating, prosecuting and punishing trafficking; the criminal law and those who apply it.
    Prosecution,
    /// Identifying victims and giving them care, shelter, legal protection and redress.
    Protection,
    /// Awareness, demand, recruitment and labor practices, national action plans.
    Prevention,
    /// Coordination, cooperation, data, international instruments, and anything with no match.
    Partnership,
}

impl Area {
    /// Every area, in the order reports show them.
    pub const ALL: [Area; 4] = [
        Area::Prosecution,
        Area::Protection,
        Area::Prevention,
        Area::Partnership,
    ];

    /// The name used on the command line, in the database and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Prosecution => "prosecution",
            Area::Protection => "protection",
            Area::Prevention => "prevention",
            Area::Partnership => "partnership",
        }
    }

    /// The valid names, comma-separated, for error messages.
    pub fn valid_names() -> String {
        Area::ALL.map(Area::as_str).join(", ")
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown area name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown area '{0}'{hint}; valid areas are: {valid}",
        hint = did_you_mean(.0, &Area::ALL.map(Area::as_str)),
        valid = Area::valid_names())]
pub struct UnknownArea(pub String);

impl FromStr for Area {
    type Err = UnknownArea;

    /// Accepts the names case-insensitively, and "other" or "partnership/other" for
    /// [`Area::Partnership`], since that is how the fourth area is usually written.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_lowercase();
        if wanted == "other" || wanted == "partnership/other" {
            return Ok(Area::Partnership);
        }
        Area::ALL
            .into_iter()
            .find(|area| area.as_str() == wanted)
            .ok_or_else(|| UnknownArea(s.to_string()))
    }
}

/// The kind of action a recommendation asks for, after UPR Info's action categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Keep doing what is being done: "continue", "maintain".
    Continuing,
    /// Think about doing something: "consider", "explore", "study".
    Considering,
    /// Do more or better, without saying how: "increase efforts", "strengthen", "ensure".
    General,
    /// Take a named, checkable step: "adopt", "amend", "establish", "investigate and prosecute".
    Specific,
}
// UPR Info's first category, "minimal action" (asking other states, or asking the state only to
// share or seek assistance), has no counterpart: a TIP recommendation always asks the government
// itself to act.

impl Action {
    /// Every action, from the least to the most demanding, as UPR Info orders them.
    pub const ALL: [Action; 4] = [
        Action::Continuing,
        Action::Considering,
        Action::General,
        Action::Specific,
    ];

    /// The name used on the command line, in the database and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Continuing => "continuing",
            Action::Considering => "considering",
            Action::General => "general",
            Action::Specific => "specific",
        }
    }

    /// The valid names, comma-separated, for error messages.
    pub fn valid_names() -> String {
        Action::ALL.map(Action::as_str).join(", ")
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown action name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown action '{0}'{hint}; valid actions are: {valid}",
        hint = did_you_mean(.0, &Action::ALL.map(Action::as_str)),
        valid = Action::valid_names())]
pub struct UnknownAction(pub String);

impl FromStr for Action {
    type Err = UnknownAction;

    /// Accepts the names case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_lowercase();
        Action::ALL
            .into_iter()
            .find(|action| action.as_str() == wanted)
            .ok_or_else(|| UnknownAction(s.to_string()))
    }
}

/// The tier a narrative places a country on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Tier {
    #[serde(rename = "Tier 1")]
    Tier1,
    #[serde(rename = "Tier 2")]
    Tier2,
    #[serde(rename = "Tier 2 Watch List")]
    Tier2WatchList,
    #[serde(rename = "Tier 3")]
    Tier3,
    #[serde(rename = "Special Case")]
    SpecialCase,
}

impl Tier {
    /// Every tier, from the best ranked.
    pub const ALL: [Tier; 5] = [
        Tier::Tier1,
        Tier::Tier2,
        Tier::Tier2WatchList,
        Tier::Tier3,
        Tier::SpecialCase,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Tier1 => "Tier 1",
            Tier::Tier2 => "Tier 2",
            Tier::Tier2WatchList => "Tier 2 Watch List",
            Tier::Tier3 => "Tier 3",
            Tier::SpecialCase => "Special Case",
        }
    }

    /// Reads a tier as the report writes it: "Tier 2", "TIER 2 - WATCH LIST", "Tier 2 Watch-List",
    /// "Special Case". Returns None for anything else.
    pub fn parse(s: &str) -> Option<Tier> {
        // The longest ("Tier Two - Watch-List") is 21 bytes: a line of prose is no tier, and is
        // not copied to find out (every line of a whole report is asked).
        let s = s.trim();
        if s.len() > 48 {
            return None;
        }
        let words: String = s
            .to_ascii_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
            .collect();
        let words: Vec<&str> = words.split_whitespace().collect();
        match words.as_slice() {
            ["tier", "1"] | ["tier", "one"] => Some(Tier::Tier1),
            ["tier", "2"] | ["tier", "two"] => Some(Tier::Tier2),
            ["tier", "2" | "two", "watch", "list"] | ["tier", "2" | "two", "watchlist"] => {
                Some(Tier::Tier2WatchList)
            }
            ["tier", "3"] | ["tier", "three"] => Some(Tier::Tier3),
            ["special", "case"] => Some(Tier::SpecialCase),
            _ => None,
        }
    }
}

/// A text that is no tier.
#[derive(Debug, thiserror::Error)]
#[error(
    "unknown tier '{0}'; valid tiers are: Tier 1, Tier 2, Tier 2 Watch List, Tier 3, Special Case"
)]
pub struct UnknownTier(pub String);

impl FromStr for Tier {
    type Err = UnknownTier;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Tier::parse(s).ok_or_else(|| UnknownTier(s.to_string()))
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of a narrative section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    Introduction,
    Recommendations,
    Prosecution,
    Protection,
    Prevention,
    /// The trafficking profile ("TRAFFICKING PROFILE").
    Profile,
    Other,
}

impl SectionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Introduction => "introduction",
            SectionKind::Recommendations => "recommendations",
            SectionKind::Prosecution => "prosecution",
            SectionKind::Protection => "protection",
            SectionKind::Prevention => "prevention",
            SectionKind::Profile => "profile",
            SectionKind::Other => "other",
        }
    }
}

/// A section of a narrative, in the order it appears.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub kind: SectionKind,
    /// The heading line as written, if the section had one.
    pub heading: Option<String>,
    /// Where the section's text is in the narrative's text (see [`ParsedNarrative::body`]): a
    /// span, not a copy, so that a whole report's narratives are held in memory once.
    pub span: std::ops::Range<usize>,
}

/// What the parser read from one narrative, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedNarrative {
    /// The country as the text names it, if it does.
    pub country_name: Option<String>,
    /// The report year the title states, if it does.
    pub year: Option<i64>,
    pub tier: Option<Tier>,
    /// The narrative text with page furniture removed: what is stored and hashed.
    pub text: String,
    pub sections: Vec<Section>,
    /// The recommendations, in order.
    pub recommendations: Vec<ParsedRecommendation>,
    /// Problems worth telling the user about, e.g. no recommendations block.
    pub warnings: Vec<String>,
}

impl ParsedNarrative {
    /// A section's text.
    pub fn body(&self, section: &Section) -> &str {
        self.text.get(section.span.clone()).unwrap_or("")
    }
}

/// One recommendation as the parser read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedRecommendation {
    pub text: String,
    /// The text ends inside this item: it is imported, but incomplete.
    pub truncated: bool,
    /// The 3P area and kind of action, as the rules in `classify` read the text.
    pub area: Area,
    pub action: Action,
}

/// A narrative ready to store: the parse plus the resolved country and year.
#[derive(Debug, Clone)]
pub struct NarrativeImport {
    pub country: String,
    pub iso3: String,
    pub year: i64,
    pub tier: Option<Tier>,
    pub source_name: String,
    /// How the file was decoded ("UTF-8", "Windows-1252", ...).
    pub encoding: String,
    pub parsed: ParsedNarrative,
}

/// A tracked recommendation, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    pub id: String,
    pub country: String,
    pub iso3: String,
    pub year: i64,
    pub tier: Option<Tier>,
    /// Where the item stands in the narrative's current text; None once a re-import dropped it.
    pub position: Option<i64>,
    pub text: String,
    /// The copy it was imported from ends inside this item.
    pub truncated: bool,
    pub area: Area,
    pub action: Action,
    pub status: Status,
    pub updated_at: String,
    /// How many earlier reports made this ask (the items before this one in its ask's line),
    /// 0 for a new ask.
    pub repeats: i64,
    /// The ask this item belongs to: its first item's ID. `status`, `owner` and `due` are the
    /// ask's.
    pub ask: String,
    /// The ask's lead institution, and the institutions supporting it.
    pub owner: Option<String>,
    pub supporting: Vec<String>,
    /// The ask's due date.
    pub due: Option<String>,
    /// The ask is addressed, and a later report made it again.
    pub asked_again: bool,
}

/// An ask: one line of linked items across a country's reports, followed as one thing. Its
/// status, owner and due date are what was last recorded through any of its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ask {
    /// The ask's ID: its first item's.
    pub id: String,
    /// The country's name in the ask's latest report.
    pub country: String,
    pub iso3: String,
    pub first_year: i64,
    pub latest_year: i64,
    /// How many reports made it.
    pub reports: i64,
    /// The report years that made it, earliest first.
    pub years: Vec<i64>,
    /// The country's tier in each of those reports (`None` where the copy states none).
    pub tiers: Vec<Option<Tier>>,
    /// The latest item's ID, and its text.
    pub latest: String,
    pub text: String,
    /// The latest item's 3P area.
    pub area: Area,
    pub status: Status,
    /// When the status took effect (the date given with it, else the day it was set).
    pub status_date: Option<String>,
    /// The item the status was set through.
    pub status_set_on: Option<String>,
    /// Marked addressed, and a later report made it again.
    pub asked_again: bool,
    /// The lead institution, and the institutions supporting it.
    pub owner: Option<String>,
    pub supporting: Vec<String>,
    pub due: Option<String>,
    /// The due date has passed, and the ask is neither addressed, superseded nor not addressed.
    pub overdue: bool,
    /// The country's latest imported report makes it.
    pub still_made: bool,
    /// The item of another ask that continues this one's last item (two asks made one).
    pub merged_into: Option<String>,
    /// The item this ask's first item continues, whose ask goes on through another item.
    pub split_from: Option<String>,
    /// Some item of it is in its narrative's current text.
    #[serde(skip)]
    pub current: bool,
    /// The last history event that recorded its status or assignment (0 for none): a sheet made
    /// before a later change is told apart by it. (Notes are not: another's note does not
    /// conflict with a sheet's, and a sheet's note already there is not added twice.)
    #[serde(skip)]
    pub version: i64,
}

impl Ask {
    /// Whether the institution named (lowercased) leads or supports the ask: a part of the
    /// name is enough ("internal affairs").
    pub fn serves(&self, institution: &str) -> bool {
        self.owner
            .iter()
            .chain(&self.supporting)
            .any(|name| name.to_lowercase().contains(institution))
    }
}

/// Filters for listing asks.
#[derive(Debug, Clone, Default)]
pub struct AskFilter {
    pub iso3: Option<String>,
    pub statuses: Vec<Status>,
    /// A part of the lead or a supporting institution's name.
    pub owner: Option<String>,
    /// Due before this date (YYYY-MM-DD).
    pub due_before: Option<String>,
    pub overdue: bool,
    /// Made in more than this many reports.
    pub persistent: Option<i64>,
    pub asked_again: bool,
    pub include_removed: bool,
}

/// A note on a recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub id: i64,
    pub recommendation: String,
    pub text: String,
    pub author: String,
    pub created_at: String,
}

/// A piece of evidence about a recommendation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub id: i64,
    pub recommendation: String,
    /// The report year the evidence comes from.
    pub year: i64,
    pub text: String,
    pub source: Option<String>,
    /// When the action took place, if known.
    pub date: Option<String>,
    pub added_by: String,
    pub added_at: String,
    /// `suggested`, `accepted` or `rejected`; a user's own evidence is `accepted`.
    pub state: String,
    /// For a suggestion: the section kind, paragraph (1-based within the section) and byte
    /// offsets of the sentence in the narrative's full text.
    pub section: Option<String>,
    pub paragraph: Option<i64>,
    pub start: Option<i64>,
    pub end: Option<i64>,
    /// BM25 score of a suggestion.
    pub score: Option<f64>,
    /// The words of the sentence that matched the recommendation.
    pub reason: Option<String>,
    /// The sentence states a plan or pledge, not an action.
    pub commitment: bool,
    /// The reviewer's judgement when accepting: `progress`, `no-progress` or `regression`.
    pub assessment: Option<String>,
    /// The reviewer's note when accepting.
    pub note: Option<String>,
    /// The action date lies outside the period of the report the evidence is filed against.
    pub outside_period: bool,
    /// The ask the recommendation belongs to (its first item's ID).
    pub ask: Option<String>,
    /// For a suggestion shown once for its ask: the same sentence suggested again for the ask,
    /// from other reports or for its other items (see `suggest::repeats`). Empty otherwise.
    pub repeats: Vec<Repeat>,
}

/// A suggestion of the same sentence for the same ask as one shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repeat {
    /// Its evidence id.
    pub id: i64,
    pub recommendation: String,
    /// The report it comes from.
    pub year: i64,
}

impl Evidence {
    /// The report years a suggestion's sentence appears in for its ask: its own and its
    /// repeats', each once, oldest first.
    pub fn years(&self) -> Vec<i64> {
        let mut years: Vec<i64> = std::iter::once(self.year)
            .chain(self.repeats.iter().map(|r| r.year))
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }
}

/// New evidence, as a user gives it.
#[derive(Debug, Clone)]
pub struct NewEvidence {
    pub year: i64,
    pub text: String,
    pub source: Option<String>,
    pub date: Option<String>,
}

/// One entry of the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    pub id: i64,
    /// The recommendation's ID, or None for an event about the whole narrative.
    pub recommendation: Option<String>,
    pub iso3: String,
    pub year: i64,
    pub kind: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub note: Option<String>,
    /// The date the change took effect, when the user gave one.
    pub date: Option<String>,
    pub actor: String,
    pub at: String,
    /// A status change dated before its item's report could be answered (before April 1 of
    /// the report year).
    pub outside_period: bool,
}

/// A warning the importer stored with a narrative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NarrativeWarning {
    pub country: String,
    pub iso3: String,
    pub year: i64,
    /// The file the narrative was imported from.
    pub source: String,
    pub message: String,
}

/// Everything about one recommendation, for `show`: the item, its ask (with the ask's notes
/// and evidence, whichever item they were recorded on) and the item's own history.
#[derive(Debug, Clone, Serialize)]
pub struct RecommendationDetail {
    #[serde(flatten)]
    pub recommendation: Recommendation,
    #[serde(rename = "ask_detail")]
    pub ask: Ask,
    /// The ask's items, year by year, each with its text.
    pub line: Vec<ChainEntry>,
    /// The importer's warnings about the recommendation's narrative.
    pub warnings: Vec<String>,
    pub notes: Vec<Note>,
    pub evidence: Vec<Evidence>,
    pub history: Vec<Event>,
}

/// One report year in a recommendation's lineage (`chain`), earliest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainEntry {
    pub id: String,
    pub year: i64,
    pub status: Status,
    /// How this item continues the entry before it; None for the first entry.
    pub link: Option<LinkKind>,
    /// The similarity score of that link (0 to 1).
    pub score: Option<f64>,
    /// Who made that link: `auto` (the importer) or `user`.
    pub linked_by: Option<String>,
    /// Open (not addressed or superseded) with no successor although a later report exists.
    pub dropped: bool,
    /// Open with no successor, and the only later reports are copies without a
    /// recommendations block: whether the ask was made again is not known.
    pub unknown: bool,
    /// On the ask's last entry: the item of another ask that continues it (two asks made one,
    /// and this one gave way).
    pub merged_into: Option<String>,
    /// On the ask's first entry: the item it continues, whose own ask goes on through another
    /// item (one ask made two).
    pub split_from: Option<String>,
    pub text: String,
}

/// What happened to an ask between two report years (`diff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Only in the later report.
    New,
    Repeated,
    Reworded,
    /// In the earlier report only, and neither addressed nor superseded there.
    Dropped,
    /// In the earlier report only, marked addressed or superseded.
    Closed,
    /// Not found in the later report, whose copy has no recommendations block: no evidence
    /// either way.
    Unknown,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::Repeated => "repeated",
            Change::Reworded => "reworded",
            Change::Dropped => "dropped",
            Change::Closed => "closed",
            Change::Unknown => "unknown",
        }
    }
}

/// One line of a `diff`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffItem {
    pub change: Change,
    pub earlier: Option<String>,
    pub earlier_status: Option<Status>,
    pub later: Option<String>,
    pub later_status: Option<Status>,
    /// The weakest link's score along the way, for repeated and reworded asks.
    pub score: Option<f64>,
    /// The later text, or the earlier one for a dropped or closed ask.
    pub text: String,
}

/// Two report years of one country compared (`diff`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub country: String,
    pub iso3: String,
    pub year1: i64,
    pub year2: i64,
    pub tier1: Option<Tier>,
    pub tier2: Option<Tier>,
    pub items: Vec<DiffItem>,
}

/// Filters for listing recommendations.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub iso3: Option<String>,
    pub year: Option<i64>,
    pub statuses: Vec<Status>,
    pub areas: Vec<Area>,
    pub actions: Vec<Action>,
    pub search: Option<String>,
    /// Include items a re-import dropped from the text.
    pub include_removed: bool,
    /// Only asks made in at least this many earlier reports.
    pub persistent: Option<i64>,
    /// Only asks this institution leads or supports (a part of its name, lowercased).
    pub owner: Option<String>,
    /// Only asks due before this date (YYYY-MM-DD).
    pub due_before: Option<String>,
    /// Only asks past their due date and still to do.
    pub overdue: bool,
}

/// A country's tier in one report year (`tiptrack tier COUNTRY`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TierYear {
    pub year: i64,
    pub tier: Option<Tier>,
    /// The tier of the country's report before (among those imported).
    pub previous_tier: Option<Tier>,
    pub change: Option<crate::report::TierChange>,
    /// `copy` when the imported text states it, `user` when a user set it.
    pub set_by: String,
}

/// Who made a change and when.
#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    /// UTC RFC 3339.
    pub at: String,
}

impl Actor {
    /// `name`, acting now.
    pub fn now(name: &str) -> Actor {
        Actor {
            name: name.to_string(),
            at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_and_reject_unknown() {
        for status in Status::ALL {
            assert_eq!(status.as_str().parse::<Status>().unwrap(), status);
        }
        assert_eq!("In_Progress".parse::<Status>().unwrap(), Status::InProgress);
        let err = "done".parse::<Status>().unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown status 'done'; valid statuses are: open, in-progress, partially-addressed, \
             addressed, not-addressed, superseded"
        );
    }

    #[test]
    fn tiers_read_as_the_report_writes_them() {
        let cases = [
            ("Tier 2", Some(Tier::Tier2)),
            ("TIER 1", Some(Tier::Tier1)),
            ("Tier 2 Watch List", Some(Tier::Tier2WatchList)),
            ("TIER 2 - WATCH LIST", Some(Tier::Tier2WatchList)),
            ("Tier 2 Watch-List", Some(Tier::Tier2WatchList)),
            ("Tier 3", Some(Tier::Tier3)),
            ("SPECIAL CASE", Some(Tier::SpecialCase)),
            ("Tier 4", None),
        ];
        for (text, tier) in cases {
            assert_eq!(Tier::parse(text), tier, "{text}");
        }
    }
}
