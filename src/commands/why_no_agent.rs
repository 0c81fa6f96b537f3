//! `sn-handoff why-no-agent [--agent USER] [--requester EMAIL]`: the reads of `check --deep`,
//! told as the chain a handed-over chat takes ([`chain::LINKS`]), for a person: each link that
//! holds, then the first broken one and what to do, on stdout. `--json` prints the chain (each
//! link's id, status, summary and fix), `--format markdown` a table of the links and the chain
//! as a Mermaid flowchart with the broken link marked. Exit 0 when every link holds, 1 when one is broken, 3
//! or 4 as `check` (the instance or the credentials could not be used).

use serde_json::{json, Value};

use crate::cli::WhyNoAgentArgs;
use crate::error::{ExitStatus, Result};
use crate::report::Format;
use crate::settings::Settings;
use crate::steps::deep::chain::{self, Chain};
use crate::steps::engine::CheckReport;
use crate::steps::Status;
use crate::ui::escape::escape;
use crate::ui::Printer;

/// Runs `why-no-agent`.
pub async fn run(
    settings: &Settings,
    args: &WhyNoAgentArgs,
    printer: &Printer,
) -> Result<ExitStatus> {
    let format = Format::resolve_among(
        args.format,
        printer.json(),
        &[Format::Human, Format::Json, Format::Markdown],
        "why-no-agent",
    )?;
    // `--format json` is `--json`: a failure is the JSON error document too.
    crate::ui::set_json_errors(format == Format::Json);
    let opts = settings.step_options(&args.steps)?;
    let (client, _source) = settings.connect()?;
    let spinner = printer.spinner(&format!("Following a chat's way on {}", client.instance()));
    let report = super::check::read::check_with(settings, &client, opts.clone(), None, true).await;
    spinner.finish_and_clear();
    let chain = Chain::of(&report.steps, &chain::LINKS);
    match format {
        Format::Json => printer.print_json(&to_json(&report, &chain, opts.agent.as_deref())),
        Format::Markdown => {
            crate::report::write_stdout(&markdown(&report, &chain, opts.agent.as_deref()))
        }
        _ => {
            let text = narrative(&report, &chain, opts.agent.as_deref());
            printer.result_verbatim(text.strip_suffix('\n').unwrap_or(&text));
        }
    }
    Ok(exit(&report, &chain))
}

/// 0 when every link holds, else the check's exit code (1, or 3/4 when the instance or the
/// login failed).
pub fn exit(report: &CheckReport, chain: &Chain) -> ExitStatus {
    match chain.broken {
        None => ExitStatus::Success,
        Some(_) => report.exit.worst(ExitStatus::StepsFailed),
    }
}

/// The JSON document: the chain and what it was run on.
pub fn to_json(report: &CheckReport, chain: &Chain, agent: Option<&str>) -> Value {
    let mut doc = json!({
        "schema": 1,
        "instance": report.instance,
        "release": report.release,
        "agent": agent,
        "ok": chain.broken.is_none(),
    });
    if let (Value::Object(doc), Value::Object(links)) = (&mut doc, chain.to_json()) {
        doc.extend(links);
        doc.insert("elapsed_ms".into(), json!(report.elapsed_ms as u64));
    }
    doc
}

/// The chain as sentences, one link a line, ending with the broken link's fix. What the
/// instance said is escaped.
pub fn narrative(report: &CheckReport, chain: &Chain, agent: Option<&str>) -> String {
    let who = agent.map_or_else(|| "an agent".to_string(), |a| escape(a).into_owned());
    let mut out = format!(
        "Why no agent answers a chat handed over on {} (for {who}):\n",
        escape(&report.instance)
    );
    for link in &chain.links {
        let mark = match link.status {
            Status::Pass => "✓",
            Status::Warn => "!",
            Status::Skip => "-",
            Status::Fail => "✗",
        };
        out.push_str(&format!(
            "  {mark} {}: {}\n",
            chain::meaning(link.id),
            escape(&link.summary)
        ));
        if link.status == Status::Warn {
            if let Some(fix) = &link.fix {
                out.push_str(&format!(
                    "      (to confirm: {})\n",
                    escape(&fix.to_string())
                ));
            }
        }
    }
    match chain.broken_link() {
        Some(link) => {
            out.push_str(&format!(
                "\nThe chain breaks at {}: {}.\n",
                link.id.as_str(),
                escape(&link.summary)
            ));
            if let Some(fix) = &link.fix {
                out.push_str(&format!("What to do: {}\n", escape(&fix.to_string())));
            }
            if !chain.unreached.is_empty() {
                let rest: Vec<&str> = chain.unreached.iter().map(|id| id.as_str()).collect();
                out.push_str(&format!(
                    "Then run why-no-agent again: {} come after it.\n",
                    rest.join(", ")
                ));
            }
        }
        None => out.push_str(&format!(
            "\nEvery link holds: a handed-over chat can reach {who}. To follow a real one, run sn-handoff smoke-test.\n"
        )),
    }
    out
}

/// The chain in Markdown: a table of the links, the flowchart with the broken link marked, and
/// what to do. What the instance said is escaped as in the Markdown report.
pub fn markdown(report: &CheckReport, chain: &Chain, agent: Option<&str>) -> String {
    use crate::report::markdown::escape as cell;
    let who = agent.map_or_else(|| "an agent".to_string(), cell);
    let mut out = format!(
        "### Why no agent answers a chat handed over on {} (for {who})\n\n| status | link | step | summary |\n|---|---|---|---|\n",
        cell(&report.instance)
    );
    for link in &chain.links {
        out.push_str(&format!(
            "| {} | {} | `{}` | {} |\n",
            crate::report::markdown::mark(link.status),
            chain::meaning(link.id),
            link.id.as_str(),
            cell(&link.summary)
        ));
    }
    out.push('\n');
    out.push_str(&crate::report::mermaid::flowchart(
        &report.steps,
        chain.broken,
    ));
    match chain.broken_link() {
        Some(link) => {
            out.push_str(&format!(
                "\n**The chain breaks at `{}`**: {}.\n",
                link.id.as_str(),
                cell(&link.summary)
            ));
            if let Some(fix) = &link.fix {
                out.push_str(&format!("\nWhat to do: `{}`\n", fix.replace('`', "'")));
            }
        }
        None => out.push_str(&format!(
            "\n**Every link holds**: a handed-over chat can reach {who}.\n"
        )),
    }
    out
}
