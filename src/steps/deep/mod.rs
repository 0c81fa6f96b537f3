//! The deep steps of `check --deep`: what ServiceNow's own Virtual Agent API setup needs beyond
//! the six steps of the Kore.ai guide, each of which makes a handoff fail without an error
//! anywhere. They follow the seven in a fixed order of their own ([`StepId::DEEP`]):
//!
//! - `agent_chat`: the Agent Chat plugin is active and AWA assigns work (`agent_chat`);
//! - `reply_url`: on Virtual Agent API 4.1 and later, the outbound configuration's REST
//!   connection posts the bot's replies to the webhook URL (`reply_url`);
//! - `provider`: the bot-to-bot provider, its provider application and a message auth
//!   (`provider`);
//! - `live_agent_channel`: the "Bot to Bot" channel is not excluded from live agents
//!   (`live_agent_channel`);
//! - `queue`: an active AWA queue on the Chat service channel (`queue`);
//! - `routing`: an eligibility pool of an active Chat queue holds the step-4 group (`routing`);
//! - `assignment_rule`: that pool names an active assignment rule (`assignment_rule`);
//! - `chat_presence`: Chat is a channel of the Available presence state for the agent
//!   (`chat_presence`);
//! - `capacity`: an Available agent has capacity left on Chat (`capacity`);
//! - `account_linking`: the provider links the bot's users to ServiceNow accounts
//!   (`account_linking`);
//! - `requester`: with `--requester EMAIL`, the email names exactly one active, unlocked user
//!   (`requester`).
//!
//! From `queue` on they follow the way a handed-over chat takes, which `why-no-agent` tells as
//! one chain ([`chain`]).
//!
//! Each reads with one or two queries, all run at once with the seven. A step whose facts
//! could not be settled from ServiceNow's documentation says `warn` with what it could not
//! confirm instead of guessing.

pub mod account_linking;
pub mod agent_chat;
pub mod assignment_rule;
pub mod capacity;
pub mod chain;
pub mod chat_presence;
pub mod live_agent_channel;
pub mod provider;
pub mod queue;
pub mod reply_connection;
pub mod reply_url;
pub mod requester;
pub mod routing;

use super::Context;
use crate::servicenow::{field, ApiError, Query, Row};

/// The system properties the deep steps read, in one query.
pub const PROPERTIES: [&str; 2] = [
    agent_chat::AWA_ENABLED,
    live_agent_channel::EXCLUDE_PROPERTY,
];

/// The keys of the reads more than one deep step needs, each made once however many ask
/// (see [`super::once`]).
pub mod keys {
    use super::super::once::Read;
    use super::{provider, reply_connection};
    use crate::servicenow::{ApiError, Row};

    /// The `sys_properties` rows of [`super::PROPERTIES`].
    pub struct Properties;
    impl Read for Properties {
        type Value = Result<Vec<Row>, ApiError>;
    }

    /// The 4.1+ outbound configurations and connections (`reply_url` and `webhook` read them).
    pub struct ReplyRecords;
    impl Read for ReplyRecords {
        type Value = reply_connection::Records;
    }

    /// The AWA queues on the Chat service channel.
    pub struct Queues;
    impl Read for Queues {
        type Value = Result<Option<Vec<Row>>, ApiError>;
    }

    /// The eligibility pools of the Chat queues.
    pub struct Pools;
    impl Read for Pools {
        type Value = Result<Option<Vec<Row>>, ApiError>;
    }

    /// The bot-to-bot provider and its application.
    pub struct Provider;
    impl Read for Provider {
        type Value = Result<provider::ProviderFound, ApiError>;
    }
}

impl Context {
    /// The outbound configurations and "Bot Connection" records ([`reply_connection::read_records`]),
    /// read once.
    pub async fn reply_records(&self) -> reply_connection::Records {
        self.reads
            .once::<keys::ReplyRecords, _>(|| reply_connection::read_records(&self.client))
            .await
    }

    /// The `sys_properties` rows of [`PROPERTIES`] (name, value, sys_id, sys_mod_count), read
    /// once.
    pub async fn deep_properties(&self) -> Result<Vec<Row>, ApiError> {
        self.reads
            .once::<keys::Properties, _>(|| async {
                self.client
                    .list(
                        "sys_properties",
                        &Query::new().in_list("name", &PROPERTIES),
                        &["sys_id", "name", "value", "sys_mod_count"],
                    )
                    .await
            })
            .await
    }
}

impl Context {
    /// The AWA queues on the Chat service channel (`queue`, `routing`), read once; `None` when
    /// the instance has no `awa_queue` table (AWA inactive).
    pub async fn chat_queues(&self) -> Result<Option<Vec<Row>>, ApiError> {
        self.reads
            .once::<keys::Queues, _>(|| async {
                let query = Query::new().eq("service_channel.name", routing::CHAT);
                let fields = ["sys_id", "name", "active", "order", "service_channel.name"];
                match self.client.list("awa_queue", &query, &fields).await {
                    // A dropped query field would match every queue: keep the Chat ones.
                    Ok(rows) => Ok(Some(
                        rows.into_iter()
                            .filter(|r| field(r, "service_channel.name") == routing::CHAT)
                            .collect(),
                    )),
                    Err(e) if e.invalid_table().is_some() => Ok(None),
                    Err(e) => Err(e),
                }
            })
            .await
    }

    /// The eligibility pools of the Chat queues with their assignment rules (`routing`,
    /// `assignment_rule`), read once; `None` when the table does not exist.
    pub async fn chat_pools(&self) -> Result<Option<Vec<Row>>, ApiError> {
        self.reads
            .once::<keys::Pools, _>(|| async {
                let query = Query::new().eq("queue.service_channel.name", routing::CHAT);
                let fields = [
                    "sys_id",
                    "queue",
                    "queue.name",
                    "groups",
                    "assignment_rule",
                    "assignment_rule.name",
                    "assignment_rule.active",
                ];
                match self
                    .client
                    .list("awa_eligibility_pool", &query, &fields)
                    .await
                {
                    Ok(rows) => Ok(Some(rows)),
                    Err(e) if e.invalid_table().is_some() => Ok(None),
                    Err(e) => Err(e),
                }
            })
            .await
    }

    /// The bot-to-bot provider and its application (`provider`, `account_linking`), read once.
    pub async fn provider(&self) -> Result<provider::ProviderFound, ApiError> {
        self.reads
            .once::<keys::Provider, _>(|| provider::read(self))
            .await
    }
}

/// The row of the property called `name`, if the instance has it.
pub fn property<'a>(rows: &'a [Row], name: &str) -> Option<&'a Row> {
    rows.iter().find(|r| field(r, "name") == name)
}

/// `major.minor.patch` of a version string, missing parts as 0 (`4.1` is `(4, 1, 0)`).
pub fn version_parts(version: &str) -> (u32, u32, u32) {
    let mut parts = version.trim().split('.').map(|p| {
        p.chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse::<u32>()
            .unwrap_or(0)
    });
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

pub use crate::servicenow::release::rank as release_rank;

/// A row of strings, for the deep steps' unit tests.
#[cfg(test)]
pub(crate) fn row(pairs: &[(&str, &str)]) -> Row {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_by_number() {
        assert!(version_parts("4.1.2") >= (4, 1, 0));
        assert!(version_parts("4.1") >= (4, 1, 0));
        assert!(version_parts("3.15.6") < (4, 1, 0));
        assert!(version_parts("4.0.3") < (4, 1, 0));
        assert!(version_parts("10.0") >= (4, 1, 0));
        assert_eq!(version_parts("4.2.0-beta"), (4, 2, 0));
        assert_eq!(version_parts(""), (0, 0, 0));
    }

    #[test]
    fn releases_are_ordered() {
        assert!(release_rank("xanadu") > release_rank("vancouver"));
        assert!(release_rank("zurich") > release_rank("xanadu"));
        assert_eq!(release_rank("mars"), None);
    }
}
