//! What can go wrong talking to Kore.ai, and the exit code of each (docs/contract.md, "Exit codes").
//!
//! Kore.ai documents one error body, for refused JWTs: `{"errors":[{"msg","code"}]}`
//! (`tests/fixtures/koreai/jwt-jti-*.json`). Error answers of the agent-integration,
//! channel-mapping and publish APIs are not documented, so any other body is kept as text
//! (cut short, control characters escaped) and the status decides the meaning:
//! 401 a refused JWT; 403 (or a 401 that talks about scopes) a scope the app lacks;
//! 429 a rate limit that outlived the retries; anything else a refused request.

use std::fmt;

use serde_json::Value;

use sn_handoff_servicenow::ApiError;

/// An error from one exchange with Kore.ai.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KoreError {
    /// Kore.ai answered with an error status.
    Status {
        /// HTTP method.
        method: String,
        /// Path without the query.
        path: String,
        /// HTTP status.
        status: u16,
        /// What the body said: each `errors[].msg`, or the body as text.
        messages: Vec<String>,
        /// The API scope the call needs.
        scope: &'static str,
        /// The client id of the app that signed it.
        client_id: String,
        /// Whether the Admin Console app signed it (publishing), not the bot's app.
        admin: bool,
    },
    /// A 2xx answer that is not JSON.
    NotKore {
        /// HTTP status.
        status: u16,
        content_type: String,
        /// What was wrong.
        why: String,
    },
    /// No answer: DNS, TLS, refused, timeout.
    Transport {
        /// The Kore.ai host.
        host: String,
        /// What went wrong.
        error: Box<ApiError>,
    },
}

impl KoreError {
    /// The HTTP status, for an answer with an error status.
    pub fn status(&self) -> Option<u16> {
        match self {
            KoreError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether the app lacks the call's scope: 403, or a 401 whose message talks of scopes
    /// or permission (how Kore.ai words it is not documented).
    pub fn is_scope(&self) -> bool {
        match self {
            KoreError::Status { status: 403, .. } => true,
            KoreError::Status {
                status: 401,
                messages,
                ..
            } => messages.iter().any(|m| {
                let m = m.to_ascii_lowercase();
                m.contains("scope") || m.contains("permission") || m.contains("not authorized")
            }),
            _ => false,
        }
    }

    /// Whether the JWT itself was refused (401 that is not about a scope).
    pub fn is_refused_jwt(&self) -> bool {
        matches!(self, KoreError::Status { status: 401, .. }) && !self.is_scope()
    }

    /// Whether the Admin Console app signed the refused call (not the bot's app).
    pub fn is_admin(&self) -> bool {
        matches!(self, KoreError::Status { admin: true, .. })
    }

    /// Notes whether the Admin Console app signed the refused call.
    pub(crate) fn signed_by_admin(mut self, by_admin: bool) -> Self {
        if let KoreError::Status { admin, .. } = &mut self {
            *admin = by_admin;
        }
        self
    }

    /// The message text, joined.
    pub fn says(&self) -> Option<String> {
        match self {
            KoreError::Status { messages, .. } if !messages.is_empty() => Some(messages.join("; ")),
            _ => None,
        }
    }

    /// What the user should do about it, where one thing fits.
    pub fn hint(&self) -> Option<String> {
        match self {
            e if e.is_scope() => {
                let KoreError::Status { scope, .. } = e else {
                    return None;
                };
                Some(format!(
                    "add the scope {scope} to the app (bot: App Settings > Dev Tools > API Scope; Admin Console: Security & Control > API Scopes), then publish the bot: scopes take effect once it is published"
                ))
            }
            // The application's: it names the settings of the app that signed
            // ([`KoreError::is_admin`]).
            e if e.is_refused_jwt() => None,
            KoreError::Status { status: 404, .. } => Some(
                "check the bot id (--bot-id) and the Kore.ai host (--kore-host): regional and on-premises environments have their own host".into(),
            ),
            KoreError::Status { status: 429, .. } => Some(
                "Kore.ai's rate limit (60 requests a minute, 1800 an hour per bot): wait a minute and run the command again".into(),
            ),
            KoreError::NotKore { .. } => Some(
                "check --kore-host: it should be the Kore.ai environment's host, such as platform.kore.ai".into(),
            ),
            KoreError::Transport { error, .. } if matches!(**error, ApiError::Timeout { .. }) => Some(
                "Kore.ai may be slow or unreachable from here; raise --timeout, or check the network and HTTPS_PROXY".into(),
            ),
            KoreError::Transport { error, .. } if matches!(**error, ApiError::Tls(_)) => Some(
                "if a corporate proxy inspects TLS, pass its root certificate with --ca-cert FILE (or SN_HANDOFF_CA_CERT)".into(),
            ),
            KoreError::Transport { error, .. } if matches!(**error, ApiError::Dns(_)) => Some(
                "check --kore-host (SN_HANDOFF_KORE_HOST): platform.kore.ai, a regional host such as jp-platform.kore.ai, or your on-premises host".into(),
            ),
            KoreError::Transport { .. } => Some(
                "check --kore-host, the network, and HTTPS_PROXY/NO_PROXY".into(),
            ),
            KoreError::Status { .. } => None,
        }
    }
}

impl fmt::Display for KoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            e @ KoreError::Status {
                method,
                path,
                status,
                scope,
                client_id,
                ..
            } => {
                if e.is_scope() {
                    write!(
                        f,
                        "Kore.ai refused {method} {path} ({status}): the app {} lacks the scope {scope}",
                        printable(client_id)
                    )?;
                } else if e.is_refused_jwt() {
                    write!(
                        f,
                        "Kore.ai refused the JWT of app {} on {method} {path} (401)",
                        printable(client_id)
                    )?;
                } else {
                    let what = match status {
                        404 => "not found",
                        429 => "rate limited",
                        s if *s >= 500 => "server error",
                        _ => "request refused",
                    };
                    write!(f, "Kore.ai: {what}: {method} {path} answered {status}")?;
                }
                if let Some(says) = e.says() {
                    write!(f, ": {says}")?;
                }
                Ok(())
            }
            KoreError::NotKore {
                status,
                content_type,
                why,
            } => write!(
                f,
                "not Kore.ai: it answered {status} with {content_type} ({why})"
            ),
            KoreError::Transport { host, error } => write!(f, "Kore.ai at {host}: {error}"),
        }
    }
}

/// What an error body says: every `errors[].msg` (the documented shape), a `message` or
/// `error` field, or else the text itself, each cut to 300 characters with control
/// characters escaped.
pub fn messages(body: &[u8]) -> Vec<String> {
    if let Ok(value) = serde_json::from_slice::<Value>(body) {
        if let Some(errors) = value.get("errors").and_then(Value::as_array) {
            let found: Vec<String> = errors
                .iter()
                .filter_map(|e| match e {
                    Value::String(s) => Some(s.clone()),
                    other => other
                        .get("msg")
                        .or_else(|| other.get("message"))
                        .and_then(Value::as_str)
                        .map(str::to_string),
                })
                .map(|m| printable(&m))
                .collect();
            if !found.is_empty() {
                return found;
            }
        }
        for key in ["message", "msg", "error"] {
            if let Some(text) = value.get(key).and_then(Value::as_str) {
                return vec![printable(text)];
            }
        }
    }
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() || text.starts_with('<') {
        return Vec::new();
    }
    vec![printable(text)]
}

/// `text` cut to 300 characters, control and bidirectional-override characters escaped; the
/// secrets the run holds are taken out first, so that a cut never leaves part of one.
pub fn printable(text: &str) -> String {
    let text = sn_handoff_servicenow::secrets::scrub(text);
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == 300 {
            out.push('…');
            break;
        }
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPLAY: &str = include_str!("../../../tests/fixtures/koreai/jwt-jti-replay-401.json");

    fn status(status: u16, body: &str) -> KoreError {
        KoreError::Status {
            method: "PUT".into(),
            path: "/api/public/bot/st-1/agentintegrations/channelmappings".into(),
            status,
            messages: messages(body.as_bytes()),
            scope: "agent_integrations:write",
            client_id: "cs-1".into(),
            admin: false,
        }
    }

    #[test]
    fn documented_jwt_refusal_is_told_apart() {
        let e = status(401, REPLAY);
        assert!(e.is_refused_jwt());
        let message = e.to_string();
        assert!(message.contains("possibly a replay"), "{message}");
    }

    #[test]
    fn scope_refusals_name_the_scope() {
        for e in [
            status(403, "Forbidden"),
            status(
                401,
                r#"{"errors":[{"msg":"Scope not granted","code":401}]}"#,
            ),
        ] {
            assert!(e.is_scope());
            assert!(e.to_string().contains("agent_integrations:write"));
        }
    }

    #[test]
    fn other_bodies_are_text() {
        let e = status(400, "channelMappings must map every channel\u{1b}[31m");
        assert_eq!(
            e.says().unwrap(),
            "channelMappings must map every channel\\u{1b}[31m"
        );
        assert!(!e.is_scope() && !e.is_refused_jwt());
        assert!(messages(b"<html>oops</html>").is_empty());
        assert_eq!(messages(br#"{"message":"nope"}"#), vec!["nope"]);
    }
}
