//! The Kore.ai side: a client for Kore.ai's public API (JWT apps, the agent-transfer
//! integration, channel mappings, publish), the settings that point it at a bot, and the work
//! of `kore connect` and `kore status`.
//!
//! Entry points for other commands: [`KoreSettings::resolve`] (are Kore.ai settings present,
//! and the client), [`status::read`] and [`status::judge`] (the verdict of the `kore` check step),
//! [`settings::servicenow_auth`], [`connect::connect`] and [`connect::publish_and_wait`] (what
//! `init` and `auth rotate` run).

pub mod connect;
pub mod servicenow_auth;
pub mod settings;
pub mod side;
pub mod status;

// The client is the crate `sn-handoff-kore` (crates/kore); these paths stay.
pub use sn_handoff_kore::KoreError;
pub use sn_handoff_kore::{api, client, error, jwt};
pub use sn_handoff_kore::{App, KoreClient, KoreConfig, Signer};

use crate::error::{Error, ErrorKind};

/// The error for a Kore.ai read (exit 3 for the JWT and scopes, 4 otherwise).
pub fn read_error(e: KoreError) -> Error {
    error_for(e, false)
}

/// The error for a Kore.ai write: a refusal that is not about the JWT, a scope or a rate
/// limit is a failed change (exit 5).
pub fn write_error(e: KoreError) -> Error {
    error_for(e, true)
}

fn error_for(e: KoreError, write: bool) -> Error {
    let kind = match &e {
        e if e.is_scope() || e.is_refused_jwt() => ErrorKind::Auth,
        KoreError::Status { status: 429, .. } => ErrorKind::Unusable,
        KoreError::Status { .. } if write => ErrorKind::WriteFailed,
        _ => ErrorKind::Unusable,
    };
    let hint = if e.is_refused_jwt() {
        Some(refused_jwt_hint(e.is_admin()))
    } else {
        e.hint()
    };
    let err = Error::new(kind, e.to_string());
    match hint {
        Some(h) => err.with_hint(h),
        None => err,
    }
}

/// What to check when Kore.ai refuses a JWT: the settings of the app that signed it, the
/// Admin Console app's for publishing, else the bot's.
fn refused_jwt_hint(admin: bool) -> String {
    use crate::env::{
        KORE_ADMIN_CLIENT_ID, KORE_ADMIN_CLIENT_SECRET, KORE_CLIENT_ID, KORE_CLIENT_SECRET,
    };
    if admin {
        format!("check the Kore.ai Admin Console app's client id (--kore-admin-client-id, {KORE_ADMIN_CLIENT_ID}) and its secret ({KORE_ADMIN_CLIENT_SECRET}), and its JWT signing algorithm (HS256)")
    } else {
        format!("check the Kore.ai client id (--kore-client-id, {KORE_CLIENT_ID}) and its secret ({KORE_CLIENT_SECRET}), the app's JWT signing algorithm (HS256), and the bot id (--bot-id)")
    }
}

/// A Kore.ai client whose writes pass the journal's guard ([`JournalGuard`]).
pub fn new_client(config: KoreConfig) -> crate::error::Result<KoreClient> {
    Ok(KoreClient::new(config)?.with_write_guard(std::sync::Arc::new(JournalGuard)))
}

/// The journal's guard around every Kore.ai write: a write is let finish on a signal, none
/// starts after one (the safe stop of `crate::journal`), and each that landed is noted, as
/// the ServiceNow writes are.
pub struct JournalGuard;

impl sn_handoff_kore::WriteGuard for JournalGuard {
    fn enter(
        &self,
    ) -> std::pin::Pin<
        Box<dyn std::future::Future<Output = Box<dyn std::any::Any + Send>> + Send + '_>,
    > {
        Box::pin(async { Box::new(crate::journal::enter().await) as Box<dyn std::any::Any + Send> })
    }

    fn landed(&self, what: String) {
        crate::journal::note_elsewhere(what);
    }
}
pub use settings::{KoreDemo, KoreSettings};

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16, body: &str) -> KoreError {
        KoreError::Status {
            method: "PUT".into(),
            path: "/api/public/bot/st-1/agentintegrations/channelmappings".into(),
            status,
            messages: error::messages(body.as_bytes()),
            scope: "agent_integrations:write",
            client_id: "cs-1".into(),
            admin: false,
        }
    }

    #[test]
    fn documented_jwt_refusal_is_exit_3() {
        let replay = include_str!("../../tests/fixtures/koreai/jwt-jti-replay-401.json");
        let err = write_error(status(401, replay));
        assert_eq!(err.kind(), ErrorKind::Auth);
        assert!(
            err.message().contains("possibly a replay"),
            "{}",
            err.message()
        );
    }

    #[test]
    fn scope_refusals_are_exit_3_and_name_the_scope() {
        let err = read_error(status(403, "Forbidden"));
        assert_eq!(err.kind(), ErrorKind::Auth);
        assert!(err.message().contains("agent_integrations:write"));
        assert!(err
            .hint()
            .is_some_and(|h| h.contains("agent_integrations:write")));
    }

    #[test]
    fn other_refusals_fail_writes_with_5_and_reads_with_4() {
        let e = status(400, "channelMappings must map every channel");
        assert_eq!(write_error(e.clone()).kind(), ErrorKind::WriteFailed);
        assert_eq!(read_error(e).kind(), ErrorKind::Unusable);
    }
}
