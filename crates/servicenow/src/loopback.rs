//! The loopback listener of the browser login: `http://127.0.0.1:PORT/callback`, where the
//! instance's authorize page sends the browser back with `code` and `state` (or `error`).
//!
//! It listens on 127.0.0.1 only, answers each browser request with a short page, and ends the
//! wait at the first request to `/callback`: a code whose `state` matches, or a refusal
//! (`error=…`, a wrong or missing `state`). Requests for other paths (a favicon) get a 404 and
//! the wait goes on, until the deadline.

use std::collections::HashMap;
use std::fmt;
use std::time::Duration;

use secrecy::SecretString;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The most of a browser request that is read.
const MAX_REQUEST: usize = 16 * 1024;
/// How long one browser connection may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How the wait for the redirect ended, when it did not bring a code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallbackError {
    /// Nobody came back before the deadline.
    Deadline(Duration),
    /// The redirect carried another `state` than this login's (or none): it is not the answer
    /// to this login, and is refused.
    StateMismatch,
    /// The instance sent the browser back with an error (the user denied access, the redirect
    /// URL is not the registered one, …).
    Denied {
        /// `error`.
        error: String,
        /// `error_description`, if any.
        description: Option<String>,
    },
    /// The redirect had neither a code nor an error.
    NoCode,
    /// The listener failed.
    Io(String),
}

impl fmt::Display for CallbackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallbackError::Deadline(d) => write!(
                f,
                "no browser came back to the redirect URL within {} s",
                d.as_secs()
            ),
            CallbackError::StateMismatch => f.write_str(
                "the redirect carried a `state` that does not belong to this login; it was refused (a stale tab of an earlier login, or a forged request)",
            ),
            CallbackError::Denied { error, description } => {
                write!(f, "the instance refused the sign-in: {error}")?;
                if let Some(d) = description {
                    write!(f, " ({d})")?;
                }
                Ok(())
            }
            CallbackError::NoCode => {
                f.write_str("the redirect carried neither an authorization code nor an error")
            }
            CallbackError::Io(e) => write!(f, "the loopback listener failed: {e}"),
        }
    }
}

/// A bound loopback listener.
pub struct Loopback {
    listener: TcpListener,
    port: u16,
}

impl Loopback {
    /// Binds `127.0.0.1:port` (0 picks a free port).
    pub async fn bind(port: u16) -> std::io::Result<Loopback> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let port = listener.local_addr()?.port();
        Ok(Loopback { listener, port })
    }

    /// The port listened on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Waits for the redirect until `deadline`; the code when its `state` is `expected_state`.
    pub async fn wait(
        &self,
        expected_state: &str,
        deadline: Duration,
    ) -> Result<SecretString, CallbackError> {
        tokio::time::timeout(deadline, self.serve(expected_state))
            .await
            .unwrap_or(Err(CallbackError::Deadline(deadline)))
    }

    async fn serve(&self, expected_state: &str) -> Result<SecretString, CallbackError> {
        loop {
            let (mut stream, _) = self
                .listener
                .accept()
                .await
                .map_err(|e| CallbackError::Io(e.to_string()))?;
            let Some(target) = read_target(&mut stream).await else {
                continue;
            };
            let (path, query) = target.split_once('?').unwrap_or((&target, ""));
            if path != "/callback" {
                respond(
                    &mut stream,
                    404,
                    "Not found",
                    "This address only takes the sign-in redirect of sn-handoff.",
                )
                .await;
                continue;
            }
            let params: HashMap<String, String> = url::form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect();
            let outcome = judge(&params, expected_state);
            match &outcome {
                Ok(_) => {
                    respond(
                        &mut stream,
                        200,
                        "Signed in",
                        "sn-handoff received the sign-in. You can close this tab and return to the terminal.",
                    )
                    .await
                }
                Err(e) => respond(&mut stream, 400, "Sign-in refused", &e.to_string()).await,
            }
            return outcome;
        }
    }
}

/// Decides what one `/callback` request means.
fn judge(
    params: &HashMap<String, String>,
    expected_state: &str,
) -> Result<SecretString, CallbackError> {
    if params.get("state").map(String::as_str) != Some(expected_state) {
        return Err(CallbackError::StateMismatch);
    }
    if let Some(error) = params.get("error") {
        return Err(CallbackError::Denied {
            error: error.clone(),
            description: params
                .get("error_description")
                .filter(|d| !d.is_empty())
                .cloned(),
        });
    }
    match params.get("code").filter(|c| !c.is_empty()) {
        Some(code) => Ok(SecretString::from(code.clone())),
        None => Err(CallbackError::NoCode),
    }
}

/// Reads the request head and returns the request target of a `GET`, or `None` for anything
/// else (which gets no answer).
async fn read_target(stream: &mut TcpStream) -> Option<String> {
    let mut seen = Vec::new();
    let mut buf = [0u8; 2048];
    let read = async {
        while !seen.windows(4).any(|w| w == b"\r\n\r\n") && seen.len() < MAX_REQUEST {
            let n = stream.read(&mut buf).await.ok()?;
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
        }
        Some(())
    };
    tokio::time::timeout(READ_TIMEOUT, read).await.ok()??;
    let head = String::from_utf8_lossy(&seen);
    let line = head.lines().next()?;
    let mut parts = line.split(' ');
    match (parts.next(), parts.next()) {
        (Some("GET"), Some(target)) => Some(target.to_string()),
        _ => None,
    }
}

async fn respond(stream: &mut TcpStream, status: u16, title: &str, text: &str) {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Bad Request",
    };
    let body = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1><p>{}</p></body></html>\n",
        escape_html(text)
    );
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body.as_bytes()).await;
    let _ = stream.shutdown().await;
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_code_needs_the_right_state() {
        let ok = judge(&params(&[("code", "c0de"), ("state", "s1")]), "s1").unwrap();
        assert_eq!(ok.expose_secret(), "c0de");
        assert_eq!(
            judge(&params(&[("code", "c0de"), ("state", "s2")]), "s1").unwrap_err(),
            CallbackError::StateMismatch
        );
        assert_eq!(
            judge(&params(&[("code", "c0de")]), "s1").unwrap_err(),
            CallbackError::StateMismatch
        );
        assert_eq!(
            judge(&params(&[("state", "s1")]), "s1").unwrap_err(),
            CallbackError::NoCode
        );
    }

    #[test]
    fn an_error_redirect_is_a_refusal() {
        let e = judge(
            &params(&[
                ("error", "access_denied"),
                ("error_description", "The user denied access"),
                ("state", "s1"),
            ]),
            "s1",
        )
        .unwrap_err();
        assert!(e.to_string().contains("access_denied"), "{e}");
        assert!(e.to_string().contains("The user denied access"), "{e}");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape_html("<a href=\"x\">&"),
            "&lt;a href=&quot;x&quot;&gt;&amp;"
        );
    }
}
