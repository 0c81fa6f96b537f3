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
    Ok(listed(
        client
            .list(table, &Query::new().one_of(column, &wanted), &asked)
            .await,
    )?
    .into_iter()
    .filter(|r| wanted.contains(&field(r, column)))
    .collect())
}

/// A list read's rows, checked: an absent table is no rows.
fn listed(read: Result<Vec<Row>, ApiError>) -> Result<Vec<Row>, ApiError> {
    match read {
        Err(e) if e.invalid_table().is_some() => Ok(Vec::new()),
        read => read,
    }
}

/// The run's channel user profiles and their consumer accounts, found from its user id. Once
/// found they stay what they are, so the watch keeps them instead of reading them again.
#[derive(Debug, Default, Clone)]
pub(super) struct Accounts {
    pub profiles: Vec<String>,
    pub accounts: Vec<String>,
}

impl Accounts {
    async fn read(client: &Client, user_id: &str) -> Result<Accounts, ApiError> {
        let profiles = ids(&rows_where(
            client,
            "sys_cs_channel_user_profile",
            "channel_user_id",
            &[user_id.to_string()],
            &[],
        )
        .await?);
        let accounts = ids(&rows_where(
            client,
            "sys_cs_consumer_account",
            "channel_user_profile",
            &profiles,
            &[],
        )
        .await?);
        Ok(Accounts { profiles, accounts })
    }
}

/// What the run created, found from its own identifiers alone: its user id (the
/// `channel_user_id` of its provider user map row and of its channel user profile, whose
/// consumer account the conversation names) and its marker (the client session id, written
/// into the request for an agent, so one of the conversation's messages holds it).
#[derive(Debug, Default)]
pub(super) struct Own {
    /// Its provider user map rows (`sys_cs_provider_user_map.channel_user_id`).
    pub maps: Vec<String>,
    /// Its channel user profiles (`sys_cs_channel_user_profile.channel_user_id`).
    pub profiles: Vec<String>,
    /// The consumer accounts of those profiles (`sys_cs_consumer_account`).
    pub accounts: Vec<String>,
    /// The conversations both matches found: one of its consumer accounts, and a message
    /// holding its marker.
    pub conversations: Vec<String>,
    /// The conversations only one match found, each with why it could not be tied.
    pub untied: Vec<String>,
    /// The interactions naming the tied conversations.
    pub interactions: Vec<Row>,
}

impl Own {
    /// Reads what the run created, all of it from the run's own identifiers (the clean-up's
    /// read). A conversation is the run's when its consumer account's channel user profile
    /// holds the run's user id; one that only a message holding the marker finds is
    /// `untied`.
    pub(super) async fn read(
        client: &Client,
        user_id: &str,
        marker: &str,
    ) -> Result<Own, ApiError> {
        let by_user = [user_id.to_string()];
        let (maps, own) = tokio::join!(
            rows_where(
                client,
                "sys_cs_provider_user_map",
                "channel_user_id",
                &by_user,
                &[]
            ),
            Own::find(client, user_id, marker, None),
        );
        let maps = ids(&maps?);
        Ok(Own { maps, ..own? })
    }

    /// A poll's read: as [`Own::read`] without the user maps (only the clean-up removes
    /// them), and with the consumer accounts an earlier poll found (`known`), which it keeps
    /// there once found.
    pub(super) async fn watch(
        client: &Client,
        user_id: &str,
        marker: &str,
        known: &mut Option<Accounts>,
    ) -> Result<Own, ApiError> {
        let own = Own::find(client, user_id, marker, known.as_ref()).await?;
        if known.is_none() && !own.accounts.is_empty() {
            *known = Some(Accounts {
                profiles: own.profiles.clone(),
                accounts: own.accounts.clone(),
            });
        }
        Ok(own)
    }

    /// Everything but the user maps; the accounts from `known` when given.
    async fn find(
        client: &Client,
        user_id: &str,
        marker: &str,
        known: Option<&Accounts>,
    ) -> Result<Own, ApiError> {
        let marked_query = Query::new().like("payload", marker);
        let by_account = async {
            let found = match known {
                Some(known) => known.clone(),
                None => Accounts::read(client, user_id).await?,
            };
            let conversations = ids(&rows_where(
                client,
                "sys_cs_conversation",
                "consumer_account",
                &found.accounts,
                &[],
            )
            .await?);
            Ok::<_, ApiError>((found, conversations))
        };
        let (marked, by_account) = tokio::join!(
            client.list(
                "sys_cs_message",
                &marked_query,
                &["sys_id", "conversation", "payload"],
            ),
            by_account,
        );
        let marked = listed(marked)?;
        let (Accounts { profiles, accounts }, by_account) = by_account?;
        let mut by_marker: Vec<String> = marked
            .iter()
            .filter(|m| field(m, "payload").contains(marker))
            .map(|m| field(m, "conversation").to_string())
            .filter(|c| !c.is_empty())
            .collect();
        by_marker.sort();
        by_marker.dedup();
        // The run's user id is its own (random, recorded before its first request): what its
        // consumer account names is the run's, with or without a message holding the marker
        // (the request for an agent may never have landed, or the instance may not keep the
        // typed text). One only the marker finds is not tied.
        let conversations: Vec<String> = by_account.clone();
        let mut untied: Vec<String> = Vec::new();
        untied.extend(by_marker.iter().filter(|c| !by_account.contains(c)).map(|c| {
            format!("conversation {c} (a message holds the test's marker, but its consumer account is not the test user's {user_id})")
        }));
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
            maps: Vec::new(),
            profiles,
            accounts,
            conversations,
            untied,
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
