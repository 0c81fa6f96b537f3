//! ServiceNow release families: which the tool knows, how a build tag names one, and what
//! each means for the hand-off.
//!
//! Sources (ServiceNowDocs, `release-notes/rn-learn-landing-page.md` of each family's branch;
//! the Brazil release notes for the build tag `glide-brazil-08-25-2026__patch0-08-26-2026`):
//! after Xanadu came Yokohama (GA 2025-03), Zurich (GA 2025-09), Australia (GA 2026-05) and
//! Brazil (GA 2026-11). ServiceNow supports the current family and the one before it ("If your
//! instance is on the current (N) or previous (N-1) release family, you are not impacted",
//! KB2177115) and still ships patches for Zurich and Yokohama; Utah to Xanadu are out of
//! support. Tokyo and older cannot take the hand-off this tool prepares: Kore.ai's guide for
//! them is another setup (Connect Support, a custom REST message, no Virtual Agent API, no
//! AWA).

/// Kore.ai's guide for ServiceNow Tokyo and older ("Configuring the ServiceNow Agent", the
/// Connect Support setup).
pub const TOKYO_GUIDE: &str =
    "https://developer.kore.ai/integrations/configuring-the-servicenow-agent";

/// The families the six steps apply to, oldest first.
pub const KNOWN: [&str; 8] = [
    "utah",
    "vancouver",
    "washingtondc",
    "xanadu",
    "yokohama",
    "zurich",
    "australia",
    "brazil",
];

/// The families ServiceNow supports or still patches (as of 2026-11-30).
const CURRENT: [&str; 4] = ["yokohama", "zurich", "australia", "brazil"];

/// Tokyo and the families before it, newest first (the names ran alphabetically from Aspen
/// to Zurich, then started again at Australia).
const CONNECT_SUPPORT: [&str; 19] = [
    "tokyo", "sandiego", "rome", "quebec", "paris", "orlando", "newyork", "madrid", "london",
    "kingston", "jakarta", "istanbul", "helsinki", "geneva", "fuji", "eureka", "dublin", "calgary",
    "berlin",
];

/// What the release probe learnt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InstanceInfo {
    /// Lowercase family without spaces (`brazil`, `washingtondc`), when it could be read.
    pub release: Option<String>,
    /// The build tag or name it came from.
    pub build: Option<String>,
}

/// What a release family means for the hand-off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    /// Supported or still patched by ServiceNow: the six steps apply.
    Current,
    /// Utah to Xanadu: the six steps apply, but ServiceNow no longer supports the release.
    OutOfSupport,
    /// A family newer than the tool knows: checked as the newest known.
    Newer,
    /// Tokyo or older: Kore.ai's Connect Support setup, not the one this tool prepares.
    ConnectSupport,
}

/// What `family` (lowercase, no spaces) means for the hand-off.
pub fn support(family: &str) -> Support {
    if CURRENT.contains(&family) {
        Support::Current
    } else if KNOWN.contains(&family) {
        Support::OutOfSupport
    } else if CONNECT_SUPPORT.contains(&family) || family == "aspen" {
        Support::ConnectSupport
    } else {
        Support::Newer
    }
}

/// The position of a release family in ServiceNow's release order (`tokyo` before `utah`, …),
/// or `None` for a family not known here.
pub fn rank(family: &str) -> Option<usize> {
    if let Some(older) = CONNECT_SUPPORT.iter().position(|f| *f == family) {
        return Some(CONNECT_SUPPORT.len() - 1 - older);
    }
    KNOWN
        .iter()
        .position(|f| *f == family)
        .map(|p| CONNECT_SUPPORT.len() + p)
}

/// The newest family the tool knows.
pub fn newest_known() -> &'static str {
    KNOWN[KNOWN.len() - 1]
}

/// The release family in a property's value: the second dash-separated token of a build tag
/// or war name (`glide-brazil-08-25-2026__patch0-08-26-2026`, also monthly and hotfix builds
/// such as `…__patch11m-07-09-2026`), or the build name itself (`Washington DC`).
pub fn family(property: &str, value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let raw = if property == "glide.buildname" {
        value.to_string()
    } else {
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

/// Why nothing is done on a Tokyo-or-older instance, in one sentence.
pub fn connect_support_words(family: &str) -> String {
    let name = display_name(family);
    let older = if family == "tokyo" {
        String::new()
    } else {
        " (older than Tokyo)".to_string()
    };
    format!(
        "ServiceNow {name}{older}: on Tokyo and older Kore.ai's hand-off is the Connect Support setup (Consumer Service Portal, Connect queues, a custom REST message; no Virtual Agent API, no AWA), which sn-handoff does not prepare"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_from_build_tags() {
        for (value, want) in [
            ("glide-brazil-08-25-2026__patch0-08-26-2026", "brazil"),
            ("glide-zurich-07-01-2025__patch4-11-20-2025", "zurich"),
            (
                "glide-australia-01-28-2026__patch11m-07-09-2026",
                "australia",
            ),
            (
                "glide-yokohama-12-18-2024__patch12w33-hotfix1-08-20-2025",
                "yokohama",
            ),
        ] {
            assert_eq!(family("glide.buildtag", value).as_deref(), Some(want));
        }
        assert_eq!(
            family("glide.buildname", "Brazil").as_deref(),
            Some("brazil")
        );
    }

    #[test]
    fn support_per_family() {
        for f in ["brazil", "australia", "zurich", "yokohama"] {
            assert_eq!(support(f), Support::Current, "{f}");
        }
        for f in ["utah", "vancouver", "washingtondc", "xanadu"] {
            assert_eq!(support(f), Support::OutOfSupport, "{f}");
        }
        for f in [
            "tokyo", "sandiego", "rome", "quebec", "paris", "orlando", "newyork",
        ] {
            assert_eq!(support(f), Support::ConnectSupport, "{f}");
        }
        assert_eq!(support("calypso"), Support::Newer);
        assert_eq!(newest_known(), "brazil");
        assert!(connect_support_words("tokyo").contains("Connect Support"));
        assert!(connect_support_words("rome").contains("older than Tokyo"));
    }
}
