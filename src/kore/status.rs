//! Whether the bot hands conversations to ServiceNow: the judgement behind `kore status`, and
//! (as a thin wrapper) the `kore` step of `check`.

use serde_json::{json, Value};

use super::api::{ChannelMappings, SERVICENOW};
use crate::steps::step_report::Status;

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
    // The publish state (with the Admin Console app only) is asked at the same time.
    let publish = async {
        if client.has_admin() {
            Some(
                super::api::publish_status(client)
                    .await
                    .map_err(super::read_error),
            )
        } else {
            None
        }
    };
    let (mappings, publish) = tokio::join!(super::api::channel_mappings(client), publish);
    let mappings = mappings.map_err(super::read_error)?;
    let publish = match publish {
        // A refused Admin Console JWT or scope is exit 3, as the bot app's is: given an admin
        // app, its refusal is not "not readable".
        Some(Err(e)) if e.kind() == crate::error::ErrorKind::Auth => return Err(e),
        other => other,
    };
    Ok(with_publish(judge(&mappings), publish))
}

/// Adds the publish state to a verdict (`details.publish`: `status`, `summary`, `state`): read
/// with the Admin Console app, the only one Kore.ai documents for the publish-status call;
/// without one it is not readable, and a verdict that passed becomes a warning that says so.
/// A last publish that failed or is still running is a warning too.
pub fn with_publish(
    mut verdict: Verdict,
    publish: Option<crate::error::Result<super::api::PublishStatus>>,
) -> Verdict {
    let readable = publish.is_some();
    let (status, summary, state) = match publish {
        None => (
            Status::Warn,
            "the publish state is not readable: Kore.ai serves it to an Admin Console app only (--kore-admin-client-id)".to_string(),
            None,
        ),
        Some(Err(e)) => (
            Status::Warn,
            format!("the publish state could not be read: {}", e.message()),
            None,
        ),
        Some(Ok(p)) if !p.finished() => (
            Status::Warn,
            format!("a publish is still running ({})", p.status),
            Some(p.status),
        ),
        Some(Ok(p)) if !p.succeeded() => (
            Status::Warn,
            format!(
                "the last publish ended {}{}",
                p.status,
                if p.problems.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", p.problems.join(", "))
                }
            ),
            Some(p.status),
        ),
        Some(Ok(p)) => (
            Status::Pass,
            "the last publish succeeded".to_string(),
            Some(p.status),
        ),
    };
    if let Some(details) = verdict.details.as_object_mut() {
        details.insert(
            "publish".into(),
            json!({"status": if status == Status::Pass { "pass" } else { "warn" }, "summary": summary, "state": state}),
        );
    }
    if status == Status::Warn && verdict.status == Status::Pass {
        verdict.status = Status::Warn;
        verdict.summary = format!("{}; {summary}", verdict.summary);
        verdict.fix = Some(if readable {
            FIX.to_string()
        } else {
            super::connect::ADMIN_CONSOLE_STEPS.to_string()
        });
    }
    verdict
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
            "ServiceNow is not the default agent integration ({})",
            match default {
                // `kore` is Kore.ai's own agent transfer (its SmartAssist agents), a new bot's default.
                Some("kore") =>
                    "the default is kore: Kore.ai's own agents, so hand-offs never reach ServiceNow"
                        .to_string(),
                Some(other) => format!("the default is {}", super::error::printable(other)),
                None => "no default is set".to_string(),
            }
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
