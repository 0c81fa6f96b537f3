//! Deep step `assignment_rule`: the eligibility pool that offers the Chat queue's work to the
//! step-4 group names an active assignment rule. AWA picks the agent with the pool's rule; a
//! pool without one routes the chat to the queue and assigns nobody.
//!
//! Sources: ServiceNowDocs `conversational-interfaces/advanced-work-assignment/
//! awa-specify-assignment-eligibility.md` ("For each agent pool, select the assignment rule
//! that determines the assignment eligibility"; the form field is "Agent assignment rule") and
//! `installed-with-awa.md` (table `awa_assignment_rule`). The pool's column name is not
//! documented: the step asks for `assignment_rule` (the name public scripts use), dot-walked to
//! the rule's name and `active`, and says `warn` when the pools come back without that column
//! instead of guessing.
//!
//! Reads nothing of its own: the pools and queues of `routing` ([`Context::chat_pools`]) and
//! the group lookup. There is no fix through the API: the rule is the service owner's choice.

use serde_json::json;

use super::super::row::Step;
use super::super::{group_problem, Context, StepId, StepReport};
use super::routing::{group_id, serving_pool, CHAT};
use crate::servicenow::{field, ApiError, Row};

/// Reads and judges.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    let group = &ctx.opts.group;
    let (lookup, queues, pools) = tokio::join!(ctx.group(), ctx.chat_queues(), ctx.chat_pools());
    let lookup = lookup?;
    if group_problem(StepId::AssignmentRule, group, &lookup).is_some() {
        return Ok(StepReport::skip(
            StepId::AssignmentRule,
            format!("the group \"{group}\" was not found (see group_roles)"),
        ));
    }
    let (queues, pools) = (queues?.unwrap_or_default(), pools?);
    Ok(report(group, &group_id(&lookup), &queues, pools.as_deref()))
}

/// The verdict: `pools` is `None` when the pools' table does not exist.
pub fn report(group: &str, group_id: &str, queues: &[Row], pools: Option<&[Row]>) -> StepReport {
    let id = StepId::AssignmentRule;
    let Some(pool) = pools.and_then(|pools| serving_pool(group_id, queues, pools)) else {
        return StepReport::skip(
            id,
            format!(
                "no eligibility pool of an active {CHAT} queue holds \"{group}\" (see routing)"
            ),
        );
    };
    let queue = field(pool, "queue.name");
    let path = format!("Advanced Work Assignment → Queues → \"{queue}\" → Assignment Eligibility → the pool of \"{group}\" → Agent assignment rule: an active rule (Advanced Work Assignment → Assignment Rules)");
    let mut details = json!({"group": group, "queue": queue, "assignment_rule": null});
    if !pool.contains_key("assignment_rule") {
        return StepReport::warn(
            id,
            format!("the eligibility pool of \"{queue}\" came back without an assignment_rule column, so its assignment rule could not be confirmed"),
            details,
        )
        .with_fix(format!("check it by hand: {path}"));
    }
    let rule = field(pool, "assignment_rule.name");
    details["assignment_rule"] = json!(rule);
    if field(pool, "assignment_rule").is_empty() {
        return StepReport::fail(
            id,
            format!("the eligibility pool of \"{queue}\" for \"{group}\" has no assignment rule, so AWA routes the chat to the queue and assigns nobody"),
            details,
            path,
        );
    }
    if field(pool, "assignment_rule.active") == "false" {
        return StepReport::fail(
            id,
            format!("the assignment rule \"{rule}\" of the \"{queue}\" pool is inactive"),
            details,
            format!("activate it: Advanced Work Assignment → Assignment Rules → {rule} → Active"),
        );
    }
    StepReport::pass(
        id,
        format!("the \"{queue}\" pool assigns with the rule \"{rule}\""),
        details,
    )
}

/// The row of this step.
pub static STEP: Step = Step::deep(StepId::AssignmentRule, |ctx| Box::pin(check(ctx)));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::deep::row;
    use crate::steps::Status;

    #[test]
    fn verdicts() {
        let queues = [row(&[("sys_id", "q"), ("name", "Q"), ("active", "true")])];
        let pool = |rule: &str, active: &str| {
            row(&[
                ("queue", "q"),
                ("queue.name", "Q"),
                ("groups", "g"),
                ("assignment_rule", rule),
                ("assignment_rule.name", "R"),
                ("assignment_rule.active", active),
            ])
        };
        let r = report("G", "g", &queues, Some(&[pool("r", "true")]));
        assert_eq!(r.status, Status::Pass, "{}", r.summary);
        assert_eq!(
            report("G", "g", &queues, Some(&[pool("", "")])).status,
            Status::Fail
        );
        assert_eq!(
            report("G", "g", &queues, Some(&[pool("r", "false")])).status,
            Status::Fail
        );
        let bare = row(&[("queue", "q"), ("groups", "g")]);
        assert_eq!(
            report("G", "g", &queues, Some(&[bare])).status,
            Status::Warn
        );
        assert_eq!(
            report("G", "x", &queues, Some(&[pool("r", "true")])).status,
            Status::Skip
        );
    }
}
