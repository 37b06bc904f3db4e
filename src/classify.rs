//! Classifying a recommendation: its "3P" area and the kind of action it asks for.
//!
//! Both judgements are made from the recommendation's text alone, by the rules in [`AREA_RULES`]
//! and [`ACTION_RULES`]. The rules are data so that the README and `tiptrack` can show them as
//! they are; the code here only says how a phrase matches and how matches are weighed.
//!
//! **Phrases.** A phrase is one or more words, matched against the text's words in order, ignoring
//! case and punctuation ("inter-agency" is the two words "inter agency"; apostrophes are dropped,
//! so "victims’" is "victims"). A word ending in `*` is a stem and matches any word it begins
//! ("prosecut*": prosecute, prosecutors, prosecutorial); any other word matches itself and its
//! plural in "-s" or "-es" ("court": court, courts). Where phrases overlap, the longest one that
//! matches at a place wins and its words are used up ("recruitment fee" counts once, not as
//! "recruit*" and "fee").
//!
//! **Subject.** A leading "The government should", "Kazakhstan should (also)", "It should also",
//! "In addition, the government should", and leading "and" / "also" are skipped before anything
//! is judged: "the body" below is what follows.
//!
//! **Area.** Every area phrase found in the body scores for its area, more the nearer it is to the
//! start, because the leading verb and its object say what a recommendation is about while later
//! words are often only the setting ("identify victims ..., including through training of police
//! officers" is protection, not prosecution): 3 points in the first 6 words, 2 in the next 6,
//! then 1. The highest score wins; a tie goes to the area matched first; a text with no match is
//! partnership/other.
//!
//! **Action.** The body's leading phrase decides, after UPR Info's scale, longest phrase first
//! ("increase efforts" before "increase"). Adverbs in "-ly" before the verb are skipped
//! ("Vigorously investigate" is judged by "investigate"), as is a leading participial phrase
//! ending in a comma ("Using new SOPs ..., proactively identify ..." is judged by "identify").
//! "continue" wins whatever follows it: "continue to strengthen" is continuing. A text whose
//! leading verb is in no rule is general.

use std::sync::LazyLock;

use serde::Serialize;

use crate::model::{Action, Area};

/// What [`classify`] judges a recommendation to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Classification {
    /// The 3P area, or partnership/other.
    pub area: Area,
    /// The kind of action, judged by the leading verb.
    pub action: Action,
}

/// The phrases that point to one area. See the module documentation for how phrases match and
/// how matches are weighed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaRule {
    /// The area the phrases point to.
    pub area: Area,
    /// Phrases found anywhere in the text; `*` ends a stem.
    pub phrases: &'static [&'static str],
}

/// The area rules: one per area, in [`Area::ALL`] order. No phrase is in two rules.
pub const AREA_RULES: &[AreaRule] = &[
    AreaRule {
        area: Area::Prosecution,
        phrases: &[
            "investigat*",
            "prosecut*",
            "convict*",
            "sentenc*",
            "penalt*",
            "punish*",
            "prison*",
            "imprison*",
            "jail*",
            "arrest*",
            "extradit*",
            "law enforcement",
            "police",
            "policing",
            "judge",
            "judicia*",
            "court",
            "magistrate",
            "adjudicat*",
            "complicit*",
            "corrupt*",
            // Covers "criminalize", "criminal code", "criminal proceedings": the criminal law is
            // the prosecution pillar of the report.
            "criminal*",
            "crime",
            "penal code",
            "trafficking law",
            "definition of trafficking",
        ],
    },
    AreaRule {
        area: Area::Protection,
        phrases: &[
            // "victim*" alone is weak, but the report says "victims" almost only when it asks
            // for something to be done for them; where it names them in a prosecution item
            // ("victim-centered approach to investigations") the prosecution words outweigh it.
            "victim*",
            "identif*",
            "screen*",
            "refer",
            "referral*",
            "referred",
            "referring",
            "nrm",
            "shelter*",
            "assist*",
            "service",
            "care",
            "protect*",
            "safeguard*",
            "guardian*",
            "advocate",
            "social worker",
            "compensat*",
            "restitution",
            "repatriat*",
            "reintegrat*",
            "rehabilitat*",
            "medical",
            "psycholog*",
            "psychosocial",
            "counsel*",
            "hotline*",
            "legal aid",
            "immigration relief",
            "residency",
            "residence",
            "deport*",
            "witness*",
            // Non-punishment: victims "penalized for unlawful acts" committed as a result of
            // being trafficked. "penaliz*" is not "penalt*", which is prosecution.
            "non punish*",
            "penaliz*",
            "unlawful acts",
            "confrontation",
        ],
    },
    AreaRule {
        area: Area::Prevention,
        phrases: &[
            "prevent*",
            "awareness",
            "campaign*",
            "outreach",
            "sensitiz*",
            "educat*",
            "demand",
            "recruitment fee",
            "recruit*",
            "fee",
            "labor inspect*",
            "labour inspect*",
            "inspect*",
            "licens*",
            "supply chain",
            "procurement",
            "code of conduct",
            "birth registration",
            "action plan",
            "plan of action",
            "nap",
            "child sex tourism",
            "sex tourism",
            // Forced labor in the cotton, tobacco or sugarcane harvests.
            "harvest*",
            "root causes",
            // Training diplomats (about domestic workers in their households) is a prevention
            // measure in the report.
            "diplomat*",
        ],
    },
    AreaRule {
        area: Area::Partnership,
        phrases: &[
            "coordinat*",
            "interagency",
            "inter agency",
            "cooperat*",
            "collaborat*",
            "partner*",
            "ngo",
            "non governmental",
            "nongovernmental",
            "civil society",
            "international organization",
            // Before "assist*" (protection) by length: help from abroad, not help to victims.
            "technical assistance",
            "data",
            "database",
            "statistic*",
            "research",
            "task force",
            "working group",
            "bilateral",
            "multilateral",
            "memorand*",
            "mou",
            // The 2000 UN TIP ("Palermo") Protocol is partnership: acceding to it is an
            // international commitment that spans all three Ps, as the protocol itself does.
            "tip protocol",
            "palermo protocol",
            "trafficking protocol",
            "accede",
            "accession",
            "ratif*",
        ],
    },
];

/// The leading phrases that mark one kind of action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionRule {
    /// The action the phrases mark.
    pub action: Action,
    /// Phrases that must begin the recommendation, after its subject.
    pub leading: &'static [&'static str],
}

/// The action rules: one per action, in [`Action::ALL`] order. No phrase is in two rules.
pub const ACTION_RULES: &[ActionRule] = &[
    ActionRule {
        action: Action::Continuing,
        leading: &[
            "continue", "maintain", "sustain", "keep", "uphold", "persist",
        ],
    },
    ActionRule {
        action: Action::Considering,
        leading: &[
            "consider",
            "explore",
            "study",
            "examine",
            "assess",
            "review",
            "evaluate",
            "analyze",
            "analyse",
            "look into",
            "reconsider",
            "reflect",
        ],
    },
    ActionRule {
        action: Action::General,
        leading: &[
            "increase efforts",
            "increase",
            "strengthen",
            "ensure",
            "improve",
            "enhance",
            "expand",
            "intensify",
            "redouble",
            "step up",
            "bolster",
            "boost",
            "reinforce",
            "make efforts",
            "make",
            "take steps",
            "take",
            "work to",
            "work",
            "promote",
            "encourage",
            "support",
            "pursue",
            "seek",
            "raise",
            "reduce",
            "address",
            "combat",
            "prioritize",
            "facilitate",
            "foster",
            "build",
            "protect",
            "prevent",
            "respect",
            "guarantee",
            "monitor",
        ],
    },
    ActionRule {
        action: Action::Specific,
        leading: &[
            "investigate and prosecute",
            "investigate",
            "prosecute",
            "convict",
            "sentence",
            "punish",
            "impose",
            "adopt",
            "amend",
            "enact",
            "pass",
            "draft",
            "revise",
            "repeal",
            "abolish",
            "criminalize",
            "prohibit",
            "require",
            "exempt",
            "cease",
            "stop",
            "end",
            "remove",
            "eliminate",
            "establish",
            "create",
            "set up",
            "institute",
            "institutionalize",
            "formalize",
            "systematize",
            "designate",
            "appoint",
            "hire",
            "develop",
            "finalize",
            "complete",
            "implement",
            "apply",
            "enforce",
            "integrate",
            "allocate",
            "dedicate",
            "fund",
            "provide",
            "offer",
            "grant",
            "allow",
            "permit",
            "extend",
            "expedite",
            "train",
            "conduct",
            "launch",
            "issue",
            "publish",
            "disseminate",
            "collect",
            "identify",
            "screen",
            "refer",
            "utilize",
            "use",
            "hold",
            "accede",
            "ratify",
            "sign",
            "join",
            "regulate",
        ],
    },
];

/// Classifies one recommendation's text.
pub fn classify(text: &str) -> Classification {
    let words = tokenize(text);
    let start = body_start(&words);
    Classification {
        area: area_of(&words, start),
        action: action_of(&words, start),
    }
}

/// Scores within the first `HEAD_WORDS` words of the body, the leading verb and its object.
const HEAD_WORDS: usize = 6;
/// Scores within the first `NEAR_WORDS` words, usually still the first clause.
const NEAR_WORDS: usize = 12;
/// How far into the body "should" may come and still end a subject ("The Democratic Republic of
/// the Congo should").
const SUBJECT_WORDS: usize = 8;

/// One word of the text, lowercased, with no punctuation.
#[derive(Debug)]
struct Word {
    text: String,
    /// Whether a comma, semicolon, colon or parenthesis comes between this word and the one
    /// before: where a leading participial phrase may end.
    after_break: bool,
}

/// Splits the text into lowercase words. Anything not alphanumeric separates words, except
/// apostrophes, which are dropped so that "government's" and "victims’" stay one word.
fn tokenize(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut pending_break = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if c == '\'' || c == '’' {
            // Inside a word; nothing to keep.
        } else {
            if !current.is_empty() {
                words.push(Word {
                    text: std::mem::take(&mut current),
                    after_break: pending_break,
                });
                pending_break = false;
            }
            if matches!(c, ',' | ';' | ':' | '(' | ')') {
                pending_break = true;
            }
        }
    }
    if !current.is_empty() {
        words.push(Word {
            text: current,
            after_break: pending_break,
        });
    }
    words
}

/// Whether a word of the text matches one word of a phrase.
fn word_matches(word: &str, pattern: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => {
            word == pattern
                || word
                    .strip_prefix(pattern)
                    .is_some_and(|rest| rest == "s" || rest == "es")
        }
    }
}

/// A phrase of the rules, split into its words once, with what it indicates.
struct Phrase<T> {
    tag: T,
    words: Vec<&'static str>,
}

impl<T: Copy> Phrase<T> {
    fn new(tag: T, phrase: &'static str) -> Phrase<T> {
        Phrase {
            tag,
            words: phrase.split_whitespace().collect(),
        }
    }

    /// The number of words the phrase covers at `at`, if it matches there.
    fn len_at(&self, words: &[Word], at: usize) -> Option<usize> {
        for (i, pattern) in self.words.iter().enumerate() {
            let word = words.get(at + i)?;
            // Most phrases fail on the first letter: test it before the whole word.
            if word.text.as_bytes().first() != pattern.as_bytes().first()
                || !word_matches(&word.text, pattern)
            {
                return None;
            }
        }
        (!self.words.is_empty()).then_some(self.words.len())
    }
}

/// The longest of `phrases` that matches at `at`, with what it indicates and the number of words
/// it covers. Of two as long, the first listed.
fn longest_at<T: Copy>(words: &[Word], at: usize, phrases: &[Phrase<T>]) -> Option<(T, usize)> {
    let mut best: Option<(T, usize)> = None;
    for phrase in phrases {
        if let Some(len) = phrase.len_at(words, at)
            && best.as_ref().is_none_or(|&(_, best_len)| len > best_len)
        {
            best = Some((phrase.tag, len));
        }
    }
    best
}

/// Every area phrase, with its area, flattened once from [`AREA_RULES`].
static AREA_PHRASES: LazyLock<Vec<Phrase<Area>>> = LazyLock::new(|| {
    AREA_RULES
        .iter()
        .flat_map(|rule| {
            rule.phrases
                .iter()
                .map(|&phrase| Phrase::new(rule.area, phrase))
        })
        .collect()
});

/// Every leading phrase, with its action, flattened once from [`ACTION_RULES`].
static ACTION_PHRASES: LazyLock<Vec<Phrase<Action>>> = LazyLock::new(|| {
    ACTION_RULES
        .iter()
        .flat_map(|rule| {
            rule.leading
                .iter()
                .map(|&phrase| Phrase::new(rule.action, phrase))
        })
        .collect()
});

/// [`CONNECTORS`], split once.
static CONNECTOR_PHRASES: LazyLock<Vec<Phrase<()>>> = LazyLock::new(|| {
    CONNECTORS
        .iter()
        .map(|&phrase| Phrase::new((), phrase))
        .collect()
});

/// Words that join a recommendation to the one before it and say nothing about it.
const CONNECTORS: &[&str] = &[
    "in addition",
    "additionally",
    "furthermore",
    "moreover",
    "finally",
    "lastly",
    "further",
    "also",
    "and",
    "then",
    "to",
];

/// The number of connector words at `at`.
fn connector_len_at(words: &[Word], at: usize) -> Option<usize> {
    longest_at(words, at, &CONNECTOR_PHRASES).map(|(_, len)| len)
}

/// Where the body starts: after leading connectors, and after a subject ending in "should" or
/// "must" ("The government should also").
fn body_start(words: &[Word]) -> usize {
    let mut at = skip_connectors(words, 0);
    // A body that begins with a leading verb has no subject, whatever "should" comes later
    // ("Ensure that victims should not be ...").
    if longest_at(words, at, &ACTION_PHRASES).is_none()
        && let Some(offset) = words[at..]
            .iter()
            .take(SUBJECT_WORDS)
            .position(|word| word.text == "should" || word.text == "must")
    {
        at = skip_connectors(words, at + offset + 1);
    }
    at
}

fn skip_connectors(words: &[Word], mut at: usize) -> usize {
    while let Some(len) = connector_len_at(words, at) {
        at += len;
    }
    at
}

/// The area with the highest score, weighing each match by how near the start it is.
fn area_of(words: &[Word], start: usize) -> Area {
    // Per area, in Area::ALL order: the score and where its first match was.
    let mut scores = [(0u32, usize::MAX); 4];
    let mut at = start;
    while at < words.len() {
        match longest_at(words, at, &AREA_PHRASES) {
            Some((area, len)) => {
                let offset = at - start;
                let weight = if offset < HEAD_WORDS {
                    3
                } else if offset < NEAR_WORDS {
                    2
                } else {
                    1
                };
                let slot = &mut scores[area_index(area)];
                slot.0 += weight;
                slot.1 = slot.1.min(offset);
                at += len;
            }
            None => at += 1,
        }
    }
    Area::ALL
        .into_iter()
        .zip(scores)
        .filter(|&(_, (score, _))| score > 0)
        // Highest score; on a tie, the earliest first match.
        .max_by(|(_, a), (_, b)| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map_or(Area::Partnership, |(area, _)| area)
}

fn area_index(area: Area) -> usize {
    match area {
        Area::Prosecution => 0,
        Area::Protection => 1,
        Area::Prevention => 2,
        Area::Partnership => 3,
    }
}

/// The action its leading phrase marks, or general if none does.
fn action_of(words: &[Word], start: usize) -> Action {
    let mut at = start;
    let mut skipped_participle = false;
    while let Some(word) = words.get(at) {
        if let Some((action, _)) = longest_at(words, at, &ACTION_PHRASES) {
            return action;
        }
        if is_adverb(&word.text) || word.text.chars().all(|c| c.is_ascii_digit()) {
            at += 1;
        } else if let Some(len) = connector_len_at(words, at) {
            at += len;
        } else if !skipped_participle
            && let Some(next) = words[at + 1..].iter().position(|word| word.after_break)
        {
            // "Using new SOPs and victim-centered interviews, proactively identify ...": the
            // verb comes after the leading phrase. Only one such phrase is skipped, so that a
            // text with an unknown verb is not judged by a verb deep inside it.
            skipped_participle = true;
            at += 1 + next;
        } else {
            break;
        }
    }
    // UPR Info's general category is the residue: asking for action without naming a step.
    Action::General
}

/// "vigorously", "fully", "proactively": not "apply", "supply", "comply" (verbs) nor short
/// words such as "only".
fn is_adverb(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ly") && !word.ends_with("ply")
}

#[cfg(test)]
mod tests {
    use super::*;

    use Action::{Considering, Continuing, General, Specific};
    use Area::{Partnership, Prevention, Prosecution, Protection};

    fn check(cases: &[(&str, Area, Action)]) {
        let mut wrong = Vec::new();
        for &(text, area, action) in cases {
            let got = classify(text);
            if got != (Classification { area, action }) {
                wrong.push(format!(
                    "{text}\n    expected {area}/{action}, got {}/{}",
                    got.area, got.action
                ));
            }
        }
        assert!(wrong.is_empty(), "misclassified:\n{}", wrong.join("\n"));
    }

    /// Every recommendation in /work/shared/corpus/manifest.json, in its order.
    #[test]
    fn classifies_the_corpus_recommendations() {
        check(&[
            // geo-2005
            (
                "The government should take proactive steps to fully implement its action plan, \
                 implement and formalize a victim referral mechanism with NGO assistance, ensure \
                 increased victim identification, and continue special law enforcement training \
                 programs",
                Protection,
                General,
            ),
            (
                "In addition, the government should ensure that up-to-date, comprehensive law \
                 enforcement statistics are collected and disseminated, perhaps via the \
                 interagency commission on trafficking",
                Partnership,
                General,
            ),
            // aze-2007
            (
                "The government should develop and implement a nation-wide victim referral \
                 mechanism and ensure that a nationwide toll-free victims' assistance hotline \
                 becomes operational",
                Protection,
                Specific,
            ),
            (
                "The government should increase its trafficking prevention efforts, as well as its \
                 efforts to investigate, prosecute, convict, and sentence government officials \
                 complicit in trafficking",
                Prosecution,
                General,
            ),
            // mng-2007
            (
                "Mongolia should increase its efforts to combat trafficking in persons, \
                 particularly through law enforcement means",
                Prosecution,
                General,
            ),
            (
                "The government should ensure that it has the legal tools to prosecute all \
                 trafficking offenses, including those which occur through fraud or coercion",
                Prosecution,
                General,
            ),
            // geo-2009
            (
                "Sustain funding for victim assistance programs",
                Protection,
                Continuing,
            ),
            (
                "increase the number of victims identified and assisted",
                Protection,
                General,
            ),
            (
                "ensure that victims are not fined or otherwise penalized for unlawful acts they \
                 may have committed as a direct result of being trafficked",
                Protection,
                General,
            ),
            (
                "continue strong efforts to investigate, prosecute, and convict both labor and sex \
                 trafficking offenders",
                Prosecution,
                Continuing,
            ),
            // tkm-2009
            (
                "Implement the 2007 Law on the Battle Against Trafficking in Persons by completing \
                 revisions to the national criminal code to prescribe penalties for both sex and \
                 labor trafficking as defined in the 2007 Law on the Battle Against Trafficking in \
                 Persons",
                Prosecution,
                Specific,
            ),
            (
                "vigorously investigate, prosecute, and convict trafficking offenders",
                Prosecution,
                Specific,
            ),
            // geo-2010
            (
                "Continue strong funding for victim assistance programs",
                Protection,
                Continuing,
            ),
            (
                "continue to increase the number of victims identified and referred for assistance",
                Protection,
                Continuing,
            ),
            (
                "continue to ensure victims are not fined or otherwise penalized for unlawful acts \
                 committed as a direct result of being trafficked",
                Protection,
                Continuing,
            ),
            (
                "continue strong efforts to investigate, prosecute, and convict both labor and sex \
                 trafficking offenders",
                Prosecution,
                Continuing,
            ),
            // abw-2013
            (
                "Aggressively investigate and prosecute trafficking offenses, and convict and \
                 punish trafficking offenders",
                Prosecution,
                Specific,
            ),
            // mhl-2014
            (
                "Adopt proactive procedures to identify victims of trafficking among vulnerable \
                 groups, such as foreign workers and individuals in prostitution",
                Protection,
                Specific,
            ),
            (
                "increase efforts to investigate and prosecute trafficking offenses, and convict \
                 and punish trafficking offenders",
                Prosecution,
                General,
            ),
            // mng-2015
            (
                "Enact all of the remaining regulations needed to fully implement the 2012 \
                 anti-trafficking law and train officials on effective implementation",
                Prosecution,
                Specific,
            ),
            (
                "increase efforts to investigate and prosecute trafficking offenses using Article \
                 113, including those involving foreign workers and internal and child sex \
                 trafficking cases",
                Prosecution,
                General,
            ),
            (
                "investigate allegations of public officials involved in trafficking",
                Prosecution,
                Specific,
            ),
            (
                "allocate more government funds to support anti-trafficking activities, including \
                 to NGO-run shelters, other forms of victim assistance and protection, and \
                 training of officials",
                Protection,
                Specific,
            ),
            (
                "establish formal procedures to guide government officials in victim \
                 identification and referral to protective services",
                Protection,
                Specific,
            ),
            (
                "cease penalizing trafficking victims for offenses committed as a result of being \
                 subjected to trafficking",
                Protection,
                Specific,
            ),
            (
                "investigate and pursue claims of forced labor among North Korean and Chinese \
                 workers employed in Mongolia",
                Prosecution,
                Specific,
            ),
            (
                "complete drafting and begin implementation of the national plan of action on \
                 trafficking",
                Prevention,
                Specific,
            ),
            (
                "reduce demand for commercial sex acts through proactive awareness campaigns in \
                 major transportation hubs",
                Prevention,
                General,
            ),
            // Asks law enforcement to act: the investigating outweighs the subject matter, which
            // on its own ("child sex tourism") is prevention.
            (
                "investigate allegations of child sex tourism",
                Prosecution,
                Specific,
            ),
            // mda-2018
            (
                "Vigorously investigate, prosecute, and convict traffickers and government \
                 officials complicit in human trafficking",
                Prosecution,
                Specific,
            ),
            (
                "implement measures to address corruption in the judicial sector and law \
                 enforcement community, including taking steps to shield trafficking \
                 investigators and prosecutors from external influence and internal corruption",
                Prosecution,
                Specific,
            ),
            (
                "exempt all trafficking victims from the requirement of in-person confrontations \
                 with their accused traffickers before an investigation can begin",
                Protection,
                Specific,
            ),
            (
                "improve protection of victims and witnesses during court proceedings, including \
                 prosecutions for witness tampering and intimidation",
                Protection,
                General,
            ),
            (
                "train police, judges, and prosecutors on a victim-centered approach to \
                 investigations and prosecutions",
                Prosecution,
                Specific,
            ),
            (
                "increase access to shelters and rehabilitation facilities for male victims of \
                 trafficking",
                Protection,
                General,
            ),
            (
                "improve cooperation with non-governmental care providers, including coordination \
                 on policy development and assisting victims cooperating with investigations",
                Partnership,
                General,
            ),
            // plw-2019
            (
                "Increase efforts to investigate, prosecute, and convict traffickers, including \
                 complicit officials, under trafficking laws, and sentence traffickers to adequate \
                 penalties, which should involve significant prison terms",
                Prosecution,
                General,
            ),
            (
                "Develop, disseminate, and train officials on standard operating procedures for \
                 the proactive identification of trafficking victims and their referral to \
                 protection services",
                Protection,
                Specific,
            ),
            (
                "Increase resources for and develop victim protection and rehabilitation \
                 services, including long-term shelter options, interpretation services, and \
                 medical and psychological care",
                Protection,
                General,
            ),
            // gbr-2019
            (
                "Expand nationwide the Independent Child Trafficking Advocate program and train \
                 more social workers and care providers to better safeguard child victims",
                Protection,
                General,
            ),
            (
                "Implement reforms to the National Referral Mechanism (NRM), including timely \
                 determination of victim status, to encourage more victims to come forward",
                Protection,
                Specific,
            ),
            (
                "Establish a database on investigations, prosecutions, convictions, and including \
                 prison sentence data across the UK, categorized by type of trafficking",
                Prosecution,
                Specific,
            ),
            (
                "Provide sufficient resources for expeditious processing of trafficking \
                 investigations and prosecutions",
                Prosecution,
                Specific,
            ),
            (
                "Consider implementing the period of victim support from 45 to 90 days across all \
                 UK jurisdictions",
                Protection,
                Considering,
            ),
            (
                "Provide a trafficking-specific long-term alternative for foreign victims at risk \
                 if returned to their home country",
                Protection,
                Specific,
            ),
            // mng-2020
            (
                "Increase efforts to investigate and prosecute trafficking offenses using Articles \
                 12.3 and 13.1 of the criminal code, rather than under alternative criminal \
                 provisions that prescribe significantly lower penalties",
                Prosecution,
                General,
            ),
            (
                "Increase efforts to detect, investigate, prosecute, and secure convictions for \
                 forced labor crimes",
                Prosecution,
                General,
            ),
            (
                "Impose adequate sentences on convicted traffickers to include time in prison",
                Prosecution,
                Specific,
            ),
            (
                "Amend relevant laws to ensure victims’ access to protection services regardless \
                 of whether officials initiate formal criminal proceedings against their alleged \
                 traffickers",
                Protection,
                Specific,
            ),
            (
                "Systematize and fully implement formal procedures to guide government officials, \
                 including police, immigration, and labor authorities, in victim identification \
                 and referral to protective services, especially among foreign workers, domestic \
                 and foreign nationals transiting major border crossing areas, women and children \
                 living in mining communities, and LGBTI persons",
                Protection,
                Specific,
            ),
            (
                "Strengthen interagency coordination to combat trafficking and protect victims",
                Partnership,
                General,
            ),
            // fsm-2022
            (
                "Increase efforts to investigate, prosecute, and convict traffickers and sentence \
                 convicted traffickers to significant prison terms, including victims’ family \
                 members and complicit officials who facilitate or directly benefit from \
                 trafficking",
                Prosecution,
                General,
            ),
            // ton-2022
            (
                "Develop and fully implement procedures for proactive identification of \
                 trafficking victims among vulnerable groups",
                Protection,
                Specific,
            ),
            (
                "Increase efforts to proactively investigate and prosecute trafficking crimes",
                Prosecution,
                General,
            ),
            (
                "Amend trafficking laws to criminalize all forms of trafficking in line with the \
                 definition under international law, including such crimes lacking cross-border \
                 movement",
                Prosecution,
                Specific,
            ),
            (
                "Develop, adopt, fund, and implement a national action plan",
                Prevention,
                Specific,
            ),
            (
                "Utilize the Asian liaison position to facilitate proactive identification of \
                 foreign victims and their referral to care",
                Protection,
                Specific,
            ),
            (
                "Provide explicit protections and benefits for trafficking victims, such as \
                 restitution, legal and medical benefits, and immigration relief",
                Protection,
                Specific,
            ),
            (
                "Develop and conduct anti-trafficking information and education campaigns",
                Prevention,
                Specific,
            ),
            // tls-2023
            (
                "Increase investigations, prosecutions, and convictions for trafficking in \
                 accordance with anti-trafficking laws, including of complicit officials",
                Prosecution,
                General,
            ),
            (
                "Using new SOPs and victim-centered interviews, proactively identify trafficking \
                 victims among vulnerable populations, including individuals in commercial sex, \
                 domestic workers, and migrant workers on fishing vessels",
                Protection,
                Specific,
            ),
            // ton-2023
            (
                "Fully implement procedures for proactive identification of trafficking victims \
                 among vulnerable groups",
                Protection,
                Specific,
            ),
            (
                "Increase efforts to proactively investigate and prosecute trafficking crimes",
                Prosecution,
                General,
            ),
            (
                "Amend trafficking laws to criminalize all forms of trafficking in line with the \
                 definition under international law, including trafficking crimes lacking \
                 cross-border movement",
                Prosecution,
                Specific,
            ),
            (
                "Develop, adopt, fund, and implement a NAP",
                Prevention,
                Specific,
            ),
            (
                "Provide explicit protections and benefits for trafficking victims, such as \
                 restitution, legal and medical benefits, and immigration relief",
                Protection,
                Specific,
            ),
            (
                "Develop and conduct anti-trafficking information and education campaigns",
                Prevention,
                Specific,
            ),
            ("Accede to the 2000 UN TIP Protocol", Partnership, Specific),
            // kgz-2023
            (
                "Increase efforts to proactively identify trafficking victims and refer them to \
                 services, particularly among vulnerable populations including individuals in \
                 commercial sex; female victims of crime; Kyrgyzstani and foreign national \
                 migrant workers; and LGBTQI+ individuals",
                Protection,
                General,
            ),
            (
                "Consistently implement and train officials on the NRM and SOPs on victim \
                 identification and referral to care and ensure the Ministry of Foreign Affairs \
                 and the National Security Service formally adopt the SOPs",
                Protection,
                Specific,
            ),
            // civ-2023
            (
                "Increase efforts to investigate and prosecute alleged traffickers, including \
                 complicit officials, and seek adequate penalties for convicted traffickers, \
                 which should involve significant prison terms",
                Prosecution,
                General,
            ),
            (
                "Institutionalize training for law enforcement and judicial officials on \
                 investigating and prosecuting trafficking cases under the 2016 anti-trafficking \
                 law, including specialized investigative and prosecutorial techniques",
                Prosecution,
                Specific,
            ),
            // kor-2023
            (
                "Ensure police, immigration, labor, and other officials consistently screen for \
                 trafficking victims among vulnerable populations, including individuals in \
                 commercial sex, fishermen, and migrant workers, utilizing the new victim \
                 identification indexes",
                Protection,
                General,
            ),
            (
                "Amend the definition of trafficking under the Crimes Act to be consistent with \
                 the definition of trafficking under the 2000 UN TIP Protocol and the newly \
                 enacted Prevention of Trafficking in Persons, Etc. and Victim Protection Act",
                Prosecution,
                Specific,
            ),
        ]);
    }

    /// The "Recommendations for Kazakhstan:" clauses of tests/fixtures/tip-2011-kazakhstan.txt,
    /// as the parser cuts them (the "and " before the last is kept here, to show it is skipped).
    #[test]
    fn classifies_the_kazakhstan_2011_recommendations() {
        check(&[
            (
                "Increase efforts to identify foreign victims of both forced prostitution and \
                 forced labor, including through expanded training of police officers and \
                 government officials in victim identification and assistance",
                Protection,
                General,
            ),
            (
                "work to ensure that foreign victims of trafficking receive assistance",
                Protection,
                General,
            ),
            (
                "increase efforts to identify labor trafficking victims, including by ensuring \
                 that authorities screen for potential victims of forced labor among those \
                 detained during immigration raids and refer those identified as victims for \
                 assistance",
                Protection,
                General,
            ),
            (
                "investigate and prosecute government officials suspected of being complicit in \
                 trafficking and convict and punish any complicit officials",
                Prosecution,
                Specific,
            ),
            (
                "continue efforts to prevent the use of forced labor during the cotton and \
                 tobacco harvests",
                Prevention,
                Continuing,
            ),
            (
                "continue to increase the number of victims who receive government-funded \
                 assistance by increasing funding to anti-trafficking NGOs",
                Protection,
                Continuing,
            ),
            (
                "conduct trafficking awareness campaigns aimed at reducing the demand for both \
                 labor trafficking and commercial sexual exploitation",
                Prevention,
                Specific,
            ),
            (
                "and continue to strengthen the capacity of police, prosecutors and judges to \
                 investigate, prosecute, and adjudicate trafficking cases",
                Prosecution,
                Continuing,
            ),
        ]);
    }

    /// The examples in the issue (point 7 of issue 3), and in the brief for this module.
    #[test]
    fn classifies_the_issue_examples() {
        let areas = [
            ("investigate, prosecute, convict", Prosecution),
            ("identify victims", Protection),
            ("shelter", Protection),
            ("assistance", Protection),
            ("awareness", Prevention),
            ("demand", Prevention),
            ("recruitment fees", Prevention),
            (
                "investigate and prosecute trafficking cases, including of officials, and provide \
                 training to judges",
                Prosecution,
            ),
            (
                "increase efforts to identify victims among migrant workers and refer them to care",
                Protection,
            ),
            (
                "train labor inspectors to identify forced labor indicators and conduct awareness \
                 campaigns",
                Prevention,
            ),
            ("improve data collection on trafficking", Partnership),
            ("increase funding to NGOs", Partnership),
            ("increase funding", Partnership),
            (
                "Provide anti-trafficking training for diplomatic personnel",
                Prevention,
            ),
            ("", Partnership),
        ];
        for (text, area) in areas {
            assert_eq!(classify(text).area, area, "{text}");
        }

        let actions = [
            ("continue", Continuing),
            ("maintain", Continuing),
            ("consider", Considering),
            ("explore", Considering),
            ("study", Considering),
            ("increase efforts", General),
            ("strengthen", General),
            ("ensure", General),
            ("adopt", Specific),
            ("amend", Specific),
            ("establish", Specific),
            ("accede", Specific),
            ("investigate and prosecute", Specific),
            (
                "continue to strengthen anti-trafficking training",
                Continuing,
            ),
            (
                "The government should consider amending the law",
                Considering,
            ),
            ("Kazakhstan should also explore alternatives", Considering),
            (
                "Reconsider the practice of detaining potential victims",
                Considering,
            ),
            ("It should also maintain funding for shelters", Continuing),
            (
                "In addition, the government should study the issue",
                Considering,
            ),
            (
                "Furthermore, the Government of Tonga must adopt a law",
                Specific,
            ),
            // "should" after a leading verb is not the end of a subject.
            ("Ensure that victims should not be detained", General),
            // No known leading verb: general, UPR Info's residue category.
            ("Harmonize legislation with regional standards", General),
            ("Sign and ratify the 2000 UN TIP Protocol", Specific),
            ("", General),
        ];
        for (text, action) in actions {
            assert_eq!(classify(text).action, action, "{text}");
        }
    }

    #[test]
    fn phrases_match_whole_words_stems_and_plurals() {
        assert!(word_matches("prosecutions", "prosecut*"));
        assert!(word_matches("prosecutorial", "prosecut*"));
        assert!(word_matches("courts", "court"));
        assert!(word_matches("witnesses", "witness*"));
        assert!(word_matches("fees", "fee"));
        assert!(!word_matches("career", "care"));
        assert!(!word_matches("lawyer", "law"));
        assert!(!word_matches("policy", "police"));
        // "penalized" (victims, protection) is not "penalties" (prosecution).
        assert_eq!(classify("penalized").area, Protection);
        assert_eq!(classify("penalties").area, Prosecution);
        // The longest phrase wins, so "non-punishment" is not "punish*".
        assert_eq!(classify("non-punishment").area, Protection);
        assert_eq!(classify("punishment").area, Prosecution);
        assert_eq!(classify("seek technical assistance").area, Partnership);
    }

    #[test]
    fn words_drop_case_punctuation_and_apostrophes() {
        let words: Vec<(String, bool)> = tokenize("Victims’ non-governmental, (NGO) aid")
            .into_iter()
            .map(|word| (word.text, word.after_break))
            .collect();
        let expected = [
            ("victims", false),
            ("non", false),
            ("governmental", false),
            ("ngo", true),
            ("aid", true),
        ];
        let expected: Vec<(String, bool)> = expected
            .into_iter()
            .map(|(text, after_break)| (text.to_string(), after_break))
            .collect();
        assert_eq!(words, expected);
    }

    #[test]
    fn rules_are_one_per_value_and_never_repeat_a_phrase() {
        assert_eq!(
            AREA_RULES.iter().map(|rule| rule.area).collect::<Vec<_>>(),
            Area::ALL
        );
        assert_eq!(
            ACTION_RULES
                .iter()
                .map(|rule| rule.action)
                .collect::<Vec<_>>(),
            Action::ALL
        );
        let mut areas: Vec<&str> = AREA_RULES
            .iter()
            .flat_map(|r| r.phrases.iter().copied())
            .collect();
        let count = areas.len();
        areas.sort_unstable();
        areas.dedup();
        assert_eq!(areas.len(), count, "an area phrase is repeated");
        let mut leading: Vec<&str> = ACTION_RULES
            .iter()
            .flat_map(|r| r.leading.iter().copied())
            .collect();
        let count = leading.len();
        leading.sort_unstable();
        leading.dedup();
        assert_eq!(leading.len(), count, "a leading phrase is repeated");
    }

    #[test]
    fn areas_round_trip_and_reject_unknown() {
        for area in Area::ALL {
            assert_eq!(area.as_str().parse::<Area>(), Ok(area));
            assert_eq!(area.to_string(), area.as_str());
        }
        assert_eq!(" Prosecution ".parse::<Area>(), Ok(Prosecution));
        assert_eq!("OTHER".parse::<Area>(), Ok(Partnership));
        assert_eq!("Partnership/Other".parse::<Area>(), Ok(Partnership));
        let err = "x".parse::<Area>().unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown area 'x'; valid areas are: prosecution, protection, prevention, partnership"
        );
        assert_eq!(
            serde_json::to_string(&Area::ALL).unwrap(),
            r#"["prosecution","protection","prevention","partnership"]"#
        );
    }

    #[test]
    fn actions_round_trip_and_reject_unknown() {
        for action in Action::ALL {
            assert_eq!(action.as_str().parse::<Action>(), Ok(action));
            assert_eq!(action.to_string(), action.as_str());
        }
        assert_eq!("Specific".parse::<Action>(), Ok(Specific));
        let err = "urgent".parse::<Action>().unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown action 'urgent'; valid actions are: continuing, considering, general, specific"
        );
        assert_eq!(
            serde_json::to_string(&Classification {
                area: Protection,
                action: Considering
            })
            .unwrap(),
            r#"{"area":"protection","action":"considering"}"#
        );
    }
}
