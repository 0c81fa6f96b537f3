//! The Kore.ai HTTP client: the host, the bot, the JWT app(s), retries and errors. Built on the
//! same reqwest set-up as the ServiceNow client (timeouts, proxy from the environment,
//! `--ca-cert`), with the same verbose log (method, path, status, milliseconds; never a header
//! or a body, so neither the JWT nor a forwarded ServiceNow secret can reach it).
//!
//! Every request is signed with a fresh JWT ([`super::jwt`]), so a retry never replays a
//! `jti`. 429 and 503 are tried again honouring `Retry-After` (Kore.ai documents rate limits,
//! not their status or headers), within the budget of tries and
//! waiting both clients share ([`sn_handoff_servicenow::http::retry`]).

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;
use std::time::Instant;

use reqwest::header::{HeaderValue, ACCEPT, CONTENT_TYPE};
use reqwest::Method;
use secrecy::SecretString;
use serde_json::Value;

use super::error::KoreError;
use super::jwt;
use sn_handoff_servicenow::error::Net;
use sn_handoff_servicenow::http::retry::Retrying;
use sn_handoff_servicenow::http::Network;
use sn_handoff_servicenow::{ApiError, InstanceUrl, SetupError};

type Result<T, E = SetupError> = std::result::Result<T, E>;

/// The Kore.ai host when none is given (the current documentation's environment URL).
pub const DEFAULT_HOST: &str = "platform.kore.ai";

/// A Kore.ai JWT app: its client id and client secret.
#[derive(Clone)]
pub struct App {
    /// The client id (the JWT's `appId`).
    pub client_id: String,
    /// The client secret (the HS256 key); never logged, never printed.
    pub secret: SecretString,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("client_id", &self.client_id)
            .field("secret", &"[redacted]")
            .finish()
    }
}

/// Which app signs a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signer {
    /// The bot's app (agent integrations, channel mappings).
    Bot,
    /// The Admin Console app when one is given (publishing), else the bot's.
    Publisher,
}

#[derive(Debug, Clone)]
pub struct KoreConfig {
    /// The Kore.ai host origin (`https://platform.kore.ai`).
    pub host: InstanceUrl,
    /// The bot (app) id, `st-…`.
    pub bot_id: String,
    pub app: App,
    /// An Admin Console app for publishing, when given.
    pub admin: Option<App>,
    /// Timeout, trust roots and the `-v` log, as the ServiceNow client has them.
    pub network: Network,
}

/// A successful answer: status and JSON body (`Null` when empty).
#[derive(Debug, Clone)]
pub struct Answer {
    /// HTTP status (2xx).
    pub status: u16,
    pub body: Value,
}

/// What the application wraps around every write (a request other than `GET`): sn-handoff
/// lets a started write finish on a signal, starts none after one, and notes each write that
/// landed. The client itself keeps no journal.
pub trait WriteGuard: Send + Sync {
    /// Waits until a write may start; what it returns is held while the write is sent.
    fn enter(&self) -> Pin<Box<dyn Future<Output = Box<dyn Any + Send>> + Send + '_>>;
    /// A write that landed (`POST /path`).
    fn landed(&self, what: String);
}

/// A client for one bot on one Kore.ai host.
pub struct KoreClient {
    http: reqwest::Client,
    config: KoreConfig,
    guard: Option<Arc<dyn WriteGuard>>,
    /// Which of the publish-status paths last answered (the first until one did): see
    /// [`crate::api::publish_status`].
    pub(crate) publish_status_path: AtomicUsize,
}

impl KoreClient {
    /// An unreadable `--ca-cert` is exit 2.
    pub fn new(config: KoreConfig) -> Result<KoreClient> {
        let http = config.network.http_client(None)?;
        Ok(KoreClient {
            http,
            config,
            guard: None,
            publish_status_path: AtomicUsize::new(0),
        })
    }

    /// Wraps every write in `guard` (see [`WriteGuard`]).
    pub fn with_write_guard(mut self, guard: Arc<dyn WriteGuard>) -> KoreClient {
        self.guard = Some(guard);
        self
    }

    pub fn host(&self) -> &InstanceUrl {
        &self.config.host
    }

    pub fn bot_id(&self) -> &str {
        &self.config.bot_id
    }

    /// Whether an Admin Console app is configured (publishing and its status need it).
    pub fn has_admin(&self) -> bool {
        self.config.admin.is_some()
    }

    /// The app that signs requests of `signer`.
    pub fn app(&self, signer: Signer) -> &App {
        match (signer, &self.config.admin) {
            (Signer::Publisher, Some(admin)) => admin,
            _ => &self.config.app,
        }
    }

    /// `/api/public/bot/{bot}` + `rest`.
    pub fn bot_path(&self, rest: &str) -> String {
        format!("/api/public/bot/{}{rest}", self.config.bot_id)
    }

    /// Sends one request signed by `signer`, retrying 429/503 (and, when not a POST, 502/504
    /// and timeouts); `scope` names the API scope the call needs, for messages.
    pub async fn request(
        &self,
        method: Method,
        path_and_query: &str,
        body: Option<&Value>,
        signer: Signer,
        scope: &'static str,
    ) -> Result<Answer, KoreError> {
        let path = path_and_query
            .split_once('?')
            .map_or(path_and_query, |(p, _)| p)
            .to_string();
        let idempotent = method != Method::POST;
        let mut retry = Retrying::new(self.config.network.verbose, &method, &path);
        loop {
            // A write passes the application's guard (see [`WriteGuard`]).
            let guard = match &self.guard {
                Some(guard) if method != Method::GET => Some((guard, guard.enter().await)),
                _ => None,
            };
            let sent = self.send_once(&method, path_and_query, body, signer).await;
            if let Some((guard, _)) = &guard {
                // Written, or perhaps written (a 5xx, or no whole answer: Kore.ai may have
                // applied it): a stop after it says so, never "nothing was written".
                let maybe = match &sent {
                    Ok((200..=299, _, _)) => Some(String::new()),
                    // 503: not served (and tried again).
                    Ok((status @ (500..=502 | 504..=599), _, _)) => {
                        Some(format!(" (perhaps: answered {status})"))
                    }
                    Err(e) if e.answer_lost() => Some(" (perhaps: no answer)".to_string()),
                    _ => None,
                };
                if let Some(maybe) = maybe {
                    guard.landed(format!("{method} {path}{maybe}"));
                }
            }
            drop(guard);
            let pause = match &sent {
                Ok((429 | 503, headers, _)) => Some(retry.after(headers)),
                Ok((502 | 504, _, _)) if idempotent => Some(retry.backoff()),
                Err(ApiError::Timeout { .. }) if idempotent => Some(retry.backoff()),
                _ => None,
            };
            if retry.wait(pause).await {
                continue;
            }
            let (status, headers, bytes) = sent.map_err(|error| KoreError::Transport {
                host: self.config.host.host(),
                error: Box::new(error.after_tries(retry.so_far())),
            })?;
            return finish(
                &method,
                &path,
                status,
                &headers,
                &bytes,
                scope,
                &self.app(signer).client_id,
            )
            .map_err(|e| e.signed_by_admin(signer == Signer::Publisher && self.has_admin()));
        }
    }

    async fn send_once(
        &self,
        method: &Method,
        path_and_query: &str,
        body: Option<&Value>,
        signer: Signer,
    ) -> Result<(u16, reqwest::header::HeaderMap, Vec<u8>), ApiError> {
        let app = self.app(signer);
        let token = jwt::sign(
            &app.client_id,
            &app.secret,
            sn_handoff_servicenow::time::unix_now(),
        );
        let mut auth = HeaderValue::from_str(secrecy::ExposeSecret::expose_secret(&token))
            .map_err(|_| {
                ApiError::Connect(Net::new(
                    &self.config.host.host_and_port(),
                    "the JWT holds characters HTTP does not allow",
                    "check the Kore.ai client id and secret",
                ))
            })?;
        auth.set_sensitive(true);
        let mut request = self
            .http
            .request(method.clone(), self.config.host.join(path_and_query))
            .header(ACCEPT, "application/json")
            .header("auth", auth);
        if let Some(body) = body {
            request = request.json(body);
        }
        let started = Instant::now();
        let path = path_and_query
            .split_once('?')
            .map_or(path_and_query, |(p, _)| p);
        let result = self.read(request, method, path).await;
        if self.config.network.verbose {
            let ms = started.elapsed().as_millis();
            match &result {
                Ok((status, _, _)) => sn_handoff_servicenow::http::log(format_args!(
                    "{method} {path_and_query} {status} {ms} ms (Kore.ai)"
                )),
                Err(e) => sn_handoff_servicenow::http::log(format_args!(
                    "{method} {path_and_query} failed after {ms} ms (Kore.ai): {e}"
                )),
            }
        }
        result
    }

    async fn read(
        &self,
        request: reqwest::RequestBuilder,
        method: &Method,
        path: &str,
    ) -> Result<(u16, reqwest::header::HeaderMap, Vec<u8>), ApiError> {
        // The host is in the message already; the URL would add the path and query.
        let answer = sn_handoff_servicenow::http::send_and_read(
            request,
            method,
            path,
            &self.config.host.host_and_port(),
            self.config.network.timeout.as_secs(),
        )
        .await?;
        Ok((answer.status, answer.headers, answer.body))
    }
}

/// Turns what came back into an [`Answer`] or a [`KoreError`].
fn finish(
    method: &Method,
    path: &str,
    status: u16,
    headers: &reqwest::header::HeaderMap,
    bytes: &[u8],
    scope: &'static str,
    client_id: &str,
) -> Result<Answer, KoreError> {
    if (200..300).contains(&status) {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Answer {
                status,
                body: Value::Null,
            });
        }
        return match serde_json::from_slice::<Value>(bytes) {
            Ok(body) => Ok(Answer { status, body }),
            Err(e) => Err(KoreError::NotKore {
                status,
                content_type: headers
                    .get(CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("no content type")
                    .to_string(),
                why: format!("{method} {path} answered without JSON: {e}"),
            }),
        };
    }
    Err(KoreError::Status {
        method: method.to_string(),
        path: path.to_string(),
        status,
        messages: super::error::messages(bytes),
        scope,
        client_id: client_id.to_string(),
        admin: false,
    })
}

/// Parses `--kore-host`: `platform.kore.ai`, `https://jp-platform.kore.ai`, or
/// `http://127.0.0.1:PORT` (plain http only for loopback, as for `--instance`). A path is cut
/// to the origin.
pub fn parse_host(input: &str) -> Result<InstanceUrl> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(SetupError::usage("--kore-host is empty").with_hint(HOST_EXAMPLES));
    }
    let with_scheme = if trimmed.contains("://") {
        trimmed.to_string()
    } else {
        format!("https://{trimmed}")
    };
    InstanceUrl::parse(&with_scheme).map_err(|e| {
        let why = e
            .message()
            .split_once(": ")
            .map_or(e.message(), |(_, why)| why)
            .to_string();
        SetupError::usage(format!("invalid --kore-host `{trimmed}`: {why}"))
            .with_hint(HOST_EXAMPLES)
    })
}

const HOST_EXAMPLES: &str = "give the Kore.ai environment's host, such as platform.kore.ai, jp-platform.kore.ai, de-platform.kore.ai or your on-premises host";

/// Checks a bot id: letters, digits, `-` and `_` only (it goes into every path).
pub fn check_bot_id(id: &str) -> Result<String> {
    let id = id.trim();
    if id.is_empty()
        || id.len() > 200
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(SetupError::usage(format!(
            "invalid --bot-id `{}`: a Kore.ai bot id has letters, digits and dashes, such as st-a86a6717-340b-5830-a8b6-13b4aeb12345",
            super::error::printable(id)
        ))
        .with_hint("it is under App Settings > App Profile in the XO Platform"));
    }
    Ok(id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let ok = |s: &str| parse_host(s).unwrap().as_str().to_string();
        assert_eq!(ok("platform.kore.ai"), "https://platform.kore.ai");
        assert_eq!(
            ok("https://jp-platform.kore.ai/"),
            "https://jp-platform.kore.ai"
        );
        assert_eq!(ok("http://127.0.0.1:9000"), "http://127.0.0.1:9000");
        assert_eq!(ok("bots"), "https://bots");
        let err = parse_host("http://platform.kore.ai").unwrap_err();
        assert!(err.message().contains("--kore-host"), "{}", err.message());
        assert!(parse_host("ftp://x").is_err());
    }

    #[test]
    fn bot_ids() {
        assert!(check_bot_id("st-a86a6717-340b-5830-a8b6-13b4aeb12345").is_ok());
        assert!(check_bot_id("st-1/../x").is_err());
        assert!(check_bot_id("").is_err());
    }
}
