//! Step 3, the five plugins of the guide. Three are plugins, read from `v_plugin` (which lists
//! inactive plugins too; its `active` column reads `active`/`inactive`, and some clients report
//! `true`/`false`: both are accepted). Two are Store applications, read from `sys_store_app`
//! by scope (a row with `active=true` means installed). Both queries run at once.
//!
//! Activating them: [`activate`] starts and polls one plugin's CI/CD activation, [`batch`]
//! installs the Store applications together in one CI/CD batch, and [`fix`] runs both at once
//! and says how each of the five ended.

mod activate;
mod batch;
mod claim;
mod fix;

pub use activate::{activate_one, activation, ActivateOptions};
pub use fix::{fix, verdict, Activation};

use serde_json::{json, Value};

use super::once::Read;
use super::row::{Phase, Step};
use super::{CommandLine, Context, StepId, StepReport};
use crate::error::ErrorKind;
use crate::servicenow::cicd::Progress;
use crate::servicenow::{field, ApiError, Client, Query, Row};
use crate::ui::progress::{ActivationView, Ended};

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

/// The Agent Chat plugin, which `check --deep` wants active beside the five of the guide (its
/// Chat service channel is what live chats are routed on: ServiceNowDocs
/// `advanced-work-assignment/awa-service-channels.md`).
pub const AGENT_CHAT: PluginDef = PluginDef {
    id: "com.glide.interaction.awa",
    name: "Agent Chat",
    kind: Kind::Plugin,
};

/// The state of one of the five on the instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginState {
    pub def: PluginDef,
    /// Active (plugin) or installed and active (Store application).
    pub active: bool,
    /// The installed version, when known.
    pub version: Option<String>,
}

/// Whether a `v_plugin.active` value means active.
pub fn is_active_value(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "active" | "true"
    )
}

/// The rows the state of the five is judged from: `v_plugin` (the three plugins, and Agent
/// Chat for `check --deep`, in one query) and `sys_store_app` (the two applications).
#[derive(Debug, Clone, Default)]
pub struct Rows {
    pub plugins: Vec<Row>,
    pub apps: Vec<Row>,
}

impl Rows {
    /// The `v_plugin` row of plugin `id`, if the instance lists it.
    pub fn plugin(&self, id: &str) -> Option<&Row> {
        self.plugins.iter().find(|r| field(r, "id") == id)
    }
}

/// Reads the rows of all five and of Agent Chat (two queries, at once).
pub async fn read_rows(client: &Client) -> Result<Rows, ApiError> {
    let mut plugin_ids: Vec<&'static str> = ids(Kind::Plugin);
    plugin_ids.push(AGENT_CHAT.id);
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
    Ok(Rows {
        plugins: plugins?,
        apps: apps?,
    })
}

/// Reads the state of all five.
pub async fn read(client: &Client) -> Result<Vec<PluginState>, ApiError> {
    read_rows(client).await.map(|rows| states(&rows))
}

/// The state of each of the five in `rows`.
pub fn states(rows: &Rows) -> Vec<PluginState> {
    PLUGINS
        .iter()
        .map(|def| {
            let row = match def.kind {
                Kind::Plugin => rows.plugin(def.id),
                Kind::StoreApp => rows.apps.iter().find(|r| field(r, "scope") == def.id),
            };
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
        .collect()
}

fn ids(kind: Kind) -> Vec<&'static str> {
    PLUGINS
        .iter()
        .filter(|p| p.kind == kind)
        .map(|p| p.id)
        .collect()
}

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
pub enum ActivationOutcome {
    /// Active before: nothing was sent.
    AlreadyActive,
    /// Activated (or installed) now, and read back as active.
    Activated,
    /// Refused or failed; `why` says so in plain words, with the manual path.
    Failed {
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

/// A failure that is not about the user's rights: `what` happened, then the manual path.
fn write_failed(def: &PluginDef, what: impl std::fmt::Display) -> ActivationOutcome {
    ActivationOutcome::Failed {
        why: format!("{what}; {}", manual_path(def)),
        kind: ErrorKind::WriteFailed,
    }
}

/// Hears about each activation as it goes (progress bars, log lines).
pub trait Watcher: Sync {
    /// The request was sent (or an earlier one is being watched again).
    fn started(&self, def: &PluginDef, resumed: bool);
    /// A progress answer arrived.
    fn progress(&self, def: &PluginDef, progress: &Progress);
    /// It ended, one way or the other.
    fn finished(&self, def: &PluginDef, outcome: &ActivationOutcome);
    /// Every activation was watched to its end (or the deadline): what is left is reading
    /// them back and removing the claims, which the repairs waiting for the plugins need not
    /// wait for. Those go on once this returns.
    fn watched(&self) -> futures_util::future::BoxFuture<'_, ()> {
        Box::pin(std::future::ready(()))
    }
}

/// The plugins' progress bars and log lines: the UI's view, told in its own values.
impl Watcher for ActivationView {
    fn started(&self, def: &PluginDef, resumed: bool) {
        ActivationView::started(self, def.name, resumed);
    }

    fn progress(&self, def: &PluginDef, progress: &Progress) {
        ActivationView::progress(self, def.name, progress);
    }

    fn finished(&self, def: &PluginDef, outcome: &ActivationOutcome) {
        let ended = match outcome {
            ActivationOutcome::AlreadyActive => Ended::Active {
                words: "already active",
                filled: false,
            },
            ActivationOutcome::Activated => Ended::Active {
                words: "activated",
                filled: true,
            },
            ActivationOutcome::Failed { why, .. } => Ended::Failed { why },
            ActivationOutcome::TimedOut { last, .. } => Ended::Pending { last },
        };
        ActivationView::finished(self, def.name, ended);
    }
}

/// The row of step 3.
pub static STEP: Step = Step {
    id: StepId::Plugins,
    phase: Phase::Guide,
    affects: &[
        // The roles, the REST message, the 4.1+ Bot Connection, the AWA API and Agent Chat
        // come with the plugins: activating them changes what these steps read.
        StepId::GroupRoles,
        StepId::GroupMembers,
        StepId::Webhook,
        StepId::AgentAvailable,
        StepId::AgentChat,
        StepId::ReplyUrl,
        StepId::Provider,
        StepId::LiveAgentChannel,
        StepId::Queue,
        StepId::Routing,
        StepId::AssignmentRule,
        StepId::ChatPresence,
        StepId::Capacity,
        StepId::AccountLinking,
    ],
    needs_kore: false,
    init_offers: true,
    why: "Virtual Agent, its bot-to-bot API and Advanced Work Assignment come with these five; without them there is nothing to hand a chat to.",
    gate: None,
    check: |ctx| Box::pin(async move { ctx.plugins().await.map(|s| report(&s)) }),
    fix: Some(|ctx, env| Box::pin(fix::repair(ctx, env))),
    prefetch: None,
};

/// The key of the plugins' rows, read once a run (see [`super::once`]).
struct SharedRows;
impl Read for SharedRows {
    type Value = Result<Rows, ApiError>;
}

/// The key of the plugins' rows as the check before a repair read them (see
/// [`Context::with_checked_plugins`]).
struct CheckedRows;
impl Read for CheckedRows {
    type Value = Rows;
}

impl Context {
    /// This context, with the plugins' rows that `checked` (the check just before this
    /// repair) read, for the plugins' repair alone: it starts the activations without reading
    /// them again. Every other read of this context is made anew (after the activations, the
    /// Virtual Agent API's version is not what the check read).
    #[must_use]
    pub fn with_checked_plugins(self, checked: &Context) -> Self {
        if let Some(Ok(rows)) = checked.reads.get::<SharedRows>() {
            self.reads.set::<CheckedRows>(rows);
        }
        self
    }

    /// The plugins' rows the check before this repair read, when it did.
    pub fn checked_plugin_rows(&self) -> Option<Rows> {
        self.reads.get::<CheckedRows>()
    }

    /// The state of the five plugins (step 3), read once: `reply_url` needs the Virtual
    /// Agent API's version from the same query.
    pub async fn plugins(&self) -> Result<Vec<PluginState>, ApiError> {
        self.plugin_rows().await.map(|rows| states(&rows))
    }

    /// The rows behind [`Context::plugins`], read once: `agent_chat` finds Agent Chat's
    /// `v_plugin` row in the same query.
    pub async fn plugin_rows(&self) -> Result<Rows, ApiError> {
        self.reads
            .once::<SharedRows, _>(|| read_rows(&self.client))
            .await
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

    #[test]
    fn write_failed_ends_with_the_manual_path() {
        let ActivationOutcome::Failed { why, kind } = write_failed(&PLUGINS[1], "it broke") else {
            panic!("not a failure");
        };
        assert_eq!(kind, ErrorKind::WriteFailed);
        assert_eq!(why, format!("it broke; {}", manual_path(&PLUGINS[1])));
    }
}
