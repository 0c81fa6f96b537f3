//! One plugin's activation through the CI/CD API (`POST /api/sn_cicd/plugin/{id}/activate`),
//! and the polling of a CI/CD progress record with backoff until it ends or the deadline comes.

use std::collections::BTreeMap;
use std::time::Duration;

use super::claim::{Claimed, Seen};
use super::{manual_path, write_failed, ActivationOutcome, Kind, PluginDef, Watcher};
use crate::error::{Error, ErrorKind};
use crate::servicenow::cicd::{CicdStatus, Progress};
use crate::servicenow::{ApiError, Client};
use crate::state::StateFile;
use crate::steps::backoff::Backoff;
use crate::steps::change::{may_have_landed, Change};

/// What `plugins --activate` (and `check --fix`) needs to know.
#[derive(Debug, Clone, Copy)]
pub struct ActivateOptions {
    /// When to stop watching.
    pub deadline: Duration,
    pub backoff: Backoff,
}

/// What the starts of one run's activations share: the first look at the claims ([`Seen`]),
/// and when the first of them was answered: the polls' first wait runs from it, so that
/// writing the progress id into the claim, which follows the answer, costs no time of its own.
#[derive(Debug, Default)]
pub(super) struct Starts {
    pub(super) seen: Seen,
    answered: std::sync::OnceLock<tokio::time::Instant>,
}

impl Starts {
    pub(super) fn new(seen: Seen) -> Self {
        Starts {
            seen,
            answered: std::sync::OnceLock::new(),
        }
    }

    /// Notes that an activation (or the batch) was answered now (the first one counts).
    pub(super) fn answered(&self) {
        let _ = self.answered.set(tokio::time::Instant::now());
    }

    /// When the polls' first wait starts: the first answer, or now when none came.
    pub(super) fn since(&self) -> tokio::time::Instant {
        self.answered
            .get()
            .copied()
            .unwrap_or_else(tokio::time::Instant::now)
    }
}

/// Starts the activation of plugin `def` (or finds the one an earlier run started): journalled
/// before it is sent, its progress id kept in the state file once it is known. `starts`: the
/// claims read before (see [`super::claim::seen`]), and where the answer's time is noted.
pub(super) async fn start_plugin(
    client: &Client,
    def: PluginDef,
    saved: &BTreeMap<String, String>,
    starts: &Starts,
    state: Option<&StateFile>,
    watcher: &dyn Watcher,
) -> Result<(PluginDef, Option<ActivationOutcome>, Option<String>), Error> {
    // An earlier run's activation: still going, it is watched again; ended well (the
    // progress can say Successful before `v_plugin` says active), it counts as done. One that
    // failed, or that the instance no longer knows, is started again.
    if let Some(id) = saved.get(def.id) {
        if let Some(earlier) = resume(client, def, id, watcher).await {
            return Ok(earlier);
        }
    }
    // Another machine's run may be starting it at this moment (`claim`).
    let claimed = super::claim::claim(client, def.id, &starts.seen).await?;
    match &claimed {
        Claimed::Theirs(id) => {
            if let Some(theirs) = resume(client, def, id, watcher).await {
                return Ok(theirs);
            }
        }
        Claimed::Over => return Ok((def, Some(ActivationOutcome::AlreadyActive), None)),
        Claimed::Ours(_) | Claimed::Unavailable => {}
    }
    let sent = send_journalled(
        client,
        def.id,
        &[def],
        state,
        client.activate_plugin(def.id),
        |p| p.progress_id.clone(),
    )
    .await?;
    starts.answered();
    if let Claimed::Ours(row) = &claimed {
        match sent.as_ref().ok().and_then(|p| p.progress_id.clone()) {
            Some(id) => super::claim::record(client, row, &id).await?,
            // Refused for sure: free the claim. Answered without an id, or the answer lost:
            // the activation may be running, so the claim stays (another run frees it once
            // it is stale).
            None if sent.as_ref().is_err_and(|e| !may_have_landed(e)) => {
                super::claim::release(client, def.id, row).await?;
            }
            None => {}
        }
    }
    watcher.started(&def, false);
    let (outcome, progress_id) = first_answer(&def, sent, watcher);
    if let Some(outcome) = &outcome {
        watcher.finished(&def, outcome);
    }
    Ok((def, outcome, progress_id))
}

/// An activation started before (by an earlier run, or another machine's), by its progress
/// id: still going, it is watched; ended well, it counts as activated; failed or unknown to
/// the instance, `None`.
async fn resume(
    client: &Client,
    def: PluginDef,
    id: &str,
    watcher: &dyn Watcher,
) -> Option<(PluginDef, Option<ActivationOutcome>, Option<String>)> {
    match client.cicd_progress(id).await {
        Ok(p) if !p.status.is_final() => {
            watcher.started(&def, true);
            Some((def, None, Some(id.to_string())))
        }
        Ok(p) if p.status == CicdStatus::Successful => {
            watcher.started(&def, true);
            watcher.progress(&def, &p);
            watcher.finished(&def, &ActivationOutcome::Activated);
            Some((def, Some(ActivationOutcome::Activated), None))
        }
        _ => None,
    }
}

/// The change an activation of `record` (a plugin's id, or a Store batch's name) makes: a
/// CI/CD request started.
pub fn activation(record: &str) -> Change {
    let mut change = Change::update("sn_cicd", "", record, "activation", "inactive", "started");
    change.action = Some(crate::journal::change::Action::Insert);
    change
}

/// The change the Store batch install named `record` makes: a CI/CD request started.
pub(super) fn install(record: &str) -> Change {
    let mut change = activation(record);
    change.field = "install".into();
    change
}

/// Sends a CI/CD request that starts work on the instance (`record` names it in the
/// journal): journalled before it goes out, a signal waiting for its answer, and the
/// progress key that `key` finds in the answer kept in the state file under the id of each
/// of `defs` before the run can end, so that a later run watches it instead of starting it
/// twice.
pub(super) async fn send_journalled<T>(
    client: &Client,
    record: &str,
    defs: &[PluginDef],
    state: Option<&StateFile>,
    request: impl std::future::Future<Output = Result<T, ApiError>>,
    key: impl FnOnce(&T) -> Option<String>,
) -> Result<Result<T, ApiError>, Error> {
    let guard = crate::journal::enter().await;
    // A batch of Store applications is an install; a plugin's, an activation.
    let journalled = if defs.iter().all(|d| d.kind == Kind::StoreApp) {
        install(record)
    } else {
        activation(record)
    };
    // No journal, no write: the request is not sent when its record cannot be saved.
    let entry = crate::journal::sent(client, &journalled, None)?;
    let sent = request.await;
    let key = sent.as_ref().ok().and_then(key);
    let mark = match &sent {
        Ok(_) => crate::journal::Mark::Done,
        Err(e) if may_have_landed(e) => crate::journal::Mark::Sent,
        Err(_) => crate::journal::Mark::Planned,
    };
    crate::journal::mark(client, entry, mark, key.as_deref(), None);
    if let (Some(file), Some(key)) = (state, &key) {
        file.update(|st| {
            for def in defs {
                st.activations.insert(def.id.to_string(), key.clone());
            }
        })?;
    }
    drop(guard);
    Ok(sent)
}

/// What the answer to an activation request means: the outcome when it is already over, or
/// the progress id to watch.
fn first_answer(
    def: &PluginDef,
    sent: Result<Progress, ApiError>,
    watcher: &dyn Watcher,
) -> (Option<ActivationOutcome>, Option<String>) {
    match sent {
        Err(e) => (Some(refused(def, &e)), None),
        Ok(p) => {
            watcher.progress(def, &p);
            match (&p.status, p.progress_id.clone()) {
                (CicdStatus::Successful, _) => (Some(ActivationOutcome::Activated), None),
                (status, _) if status.is_final() => (Some(failed(def, &p)), None),
                (_, Some(id)) => (None, Some(id)),
                (_, None) => (
                    Some(write_failed(
                        def,
                        "the instance accepted the request but gave no progress id to follow",
                    )),
                    None,
                ),
            }
        }
    }
}

/// Activates one plugin and watches its progress until it ends or the deadline comes
/// (`check --deep --fix` for Agent Chat): journalled and resumed like the five's
/// ([`start_plugin`]); its progress id stays in `state` only while it is still going.
pub async fn activate_one(
    client: &Client,
    def: &PluginDef,
    opts: &ActivateOptions,
    state: Option<&StateFile>,
    watcher: &dyn Watcher,
) -> Result<ActivationOutcome, Error> {
    let deadline = tokio::time::Instant::now() + opts.deadline;
    let saved = match state {
        Some(file) => file.load()?.activations,
        None => BTreeMap::new(),
    };
    let starts = Starts::default();
    let outcome = match start_plugin(client, *def, &saved, &starts, state, watcher).await? {
        (_, Some(outcome), _) => outcome,
        (_, None, Some(id)) => {
            let since = starts.since();
            let outcome = poll(client, def, &id, opts.backoff, (since, deadline), watcher).await;
            watcher.finished(def, &outcome);
            outcome
        }
        (_, None, None) => ActivationOutcome::AlreadyActive,
    };
    let over = !matches!(outcome, ActivationOutcome::TimedOut { .. });
    if let Some(file) = state.filter(|_| over) {
        if file.load()?.activations.contains_key(def.id) {
            file.update(|st| {
                st.activations.remove(def.id);
            })?;
        }
    }
    Ok(outcome)
}

/// Polls one plugin's progress record until it ends or the deadline comes; the first wait
/// runs from `since` (see [`watch`]).
pub(super) async fn poll(
    client: &Client,
    def: &PluginDef,
    progress_id: &str,
    backoff: Backoff,
    (since, deadline): (tokio::time::Instant, tokio::time::Instant),
    watcher: &dyn Watcher,
) -> ActivationOutcome {
    match watch(
        client,
        std::slice::from_ref(def),
        progress_id,
        backoff,
        (since, deadline),
        watcher,
    )
    .await
    {
        Watched::Ended(p) if p.status == CicdStatus::Successful => ActivationOutcome::Activated,
        Watched::Ended(p) => failed(def, &p),
        Watched::Refused(e) => refused(def, &e),
        Watched::TimedOut(last) => ActivationOutcome::TimedOut {
            progress_id: progress_id.to_string(),
            last,
        },
    }
}

/// How watching a progress record ended.
pub(super) enum Watched {
    /// The operation ended (successfully or not).
    Ended(Progress),
    /// The instance refused to tell (401, 403, 404, 405).
    Refused(ApiError),
    /// The deadline came; the last state seen, in words.
    TimedOut(String),
}

/// Polls one progress record (of one activation, or of a batch for all of `defs`) until it
/// ends or the deadline comes; the first wait runs from `since` (the activation's answer).
pub(super) async fn watch(
    client: &Client,
    defs: &[PluginDef],
    progress_id: &str,
    backoff: Backoff,
    (mut since, deadline): (tokio::time::Instant, tokio::time::Instant),
    watcher: &dyn Watcher,
) -> Watched {
    let mut last = "pending".to_string();
    // Each interval runs from one poll's start to the next's (the first from the
    // activation's answer: what was done since, writing its progress id into the claim, is
    // part of the wait): the time an answer takes is part of the wait, not added to it.
    for n in 0.. {
        if tokio::time::Instant::now() >= deadline {
            break;
        }
        tokio::time::sleep_until((since + backoff.delay(n)).min(deadline)).await;
        if tokio::time::Instant::now() >= deadline {
            break;
        }
        since = tokio::time::Instant::now();
        match client.cicd_progress(progress_id).await {
            Ok(p) => {
                for def in defs {
                    watcher.progress(def, &p);
                }
                last = p.short();
                if p.status.is_final() {
                    return Watched::Ended(p);
                }
            }
            Err(e)
                if matches!(
                    e,
                    ApiError::Status {
                        status: 401 | 403 | 404 | 405,
                        ..
                    }
                ) =>
            {
                return Watched::Refused(e)
            }
            // A dropped connection or a server error: the activation goes on; ask again.
            Err(e) => last = format!("could not read its progress: {e}"),
        }
    }
    Watched::TimedOut(last)
}

/// A CI/CD request the instance refused, in plain words.
pub(super) fn refused(def: &PluginDef, e: &ApiError) -> ActivationOutcome {
    let (status, says) = match e {
        ApiError::Status {
            status, message, ..
        } => (*status, message.clone()),
        other => return write_failed(def, other),
    };
    let words = crate::servicenow::cicd::http_words(status);
    let says = says.map(|m| format!(" ({m})")).unwrap_or_default();
    let kind = if matches!(status, 401 | 403) {
        ErrorKind::Auth
    } else {
        ErrorKind::WriteFailed
    };
    let what = match def.kind {
        Kind::Plugin => "activate",
        Kind::StoreApp => "install",
    };
    ActivationOutcome::Failed {
        why: format!(
            "the instance refused to {what} it: {status}, {words}{says}; {}",
            manual_path(def)
        ),
        kind,
    }
}

/// A CI/CD operation that ended without success.
pub(super) fn failed(def: &PluginDef, p: &Progress) -> ActivationOutcome {
    write_failed(def, p.words())
}
