//! Step 1, the instance: reachable, ServiceNow, and which release.
//!
//! The release comes from `sys_properties` (`glide.buildtag`, `glide.buildtag.last`,
//! `glide.war`, `glide.war.assigned`, `glide.buildname`, all asked for in one query because
//! instances differ in which they hold; the family is the second dash-separated token of a
//! build tag such as `glide-vancouver-07-06-2023__patch4-…`). Non-admins often read nothing
//! there, so `/stats.do` ("Build tag:", public unless `glide.security.diag_txns_acl`) is the
//! fallback. Tokyo, Utah and Vancouver pass; other releases warn.

use serde_json::json;

use super::engine::{error_name, Halt, Phase, Step};
use super::{Context, StepId, StepReport};
use crate::error::ExitStatus;
use crate::servicenow::{field, ApiError, Client, Query};

/// What the probe learnt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InstanceInfo {
    /// Lowercase family without spaces (`tokyo`, `washingtondc`), when it could be read.
    pub release: Option<String>,
    /// The build tag or name it came from.
    pub build: Option<String>,
}

/// Release families the guide covers.
pub const SUPPORTED: [&str; 3] = ["tokyo", "utah", "vancouver"];

/// Families before Tokyo, newest first (the names run alphabetically until Zurich, then
/// start again at Australia).
const OLDER: [&str; 12] = [
    "sandiego", "rome", "quebec", "paris", "orlando", "newyork", "madrid", "london", "kingston",
    "jakarta", "istanbul", "helsinki",
];

const PROPERTIES: [&str; 5] = [
    "glide.buildtag",
    "glide.buildtag.last",
    "glide.war",
    "glide.war.assigned",
    "glide.buildname",
];

/// The first authenticated request: proves the instance is ServiceNow and the credentials
/// work, and reads the release.
pub async fn probe(client: &Client) -> Result<InstanceInfo, ApiError> {
    let rows = client
        .list(
            "sys_properties",
            &Query::new().in_list("name", &PROPERTIES),
            &["name", "value"],
        )
        .await?;
    // Filter in code too: a query on a field the table lacked would have matched every row.
    for name in PROPERTIES {
        if let Some(row) = rows.iter().find(|r| field(r, "name") == name) {
            let value = field(row, "value");
            if let Some(release) = family(name, value) {
                return Ok(InstanceInfo {
                    release: Some(release),
                    build: Some(value.to_string()),
                });
            }
        }
    }
    Ok(InstanceInfo::default())
}

/// The fallback for users who may not read `sys_properties`.
pub async fn from_stats_page(client: &Client) -> InstanceInfo {
    let Some(page) = client.get_page("/stats.do").await else {
        return InstanceInfo::default();
    };
    for label in ["Build tag:", "Build name:"] {
        if let Some(rest) = page.split(label).nth(1) {
            let value: String = rest
                .trim_start()
                .chars()
                .take_while(|c| !matches!(c, '<' | '\n' | '\r'))
                .collect();
            let value = value.trim();
            let property = if label == "Build tag:" {
                "glide.buildtag"
            } else {
                "glide.buildname"
            };
            if let Some(release) = family(property, value) {
                return InstanceInfo {
                    release: Some(release),
                    build: Some(value.to_string()),
                };
            }
        }
    }
    InstanceInfo::default()
}

/// The release family in a property's value.
pub fn family(property: &str, value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let raw = if property == "glide.buildname" {
        value.to_string()
    } else {
        // glide-vancouver-07-06-2023__patch4-…
        let mut tokens = value.split('-');
        if tokens.next()? != "glide" {
            return None;
        }
        tokens.next()?.to_string()
    };
    let family: String = raw
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (!family.is_empty()).then_some(family)
}

/// A release name for people: `vancouver` → `Vancouver`, `washingtondc` → `Washington DC`.
pub fn display_name(family: &str) -> String {
    match family {
        "washingtondc" => "Washington DC".into(),
        "sandiego" => "San Diego".into(),
        "newyork" => "New York".into(),
        other => {
            let mut chars = other.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        }
    }
}

/// The instance step's verdict from what the probe learnt.
pub fn report(info: &InstanceInfo) -> StepReport {
    let details = json!({"release": info.release, "build": info.build});
    let Some(family) = info.release.as_deref() else {
        return StepReport::warn(
            StepId::Instance,
            "ServiceNow, release unknown (sys_properties and /stats.do told nothing)",
            details,
        )
        .with_fix("run as a user with the admin role to read the release");
    };
    let name = display_name(family);
    if family == "tokyo" {
        StepReport::pass(
            StepId::Instance,
            format!("ServiceNow {name} (the guide has a Tokyo variant of some steps)"),
            details,
        )
    } else if SUPPORTED.contains(&family) {
        StepReport::pass(StepId::Instance, format!("ServiceNow {name}"), details)
    } else if OLDER.contains(&family) {
        StepReport::warn(
            StepId::Instance,
            format!("ServiceNow {name} is older than the guide covers (Tokyo, Utah, Vancouver)"),
            details,
        )
        .with_fix("upgrade the instance to Tokyo or later")
    } else {
        StepReport::warn(
            StepId::Instance,
            format!("ServiceNow {name} is newer than the guide covers (Tokyo, Utah, Vancouver); untested"),
            details,
        )
    }
}

/// The row of step 1. Its gate is the probe, the first authenticated request: an instance
/// that cannot be used, or credentials it refuses, stop the run there.
pub static STEP: Step = Step {
    id: StepId::Instance,
    phase: Phase::Access,
    why: "sn-handoff works through the instance's REST APIs.",
    gate: Some(|ctx| Box::pin(gate(ctx))),
    check: |ctx| Box::pin(async move { Ok(settle(ctx).await) }),
    fix: None,
};

/// Probes the instance; keeps what it learnt in the context.
async fn gate(ctx: &Context) -> Result<(), Halt> {
    let client = &ctx.client;
    match probe(client).await {
        Ok(info) => ctx.set_probed(info),
        // Signed in, but not allowed to read the properties: the release comes from
        // /stats.do, and the steps say what else is refused.
        Err(e) if e.is_forbidden() => ctx.set_probed(InstanceInfo::default()),
        Err(e) if e.is_unauthenticated() => {
            let (method, user) = (client.method_name(), client.user());
            return Err(Halt {
                reports: vec![
                    StepReport::pass(
                        StepId::Instance,
                        "ServiceNow (release unknown until authenticated)",
                        json!({"release": null}),
                    ),
                    super::auth::refused(method, user, &e),
                ],
                why: "not authenticated",
                kind: ExitStatus::Auth,
            });
        }
        Err(e) => {
            return Err(Halt {
                reports: vec![
                    StepReport::fail(
                        StepId::Instance,
                        e.to_string(),
                        json!({"error": error_name(&e)}),
                        e.hint().unwrap_or_else(|| "check the instance URL".into()),
                    ),
                    StepReport::skip(StepId::Auth, "the instance cannot be used"),
                ],
                why: "the instance cannot be used",
                kind: e.kind().into(),
            })
        }
    }
    Ok(())
}

/// The release from the probe, or from `/stats.do` when the probe could not tell; kept in the
/// context for the report.
async fn settle(ctx: &Context) -> StepReport {
    let mut info = ctx.probed();
    if info.release.is_none() {
        let stats = from_stats_page(&ctx.client).await;
        if stats.release.is_some() {
            info = stats;
        }
    }
    ctx.set_release(info.release.clone());
    report(&info)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::Status;

    #[test]
    fn family_from_each_property() {
        assert_eq!(
            family(
                "glide.buildtag",
                "glide-vancouver-07-06-2023__patch4-12-14-2023"
            )
            .as_deref(),
            Some("vancouver")
        );
        assert_eq!(
            family(
                "glide.war",
                "glide-washingtondc-12-20-2023__patch1-02-21-2024_03-05-2024_1200.zip"
            )
            .as_deref(),
            Some("washingtondc")
        );
        assert_eq!(
            family("glide.buildname", "Washington DC").as_deref(),
            Some("washingtondc")
        );
        assert_eq!(family("glide.buildname", "Tokyo").as_deref(), Some("tokyo"));
        assert_eq!(family("glide.war", "something-else.zip"), None);
        assert_eq!(family("glide.buildtag", ""), None);
    }

    #[test]
    fn verdict_per_release() {
        let info = |r: &str| InstanceInfo {
            release: Some(r.into()),
            build: None,
        };
        assert_eq!(report(&info("vancouver")).status, Status::Pass);
        assert_eq!(report(&info("utah")).summary, "ServiceNow Utah");
        assert!(report(&info("tokyo")).summary.contains("Tokyo variant"));
        assert_eq!(report(&info("xanadu")).status, Status::Warn);
        assert!(report(&info("washingtondc"))
            .summary
            .contains("Washington DC is newer"));
        assert!(report(&info("sandiego")).summary.contains("older"));
        assert_eq!(report(&InstanceInfo::default()).status, Status::Warn);
    }
}
