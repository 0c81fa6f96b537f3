//! `sn-handoff check --fix --dry-run` (and `init --dry-run`): the plan. The repairs of every
//! failing step run as `check --fix` runs them, with one difference: the run's journal is a
//! plan (`journal::begin_dry_run`), so each write is recorded and not sent, and the client
//! refuses every request but a `GET` while it lasts. What is printed is every write on both
//! sides, in the shape of the `changes` of a real run (`table`, `sys_id`, `record`, `field`,
//! `before`, `after`, `action`), sorted and without times, so that the JSON plan can be kept
//! in a pull request and compared. Exit 0 when there is nothing to do, 1 when there is.

use colored::Colorize;
use serde_json::json;

use crate::cli::CheckArgs;
use crate::error::{Error, ExitStatus, Result};
use crate::report::{print_human, Format};
use crate::servicenow::Client;
use crate::steps::change::Change;
use crate::steps::engine::CheckReport;
use crate::steps::kore_side::{KoreSide, KORE_TABLE_PREFIX};
use crate::steps::repairs::repair_all;
use crate::steps::row::{Repair, Repairing};
use crate::steps::{Context, StepId, StepOptions};
use crate::ui::escape::escape;
use crate::ui::Printer;

/// A step whose repair needs a person (or failed while planning), with why.
struct Left {
    step: StepId,
    why: String,
}

/// Plans the repairs of the steps `first` found failing, and prints the plan.
pub async fn run(
    client: &Client,
    opts: StepOptions,
    kore: Option<KoreSide>,
    first: CheckReport,
    args: &CheckArgs,
    format: Format,
    printer: &Printer,
) -> Result<ExitStatus> {
    if !matches!(format, Format::Human | Format::Json | Format::Markdown) {
        return Err(Error::usage(format!(
            "--dry-run prints a plan, in the human, json or markdown format, not {}",
            format.name()
        )));
    }
    let (failing, kore) = crate::steps::repairs::to_repair(client, &first, kore).await?;
    crate::journal::begin_dry_run(client, "check --fix --dry-run");
    let ctx = Context::new(client.clone(), opts).with_kore(kore);
    let env = Repairing {
        deadline: args.deadline,
        state: None,
        printer,
        settled: None,
    };
    let repairs = repair_all(&ctx, &failing, &env).await;
    let mut changes = crate::journal::planned(client);
    crate::journal::end(client, |_| {})?;
    changes.sort_by(|a, b| key(a).cmp(&key(b)));
    changes.dedup();
    let left: Vec<Left> = repairs
        .into_iter()
        .filter_map(|(step, repair)| match repair {
            Repair::Fixed(_) => None,
            Repair::Needs(why) => Some(Left { step, why }),
            Repair::Failed(e) => Some(Left {
                step,
                why: e.message().to_string(),
            }),
        })
        .collect();
    let (kore_changes, changes): (Vec<Change>, Vec<Change>) = changes
        .into_iter()
        .partition(|c| c.table.starts_with(KORE_TABLE_PREFIX));
    let nothing = changes.is_empty() && kore_changes.is_empty() && left.is_empty();
    match format {
        Format::Json => printer.print_json(&json!({
            "schema": 1,
            "dry_run": true,
            "instance": first.instance,
            "changed": false,
            "changes": changes,
            "kore_changes": kore_changes,
            "left": left.iter().map(|l| json!({"step": l.step, "why": l.why})).collect::<Vec<_>>(),
            "ok": nothing,
        })),
        Format::Markdown => {
            crate::report::write_stdout(&markdown(&first.instance, &changes, &kore_changes, &left))
        }
        _ => {}
    }
    let printer = &printer.results_beside(format != Format::Human);
    print_human(printer, client, &first);
    print_plan(printer, &changes, &kore_changes, &left);
    Ok(if nothing {
        ExitStatus::Success
    } else {
        ExitStatus::StepsFailed
    })
}

/// The order of a plan: by table, record, sys_id, field and value, so that the same plan
/// prints the same whatever order the repairs ran in.
fn key(c: &Change) -> (&str, &str, &str, &str, &str) {
    (&c.table, &c.record, &c.sys_id, &c.field, &c.after)
}

/// The plan for people: each write as a diff, then what is left to a person.
fn print_plan(printer: &Printer, changes: &[Change], kore: &[Change], left: &[Left]) {
    let count = changes.len() + kore.len();
    printer.result(format!(
        "{} {count} write{} planned, none sent",
        "Plan:".bold(),
        if count == 1 { "" } else { "s" }
    ));
    for (side, list) in [("ServiceNow", changes), ("Kore.ai", kore)] {
        if list.is_empty() {
            continue;
        }
        printer.result(format!("{side}:"));
        for change in list {
            for line in change.diff_lines() {
                printer.result(format!("  {line}"));
            }
        }
    }
    for l in left {
        printer.result(format!(
            "{} {}: {}",
            "- left".dimmed(),
            l.step.as_str(),
            escape(&l.why)
        ));
    }
    if count == 0 && left.is_empty() {
        printer.result("Nothing to do.");
    }
}

/// The plan as a Markdown table, for a pull request or a job summary.
fn markdown(instance: &str, changes: &[Change], kore: &[Change], left: &[Left]) -> String {
    use crate::report::markdown::escape as md;
    let mut out = format!(
        "### sn-handoff plan: {}\n\n| side | table | record | field | before | after |\n|---|---|---|---|---|---|\n",
        md(instance)
    );
    for (side, list) in [("ServiceNow", changes), ("Kore.ai", kore)] {
        for c in list {
            let table = if c.is_insert() {
                format!("{} (new row)", md(&c.table))
            } else {
                md(&c.table)
            };
            out.push_str(&format!(
                "| {side} | {table} | {} | {} | {} | {} |\n",
                md(&c.record),
                md(&c.field),
                md(&c.before),
                md(&c.after)
            ));
        }
    }
    for l in left {
        out.push_str(&format!(
            "\n- `{}` is left to a person: {}",
            l.step.as_str(),
            md(&l.why)
        ));
    }
    out.push_str(&format!(
        "\n\n**{} writes planned**, none sent.\n",
        changes.len() + kore.len()
    ));
    out
}
