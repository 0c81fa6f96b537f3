//! Turning what a user types for `--instance` into the origin of a ServiceNow instance.
//!
//! Accepted: `dev123` (a bare instance name, completed to `https://dev123.service-now.com`),
//! `dev123.service-now.com`, `https://dev123.service-now.com/`, and a pasted UI address such as
//! `https://dev123.service-now.com/now/nav/ui/home`, which is cut to its origin. `http://` is
//! refused unless the host is a loopback address (a local simulator). Credentials, other
//! schemes and unparsable hosts are usage errors (exit 2), found before any request is made.

use std::net::IpAddr;

use url::{Host, Url};

use crate::error::SetupError;

type Result<T, E = SetupError> = std::result::Result<T, E>;

/// The origin of a ServiceNow instance: scheme, host and port, no path, no trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceUrl(Url);

impl InstanceUrl {
    /// Parses and normalises what the user typed.
    pub fn parse(input: &str) -> Result<Self> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(SetupError::usage("the instance URL is empty").with_hint(EXAMPLES));
        }
        if trimmed.chars().any(char::is_whitespace) {
            return Err(invalid(trimmed, "it contains white space"));
        }
        let with_scheme = if let Some((scheme, _)) = trimmed.split_once("://") {
            let scheme = scheme.to_ascii_lowercase();
            if scheme != "https" && scheme != "http" {
                return Err(invalid(trimmed, &format!("`{scheme}://` is not https")));
            }
            trimmed.to_string()
        } else if is_instance_name(trimmed) {
            format!("https://{}.service-now.com", trimmed.to_ascii_lowercase())
        } else {
            format!("https://{trimmed}")
        };
        let url = Url::parse(&with_scheme).map_err(|e| invalid(trimmed, &e.to_string()))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid(
                trimmed,
                "it holds a user name or password; give credentials with --username and SN_HANDOFF_PASSWORD instead",
            ));
        }
        let host = url
            .host()
            .ok_or_else(|| invalid(trimmed, "it has no host"))?;
        if url.scheme() == "http" && !is_loopback(&host) {
            return Err(invalid(
                trimmed,
                "plain http:// is only allowed for a loopback address (a local simulator); use https://",
            ));
        }
        let mut origin = url.clone();
        origin.set_path("");
        origin.set_query(None);
        origin.set_fragment(None);
        Ok(InstanceUrl(origin))
    }

    /// The origin as a string, without a trailing slash (`https://dev123.service-now.com`).
    pub fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }

    /// The host name (for messages).
    pub fn host(&self) -> String {
        self.0.host_str().unwrap_or_default().to_string()
    }

    /// The host, and `:port` when the URL gives one that is not the scheme's (for messages).
    pub fn host_and_port(&self) -> String {
        match self.0.port() {
            Some(port) => format!("{}:{port}", self.host()),
            None => self.host(),
        }
    }

    /// An absolute URL for `path_and_query`, which must start with `/`.
    pub fn join(&self, path_and_query: &str) -> String {
        format!("{}{}", self.as_str(), path_and_query)
    }

    /// Whether this is a loopback address (a local simulator).
    pub fn is_loopback(&self) -> bool {
        self.0.host().is_some_and(|h| is_loopback(&h))
    }
}

impl std::fmt::Display for InstanceUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

const EXAMPLES: &str =
    "give it as `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`";

fn invalid(input: &str, why: &str) -> SetupError {
    let input = crate::escape::redact_userinfo(input);
    SetupError::usage(format!("invalid instance URL `{input}`: {why}")).with_hint(EXAMPLES)
}

/// A bare instance name: letters, digits and dashes, as in `dev123` or `acme-prod`.
fn is_instance_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s != "localhost"
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> String {
        InstanceUrl::parse(input).unwrap().as_str().to_string()
    }

    fn err(input: &str) -> String {
        let e = InstanceUrl::parse(input).unwrap_err();
        assert_eq!(e.kind, crate::error::SetupKind::Usage, "{input}");
        e.message().to_string()
    }

    #[test]
    fn bare_instance_name_is_completed() {
        assert_eq!(ok("dev123"), "https://dev123.service-now.com");
        assert_eq!(ok("  DEV123 "), "https://dev123.service-now.com");
        assert_eq!(ok("acme-prod"), "https://acme-prod.service-now.com");
    }

    #[test]
    fn host_and_url_forms() {
        assert_eq!(
            ok("dev123.service-now.com"),
            "https://dev123.service-now.com"
        );
        assert_eq!(
            ok("https://dev123.service-now.com"),
            "https://dev123.service-now.com"
        );
        assert_eq!(
            ok("https://dev123.service-now.com/"),
            "https://dev123.service-now.com"
        );
        assert_eq!(
            ok("HTTPS://Dev123.Service-Now.com"),
            "https://dev123.service-now.com"
        );
        assert_eq!(
            ok("https://support.acme.example:8443/"),
            "https://support.acme.example:8443"
        );
    }

    #[test]
    fn pasted_ui_address_is_cut_to_origin() {
        assert_eq!(
            ok("https://dev123.service-now.com/now/nav/ui/home"),
            "https://dev123.service-now.com"
        );
        assert_eq!(
            ok("dev123.service-now.com/nav_to.do?uri=incident.do#top"),
            "https://dev123.service-now.com"
        );
    }

    #[test]
    fn http_only_for_loopback() {
        assert_eq!(ok("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
        assert_eq!(ok("http://localhost:9/x"), "http://localhost:9");
        assert_eq!(ok("http://[::1]:8080/"), "http://[::1]:8080");
        assert_eq!(ok("http://127.5.5.5:1"), "http://127.5.5.5:1");
        assert!(err("http://dev123.service-now.com").contains("https"));
        assert!(err("http://10.0.0.1").contains("loopback"));
    }

    #[test]
    fn refused_inputs() {
        assert!(err("").contains("empty"));
        assert!(err("ftp://dev123.service-now.com").contains("not https"));
        assert!(err("https://admin:pw@dev123.service-now.com").contains("user name"));
        assert!(err("admin@dev123.service-now.com").contains("user name"));
        assert!(err("dev 123").contains("white space"));
        assert!(err("https://").contains("invalid instance URL"));
    }

    #[test]
    fn lookalike_hosts_are_kept_verbatim() {
        // A host that merely starts like an instance is a different host; the instance step
        // proves whether it is ServiceNow at all.
        assert_eq!(
            ok("dev123.service-now.com.evil.example"),
            "https://dev123.service-now.com.evil.example"
        );
        assert_eq!(ok("https://192.0.2.7"), "https://192.0.2.7");
        assert_eq!(ok("bücher.example"), "https://xn--bcher-kva.example");
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::InstanceUrl;

    proptest! {
        #[test]
        fn instance_names_complete_to_service_now_hosts(name in "[a-z0-9][a-z0-9-]{0,20}[a-z0-9]") {
            prop_assume!(name != "localhost");
            // A label that starts `xn--` is punycode, and one that does not decode is refused
            // as an invalid international name (as it should be): not an instance name.
            prop_assume!(!name.starts_with("xn--"));
            let url = InstanceUrl::parse(&name).unwrap();
            prop_assert_eq!(url.as_str(), format!("https://{name}.service-now.com"));
        }

        /// Whatever is accepted is an origin (no path, query, fragment or trailing slash), and
        /// normalising it again changes nothing.
        #[test]
        fn accepted_urls_are_stable_origins(
            host in "[a-z][a-z0-9-]{0,10}(\\.[a-z][a-z0-9-]{0,10}){0,3}",
            path in "(/[a-zA-Z0-9._~%-]{0,8}){0,3}",
            query in "(\\?[a-z=&]{0,10})?",
            scheme in "(https://)?",
        ) {
            let input = format!("{scheme}{host}{path}{query}");
            if let Ok(url) = InstanceUrl::parse(&input) {
                let s = url.as_str().to_string();
                prop_assert!(s.starts_with("https://"), "{}", s);
                let rest = &s["https://".len()..];
                prop_assert!(!rest.contains('/') && !rest.contains('?') && !rest.contains('#'), "{}", s);
                let again = InstanceUrl::parse(&s).unwrap();
                prop_assert_eq!(again.as_str(), s.as_str());
            }
        }
    }
}
