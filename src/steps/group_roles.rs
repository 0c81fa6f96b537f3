//! Step 4a: the AWA group holds the roles `awa_agent` and `agent_workspace_user`
//! (`sys_group_has_role`, one dot-walked query by group name and role names). The fix inserts
//! a `sys_group_has_role` row for each missing role, with the role's sys_id looked up by name.

use serde_json::{json, Map, Value};

use super::change::{summary, Change, Transaction};
use super::group::require_group;
use super::row::{Phase, Settle, Step};
use super::{
    and_list, group_flag, group_problem, one_active_group, shell_quote, CommandLine, Context,
    GroupLookup, StepId, StepReport,
};
use crate::error::{Error, ErrorKind};
use crate::servicenow::{field, ApiError, Query, Row};

/// The roles the guide gives the group.
pub const REQUIRED_ROLES: [&str; 2] = ["awa_agent", "agent_workspace_user"];

/// The group lookup and which of the required roles the group holds.
async fn read(ctx: &Context) -> Result<(GroupLookup, Vec<&'static str>), ApiError> {
    let (lookup, held) = tokio::join!(ctx.group(), held(ctx));
    Ok((lookup?, held?.0))
}

/// Which of the required roles the group holds, with the rows that say so (one dot-walked
/// query by group name and role names; the group's sys_id and `active` walked too).
async fn held(ctx: &Context) -> Result<(Vec<&'static str>, Vec<Row>), ApiError> {
    let group = &ctx.opts.group;
    let query = Query::new()
        .eq("group.name", group)
        .in_list("role.name", &REQUIRED_ROLES);
    let rows: Vec<Row> = ctx
        .client
        .list(
            "sys_group_has_role",
            &query,
            &["group", "group.name", "group.active", "role.name"],
        )
        .await?
        .into_iter()
        .filter(|r| field(r, "group.name") == group)
        .collect();
    let present = REQUIRED_ROLES
        .iter()
        .copied()
        .filter(|role| rows.iter().any(|r| field(r, "role.name") == *role))
        .collect();
    Ok((present, rows))
}

fn missing(present: &[&'static str]) -> Vec<&'static str> {
    REQUIRED_ROLES
        .iter()
        .copied()
        .filter(|r| !present.contains(r))
        .collect()
}

/// The required roles the group holds and lacks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roles {
    /// Held.
    pub present: Vec<&'static str>,
    /// Lacking.
    pub missing: Vec<&'static str>,
}

/// Reads and judges the group's roles.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    judge(ctx).await.map(|(report, _)| report)
}

/// Reads and judges the group's roles; the roles too, when the group was found.
pub async fn judge(ctx: &Context) -> Result<(StepReport, Option<Roles>), ApiError> {
    let group = &ctx.opts.group;
    let (present, rows) = held(ctx).await?;
    let missing = missing(&present);
    // Rows of one active group holding every role settle the step; anything else is
    // explained with the group itself (missing, inactive or named twice).
    if !missing.is_empty() || !one_active_group(&rows) {
        let lookup = ctx.group_explained().await?;
        if let Some(problem) = group_problem(StepId::GroupRoles, group, &lookup) {
            return Ok((problem, None));
        }
    }
    let details = json!({"group": group, "missing": missing, "present": present});
    let report = if missing.is_empty() {
        StepReport::pass(
            StepId::GroupRoles,
            format!("{group} has {}", and_list(&REQUIRED_ROLES)),
            details,
        )
    } else {
        StepReport::fail(
            StepId::GroupRoles,
            format!("{group} lacks {}", and_list(&missing)),
            details,
            // With the agent known, the same command also puts them in the group.
            match ctx.opts.agent.as_deref() {
                Some(agent) => CommandLine::new(format!(
                    "group --fix{} --agent {}",
                    group_flag(group),
                    shell_quote(agent)
                )),
                None => CommandLine::new(format!("group --fix{}", group_flag(group))),
            },
        )
    };
    Ok((report, Some(Roles { present, missing })))
}

/// Gives the group the roles it lacks: one `sys_group_has_role` row per missing role, nothing
/// when none is missing; each verified from the record its answer returns.
/// Under `check --fix`, says through `settle` once the rows are answered, before their twins
/// are looked for: a repair waiting for the roles (the agent's presence) needs the rows there,
/// not the twins settled.
pub async fn fix(ctx: &Context, settle: Option<&Settle>) -> Result<Vec<Change>, Error> {
    let group = &ctx.opts.group;
    // The roles' sys_ids beside what the group holds: one round trip.
    let by_name = Query::new().in_list("name", &REQUIRED_ROLES);
    let (held, roles) = tokio::join!(
        read(ctx),
        ctx.client
            .list("sys_user_role", &by_name, &["sys_id", "name"])
    );
    let (lookup, present) = held?;
    let group_id = require_group(group, &lookup)?;
    let missing = missing(&present);
    if missing.is_empty() {
        return Ok(Vec::new());
    }
    let ids = role_ids(group, &missing, &roles?)?;
    let mut tx = Transaction::new(&ctx.client);
    // The rows do not depend on each other: sent at once. Each is verified from its answer,
    // which is the record as created: no read after it.
    let rows = ids
        .iter()
        .map(|(role, role_id)| {
            let mut values = Map::new();
            values.insert("group".into(), Value::String(group_id.clone()));
            values.insert("role".into(), Value::String(role_id.clone()));
            ("sys_group_has_role", values, group.as_str(), "role", *role)
        })
        .collect();
    let created = tx.insert_all(rows).await?;
    if crate::journal::dry_run(&ctx.client) {
        return Ok(tx.commit());
    }
    if let Some(settle) = settle {
        settle.settled(StepId::GroupRoles).await;
    }
    // Another machine may have given the same role at the same moment: one row of each role
    // goes. The group's rows of all the roles given here are read in one request.
    let given: Vec<&str> = ids.iter().map(|(_, id)| id.as_str()).collect();
    let twins = ctx
        .client
        .list(
            "sys_group_has_role",
            &Query::new()
                .eq("group", &group_id)
                .one_of("role", &given)
                .order_by("sys_created_on"),
            &["sys_id", "role", "sys_created_on"],
        )
        .await?;
    let mut still = Vec::new();
    for ((role, role_id), row) in ids.iter().zip(&created) {
        if field(row, "group") != group_id || field(row, "role") != role_id {
            still.push(*role);
        }
        let of_role = twins
            .iter()
            .filter(|r| field(r, "role") == role_id)
            .cloned()
            .collect();
        tx.settle_twin_among(field(row, "sys_id"), "sys_group_has_role", of_role)
            .await?;
    }
    if !still.is_empty() {
        return Err(Error::new(
            ErrorKind::WriteFailed,
            format!(
                "the rows were accepted, but the records the instance returned do not give {group} {}",
                and_list(&still)
            ),
        ));
    }
    Ok(tx.commit())
}

/// The sys_id of each missing role (`missing`), from the instance's roles (`roles`); a role the
/// instance does not have means the group cannot be given it, until its plugins are active.
fn role_ids(
    group: &str,
    missing: &[&'static str],
    roles: &[Row],
) -> Result<Vec<(&'static str, String)>, Error> {
    let mut ids = Vec::new();
    for role in missing {
        let Some(row) = roles.iter().find(|r| field(r, "name") == *role) else {
            return Err(Error::new(
                ErrorKind::CheckFailed,
                format!("the role {role} does not exist on the instance, so {group} cannot be given it"),
            )
            .with_hint("the role comes with Advanced Work Assignment and Agent Workspace: sn-handoff plugins --activate"));
        };
        ids.push((*role, field(row, "sys_id").to_string()));
    }
    Ok(ids)
}

/// The row of this step.
pub static STEP: Step = Step {
    id: StepId::GroupRoles,
    phase: Phase::Guide,
    // Not the group's members: a membership row is added whatever roles the group holds (a
    // member gets the group's roles whichever of the two comes first), so the two repairs go
    // out together.
    affects: &[StepId::AgentAvailable, StepId::Routing],
    needs_kore: false,
    init_offers: true,
    why: "Advanced Work Assignment routes chats only to groups with awa_agent, and Agent Workspace needs agent_workspace_user.",
    gate: None,
    check: |ctx| Box::pin(check(ctx)),
    fix: Some(|ctx, env| {
        Box::pin(async move {
            fix(ctx, env.settled.as_ref())
                .await
                .map(|c| summary(&c))
                .into()
        })
    }),
    prefetch: None,
};
