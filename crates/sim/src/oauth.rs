//! The simulated instance's OAuth: the token endpoint `POST /oauth_token.do` (form-encoded;
//! grants `password`, `refresh_token` and `authorization_code` with PKCE, `client_credentials`
//! refused as on Tokyo–Vancouver, where it does not exist), the authorize endpoint
//! `GET /oauth_auth.do`, and the access tokens that `handler::authenticate` accepts as
//! `Authorization: Bearer`.
//!
//! The OAuth app is a row of `oauth_entity` (client id, client secret, redirect URL,
//! lifespans), as in System OAuth → Application Registry. Every refusal at the token endpoint
//! is the recorded `401 {"error_description":"access_denied","error":"server_error"}`,
//! whatever its cause, as on real instances.
//!
//! The app's Redirect URL may list several URLs, comma-separated; an authorize request whose
//! `redirect_uri` is none of them is sent to the first one, not refused (ServiceNow docs,
//! "Configure Application Registry on the ServiceNow instance": "If no match is made, the
//! instance uses the first redirect URL").
//!
//! `/oauth_auth.do` plays the browser sign-in without a browser: the user signs in with HTTP
//! Basic on the GET itself (a real browser shows its login dialog on the 401), consent is
//! given at once, and the answer is a 302 to `redirect_uri?code=…&state=…`. Adding
//! `sim_consent=deny` to the query plays a user who clicks Deny (`error=access_denied`).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::json;

use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::oauth_grants::{AccessToken, AuthCode, RefreshToken};
use super::state::{random_token, Instance};
use super::wire::{Credentials, Reply, Request};

/// The recorded refusal of the token endpoint.
const TOKEN_REFUSED: &str = include_str!("../../../tests/fixtures/servicenow/oauth-token-401.json");

/// How long an authorization code may wait to be exchanged.
const CODE_LIFESPAN: Duration = Duration::from_secs(300);

/// The app of `oauth_entity` with this client id, if active.
struct App {
    client_secret: String,
    redirect_url: String,
    access_lifespan: Duration,
    refresh_lifespan: Duration,
    pkce_required: bool,
}

fn app(instance: &Instance, client_id: &str) -> Option<App> {
    if client_id.is_empty() {
        return None;
    }
    let row = instance.db.find("oauth_entity", "client_id", client_id)?;
    if row.get("active").map(String::as_str) != Some("true") {
        return None;
    }
    let field = |name: &str| row.get(name).cloned().unwrap_or_default();
    let seconds = |name: &str, default: u64| {
        Duration::from_secs(field(name).parse::<u64>().unwrap_or(default))
    };
    Some(App {
        client_secret: field("client_secret"),
        redirect_url: field("redirect_url"),
        access_lifespan: seconds("access_token_lifespan", 1800),
        refresh_lifespan: seconds("refresh_token_lifespan", 8_640_000),
        pkce_required: field("pkce_required") == "true",
    })
}

fn refused() -> Reply {
    Reply::json_text(401, TOKEN_REFUSED)
}

fn form(body: &[u8]) -> HashMap<String, String> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn user_can_sign_in(instance: &Instance, user: &str, password: &str) -> bool {
    instance.passwords.get(user).is_some_and(|p| p == password) && user_is_active(instance, user)
}

fn user_is_active(instance: &Instance, user: &str) -> bool {
    instance
        .db
        .find("sys_user", "user_name", user)
        .is_some_and(|row| row.get("active").map(String::as_str) == Some("true"))
}

/// `POST /oauth_token.do`.
pub(crate) fn token(instance: &mut Instance, request: &Request) -> Reply {
    if request.method != "POST" {
        return Reply::json(
            405,
            &json!({"error": "invalid_request", "error_description": "POST only"}),
        );
    }
    let params = form(&request.body);
    let get = |name: &str| params.get(name).map(String::as_str).unwrap_or("");
    let client_id = get("client_id");
    let Some(app) = app(instance, client_id) else {
        return refused();
    };
    if app.client_secret.is_empty() || get("client_secret") != app.client_secret {
        return refused();
    }
    let now = Instant::now();
    let Some((user, refresh)) = grant(instance, &params, client_id, now) else {
        return refused();
    };
    let refresh = refresh.unwrap_or_else(|| {
        let token = random_token();
        instance.oauth.refresh.insert(
            token.clone(),
            RefreshToken {
                user: user.clone(),
                client_id: client_id.to_string(),
                expires: now + app.refresh_lifespan,
                revoked: false,
            },
        );
        token
    });
    let lifespan = instance
        .oauth
        .access_lifespan
        .unwrap_or(app.access_lifespan);
    let access = random_token();
    instance.oauth.access.insert(
        access.clone(),
        AccessToken {
            user,
            expires: now + lifespan,
            uses_left: instance.oauth.access_requests,
        },
    );
    // The recorded answer's order; `expires_in` is a second short of the lifespan, as recorded.
    Reply::json(
        200,
        &json!({
            "scope": "useraccount",
            "token_type": "Bearer",
            "expires_in": lifespan.as_secs().saturating_sub(1),
            "refresh_token": refresh,
            "access_token": access,
        }),
    )
}

/// The user a token request signs in as, by its grant, and the refresh token it keeps
/// presenting (none when a new one is issued); `None` when the grant is refused.
fn grant(
    instance: &mut Instance,
    params: &HashMap<String, String>,
    client_id: &str,
    now: Instant,
) -> Option<(String, Option<String>)> {
    let get = |name: &str| params.get(name).map(String::as_str).unwrap_or("");
    Some(match get("grant_type") {
        "password" => {
            let user = get("username");
            if !user_can_sign_in(instance, user, get("password")) {
                return None;
            }
            (user.to_string(), None)
        }
        "refresh_token" => {
            let presented = get("refresh_token");
            let token = instance.oauth.refresh.get(presented)?;
            if token.revoked || token.expires <= now || token.client_id != client_id {
                return None;
            }
            if !user_is_active(instance, &token.user) {
                return None;
            }
            let user = token.user.clone();
            if instance.oauth.rotate {
                if let Some(old) = instance.oauth.refresh.get_mut(presented) {
                    old.revoked = true;
                }
                (user, None)
            } else {
                (user, Some(presented.to_string()))
            }
        }
        "authorization_code" => {
            // A code is good for one exchange, whatever its outcome.
            let code = instance.oauth.codes.remove(get("code"))?;
            let verified = match &code.challenge {
                Some(challenge) => challenge_s256(get("code_verifier")) == *challenge,
                None => true,
            };
            if code.expires <= now
                || code.client_id != client_id
                || code.redirect_uri != get("redirect_uri")
                || !verified
                || !user_is_active(instance, &code.user)
            {
                return None;
            }
            (code.user, None)
        }
        // `client_credentials` exists only from Washington DC on, behind a property and an
        // OAuth Application User; the releases the guide covers refuse it like any other.
        _ => return None,
    })
}

/// The user an access token belongs to, while it is good; each use counts against
/// [`OAuthState::access_requests`].
pub(crate) fn user_for_bearer_token(instance: &mut Instance, token: &str) -> Option<String> {
    let now = Instant::now();
    let entry = instance.oauth.access.get_mut(token)?;
    if entry.expires <= now {
        return None;
    }
    if let Some(left) = &mut entry.uses_left {
        if *left == 0 {
            return None;
        }
        *left -= 1;
    }
    Some(entry.user.clone())
}

/// `GET /oauth_auth.do`.
pub(crate) fn authorize(instance: &mut Instance, request: &Request) -> Reply {
    let params = form(request.query.as_bytes());
    let get = |name: &str| params.get(name).map(String::as_str).unwrap_or("");
    let client_id = get("client_id");
    let Some(app) = app(instance, client_id) else {
        return page(
            400,
            "OAuth error",
            "Invalid client_id: no active OAuth application has it.",
        );
    };
    let (base, redirect_uri) = match redirect_url(&app, get("redirect_uri")) {
        Ok(found) => found,
        Err(page) => return page,
    };
    let state = get("state");
    let back = |pairs: &[(&str, &str)]| {
        let mut url = base.clone();
        {
            let mut query = url.query_pairs_mut();
            for (k, v) in pairs {
                query.append_pair(k, v);
            }
            if !state.is_empty() {
                query.append_pair("state", state);
            }
        }
        Reply::redirect(url.as_str())
    };
    if get("response_type") != "code" {
        return back(&[("error", "unsupported_response_type")]);
    }
    if state.is_empty()
        && instance.db.property("glide.oauth.state.parameter.required") == Some("true")
    {
        return back(&[
            ("error", "invalid_request"),
            ("error_description", "state is required"),
        ]);
    }
    let challenge = match challenge(&app, get("code_challenge"), get("code_challenge_method")) {
        Ok(challenge) => challenge,
        Err(why) => return back(&[("error", "invalid_request"), ("error_description", why)]),
    };
    let user = match Credentials::parse(request.authorization.as_deref()) {
        Credentials::Basic { user, password } if user_can_sign_in(instance, &user, &password) => {
            user
        }
        _ => {
            return page(
                401,
                "Log in",
                "Sign in to the instance to authorize the application.",
            )
            .with_header("WWW-Authenticate", "Basic realm=\"Service-now\"".into())
        }
    };
    if get("sim_consent") == "deny" {
        return back(&[
            ("error", "access_denied"),
            ("error_description", "The user denied access"),
        ]);
    }
    let code = random_token();
    instance.oauth.codes.insert(
        code.clone(),
        AuthCode {
            user,
            client_id: client_id.to_string(),
            redirect_uri: redirect_uri.to_string(),
            challenge,
            expires: Instant::now() + CODE_LIFESPAN,
        },
    );
    back(&[("code", &code)])
}

/// Where an authorization goes back to: the redirect URL asked for when the app registered
/// it, else the app's first (never an address the app did not register); an error page when
/// the app has none that is a URL.
fn redirect_url(app: &App, requested: &str) -> Result<(url::Url, String), Reply> {
    let registered: Vec<&str> = (app.redirect_url.split(','))
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .collect();
    let chosen = match registered.iter().find(|u| **u == requested) {
        Some(u) => *u,
        None => match registered.first() {
            Some(first) => *first,
            None => {
                return Err(page(
                    400,
                    "OAuth error",
                    "The OAuth application has no Redirect URL.",
                ))
            }
        },
    };
    let url = url::Url::parse(chosen).map_err(|_| {
        page(
            400,
            "OAuth error",
            "The OAuth application's Redirect URL is not a URL.",
        )
    })?;
    Ok((url, chosen.to_string()))
}

/// The PKCE challenge of an authorization (S256 only), or why it is refused.
fn challenge(app: &App, challenge: &str, method: &str) -> Result<Option<String>, &'static str> {
    match (challenge, method) {
        ("", _) if app.pkce_required => Err("code_challenge is required"),
        ("", _) => Ok(None),
        (challenge, "S256") => Ok(Some(challenge.to_string())),
        _ => Err("code_challenge_method must be S256"),
    }
}

fn page(status: u16, title: &str, text: &str) -> Reply {
    let mut reply = Reply::html(&format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}</h1><p>{text}</p></body></html>\n"
    ));
    reply.status = status;
    reply
}

/// The redirect URL sn-handoff's browser login registers by default (its loopback port 38765):
/// what an admin enters on the OAuth app.
pub(crate) const DEFAULT_REDIRECT_URL: &str = "http://127.0.0.1:38765/callback";

/// PKCE's S256 challenge of `verifier`: base64url (no padding) of its SHA-256 (RFC 7636, 4.2).
fn challenge_s256(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}
