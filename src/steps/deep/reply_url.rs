//! Deep step `reply_url`: on Virtual Agent API 4.1 and later, the outbound configuration's REST
//! connection posts the bot's replies to the webhook URL. (Before 4.1 the replies go through
//! the "VA(B)ot to Bot" REST message, which step `webhook` checks.) Where that connection is,
//! and how it is found, is `reply_connection.rs`, which `set-webhook` uses too; this file
//! judges what was found.

use serde_json::json;

use super::super::row::{Phase, Step, DEEP_WHY};
use super::super::webhook::is_placeholder;
use super::super::{shell_quote, CommandLine, Context, StepId, StepReport};
// The connection's lookup was this file's; these paths stay for callers (new code imports
// `deep::reply_connection`).
pub use super::reply_connection::{
    locate, located, read_records, resolve, App, Located, Records, CONFIG_TABLE, CONNECTION,
    CONNECTION_TABLE, FROM, SCOPE, UI_PATH, URL_FIELD,
};
use crate::servicenow::{field, ApiError};

/// Reads and judges.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    Ok(report(
        &located(ctx).await?,
        ctx.opts.webhook_url.as_deref(),
    ))
}

/// The verdict.
pub fn report(located: &Located, expected: Option<&str>) -> StepReport {
    let id = StepId::ReplyUrl;
    let set = |url: Option<&str>| {
        CommandLine::new(format!(
            "set-webhook {}",
            url.map_or_else(|| "WEBHOOK_URL".to_string(), shell_quote)
        ))
    };
    match located {
        Located::NotInstalled => StepReport::fail(
            id,
            "the Virtual Agent API is not installed, so nothing posts the bot's replies",
            json!({"expected": expected}),
            CommandLine::new("plugins --activate"),
        ),
        Located::NotUsed(version) => StepReport::skip(
            id,
            format!("Virtual Agent API {version} replies through the REST message (step webhook); the Bot Connection takes over from 4.1"),
        ),
        Located::Unsure(what) => StepReport::warn(
            id,
            format!("could not confirm where the bot's replies go: {what}"),
            json!({"expected": expected}),
        )
        .with_fix(format!("look at {UI_PATH}")),
        Located::Ambiguous(ids) => StepReport::warn(
            id,
            format!(
                "{} \"{CONNECTION}\" records could be the one that posts the replies (sys_ids {}); could not tell which",
                ids.len(),
                ids.join(", ")
            ),
            json!({"expected": expected, "sys_ids": ids}),
        )
        .with_fix(format!("look at {UI_PATH}")),
        Located::One { version, connection } => {
            let url = field(connection, URL_FIELD);
            let details = json!({
                "expected": expected,
                "version": version,
                "connection": {"record": CONNECTION, "table": CONNECTION_TABLE, "sys_id": field(connection, "sys_id"), "endpoint": url},
            });
            if field(connection, "active") == "false" {
                return StepReport::fail(
                    id,
                    format!("the \"{CONNECTION}\" is inactive, so the bot's replies are not sent"),
                    details,
                    format!("activate it: {UI_PATH} → Active"),
                );
            }
            match expected {
                Some(want) if url == want => StepReport::pass(
                    id,
                    format!("the \"{CONNECTION}\" posts the bot's replies to the webhook URL"),
                    details,
                ),
                Some(want) => StepReport::fail(
                    id,
                    format!("the \"{CONNECTION}\" posts the bot's replies to {}, not to the webhook URL", if url.is_empty() { "nowhere" } else { url }),
                    details,
                    set(Some(want)),
                ),
                None if is_placeholder(url) => StepReport::fail(
                    id,
                    format!("the \"{CONNECTION}\" still holds ServiceNow's example endpoint"),
                    details,
                    set(None),
                ),
                None => StepReport::warn(
                    id,
                    format!("the \"{CONNECTION}\" posts the bot's replies to {url}; pass --webhook-url to check that it is the bot's"),
                    details,
                ),
            }
        }
    }
}

/// The row of this step.
pub static STEP: Step = Step {
    id: StepId::ReplyUrl,
    phase: Phase::Deep,
    affects: &[],
    needs_kore: false,
    init_offers: false,
    why: DEEP_WHY,
    gate: None,
    check: |ctx| Box::pin(check(ctx)),
    fix: Some(|ctx, env| Box::pin(super::super::webhook::repair(ctx, env))),
    prefetch: None,
};

#[cfg(test)]
mod tests {
    use super::super::provider::APPLICATION;
    use super::*;
    use crate::servicenow::Row;
    use crate::steps::deep::row;
    use crate::steps::Status;

    fn records() -> (Vec<Row>, Vec<Row>) {
        let config = row(&[
            ("sys_id", "cfg"),
            ("provider_application.name", APPLICATION),
            ("rest_connection", "alias1"),
        ]);
        let mine = row(&[
            ("sys_id", "c1"),
            ("name", CONNECTION),
            ("connection_alias", "alias1"),
            (URL_FIELD, "https://bot/x"),
            ("active", "true"),
        ]);
        let other = row(&[
            ("sys_id", "c2"),
            ("name", CONNECTION),
            ("connection_alias", "alias2"),
            (URL_FIELD, "https://other/y"),
            ("active", "true"),
        ]);
        (vec![config], vec![other, mine])
    }

    #[test]
    fn the_connection_of_the_configuration_is_found() {
        let (configs, connections) = records();
        let app = App::Installed(Some("4.1.2".into()));
        let Located::One { connection, .. } = resolve(&app, Ok(configs), Ok(connections)).unwrap()
        else {
            panic!("not found")
        };
        assert_eq!(field(&connection, "sys_id"), "c1");
    }

    #[test]
    fn older_versions_and_missing_apps() {
        let (configs, connections) = records();
        let located = resolve(
            &App::Installed(Some("3.15.6".into())),
            Ok(configs.clone()),
            Ok(connections.clone()),
        )
        .unwrap();
        assert_eq!(located, Located::NotUsed("3.15.6".into()));
        assert_eq!(report(&located, None).status, Status::Skip);
        let located = resolve(&App::NotInstalled, Ok(configs), Ok(connections)).unwrap();
        assert_eq!(report(&located, None).status, Status::Fail);
    }

    #[test]
    fn unknown_columns_do_not_guess() {
        let (_, connections) = records();
        // Two configurations, neither with a readable name: which one is ours is unknown.
        let configs = vec![row(&[("sys_id", "a")]), row(&[("sys_id", "b")])];
        let located = resolve(
            &App::Installed(Some("4.1.0".into())),
            Ok(configs),
            Ok(connections.clone()),
        )
        .unwrap();
        assert!(matches!(located, Located::Unsure(_)), "{located:?}");
        assert_eq!(report(&located, None).status, Status::Warn);
        // One configuration without its REST connection column: two candidates.
        let located = resolve(
            &App::Unknown,
            Ok(vec![row(&[("sys_id", "a")])]),
            Ok(connections),
        )
        .unwrap();
        assert!(
            matches!(located, Located::Ambiguous(ref ids) if ids.len() == 2),
            "{located:?}"
        );
    }

    #[test]
    fn verdicts_on_the_url() {
        let (configs, connections) = records();
        let located = resolve(
            &App::Installed(Some("4.1.2".into())),
            Ok(configs),
            Ok(connections),
        )
        .unwrap();
        assert_eq!(report(&located, Some("https://bot/x")).status, Status::Pass);
        let r = report(&located, Some("https://bot/new"));
        assert_eq!(r.status, Status::Fail);
        assert_eq!(
            r.fix_text().as_deref(),
            Some("sn-handoff set-webhook https://bot/new")
        );
        assert_eq!(report(&located, None).status, Status::Warn);
    }
}
