//! The six steps of the Kore.ai guide as seven checks (instance, auth, plugins, group_roles,
//! group_members, webhook, agent_available), and the deep steps beyond the guide (`deep`:
//! agent_chat, reply_url, provider, live_agent_channel, queue, routing, …). Each step owns the ServiceNow
//! knowledge of its part: which tables and fields to read, how to judge what comes back, and
//! the fix to print. Every step reads with one or two queries (dot-walked fields and `IN`
//! lists), and `check` runs them all at once.

pub mod agent_available;
pub mod auth;
pub mod backoff;
pub mod change;
pub mod deep;
pub mod engine;
pub mod group;
pub mod group_members;
pub mod group_roles;
pub mod instance;
pub mod kore_side;
pub mod once;
pub mod plugins;
pub mod repairs;
pub mod row;
pub mod smoke;
pub mod step_report;
pub mod webhook;

use tokio::sync::OnceCell;

pub use crate::command_line::{self, CommandLine, Fix, Invocation};
pub use crate::settings::StepOptions;
pub use crate::step_id::StepId;
pub use step_report::{error_name, Status, StepReport};

use crate::kore::side::KoreSide;
use crate::servicenow::release::InstanceInfo;
use crate::servicenow::{ApiError, Client, Row};

/// The group of step 4 as found on the instance.
#[derive(Debug, Clone, Default)]
pub struct GroupLookup {
    /// Rows of `sys_user_group` with exactly the name asked for.
    pub matches: Vec<Row>,
    /// Names of groups that look alike, when none matched.
    pub close: Vec<String>,
}

/// The agent's `sys_user` row, if there is one.
#[derive(Debug, Clone, Default)]
pub struct UserLookup {
    /// Rows of `sys_user` with exactly the user_name asked for.
    pub matches: Vec<Row>,
}

/// What the steps share: the client, the options, and lookups more than one step needs
/// (each made once, however many steps ask).
pub struct Context {
    /// The instance.
    pub client: Client,
    /// The options.
    pub opts: StepOptions,
    group: OnceCell<Result<GroupLookup, ApiError>>,
    agent: OnceCell<Result<UserLookup, ApiError>>,
    /// The other reads more than one step shares, each keyed by a type of the step that
    /// makes it (the steps' `impl Context` blocks: `plugins`, `webhook`, `agent_presence`, …).
    reads: once::Reads,
    /// What the instance probe learnt (set by the instance step's gate, before the reads).
    probe: std::sync::OnceLock<InstanceInfo>,
    /// The release the instance step settled on (the probe's, or `/stats.do`'s).
    release: std::sync::OnceLock<Option<String>>,
    /// Wakes the reads that wait for the probe (on a warm check they start beside it).
    probe_ready: tokio::sync::Notify,
    /// Whether these credentials worked here lately: then the reads start beside the probe
    /// (see [`crate::state::Verification`]).
    pub warm: bool,
    /// Whether the Virtual Agent API's 4.1+ records (its outbound configuration and
    /// connection) are read at once with the rest: unless the state file saw an older version
    /// here last time. When it did, they are read only once this run's version says they
    /// apply (an upgrade), so an older instance is not asked for them.
    pub va_41: bool,
    /// The Kore.ai side, with Kore.ai settings (then the `kore` step runs).
    pub kore: Option<KoreSide>,
    /// The worst exit status a step raised beyond its own failure (a refused Kore.ai JWT).
    raised: std::sync::Mutex<Option<crate::error::ExitStatus>>,
}

impl Context {
    /// A context for one run.
    pub fn new(client: Client, opts: StepOptions) -> Self {
        Context {
            client,
            opts,
            group: OnceCell::new(),
            agent: OnceCell::new(),
            reads: once::Reads::default(),
            probe: std::sync::OnceLock::new(),
            release: std::sync::OnceLock::new(),
            kore: None,
            raised: std::sync::Mutex::new(None),
            probe_ready: tokio::sync::Notify::new(),
            warm: false,
            va_41: true,
        }
    }

    /// The context of a read command: warm when the state file vouches for these credentials
    /// (every read beside the probe), and reading the 4.1+ records at once unless the state
    /// file last saw a Virtual Agent API older than 4.1 (see [`Context::va_41`]).
    pub fn for_run(
        client: Client,
        opts: StepOptions,
        state: Option<&crate::state::StateFile>,
    ) -> Self {
        let seen = state.and_then(|s| s.load().ok());
        let warm = state.is_some_and(|s| s.is_warm(&client));
        let va_41 = seen
            .and_then(|s| s.va_api_version)
            .is_none_or(|v| deep::version_parts(&v) >= deep::reply_connection::FROM);
        let mut ctx = Context::new(client, opts).warm(warm);
        ctx.va_41 = va_41;
        ctx
    }

    /// The same context, sending every read beside the probe when `warm`.
    pub fn warm(mut self, warm: bool) -> Self {
        self.warm = warm;
        self
    }

    /// What the instance probe learnt, once it has (a warm check's reads start before it
    /// answers; a failed probe stops the run, and these waits with it).
    pub async fn probed_wait(&self) -> InstanceInfo {
        loop {
            let notified = self.probe_ready.notified();
            if let Some(info) = self.probe.get() {
                return info.clone();
            }
            notified.await;
        }
    }

    /// The same context with the Kore.ai side (the `kore` step runs).
    pub fn with_kore(mut self, kore: Option<KoreSide>) -> Self {
        self.kore = kore;
        self
    }

    /// Makes the run exit at least with `status` when a step fails.
    pub fn raise(&self, status: crate::error::ExitStatus) {
        let mut raised = self.raised.lock().unwrap_or_else(|e| e.into_inner());
        *raised = Some(raised.map_or(status, |r| r.worst(status)));
    }

    /// What the steps raised.
    pub fn raised(&self) -> Option<crate::error::ExitStatus> {
        *self.raised.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// What the instance probe learnt (empty before the probe, or when it could not say).
    pub fn probed(&self) -> InstanceInfo {
        self.probe.get().cloned().unwrap_or_default()
    }

    /// Keeps what the instance probe learnt.
    pub fn set_probed(&self, info: InstanceInfo) {
        let _ = self.probe.set(info);
        self.probe_ready.notify_waiters();
    }

    /// The release the instance step settled on, once it ran.
    pub fn release(&self) -> Option<String> {
        self.release.get().cloned().flatten()
    }

    /// Keeps the release the instance step settled on.
    pub fn set_release(&self, release: Option<String>) {
        let _ = self.release.set(release);
    }

    /// Whether `id` was skipped with `--skip`.
    pub fn skipped(&self, id: StepId) -> bool {
        self.opts.skip.contains(&id)
    }

    /// The group lookup, made once.
    pub async fn group(&self) -> Result<GroupLookup, ApiError> {
        self.group
            .get_or_init(|| group::lookup(&self.client, &self.opts.group))
            .await
            .clone()
    }

    /// The group lookup when it explains a failure: the names alike beside it (one round).
    pub async fn group_explained(&self) -> Result<GroupLookup, ApiError> {
        self.group
            .get_or_init(|| group::lookup_with(&self.client, &self.opts.group, true))
            .await
            .clone()
    }

    /// The agent lookup, made once (an empty lookup without `--agent`).
    pub async fn agent(&self) -> Result<UserLookup, ApiError> {
        let Some(agent) = self.opts.agent.as_deref() else {
            return Ok(UserLookup::default());
        };
        self.agent
            .get_or_init(|| group::lookup_user(&self.client, agent))
            .await
            .clone()
    }
}

// Leaf helpers that moved to `crate::text`; these paths stay for callers.
pub use crate::text::{and_list, shell_quote};

/// The failure to report when the group of step 4 is missing, ambiguous or inactive.
pub fn group_problem(id: StepId, name: &str, lookup: &GroupLookup) -> Option<StepReport> {
    use crate::servicenow::field;
    let details = serde_json::json!({"group": name, "close": lookup.close});
    match lookup.matches.as_slice() {
        [] => {
            let close = if lookup.close.is_empty() {
                String::new()
            } else {
                format!(
                    " (similar: {})",
                    lookup
                        .close
                        .iter()
                        .map(|c| format!("\"{c}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            Some(StepReport::fail(
                id,
                format!("there is no group named \"{name}\"{close}"),
                details,
                "create the group (User Administration → Groups → New), or pass --group with the right name",
            ))
        }
        [one] if field(one, "active") == "false" => Some(StepReport::fail(
            id,
            format!("the group \"{name}\" is inactive"),
            details,
            format!(
                "activate the group \"{name}\" (User Administration → Groups → {name} → Active)"
            ),
        )),
        [_] => None,
        many => {
            let ids: Vec<&str> = many.iter().map(|r| field(r, "sys_id")).collect();
            Some(StepReport::fail(
                id,
                format!(
                    "{} groups are named \"{name}\" (sys_ids {})",
                    many.len(),
                    ids.join(", ")
                ),
                serde_json::json!({"group": name, "sys_ids": ids}),
                "rename or deactivate the extra groups so that one is left",
            ))
        }
    }
}

/// Whether `rows` (dot-walked `group` and `group.active`) all belong to one group, and an
/// active one: then a step that found what it looked for needs no lookup of the group.
pub fn one_active_group(rows: &[Row]) -> bool {
    use crate::servicenow::field;
    let mut ids = rows.iter().map(|r| field(r, "group"));
    let Some(first) = ids.next() else {
        return false;
    };
    !first.is_empty()
        && ids.all(|id| id == first)
        && rows
            .iter()
            .all(|r| r.contains_key("group.active") && field(r, "group.active") != "false")
}

/// ` --group NAME` for a fix command, or nothing for the guide's group.
pub fn group_flag(group: &str) -> String {
    if group == crate::settings::DEFAULT_GROUP {
        String::new()
    } else {
        format!(" --group {}", shell_quote(group))
    }
}
