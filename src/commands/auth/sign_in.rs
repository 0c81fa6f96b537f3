//! The sign-in flow shared by `auth login` and `init`: prove the credentials with one
//! authenticated read, then store the secrets and the profile keys they imply.

use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;

use super::method_name;
use crate::cli::{AuthMethod, LoginArgs};
use crate::credentials::Secrets;
use crate::error::{Error, ErrorKind, Result};
use crate::keystore::{self, KeyringError, SecretKind};
use crate::servicenow::loopback::{CallbackError, Loopback};
use crate::servicenow::oauth::{authorize_url, redirect_url, Grant, OAuthApp, Pkce, TokenSource};
use crate::servicenow::{ApiError, Auth, Client, InstanceUrl};
use crate::settings::Settings;
use crate::steps::auth::whoami;
use crate::ui::Printer;

/// A failed sign-in: what the instance said, under the error's own kind and hint.
pub(crate) fn sign_in_failed(e: ApiError) -> Error {
    let out = Error::new(crate::error::api_kind(&e), format!("sign-in failed: {e}"));
    let out = match e.hint() {
        Some(h) => out.with_hint(h),
        None => out,
    };
    out.with_source(e)
}

/// What a verified login keeps, and the client that proved it.
pub(crate) struct VerifiedSignIn {
    /// The user signed in as, when known.
    pub user: Option<String>,
    /// The OAuth client id (OAuth only).
    pub client_id: Option<String>,
    /// The secrets to store: the password, or the client secret and the refresh token.
    pub secrets: Vec<(SecretKind, SecretString)>,
    /// A client signed in with them (with OAuth, holding the access token already issued).
    pub client: Client,
    /// OAuth: the tokens the sign-in was issued, so that its access token can be kept.
    pub tokens: Option<Arc<TokenSource>>,
    /// OAuth: the app's refresh token lifespan and its source, read beside the proof (see
    /// [`super::radar::lifespan`]).
    pub lifespan: Option<(u64, &'static str)>,
}

/// Stores every secret in `store`; on a failure, removes what this call stored, so that
/// nothing is kept. Then deletes the kinds the method does not use (a password after a switch
/// to OAuth must not linger); a keyring error there changes nothing that was just stored.
pub(crate) fn store_all(
    store: &dyn keystore::Store,
    secrets: &Secrets,
    items: &[(SecretKind, SecretString)],
) -> Result<(), KeyringError> {
    for (i, (kind, secret)) in items.iter().enumerate() {
        if let Err(e) = store.set(&secrets.key(*kind), secret) {
            for (done, _) in &items[..i] {
                let _ = store.delete(&secrets.key(*done));
            }
            return Err(e);
        }
    }
    for kind in SecretKind::ALL {
        if !items.iter().any(|(k, _)| *k == kind) {
            let _ = store.delete(&secrets.key(kind));
        }
    }
    // An access token of the credentials replaced is no use to the new ones.
    let _ = store.delete(&secrets.key(SecretKind::AccessToken));
    Ok(())
}

/// The profile keys a verified login sets: instance, method, user name, client id.
pub(crate) fn profile_changes<'a>(
    instance: &'a InstanceUrl,
    method: AuthMethod,
    verified: &'a VerifiedSignIn,
) -> Vec<(&'static str, Option<&'a str>)> {
    let mut changes: Vec<(&str, Option<&str>)> = vec![
        ("instance", Some(instance.as_str())),
        ("auth", Some(method_name(method))),
    ];
    if let Some(user) = &verified.user {
        changes.push(("username", Some(user)));
    }
    if let Some(client_id) = &verified.client_id {
        changes.push(("client_id", Some(client_id)));
    }
    changes
}

/// Proves a user name and password with one authenticated read.
pub(crate) async fn verify_basic(
    settings: &Settings,
    instance: &InstanceUrl,
    user: String,
    password: SecretString,
) -> Result<VerifiedSignIn> {
    let client = settings.client(
        instance.clone(),
        Auth::basic(user.clone(), password.clone()),
    )?;
    whoami(&client).await.map_err(sign_in_failed)?;
    Ok(VerifiedSignIn {
        user: Some(user),
        client_id: None,
        secrets: vec![(SecretKind::Password, password)],
        client,
        tokens: None,
        lifespan: None,
    })
}

/// Proves an API key with one authenticated read; a refusal says whether the instance did not
/// take the key (no API access policy for it) or refused it.
pub(crate) async fn verify_api_key(
    settings: &Settings,
    instance: &InstanceUrl,
    user: Option<String>,
    key: SecretString,
) -> Result<VerifiedSignIn> {
    let client = settings.client(instance.clone(), Auth::api_key(user.clone(), key.clone()))?;
    let found =
        whoami(&client)
            .await
            .map_err(|e| match crate::steps::auth::api_key_refusal(&e) {
                Some((why, hint)) => {
                    Error::new(crate::error::api_kind(&e), format!("sign-in failed: {why}"))
                        .with_hint(hint)
                        .with_source(e)
                }
                None => sign_in_failed(e),
            })?;
    Ok(VerifiedSignIn {
        user: user.or(found),
        client_id: None,
        secrets: vec![(SecretKind::ApiKey, key)],
        client,
        tokens: None,
        lifespan: None,
    })
}

/// Exchanges `first` for tokens, proves them with one authenticated read, and keeps the
/// refresh token the instance issued.
pub(crate) async fn verify_oauth(
    settings: &Settings,
    instance: &InstanceUrl,
    client_id: String,
    client_secret: SecretString,
    first: Grant,
    user: Option<String>,
) -> Result<VerifiedSignIn> {
    let app = OAuthApp {
        client_id: client_id.clone(),
        client_secret: client_secret.clone(),
    };
    let source = Arc::new(TokenSource::new(app, first, None));
    let client = settings.client(
        instance.clone(),
        Auth::bearer(user.clone(), Arc::clone(&source)),
    )?;
    // The app's refresh token lifespan (for the expiry radar) beside the proof: after the
    // token request, one round trip.
    let (found, lifespan) =
        tokio::join!(whoami(&client), super::radar::lifespan(&client, &client_id));
    let found = found.map_err(sign_in_failed)?;
    let Some(refresh_token) = source.refresh_token().await else {
        return Err(Error::auth(
            "the instance issued an access token but no refresh token, so there is nothing to keep",
        )
        .with_hint(
            "check the OAuth app's Refresh Token Lifespan (System OAuth → Application Registry)",
        ));
    };
    Ok(VerifiedSignIn {
        user: found.or(user),
        client_id: Some(client_id),
        secrets: vec![
            (SecretKind::ClientSecret, client_secret),
            (SecretKind::RefreshToken, refresh_token),
        ],
        client,
        tokens: Some(source),
        lifespan: Some(lifespan),
    })
}

/// The browser sign-in: authorization code with PKCE on a loopback redirect.
pub(crate) async fn browser_code(
    instance: &InstanceUrl,
    client_id: &str,
    args: &LoginArgs,
    printer: &Printer,
) -> Result<Grant> {
    let loopback = Loopback::bind(args.redirect_port).await.map_err(|e| {
        Error::usage(format!(
            "cannot listen on 127.0.0.1:{} for the sign-in redirect: {e}",
            args.redirect_port
        ))
        .with_hint("pass --redirect-port N with a free port, and register http://127.0.0.1:N/callback as the OAuth app's redirect URL")
    })?;
    let redirect = redirect_url(loopback.port());
    let pkce = Pkce::new().map_err(|e| Error::usage(format!("no randomness for PKCE: {e}")))?;
    let url = authorize_url(instance, client_id, &redirect, &pkce);
    printer.line(format!(
        "The OAuth app must have exactly this redirect URL (System OAuth → Application Registry → the app → Redirect URL):\n  {redirect}"
    ));
    printer.line(format!("Sign in and allow access at this URL:\n  {url}"));
    if !args.no_browser {
        match open::that_detached(&url) {
            Ok(()) => printer.line("Opened it in your browser."),
            Err(e) => printer.line(format!(
                "Could not open a browser ({e}); open the URL yourself."
            )),
        }
    }
    let deadline = Duration::from_secs(args.deadline);
    printer.line(format!(
        "Waiting up to {} s for the browser to come back to {redirect} …",
        deadline.as_secs()
    ));
    let code = loopback
        .wait(&pkce.state, deadline)
        .await
        .map_err(|e| callback_error(e, &redirect))?;
    Ok(Grant::AuthorizationCode {
        code,
        redirect_uri: redirect,
        verifier: pkce.verifier,
    })
}

fn callback_error(e: CallbackError, redirect: &str) -> Error {
    let hint = match &e {
        CallbackError::Deadline(_) => format!(
            "if the browser showed an error about the redirect URL, register {redirect} on the OAuth app; then run the login again (--deadline SECS gives more time)"
        ),
        CallbackError::StateMismatch => {
            "close old sign-in tabs and run the login again; only the URL this login printed is accepted".to_string()
        }
        CallbackError::Denied { .. } | CallbackError::NoCode => format!(
            "allow access on the instance's page; check that the OAuth app is active and its redirect URL is {redirect}"
        ),
        CallbackError::Io(_) => "run the login again".to_string(),
    };
    let kind = match e {
        CallbackError::Io(_) => ErrorKind::Usage,
        _ => ErrorKind::Auth,
    };
    Error::new(kind, format!("sign-in failed: {e}"))
        .with_hint(hint)
        .with_source(e)
}
