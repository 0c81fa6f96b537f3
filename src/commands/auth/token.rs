//! `auth token`: a fresh OAuth access (or refresh) token for scripts.

use secrecy::ExposeSecret;
use serde_json::json;

use crate::cli::AuthMethod;
use crate::error::{Error, ExitStatus, Result};
use crate::settings::Settings;
use crate::ui::Printer;
pub(super) async fn token(
    settings: &Settings,
    refresh: bool,
    printer: &Printer,
) -> Result<ExitStatus> {
    if settings.method() != AuthMethod::Oauth {
        return Err(Error::usage(
            "`auth token` prints an OAuth access token, and this profile uses basic auth",
        )
        .with_hint("pass --auth oauth, or sign in with `sn-handoff auth login --auth oauth`"));
    }
    let (client, _) = settings.connect()?;
    let source = client
        .token_source()
        .expect("an OAuth client has a token source");
    let access = source
        .fresh_access_token(&client)
        .await
        .map_err(Error::from)?;
    // After the exchange: a rotated refresh token is the one to give out.
    let secret = match (refresh, source.refresh_token().await) {
        (false, _) => access,
        (true, Some(token)) => token,
        (true, None) => return Err(Error::auth("the instance gave no refresh token")),
    };
    if printer.json() {
        let name = if refresh {
            "refresh_token"
        } else {
            "access_token"
        };
        let mut doc = json!({name: secret.expose_secret()});
        if !refresh {
            doc["token_type"] = json!("Bearer");
            doc["expires_in"] = json!(source.expires_in().await);
        }
        // The token is what was asked for: not scrubbed.
        printer.print_json_secret(&doc);
    } else {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{}", secret.expose_secret());
    }
    Ok(ExitStatus::Success)
}
