//! `sn-handoff auth login|status|logout|token`: sign in and keep the secrets in the OS keyring
//! (never in the config file), show where each secret comes from and whether they work, forget
//! them, and hand a fresh OAuth access token to scripts.
//!
//! Every login proves the credentials with one authenticated read before it stores anything:
//! a wrong password stores nothing and changes no profile.
//!
//! One file per subcommand; [`sign_in`] holds the flow that `auth login` and `init` share
//! (prove the credentials, then keep them).

mod login;
mod logout;
pub(crate) mod radar;
mod rotate;
pub(crate) mod sign_in;
mod status;
mod token;

use std::path::PathBuf;

use crate::cli::{AuthArgs, AuthCommand, AuthMethod};
use crate::error::{Error, ExitStatus, Result};
use crate::settings::Settings;
use crate::ui::Printer;

/// Whether `command` may name a profile that does not exist yet (`auth login` and `init`
/// create it).
pub fn creates_profile(command: &crate::cli::Command) -> bool {
    matches!(
        command,
        crate::cli::Command::Auth(AuthArgs {
            command: AuthCommand::Login(_)
        }) | crate::cli::Command::Init(_)
    )
}

pub async fn run(settings: &Settings, args: &AuthArgs, printer: &Printer) -> Result<ExitStatus> {
    match &args.command {
        AuthCommand::Login(login_args) => login::login(settings, login_args, printer).await,
        AuthCommand::Status => status::status(settings, printer).await,
        AuthCommand::Logout => logout::logout(settings, printer),
        AuthCommand::Token(token_args) => token::token(settings, token_args.refresh, printer).await,
        AuthCommand::Rotate(rotate_args) => rotate::rotate(settings, rotate_args, printer).await,
    }
}

/// `basic`, `oauth` or `apikey`, as the profile and `--auth` spell it.
pub(crate) fn method_name(method: AuthMethod) -> &'static str {
    match method {
        AuthMethod::Basic => "basic",
        AuthMethod::Oauth => "oauth",
        AuthMethod::Apikey => "apikey",
        AuthMethod::Mtls => "mtls",
    }
}

fn refuse_demo(settings: &Settings, what: &str) -> Result<()> {
    if !settings.saves() {
        return Err(Error::usage(format!(
            "--demo: `auth {what}` keeps credentials for a real instance; the simulated instance's login is printed by `sn-handoff demo`"
        )));
    }
    Ok(())
}

/// The config file `auth login` (and `init`) writes.
pub(crate) fn config_file(settings: &Settings) -> Result<PathBuf> {
    settings.config_path.clone().ok_or_else(|| {
        Error::usage("cannot tell where the config file goes: HOME and XDG_CONFIG_HOME are unset")
            .with_hint("pass --config FILE or set SN_HANDOFF_CONFIG")
    })
}
