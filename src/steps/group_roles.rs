//! Step 4a: the AWA group holds the roles `awa_agent` and `agent_workspace_user`
//! (`sys_group_has_role`, one dot-walked query by group name and role names).

use serde_json::json;

use super::{and_list, group_flag, group_problem, Context, StepId, StepReport};
use crate::servicenow::{field, ApiError, Query};

/// The roles the guide gives the group.
pub const REQUIRED_ROLES: [&str; 2] = ["awa_agent", "agent_workspace_user"];

/// Reads and judges the group's roles.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    let group = &ctx.opts.group;
    let query = Query::new()
        .eq("group.name", group)
        .in_list("role.name", &REQUIRED_ROLES);
    let (lookup, rows) = tokio::join!(
        ctx.group(),
        ctx.client
            .list("sys_group_has_role", &query, &["group.name", "role.name"]),
    );
    let (lookup, rows) = (lookup?, rows?);
    if let Some(problem) = group_problem(StepId::GroupRoles, group, &lookup) {
        return Ok(problem);
    }
    let present: Vec<&str> = REQUIRED_ROLES
        .iter()
        .copied()
        .filter(|role| {
            rows.iter()
                .any(|r| field(r, "group.name") == group && field(r, "role.name") == *role)
        })
        .collect();
    let missing: Vec<&str> = REQUIRED_ROLES
        .iter()
        .copied()
        .filter(|r| !present.contains(r))
        .collect();
    let details = json!({"group": group, "missing": missing, "present": present});
    Ok(if missing.is_empty() {
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
            format!("sn-handoff group --fix{}", group_flag(group)),
        )
    })
}
