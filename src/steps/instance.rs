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

use super::{StepId, StepReport};
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
            assert!(r.fix.as_deref().unwrap().contains(release::TOKYO_GUIDE));
            assert!(is_connect_support(&info(f)));
        }
        let unknown = report(&InstanceInfo::default());
        assert_eq!(unknown.status, Status::Warn);
        assert!(unknown.summary.contains("release unknown"));
    }
}
