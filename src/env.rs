//! Every environment variable sn-handoff reads, named once. The command line's options take
//! theirs from here (clap's `env =`), and so do the secrets, the tuning variables and the
//! variables `sn-handoff demo` prints. Help and messages that name one in words are checked
//! against [`ALL`] by a test, so a misspelt name cannot hide in them.

/// `--instance`.
pub const INSTANCE: &str = "SN_HANDOFF_INSTANCE";
/// `--profile`.
pub const PROFILE: &str = "SN_HANDOFF_PROFILE";
/// `--auth`.
pub const AUTH: &str = "SN_HANDOFF_AUTH";
/// `--username`.
pub const USERNAME: &str = "SN_HANDOFF_USERNAME";
/// `--client-id`.
pub const CLIENT_ID: &str = "SN_HANDOFF_CLIENT_ID";
/// `--no-input`.
pub const NO_INPUT: &str = "SN_HANDOFF_NO_INPUT";
/// `--timeout`.
pub const TIMEOUT: &str = "SN_HANDOFF_TIMEOUT";
/// `--ca-cert`.
pub const CA_CERT: &str = "SN_HANDOFF_CA_CERT";
/// `--client-cert`.
pub const CLIENT_CERT: &str = "SN_HANDOFF_CLIENT_CERT";
/// `--client-key`.
pub const CLIENT_KEY: &str = "SN_HANDOFF_CLIENT_KEY";
/// `--config`.
pub const CONFIG: &str = "SN_HANDOFF_CONFIG";
/// `--kore-host`.
pub const KORE_HOST: &str = "SN_HANDOFF_KORE_HOST";
/// `--bot-id`.
pub const KORE_BOT_ID: &str = "SN_HANDOFF_KORE_BOT_ID";
/// `--kore-client-id`.
pub const KORE_CLIENT_ID: &str = "SN_HANDOFF_KORE_CLIENT_ID";
/// `--kore-admin-client-id`.
pub const KORE_ADMIN_CLIENT_ID: &str = "SN_HANDOFF_KORE_ADMIN_CLIENT_ID";
/// `--webhook-url`.
pub const WEBHOOK_URL: &str = "SN_HANDOFF_WEBHOOK_URL";

/// The ServiceNow password (basic sign-in).
pub const PASSWORD: &str = "SN_HANDOFF_PASSWORD";
/// The OAuth client secret.
pub const CLIENT_SECRET: &str = "SN_HANDOFF_CLIENT_SECRET";
/// The OAuth refresh token.
pub const REFRESH_TOKEN: &str = "SN_HANDOFF_REFRESH_TOKEN";
/// The API key (`--auth apikey`).
pub const API_KEY: &str = "SN_HANDOFF_API_KEY";
/// The passphrase of the client certificate's key (`--auth certificate`).
pub const CLIENT_KEY_PASSPHRASE: &str = "SN_HANDOFF_CLIENT_KEY_PASSPHRASE";
/// An OAuth access token (no option reads it: the keyring's entry kind names it).
pub const ACCESS_TOKEN: &str = "SN_HANDOFF_ACCESS_TOKEN";
/// The Kore.ai bot app's client secret.
pub const KORE_CLIENT_SECRET: &str = "SN_HANDOFF_KORE_CLIENT_SECRET";
/// The Kore.ai Admin Console app's client secret.
pub const KORE_ADMIN_CLIENT_SECRET: &str = "SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET";
/// The provider application's message auth token (`smoke-test`).
pub const MESSAGE_TOKEN: &str = "SN_HANDOFF_MESSAGE_TOKEN";

/// Requests in flight at once.
pub const CONCURRENCY: &str = "SN_HANDOFF_CONCURRENCY";
/// How long a keyring call may take, in seconds.
pub const KEYRING_TIMEOUT: &str = "SN_HANDOFF_KEYRING_TIMEOUT";
/// How often activations are polled, in milliseconds (the tests make it short).
pub const POLL_MS: &str = "SN_HANDOFF_POLL_MS";

/// [`POLL_MS`], when it is a whole number of milliseconds above 0 (else the defaults stand).
pub fn poll_ms() -> Option<u64> {
    std::env::var(POLL_MS)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|ms| *ms > 0)
}

/// Set by the completion scripts only: the run answers a shell's TAB and exits.
pub const COMPLETE: &str = "SN_HANDOFF_COMPLETE";

/// Every one of them.
pub const ALL: &[&str] = &[
    COMPLETE,
    INSTANCE,
    PROFILE,
    AUTH,
    USERNAME,
    CLIENT_ID,
    NO_INPUT,
    TIMEOUT,
    CA_CERT,
    CLIENT_CERT,
    CLIENT_KEY,
    CONFIG,
    KORE_HOST,
    KORE_BOT_ID,
    KORE_CLIENT_ID,
    KORE_ADMIN_CLIENT_ID,
    WEBHOOK_URL,
    PASSWORD,
    CLIENT_SECRET,
    REFRESH_TOKEN,
    API_KEY,
    CLIENT_KEY_PASSPHRASE,
    ACCESS_TOKEN,
    KORE_CLIENT_SECRET,
    KORE_ADMIN_CLIENT_SECRET,
    MESSAGE_TOKEN,
    CONCURRENCY,
    KEYRING_TIMEOUT,
    POLL_MS,
];
