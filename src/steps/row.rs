//! A row of the step table ([`Step`]) and what a row is made of: where it stands
//! ([`Phase`]), its check, gate and fix ([`CheckFn`], [`GateFn`], [`FixFn`]), a gate's failure
//! ([`Halt`]), and what a repair is given and gives back ([`Repairing`], [`Repair`]). Every
//! step file builds its row from these; the table itself and the functions over it are the
//! engine's (`engine.rs`), so no step imports the module that imports every step.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use super::step_report::StepReport;
use super::Context;
use crate::error::{Error, ExitStatus};
use crate::servicenow::ApiError;
use crate::state::StateFile;
use crate::step_id::StepId;
use crate::ui::Printer;

/// A future a step returns; borrowed from the context it reads with.
pub type StepFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Reads a step and judges it.
pub type CheckFn = for<'a> fn(&'a Context) -> StepFuture<'a, Result<StepReport, ApiError>>;

/// Runs before the round of reads; an `Err` stops the run.
pub type GateFn = for<'a> fn(&'a Context) -> StepFuture<'a, Result<(), Halt>>;

/// Repairs a failing step.
pub type FixFn = for<'a> fn(&'a Context, &'a Repairing<'a>) -> StepFuture<'a, Repair>;

/// Makes reads ahead into the context's shared reads (see [`Prefetch`]).
pub type PrefetchFn = for<'a> fn(&'a Context) -> StepFuture<'a, ()>;

/// The reads a step's repair makes first, made ahead of it by `check --fix`: once every
/// failing step that affects this one has ended (or settled), except those in `despite`,
/// whose repairs cannot change these reads. The repair then finds them made (the context's
/// shared reads), and its first write goes as soon as the steps it waits for end.
pub struct Prefetch {
    pub reads: PrefetchFn,
    /// The steps among those that affect this one whose repairs leave these reads as they are.
    pub despite: &'static [StepId],
}

/// Where a step stands in the table, and so when it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Every other step needs it (`instance`, `auth`): never skipped, never repaired here.
    Access,
    /// A step of the Kore.ai guide.
    Guide,
    /// Beyond the guide, always checked (after the guide's steps, before the deep ones).
    Extra,
    /// Checked with `--deep` only.
    Deep,
}

/// One row of the table.
pub struct Step {
    pub id: StepId,
    /// Where it stands.
    pub phase: Phase,
    /// The steps whose inputs this step's repair can change (activating the plugins creates
    /// the REST message and the 4.1+ Bot Connection, a new group has no members yet, …):
    /// `check --fix` repairs this step before them, and checks them again after it, in the
    /// same run.
    pub affects: &'static [StepId],
    /// The step reads the Kore.ai side: it is in a run only with Kore.ai settings.
    pub needs_kore: bool,
    /// `init` walks through it, one page each, in table order (the guide's steps it can
    /// repair; the others are in its final check).
    pub init_offers: bool,
    /// One sentence for people: why the guide (or a handoff) needs it; `init` shows it under
    /// a failure.
    pub why: &'static str,
    /// Runs before the round of reads, in table order; a failure stops the run.
    pub gate: Option<GateFn>,
    pub check: CheckFn,
    /// The repair, when sn-handoff can make one.
    pub fix: Option<FixFn>,
    /// The reads its repair makes first, when they can be made ahead of it.
    pub prefetch: Option<Prefetch>,
}

/// The `why` of a deep step that says nothing more specific.
pub const DEEP_WHY: &str =
    "A handoff needs it too, though the guide leaves it out (see check --deep).";

impl Step {
    /// The row of a deep step that sn-handoff cannot repair: checked in the round of reads,
    /// with the deep steps' common `why`.
    pub const fn deep(id: StepId, check: CheckFn) -> Step {
        Step {
            id,
            phase: Phase::Deep,
            affects: &[],
            needs_kore: false,
            init_offers: false,
            why: DEEP_WHY,
            gate: None,
            check,
            fix: None,
            prefetch: None,
        }
    }
}

/// A gate's failure: the reports it leaves (its own step's, and any other it settles), why
/// every later step is skipped, and the exit status it decides.
#[derive(Debug)]
pub struct Halt {
    /// The reports the gate settles, in table order.
    pub reports: Vec<StepReport>,
    /// The summary of every later step (`skip`).
    pub why: &'static str,
    /// How the run ends when a step fails.
    pub kind: ExitStatus,
}

/// What a repair needs beyond the context: how long to watch activations, the state file
/// that keeps what was changed, and where progress goes.
pub struct Repairing<'a> {
    /// How long plugin activations are watched.
    pub deadline: Duration,
    /// The state file (none under `--demo`).
    pub state: Option<&'a StateFile>,
    /// Where progress goes.
    pub printer: &'a Printer,
    /// Where a repair says that it has done what the repairs waiting for it need, before it
    /// ends (see [`Settle`]); `None` outside `check --fix`'s scheduler.
    pub settled: Option<Settle>,
}

/// Tells the scheduler of `check --fix` (`repairs::repair_all`) that a repair has done what
/// the repairs waiting for it need, before it ends: the plugins' activations are over while
/// their read-back is still out, and the repairs that wait for the plugins start then.
#[derive(Debug, Clone)]
pub struct Settle(tokio::sync::mpsc::UnboundedSender<Settled>);

/// A step whose repair settled, and how the scheduler answers once it has started what was
/// waiting for it.
pub type Settled = (StepId, tokio::sync::oneshot::Sender<()>);

impl Settle {
    /// A new one, and where the scheduler hears it.
    pub fn new() -> (Settle, tokio::sync::mpsc::UnboundedReceiver<Settled>) {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        (Settle(tx), rx)
    }

    /// Says that `id`'s repair has done what the repairs waiting for it need; returns once the
    /// scheduler has started them (their first requests sent), so that what this repair still
    /// sends queues behind theirs at the instance's API slots rather than before them.
    pub async fn settled(&self, id: StepId) {
        let (ack, started) = tokio::sync::oneshot::channel();
        if self.0.send((id, ack)).is_ok() {
            let _ = started.await;
        }
    }
}

/// What became of one failing step.
pub enum Repair {
    /// Repaired; the summary says how.
    Fixed(String),
    /// Nothing can be done without more input; the text says what to give.
    Needs(String),
    /// The repair failed.
    Failed(Error),
}

impl From<Result<String, Error>> for Repair {
    fn from(result: Result<String, Error>) -> Self {
        match result {
            Ok(how) => Repair::Fixed(how),
            Err(e) => Repair::Failed(e),
        }
    }
}
