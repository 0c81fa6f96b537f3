//! The check every read command runs (`check`, `--deep`, `why-no-agent`, `doctor`, the smoke
//! test's preflight, each profile of a fleet run): warm when the state file vouches for the
//! credentials, and keeping in it afterwards what the next check needs to be warm.

use crate::error::ExitStatus;
use crate::servicenow::{ApiError, Client};
use crate::settings::Settings;
use crate::state::{StateFile, Verification};
use crate::steps::engine::{self, CheckReport};
use crate::steps::{Context, Status, StepId};

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
    check_keeping(settings, client, opts, kore, deep).await.0
}

/// [`check_with`], and the context with what the check read (`check --fix` hands the
/// plugins' rows to their repair).
pub async fn check_keeping(
    settings: &Settings,
    client: &Client,
    opts: crate::steps::StepOptions,
    kore: Option<crate::steps::kore_side::KoreSide>,
    deep: bool,
) -> (CheckReport, Context) {
    let state = StateFile::for_run(settings, client);
    let ctx = Context::for_run(client.clone(), opts, state.as_ref()).with_kore(kore);
    let warm = ctx.warm;
    let report = engine::check_in(&ctx, deep).await;
    if let Some(state) = &state {
        remember_credentials(state, client, &report, warm);
        remember_version(state, &report);
    }
    (report, ctx)
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
                .find(|p| p["id"] == crate::steps::deep::reply_connection::SCOPE)?["version"]
                .as_str()
        });
    let _ = state.note_va_api_version(version);
}
