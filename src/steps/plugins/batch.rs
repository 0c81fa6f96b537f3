//! The Store applications' install: all the missing ones together in one
//! `POST /api/sn_cicd/app/batch/install` (see [`Client::batch_install`]), watched as one
//! progress record, then its results say how each application ended.

use std::collections::BTreeMap;

use super::activate::Starts;
use super::activate::{failed, refused, send_journalled, watch, Watched};
use super::claim::Claimed;
use super::{write_failed, ActivationOutcome, PluginDef, Watcher};
use crate::error::Error;
use crate::servicenow::cicd::{BatchPackage, BatchResults, BatchStarted, CicdStatus, Progress};
use crate::servicenow::{field, ApiError, Client, Query, Row};
use crate::state::StateFile;
use crate::steps::backoff::Backoff;

/// The ids of a running batch install: its progress, and its results when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct BatchIds {
    progress: String,
    results: Option<String>,
}

impl BatchIds {
    /// How the state file keeps it: `progress/results` (sys_ids hold no `/`).
    pub(super) fn key(&self) -> String {
        match &self.results {
            Some(results) => format!("{}/{results}", self.progress),
            None => self.progress.clone(),
        }
    }

    fn parse(key: &str) -> BatchIds {
        match key.split_once('/') {
            Some((progress, results)) => BatchIds {
                progress: progress.to_string(),
                results: Some(results.to_string()).filter(|r| !r.is_empty()),
            },
            None => BatchIds {
                progress: key.to_string(),
                results: None,
            },
        }
    }
}

/// The Store applications' batch: those already decided (not entitled, refused), and those
/// being installed (with their `sys_remote_app` sys_id) under `running`.
#[derive(Debug, Default)]
pub(super) struct Batch {
    pub(super) decided: Vec<(PluginDef, ActivationOutcome)>,
    pub(super) members: Vec<(PluginDef, String)>,
    pub(super) running: Option<BatchIds>,
}

/// The name the batch install plan gets on the instance.
pub(super) const BATCH_NAME: &str = "sn-handoff: Store applications for the Kore.ai hand-off";

/// The `sys_remote_app` rows of the Store applications among the five: read beside the
/// batch's claim, so that the batch install leaves with the plugins' activations.
pub(super) async fn remote_apps(client: &Client) -> Result<Vec<Row>, ApiError> {
    let scopes = super::ids(super::Kind::StoreApp);
    client
        .list(
            "sys_remote_app",
            &Query::new().in_list("scope", &scopes),
            &["sys_id", "scope", "name", "latest_version"],
        )
        .await
}

/// Starts one batch install for the missing Store applications (or watches an earlier one
/// again): each needs its `sys_remote_app` row (see [`remote_apps`]), whose sys_id and
/// `latest_version` the batch asks for; without one the instance is not entitled to it (or
/// cannot reach the Store). The batch's claim is inserted while those rows are read (unless
/// an earlier run's batch may be watched again, which needs its members first), and freed
/// when nothing is entitled. The install is journalled before it is sent, and its ids kept in
/// `state` under each member as soon as it answers.
pub(super) async fn start_batch(
    client: &Client,
    apps: &[PluginDef],
    saved: &BTreeMap<String, String>,
    starts: &Starts,
    state: Option<&StateFile>,
    watcher: &dyn Watcher,
) -> Result<Batch, Error> {
    let mut batch = Batch::default();
    if apps.is_empty() {
        return Ok(batch);
    }
    let resuming = apps.iter().any(|def| saved.contains_key(def.id));
    let (remote, claimed) = if resuming {
        (remote_apps(client).await, None)
    } else {
        let (remote, claimed) = tokio::join!(
            remote_apps(client),
            super::claim::claim(client, super::claim::BATCH, &starts.seen)
        );
        (remote, Some(claimed?))
    };
    let packages = match remote {
        Ok(rows) => entitled(apps, &rows, &mut batch, watcher),
        Err(e) => {
            for def in apps {
                let outcome = refused(def, &e);
                watcher.finished(def, &outcome);
                batch.decided.push((*def, outcome));
            }
            Vec::new()
        }
    };
    if batch.members.is_empty() {
        if let Some(Claimed::Ours(row)) = &claimed {
            super::claim::release(client, super::claim::BATCH, row).await?;
        }
        return Ok(batch);
    }
    let claimed = match claimed {
        Some(claimed) => claimed,
        None => {
            if let Some(ids) = earlier_batch(client, &batch, saved).await {
                for (def, _) in &batch.members {
                    watcher.started(def, true);
                }
                batch.running = Some(ids);
                return Ok(batch);
            }
            super::claim::claim(client, super::claim::BATCH, &starts.seen).await?
        }
    };
    start_claimed(client, batch, &packages, (&claimed, starts), state, watcher).await
}

/// The batch once its claim is settled (`claimed`): another run's is watched, one that ended
/// is over, else this run sends it.
async fn start_claimed(
    client: &Client,
    mut batch: Batch,
    packages: &[BatchPackage],
    (claimed, starts): (&Claimed, &Starts),
    state: Option<&StateFile>,
    watcher: &dyn Watcher,
) -> Result<Batch, Error> {
    match claimed {
        Claimed::Theirs(key) => {
            for (def, _) in &batch.members {
                watcher.started(def, true);
            }
            batch.running = Some(BatchIds::parse(key));
            return Ok(batch);
        }
        Claimed::Over => {
            for (def, _) in std::mem::take(&mut batch.members) {
                batch.decided.push((def, ActivationOutcome::AlreadyActive));
            }
            return Ok(batch);
        }
        Claimed::Ours(_) | Claimed::Unavailable => {}
    }
    let sent = send_batch(client, &batch, packages, state, (claimed, starts)).await?;
    for (def, _) in &batch.members {
        watcher.started(def, false);
    }
    follow_answer(&mut batch, sent, watcher);
    Ok(batch)
}

/// Decides which of the missing Store applications go into the batch: those the instance
/// lists a `sys_remote_app` row for (`rows`) become its members, and their packages (the
/// row's sys_id and `latest_version`) are returned; the others are decided as failed there,
/// the instance not being entitled to them.
fn entitled(
    apps: &[PluginDef],
    rows: &[Row],
    batch: &mut Batch,
    watcher: &dyn Watcher,
) -> Vec<BatchPackage> {
    let mut packages = Vec::new();
    for def in apps {
        match rows.iter().find(|r| field(r, "scope") == def.id) {
            Some(row) => {
                batch.members.push((*def, field(row, "sys_id").to_string()));
                packages.push(BatchPackage {
                    id: field(row, "sys_id").to_string(),
                    requested_version: field(row, "latest_version").to_string(),
                    notes: format!("{} ({}), for the Kore.ai hand-off", def.name, def.id),
                });
            }
            None => {
                let outcome = ActivationOutcome::Failed {
                    why: format!(
                        "the instance lists no Store application {} (sys_remote_app): it is not entitled to it, or cannot reach the ServiceNow Store; request it on the Store, then {}",
                        def.id,
                        super::manual_path(def)
                    ),
                    kind: crate::error::ErrorKind::WriteFailed,
                };
                watcher.started(def, false);
                watcher.finished(def, &outcome);
                batch.decided.push((*def, outcome));
            }
        }
    }
    packages
}

/// Decides whether an earlier run's batch is to be watched again instead of sending a new
/// one: when all the members were saved (`saved`, the state file's) under the same batch,
/// and that batch is still going or ended well (an ended one answers at the first poll, and
/// its results say how each ended). Its ids, or `None`.
async fn earlier_batch(
    client: &Client,
    batch: &Batch,
    saved: &BTreeMap<String, String>,
) -> Option<BatchIds> {
    let keys: Vec<Option<&String>> = batch
        .members
        .iter()
        .map(|(def, _)| saved.get(def.id))
        .collect();
    let Some(Some(key)) = keys.first() else {
        return None;
    };
    if !keys.iter().all(|k| *k == Some(*key)) {
        return None;
    }
    let ids = BatchIds::parse(key);
    matches!(client.cicd_progress(&ids.progress).await,
        Ok(p) if !p.status.is_final() || p.status == CicdStatus::Successful)
    .then_some(ids)
}

/// The state file's key of a started batch (see [`BatchIds::key`]), `None` without a
/// progress id.
fn started_key(started: &BatchStarted) -> Option<String> {
    let progress = started.progress.progress_id.clone()?;
    let results = started.results_id.clone();
    Some(BatchIds { progress, results }.key())
}

/// Sends the batch install, journalled, and settles our claim (`claimed`) by its answer:
/// the claim records the batch's ids when it started (the answer's time noted in `starts`), and is freed only when the install
/// surely did not start (as for one plugin's activation); kept otherwise.
async fn send_batch(
    client: &Client,
    batch: &Batch,
    packages: &[BatchPackage],
    state: Option<&StateFile>,
    (claimed, starts): (&Claimed, &Starts),
) -> Result<Result<BatchStarted, ApiError>, Error> {
    let members: Vec<PluginDef> = batch.members.iter().map(|(def, _)| *def).collect();
    let sent = send_journalled(
        client,
        BATCH_NAME,
        &members,
        state,
        client.batch_install(BATCH_NAME, packages),
        started_key,
    )
    .await?;
    starts.answered();
    if let Claimed::Ours(row) = claimed {
        match sent.as_ref().ok().and_then(started_key) {
            Some(key) => super::claim::record(client, row, &key).await?,
            None if sent
                .as_ref()
                .is_err_and(|e| !crate::steps::change::may_have_landed(e)) =>
            {
                super::claim::release(client, super::claim::BATCH, row).await?;
            }
            None => {}
        }
    }
    Ok(sent)
}

/// Decides from the batch install's answer (`sent`) whether the batch is running (its ids
/// kept to watch) or each member is decided already: refused, or failed when the instance
/// gave no progress id to follow.
fn follow_answer(batch: &mut Batch, sent: Result<BatchStarted, ApiError>, watcher: &dyn Watcher) {
    match sent {
        Err(e) => {
            for (def, _) in std::mem::take(&mut batch.members) {
                let outcome = refused(&def, &e);
                watcher.finished(&def, &outcome);
                batch.decided.push((def, outcome));
            }
        }
        Ok(started) => {
            for (def, _) in &batch.members {
                watcher.progress(def, &started.progress);
            }
            match started.progress.progress_id.clone() {
                Some(progress) => {
                    batch.running = Some(BatchIds {
                        progress,
                        results: started.results_id,
                    })
                }
                None => {
                    for (def, _) in std::mem::take(&mut batch.members) {
                        let outcome = match &started.progress.status {
                            status if status.is_final() => failed(&def, &started.progress),
                            _ => write_failed(
                                &def,
                                "the instance accepted the batch install but gave no progress id to follow",
                            ),
                        };
                        watcher.finished(&def, &outcome);
                        batch.decided.push((def, outcome));
                    }
                }
            }
        }
    }
}

/// Watches a running batch until it ends or the deadline comes (`None`: no batch is running);
/// [`batch_outcomes`] then says how each application ended.
pub(super) async fn watch_batch(
    client: &Client,
    batch: &Batch,
    backoff: Backoff,
    times: (tokio::time::Instant, tokio::time::Instant),
    watcher: &dyn Watcher,
) -> Option<Watched> {
    let ids = batch.running.as_ref()?;
    let defs: Vec<PluginDef> = batch.members.iter().map(|(d, _)| *d).collect();
    Some(watch(client, &defs, &ids.progress, backoff, times, watcher).await)
}

/// How each application of a watched batch ended (`end`, from [`watch_batch`]): from its
/// results when it ended, which are read then (ServiceNow's `status_message` for a failed
/// one).
pub(super) async fn batch_outcomes(
    client: &Client,
    batch: &Batch,
    end: Option<Watched>,
    watcher: &dyn Watcher,
) -> Vec<(PluginDef, ActivationOutcome)> {
    let (Some(ids), Some(end)) = (&batch.running, end) else {
        return Vec::new();
    };
    let results = match (&end, &ids.results) {
        (Watched::Ended(_), Some(results)) => Some(client.batch_results(results).await),
        _ => None,
    };
    let outcomes: Vec<(PluginDef, ActivationOutcome)> = batch
        .members
        .iter()
        .map(|(def, remote_id)| {
            let outcome = match (&end, &results) {
                (Watched::Refused(e), _) => refused(def, e),
                (Watched::TimedOut(last), _) => ActivationOutcome::TimedOut {
                    progress_id: ids.key(),
                    last: last.clone(),
                },
                (Watched::Ended(p), Some(Ok(results))) => item_outcome(def, remote_id, p, results),
                (Watched::Ended(p), Some(Err(e))) => write_failed(
                    def,
                    format!(
                        "the batch ended ({}) but its results could not be read: {e}",
                        p.words()
                    ),
                ),
                (Watched::Ended(p), None) => match p.status {
                    CicdStatus::Successful => ActivationOutcome::Activated,
                    _ => failed(def, p),
                },
            };
            watcher.finished(def, &outcome);
            (*def, outcome)
        })
        .collect();
    outcomes
}

/// How one application of a batch ended, from the batch results.
fn item_outcome(
    def: &PluginDef,
    remote_id: &str,
    progress: &Progress,
    results: &BatchResults,
) -> ActivationOutcome {
    let Some(item) = results.items.iter().find(|i| i.id == remote_id) else {
        return write_failed(
            def,
            format!(
                "the batch ended ({}, plan {}) without a result for it",
                progress.words(),
                results.plan_state
            ),
        );
    };
    if item.installed() {
        return ActivationOutcome::Activated;
    }
    let says = if item.status_message.is_empty() {
        String::new()
    } else {
        format!(": {}", item.status_message)
    };
    write_failed(
        def,
        format!("the batch install left it {}{says}", item.state),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_ids_round_trip_through_the_state_file_key() {
        for ids in [
            BatchIds {
                progress: "p1".into(),
                results: Some("r1".into()),
            },
            BatchIds {
                progress: "p1".into(),
                results: None,
            },
        ] {
            assert_eq!(BatchIds::parse(&ids.key()), ids);
        }
        assert_eq!(BatchIds::parse("p1/").results, None);
    }
}
