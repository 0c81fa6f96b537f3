//! Deep step `capacity`: an Available agent (the `--agent` one when given) has capacity left on
//! the Chat channel. An agent whose Chat workload has reached their capacity is offered no new
//! chat, and the requester reads "No agents are available" however Available they are.
//!
//! Sources: ServiceNowDocs `conversational-interfaces/advanced-work-assignment/
//! awa-service-channel-capacity.md` (capacity per agent and channel: the channel's "Default
//! capacity", overrides in `awa_agent_capacity`) and `awa-agent-presence.md` (the "Agent
//! Presence & Capacity" list, `awa_agent_presence_capacity`). The view's column names are not
//! documented; the ones asked for (`ap_agent`, `ap_current_presence_state`, `ac_channel`,
//! `ac_workload`, `ac_applied_max_capacity`) are those public scripts use (docs/servicenow.md,
//! "verify"). When the rows come back without them the step says `warn`, never a guess.
//!
//! One query. There is no fix through the API: capacity is freed by closing the agent's chats
//! or raised by an admin.

use serde_json::json;

use super::super::row::Step;
use super::super::{Context, StepId, StepReport};
use crate::servicenow::{field, ApiError, Query, Row};
use crate::steps::agent_available::{AVAILABLE, CHAT_CHANNEL};

/// The "Agent Presence & Capacity" view.
pub const VIEW: &str = "awa_agent_presence_capacity";

/// How capacity is freed or raised (awa-service-channel-capacity.md).
pub const CAPACITY_PATH: &str = "close or transfer the agent's open chats (Agent Workspace → Inbox), or raise the capacity: Advanced Work Assignment → Service Channels → Chat → Default capacity, or its Agent Capacity Override related list";

/// Reads and judges.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    let rows = ctx
        .client
        .list(
            VIEW,
            &Query::new().eq("ac_channel.name", CHAT_CHANNEL),
            &[
                "ap_agent.user_name",
                "ap_current_presence_state.name",
                "ac_channel.name",
                "ac_workload",
                "ac_applied_max_capacity",
            ],
        )
        .await;
    let rows = match rows {
        Ok(rows) => rows,
        Err(e) if e.invalid_table().is_some() => {
            return Ok(StepReport::warn(
                StepId::Capacity,
                format!("the instance has no {VIEW} view, so the agents' {CHAT_CHANNEL} capacity could not be read"),
                json!({"agent": ctx.opts.agent}),
            )
            .with_fix(format!("check it by hand: Advanced Work Assignment → Agent Presence & Capacity; {CAPACITY_PATH}")))
        }
        Err(e) => return Err(e),
    };
    Ok(report(ctx.opts.agent.as_deref(), &rows))
}

/// The verdict on the view's rows.
pub fn report(agent: Option<&str>, rows: &[Row]) -> StepReport {
    let known = |r: &&Row| {
        ["ac_channel.name", "ac_workload", "ac_applied_max_capacity"]
            .iter()
            .all(|c| r.contains_key(*c))
    };
    if !rows.is_empty() && !rows.iter().any(|r| known(&r)) {
        return StepReport::warn(
            StepId::Capacity,
            format!("{VIEW} came back without its workload and capacity columns, so the agents' {CHAT_CHANNEL} capacity could not be confirmed"),
            json!({"agent": agent}),
        )
        .with_fix(format!("check it by hand: Advanced Work Assignment → Agent Presence & Capacity; {CAPACITY_PATH}"));
    }
    let chat: Vec<&Row> = rows
        .iter()
        .filter(known)
        .filter(|r| field(r, "ac_channel.name") == CHAT_CHANNEL)
        .collect();
    match agent {
        Some(agent) => agent_verdict(agent, &chat),
        None => any_agent_verdict(&chat),
    }
}

/// Whether the Chat row `r` has capacity left (its workload below its applied capacity).
fn left(r: &Row) -> bool {
    let number = |c: &str| field(r, c).trim().parse::<f64>().unwrap_or(0.0);
    number("ac_workload") < number("ac_applied_max_capacity")
}

/// The Chat row `r`'s load in words: "workload of capacity".
fn load(r: &Row) -> String {
    format!(
        "{} of {}",
        field(r, "ac_workload"),
        field(r, "ac_applied_max_capacity")
    )
}

/// Decides the verdict for `agent` from the `chat` rows: pass when their row has capacity
/// left, fail when it has none, warn without a row.
fn agent_verdict(agent: &str, chat: &[&Row]) -> StepReport {
    let id = StepId::Capacity;
    let Some(row) = chat
        .iter()
        .find(|r| field(r, "ap_agent.user_name") == agent)
    else {
        return StepReport::warn(
            id,
            format!("{agent} has no {CHAT_CHANNEL} capacity record (they may not be Available yet)"),
            json!({"agent": agent}),
        )
        .with_fix(format!("make them Available first (sn-handoff agent available --agent {agent}); if it stays so: {CAPACITY_PATH}"));
    };
    let details = json!({"agent": agent, "workload": field(row, "ac_workload"), "capacity": field(row, "ac_applied_max_capacity")});
    if left(row) {
        StepReport::pass(
            id,
            format!(
                "{agent} has {CHAT_CHANNEL} capacity left ({} chats)",
                load(row)
            ),
            details,
        )
    } else {
        StepReport::fail(
            id,
            format!("{agent} has no {CHAT_CHANNEL} capacity left ({} chats), so no new chat is offered to them", load(row)),
            details,
            CAPACITY_PATH,
        )
    }
}

/// Decides the verdict without `--agent` from the `chat` rows: pass when some Available agent
/// has capacity left, fail when none has, skip when no agent is Available on Chat.
fn any_agent_verdict(chat: &[&Row]) -> StepReport {
    let id = StepId::Capacity;
    let available: Vec<&Row> = chat
        .iter()
        .copied()
        .filter(|r| field(r, "ap_current_presence_state.name") == AVAILABLE)
        .collect();
    if available.is_empty() {
        return StepReport::skip(
            id,
            format!("no agent is {AVAILABLE} on {CHAT_CHANNEL} (see agent_available)"),
        );
    }
    let free: Vec<&str> = available
        .iter()
        .filter(|r| left(r))
        .map(|r| field(r, "ap_agent.user_name"))
        .collect();
    let details = json!({"agent": null, "with_capacity": free});
    if free.is_empty() {
        StepReport::fail(
            id,
            format!("every {AVAILABLE} agent has used their {CHAT_CHANNEL} capacity, so no new chat is offered"),
            details,
            CAPACITY_PATH,
        )
    } else {
        StepReport::pass(
            id,
            format!(
                "{} {AVAILABLE} agent(s) have {CHAT_CHANNEL} capacity left",
                free.len()
            ),
            details,
        )
    }
}

/// The row of this step.
pub static STEP: Step = Step::deep(StepId::Capacity, |ctx| Box::pin(check(ctx)));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::deep::row;
    use crate::steps::Status;

    #[test]
    fn verdicts() {
        let r = |agent: &str, state: &str, load: &str, max: &str| {
            row(&[
                ("ap_agent.user_name", agent),
                ("ap_current_presence_state.name", state),
                ("ac_channel.name", "Chat"),
                ("ac_workload", load),
                ("ac_applied_max_capacity", max),
            ])
        };
        assert_eq!(
            report(Some("a"), &[r("a", "Available", "0", "2")]).status,
            Status::Pass
        );
        let full = report(Some("a"), &[r("a", "Available", "2", "2")]);
        assert_eq!(full.status, Status::Fail);
        assert!(full.summary.contains("2 of 2"), "{}", full.summary);
        assert_eq!(
            report(None, &[r("a", "Available", "2", "2")]).status,
            Status::Fail
        );
        assert_eq!(
            report(None, &[r("a", "Away", "0", "2")]).status,
            Status::Skip
        );
        assert_eq!(
            report(Some("b"), &[r("a", "Available", "0", "2")]).status,
            Status::Warn
        );
        let bare = row(&[("ap_agent.user_name", "a")]);
        assert_eq!(report(Some("a"), &[bare]).status, Status::Warn);
    }
}
