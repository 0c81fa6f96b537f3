//! `init --no-input`.

use crate::cli::{AuthMethod, CheckArgs, InitArgs};
use crate::commands::auth;
use crate::commands::check::fix;
use crate::config::update_profile;
use crate::error::{ExitStatus, Result};
use crate::settings::Settings;
use crate::steps::engine;
use crate::steps::Context;
use crate::ui::Printer;

/// `init --no-input`: `check --fix` with the given options, then the profile is saved (when
/// the instance and the sign-in worked, and not under `--demo`). `init --dry-run` is the same
/// without a question, with the plan of `check --fix --dry-run`, and saves nothing.
pub(super) async fn unattended(
    settings: &Settings,
    args: &InitArgs,
    printer: &Printer,
) -> Result<ExitStatus> {
    let mut opts = settings.step_options(&args.steps)?;
    if !settings.saves() {
        // Nobody answers here: take what the simulated instance offers.
        opts.agent = opts.agent.or_else(|| settings.offered_agent());
        opts.webhook_url = opts.webhook_url.or_else(|| settings.offered_webhook_url());
    }
    let (client, _) = settings.connect()?;
    let spinner = printer.spinner(&format!("Checking {}", client.instance()));
    // With Kore.ai settings the `kore` step is checked and repaired too (kore connect --publish).
    let kore = crate::steps::kore_side::side(settings)?;
    let ctx = Context::new(client.clone(), opts.clone()).with_kore(kore.clone());
    let report = engine::check_in(&ctx, false).await;
    spinner.finish_and_clear();
    let signed_in = !report.halted;
    let check_args = CheckArgs {
        format: None,
        steps: args.steps.clone(),
        fix: true,
        deadline: args.deadline,
        deep: false,
        dry_run: args.dry_run,
        profiles: Vec::new(),
        all_profiles: false,
    };
    let code = fix::run(
        settings,
        &client,
        opts.clone(),
        kore,
        fix::First {
            report,
            checked: ctx,
        },
        &check_args,
        printer,
    )
    .await?;
    if signed_in && settings.saves() && !args.dry_run {
        let path = auth::config_file(settings)?;
        let method = auth::method_name(settings.method());
        let user = match settings.method() {
            AuthMethod::Basic => Some(client.user().to_string()),
            AuthMethod::Oauth | AuthMethod::Apikey | AuthMethod::Mtls => settings.username(),
        };
        let client_id = settings.client_id();
        let mut changes: Vec<(&str, Option<&str>)> = vec![
            ("instance", Some(client.instance().as_str())),
            ("auth", Some(method)),
            ("group", Some(&opts.group)),
        ];
        for (key, value) in [
            ("username", user.as_deref()),
            ("client_id", client_id.as_deref()),
            ("agent", opts.agent.as_deref()),
            ("webhook_url", opts.webhook_url.as_deref()),
        ] {
            if value.is_some() {
                changes.push((key, value));
            }
        }
        update_profile(&path, &settings.profile_name, &changes)?;
        printer.line(format!(
            "Profile `{}` saved in {} (no secrets).",
            settings.profile_name,
            path.display()
        ));
    }
    Ok(code)
}
