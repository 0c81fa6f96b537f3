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
//! - `routing`: an active AWA queue on the Chat channel offers work to the step-4 group
//!   (`routing`).
//!
//! Each reads with one or two queries, all run at once with the seven. A step whose facts
//! could not be settled from ServiceNow's documentation says `warn` with what it could not
//! confirm instead of guessing.

pub mod agent_chat;
pub mod live_agent_channel;
pub mod provider;
pub mod reply_url;
pub mod routing;

use tokio::sync::OnceCell;

use super::Context;
use crate::servicenow::{field, ApiError, Query, Row};

/// The system properties the deep steps read, in one query.
pub const PROPERTIES: [&str; 2] = [
    agent_chat::AWA_ENABLED,
    live_agent_channel::EXCLUDE_PROPERTY,
];

/// Reads more than one deep step needs, each made once however many ask.
#[derive(Default)]
pub struct Shared {
    properties: OnceCell<Result<Vec<Row>, ApiError>>,
    /// The 4.1+ outbound configurations and connections (`reply_url` and `webhook` read them).
    reply_records: OnceCell<reply_url::Records>,
}

impl Context {
    /// The outbound configurations and "Bot Connection" records ([`reply_url::read_records`]),
    /// read once.
    pub async fn reply_records(&self) -> reply_url::Records {
        self.deep
            .reply_records
            .get_or_init(|| reply_url::read_records(&self.client))
            .await
            .clone()
    }

    /// The `sys_properties` rows of [`PROPERTIES`] (name, value, sys_id, sys_mod_count), read
    /// once.
    pub async fn deep_properties(&self) -> Result<Vec<Row>, ApiError> {
        self.deep
            .properties
            .get_or_init(|| async {
                self.client
                    .list(
                        "sys_properties",
                        &Query::new().in_list("name", &PROPERTIES),
                        &["sys_id", "name", "value", "sys_mod_count"],
                    )
                    .await
            })
            .await
            .clone()
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
