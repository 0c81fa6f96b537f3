//! What an answer means: a 2xx with a JSON object is a [`Response`]; anything else is told
//! apart by [`classify`] (ServiceNow's error body, a sign-in page, a hibernating instance, a
//! page that is not ServiceNow at all).

use reqwest::header::{CONTENT_TYPE, LOCATION};
use reqwest::Method;
use serde_json::Value;

use super::send::Raw;
use super::{Client, Response};
use crate::error::{classify, looks_hibernating, ApiError};
use crate::http::retry::retry_after;

impl Client {
    pub(super) fn finish(
        &self,
        method: &Method,
        path: &str,
        raw: Raw,
    ) -> Result<Response, ApiError> {
        let content_type = raw
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let fail = |raw: &Raw| {
            classify(
                method.as_str(),
                path,
                raw.status,
                &content_type,
                raw.headers.get(LOCATION).and_then(|v| v.to_str().ok()),
                retry_after(&raw.headers),
                &raw.body,
            )
        };
        if !(200..300).contains(&raw.status) {
            return Err(fail(&raw));
        }
        if raw.body.is_empty() && (raw.status == 204 || method == Method::DELETE) {
            return Ok(Response {
                status: raw.status,
                headers: raw.headers,
                body: Value::Null,
                sends: 1,
            });
        }
        if looks_hibernating(&raw.body) {
            return Err(ApiError::Hibernating);
        }
        match serde_json::from_slice::<Value>(&raw.body) {
            Ok(body) if body.is_object() => Ok(Response {
                status: raw.status,
                headers: raw.headers,
                body,
                sends: 1,
            }),
            Ok(_) => Err(ApiError::NotServiceNow {
                status: raw.status,
                content_type,
                why: "JSON that is not an object".into(),
            }),
            Err(e) if !raw.body.is_empty() && content_type.contains("json") => {
                Err(ApiError::NotServiceNow {
                    status: raw.status,
                    content_type,
                    why: format!("the JSON is cut off or malformed: {e}"),
                })
            }
            Err(_) => Err(fail(&raw)),
        }
    }
}
