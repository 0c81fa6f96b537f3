//! The refresh-token expiry radar: when sn-handoff mints a refresh token (`auth login` with
//! the password or browser grant, `init`, `auth rotate`) it records in the state file when,
//! and the OAuth app's refresh token lifespan (`oauth_entity.refresh_token_lifespan`, read
//! for the client id when the user may; else ServiceNow's default of 100 days, said so). The
//! `auth` step of `check` warns within [`crate::steps::auth::WARN_DAYS`] days of expiry.

use crate::servicenow::{field, Client, Query};
use crate::state::{unix_now, MintedToken, StateFile};

/// ServiceNow's default refresh token lifespan: 8,640,000 s, 100 days (the field's default
/// on `oauth_entity`, "Refresh Token Lifespan").
pub(crate) const DEFAULT_LIFESPAN_SECS: u64 = 8_640_000;

/// The app's refresh token lifespan and where it came from.
pub(crate) async fn lifespan(client: &Client, client_id: &str) -> (u64, &'static str) {
    let rows = client
        .list(
            "oauth_entity",
            &Query::new().eq("client_id", client_id),
            &["refresh_token_lifespan"],
        )
        .await;
    let read = match rows {
        Ok(rows) if rows.len() == 1 => field(&rows[0], "refresh_token_lifespan")
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|s| *s > 0),
        _ => None,
    };
    match read {
        Some(secs) => (secs, "oauth_entity"),
        None => (DEFAULT_LIFESPAN_SECS, "default"),
    }
}

/// Records a refresh token minted now for `client_id` in the instance's state file (none
/// under `--demo`); returns what was recorded. A state file that cannot be written costs the
/// warning, not the sign-in.
pub(crate) async fn record(
    settings: &crate::settings::Settings,
    client: &Client,
    client_id: &str,
    read: Option<(u64, &'static str)>,
) -> Option<MintedToken> {
    if !settings.saves() {
        return None;
    }
    record_in(
        StateFile::for_instance(client.instance().as_str())?,
        client,
        client_id,
        read,
    )
    .await
}

/// [`record`] in `file`; `read` is the lifespan when the sign-in already read it.
pub(crate) async fn record_in(
    file: StateFile,
    client: &Client,
    client_id: &str,
    read: Option<(u64, &'static str)>,
) -> Option<MintedToken> {
    let (lifespan_secs, source) = match read {
        Some(read) => read,
        None => lifespan(client, client_id).await,
    };
    let minted = MintedToken {
        client_id: client_id.to_string(),
        minted_at: unix_now(),
        lifespan_secs,
        lifespan_source: source.to_string(),
    };
    file.update(|state| state.refresh_token = Some(minted.clone()))
        .ok()?;
    Some(minted)
}

/// One line on what was recorded.
pub(crate) fn describe(minted: &MintedToken) -> String {
    let days = minted.lifespan_secs / 86_400;
    let from = if minted.lifespan_source == "oauth_entity" {
        "the OAuth app's Refresh Token Lifespan".to_string()
    } else {
        "ServiceNow's default: the OAuth app's lifespan could not be read".to_string()
    };
    format!(
        "The refresh token expires in {days} days ({from}); `check` warns {} days before, and `sn-handoff auth rotate` mints a new one.",
        crate::steps::auth::WARN_DAYS
    )
}
