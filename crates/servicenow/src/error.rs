//! What can go wrong talking to an instance, and whether it is one of credentials or rights
//! ([`ApiError::is_auth`]); the application maps each to an exit code (docs/contract.md).
//!
//! ServiceNow's error envelope is `{"error": {"message", "detail"}, "status": "failure"}`
//! (both fields optional, `detail` often JSON null); the CI/CD API reports errors inside
//! `result` instead. Non-JSON answers are told apart: a hibernating developer instance (a 200
//! HTML page), a redirect to a sign-in page, and anything else that is not ServiceNow.

use std::fmt;

use serde::Deserialize;

use crate::escape::{escape, redact_userinfo};

/// The most of one response body the client buffers; a larger answer is refused while it is
/// read ([`ApiError::TooLarge`], exit 4), so one answer can never take more memory than this
/// plus its parsed form.
pub const MAX_BODY: usize = 32 * 1024 * 1024;

/// The OAuth token endpoint (`crate::oauth` posts to it; its refusals are told apart here,
/// [`ApiError::is_oauth_refusal`]).
pub const TOKEN_PATH: &str = "/oauth_token.do";

/// ServiceNow's error envelope.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct Envelope {
    /// The `error` object.
    #[serde(default)]
    pub error: Option<EnvelopeError>,
    /// `"failure"` on errors.
    #[serde(default)]
    pub status: Option<String>,
}

/// The `error` object of the envelope.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct EnvelopeError {
    /// e.g. `User Not Authenticated`, `Invalid table sys_user_groups`.
    #[serde(default)]
    pub message: Option<String>,
    /// e.g. `Required to provide Auth information`; often null.
    #[serde(default)]
    pub detail: Option<String>,
}

/// What a client refuses before any request is sent: input that cannot be a host or a
/// setting (`Usage`), or a set-up that cannot work (`Unusable`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SetupError {
    pub kind: SetupKind,
    pub message: String,
    /// What to do about it, where one thing fits.
    pub hint: Option<String>,
}

/// The two kinds of [`SetupError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupKind {
    /// The user gave something that cannot work (exit 2 in sn-handoff).
    Usage,
    /// The machine cannot do it (exit 4 in sn-handoff).
    Unusable,
}

impl SetupError {
    pub fn usage(message: impl Into<String>) -> Self {
        SetupError {
            kind: SetupKind::Usage,
            message: message.into(),
            hint: None,
        }
    }

    pub fn unusable(message: impl Into<String>) -> Self {
        SetupError {
            kind: SetupKind::Unusable,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

/// An error from one exchange with the instance.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// ServiceNow answered with an HTTP error status and (usually) its error envelope.
    Status {
        /// HTTP method of the request.
        method: String,
        /// Path of the request, without the query.
        path: String,
        /// HTTP status.
        status: u16,
        /// `error.message`, when the body was the envelope.
        message: Option<String>,
        /// `error.detail`, when present and not null.
        detail: Option<String>,
        /// `Retry-After` seconds, on a 429 or 503 that ran out of retries.
        retry_after: Option<u64>,
    },
    /// A write asked for during a dry run: not sent.
    DryRun {
        /// HTTP method of the request.
        method: String,
        /// Path of the request, without the query.
        path: String,
    },
    /// A personal developer instance that is asleep.
    Hibernating,
    /// The instance sent us to a sign-in page (SSO or a session login) instead of answering.
    LoginRedirect {
        /// Where it redirected to.
        location: String,
    },
    /// The answer was not ServiceNow JSON.
    NotServiceNow {
        /// HTTP status of the answer.
        status: u16,
        content_type: String,
        /// Why it is not ServiceNow (cut body, wrong type, …).
        why: String,
    },
    /// No answer within `--timeout`, which bounds each try.
    Timeout {
        /// The timeout in seconds.
        secs: u64,
        /// The host (and port, when not the scheme's) that did not answer.
        host: String,
        /// How many tries got no answer (reads are tried again on a timeout).
        tries: u32,
        /// From the first try to the last one's end, pauses included, in milliseconds.
        elapsed_ms: u64,
    },
    /// The TLS handshake failed (untrusted certificate, wrong host name, …).
    Tls(Net),
    /// The host name did not resolve.
    Dns(Net),
    /// Connection refused, reset, or another transport failure.
    Connect(Net),
    /// An answer larger than sn-handoff buffers ([`MAX_BODY`]).
    TooLarge {
        /// HTTP method of the request.
        method: String,
        /// Path of the request, without the query.
        path: String,
    },
    /// A list that could not be read whole (no `X-Total-Count`, more rows than sn-handoff
    /// reads, rows that kept changing): it is never judged on a part.
    Incomplete {
        table: String,
        /// Why, in words.
        why: String,
    },
    /// The instance runs Tokyo or older, where Kore.ai's hand-off is another setup (Connect
    /// Support): sn-handoff writes nothing to it.
    ConnectSupport {
        /// The release family.
        release: String,
    },
}

/// Why the instance could not be reached, in plain words: one line of `host: cause`, and what
/// to do about it. Never the request URL (its query can be long and say too much).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Net {
    /// The host, and the port when it is not the scheme's.
    pub host: String,
    /// What happened (`the name does not resolve`).
    pub cause: String,
    /// What to do.
    pub hint: String,
    /// The connection was made and then closed or reset before an answer came: the request
    /// may have been received, and carried out ([`Net::no_answer`]).
    pub answer_lost: bool,
}

impl Net {
    /// `host` could not be reached because of `cause`; `hint` says what to do.
    pub fn new(host: &str, cause: impl Into<String>, hint: impl Into<String>) -> Net {
        Net {
            host: host.to_string(),
            cause: cause.into(),
            hint: hint.into(),
            answer_lost: false,
        }
    }

    /// `host` was reached, but the connection ended (`cause`) before its answer came.
    pub fn no_answer(host: &str, cause: impl Into<String>, hint: impl Into<String>) -> Net {
        Net {
            answer_lost: true,
            ..Net::new(host, cause, hint)
        }
    }
}

impl ApiError {
    /// Whether the request went out and its answer did not come back (a timeout, a cut body,
    /// the connection closed under it): it may have been carried out.
    pub fn answer_lost(&self) -> bool {
        match self {
            ApiError::Timeout { .. } | ApiError::Incomplete { .. } => true,
            ApiError::Connect(net) => net.answer_lost,
            _ => false,
        }
    }

    /// This error as the last of `tries` tries made over `elapsed`: a timeout says so.
    pub fn after_tries(self, (tries, elapsed): (u32, std::time::Duration)) -> ApiError {
        match self {
            ApiError::Timeout { secs, host, .. } => ApiError::Timeout {
                secs,
                host,
                tries,
                elapsed_ms: u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
            },
            other => other,
        }
    }

    /// Whether this is a 401 (credentials refused), or the OAuth token endpoint refusing the
    /// grant.
    pub fn is_unauthenticated(&self) -> bool {
        matches!(self, ApiError::Status { status: 401, .. }) || self.is_oauth_refusal()
    }

    /// Whether the OAuth token endpoint refused the grant (any 4xx but 429 on
    /// `/oauth_token.do`). ServiceNow answers them all alike, so the cause cannot be told.
    pub fn is_oauth_refusal(&self) -> bool {
        matches!(self, ApiError::Status { path, status, .. }
            if path == TOKEN_PATH && (400..500).contains(status) && *status != 429)
    }

    /// Whether the instance could not be reached at all (name, connection, TLS, timeout), as
    /// opposed to an answer that was not what was asked for.
    pub fn is_unreachable(&self) -> bool {
        matches!(
            self,
            ApiError::Timeout { .. } | ApiError::Tls(_) | ApiError::Dns(_) | ApiError::Connect(_)
        )
    }

    /// Whether this is a 403 (an ACL refused the operation).
    pub fn is_forbidden(&self) -> bool {
        matches!(self, ApiError::Status { status: 403, .. })
    }

    /// The table name when ServiceNow answered `400 Invalid table {name}`: the table does not
    /// exist, which is also what a table of an inactive plugin gives.
    pub fn invalid_table(&self) -> Option<&str> {
        match self {
            ApiError::Status {
                status: 400,
                message: Some(m),
                ..
            } => m.strip_prefix("Invalid table ").map(str::trim),
            _ => None,
        }
    }

    /// Whether the failure is one of credentials or rights (the others: the instance cannot
    /// be used as it is).
    pub fn is_auth(&self) -> bool {
        self.is_oauth_refusal()
            || matches!(
                self,
                ApiError::Status {
                    status: 401 | 403,
                    ..
                }
            )
    }

    /// ServiceNow's own words, `message: detail`, when it gave any.
    pub fn servicenow_says(&self) -> Option<String> {
        match self {
            ApiError::Status {
                message, detail, ..
            } => match (message, detail) {
                (Some(m), Some(d)) if !d.is_empty() => Some(format!("{m}: {d}")),
                (Some(m), _) => Some(m.clone()),
                (None, Some(d)) => Some(d.clone()),
                (None, None) => None,
            },
            _ => None,
        }
    }

    /// What the user should do about it, where one thing fits.
    pub fn hint(&self) -> Option<String> {
        if self.is_oauth_refusal() {
            return Some(
                "check the client id and secret against System OAuth → Application Registry, then sign in again: sn-handoff auth login --auth oauth --grant browser (or --grant password, or --grant token with a new refresh token)"
                    .into(),
            );
        }
        match self {
            ApiError::Status { status: 401, .. } => Some(
                "check the user name and password (SN_HANDOFF_USERNAME, SN_HANDOFF_PASSWORD), or for OAuth sign in again (sn-handoff auth login --auth oauth); a locked-out or inactive user is refused the same way"
                    .into(),
            ),
            ApiError::Status { status: 403, .. } => Some(
                "the steps read and change system tables: give the user the `admin` role (User Administration → Users → the user → Roles), or use an admin account"
                    .into(),
            ),
            ApiError::Status { status: 429, .. } => Some(
                "a REST API rate limit rule refused the request (System Web Services → REST API Rate Limiting); wait, or exempt the integration user"
                    .into(),
            ),
            ApiError::Hibernating => Some(
                "sign in at https://developer.servicenow.com to wake the instance (it takes a few minutes), then run the command again"
                    .into(),
            ),
            ApiError::LoginRedirect { .. } => Some(
                "check the instance URL; REST calls need a local ServiceNow account (or OAuth), not a single sign-on session"
                    .into(),
            ),
            ApiError::NotServiceNow { .. } => Some(
                "check the instance URL: it should be the address of a ServiceNow instance, such as https://dev123.service-now.com"
                    .into(),
            ),
            ApiError::Timeout { .. } => Some(
                "the instance may be slow or unreachable from here: raise --timeout, or check the network and HTTPS_PROXY".into(),
            ),
            ApiError::Tls(net) | ApiError::Dns(net) | ApiError::Connect(net) => {
                Some(net.hint.clone())
            }
            ApiError::TooLarge { .. } | ApiError::Incomplete { .. } => Some(
                "nothing was judged on part of the answer; if a proxy between here and the instance changes answers, bypass it (NO_PROXY), otherwise report the table named here".into(),
            ),
            ApiError::ConnectSupport { .. } => Some(format!(
                "follow Kore.ai's Tokyo guide instead: {}",
                super::release::TOKYO_GUIDE
            )),
            ApiError::Status { .. } | ApiError::DryRun { .. } => None,
        }
    }
}

impl ApiError {
    /// The OAuth token endpoint's refusal, which names every cause ServiceNow folds into it.
    fn fmt_oauth_refusal(
        f: &mut fmt::Formatter<'_>,
        status: u16,
        message: Option<&String>,
        detail: Option<&String>,
    ) -> fmt::Result {
        write!(
            f,
            "the OAuth token endpoint refused: POST {TOKEN_PATH} answered {status}"
        )?;
        let said: Vec<&str> = [detail, message]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if !said.is_empty() {
            write!(f, " ({})", escape(&said.join(": ")))?;
        }
        f.write_str(
            ". ServiceNow gives this same answer for a wrong client id or client secret, a wrong user name or password (password grant), a revoked or expired refresh token, a used or expired authorization code, and a grant type the OAuth app or the instance does not allow",
        )
    }
}

/// A timeout: `--timeout` bounds one try; after several the message says how many and how long
/// they took in all, so a `--timeout 2` that took 11.5 s does not read as 2 s.
fn fmt_timeout(
    f: &mut fmt::Formatter<'_>,
    secs: u64,
    host: &str,
    tries: u32,
    elapsed_ms: u64,
) -> fmt::Result {
    if tries > 1 {
        write!(
            f,
            "{host} did not answer within {secs} s, {tries} tries in {:.1} s (--timeout is per try)",
            elapsed_ms as f64 / 1000.0
        )
    } else {
        write!(f, "{host} did not answer within {secs} s (--timeout)")
    }
}

/// What an HTTP status means, in the words an error starts with.
fn status_words(status: u16) -> &'static str {
    match status {
        401 => "authentication failed",
        403 => "permission denied",
        404 => "not found",
        429 => "rate limited",
        s if s >= 500 => "server error",
        _ => "request refused",
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (
            true,
            ApiError::Status {
                status,
                message,
                detail,
                ..
            },
        ) = (self.is_oauth_refusal(), self)
        {
            return Self::fmt_oauth_refusal(f, *status, message.as_ref(), detail.as_ref());
        }
        match self {
            ApiError::Status {
                method,
                path,
                status,
                ..
            } => {
                let what = status_words(*status);
                write!(f, "{what}: {method} {path} answered {status}")?;
                self.servicenow_says()
                    .map_or(Ok(()), |says| write!(f, " ({})", escape(&says)))
            }
            ApiError::DryRun { method, path } => {
                write!(f, "not sent: {method} {path} writes, and this is a dry run")
            }
            ApiError::Hibernating => write!(
                f,
                "the instance is hibernating: it answered with ServiceNow's \"Your instance is hibernating\" page instead of JSON"
            ),
            ApiError::LoginRedirect { location } => write!(
                f,
                "the instance redirected to a sign-in page ({}) instead of answering the API call",
                escape(&redact_userinfo(location))
            ),
            ApiError::NotServiceNow {
                status,
                content_type,
                why,
            } => write!(
                f,
                "not a ServiceNow instance: it answered {status} with {} ({})",
                escape(content_type),
                escape(why)
            ),
            ApiError::Timeout {
                secs,
                host,
                tries,
                elapsed_ms,
            } => fmt_timeout(f, *secs, host, *tries, *elapsed_ms),
            ApiError::Connect(net) if net.answer_lost => {
                write!(f, "no answer from {}: {}", net.host, net.cause)
            }
            ApiError::Tls(net) | ApiError::Dns(net) | ApiError::Connect(net) => {
                write!(f, "cannot reach {}: {}", net.host, net.cause)
            }
            ApiError::TooLarge { method, path } => write!(
                f,
                "{method} {path} answered with a body larger than {} MiB, the most sn-handoff reads of one answer",
                MAX_BODY / (1024 * 1024)
            ),
            ApiError::Incomplete { table, why } => {
                write!(f, "the list of {table} could not be read whole: {why}")
            }
            ApiError::ConnectSupport { release } => write!(
                f,
                "{}; sn-handoff writes nothing to it",
                super::release::connect_support_words(release)
            ),
        }
    }
}

/// Classifies a response that was not a success, or a success that is not JSON.
pub(crate) fn classify(
    method: &str,
    path: &str,
    status: u16,
    content_type: &str,
    location: Option<&str>,
    retry_after: Option<u64>,
    body: &[u8],
) -> ApiError {
    let refused = |message: Option<String>, detail: Option<String>| ApiError::Status {
        method: method.to_string(),
        path: path.to_string(),
        status,
        message,
        detail,
        retry_after,
    };
    if (300..400).contains(&status) {
        let location = location.unwrap_or_default().to_string();
        if location.contains("developer.servicenow.com") {
            return ApiError::Hibernating;
        }
        return ApiError::LoginRedirect { location };
    }
    if looks_hibernating(body) {
        return ApiError::Hibernating;
    }
    if let Ok(Envelope {
        error: Some(error), ..
    }) = serde_json::from_slice::<Envelope>(body)
    {
        return refused(error.message, error.detail.filter(|d| !d.is_empty()));
    }
    // The CI/CD API reports its errors inside `result` (`status` "3", `error` text), not in
    // the envelope (recorded in cicd-failed-404.json).
    if let Some(error) = cicd_error(body) {
        return refused(Some(error), None);
    }
    // A 401 with ServiceNow's challenge but no envelope is still ServiceNow refusing the
    // login; so is a refusal only a gateway in front of it words (429, 5xx), and a 403 in JSON.
    if status == 401
        || status == 429
        || status >= 500
        || (status == 403 && content_type.contains("json"))
    {
        return refused(None, None);
    }
    not_servicenow(status, content_type, body)
}

/// An answer that is not ServiceNow's (or a sign-in page in its place).
fn not_servicenow(status: u16, content_type: &str, body: &[u8]) -> ApiError {
    let lower = String::from_utf8_lossy(&body[..body.len().min(4096)]).to_ascii_lowercase();
    let why = if body.is_empty() {
        "an empty body".to_string()
    } else if lower.contains("<html") || content_type.contains("html") {
        if lower.contains("login") || lower.contains("sign in") || lower.contains("saml") {
            return ApiError::LoginRedirect {
                location: "an HTML sign-in page".to_string(),
            };
        }
        "an HTML page where ServiceNow answers JSON".to_string()
    } else if content_type.contains("json") {
        "JSON that is not ServiceNow's".to_string()
    } else {
        "a body that is not JSON".to_string()
    };
    ApiError::NotServiceNow {
        status,
        content_type: if content_type.is_empty() {
            "no content type".to_string()
        } else {
            content_type.to_string()
        },
        why,
    }
}

/// The `error` text of a CI/CD answer (`{"result": {"status": "3", "error": "…"}}`), when
/// there is one.
fn cicd_error(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let error = value.get("result")?.get("error")?.as_str()?.trim();
    (!error.is_empty()).then(|| error.to_string())
}

/// The marks of ServiceNow's hibernation page (recorded in `hibernating.html`).
pub(crate) fn looks_hibernating(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(16 * 1024)]);
    head.contains("Instance Hibernating page")
        || head.contains("instance-hibernating-page")
        || head.contains("Your instance is hibernating")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_with_null_detail() {
        let body = br#"{"error":{"message":"Invalid table sys_user_groups","detail":null},"status":"failure"}"#;
        let e = classify(
            "GET",
            "/api/now/v2/table/sys_user_groups",
            400,
            "application/json",
            None,
            None,
            body,
        );
        assert_eq!(e.invalid_table(), Some("sys_user_groups"));
        assert!(!e.is_auth());
        assert_eq!(
            e.servicenow_says().unwrap(),
            "Invalid table sys_user_groups"
        );
    }

    #[test]
    fn token_endpoint_refusals_list_every_cause() {
        let e = ApiError::Status {
            method: "POST".into(),
            path: "/oauth_token.do".into(),
            status: 401,
            message: Some("access_denied".into()),
            detail: Some("server_error".into()),
            retry_after: None,
        };
        assert!(e.is_oauth_refusal() && e.is_unauthenticated());
        assert!(e.is_auth());
        let text = e.to_string();
        for cause in [
            "client secret",
            "password",
            "revoked or expired refresh token",
            "grant type",
            "server_error: access_denied",
        ] {
            assert!(text.contains(cause), "{cause} missing from {text}");
        }
        assert!(e.hint().unwrap().contains("auth login"));
    }

    #[test]
    fn cicd_errors_come_inside_result() {
        let body = br#"{"result":{"status":"3","status_label":"Failed","status_message":"","status_detail":"","error":"Invalid app sys id: testSystemId"}}"#;
        let e = classify(
            "POST",
            "/api/sn_cicd/app_repo/install",
            404,
            "application/json",
            None,
            None,
            body,
        );
        assert!(
            matches!(&e, ApiError::Status { status: 404, message: Some(m), .. } if m == "Invalid app sys id: testSystemId"),
            "{e:?}"
        );
        assert!(!e.is_auth());
    }

    #[test]
    fn redirect_to_developer_portal_is_hibernation() {
        let e = classify(
            "GET",
            "/api/now/v2/table/x",
            302,
            "text/html",
            Some("https://developer.servicenow.com/dev.do#!/home?wu=true"),
            None,
            b"",
        );
        assert_eq!(e, ApiError::Hibernating);
        let e = classify(
            "GET",
            "/x",
            302,
            "",
            Some("https://sso.acme.example/saml/login"),
            None,
            b"",
        );
        assert!(matches!(e, ApiError::LoginRedirect { .. }));
    }

    #[test]
    fn other_bodies_are_not_servicenow() {
        let e = classify(
            "GET",
            "/x",
            200,
            "text/html",
            None,
            None,
            b"<html><body>nginx</body></html>",
        );
        assert!(matches!(e, ApiError::NotServiceNow { .. }), "{e:?}");
        let e = classify("GET", "/x", 200, "", None, None, b"");
        assert!(e.to_string().contains("empty body"), "{e}");
        assert!(!e.is_auth());
    }
}
