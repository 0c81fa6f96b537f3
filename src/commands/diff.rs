//! `sn-handoff diff PROFILE_A PROFILE_B`: what differs for the hand-off between two
//! environments. Both profiles are checked as `check --deep` checks them, at once and each with
//! its own credentials (as `check --profiles`), and every fact the reports read is compared:
//! each step's verdict, and each value of its details, flattened to one line per fact
//! (`plugins.com.glide.awa.version`, `webhook.VABot to Bot.endpoint`, `kore.default`, ...).
//!
//! The rule for values that differ by design between environments: they are compared by
//! shape, not value ([`shape`]):
//! - a URL (the instance, a webhook endpoint, the expected webhook URL): its scheme, its host
//!   with an instance's own name written `*` (`https://*.service-now.com`), its port written
//!   `*`, and its path with a Kore.ai bot id written `st-{bot}`;
//! - a person (the agent, the signed-in user, the group's members): whether there is one, and
//!   how many;
//! - a bot id: whether there is one;
//! - record ids (`sys_id`) and how busy an agent is now (`workload`) are not compared.
//!
//! Beside them, `webhook.bot_ids` says how many distinct bot ids the endpoints hold (1 when
//! they all point at one bot). Exit 0 when nothing differs, 1 when something does; when a
//! side could not be read, that side's exit code (2, 3 or 4).

use std::collections::BTreeMap;

use colored::Colorize;
use serde_json::{json, Value};

use crate::cli::{DiffArgs, StepArgs};
use crate::error::{Error, ExitStatus, Result};
use crate::report::fleet::{Member, ProfileOutcome};
use crate::report::Format;
use crate::settings::Settings;
use crate::steps::engine::CheckReport;
use crate::steps::webhook;
use crate::ui::escape::escape;
use crate::ui::Printer;

/// One fact compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// What it is: `step.key[.key…]`, or the step's id for its verdict.
    pub key: String,
    /// The values on each side (`None`: not read there).
    pub a: Option<String>,
    pub b: Option<String>,
    /// Whether it is compared by shape (see the module's rule).
    pub by_shape: bool,
    /// Whether the two differ (by value, or by shape).
    pub differs: bool,
}

/// Runs `diff`.
pub async fn run(settings: &Settings, args: &DiffArgs, printer: &Printer) -> Result<ExitStatus> {
    let format = Format::resolve_among(
        args.format,
        printer.json(),
        &[Format::Human, Format::Json, Format::Markdown],
        "diff",
    )?;
    crate::ui::set_json_errors(format == Format::Json);
    if args.profile_a.trim() == args.profile_b.trim() {
        return Err(Error::usage(format!(
            "diff compares two profiles, and both are `{}`",
            args.profile_a.trim()
        )));
    }
    let names = [
        args.profile_a.trim().to_string(),
        args.profile_b.trim().to_string(),
    ];
    let both = settings.fleet_here(&names, "diff")?;
    let spinner = printer.spinner(&format!("Reading {} and {}", names[0], names[1]));
    let steps = StepArgs::default();
    let members: Vec<Member> = futures_util::future::join_all(
        both.into_iter()
            .map(|s| super::fleet::check_one(s, &steps, true)),
    )
    .await;
    spinner.finish_and_clear();
    let printer = &printer.results_beside(format != Format::Human);
    // A side that could not be read (no report, or an instance or sign-in that stopped it)
    // cannot be compared.
    let unread: Vec<&Member> = members
        .iter()
        .filter(|m| match &m.outcome {
            ProfileOutcome::Checked { report, .. } => report.halted,
            ProfileOutcome::Stopped(_) => true,
        })
        .collect();
    if !unread.is_empty() {
        // What each side read, as `check --profiles` prints it, and that side's exit code.
        if format == Format::Json {
            printer.print_json(&crate::report::fleet::to_json(&members));
        }
        crate::report::fleet::print_human(printer, &members);
        let names: Vec<String> = unread.iter().map(|m| format!("`{}`", m.profile)).collect();
        printer.result(format!(
            "Cannot compare: {} could not be read.",
            names.join(" and ")
        ));
        return Ok(crate::report::fleet::worst(&members));
    }
    let reports: Vec<&CheckReport> = members
        .iter()
        .filter_map(|m| match &m.outcome {
            ProfileOutcome::Checked { report, .. } => Some(report),
            ProfileOutcome::Stopped(_) => None,
        })
        .collect();
    let facts = compare(reports[0], reports[1]);
    let drift = facts.iter().any(|f| f.differs);
    match format {
        Format::Json => printer.print_json(&to_json(&names, reports[0], reports[1], &facts)),
        Format::Markdown => crate::report::write_stdout(&markdown(&names, &facts, args.all)),
        _ => {}
    }
    print_human(printer, &names, reports[0], reports[1], &facts, args.all);
    Ok(if drift {
        ExitStatus::StepsFailed
    } else {
        ExitStatus::Success
    })
}

/// Every fact of both reports, in the reports' step order, each compared by its rule.
pub fn compare(a: &CheckReport, b: &CheckReport) -> Vec<Fact> {
    let (fa, fb) = (facts(a), facts(b));
    let mut keys: Vec<&String> = fa.iter().map(|(k, _)| k).collect();
    for (k, _) in &fb {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.into_iter()
        .map(|key| {
            let find = |list: &[(String, String)]| {
                list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
            };
            let (a, b) = (find(&fa), find(&fb));
            let rule = rule_of(key);
            let differs = match rule {
                Rule::Value => a != b,
                Rule::Shape => {
                    a.as_deref().map(|v| shape(key, v)) != b.as_deref().map(|v| shape(key, v))
                }
            };
            Fact {
                key: key.clone(),
                a,
                b,
                by_shape: rule == Rule::Shape,
                differs,
            }
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    Value,
    Shape,
}

/// The last part of a key names what it holds.
fn leaf(key: &str) -> &str {
    key.rsplit('.').next().unwrap_or(key)
}

/// What differs by design between environments is compared by shape.
fn rule_of(key: &str) -> Rule {
    if key == "instance" || key.ends_with(".endpoint") || key.ends_with(".bot_id_values") {
        return Rule::Shape;
    }
    match leaf(key) {
        "expected" | "agent" | "user" | "members" | "webhook_url" | "url" | "host" => Rule::Shape,
        _ => Rule::Value,
    }
}

/// The shape of a value compared by shape (see the module's rule).
pub fn shape(key: &str, value: &str) -> String {
    if value.contains("://") {
        return url_shape(value);
    }
    let count = if value.is_empty() {
        0
    } else {
        value.split(", ").count()
    };
    match (leaf(key), count) {
        (_, 0) => "none".into(),
        ("members" | "bot_id_values", n) => format!("{n}"),
        _ => "set".into(),
    }
}

/// A URL with what names one environment written as a pattern.
fn url_shape(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) => (h, Some(p)),
        _ => (authority, None),
    };
    let host = match host.split_once('.') {
        Some((_, domain))
            if domain.ends_with("service-now.com")
                || domain.ends_with("servicenowservices.com") =>
        {
            format!("*.{domain}")
        }
        _ => host.to_string(),
    };
    let port = port.map(|_| ":*").unwrap_or_default();
    format!("{scheme}://{host}{port}{}", bot_pattern(path))
}

/// `path` with each Kore.ai bot id (as the `webhook` step reads them) written `st-{bot}`.
fn bot_pattern(path: &str) -> String {
    let mut out = String::new();
    let mut done = 0;
    for (at, id) in webhook::bot_ids_in(path) {
        out.push_str(&path[done..at]);
        out.push_str("st-{bot}");
        done = at + id.len();
    }
    out.push_str(&path[done..]);
    out
}

/// The bot ids in a text (as the `webhook` step reads them), in order, each once.
fn bot_ids(text: &str) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    for (_, id) in webhook::bot_ids_in(text) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// A report's facts: `(key, value)`, each step's verdict first, then its details flattened.
fn facts(report: &CheckReport) -> Vec<(String, String)> {
    let mut out = vec![("instance".to_string(), report.instance.clone())];
    for step in &report.steps {
        let id = step.id.as_str();
        out.push((id.to_string(), plain(&json!(step.status))));
        flatten(id, &Value::Object(step.details.clone()), &mut out);
        if let Some(version) = step.details.get("version").and_then(Value::as_str) {
            // The Virtual Agent API's version line (4.1 of 4.1.2) decides the reply path.
            let line: Vec<&str> = version.split('.').take(2).collect();
            out.push((format!("{id}.version_line"), line.join(".")));
        }
        if id == "webhook" {
            let endpoints: Vec<String> = out
                .iter()
                .filter(|(k, _)| k.starts_with("webhook.") && k.ends_with(".endpoint"))
                .map(|(_, v)| v.clone())
                .collect();
            let endpoints = endpoints.join(" ");
            let ids = bot_ids(&endpoints);
            out.push(("webhook.bot_ids".into(), ids.len().to_string()));
            out.push(("webhook.bot_id_values".into(), ids.join(", ")));
        }
    }
    out
}

/// Adds the leaves of `value` under `prefix`: an object's keys, an array of records by the
/// record's name (`id`, `record` or `name`), an array of plain values as one sorted list.
fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            // Keys in a fixed order, so the same report gives the same list.
            let sorted: BTreeMap<&String, &Value> = map.iter().collect();
            for (k, v) in sorted {
                if matches!(k.as_str(), "sys_id" | "table" | "workload") {
                    continue;
                }
                flatten(&format!("{prefix}.{k}"), v, out);
            }
        }
        Value::Array(items) if items.iter().all(Value::is_object) && !items.is_empty() => {
            for item in items {
                let name = ["id", "record", "name"]
                    .iter()
                    .find_map(|k| item.get(*k).and_then(Value::as_str));
                match name {
                    Some(name) => {
                        let mut rest = item.clone();
                        if let Some(map) = rest.as_object_mut() {
                            map.retain(|k, _| !matches!(k.as_str(), "id" | "record" | "name"));
                        }
                        flatten(&format!("{prefix}.{name}"), &rest, out);
                    }
                    None => out.push((prefix.to_string(), item.to_string())),
                }
            }
        }
        Value::Array(items) => {
            let mut list: Vec<String> = items.iter().map(plain).collect();
            list.sort();
            out.push((prefix.to_string(), list.join(", ")));
        }
        other => out.push((prefix.to_string(), plain(other))),
    }
}

fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The JSON document: both sides, and every fact.
fn to_json(names: &[String; 2], a: &CheckReport, b: &CheckReport, facts: &[Fact]) -> Value {
    json!({
        "schema": 1,
        "a": {"profile": names[0], "instance": a.instance},
        "b": {"profile": names[1], "instance": b.instance},
        "drift": facts.iter().any(|f| f.differs),
        "facts": facts.iter().map(|f| json!({
            "key": f.key,
            "a": f.a,
            "b": f.b,
            "compared": if f.by_shape { "shape" } else { "value" },
            "differs": f.differs,
        })).collect::<Vec<_>>(),
    })
}

/// A value for a table cell: `(none)` when not read on that side.
fn cell(value: &Option<String>) -> String {
    match value {
        Some(v) if v.is_empty() => "\"\"".into(),
        Some(v) => v.clone(),
        None => "(none)".into(),
    }
}

/// The facts as a Markdown table (only those that differ, unless `all`).
fn markdown(names: &[String; 2], facts: &[Fact], all: bool) -> String {
    use crate::report::markdown::escape as md;
    let mut out = format!(
        "### sn-handoff diff: {} ↔ {}\n\n| | fact | {} | {} |\n|---|---|---|---|\n",
        md(&names[0]),
        md(&names[1]),
        md(&names[0]),
        md(&names[1])
    );
    for f in facts.iter().filter(|f| all || f.differs) {
        out.push_str(&format!(
            "| {} | `{}`{} | {} | {} |\n",
            if f.differs { "❌" } else { "✅" },
            f.key,
            if f.by_shape { " (shape)" } else { "" },
            md(&cell(&f.a)),
            md(&cell(&f.b))
        ));
    }
    out.push_str(&format!("\n**{}**\n", verdict(facts)));
    out
}

fn verdict(facts: &[Fact]) -> String {
    let differ = facts.iter().filter(|f| f.differs).count();
    if differ == 0 {
        format!("no drift: {} facts compared", facts.len())
    } else {
        format!("{differ} of {} facts differ", facts.len())
    }
}

/// The facts side by side for people.
fn print_human(
    printer: &Printer,
    names: &[String; 2],
    a: &CheckReport,
    b: &CheckReport,
    facts: &[Fact],
    all: bool,
) {
    printer.result(format!(
        "{} {} ({}) and {} ({})",
        "Compared".bold(),
        escape(&names[0]),
        escape(&a.instance),
        escape(&names[1]),
        escape(&b.instance)
    ));
    let shown: Vec<&Fact> = facts.iter().filter(|f| all || f.differs).collect();
    let kw = shown.iter().map(|f| f.key.len()).max().unwrap_or(0).max(4);
    let aw = shown
        .iter()
        .map(|f| escape(&cell(&f.a)).chars().count())
        .max()
        .unwrap_or(0)
        .clamp(names[0].len(), 48);
    if !shown.is_empty() {
        printer.result(format!(
            "     {:<kw$}  {:<aw$}  {}",
            "fact",
            escape(&names[0]),
            escape(&names[1])
        ));
    }
    for f in shown {
        let mark = if f.differs {
            "✗".red().bold()
        } else {
            "=".dimmed()
        };
        let key = if f.by_shape {
            format!("{}~", f.key)
        } else {
            f.key.clone()
        };
        printer.result(format!(
            "  {mark}  {key:<kw$}  {:<aw$}  {}",
            escape(&cell(&f.a)),
            escape(&cell(&f.b))
        ));
    }
    let line = verdict(facts);
    printer.result(if facts.iter().any(|f| f.differs) {
        format!("{line} (~: compared by shape: URLs, people, bot ids)")
            .red()
            .to_string()
    } else {
        line.green().to_string()
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_differs_by_design_is_compared_by_shape() {
        let bot = "st-17fab615-3dac-7011-557c-f1430c60ad2e";
        assert_eq!(
            url_shape(&format!("https://bots.kore.ai/chatbot/v2/webhook/{bot}")),
            "https://bots.kore.ai/chatbot/v2/webhook/st-{bot}"
        );
        assert_eq!(
            url_shape("https://dev123.service-now.com"),
            "https://*.service-now.com"
        );
        assert_eq!(url_shape("http://127.0.0.1:8765/x"), "http://127.0.0.1:*/x");
        assert_ne!(
            url_shape("https://bots.kore.ai/chatbot/v2/webhook/st-x"),
            url_shape(&format!("https://bots.kore.ai/chatbot/v2/webhook/{bot}"))
        );
        assert_eq!(shape("group_members.members", "a, b"), "2");
        assert_eq!(shape("agent_available.agent", "abel.tuter"), "set");
        assert_eq!(shape("agent_available.agent", ""), "none");
        assert_eq!(rule_of("webhook.VABot to Bot.endpoint"), Rule::Shape);
        assert_eq!(rule_of("plugins.com.glide.awa.version"), Rule::Value);
        assert_eq!(bot_ids(&format!("x/{bot} y/{bot}")), [bot]);
    }

    #[test]
    fn diff_reads_bot_ids_as_the_webhook_step_does() {
        let bot = "st-17fab615-3dac-7011-557c-f1430c60ad2e";
        for url in [
            format!("https://bots.kore.ai/chatbot/v2/webhook/{bot}"),
            format!("https://bots.kore.ai/chatbot/v2/webhook/x{bot}"),
            format!("https://bots.kore.ai/chatbot/v2/webhook/{bot}0"),
            format!("https://bots.kore.ai/chatbot/v2/webhook/{bot}-1"),
            format!("https://x.example/hook?bot={bot}&x=1"),
        ] {
            let step = webhook::bot_id_in(&url);
            assert_eq!(bot_ids(&url), step.into_iter().collect::<Vec<_>>(), "{url}");
            assert_eq!(
                url_shape(&url).contains("st-{bot}"),
                step.is_some(),
                "{url}"
            );
        }
        assert_eq!(
            url_shape(&format!("https://bots.kore.ai/chatbot/v2/webhook/x{bot}")),
            format!("https://bots.kore.ai/chatbot/v2/webhook/x{bot}")
        );
    }

    #[test]
    fn records_in_a_list_are_keyed_by_their_name() {
        let mut out = Vec::new();
        flatten(
            "plugins",
            &json!({"plugins": [{"id": "com.glide.awa", "active": true, "version": "3.2.1", "sys_id": "x"}], "roles": ["b", "a"]}),
            &mut out,
        );
        assert_eq!(
            out,
            [
                (
                    "plugins.plugins.com.glide.awa.active".to_string(),
                    "true".to_string()
                ),
                (
                    "plugins.plugins.com.glide.awa.version".into(),
                    "3.2.1".into()
                ),
                ("plugins.roles".into(), "a, b".into()),
            ]
        );
    }
}
