//! The six steps of the Kore.ai guide as seven checks (instance, auth, plugins, group_roles,
//! group_members, webhook, agent_available), and the deep steps beyond the guide (`deep`:
//! agent_chat, reply_url, provider, live_agent_channel, routing). Each step owns the ServiceNow
//! knowledge of its part: which tables and fields to read, how to judge what comes back, and
//! the fix to print. Every step reads with one or two queries (dot-walked fields and `IN`
//! lists), and `check` runs them all at once.

pub mod agent_available;
pub mod auth;
pub mod change;
pub mod deep;
pub mod group;
pub mod group_members;
pub mod group_roles;
pub mod instance;
pub mod plugins;
pub mod smoke;
pub mod webhook;

use serde::Serialize;
use serde_json::{Map, Value};
use tokio::sync::OnceCell;

use crate::servicenow::{ApiError, Client, Row};

/// The seven step ids, in their fixed order (SPEC.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepId {
    /// 1. the instance URL
    Instance,
    /// 2. authentication
    Auth,
    /// 3. the five plugins
    Plugins,
    /// 4. the group's roles
    GroupRoles,
    /// 4. the group's members
    GroupMembers,
    /// 5. the webhook
    Webhook,
    /// 6. the agent's availability
    AgentAvailable,
    /// Beyond the guide: Agent Chat active and AWA enabled.
    AgentChat,
    /// Beyond the guide: the 4.1+ reply connection points at the webhook.
    ReplyUrl,
    /// Beyond the guide: the bot-to-bot provider, its application and message auth.
    Provider,
    /// Beyond the guide: the "Bot to Bot" channel is not excluded from live agents.
    LiveAgentChannel,
    /// Beyond the guide: an eligibility pool of an active Chat queue holds the step-4 group.
    Routing,
    /// Beyond the guide: an active AWA queue on the Chat service channel.
    Queue,
    /// Beyond the guide: the group's eligibility pool names an active assignment rule.
    AssignmentRule,
    /// Beyond the guide: Chat is a channel of the Available presence state for the agent.
    ChatPresence,
    /// Beyond the guide: an Available agent has capacity left on Chat.
    Capacity,
    /// Beyond the guide: the provider links the bot's users to ServiceNow accounts.
    AccountLinking,
    /// Beyond the guide: the requester's email names exactly one active, unlocked user.
    Requester,
}

impl StepId {
    /// All seven, in order.
    pub const ALL: [StepId; 7] = [
        StepId::Instance,
        StepId::Auth,
        StepId::Plugins,
        StepId::GroupRoles,
        StepId::GroupMembers,
        StepId::Webhook,
        StepId::AgentAvailable,
    ];

    /// The deep steps (`check --deep`), in their fixed order after the seven.
    pub const DEEP: [StepId; 11] = [
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
        StepId::Requester,
    ];

    /// The steps `--skip` accepts: all but `instance` and `auth`, which every other step
    /// needs.
    pub fn skippable() -> impl Iterator<Item = StepId> {
        StepId::ALL[2..].iter().chain(StepId::DEEP.iter()).copied()
    }

    /// The parser of `--skip STEP`: the ids of [`StepId::skippable`], offered as the
    /// possible values (in `--help` and the completions).
    pub fn skip_parser() -> impl clap::builder::TypedValueParser<Value = StepId> {
        let names: Vec<&'static str> = StepId::skippable().map(StepId::as_str).collect();
        use clap::builder::TypedValueParser;
        clap::builder::PossibleValuesParser::new(names).map(|name| {
            StepId::skippable()
                .find(|id| id.as_str() == name)
                .expect("the parser only lets skippable ids through")
        })
    }

    /// The id as SPEC.md writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            StepId::Instance => "instance",
            StepId::Auth => "auth",
            StepId::Plugins => "plugins",
            StepId::GroupRoles => "group_roles",
            StepId::GroupMembers => "group_members",
            StepId::Webhook => "webhook",
            StepId::AgentAvailable => "agent_available",
            StepId::AgentChat => "agent_chat",
            StepId::ReplyUrl => "reply_url",
            StepId::Provider => "provider",
            StepId::LiveAgentChannel => "live_agent_channel",
            StepId::Routing => "routing",
            StepId::Queue => "queue",
            StepId::AssignmentRule => "assignment_rule",
            StepId::ChatPresence => "chat_presence",
            StepId::Capacity => "capacity",
            StepId::AccountLinking => "account_linking",
            StepId::Requester => "requester",
        }
    }
}

/// A step's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Done as the guide wants.
    Pass,
    /// Not done; `fix` says how.
    Fail,
    /// Probably fine, but something could not be confirmed.
    Warn,
    /// Not checked.
    Skip,
}

/// What a step found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepReport {
    /// Which step.
    pub id: StepId,
    /// The verdict.
    pub status: Status,
    /// One line for people.
    pub summary: String,
    /// Machine-readable facts (SPEC.md names some keys).
    pub details: Map<String, Value>,
    /// The command that repairs a failure, or the manual action when none can.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl StepReport {
    fn new(id: StepId, status: Status, summary: impl Into<String>, details: Value) -> Self {
        let details = match details {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        StepReport {
            id,
            status,
            summary: summary.into(),
            details,
            fix: None,
        }
    }

    /// A passing step.
    pub fn pass(id: StepId, summary: impl Into<String>, details: Value) -> Self {
        Self::new(id, Status::Pass, summary, details)
    }

    /// A warning (with an optional advice in `fix`).
    pub fn warn(id: StepId, summary: impl Into<String>, details: Value) -> Self {
        Self::new(id, Status::Warn, summary, details)
    }

    /// A failing step with the fix that repairs it.
    pub fn fail(
        id: StepId,
        summary: impl Into<String>,
        details: Value,
        fix: impl Into<String>,
    ) -> Self {
        Self::new(id, Status::Fail, summary, details).with_fix(fix)
    }

    /// A skipped step.
    pub fn skip(id: StepId, summary: impl Into<String>) -> Self {
        Self::new(id, Status::Skip, summary, Value::Null)
    }

    /// Sets the fix.
    pub fn with_fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }
}

/// The step options (SPEC.md: `--group`, `--agent`, `--webhook-url`, `--skip`), resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepOptions {
    /// The AWA group.
    pub group: String,
    /// The agent's user_name.
    pub agent: Option<String>,
    /// The validated webhook URL.
    pub webhook_url: Option<String>,
    /// Where it came from: `flag`, `env` or `profile`.
    pub webhook_url_source: Option<&'static str>,
    /// Steps to report as skip.
    pub skip: Vec<StepId>,
    /// The email of a requester whose chats must link to their account (`--requester`).
    pub requester: Option<String>,
}

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
    plugins: OnceCell<Result<Vec<plugins::PluginState>, ApiError>>,
    /// Reads the deep steps share.
    pub deep: deep::Shared,
}

impl Context {
    /// A context for one run.
    pub fn new(client: Client, opts: StepOptions) -> Self {
        Context {
            client,
            opts,
            group: OnceCell::new(),
            agent: OnceCell::new(),
            plugins: OnceCell::new(),
            deep: deep::Shared::default(),
        }
    }

    /// The state of the five plugins (step 3), read once: `reply_url` needs the Virtual
    /// Agent API's version from the same query.
    pub async fn plugins(&self) -> Result<Vec<plugins::PluginState>, ApiError> {
        self.plugins
            .get_or_init(|| plugins::read(&self.client))
            .await
            .clone()
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

/// Joins names for a summary: `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[impl AsRef<str>]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => format!(
            "{} and {}",
            init.iter()
                .map(|s| s.as_ref())
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

/// Quotes a value for a shell command line when it needs it.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@=+,".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

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

/// ` --group NAME` for a fix command, or nothing for the guide's group.
pub fn group_flag(group: &str) -> String {
    if group == crate::settings::DEFAULT_GROUP {
        String::new()
    } else {
        format!(" --group {}", shell_quote(group))
    }
}
