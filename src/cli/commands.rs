//! The commands that serve an instance, with their own options.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::step_id::StepId;
use crate::ui::Format;

#[cfg(feature = "demo")]
use super::nested::DemoArgs;
use super::nested::{AgentArgs, AuthArgs, CompletionsArgs, KoreArgsCommand, ManArgs};

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
        after_help = "Examples:\n  sn-handoff why-no-agent --agent abel.tuter\n  sn-handoff why-no-agent --agent abel.tuter --requester abel.tuter@example.com --json\n  sn-handoff why-no-agent --agent abel.tuter --format markdown >> \"$GITHUB_STEP_SUMMARY\"\n  sn-handoff --demo --demo-scenario no-capacity why-no-agent --agent abel.tuter"
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

    /// Show what differs for the hand-off between two profiles' instances (and bots); exit 1
    /// on drift
    #[command(
        long_about = "Show what differs for the hand-off between two profiles' instances (and bots).\n\nReads both as `check --deep` does, at once, each with its own credentials, and compares what \
the hand-off depends on: the steps' verdicts, the plugins and their versions, the Virtual Agent \
API's version line, the group's roles and whether the agent is a member, the webhook endpoints \
and the bot ids in them, the agent's presence and channels, the deep steps' properties, and \
the Kore.ai side's integration state. Values that differ by design between environments (the \
instance URL, the webhook URL, the agent's and users' names) are compared by shape, not value. \
Exit 0 when nothing differs, 1 when something does, 3 or 4 when an instance or its \
credentials could not be used.",
        after_help = "Examples:\n  sn-handoff diff dev prod\n  sn-handoff diff test prod --json\n  sn-handoff diff dev prod --format markdown >> \"$GITHUB_STEP_SUMMARY\""
    )]
    Diff(DiffArgs),
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
    #[arg(long, value_name = "USER", add = clap_complete::ArgValueCandidates::new(super::complete::agents))]
    pub agent: Option<String>,

    /// The Kore.ai webhook URL the "VABot to Bot" message must point at
    #[arg(
        long,
        value_name = "URL",
        env = crate::env::WEBHOOK_URL,
        hide_env_values = true
    )]
    pub webhook_url: Option<String>,

    /// A step to report as `skip` (repeatable; not `instance` or `auth`, which every other
    /// step needs)
    #[arg(long, value_name = "STEP", value_parser = skip_parser(Vec::new()))]
    pub skip: Vec<StepId>,

    /// With --deep: the email a requester's chats carry
    ///
    /// It must name exactly one active, unlocked user (else the chat arrives as Guest)
    #[arg(long, value_name = "EMAIL")]
    pub requester: Option<String>,
}

/// The parser of `--skip STEP`: one of `skippable`, offered as the possible values (in
/// `--help` and the completions). The step table, above this layer, says which steps there
/// are: [`command`](super::command) is given them; [`Cli`](super::Cli)'s own definition
/// takes none.
pub fn skip_parser(skippable: Vec<StepId>) -> impl clap::builder::TypedValueParser<Value = StepId> {
    use clap::builder::TypedValueParser;
    let names: Vec<&'static str> = skippable.iter().map(|id| id.as_str()).collect();
    clap::builder::PossibleValuesParser::new(names).map(move |name| {
        *skippable
            .iter()
            .find(|id| id.as_str() == name)
            .expect("the parser only lets skippable ids through")
    })
}

/// `sn-handoff check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Report format on stdout [default: human]
    ///
    /// Beside a machine format the human lines go to stderr
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Step options.
    #[command(flatten)]
    pub steps: StepArgs,

    /// After the checks, repair every failing step it can (plugins first), then check again
    #[arg(long)]
    pub fix: bool,

    /// Also verify what the guide omits but a hand-off needs (eleven more steps)
    ///
    /// The steps: agent_chat, reply_url, provider, live_agent_channel, queue, routing,
    /// assignment_rule, chat_presence, capacity, account_linking, requester
    #[arg(long)]
    pub deep: bool,

    /// With --fix: how long to watch plugin activations, in minutes
    #[arg(long, value_name = "MIN", requires = "fix", default_value = "30", value_parser = parse_deadline)]
    pub deadline: std::time::Duration,

    /// With --fix: the plan, every write on both sides; nothing sent
    ///
    /// Exit 0 when there is nothing to do, 1 when there is
    #[arg(long, requires = "fix")]
    pub dry_run: bool,

    /// Check these profiles at once (comma-separated); one combined report
    ///
    /// Each profile of the config file with its own instance and credentials; the exit code is
    /// the worst profile's
    #[arg(long, value_name = "NAMES", value_delimiter = ',', conflicts_with_all = ["all_profiles", "fix"])]
    pub profiles: Vec<String>,

    /// Check every profile of the config file at once
    ///
    /// As --profiles with all their names
    #[arg(long, conflicts_with = "fix")]
    pub all_profiles: bool,
}

impl CheckArgs {
    /// Whether the run checks several profiles (`--profiles`, `--all-profiles`).
    pub fn fleet(&self) -> bool {
        self.all_profiles || !self.profiles.is_empty()
    }
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

    /// Write nothing and save no profile: run unattended (as --no-input) and print every
    /// write the guide's repairs would make on both sides (as `check --fix --dry-run`); exit 0
    /// when there is nothing to do, 1 when there is
    #[arg(long)]
    pub dry_run: bool,
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
    #[arg(long, value_name = "USER", add = clap_complete::ArgValueCandidates::new(super::complete::agents))]
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

    /// With a URL: set it even when it names another Kore.ai bot than the configured one.
    /// With --rollback: restore even over a value someone else set since
    #[arg(long)]
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
    #[arg(long, value_name = "USER", add = clap_complete::ArgValueCandidates::new(super::complete::agents))]
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
    /// Output format: human (one sentence a link, then the fix), json (the same as --json) or
    /// markdown (a table of the links and the chain as a Mermaid flowchart) [default: human]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Step options.
    #[command(flatten)]
    pub steps: StepArgs,
}

/// `sn-handoff diff`.
#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// The first profile (its values are the left column)
    #[arg(value_name = "PROFILE_A")]
    pub profile_a: String,

    /// The second profile
    #[arg(value_name = "PROFILE_B")]
    pub profile_b: String,

    /// Output format: human, json or markdown [default: human]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Show every value compared, not only those that differ (human and markdown)
    #[arg(long)]
    pub all: bool,
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
