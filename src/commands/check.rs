//! `sn-handoff check`: verify every step, read-only. The instance probe goes first (it is the
//! one request that proves the instance and the credentials, so a wrong password costs one
//! refused login, not ten); then every other read runs at once, the deep steps' too with
//! `--deep` (they follow the seven in the report). Exit 0 when no step fails, 1 when one does,
//! 3 or 4 when the instance or the credentials could not be used. With `--fix` the repairs
//! follow (`commands::fix`).

use std::future::Future;
use std::time::Instant;

use colored::Colorize;
use serde_json::{json, Value};

use crate::cli::CheckArgs;
use crate::error::{ErrorKind, ExitStatus, Result};
use crate::report;
use crate::servicenow::{ApiError, Client};
use crate::settings::Settings;
use crate::steps::deep::{agent_chat, live_agent_channel, provider, reply_url, routing};
use crate::steps::{
    agent_available, auth, group_members, group_roles, instance, plugins, webhook, Context, Status,
    StepId, StepReport,
};
use crate::ui::Printer;

/// The result of a whole check.
#[derive(Debug, Clone)]
pub struct CheckReport {
    /// The instance origin.
    pub instance: String,
    /// The release family, if read.
    pub release: Option<String>,
    /// The seven steps, then the deep ones with `--deep`, in order.
    pub steps: Vec<StepReport>,
    pub exit: ExitStatus,
    /// Milliseconds spent.
    pub elapsed_ms: u128,
}

impl CheckReport {
    /// True when no step fails.
    pub fn ok(&self) -> bool {
        !self.steps.iter().any(|s| s.status == Status::Fail)
    }

    /// The JSON document of SPEC.md.
    pub fn to_json(&self) -> Value {
        json!({
            "schema": 1,
            "instance": self.instance,
            "release": self.release,
            "ok": self.ok(),
            "steps": self.steps,
            "elapsed_ms": self.elapsed_ms as u64,
        })
    }
}

/// Runs `check`.
pub async fn run(settings: &Settings, args: &CheckArgs, printer: &Printer) -> Result<ExitStatus> {
    let format = report::Format::resolve(args.format, printer.json())?;
    let opts = settings.step_options(&args.steps)?;
    let (client, _source) = settings.connect()?;
    let spinner = printer.spinner(&format!("Checking {}", client.instance()));
    let report = check_with(Context::new(client.clone(), opts.clone()), args.deep).await;
    spinner.finish_and_clear();
    if args.fix {
        return super::fix::run(settings, &client, opts, report, args, format, printer).await;
    }
    report::emit(printer, &report, format);
    print_human(printer, &client, &report);
    Ok(report.exit)
}

/// Reads the seven steps and judges them.
pub async fn check(ctx: Context) -> CheckReport {
    check_with(ctx, false).await
}

/// Reads every step (the deep ones too when `deep`) and judges it.
pub async fn check_with(ctx: Context, deep: bool) -> CheckReport {
    let started = Instant::now();
    let client = &ctx.client;
    let instance_url = client.instance().to_string();
    let (method, user) = (client.method_name(), client.user().to_string());
    let mut steps = Vec::with_capacity(7);

    let info = match instance::probe(client).await {
        Ok(info) => info,
        // Signed in, but not allowed to read the properties: the release comes from
        // /stats.do, and the steps say what else is refused.
        Err(e) if e.is_forbidden() => instance::InstanceInfo::default(),
        Err(e) if e.is_unauthenticated() => {
            steps.push(StepReport::pass(
                StepId::Instance,
                "ServiceNow (release unknown until authenticated)",
                json!({"release": null}),
            ));
            steps.push(auth::refused(method, &user, &e));
            return finish(instance_url, None, steps, ExitStatus::Auth, started, deep);
        }
        Err(e) => {
            steps.push(StepReport::fail(
                StepId::Instance,
                e.to_string(),
                json!({"error": error_name(&e)}),
                e.hint().unwrap_or_else(|| "check the instance URL".into()),
            ));
            steps.push(StepReport::skip(
                StepId::Auth,
                "the instance cannot be used",
            ));
            return finish(instance_url, None, steps, e.kind().into(), started, deep);
        }
    };

    let needs_stats = info.release.is_none();
    let release = info.release.clone();
    let deep_steps = async {
        if !deep {
            return Vec::new();
        }
        let (chat, reply, provider, channel, routing) = tokio::join!(
            step(&ctx, StepId::AgentChat, agent_chat::check(&ctx)),
            step(&ctx, StepId::ReplyUrl, reply_url::check(&ctx)),
            step(&ctx, StepId::Provider, provider::check(&ctx)),
            step(
                &ctx,
                StepId::LiveAgentChannel,
                live_agent_channel::check(&ctx, release.as_deref())
            ),
            step(&ctx, StepId::Routing, routing::check(&ctx)),
        );
        vec![chat, reply, provider, channel, routing]
    };
    let (
        (admin, stats, plugin_step, roles_step, members_step, webhook_step, agent_step),
        deep_results,
    ) = tokio::join!(
        async {
            tokio::join!(
                auth::has_admin(client, &user),
                async {
                    if needs_stats {
                        Some(instance::from_stats_page(client).await)
                    } else {
                        None
                    }
                },
                step(&ctx, StepId::Plugins, async {
                    ctx.plugins().await.map(|s| plugins::report(&s))
                }),
                step(&ctx, StepId::GroupRoles, group_roles::check(&ctx)),
                step(&ctx, StepId::GroupMembers, group_members::check(&ctx)),
                step(&ctx, StepId::Webhook, webhook::check(&ctx)),
                step(&ctx, StepId::AgentAvailable, agent_available::check(&ctx)),
            )
        },
        deep_steps,
    );
    let info = stats.filter(|s| s.release.is_some()).unwrap_or(info);
    steps.push(instance::report(&info));
    steps.push(auth::report(method, &user, admin));
    let mut worst = ExitStatus::StepsFailed;
    let seven = [
        plugin_step,
        roles_step,
        members_step,
        webhook_step,
        agent_step,
    ];
    for result in seven.into_iter().chain(deep_results) {
        match result {
            Ok(report) => steps.push(report),
            Err((id, e)) => {
                // A step that could not be read: the instance is unusable, or the reading
                // was refused.
                worst = worst.worst(match e.kind() {
                    ErrorKind::Unusable => ExitStatus::Unusable,
                    _ => ExitStatus::Auth,
                });
                steps.push(error_report(id, &e, &user));
            }
        }
    }
    finish(instance_url, info.release, steps, worst, started, deep)
}

/// Runs one step unless it was skipped; an error keeps the step's id.
async fn step(
    ctx: &Context,
    id: StepId,
    fut: impl Future<Output = Result<StepReport, ApiError>>,
) -> Result<StepReport, (StepId, ApiError)> {
    if ctx.skipped(id) {
        return Ok(StepReport::skip(id, "skipped with --skip"));
    }
    fut.await.map_err(|e| (id, e))
}

/// A step that could not be read.
fn error_report(id: StepId, e: &ApiError, user: &str) -> StepReport {
    let summary = if e.is_forbidden() {
        format!("{user} may not read what this step needs: {e}")
    } else {
        format!("could not read: {e}")
    };
    let fix = e
        .hint()
        .unwrap_or_else(|| "run the check again; if it keeps failing, run it with -v".into());
    StepReport::fail(id, summary, json!({"error": error_name(e)}), fix)
}

fn error_name(e: &ApiError) -> String {
    match e {
        ApiError::Status { status, .. } => format!("http_{status}"),
        ApiError::Hibernating => "hibernating".into(),
        ApiError::LoginRedirect { .. } => "login_redirect".into(),
        ApiError::NotServiceNow { .. } => "not_servicenow".into(),
        ApiError::Timeout { .. } => "timeout".into(),
        ApiError::Tls(_) => "tls".into(),
        ApiError::Dns(_) => "dns".into(),
        ApiError::Connect(_) => "connect".into(),
    }
}

/// Fills the missing steps (the deep ones too when `deep`) with `skip`, and picks the exit
/// code: `failed` when a step fails, success otherwise.
fn finish(
    instance: String,
    release: Option<String>,
    mut steps: Vec<StepReport>,
    failed: ExitStatus,
    started: Instant,
    deep: bool,
) -> CheckReport {
    let blocked_by = steps
        .iter()
        .find(|s| s.status == Status::Fail && matches!(s.id, StepId::Instance | StepId::Auth))
        .map(|s| s.id);
    let deep_ids: &[StepId] = if deep { &StepId::DEEP } else { &[] };
    for id in StepId::ALL.iter().chain(deep_ids).skip(steps.len()) {
        let why = match blocked_by {
            Some(StepId::Instance) => "the instance cannot be used",
            _ => "not authenticated",
        };
        steps.push(StepReport::skip(*id, why));
    }
    let exit = if steps.iter().any(|s| s.status == Status::Fail) {
        failed
    } else {
        ExitStatus::Success
    };
    CheckReport {
        instance,
        release,
        steps,
        exit,
        elapsed_ms: started.elapsed().as_millis(),
    }
}

/// One line per step on stderr, the fix under each failure, and a closing count.
pub(crate) fn print_human(printer: &Printer, client: &Client, report: &CheckReport) {
    printer.line(format!(
        "{} {} as {} ({} auth)",
        "Checked".bold(),
        report.instance,
        client.user(),
        client.method_name()
    ));
    let width = report
        .steps
        .iter()
        .map(|s| s.id.as_str().len())
        .max()
        .unwrap_or(0);
    for s in &report.steps {
        let mark = match s.status {
            Status::Pass => "✓ pass".green(),
            Status::Fail => "✗ fail".red().bold(),
            Status::Warn => "! warn".yellow(),
            Status::Skip => "- skip".dimmed(),
        };
        printer.line(format!("{mark}  {:<width$}  {}", s.id.as_str(), s.summary));
        if let Some(fix) = &s.fix {
            if s.status != Status::Pass {
                printer.line(format!("        {:<width$}  {} {}", "", "fix:".cyan(), fix));
            }
        }
    }
    let line = format!("{} in {} ms", report::counts(report), report.elapsed_ms);
    printer.line(if report.ok() {
        line.green().to_string()
    } else {
        line.red().to_string()
    });
}
