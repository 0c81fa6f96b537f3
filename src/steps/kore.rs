//! The `kore` step (after the guide's seven, before the deep ones; only with Kore.ai settings):
//! the bot hands conversations to ServiceNow. The verdict is `kore::status::judge`'s; a refused
//! JWT or a missing scope fails the step and makes the run exit 3. `check --fix` repairs it as
//! `kore connect --publish` does.

use std::sync::Arc;

use serde_json::json;

use super::engine::{Phase, Repair, Step};
use super::{Context, Status, StepId, StepReport};
use crate::kore::connect::{self, Plan, Published};
use crate::kore::{status, KoreClient};

pub const ID: StepId = StepId::new("kore");

/// The Kore.ai side of a run: the client, and (for `check --fix`) what to push.
#[derive(Clone)]
pub struct KoreSide {
    /// The bot's client.
    pub client: Arc<KoreClient>,
    /// What `kore connect` pushes; set before repairs only (proving the credentials costs a
    /// read that a plain check does not need).
    pub plan: Option<Arc<Plan>>,
}

/// The fix: `sn-handoff kore connect --publish` under the run's global options.
fn fix_command(ctx: &Context) -> super::Fix {
    ctx.opts
        .invocation
        .command(status::FIX.trim_start_matches("sn-handoff ").to_string())
        .into()
}

/// The `error` of the step's JSON details for a Kore.ai failure of `kind` (the words the
/// report has always carried).
fn kind_word(kind: crate::error::ErrorKind) -> &'static str {
    use crate::error::ErrorKind;
    match kind {
        ErrorKind::CheckFailed => "checkfailed",
        ErrorKind::Usage => "usage",
        ErrorKind::Auth => "auth",
        ErrorKind::Unusable => "unusable",
        ErrorKind::WriteFailed => "writefailed",
        ErrorKind::Interrupted => "interrupted",
    }
}

async fn check(ctx: &Context) -> StepReport {
    let Some(side) = &ctx.kore else {
        return StepReport::skip(ID, "no Kore.ai settings");
    };
    match status::read(&side.client).await {
        Ok(verdict) => match verdict.status {
            Status::Pass => StepReport::pass(ID, verdict.summary, verdict.details),
            Status::Warn => {
                StepReport::warn(ID, verdict.summary, verdict.details).with_fix(fix_command(ctx))
            }
            _ => StepReport::fail(ID, verdict.summary, verdict.details, fix_command(ctx)),
        },
        Err(e) => {
            // A refused JWT or a missing scope (exit 3), Kore.ai unreachable (exit 4).
            ctx.raise(e.kind().into());
            let fix = e.hint().map(str::to_string).unwrap_or_else(|| {
                "check the Kore.ai app's client id, secret and scopes (docs/kore.md)".into()
            });
            StepReport::fail(
                ID,
                format!("Kore.ai refused or could not be reached: {}", e.message()),
                json!({"error": kind_word(e.kind())}),
                fix,
            )
        }
    }
}

async fn fix(ctx: &Context, deadline: std::time::Duration) -> Repair {
    let Some(KoreSide {
        client,
        plan: Some(plan),
    }) = &ctx.kore
    else {
        return Repair::Needs(format!("run `{}`", fix_command(ctx)));
    };
    if crate::journal::dry_run(&ctx.client) {
        for change in planned(client, plan) {
            crate::journal::would(&ctx.client, &change);
        }
        return Repair::Fixed("would write the ServiceNow integration and publish".into());
    }
    let outcome = match connect::connect(client, plan).await {
        Ok(outcome) => outcome,
        Err(e) => return Repair::Failed(e),
    };
    match connect::publish_and_wait(client, deadline, |_| {}).await {
        Ok(Published::Done) => Repair::Fixed(format!(
            "ServiceNow agent integration written ({}), made the default and published",
            outcome.integration_method
        )),
        Ok(Published::Failed(problems)) => Repair::Failed(crate::error::Error::new(
            crate::error::ErrorKind::WriteFailed,
            format!(
                "the integration is written but the publish failed{}",
                if problems.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", problems.join(", "))
                }
            ),
        )),
        Ok(Published::TimedOut { .. }) => Repair::Failed(crate::error::Error::new(
            crate::error::ErrorKind::WriteFailed,
            "the integration is written but the publish was still running after --deadline",
        )),
        Err(e) => Repair::Failed(e),
    }
}

/// The table of the Kore.ai side's changes begins with this (`kore.ai/agentintegrations`).
pub const KORE_TABLE_PREFIX: &str = "kore.ai/";

/// What the repair writes on the Kore.ai side, as changes of the bot (the calls of
/// `kore connect --publish --dry-run`): the ServiceNow integration (with the instance and the
/// method Kore.ai signs in with, never a secret), ServiceNow as the default for every channel,
/// and a publish.
pub fn planned(client: &KoreClient, plan: &Plan) -> Vec<crate::steps::change::Change> {
    use crate::steps::change::Change;
    let bot = client.bot_id();
    let method = match plan.auth {
        connect::ServiceNowAuth::Basic { .. } => "basic",
        connect::ServiceNowAuth::OAuth { .. } => "oauth",
    };
    let table = |name: &str| format!("{KORE_TABLE_PREFIX}{name}");
    let mut changes = vec![Change::update(
        &table("agentintegrations"),
        bot,
        bot,
        "servicenow",
        "",
        &format!("{} ({method})", plan.instance.as_str()),
    )];
    if plan.set_default {
        changes.push(Change::update(
            &table("channelmappings"),
            bot,
            bot,
            "default",
            "",
            "ServiceNow, for every enabled channel",
        ));
    }
    changes.push(Change::update(
        &table("publish"),
        bot,
        bot,
        "published",
        "",
        "published",
    ));
    changes
}

/// The row.
pub static STEP: Step = Step {
    id: ID,
    phase: Phase::Extra,
    why: "The bot hands a conversation to ServiceNow only when ServiceNow is its default agent integration, mapped for every channel and published.",
    gate: None,
    check: |ctx| Box::pin(async move { Ok(check(ctx).await) }),
    fix: Some(|ctx, env| Box::pin(fix(ctx, env.deadline))),
};

/// The Kore.ai side of a run, when Kore.ai settings are given (flag, environment, profile or
/// `--demo`); a missing id or secret is the usual usage error.
pub fn side(settings: &crate::settings::Settings) -> crate::error::Result<Option<KoreSide>> {
    if !crate::kore::KoreSettings::present(settings) {
        return Ok(None);
    }
    let kore = crate::kore::KoreSettings::resolve(settings)?;
    Ok(Some(KoreSide {
        client: Arc::new(kore.client(settings)?),
        plan: None,
    }))
}

/// The side with what `kore connect` pushes (the credentials of the run's `client`, proven
/// first), for the repair.
pub async fn with_plan(
    client: &crate::servicenow::Client,
    side: KoreSide,
) -> crate::error::Result<KoreSide> {
    let auth = crate::kore::settings::servicenow_auth_of(client).await?;
    Ok(KoreSide {
        plan: Some(Arc::new(Plan {
            instance: client.instance().clone(),
            auth,
            queue_id: None,
            set_default: true,
        })),
        ..side
    })
}
