//! The calls sn-handoff makes: the ServiceNow agent integration, channel mappings, publish and
//! its status (Koredotcom/docs-v2 `ai-for-service/apis/automation/agent-transfer-integration.mdx`,
//! `publish-bot.mdx`, `bot-publish-status.mdx`; bodies in `tests/fixtures/koreai/`).

use std::sync::atomic::Ordering;

use reqwest::Method;
use serde_json::{json, Map, Value};

use super::client::{Answer, KoreClient, Signer};
use super::error::KoreError;

/// The integration id of ServiceNow in the agent-transfer API and in channel mappings.
pub const SERVICENOW: &str = "servicenow";

/// The scope of reading agent integrations and channel mappings.
pub const SCOPE_READ: &str = "agent_integrations:read";
/// The scope of writing them.
pub const SCOPE_WRITE: &str = "agent_integrations:write";
/// The Admin Console scope of publishing.
pub const SCOPE_PUBLISH: &str = "Bot Publish > Publish";
/// The scope the publish-status page names.
pub const SCOPE_PUBLISH_STATUS: &str = "Bot Publish > Publish Status";

/// The documented publish-status path, and the path its own sample uses (Kore.ai does not say which one
/// a tenant serves is not known; the first is tried, the second on 404).
pub const PUBLISH_STATUS_PATHS: [&str; 2] = [
    "/api/public/bot/{bot}/publish/status",
    "/api/1.1/public/bot/{bot}/publish/status/",
];

/// The bot's channel mappings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChannelMappings {
    /// `default` and one key per enabled chat channel, in the order given.
    pub map: Map<String, Value>,
    /// `state`, when the answer has it (only one version of the docs shows it).
    pub state: Option<String>,
    /// `requiresPublish`, when the answer has it.
    pub requires_publish: Option<bool>,
}

impl ChannelMappings {
    /// The default integration, when set.
    pub fn default_integration(&self) -> Option<&str> {
        self.map.get("default").and_then(Value::as_str)
    }

    /// Each enabled channel (every key but `default`) and its integration.
    pub fn channels(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.map
            .iter()
            .filter(|(k, _)| k.as_str() != "default")
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Whether ServiceNow appears anywhere in the map (then the integration is configured:
    /// Kore.ai refuses a mapping to an integration that is not).
    pub fn mentions_servicenow(&self) -> bool {
        self.map.values().any(|v| v.as_str() == Some(SERVICENOW))
    }

    /// The map with `default` and every channel set to ServiceNow.
    pub fn all_to_servicenow(&self) -> Map<String, Value> {
        let mut map = self.map.clone();
        for value in map.values_mut() {
            *value = Value::String(SERVICENOW.into());
        }
        map.insert("default".into(), Value::String(SERVICENOW.into()));
        map
    }
}

/// The path of the ServiceNow agent integration.
pub fn integration_path(client: &KoreClient) -> String {
    client.bot_path(&format!("/agentintegrations/chat/{SERVICENOW}"))
}

/// `POST` (create) or `PUT` (update) the ServiceNow integration, with `?setAsDefault=true`
/// when `set_default`.
pub async fn write_integration(
    client: &KoreClient,
    method: Method,
    body: &Value,
    set_default: bool,
) -> Result<Answer, KoreError> {
    let mut path = integration_path(client);
    if set_default {
        path.push_str("?setAsDefault=true");
    }
    client
        .request(method, &path, Some(body), Signer::Bot, SCOPE_WRITE)
        .await
}

/// `GET …/agentintegrations/channelmappings`.
pub async fn channel_mappings(client: &KoreClient) -> Result<ChannelMappings, KoreError> {
    let path = client.bot_path("/agentintegrations/channelmappings");
    let answer = client
        .request(Method::GET, &path, None, Signer::Bot, SCOPE_READ)
        .await?;
    let Some(map) = answer
        .body
        .get("channelMappings")
        .and_then(Value::as_object)
    else {
        return Err(KoreError::NotKore {
            status: answer.status,
            content_type: "application/json".into(),
            why: format!("GET {path} answered without `channelMappings`"),
        });
    };
    Ok(ChannelMappings {
        map: map.clone(),
        state: answer
            .body
            .get("state")
            .and_then(Value::as_str)
            .map(str::to_string),
        requires_publish: answer.body.get("requiresPublish").and_then(Value::as_bool),
    })
}

/// `PUT …/agentintegrations/channelmappings` with the whole map.
pub async fn put_channel_mappings(
    client: &KoreClient,
    map: &Map<String, Value>,
) -> Result<Answer, KoreError> {
    let path = client.bot_path("/agentintegrations/channelmappings");
    client
        .request(
            Method::PUT,
            &path,
            Some(&json!({ "channelMappings": map })),
            Signer::Bot,
            SCOPE_WRITE,
        )
        .await
}

/// The body of `POST …/publish`. Kore.ai's publish-bot doc: "By default, the platform
/// automatically initiates training upon bot publishing. Skipping the training can result in
/// issues in intent detection and flow execution." A publish releases everything pending on
/// the bot, not only the integration, so training is left to the platform's default (the field
/// is not sent) unless `train` is false (`--no-train`): then `"initiateTraining": false`.
pub fn publish_body(comment: &str, train: bool) -> Value {
    if train {
        json!({ "versionComment": comment })
    } else {
        json!({"versionComment": comment, "initiateTraining": false})
    }
}

/// `POST …/publish`, signed by the Admin Console app (see [`publish_body`] for training).
pub async fn publish(client: &KoreClient, comment: &str, train: bool) -> Result<Answer, KoreError> {
    let path = client.bot_path("/publish");
    client
        .request(
            Method::POST,
            &path,
            Some(&publish_body(comment, train)),
            Signer::Publisher,
            SCOPE_PUBLISH,
        )
        .await
}

/// What a publish answer says went wrong: the resources whose `status` is not `SUCCESS`.
pub fn publish_failures(body: &Value) -> Vec<String> {
    let Some(items) = body.as_array() else {
        return Vec::new();
    };
    items
        .iter()
        .filter(|item| {
            item.get("status")
                .and_then(Value::as_str)
                .is_some_and(|s| !s.eq_ignore_ascii_case("success"))
        })
        .map(|item| {
            let name = item
                .get("resourceType")
                .and_then(Value::as_str)
                .unwrap_or("a resource");
            let status = item.get("status").and_then(Value::as_str).unwrap_or("?");
            super::error::printable(&format!("{name}: {status}"))
        })
        .collect()
}

/// The state of the running or last publish.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishStatus {
    /// `successful`, `failed`, `inprogress` (lower-cased).
    pub status: String,
    /// `percentageComplete`, when given.
    pub percent: Option<f64>,
    /// The `statusSummary` entries that are not `SUCCESS`, as `name: status`.
    pub problems: Vec<String>,
    /// Which publish this is: its `_id` and `requestedTime` (empty when the answer has
    /// neither).
    pub job: String,
}

impl PublishStatus {
    /// Whether the publish is over.
    pub fn finished(&self) -> bool {
        matches!(
            self.status.as_str(),
            "successful" | "success" | "failed" | "failure"
        )
    }

    /// Whether it ended well.
    pub fn succeeded(&self) -> bool {
        matches!(self.status.as_str(), "successful" | "success")
    }
}

/// `GET` the publish status at the path of [`PUBLISH_STATUS_PATHS`] that last answered this
/// client (the first until one did), moving on to the next path on 404. A path is kept only
/// once it answered: a 404 may also mean that the bot has no publish yet.
pub async fn publish_status(client: &KoreClient) -> Result<PublishStatus, KoreError> {
    let mut which = client.publish_status_path.load(Ordering::Relaxed);
    loop {
        let path = PUBLISH_STATUS_PATHS[which].replace("{bot}", client.bot_id());
        match client
            .request(
                Method::GET,
                &path,
                None,
                Signer::Publisher,
                SCOPE_PUBLISH_STATUS,
            )
            .await
        {
            Err(e) if e.status() == Some(404) && which + 1 < PUBLISH_STATUS_PATHS.len() => {
                which += 1;
            }
            Err(e) => return Err(e),
            Ok(answer) => {
                client.publish_status_path.store(which, Ordering::Relaxed);
                return Ok(parse_publish_status(&answer.body));
            }
        }
    }
}

fn parse_publish_status(body: &Value) -> PublishStatus {
    let status = body
        .get("status")
        .and_then(Value::as_str)
        .unwrap_or("unknown")
        .to_ascii_lowercase();
    let problems = body
        .get("statusSummary")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter(|i| {
                    i.get("status")
                        .and_then(Value::as_str)
                        .is_some_and(|s| !s.eq_ignore_ascii_case("success"))
                })
                .map(|i| {
                    let name = i
                        .get("name")
                        .or_else(|| i.get("resourceType"))
                        .and_then(Value::as_str)
                        .unwrap_or("a resource");
                    let status = i.get("status").and_then(Value::as_str).unwrap_or("?");
                    super::error::printable(&format!("{name}: {status}"))
                })
                .collect()
        })
        .unwrap_or_default();
    let field = |key: &str| body.get(key).and_then(Value::as_str).unwrap_or_default();
    PublishStatus {
        status,
        percent: body.get("percentageComplete").and_then(Value::as_f64),
        problems,
        job: format!("{}|{}", field("_id"), field("requestedTime")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_publish_answers_parse() {
        let status: Value = serde_json::from_str(include_str!(
            "../../../tests/fixtures/koreai/publish-status.response.json"
        ))
        .unwrap();
        let parsed = parse_publish_status(&status);
        assert!(parsed.finished() && parsed.succeeded());
        assert_eq!(parsed.percent, Some(100.0));
        assert!(parsed.problems.is_empty());
        let publish: Value = serde_json::from_str(include_str!(
            "../../../tests/fixtures/koreai/publish.response.json"
        ))
        .unwrap();
        assert!(publish_failures(&publish).is_empty());
    }

    #[test]
    fn documented_mappings_map_to_servicenow() {
        let body: Value = serde_json::from_str(include_str!(
            "../../../tests/fixtures/koreai/channelmappings.get.json"
        ))
        .unwrap();
        let mappings = ChannelMappings {
            map: body["channelMappings"].as_object().unwrap().clone(),
            state: None,
            requires_publish: Some(true),
        };
        assert!(!mappings.mentions_servicenow());
        let all = mappings.all_to_servicenow();
        assert_eq!(
            all.keys().collect::<Vec<_>>(),
            ["default", "rtm", "agentassist", "smartassist"]
        );
        assert!(all.values().all(|v| v == SERVICENOW));
    }
}
