//! What a request that got no answer ran into, told from the causes of reqwest's error:
//! refused, reset, DNS, timeout, and which TLS certificate check failed.

use crate::error::{ApiError, Net};

/// What a transport failure was, in one line of host and cause (see [`classify_transport`]).
pub(crate) fn transport_error(e: reqwest::Error, host: &str, timeout_secs: u64) -> ApiError {
    // reqwest names the request URL, query and all, in its message: never shown.
    let e = e.without_url();
    if e.is_timeout() {
        return ApiError::Timeout {
            secs: timeout_secs,
            host: host.to_string(),
            tries: 1,
            elapsed_ms: timeout_secs * 1000,
        };
    }
    if e.is_body() || e.is_decode() {
        return ApiError::NotServiceNow {
            status: 0,
            content_type: "an unreadable body".into(),
            why: error_chain(&e),
        };
    }
    classify_transport(host, timeout_secs, &e)
}

/// Tells why a request never got an answer, from the error's causes: hyper's connect error
/// (`dns error`), the operating system's (refused, reset, timed out) and rustls' (which
/// certificate check failed). Whatever is not recognised keeps its causes' text, without the
/// request URL that reqwest puts first.
fn classify_transport(host: &str, secs: u64, e: &(dyn std::error::Error + 'static)) -> ApiError {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = current {
        if let Some(known) = recognise(host, secs, err) {
            return known;
        }
        current = err.source();
    }
    // Nothing recognised: the causes, without reqwest's own line (it names the request URL).
    let chain = error_chain(e);
    let cause = match e.source() {
        Some(source) => error_chain(source),
        None => chain,
    };
    let lower = cause.to_ascii_lowercase();
    if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake") {
        return ApiError::Tls(Net::new(
            host,
            format!("the TLS handshake failed ({cause})"),
            CA_CERT_HINT,
        ));
    }
    ApiError::Connect(Net::new(host, cause, PROXY))
}

const PROXY: &str = "check the instance URL, the network, and HTTPS_PROXY/NO_PROXY";

/// What one cause of a failed request says, when it is one this module knows: a certificate
/// rustls refused, an operating-system error, hyper's closed connection, a name that does not
/// resolve.
fn recognise(host: &str, secs: u64, err: &(dyn std::error::Error + 'static)) -> Option<ApiError> {
    if let Some(tls) = err.downcast_ref::<rustls::Error>() {
        return Some(ApiError::Tls(tls_failure(host, tls)));
    }
    // rustls' errors reach reqwest inside an I/O error inside another (whose `source()`
    // skips what they hold): the innermost one tells.
    let mut io = err.downcast_ref::<std::io::Error>();
    while let Some(inner) = io.and_then(std::io::Error::get_ref) {
        if let Some(tls) = inner.downcast_ref::<rustls::Error>() {
            return Some(ApiError::Tls(tls_failure(host, tls)));
        }
        match inner.downcast_ref::<std::io::Error>() {
            Some(deeper) => io = Some(deeper),
            None => break,
        }
    }
    if let Some(known) = io.and_then(|io| os_error(host, secs, io)) {
        return Some(known);
    }
    let text = err.to_string().to_ascii_lowercase();
    // hyper's `IncompleteMessage`: the request went out on an open connection, which the
    // other end (or a proxy) closed before the answer was whole.
    if text.contains("connection closed before message completed") {
        return Some(ApiError::Connect(Net::no_answer(
            host,
            "the connection was closed before an answer came",
            AGAIN,
        )));
    }
    if text.contains("dns error") || text.contains("failed to lookup address") {
        return Some(ApiError::Dns(Net::new(
            host,
            "the name does not resolve",
            "check the instance name (`dev123` means https://dev123.service-now.com) and the network's DNS",
        )));
    }
    None
}

/// The operating system's word on a connection: refused, timed out, or ended before an answer.
fn os_error(host: &str, secs: u64, io: &std::io::Error) -> Option<ApiError> {
    use std::io::ErrorKind as Io;
    match io.kind() {
        Io::ConnectionRefused => Some(ApiError::Connect(Net::new(
            host,
            "the connection was refused (nothing listens on that port)",
            PROXY,
        ))),
        Io::TimedOut => Some(ApiError::Timeout {
            secs,
            host: host.to_string(),
            tries: 1,
            elapsed_ms: secs * 1000,
        }),
        Io::ConnectionReset | Io::ConnectionAborted | Io::BrokenPipe | Io::UnexpectedEof => {
            Some(ApiError::Connect(Net::no_answer(
                host,
                "the connection was reset before an answer came",
                AGAIN,
            )))
        }
        _ => None,
    }
}

/// What to do after a connection that ended before its answer.
const AGAIN: &str =
    "run the command again; if it keeps failing, check the network and HTTPS_PROXY/NO_PROXY";

const CA_CERT_HINT: &str =
    "if a proxy inspects TLS, pass its root certificate with --ca-cert FILE (or SN_HANDOFF_CA_CERT)";

/// A certificate the TLS handshake refused, in plain words.
fn tls_failure(host: &str, e: &rustls::Error) -> Net {
    use rustls::CertificateError as Cert;
    let cert = match e {
        rustls::Error::InvalidCertificate(cert) => cert,
        other => {
            return Net::new(
                host,
                format!("the TLS handshake failed ({other})"),
                CA_CERT_HINT,
            )
        }
    };
    match cert {
        // A self-signed server certificate fails webpki's signature check against the roots
        // rather than the issuer look-up: to a person it is the same untrusted certificate.
        Cert::UnknownIssuer | Cert::BadSignature => Net::new(
            host,
            "its TLS certificate is not trusted (self-signed, or issued by an unknown authority)",
            CA_CERT_HINT,
        ),
        Cert::Expired | Cert::ExpiredContext { .. } => Net::new(
            host,
            "its TLS certificate has expired",
            "renew the server's certificate, or check this machine's clock",
        ),
        Cert::NotValidYet | Cert::NotValidYetContext { .. } => Net::new(
            host,
            "its TLS certificate is not valid yet",
            "check this machine's clock",
        ),
        Cert::NotValidForName | Cert::NotValidForNameContext { .. } => Net::new(
            host,
            "its TLS certificate is for another name",
            "check the instance URL: the certificate names another host",
        ),
        Cert::Revoked => Net::new(
            host,
            "its TLS certificate is revoked",
            "the server must present a valid certificate",
        ),
        // webpki's `CaUsedAsEndEntity` comes wrapped as an `OtherError`, whose type is not
        // ours to name: its text is.
        Cert::Other(other) if format!("{other:?}").contains("CaUsedAsEndEntity") => Net::new(
            host,
            "its TLS certificate is a CA certificate used as the server's certificate",
            "the server must present a certificate that the CA issued, not the CA's own; pass the CA with --ca-cert FILE",
        ),
        other => Net::new(
            host,
            format!("its TLS certificate was refused ({other:?})"),
            CA_CERT_HINT,
        ),
    }
}

/// The error and its causes on one line, without duplicates.
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = current {
        let text = err.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = err.source();
    }
    parts.join(": ")
}

/// A connection that was dropped under a request (worth another try), as opposed to one
/// that was refused (nothing listens there: trying again changes nothing).
pub(crate) fn is_reset(why: &str) -> bool {
    let why = why.to_ascii_lowercase();
    [
        "reset",
        "closed",
        "broken pipe",
        "incomplete",
        "unexpected eof",
    ]
    .iter()
    .any(|w| why.contains(w))
}
#[cfg(test)]
mod tests {
    use std::io;
    use std::sync::Arc;

    use super::*;

    /// The shape in which reqwest hands a handshake failure over: an I/O error inside another.
    fn wrapped(e: rustls::Error) -> io::Error {
        io::Error::other(io::Error::new(io::ErrorKind::InvalidData, e))
    }

    fn cause(e: &ApiError) -> String {
        match e {
            ApiError::Tls(net) | ApiError::Dns(net) | ApiError::Connect(net) => net.cause.clone(),
            other => other.to_string(),
        }
    }

    #[derive(Debug)]
    struct CaUsedAsEndEntity;

    impl std::fmt::Display for CaUsedAsEndEntity {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("CaUsedAsEndEntity")
        }
    }

    impl std::error::Error for CaUsedAsEndEntity {}

    #[test]
    fn transport_failures_are_told_by_their_causes() {
        use rustls::CertificateError as Cert;
        let host = "dev1.service-now.com";
        let refused = io::Error::from(io::ErrorKind::ConnectionRefused);
        let e = classify_transport(host, 30, &refused);
        assert!(matches!(e, ApiError::Connect(_)), "{e:?}");
        assert!(cause(&e).contains("refused"));
        assert_eq!(
            e.to_string(),
            "cannot reach dev1.service-now.com: the connection was refused (nothing listens on that port)"
        );
        let timed_out = io::Error::from(io::ErrorKind::TimedOut);
        assert!(matches!(
            classify_transport(host, 7, &timed_out),
            ApiError::Timeout { secs: 7, .. }
        ));
        let dns = io::Error::other("dns error: failed to lookup address information");
        assert!(matches!(
            classify_transport(host, 30, &dns),
            ApiError::Dns(_)
        ));
        for (cert, words) in [
            (Cert::UnknownIssuer, "not trusted"),
            (Cert::Expired, "expired"),
            (Cert::NotValidForName, "another name"),
            (
                Cert::Other(rustls::OtherError(Arc::new(CaUsedAsEndEntity))),
                "a CA certificate used as the server's certificate",
            ),
        ] {
            let e = classify_transport(host, 30, &wrapped(rustls::Error::InvalidCertificate(cert)));
            assert!(matches!(e, ApiError::Tls(_)), "{e:?}");
            assert!(cause(&e).contains(words), "{words}: {e}");
            assert!(e.is_unreachable() && e.hint().is_some());
        }
        // Anything else keeps its words, on one line.
        let other = io::Error::other("something odd");
        let e = classify_transport(host, 30, &other);
        assert_eq!(cause(&e), "something odd");
    }
}
