//! One hand-off, both sides: the webhook URL ServiceNow posts to must be the configured Kore.ai
//! bot's. The real binary against both simulators.

use sn_handoff::sim::kore::KoreSimOptions;
use sn_handoff::sim::CONFIGURED_WEBHOOK_URL;

use crate::common::{run, Scenario};
use crate::kore::Both;

/// Another bot than the one the configured instance's webhook URL names.
const OTHER_BOT: &str = "st-99999999-9999-4999-8999-999999999999";

fn endpoints(b: &Both) -> Vec<String> {
    let mut urls: Vec<String> = ["sys_rest_message", "sys_rest_message_fn"]
        .iter()
        .flat_map(|t| b.sn.sim.rows(t))
        .map(|r| r["rest_endpoint"].as_str().unwrap_or_default().to_string())
        .collect();
    urls.sort();
    urls
}

#[test]
fn a_webhook_url_of_another_bot_fails_the_check_naming_both_ids() {
    // ServiceNow posts to the simulated bot st-…0001; the configured bot is another one.
    let b = Both::on(
        Scenario::Configured,
        KoreSimOptions {
            bot_id: Some(OTHER_BOT.into()),
            configured: true,
            ..KoreSimOptions::default()
        },
    );
    let r = run(b.bare().args(["check", "--json"]));
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    let step = r.step("webhook");
    assert_eq!(step["status"], "fail", "{step}");
    let summary = step["summary"].as_str().unwrap();
    assert!(summary.contains(OTHER_BOT), "{summary}");
    assert!(summary.contains("st-00000000-0000-4000-8000-000000000001"));
    assert!(summary.contains("SN_HANDOFF_KORE_BOT_ID"), "{summary}");
    assert!(summary.contains("on the instance"), "{summary}");
    assert_eq!(step["details"]["bot_id"]["id"], OTHER_BOT);
    // The fix points ServiceNow at the configured bot's URL.
    let fix = step["fix"].as_str().unwrap();
    assert!(
        fix.contains(&format!(
            "set-webhook https://bots.kore.ai/chatbot/v2/webhook/{OTHER_BOT}"
        )),
        "{fix}"
    );

    // The same with the expected URL given: both sources named.
    let r = run(b
        .bare()
        .args(["check", "--json", "--webhook-url", CONFIGURED_WEBHOOK_URL]));
    let summary = r.summary("webhook");
    assert_eq!(r.status_of("webhook"), "fail");
    assert!(summary.contains("from --webhook-url"), "{summary}");
}

#[test]
fn the_configured_bots_own_url_passes_and_a_url_without_a_bot_id_warns() {
    let b = Both::on(
        Scenario::Configured,
        KoreSimOptions {
            configured: true,
            ..KoreSimOptions::default()
        },
    );
    // No expected URL: the configured bot's id in what the instance holds ties it.
    let r = run(b.bare().args(["check", "--json"]));
    assert_eq!(r.status_of("webhook"), "pass", "{}", r.stdout);
    assert!(r.summary("webhook").contains("the configured bot"));
    let untied = "https://hooks.example.com/relay/servicenow";
    let r = run(b.bare().args(["set-webhook", untied]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(b.bare().args(["check", "--json", "--webhook-url", untied]));
    assert_eq!(r.status_of("webhook"), "warn", "{}", r.stdout);
    assert!(r.summary("webhook").contains("cannot be tied to the bot"));
}

#[test]
fn set_webhook_refuses_another_bots_url_unless_forced() {
    let b = Both::on(Scenario::Configured, KoreSimOptions::default());
    let before = endpoints(&b);
    let other = format!("https://bots.kore.ai/chatbot/v2/webhook/{OTHER_BOT}");
    let r = run(b.bare().args(["set-webhook", &other]));
    assert_eq!(r.code, 2, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains(OTHER_BOT) && r.stderr.contains(b.kore.bot_id()));
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(endpoints(&b), before, "nothing was written");
    let r = run(b.bare().args(["set-webhook", &other, "--force"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let now = endpoints(&b);
    assert_eq!(
        now.iter().filter(|u| **u == other).count(),
        before
            .iter()
            .filter(|u| **u == CONFIGURED_WEBHOOK_URL)
            .count(),
        "every endpoint of the bot now names the other one: {now:?}"
    );
}

#[test]
fn a_first_kore_connect_takes_a_404_from_the_mappings_read_for_none_yet() {
    let b = Both::start(KoreSimOptions {
        faults: vec![sn_handoff::sim::kore::KoreFault::NoMappingsYet],
        ..KoreSimOptions::default()
    });
    let r = b.run(&["connect", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["integration_method"], "POST");
    assert!(b.kore.integration("servicenow").is_some());
}

#[test]
fn the_instance_the_integration_was_written_for_is_compared() {
    let b = Both::start(KoreSimOptions {
        configured: true,
        ..KoreSimOptions::default()
    });
    // Before any kore connect from here: said to be not verifiable, not passed silently.
    let r = run(b.bare().args(["check", "--json"]));
    assert!(
        r.summary("kore").contains("not verifiable"),
        "{}",
        r.summary("kore")
    );
    assert_eq!(
        r.step("kore")["details"]["integration_instance"]["verifiable"],
        false
    );
    let r = b.run(&["connect", "--publish"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(b.bare().args(["check", "--json"]));
    assert_eq!(r.status_of("kore"), "pass", "{}", r.summary("kore"));
    assert!(r.summary("kore").contains("written for this instance"));

    // The same bot checked beside another instance: its hand-offs go to the first one.
    let other = crate::common::Sim::start(Scenario::Configured);
    let r = run(b
        .bare()
        .env("SN_HANDOFF_INSTANCE", other.url())
        .env("SN_HANDOFF_PASSWORD", other.sim.password())
        .args(["check", "--json"]));
    assert_eq!(r.status_of("kore"), "fail", "{}", r.stdout);
    let summary = r.summary("kore");
    assert!(summary.contains(&b.sn.url()), "{summary}");
    assert!(summary.contains(&other.url()), "{summary}");
}

#[test]
fn a_kore_connect_whose_answer_went_wrong_leaves_no_stale_instance_on_record() {
    use sn_handoff::sim::kore::KoreFault;
    use sn_handoff::sim::AfterWrite;
    // The second write (the second connect's integration) is carried out, then answered 500.
    let b = Both::start(KoreSimOptions {
        configured: true,
        faults: vec![KoreFault::AfterWrite(2, AfterWrite::Answer500)],
        ..KoreSimOptions::default()
    });
    let other = crate::common::Sim::start(Scenario::Configured);
    let r = run(b
        .cmd(&["connect", "--no-default"])
        .env("SN_HANDOFF_INSTANCE", other.url())
        .env("SN_HANDOFF_PASSWORD", other.sim.password()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = b.run(&["connect", "--no-default"]);
    assert_ne!(r.code, 0, "{}", r.stdout);
    assert!(r.stderr.contains("may or may not"), "{}", r.stderr);
    // Kore.ai may now hold this instance: the record of the other one is not the truth.
    let r = run(b.bare().args(["check", "--json"]));
    let summary = r.summary("kore");
    assert!(!summary.contains(&other.url()), "{summary}");
    assert_eq!(
        r.step("kore")["details"]["integration_instance"]["recorded"],
        serde_json::Value::Null,
        "{summary}"
    );
}

#[test]
fn a_kore_connect_killed_while_writing_leaves_no_stale_instance_on_record() {
    // The first connect records the other instance; the second, for this one, is killed
    // while Kore.ai works on its integration write. Kore.ai may now hold either: the record
    // of the other one is not the truth, so none is kept.
    let b = Both::on(Scenario::Configured, KoreSimOptions::default());
    let other = crate::common::Sim::start(Scenario::Configured);
    let r = run(b
        .cmd(&["connect", "--no-default"])
        .env("SN_HANDOFF_INSTANCE", other.url())
        .env("SN_HANDOFF_PASSWORD", other.sim.password()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let written = b
        .kore
        .requests()
        .iter()
        .filter(|r| r.method != "GET")
        .count();
    let mut cmd = b.spawnable();
    cmd.args(["kore", "connect", "--no-default"]);
    let stop = crate::kore::Stop {
        signal: libc::SIGKILL,
        at: written + 1,
        last: written + 1,
    };
    let (r, _) = stop.run(&b.kore, cmd);
    assert_eq!(r.code, -1, "killed: {}", r.stderr);
    let r = run(b.bare().args(["check", "--json"]));
    let summary = r.summary("kore");
    assert!(!summary.contains(&other.url()), "{summary}");
    assert_eq!(
        r.step("kore")["details"]["integration_instance"]["recorded"],
        serde_json::Value::Null,
        "{summary}"
    );
}

#[test]
fn set_webhook_writes_nothing_when_the_reply_connection_is_not_one() {
    // Virtual Agent API 4.1+: a second "Bot Connection" under the same alias.
    let b = Both::on(Scenario::Configured, KoreSimOptions::default());
    let first = b.sn.sim.rows("http_connection");
    let first = first
        .iter()
        .find(|r| r["name"] == "Bot Connection")
        .expect("the configured 4.1+ instance has its connection");
    let second = b.sn.sim.insert_row(
        "http_connection",
        &[
            ("name", "Bot Connection"),
            (
                "connection_alias",
                first["connection_alias"].as_str().unwrap(),
            ),
            ("connection_url", "https://elsewhere.example/hook"),
        ],
    );
    let before = endpoints(&b);
    let url = format!(
        "https://bots.kore.ai/chatbot/v2/webhook/{}?v=2",
        b.kore.bot_id()
    );
    let r = run(b.bare().args(["set-webhook", &url]));
    assert_eq!(r.code, 2, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains(&second), "{}", r.stderr);
    assert!(r.stderr.contains(first["sys_id"].as_str().unwrap()));
    assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
    assert_eq!(endpoints(&b), before);
}
