//! `check --format sarif`: the report as a SARIF 2.1.0 log, the format GitHub code scanning
//! (and other static-analysis dashboards) ingest.
//!
//! - One `run` per report ([`run`]); a report of several profiles puts one run per profile in
//!   one log ([`log`]), each with its own `automationDetails.id` (code scanning tells runs of
//!   one tool apart by that category).
//! - One rule per step of the report, the rule id being the step id; its description is why
//!   the hand-off needs the step, and its help the fix this run found (the why when there is
//!   none), since GitHub shows a rule's help beside its results.
//! - One result per failing (`error`) or warning (`warning`) step, its message the step's
//!   summary. Code scanning shows only results with a file location, and a check has no file:
//!   under GitHub Actions each result points at line 1 of the running workflow file
//!   (`GITHUB_WORKFLOW_REF`), elsewhere it names the step as a logical location only. The
//!   `partialFingerprints` come from the instance and the step, so an alert stays one alert
//!   across runs until the step passes.
//!
//! The schema (OASIS sarif-schema-2.1.0.json) is in tests/fixtures/sarif/, and the tests
//! validate every log against it.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::steps::engine::CheckReport;
use crate::steps::Status;
use crate::ui::escape::escape as visible;

/// The `$schema` of the log: the published schema's address, as GitHub's examples give it.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The environment variable GitHub Actions sets to `OWNER/REPO/PATH@REF` of the running
/// workflow.
const WORKFLOW_REF: &str = "GITHUB_WORKFLOW_REF";

/// A SARIF log holding `runs` (each from [`run`]).
pub fn log(runs: Vec<Value>) -> Value {
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": runs,
    })
}

/// The log of one report, as text.
pub fn render(report: &CheckReport) -> String {
    let category = format!("sn-handoff check/{}/", host(&report.instance));
    text(&log(vec![run(report, &category)]))
}

/// A log as the text written to stdout.
pub fn text(log: &Value) -> String {
    let mut text = serde_json::to_string_pretty(log).expect("a JSON value always serializes");
    text.push('\n');
    text
}

/// One run: the tool with a rule per step, a result per failing or warning step.
/// `category` is the run's `automationDetails.id` (`sn-handoff check/PROFILE/` in a report
/// of several profiles).
pub fn run(report: &CheckReport, category: &str) -> Value {
    let workflow = workflow_file();
    let mut rules = Vec::new();
    let mut results = Vec::new();
    for (index, step) in report.steps.iter().enumerate() {
        let id = step.id.as_str();
        let why = crate::steps::engine::step(step.id).map_or(id, |s| s.why);
        let help = match (&step.fix, step.status) {
            (Some(fix), Status::Fail | Status::Warn) => visible(&fix.to_string()).into_owned(),
            _ => why.to_string(),
        };
        rules.push(json!({
            "id": id,
            "name": id,
            "shortDescription": {"text": first_sentence(why)},
            "fullDescription": {"text": why},
            "help": {"text": help},
            "defaultConfiguration": {"level": "error"},
        }));
        let level = match step.status {
            Status::Fail => "error",
            Status::Warn => "warning",
            Status::Pass | Status::Skip => continue,
        };
        let logical = json!({"name": id, "fullyQualifiedName": format!("{}/{id}", report.instance), "kind": "step"});
        let location = match &workflow {
            Some(path) => json!({
                "physicalLocation": {
                    "artifactLocation": {"uri": path},
                    "region": {"startLine": 1},
                },
                "logicalLocations": [logical],
            }),
            None => json!({"logicalLocations": [logical]}),
        };
        results.push(json!({
            "ruleId": id,
            "ruleIndex": index,
            "level": level,
            "message": {"text": visible(&step.summary)},
            "locations": [location],
            "partialFingerprints": {"primaryLocationLineHash": fingerprint(&report.instance, id)},
        }));
    }
    let mut properties = json!({"instance": report.instance});
    if let Some(release) = &report.release {
        properties["release"] = json!(release);
    }
    json!({
        "tool": {
            "driver": {
                "name": "sn-handoff",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }
        },
        "automationDetails": {"id": category},
        "invocations": [{
            // The tool did its work whether the steps pass (0) or not (1).
            "executionSuccessful": report.exit.code() <= 1,
            "exitCode": report.exit.code(),
        }],
        "results": results,
        "properties": properties,
    })
}

/// The path of the running GitHub workflow file in its repository, from `GITHUB_WORKFLOW_REF`
/// (`octo/repo/.github/workflows/ci.yml@refs/heads/main` → `.github/workflows/ci.yml`).
fn workflow_file() -> Option<String> {
    let value = std::env::var(WORKFLOW_REF).ok()?;
    let path = value.split('@').next()?;
    // OWNER/REPO/ then the path.
    let path = path.splitn(3, '/').nth(2)?;
    (!path.is_empty()).then(|| path.to_string())
}

/// The host of an instance origin (`https://dev123.service-now.com` → `dev123.service-now.com`).
fn host(instance: &str) -> &str {
    let rest = instance
        .split_once("://")
        .map_or(instance, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest)
}

/// The first sentence of `text` (GitHub shows the short description beside each result).
fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(end) => &text[..=end],
        None => text,
    }
}

/// A result's identity across runs: the instance and the step, hashed.
fn fingerprint(instance: &str, step: &str) -> String {
    let digest = Sha256::digest(format!("{instance}\n{step}").as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}:1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_file_comes_from_its_ref() {
        assert_eq!(host("https://dev1.service-now.com"), "dev1.service-now.com");
        assert_eq!(host("http://127.0.0.1:4000/x"), "127.0.0.1:4000");
        assert_eq!(first_sentence("One. Two."), "One.");
        assert_eq!(fingerprint("a", "b"), fingerprint("a", "b"));
        assert_ne!(fingerprint("a", "b"), fingerprint("a", "c"));
    }
}
