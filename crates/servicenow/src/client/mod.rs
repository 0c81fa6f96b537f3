//! The ServiceNow HTTP client: base URL, the auth header, timeouts, retries, the verbose log.
//! Here the request API; in `send` one request on the wire (slot, credentials, recorder, size
//! limit); in `answer` what an answer means; in `crate::http::transport` what a request that
//! got no answer ran into. TLS trust and the proxy are set up in [`crate::http`], shared with
//! Kore.ai.
//!
//! Retries: 429, 502, 503 and 504 are tried again (429 and 503 honour `Retry-After`), and so
//! are dropped connections and timeouts of idempotent requests (a refused connection is not:
//! nothing listens there); at most [`MAX_ATTEMPTS`] tries and [`RETRY_BUDGET`] of waiting in
//! all ([`crate::http::retry`]). The verbose log (`-v`) prints method, path, status and
//! milliseconds; it never prints a header or a body, so no secret can reach it.
//!
//! With OAuth ([`Auth::Bearer`]) every request carries the run's access token; a request
//! refused with 401 gets a new access token (one exchange, however many requests were refused
//! with the same token) and is sent once more.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::Method;
use secrecy::SecretString;
use serde_json::Value;
use tokio::sync::Semaphore;

use super::error::ApiError;
use super::har::Recorder;
use super::http::Network;
use super::instance_url::InstanceUrl;
use super::oauth::{TokenEndpoint, TokenSource};
use crate::error::SetupError;

mod answer;
mod probe;
mod send;

use crate::http::retry::{retry_after, Retrying};
pub use crate::http::retry::{MAX_ATTEMPTS, RETRY_BUDGET};
use crate::http::transport::is_reset;
use send::{Body, Call};

/// The most of one response body the client buffers (see [`crate::error::MAX_BODY`]).
pub use crate::error::MAX_BODY;
/// Requests in flight at once, unless the application says otherwise (see
/// [`crate::http::DEFAULT_CONCURRENCY`]).
pub use crate::http::DEFAULT_CONCURRENCY;

/// How the client proves who it is.
#[derive(Clone)]
pub enum Auth {
    /// HTTP Basic with a ServiceNow user and password.
    Basic {
        user: String,
        /// The password; never logged, never printed.
        password: SecretString,
    },
    /// OAuth: `Authorization: Bearer` with the access token of `source`.
    Bearer {
        /// The ServiceNow user the tokens belong to, when known (the profile's or
        /// `--username`); only for messages and the admin check.
        user: Option<String>,
        source: Arc<TokenSource>,
    },
    /// A client certificate presented in the TLS handshake (mutual TLS); no header.
    Certificate {
        /// The user the certificate is mapped to, when known; only for messages.
        user: Option<String>,
        /// The certificate and its key.
        identity: reqwest::Identity,
    },
    /// A REST API key in the `x-sn-apikey` header.
    ApiKey {
        /// The user the key belongs to, when known (the profile's or `--username`); only for
        /// messages and the admin check.
        user: Option<String>,
        /// The key; never logged, never printed.
        key: SecretString,
    },
}

/// The header a REST API key goes in (ServiceNow's default API Key auth parameter,
/// platform-security/authentication/configure-api-key.md).
pub const API_KEY_HEADER: &str = "x-sn-apikey";

impl Auth {
    pub fn basic(user: impl Into<String>, password: SecretString) -> Auth {
        let user = user.into();
        // What its `Authorization: Basic` header carries never reaches an output.
        crate::secrets::hold_login(&user, secrecy::ExposeSecret::expose_secret(&password));
        Auth::Basic { user, password }
    }

    /// No credentials: for requests that prove an instance answers as ServiceNow (its 401).
    pub fn anonymous() -> Auth {
        Auth::basic("", SecretString::from(String::new()))
    }

    pub fn bearer(user: Option<String>, source: Arc<TokenSource>) -> Auth {
        Auth::Bearer { user, source }
    }

    pub fn api_key(user: Option<String>, key: SecretString) -> Auth {
        Auth::ApiKey { user, key }
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
            Auth::Certificate { user, .. } => f
                .debug_struct("Certificate")
                .field("user", user)
                .finish_non_exhaustive(),
            Auth::ApiKey { user, .. } => f
                .debug_struct("ApiKey")
                .field("user", user)
                .field("key", &"[redacted]")
                .finish(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The instance origin.
    pub instance: InstanceUrl,
    pub auth: Auth,
    /// Timeout, trust roots, the `-v` log and requests in flight at once.
    pub network: Network,
}

/// A successful answer: status, headers and the parsed JSON body (`Null` for an empty body).
#[derive(Debug, Clone)]
pub struct Response {
    /// HTTP status (2xx).
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
    /// How many times the request was sent and may have been carried out (1, plus each try
    /// that timed out, lost its connection or got a 502/503/504 before being sent again): a
    /// write retried after a lost answer may have landed more than once.
    pub sends: u32,
}

/// What the application puts before every write (every request but a `GET`): it may refuse
/// the write before anything is sent. sn-handoff refuses writes to a release it does not
/// prepare; the client itself has no rule about what may be written.
pub trait WriteGate: Send + Sync {
    /// `Ok` lets the write go; an error is the write's answer, and nothing is sent.
    fn admit<'a>(
        &'a self,
        client: &'a Client,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), ApiError>> + Send + 'a>>;
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
    /// Values the application keeps with this client (see [`Client::attached`]).
    attached: std::sync::OnceLock<Box<dyn std::any::Any + Send + Sync>>,
    /// Every request but a `GET` is refused unsent ([`Client::set_read_only`]).
    read_only: std::sync::atomic::AtomicBool,
    /// The release family once read (`None`: unknown); see [`Client::release`].
    release: tokio::sync::OnceCell<Option<String>>,
    /// What every write passes first (see [`WriteGate`]); unset, writes go.
    write_gate: std::sync::OnceLock<Arc<dyn WriteGate>>,
    /// Where every exchange is reported (`doctor --bundle`); unset, nothing is recorded.
    recorder: std::sync::OnceLock<Arc<dyn Recorder>>,
}

impl Client {
    /// A CA file that cannot be read is a usage error (exit 2).
    pub fn new(config: ClientConfig) -> Result<Self, SetupError> {
        let identity = match &config.auth {
            Auth::Certificate { identity, .. } => Some(identity.clone()),
            _ => None,
        };
        let http = config.network.http_client(identity)?;
        let user = match &config.auth {
            Auth::Basic { user, .. }
            | Auth::Bearer {
                user: Some(user), ..
            }
            | Auth::ApiKey {
                user: Some(user), ..
            }
            | Auth::Certificate {
                user: Some(user), ..
            } => user.clone(),
            Auth::Certificate { user: None, .. } => "the user of the certificate".to_string(),
            Auth::Bearer { user: None, source } => {
                format!("the user of OAuth client {}", source.client_id())
            }
            Auth::ApiKey { user: None, .. } => "the user of the API key".to_string(),
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                instance: config.instance,
                auth: config.auth,
                user,
                timeout: config.network.timeout,
                verbose: config.network.verbose,
                slots: Semaphore::new(config.network.concurrency.max(1)),
                attached: std::sync::OnceLock::new(),
                release: tokio::sync::OnceCell::new(),
                write_gate: std::sync::OnceLock::new(),
                recorder: std::sync::OnceLock::new(),
                read_only: std::sync::atomic::AtomicBool::new(false),
            }),
        })
    }

    /// From now on (for this client and its clones), refuse every request but a `GET`
    /// without sending it ([`ApiError::DryRun`]); `false` allows them again. A plan (a dry
    /// run) sets it, so that nothing it forgot to hold back can write.
    pub fn set_read_only(&self, on: bool) {
        self.inner.read_only.store(on, Ordering::SeqCst);
    }

    /// The value the application keeps with this client and its clones, made with
    /// `T::default()` on first use: the client itself never reads it (sn-handoff keeps the
    /// run's write-ahead journal there). One type per program: asking for another panics.
    pub fn attached<T: Default + Send + Sync + 'static>(&self) -> &T {
        self.inner
            .attached
            .get_or_init(|| Box::new(T::default()))
            .downcast_ref::<T>()
            .expect("one type of value is attached to a client")
    }

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
        !matches!(
            &self.inner.auth,
            Auth::Bearer { user: None, .. }
                | Auth::ApiKey { user: None, .. }
                | Auth::Certificate { user: None, .. }
        )
    }

    /// The authentication method, as docs/contract.md names it (`basic`, `oauth`).
    pub fn method_name(&self) -> &'static str {
        match &self.inner.auth {
            Auth::Basic { .. } => "basic",
            Auth::Bearer { .. } => "oauth",
            Auth::ApiKey { .. } => "apikey",
            Auth::Certificate { .. } => "mtls",
        }
    }

    /// Puts `gate` before every write of this client and its clones (the first gate set
    /// stays).
    pub fn with_write_gate(self, gate: Arc<dyn WriteGate>) -> Self {
        let _ = self.inner.write_gate.set(gate);
        self
    }

    /// Reports every exchange from now on to `recorder`, its credentials as `***` (the first
    /// recorder set stays).
    pub fn set_recorder(&self, recorder: Arc<dyn Recorder>) {
        let _ = self.inner.recorder.set(recorder);
    }

    /// How the client signs in.
    pub fn auth(&self) -> &Auth {
        &self.inner.auth
    }

    pub fn token_source(&self) -> Option<&Arc<TokenSource>> {
        match &self.inner.auth {
            Auth::Bearer { source, .. } => Some(source),
            Auth::Basic { .. } | Auth::ApiKey { .. } | Auth::Certificate { .. } => None,
        }
    }

    /// Posts a form without credentials in a header (the OAuth token endpoint, which takes
    /// the client's credentials in the form) and returns the JSON answer. A 2xx answer that is
    /// not a JSON object is not ServiceNow; any other status is an [`ApiError::Status`] whose
    /// `message` is the OAuth `error_description` and `detail` the OAuth `error`. 429 and 503
    /// are tried again as for every request.
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Result<Value, ApiError> {
        let mut retry = Retrying::quiet();
        let raw = loop {
            let call = Call {
                method: &Method::POST,
                path_and_query: path,
                body: Body::Form(form),
                headers: &[],
            };
            let raw = self.send_raw(call, None).await?;
            let pause = matches!(raw.status, 429 | 503).then(|| retry.after(&raw.headers));
            if !retry.wait(pause).await {
                break raw;
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
        if method != Method::GET && self.inner.read_only.load(Ordering::SeqCst) {
            // A plan sends nothing that writes, whatever asks for it.
            return Err(ApiError::DryRun {
                method: method.to_string(),
                path: path_and_query
                    .split('?')
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            });
        }
        if let (true, Some(gate)) = (method != Method::GET, self.inner.write_gate.get()) {
            // Boxed, so that every request's future does not carry the gate's.
            Box::pin(gate.admit(self)).await?;
        }
        let body = body.map_or(Body::None, Body::Json);
        self.exchange(Call {
            method: &method,
            path_and_query,
            body,
            headers,
        })
        .await
    }

    /// A plain `GET`, for [`Client::release`] (which a write gate may call).
    pub(crate) async fn get_unguarded(&self, path_and_query: &str) -> Result<Response, ApiError> {
        self.exchange(Call::get(path_and_query)).await
    }

    /// Sends one request, retrying as the module doc says, and parses the JSON answer.
    async fn exchange(&self, call: Call<'_>) -> Result<Response, ApiError> {
        let (method, path) = (call.method, call.path());
        let idempotent = method != Method::POST;
        let mut retry = Retrying::new(self.inner.verbose, method, path);
        let mut refreshed = false;
        let mut maybe_landed = 0;
        loop {
            // The request, and on a refused access token the refresh and the second try, in
            // one slot: requests waiting for a slot cannot use up the new token first.
            let slot = self.slot().await;
            let mut sent = self.send_in_slot(call).await;
            if let (Ok((raw, Some(generation))), false) = (&sent, refreshed) {
                if raw.status == 401 {
                    // The access token expired or was revoked: get a new one, and try once more.
                    if let Some(source) = self.token_source() {
                        refreshed = true;
                        source.refresh(self, *generation).await?;
                        sent = self.send_in_slot(call).await;
                    }
                }
            }
            drop(slot);
            let sent = sent.map(|(raw, _)| raw);
            let pause = match &sent {
                Ok(raw) if matches!(raw.status, 429 | 502 | 503 | 504) => {
                    // A 502/504 to a POST may have been carried out: do not insert twice.
                    (idempotent || !matches!(raw.status, 502 | 504))
                        .then(|| retry.after(&raw.headers))
                }
                Err(ApiError::Timeout { .. }) if idempotent => Some(retry.backoff()),
                Err(ApiError::Connect(why)) if idempotent && is_reset(&why.cause) => {
                    Some(retry.backoff())
                }
                _ => None,
            };
            if !retry.wait(pause).await {
                let sent = sent.map_err(|e| e.after_tries(retry.so_far()))?;
                return self.finish(method, path, sent).map(|mut r| {
                    r.sends += maybe_landed;
                    r
                });
            }
            if !matches!(&sent, Ok(raw) if raw.status == 429) {
                maybe_landed += 1;
            }
        }
    }

    /// Remembers the release a probe read, so that the first write need not read it again.
    pub fn note_release(&self, family: Option<&str>) {
        let _ = self.inner.release.set(family.map(str::to_string));
    }

    /// The instance's release family (`None`: unknown), read once per client (or taken from
    /// the probe that already read it, [`Client::note_release`]); a user who may not read it
    /// gets `None`.
    pub async fn release(&self) -> Result<Option<String>, ApiError> {
        self.inner
            .release
            .get_or_try_init(|| async {
                match self.read_release().await {
                    Ok(info) => Ok(info.release),
                    Err(e) if e.is_forbidden() => Ok(None),
                    Err(e) => Err(e),
                }
            })
            .await
            .cloned()
    }
}

impl TokenEndpoint for Client {
    fn post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
    ) -> impl std::future::Future<Output = Result<Value, ApiError>> + Send {
        Client::post_form(self, path, form)
    }
}
