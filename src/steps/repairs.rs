//! What `check --fix` (and its plan) repairs, and in what order: the failing steps of a
//! check, and their repairs run as soon as nothing that can change their inputs is unfinished.

use crate::error::Result;
use crate::servicenow::Client;
use crate::steps::engine::{self, CheckReport};
use crate::steps::kore_side::KoreSide;
use crate::steps::row::{Repair, Repairing, Settle};
use crate::steps::{Context, Status, StepId};

/// The steps `check --fix` repairs: those that fail and, with them, the bot's side when all it
/// lacks is a publish (what an earlier run that failed after writing the integration leaves):
/// its fix is the same `kore connect --publish`, which publishes, or says what it needs to.
pub fn needs_repair(first: &CheckReport) -> Vec<StepId> {
    let unpublished = |s: &&crate::steps::StepReport| {
        s.id == crate::steps::kore_side::ID
            && s.status == Status::Warn
            && s.details.get("requires_publish") == Some(&serde_json::Value::Bool(true))
    };
    first
        .steps
        .iter()
        .filter(|s| s.status == Status::Fail || unpublished(s))
        .map(|s| s.id)
        .collect()
}

/// The failing steps of `first` ([`needs_repair`]), and the Kore.ai side with what `kore
/// connect` would push when its step is one of them.
pub async fn to_repair(
    client: &Client,
    first: &CheckReport,
    kore: Option<KoreSide>,
) -> Result<(Vec<StepId>, Option<KoreSide>)> {
    let failing = needs_repair(first);
    let kore = match kore {
        Some(side) if failing.iter().any(|id| engine::needs_kore(*id)) => {
            Some(crate::steps::kore_side::with_plan(client, side).await?)
        }
        other => other,
    };
    Ok((failing, kore))
}

/// Repairs `failing` (in table order) and returns each repair in that order. A step starts as
/// soon as every failing step whose repair can change its inputs (the rows' `affects`) has
/// ended, or said that it has done what they need (`row::Settle`: the plugins' activations are
/// over, their read-back still out): the plugins before the group's roles, its members and the
/// webhook, the roles and the members (together) before the agent's presence, the webhook
/// before the 4.1+ reply connection; the others run at once beside them. A waiting step's
/// first reads that the steps it waits for cannot change (`Step::prefetch`) are made as soon
/// as the others are over: the agent's presence is read while the group is repaired.
pub async fn repair_all(
    ctx: &Context,
    failing: &[StepId],
    env: &Repairing<'_>,
) -> Vec<(StepId, Repair)> {
    use futures_util::stream::{FuturesUnordered, StreamExt};
    let (settle, mut settled) = Settle::new();
    let env = &Repairing {
        deadline: env.deadline,
        state: env.state,
        printer: env.printer,
        settled: Some(settle),
    };
    let mut waiting: Vec<StepId> = failing.to_vec();
    // The steps whose repair ended, or said it has done what the waiting ones need.
    let mut over: Vec<StepId> = Vec::new();
    let mut running = FuturesUnordered::new();
    // The reads made ahead for waiting repairs (`Step::prefetch`), and whose were started.
    let mut ahead = FuturesUnordered::new();
    let mut prefetched: Vec<StepId> = Vec::new();
    // The repairs that settled: answered once what waited for them has sent its first requests.
    let mut acks: Vec<tokio::sync::oneshot::Sender<()>> = Vec::new();
    let mut done = Vec::new();
    loop {
        // Whether a failing step not yet over, other than those `despite`, affects `id`.
        let waits = |id: &StepId, despite: &[StepId]| {
            failing.iter().any(|by| {
                by != id && !over.contains(by) && !despite.contains(by) && engine::affects(*by, *id)
            })
        };
        // Start what nothing unfinished affects (in a cycle, the first waiting step).
        let blocked = |id: &StepId, waiting: &[StepId]| {
            waits(id, &[]) && !(running.is_empty() && waiting.first() == Some(id))
        };
        let (ready, still): (Vec<StepId>, Vec<StepId>) =
            waiting.iter().partition(|id| !blocked(id, &waiting));
        waiting = still;
        for id in ready {
            running.push(async move { (id, engine::repair(ctx, id, env).await) });
        }
        for id in &waiting {
            let Some(prefetch) = engine::step(*id).and_then(|row| row.prefetch.as_ref()) else {
                continue;
            };
            if !waits(id, prefetch.despite) && !prefetched.contains(id) {
                prefetched.push(*id);
                ahead.push((prefetch.reads)(ctx));
            }
        }
        // What was just started goes first (its first requests leave before the settled
        // repairs' next ones, and before the reads made ahead); then the settled repairs are
        // answered.
        let answer = !acks.is_empty();
        tokio::select! {
            biased;
            next = running.next() => match next {
                Some((id, repair)) => {
                    over.push(id);
                    done.push((id, repair));
                }
                None if waiting.is_empty() => break,
                None => {}
            },
            Some((id, ack)) = settled.recv() => {
                over.push(id);
                acks.push(ack);
            }
            Some(()) = ahead.next() => {}
            () = std::future::ready(()), if answer => {
                for ack in acks.drain(..) {
                    let _ = ack.send(());
                }
            }
        }
    }
    done.sort_by_key(|(id, _)| failing.iter().position(|f| f == id));
    done
}
