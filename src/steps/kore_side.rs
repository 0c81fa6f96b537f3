//! The `kore` step (after the guide's seven, before the deep ones; only with Kore.ai settings):
//! the bot hands conversations to ServiceNow. The verdict is `kore::status::judge`'s; a refused
//! JWT or a missing scope fails the step and makes the run exit 3. `check --fix` repairs it as
//! `kore connect --publish` does.

use std::sync::Arc;

use serde_json::json;

use super::row::{Phase, Repair, Step};
use super::{Context, Status, StepId, StepReport};
use crate::kore::connect::{self, Plan, Published};
pub use crate::kore::side::KoreSide;
use crate::kore::{status, KoreClient};

pub const ID: StepId = StepId::new("kore");

/// The fix: `sn-handoff kore connect --publish` under the run's global options.
fn fix_command(ctx: &Context) -> super::Fix {
    ctx.opts
        .invocation
        .command(status::FIX.trim_start_matches("sn-handoff ").to_string())
        .into()
}

/// The `error` of the step's JSON details for a Kore.ai failure of `kind`: the JSON error
/// document's kind without its underscores (`writefailed`), the words the report has always
/// carried.
fn kind_word(kind: crate::error::ErrorKind) -> String {
    crate::ui::kind_name(kind).replace('_', "")
}

async fn check(ctx: &Context) -> StepReport {
    let Some(side) = &ctx.kore else {
        return StepReport::skip(ID, "no Kore.ai settings");
    };
    match status::read(&side.client).await {
        Ok(verdict) => {
            let verdict = written_for(
                verdict,
                &side.client,
                ctx.client.instance().as_str(),
                side.records,
            );
            match verdict.status {
                Status::Pass => StepReport::pass(ID, verdict.summary, verdict.details),
                Status::Warn => StepReport::warn(ID, verdict.summary, verdict.details)
                    .with_fix(fix_command(ctx)),
                _ => StepReport::fail(ID, verdict.summary, verdict.details, fix_command(ctx)),
            }
        }
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

/// Compares the instance the bot's integration was written for with this one. Kore.ai
/// documents no read of an integration, so the only record is this machine's (the state
/// file's record of the last `kore connect`): another instance there fails; none says that
/// the instance is not verifiable (`details.integration_instance`).
fn written_for(
    mut verdict: status::Verdict,
    client: &crate::kore::KoreClient,
    instance: &str,
    records: bool,
) -> status::Verdict {
    let record = records
        .then(|| crate::state::kore_written_for(client.bot_id(), client.host().as_str()))
        .flatten();
    let (value, note) = match &record {
        Some((written, at)) if written == instance => (
            json!({"verifiable": false, "recorded": written, "at": at}),
            format!(
                "; its integration was written for this instance by kore connect on {} (this machine's record: Kore.ai offers no read of it)",
                crate::state::describe_time(*at)
            ),
        ),
        Some((written, at)) => {
            if let Some(d) = verdict.details.as_object_mut() {
                d.insert(
                    "integration_instance".into(),
                    json!({"verifiable": false, "recorded": written, "at": at}),
                );
            }
            verdict.status = Status::Fail;
            verdict.summary = format!(
                "the bot's ServiceNow integration was last written for {written} (kore connect on {}, this machine's record), not for {instance}: its hand-offs go to that instance",
                crate::state::describe_time(*at)
            );
            verdict.fix = Some(status::FIX.into());
            return verdict;
        }
        None => (
            json!({"verifiable": false, "recorded": null}),
            if records {
                "; which ServiceNow instance its integration names is not verifiable (Kore.ai offers no read of it, and kore connect has not written it from this machine)"
            } else {
                "; which ServiceNow instance its integration names is not verifiable (Kore.ai offers no read of it)"
            }
            .to_string(),
        ),
    };
    if let Some(d) = verdict.details.as_object_mut() {
        d.insert("integration_instance".into(), value);
    }
    if verdict.status != Status::Fail {
        verdict.summary.push_str(&note);
    }
    verdict
}

async fn fix(ctx: &Context, env: &super::row::Repairing<'_>) -> Repair {
    let deadline = env.deadline;
    let Some(KoreSide {
        client,
        plan: Some(plan),
        ..
    }) = &ctx.kore
    else {
        return Repair::Needs(format!("run `{}`", fix_command(ctx)));
    };
    // Publishing needs the Admin Console app: without one nothing is written.
    if let Err(e) = connect::require_publisher(client) {
        return Repair::Needs(format!(
            "{} ({})",
            e.message(),
            e.hint().unwrap_or_default()
        ));
    }
    if crate::journal::dry_run(&ctx.client) {
        for change in planned(client, plan) {
            crate::journal::would(&ctx.client, &change);
        }
        return Repair::Fixed("would write the ServiceNow integration and publish".into());
    }
    let outcome = match connect::connect(client, plan, env.state.is_some()).await {
        Ok(outcome) => outcome,
        Err(e) => return Repair::Failed(e),
    };
    match connect::publish_and_wait(client, deadline, true, |_| {}).await {
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
    affects: &[],
    needs_kore: true,
    init_offers: false,
    why: "The bot hands a conversation to ServiceNow only when ServiceNow is its default agent integration, mapped for every channel and published.",
    gate: None,
    check: |ctx| Box::pin(async move { Ok(check(ctx).await) }),
    fix: Some(|ctx, env| Box::pin(fix(ctx, env))),
    prefetch: None,
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
        bot_from: crate::kore::settings::bot_source(settings),
        records: settings.saves(),
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

#[cfg(test)]
mod tests {
    use crate::error::ErrorKind;

    #[test]
    fn the_kind_words_are_the_error_kinds_without_underscores() {
        assert_eq!(super::kind_word(ErrorKind::CheckFailed), "checkfailed");
        assert_eq!(super::kind_word(ErrorKind::WriteFailed), "writefailed");
        assert_eq!(super::kind_word(ErrorKind::Auth), "auth");
    }
}
