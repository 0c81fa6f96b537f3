//! What a step found ([`StepReport`]) and its verdict ([`Status`]): the values every step
//! returns and every report format reads. They name no step and no step's reads, so the
//! Kore.ai side (`crate::kore::status`) and the row of the table (`row.rs`) build on them
//! without importing the module that holds the steps' shared reads.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::command_line::{Fix, Invocation};
use crate::servicenow::ApiError;
use crate::step_id::StepId;

/// A step's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Done as the guide wants.
    Pass,
    /// Not done; `fix` says how.
    Fail,
    /// Probably fine, but something could not be confirmed.
    Warn,
    /// Not checked.
    Skip,
}

/// What a step found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepReport {
    /// Which step.
    pub id: StepId,
    /// The verdict.
    pub status: Status,
    /// One line for people.
    pub summary: String,
    /// Machine-readable facts (docs/contract.md names some keys).
    pub details: Map<String, Value>,
    /// The command that repairs a failure, or the manual action when none can.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    /// The read that failed the step, when one did (its name is `details["error"]`).
    #[serde(skip)]
    pub read_error: Option<ApiError>,
}

impl StepReport {
    fn new(id: StepId, status: Status, summary: impl Into<String>, details: Value) -> Self {
        let details = match details {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        StepReport {
            id,
            status,
            summary: summary.into(),
            details,
            fix: None,
            read_error: None,
        }
    }

    /// The report of a step whose read failed with `error`: it keeps the error, typed.
    pub fn with_read_error(mut self, error: &ApiError) -> Self {
        self.read_error = Some(error.clone());
        self
    }

    /// A passing step.
    pub fn pass(id: StepId, summary: impl Into<String>, details: Value) -> Self {
        Self::new(id, Status::Pass, summary, details)
    }

    /// A warning (with an optional advice in `fix`).
    pub fn warn(id: StepId, summary: impl Into<String>, details: Value) -> Self {
        Self::new(id, Status::Warn, summary, details)
    }

    /// A failing step with the fix that repairs it.
    pub fn fail(
        id: StepId,
        summary: impl Into<String>,
        details: Value,
        fix: impl Into<Fix>,
    ) -> Self {
        Self::new(id, Status::Fail, summary, details).with_fix(fix)
    }

    /// A skipped step.
    pub fn skip(id: StepId, summary: impl Into<String>) -> Self {
        Self::new(id, Status::Skip, summary, Value::Null)
    }

    /// Sets the fix.
    pub fn with_fix(mut self, fix: impl Into<Fix>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    /// The fix as printed.
    pub fn fix_text(&self) -> Option<String> {
        self.fix.as_ref().map(Fix::to_string)
    }

    /// The same report, its fix command under the run's global options.
    pub fn under(mut self, invocation: &Invocation) -> Self {
        self.fix = self.fix.map(|f| f.under(invocation));
        self
    }
}

/// The short name of an error for the JSON `details.error`.
pub fn error_name(e: &ApiError) -> String {
    match e {
        ApiError::Status { status, .. } => format!("http_{status}"),
        ApiError::Hibernating => "hibernating".into(),
        ApiError::LoginRedirect { .. } => "login_redirect".into(),
        ApiError::NotServiceNow { .. } => "not_servicenow".into(),
        ApiError::Timeout { .. } => "timeout".into(),
        ApiError::Tls(_) => "tls".into(),
        ApiError::Dns(_) => "dns".into(),
        ApiError::Connect(_) => "connect".into(),
        ApiError::TooLarge { .. } => "too_large".into(),
        ApiError::Incomplete { .. } => "incomplete_list".into(),
        ApiError::ConnectSupport { .. } => "connect_support".into(),
        ApiError::DryRun { .. } => "dry_run".into(),
    }
}
