//! Step 1, the instance: reachable, ServiceNow, and which release.
//!
//! The release comes from `sys_properties` (`glide.buildtag`, `glide.buildtag.last`,
//! `glide.war`, `glide.war.assigned`, `glide.buildname`, all asked for in one query because
//! instances differ in which they hold; the family is the second dash-separated token of a
//! build tag such as `glide-brazil-08-25-2026__patch0-08-26-2026`). Non-admins often read
//! nothing there, and `/stats.do` is no fallback: `glide.security.diag_txns_acl`, which
//! hardening guides set to `true`, makes it admin-only (ServiceNowDocs
//! `platform-security/instance-security-hardening-settings/sc-performance-monitoring-acl.md`).
//! Then the release is reported as unknown. What each family means is in
//! [`crate::servicenow::release`].

use serde_json::json;

use super::row::{Halt, Phase, Step};
use super::{error_name, Context, StepId, StepReport};
use crate::error::ExitStatus;
use crate::servicenow::release::{self, Support};
use crate::servicenow::{ApiError, Client};

pub use crate::servicenow::release::{display_name, family, InstanceInfo};

/// The first authenticated request: proves the instance is ServiceNow and the credentials
/// work, and reads the release (see [`Client::read_release`]).
pub async fn probe(client: &Client) -> Result<InstanceInfo, ApiError> {
    client.read_release().await
}

/// Whether the instance is Tokyo or older, where nothing may be done.
pub fn is_connect_support(info: &InstanceInfo) -> bool {
    info.release
        .as_deref()
        .is_some_and(|f| release::support(f) == Support::ConnectSupport)
}

/// The instance step's verdict from what the probe learnt.
pub fn report(info: &InstanceInfo) -> StepReport {
    let details = json!({"release": info.release, "build": info.build});
    let Some(family) = info.release.as_deref() else {
        return StepReport::warn(
            StepId::Instance,
            "ServiceNow, release unknown (this user may not read the build properties in sys_properties)",
            details,
        )
        .with_fix("run as a user with the admin role to read the release");
    };
    let name = display_name(family);
    match release::support(family) {
        Support::Current => StepReport::pass(StepId::Instance, format!("ServiceNow {name}"), details),
        Support::OutOfSupport => StepReport::warn(
            StepId::Instance,
            format!("ServiceNow {name} is out of ServiceNow's support; the steps still apply"),
            details,
        )
        .with_fix("plan an upgrade to a supported release (Brazil or Australia)"),
        Support::Newer => StepReport::warn(
            StepId::Instance,
            format!(
                "ServiceNow {name} is newer than the releases sn-handoff knows; checked as the newest known ({})",
                display_name(release::newest_known())
            ),
            details,
        ),
        Support::ConnectSupport => StepReport::fail(
            StepId::Instance,
            format!("{}; nothing is checked or changed", release::connect_support_words(family)),
            details,
            format!("follow Kore.ai's Tokyo guide instead: {}", release::TOKYO_GUIDE),
        ),
    }
}

/// The row of step 1. Its gate is the probe, the first authenticated request: an instance
/// that cannot be used, or credentials it refuses, stop the run there; so does Tokyo or older
/// (Kore.ai's Connect Support setup), where nothing further is read or judged.
pub static STEP: Step = Step {
    id: StepId::Instance,
    phase: Phase::Access,
    affects: &[],
    needs_kore: false,
    init_offers: false,
    why: "sn-handoff works through the instance's REST APIs.",
    gate: Some(|ctx| Box::pin(gate(ctx))),
    check: |ctx| Box::pin(async move { Ok(settle(ctx).await) }),
    fix: None,
    prefetch: None,
};

/// Probes the instance; keeps what it learnt in the context.
async fn gate(ctx: &Context) -> Result<(), Halt> {
    let client = &ctx.client;
    match probe(client).await {
        Ok(info) if is_connect_support(&info) => {
            ctx.set_release(info.release.clone());
            let report = report(&info);
            ctx.set_probed(info);
            return Err(Halt {
                reports: vec![report],
                why: "the instance cannot be used",
                kind: ExitStatus::Unusable,
            });
        }
        Ok(info) => ctx.set_probed(info),
        // Signed in, but not allowed to read the properties: the release is unknown, and the
        // steps say what else is refused.
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
                    )
                    .with_read_error(&e),
                    StepReport::skip(StepId::Auth, "the instance cannot be used"),
                ],
                why: "the instance cannot be used",
                kind: crate::error::api_kind(&e).into(),
            })
        }
    }
    Ok(())
}

/// The release the probe read, kept in the context for the report.
async fn settle(ctx: &Context) -> StepReport {
    let info = ctx.probed_wait().await;
    ctx.set_release(info.release.clone());
    report(&info)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::Status;

    #[test]
    fn verdict_per_release() {
        let info = |r: &str| InstanceInfo {
            release: Some(r.into()),
            build: None,
        };
        for f in ["brazil", "australia", "zurich", "yokohama"] {
            assert_eq!(report(&info(f)).status, Status::Pass, "{f}");
        }
        assert_eq!(report(&info("brazil")).summary, "ServiceNow Brazil");
        for f in ["utah", "vancouver", "washingtondc", "xanadu"] {
            let r = report(&info(f));
            assert_eq!(r.status, Status::Warn, "{f}");
            assert!(
                r.summary.contains("out of ServiceNow's support"),
                "{}",
                r.summary
            );
        }
        let newer = report(&info("calypso"));
        assert_eq!(newer.status, Status::Warn);
        assert!(newer.summary.contains("Calypso"), "{}", newer.summary);
        assert!(newer.summary.contains("checked as the newest known"));
        for f in ["tokyo", "sandiego", "rome"] {
            let r = report(&info(f));
            assert_eq!(r.status, Status::Fail, "{f}");
            assert!(r.summary.contains("Tokyo") && r.summary.contains("Connect Support"));
            assert!(r.fix_text().unwrap().contains(release::TOKYO_GUIDE));
            assert!(is_connect_support(&info(f)));
        }
        let unknown = report(&InstanceInfo::default());
        assert_eq!(unknown.status, Status::Warn);
        assert!(unknown.summary.contains("release unknown"));
    }
}
