//! Lookups of step 4 shared by `group_roles`, `group_members` and `agent_available`: the group
//! by exact name (with look-alike names when it is missing: the guide's "Consumer Service
//! Support" and ServiceNow's own "Customer Service Support" are easy to confuse) and the agent
//! by exact user_name.

use super::{GroupLookup, UserLookup};
use crate::servicenow::{field, ApiError, Client, Query, Row};

/// Finds the group named exactly `name`, and look-alikes when there is none.
pub async fn lookup(client: &Client, name: &str) -> Result<GroupLookup, ApiError> {
    let rows = client
        .list(
            "sys_user_group",
            &Query::new().eq("name", name),
            &["sys_id", "name", "active"],
        )
        .await?;
    let matches: Vec<Row> = rows
        .into_iter()
        .filter(|r| field(r, "name") == name)
        .collect();
    let close = if matches.is_empty() {
        close_names(client, name).await
    } else {
        Vec::new()
    };
    Ok(GroupLookup { matches, close })
}

/// Active groups whose name shares a word with `name` (case-insensitive), at most five.
async fn close_names(client: &Client, name: &str) -> Vec<String> {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4)
        .take(4)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut query = Query::new();
    for (i, word) in words.iter().enumerate() {
        // LIKE conditions ORed together: name LIKE w1 ^OR name LIKE w2 …
        query = if i == 0 {
            query.like("name", word)
        } else {
            query.or_like("name", word)
        };
    }
    let Ok(rows) = client
        .list("sys_user_group", &query.order_by("name"), &["name"])
        .await
    else {
        return Vec::new();
    };
    let mut names: Vec<(usize, String)> = rows
        .iter()
        .map(|r| field(r, "name").to_string())
        .filter(|n| !n.is_empty() && n != name)
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
