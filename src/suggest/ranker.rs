//! A thread that plans narratives' suggestions ([`super::plan`]) while the thread that gave it
//! the job does other work: an import stores and links a narrative while it is ranked (see
//! `store::suggest`), so that the import's two halves use both cores.
//!
//! The thread owns everything the ranking builds and frees (the queries, cached for the
//! process's life as on any thread, each narrative's sentence index), and the rows it plans are
//! handed back to it to free: memory freed on the thread that did not allocate it makes glibc's
//! allocator contend for its arena lock, which cost more than the overlap gained.

use std::cell::{Cell, OnceCell};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use anyhow::{Result, anyhow};

use super::plan::{Job, Planned, rank};

/// The ranking thread, started by its first job; it ends when the `Ranker` is dropped.
#[derive(Default)]
pub struct Ranker {
    thread: OnceCell<Thread>,
    /// The last job's ticket.
    last: Cell<u64>,
    /// A job started ahead, for its owner to take later ([`Ranker::set_ahead`]).
    ahead: Cell<Option<Ticket>>,
}

/// A job started, to wait for ([`Ranker::ranked`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket(u64);

struct Thread {
    jobs: Sender<Message>,
    ranked: Receiver<(Ticket, Job, Vec<Planned>)>,
    handle: JoinHandle<()>,
}

enum Message {
    Rank(Ticket, Job),
    /// Rows stored, to be freed where they were allocated.
    Free(Vec<Planned>),
}

impl Ranker {
    /// Starts ranking `job`; [`Ranker::ranked`] waits for its rows.
    pub fn start(&self, job: Job) -> Result<Ticket> {
        let ticket = Ticket(self.last.get() + 1);
        self.thread()?
            .jobs
            .send(Message::Rank(ticket, job))
            .map_err(|_| self.stopped())?;
        self.last.set(ticket.0);
        Ok(ticket)
    }

    /// The job of `ticket`, back, with its rows. The rows of jobs started before it and not
    /// waited for (a transaction that failed after starting one) are dropped.
    pub fn ranked(&self, ticket: Ticket) -> Result<(Job, Vec<Planned>)> {
        let thread = self.thread()?;
        loop {
            let (done, job, rows) = thread.ranked.recv().map_err(|_| self.stopped())?;
            if done == ticket {
                return Ok((job, rows));
            }
            self.free(rows);
        }
    }

    /// Keeps `ticket` for [`Ranker::take_ahead`]: an import's ranking of the narrative it stores
    /// next.
    pub fn set_ahead(&self, ticket: Ticket) {
        self.ahead.set(Some(ticket));
    }

    /// The ticket kept by [`Ranker::set_ahead`], if any, no longer kept. A job taken and not
    /// waited for is dropped by the next [`Ranker::ranked`].
    pub fn take_ahead(&self) -> Option<Ticket> {
        self.ahead.take()
    }

    /// Gives stored rows back to the thread that allocated them.
    pub fn free(&self, rows: Vec<Planned>) {
        // Without the thread (never started, or stopped), they are freed here.
        if let Some(thread) = self.thread.get() {
            let _ = thread.jobs.send(Message::Free(rows));
        }
    }

    fn thread(&self) -> Result<&Thread> {
        if let Some(thread) = self.thread.get() {
            return Ok(thread);
        }
        let (jobs, inbox) = channel::<Message>();
        let (outbox, ranked) = channel();
        let handle = std::thread::Builder::new()
            .name("ranker".into())
            .spawn(move || {
                for message in inbox {
                    match message {
                        Message::Rank(ticket, job) => {
                            let rows = rank(&job);
                            if outbox.send((ticket, job, rows)).is_err() {
                                return;
                            }
                        }
                        Message::Free(rows) => drop(rows),
                    }
                }
            })
            .map_err(|err| anyhow!("cannot start the thread that ranks suggestions: {err}"))?;
        Ok(self.thread.get_or_init(|| Thread {
            jobs,
            ranked,
            handle,
        }))
    }

    /// Why the thread is gone: it panicked, and the panic's message was printed.
    fn stopped(&self) -> anyhow::Error {
        let finished = self.thread.get().is_some_and(|t| t.handle.is_finished());
        anyhow!(
            "the thread that ranks suggestions stopped{}",
            if finished {
                " (see the message above)"
            } else {
                ""
            }
        )
    }
}
