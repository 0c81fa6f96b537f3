//! The options every command takes (docs/contract.md, "Global options and environment").

use std::path::PathBuf;

use clap::Args;

/// Options every command takes (docs/contract.md, "Global options and environment"). Help lists them
/// under their own heading, without the values their environment variables hold (a password
/// file's path or an instance are not for a screen share).
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`
    #[arg(
        short,
        long,
        env = crate::env::INSTANCE,
        hide_env_values = true,
        global = true,
        value_name = "URL"
    )]
    pub instance: Option<String>,

    /// Named settings in the config file [default: default]
    #[arg(
        short,
        long,
        env = crate::env::PROFILE,
        hide_env_values = true,
        global = true,
        value_name = "NAME",
        add = clap_complete::ArgValueCandidates::new(super::complete::profiles)
    )]
    pub profile: Option<String>,

    /// Authentication method
    #[arg(
        long,
        env = crate::env::AUTH,
        hide_env_values = true,
        global = true,
        value_enum
    )]
    pub auth: Option<AuthMethod>,

    /// ServiceNow user (basic auth, or the OAuth password grant)
    #[arg(
        short,
        long,
        env = crate::env::USERNAME,
        hide_env_values = true,
        global = true,
        value_name = "NAME"
    )]
    pub username: Option<String>,

    /// OAuth client id (not secret)
    #[arg(
        long,
        env = crate::env::CLIENT_ID,
        hide_env_values = true,
        global = true,
        value_name = "ID"
    )]
    pub client_id: Option<String>,

    /// With --auth mtls: the client certificate (PEM; the chain, leaf first)
    #[arg(
        long,
        env = crate::env::CLIENT_CERT,
        hide_env_values = true,
        global = true,
        value_name = "FILE"
    )]
    pub client_cert: Option<PathBuf>,

    /// With --auth mtls: the client certificate's private key (PEM; when encrypted, the
    /// passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)
    #[arg(
        long,
        env = crate::env::CLIENT_KEY,
        hide_env_values = true,
        global = true,
        value_name = "FILE"
    )]
    pub client_key: Option<PathBuf>,

    /// Read the one secret that is needed from standard input
    #[arg(long, global = true)]
    pub password_stdin: bool,

    /// Write one JSON document to stdout; all human text goes to stderr
    #[arg(long, global = true)]
    pub json: bool,

    /// Never prompt; fail with exit 2 naming what is missing
    #[arg(long, env = crate::env::NO_INPUT, hide_env_values = true, global = true,
          value_parser = clap::builder::FalseyValueParser::new())]
    pub no_input: bool,

    /// Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Seconds each try of a request may take (reads are tried up to 4 times)
    #[arg(long, env = crate::env::TIMEOUT, hide_env_values = true, global = true, value_name = "SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,

    /// Extra PEM trust root (corporate TLS inspection)
    #[arg(
        long,
        env = crate::env::CA_CERT,
        hide_env_values = true,
        global = true,
        value_name = "FILE"
    )]
    pub ca_cert: Option<PathBuf>,

    /// Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]
    #[arg(
        long,
        env = crate::env::CONFIG,
        hide_env_values = true,
        global = true,
        value_name = "FILE"
    )]
    pub config: Option<PathBuf>,

    /// Run against a simulated instance and bot inside this process, whose records the next
    /// --demo run finds again (`sn-handoff demo --reset` starts them fresh); the profile,
    /// keyring and state of real instances are not read. --release FAMILY and --demo-scenario
    /// SCENARIO shape it, with the values `sn-handoff demo --help` lists
    #[cfg(feature = "demo")]
    #[arg(long, global = true)]
    pub demo: bool,

    /// With --demo or `demo`: the release family the simulated instance reports
    /// [default: australia]
    #[cfg(feature = "demo")]
    #[arg(long, global = true, value_enum, value_name = "FAMILY")]
    pub release: Option<crate::sim::Release>,
    /// With --demo: the state the simulated instance starts in [default: fresh; configured for
    /// smoke-test and why-no-agent]
    #[cfg(feature = "demo")]
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "SCENARIO",
        requires = "demo"
    )]
    pub demo_scenario: Option<crate::sim::Scenario>,
    /// The Kore.ai bot and its JWT app(s).
    #[command(flatten)]
    pub kore: KoreArgs,
}

/// Where the Kore.ai bot is and which JWT app signs in (docs/kore.md); saved in
/// the profile, secrets never.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Kore.ai")]
pub struct KoreArgs {
    /// Kore.ai platform host [default: platform.kore.ai]
    #[arg(
        long,
        env = crate::env::KORE_HOST,
        hide_env_values = true,
        global = true,
        value_name = "HOST"
    )]
    pub kore_host: Option<String>,

    /// The Kore.ai bot (app) id, st-…
    #[arg(
        long,
        env = crate::env::KORE_BOT_ID,
        hide_env_values = true,
        global = true,
        value_name = "ID"
    )]
    pub bot_id: Option<String>,

    /// Client id of the bot's Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the
    /// keyring)
    #[arg(
        long,
        env = crate::env::KORE_CLIENT_ID,
        hide_env_values = true,
        global = true,
        value_name = "ID"
    )]
    pub kore_client_id: Option<String>,

    /// Client id of an Admin Console JWT app with the publish scope (secret:
    /// SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)
    #[arg(
        long,
        env = crate::env::KORE_ADMIN_CLIENT_ID,
        hide_env_values = true,
        global = true,
        value_name = "ID"
    )]
    pub kore_admin_client_id: Option<String>,
}

// The profile's sign-in method (`crate::config`), offered here as `--auth`.
pub use crate::config::AuthMethod;

// The printer's own choice (`crate::ui`), offered here as `--color`.
pub use crate::ui::ColorChoice;
