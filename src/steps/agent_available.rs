//! Step 6: the agent is Available in Advanced Work Assignment: `awa_agent_presence` (agent →
//! `sys_user`, `current_presence_state` → `awa_presence_state`, looked up by the state's
//! name, never a hard-coded sys_id), and available on the Chat service channel
//! (`awa_agent_channel_availability`). Both are read at once; without `--agent` the step is
//! skipped.
//!
//! The fix sets the presence through ServiceNow's AWA Agent API, `PUT
//! /api/now/awa/agents/{user_sys_id}` with `{"presence": {"sys_id": <Available>, "channels":
//! [{"sys_id": <Chat>, "available": true}]}}` (ServiceNowDocs `api-reference/rest-apis/
//! agent-api.md`, "AWA Agent - PUT /now/awa/agents/{user_id}"). It needs the role
//! `awa_integration_user` (admin passes too) and `glide.awa.enabled = true`, else 403. Writing
//! `awa_agent_presence` through the Table API is only a reported workaround, and nothing
//! documents that AWA honours it, so it is not done.

use reqwest::Method;
use serde_json::{json, Value};

use super::change::{summary, Change};
use super::engine::{Phase, Step};
use super::group::require_user;
use super::{shell_quote, CommandLine, Context, Status, StepId, StepReport};
use crate::error::{Error, ErrorKind};
use crate::servicenow::table::encode_component;
use crate::servicenow::{field, ApiError, Client, Query};

/// The presence state a handoff needs.
pub const AVAILABLE: &str = "Available";
/// The service channel chats arrive on.
pub const CHAT_CHANNEL: &str = "Chat";

/// The agent's presence as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Presence {
    /// The name of their presence state; `None` without an `awa_agent_presence` row.
    pub state: Option<String>,
    /// Whether they are available on the Chat channel; `None` when that could not be read.
    pub chat_available: Option<bool>,
}

/// Reads and judges.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    judge(ctx).await.map(|(report, _)| report)
}

/// Reads and judges; the presence read too.
pub async fn judge(ctx: &Context) -> Result<(StepReport, Presence), ApiError> {
    let Some(agent) = ctx.opts.agent.as_deref() else {
        let report = StepReport::skip(StepId::AgentAvailable, "no --agent given");
        return Ok((report, Presence::default()));
    };
    let presence_query = Query::new().eq("agent.user_name", agent);
    let channel_query = Query::new()
        .eq("agent.user_name", agent)
        .eq("service_channel.name", CHAT_CHANNEL);
    let (user, presence, channels) = tokio::join!(
        ctx.agent(),
        ctx.client.list(
            "awa_agent_presence",
            &presence_query,
            &["agent.user_name", "current_presence_state.name"]
        ),
        ctx.client.list(
            "awa_agent_channel_availability",
            &channel_query,
            &["agent.user_name", "service_channel.name", "available"]
        ),
    );
    let user = user?;
    let quoted = shell_quote(agent);
    if user.matches.is_empty() {
        return Ok((StepReport::fail(
            StepId::AgentAvailable,
            format!("there is no user with user_name {agent}"),
            json!({"agent": agent}),
            "pass the agent's user_name (as in User Administration → Users), e.g. --agent abel.tuter",
        ), Presence::default()));
    }
    let presence = match presence {
        Ok(rows) => rows,
        Err(e) if e.invalid_table().is_some() => return Ok((StepReport::fail(
            StepId::AgentAvailable,
            "Advanced Work Assignment is not active (the instance has no awa_agent_presence table)",
            json!({"agent": agent, "presence": null}),
            CommandLine::new("plugins --activate"),
        ), Presence::default())),
        Err(e) => return Err(e),
    };
    let state = presence
        .iter()
        .find(|r| field(r, "agent.user_name") == agent)
        .map(|r| field(r, "current_presence_state.name").to_string());
    // The channel table may be missing on some installs; then only the presence counts.
    let chat = channels.ok().map(|rows| {
        rows.iter().any(|r| {
            field(r, "agent.user_name") == agent
                && field(r, "service_channel.name") == CHAT_CHANNEL
                && field(r, "available") == "true"
        })
    });
    let details = json!({"agent": agent, "presence": state, "chat_available": chat});
    let report = match state.as_deref() {
        None => StepReport::fail(
            StepId::AgentAvailable,
            format!("{agent} has no AWA presence yet (not an agent of an AWA group)"),
            details,
            CommandLine::new(format!("group --fix --agent {quoted}"))
                .then(CommandLine::new(format!("agent available --user {quoted}"))),
        ),
        Some(AVAILABLE) if chat != Some(false) => StepReport::pass(
            StepId::AgentAvailable,
            format!("{agent} is Available"),
            details,
        ),
        Some(AVAILABLE) => StepReport::fail(
            StepId::AgentAvailable,
            format!("{agent} is Available but not on the {CHAT_CHANNEL} channel"),
            details,
            CommandLine::new(format!("agent available --user {quoted}")),
        ),
        Some(other) => StepReport::fail(
            StepId::AgentAvailable,
            format!(
                "{agent} is {}",
                if other.is_empty() {
                    "in no presence state"
                } else {
                    other
                }
            ),
            details,
            CommandLine::new(format!("agent available --user {quoted}")),
        ),
    };
    let presence = Presence {
        state,
        chat_available: chat,
    };
    Ok((report, presence))
}

/// Makes the agent Available on the Chat channel through the AWA Agent API, unless they are
/// already; then reads the presence back through the Table API.
pub async fn fix(ctx: &Context) -> Result<Vec<Change>, Error> {
    let Some(agent) = ctx.opts.agent.as_deref() else {
        return Err(Error::usage("name the agent: --user USER"));
    };
    let user = require_user(ctx, agent).await?;
    let user_id = field(&user, "sys_id").to_string();
    let (before, presence) = judge(ctx).await?;
    if before.status == Status::Pass {
        return Ok(Vec::new());
    }
    let (before_state, before_chat) = (presence.state, presence.chat_available);
    let (state, channel) = tokio::join!(
        lookup_id(&ctx.client, "awa_presence_state", AVAILABLE),
        lookup_id(&ctx.client, "awa_service_channel", CHAT_CHANNEL),
    );
    let (state_id, channel_id) = (state?, channel?);
    if before_state.is_none() && !in_awa_group(&ctx.client, agent).await? {
        return Err(not_an_agent(agent));
    }
    let body = json!({"presence": {"sys_id": state_id, "channels": [{"sys_id": channel_id, "available": true}]}});
    let path = format!("/api/now/awa/agents/{}", encode_component(&user_id));
    let answer = ctx.client.request(Method::PUT, &path, Some(&body)).await;
    if let Ok(response) = &answer {
        let (name, chat) = answered_presence(&response.body);
        if name.as_deref().is_some_and(|n| n != AVAILABLE) || chat == Some(false) {
            return Err(Error::new(
                ErrorKind::WriteFailed,
                format!(
                    "the AWA Agent API answered that {agent} is {}{}",
                    name.as_deref().unwrap_or("in no presence state"),
                    if chat == Some(false) {
                        ", not available on Chat"
                    } else {
                        ""
                    }
                ),
            ));
        }
    }
    if let Err(e) = answer {
        return Err(match &e {
            ApiError::Status { status: 403, .. } => Error::auth(format!(
                "the instance refused to set {agent}'s presence ({e}): the AWA Agent API needs the role awa_integration_user (or admin), and the property glide.awa.enabled must be true"
            ))
            .with_hint(format!(
                "give {} the awa_integration_user role (User Administration → Users → {} → Roles), and set glide.awa.enabled to true (sys_properties.list)",
                ctx.client.user(),
                ctx.client.user()
            )),
            ApiError::Status { status: 404, .. } => not_an_agent(agent),
            ApiError::Status { status: 400, .. } => awa_inactive(),
            _ => {
                let now = check(ctx).await.ok().map(|r| r.summary);
                Error::new(
                    ErrorKind::WriteFailed,
                    format!(
                        "could not set {agent}'s presence: {e}. {}",
                        now.map_or_else(
                            || "Their presence could not be read back.".to_string(),
                            |s| format!("Read back: {s}.")
                        )
                    ),
                )
            }
        });
    }
    let after = check(ctx).await?;
    if after.status != Status::Pass {
        return Err(Error::new(
            ErrorKind::WriteFailed,
            format!(
                "the AWA Agent API accepted the change, but reading it back says: {}",
                after.summary
            ),
        ));
    }
    let mut changes = Vec::new();
    if before_state.as_deref() != Some(AVAILABLE) {
        let mut change = Change::update(
            "awa_agent_presence",
            &user_id,
            agent,
            "current_presence_state",
            before_state.as_deref().unwrap_or_default(),
            AVAILABLE,
        );
        if before_state.is_none() {
            change.action = Some("insert".into());
        }
        changes.push(change);
    }
    if before_chat != Some(true) {
        changes.push(Change::update(
            "awa_agent_channel_availability",
            &user_id,
            &format!("{agent} / {CHAT_CHANNEL}"),
            "available",
            if before_chat == Some(false) {
                "false"
            } else {
                ""
            },
            "true",
        ));
    }
    Ok(changes)
}

/// The sys_id of the record of `table` named `name` (a presence state or service channel).
async fn lookup_id(client: &Client, table: &'static str, name: &str) -> Result<String, Error> {
    let rows = match client
        .list(table, &Query::new().eq("name", name), &["sys_id", "name"])
        .await
    {
        Ok(rows) => rows,
        Err(e) if e.invalid_table().is_some() => return Err(awa_inactive()),
        Err(e) => return Err(e.into()),
    };
    rows.iter()
        .find(|r| field(r, "name") == name)
        .map(|r| field(r, "sys_id").to_string())
        .ok_or_else(|| {
            Error::new(
                ErrorKind::CheckFailed,
                format!("the instance has no {table} record named \"{name}\""),
            )
            .with_hint(
                "create it under Advanced Work Assignment (Presence States / Service Channels)",
            )
        })
}

/// Whether `agent` is a member of a group that holds the `awa_agent` role.
async fn in_awa_group(client: &Client, agent: &str) -> Result<bool, ApiError> {
    let memberships = client
        .list(
            "sys_user_grmember",
            &Query::new().eq("user.user_name", agent),
            &["group", "user.user_name"],
        )
        .await?;
    let groups: Vec<&str> = memberships
        .iter()
        .filter(|r| field(r, "user.user_name") == agent)
        .map(|r| field(r, "group"))
        .filter(|g| !g.is_empty())
        .collect();
    if groups.is_empty() {
        return Ok(false);
    }
    let roles = client
        .list(
            "sys_group_has_role",
            &Query::new()
                .one_of("group", &groups)
                .eq("role.name", "awa_agent"),
            &["group", "role.name"],
        )
        .await?;
    Ok(roles
        .iter()
        .any(|r| field(r, "role.name") == "awa_agent" && groups.contains(&field(r, "group"))))
}

fn not_an_agent(agent: &str) -> Error {
    let quoted = shell_quote(agent);
    Error::new(
        ErrorKind::CheckFailed,
        format!("{agent} is not an AWA agent: they have no presence record and are in no group with the awa_agent role"),
    )
    .with_hint(format!(
        "put them in the AWA group first (step 4): sn-handoff group --fix --agent {quoted}, then sn-handoff agent available --user {quoted}"
    ))
}

fn awa_inactive() -> Error {
    Error::new(
        ErrorKind::CheckFailed,
        "Advanced Work Assignment is not active on the instance (its AWA Agent API and presence tables come with it)",
    )
    .with_hint("activate the plugins first (step 3): sn-handoff plugins --activate")
}

/// The presence the AWA Agent API answered: `(name, whether Chat is available)`.
fn answered_presence(body: &Value) -> (Option<String>, Option<bool>) {
    let presence = &body["result"]["presence"];
    let name = presence["name"].as_str().map(str::to_string);
    let chat = presence["channels"].as_array().and_then(|channels| {
        channels
            .iter()
            .find(|c| c["name"] == CHAT_CHANNEL)
            .and_then(|c| c["available"].as_bool())
    });
    (name, chat)
}

/// The row of this step.
pub static STEP: Step = Step {
    id: StepId::AgentAvailable,
    phase: Phase::Guide,
    why: "Chats are routed only to an agent who is Available on the Chat channel.",
    gate: None,
    check: |ctx| Box::pin(check(ctx)),
    fix: Some(|ctx, _| Box::pin(async move { fix(ctx).await.map(|c| summary(&c)).into() })),
};
