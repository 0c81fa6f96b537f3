//! Step 4b: the AWA group has the agent as a member; without `--agent`, any active member
//! passes. The group is never listed (it may have thousands of members, and a list is read
//! whole or not at all): with `--agent` the step asks for the agent's own
//! `sys_user_grmember` row, and for the count of active members it reads `X-Total-Count` of a
//! one-row page. The fix inserts the agent's row unless one exists, whatever the user's state.

use serde_json::{json, Map, Value};

use super::change::{summary, Change, Transaction};
use super::group::{require_group, require_user};
use super::row::{Phase, Repair, Settle, Step};
use super::{
    group_flag, group_problem, one_active_group, shell_quote, CommandLine, Context, StepId,
    StepReport,
};
use crate::error::{Error, ErrorKind};
use crate::servicenow::{field, ApiError, Query, Row};

/// Names shown of a group's active members when no agent is named (for people, and for the
/// wizard's pick of an agent); the count says how many there are in all.
const SAMPLE: usize = 10;

/// What the step reads, all at once.
struct Members {
    /// Active members, counted by the instance.
    count: usize,
    /// Some of their user_names, sorted (at most [`SAMPLE`]; one with `--agent`).
    sample: Vec<String>,
    /// With `--agent`: the agent's membership rows (dot-walked `user.active`).
    agent_rows: Vec<Row>,
    /// Whether the rows found all belong to one active group.
    one_group: bool,
}

/// The active-member count with a few names, and the agent's own membership rows, in one
/// round trip (the group and user are named by dot-walked fields).
async fn read(ctx: &Context) -> Result<Members, ApiError> {
    let group = &ctx.opts.group;
    let agent = ctx.opts.agent.as_deref();
    let active = Query::new()
        .eq("group.name", group)
        .eq("user.active", "true")
        .order_by("user.user_name");
    let fields = [
        "group",
        "group.name",
        "group.active",
        "user.user_name",
        "user.active",
    ];
    let sample = if agent.is_some() { 1 } else { SAMPLE };
    let (counted, own) = tokio::join!(
        ctx.client
            .count("sys_user_grmember", &active, &fields, sample),
        async {
            match agent {
                Some(agent) => {
                    let query = Query::new()
                        .eq("group.name", group)
                        .eq("user.user_name", agent);
                    ctx.client.list("sys_user_grmember", &query, &fields).await
                }
                None => Ok(Vec::new()),
            }
        },
    );
    let ((count, rows), own) = (counted?, own?);
    // A condition on a field the table lacks is dropped silently: check what came back.
    let rows: Vec<Row> = rows
        .into_iter()
        .filter(|r| field(r, "group.name") == group && field(r, "user.active") == "true")
        .collect();
    let mut sample: Vec<String> = rows
        .iter()
        .map(|r| field(r, "user.user_name").to_string())
        .filter(|u| !u.is_empty())
        .collect();
    sample.sort();
    sample.dedup();
    let agent_rows: Vec<Row> = own
        .into_iter()
        .filter(|r| field(r, "group.name") == group && Some(field(r, "user.user_name")) == agent)
        .collect();
    // One active group behind every row found: the group needs no lookup (see `judge`).
    let found: Vec<Row> = rows.iter().chain(&agent_rows).cloned().collect();
    Ok(Members {
        count,
        sample,
        one_group: one_active_group(&found),
        agent_rows,
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Reads and judges the group's members.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    judge(ctx).await.map(|(report, _)| report)
}

/// Reads and judges the group's members; the user_names of its active members too, when the
/// group was found.
pub async fn judge(ctx: &Context) -> Result<(StepReport, Option<Vec<String>>), ApiError> {
    let group = &ctx.opts.group;
    let members = read(ctx).await?;
    let member = !members.agent_rows.is_empty();
    let active = members
        .agent_rows
        .iter()
        .any(|r| field(r, "user.active") != "false");
    // What passes on the rows of one active group needs no lookup; anything else is explained
    // with the group itself (missing, inactive or named twice) and the agent's user row.
    let passes = match ctx.opts.agent {
        Some(_) => member && active,
        None => members.count > 0,
    };
    if !(passes && members.one_group) {
        // The agent's user row too, when they are not a member: both in one round trip.
        let user = async {
            if !member && ctx.opts.agent.is_some() {
                let _ = ctx.agent().await;
            }
        };
        let (lookup, ()) = tokio::join!(ctx.group_explained(), user);
        let lookup = lookup?;
        if let Some(problem) = group_problem(StepId::GroupMembers, group, &lookup) {
            return Ok((problem, None));
        }
    }
    let Some(agent) = ctx.opts.agent.as_deref() else {
        return Ok(members_verdict(group, members));
    };
    let known = member || !ctx.agent().await?.matches.is_empty();
    Ok(agent_verdict(group, agent, &members, known))
}

/// Decides the verdict without `--agent`: pass when the group has an active member, with
/// their user_names (a sample).
fn members_verdict(group: &str, members: Members) -> (StepReport, Option<Vec<String>>) {
    let count = members.count;
    let details = json!({"group": group, "members": members.sample, "member_count": count});
    let report = if count == 0 {
        StepReport::fail(
            StepId::GroupMembers,
            format!("{group} has no active members"),
            details,
            CommandLine::new(format!("group --fix{} --agent USER", group_flag(group))),
        )
    } else {
        StepReport::pass(
            StepId::GroupMembers,
            format!("{group} has {count} active member{}", plural(count)),
            details,
        )
    };
    (report, Some(members.sample))
}

/// Decides the verdict for `agent` (`known`: whether such a user exists): pass when they are
/// an active member of the group, fail when they are not a member, inactive, or no user.
fn agent_verdict(
    group: &str,
    agent: &str,
    members: &Members,
    known: bool,
) -> (StepReport, Option<Vec<String>>) {
    let member = !members.agent_rows.is_empty();
    let active = members
        .agent_rows
        .iter()
        .any(|r| field(r, "user.active") != "false");
    let listed: Vec<String> = if member && active {
        vec![agent.to_string()]
    } else {
        vec![]
    };
    let details = json!({"group": group, "members": listed, "member_count": members.count});
    let report = if !known {
        StepReport::fail(
            StepId::GroupMembers,
            format!("there is no user with user_name {agent}"),
            details,
            "pass the agent's user_name (as in User Administration → Users), e.g. --agent abel.tuter",
        )
    } else if member && active {
        StepReport::pass(
            StepId::GroupMembers,
            format!("{agent} is a member of {group}"),
            details,
        )
    } else if member {
        StepReport::fail(
            StepId::GroupMembers,
            format!("{agent} is a member of {group}, but the user is inactive"),
            details,
            format!("activate {agent} (User Administration → Users → {agent} → Active), or name another agent"),
        )
    } else {
        StepReport::fail(
            StepId::GroupMembers,
            format!("{agent} is not a member of {group}"),
            details,
            CommandLine::new(format!(
                "group --fix{} --agent {}",
                group_flag(group),
                shell_quote(agent)
            )),
        )
    };
    (report, Some(listed))
}

/// Puts the agent in the group (one `sys_user_grmember` row) unless a row for them is there
/// already (asked for by the group's name and the user's user_name, never by listing the
/// group), then verifies it from the record the answer returns. Without `--agent` there is
/// nobody to add, and nothing is written (the check still says when the group has no active
/// member).
pub async fn fix(ctx: &Context, settle: Option<&Settle>) -> Result<Vec<Change>, Error> {
    match plan(ctx).await? {
        Some(planned) => add(ctx, planned, settle).await,
        None => Ok(Vec::new()),
    }
}

/// The membership row [`fix`] adds: the group's and the agent's sys_ids.
pub struct Planned {
    group_id: String,
    user_id: String,
}

/// Decides, by reading only, whether [`fix`] has a row to add (`None`: nobody named, or the
/// agent is a member already); an error here comes before anything is sent.
///
/// Its reads go out in one round, beside the group lookup (which the roles' repair shares):
/// the group's rows of that user_name are asked for by the dot-walked group name, so they
/// need not wait for the group's sys_id. Of those rows, the ones of the group found and the
/// user found count, as if asked for by the two sys_ids.
pub async fn plan(ctx: &Context) -> Result<Option<Planned>, Error> {
    let group = &ctx.opts.group;
    let Some(agent) = ctx.opts.agent.as_deref() else {
        let lookup = ctx.group().await?;
        require_group(group, &lookup)?;
        return Ok(None);
    };
    let by_name = Query::new()
        .eq("group.name", group)
        .eq("user.user_name", agent);
    // The user lookup is kept for the run: `require_user` below reads it from there.
    let (lookup, _, rows) = tokio::join!(
        ctx.group(),
        ctx.agent(),
        ctx.client
            .list("sys_user_grmember", &by_name, &["sys_id", "group", "user"])
    );
    let group_id = require_group(group, &lookup?)?;
    let user = require_user(ctx, agent).await?;
    let user_id = field(&user, "sys_id").to_string();
    if rows?
        .iter()
        .any(|r| field(r, "group") == group_id && field(r, "user") == user_id)
    {
        return Ok(None);
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
    Ok(Some(Planned { group_id, user_id }))
}

/// Adds the row [`plan`] decided on, and verifies it (see [`fix`]). Under `check --fix`,
/// says through `settle` once the row is there, before its twin is looked for: a repair
/// waiting for the members (the agent's presence) needs the row, not the twin settled.
pub async fn add(
    ctx: &Context,
    planned: Planned,
    settle: Option<&Settle>,
) -> Result<Vec<Change>, Error> {
    let Planned { group_id, user_id } = planned;
    let group = &ctx.opts.group;
    let agent = ctx.opts.agent.as_deref().unwrap_or_default();
    let mut values = Map::new();
    values.insert("group".into(), Value::String(group_id.clone()));
    values.insert("user".into(), Value::String(user_id.clone()));
    let mut tx = Transaction::new(&ctx.client);
    // Verified from the answer, which is the record as created: no read after it.
    let row = tx
        .insert("sys_user_grmember", values, group, "user", agent)
        .await?;
    if crate::journal::dry_run(&ctx.client) {
        return Ok(tx.commit());
    }
    if field(&row, "group") != group_id || field(&row, "user") != user_id {
        return Err(Error::new(
            ErrorKind::WriteFailed,
            format!("the row was accepted, but the record the instance returned does not make {agent} a member of {group}"),
        ));
    }
    if let Some(settle) = settle {
        settle.settled(StepId::GroupMembers).await;
    }
    // Another machine may have added the same row at the same moment: one of the two goes.
    let query = Query::new().eq("group", &group_id).eq("user", &user_id);
    tx.settle_twin("sys_user_grmember", &query, |_| true)
        .await?;
    Ok(tx.commit())
}

/// The row of this step.
pub static STEP: Step = Step {
    id: StepId::GroupMembers,
    phase: Phase::Guide,
    affects: &[
        StepId::AgentAvailable,
        StepId::ChatPresence,
        StepId::Capacity,
    ],
    needs_kore: false,
    init_offers: true,
    why: "Handed-over chats reach only the agents of this group.",
    gate: None,
    check: |ctx| Box::pin(check(ctx)),
    fix: Some(|ctx, env| {
        Box::pin(async move {
            if ctx.opts.agent.is_none() {
                return Repair::Needs("name the agent to add with --agent USER".into());
            }
            fix(ctx, env.settled.as_ref())
                .await
                .map(|c| summary(&c))
                .into()
        })
    }),
    prefetch: None,
};
