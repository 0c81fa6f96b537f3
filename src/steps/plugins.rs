//! Step 3, the five plugins of the guide. Three are plugins, read from `v_plugin` (which lists
//! inactive plugins too; its `active` column reads `active`/`inactive`, and some clients report
//! `true`/`false`: both are accepted). Two are Store applications, read from `sys_store_app`
//! by scope (a row with `active=true` means installed). Both queries run at once.

use serde_json::{json, Value};

use std::time::Duration;

use super::engine::{Phase, Repair, Repairing, Step};
use super::{and_list, CommandLine, Context, StepId, StepReport};
use crate::error::{Error, ErrorKind};
use crate::servicenow::cicd::{BatchPackage, BatchResults, CicdStatus, Progress};
use crate::servicenow::{field, ApiError, Client, Query, Row};
use crate::state::StateFile;
use crate::ui::progress::ActivationView;

/// How a component is installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A platform plugin (`v_plugin`, CI/CD plugin activation).
    Plugin,
    /// A Store application (`sys_store_app`, by scope).
    StoreApp,
}

/// One of the five.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PluginDef {
    /// Plugin id or application scope.
    pub id: &'static str,
    /// The guide's name.
    pub name: &'static str,
    /// Plugin or Store application.
    pub kind: Kind,
}

/// The five, in the guide's order. Sources: ServiceNow's docs ("Installed with Virtual Agent"
/// names `com.glide.cs.chatbot`; the Virtual Agent Bot Integration API "operates in the
/// `sn_va_as_service` namespace"; release notes list "Omni-Experience Standard Feature Set
/// [sn-oe-sfs]"; the AWA docs name `com.glide.awa`).
pub const PLUGINS: [PluginDef; 5] = [
    PluginDef {
        id: "sn_oe_sfs",
        name: "Omni-experience Standard Feature Set",
        kind: Kind::StoreApp,
    },
    PluginDef {
        id: "com.glide.awa",
        name: "Advanced Work Assignment",
        kind: Kind::Plugin,
    },
    PluginDef {
        id: "com.sn_customerservice",
        name: "Customer Service Management",
        kind: Kind::Plugin,
    },
    PluginDef {
        id: "com.glide.cs.chatbot",
        name: "Glide Virtual Agent",
        kind: Kind::Plugin,
    },
    PluginDef {
        id: "sn_va_as_service",
        name: "Virtual Agent API",
        kind: Kind::StoreApp,
    },
];

/// The state of one of the five on the instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginState {
    /// Which one.
    pub def: PluginDef,
    /// Active (plugin) or installed and active (Store application).
    pub active: bool,
    /// The version, when known.
    pub version: Option<String>,
}

/// Whether a `v_plugin.active` value means active.
pub fn is_active_value(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "active" | "true"
    )
}

/// Reads the state of all five (two queries, at once).
pub async fn read(client: &Client) -> Result<Vec<PluginState>, ApiError> {
    let plugin_ids: Vec<&'static str> = ids(Kind::Plugin);
    let app_scopes: Vec<&'static str> = ids(Kind::StoreApp);
    let plugins_query = Query::new().in_list("id", &plugin_ids);
    let apps_query = Query::new().in_list("scope", &app_scopes);
    let (plugins, apps) = tokio::join!(
        client.list(
            "v_plugin",
            &plugins_query,
            &["id", "name", "active", "version"]
        ),
        client.list(
            "sys_store_app",
            &apps_query,
            &["scope", "name", "active", "version"]
        ),
    );
    let (plugins, apps) = (plugins?, apps?);
    Ok(PLUGINS
        .iter()
        .map(|def| {
            let (rows, key): (&[Row], &str) = match def.kind {
                Kind::Plugin => (&plugins, "id"),
                Kind::StoreApp => (&apps, "scope"),
            };
            let row = rows.iter().find(|r| field(r, key) == def.id);
            let active = row.is_some_and(|r| is_active_value(field(r, "active")));
            PluginState {
                def: *def,
                active,
                // The installed version: an inactive plugin's row names the one it would get.
                version: row
                    .filter(|_| active)
                    .map(|r| field(r, "version").to_string())
                    .filter(|v| !v.is_empty()),
            }
        })
        .collect())
}

fn ids(kind: Kind) -> Vec<&'static str> {
    PLUGINS
        .iter()
        .filter(|p| p.kind == kind)
        .map(|p| p.id)
        .collect()
}

/// The verdict.
pub fn report(states: &[PluginState]) -> StepReport {
    let list: Vec<Value> = states
        .iter()
        .map(|s| {
            json!({
                "id": s.def.id,
                "name": s.def.name,
                "active": s.active,
                "kind": match s.def.kind { Kind::Plugin => "plugin", Kind::StoreApp => "store_app" },
                "version": s.version,
            })
        })
        .collect();
    let inactive: Vec<&str> = states
        .iter()
        .filter(|s| !s.active)
        .map(|s| s.def.name)
        .collect();
    let details = json!({"plugins": list});
    if inactive.is_empty() {
        StepReport::pass(
            StepId::Plugins,
            format!("all {} plugins active", states.len()),
            details,
        )
    } else {
        StepReport::fail(
            StepId::Plugins,
            format!(
                "{} of {} plugins inactive: {}",
                inactive.len(),
                states.len(),
                inactive.join(", ")
            ),
            details,
            CommandLine::new("plugins --activate"),
        )
    }
}

/// Where a plugin is switched on by hand when the API cannot do it.
pub fn manual_path(def: &PluginDef) -> String {
    match def.kind {
        Kind::Plugin => format!(
            "activate it by hand: System Definition → Plugins, search for {} (\"{}\"), Activate",
            def.id, def.name
        ),
        Kind::StoreApp => format!(
            "install it by hand: System Applications → All Available Applications → All, search for \"{}\" ({}), Install",
            def.name, def.id
        ),
    }
}

/// How one of the five ended up after `--activate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Active before: nothing was sent.
    AlreadyActive,
    /// Activated (or installed) now, and read back as active.
    Activated,
    /// Refused or failed; `why` says so in plain words, with the manual path.
    Failed {
        /// What happened and what to do.
        why: String,
        /// The exit-code kind (3 for a refusal of the user's rights, else 5).
        kind: ErrorKind,
    },
    /// Still going on the instance when the deadline came.
    TimedOut {
        /// The CI/CD progress id (kept in the state file to resume).
        progress_id: String,
        /// The last state seen, in plain words.
        last: String,
    },
}

/// One of the five after `--activate`.
#[derive(Debug, Clone)]
pub struct Activation {
    /// Its state read back afterwards.
    pub state: PluginState,
    /// What happened.
    pub outcome: Outcome,
}

/// Hears about each activation as it goes (progress bars, log lines).
pub trait Watcher: Sync {
    /// The request was sent (or an earlier one is being watched again).
    fn started(&self, def: &PluginDef, resumed: bool);
    /// A progress answer arrived.
    fn progress(&self, def: &PluginDef, progress: &Progress);
    /// It ended, one way or the other.
    fn finished(&self, def: &PluginDef, outcome: &Outcome);
}

/// How often the progress is polled: `base`, doubling up to `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The first interval.
    pub base: Duration,
    /// The longest interval.
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
    /// How often to poll.
    pub backoff: Backoff,
}

/// Starts the activation of plugin `def` (or finds the one an earlier run started): journalled
/// before it is sent, its progress id kept in the state file once it is known.
async fn start_plugin(
    client: &Client,
    def: PluginDef,
    saved: &std::collections::BTreeMap<String, String>,
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
    let mut journalled =
        super::change::Change::update("sn_cicd", "", def.id, "activation", "inactive", "started");
    journalled.action = Some("insert".into());
    let entry = crate::journal::sent(client, &journalled, None);
    let sent = client.activate_plugin(def.id).await;
    watcher.started(&def, false);
    let unsure = matches!(&sent, Err(e) if super::change::may_have_landed(e));
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

/// Activates the inactive ones of the five: plugins through `POST
/// /api/sn_cicd/plugin/{id}/activate`, one each, and the Store applications together in one
/// `POST /api/sn_cicd/app/batch/install` (see [`Client::batch_install`]). An activation still
/// running from an earlier run (its progress id is in `state`) is watched again instead of
/// being started twice. Each progress record is polled with backoff until it ends or the
/// deadline comes; a batch's results then say how each application ended. Then all five are
/// read back.
pub async fn fix(
    client: &Client,
    opts: &ActivateOptions,
    state: Option<&StateFile>,
    watcher: &dyn Watcher,
) -> Result<Vec<Activation>, Error> {
    let deadline = tokio::time::Instant::now() + opts.deadline;
    let before = read(client).await?;
    let saved = match state {
        Some(file) => file.load()?.activations,
        None => Default::default(),
    };
    let todo: Vec<&PluginState> = before.iter().filter(|s| !s.active).collect();
    let mut outcomes: Vec<(PluginDef, Option<Outcome>, Option<String>)> = Vec::new();
    let apps: Vec<PluginDef> = todo
        .iter()
        .filter(|s| s.def.kind == Kind::StoreApp)
        .map(|s| s.def)
        .collect();
    // Every activation at once: the plugins' one POST each, and the Store batch.
    let plugin_starts = todo
        .iter()
        .filter(|s| s.def.kind == Kind::Plugin)
        .map(|s| start_plugin(client, s.def, &saved, state, watcher));
    let (started, batch) = tokio::join!(
        futures_util::future::join_all(plugin_starts),
        start_batch(client, &apps, &saved, watcher),
    );
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
    if let Some(file) = state {
        let running: Vec<(String, String)> = outcomes
            .iter()
            .filter_map(|(def, _, id)| Some((def.id.to_string(), id.clone()?)))
            .collect();
        if !running.is_empty() {
            file.update(|st| st.activations.extend(running))?;
        }
    }
    let polls = outcomes.iter().map(|(def, outcome, id)| async move {
        match (outcome, id) {
            (Some(outcome), _) => Some(outcome.clone()),
            // Batch members are watched together below.
            (None, Some(_)) if def.kind == Kind::StoreApp => None,
            (None, Some(id)) => {
                let outcome = poll(client, def, id, opts.backoff, deadline, watcher).await;
                watcher.finished(def, &outcome);
                Some(outcome)
            }
            (None, None) => Some(Outcome::AlreadyActive),
        }
    });
    let (ended, batch_ended) = tokio::join!(
        futures_util::future::join_all(polls),
        watch_batch(client, &batch, opts.backoff, deadline, watcher),
    );
    let ended: Vec<Outcome> = outcomes
        .iter()
        .zip(ended)
        .map(|((def, _, _), o)| {
            o.or_else(|| {
                batch_ended
                    .iter()
                    .find(|(d, _)| d.id == def.id)
                    .map(|(_, o)| o.clone())
            })
            .unwrap_or(Outcome::AlreadyActive)
        })
        .collect();
    if let Some(file) = state {
        // Keep only the activations still running; the others are over, one way or another.
        let running: Vec<&str> = outcomes
            .iter()
            .zip(&ended)
            .filter(|(_, o)| matches!(o, Outcome::TimedOut { .. }))
            .map(|((def, _, _), _)| def.id)
            .collect();
        if file
            .load()?
            .activations
            .keys()
            .any(|k| !running.contains(&k.as_str()))
        {
            file.update(|st| st.activations.retain(|k, _| running.contains(&k.as_str())))?;
        }
    }
    let after = read(client).await?;
    Ok(after
        .into_iter()
        .map(|state| {
            let outcome = outcomes
                .iter()
                .zip(&ended)
                .find(|((def, _, _), _)| def.id == state.def.id)
                .map(|(_, o)| o.clone())
                .unwrap_or(Outcome::AlreadyActive);
            let outcome = match outcome {
                Outcome::Activated if !state.active => Outcome::Failed {
                    why: format!(
                        "the instance reported success, but {} still reads as inactive; {}",
                        state.def.name,
                        manual_path(&state.def)
                    ),
                    kind: ErrorKind::WriteFailed,
                },
                other => other,
            };
            Activation { state, outcome }
        })
        .collect())
}

/// The ids of a running batch install: its progress, and its results when known.
#[derive(Debug, Clone, PartialEq, Eq)]
struct BatchIds {
    progress: String,
    results: Option<String>,
}

impl BatchIds {
    /// How the state file keeps it: `progress/results` (sys_ids hold no `/`).
    fn key(&self) -> String {
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
struct Batch {
    decided: Vec<(PluginDef, Outcome)>,
    members: Vec<(PluginDef, String)>,
    running: Option<BatchIds>,
}

/// Starts one batch install for the missing Store applications (or watches an earlier one
/// again): each needs its `sys_remote_app` row, whose sys_id and `latest_version` the batch
/// asks for; without one the instance is not entitled to it (or cannot reach the Store).
async fn start_batch(
    client: &Client,
    apps: &[PluginDef],
    saved: &std::collections::BTreeMap<String, String>,
    watcher: &dyn Watcher,
) -> Batch {
    let mut batch = Batch::default();
    if apps.is_empty() {
        return batch;
    }
    let scopes: Vec<&str> = apps.iter().map(|d| d.id).collect();
    let rows = match client
        .list(
            "sys_remote_app",
            &Query::new().in_list("scope", &scopes),
            &["sys_id", "scope", "name", "latest_version"],
        )
        .await
    {
        Ok(rows) => rows,
        Err(e) => {
            for def in apps {
                let outcome = refused(def, &e);
                watcher.finished(def, &outcome);
                batch.decided.push((*def, outcome));
            }
            return batch;
        }
    };
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
                let outcome = Outcome::Failed {
                    why: format!(
                        "the instance lists no Store application {} (sys_remote_app): it is not entitled to it, or cannot reach the ServiceNow Store; request it on the Store, then {}",
                        def.id,
                        manual_path(def)
                    ),
                    kind: ErrorKind::WriteFailed,
                };
                watcher.started(def, false);
                watcher.finished(def, &outcome);
                batch.decided.push((*def, outcome));
            }
        }
    }
    if batch.members.is_empty() {
        return batch;
    }
    // An earlier run's batch for the same applications, still going: watch it again.
    let keys: Vec<Option<&String>> = batch
        .members
        .iter()
        .map(|(def, _)| saved.get(def.id))
        .collect();
    if let Some(Some(key)) = keys.first() {
        if keys.iter().all(|k| *k == Some(*key)) {
            let ids = BatchIds::parse(key);
            if matches!(client.cicd_progress(&ids.progress).await, Ok(p) if !p.status.is_final()) {
                for (def, _) in &batch.members {
                    watcher.started(def, true);
                }
                batch.running = Some(ids);
                return batch;
            }
        }
    }
    let sent = client.batch_install(BATCH_NAME, &packages).await;
    for (def, _) in &batch.members {
        watcher.started(def, false);
    }
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
                            _ => Outcome::Failed {
                                why: format!(
                                    "the instance accepted the batch install but gave no progress id to follow; {}",
                                    manual_path(&def)
                                ),
                                kind: ErrorKind::WriteFailed,
                            },
                        };
                        watcher.finished(&def, &outcome);
                        batch.decided.push((def, outcome));
                    }
                }
            }
        }
    }
    batch
}

/// The name the batch install plan gets on the instance.
const BATCH_NAME: &str = "sn-handoff: Store applications for the Kore.ai hand-off";

/// Watches a running batch until it ends or the deadline comes, then reads its results and
/// says how each application ended (ServiceNow's `status_message` for a failed one).
async fn watch_batch(
    client: &Client,
    batch: &Batch,
    backoff: Backoff,
    deadline: tokio::time::Instant,
    watcher: &dyn Watcher,
) -> Vec<(PluginDef, Outcome)> {
    let Some(ids) = &batch.running else {
        return Vec::new();
    };
    let defs: Vec<PluginDef> = batch.members.iter().map(|(d, _)| *d).collect();
    let end = watch(client, &defs, &ids.progress, backoff, deadline, watcher).await;
    let results = match (&end, &ids.results) {
        (Watched::Ended(_), Some(results)) => Some(client.batch_results(results).await),
        _ => None,
    };
    let outcomes: Vec<(PluginDef, Outcome)> = batch
        .members
        .iter()
        .map(|(def, remote_id)| {
            let outcome = match (&end, &results) {
                (Watched::Refused(e), _) => refused(def, e),
                (Watched::TimedOut(last), _) => Outcome::TimedOut {
                    progress_id: ids.key(),
                    last: last.clone(),
                },
                (Watched::Ended(p), Some(Ok(results))) => item_outcome(def, remote_id, p, results),
                (Watched::Ended(p), Some(Err(e))) => Outcome::Failed {
                    why: format!(
                        "the batch ended ({}) but its results could not be read: {e}; {}",
                        p.words(),
                        manual_path(def)
                    ),
                    kind: ErrorKind::WriteFailed,
                },
                (Watched::Ended(p), None) => match p.status {
                    CicdStatus::Successful => Outcome::Activated,
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
) -> Outcome {
    let Some(item) = results.items.iter().find(|i| i.id == remote_id) else {
        return Outcome::Failed {
            why: format!(
                "the batch ended ({}, plan {}) without a result for it; {}",
                progress.words(),
                results.plan_state,
                manual_path(def)
            ),
            kind: ErrorKind::WriteFailed,
        };
    };
    if item.installed() {
        return Outcome::Activated;
    }
    let says = if item.status_message.is_empty() {
        String::new()
    } else {
        format!(": {}", item.status_message)
    };
    Outcome::Failed {
        why: format!(
            "the batch install left it {}{says}; {}",
            item.state,
            manual_path(def)
        ),
        kind: ErrorKind::WriteFailed,
    }
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
                    Some(Outcome::Failed {
                        why: format!(
                            "the instance accepted the request but gave no progress id to follow; {}",
                            manual_path(def)
                        ),
                        kind: ErrorKind::WriteFailed,
                    }),
                    None,
                ),
            }
        }
    }
}

/// The Agent Chat plugin, which `check --deep` wants active beside the five of the guide (its
/// Chat service channel is what live chats are routed on: ServiceNowDocs
/// `advanced-work-assignment/awa-service-channels.md`).
pub const AGENT_CHAT: PluginDef = PluginDef {
    id: "com.glide.interaction.awa",
    name: "Agent Chat",
    kind: Kind::Plugin,
};

/// Activates one plugin through the CI/CD API and watches its progress until it ends or the
/// deadline comes (`check --deep --fix` for Agent Chat).
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

/// Polls one progress record until it ends or the deadline comes.
async fn poll(
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
enum Watched {
    /// The operation ended (successfully or not).
    Ended(Progress),
    /// The instance refused to tell (401, 403, 404, 405).
    Refused(ApiError),
    /// The deadline came; the last state seen, in words.
    TimedOut(String),
}

/// Polls one progress record (of one activation, or of a batch for all of `defs`) until it
/// ends or the deadline comes.
async fn watch(
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
fn refused(def: &PluginDef, e: &ApiError) -> Outcome {
    let (status, says) = match e {
        ApiError::Status {
            status, message, ..
        } => (*status, message.clone()),
        other => {
            return Outcome::Failed {
                why: format!("{other}; {}", manual_path(def)),
                kind: ErrorKind::WriteFailed,
            }
        }
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
fn failed(def: &PluginDef, p: &Progress) -> Outcome {
    Outcome::Failed {
        why: format!("{}; {}", p.words(), manual_path(def)),
        kind: ErrorKind::WriteFailed,
    }
}

/// The error for activations that did not all end well, or `None` when all five are active.
pub fn verdict(activations: &[Activation], resume: &str) -> Option<Error> {
    let timed_out: Vec<String> = activations
        .iter()
        .filter_map(|a| match &a.outcome {
            Outcome::TimedOut { last, .. } => Some(format!("{} ({last})", a.state.def.name)),
            _ => None,
        })
        .collect();
    let failed: Vec<(String, ErrorKind)> = activations
        .iter()
        .filter_map(|a| match &a.outcome {
            Outcome::Failed { why, kind } => Some((format!("{}: {why}", a.state.def.name), *kind)),
            _ => None,
        })
        .collect();
    let inactive = activations.iter().filter(|a| !a.state.active).count();
    if inactive == 0 && failed.is_empty() && timed_out.is_empty() {
        return None;
    }
    let activated: Vec<&str> = activations
        .iter()
        .filter(|a| a.outcome == Outcome::Activated)
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

/// The row of step 3.
pub static STEP: Step = Step {
    id: StepId::Plugins,
    phase: Phase::Guide,
    why: "Virtual Agent, its bot-to-bot API and Advanced Work Assignment come with these five; without them there is nothing to hand a chat to.",
    gate: None,
    check: |ctx| Box::pin(async move { ctx.plugins().await.map(|s| report(&s)) }),
    fix: Some(|ctx, env| Box::pin(repair(ctx, env))),
};

/// Activates the inactive ones with a progress bar each, watched until the deadline.
async fn repair(ctx: &Context, env: &Repairing<'_>) -> Repair {
    let opts = ActivateOptions {
        deadline: env.deadline,
        backoff: Backoff::from_env(),
    };
    let view = ActivationView::new(env.printer);
    let activations = match fix(&ctx.client, &opts, env.state, &view).await {
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
                .filter(|a| a.outcome == Outcome::Activated)
                .count()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::Status;

    #[test]
    fn active_values() {
        for v in ["active", "true", "Active", " TRUE "] {
            assert!(is_active_value(v), "{v}");
        }
        for v in ["inactive", "false", "", "installed"] {
            assert!(!is_active_value(v), "{v}");
        }
    }

    #[test]
    fn report_lists_all_five() {
        let states: Vec<PluginState> = PLUGINS
            .iter()
            .enumerate()
            .map(|(i, def)| PluginState {
                def: *def,
                active: i % 2 == 0,
                version: None,
            })
            .collect();
        let r = report(&states);
        assert_eq!(r.status, Status::Fail);
        assert_eq!(r.details["plugins"].as_array().unwrap().len(), 5);
        assert!(
            r.summary.starts_with("2 of 5 plugins inactive"),
            "{}",
            r.summary
        );
        assert_eq!(
            r.fix_text().as_deref(),
            Some("sn-handoff plugins --activate")
        );
    }
}
