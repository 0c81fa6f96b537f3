//! The CI/CD API (`/api/sn_cicd/…`): activate a plugin, install Store applications in one
//! batch, and read the progress of either and the batch's results.
//!
//! Every answer is `{"result": {"links": {"progress": {"id", "url"}}, "status", "status_label",
//! "status_message", "status_detail", "error", "percent_complete"}}` with `status` a string
//! `0`..`4` and `percent_complete` a number (recorded: `cicd-activate-200.json`,
//! `cicd-progress-successful.json`); errors come inside `result` as well
//! (`cicd-failed-404.json`), which [`classify`](super::error) turns into
//! [`ApiError::Status`] with the `error` text as the message.
//!
//! Source: ServiceNowDocs `api-reference/rest-apis/cicd-api.md` ("CI/CD - POST
//! /sn_cicd/plugin/{plugin_id}/activate", "POST /sn_cicd/app/batch/install", "GET
//! /sn_cicd/app/batch/results/{result_id}", "GET /sn_cicd/progress/{progress_id}"), and ServiceNow/sncicd-plugin-activate for the meaning of
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

/// One package of a batch install: a Store application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchPackage {
    /// The application's `sys_remote_app` sys_id.
    pub id: String,
    /// The version to install (`sys_remote_app.latest_version`).
    pub requested_version: String,
    /// Notes kept with the install record.
    pub notes: String,
}

/// The body of `POST /api/sn_cicd/app/batch/install` (cicd-api.md's request example:
/// `cicd-batch-install-request.json`).
pub fn batch_request(name: &str, packages: &[BatchPackage]) -> Value {
    let packages: Vec<Value> = packages
        .iter()
        .map(|p| {
            serde_json::json!({
                "id": p.id,
                "type": "application",
                "requested_version": p.requested_version,
                "load_demo_data": false,
                "notes": p.notes,
            })
        })
        .collect();
    serde_json::json!({"name": name, "packages": packages})
}

/// The answer to a batch install: its progress, and where its results and rollback are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchStarted {
    /// The state of the batch (`links.progress.id` to poll).
    pub progress: Progress,
    /// `links.results.id`, for [`Client::batch_results`].
    pub results_id: Option<String>,
    /// `links.rollback.id`.
    pub rollback_id: Option<String>,
}

impl BatchStarted {
    /// Parses the `result` of a batch install answer.
    pub fn from_body(body: &Value) -> Option<BatchStarted> {
        let progress = Progress::from_body(body)?;
        let link = |name: &str| {
            body.pointer(&format!("/result/links/{name}/id"))
                .and_then(Value::as_str)
                .filter(|id| !id.is_empty())
                .map(str::to_string)
        };
        Some(BatchStarted {
            progress,
            results_id: link("results"),
            rollback_id: link("rollback"),
        })
    }
}

/// One package's outcome in the batch results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchItem {
    /// The package id as requested (the `sys_remote_app` sys_id).
    pub id: String,
    /// The package's name.
    pub name: String,
    /// The version requested.
    pub version: String,
    /// `Failed`, `In progress`, `Installed`, `Invalid`, `Ready` or `Rolled Back`.
    pub state: String,
    /// What went wrong, in ServiceNow's words (empty when nothing did).
    pub status_message: String,
}

impl BatchItem {
    /// Whether the package is installed.
    pub fn installed(&self) -> bool {
        self.state.trim().eq_ignore_ascii_case("installed")
    }

    /// Whether the package's install is over without success.
    pub fn failed(&self) -> bool {
        ["failed", "invalid", "rolled back"]
            .iter()
            .any(|s| self.state.trim().eq_ignore_ascii_case(s))
    }
}

/// `GET /api/sn_cicd/app/batch/results/{id}`: the plan's state and each package's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchResults {
    /// `batch_plan.state`: `Failed`, `In progress`, `Installed`, `Invalid`, `Partial Install`,
    /// `Ready` or `Rolled Back`.
    pub plan_state: String,
    /// `batch_items`.
    pub items: Vec<BatchItem>,
}

impl BatchResults {
    /// Parses the `result` of a batch results answer (cicd-api.md's example:
    /// `cicd-batch-results-200.json`).
    pub fn from_body(body: &Value) -> Option<BatchResults> {
        let result = body.get("result")?;
        let text = |v: &Value, key: &str| {
            v.get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .trim()
                .to_string()
        };
        let items = result
            .get("batch_items")?
            .as_array()?
            .iter()
            .map(|item| BatchItem {
                id: text(item, "id"),
                name: text(item, "name"),
                version: text(item, "version"),
                state: text(item, "state"),
                status_message: text(item, "status_message"),
            })
            .collect();
        Some(BatchResults {
            plan_state: result
                .get("batch_plan")
                .map(|p| text(p, "state"))
                .unwrap_or_default(),
            items,
        })
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

    /// `POST /api/sn_cicd/app/batch/install`: installs Store applications (and plugins) in one
    /// batch. cicd-api.md: the batch takes "Scoped applications in the ServiceNow Store that are
    /// not owned by your company"; `app_repo/install` only installs what was first published to
    /// the company's own application repository ("If the application is not first published,
    /// the installation request fails"), so Store applications always go through here. Each
    /// package's `id` is the application's `sys_remote_app` sys_id and `requested_version` its
    /// `latest_version` (required for `type: application`).
    pub async fn batch_install(
        &self,
        name: &str,
        packages: &[BatchPackage],
    ) -> Result<BatchStarted, ApiError> {
        let path = "/api/sn_cicd/app/batch/install";
        let body = batch_request(name, packages);
        let response = self.request(Method::POST, path, Some(&body)).await?;
        BatchStarted::from_body(&response.body).ok_or_else(|| ApiError::NotServiceNow {
            status: 200,
            content_type: "application/json".into(),
            why: format!("POST {path} gave JSON without the CI/CD API's `result`"),
        })
    }

    /// `GET /api/sn_cicd/app/batch/results/{id}` (`links.results.id` of the batch install).
    pub async fn batch_results(&self, results_id: &str) -> Result<BatchResults, ApiError> {
        let path = format!(
            "/api/sn_cicd/app/batch/results/{}",
            encode_component(results_id)
        );
        let response = self.request(Method::GET, &path, None).await?;
        BatchResults::from_body(&response.body).ok_or_else(|| ApiError::NotServiceNow {
            status: 200,
            content_type: "application/json".into(),
            why: format!("GET {path} gave JSON without `result.batch_items`"),
        })
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
            "../../../tests/fixtures/servicenow/cicd-activate-200.json"
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
            "../../../tests/fixtures/servicenow/cicd-progress-successful.json"
        ))
        .unwrap();
        let p = Progress::from_body(&done).unwrap();
        assert_eq!(p.status, CicdStatus::Successful);
        assert_eq!(p.percent, 100);
        assert!(p.status.is_final());
        let failed: Value = serde_json::from_str(include_str!(
            "../../../tests/fixtures/servicenow/cicd-failed-404.json"
        ))
        .unwrap();
        let p = Progress::from_body(&failed).unwrap();
        assert_eq!(p.status, CicdStatus::Failed);
        assert_eq!(p.progress_id, None);
        assert_eq!(p.words(), "failed: Invalid app sys id: testSystemId");
    }

    fn fixture(name: &str) -> Value {
        let path = format!(
            "{}/../../tests/fixtures/servicenow/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn documented_batch_bodies_parse() {
        let started = BatchStarted::from_body(&fixture("cicd-batch-install-200.json")).unwrap();
        assert_eq!(started.progress.status, CicdStatus::Pending);
        assert_eq!(
            started.progress.progress_id.as_deref(),
            Some("c159b1e9db1c0010b5e3f6c5ae961903")
        );
        assert_eq!(
            started.results_id.as_deref(),
            Some("df24b1e9db2d0110b5e3f6c5ae97c561")
        );
        assert_eq!(
            started.rollback_id.as_deref(),
            Some("a329f82e871da64c724ba21c82a764f2")
        );
        let results = BatchResults::from_body(&fixture("cicd-batch-results-200.json")).unwrap();
        assert_eq!(results.plan_state, "Installed");
        assert_eq!(results.items.len(), 2);
        assert_eq!(results.items[0].name, "com.sn_cicd_spoke");
        assert_eq!(results.items[0].version, "7.0.0");
        assert!(results.items.iter().all(BatchItem::installed));
        assert!(!results.items[0].failed());
        // The request this client sends has the documented shape.
        let request = fixture("cicd-batch-install-request.json");
        let ours = batch_request(
            "Release 2.2 Deployment",
            &[BatchPackage {
                id: "syd_id_abcefghi".into(),
                requested_version: "1.0.2".into(),
                notes: "User specific text to describe this application install".into(),
            }],
        );
        assert_eq!(ours["packages"][0], request["packages"][0]);
        assert_eq!(ours["name"], request["name"]);
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
