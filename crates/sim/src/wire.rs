//! The simulated instance's wire: a request as the services read it, the reply they give,
//! the Table API's error envelope, the `Authorization` header's credentials and the query
//! parameters. Every service (`handler`'s Table API, `awa`, `cicd`, `oauth`, `va`) builds on
//! it; it knows none of them.

use base64::Engine as _;
use percent_encoding::percent_decode_str;
use serde_json::{json, Value};

use super::state::Db;
use super::{Release, Scenario};

/// Recorded 400 body for a URI that names nothing.
const NO_RESOURCE: &str =
    include_str!("../../../tests/fixtures/servicenow/table-400-no-resource.json");
/// `Content-Type` of every JSON answer.
pub(crate) const JSON_CONTENT_TYPE: &str = "application/json;charset=UTF-8";
/// `Content-Type` of HTML answers (hibernation page, `/stats.do`).
pub(crate) const HTML_CONTENT_TYPE: &str = "text/html;charset=UTF-8";

/// Fixed facts about the running simulator.
#[derive(Debug, Clone)]
pub(crate) struct Context {
    /// The scenario played.
    pub scenario: Scenario,
    /// The release claimed.
    pub release: Release,
    /// `http://127.0.0.1:PORT`, used in reference links and `Link` headers.
    pub origin: String,
    /// Writes that answer 500 (`SimOptions::fail_writes`).
    pub fail_writes: Vec<String>,
    /// Reads that fail (`SimOptions::fail_reads`).
    pub fail_reads: Vec<String>,
    /// CI/CD operations stay Pending (`SimOptions::cicd_stall`).
    pub cicd_stall: bool,
    /// Polls until an operation ends (`SimOptions::cicd_polls`, at least two).
    pub cicd_polls: u32,
    /// Store application installs fail (`SimOptions::store_install_refused`).
    pub store_install_refused: bool,
    /// AWA never offers a queued chat to an agent (`Fault::NeverOffered`).
    pub never_offer: bool,
    /// Writes whose answer is lost or late (`SimOptions::write_faults`).
    pub write_faults: Vec<super::WriteFault>,
    /// Every n-th matching row of a table is hidden from lists (`SimOptions::acl_hidden`).
    pub acl_hidden: Vec<(String, usize)>,
    /// Lists carry no `X-Total-Count` (`SimOptions::no_total_count`).
    pub no_total_count: bool,
    /// A customer's chat arrives with the first request for an agent
    /// (`SimOptions::customer_chat`).
    pub customer_chat: bool,
}

/// A request as the handler needs it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Request {
    /// HTTP method, upper case.
    pub method: String,
    /// Path, still percent-encoded.
    pub path: String,
    /// Raw query string (without `?`), still percent-encoded.
    pub query: String,
    /// The `Authorization` header, if any.
    pub authorization: Option<String>,
    /// Every header, names in lower case (the Virtual Agent API reads its `token`).
    pub headers: Vec<(String, String)>,
    /// The request body.
    pub body: Vec<u8>,
    /// Its round trip: one more than the latest round whose answer had been sent when it
    /// arrived (see [`super::RequestRecord::round`]).
    pub round: u32,
    /// The connection presented a client certificate the simulator's client CA signed.
    pub client_cert: bool,
}

/// The answer to send.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Headers (name, value).
    pub headers: Vec<(&'static str, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Reply {
    pub(crate) fn json_text(status: u16, body: &str) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type", JSON_CONTENT_TYPE.to_string())],
            body: body.as_bytes().to_vec(),
        }
    }

    pub(crate) fn json(status: u16, body: &Value) -> Reply {
        Reply::json_text(status, &body.to_string())
    }

    pub(crate) fn html(body: &str) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type", HTML_CONTENT_TYPE.to_string())],
            body: body.as_bytes().to_vec(),
        }
    }

    pub(crate) fn with_header(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }

    /// A 302 to `location`.
    pub(crate) fn redirect(location: &str) -> Reply {
        Reply {
            status: 302,
            headers: vec![("Location", location.to_string())],
            body: Vec::new(),
        }
    }
}

/// The Table API error envelope.
pub(crate) fn error_body(message: &str, detail: Option<&str>) -> Value {
    json!({"error": {"message": message, "detail": detail}, "status": "failure"})
}

pub(crate) fn no_resource() -> Reply {
    Reply::json_text(400, NO_RESOURCE)
}

/// What the `Authorization` header carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Credentials {
    /// No header.
    Missing,
    /// HTTP Basic.
    Basic { user: String, password: String },
    /// An OAuth access token.
    Bearer(String),
    /// A REST API key (`x-sn-apikey`), sent without an `Authorization` header.
    ApiKey(String),
    /// No header, over a connection with a verified client certificate (mutual TLS): it is
    /// mapped to the scenario's user.
    Certificate,
    /// Any other scheme, or a Basic value that does not decode.
    Unusable,
}

impl Credentials {
    /// Parse an `Authorization` header value.
    pub(crate) fn parse(header: Option<&str>) -> Credentials {
        let Some(header) = header else {
            return Credentials::Missing;
        };
        let header = header.trim();
        let (scheme, value) = header.split_once(' ').unwrap_or((header, ""));
        let value = value.trim();
        if scheme.eq_ignore_ascii_case("bearer") {
            return Credentials::Bearer(value.to_string());
        }
        if !scheme.eq_ignore_ascii_case("basic") {
            return Credentials::Unusable;
        }
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(value)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok());
        match decoded.as_deref().and_then(|text| text.split_once(':')) {
            Some((user, password)) => Credentials::Basic {
                user: user.to_string(),
                password: password.to_string(),
            },
            None => Credentials::Unusable,
        }
    }
}

/// Percent-decode a path segment or query component (`+` is a space in queries).
pub(crate) fn decode(text: &str, plus_is_space: bool) -> String {
    if plus_is_space {
        percent_decode_str(&text.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    } else {
        percent_decode_str(text).decode_utf8_lossy().into_owned()
    }
}

/// The script value an encoded query uses for "the signed-in user".
const CURRENT_USER_SCRIPT: &str = "javascript:gs.getUserID()";

/// Query parameters, raw and decoded, in order.
pub(crate) struct Params {
    pairs: Vec<Param>,
}

struct Param {
    /// The `key=value` text as received (still encoded).
    raw: String,
    key: String,
    value: String,
}

impl Params {
    pub(crate) fn parse(query: &str) -> Params {
        let pairs = query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                Param {
                    raw: pair.to_string(),
                    key: decode(key, true),
                    value: decode(value, true),
                }
            })
            .collect();
        Params { pairs }
    }

    /// Evaluates `javascript:gs.getUserID()` in `sysparm_query` as the instance does: the
    /// sys_id of the user making the request.
    pub(crate) fn evaluate_current_user(&mut self, db: &Db, user: &str) {
        let sys_id = db
            .find("sys_user", "user_name", user)
            .and_then(|row| row.get("sys_id").cloned())
            .unwrap_or_default();
        for pair in &mut self.pairs {
            if pair.key == "sysparm_query" {
                pair.value = pair.value.replace(CURRENT_USER_SCRIPT, &sys_id);
            }
        }
    }

    /// Each parameter's decoded key and its `key=value` text as received.
    pub(crate) fn raw(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|p| (p.key.as_str(), p.raw.as_str()))
    }

    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.value.as_str())
    }
}
