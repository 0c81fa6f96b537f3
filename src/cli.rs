//! The command line: global options of SPEC.md with their environment variables, and one
//! `Args` struct per command.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Prepare a ServiceNow instance for Kore.ai XO bot-to-agent handoff, and keep it that way.
#[derive(Debug, Parser)]
#[command(
    name = "sn-handoff",
    version,
    about,
    long_about = "Prepare a ServiceNow instance (Utah and later; Brazil is the newest known) so that a Kore.ai XO bot can hand \
conversations to live agents through Virtual Agent's bot-to-bot integration, and keep it that way.\n\n\
Exit codes: 0 success, 1 a step fails, 2 usage or input error, 3 authentication or permission \
failure, 4 the instance cannot be used, 5 a change failed, 130 interrupted.",
    after_help = "Example:\n  sn-handoff check --demo",
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes (SPEC.md, "Global options and environment"). Help lists them
/// under their own heading, without the values their environment variables hold (a password
/// file's path or an instance are not for a screen share).
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`
    #[arg(
        short,
        long,
        env = "SN_HANDOFF_INSTANCE",
        hide_env_values = true,
        global = true,
        value_name = "URL"
    )]
    pub instance: Option<String>,

    /// Named settings in the config file [default: default]
    #[arg(
        short,
        long,
        env = "SN_HANDOFF_PROFILE",
        hide_env_values = true,
        global = true,
        value_name = "NAME"
    )]
    pub profile: Option<String>,

    /// Authentication method
    #[arg(
        long,
        env = "SN_HANDOFF_AUTH",
        hide_env_values = true,
        global = true,
        value_enum
    )]
    pub auth: Option<AuthMethod>,

    /// ServiceNow user (basic auth, or the OAuth password grant)
    #[arg(
        short,
        long,
        env = "SN_HANDOFF_USERNAME",
        hide_env_values = true,
        global = true,
        value_name = "NAME"
    )]
    pub username: Option<String>,

    /// OAuth client id (not secret)
    #[arg(
        long,
        env = "SN_HANDOFF_CLIENT_ID",
        hide_env_values = true,
        global = true,
        value_name = "ID"
    )]
    pub client_id: Option<String>,

    /// Read the one secret that is needed from standard input
    #[arg(long, global = true)]
    pub password_stdin: bool,

    /// Write one JSON document to stdout; all human text goes to stderr
    #[arg(long, global = true)]
    pub json: bool,

    /// Never prompt; fail with exit 2 naming what is missing
    #[arg(long, env = "SN_HANDOFF_NO_INPUT", hide_env_values = true, global = true,
          value_parser = clap::builder::FalseyValueParser::new())]
    pub no_input: bool,

    /// Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Per-request timeout in seconds
    #[arg(long, env = "SN_HANDOFF_TIMEOUT", hide_env_values = true, global = true, value_name = "SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,

    /// Extra PEM trust root (corporate TLS inspection)
    #[arg(
        long,
        env = "SN_HANDOFF_CA_CERT",
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
        env = "SN_HANDOFF_CONFIG",
        hide_env_values = true,
        global = true,
        value_name = "FILE"
    )]
    pub config: Option<PathBuf>,

    /// Run against a fresh simulated instance inside this process (instance and credentials from
    /// flags, environment and profile are ignored)
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

/// Where the Kore.ai bot is and which JWT app signs in (SPEC.md "The Kore.ai side"); saved in
/// the profile, secrets never.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Kore.ai")]
pub struct KoreArgs {
    /// Kore.ai platform host [default: platform.kore.ai]
    #[arg(long, env = "SN_HANDOFF_KORE_HOST", global = true, value_name = "HOST")]
    pub kore_host: Option<String>,

    /// The Kore.ai bot (app) id, st-…
    #[arg(long, env = "SN_HANDOFF_KORE_BOT_ID", global = true, value_name = "ID")]
    pub bot_id: Option<String>,

    /// Client id of the bot's Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the
    /// keyring)
    #[arg(
        long,
        env = "SN_HANDOFF_KORE_CLIENT_ID",
        global = true,
        value_name = "ID"
    )]
    pub kore_client_id: Option<String>,

    /// Client id of an Admin Console JWT app with the publish scope (secret:
    /// SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)
    #[arg(
        long,
        env = "SN_HANDOFF_KORE_ADMIN_CLIENT_ID",
        global = true,
        value_name = "ID"
    )]
    pub kore_admin_client_id: Option<String>,
}

/// The commands that serve no instance, with the global options that still mean something
/// to them: the others are hidden from their help (and still accepted, so a shared
/// environment or alias does not break them).
const GLOBALS_KEPT: &[(&str, &[&str])] = &[
    ("demo", &["json", "verbose", "color"]),
    ("completions", &[]),
    ("man", &[]),
];

/// The command line as parsed, completed and shown in help: [`Cli`]'s, with the global options
/// that do not apply to a command hidden from that command's help.
pub fn command() -> clap::Command {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    for (name, kept) in GLOBALS_KEPT {
        if cmd.find_subcommand(name).is_none() {
            continue;
        }
        // A hidden copy in the subcommand: clap then propagates no other copy into it.
        let copies: Vec<clap::Arg> = cmd
            .get_arguments()
            .filter(|a| a.is_global_set() && !kept.contains(&a.get_id().as_str()))
            .map(|arg| arg.clone().hide(true))
            .collect();
        cmd = cmd.mut_subcommand(name, |sub| sub.args(copies));
    }
    cmd
}

/// Parses the process's arguments with [`command`]. A command line clap refuses ends the
/// process with exit 2: with clap's message, or under `--json` with the error document.
pub fn parse() -> Cli {
    use clap::FromArgMatches;
    let parsed = command()
        .try_get_matches()
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches));
    match parsed {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() && std::env::args_os().any(|a| a == "--json") => {
            // The first line of clap's text is the error; the rest is usage for a person.
            let rendered = e.render().to_string();
            let message = rendered
                .lines()
                .next()
                .unwrap_or_default()
                .trim_start_matches("error: ");
            crate::ui::report_error(
                &crate::error::Error::usage(message).with_hint("see --help"),
                true,
            );
            std::process::exit(i32::from(crate::error::ExitStatus::Usage.code()));
        }
        Err(e) => e.exit(),
    }
}

/// `--auth`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthMethod {
    /// HTTP Basic with user name and password
    Basic,
    /// OAuth 2.0 with a refresh token
    Oauth,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stderr is a terminal
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Interactive wizard through all six steps: checks each, offers each fix, saves a profile
    #[command(
        long_about = "Interactive wizard through all six steps of the guide: the instance, the sign-in, then \
the plugins, the group's roles and member, the webhook and the agent's availability. Each step is \
checked at once; a failing one is explained and fixed when you say yes. The profile is saved as \
each answer is checked (never a secret), so a run stopped with Ctrl-C picks up where it left off.\n\n\
With --no-input (or SN_HANDOFF_NO_INPUT=1) nothing is asked: it works like `check --fix` with \
the flags, environment and profile, then saves the profile; --json prints the final check \
report. Without a terminal and without --no-input it stops with exit 2.",
        after_help = "Examples:\n  sn-handoff init --demo\n  sn-handoff init -i dev123\n  SN_HANDOFF_PASSWORD=… sn-handoff init --no-input -i dev123 -u admin --agent abel.tuter --webhook-url https://bots.kore.ai/chatbot/v2/webhook/st-…"
    )]
    Init(InitArgs),

    /// Verify every step of the guide, read-only; exit 1 if any step fails (for CI)
    #[command(
        after_help = "Example:\n  SN_HANDOFF_PASSWORD=… sn-handoff check -i dev123 -u admin --agent abel.tuter --deep --json"
    )]
    Check(CheckArgs),

    /// Sign in and store credentials for the profile; show, forget or use them
    #[command(
        after_help = "Examples:\n  sn-handoff auth login -i dev123 -u admin\n  sn-handoff auth login -i dev123 --auth oauth --client-id ID --grant browser\n  sn-handoff auth status --json\n  sn-handoff auth logout"
    )]
    Auth(AuthArgs),
    /// List the five plugins and their state; --activate activates the missing ones
    #[command(
        after_help = "Examples:\n  sn-handoff plugins\n  sn-handoff plugins --activate --deadline 45"
    )]
    Plugins(PluginsArgs),

    /// Show the AWA group's roles and members; --fix adds what is missing
    #[command(after_help = "Example:\n  sn-handoff group --fix --agent abel.tuter")]
    Group(GroupArgs),

    /// Point "VABot to Bot", its postMessage method and the 4.1+ Bot Connection at URL (after
    /// each deploy)
    #[command(
        after_help = "Examples:\n  sn-handoff set-webhook https://bots.kore.ai/chatbot/v2/webhook/st-… --dry-run\n  sn-handoff set-webhook https://bots.kore.ai/chatbot/v2/webhook/st-…\n  sn-handoff set-webhook --rollback"
    )]
    SetWebhook(SetWebhookArgs),

    /// Agent presence: `agent available --agent USER` sets an agent's presence to Available
    #[command(after_help = "Example:\n  sn-handoff agent available --agent abel.tuter")]
    Agent(AgentArgs),

    /// Hand a test conversation over and watch it reach the available agent
    #[command(
        long_about = "Hand a test conversation over and watch it reach the available agent.\n\n\
Starts a conversation through the Virtual Agent API (POST /api/sn_va_as_service/bot/integration) \
as a test requester, asks for a live agent, and watches the interaction being created and its \
work item offered to an agent; then ends the conversation and removes what it created. Exit 0 \
only when the hand-off reached an agent within --deadline, 1 when it did not, 5 when something \
it created could not be removed.\n\n\
The message auth token of the provider application, when the bot sends one, comes from \
SN_HANDOFF_MESSAGE_TOKEN (or --password-stdin when the login needs no secret from it).",
        after_help = "Examples:\n  sn-handoff smoke-test --demo\n  SN_HANDOFF_MESSAGE_TOKEN=… sn-handoff smoke-test --agent abel.tuter --deadline 90 --json"
    )]
    SmokeTest(SmokeTestArgs),

    /// Tell why a handed-over chat reaches no agent: the first broken link and what to do
    #[command(
        long_about = "Tell why a handed-over chat reaches no agent.\n\n\
Reads what `check --deep` reads and tells the way a chat takes as one chain: the instance and \
login, the plugins, Agent Chat, the provider and channel, the Chat queue, its eligibility pool \
and assignment rule, the group's roles and members, the agent's presence with Chat in the \
Available state, capacity left on Chat, account linking and the requester's email, and the \
webhook. It stops at the first broken link and says what to do. Exit 0 when every link holds, \
1 when one is broken, 3 or 4 when the instance or the credentials could not be used.",
        after_help = "Examples:\n  sn-handoff why-no-agent --agent abel.tuter\n  sn-handoff why-no-agent --agent abel.tuter --requester abel.tuter@example.com --json\n  sn-handoff --demo --demo-scenario no-capacity why-no-agent --agent abel.tuter"
    )]
    WhyNoAgent(WhyNoAgentArgs),

    /// Write a redacted support bundle: reports, versions, properties and every HTTP exchange
    #[command(
        long_about = "Write a redacted support bundle (a .tar.gz).\n\n\
It holds the check and deep reports and the why-no-agent chain as JSON, the release and the \
plugins with their versions, the properties that decide a hand-off, and every HTTP exchange of \
the run as HAR 1.2 (URLs, statuses, timings, bodies). Every password, secret, token and \
Authorization value is replaced by ***. With --enable-va-logging it turns the outbound HTTP \
log on for the run and restores it afterwards, whatever happens.",
        after_help = "Example:\n  sn-handoff doctor --bundle support.tar.gz --agent abel.tuter"
    )]
    Doctor(DoctorArgs),
    /// The Kore.ai side: the bot's ServiceNow agent integration, channel mappings, publish
    #[command(
        after_help = "Examples:\n  sn-handoff kore status --demo\n  sn-handoff kore connect --dry-run\n  SN_HANDOFF_KORE_CLIENT_SECRET=… sn-handoff kore connect --bot-id st-… --kore-client-id cs-… --publish"
    )]
    Kore(KoreArgsCommand),

    /// Serve a simulated instance on 127.0.0.1 and print its URL and credentials
    #[cfg(feature = "demo")]
    #[command(after_help = "Example:\n  sn-handoff demo --scenario configured --port 8765")]
    Demo(DemoArgs),

    /// Print a completion script for a shell (bash, zsh, fish, powershell, elvish)
    #[command(after_help = "Example:\n  sn-handoff completions zsh > ~/.zfunc/_sn-handoff")]
    Completions(CompletionsArgs),

    /// Print a man page in roff: sn-handoff(1), or the page of one command
    #[command(after_help = "Example:\n  sn-handoff man > ~/.local/share/man/man1/sn-handoff.1")]
    Man(ManArgs),
}

/// The step options (on `check`, and later `init`, `group`, `agent`; saved in the profile).
#[derive(Debug, Clone, Default, Args)]
pub struct StepArgs {
    /// The AWA group of step 4 [default: Consumer Service Support]
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,

    /// The agent (user_name) who must be in the group and Available
    #[arg(long, value_name = "USER")]
    pub agent: Option<String>,

    /// The Kore.ai webhook URL the "VABot to Bot" message must point at
    #[arg(long, value_name = "URL", env = "SN_HANDOFF_WEBHOOK_URL")]
    pub webhook_url: Option<String>,

    /// A step to report as `skip` (repeatable; not `instance` or `auth`, which every other
    /// step needs)
    #[arg(long, value_name = "STEP", value_parser = crate::steps::StepId::skip_parser())]
    pub skip: Vec<crate::steps::StepId>,

    /// With --deep: the email a requester's chats carry, which must name exactly one active,
    /// unlocked user (else the chat arrives as Guest)
    #[arg(long, value_name = "EMAIL")]
    pub requester: Option<String>,
}

/// `sn-handoff check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Report format on stdout; beside a machine format the human lines go to stderr [default:
    /// human]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<crate::report::Format>,

    /// Step options.
    #[command(flatten)]
    pub steps: StepArgs,

    /// After the checks, repair every failing step it can (plugins first), then check again
    #[arg(long)]
    pub fix: bool,

    /// Also verify what the guide omits but a handoff needs (agent_chat, reply_url, provider,
    /// live_agent_channel, queue, routing, assignment_rule, chat_presence, capacity,
    /// account_linking, requester)
    #[arg(long)]
    pub deep: bool,

    /// With --fix: how long to watch plugin activations, in minutes
    #[arg(long, value_name = "MIN", requires = "fix", default_value = "30", value_parser = parse_deadline)]
    pub deadline: std::time::Duration,
}

/// `--deadline MIN`: minutes (fractions allowed), more than 0 and at most a day.
pub fn parse_deadline(text: &str) -> Result<std::time::Duration, String> {
    let minutes: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number of minutes"))?;
    if !(minutes > 0.0 && minutes <= 24.0 * 60.0) {
        return Err(format!(
            "`{text}` is out of range: give more than 0 and at most 1440 minutes"
        ));
    }
    Ok(std::time::Duration::from_secs_f64(minutes * 60.0))
}

/// `sn-handoff init`.
#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// Step options (saved in the profile).
    #[command(flatten)]
    pub steps: StepArgs,

    /// How long to watch plugin activations, in minutes
    #[arg(long, value_name = "MIN", default_value = "30", value_parser = parse_deadline)]
    pub deadline: std::time::Duration,

    /// Loopback port of the OAuth browser sign-in's redirect, http://127.0.0.1:PORT/callback
    #[arg(long, value_name = "N", default_value_t = crate::servicenow::oauth::DEFAULT_REDIRECT_PORT)]
    pub redirect_port: u16,

    /// Print the OAuth sign-in URL instead of opening a browser
    #[arg(long)]
    pub no_browser: bool,
}

/// `sn-handoff plugins`.
#[derive(Debug, Clone, Args)]
pub struct PluginsArgs {
    /// Activate the inactive ones (plugins through the CI/CD API, then Store applications)
    #[arg(long)]
    pub activate: bool,

    /// How long to watch the activations, in minutes; they go on on the instance after it
    #[arg(long, value_name = "MIN", requires = "activate", default_value = "30", value_parser = parse_deadline)]
    pub deadline: std::time::Duration,
}

/// `sn-handoff group`.
#[derive(Debug, Clone, Args)]
pub struct GroupArgs {
    /// Add the missing roles and the agent's membership
    #[arg(long)]
    pub fix: bool,

    /// The AWA group [default: Consumer Service Support]
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,

    /// The agent (user_name) who must be in the group
    #[arg(long, value_name = "USER")]
    pub agent: Option<String>,
}

/// `sn-handoff set-webhook`.
#[derive(Debug, Clone, Args)]
pub struct SetWebhookArgs {
    /// The Kore.ai webhook URL (absolute https://)
    #[arg(
        value_name = "URL",
        required_unless_present = "rollback",
        conflicts_with = "rollback"
    )]
    pub url: Option<String>,

    /// Show what would change, write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// The REST message's name [default: "VABot to Bot" or "VA Bot to Bot"]
    #[arg(long, value_name = "NAME")]
    pub message: Option<String>,

    /// The HTTP method (function name) of the message that posts to the bot
    #[arg(long, value_name = "NAME", default_value = "postMessage")]
    pub method: String,

    /// Pick the REST message by sys_id (when two share a name)
    #[arg(long, value_name = "ID")]
    pub sys_id: Option<String>,

    /// Restore the values the last set-webhook replaced
    #[arg(long, conflicts_with_all = ["message", "sys_id"])]
    pub rollback: bool,

    /// With --rollback: restore even over a value someone else set since
    #[arg(long, conflicts_with = "url")]
    pub force: bool,
}

/// `sn-handoff smoke-test`.
#[derive(Debug, Clone, Args)]
pub struct SmokeTestArgs {
    /// How long to wait for the hand-off to reach an agent, in seconds
    #[arg(long, value_name = "SECS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub deadline: u64,

    /// The test requester (user_name); the chat is linked to them by their email [default: the
    /// user sn-handoff signs in as]
    #[arg(long, value_name = "USER")]
    pub user: Option<String>,

    /// The agent (user_name) who should be offered the chat; any agent counts without it
    #[arg(long, value_name = "USER")]
    pub agent: Option<String>,

    /// The text of the request for a live agent
    #[arg(
        long,
        value_name = "TEXT",
        default_value = "sn-handoff smoke test: please connect me to an agent"
    )]
    pub message: String,

    /// Start the conversation without first checking the chain a chat takes (`why-no-agent`)
    #[arg(long)]
    pub no_preflight: bool,
}

/// `sn-handoff why-no-agent`.
#[derive(Debug, Clone, Args)]
pub struct WhyNoAgentArgs {
    /// Step options.
    #[command(flatten)]
    pub steps: StepArgs,
}

/// `sn-handoff doctor`.
#[derive(Debug, Clone, Args)]
pub struct DoctorArgs {
    /// Where to write the bundle (.tar.gz); an existing file is replaced
    #[arg(long, value_name = "FILE")]
    pub bundle: PathBuf,

    /// Turn the outbound HTTP log on for the run, and restore it afterwards
    #[arg(long)]
    pub enable_va_logging: bool,

    /// Step options.
    #[command(flatten)]
    pub steps: StepArgs,
}

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
    #[arg(long, value_name = "USER", alias = "user")]
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
        after_help = "Secrets come from SN_HANDOFF_PASSWORD, SN_HANDOFF_CLIENT_SECRET, SN_HANDOFF_REFRESH_TOKEN, \
--password-stdin, or a hidden prompt. --password-stdin feeds the password (--auth basic, --grant password), the refresh \
token (--grant token) or the client secret (--grant browser).\n\n\
Examples:\n  sn-handoff auth login -i dev123 -u admin\n  printf %s \"$TOKEN\" | sn-handoff auth login -i dev123 --auth oauth --client-id ID --grant token --password-stdin"
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
        after_help = "Run it before the refresh token expires (the auth step of check warns 14 days before).\n\n\
Examples:\n  sn-handoff auth rotate\n  SN_HANDOFF_PASSWORD=… sn-handoff auth rotate --grant password --no-input"
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
