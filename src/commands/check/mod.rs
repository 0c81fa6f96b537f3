//! `sn-handoff check`: verify every step of the table (`steps::engine`), read-only: the
//! instance probe first, then every other read at once, the deep steps' too with `--deep`
//! (they follow the seven in the report). Exit 0 when no step fails, 1 when one does, 3 or 4
//! when the instance or the credentials could not be used. With `--fix` the repairs follow
//! (`commands::check::fix`).

pub mod fix;

use crate::cli::CheckArgs;
use crate::error::{ExitStatus, Result};
use crate::report::{self, print_human};
use crate::servicenow::{ApiError, Client};
use crate::settings::Settings;
use crate::state::{StateFile, Verification};
use crate::steps::engine::{self, CheckReport};
use crate::steps::{Context, Status, StepId};
use crate::ui::Printer;

/// Runs `check`.
pub async fn run(settings: &Settings, args: &CheckArgs, printer: &Printer) -> Result<ExitStatus> {
    let format = report::Format::resolve(args.format, printer.json())?;
    // `--format json` is `--json`: a failure, or a signal, is the JSON error document too.
    crate::ui::set_json_errors(format == report::Format::Json);
    if args.fleet() {
        return super::fleet::run(settings, args, format, printer).await;
    }
    let opts = settings.step_options(&args.steps)?;
    let (client, _source) = settings.connect()?;
    let kore = crate::steps::kore_side::side(settings)?;
    let spinner = printer.spinner(&format!("Checking {}", client.instance()));
    let report = check_with(settings, &client, opts.clone(), kore.clone(), args.deep).await;
    spinner.finish_and_clear();
    warn_pending(settings, &client);
    let printer = &printer.results_beside(format != report::Format::Human);
    if format == report::Format::Human {
        // A person asked: an instance that cannot be reached is one line, not a report.
        if let Some(e) = unreachable(&report) {
            return Err(e);
        }
    }
    if args.fix {
        return fix::run(settings, &client, opts, kore, report, args, printer).await;
    }
    report::emit(printer, &report, format);
    print_human(printer, &client, &report);
    Ok(report.exit)
}

/// Checks every step (the deep ones too with `deep`) as every read command does: warm when
/// the state file vouches for the credentials (every read beside the probe, one round trip),
/// and keeping in it afterwards whether they worked and the Virtual Agent API version read.
pub async fn check_with(
    settings: &Settings,
    client: &Client,
    opts: crate::steps::StepOptions,
    kore: Option<crate::steps::kore_side::KoreSide>,
    deep: bool,
) -> CheckReport {
    let state = StateFile::for_run(settings, client);
    let ctx = Context::for_run(client.clone(), opts, state.as_ref()).with_kore(kore);
    let warm = ctx.warm;
    let report = engine::check(ctx, deep).await;
    if let Some(state) = &state {
        remember_credentials(state, client, &report, warm);
        remember_version(state, &report);
    }
    report
}

/// Says, on stderr beside the report in every format, a temporary write an interrupted run
/// left (the outbound HTTP log at level all). Only `check` says it: `doctor`, which also reads
/// through [`check_with`], holds temporary writes of its own while it reads.
fn warn_pending(settings: &Settings, client: &Client) {
    if let Some(state) = StateFile::for_run(settings, client) {
        for line in crate::journal::temporary::pending_warning(&state) {
            crate::ui::diagnostic(format!("warning: {line}"));
        }
    }
}

/// Keeps in the state file whether the credentials worked: a cold check that got past the
/// login records it, so the next checks within a day send every read at once; a refusal
/// forgets it, so the next check probes alone first. A check is read-only: a state file that
/// cannot be written costs only the next check's speed.
fn remember_credentials(state: &StateFile, client: &Client, report: &CheckReport, warm: bool) {
    let auth = report.steps.iter().find(|s| s.id == StepId::Auth);
    let refused = report.exit == ExitStatus::Auth
        || auth.is_some_and(|s| s.status == Status::Fail)
        || report
            .steps
            .iter()
            .any(|s| matches!(s.read_error, Some(ApiError::Status { status: 401, .. })));
    let worked = auth.is_some_and(|s| matches!(s.status, Status::Pass | Status::Warn));
    // Another user's record stands: their credentials were not the ones refused.
    let recorded = || {
        let now = Verification::now(client);
        state.load().ok().and_then(|s| s.verified).is_some_and(|v| {
            (&v.instance, &v.user, &v.method) == (&now.instance, &now.user, &now.method)
        })
    };
    if refused && (warm || recorded()) {
        let _ = state.set_verified(client, false);
    } else if worked && !refused && !warm {
        let _ = state.set_verified(client, true);
    }
}

/// Keeps the Virtual Agent API version the plugins step read, so that the next check knows
/// whether to read the 4.1+ records at once (see [`crate::steps::Context::va_41`]).
fn remember_version(state: &StateFile, report: &CheckReport) {
    let version = report
        .steps
        .iter()
        .find(|s| s.id == StepId::Plugins)
        .and_then(|s| s.details.get("plugins")?.as_array())
        .and_then(|list| {
            list.iter()
                .find(|p| p["id"] == crate::steps::deep::reply_url::SCOPE)?["version"]
                .as_str()
        });
    let _ = state.note_va_api_version(version);
}

/// The one-line error of a report whose instance could not be reached at all.
fn unreachable(report: &CheckReport) -> Option<crate::error::Error> {
    let step = report.steps.first()?;
    let read = step.read_error.as_ref()?;
    if step.id != StepId::Instance
        || step.status != Status::Fail
        || !matches!(
            read,
            ApiError::Dns(_) | ApiError::Tls(_) | ApiError::Connect(_) | ApiError::Timeout { .. }
        )
    {
        return None;
    }
    let error = crate::error::Error::unusable(step.summary.clone());
    Some(match &step.fix {
        Some(fix) => error.with_hint(fix.to_string()).hint_inline(),
        None => error,
    })
}
