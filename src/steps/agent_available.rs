//! Step 6: the agent is Available in Advanced Work Assignment: `awa_agent_presence` (agent →
//! `sys_user`, `current_presence_state` → `awa_presence_state`, looked up by the state's
//! name, never a hard-coded sys_id), and available on the Chat service channel
//! (`awa_agent_channel_availability`). Both are read at once; without `--agent` the step is
//! skipped.

use serde_json::json;

use super::{shell_quote, Context, StepId, StepReport};
use crate::servicenow::{field, ApiError, Query};

/// The presence state a handoff needs.
pub const AVAILABLE: &str = "Available";
/// The service channel chats arrive on.
pub const CHAT_CHANNEL: &str = "Chat";

/// Reads and judges.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    let Some(agent) = ctx.opts.agent.as_deref() else {
        return Ok(StepReport::skip(StepId::AgentAvailable, "no --agent given"));
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
        return Ok(StepReport::fail(
            StepId::AgentAvailable,
            format!("there is no user with user_name {agent}"),
            json!({"agent": agent}),
            "pass the agent's user_name (as in User Administration → Users), e.g. --agent abel.tuter",
        ));
    }
    let presence = match presence {
        Ok(rows) => rows,
        Err(e) if e.invalid_table().is_some() => return Ok(StepReport::fail(
            StepId::AgentAvailable,
            "Advanced Work Assignment is not active (the instance has no awa_agent_presence table)",
            json!({"agent": agent, "presence": null}),
            "sn-handoff plugins --activate",
        )),
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
    Ok(match state.as_deref() {
        None => StepReport::fail(
            StepId::AgentAvailable,
            format!("{agent} has no AWA presence yet (not an agent of an AWA group)"),
            details,
            format!("sn-handoff group --fix --agent {quoted}, then sn-handoff agent available --user {quoted}"),
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
            format!("sn-handoff agent available --user {quoted}"),
        ),
        Some(other) => StepReport::fail(
            StepId::AgentAvailable,
            format!("{agent} is {}", if other.is_empty() { "in no presence state" } else { other }),
            details,
            format!("sn-handoff agent available --user {quoted}"),
        ),
    })
}
