//! `tiptrack review`: walk through the suggested evidence on a terminal, one suggestion at a time,
//! and accept, reject or skip each.
//!
//! Every decision is its own transaction, committed when it is made, so quitting (or a crash, or
//! Ctrl-C) keeps the decisions before it. Each is its own command too (with the status change
//! offered after an accept): `u` takes back the last one, as `tiptrack undo` would, and shows
//! its suggestion again. Accepting never changes a status by itself: a separate
//! question offers the change afterwards, and `set_status` records it as `tiptrack status` does.
//! A review needs a person at a terminal; scripts use `evidence accept` and `evidence reject`.

use std::io::{self, IsTerminal};
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use console::{Key, Term};
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Input, Select};

use super::{UsageError, actor, country_code};
use crate::cli::ReviewArgs;
use crate::model::Actor;
use crate::model::{Evidence, Status};
use crate::render::messages::{self, ReviewTally};
use crate::render::review_card;
use crate::store::{StatusChange, Store};

/// The judgements `evidence accept --assessment` takes, after "none".
const ASSESSMENTS: [&str; 4] = ["none", "progress", "no-progress", "regression"];

pub fn run(db: &Path, args: ReviewArgs) -> Result<()> {
    let iso3 = country_code(args.country.as_deref())?;
    // Without a terminal the prompts would wait for keys that never come.
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        bail!(UsageError(
            "review asks at a terminal and none is attached; in a script use `tiptrack evidence \
             list --suggested`, then `evidence accept EID` or `evidence reject EID`"
                .into()
        ));
    }
    let mut store = Store::open(db)?;
    // Each sentence once per ask: a decision on it is made on its repeats too.
    let queue = crate::suggest::repeats::group(
        store.suggestions_to_review(args.id.as_deref(), iso3.as_deref())?,
    );
    if queue.is_empty() {
        super::say("nothing to review");
        return Ok(());
    }
    let term = Term::stdout();
    let mut review = Review {
        store: &mut store,
        term: &term,
        theme: ColorfulTheme::default(),
        by: actor(db, args.by)?.name,
        tally: ReviewTally::default(),
        decided: Vec::new(),
    };
    let walked = review.walk(&queue);
    let tally = review.tally;
    // A prompt cut short by Ctrl-C leaves the cursor hidden.
    let _ = term.show_cursor();
    match walked {
        Err(err) if !err.is::<Stopped>() => return Err(err),
        _ => {}
    }
    let left = store
        .suggestions_to_review(args.id.as_deref(), iso3.as_deref())?
        .len();
    super::say(messages::review_summary(&tally, left));
    Ok(())
}

/// Ctrl-C at a prompt, or the terminal gone: the review stops where it is, keeping what was
/// decided before.
#[derive(Debug, thiserror::Error)]
#[error("review stopped")]
struct Stopped;

/// What the reviewer did with one suggestion.
enum Choice {
    Accept,
    Reject,
    Skip,
    Undo,
    Quit,
}

/// A decision made in this review, as `u` takes it back.
struct Decided {
    /// Its place in the queue.
    index: usize,
    accepted: bool,
    status_changed: bool,
}

struct Review<'a> {
    store: &'a mut Store,
    term: &'a Term,
    theme: ColorfulTheme,
    /// Who decides (see `commands::actor`).
    by: String,
    tally: ReviewTally,
    decided: Vec<Decided>,
}

/// Where the walk goes after one suggestion.
enum Next {
    On,
    Back(usize),
    Quit,
}

impl Review<'_> {
    /// Shows each suggestion in turn and records the reviewer's decision on it.
    fn walk(&mut self, queue: &[Evidence]) -> Result<()> {
        let mut index = 0;
        while let Some(queued) = queue.get(index) {
            // Decided in another process meanwhile, or gone with a recomputation of the
            // suggestions: nothing left to ask.
            let Some(mut evidence) = self
                .store
                .evidence(queued.id)?
                .filter(|e| e.state == "suggested")
            else {
                index += 1;
                continue;
            };
            evidence.repeats = queued.repeats.clone();
            match self.one(&evidence, (index + 1, queue.len()))? {
                Next::On => index += 1,
                Next::Back(to) => index = to,
                Next::Quit => break,
            }
        }
        Ok(())
    }

    /// Takes back the last decision of this review (its own command: `undo`), and says where
    /// the walk goes back to; None when nothing was decided yet.
    fn take_back(&mut self) -> Result<Option<usize>> {
        let Some(last) = self.decided.pop() else {
            self.line("nothing decided in this review to take back")?;
            return Ok(None);
        };
        let actor = Actor::now(&self.by);
        // The undo is a command of its own.
        self.store.next_command();
        let undone = match self.store.write(|w| w.undo(&actor)) {
            Ok(undone) => undone,
            Err(err) => {
                // Someone else changed it meanwhile: the decision stands.
                self.line(&format!("not taken back: {err:#}"))?;
                self.decided.push(last);
                return Ok(None);
            }
        };
        for line in messages::undone(&undone) {
            self.line(&line)?;
        }
        if last.accepted {
            self.tally.accepted -= 1;
        } else {
            self.tally.rejected -= 1;
        }
        if last.status_changed {
            self.tally.statuses -= 1;
        }
        Ok(Some(last.index))
    }

    /// Asks about one suggestion until it is decided or skipped, or the reviewer takes back
    /// the decision before or quits.
    fn one(&mut self, evidence: &Evidence, position: (usize, usize)) -> Result<Next> {
        loop {
            let recommendation = self.store.recommendation(&evidence.recommendation)?;
            let width = usize::from(self.term.size().1);
            let card = review_card(
                position,
                &recommendation,
                evidence,
                width,
                console::colors_enabled(),
            );
            self.line("")?;
            self.line(&card)?;
            let index = position.0 - 1;
            match self.choose()? {
                Choice::Quit => return Ok(Next::Quit),
                Choice::Skip => {
                    self.tally.skipped += 1;
                    return Ok(Next::On);
                }
                Choice::Undo => match self.take_back()? {
                    Some(to) => return Ok(Next::Back(to)),
                    None => continue,
                },
                Choice::Reject => {
                    self.decide(evidence, false, None, None)?;
                    self.tally.rejected += 1;
                    self.decided.push(Decided {
                        index,
                        accepted: false,
                        status_changed: false,
                    });
                    return Ok(Next::On);
                }
                Choice::Accept => {
                    // Esc at the assessment goes back to the suggestion, nothing recorded.
                    let Some(assessment) = self.assessment()? else {
                        continue;
                    };
                    let note = self.note()?;
                    self.decide(evidence, true, assessment, note.as_deref())?;
                    self.tally.accepted += 1;
                    let status_changed = self.offer_status(evidence)?;
                    self.decided.push(Decided {
                        index,
                        accepted: true,
                        status_changed,
                    });
                    return Ok(Next::On);
                }
            }
        }
    }

    /// Reads one key: a, r, s, u or q (Esc quits too); other keys are ignored.
    fn choose(&self) -> Result<Choice> {
        self.term
            .write_str("[a]ccept  [r]eject  [s]kip  [u]ndo last  [q]uit ? ")
            .context("cannot write to the terminal")?;
        loop {
            let key = self.term.read_key().map_err(terminal_error)?;
            let (choice, word) = match key {
                Key::Char('a' | 'A') => (Choice::Accept, "accept"),
                Key::Char('r' | 'R') => (Choice::Reject, "reject"),
                Key::Char('s' | 'S') => (Choice::Skip, "skip"),
                Key::Char('u' | 'U') => (Choice::Undo, "undo last"),
                Key::Char('q' | 'Q') | Key::Escape => (Choice::Quit, "quit"),
                Key::CtrlC => return Err(Stopped.into()),
                _ => continue,
            };
            self.line(word)?;
            return Ok(choice);
        }
    }

    /// The reviewer's judgement: Some(None) for none, None to go back.
    fn assessment(&self) -> Result<Option<Option<&'static str>>> {
        let picked = Select::with_theme(&self.theme)
            .with_prompt("Assessment (Esc: back)")
            .items(ASSESSMENTS)
            .default(0)
            .interact_on_opt(self.term)
            .map_err(prompt_error)?;
        Ok(picked.map(|i| ASSESSMENTS.get(i).copied().filter(|a| *a != "none")))
    }

    /// An optional note: why.
    fn note(&self) -> Result<Option<String>> {
        let note: String = Input::with_theme(&self.theme)
            .with_prompt("Note (Enter for none)")
            .allow_empty(true)
            .interact_text_on(self.term)
            .map_err(prompt_error)?;
        let note = note.trim();
        Ok((!note.is_empty()).then(|| note.to_string()))
    }

    /// Records an accept or a reject, as one transaction, and says what it did.
    fn decide(
        &mut self,
        evidence: &Evidence,
        accept: bool,
        assessment: Option<&str>,
        note: Option<&str>,
    ) -> Result<()> {
        let actor = Actor::now(&self.by);
        // One command, which `u` (or `tiptrack undo`) takes back whole: the decision, its
        // repeats, and the status change offered after an accept.
        self.store.next_command();
        // The sentence's repeats for the ask get the same decision, in the same transaction;
        // those decided meanwhile elsewhere are left as they are.
        let decisions = self.store.write(|w| {
            let mut decisions =
                vec![w.decide_evidence(evidence.id, accept, assessment, note, &actor)?];
            for repeat in &evidence.repeats {
                if w.evidence_state(repeat.id)?.as_deref() == Some("suggested") {
                    decisions.push(w.decide_evidence(repeat.id, accept, assessment, note, &actor)?);
                }
            }
            Ok(decisions)
        })?;
        for (decision, decided) in &decisions {
            self.line(&messages::decision(decision, &decided.recommendation))?;
        }
        Ok(())
    }

    /// After an accept, the separate step: offers to change the recommendation's status, keeping
    /// it by default. A change is its own transaction, recorded in the history. True when the
    /// status changed.
    fn offer_status(&mut self, evidence: &Evidence) -> Result<bool> {
        let recommendation = self.store.recommendation(&evidence.recommendation)?;
        let current = recommendation.status;
        let others: Vec<Status> = Status::ALL.into_iter().filter(|s| *s != current).collect();
        let items: Vec<String> = std::iter::once("keep".to_string())
            .chain(others.iter().map(ToString::to_string))
            .collect();
        let picked = Select::with_theme(&self.theme)
            .with_prompt(format!(
                "Change {}'s status? {current} ->",
                recommendation.id
            ))
            .items(&items)
            .default(0)
            .interact_on_opt(self.term)
            .map_err(prompt_error)?;
        let Some(status) = picked
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| others.get(i))
        else {
            self.line(&messages::status_kept(&recommendation.id, current))?;
            return Ok(false);
        };
        let actor = Actor::now(&self.by);
        let note = format!("on accepting evidence {}", evidence.id);
        let change = self
            .store
            .write(|w| w.set_status(&recommendation.id, *status, Some(&note), None, &actor))?;
        let changed = matches!(change, StatusChange::Changed { .. });
        if changed {
            self.tally.statuses += 1;
        }
        self.line(&messages::status_message(&change))?;
        Ok(changed)
    }

    fn line(&self, text: &str) -> Result<()> {
        self.term
            .write_line(text)
            .context("cannot write to the terminal")
    }
}

/// Ctrl-C (read as a key in raw mode) or a closed terminal stops the review; anything else is
/// an error.
fn terminal_error(err: io::Error) -> anyhow::Error {
    match err.kind() {
        io::ErrorKind::Interrupted | io::ErrorKind::UnexpectedEof => anyhow!(Stopped),
        _ => anyhow::Error::new(err).context("cannot read from the terminal"),
    }
}

fn prompt_error(err: dialoguer::Error) -> anyhow::Error {
    let dialoguer::Error::IO(err) = err;
    terminal_error(err)
}
