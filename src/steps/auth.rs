//! Step 2, authentication: the credentials work (proved by the instance probe), and whether
//! the user holds `admin`, which every other step needs to read and change system tables.
//! `sys_user_has_role` lists inherited roles too (a role given through a group).
//!
//! With OAuth the user name is not always known (a refresh token does not say whose it is):
//! [`whoami`] asks the instance, with the encoded-query value `javascript:gs.getUserID()` (the
//! signed-in user's sys_id), and [`has_admin`] uses the same value when it has no name.
//! ServiceNow evaluates a `javascript:` value in a filter condition (docs: "Dynamic JavaScript
//! filters", "Create scripted filters"; the "is (dynamic) Me" option of "Dynamic operators" is
//! the same idea). Not yet confirmed on a live instance through the Table API: when the answer
//! is not exactly one row, the name is taken as unknown rather than guessed.

use serde_json::json;

use super::row::{Phase, Step};
use super::{StepId, StepReport};
use crate::servicenow::{field, ApiError, Client, Query};

/// The encoded-query value for the signed-in user's sys_id.
pub const CURRENT_USER: &str = "javascript:gs.getUserID()";

/// Whether `user` holds the admin role; `None` when that could not be read. When the client
/// does not know its user name (OAuth without one), the signed-in user is asked about.
pub async fn has_admin(client: &Client, user: &str) -> Option<bool> {
    let known = client.user_known();
    let query = if known {
        Query::new().eq("user.user_name", user)
    } else {
        Query::new().eq("user", CURRENT_USER)
    };
    let rows = client
        .list(
            "sys_user_has_role",
            &query.eq("role.name", "admin"),
            &["user.user_name", "role.name"],
        )
        .await;
    match rows {
        Ok(rows) => Some(rows.iter().any(|r| {
            (!known || field(r, "user.user_name") == user) && field(r, "role.name") == "admin"
        })),
        Err(_) => None,
    }
}

/// The user name of whoever the client signs in as: one authenticated read of `sys_user`,
/// which is also what `auth login` and `auth status` use to prove the credentials. `None`
/// when the instance answered without the row (it did not evaluate the query).
pub async fn whoami(client: &Client) -> Result<Option<String>, ApiError> {
    let rows = client
        .list(
            "sys_user",
            &Query::new().eq("sys_id", CURRENT_USER),
            &["user_name"],
        )
        .await?;
    // One row, or the query was not evaluated as meant: trust nothing else.
    Ok(match rows.as_slice() {
        [row] => Some(field(row, "user_name").to_string()).filter(|u| !u.is_empty()),
        _ => None,
    })
}

/// The sign-in method in words: `basic auth`, `OAuth` (not "oauth auth").
fn signed_in_with(method: &str) -> &str {
    match method {
        "basic" => "basic auth",
        "oauth" => "OAuth",
        "apikey" => "API key",
        "mtls" => "client certificate",
        other => other,
    }
}

/// The verdict once the credentials were accepted.
pub fn report(method: &str, user: &str, admin: Option<bool>) -> StepReport {
    let details = json!({"method": method, "user": user, "admin": admin});
    match admin {
        Some(false) => StepReport::warn(
            StepId::Auth,
            format!("{} as {user}, who lacks the admin role: reads of system tables may be refused and repairs will be", signed_in_with(method)),
            details,
        )
        .with_fix(format!(
            "give {user} the admin role (User Administration → Users → {user} → Roles), or use an admin account"
        )),
        _ => StepReport::pass(
            StepId::Auth,
            format!("{} as {user}", signed_in_with(method)),
            details,
        ),
    }
}

/// The verdict when the instance refused the credentials.
pub fn refused(method: &str, user: &str, error: &ApiError) -> StepReport {
    if method == "apikey" {
        if let Some((why, hint)) = api_key_refusal(error) {
            return StepReport::fail(
                StepId::Auth,
                format!("apikey auth refused: {why}"),
                json!({"method": method, "user": user, "api_key": if why.starts_with("the instance did not take") { "not_accepted" } else { "refused" }}),
                hint,
            );
        }
    }
    StepReport::fail(
        StepId::Auth,
        format!("{} as {user} refused: {error}", signed_in_with(method)),
        json!({"method": method, "user": user}),
        error
            .hint()
            .unwrap_or_else(|| "check the credentials".to_string()),
    )
}

/// What a 401 to a request signed with an API key means, and what to do: `(why, hint)`.
///
/// ServiceNow reads the `x-sn-apikey` header only for a REST API whose access policy names an
/// API Key inbound authentication profile (platform-security/authentication/configure-api-key.md:
/// an inbound authentication profile, the REST API key, then a REST API access policy).
/// Without one the key is not read at all, and the instance answers as it answers a request
/// that carries no credentials: 401 "User Not Authenticated", detail "Required to provide Auth
/// information" (the recorded answer, tests/fixtures/servicenow/table-401-not-authenticated.json).
/// ServiceNow's documentation does not give the answer to a key that was read and refused
/// (wrong, inactive or expired); any other 401 is taken as that.
pub fn api_key_refusal(error: &ApiError) -> Option<(String, String)> {
    if !error.is_unauthenticated() {
        return None;
    }
    let said = error.servicenow_says().unwrap_or_default();
    Some(if said.contains("Required to provide Auth information") {
        (
            "the instance did not take the API key: no REST API access policy lets an API Key inbound authentication profile sign in to this API".into(),
            "add one (System Web Services → API Access Policies → REST API Access Policies) for the Table API, the CI/CD API and the AWA Agent API with the API Key authentication profile (plugin com.glide.tokenbased_auth); see docs/fleets.md".into(),
        )
    } else {
        (
            format!("the API key was refused (wrong, inactive or expired): {error}"),
            "copy the token again from System Web Services → API Access Policies → REST API Key (check Active and Expiry), then run `sn-handoff auth login --auth apikey`".into(),
        )
    })
}

/// How many days before the refresh token expires the `auth` step warns.
pub const WARN_DAYS: u64 = 14;

/// The expiry radar: a pass becomes a warning when the refresh token sn-handoff minted for
/// this app expires within [`WARN_DAYS`] days (or has expired).
pub fn radar(
    report: StepReport,
    minted: Option<&crate::state::MintedToken>,
    client_id: Option<&str>,
    now: u64,
    invocation: &super::Invocation,
) -> StepReport {
    let Some(minted) = minted.filter(|m| client_id.is_none_or(|id| id == m.client_id)) else {
        return report;
    };
    let expires = minted.expires_at();
    if report.status != super::Status::Pass || expires > now + WARN_DAYS * 86_400 {
        return report;
    }
    let when = if expires <= now {
        "has expired".to_string()
    } else {
        let days = (expires - now).div_ceil(86_400);
        format!("expires in {days} day{}", if days == 1 { "" } else { "s" })
    };
    let source = if minted.lifespan_source == "oauth_entity" {
        "the OAuth app's lifespan"
    } else {
        "ServiceNow's default lifespan of 100 days, the app's could not be read"
    };
    let mut details = report.details.clone();
    details.insert("refresh_token_expires_at".into(), json!(expires));
    StepReport::warn(
        StepId::Auth,
        format!(
            "{}, but the refresh token {when} (minted {}, {source}); the hand-off stops when it does",
            report.summary,
            crate::servicenow::time::describe_time(minted.minted_at)
        ),
        serde_json::Value::Object(details),
    )
    .with_fix(invocation.command("auth rotate"))
}

/// The row of step 2 (the instance probe proved the credentials; this reads the role).
pub static STEP: Step = Step {
    id: StepId::Auth,
    phase: Phase::Access,
    affects: &[],
    needs_kore: false,
    init_offers: false,
    why: "Every read and repair is made as this user, who needs the admin role.",
    gate: None,
    check: |ctx| {
        Box::pin(async move {
            let (client, user) = (&ctx.client, ctx.client.user());
            let verdict = report(client.method_name(), user, has_admin(client, user).await);
            if client.token_source().is_none() {
                return Ok(verdict);
            }
            let state = crate::state::StateFile::for_instance(client.instance().as_str())
                .and_then(|f| f.load().ok());
            let minted = state.and_then(|s| s.refresh_token);
            Ok(radar(
                verdict,
                minted.as_ref(),
                client.token_source().map(|s| s.client_id()),
                crate::servicenow::time::unix_now(),
                &ctx.opts.invocation,
            ))
        })
    },
    fix: None,
    prefetch: None,
};
