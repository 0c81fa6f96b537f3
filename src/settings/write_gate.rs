//! What every ServiceNow write of the application passes first ([`ReleaseGate`], put on the
//! one client the settings make): on Tokyo and older, where Kore.ai's hand-off is another
//! setup (Connect Support), nothing is ever written. The client only reads the release; the
//! rule is the application's.

use std::future::Future;
use std::pin::Pin;

use crate::servicenow::release::{support, Support};
use crate::servicenow::{ApiError, Client, WriteGate};

/// Refuses every write to a Tokyo-or-older instance (see [`writable`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct ReleaseGate;

impl WriteGate for ReleaseGate {
    fn admit<'a>(
        &'a self,
        client: &'a Client,
    ) -> Pin<Box<dyn Future<Output = Result<(), ApiError>> + Send + 'a>> {
        Box::pin(writable(client))
    }
}

/// Whether sn-handoff may write to the instance of `client`: not on Tokyo and older. The
/// release is read once per client (or taken from the probe that already read it); when a
/// non-admin may not read it, it is unknown and writes go ahead.
pub async fn writable(client: &Client) -> Result<(), ApiError> {
    match client.release().await?.as_deref() {
        Some(family) if support(family) == Support::ConnectSupport => {
            Err(ApiError::ConnectSupport {
                release: family.to_string(),
            })
        }
        _ => Ok(()),
    }
}
