//! What the ServiceNow and the Kore.ai clients share: the reqwest set-up and the rules for
//! trying a request again.

use std::path::PathBuf;
use std::time::Duration;

use crate::error::SetupError;

type Result<T, E = SetupError> = std::result::Result<T, E>;

pub mod retry;
pub(crate) mod transport;

/// How sn-handoff reaches both services, resolved once by the application (flag, environment,
/// default) and given to each client as a value: the per-request timeout, extra trust roots,
/// the `-v` log, and how many requests may be in flight at once. The proxy comes from the
/// environment (`HTTPS_PROXY`, `NO_PROXY`: reqwest reads them, see [`client`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    /// Per-request timeout.
    pub timeout: Duration,
    /// Extra PEM trust roots (`--ca-cert`).
    pub ca_cert: Option<PathBuf>,
    /// Log each exchange to stderr (`-v`).
    pub verbose: bool,
    /// Requests in flight at once (the ServiceNow client's slots).
    pub concurrency: usize,
}

/// Requests in flight at once, unless the application says otherwise: enough for every read
/// of `check --deep` after the probe (about 20) to go out together.
pub const DEFAULT_CONCURRENCY: usize = 24;

impl Default for Network {
    /// 30 s, the native trust roots, no log, the client's default concurrency.
    fn default() -> Self {
        Network {
            timeout: Duration::from_secs(30),
            ca_cert: None,
            verbose: false,
            concurrency: DEFAULT_CONCURRENCY,
        }
    }
}

impl Network {
    /// The reqwest client for this network (see [`client`]), with the client certificate of
    /// a certificate sign-in.
    pub fn http_client(&self, identity: Option<reqwest::Identity>) -> Result<reqwest::Client> {
        client(self.timeout, self.ca_cert.as_deref(), identity)
    }
}

/// One line of the `-v` log (`http: METHOD PATH STATUS MS`) on stderr: the one place the
/// transport writes. It holds no printer, and each line is whole (a path and query are never
/// wrapped); what it logs is a method, a path and a status, never a host, header or body.
#[allow(clippy::print_stderr)]
pub fn log(line: std::fmt::Arguments<'_>) {
    // What a server answered may echo a secret the run holds.
    eprintln!("{}", crate::secrets::scrub(&format!("http: {line}")));
}

/// The reqwest client every HTTP client of sn-handoff is built on (ServiceNow and Kore.ai):
/// rustls with the native roots plus `--ca-cert`, the per-request and connect timeouts, no
/// redirects, the user agent, and the proxy from the environment (reqwest's default). A CA file
/// that cannot be read is a usage error (exit 2).
pub fn client(
    timeout: Duration,
    ca_cert: Option<&std::path::Path>,
    identity: Option<reqwest::Identity>,
) -> Result<reqwest::Client> {
    let mut builder = reqwest::Client::builder()
        .use_rustls_tls()
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(15)))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("sn-handoff/", env!("CARGO_PKG_VERSION")))
        .pool_idle_timeout(Duration::from_secs(30));
    if let Some(path) = ca_cert {
        let pem = std::fs::read(path).map_err(|e| {
            SetupError::usage(format!("cannot read --ca-cert {}: {e}", path.display()))
        })?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
            SetupError::usage(format!(
                "--ca-cert {} is not a PEM certificate: {e}",
                path.display()
            ))
        })?;
        if certs.is_empty() {
            return Err(SetupError::usage(format!(
                "--ca-cert {} holds no PEM certificate",
                path.display()
            )));
        }
        for cert in certs {
            builder = builder.add_root_certificate(cert);
        }
    }
    if let Some(identity) = identity {
        builder = builder.identity(identity);
    }
    builder
        .build()
        .map_err(|e| SetupError::unusable(format!("cannot set up HTTPS: {e}")))
}

/// What came back: status, headers and the whole body.
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Vec<u8>,
}

/// Sends `request` and reads the answer whole, refusing a body over
/// [`MAX_BODY`](crate::client::MAX_BODY) as soon as it is announced or read (one
/// buffer of the announced size: no doubling of a growing vector). A failure without an answer
/// is told by `host` (never the URL) and the `timeout_secs` it was given.
pub async fn send_and_read(
    request: reqwest::RequestBuilder,
    method: &reqwest::Method,
    path: &str,
    host: &str,
    timeout_secs: u64,
) -> std::result::Result<Answer, crate::ApiError> {
    use crate::error::MAX_BODY;
    use transport::transport_error;
    let transport = |e| transport_error(e, host, timeout_secs);
    let too_large = || crate::ApiError::TooLarge {
        method: method.to_string(),
        path: path.to_string(),
    };
    let mut response = request.send().await.map_err(transport)?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let announced = response.content_length();
    if announced.is_some_and(|n| n > MAX_BODY as u64) {
        return Err(too_large());
    }
    let mut body = Vec::with_capacity(announced.unwrap_or(0) as usize);
    while let Some(chunk) = response.chunk().await.map_err(transport)? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Answer {
        status,
        headers,
        body,
    })
}
