//! One plugin's activation through the CI/CD API (`POST /api/sn_cicd/plugin/{id}/activate`),
//! and the polling of a CI/CD progress record with backoff until it ends or the deadline comes.

use std::collections::BTreeMap;
use std::time::Duration;

use super::{manual_path, write_failed, Kind, Outcome, PluginDef, Watcher};
use crate::error::{Error, ErrorKind};
use crate::servicenow::cicd::{CicdStatus, Progress};
use crate::servicenow::{ApiError, Client};
use crate::state::StateFile;
use crate::steps::change::{may_have_landed, Change};

/// How often the progress is polled: `base`, doubling up to `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub max: Duration,
}

impl Default for Backoff {
    /// 500 ms growing to 3 s: an activation's end is seen within 3 s.
    fn default() -> Self {
        Backoff {
            base: Duration::from_millis(500),
            max: Duration::from_secs(3),
        }
    }
}

impl Backoff {
    /// The default, or `SN_HANDOFF_POLL_MS` as the first interval (the longest is six times
    /// it): a tuning knob for slow instances, and what keeps the tests fast.
    pub fn from_env() -> Backoff {
        Backoff::from_env_or(Backoff::default())
    }

    /// `SN_HANDOFF_POLL_MS` as [`Backoff::from_env`] reads it, else `default`.
    pub fn from_env_or(default: Backoff) -> Backoff {
        match std::env::var("SN_HANDOFF_POLL_MS")
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|ms| *ms > 0)
        {
            Some(ms) => Backoff {
                base: Duration::from_millis(ms),
                max: Duration::from_millis(ms.saturating_mul(6)),
            },
            None => default,
        }
    }

    /// The interval before poll number `n` (0-based).
    pub fn delay(&self, n: u32) -> Duration {
        self.base.saturating_mul(1u32 << n.min(16)).min(self.max)
    }
}

/// What `plugins --activate` (and `check --fix`) needs to know.
#[derive(Debug, Clone, Copy)]
pub struct ActivateOptions {
    /// When to stop watching.
    pub deadline: Duration,
    pub backoff: Backoff,
}

/// Starts the activation of plugin `def` (or finds the one an earlier run started): journalled
/// before it is sent, its progress id kept in the state file once it is known.
pub(super) async fn start_plugin(
    client: &Client,
    def: PluginDef,
    saved: &BTreeMap<String, String>,
    state: Option<&StateFile>,
    watcher: &dyn Watcher,
) -> Result<(PluginDef, Option<Outcome>, Option<String>), Error> {
    let resumed = match saved.get(def.id) {
        Some(id) => match client.cicd_progress(id).await {
            Ok(p) if !p.status.is_final() => Some(id.clone()),
            _ => None,
        },
        None => None,
    };
    if let Some(id) = resumed {
        watcher.started(&def, true);
        return Ok((def, None, Some(id)));
    }
    // A signal waits for the answer, and its progress id is kept before the run ends.
    let guard = crate::journal::enter().await;
    let mut journalled = Change::update("sn_cicd", "", def.id, "activation", "inactive", "started");
    journalled.action = Some("insert".into());
    let entry = crate::journal::sent(client, &journalled, None);
    let sent = client.activate_plugin(def.id).await;
    watcher.started(&def, false);
    let unsure = matches!(&sent, Err(e) if may_have_landed(e));
    let (outcome, progress_id) = first_answer(&def, sent, watcher);
    let mark = match (&progress_id, unsure) {
        (Some(_), _) => crate::journal::Mark::Done,
        (None, true) => crate::journal::Mark::Sent,
        (None, false) => crate::journal::Mark::Planned,
    };
    crate::journal::mark(client, entry, mark, progress_id.as_deref(), None);
    if let (Some(file), Some(id)) = (state, &progress_id) {
        file.update(|st| {
            st.activations.insert(def.id.to_string(), id.clone());
        })?;
    }
    drop(guard);
    if let Some(outcome) = &outcome {
        watcher.finished(&def, outcome);
    }
    Ok((def, outcome, progress_id))
}

/// What the answer to an activation request means: the outcome when it is already over, or
/// the progress id to watch.
fn first_answer(
    def: &PluginDef,
    sent: Result<Progress, ApiError>,
    watcher: &dyn Watcher,
) -> (Option<Outcome>, Option<String>) {
    match sent {
        Err(e) => (Some(refused(def, &e)), None),
        Ok(p) => {
            watcher.progress(def, &p);
            match (&p.status, p.progress_id.clone()) {
                (CicdStatus::Successful, _) => (Some(Outcome::Activated), None),
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
/// (`check --deep --fix` for Agent Chat).
pub async fn activate_one(
    client: &Client,
    def: &PluginDef,
    opts: &ActivateOptions,
    watcher: &dyn Watcher,
) -> Outcome {
    let deadline = tokio::time::Instant::now() + opts.deadline;
    watcher.started(def, false);
    let outcome = match first_answer(def, client.activate_plugin(def.id).await, watcher) {
        (Some(outcome), _) => outcome,
        (None, Some(id)) => poll(client, def, &id, opts.backoff, deadline, watcher).await,
        (None, None) => Outcome::AlreadyActive,
    };
    watcher.finished(def, &outcome);
    outcome
}

/// Polls one plugin's progress record until it ends or the deadline comes.
pub(super) async fn poll(
    client: &Client,
    def: &PluginDef,
    progress_id: &str,
    backoff: Backoff,
    deadline: tokio::time::Instant,
    watcher: &dyn Watcher,
) -> Outcome {
    match watch(
        client,
        std::slice::from_ref(def),
        progress_id,
        backoff,
        deadline,
        watcher,
    )
    .await
    {
        Watched::Ended(p) if p.status == CicdStatus::Successful => Outcome::Activated,
        Watched::Ended(p) => failed(def, &p),
        Watched::Refused(e) => refused(def, &e),
        Watched::TimedOut(last) => Outcome::TimedOut {
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
/// ends or the deadline comes.
pub(super) async fn watch(
    client: &Client,
    defs: &[PluginDef],
    progress_id: &str,
    backoff: Backoff,
    deadline: tokio::time::Instant,
    watcher: &dyn Watcher,
) -> Watched {
    let mut last = "pending".to_string();
    for n in 0.. {
        let now = tokio::time::Instant::now();
        if now >= deadline {
            break;
        }
        tokio::time::sleep(backoff.delay(n).min(deadline - now)).await;
        if tokio::time::Instant::now() >= deadline {
            break;
        }
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
pub(super) fn refused(def: &PluginDef, e: &ApiError) -> Outcome {
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
    Outcome::Failed {
        why: format!(
            "the instance refused to {what} it: {status}, {words}{says}; {}",
            manual_path(def)
        ),
        kind,
    }
}

/// A CI/CD operation that ended without success.
pub(super) fn failed(def: &PluginDef, p: &Progress) -> Outcome {
    write_failed(def, p.words())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_its_longest() {
        let b = Backoff::default();
        let delays: Vec<u128> = (0..5).map(|n| b.delay(n).as_millis()).collect();
        assert_eq!(delays, [500, 1000, 2000, 3000, 3000]);
        assert_eq!(b.delay(u32::MAX), Duration::from_secs(3));
    }
}
