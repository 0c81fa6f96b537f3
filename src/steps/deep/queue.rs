//! Deep step `queue`: the first link of the way a handed-over chat takes. The Virtual Agent
//! API hands the chat to Advanced Work Assignment, which routes it to a queue of the Chat
//! service channel; without an active one the chat waits forever and the requester reads "No
//! agents are available".
//!
//! Sources: ServiceNowDocs `conversational-interfaces/advanced-work-assignment/
//! awa-create-queue.md` (a queue has a Service channel and Active; queues live in `awa_queue`).
//! The queues are read once for this step and `routing` ([`Context::chat_queues`]). There is no
//! fix through the API (a queue's routing condition is the service owner's choice): the step
//! prints the UI path.

use serde_json::json;

use super::super::row::Step;
use super::super::{CommandLine, Context, StepId, StepReport};
use super::routing::CHAT;
use crate::servicenow::{field, ApiError, Row};

/// Where a Chat queue is made (awa-create-queue.md).
pub const QUEUE_PATH: &str = "Advanced Work Assignment → Queues → New: Service channel Chat, Active, with a condition that matches the bot's chats (or activate an existing Chat queue)";

/// Reads and judges.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    Ok(match ctx.chat_queues().await? {
        Some(queues) => report(&queues),
        None => StepReport::fail(
            StepId::Queue,
            "Advanced Work Assignment is not active (the instance has no awa_queue table)",
            json!({"channel": CHAT, "queues": []}),
            CommandLine::new("plugins --activate"),
        ),
    })
}

/// The verdict on the Chat queues.
pub fn report(queues: &[Row]) -> StepReport {
    let names = |active: bool| -> Vec<&str> {
        queues
            .iter()
            .filter(|q| (field(q, "active") != "false") == active)
            .map(|q| field(q, "name"))
            .collect()
    };
    let (active, inactive) = (names(true), names(false));
    let details = json!({"channel": CHAT, "queues": active, "inactive": inactive});
    match active.as_slice() {
        [] => {
            let also = if inactive.is_empty() {
                String::new()
            } else {
                format!(" (inactive: {})", inactive.join(", "))
            };
            StepReport::fail(
                StepId::Queue,
                format!("there is no active AWA queue on the {CHAT} channel{also}, so a handed-over chat is never routed"),
                details,
                QUEUE_PATH,
            )
        }
        [one] => StepReport::pass(
            StepId::Queue,
            format!("the {CHAT} queue \"{one}\" is active"),
            details,
        ),
        many => StepReport::pass(
            StepId::Queue,
            format!(
                "{} {CHAT} queues are active ({})",
                many.len(),
                many.join(", ")
            ),
            details,
        ),
    }
}

/// The row of this step.
pub static STEP: Step = Step::deep(StepId::Queue, |ctx| Box::pin(check(ctx)));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::deep::row;
    use crate::steps::Status;

    #[test]
    fn verdicts() {
        let q = |name: &str, active: &str| row(&[("name", name), ("active", active)]);
        assert_eq!(report(&[q("A", "true")]).status, Status::Pass);
        let r = report(&[q("Old", "false")]);
        assert_eq!(r.status, Status::Fail);
        assert!(r.summary.contains("inactive: Old"), "{}", r.summary);
        assert_eq!(report(&[]).status, Status::Fail);
        assert!(report(&[q("A", "true"), q("B", "true")])
            .summary
            .contains("2 Chat queues"));
    }
}
