//! The CI/CD API (`/api/sn_cicd/…`): activate a plugin, install a Store application, and read
//! the progress of either.
//!
//! Every answer is `{"result": {"links": {"progress": {"id", "url"}}, "status", "status_label",
//! "status_message", "status_detail", "error", "percent_complete"}}` with `status` a string
//! `0`..`4` and `percent_complete` a number (recorded: `cicd-activate-200.json`,
//! `cicd-progress-successful.json`); errors come inside `result` as well
//! (`cicd-failed-404.json`), which [`classify`](super::error) turns into
//! [`ApiError::Status`] with the `error` text as the message.
//!
//! Source: ServiceNowDocs `api-reference/rest-apis/cicd-api.md` ("CI/CD - POST
//! /sn_cicd/plugin/{plugin_id}/activate", "POST /sn_cicd/app_repo/install", "GET
//! /sn_cicd/progress/{progress_id}"), and ServiceNow/sncicd-plugin-activate for the meaning of
//! each HTTP status.

use reqwest::Method;
use serde_json::Value;

use super::client::Client;
use super::error::ApiError;
use super::table::encode_component;

/// The execution state of a CI/CD operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CicdStatus {
    /// `0`: queued; since Tokyo operations that need the instance-wide lock wait in the
    /// Application Operation Queue instead of being refused, so this can last.
    Pending,
    /// `1`: running.
    Running,
    /// `2`: done.
    Successful,
    /// `3`: failed; `error` says why.
    Failed,
    /// `4`: canceled on the instance.
    Canceled,
    /// Anything else the instance sent.
    Unknown(String),
}

impl CicdStatus {
    /// Reads `status` (a string; a number is accepted too).
    pub fn parse(value: &Value) -> CicdStatus {
        let text = match value {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            other => other.to_string(),
        };
        match text.as_str() {
            "0" => CicdStatus::Pending,
            "1" => CicdStatus::Running,
            "2" => CicdStatus::Successful,
            "3" => CicdStatus::Failed,
            "4" => CicdStatus::Canceled,
            _ => CicdStatus::Unknown(text),
        }
    }

    /// Whether the operation has ended (successfully or not).
    pub fn is_final(&self) -> bool {
        !matches!(self, CicdStatus::Pending | CicdStatus::Running)
    }
}

/// One CI/CD answer: the state of an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// `links.progress.id`, to poll with.
    pub progress_id: Option<String>,
    /// `status`.
    pub status: CicdStatus,
    /// `status_label` (`Pending`, `Running`, …).
    pub label: String,
    /// `status_message`.
    pub message: String,
    /// `status_detail`.
    pub detail: String,
    /// `error`.
    pub error: String,
    /// `percent_complete`, 0 to 100.
    pub percent: u8,
}

impl Progress {
    /// Parses the `result` of a CI/CD answer.
    pub fn from_body(body: &Value) -> Option<Progress> {
        let result = body.get("result")?.as_object()?;
        let text = |key: &str| {
            result
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .trim()
                .to_string()
        };
        let percent = match result.get("percent_complete") {
            Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
            Some(Value::String(s)) => s.trim().parse().unwrap_or(0.0),
            _ => 0.0,
        };
        Some(Progress {
            progress_id: result
                .get("links")
                .and_then(|l| l.get("progress"))
                .and_then(|p| p.get("id"))
                .and_then(Value::as_str)
                .filter(|id| !id.is_empty())
                .map(str::to_string),
            status: CicdStatus::parse(result.get("status").unwrap_or(&Value::Null)),
            label: text("status_label"),
            message: text("status_message"),
            detail: text("status_detail"),
            error: text("error"),
            percent: percent.clamp(0.0, 100.0) as u8,
        })
    }

    /// The state in a word or two: `pending`, `running (40%)`, `successful`, …
    pub fn short(&self) -> String {
        match &self.status {
            CicdStatus::Running => format!("running ({}%)", self.percent),
            CicdStatus::Unknown(s) => format!("in state {s:?}"),
            _ => self.label.to_lowercase(),
        }
    }

    /// The state in plain words, e.g. `running (40%)`, `failed: Plugin not found`.
    pub fn words(&self) -> String {
        let why = [&self.error, &self.message, &self.detail]
            .into_iter()
            .find(|s| !s.is_empty())
            .cloned();
        match &self.status {
            CicdStatus::Pending => {
                "pending (queued in the instance's Application Operation Queue)".to_string()
            }
            CicdStatus::Running => format!("running ({}%)", self.percent),
            CicdStatus::Successful => "done".to_string(),
            CicdStatus::Failed => match why {
                Some(why) => format!("failed: {why}"),
                None => "failed without saying why".to_string(),
            },
            CicdStatus::Canceled => match why {
                Some(why) => format!("canceled on the instance: {why}"),
                None => "canceled on the instance".to_string(),
            },
            CicdStatus::Unknown(s) => format!(
                "in a state sn-handoff does not know (status {s:?}, \"{}\")",
                self.label
            ),
        }
    }
}

/// What an HTTP status of the CI/CD API means (ServiceNow/sncicd-plugin-activate,
/// `src/App.types.ts`, and the status tables of cicd-api.md).
pub fn http_words(status: u16) -> &'static str {
    match status {
        401 => "the user credentials are incorrect",
        403 => "the user is not an admin and does not have the sn_cicd.sys_ci_automation role",
        404 => "the instance does not know it",
        405 => "the CI/CD API is inactive on this instance",
        409 => "the requested item is not unique on the instance",
        s if s >= 500 => "the instance failed while handling the request",
        _ => "the instance refused the request",
    }
}

fn parse(method: &str, path: &str, body: &Value) -> Result<Progress, ApiError> {
    Progress::from_body(body).ok_or_else(|| ApiError::NotServiceNow {
        status: 200,
        content_type: "application/json".into(),
        why: format!("{method} {path} gave JSON without the CI/CD API's `result`"),
    })
}

impl Client {
    /// `POST /api/sn_cicd/plugin/{id}/activate`. An already active plugin is reported to answer
    /// Successful at 100% at once.
    pub async fn activate_plugin(&self, plugin_id: &str) -> Result<Progress, ApiError> {
        let path = format!(
            "/api/sn_cicd/plugin/{}/activate",
            encode_component(plugin_id)
        );
        let response = self.request(Method::POST, &path, None).await?;
        parse("POST", &path, &response.body)
    }

    /// `POST /api/sn_cicd/app_repo/install?scope=…[&version=…]`: installs a Store application
    /// by scope. cicd-api.md: "Using this endpoint you are able to install both unaltered and
    /// customized ServiceNow base system and ServiceNow Store applications"; `scope` is
    /// "required if sys_id is not specified". The batch endpoint (`/sn_cicd/app/batch/install`)
    /// would need the application's sys_id and an exact `requested_version` for the same
    /// result, so it is not used.
    pub async fn install_store_app(
        &self,
        scope: &str,
        version: Option<&str>,
    ) -> Result<Progress, ApiError> {
        let mut path = format!(
            "/api/sn_cicd/app_repo/install?scope={}",
            encode_component(scope)
        );
        if let Some(version) = version.filter(|v| !v.is_empty()) {
            path.push_str("&version=");
            path.push_str(&encode_component(version));
        }
        let response = self.request(Method::POST, &path, None).await?;
        parse("POST", "/api/sn_cicd/app_repo/install", &response.body)
    }

    /// `GET /api/sn_cicd/progress/{id}`.
    pub async fn cicd_progress(&self, progress_id: &str) -> Result<Progress, ApiError> {
        let path = format!("/api/sn_cicd/progress/{}", encode_component(progress_id));
        let response = self.request(Method::GET, &path, None).await?;
        parse("GET", &path, &response.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_answers_parse() {
        let activate: Value = serde_json::from_str(include_str!(
            "../../tests/fixtures/servicenow/cicd-activate-200.json"
        ))
        .unwrap();
        let p = Progress::from_body(&activate).unwrap();
        assert_eq!(p.status, CicdStatus::Pending);
        assert_eq!(
            p.progress_id.as_deref(),
            Some("5b3f052ddb580010caf55268dc961963")
        );
        assert_eq!(p.percent, 0);
        let done: Value = serde_json::from_str(include_str!(
            "../../tests/fixtures/servicenow/cicd-progress-successful.json"
        ))
        .unwrap();
        let p = Progress::from_body(&done).unwrap();
        assert_eq!(p.status, CicdStatus::Successful);
        assert_eq!(p.percent, 100);
        assert!(p.status.is_final());
        let failed: Value = serde_json::from_str(include_str!(
            "../../tests/fixtures/servicenow/cicd-failed-404.json"
        ))
        .unwrap();
        let p = Progress::from_body(&failed).unwrap();
        assert_eq!(p.status, CicdStatus::Failed);
        assert_eq!(p.progress_id, None);
        assert_eq!(p.words(), "failed: Invalid app sys id: testSystemId");
    }

    #[test]
    fn statuses_in_plain_words() {
        let mut p = Progress {
            progress_id: None,
            status: CicdStatus::parse(&Value::String("1".into())),
            label: "Running".into(),
            message: String::new(),
            detail: String::new(),
            error: String::new(),
            percent: 40,
        };
        assert_eq!(p.words(), "running (40%)");
        p.status = CicdStatus::parse(&serde_json::json!(0));
        assert!(p.words().contains("Application Operation Queue"));
        p.status = CicdStatus::parse(&Value::String("4".into()));
        assert_eq!(p.words(), "canceled on the instance");
        p.status = CicdStatus::parse(&Value::String("7".into()));
        assert!(p.words().contains("\"7\""));
        assert!(!p.status.is_final() || matches!(p.status, CicdStatus::Unknown(_)));
        assert_eq!(
            http_words(405),
            "the CI/CD API is inactive on this instance"
        );
    }
}
