//! From settings to a signed-in client: the secret look-up, the one [`Auth`] factory and the
//! client with the global options.

use std::sync::Arc;

use secrecy::{ExposeSecret, SecretString};

use super::Settings;
use crate::cli::AuthMethod;
use crate::credentials::{SecretSource, Secrets};
use crate::error::{Error, Result};
use crate::keystore::{self, Key, SecretKind};
use crate::servicenow::oauth::{Grant, OAuthApp, OnRotate, TokenSource};
use crate::servicenow::{Auth, Client, ClientConfig, InstanceUrl};

impl Settings {
    /// The secret look-up for this profile at `instance` (the simulator's under `--demo`).
    /// `stdin_kind` is the secret `--password-stdin` feeds, when it is passed.
    pub fn secrets(
        &self,
        instance: &InstanceUrl,
        stdin_kind: SecretKind,
        use_keyring: bool,
    ) -> Secrets {
        let secrets = Secrets::new(
            &self.profile_name,
            instance.as_str(),
            stdin_kind,
            self.global.password_stdin,
            use_keyring,
            self.interactive,
        )
        .with_scope(self.env_scope());
        match &self.demo {
            Some(demo) => secrets
                .with_demo(demo.password.clone(), demo.client_secret.clone())
                .with_demo_api_key(demo.api_key.clone()),
            None => secrets,
        }
    }

    /// The secret look-up of a run that signs in with the profile's method: the keyring is
    /// asked, and `--password-stdin` feeds the password (basic) or the refresh token (OAuth).
    pub fn connection_secrets(&self, instance: &InstanceUrl) -> Secrets {
        let stdin_kind = match self.method() {
            AuthMethod::Basic => SecretKind::Password,
            AuthMethod::Oauth => SecretKind::RefreshToken,
            AuthMethod::Apikey => SecretKind::ApiKey,
            AuthMethod::Mtls => SecretKind::Password,
        };
        self.secrets(instance, stdin_kind, true)
    }

    /// The client for `instance` with `auth`, on the run's network block; its writes pass [`ReleaseGate`](super::ReleaseGate).
    pub fn client(&self, instance: InstanceUrl, auth: Auth) -> Result<Client> {
        Ok(Client::new(ClientConfig {
            instance,
            auth,
            network: self.network.clone(),
        })?
        .with_write_gate(std::sync::Arc::new(super::ReleaseGate)))
    }

    /// Builds the client, asking for what is missing where prompting is allowed. The source
    /// returned is the password's (basic) or the refresh token's (OAuth). With `access_key`,
    /// a refresh token from the keyring keeps its access tokens in that keyring slot.
    pub fn connect(&self) -> Result<(Client, SecretSource)> {
        let instance = self.instance()?;
        let method = self.method();
        let (user, client_id) = match method {
            AuthMethod::Basic => (Some(self.require_username(&instance)?), None),
            AuthMethod::Oauth => (self.username(), Some(self.require_client_id(&instance)?)),
            AuthMethod::Apikey | AuthMethod::Mtls => (self.username(), None),
        };
        let login = self.login_command(method);
        let secrets = self.connection_secrets(&instance);
        let user_name = user.clone().unwrap_or_default();
        let client_name = client_id.clone().unwrap_or_default();
        let secret = |kind: SecretKind| {
            let prompt = match kind {
                SecretKind::Password => format!("Password for {user_name} at {instance}"),
                SecretKind::ClientSecret => format!("Client secret of OAuth client {client_name}"),
                SecretKind::RefreshToken => format!("Refresh token for {instance}"),
                SecretKind::ApiKey => format!("API key for {instance}"),
                SecretKind::ClientKeyPassphrase => kind.words().to_string(),
                SecretKind::KoreClientSecret
                | SecretKind::KoreAdminClientSecret
                | SecretKind::AccessToken => kind.words().to_string(),
            };
            secrets.require(kind, &prompt, Some(&login))
        };
        let on_rotate =
            |source| rotation_handler(secrets.key(SecretKind::RefreshToken), source, login.clone());
        let access_key = Some(secrets.key(SecretKind::AccessToken));
        let (auth, source) = self.auth(method, user, client_id, secret, on_rotate, access_key)?;
        Ok((self.client(instance, auth)?, source))
    }

    /// The one place credentials become an [`Auth`]: basic with `user` and the password;
    /// OAuth with `client_id`, the client secret and the refresh token (kept by `on_rotate`
    /// when the instance rotates it), or under `--demo` with the simulator's password grant.
    /// `secret` finds each secret, in the order a person would be asked for them; the source
    /// returned is the password's (basic) or the refresh token's (OAuth).
    pub fn auth(
        &self,
        method: AuthMethod,
        user: Option<String>,
        client_id: Option<String>,
        mut secret: impl FnMut(SecretKind) -> Result<(SecretString, SecretSource)>,
        on_rotate: impl FnOnce(SecretSource) -> OnRotate,
        access_key: Option<Key>,
    ) -> Result<(Auth, SecretSource)> {
        match method {
            AuthMethod::Basic => {
                let user = user.ok_or_else(|| Error::usage("no user name"))?;
                let (password, source) = secret(SecretKind::Password)?;
                Ok((Auth::basic(user, password), source))
            }
            AuthMethod::Apikey => {
                let (key, source) = secret(SecretKind::ApiKey)?;
                Ok((Auth::api_key(user, key), source))
            }
            AuthMethod::Mtls => {
                let identity = self.client_identity()?;
                Ok((Auth::Certificate { user, identity }, SecretSource::File))
            }
            AuthMethod::Oauth => {
                let client_id = client_id.ok_or_else(|| Error::usage("no OAuth client id"))?;
                let (client_secret, _) = secret(SecretKind::ClientSecret)?;
                let app = OAuthApp {
                    client_id,
                    client_secret,
                };
                let mut cache = None;
                let (grant, source, on_rotate) = match &self.demo {
                    Some(demo) => {
                        let grant = Grant::Password {
                            username: demo.username.clone(),
                            password: demo.password.clone(),
                        };
                        (grant, SecretSource::Demo, None)
                    }
                    None => {
                        let (token, source) = secret(SecretKind::RefreshToken)?;
                        // The access token is kept where the refresh token is: in the keyring.
                        if source == SecretSource::Keyring {
                            cache = access_key;
                        }
                        (Grant::RefreshToken(token), source, Some(on_rotate(source)))
                    }
                };
                let mut tokens = TokenSource::new(app, grant, on_rotate);
                if let Some(key) = cache {
                    tokens = tokens.cached(key);
                }
                let tokens = Arc::new(tokens);
                Ok((Auth::bearer(user, tokens), source))
            }
        }
    }
}

impl Settings {
    /// The passphrase of the encrypted client key `key`: the profile's own variable or
    /// `SN_HANDOFF_CLIENT_KEY_PASSPHRASE` (as every secret variable), else a hidden prompt
    /// where prompts are allowed; exit 2 otherwise.
    fn client_key_passphrase(&self, key: &std::path::Path) -> Result<SecretString> {
        let kind = SecretKind::ClientKeyPassphrase;
        let names = self.env_scope().names(kind);
        if let Some(value) = names
            .iter()
            .find_map(|n| std::env::var(n).ok().filter(|v| !v.is_empty()))
        {
            return Ok(SecretString::from(value));
        }
        if self.interactive {
            return crate::credentials::prompt_secret(&format!("Passphrase of {}", key.display()));
        }
        Err(Error::usage(format!(
            "the client key {} is encrypted: set {} to its passphrase",
            key.display(),
            names.join(" or ")
        )))
    }

    /// The client certificate and key of `--auth mtls` (flag or environment, then profile),
    /// as one identity for the TLS handshake. Both files are needed; a key encrypted with a
    /// passphrase is refused (exit 2) with the command that writes a decrypted copy.
    pub fn client_identity(&self) -> Result<reqwest::Identity> {
        let path = |flag: &Option<std::path::PathBuf>, stored: &Option<String>| {
            flag.clone()
                .or_else(|| stored.as_ref().map(std::path::PathBuf::from))
        };
        let (Some(cert), Some(key)) = (
            path(&self.global.client_cert, &self.profile.client_cert),
            path(&self.global.client_key, &self.profile.client_key),
        ) else {
            return Err(Error::usage(
                "--auth mtls needs the client certificate and its key: pass --client-cert FILE and --client-key FILE",
            )
            .with_hint("`sn-handoff auth login --auth mtls --client-cert FILE --client-key FILE` saves both paths in the profile"));
        };
        let read = |p: &std::path::Path, what: &str| {
            std::fs::read(p).map_err(|e| {
                Error::usage(format!(
                    "cannot read the client {what} {}: {e}",
                    p.display()
                ))
            })
        };
        let (mut pem, key_pem) = (read(&cert, "certificate")?, read(&key, "key")?);
        let key_text = String::from_utf8_lossy(&key_pem).into_owned();
        if super::client_key::is_encrypted(&key_text) {
            let passphrase = self.client_key_passphrase(&key)?;
            let opened = super::client_key::decrypt(&key_text, &passphrase)?;
            pem.push(b'\n');
            pem.extend_from_slice(opened.expose_secret().as_bytes());
        } else if key_text.contains("ENCRYPTED") {
            return Err(Error::usage(format!(
                "the client key {} is encrypted the old way (a Proc-Type header), which sn-handoff does not read",
                key.display()
            ))
            .with_hint("write it again as PKCS#8: openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY.pem -out KEY.enc.pem"));
        } else {
            pem.push(b'\n');
            pem.extend_from_slice(&key_pem);
        }
        reqwest::Identity::from_pem(&pem).map_err(|e| {
            Error::usage(format!(
                "{} and {} are not a PEM certificate and its private key: {e}",
                cert.display(),
                key.display()
            ))
        })
    }
}

/// What to do with a refresh token the instance rotated: replace the keyring entry the old one
/// came from; a token from elsewhere cannot be replaced, so say so.
fn rotation_handler(key: Key, source: SecretSource, login: String) -> OnRotate {
    Box::new(move |new_token| {
        if source == SecretSource::Keyring {
            if let Err(e) = keystore::set(&key, new_token) {
                crate::ui::diagnostic(format!(
                    "warning: the instance issued a new refresh token, but it could not be stored: {e}. Sign in again with `{login}`"
                ));
            }
        } else {
            crate::ui::diagnostic(format!(
                "warning: the instance issued a new refresh token; the one from {} may stop working. Sign in with `{login}` to keep the new one in the OS keyring",
                match source {
                    SecretSource::Env(name) => name,
                    other => other.name(),
                }
            ));
        }
    })
}
