//! Both sides of one hand-off: the webhook URL ServiceNow posts the agent's replies to must be
//! the configured Kore.ai bot's. A Kore.ai webhook URL names its bot (`…/webhook/st-<UUID>`);
//! when a bot is configured (`--bot-id`, `SN_HANDOFF_KORE_BOT_ID`, the profile's `bot_id`, or
//! `--demo`'s) and a URL the step looks at (the expected one, else what the instance holds)
//! names another bot, the `webhook` step fails naming both ids and where each came from. A URL
//! that names no bot id cannot be tied to the bot: the step warns instead of passing.

use serde_json::{json, Value};

pub use crate::kore::settings::ConfiguredBot;
use crate::steps::{shell_quote, CommandLine, Status, StepReport};

/// The Kore.ai bot id (`st-` and a UUID, 8-4-4-4-12 hexadecimal digits) a URL holds, if any.
pub fn bot_id_in(url: &str) -> Option<&str> {
    bot_ids_in(url).next().map(|(_, id)| id)
}

/// Each Kore.ai bot id in a text, in order, with the byte offset it starts at. An id is `st-`
/// and a UUID (8-4-4-4-12 hexadecimal digits), neither the tail of a longer word (`xst-…`) nor
/// followed by more of an id.
pub fn bot_ids_in(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    text.match_indices("st-").filter_map(move |(begin, _)| {
        let candidate = text.get(begin..begin + 39)?;
        let uuid = &candidate[3..];
        let shaped = uuid.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        });
        let before_ok = begin == 0 || !bytes[begin - 1].is_ascii_alphanumeric();
        let after_ok = bytes
            .get(begin + 39)
            .is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b'-');
        (shaped && before_ok && after_ok).then_some((begin, candidate))
    })
}

/// Whether `url` may be the configured bot's webhook URL: it names no bot id, or `bot`'s.
pub fn fits_bot(url: &str, bot: Option<&ConfiguredBot>) -> bool {
    match (bot, bot_id_in(url)) {
        (Some(bot), Some(id)) => id.eq_ignore_ascii_case(&bot.id),
        _ => true,
    }
}

/// The URL with its bot id (the first [`bot_ids_in`] finds, at its own place) replaced by
/// `bot`: what the bot's own webhook URL most likely is.
fn with_bot(url: &str, bot: &str) -> String {
    match bot_ids_in(url).next() {
        Some((at, id)) => format!("{}{bot}{}", &url[..at], &url[at + id.len()..]),
        None => url.to_string(),
    }
}

/// Ties the `webhook` step's verdict to the configured bot (see the module's text). `expected`
/// is the expected URL and `expected_from` where it came from, for people.
pub fn tie(
    mut report: StepReport,
    bot: Option<&ConfiguredBot>,
    expected: Option<&str>,
    expected_from: &str,
) -> StepReport {
    let Some(bot) = bot else { return report };
    let urls = urls_to_tie(&report, expected, expected_from);
    report
        .details
        .insert("bot_id".into(), json!({"id": bot.id, "from": bot.from}));
    let mismatch = urls.iter().find_map(|(url, from)| match bot_id_in(url) {
        Some(id) if !id.eq_ignore_ascii_case(&bot.id) => Some((url, from, id)),
        _ => None,
    });
    if let Some((url, from, id)) = mismatch {
        let expected_from = expected.map(|_| expected_from);
        return another_bot(
            report,
            bot,
            [url.as_str(), from.as_str(), id],
            expected_from,
        );
    }
    tied(report, bot, &urls, expected.is_some())
}

/// The URLs to tie, each with where it came from: the expected one; else every one the
/// instance holds (not a placeholder), a URL held by several records named once.
fn urls_to_tie(
    report: &StepReport,
    expected: Option<&str>,
    expected_from: &str,
) -> Vec<(String, String)> {
    if let Some(url) = expected {
        return vec![(url.to_string(), expected_from.to_string())];
    }
    let mut urls: Vec<(String, String)> = Vec::new();
    for e in report
        .details
        .get("endpoints")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let endpoint = e["endpoint"].as_str().unwrap_or_default();
        if super::is_placeholder(endpoint) {
            continue;
        }
        let from = format!(
            "\"{}\" on the instance",
            e["record"].as_str().unwrap_or("?")
        );
        match urls.iter_mut().find(|(u, _)| u == endpoint) {
            Some((_, sources)) => {
                sources.push_str(" and ");
                sources.push_str(&from);
            }
            None => urls.push((endpoint.to_string(), from)),
        }
    }
    urls
}

/// The failure when the webhook URL `url` (from `from`) names another bot `id` than the
/// configured one; the fix proposes the URL with the configured bot's id (and, with an
/// expected URL, where that URL came from, `expected_from`).
fn another_bot(
    report: StepReport,
    bot: &ConfiguredBot,
    [url, from, id]: [&str; 3],
    expected_from: Option<&str>,
) -> StepReport {
    let fixed = with_bot(url, &bot.id);
    let set = format!("set-webhook {}", shell_quote(&fixed));
    let fix = match expected_from {
        Some(expected_from) => CommandLine::new(set).note(format!(
            "the configured bot's URL if only the id differs; put it in {expected_from} too, or configure bot {id} in place of {}",
            bot.from
        )),
        None => CommandLine::new(set).note(format!(
            "the configured bot's URL if only the id differs, or configure bot {id} in place of {}",
            bot.from
        )),
    };
    let mut details = report.details;
    details.insert("url_bot_id".into(), json!({"id": id, "from": from}));
    let summary = format!(
        "the webhook URL names Kore.ai bot {id} (from {from}), but the configured bot is {} (from {}): the agent's replies would go to another bot",
        bot.id, bot.from
    );
    let mut failed = StepReport::fail(report.id, summary, Value::Null, fix);
    failed.details = details;
    failed
}

/// Decides the verdict when no URL names another bot: without an expected URL, one URL held
/// everywhere that names the configured bot is the bot's (a warning becomes a pass); a passing
/// verdict with a URL that names no bot id becomes a warning.
fn tied(
    mut report: StepReport,
    bot: &ConfiguredBot,
    urls: &[(String, String)],
    has_expected: bool,
) -> StepReport {
    let untied: Vec<&(String, String)> = urls
        .iter()
        .filter(|(url, _)| bot_id_in(url).is_none())
        .collect();
    // Without an expected URL, one URL held everywhere that names the configured bot is the
    // bot's: the configured bot id is what ties it.
    if !has_expected && report.status == Status::Warn && urls.len() == 1 && untied.is_empty() {
        let all = report
            .summary
            .split(" point at ")
            .next()
            .unwrap_or_default();
        report.status = Status::Pass;
        report.summary = format!(
            "{all} point at {}, the webhook URL of the configured bot {} (from {})",
            urls[0].0, bot.id, bot.from
        );
        return report;
    }
    if report.status == Status::Pass && !untied.is_empty() {
        let (url, from) = untied[0];
        report.status = Status::Warn;
        report.summary = format!(
            "{}; but {url} (from {from}) cannot be tied to the bot {}: it names no Kore.ai bot id",
            report.summary, bot.id
        );
    } else if report.status == Status::Pass {
        report.summary = format!("{}, bot {} (as configured)", report.summary, bot.id);
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "st-0a1b2c3d-0000-4000-8000-000000000001";
    const B: &str = "st-99999999-9999-4999-8999-999999999999";

    #[test]
    fn finds_the_bot_id() {
        assert_eq!(
            bot_id_in(&format!("https://bots.kore.ai/chatbot/v2/webhook/{A}")),
            Some(A)
        );
        assert_eq!(
            bot_id_in(&format!("https://x.example/hook?bot={B}&x=1")),
            Some(B)
        );
        assert_eq!(
            bot_id_in("https://bots.kore.ai/chatbot/v2/webhook/st-1"),
            None
        );
        assert_eq!(bot_id_in(&format!("https://x/{A}0")), None);
        assert_eq!(bot_id_in(&format!("https://x/a{A}")), None);
    }

    fn report(url: &str) -> StepReport {
        StepReport::pass(
            crate::steps::StepId::Webhook,
            "\"VABot to Bot\" and \"postMessage\" point at the webhook URL",
            json!({"endpoints": [{"record": "VABot to Bot", "endpoint": url}]}),
        )
    }

    #[test]
    fn another_bot_fails_naming_both() {
        let bot = ConfiguredBot {
            id: A.into(),
            from: "SN_HANDOFF_KORE_BOT_ID",
        };
        let url = format!("https://bots.kore.ai/chatbot/v2/webhook/{B}");
        let tied = tie(report(&url), Some(&bot), Some(&url), "--webhook-url");
        assert_eq!(tied.status, Status::Fail);
        assert!(tied.summary.contains(A) && tied.summary.contains(B));
        assert!(tied.summary.contains("SN_HANDOFF_KORE_BOT_ID"));
        assert!(tied.summary.contains("--webhook-url"));
        let own = format!("https://bots.kore.ai/chatbot/v2/webhook/{A}");
        assert_eq!(tie(report(&own), Some(&bot), None, "").status, Status::Pass);
        let untied = tie(report("https://hooks.example/bot"), Some(&bot), None, "");
        assert_eq!(untied.status, Status::Warn);
        assert!(untied.summary.contains("cannot be tied to the bot"));
        // Without a configured bot nothing changes.
        assert_eq!(tie(report(&url), None, Some(&url), "").status, Status::Pass);
    }

    #[test]
    fn the_proposed_url_replaces_the_id_where_it_was_found() {
        // The same text first stands inside a longer word, which is no bot id.
        let url = format!("https://x{B}.example/webhook/{B}");
        assert_eq!(
            with_bot(&url, A),
            format!("https://x{B}.example/webhook/{A}")
        );
        let plain = format!("https://bots.kore.ai/chatbot/v2/webhook/{B}");
        assert_eq!(
            with_bot(&plain, A),
            format!("https://bots.kore.ai/chatbot/v2/webhook/{A}")
        );
    }
}
