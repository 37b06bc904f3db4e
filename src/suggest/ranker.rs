//! A thread that plans narratives' suggestions ([`super::plan`]) while the thread that gave it
//! the job does other work: an import stores and links a narrative while it is ranked (see
//! `store::suggest`), so that the import's two halves use both cores.
//!
//! The thread owns everything the ranking builds and frees (the queries, cached for the
//! process's life as on any thread, each narrative's sentence index), and the rows it plans are
//! handed back to it to free: memory freed on the thread that did not allocate it makes glibc's
//! allocator contend for its arena lock, which cost more than the overlap gained.

use std::cell::{Cell, OnceCell};
use std::panic::AssertUnwindSafe;
use std::sync::mpsc::{Receiver, Sender, channel};

use anyhow::{Result, anyhow, bail};

use super::plan::{Job, Planned, rank};

/// The ranking thread, started by its first job. When the `Ranker` is dropped, the thread ends
/// after the job it is on (it is not waited for).
#[derive(Default)]
pub struct Ranker {
    thread: OnceCell<Thread>,
    /// The last job's ticket.
    last: Cell<u64>,
    /// The last ticket whose job came back (they come back in the order they were started).
    back: Cell<u64>,
    /// A job started ahead, for its owner to take later ([`Ranker::set_ahead`]).
    ahead: Cell<Option<Ticket>>,
}

/// A job started, to wait for ([`Ranker::ranked`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket(u64);

/// A job back from the thread: its rows, or None if ranking it panicked (the panic's message
/// was printed; the thread goes on with the next job).
type Done = (Ticket, Job, Option<Vec<Planned>>);

struct Thread {
    jobs: Sender<Message>,
    ranked: Receiver<Done>,
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
            .map_err(|_| stopped())?;
        self.last.set(ticket.0);
        Ok(ticket)
    }

    /// The job of `ticket`, back, with its rows. The rows of jobs started before it and not
    /// waited for (one started ahead and not needed, or by a transaction that failed) are
    /// dropped. An error if ranking this job panicked, or if it was dropped already (waited
    /// for after a later one): never a wait for ever.
    pub fn ranked(&self, ticket: Ticket) -> Result<(Job, Vec<Planned>)> {
        if ticket.0 <= self.back.get() || ticket.0 > self.last.get() {
            bail!("a ranking of suggestions was waited for twice, or never started (a bug)");
        }
        let thread = self.thread()?;
        loop {
            let (done, job, rows) = thread.ranked.recv().map_err(|_| stopped())?;
            self.back.set(done.0);
            match rows {
                Some(rows) if done == ticket => return Ok((job, rows)),
                Some(rows) => self.free(rows),
                None if done == ticket => {
                    bail!("ranking its sentences for suggestions failed (a bug: see above)")
                }
                None => {}
            }
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
        std::thread::Builder::new()
            .name("ranker".into())
            .spawn(move || {
                for message in inbox {
                    match message {
                        Message::Rank(ticket, job) => {
                            // A panic fails this job alone: the query cache it may leave
                            // half-filled holds only whole entries (inserted after they are
                            // made).
                            let rows =
                                std::panic::catch_unwind(AssertUnwindSafe(|| rank(&job))).ok();
                            if outbox.send((ticket, job, rows)).is_err() {
                                return;
                            }
                        }
                        Message::Free(rows) => drop(rows),
                    }
                }
            })
            .map_err(|err| anyhow!("cannot start the thread that ranks suggestions: {err}"))?;
        Ok(self.thread.get_or_init(|| Thread { jobs, ranked }))
    }
}

/// The thread is gone, which only a panic outside a job's ranking could do.
fn stopped() -> anyhow::Error {
    anyhow!("the thread that ranks suggestions stopped")
}
