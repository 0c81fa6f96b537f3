//! The Kore.ai side of a run, as the steps are given it: the bot's client and what `kore
//! connect` would push. The `kore` step reads and repairs through it, step `webhook` checks
//! the webhook URL's bot against it, and the steps' `Context` carries it; it lives here, with
//! the Kore.ai side, so that `Context` does not name a step's type.

use std::sync::Arc;

use super::connect::Plan;
use super::KoreClient;

/// The Kore.ai side of a run: the client, and (for `check --fix`) what to push.
#[derive(Clone)]
pub struct KoreSide {
    /// The bot's client.
    pub client: Arc<KoreClient>,
    /// Where the bot id came from, for people (`--bot-id`, `SN_HANDOFF_KORE_BOT_ID`, the
    /// profile's `bot_id`, `--demo`).
    pub bot_from: &'static str,
    /// Whether this machine's records of earlier `kore connect` runs may be read (not under
    /// `--demo`, which reads no state of a real instance).
    pub records: bool,
    /// What `kore connect` pushes; set before repairs only (proving the credentials costs a
    /// read that a plain check does not need).
    pub plan: Option<Arc<Plan>>,
}
