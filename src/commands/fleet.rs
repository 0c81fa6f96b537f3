//! `sn-handoff check --profiles dev,test,prod` and `check --all-profiles`: every environment
//! at once. Each profile is checked as `check -p NAME` would check it, with its own instance
//! and credentials (the keyring, or its own variables `SN_HANDOFF_<PROFILE>_PASSWORD`, ...),
//! at most [`FLEET_CONCURRENCY`] at a time; one profile that cannot be reached or signed in
//! to is one entry of the combined report and does not stop the others. Exit: the worst
//! profile's.

use futures_util::stream::{self, StreamExt};

use crate::cli::{CheckArgs, StepArgs};
use crate::error::{ExitStatus, Result};
use crate::report::fleet::{self, Member, ProfileOutcome};
use crate::report::Format;
use crate::settings::Settings;
use crate::ui::Printer;

/// How many profiles are checked at once (each sends its own reads at once as well).
pub const FLEET_CONCURRENCY: usize = 4;

/// What the messages call this run.
const WHAT: &str = "a check over several profiles";

/// Runs `check` over the profiles `args` names.
pub async fn run(
    settings: &Settings,
    args: &CheckArgs,
    format: Format,
    printer: &Printer,
) -> Result<ExitStatus> {
    crate::settings::refuse_flag(
        "--profile",
        crate::env::PROFILE,
        settings.profile_flag(),
        WHAT,
    )?;
    crate::settings::refuse_flag(
        "--webhook-url",
        crate::env::WEBHOOK_URL,
        args.steps.webhook_url.as_deref(),
        WHAT,
    )?;
    let names = settings.fleet_names_here(&args.profiles, args.all_profiles)?;
    let members = settings.fleet_here(&names, WHAT)?;
    // The webhook URL of the environment names one bot: each profile has its own.
    let steps = StepArgs {
        webhook_url: None,
        ..args.steps.clone()
    };
    let spinner = printer.spinner(&format!("Checking {} profiles", members.len()));
    let members: Vec<Member> = stream::iter(
        members
            .into_iter()
            .map(|settings| check_one(settings, &steps, args.deep)),
    )
    .buffered(FLEET_CONCURRENCY)
    .collect()
    .await;
    spinner.finish_and_clear();
    let printer = &printer.results_beside(format != Format::Human);
    fleet::emit(printer, &members, format);
    fleet::print_human(printer, &members);
    Ok(fleet::worst(&members))
}

/// Checks one profile; what stops it before a report is its entry's error.
pub(super) async fn check_one(settings: Settings, steps: &StepArgs, deep: bool) -> Member {
    let profile = settings.profile_name.clone();
    let outcome = match prepare(&settings, steps) {
        Ok((client, opts, kore)) => {
            let report = super::check::read::check_with(&settings, &client, opts, kore, deep).await;
            ProfileOutcome::Checked {
                report,
                user: client.user().to_string(),
                method: client.method_name(),
            }
        }
        Err(e) => ProfileOutcome::Stopped(e),
    };
    Member { profile, outcome }
}

type Prepared = (
    crate::servicenow::Client,
    crate::steps::StepOptions,
    Option<crate::steps::kore_side::KoreSide>,
);

/// The profile's step options, client and Kore.ai side.
fn prepare(settings: &Settings, steps: &StepArgs) -> Result<Prepared> {
    let opts = settings.step_options(steps)?;
    let (client, _) = settings.connect()?;
    let kore = crate::steps::kore_side::side(settings)?;
    Ok((client, opts, kore))
}
