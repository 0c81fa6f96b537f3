//! The one HTTP client: base URL, the auth header, timeouts, retries, the verbose log, TLS
//! trust and the proxy. Nothing else in sn-handoff touches reqwest.
//!
//! Retries: 429, 502, 503 and 504 are tried again (429 and 503 honour `Retry-After`), and so
//! are dropped connections and timeouts of idempotent requests (a refused connection is not:
//! nothing listens there); at most [`MAX_ATTEMPTS`] tries
//! and [`RETRY_BUDGET`] of waiting in all. The verbose log (`-v`) prints method, path, status
//! and milliseconds; it never prints a header or a body, so no secret can reach it.
//!
//! With OAuth ([`Auth::Bearer`]) every request carries the run's access token; a request
//! refused with 401 gets a new access token (one exchange, however many requests were refused
//! with the same token) and is sent once more.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, ACCEPT, CONTENT_TYPE, LOCATION, RETRY_AFTER};
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use tokio::sync::Semaphore;

use super::error::{classify, looks_hibernating, ApiError};
use super::instance_url::InstanceUrl;
use super::oauth::TokenSource;
use crate::error::{Error, Result};

/// Tries per request, the first included.
pub const MAX_ATTEMPTS: u32 = 4;
/// The longest the client waits between tries, added up over one request.
pub const RETRY_BUDGET: Duration = Duration::from_secs(60);
/// The most of a response body the client reads; a larger one is refused as not ServiceNow.
pub const MAX_BODY: usize = 32 * 1024 * 1024;
/// Requests in flight at once, unless `SN_HANDOFF_CONCURRENCY` says otherwise: enough for every
/// read of `check --deep` after the probe (about 20) to go out together.
pub const DEFAULT_CONCURRENCY: usize = 24;

/// How the client proves who it is.
#[derive(Clone)]
pub enum Auth {
    /// HTTP Basic with a ServiceNow user and password.
    Basic {
        /// The user name.
        user: String,
        /// The password; never logged, never printed.
        password: SecretString,
    },
    /// OAuth: `Authorization: Bearer` with the access token of `source`.
    Bearer {
        /// The ServiceNow user the tokens belong to, when known (the profile's or
        /// `--username`); only for messages and the admin check.
        user: Option<String>,
        /// Where access tokens come from.
        source: Arc<TokenSource>,
    },
}

impl Auth {
    /// HTTP Basic.
    pub fn basic(user: impl Into<String>, password: SecretString) -> Auth {
        Auth::Basic {
            user: user.into(),
            password,
        }
    }

    /// No credentials: for requests that prove an instance answers as ServiceNow (its 401).
    pub fn anonymous() -> Auth {
        Auth::basic("", SecretString::from(String::new()))
    }

    /// OAuth with the access tokens of `source`.
    pub fn bearer(user: Option<String>, source: Arc<TokenSource>) -> Auth {
        Auth::Bearer { user, source }
    }
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::Basic { user, .. } => f
                .debug_struct("Basic")
                .field("user", user)
                .field("password", &"[redacted]")
                .finish(),
            Auth::Bearer { user, source } => f
                .debug_struct("Bearer")
                .field("user", user)
                .field("client_id", &source.client_id())
                .finish_non_exhaustive(),
        }
    }
}

/// What the client is built from.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The instance origin.
    pub instance: InstanceUrl,
    /// Credentials.
    pub auth: Auth,
    /// Per-request timeout.
    pub timeout: Duration,
    /// Extra PEM trust roots.
    pub ca_cert: Option<PathBuf>,
    /// Log each exchange to stderr.
    pub verbose: bool,
    /// Requests in flight at once.
    pub concurrency: usize,
}

/// A successful answer: status, headers and the parsed JSON body (`Null` for an empty body).
#[derive(Debug, Clone)]
pub struct Response {
    /// HTTP status (2xx).
    pub status: u16,
    /// Response headers.
    pub headers: HeaderMap,
    /// The JSON body.
    pub body: Value,
}

/// A cheap-to-clone handle on one instance.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    instance: InstanceUrl,
    auth: Auth,
    /// Who the client signs in as, for messages.
    user: String,
    timeout: Duration,
    verbose: bool,
    slots: Semaphore,
}

/// What a request carries besides the path.
enum Body<'a> {
    None,
    Json(&'a Value),
    Form(&'a [(&'a str, &'a str)]),
}

struct Raw {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Client {
    /// Builds the client. A CA file that cannot be read is a usage error (exit 2).
    pub fn new(config: ClientConfig) -> Result<Self> {
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(15)))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("sn-handoff/", env!("CARGO_PKG_VERSION")))
            .pool_idle_timeout(Duration::from_secs(30));
        if let Some(path) = &config.ca_cert {
            let pem = std::fs::read(path).map_err(|e| {
                Error::usage(format!("cannot read --ca-cert {}: {e}", path.display()))
            })?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
                Error::usage(format!(
                    "--ca-cert {} is not a PEM certificate: {e}",
                    path.display()
                ))
            })?;
            if certs.is_empty() {
                return Err(Error::usage(format!(
                    "--ca-cert {} holds no PEM certificate",
                    path.display()
                )));
            }
            for cert in certs {
                builder = builder.add_root_certificate(cert);
            }
        }
        let http = builder
            .build()
            .map_err(|e| Error::unusable(format!("cannot set up HTTPS: {e}")))?;
        let user = match &config.auth {
            Auth::Basic { user, .. }
            | Auth::Bearer {
                user: Some(user), ..
            } => user.clone(),
            Auth::Bearer { user: None, source } => {
                format!("the user of OAuth client {}", source.client_id())
            }
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                instance: config.instance,
                auth: config.auth,
                user,
                timeout: config.timeout,
                verbose: config.verbose,
                slots: Semaphore::new(config.concurrency.max(1)),
            }),
        })
    }

    /// The instance this client talks to.
    pub fn instance(&self) -> &InstanceUrl {
        &self.inner.instance
    }

    /// The user name the client authenticates as; with OAuth and no known user name, a
    /// phrase naming the OAuth client (see [`Client::user_known`]).
    pub fn user(&self) -> &str {
        &self.inner.user
    }

    /// Whether [`Client::user`] is a user name (and not a phrase standing for one).
    pub fn user_known(&self) -> bool {
        !matches!(&self.inner.auth, Auth::Bearer { user: None, .. })
    }

    /// The authentication method, as SPEC names it (`basic`, `oauth`).
    pub fn method_name(&self) -> &'static str {
        match &self.inner.auth {
            Auth::Basic { .. } => "basic",
            Auth::Bearer { .. } => "oauth",
        }
    }

    /// The OAuth token source, when the client uses OAuth.
    pub fn token_source(&self) -> Option<&Arc<TokenSource>> {
        match &self.inner.auth {
            Auth::Bearer { source, .. } => Some(source),
            Auth::Basic { .. } => None,
        }
    }

    /// Posts a form without credentials in a header (the OAuth token endpoint, which takes
    /// the client's credentials in the form) and returns the JSON answer. A 2xx answer that is
    /// not a JSON object is not ServiceNow; any other status is an [`ApiError::Status`] whose
    /// `message` is the OAuth `error_description` and `detail` the OAuth `error`. 429 and 503
    /// are tried again as for every request.
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Result<Value, ApiError> {
        let mut waited = Duration::ZERO;
        let mut attempt = 1;
        let raw = loop {
            let raw = self
                .send_raw(&Method::POST, path, Body::Form(form), None, &[])
                .await?;
            let pause = matches!(raw.status, 429 | 503).then(|| {
                retry_after(&raw.headers).map_or_else(
                    || backoff(attempt),
                    |secs| Duration::from_secs(secs.min(30)),
                )
            });
            match pause {
                Some(pause) if attempt < MAX_ATTEMPTS && waited + pause <= RETRY_BUDGET => {
                    tokio::time::sleep(pause).await;
                    waited += pause;
                    attempt += 1;
                }
                _ => break raw,
            }
        };
        let parsed = serde_json::from_slice::<Value>(&raw.body)
            .ok()
            .filter(Value::is_object);
        match parsed {
            Some(body) if (200..300).contains(&raw.status) => Ok(body),
            Some(body) if body.get("error").is_some() => {
                let text = |name: &str| body.get(name).and_then(Value::as_str).map(str::to_string);
                Err(ApiError::Status {
                    method: "POST".into(),
                    path: path.to_string(),
                    status: raw.status,
                    message: text("error_description"),
                    detail: text("error"),
                    retry_after: retry_after(&raw.headers),
                })
            }
            _ => Err(self
                .finish(&Method::POST, path, raw)
                .err()
                .unwrap_or_else(|| ApiError::NotServiceNow {
                    status: 200,
                    content_type: "application/json".into(),
                    why: format!("POST {path} answered without a JSON object"),
                })),
        }
    }

    /// Sends one request (retrying as the module doc says) and parses the JSON answer.
    pub async fn request(
        &self,
        method: Method,
        path_and_query: &str,
        body: Option<&Value>,
    ) -> Result<Response, ApiError> {
        self.request_with_headers(method, path_and_query, body, &[])
            .await
    }

    /// [`Client::request`] with extra headers whose values are secrets (the Virtual Agent
    /// API's `token`): marked sensitive, never logged.
    pub async fn request_with_headers(
        &self,
        method: Method,
        path_and_query: &str,
        body: Option<&Value>,
        headers: &[(&'static str, &SecretString)],
    ) -> Result<Response, ApiError> {
        let path = path_and_query
            .split_once('?')
            .map_or(path_and_query, |(p, _)| p);
        let idempotent = method != Method::POST;
        let mut waited = Duration::ZERO;
        let mut attempt = 1;
        let mut refreshed = false;
        loop {
            let sent = self.send_once(&method, path_and_query, body, headers).await;
            if let (Ok((raw, Some(generation))), false) = (&sent, refreshed) {
                if raw.status == 401 {
                    // The access token expired or was revoked: get a new one, and try once more.
                    if let Some(source) = self.token_source() {
                        refreshed = true;
                        source.refresh(self, *generation).await?;
                        continue;
                    }
                }
            }
            let sent = sent.map(|(raw, _)| raw);
            let pause = match &sent {
                Ok(raw) if matches!(raw.status, 429 | 502 | 503 | 504) => {
                    // A 502/504 to a POST may have been carried out: do not insert twice.
                    if !idempotent && matches!(raw.status, 502 | 504) {
                        None
                    } else {
                        Some(retry_after(&raw.headers).map_or_else(
                            || backoff(attempt),
                            |secs| Duration::from_secs(secs.min(30)),
                        ))
                    }
                }
                Err(ApiError::Timeout { .. }) if idempotent => Some(backoff(attempt)),
                Err(ApiError::Connect(why)) if idempotent && is_reset(why) => {
                    Some(backoff(attempt))
                }
                _ => None,
            };
            match pause {
                Some(pause) if attempt < MAX_ATTEMPTS && waited + pause <= RETRY_BUDGET => {
                    if self.inner.verbose {
                        eprintln!(
                            "http: retrying {method} {path} in {} ms (try {} of {MAX_ATTEMPTS})",
                            pause.as_millis(),
                            attempt + 1
                        );
                    }
                    tokio::time::sleep(pause).await;
                    waited += pause;
                    attempt += 1;
                }
                _ => return self.finish(&method, path, sent?),
            }
        }
    }

    /// Fetches a page that is not JSON (such as `/stats.do`) and returns its text, or `None`
    /// when it is not there or not readable. Never retried: it is only ever a fallback.
    pub async fn get_page(&self, path: &str) -> Option<String> {
        let (raw, _) = self.send_once(&Method::GET, path, None, &[]).await.ok()?;
        if raw.status != 200 || looks_hibernating(&raw.body) {
            return None;
        }
        String::from_utf8(raw.body).ok()
    }

    fn finish(&self, method: &Method, path: &str, raw: Raw) -> Result<Response, ApiError> {
        let content_type = raw
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let fail = |raw: &Raw| {
            classify(
                method.as_str(),
                path,
                raw.status,
                &content_type,
                raw.headers.get(LOCATION).and_then(|v| v.to_str().ok()),
                retry_after(&raw.headers),
                &raw.body,
            )
        };
        if !(200..300).contains(&raw.status) {
            return Err(fail(&raw));
        }
        if raw.body.is_empty() && (raw.status == 204 || method == Method::DELETE) {
            return Ok(Response {
                status: raw.status,
                headers: raw.headers,
                body: Value::Null,
            });
        }
        if looks_hibernating(&raw.body) {
            return Err(ApiError::Hibernating);
        }
        match serde_json::from_slice::<Value>(&raw.body) {
            Ok(body) if body.is_object() => Ok(Response {
                status: raw.status,
                headers: raw.headers,
                body,
            }),
            Ok(_) => Err(ApiError::NotServiceNow {
                status: raw.status,
                content_type,
                why: "JSON that is not an object".into(),
            }),
            Err(e) if !raw.body.is_empty() && content_type.contains("json") => {
                Err(ApiError::NotServiceNow {
                    status: raw.status,
                    content_type,
                    why: format!("the JSON is cut off or malformed: {e}"),
                })
            }
            Err(_) => Err(fail(&raw)),
        }
    }

    /// Sends one authenticated request; with OAuth, also returns the generation of the access
    /// token it carried.
    async fn send_once(
        &self,
        method: &Method,
        path_and_query: &str,
        body: Option<&Value>,
        headers: &[(&'static str, &SecretString)],
    ) -> Result<(Raw, Option<u64>), ApiError> {
        let body = body.map_or(Body::None, Body::Json);
        let _slot = self
            .inner
            .slots
            .acquire()
            .await
            .expect("semaphore is never closed");
        match &self.inner.auth {
            Auth::Basic { user, password } => {
                let credentials = Credentials::Basic(user, password);
                let raw = self
                    .send_raw(method, path_and_query, body, Some(credentials), headers)
                    .await?;
                Ok((raw, None))
            }
            Auth::Bearer { source, .. } => {
                // Taken once the request holds its slot, so that a request that waited gets
                // the newest token. The exchange takes no slot of its own.
                let (token, generation) = source.access_token(self).await?;
                let raw = self
                    .send_raw(
                        method,
                        path_and_query,
                        body,
                        Some(Credentials::Bearer(&token)),
                        headers,
                    )
                    .await?;
                Ok((raw, Some(generation)))
            }
        }
    }

    /// Sends one request as it is. Callers hold a slot, except the token endpoint's, which is
    /// called by requests that already hold one.
    async fn send_raw(
        &self,
        method: &Method,
        path_and_query: &str,
        body: Body<'_>,
        credentials: Option<Credentials<'_>>,
        headers: &[(&'static str, &SecretString)],
    ) -> Result<Raw, ApiError> {
        let url = self.inner.instance.join(path_and_query);
        let mut request = self
            .inner
            .http
            .request(method.clone(), &url)
            .header(ACCEPT, "application/json");
        request = match credentials {
            Some(Credentials::Basic(user, password)) => {
                request.basic_auth(user, Some(password.expose_secret()))
            }
            Some(Credentials::Bearer(token)) => request.bearer_auth(token.expose_secret()),
            None => request,
        };
        for (name, value) in headers {
            let mut value =
                reqwest::header::HeaderValue::from_str(value.expose_secret()).map_err(|_| {
                    ApiError::Connect(format!(
                        "the {name} header holds characters HTTP does not allow"
                    ))
                })?;
            value.set_sensitive(true);
            request = request.header(*name, value);
        }
        request = match body {
            Body::None => request,
            Body::Json(body) => request.json(body),
            Body::Form(form) => request.form(form),
        };
        let started = Instant::now();
        let result = self.read(request).await;
        if self.inner.verbose {
            let ms = started.elapsed().as_millis();
            match &result {
                Ok(raw) => eprintln!("http: {method} {path_and_query} {} {ms} ms", raw.status),
                Err(e) => eprintln!("http: {method} {path_and_query} failed after {ms} ms: {e}"),
            }
        }
        result
    }

    async fn read(&self, request: reqwest::RequestBuilder) -> Result<Raw, ApiError> {
        let mut response = request.send().await.map_err(|e| self.transport(e))?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        if response
            .content_length()
            .is_some_and(|n| n > MAX_BODY as u64)
        {
            return Err(too_large(status, &headers));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.transport(e))? {
            if body.len() + chunk.len() > MAX_BODY {
                return Err(too_large(status, &headers));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Raw {
            status,
            headers,
            body,
        })
    }

    fn transport(&self, e: reqwest::Error) -> ApiError {
        if e.is_timeout() {
            return ApiError::Timeout {
                secs: self.inner.timeout.as_secs(),
            };
        }
        let chain = error_chain(&e);
        let lower = chain.to_ascii_lowercase();
        if lower.contains("dns error") || lower.contains("failed to lookup address") {
            ApiError::Dns(chain)
        } else if lower.contains("certificate")
            || lower.contains("tls")
            || lower.contains("handshake")
        {
            ApiError::Tls(chain)
        } else if e.is_body() || e.is_decode() {
            ApiError::NotServiceNow {
                status: 0,
                content_type: "an unreadable body".into(),
                why: chain,
            }
        } else {
            ApiError::Connect(chain)
        }
    }
}

/// The credentials one request carries.
enum Credentials<'a> {
    Basic(&'a str, &'a SecretString),
    Bearer(&'a SecretString),
}

fn too_large(status: u16, headers: &HeaderMap) -> ApiError {
    ApiError::NotServiceNow {
        status,
        content_type: headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("no content type")
            .to_string(),
        why: format!("a body larger than {} MiB", MAX_BODY / (1024 * 1024)),
    }
}

/// The error and its causes on one line, without duplicates.
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = current {
        let text = err.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = err.source();
    }
    parts.join(": ")
}

/// A connection that was dropped under a request (worth another try), as opposed to one
/// that was refused (nothing listens there: trying again changes nothing).
fn is_reset(why: &str) -> bool {
    let why = why.to_ascii_lowercase();
    [
        "reset",
        "closed",
        "broken pipe",
        "incomplete",
        "unexpected eof",
    ]
    .iter()
    .any(|w| why.contains(w))
}

fn retry_after(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

/// 0.5 s, 1 s, 2 s, … between tries when the server does not say.
fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(500u64 << (attempt - 1).min(5))
}
