//! OAuth 2.0 against ServiceNow: the token endpoint (`POST /oauth_token.do`, form-encoded),
//! the authorize URL with PKCE (S256) and `state`, and the [`TokenSource`] that gives the
//! client its `Authorization: Bearer` access token.
//!
//! A run exchanges its grant once (normally the stored refresh token), reuses the access token
//! for every request, and exchanges the refresh token again only when the instance refuses
//! the access token (a 401): once per refused token, however many requests were refused with
//! it at the same time. When a refresh comes back with a different refresh token (rotation),
//! the new one is handed to the [`TokenSource`]'s `on_rotate` callback, which stores it where
//! the old one came from.
//!
//! ServiceNow answers every refusal at the token endpoint with the same
//! `401 {"error_description":"access_denied","error":"server_error"}` (recorded), whether
//! the client secret is wrong, the password is wrong, the refresh token is revoked or expired,
//! or the grant type is not allowed; [`super::ApiError`] lists those causes when it shows one.
//! Sources: ServiceNow docs, "Authorization code grant workflow" (the authorize and token
//! endpoints; PKCE for public clients, a client secret for private ones; sn-handoff sends both)
//! and "Configure Application Registry on the ServiceNow instance" (System OAuth → Application
//! Registry → "Create an OAuth API endpoint for external clients"; the Redirect URL field may
//! list several URLs, and a request matching none is sent to the first one).

use std::fmt;

use base64::Engine as _;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use sha2::{Digest, Sha256};
use tokio::sync::Mutex;

use super::error::ApiError;
use super::instance_url::InstanceUrl;

/// The token endpoint.
pub use super::error::TOKEN_PATH;

/// What reaches the token endpoint: the client posts the form with its own TLS set-up, proxy
/// and retry, and answers the endpoint's JSON (or the refusal as an [`ApiError::Status`]).
/// The token source asks through it, so that this module does not name the client that asks
/// it for tokens.
pub trait TokenEndpoint: Sync {
    /// POSTs `form` to `path` (form-encoded) and returns the JSON object answered.
    fn post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
    ) -> impl std::future::Future<Output = Result<Value, ApiError>> + Send;
}
/// The authorize endpoint (sign-in and consent in the browser).
pub const AUTHORIZE_PATH: &str = "/oauth_auth.do";
/// The loopback port of `auth login --grant browser` unless `--redirect-port` says otherwise.
pub const DEFAULT_REDIRECT_PORT: u16 = 38765;

/// The redirect URL for a loopback `port`: `http://127.0.0.1:PORT/callback`. It must be
/// registered, exactly, on the OAuth app (System OAuth → Application Registry).
pub fn redirect_url(port: u16) -> String {
    format!("http://127.0.0.1:{port}/callback")
}

/// An OAuth app's credentials (the client id is not secret; the client secret is).
#[derive(Clone)]
pub struct OAuthApp {
    /// The client id of the Application Registry record.
    pub client_id: String,
    pub client_secret: SecretString,
}

impl fmt::Debug for OAuthApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthApp")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .finish()
    }
}

/// What is exchanged at the token endpoint for an access token.
#[derive(Clone)]
pub enum Grant {
    /// Resource-owner password: user name and password (login only; never stored).
    Password {
        /// The ServiceNow user.
        username: String,
        /// The user's password.
        password: SecretString,
    },
    /// A refresh token.
    RefreshToken(SecretString),
    /// The code of an authorization-code redirect, with the PKCE verifier.
    AuthorizationCode {
        /// The one-time code.
        code: SecretString,
        /// The redirect URL the code was sent to (must match the authorize request's).
        redirect_uri: String,
        /// The PKCE code verifier.
        verifier: SecretString,
    },
}

impl Grant {
    /// The `grant_type` value.
    pub fn grant_type(&self) -> &'static str {
        match self {
            Grant::Password { .. } => "password",
            Grant::RefreshToken(_) => "refresh_token",
            Grant::AuthorizationCode { .. } => "authorization_code",
        }
    }
}

/// A successful token answer.
#[derive(Clone)]
pub struct Tokens {
    /// The access token, sent as `Authorization: Bearer`.
    pub access_token: SecretString,
    /// The refresh token, when one came back.
    pub refresh_token: Option<SecretString>,
    /// Seconds the access token lives, as the instance said.
    pub expires_in: Option<u64>,
    /// `scope` (ServiceNow says `useraccount`).
    pub scope: Option<String>,
}

impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tokens")
            .field("access_token", &"[redacted]")
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "[redacted]"),
            )
            .field("expires_in", &self.expires_in)
            .field("scope", &self.scope)
            .finish()
    }
}

/// Exchanges `grant` at the token endpoint. A refusal is an [`ApiError::Status`] on
/// [`TOKEN_PATH`] whose `message` is `error_description` and `detail` is `error`.
pub async fn exchange(
    client: &impl TokenEndpoint,
    app: &OAuthApp,
    grant: &Grant,
) -> Result<Tokens, ApiError> {
    let mut form: Vec<(&str, &str)> = vec![
        ("grant_type", grant.grant_type()),
        ("client_id", &app.client_id),
        ("client_secret", app.client_secret.expose_secret()),
    ];
    match grant {
        Grant::Password { username, password } => {
            form.push(("username", username));
            form.push(("password", password.expose_secret()));
        }
        Grant::RefreshToken(token) => form.push(("refresh_token", token.expose_secret())),
        Grant::AuthorizationCode {
            code,
            redirect_uri,
            verifier,
        } => {
            form.push(("code", code.expose_secret()));
            form.push(("redirect_uri", redirect_uri));
            form.push(("code_verifier", verifier.expose_secret()));
        }
    }
    let body = client.post_form(TOKEN_PATH, &form).await?;
    parse_tokens(&body)
}

fn parse_tokens(body: &Value) -> Result<Tokens, ApiError> {
    let text = |name: &str| {
        body.get(name)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let Some(access) = text("access_token") else {
        return Err(ApiError::NotServiceNow {
            status: 200,
            content_type: "application/json".into(),
            why: format!("{TOKEN_PATH} answered without an access_token"),
        });
    };
    crate::secrets::hold(&access);
    if let Some(refresh) = text("refresh_token") {
        crate::secrets::hold(&refresh);
    }
    Ok(Tokens {
        access_token: SecretString::from(access),
        refresh_token: text("refresh_token").map(SecretString::from),
        expires_in: body.get("expires_in").and_then(|v| {
            v.as_u64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        }),
        scope: text("scope"),
    })
}

/// PKCE and `state` for one authorization-code login.
pub struct Pkce {
    /// The code verifier (kept until the code is exchanged).
    pub verifier: SecretString,
    /// `BASE64URL(SHA256(verifier))`.
    pub challenge: String,
    /// The random `state` the redirect must carry back.
    pub state: String,
}

impl Pkce {
    /// Fresh random values: a 43-character verifier (32 random bytes) and a 22-character
    /// state (16 random bytes), both base64url without padding.
    pub fn new() -> Result<Pkce, getrandom::Error> {
        let mut verifier = [0u8; 32];
        getrandom::fill(&mut verifier)?;
        let mut state = [0u8; 16];
        getrandom::fill(&mut state)?;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let verifier = b64.encode(verifier);
        let challenge = challenge_s256(&verifier);
        Ok(Pkce {
            verifier: SecretString::from(verifier),
            challenge,
            state: b64.encode(state),
        })
    }
}

/// The S256 code challenge of RFC 7636: `BASE64URL(SHA256(ASCII(verifier)))`, no padding.
pub fn challenge_s256(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// The URL the user opens to sign in and consent:
/// `/oauth_auth.do?response_type=code&client_id=…&redirect_uri=…&state=…&code_challenge=…&code_challenge_method=S256`.
/// It holds nothing secret.
pub fn authorize_url(
    instance: &InstanceUrl,
    client_id: &str,
    redirect_uri: &str,
    pkce: &Pkce,
) -> String {
    let mut url = url::Url::parse(&instance.join(AUTHORIZE_PATH)).expect("an origin and a path");
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", client_id)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("state", &pkce.state)
        .append_pair("code_challenge", &pkce.challenge)
        .append_pair("code_challenge_method", "S256");
    url.into()
}

/// Called with a refresh token that replaced the one in use (rotation).
pub type OnRotate = Box<dyn Fn(&SecretString) + Send + Sync>;

/// Where an access token is kept between runs (sn-handoff: a keyring slot). Failures to keep
/// or drop it are ignored: the token is asked for again.
pub trait TokenCache: Send + Sync {
    /// The kept entry, if any.
    fn get(&self) -> Option<SecretString>;
    fn set(&self, entry: &SecretString);
    fn delete(&self);
}

/// The access token of one run, and how to get the next one.
pub struct TokenSource {
    app: OAuthApp,
    state: Mutex<State>,
    on_rotate: Option<OnRotate>,
    /// Where the access token is kept between runs (see [`TokenSource::cached`]).
    cache: Option<Box<dyn TokenCache>>,
}

/// A kept access token is used until this many seconds before it expires.
pub const CACHE_MARGIN: u64 = 60;

/// The kept form of an access token: `<expiry, unix seconds> <token>`.
fn cache_entry(token: &SecretString, expires_at: u64) -> SecretString {
    format!("{expires_at} {}", token.expose_secret()).into()
}

/// The token of a kept entry, unless it expires within [`CACHE_MARGIN`] of `now`.
fn cached_token(entry: &SecretString, now: u64) -> Option<SecretString> {
    let (at, token) = entry.expose_secret().split_once(' ')?;
    let at: u64 = at.parse().ok()?;
    (at > now + CACHE_MARGIN && !token.is_empty()).then(|| token.to_string().into())
}

struct State {
    /// How to get the next access token: the initial grant, then the latest refresh token.
    grant: Option<Grant>,
    /// The current access token and the generation it belongs to.
    access: Option<(SecretString, u64)>,
    /// Bumped on every exchange.
    generation: u64,
    /// The latest refresh token, once one is known.
    refresh_token: Option<SecretString>,
    /// The latest answer's lifetime, in seconds.
    expires_in: Option<u64>,
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSource")
            .field("app", &self.app)
            .finish_non_exhaustive()
    }
}

impl TokenSource {
    /// A source that starts from `grant`. A password or authorization-code grant is used
    /// once; after it, the refresh token it minted is used.
    pub fn new(app: OAuthApp, grant: Grant, on_rotate: Option<OnRotate>) -> TokenSource {
        let refresh_token = match &grant {
            Grant::RefreshToken(t) => Some(t.clone()),
            _ => None,
        };
        TokenSource {
            app,
            state: Mutex::new(State {
                grant: Some(grant),
                access: None,
                generation: 0,
                refresh_token,
                expires_in: None,
            }),
            on_rotate,
            cache: None,
        }
    }

    /// Keeps each access token in `cache` until shortly before it expires, and starts from
    /// the one kept there: a run within its lifetime makes no token request.
    pub fn cached(mut self, cache: impl TokenCache + 'static) -> TokenSource {
        self.cache = Some(Box::new(cache));
        self
    }

    /// Keeps the current access token in `cache`, as [`TokenSource::cached`] would have (after
    /// a sign-in, whose source keeps nothing); nothing without one.
    pub async fn keep_access_token(&self, cache: &dyn TokenCache) {
        let state = self.state.lock().await;
        if let (Some((token, _)), Some(lifetime)) = (&state.access, state.expires_in) {
            cache.set(&cache_entry(token, crate::time::unix_now() + lifetime));
        }
    }

    /// The kept access token, still good for more than [`CACHE_MARGIN`] seconds.
    fn kept(&self) -> Option<SecretString> {
        let entry = self.cache.as_ref()?.get()?;
        cached_token(&entry, crate::time::unix_now())
    }

    /// The OAuth app the tokens are exchanged with.
    pub fn app(&self) -> &OAuthApp {
        &self.app
    }

    pub fn client_id(&self) -> &str {
        &self.app.client_id
    }

    /// The current access token and its generation, exchanging the grant if there is none
    /// yet.
    pub async fn access_token(
        &self,
        client: &impl TokenEndpoint,
    ) -> Result<(SecretString, u64), ApiError> {
        let mut state = self.state.lock().await;
        if let Some(current) = &state.access {
            return Ok(current.clone());
        }
        if state.generation == 0 {
            // Generation 0 is the kept token's: if it is refused, `refresh` exchanges anew.
            if let Some(token) = self.kept() {
                state.access = Some((token, 0));
                return Ok(state.access.clone().expect("just set"));
            }
        }
        self.exchange_locked(client, &mut state).await
    }

    /// A new access token after the one of `generation` was refused. When another request
    /// already replaced that token, the replacement is returned without a new exchange.
    pub async fn refresh(
        &self,
        client: &impl TokenEndpoint,
        generation: u64,
    ) -> Result<(SecretString, u64), ApiError> {
        let mut state = self.state.lock().await;
        if let Some(current) = &state.access {
            if current.1 != generation {
                return Ok(current.clone());
            }
        }
        if generation == 0 {
            // The kept token was refused (revoked, or the instance forgot it): drop it.
            if let Some(cache) = &self.cache {
                cache.delete();
            }
        }
        state.access = None;
        self.exchange_locked(client, &mut state).await
    }

    /// A fresh access token: exchanges the refresh token now, whatever is held.
    pub async fn fresh_access_token(
        &self,
        client: &impl TokenEndpoint,
    ) -> Result<SecretString, ApiError> {
        let mut state = self.state.lock().await;
        state.access = None;
        self.exchange_locked(client, &mut state)
            .await
            .map(|(token, _)| token)
    }

    /// The refresh token in use now (the one minted by a login, or a rotated one).
    pub async fn refresh_token(&self) -> Option<SecretString> {
        self.state.lock().await.refresh_token.clone()
    }

    /// The lifetime the instance gave the current access token, in seconds.
    pub async fn expires_in(&self) -> Option<u64> {
        self.state.lock().await.expires_in
    }

    async fn exchange_locked(
        &self,
        client: &impl TokenEndpoint,
        state: &mut State,
    ) -> Result<(SecretString, u64), ApiError> {
        let grant = match (&state.grant, &state.refresh_token) {
            (Some(Grant::RefreshToken(_)) | None, Some(token)) => {
                Grant::RefreshToken(token.clone())
            }
            (Some(grant), _) => grant.clone(),
            (None, None) => {
                return Err(ApiError::Status {
                    method: "POST".into(),
                    path: TOKEN_PATH.into(),
                    status: 401,
                    message: Some("no refresh token to exchange".into()),
                    detail: None,
                    retry_after: None,
                })
            }
        };
        let tokens = exchange(client, &self.app, &grant).await?;
        let was_refresh = matches!(grant, Grant::RefreshToken(_));
        // A password or code grant is spent once it has been exchanged.
        state.grant = None;
        if let Some(new) = tokens.refresh_token {
            let rotated = state
                .refresh_token
                .as_ref()
                .is_some_and(|old| old.expose_secret() != new.expose_secret());
            if rotated && was_refresh {
                if let Some(on_rotate) = &self.on_rotate {
                    on_rotate(&new);
                }
            }
            state.refresh_token = Some(new);
        }
        state.generation += 1;
        state.expires_in = tokens.expires_in;
        if let (Some(cache), Some(lifetime)) = (&self.cache, tokens.expires_in) {
            let entry = cache_entry(&tokens.access_token, crate::time::unix_now() + lifetime);
            cache.set(&entry);
        }
        state.access = Some((tokens.access_token, state.generation));
        Ok(state.access.clone().expect("just set"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_token_is_used_until_shortly_before_it_expires() {
        let entry = cache_entry(&"tok en".to_string().into(), 1000);
        assert_eq!(entry.expose_secret(), "1000 tok en");
        let token = cached_token(&entry, 1000 - CACHE_MARGIN - 1).unwrap();
        assert_eq!(token.expose_secret(), "tok en");
        assert!(cached_token(&entry, 1000 - CACHE_MARGIN).is_none());
        assert!(cached_token(&"garbage".to_string().into(), 0).is_none());
        assert!(cached_token(&"5000 ".to_string().into(), 0).is_none());
    }

    #[test]
    fn s256_matches_rfc_7636_appendix_b() {
        assert_eq!(
            challenge_s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn pkce_values_are_fresh_and_url_safe() {
        let a = Pkce::new().unwrap();
        let b = Pkce::new().unwrap();
        assert_eq!(a.verifier.expose_secret().len(), 43);
        assert_ne!(a.state, b.state);
        assert_ne!(a.verifier.expose_secret(), b.verifier.expose_secret());
        assert_eq!(a.challenge, challenge_s256(a.verifier.expose_secret()));
        for text in [
            a.verifier.expose_secret(),
            a.challenge.as_str(),
            a.state.as_str(),
        ] {
            assert!(text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        }
    }

    #[test]
    fn authorize_url_carries_pkce_and_state() {
        let instance = InstanceUrl::parse("dev123").unwrap();
        let pkce = Pkce::new().unwrap();
        let url = authorize_url(&instance, "abc", &redirect_url(38765), &pkce);
        assert!(url.starts_with("https://dev123.service-now.com/oauth_auth.do?response_type=code&client_id=abc&redirect_uri=http%3A%2F%2F127.0.0.1%3A38765%2Fcallback&state="));
        assert!(url.contains(&format!("code_challenge={}", pkce.challenge)));
        assert!(url.ends_with("code_challenge_method=S256"));
        assert!(!url.contains(pkce.verifier.expose_secret()));
    }

    #[test]
    fn token_answers_parse_like_the_recording() {
        let body: Value = serde_json::from_str(include_str!(
            "../../../tests/fixtures/servicenow/oauth-token-200.json"
        ))
        .unwrap();
        let tokens = parse_tokens(&body).unwrap();
        assert_eq!(tokens.expires_in, Some(1799));
        assert_eq!(tokens.scope.as_deref(), Some("useraccount"));
        assert!(tokens.refresh_token.is_some());
        assert!(!format!("{tokens:?}").contains(tokens.access_token.expose_secret()));
        assert!(parse_tokens(&serde_json::json!({"token_type": "Bearer"})).is_err());
    }
}
