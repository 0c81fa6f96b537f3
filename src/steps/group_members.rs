//! Step 4b: the AWA group has the agent as a member (`sys_user_grmember`, one dot-walked
//! query); without `--agent`, any active member passes.

use serde_json::json;

use super::{group_flag, group_problem, shell_quote, Context, StepId, StepReport};
use crate::servicenow::{field, ApiError, Query};

/// Reads and judges the group's members.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    let group = &ctx.opts.group;
    let query = Query::new().eq("group.name", group);
    let (lookup, rows, agent) = tokio::join!(
        ctx.group(),
        ctx.client.list(
            "sys_user_grmember",
            &query,
            &["group.name", "user.user_name", "user.active"]
        ),
        ctx.agent(),
    );
    let (lookup, rows, agent_lookup) = (lookup?, rows?, agent?);
    if let Some(problem) = group_problem(StepId::GroupMembers, group, &lookup) {
        return Ok(problem);
    }
    let mut members: Vec<String> = rows
        .iter()
        .filter(|r| field(r, "group.name") == group && field(r, "user.active") != "false")
        .map(|r| field(r, "user.user_name").to_string())
        .filter(|u| !u.is_empty())
        .collect();
    members.sort();
    members.dedup();
    let group_arg = group_flag(group);
    let details = json!({"group": group, "members": members});
    Ok(match ctx.opts.agent.as_deref() {
        Some(agent) if agent_lookup.matches.is_empty() => StepReport::fail(
            StepId::GroupMembers,
            format!("there is no user with user_name {agent}"),
            details,
            "pass the agent's user_name (as in User Administration → Users), e.g. --agent abel.tuter",
        ),
        Some(agent) if members.iter().any(|m| m == agent) => StepReport::pass(
            StepId::GroupMembers,
            format!("{agent} is a member of {group}"),
            details,
        ),
        Some(agent) => StepReport::fail(
            StepId::GroupMembers,
            format!("{agent} is not a member of {group}"),
            details,
            format!("sn-handoff group --fix{group_arg} --agent {}", shell_quote(agent)),
        ),
        None if members.is_empty() => StepReport::fail(
            StepId::GroupMembers,
            format!("{group} has no active members"),
            details,
            format!("sn-handoff group --fix{group_arg} --agent USER"),
        ),
        None => StepReport::pass(
            StepId::GroupMembers,
            format!("{group} has {} active member{}", members.len(), if members.len() == 1 { "" } else { "s" }),
            details,
        ),
    })
}
