//! Deep step `chat_presence`: Chat is a service channel of the Available presence state for the
//! agent, and the agent has it switched on there. AWA offers a chat only to an agent whose
//! `awa_agent_channel_availability` row for Chat and their current presence state says
//! `available` (docs/servicenow.md); a state without Chat among its Service channels
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
//! Two queries at once: with `--agent` the agent's presence and Chat rows, the very reads of
//! `agent_available` (made once for both, [`Context::agent_presence`]); without it every
//! Available agent's presence and every agent's Chat rows.
//! An agent who is not Available is `agent_available`'s failure: this step then says `skip`.
//! Without `--agent`, it passes when an Available agent takes Chat in that state.

use serde_json::json;

use super::super::row::Step;
use super::super::{shell_quote, CommandLine, Context, StepId, StepReport};
use crate::servicenow::{field, ApiError, Query, Row};
use crate::steps::agent_available::{AVAILABLE, CHAT_CHANNEL};

/// Where Chat is added to the Available state (awa-configure-agent-presence.md).
pub const STATE_PATH: &str = "Advanced Work Assignment → Settings → Presence States → Available: Active, Available to receive work items, and Chat among its Service channels";

/// Reads and judges.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    let agent = ctx.opts.agent.as_deref();
    let (presences, rows) = match agent {
        // The agent's rows, as `agent_available` reads them (once for both).
        Some(_) => {
            let read = ctx.agent_presence().await;
            (read.presence, read.chat)
        }
        None => {
            let available = Query::new().eq("current_presence_state.name", AVAILABLE);
            let on_chat = Query::new().eq("service_channel.name", CHAT_CHANNEL);
            tokio::join!(
                ctx.client.list(
                    "awa_agent_presence",
                    &available,
                    &["agent.user_name", "current_presence_state.name"],
                ),
                ctx.client.list(
                    "awa_agent_channel_availability",
                    &on_chat,
                    &[
                        "agent.user_name",
                        "service_channel.name",
                        "presence_state.name",
                        "available",
                    ],
                ),
            )
        }
    };
    let inactive = |e: &ApiError| e.invalid_table().is_some();
    let (presences, rows) =
        match (presences, rows) {
            (Ok(p), Ok(r)) => (p, r),
            (Err(e), _) | (_, Err(e)) if inactive(&e) => return Ok(StepReport::fail(
                StepId::ChatPresence,
                "Advanced Work Assignment is not active (the instance has no AWA presence tables)",
                json!({"agent": agent}),
                CommandLine::new("plugins --activate"),
            )),
            (Err(e), _) | (_, Err(e)) => return Err(e),
        };
    let chat: Vec<Row> = rows
        .into_iter()
        .filter(|r| field(r, "service_channel.name") == CHAT_CHANNEL)
        .collect();
    Ok(report(agent, &presences, &chat))
}

/// The verdict on the agents' presences and their Chat availability rows.
pub fn report(agent: Option<&str>, presences: &[Row], rows: &[Row]) -> StepReport {
    match agent {
        Some(agent) => agent_verdict(agent, presences, rows),
        None => any_agent_verdict(presences, rows),
    }
}

/// The name of `user`'s presence state, `None` without a presence row.
fn state_of<'a>(presences: &'a [Row], user: &str) -> Option<&'a str> {
    presences
        .iter()
        .find(|p| field(p, "agent.user_name") == user)
        .map(|p| field(p, "current_presence_state.name"))
}

/// `user`'s Chat row in the Available state.
fn chat_row<'a>(rows: &'a [Row], user: &str) -> Option<&'a Row> {
    rows.iter().find(|r| {
        field(r, "agent.user_name") == user && field(r, "presence_state.name") == AVAILABLE
    })
}

/// Decides the verdict without `--agent`: pass when some Available agent takes Chat in that
/// state, fail when none does, skip when no agent is Available.
fn any_agent_verdict(presences: &[Row], rows: &[Row]) -> StepReport {
    let id = StepId::ChatPresence;
    let available: Vec<&str> = presences
        .iter()
        .filter(|p| field(p, "current_presence_state.name") == AVAILABLE)
        .map(|p| field(p, "agent.user_name"))
        .collect();
    if available.is_empty() {
        return StepReport::skip(id, format!("no agent is {AVAILABLE} (see agent_available)"));
    }
    let on_chat: Vec<&str> = available
        .iter()
        .copied()
        .filter(|a| chat_row(rows, a).is_some_and(|r| field(r, "available") == "true"))
        .collect();
    let details = json!({"agent": null, "available": available, "on_chat": on_chat});
    if on_chat.is_empty() {
        StepReport::fail(
            id,
            format!("no {AVAILABLE} agent takes {CHAT_CHANNEL} in that state, so an {AVAILABLE} agent is offered no chat"),
            details,
            STATE_PATH,
        )
    } else {
        StepReport::pass(
            id,
            format!(
                "{} {AVAILABLE} agent(s) take {CHAT_CHANNEL} in that state",
                on_chat.len()
            ),
            details,
        )
    }
}

/// Decides the verdict for `agent`: skip when they are not Available (`agent_available`'s
/// failure), fail when Chat is not a channel of that state for them or is switched off there.
fn agent_verdict(agent: &str, presences: &[Row], rows: &[Row]) -> StepReport {
    let id = StepId::ChatPresence;
    let states: Vec<&str> = rows
        .iter()
        .filter(|r| field(r, "agent.user_name") == agent)
        .map(|r| field(r, "presence_state.name"))
        .collect();
    let details =
        json!({"agent": agent, "presence": state_of(presences, agent), "chat_states": states});
    match state_of(presences, agent) {
        Some(AVAILABLE) => {}
        Some(other) => {
            return StepReport::skip(
                id,
                format!(
                    "{agent} is {}, not {AVAILABLE} (see agent_available)",
                    if other.is_empty() {
                        "in no presence state"
                    } else {
                        other
                    }
                ),
            )
        }
        None => {
            return StepReport::skip(
                id,
                format!("{agent} has no AWA presence (see agent_available)"),
            )
        }
    }
    match chat_row(rows, agent) {
        None => StepReport::fail(
            id,
            format!(
                "{agent} is {AVAILABLE}, but {CHAT_CHANNEL} is not a channel of that state for them (their {CHAT_CHANNEL} availability is for: {})",
                if states.is_empty() { "no state".to_string() } else { states.join(", ") }
            ),
            details,
            STATE_PATH,
        ),
        Some(row) if field(row, "available") != "true" => StepReport::fail(
            id,
            format!("{agent} is {AVAILABLE} with {CHAT_CHANNEL} switched off"),
            details,
            CommandLine::new(format!("agent available --agent {}", shell_quote(agent))),
        ),
        Some(_) => StepReport::pass(
            id,
            format!("{agent} takes {CHAT_CHANNEL} in the {AVAILABLE} presence state"),
            details,
        ),
    }
}

/// The row of this step.
pub static STEP: Step = Step::deep(StepId::ChatPresence, |ctx| Box::pin(check(ctx)));

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
        let p = |agent: &str, state: &str| {
            row(&[
                ("agent.user_name", agent),
                ("current_presence_state.name", state),
            ])
        };
        let here = [p("abel", "Available")];
        let ok = [r("abel", "Available", "true"), r("abel", "Away", "false")];
        assert_eq!(report(Some("abel"), &here, &ok).status, Status::Pass);
        assert_eq!(report(None, &here, &ok).status, Status::Pass);
        let away = [r("abel", "Away", "true")];
        let v = report(Some("abel"), &here, &away);
        assert_eq!(v.status, Status::Fail);
        assert!(v.summary.contains("is for: Away"), "{}", v.summary);
        assert!(v.fix_text().unwrap().contains("Presence States"));
        assert_eq!(report(None, &here, &away).status, Status::Fail);
        let off = [r("abel", "Available", "false")];
        assert!(report(Some("abel"), &here, &off)
            .fix_text()
            .unwrap()
            .starts_with("sn-handoff agent available --agent"));
        assert_eq!(
            report(Some("abel"), &[p("abel", "Offline")], &ok).status,
            Status::Skip
        );
        assert_eq!(report(Some("bob"), &here, &ok).status, Status::Skip);
        assert_eq!(report(None, &[], &ok).status, Status::Skip);
    }
}
