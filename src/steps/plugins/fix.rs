//! `plugins --activate` and `check --fix` for step 3: every inactive one of the five started at
//! once, watched until it ends or the deadline comes, read back, and judged.

use super::activate::Starts;
use super::activate::Watched;
use super::activate::{poll, start_plugin, ActivateOptions};
use super::batch::{batch_outcomes, start_batch, watch_batch, Batch, BatchIds};
use super::claim::Seen;
use super::{
    read, states, write_failed, ActivationOutcome, Kind, PluginDef, PluginState, Rows, Watcher,
    PLUGINS,
};
use crate::error::{Error, ErrorKind};
use crate::servicenow::Client;
use crate::state::StateFile;
use crate::steps::backoff::Backoff;
use crate::steps::row::{Repair, Repairing, Settle};
use crate::steps::{and_list, Context};
use crate::ui::progress::ActivationView;

/// One of the five after `--activate`.
#[derive(Debug, Clone)]
pub struct Activation {
    /// Its state read back afterwards.
    pub state: PluginState,
    pub outcome: ActivationOutcome,
}

/// Activates the inactive ones of the five: plugins through `POST
/// /api/sn_cicd/plugin/{id}/activate`, one each, and the Store applications together in one
/// `POST /api/sn_cicd/app/batch/install` (see [`Client::batch_install`]). An activation still
/// running from an earlier run (its progress id is in `state`) is watched again instead of
/// being started twice. Each progress record is polled with backoff until it ends or the
/// deadline comes; a batch's results then say how each application ended. Then all five are
/// read back. `checked`: the five's rows as the check just before read them (`check --fix`),
/// so that the activations start without reading them again.
pub async fn fix(
    client: &Client,
    opts: &ActivateOptions,
    checked: Option<Rows>,
    state: Option<&StateFile>,
    watcher: &dyn Watcher,
) -> Result<Vec<Activation>, Error> {
    let deadline = tokio::time::Instant::now() + opts.deadline;
    let (outcomes, batch, starts) = start_all(client, checked, state, watcher).await?;
    let times = (starts.since(), deadline);
    let polls = outcomes.iter().map(|(def, outcome, id)| async move {
        match (outcome, id) {
            (Some(outcome), _) => Some(outcome.clone()),
            // Batch members are watched together below.
            (None, Some(_)) if def.kind == Kind::StoreApp => None,
            (None, Some(id)) => {
                let outcome = poll(client, def, id, opts.backoff, times, watcher).await;
                watcher.finished(def, &outcome);
                Some(outcome)
            }
            (None, None) => Some(ActivationOutcome::AlreadyActive),
        }
    });
    let (ended, batch_end) = tokio::join!(
        futures_util::future::join_all(polls),
        watch_batch(client, &batch, opts.backoff, times, watcher),
    );
    watcher.watched().await;
    let over = over_claims(&outcomes, &ended, &batch_end);
    // The batch's results, the claims' deletes and the five read back: none depends on
    // another, so they go together.
    let (batch_ended, cleared, after) = tokio::join!(
        batch_outcomes(client, &batch, batch_end, watcher),
        super::claim::clear(client, &over),
        read(client)
    );
    cleared?;
    let ended = ended_outcomes(&outcomes, ended, &batch_ended);
    if let Some(file) = state {
        forget_over(file, &outcomes, &ended)?;
    }
    Ok(judged(after?, &outcomes, &ended))
}

/// One of the five as its start left it: decided already (`Some` outcome), or running under
/// a progress id (a batch member's: the batch's key), or neither (active already).
type Started = (PluginDef, Option<ActivationOutcome>, Option<String>);

/// Reads the five (unless the check just did: `checked`) and starts every inactive one at
/// once: the plugins' one POST each, and the Store batch. Decides how each one starts (see
/// [`Started`]); the batch comes back beside, and when the first activation answered.
async fn start_all(
    client: &Client,
    checked: Option<Rows>,
    state: Option<&StateFile>,
    watcher: &dyn Watcher,
) -> Result<(Vec<Started>, Batch, Starts), Error> {
    let (before, starts) = match checked {
        // The check just read them: the claims are inserted without a first look.
        Some(rows) => (states(&rows), Starts::new(Seen::skipped())),
        // The claims are read beside the plugins and the Store entitlement: no round of
        // their own.
        None => {
            let (before, seen) = tokio::join!(read(client), super::claim::seen(client));
            (before?, Starts::new(seen))
        }
    };
    let saved = match state {
        Some(file) => file.load()?.activations,
        None => Default::default(),
    };
    let todo: Vec<&PluginState> = before.iter().filter(|s| !s.active).collect();
    let mut outcomes: Vec<Started> = Vec::new();
    let apps: Vec<PluginDef> = todo
        .iter()
        .filter(|s| s.def.kind == Kind::StoreApp)
        .map(|s| s.def)
        .collect();
    // Every activation at once: the plugins' one POST each, and the Store batch.
    let plugin_starts = todo
        .iter()
        .filter(|s| s.def.kind == Kind::Plugin)
        .map(|s| start_plugin(client, s.def, &saved, &starts, state, watcher));
    let (started, batch) = tokio::join!(
        futures_util::future::join_all(plugin_starts),
        start_batch(client, &apps, &saved, &starts, state, watcher),
    );
    let batch = batch?;
    for started in started {
        outcomes.push(started?);
    }
    for (def, outcome) in &batch.decided {
        outcomes.push((*def, Some(outcome.clone()), None));
    }
    let batch_key = batch.running.as_ref().map(BatchIds::key);
    for (def, _) in &batch.members {
        outcomes.push((*def, None, batch_key.clone()));
    }
    Ok((outcomes, batch, starts))
}

/// Decides which claims go: those of the activations that are over (started here, or
/// watched; `ended`, `None` for a batch member), and the batch's once its progress says so
/// (`batch_end`), before its results are read.
fn over_claims(
    outcomes: &[Started],
    ended: &[Option<ActivationOutcome>],
    batch_end: &Option<Watched>,
) -> Vec<&'static str> {
    let batch_over = !matches!(batch_end, Some(Watched::TimedOut(_)));
    let mut over: Vec<&str> = outcomes
        .iter()
        .zip(ended)
        .filter(|(_, o)| match o {
            Some(o) => !matches!(o, ActivationOutcome::TimedOut { .. }),
            None => batch_over,
        })
        .map(|((def, _, _), _)| match def.kind {
            Kind::Plugin => def.id,
            Kind::StoreApp => super::claim::BATCH,
        })
        .collect();
    over.sort_unstable();
    over.dedup();
    over
}

/// How each one ended: its own watch's outcome (`ended`), or for a batch member the batch's
/// results (`batch_ended`); active already when neither says.
fn ended_outcomes(
    outcomes: &[Started],
    ended: Vec<Option<ActivationOutcome>>,
    batch_ended: &[(PluginDef, ActivationOutcome)],
) -> Vec<ActivationOutcome> {
    outcomes
        .iter()
        .zip(ended)
        .map(|((def, _, _), o)| {
            o.or_else(|| {
                batch_ended
                    .iter()
                    .find(|(d, _)| d.id == def.id)
                    .map(|(_, o)| o.clone())
            })
            .unwrap_or(ActivationOutcome::AlreadyActive)
        })
        .collect()
}

/// Decides which of the five's activations the state file keeps: only those still running;
/// the others are over, one way or another (Agent Chat's is `check --deep --fix`'s to keep).
/// The file is written only when one goes.
fn forget_over(
    file: &StateFile,
    outcomes: &[Started],
    ended: &[ActivationOutcome],
) -> Result<(), Error> {
    let running: Vec<&str> = outcomes
        .iter()
        .zip(ended)
        .filter(|(_, o)| matches!(o, ActivationOutcome::TimedOut { .. }))
        .map(|((def, _, _), _)| def.id)
        .collect();
    let over = |k: &str| !running.contains(&k) && PLUGINS.iter().any(|p| p.id == k);
    if file.load()?.activations.keys().any(|k| over(k)) {
        file.update(|st| st.activations.retain(|k, _| !over(k)))?;
    }
    Ok(())
}

/// Judges each of the five as read back (`after`) with how its activation ended: a success
/// the instance still reads as inactive is a failed write.
fn judged(
    after: Vec<PluginState>,
    outcomes: &[Started],
    ended: &[ActivationOutcome],
) -> Vec<Activation> {
    after
        .into_iter()
        .map(|state| {
            let outcome = outcomes
                .iter()
                .zip(ended)
                .find(|((def, _, _), _)| def.id == state.def.id)
                .map(|(_, o)| o.clone())
                .unwrap_or(ActivationOutcome::AlreadyActive);
            let outcome = match outcome {
                ActivationOutcome::Activated if !state.active => write_failed(
                    &state.def,
                    format!(
                        "the instance reported success, but {} still reads as inactive",
                        state.def.name
                    ),
                ),
                other => other,
            };
            Activation { state, outcome }
        })
        .collect()
}

/// The error for activations that did not all end well, or `None` when all five are active.
pub fn verdict(activations: &[Activation], resume: &str) -> Option<Error> {
    let timed_out: Vec<String> = activations
        .iter()
        .filter_map(|a| match &a.outcome {
            ActivationOutcome::TimedOut { last, .. } => {
                Some(format!("{} ({last})", a.state.def.name))
            }
            _ => None,
        })
        .collect();
    let failed: Vec<(String, ErrorKind)> = activations
        .iter()
        .filter_map(|a| match &a.outcome {
            ActivationOutcome::Failed { why, kind } => {
                Some((format!("{}: {why}", a.state.def.name), *kind))
            }
            _ => None,
        })
        .collect();
    let inactive = activations.iter().filter(|a| !a.state.active).count();
    if inactive == 0 && failed.is_empty() && timed_out.is_empty() {
        return None;
    }
    let activated: Vec<&str> = activations
        .iter()
        .filter(|a| a.outcome == ActivationOutcome::Activated)
        .map(|a| a.state.def.name)
        .collect();
    let mut parts = Vec::new();
    parts.extend(failed.iter().map(|(f, _)| f.clone()));
    if !timed_out.is_empty() {
        parts.push(format!(
            "stopped watching at the deadline; still going on on the instance: {}",
            timed_out.join(", ")
        ));
    }
    if parts.is_empty() {
        parts.push(format!("{inactive} still inactive"));
    }
    let changed = if activated.is_empty() {
        "Nothing was activated.".to_string()
    } else {
        format!("Activated: {}.", and_list(&activated))
    };
    let only_refused = activated.is_empty()
        && timed_out.is_empty()
        && !failed.is_empty()
        && failed.iter().all(|(_, k)| *k == ErrorKind::Auth);
    let kind = if only_refused {
        ErrorKind::Auth
    } else {
        ErrorKind::WriteFailed
    };
    let err = Error::new(kind, format!("{}. {changed}", parts.join("; ")));
    Some(if timed_out.is_empty() {
        err
    } else {
        err.with_hint(format!(
            "resume watching with: {resume} (pending ones wait in System Diagnostics → Application Operation Queue)"
        ))
    })
}

/// Activates the inactive ones with a progress bar each, watched until the deadline.
pub(super) async fn repair(ctx: &Context, env: &Repairing<'_>) -> Repair {
    let opts = ActivateOptions {
        deadline: env.deadline,
        backoff: Backoff::from_env(),
    };
    if crate::journal::dry_run(&ctx.client) {
        return plan(&ctx.client).await;
    }
    let view = ActivationView::new(env.printer);
    let watcher = Settling {
        view: &view,
        settle: env.settled.as_ref(),
    };
    let checked = ctx.checked_plugin_rows();
    let activations = match fix(&ctx.client, &opts, checked, env.state, &watcher).await {
        Ok(activations) => activations,
        Err(e) => return Repair::Failed(e),
    };
    let invocation = &ctx.opts.invocation;
    let resume = format!(
        "{} (or {})",
        invocation.command("check --fix"),
        invocation.command("plugins --activate")
    );
    match verdict(&activations, &resume) {
        Some(e) => Repair::Failed(e),
        None => Repair::Fixed(format!(
            "activated {}",
            activations
                .iter()
                .filter(|a| a.outcome == ActivationOutcome::Activated)
                .count()
        )),
    }
}

/// The plugins' view, telling `check --fix`'s scheduler when every activation has been
/// watched to its end (the repairs waiting for the plugins start then, beside the read-back).
struct Settling<'a> {
    view: &'a ActivationView,
    settle: Option<&'a Settle>,
}

impl Watcher for Settling<'_> {
    fn started(&self, def: &PluginDef, resumed: bool) {
        Watcher::started(self.view, def, resumed);
    }

    fn progress(&self, def: &PluginDef, progress: &crate::servicenow::cicd::Progress) {
        Watcher::progress(self.view, def, progress);
    }

    fn finished(&self, def: &PluginDef, outcome: &ActivationOutcome) {
        Watcher::finished(self.view, def, outcome);
    }

    fn watched(&self) -> futures_util::future::BoxFuture<'_, ()> {
        Box::pin(async move {
            if let Some(settle) = self.settle {
                settle.settled(crate::steps::StepId::Plugins).await;
            }
        })
    }
}

/// The plan of [`repair`]: one CI/CD request per inactive plugin and one Store batch for the
/// inactive applications, recorded and not sent.
async fn plan(client: &Client) -> Repair {
    let states = match read(client).await {
        Ok(states) => states,
        Err(e) => return Repair::Failed(e.into()),
    };
    let todo: Vec<&PluginState> = states.iter().filter(|s| !s.active).collect();
    for s in todo.iter().filter(|s| s.def.kind == Kind::Plugin) {
        crate::journal::would(client, &super::activate::activation(s.def.id));
    }
    if todo.iter().any(|s| s.def.kind == Kind::StoreApp) {
        crate::journal::would(client, &super::activate::install(super::batch::BATCH_NAME));
    }
    Repair::Fixed(format!("would activate {}", todo.len()))
}
