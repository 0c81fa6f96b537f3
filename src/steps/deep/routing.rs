//! Deep step `routing`: an active Advanced Work Assignment queue on the Chat service channel
//! (the `queue` step) has an eligibility pool that holds the step-4 group, so a chat handed over is offered to the
//! group's Available agent.
//!
//! Sources: ServiceNowDocs `conversational-interfaces/advanced-work-assignment/
//! awa-create-queue.md` (a queue has a Service channel and Active; queues live in `awa_queue`),
//! `awa-specify-assignment-eligibility.md` ("If you don't define an eligible assignment pool
//! for a queue, work items are routed to the queue but AWA doesn't assign them"; a pool's
//! Groups field is a list of groups) and `installed-with-awa.md` (the table
//! `awa_eligibility_pool`). The pool's column names (`queue`, `groups`) are not documented:
//! when the pools come back without a `groups` column the step says `warn` instead of guessing.
//! The queue's routing condition is not evaluated (a script may decide it); `smoke-test` proves
//! the whole way.
//!
//! Reads the Chat queues and their eligibility pools (two queries, at once, shared with `queue`
//! and `assignment_rule`) and the group of step 4 (shared with the other steps). There is no fix through the API (a pool needs an
//! assignment rule chosen by someone who knows the service); the step prints the UI path.

use serde_json::json;

use super::super::row::Step;
use super::super::{group_problem, CommandLine, Context, GroupLookup, StepId, StepReport};
use crate::servicenow::{field, ApiError, Row};

/// The service channel live chats are routed on.
pub const CHAT: &str = "Chat";

/// Reads and judges. A missing queue is the `queue` step's failure: without an active Chat
/// queue this step says `skip`.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    let group_name = &ctx.opts.group;
    let (lookup, queues, pools) = tokio::join!(ctx.group(), ctx.chat_queues(), ctx.chat_pools());
    let lookup = lookup?;
    if let Some(problem) = group_problem(StepId::Routing, group_name, &lookup) {
        return Ok(problem);
    }
    let Some(queues) = queues? else {
        return Ok(StepReport::fail(
            StepId::Routing,
            "Advanced Work Assignment is not active (the instance has no awa_queue table)",
            json!({"group": group_name}),
            CommandLine::new("plugins --activate"),
        ));
    };
    Ok(report(
        group_name,
        &group_id(&lookup),
        &queues,
        pools?.as_deref(),
    ))
}

/// The sys_id of the group of step 4 (empty when it was not found).
pub(crate) fn group_id(lookup: &GroupLookup) -> String {
    lookup
        .matches
        .first()
        .map(|r| field(r, "sys_id").to_string())
        .unwrap_or_default()
}

/// The first eligibility pool of an active queue in `queues` whose groups hold `group_id`.
pub(crate) fn serving_pool<'a>(
    group_id: &str,
    queues: &[Row],
    pools: &'a [Row],
) -> Option<&'a Row> {
    pools.iter().find(|p| {
        field(p, "groups").split(',').any(|g| g.trim() == group_id)
            && queues
                .iter()
                .any(|q| field(q, "sys_id") == field(p, "queue") && field(q, "active") != "false")
    })
}

/// Where a group is made eligible for a queue's work (awa-specify-assignment-eligibility.md).
fn ui_path(group: &str, queue: Option<&str>) -> String {
    let queue = queue.map_or_else(
        || "a queue with Service channel Chat (or New)".to_string(),
        |q| format!("\"{q}\""),
    );
    format!("Advanced Work Assignment → Queues → {queue} → Assignment Eligibility → New: Groups \"{group}\", with a chat assignment rule")
}

/// The verdict: `pools` is `None` when the pools could not be read.
pub fn report(group: &str, group_id: &str, queues: &[Row], pools: Option<&[Row]>) -> StepReport {
    let names = |rows: &[&Row]| -> Vec<String> {
        rows.iter().map(|r| field(r, "name").to_string()).collect()
    };
    let active: Vec<&Row> = queues
        .iter()
        .filter(|q| field(q, "active") != "false")
        .collect();
    let details = json!({"group": group, "channel": CHAT, "queues": names(&queues.iter().collect::<Vec<_>>())});
    if active.is_empty() {
        return StepReport::skip(
            StepId::Routing,
            format!("there is no active {CHAT} queue whose pools could hold \"{group}\" (see the queue step)"),
        );
    }
    let Some(pools) = pools else {
        return StepReport::warn(
            StepId::Routing,
            format!("could not read the eligibility pools (awa_eligibility_pool) of the {CHAT} queues to see whether \"{group}\" is offered their work"),
            details,
        )
        .with_fix(format!("check it by hand: {}", ui_path(group, None)));
    };
    if !pools.is_empty() && pools.iter().all(|p| !p.contains_key("groups")) {
        return StepReport::warn(
            StepId::Routing,
            format!("the eligibility pools of the {CHAT} queues came back without their groups column, so whether \"{group}\" is offered their work could not be confirmed"),
            details,
        )
        .with_fix(format!("check it by hand: {}", ui_path(group, None)));
    }
    let holds_group = |queue: &Row| {
        pools.iter().any(|p| {
            field(p, "queue") == field(queue, "sys_id")
                && field(p, "groups").split(',').any(|g| g.trim() == group_id)
        })
    };
    let serving: Vec<&Row> = active.iter().copied().filter(|q| holds_group(q)).collect();
    if let Some(queue) = serving.first() {
        return StepReport::pass(
            StepId::Routing,
            format!(
                "the {CHAT} queue \"{}\" offers its work to \"{group}\"",
                field(queue, "name")
            ),
            details,
        );
    }
    let inactive: Vec<&Row> = queues
        .iter()
        .filter(|q| field(q, "active") == "false" && holds_group(q))
        .collect();
    let (also, or_activate) = match inactive.first() {
        Some(queue) => (
            format!("; the inactive \"{}\" would", field(queue, "name")),
            format!(
                ", or activate \"{0}\" (Advanced Work Assignment → Queues → {0} → Active)",
                field(queue, "name")
            ),
        ),
        None => (String::new(), String::new()),
    };
    StepReport::fail(
        StepId::Routing,
        format!(
            "no active {CHAT} queue offers its work to \"{group}\" (active {CHAT} queues: {}{also})",
            names(&active).join(", ")
        ),
        details,
        format!(
            "{}{or_activate}",
            ui_path(group, active.first().map(|q| field(q, "name")))
        ),
    )
}

/// The row of this step.
pub static STEP: Step = Step::deep(StepId::Routing, |ctx| Box::pin(check(ctx)));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::deep::row;
    use crate::steps::Status;

    #[test]
    fn verdicts() {
        let queue =
            |id: &str, active: &str| row(&[("sys_id", id), ("name", id), ("active", active)]);
        let pool = |q: &str, groups: &str| row(&[("queue", q), ("groups", groups)]);
        let queues = [queue("q1", "true"), queue("q2", "false")];
        let r = report("G", "g", &queues, Some(&[pool("q1", "x, g")]));
        assert_eq!(r.status, Status::Pass, "{}", r.summary);
        let r = report("G", "g", &queues, Some(&[pool("q2", "g")]));
        assert_eq!(r.status, Status::Fail);
        assert!(
            r.summary.contains("the inactive \"q2\" would"),
            "{}",
            r.summary
        );
        assert!(r.fix_text().unwrap().contains("or activate \"q2\""));
        let r = report("G", "g", &queues, Some(&[pool("q1", "x")]));
        assert_eq!(r.status, Status::Fail);
        assert!(r.fix_text().unwrap().contains("Assignment Eligibility"));
        let r = report("G", "g", &queues, None);
        assert_eq!(r.status, Status::Warn);
        let r = report("G", "g", &queues, Some(&[row(&[("queue", "q1")])]));
        assert_eq!(r.status, Status::Warn);
        let r = report("G", "g", &[], Some(&[]));
        assert_eq!(r.status, Status::Skip);
    }
}
