//! How Kore.ai signs in to ServiceNow: the credentials its ServiceNow integration takes
//! ([`ServiceNowAuth`]), and the error for a sign-in it cannot take. `kore connect` pushes
//! them, the settings look them up and prove them.

use secrecy::SecretString;

use crate::cli::AuthMethod;
use crate::error::{Error, Result};
use crate::keystore::SecretKind;

/// How Kore.ai signs in to ServiceNow.
#[derive(Clone)]
pub enum ServiceNowAuth {
    /// HTTP Basic: the flat body with `userId` and `password`.
    Basic {
        /// The ServiceNow user.
        user: String,
        password: SecretString,
    },
    /// OAuth with a refresh token: the wrapped body with snake_case keys.
    OAuth {
        /// The ServiceNow OAuth app's client id.
        client_id: String,
        client_secret: SecretString,
        /// The refresh token (`None` only for a dry run that has none yet).
        refresh_token: Option<SecretString>,
    },
}

impl ServiceNowAuth {
    /// The credentials a sign-in just proved (its user, OAuth client id and the secrets it
    /// keeps, as `auth login` stores them), as Kore.ai takes them. A secret the sign-in did
    /// not keep is an error before anything is sent: an empty or placeholder secret is never
    /// pushed.
    pub fn from_verified(
        method: AuthMethod,
        user: Option<&str>,
        client_id: Option<&str>,
        secrets: &[(SecretKind, SecretString)],
    ) -> Result<ServiceNowAuth> {
        let secret = |kind: SecretKind| {
            secrets
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, s)| s.clone())
                .ok_or_else(|| {
                    Error::usage(format!(
                        "the sign-in kept no {}, so there is none to hand to Kore.ai",
                        kind.words()
                    ))
                })
        };
        Ok(match method {
            AuthMethod::Basic => ServiceNowAuth::Basic {
                user: user.unwrap_or_default().to_string(),
                password: secret(SecretKind::Password)?,
            },
            AuthMethod::Oauth => ServiceNowAuth::OAuth {
                client_id: client_id.unwrap_or_default().to_string(),
                client_secret: secret(SecretKind::ClientSecret)?,
                refresh_token: Some(secret(SecretKind::RefreshToken)?),
            },
            AuthMethod::Apikey => return Err(api_key_for_kore()),
            AuthMethod::Mtls => return Err(not_for_kore("a client certificate")),
        })
    }
}

/// Kore.ai's ServiceNow integration takes Basic or OAuth credentials only: a profile that
/// signs in with an API key has nothing to hand it (exit 2, before anything is sent).
pub fn api_key_for_kore() -> Error {
    not_for_kore("an API key")
}

/// [`api_key_for_kore`] for any sign-in Kore.ai cannot be given (`what`: "a client
/// certificate").
pub fn not_for_kore(what: &str) -> Error {
    Error::usage(format!(
        "Kore.ai signs in to ServiceNow with Basic or OAuth, and this profile signs in with {what}"
    ))
    .with_hint("run the Kore.ai part with a profile that signs in with basic or oauth (`sn-handoff auth login -p NAME --auth basic`), or pass --auth basic or --auth oauth for this run")
}
