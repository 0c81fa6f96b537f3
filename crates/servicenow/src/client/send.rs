//! Sending one request: the slot it holds, its credentials, the recorder and the verbose log,
//! and reading the answer within [`MAX_BODY`](super::MAX_BODY).

use std::time::Instant;

use reqwest::header::{HeaderMap, ACCEPT};
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use super::{Auth, Client};
use crate::error::{ApiError, Net};
use crate::har::{Exchange, REDACTED};

/// One request as the caller asked for it, sent as it is by every try.
#[derive(Clone, Copy)]
pub(super) struct Call<'a> {
    pub(super) method: &'a Method,
    pub(super) path_and_query: &'a str,
    pub(super) body: Body<'a>,
    /// Extra headers whose values are secrets: marked sensitive, recorded as `***`.
    pub(super) headers: &'a [(&'static str, &'a SecretString)],
}

impl<'a> Call<'a> {
    pub(super) fn get(path_and_query: &'a str) -> Self {
        Call {
            method: &Method::GET,
            path_and_query,
            body: Body::None,
            headers: &[],
        }
    }

    /// The path without the query, for messages (a query may hold names and values).
    pub(super) fn path(&self) -> &'a str {
        self.path_and_query
            .split_once('?')
            .map_or(self.path_and_query, |(p, _)| p)
    }
}

#[derive(Clone, Copy)]
pub(super) enum Body<'a> {
    None,
    Json(&'a Value),
    Form(&'a [(&'a str, &'a str)]),
}

pub(super) struct Raw {
    pub(super) status: u16,
    pub(super) headers: HeaderMap,
    pub(super) body: Vec<u8>,
}

impl Client {
    /// One of the [`super::ClientConfig::concurrency`] slots for a request in flight.
    pub(super) async fn slot(&self) -> tokio::sync::SemaphorePermit<'_> {
        self.inner
            .slots
            .acquire()
            .await
            .expect("semaphore is never closed")
    }

    /// Sends one authenticated request, for a caller that holds a [`Client::slot`]; with
    /// OAuth, also returns the generation of the access token it carried.
    pub(super) async fn send_in_slot(
        &self,
        call: Call<'_>,
    ) -> Result<(Raw, Option<u64>), ApiError> {
        match &self.inner.auth {
            Auth::Basic { user, password } => {
                let credentials = Credentials::Basic(user, password);
                Ok((self.send_raw(call, Some(credentials)).await?, None))
            }
            Auth::Bearer { source, .. } => {
                // Taken once the request holds its slot, so that a request that waited gets
                // the newest token. The exchange takes no slot of its own.
                let (token, generation) = source.access_token(self).await?;
                let credentials = Credentials::Bearer(&token);
                Ok((
                    self.send_raw(call, Some(credentials)).await?,
                    Some(generation),
                ))
            }
            Auth::ApiKey { key, .. } => {
                let credentials = Credentials::ApiKey(key);
                Ok((self.send_raw(call, Some(credentials)).await?, None))
            }
            // The certificate went in the handshake.
            Auth::Certificate { .. } => Ok((self.send_raw(call, None).await?, None)),
        }
    }

    /// Sends one request as it is. Callers hold a slot, except the token endpoint's, which is
    /// called by requests that already hold one.
    pub(super) async fn send_raw(
        &self,
        call: Call<'_>,
        credentials: Option<Credentials<'_>>,
    ) -> Result<Raw, ApiError> {
        let Call {
            method,
            path_and_query,
            body,
            headers,
        } = call;
        let url = self.inner.instance.join(path_and_query);
        let recorder = self.inner.recorder.get();
        let sent = recorder.map(|_| recorded(&body, credentials.as_ref(), headers));
        let mut request = self
            .inner
            .http
            .request(method.clone(), &url)
            .header(ACCEPT, "application/json");
        request = self.signed(request, credentials, headers)?;
        request = match body {
            Body::None => request,
            Body::Json(body) => request.json(body),
            Body::Form(form) => request.form(form),
        };
        let (started, at) = (Instant::now(), std::time::SystemTime::now());
        let result = self.read(call, request).await;
        if let (Some(recorder), Some(sent)) = (recorder, sent) {
            recorder.record(exchange(method, &url, sent, &result, at, started));
        }
        self.log(method, path_and_query, &result, started);
        result
    }

    /// The request with its credentials and the caller's extra headers (each marked
    /// sensitive, so that no log prints it).
    fn signed(
        &self,
        mut request: reqwest::RequestBuilder,
        credentials: Option<Credentials<'_>>,
        headers: &[(&'static str, &SecretString)],
    ) -> Result<reqwest::RequestBuilder, ApiError> {
        request = match credentials {
            Some(Credentials::Basic(user, password)) => {
                request.basic_auth(user, Some(password.expose_secret()))
            }
            Some(Credentials::Bearer(token)) => request.bearer_auth(token.expose_secret()),
            Some(Credentials::ApiKey(key)) => {
                let mut value = reqwest::header::HeaderValue::from_str(key.expose_secret())
                    .map_err(|_| {
                        ApiError::Connect(Net::new(
                            &self.inner.instance.host_and_port(),
                            "the API key holds characters an HTTP header does not allow",
                            "check the key: copy it again from System Web Services → API Access Policies → REST API Key",
                        ))
                    })?;
                value.set_sensitive(true);
                request.header(super::API_KEY_HEADER, value)
            }
            None => request,
        };
        for (name, value) in headers {
            let mut value =
                reqwest::header::HeaderValue::from_str(value.expose_secret()).map_err(|_| {
                    ApiError::Connect(Net::new(
                        &self.inner.instance.host_and_port(),
                        format!("the {name} header holds characters HTTP does not allow"),
                        "check the value given for it",
                    ))
                })?;
            value.set_sensitive(true);
            request = request.header(*name, value);
        }
        Ok(request)
    }

    /// `-v`: one line per request, with its status (or failure) and time.
    fn log(
        &self,
        method: &Method,
        path_and_query: &str,
        result: &Result<Raw, ApiError>,
        started: Instant,
    ) {
        if self.inner.verbose {
            let ms = started.elapsed().as_millis();
            match &result {
                Ok(raw) => crate::http::log(format_args!(
                    "{method} {path_and_query} {} {ms} ms",
                    raw.status
                )),
                Err(e) => crate::http::log(format_args!(
                    "{method} {path_and_query} failed after {ms} ms: {e}"
                )),
            }
        }
    }

    async fn read(
        &self,
        call: Call<'_>,
        request: reqwest::RequestBuilder,
    ) -> Result<Raw, ApiError> {
        let answer = crate::http::send_and_read(
            request,
            call.method,
            call.path(),
            &self.inner.instance.host_and_port(),
            self.inner.timeout.as_secs(),
        )
        .await?;
        Ok(Raw {
            status: answer.status,
            headers: answer.headers,
            body: answer.body,
        })
    }
}

/// A request's headers, and its body with its content type, as a recorder keeps them.
type Recorded = (Vec<(String, String)>, Option<(String, String)>);

/// A request's headers and body as a recorder gets them: credentials and secret headers `***`.
fn recorded(
    body: &Body<'_>,
    credentials: Option<&Credentials<'_>>,
    headers: &[(&'static str, &SecretString)],
) -> Recorded {
    let mut sent = vec![("Accept".to_string(), "application/json".to_string())];
    match credentials {
        Some(Credentials::ApiKey(_)) => sent.push((super::API_KEY_HEADER.into(), REDACTED.into())),
        Some(_) => sent.push(("Authorization".into(), REDACTED.into())),
        None => {}
    }
    sent.extend(
        headers
            .iter()
            .map(|(n, _)| (n.to_string(), REDACTED.to_string())),
    );
    let body = match body {
        Body::None => None,
        Body::Json(v) => Some(("application/json".into(), v.to_string())),
        Body::Form(form) => Some((
            "application/x-www-form-urlencoded".into(),
            url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(form.iter())
                .finish(),
        )),
    };
    (sent, body)
}

fn pairs(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or_default().to_string()))
        .collect()
}

/// The credentials one request carries.
pub(super) enum Credentials<'a> {
    Basic(&'a str, &'a SecretString),
    Bearer(&'a SecretString),
    ApiKey(&'a SecretString),
}

/// What the HAR recorder keeps of one exchange.
fn exchange(
    method: &Method,
    url: &str,
    (request_headers, request_body): Recorded,
    result: &Result<Raw, ApiError>,
    at: std::time::SystemTime,
    started: Instant,
) -> Exchange {
    let (status, response_headers, response_body, error) = match result {
        Ok(raw) => (raw.status, pairs(&raw.headers), raw.body.clone(), None),
        Err(e) => (0, Vec::new(), Vec::new(), Some(e.to_string())),
    };
    Exchange {
        started: at,
        elapsed: started.elapsed(),
        method: method.to_string(),
        url: url.to_string(),
        request_headers,
        request_body,
        status,
        response_headers,
        response_body,
        error,
    }
}
