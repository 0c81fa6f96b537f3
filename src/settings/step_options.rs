//! What the steps are given, resolved from the step options' flags, environment and profile:
//! [`StepOptions`], and the check of a webhook URL those options (and `set-webhook`, and
//! `init`'s question) take.

use super::Source;
use crate::command_line::Invocation;
use crate::step_id::StepId;

/// The step options (`--group`, `--agent`, `--webhook-url`, `--skip`, `--requester`), resolved
/// ([`Settings::step_options`](super::Settings::step_options)); the steps take them as a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepOptions {
    /// The AWA group.
    pub group: String,
    /// The agent's user_name.
    pub agent: Option<String>,
    /// The validated webhook URL.
    pub webhook_url: Option<String>,
    /// Where it came from: the flag, the environment or the profile.
    pub webhook_url_source: Option<Source>,
    /// Steps to report as skip.
    pub skip: Vec<StepId>,
    /// The global options the printed fixes keep.
    pub invocation: Invocation,
    /// The email of a requester whose chats must link to their account (`--requester`).
    pub requester: Option<String>,
}

/// Checks that `url` is an absolute `https://` URL without credentials, fragment or spaces.
pub fn validate_webhook_url(url: &str) -> Result<String, String> {
    if url.trim() != url || url.chars().any(char::is_whitespace) {
        return Err(format!("webhook URL `{url}` contains white space"));
    }
    let parsed =
        url::Url::parse(url).map_err(|e| format!("webhook URL `{url}` is not a URL: {e}"))?;
    if parsed.scheme() != "https" {
        return Err(format!("webhook URL `{url}` must start with https://"));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(format!("webhook URL `{url}` has no host"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(format!(
            "webhook URL `{url}` must not hold a user name or password"
        ));
    }
    if parsed.fragment().is_some() {
        return Err(format!("webhook URL `{url}` must not have a #fragment"));
    }
    Ok(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_urls() {
        assert!(validate_webhook_url("https://bots.kore.ai/chatbot/v2/webhook/st-1").is_ok());
        for bad in [
            "http://bots.kore.ai/x",
            "bots.kore.ai/x",
            "https://user:pw@bots.kore.ai/x",
            "https://bots.kore.ai/x#frag",
            "https://bots.kore.ai/a b",
            " https://bots.kore.ai/x",
            "ftp://bots.kore.ai/x",
            "",
        ] {
            assert!(validate_webhook_url(bad).is_err(), "{bad}");
        }
    }
}
