//! Deep step `provider`: the "VA Bot to Bot Provider" (`sys_cs_provider`) and its provider
//! application "VA Bot to Bot Provider Application" (`sys_cs_provider_application`, the
//! "Provider Channel Identity") exist, and the application has a message auth.
//!
//! Sources: ServiceNowDocs `conversational-interfaces/virtual-agent/set-up-message-auth-va-api.md`
//! (a message auth, holding a static or hash token, is set on the "VA Bot to Bot Provider
//! Application" record's Message auth field) and `virtual-agent-common-errors.md` ("Message
//! Auth is mandatory. Without message auth in sys_cs_provider_application, user linking
//! doesn't work"; the provider record is named "VA Bot to Bot Provider"). The application's
//! `message_auth` column is a reference (a published schema of the table names it, with
//! `name`, `provider` and `inbound_id`), so its name and `active` flag are read by dot-walking.
//!
//! Reads the provider and the application by name (two queries, at once). There is no fix
//! through the API: the token is a secret the bot must be given, so the step prints the UI path.

use serde_json::{json, Value};

use super::super::row::Step;
use super::super::{CommandLine, Context, StepId, StepReport};
use crate::servicenow::{field, ApiError, Query, Row};

/// The provider of the bot-to-bot integration.
pub const PROVIDER: &str = "VA Bot to Bot Provider";
/// Its provider application.
pub const APPLICATION: &str = "VA Bot to Bot Provider Application";

/// Where a message auth is made and attached (set-up-message-auth-va-api.md).
pub const MESSAGE_AUTH_PATH: &str = "create a token (token_verification.list → New → Generate Secure Token), a message auth that uses it (message_auth.list → New: Provider \"VA Bot to Bot Provider\", Inbound message verification: the token), then select it in sys_cs_provider_application.list → VA Bot to Bot Provider Application → Message auth, and give the token to the bot";

/// What the step read.
#[derive(Debug, Clone, Default)]
pub struct ProviderFound {
    /// `sys_cs_provider` rows named [`PROVIDER`].
    pub providers: Vec<Row>,
    /// `sys_cs_provider_application` rows named [`APPLICATION`].
    pub applications: Vec<Row>,
}

/// Reads both (at once). A missing table (Glide Virtual Agent inactive) reads as no rows.
pub async fn read(ctx: &Context) -> Result<ProviderFound, ApiError> {
    let (by_provider, by_application) = (
        Query::new().eq("name", PROVIDER),
        Query::new().eq("name", APPLICATION),
    );
    let (providers, applications) = tokio::join!(
        ctx.client.list(
            "sys_cs_provider",
            &by_provider,
            &[
                "sys_id",
                "name",
                "active",
                "automatic_link_enabled",
                "link_account_enabled",
                "automatic_link_action",
                "sys_mod_count",
            ]
        ),
        ctx.client.list(
            "sys_cs_provider_application",
            &by_application,
            &[
                "sys_id",
                "name",
                "inbound_id",
                "provider",
                "provider.name",
                "message_auth",
                "message_auth.name",
                "message_auth.active",
            ]
        ),
    );
    let rows = |result: Result<Vec<Row>, ApiError>, name: &str| match result {
        Ok(rows) => Ok(rows
            .into_iter()
            .filter(|r| field(r, "name") == name)
            .collect()),
        Err(e) if e.invalid_table().is_some() => Ok(Vec::new()),
        Err(e) => Err(e),
    };
    Ok(ProviderFound {
        providers: rows(providers, PROVIDER)?,
        applications: rows(applications, APPLICATION)?,
    })
}

/// Reads and judges.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    Ok(report(&ctx.provider().await?))
}

/// The verdict.
pub fn report(found: &ProviderFound) -> StepReport {
    let id = StepId::Provider;
    let details = json!({"provider": PROVIDER, "application": APPLICATION, "message_auth": null});
    let install = CommandLine::new("plugins --activate");
    let Some(provider) = found.providers.first() else {
        return StepReport::fail(
            id,
            format!("there is no provider \"{PROVIDER}\" (sys_cs_provider); it comes with the Virtual Agent API"),
            details,
            install,
        );
    };
    if field(provider, "active") == "false" {
        return StepReport::fail(
            id,
            format!("the provider \"{PROVIDER}\" is inactive"),
            details,
            format!("activate it: sys_cs_provider.list → {PROVIDER} → Active"),
        );
    }
    let application = match the_application(found, &details) {
        Ok(application) => application,
        Err(report) => return *report,
    };
    application_verdict(provider, application, details)
}

/// Decides which row is the provider application: the one named [`APPLICATION`], else a
/// failing report when there is none or several share the name.
fn the_application<'a>(
    found: &'a ProviderFound,
    details: &Value,
) -> Result<&'a Row, Box<StepReport>> {
    let id = StepId::Provider;
    match found.applications.as_slice() {
        [] => Err(Box::new(StepReport::fail(
            id,
            format!("there is no provider application \"{APPLICATION}\" (sys_cs_provider_application)"),
            details.clone(),
            format!("create it: sys_cs_provider_application.list → New: Name \"{APPLICATION}\", Provider \"{PROVIDER}\" (or reinstall the Virtual Agent API)"),
        ))),
        [one] => Ok(one),
        many => {
            let ids: Vec<&str> = many.iter().map(|r| field(r, "sys_id")).collect();
            Err(Box::new(StepReport::fail(
                id,
                format!("{} provider applications are named \"{APPLICATION}\" (sys_ids {})", many.len(), ids.join(", ")),
                details.clone(),
                "delete or rename the extra ones: sys_cs_provider_application.list",
            )))
        }
    }
}

/// Decides the verdict on the provider `application`: it must belong to `provider` and have
/// an active message auth.
fn application_verdict(provider: &Row, application: &Row, mut details: Value) -> StepReport {
    let id = StepId::Provider;
    let owner = field(application, "provider.name");
    if field(application, "provider") != field(provider, "sys_id") {
        return StepReport::fail(
            id,
            format!(
                "the provider application \"{APPLICATION}\" belongs to {}, not to \"{PROVIDER}\"",
                if owner.is_empty() {
                    "no provider".to_string()
                } else {
                    format!("\"{owner}\"")
                }
            ),
            details,
            format!("sys_cs_provider_application.list → {APPLICATION} → Provider: {PROVIDER}"),
        );
    }
    let auth = field(application, "message_auth.name");
    details["message_auth"] = json!(auth);
    if field(application, "message_auth").is_empty() {
        return StepReport::fail(
            id,
            format!("the provider application \"{APPLICATION}\" has no message auth, so the bot's users are never linked to ServiceNow accounts and token authentication cannot work"),
            details,
            MESSAGE_AUTH_PATH,
        );
    }
    if field(application, "message_auth.active") == "false" {
        return StepReport::fail(
            id,
            format!("the message auth \"{auth}\" of \"{APPLICATION}\" is inactive"),
            details,
            format!("activate it: message_auth.list → {auth} → Active"),
        );
    }
    StepReport::pass(
        id,
        format!("\"{APPLICATION}\" of \"{PROVIDER}\" has the message auth \"{auth}\""),
        details,
    )
}

/// The row of this step.
pub static STEP: Step = Step::deep(StepId::Provider, |ctx| Box::pin(check(ctx)));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::deep::row;
    use crate::steps::Status;

    #[test]
    fn verdicts() {
        let provider = row(&[("sys_id", "p"), ("name", PROVIDER), ("active", "true")]);
        let app = |auth: &str| {
            row(&[
                ("sys_id", "a"),
                ("name", APPLICATION),
                ("provider", "p"),
                ("provider.name", PROVIDER),
                ("message_auth", auth),
                (
                    "message_auth.name",
                    if auth.is_empty() { "" } else { "B2B" },
                ),
            ])
        };
        let found = |apps: Vec<Row>| ProviderFound {
            providers: vec![provider.clone()],
            applications: apps,
        };
        assert_eq!(report(&found(vec![app("m")])).status, Status::Pass);
        let r = report(&found(vec![app("")]));
        assert_eq!(r.status, Status::Fail);
        assert!(r.summary.contains("no message auth"), "{}", r.summary);
        assert!(r.fix_text().unwrap().contains("token_verification.list"));
        assert_eq!(report(&found(vec![])).status, Status::Fail);
        assert_eq!(
            report(&found(vec![app("m"), app("m")])).status,
            Status::Fail
        );
        assert_eq!(
            report(&ProviderFound::default()).fix_text().as_deref(),
            Some("sn-handoff plugins --activate")
        );
    }
}
