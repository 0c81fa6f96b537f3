//! The step engine: the one table of steps ([`STEPS`]) that `check`, `check --fix`,
//! `--deep`, `init` and the report formats all iterate. A row ([`Step`]) says what the step is
//! called, why it matters, how to check it (and, for a step every other one needs, how to stop
//! the run when it fails), and how to repair it, if anything can.
//!
//! A check is one probe, then one round of reads: the gates run first, in table order (the
//! instance probe proves the instance and the credentials with one request, so a wrong password
//! costs one refused login, not ten); then every selected step's check runs at once. A gate
//! that fails stops the run: its reports stand and every later step is reported `skip` with
//! the gate's reason.
//!
//! Adding a step is one new file under `steps/` that defines its `STEP` (and, for a new id,
//! `StepId::new`), its `mod` line, and one row in [`STEPS`]; the `engine_runs_a_new_row` test
//! below adds one that way.

use std::time::Instant;

use futures_util::future::{join_all, Either};
use serde_json::{json, Value};

use super::deep::{
    account_linking, agent_chat, assignment_rule, capacity, chat_presence, live_agent_channel,
    provider, queue, reply_url, requester, routing,
};
pub use super::row::{Halt, Phase, Repair, Repairing, Step};
// The row's parts were the engine's; these paths stay for callers (new code imports
// `steps::row`, and `steps::error_name`).
pub use super::error_name;
pub use super::row::{CheckFn, FixFn, GateFn, StepFuture, DEEP_WHY};
use super::{
    agent_available, auth, group_members, group_roles, instance, kore_side, plugins, webhook,
    Context, Invocation, Status, StepId, StepReport,
};
use crate::error::{ErrorKind, ExitStatus};
use crate::servicenow::ApiError;

/// What recovery of an interrupted run asks of the steps (see [`crate::journal::Recovery`]):
/// the writes a step finishes itself, and which changes `--rollback` keeps.
pub static RECOVERY: crate::journal::Recovery = crate::journal::Recovery {
    finishers: &[&super::agent_available::PresenceFinisher],
    kept_for_rollback: super::webhook::is_webhook,
};

/// The table, in report order: the access steps, the guide's, the extra ones, the deep ones.
pub static STEPS: &[&Step] = &[
    &instance::STEP,
    &auth::STEP,
    &plugins::STEP,
    &group_roles::STEP,
    &group_members::STEP,
    &webhook::STEP,
    &agent_available::STEP,
    &kore_side::STEP,
    &agent_chat::STEP,
    &reply_url::STEP,
    &provider::STEP,
    &live_agent_channel::STEP,
    &queue::STEP,
    &routing::STEP,
    &assignment_rule::STEP,
    &chat_presence::STEP,
    &capacity::STEP,
    &account_linking::STEP,
    &requester::STEP,
];

/// The rows a check runs: all but the deep ones, or all with `deep`.
pub fn selected(deep: bool) -> Vec<&'static Step> {
    STEPS
        .iter()
        .copied()
        .filter(|s| deep || s.phase != Phase::Deep)
        .collect()
}

/// The steps `init` walks through, one page each, in table order.
pub fn offered_by_init() -> impl Iterator<Item = StepId> {
    STEPS.iter().filter(|s| s.init_offers).map(|s| s.id)
}

/// Whether the repair of `by` can change what `id` reads.
pub fn affects(by: StepId, id: StepId) -> bool {
    step(by).is_some_and(|row| row.affects.contains(&id))
}

/// Whether `id` is a step of the Kore.ai side.
pub fn needs_kore(id: StepId) -> bool {
    step(id).is_some_and(|row| row.needs_kore)
}

/// The steps `--skip` accepts: every step of the table but `instance` and `auth`, which
/// every other step needs (the command line offers them: `commands::command`).
pub fn skippable() -> Vec<StepId> {
    STEPS
        .iter()
        .filter(|s| s.phase != Phase::Access)
        .map(|s| s.id)
        .collect()
}

/// The row of `id`.
pub fn step(id: StepId) -> Option<&'static Step> {
    STEPS.iter().copied().find(|s| s.id == id)
}

/// The result of a whole check.
#[derive(Debug, Clone)]
pub struct CheckReport {
    /// The instance origin.
    pub instance: String,
    /// The release family, if read.
    pub release: Option<String>,
    /// One report per row, in table order.
    pub steps: Vec<StepReport>,
    /// How the run ends.
    pub exit: ExitStatus,
    /// Milliseconds spent.
    pub elapsed_ms: u128,
    /// Whether a gate stopped the run (nothing can be repaired before it passes).
    pub halted: bool,
}

impl CheckReport {
    /// True when no step fails.
    pub fn ok(&self) -> bool {
        !self.steps.iter().any(|s| s.status == Status::Fail)
    }

    /// The JSON document of docs/contract.md (docs/schema/check-report.schema.json).
    pub fn to_json(&self) -> Value {
        json!({
            "schema": 1,
            "instance": self.instance,
            "release": self.release,
            "ok": self.ok(),
            "steps": self.steps,
            "elapsed_ms": self.elapsed_ms as u64,
        })
    }
}

/// Checks every step of the table (the deep ones too with `deep`).
pub async fn check(ctx: Context, deep: bool) -> CheckReport {
    check_rows(&ctx, &selected(deep)).await
}

/// [`check`], leaving the context with what it read: `check --fix` hands the plugins' rows to
/// their repair, which then starts without reading them again.
pub async fn check_in(ctx: &Context, deep: bool) -> CheckReport {
    check_rows(ctx, &selected(deep)).await
}

/// Checks `rows`: the gates in order, then every check at once (on a warm context, every
/// check beside the gates).
pub async fn check_rows(ctx: &Context, rows: &[&Step]) -> CheckReport {
    let started = Instant::now();
    // A step of the Kore.ai side exists only with Kore.ai settings.
    let rows: Vec<&Step> = rows
        .iter()
        .copied()
        .filter(|row| !row.needs_kore || ctx.kore.is_some())
        .collect();
    let rows = rows.as_slice();
    let instance = ctx.client.instance().to_string();
    let gates = async {
        for row in rows {
            if let Some(gate) = row.gate {
                gate(ctx).await?;
            }
        }
        Ok::<(), Halt>(())
    };
    let reads = join_all(rows.iter().map(|row| run(ctx, row)));
    let stop = |halt: Halt| {
        let release = ctx.release();
        finish(
            &ctx.opts.invocation,
            instance.clone(),
            release,
            halt,
            rows,
            started,
        )
    };
    let results = if ctx.warm {
        // Warm: every read goes beside the probe (one round trip); a failed probe still
        // decides the run, and the reads still under way are dropped.
        let (gates, reads) = (std::pin::pin!(gates), std::pin::pin!(reads));
        match futures_util::future::select(gates, reads).await {
            Either::Left((Ok(()), reads)) => reads.await,
            Either::Left((Err(halt), _)) => return stop(halt),
            Either::Right((results, gates)) => match gates.await {
                Ok(()) => results,
                Err(halt) => return stop(halt),
            },
        }
    } else {
        if let Err(halt) = gates.await {
            return stop(halt);
        }
        reads.await
    };
    let user = ctx.client.user().to_string();
    let mut kind = ExitStatus::StepsFailed;
    let mut steps = Vec::with_capacity(rows.len());
    for result in results {
        match result {
            Ok(report) => steps.push(report),
            Err((id, e)) => {
                // A step that could not be read: the instance is unusable, or the reading
                // was refused; the worst outcome decides.
                kind = kind.worst(match crate::error::api_kind(&e) {
                    ErrorKind::Unusable => ExitStatus::Unusable,
                    _ => ExitStatus::Auth,
                });
                steps.push(error_report(id, &e, &user));
            }
        }
    }
    if let Some(raised) = ctx.raised() {
        kind = kind.worst(raised);
    }
    let halt = Halt {
        reports: steps,
        why: "",
        kind,
    };
    let release = ctx.release();
    finish(&ctx.opts.invocation, instance, release, halt, rows, started)
}

/// Checks again, after repairs, only what they may have changed: the steps repaired
/// (`touched`) and every step their repairs affect, directly or through another (the rows'
/// `affects`), every step that did not pass in `previous` (a step skipped or warning because
/// of another's state reads it again, as does one that could not be read), and the gates (the
/// probe). A step that passed and that no repair affects keeps its report from `previous`:
/// nothing this run did can change what it read. Exit 0 only when no step of the whole
/// report fails.
pub async fn recheck(
    ctx: &Context,
    previous: &CheckReport,
    deep: bool,
    touched: &[StepId],
) -> CheckReport {
    // What the repairs may have changed: `touched`, and what those affect, to the end.
    let mut changed: Vec<StepId> = touched.to_vec();
    let mut i = 0;
    while let Some(id) = changed.get(i).copied() {
        for next in step(id).map(|row| row.affects).unwrap_or_default() {
            if !changed.contains(next) {
                changed.push(*next);
            }
        }
        i += 1;
    }
    let again = |row: &Step| {
        row.phase == Phase::Access
            || changed.contains(&row.id)
            || previous
                .steps
                .iter()
                .any(|s| s.id == row.id && s.status != Status::Pass)
    };
    let all = selected(deep);
    let rows: Vec<&Step> = all.iter().copied().filter(|row| again(row)).collect();
    let last = check_rows(ctx, &rows).await;
    let halted_why = last
        .steps
        .iter()
        .find(|s| last.halted && s.status == Status::Skip)
        .map(|s| s.summary.clone());
    let steps: Vec<StepReport> = previous
        .steps
        .iter()
        .map(|before| {
            match last.steps.iter().find(|s| s.id == before.id) {
                Some(now) => now.clone(),
                // A gate stopped the run: what was not read again is skipped too.
                None => match &halted_why {
                    Some(why) => StepReport::skip(before.id, why.clone()),
                    None => before.clone(),
                },
            }
        })
        .collect();
    let failed = steps.iter().any(|s| s.status == Status::Fail);
    CheckReport {
        exit: match last.exit {
            _ if !failed => ExitStatus::Success,
            ExitStatus::Success => ExitStatus::StepsFailed,
            worse => worse,
        },
        steps,
        ..last
    }
}

/// Checks one step on its own (after the gates passed), as `init` reads a step before and
/// after its repair; a read that fails is a `fail` with the way on.
pub async fn check_one(ctx: &Context, id: StepId) -> StepReport {
    let Some(row) = step(id) else {
        return StepReport::skip(id, "not a step of this version");
    };
    match run(ctx, row).await {
        Ok(report) => report.under(&ctx.opts.invocation),
        Err((id, e)) => {
            let fix = e
                .hint()
                .unwrap_or_else(|| "run init again; if it keeps failing, run it with -v".into());
            StepReport::fail(id, format!("could not read: {e}"), json!({}), fix)
        }
    }
}

/// Runs one row unless it was skipped; an error keeps the step's id.
async fn run(ctx: &Context, row: &Step) -> Result<StepReport, (StepId, ApiError)> {
    if ctx.skipped(row.id) {
        return Ok(StepReport::skip(row.id, "skipped with --skip"));
    }
    (row.check)(ctx).await.map_err(|e| (row.id, e))
}

/// A step that could not be read.
fn error_report(id: StepId, e: &ApiError, user: &str) -> StepReport {
    let summary = if e.is_forbidden() {
        format!("{user} may not read what this step needs: {e}")
    } else {
        format!("could not read: {e}")
    };
    let fix = e
        .hint()
        .unwrap_or_else(|| "run the check again; if it keeps failing, run it with -v".into());
    StepReport::fail(id, summary, json!({"error": error_name(e)}), fix).with_read_error(e)
}

/// Puts the reports in table order, fills the rows without one with `skip` (`halt.why`), and
/// picks the exit status: `halt.kind` when a step failed, success otherwise.
fn finish(
    invocation: &Invocation,
    instance: String,
    release: Option<String>,
    halt: Halt,
    rows: &[&Step],
    started: Instant,
) -> CheckReport {
    let halted = !halt.why.is_empty();
    let mut reports = halt.reports;
    let steps: Vec<StepReport> = rows
        .iter()
        .map(|row| match reports.iter().position(|r| r.id == row.id) {
            Some(i) => reports.swap_remove(i),
            None => StepReport::skip(row.id, halt.why),
        })
        .map(|report| report.under(invocation))
        .collect();
    let failed = steps.iter().any(|s| s.status == Status::Fail);
    CheckReport {
        instance,
        release,
        steps,
        exit: if failed {
            halt.kind
        } else {
            ExitStatus::Success
        },
        elapsed_ms: started.elapsed().as_millis(),
        halted,
    }
}

/// Repairs one step with its row's fix.
pub async fn repair(ctx: &Context, id: StepId, env: &Repairing<'_>) -> Repair {
    match step(id).and_then(|row| row.fix) {
        Some(fix) => fix(ctx, env).await,
        // No API can do these (the message token is a secret for the bot, a queue's
        // eligibility needs an assignment rule someone chooses, the instance and the login
        // are the user's); the check printed the way by hand.
        None => Repair::Needs(
            "not repairable through the API: see the fix under it in the check above".into(),
        ),
    }
}

#[cfg(all(test, feature = "demo"))]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::servicenow::{Auth, Client, ClientConfig, InstanceUrl};
    use crate::sim::{SimOptions, Simulator};
    use crate::steps::StepOptions;

    /// A new step, as a new file would define it.
    mod example {
        use crate::steps::row::{Halt, Phase, Step};
        use crate::steps::{StepId, StepReport};

        pub(super) const ID: StepId = StepId::new("example");

        pub(super) static STEP: Step = Step {
            id: ID,
            phase: Phase::Extra,
            affects: &[],
            needs_kore: false,
            init_offers: false,
            why: "An example needs it.",
            gate: None,
            check: |ctx| {
                Box::pin(async move {
                    let release = ctx.probed().release.unwrap_or_default();
                    Ok(StepReport::pass(ID, release, serde_json::Value::Null))
                })
            },
            fix: None,
            prefetch: None,
        };

        /// A gate that stops everything after it.
        pub(super) static STOP: Step = Step {
            id: StepId::new("stop"),
            phase: Phase::Access,
            affects: &[],
            needs_kore: false,
            init_offers: false,
            why: "Nothing works without it.",
            gate: Some(|_| {
                Box::pin(async {
                    Err(Halt {
                        reports: vec![StepReport::fail(
                            StepId::new("stop"),
                            "stopped",
                            serde_json::Value::Null,
                            "start it",
                        )],
                        why: "stopped before it",
                        kind: crate::error::ExitStatus::Unusable,
                    })
                })
            }),
            check: |_| unreachable!("a failed gate stops the run"),
            fix: None,
            prefetch: None,
        };
    }

    async fn context(sim: &Simulator) -> Context {
        let client = Client::new(ClientConfig {
            instance: InstanceUrl::parse(&sim.url()).unwrap(),
            auth: Auth::Basic {
                user: sim.username().to_string(),
                password: sim.password().to_string().into(),
            },
            network: crate::servicenow::http::Network {
                timeout: Duration::from_secs(10),
                concurrency: 4,
                ..Default::default()
            },
        })
        .unwrap();
        Context::new(
            client,
            StepOptions {
                group: crate::settings::DEFAULT_GROUP.into(),
                agent: None,
                webhook_url: None,
                webhook_url_source: None,
                skip: Vec::new(),
                invocation: Default::default(),
                requester: None,
            },
        )
    }

    #[tokio::test]
    async fn engine_runs_a_new_row() {
        let sim = Simulator::start(SimOptions::default()).await.unwrap();
        let mut rows = selected(false);
        rows.push(&example::STEP);
        let report = check_rows(&context(&sim).await, &rows).await;
        let ids: Vec<&str> = report.steps.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids.len(), 8);
        assert_eq!(ids[7], "example");
        assert_eq!(report.steps[7].status, Status::Pass);
        // It read what the gate before it learnt.
        assert_eq!(report.steps[7].summary, report.release.unwrap());
    }

    #[tokio::test]
    async fn a_failed_gate_skips_every_later_step() {
        let sim = Simulator::start(SimOptions::default()).await.unwrap();
        let mut rows = vec![&example::STOP];
        rows.extend(selected(true));
        let report = check_rows(&context(&sim).await, &rows).await;
        assert!(report.halted);
        assert_eq!(report.steps[0].status, Status::Fail);
        // The stop row in, the `kore` row out (no Kore.ai settings).
        assert_eq!(report.steps.len(), STEPS.len());
        for s in &report.steps[1..] {
            assert_eq!(s.status, Status::Skip, "{}", s.id.as_str());
            assert_eq!(s.summary, "stopped before it");
        }
        assert_eq!(report.exit, ExitStatus::Unusable);
    }

    #[test]
    fn the_table_holds_each_id_once_in_phase_order() {
        let mut ids: Vec<&str> = STEPS.iter().map(|s| s.id.as_str()).collect();
        let phases: Vec<Phase> = STEPS.iter().map(|s| s.phase).collect();
        let rank = |p: &Phase| {
            [Phase::Access, Phase::Guide, Phase::Extra, Phase::Deep]
                .iter()
                .position(|q| q == p)
        };
        assert!(phases.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])));
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), STEPS.len());
    }
}
