//! Deep step `chat_presence`: Chat is a service channel of the Available presence state for the
//! agent, and the agent has it switched on there. AWA offers a chat only to an agent whose
//! `awa_agent_channel_availability` row for Chat and their current presence state says
//! `available` (SERVICENOW.md, Step 6); a state without Chat among its Service channels
//! leaves the agent "Available" with no chat ever offered.
//!
//! Sources: ServiceNowDocs `conversational-interfaces/advanced-work-assignment/
//! awa-configure-agent-presence.md` (a presence state has Active, "Available to receive work
//! items" and Service channels; for the Available state "be sure to enable it … so that AWA
//! can route work to agents") and `installed-with-awa.md` (the table
//! `awa_agent_channel_availability`: `agent`, `service_channel`, `presence_state`,
//! `available`). The state's own Service channels column is not documented, so the step judges
//! from the agent's availability rows, one per channel and presence state.
//!
//! One query (every agent's Chat rows); `agent_available` reads the agent's presence itself.
//! Without `--agent`, the step passes when any agent has Chat in the Available state.

use serde_json::json;

use super::super::{shell_quote, Context, StepId, StepReport};
use crate::servicenow::{field, ApiError, Query, Row};
use crate::steps::agent_available::{AVAILABLE, CHAT_CHANNEL};

/// Where Chat is added to the Available state (awa-configure-agent-presence.md).
pub const STATE_PATH: &str = "Advanced Work Assignment → Settings → Presence States → Available: Active, Available to receive work items, and Chat among its Service channels";

/// Reads and judges.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    let query = Query::new().eq("service_channel.name", CHAT_CHANNEL);
    let rows = ctx
        .client
        .list(
            "awa_agent_channel_availability",
            &query,
            &[
                "agent.user_name",
                "service_channel.name",
                "presence_state.name",
                "available",
            ],
        )
        .await;
    let rows = match rows {
        Ok(rows) => rows,
        Err(e) if e.invalid_table().is_some() => {
            return Ok(StepReport::fail(
                StepId::ChatPresence,
                "Advanced Work Assignment is not active (the instance has no awa_agent_channel_availability table)",
                json!({"agent": ctx.opts.agent}),
                "sn-handoff plugins --activate",
            ))
        }
        Err(e) => return Err(e),
    };
    let chat: Vec<Row> = rows
        .into_iter()
        .filter(|r| field(r, "service_channel.name") == CHAT_CHANNEL)
        .collect();
    Ok(report(ctx.opts.agent.as_deref(), &chat))
}

/// The verdict on the Chat availability rows.
pub fn report(agent: Option<&str>, rows: &[Row]) -> StepReport {
    let id = StepId::ChatPresence;
    let in_available = |r: &&Row| field(r, "presence_state.name") == AVAILABLE;
    let Some(agent) = agent else {
        let agents: Vec<&str> = rows
            .iter()
            .filter(in_available)
            .map(|r| field(r, "agent.user_name"))
            .collect();
        let details = json!({"agent": null, "agents": agents});
        return if agents.is_empty() {
            StepReport::fail(
                id,
                format!("no agent has {CHAT_CHANNEL} in the {AVAILABLE} presence state, so an Available agent is offered no chat"),
                details,
                STATE_PATH,
            )
        } else {
            StepReport::pass(
                id,
                format!("{CHAT_CHANNEL} is a channel of the {AVAILABLE} presence state"),
                details,
            )
        };
    };
    let mine: Vec<&Row> = rows
        .iter()
        .filter(|r| field(r, "agent.user_name") == agent)
        .collect();
    let states: Vec<&str> = mine
        .iter()
        .map(|r| field(r, "presence_state.name"))
        .collect();
    let details = json!({"agent": agent, "states": states});
    let quoted = shell_quote(agent);
    if mine.is_empty() {
        return StepReport::fail(
            id,
            format!("{agent} has no {CHAT_CHANNEL} availability in any presence state"),
            details,
            format!("sn-handoff agent available --user {quoted}; if it stays so: {STATE_PATH}"),
        );
    }
    match mine.iter().copied().find(in_available) {
        None => StepReport::fail(
            id,
            format!(
                "{CHAT_CHANNEL} is not a channel of the {AVAILABLE} presence state for {agent} (only of: {})",
                states.join(", ")
            ),
            details,
            STATE_PATH,
        ),
        Some(row) if field(row, "available") != "true" => StepReport::fail(
            id,
            format!("{agent} has {CHAT_CHANNEL} switched off in the {AVAILABLE} presence state"),
            details,
            format!("sn-handoff agent available --user {quoted}"),
        ),
        Some(_) => StepReport::pass(
            id,
            format!("{agent} takes {CHAT_CHANNEL} in the {AVAILABLE} presence state"),
            details,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::deep::row;
    use crate::steps::Status;

    #[test]
    fn verdicts() {
        let r = |agent: &str, state: &str, on: &str| {
            row(&[
                ("agent.user_name", agent),
                ("presence_state.name", state),
                ("available", on),
            ])
        };
        let ok = [r("abel", "Available", "true"), r("abel", "Away", "false")];
        assert_eq!(report(Some("abel"), &ok).status, Status::Pass);
        assert_eq!(report(None, &ok).status, Status::Pass);
        let away = [r("abel", "Away", "true")];
        let v = report(Some("abel"), &away);
        assert_eq!(v.status, Status::Fail);
        assert!(v.summary.contains("only of: Away"), "{}", v.summary);
        assert!(v.fix.unwrap().contains("Presence States"));
        assert_eq!(report(None, &away).status, Status::Fail);
        let off = [r("abel", "Available", "false")];
        assert!(report(Some("abel"), &off)
            .fix
            .unwrap()
            .starts_with("sn-handoff agent available"));
        assert_eq!(report(Some("bob"), &ok).status, Status::Fail);
    }
}
