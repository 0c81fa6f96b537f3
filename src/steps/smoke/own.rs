//! Finding the run's own records from its user id alone, so that a customer's chat that
//! arrives meanwhile is never read, judged or removed as the test's.

use crate::servicenow::{field, ApiError, Client, Query, Row};

/// Rows of `table` whose `column` is one of `values` (with sys_id, `column` and `fields`),
/// checked; an absent table, or no values, is no rows.
pub(super) async fn rows_where(
    client: &Client,
    table: &'static str,
    column: &'static str,
    values: &[String],
    fields: &[&'static str],
) -> Result<Vec<Row>, ApiError> {
    if values.is_empty() {
        return Ok(Vec::new());
    }
    let wanted: Vec<&str> = values.iter().map(String::as_str).collect();
    let mut asked = vec!["sys_id", column];
    for f in fields {
        if !asked.contains(f) {
            asked.push(f);
        }
    }
    match client
        .list(table, &Query::new().one_of(column, &wanted), &asked)
        .await
    {
        Ok(rows) => Ok(rows
            .into_iter()
            .filter(|r| wanted.contains(&field(r, column)))
            .collect()),
        Err(e) if e.invalid_table().is_some() => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// What references the run's own conversation, found from its user id alone.
#[derive(Debug, Default)]
pub(super) struct Own {
    /// Its provider user map rows (`channel_user_id` = the run's user id); read only for the
    /// clean-up.
    pub maps: Vec<String>,
    /// The conversations whose consumer account is one of those rows.
    pub conversations: Vec<String>,
    /// The interactions naming those conversations.
    pub interactions: Vec<Row>,
}

impl Own {
    /// Reads the conversations (through the dot-walked `consumer_account.channel_user_id`) and
    /// the interactions that name them; with `maps`, also the user map rows.
    pub(super) async fn read(client: &Client, user_id: &str, maps: bool) -> Result<Own, ApiError> {
        let by_user = [user_id.to_string()];
        let (conversations, maps) = tokio::join!(
            rows_where(
                client,
                "sys_cs_conversation",
                "consumer_account.channel_user_id",
                &by_user,
                &[],
            ),
            async {
                if !maps {
                    return Ok(Vec::new());
                }
                rows_where(
                    client,
                    "provider_user_map",
                    "channel_user_id",
                    &by_user,
                    &[],
                )
                .await
            },
        );
        let (conversations, maps) = (ids(&conversations?), ids(&maps?));
        let interactions = rows_where(
            client,
            "interaction",
            "channel_metadata_document",
            &conversations,
            &INTERACTION_FIELDS,
        )
        .await?
        .into_iter()
        .filter(|r| field(r, "channel_metadata_table") == "sys_cs_conversation")
        .collect();
        Ok(Own {
            maps,
            conversations,
            interactions,
        })
    }
}

const INTERACTION_FIELDS: [&str; 9] = [
    "sys_id",
    "number",
    "state",
    "opened_for",
    "opened_for.user_name",
    "queue",
    "queue.name",
    "channel_metadata_table",
    "channel_metadata_document",
];

pub(super) const WORK_ITEM_FIELDS: [&str; 7] = [
    "sys_id",
    "document_id",
    "state",
    "assigned_to",
    "assigned_to.user_name",
    "queue.name",
    "offered_on",
];

pub(super) fn ids(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .map(|r| field(r, "sys_id").to_string())
        .collect()
}
