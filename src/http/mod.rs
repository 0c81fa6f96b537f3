//! What the ServiceNow and the Kore.ai clients share: the reqwest set-up and the rules for
//! trying a request again.

use std::time::Duration;

use crate::error::{Error, Result};

pub mod retry;

/// The reqwest client every HTTP client of sn-handoff is built on (ServiceNow and Kore.ai):
/// rustls with the native roots plus `--ca-cert`, the per-request and connect timeouts, no
/// redirects, the user agent, and the proxy from the environment (reqwest's default). A CA file
/// that cannot be read is a usage error (exit 2).
pub(crate) fn client(
    timeout: Duration,
    ca_cert: Option<&std::path::Path>,
) -> Result<reqwest::Client> {
    let mut builder = reqwest::Client::builder()
        .use_rustls_tls()
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(15)))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("sn-handoff/", env!("CARGO_PKG_VERSION")))
        .pool_idle_timeout(Duration::from_secs(30));
    if let Some(path) = ca_cert {
        let pem = std::fs::read(path)
            .map_err(|e| Error::usage(format!("cannot read --ca-cert {}: {e}", path.display())))?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
            Error::usage(format!(
                "--ca-cert {} is not a PEM certificate: {e}",
                path.display()
            ))
        })?;
        if certs.is_empty() {
            return Err(Error::usage(format!(
                "--ca-cert {} holds no PEM certificate",
                path.display()
            )));
        }
        for cert in certs {
            builder = builder.add_root_certificate(cert);
        }
    }
    builder
        .build()
        .map_err(|e| Error::unusable(format!("cannot set up HTTPS: {e}")))
}
