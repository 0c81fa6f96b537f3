//! The command groups (`kore`, `agent`, `auth`) and the commands that serve no instance.

use clap::{Args, Subcommand, ValueEnum};

use super::parse_deadline;

/// `sn-handoff kore`.
#[derive(Debug, Clone, Args)]
pub struct KoreArgsCommand {
    /// What to do.
    #[command(subcommand)]
    pub command: KoreCommand,
}

/// The `kore` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum KoreCommand {
    /// The bot's agent-transfer channel mappings: is ServiceNow the default and mapped for each
    /// enabled channel (exit 1 when not)
    #[command(
        after_help = "Examples:\n  sn-handoff kore status --demo\n  sn-handoff kore status --json"
    )]
    Status,
    /// Push this profile's instance and credentials into the bot's ServiceNow agent
    /// integration, make it the default, and with --publish publish and wait
    #[command(
        long_about = "Push this profile's ServiceNow instance and credentials into the bot's ServiceNow agent \
integration (POST, or PUT when it exists) with VAApi: true, make ServiceNow the default agent \
integration and map every enabled chat channel to it (unless --no-default), then with --publish \
publish the bot and wait for the publish to end.\n\n\
Basic auth sends the user and password; OAuth the client id, client secret and refresh token. \
Kore.ai cannot show the integration back, so the write is sent on every run.",
        after_help = "Examples:\n  sn-handoff kore connect --demo --publish\n  sn-handoff kore connect --dry-run\n  sn-handoff kore connect --publish --deadline 5 --json"
    )]
    Connect(KoreConnectArgs),
}

/// `sn-handoff kore connect`.
#[derive(Debug, Clone, Args)]
pub struct KoreConnectArgs {
    /// Publish the bot afterwards and wait for the publish to end
    #[arg(long)]
    pub publish: bool,

    /// Leave the default agent integration and the channel mappings as they are
    #[arg(long)]
    pub no_default: bool,

    /// The queue id Kore.ai sends with hand-offs (queueId)
    #[arg(long, value_name = "ID")]
    pub queue_id: Option<String>,

    /// Print what would be sent (every secret as ***); send nothing
    #[arg(long)]
    pub dry_run: bool,

    /// With --publish: do not let Kore.ai train the bot (training is on by default; skipping
    /// it can break intent detection and flow execution)
    #[arg(long, requires = "publish")]
    pub no_train: bool,

    /// With --publish: how long to wait for the publish, in minutes
    #[arg(long, value_name = "MIN", requires = "publish", default_value = "10", value_parser = parse_deadline)]
    pub deadline: std::time::Duration,
}

/// `sn-handoff agent`.
#[derive(Debug, Clone, Args)]
pub struct AgentArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: AgentCommand,
}

/// The `agent` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum AgentCommand {
    /// Set the agent's AWA presence to Available (and available on the Chat channel)
    #[command(after_help = "Example:\n  sn-handoff agent available --agent abel.tuter")]
    Available(AgentAvailableArgs),
}

/// `sn-handoff agent available`.
#[derive(Debug, Clone, Args)]
pub struct AgentAvailableArgs {
    /// The agent (user_name) [default: the profile's agent]
    #[arg(long, value_name = "USER", alias = "user", add = clap_complete::ArgValueCandidates::new(super::complete::agents))]
    pub agent: Option<String>,
}

/// `sn-handoff auth`.
#[derive(Debug, Clone, Args)]
pub struct AuthArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: AuthCommand,
}

/// The `auth` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum AuthCommand {
    /// Sign in, prove the credentials with one read, store the secrets in the OS keyring and
    /// the rest in the profile
    #[command(
        long_about = "Sign in, prove the credentials with one read, store the secrets in the OS keyring and \
the rest in the profile.\n\n\
Secrets come from SN_HANDOFF_PASSWORD, SN_HANDOFF_CLIENT_SECRET, SN_HANDOFF_REFRESH_TOKEN, \
--password-stdin, or a hidden prompt. --password-stdin feeds the password (--auth basic, --grant password), the refresh \
token (--grant token) or the client secret (--grant browser).",
        after_help = "Examples:\n  sn-handoff auth login -i dev123 -u admin\n  printf %s \"$TOKEN\" | sn-handoff auth login -i dev123 --auth oauth --client-id ID --grant token --password-stdin"
    )]
    Login(LoginArgs),
    /// Show the instance, user, method and where each secret comes from, and whether they work
    /// (exit 0 only when they do)
    #[command(
        after_help = "Examples:\n  sn-handoff auth status\n  sn-handoff auth status --profile prod --json"
    )]
    Status,
    /// Delete the profile's secrets from the OS keyring
    #[command(after_help = "Example:\n  sn-handoff auth logout --profile prod")]
    Logout,
    /// Print a fresh OAuth access token on stdout (for scripts)
    #[command(
        after_help = "Examples:\n  curl -H \"Authorization: Bearer $(sn-handoff auth token)\" https://dev123.service-now.com/api/now/table/sys_user?sysparm_limit=1\n  sn-handoff auth token --refresh"
    )]
    Token(TokenArgs),
    /// Mint a new OAuth refresh token, store it, and with Kore.ai settings push it to the bot
    /// (kore connect)
    #[command(
        long_about = "Mint a new OAuth refresh token, store it, and with Kore.ai settings push it to the bot \
(kore connect).\n\n\
Run it before the refresh token expires (the auth step of check warns 14 days before).",
        after_help = "Examples:\n  sn-handoff auth rotate\n  SN_HANDOFF_PASSWORD=… sn-handoff auth rotate --grant password --no-input"
    )]
    Rotate(LoginArgs),
}

/// `sn-handoff auth login`.
#[derive(Debug, Clone, Args)]
pub struct LoginArgs {
    /// How to get the OAuth refresh token (implies --auth oauth) [default: browser; without a
    /// terminal, token when SN_HANDOFF_REFRESH_TOKEN is set]
    #[arg(long, value_enum)]
    pub grant: Option<Grant>,

    /// Loopback port of the browser sign-in's redirect, http://127.0.0.1:PORT/callback
    #[arg(long, value_name = "N", default_value_t = crate::servicenow::oauth::DEFAULT_REDIRECT_PORT)]
    pub redirect_port: u16,

    /// Print the sign-in URL instead of opening a browser
    #[arg(long)]
    pub no_browser: bool,

    /// Seconds to wait for the browser sign-in
    #[arg(long, value_name = "SECS", default_value_t = 300,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub deadline: u64,
}

/// `sn-handoff auth token`.
#[derive(Debug, Clone, Args)]
pub struct TokenArgs {
    /// Print the refresh token in use instead (for Kore.ai's OAuth settings or a CI secret
    /// store), after proving it with an exchange
    #[arg(long)]
    pub refresh: bool,
}

/// `auth login --grant`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Grant {
    /// The user's name and password are exchanged once for a refresh token (never stored)
    Password,
    /// Authorization code with PKCE: sign in and allow access in a browser
    Browser,
    /// An existing refresh token (SN_HANDOFF_REFRESH_TOKEN, --password-stdin, or a prompt)
    Token,
}

/// `sn-handoff demo`.
#[cfg(feature = "demo")]
#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// Port on 127.0.0.1 (0 picks a free one)
    #[arg(long, default_value_t = 0)]
    pub port: u16,

    /// Forget the world `--demo` runs keep (both simulators' records), so that the next
    /// `--demo` run starts fresh; then serve as usual
    #[arg(long)]
    pub reset: bool,

    /// What state the simulated instance starts in
    #[arg(long, value_enum, default_value_t = crate::sim::Scenario::Fresh)]
    pub scenario: crate::sim::Scenario,

    /// Added to every response, in milliseconds
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub latency_ms: u64,

    /// The release the instance reports (the global `--release`)
    #[arg(skip)]
    pub release: crate::sim::Release,

    /// The Virtual Agent API version (4.1 and later reply through the "Bot Connection")
    /// [default: 3.0.2]
    #[arg(long, value_name = "VERSION", value_parser = parse_version)]
    pub va_api_version: Option<String>,
}

/// `--va-api-version`: dotted numbers, such as `4.1.2`.
#[cfg(feature = "demo")]
fn parse_version(text: &str) -> Result<String, String> {
    let ok = !text.is_empty()
        && text
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if ok {
        Ok(text.to_string())
    } else {
        Err(format!("`{text}` is not a version such as 4.1.2"))
    }
}

/// `sn-handoff completions`.
#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `sn-handoff man`.
#[derive(Debug, Clone, Args)]
pub struct ManArgs {
    /// The command whose page to print (`check`); none for the main page
    #[arg(value_name = "COMMAND")]
    pub command: Vec<String>,
}
