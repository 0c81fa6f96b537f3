//! Step 2, authentication: the credentials work (proved by the instance probe), and whether
//! the user holds `admin`, which every other step needs to read and change system tables.
//! `sys_user_has_role` lists inherited roles too (a role given through a group).

use serde_json::json;

use super::{StepId, StepReport};
use crate::servicenow::{field, ApiError, Client, Query};

/// Whether `user` holds the admin role; `None` when that could not be read.
pub async fn has_admin(client: &Client, user: &str) -> Option<bool> {
    let rows = client
        .list(
            "sys_user_has_role",
            &Query::new()
                .eq("user.user_name", user)
                .eq("role.name", "admin"),
            &["user.user_name", "role.name"],
        )
        .await;
    match rows {
        Ok(rows) => Some(
            rows.iter()
                .any(|r| field(r, "user.user_name") == user && field(r, "role.name") == "admin"),
        ),
        Err(_) => None,
    }
}

/// The verdict once the credentials were accepted.
pub fn report(method: &str, user: &str, admin: Option<bool>) -> StepReport {
    let details = json!({"method": method, "user": user, "admin": admin});
    match admin {
        Some(false) => StepReport::warn(
            StepId::Auth,
            format!("{method} auth as {user}, who lacks the admin role: reads of system tables may be refused and repairs will be"),
            details,
        )
        .with_fix(format!(
            "give {user} the admin role (User Administration → Users → {user} → Roles), or use an admin account"
        )),
        _ => StepReport::pass(StepId::Auth, format!("{method} auth as {user}"), details),
    }
}

/// The verdict when the instance refused the credentials.
pub fn refused(method: &str, user: &str, error: &ApiError) -> StepReport {
    StepReport::fail(
        StepId::Auth,
        format!("{method} auth as {user} refused: {error}"),
        json!({"method": method, "user": user}),
        error
            .hint()
            .unwrap_or_else(|| "check the credentials".to_string()),
    )
}
