//! Whether the bot hands conversations to ServiceNow: the judgement behind `kore status`, and
//! (as a thin wrapper) the `kore` step of `check`.

use serde_json::{json, Value};

use super::api::{ChannelMappings, SERVICENOW};
use crate::steps::Status;

/// The command that repairs every failure here.
pub const FIX: &str = "sn-handoff kore connect --publish";

/// What [`judge`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// pass, warn (`requiresPublish` pending) or fail.
    pub status: Status,
    /// One line for people.
    pub summary: String,
    /// What repairs it, when it is not a pass.
    pub fix: Option<String>,
    /// Machine-readable facts: `default`, `channels` (channel → integration),
    /// `not_servicenow` (channels mapped elsewhere), `requires_publish` (bool or null),
    /// `state`.
    pub details: Value,
}

/// Reads the bot's channel mappings and judges them: the whole `kore` check. A refused JWT or
/// a missing scope is an exit-3 error, an unreachable Kore.ai exit 4.
pub async fn read(client: &super::KoreClient) -> crate::error::Result<Verdict> {
    let mappings = super::api::channel_mappings(client)
        .await
        .map_err(super::read_error)?;
    Ok(judge(&mappings))
}

/// Judges the bot's channel mappings: pass when ServiceNow is the default agent integration
/// and every enabled chat channel maps to it; warn when that holds but Kore.ai says a publish
/// is pending (`requiresPublish`); fail otherwise.
pub fn judge(mappings: &ChannelMappings) -> Verdict {
    let default = mappings.default_integration();
    let elsewhere: Vec<String> = mappings
        .channels()
        .filter(|(_, integration)| *integration != Some(SERVICENOW))
        .map(|(channel, integration)| {
            format!(
                "{} → {}",
                super::error::printable(channel),
                super::error::printable(integration.unwrap_or("nothing"))
            )
        })
        .collect();
    let channels: Vec<&str> = mappings.channels().map(|(c, _)| c).collect();
    let details = json!({
        "default": default,
        "channels": mappings.map.iter().filter(|(k, _)| k.as_str() != "default")
            .map(|(k, v)| (k.clone(), v.clone())).collect::<serde_json::Map<_, _>>(),
        "not_servicenow": elsewhere,
        "requires_publish": mappings.requires_publish,
        "state": mappings.state,
    });
    let fail = |summary: String| Verdict {
        status: Status::Fail,
        summary,
        fix: Some(FIX.into()),
        details: details.clone(),
    };
    if default != Some(SERVICENOW) {
        return fail(format!(
            "ServiceNow is not the default agent integration (the default is {})",
            default.map_or("not set".to_string(), super::error::printable)
        ));
    }
    if !elsewhere.is_empty() {
        return fail(format!(
            "ServiceNow is the default, but {} enabled channel(s) hand over elsewhere: {}",
            elsewhere.len(),
            elsewhere.join(", ")
        ));
    }
    let mapped = if channels.is_empty() {
        "ServiceNow is the default agent integration (no chat channel is listed)".to_string()
    } else {
        format!(
            "ServiceNow is the default agent integration and mapped for every enabled channel ({})",
            channels
                .iter()
                .map(|c| super::error::printable(c))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    if mappings.requires_publish == Some(true) {
        return Verdict {
            status: Status::Warn,
            summary: format!("{mapped}, but not published yet: the bot still runs the last published configuration"),
            fix: Some(FIX.into()),
            details,
        };
    }
    Verdict {
        status: Status::Pass,
        summary: mapped,
        fix: None,
        details,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mappings(pairs: &[(&str, &str)], requires_publish: Option<bool>) -> ChannelMappings {
        ChannelMappings {
            map: pairs
                .iter()
                .map(|(k, v)| ((*k).to_string(), Value::String((*v).to_string())))
                .collect(),
            state: Some("configured".into()),
            requires_publish,
        }
    }

    #[test]
    fn all_servicenow_and_published_passes() {
        let v = judge(&mappings(
            &[("default", "servicenow"), ("rtm", "servicenow")],
            Some(false),
        ));
        assert_eq!(v.status, Status::Pass, "{}", v.summary);
        assert!(v.fix.is_none());
    }

    #[test]
    fn pending_publish_warns_with_the_fix() {
        let v = judge(&mappings(
            &[("default", "servicenow"), ("rtm", "servicenow")],
            Some(true),
        ));
        assert_eq!(v.status, Status::Warn);
        assert_eq!(v.fix.as_deref(), Some(FIX));
        // Unknown (the answer does not say) is not a warning.
        let v = judge(&mappings(&[("default", "servicenow")], None));
        assert_eq!(v.status, Status::Pass);
    }

    #[test]
    fn another_default_or_channel_fails() {
        let v = judge(&mappings(
            &[("default", "salesforce"), ("rtm", "servicenow")],
            Some(false),
        ));
        assert_eq!(v.status, Status::Fail);
        assert!(v.summary.contains("salesforce"), "{}", v.summary);
        let v = judge(&mappings(
            &[
                ("default", "servicenow"),
                ("rtm", "genesys"),
                ("agentassist", "servicenow"),
            ],
            Some(false),
        ));
        assert_eq!(v.status, Status::Fail);
        assert!(v.summary.contains("rtm → genesys"), "{}", v.summary);
        assert_eq!(v.details["not_servicenow"], json!(["rtm → genesys"]));
    }
}
