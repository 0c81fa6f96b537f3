//! Recording a run's HTTP exchanges (`doctor --bundle`) and writing them as HAR 1.2
//! (http://www.softwareishard.com/blog/har-12-spec/): `log.version`, `log.creator` and one entry
//! per exchange with its `request`, `response` and `timings`.
//!
//! Nothing secret gets in or out. The client hands a [`Recorder`] its `Authorization` and
//! secret headers as `***` already; [`Har::to_json`] then replaces, in URLs, form and JSON
//! bodies, the value of every field whose name says it is secret ([`secret_name`]: passwords,
//! secrets, tokens, auth, codes), and finally every occurrence anywhere of a value it replaced
//! or that the caller names as secret.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{json, Map, Value};

/// What replaces a secret.
pub const REDACTED: &str = "***";

/// One request and its answer, as the client saw them.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// When the request was sent.
    pub started: SystemTime,
    /// How long until the whole answer was read.
    pub elapsed: Duration,
    /// `GET`, `POST`, …
    pub method: String,
    /// The full URL.
    pub url: String,
    /// Request headers (credentials already `***`).
    pub request_headers: Vec<(String, String)>,
    /// The request body's media type and text.
    pub request_body: Option<(String, String)>,
    /// The status, 0 when no answer came.
    pub status: u16,
    pub response_headers: Vec<(String, String)>,
    pub response_body: Vec<u8>,
    /// Why no answer came.
    pub error: Option<String>,
}

/// Receives every exchange of a client that has one ([`super::Client::set_recorder`]).
pub trait Recorder: Send + Sync {
    /// Called once per request sent (each retry is its own exchange).
    fn record(&self, exchange: Exchange);
}

/// A recorder that keeps the exchanges in memory.
#[derive(Debug, Default)]
pub struct Har {
    entries: Mutex<Vec<Exchange>>,
}

impl Recorder for Har {
    fn record(&self, exchange: Exchange) {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(exchange);
    }
}

/// Whether a field, header or parameter called `name` holds a secret.
pub fn secret_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    if name == "token_type" {
        return false;
    }
    [
        "password",
        "secret",
        "token",
        "authorization",
        "cookie",
        "api_key",
        "apikey",
        "credential",
    ]
    .iter()
    .any(|w| name.contains(w))
        || matches!(
            name.as_str(),
            "auth" | "code" | "code_verifier" | "x-b2b-signature"
        )
}

/// Replaces secrets, remembering each value it replaced.
struct Redactor {
    seen: Vec<String>,
}

impl Redactor {
    fn value(&mut self, name: &str, value: &str) -> String {
        if secret_name(name) && !value.is_empty() && value != REDACTED {
            self.seen.push(value.to_string());
            REDACTED.to_string()
        } else {
            value.to_string()
        }
    }

    fn json(&mut self, value: &mut Value) {
        match value {
            Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    match v {
                        Value::String(s) if secret_name(key) => *s = self.value(key, s),
                        Value::Number(n) if secret_name(key) => {
                            *v = Value::String(self.value(key, &n.to_string()))
                        }
                        _ => self.json(v),
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.json(v)),
            _ => {}
        }
    }

    fn pairs(&mut self, text: &str) -> Vec<(String, String)> {
        url::form_urlencoded::parse(text.as_bytes())
            .map(|(k, v)| {
                let v = self.value(&k, &v);
                (k.into_owned(), v)
            })
            .collect()
    }

    fn form(&mut self, text: &str) -> String {
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(self.pairs(text))
            .finish()
    }

    fn url(&mut self, raw: &str) -> (String, Vec<(String, String)>) {
        match raw.split_once('?') {
            Some((base, query)) => {
                let pairs = self.pairs(query);
                let query = url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(pairs.iter())
                    .finish();
                (format!("{base}?{query}"), pairs)
            }
            None => (raw.to_string(), Vec::new()),
        }
    }

    /// A body's text with its secrets replaced: JSON by field name, forms by parameter name.
    fn body(&mut self, mime: &str, bytes: &[u8]) -> String {
        let text = String::from_utf8_lossy(bytes);
        if let Ok(mut value) = serde_json::from_slice::<Value>(bytes) {
            self.json(&mut value);
            return value.to_string();
        }
        if mime.contains("x-www-form-urlencoded") {
            return self.form(&text);
        }
        text.into_owned()
    }

    fn headers(&mut self, headers: &[(String, String)]) -> Vec<Value> {
        headers
            .iter()
            .map(|(name, value)| json!({"name": name, "value": self.value(name, value)}))
            .collect()
    }
}

impl Har {
    /// A new, empty recorder.
    pub fn new() -> Self {
        Har::default()
    }

    /// How many exchanges were recorded.
    pub fn len(&self) -> usize {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }

    /// Whether none was.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The HAR 1.2 document, redacted; `secrets` are also replaced wherever they occur.
    pub fn to_json(&self, secrets: &[String]) -> Value {
        let entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        let mut redactor = Redactor { seen: Vec::new() };
        let entries: Vec<Value> = entries.iter().map(|e| entry(&mut redactor, e)).collect();
        let har = json!({"log": {
            "version": "1.2",
            "creator": {"name": "sn-handoff", "version": env!("CARGO_PKG_VERSION")},
            "pages": [],
            "entries": entries,
        }});
        let mut all: Vec<String> = secrets.to_vec();
        // What was replaced by name goes too, where it is long enough not to be a common word.
        all.extend(redactor.seen.into_iter().filter(|s| s.len() >= 8));
        scrub(har, &all)
    }
}

/// `value` with every occurrence of each secret (of 4 characters or more) in its strings
/// replaced.
pub fn scrub(mut value: Value, secrets: &[String]) -> Value {
    let mut secrets: Vec<&str> = secrets
        .iter()
        .map(String::as_str)
        .filter(|s| s.len() >= 4 && *s != REDACTED)
        .collect();
    // Longest first, so that a secret containing another is replaced whole.
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    secrets.dedup();
    fn walk(value: &mut Value, secrets: &[&str]) {
        match value {
            Value::String(s) => {
                for secret in secrets {
                    if s.contains(secret) {
                        *s = s.replace(secret, REDACTED);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, secrets)),
            Value::Object(map) => map.values_mut().for_each(|v| walk(v, secrets)),
            _ => {}
        }
    }
    walk(&mut value, &secrets);
    value
}

fn entry(r: &mut Redactor, e: &Exchange) -> Value {
    let ms = e.elapsed.as_secs_f64() * 1000.0;
    let (url, query) = r.url(&e.url);
    let mut request = json!({
        "method": e.method,
        "url": url,
        "httpVersion": "HTTP/1.1",
        "cookies": [],
        "headers": r.headers(&e.request_headers),
        "queryString": query.iter().map(|(n, v)| json!({"name": n, "value": v})).collect::<Vec<_>>(),
        "headersSize": -1,
        "bodySize": e.request_body.as_ref().map_or(0, |(_, b)| b.len() as i64),
    });
    if let Some((mime, text)) = &e.request_body {
        request["postData"] = json!({"mimeType": mime, "text": r.body(mime, text.as_bytes())});
    }
    let mime = e
        .response_headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        .map_or("", |(_, v)| v.as_str())
        .to_string();
    let mut content = Map::new();
    content.insert("size".into(), json!(e.response_body.len()));
    content.insert("mimeType".into(), json!(mime));
    if !e.response_body.is_empty() {
        content.insert("text".into(), json!(r.body(&mime, &e.response_body)));
    }
    let mut entry = json!({
        "startedDateTime": iso8601(e.started),
        "time": ms,
        "request": request,
        "response": {
            "status": e.status,
            "statusText": reqwest::StatusCode::from_u16(e.status).ok().and_then(|s| s.canonical_reason()).unwrap_or(""),
            "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": r.headers(&e.response_headers),
            "content": content,
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": e.response_body.len(),
        },
        "cache": {},
        "timings": {"blocked": -1, "dns": -1, "connect": -1, "ssl": -1, "send": 0, "wait": ms, "receive": 0},
    });
    if let Some(error) = &e.error {
        entry["_error"] = json!(error);
    }
    entry
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
pub fn iso8601(at: SystemTime) -> String {
    let since = at.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs();
    let (y, m, d) = crate::time::civil_date(secs);
    let rem = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        since.subsec_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange(url: &str, body: Option<(&str, &str)>, response: &str) -> Exchange {
        Exchange {
            started: UNIX_EPOCH + Duration::from_millis(86_400_000 + 1_500),
            elapsed: Duration::from_millis(12),
            method: "POST".into(),
            url: url.into(),
            request_headers: vec![("Authorization".into(), REDACTED.into())],
            request_body: body.map(|(m, t)| (m.to_string(), t.to_string())),
            status: 200,
            response_headers: vec![("Content-Type".into(), "application/json".into())],
            response_body: response.as_bytes().to_vec(),
            error: None,
        }
    }

    #[test]
    fn secrets_are_replaced_everywhere() {
        let har = Har::new();
        har.record(exchange(
            "https://x/oauth_token.do?code=abcd1234&state=s",
            Some((
                "application/x-www-form-urlencoded",
                "grant_type=password&client_secret=cs-9999&password=pw-7777&username=admin",
            )),
            r#"{"access_token":"at-55555555","refresh_token":"rt-66666666","token_type":"Bearer"}"#,
        ));
        har.record(exchange(
            "https://x/api/now/table/x",
            None,
            r#"{"result":[{"note":"the token at-55555555 again","sys_id":"1"}]}"#,
        ));
        let doc = har.to_json(&["given-secret".to_string()]);
        let text = doc.to_string();
        for secret in [
            "abcd1234",
            "cs-9999",
            "pw-7777",
            "at-55555555",
            "rt-66666666",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(text.contains("username=admin"), "{text}");
        assert_eq!(doc["log"]["version"], "1.2");
        let e = &doc["log"]["entries"][0];
        assert_eq!(e["startedDateTime"], "1970-01-02T00:00:01.500Z");
        assert_eq!(e["response"]["status"], 200);
        assert_eq!(e["timings"]["wait"], 12.0);
        assert_eq!(e["request"]["headers"][0]["value"], REDACTED);
    }

    #[test]
    fn names_that_hold_secrets() {
        for name in [
            "password",
            "client_secret",
            "refresh_token",
            "Authorization",
            "auth",
            "X-B2B-Signature",
        ] {
            assert!(secret_name(name), "{name}");
        }
        for name in ["user_name", "sys_id", "name", "value", "state"] {
            assert!(!secret_name(name), "{name}");
        }
    }
}
