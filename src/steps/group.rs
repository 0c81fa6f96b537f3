//! Lookups of step 4 shared by `group_roles`, `group_members` and `agent_available`: the group
//! by exact name (with look-alike names when it is missing: the guide's "Consumer Service
//! Support" and ServiceNow's own "Customer Service Support" are easy to confuse) and the agent
//! by exact user_name.

use super::{group_problem, Context, GroupLookup, StepId, UserLookup};
use crate::error::{Error, ErrorKind};
use crate::servicenow::{field, ApiError, Client, Query, Row};

/// Finds the group named exactly `name`, and look-alikes when there is none.
pub async fn lookup(client: &Client, name: &str) -> Result<GroupLookup, ApiError> {
    lookup_with(client, name, false).await
}

/// [`lookup`]; with `eager`, the names alike go out beside the exact lookup instead of after
/// it (when the lookup only explains a failure, one round trip is all it may cost).
pub async fn lookup_with(
    client: &Client,
    name: &str,
    eager: bool,
) -> Result<GroupLookup, ApiError> {
    let query = Query::new().eq("name", name);
    let early = async {
        if eager {
            Some(close_names(client, name).await)
        } else {
            None
        }
    };
    let (rows, early) = tokio::join!(
        client.list("sys_user_group", &query, &["sys_id", "name", "active"]),
        early,
    );
    let matches: Vec<Row> = rows?
        .into_iter()
        .filter(|r| field(r, "name") == name)
        .collect();
    let close = match early {
        _ if !matches.is_empty() => Vec::new(),
        Some(close) => close,
        None => close_names(client, name).await,
    };
    Ok(GroupLookup { matches, close })
}

/// Active groups whose name shares a word with `name` (case-insensitive), at most five.
async fn close_names(client: &Client, name: &str) -> Vec<String> {
    close_matches(client, "sys_user_group", "name", name).await
}

/// Users whose user_name shares a word with `user_name` (case-insensitive), at most five.
pub async fn close_users(client: &Client, user_name: &str) -> Vec<String> {
    close_matches(client, "sys_user", "user_name", user_name).await
}

/// Values of `column` in `table` that share a word (of four letters or more, or three for
/// user names such as `abel.tuter`) with `value`, most shared words first, at most five.
async fn close_matches(
    client: &Client,
    table: &'static str,
    column: &'static str,
    value: &str,
) -> Vec<String> {
    let min = if table == "sys_user" { 3 } else { 4 };
    let words: Vec<&str> = value
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= min)
        .take(4)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut query = Query::new();
    for (i, word) in words.iter().enumerate() {
        // LIKE conditions ORed together: column LIKE w1 ^OR column LIKE w2 …
        query = if i == 0 {
            query.like(column, word)
        } else {
            query.or_like(column, word)
        };
    }
    let Ok(rows) = client.list(table, &query.order_by(column), &[column]).await else {
        return Vec::new();
    };
    let mut names: Vec<(usize, String)> = rows
        .iter()
        .map(|r| field(r, column).to_string())
        .filter(|n| !n.is_empty() && n != value)
        .map(|n| {
            let lower = n.to_lowercase();
            let shared = words
                .iter()
                .filter(|w| lower.contains(&w.to_lowercase()))
                .count();
            (shared, n)
        })
        .filter(|(shared, _)| *shared > 0)
        .collect();
    names.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    names.dedup_by(|a, b| a.1 == b.1);
    names.into_iter().take(5).map(|(_, n)| n).collect()
}

/// The sys_id of the one active group named `name`, or the error to stop with: a missing or
/// ambiguous group is a usage error (exit 2, naming look-alikes), an inactive one fails the
/// step (exit 1).
pub fn require_group(name: &str, lookup: &GroupLookup) -> Result<String, Error> {
    match group_problem(StepId::GroupRoles, name, lookup) {
        None => Ok(lookup
            .matches
            .first()
            .map(|r| field(r, "sys_id").to_string())
            .unwrap_or_default()),
        Some(problem) => {
            let kind = if lookup.matches.len() == 1 {
                ErrorKind::CheckFailed
            } else {
                ErrorKind::Usage
            };
            let err = Error::new(kind, problem.summary);
            Err(match problem.fix {
                Some(fix) => err.with_hint(fix.to_string()),
                None => err,
            })
        }
    }
}

/// The `sys_user` row of `user_name`, or a usage error (exit 2) naming look-alike users.
pub async fn require_user(ctx: &Context, user_name: &str) -> Result<Row, Error> {
    let lookup = ctx.agent().await?;
    if let Some(row) = lookup.matches.first() {
        return Ok(row.clone());
    }
    let close = close_users(&ctx.client, user_name).await;
    let similar = if close.is_empty() {
        String::new()
    } else {
        format!(" (similar: {})", close.join(", "))
    };
    Err(Error::usage(format!(
        "there is no user with user_name {user_name}{similar}"
    ))
    .with_hint(
        "give the agent's user_name as User Administration → Users shows it, such as abel.tuter",
    ))
}

/// Finds the user whose user_name is exactly `user_name`.
pub async fn lookup_user(client: &Client, user_name: &str) -> Result<UserLookup, ApiError> {
    let rows = client
        .list(
            "sys_user",
            &Query::new().eq("user_name", user_name),
            &["sys_id", "user_name", "name", "active"],
        )
        .await?;
    Ok(UserLookup {
        matches: rows
            .into_iter()
            .filter(|r| field(r, "user_name") == user_name)
            .collect(),
    })
}
