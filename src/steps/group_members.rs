//! Step 4b: the AWA group has the agent as a member (`sys_user_grmember`, one dot-walked
//! query); without `--agent`, any active member passes. The fix inserts the agent's
//! `sys_user_grmember` row.

use serde_json::{json, Map, Value};

use super::change::{summary, Change, Transaction};
use super::engine::{Phase, Repair, Step};
use super::group::{require_group, require_user};
use super::{
    group_flag, group_problem, shell_quote, CommandLine, Context, GroupLookup, StepId, StepReport,
};
use crate::error::{Error, ErrorKind};
use crate::servicenow::{field, ApiError, Query};

/// The group lookup and the user_names of its active members, sorted.
async fn read(ctx: &Context) -> Result<(GroupLookup, Vec<String>), ApiError> {
    let group = &ctx.opts.group;
    let query = Query::new().eq("group.name", group);
    let (lookup, rows) = tokio::join!(
        ctx.group(),
        ctx.client.list(
            "sys_user_grmember",
            &query,
            &["group.name", "user.user_name", "user.active"]
        ),
    );
    let (lookup, rows) = (lookup?, rows?);
    let mut members: Vec<String> = rows
        .iter()
        .filter(|r| field(r, "group.name") == group && field(r, "user.active") != "false")
        .map(|r| field(r, "user.user_name").to_string())
        .filter(|u| !u.is_empty())
        .collect();
    members.sort();
    members.dedup();
    Ok((lookup, members))
}

/// Reads and judges the group's members.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    judge(ctx).await.map(|(report, _)| report)
}

/// Reads and judges the group's members; the user_names of its active members too, when the
/// group was found.
pub async fn judge(ctx: &Context) -> Result<(StepReport, Option<Vec<String>>), ApiError> {
    let group = &ctx.opts.group;
    let (members, agent) = tokio::join!(read(ctx), ctx.agent());
    let ((lookup, members), agent_lookup) = (members?, agent?);
    if let Some(problem) = group_problem(StepId::GroupMembers, group, &lookup) {
        return Ok((problem, None));
    }
    let group_arg = group_flag(group);
    let details = json!({"group": group, "members": members});
    let report = match ctx.opts.agent.as_deref() {
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
            CommandLine::new(format!("group --fix{group_arg} --agent {}", shell_quote(agent))),
        ),
        None if members.is_empty() => StepReport::fail(
            StepId::GroupMembers,
            format!("{group} has no active members"),
            details,
            CommandLine::new(format!("group --fix{group_arg} --agent USER")),
        ),
        None => StepReport::pass(
            StepId::GroupMembers,
            format!("{group} has {} active member{}", members.len(), if members.len() == 1 { "" } else { "s" }),
            details,
        ),
    };
    Ok((report, Some(members)))
}

/// Puts the agent in the group (one `sys_user_grmember` row) unless they are a member
/// already, then reads the members back. Without `--agent` there is nobody to add, and nothing
/// is written (the check still says when the group has no active member).
pub async fn fix(ctx: &Context) -> Result<Vec<Change>, Error> {
    let group = &ctx.opts.group;
    let (lookup, members) = read(ctx).await?;
    let group_id = require_group(group, &lookup)?;
    let Some(agent) = ctx.opts.agent.as_deref() else {
        return Ok(Vec::new());
    };
    let user = require_user(ctx, agent).await?;
    if members.iter().any(|m| m == agent) {
        return Ok(Vec::new());
    }
    if field(&user, "active") == "false" {
        return Err(Error::new(
            ErrorKind::CheckFailed,
            format!("the user {agent} is inactive, so they cannot take chats"),
        )
        .with_hint(format!(
            "activate them (User Administration → Users → {agent} → Active), or name another agent"
        )));
    }
    let mut values = Map::new();
    values.insert("group".into(), Value::String(group_id));
    values.insert(
        "user".into(),
        Value::String(field(&user, "sys_id").to_string()),
    );
    let mut tx = Transaction::new(&ctx.client);
    tx.insert("sys_user_grmember", values, group, "user", agent)
        .await?;
    let (_, members) = read(ctx).await?;
    if !members.iter().any(|m| m == agent) {
        return Err(Error::new(
            ErrorKind::WriteFailed,
            format!("the row was accepted, but {agent} is not among the members of {group} when read back"),
        ));
    }
    Ok(tx.commit())
}

/// The row of this step.
pub static STEP: Step = Step {
    id: StepId::GroupMembers,
    phase: Phase::Guide,
    why: "Handed-over chats reach only the agents of this group.",
    gate: None,
    check: |ctx| Box::pin(check(ctx)),
    fix: Some(|ctx, _| {
        Box::pin(async move {
            if ctx.opts.agent.is_none() {
                return Repair::Needs("name the agent to add with --agent USER".into());
            }
            fix(ctx).await.map(|c| summary(&c)).into()
        })
    }),
};
