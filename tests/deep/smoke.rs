//! `smoke-test`: a hand-off end to end, narrated hop by hop; its timeout when the chat is never
//! offered; and that nothing it created is left on the instance, whether it succeeded or not.

use serde_json::Value;

use super::*;

/// The tables a conversation through the Virtual Agent API writes to.
const CONVERSATION_TABLES: [&str; 7] = [
    "sys_cs_conversation",
    "sys_cs_message",
    "sys_cs_provider_user_map",
    "sys_cs_channel_user_profile",
    "sys_cs_consumer_account",
    "interaction",
    "awa_work_item",
];

/// Fails when a conversation left a row in any of [`CONVERSATION_TABLES`] (the simulated
/// instances start with none).
fn assert_nothing_left(sim: &Sim) {
    let left = conversation_rows(sim);
    assert!(left.is_empty(), "still there: {left:?}");
}

/// The rows a conversation left in [`CONVERSATION_TABLES`] (`table sys_id` each).
pub(crate) fn conversation_rows(sim: &Sim) -> Vec<String> {
    CONVERSATION_TABLES
        .iter()
        .flat_map(|table| {
            sim.sim
                .rows(table)
                .into_iter()
                .map(move |r| format!("{table} {}", r["sys_id"].as_str().unwrap_or_default()))
        })
        .collect()
}

fn smoke(sim: &Sim, home: &Home, extra: &[&str]) -> Run {
    run(cmd(sim, home).args(["smoke-test", "--json"]).args(extra))
}

fn hops(r: &Run) -> Vec<(String, bool)> {
    r.json()["hops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["id"].as_str().unwrap().to_string(), h["ok"] == true))
        .collect()
}

#[test]
fn demo_narrates_a_handoff_end_to_end() {
    let home = Home::new();
    let r = run(home.cmd().env("SN_HANDOFF_POLL_MS", "5").args([
        "--demo",
        "smoke-test",
        "--agent",
        "abel.tuter",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The hops are progress, on stderr; the result is the one line on stdout.
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    let mut at = 0;
    for hop in [
        "start",
        "agent",
        "interaction",
        "queued",
        "offered",
        "end",
        "cleanup",
    ] {
        let line = r
            .stderr
            .lines()
            .position(|l| l.contains(&format!("✓ {hop}")))
            .unwrap_or_else(|| panic!("no {hop} line in:\n{}", r.stderr));
        assert!(line >= at, "{hop} out of order:\n{}", r.stderr);
        at = line;
    }
    assert!(r.stderr.contains(" ms  ✓ offered"), "{}", r.stderr);
    assert!(r.stderr.contains("offered to abel.tuter"), "{}", r.stderr);
    assert!(
        r.stdout.starts_with("The hand-off reached abel.tuter in"),
        "{}",
        r.stdout
    );
    assert!(!r.stderr.contains("The hand-off reached"), "{}", r.stderr);
}

#[test]
fn a_handoff_reaches_the_agent_and_leaves_nothing_behind() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let token = sim
        .sim
        .message_token()
        .expect("the configured instance has a token");
    let r = run(cmd(&sim, &home)
        .env("SN_HANDOFF_MESSAGE_TOKEN", &token)
        .args(["smoke-test", "--json", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["ok"], true, "{j}");
    assert_eq!(j["reached"], true);
    assert_eq!(j["offered_to"], "abel.tuter");
    assert_eq!(j["requester"], "admin");
    let ids: Vec<String> = hops(&r).into_iter().map(|(id, _)| id).collect();
    assert_eq!(
        ids,
        [
            "start",
            "agent",
            "interaction",
            "queued",
            "offered",
            "end",
            "cleanup"
        ]
    );
    assert!(hops(&r).iter().all(|(_, ok)| *ok), "{j}");
    let times: Vec<u64> = j["hops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["at_ms"].as_u64().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    assert_eq!(j["interaction"]["queue.name"], "Consumer Service Chat");
    assert_eq!(j["work_item"]["assigned_to.user_name"], "abel.tuter");
    let removed: Vec<&str> = j["cleanup"]["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["table"].as_str().unwrap())
        .collect();
    for table in CONVERSATION_TABLES {
        assert!(removed.contains(&table), "{table} not in {removed:?}");
    }
    assert_eq!(j["cleanup"]["left"], Value::Array(Vec::new()));
    assert_nothing_left(&sim);
    // The token went in its header, never into any output.
    for text in [&r.stdout, &r.stderr] {
        assert!(!text.contains(&token));
    }
    // The bot integration endpoint saw START, AGENT and END.
    let posts = sim
        .sim
        .requests()
        .iter()
        .filter(|q| q.path == "/api/sn_va_as_service/bot/integration" && q.status == 200)
        .count();
    assert_eq!(posts, 3);
}

#[test]
fn a_chat_never_offered_times_out_and_is_cleaned_up() {
    let sim = broken(&[Fault::NeverOffered]);
    let home = Home::new();
    let r = smoke(&sim, &home, &["--deadline", "1"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["ok"], false);
    assert_eq!(j["reached"], false);
    let steps = hops(&r);
    assert!(steps.contains(&("queued".into(), true)), "{steps:?}");
    assert!(steps.contains(&("offered".into(), false)), "{steps:?}");
    assert!(steps.contains(&("cleanup".into(), true)), "{steps:?}");
    let error = j["error"].as_str().unwrap();
    assert!(error.contains("never offered"), "{error}");
    assert!(j["hint"].as_str().unwrap().contains("check --deep"));
    assert!(r.stderr.contains("✗ offered"), "{}", r.stderr);
    assert!(r.stderr.contains("did not reach an agent"), "{}", r.stderr);
    assert_nothing_left(&sim);
}

#[test]
fn without_an_interaction_the_conversation_is_still_removed() {
    // Bot to Bot excluded from live agents: the request for an agent creates no interaction.
    let sim = broken(&[Fault::ChannelExcluded]);
    let home = Home::new();
    let r = smoke(&sim, &home, &["--deadline", "1", "--no-preflight"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let j = r.json();
    assert!(
        j["error"].as_str().unwrap().contains("no interaction"),
        "{j}"
    );
    assert_eq!(j["interaction"], Value::Null);
    assert_nothing_left(&sim);
}

#[test]
fn a_poll_reads_the_account_once_and_the_user_map_only_in_the_cleanup() {
    // No interaction is ever created, so the watch polls until the deadline.
    let sim = broken(&[Fault::ChannelExcluded]);
    let home = Home::new();
    let r = run(cmd(&sim, &home).env("SN_HANDOFF_POLL_MS", "20").args([
        "smoke-test",
        "--json",
        "--deadline",
        "1",
        "--no-preflight",
    ]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let log = sim.sim.requests();
    // The clean-up starts with END_CONVERSATION: what comes before it is the watch.
    let end = log
        .iter()
        .rposition(|q| q.path == "/api/sn_va_as_service/bot/integration")
        .expect("END_CONVERSATION was posted");
    let reads = |table: &str, log: &[sn_handoff::sim::RequestRecord]| {
        log.iter()
            .filter(|q| q.method == "GET" && q.path == format!("/api/now/v2/table/{table}"))
            .count()
    };
    let (watch, cleanup) = log.split_at(end);
    let polls = reads("sys_cs_message", watch);
    assert!(polls >= 2, "{polls} polls");
    assert_eq!(reads("sys_cs_provider_user_map", watch), 0);
    assert_eq!(reads("sys_cs_channel_user_profile", watch), 1);
    assert_eq!(reads("sys_cs_consumer_account", watch), 1);
    assert_eq!(reads("sys_cs_conversation", watch), polls);
    assert_eq!(reads("interaction", watch), polls);
    // Three reads a poll once the account is known (before: six, the user map included).
    let own: usize = [
        "sys_cs_provider_user_map",
        "sys_cs_channel_user_profile",
        "sys_cs_consumer_account",
        "sys_cs_conversation",
        "sys_cs_message",
        "interaction",
    ]
    .iter()
    .map(|t| reads(t, watch))
    .sum();
    assert_eq!(own, 3 * polls + 2);
    // The clean-up reads everything again from the run's own identifiers, the user map too.
    assert_eq!(reads("sys_cs_provider_user_map", cleanup), 1);
    assert_eq!(reads("sys_cs_channel_user_profile", cleanup), 1);
    assert_nothing_left(&sim);
}

#[test]
fn a_wrong_token_is_dropped_without_an_error() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let r = run(cmd(&sim, &home)
        .env("SN_HANDOFF_MESSAGE_TOKEN", "not-the-token")
        .args(["smoke-test", "--json", "--deadline", "1"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.json()["hint"].as_str().unwrap().contains("message token"));
    assert_nothing_left(&sim);

    // A token an HTTP header cannot carry is refused before any request.
    let before = sim.sim.requests().len();
    let r = run(cmd(&sim, &home)
        .env("SN_HANDOFF_MESSAGE_TOKEN", "two words")
        .args(["smoke-test"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!r.stderr.contains("two words"), "{}", r.stderr);
    assert!(sim.sim.requests().len() <= before + 1);
}

#[test]
fn the_token_can_come_from_standard_input() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let token = sim.sim.message_token().unwrap();
    let r = run(cmd(&sim, &home)
        .args(["smoke-test", "--json", "--password-stdin"])
        .write_stdin(format!("{token}\n")));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_nothing_left(&sim);
}

#[test]
fn a_guest_chat_is_found_by_its_own_user_id_when_the_requester_cannot_be_linked() {
    // Without a message auth the conversation cannot be linked to the requester.
    let sim = broken(&[Fault::NoMessageAuth]);
    let home = Home::new();
    let r = smoke(&sim, &home, &["--agent", "abel.tuter"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let interaction = r.json()["hops"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == "interaction")
        .cloned()
        .unwrap();
    let matched_by = interaction["details"]["matched_by"].as_str().unwrap();
    assert!(
        matched_by.starts_with("its own conversation (user id sn-handoff-smoke-"),
        "{matched_by}"
    );
    assert_nothing_left(&sim);
}

#[test]
fn what_could_not_be_removed_is_reported_with_exit_5() {
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        fail_writes: vec!["interaction".into()],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = smoke(&sim, &home, &[]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["reached"], true);
    assert_eq!(j["ok"], false);
    let left = j["cleanup"]["left"].as_array().unwrap();
    assert_eq!(left[0]["table"], "interaction", "{j}");
    assert!(
        r.stderr.contains("could not remove interaction"),
        "{}",
        r.stderr
    );
    // What came before it is gone; from it on nothing was tried, so what is left still hangs
    // together from the test's user id (the next run finds it again), and each is named.
    assert!(sim.sim.rows("awa_work_item").is_empty());
    let named = j["cleanup"]["left"].to_string();
    for table in [
        "interaction",
        "sys_cs_message",
        "sys_cs_conversation",
        "sys_cs_consumer_account",
        "sys_cs_channel_user_profile",
        "sys_cs_provider_user_map",
    ] {
        let rows = sim.sim.rows(table);
        assert!(!rows.is_empty(), "{table} was removed");
        for row in rows {
            assert!(
                named.contains(row["sys_id"].as_str().unwrap()),
                "{table}: {j}"
            );
        }
    }
}

#[test]
fn an_instance_without_the_virtual_agent_api_fails_at_the_start() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = smoke(&sim, &home, &["--no-preflight"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(hops(&r)[0], ("start".into(), false));
    assert!(r.json()["error"]
        .as_str()
        .unwrap()
        .contains("not installed"));
    assert_nothing_left(&sim);
}

#[test]
fn usage_errors_come_before_any_conversation() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    for args in [
        &["smoke-test", "--deadline", "0"][..],
        &["smoke-test", "--user", "nobody.here"],
        &["smoke-test", "--message", " "],
    ] {
        let r = run(cmd(&sim, &home).args(args));
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    }
    assert!(!sim
        .sim
        .requests()
        .iter()
        .any(|q| q.path.starts_with("/api/sn_va_as_service/")));
    assert_nothing_left(&sim);
}

#[test]
fn a_refused_login_is_exit_3() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let r = run(cmd(&sim, &home)
        .env("SN_HANDOFF_PASSWORD", "wrong")
        .args(["smoke-test"]));
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert_nothing_left(&sim);
}

/// The records of the customer's chat of `SimOptions::customer_chat`, by table: its user map,
/// conversation, messages, interaction and work item.
fn customer_records(sim: &Sim) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let customers = |table: &str| -> Vec<String> {
        sim.sim
            .rows(table)
            .into_iter()
            .filter(|r| {
                r["channel_user_id"]
                    .as_str()
                    .unwrap()
                    .starts_with("customer-")
            })
            .map(|r| r["sys_id"].as_str().unwrap().to_string())
            .collect()
    };
    let maps = customers("sys_cs_provider_user_map");
    let profiles = customers("sys_cs_channel_user_profile");
    let accounts: Vec<String> = sim
        .sim
        .rows("sys_cs_consumer_account")
        .into_iter()
        .filter(|r| {
            profiles
                .iter()
                .any(|p| r["channel_user_profile"] == p.as_str())
        })
        .map(|r| r["sys_id"].as_str().unwrap().to_string())
        .collect();
    let conversations: Vec<String> = sim
        .sim
        .rows("sys_cs_conversation")
        .into_iter()
        .filter(|r| accounts.iter().any(|a| r["consumer_account"] == a.as_str()))
        .map(|r| r["sys_id"].as_str().unwrap().to_string())
        .collect();
    let interactions: Vec<String> = sim
        .sim
        .rows("interaction")
        .into_iter()
        .filter(|r| {
            conversations
                .iter()
                .any(|c| r["channel_metadata_document"] == c.as_str())
        })
        .map(|r| r["sys_id"].as_str().unwrap().to_string())
        .collect();
    for (table, column, of) in [
        ("sys_cs_message", "conversation", &conversations),
        ("awa_work_item", "document_id", &interactions),
    ] {
        for r in sim.sim.rows(table) {
            if of.iter().any(|v| r[column] == v.as_str()) {
                out.push((table, r["sys_id"].as_str().unwrap().to_string()));
            }
        }
    }
    out.extend(maps.into_iter().map(|m| ("sys_cs_provider_user_map", m)));
    out.extend(
        profiles
            .into_iter()
            .map(|p| ("sys_cs_channel_user_profile", p)),
    );
    out.extend(accounts.into_iter().map(|a| ("sys_cs_consumer_account", a)));
    out.extend(
        conversations
            .into_iter()
            .map(|c| ("sys_cs_conversation", c)),
    );
    out.extend(interactions.into_iter().map(|i| ("interaction", i)));
    out
}

fn with_a_customer_chat() -> Sim {
    Sim::with(SimOptions {
        scenario: Scenario::Configured,
        customer_chat: true,
        ..SimOptions::default()
    })
}

#[test]
fn a_customer_chat_during_a_test_with_a_wrong_token_is_never_taken_nor_deleted() {
    let sim = with_a_customer_chat();
    let home = Home::new();
    let r = run(cmd(&sim, &home)
        .env("SN_HANDOFF_MESSAGE_TOKEN", "not-the-token")
        .args([
            "smoke-test",
            "--json",
            "--deadline",
            "1",
            "--agent",
            "abel.tuter",
        ]));
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    let j = r.json();
    assert_eq!(j["reached"], false, "{j}");
    assert_eq!(j["interaction"], Value::Null, "{j}");
    assert_eq!(j["cleanup"]["removed"], Value::Array(Vec::new()), "{j}");
    assert!(j["hint"].as_str().unwrap().contains("message token"), "{j}");
    // The customer's chat arrived (and was offered to abel.tuter) and is all still there.
    let records = customer_records(&sim);
    for table in CONVERSATION_TABLES {
        assert!(
            records.iter().any(|(t, _)| *t == table),
            "the customer's {table} row is gone: {records:?}"
        );
    }
    assert!(sim.sim.requests().iter().all(|q| q.method != "DELETE"));
}

#[test]
fn a_passing_test_beside_a_customer_chat_removes_exactly_its_own_records() {
    let sim = with_a_customer_chat();
    let home = Home::new();
    let token = sim.sim.message_token().unwrap();
    let r = run(cmd(&sim, &home)
        .env("SN_HANDOFF_MESSAGE_TOKEN", &token)
        .args(["smoke-test", "--json", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    let customer = customer_records(&sim);
    assert_eq!(customer.len(), 9, "{customer:?}");
    // What is left is exactly the customer's chat; what was removed is exactly the rest.
    for table in CONVERSATION_TABLES {
        let left: Vec<String> = sim
            .sim
            .rows(table)
            .into_iter()
            .map(|r| r["sys_id"].as_str().unwrap().to_string())
            .collect();
        let theirs: Vec<String> = customer
            .iter()
            .filter(|(t, _)| *t == table)
            .map(|(_, id)| id.clone())
            .collect();
        assert_eq!(left, theirs, "{table}");
    }
    let removed = j["cleanup"]["removed"].as_array().unwrap();
    assert!(!removed.is_empty());
    for c in removed {
        let id = c["sys_id"].as_str().unwrap();
        assert!(!customer.iter().any(|(_, theirs)| theirs == id), "{c}");
    }
    // Its own marks: a user id and a client session id of its own.
    let start = &j["hops"][0]["details"];
    let user = start["user_id"].as_str().unwrap();
    let session = start["client_session_id"].as_str().unwrap();
    assert!(user.starts_with("sn-handoff-smoke-"), "{start}");
    assert!(session.starts_with("sn-handoff-smoke-session-"), "{start}");
    assert_ne!(user, session);
    let deletes = sim
        .sim
        .requests()
        .iter()
        .filter(|q| q.method == "DELETE")
        .count();
    assert_eq!(deletes, removed.len());
    // The clean-up line says what it removed.
    assert!(
        r.stderr.contains(
            "removed what the test created and nothing else: 1 work item, 1 interaction (IMS"
        ),
        "{}",
        r.stderr
    );
}

/// Ctrl-C while the chat waits for an agent stops the watch, not the clean-up: nothing the
/// test created is left, and the run ends with exit 130.
#[cfg(unix)]
#[test]
fn an_interrupted_test_still_removes_its_conversation() {
    let sim = Sim::start(Scenario::NoCapacity);
    let home = Home::new();
    let r = queued_then(&sim, &home, libc::SIGINT);
    assert_eq!(r.code, 130, "{}", r.stderr);
    assert!(r.stderr.contains("interrupted by SIGINT"), "{}", r.stderr);
    let removed = "what the test created was removed";
    assert!(r.stderr.contains(removed), "{}", r.stderr);
    assert_nothing_left(&sim);
}

/// A smoke test waiting for an agent (none can take the chat, the deadline is an hour), sent
/// `signal` once its chat is queued.
#[cfg(unix)]
fn queued_then(sim: &Sim, home: &Home, signal: libc::c_int) -> Run {
    let args = [
        "smoke-test",
        "--no-preflight",
        "--deadline",
        "3600",
        "--agent",
        "abel.tuter",
    ];
    let child = crate::repairs::writes::spawn(sim, home, &args);
    // Wait until the chat is queued for an agent.
    for _ in 0..3000 {
        if !sim.sim.rows("awa_work_item").is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!sim.sim.rows("awa_work_item").is_empty(), "no chat queued");
    // SAFETY: sending a signal to the child this test started.
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, signal) }, 0);
    crate::repairs::writes::finish(child)
}

/// The conversation's two matches disagree (an ACL hides the test's consumer account, so its
/// user id finds no conversation while its marker does): nothing is touched, the run says
/// which record it could not tie to the test, and exits 5.
#[test]
fn the_smoke_test_touches_nothing_when_its_two_matches_disagree() {
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        acl_hidden: vec![("sys_cs_consumer_account".into(), 1)],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = smoke(&sim, &home, &["--deadline", "1"]);
    assert_eq!(r.code, 5, "{}\n{}", r.stdout, r.stderr);
    let j = r.json();
    let untouched = j["cleanup"]["untouched"].as_array().unwrap();
    assert_eq!(untouched.len(), 1, "{j}");
    let conversation = sim.sim.rows("sys_cs_conversation")[0]["sys_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        untouched[0].as_str().unwrap().contains(&conversation),
        "{j}"
    );
    assert!(r.stderr.contains("touched nothing"), "{}", r.stderr);
    assert!(r.stderr.contains("could not tie"), "{}", r.stderr);
    // No delete reached the instance.
    assert!(sim.sim.requests().iter().all(|q| q.method != "DELETE"));
    for table in [
        "sys_cs_conversation",
        "sys_cs_message",
        "sys_cs_consumer_account",
    ] {
        assert!(!sim.sim.rows(table).is_empty(), "{table} was touched");
    }
}

/// The answer to START_CONVERSATION is lost after the instance created the conversation: the
/// run still finds what its own user id names and, since no request for an agent (the one
/// message carrying its marker) was sent, that one match is enough: it removes the
/// conversation and what it made, sends no request for an agent, and leaves nothing.
#[test]
fn a_lost_start_answer_still_finds_the_conversation_and_removes_it() {
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        write_faults: vec![WriteFault {
            target: "sn_va_as_service#1".into(),
            after: AfterWrite::DropConnection,
        }],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = smoke(&sim, &home, &["--no-preflight"]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stderr
            .contains("removed what the test created and nothing else"),
        "{}",
        r.stderr
    );
    assert_nothing_left(&sim);
    // No request for an agent went out: the START, then the END of the clean-up.
    let posts = sim
        .sim
        .requests()
        .iter()
        .filter(|q| q.method == "POST" && q.path.starts_with("/api/sn_va_as_service/"))
        .count();
    assert_eq!(posts, 2);
}

/// During the clean-up a read that fails is never taken for "no rows": the run says it could
/// not read, names what it leaves (the test's user id and marker), deletes nothing, and exits
/// 5. `sys_cs_provider_user_map` is read by the clean-up alone (the watch reaches the agent);
/// `sys_cs_channel_user_profile` by the watch too, which it stops.
#[test]
fn a_failed_read_during_cleanup_is_reported_and_nothing_is_removed() {
    for (fail, why, stops_the_watch) in [
        ("sys_cs_provider_user_map", "503", false),
        ("sys_cs_provider_user_map@401", "401", false),
        ("sys_cs_channel_user_profile", "503", true),
        ("sys_cs_channel_user_profile@401", "401", true),
    ] {
        let sim = Sim::with(SimOptions {
            scenario: Scenario::Configured,
            fail_reads: vec![fail.into()],
            ..SimOptions::default()
        });
        let home = Home::new();
        let r = smoke(&sim, &home, &["--no-preflight", "--deadline", "1"]);
        // Whatever stopped the watch (a 503 or 401 is the instance or the login failing),
        // records left behind make it exit 5.
        assert_eq!(r.code, 5, "{why}: {}\n{}", r.stdout, r.stderr);
        assert!(
            r.stderr.contains("could not read what the test created"),
            "{why}: {}",
            r.stderr
        );
        assert!(r.stderr.contains("nothing was removed"), "{}", r.stderr);
        // What is left is named: the test's user id, as the instance holds it.
        let user_id = sim.sim.rows("sys_cs_provider_user_map")[0]["channel_user_id"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(r.stderr.contains(&user_id), "{why}: {}", r.stderr);
        assert!(sim.sim.requests().iter().all(|q| q.method != "DELETE"));
        assert!(!sim.sim.rows("sys_cs_conversation").is_empty(), "{why}");
        let j = r.json();
        assert_eq!(j["ok"], false);
        assert_eq!(
            j["cleanup"]["untouched"].as_array().unwrap().len(),
            1,
            "{j}"
        );
        let untouched = j["cleanup"]["untouched"][0].as_str().unwrap();
        assert!(untouched.contains(why), "{why}: {j}");
        if stops_the_watch {
            assert!(j["error"].as_str().unwrap().contains(why), "{j}");
        } else {
            assert_eq!(j["reached"], true, "{j}");
        }
    }
}

/// The work items of the test's interaction cannot be read at clean-up (503 on every try):
/// nothing is deleted, and the run names the interaction and conversation it leaves, exit 5.
#[test]
fn an_unreadable_work_item_table_leaves_everything_and_says_what() {
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        fail_reads: vec!["awa_work_item".into()],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = smoke(&sim, &home, &["--no-preflight", "--deadline", "1"]);
    assert_eq!(r.code, 5, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("could not read the work items"),
        "{}",
        r.stderr
    );
    let conversation = sim.sim.rows("sys_cs_conversation")[0]["sys_id"]
        .as_str()
        .unwrap()
        .to_string();
    let number = sim.sim.rows("interaction")[0]["number"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(r.stderr.contains(&conversation), "{}", r.stderr);
    assert!(r.stderr.contains(&number), "{}", r.stderr);
    assert!(sim.sim.requests().iter().all(|q| q.method != "DELETE"));
}

/// Ctrl-C while START_CONVERSATION is on its way: no request for an agent is sent, and the
/// clean-up still runs (it ends the conversation), then exit 130.
#[cfg(unix)]
#[test]
fn a_signal_during_the_start_sends_no_request_for_an_agent() {
    // The START is carried out at once, its answer comes two seconds later: the window in
    // which the signal arrives.
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        write_faults: vec![WriteFault {
            target: "sn_va_as_service#1".into(),
            after: AfterWrite::AnswerLate(std::time::Duration::from_secs(2)),
        }],
        ..SimOptions::default()
    });
    let home = Home::new();
    let child = crate::repairs::writes::spawn(
        &sim,
        &home,
        &["smoke-test", "--no-preflight", "--deadline", "3600"],
    );
    for _ in 0..3000 {
        if !sim.sim.rows("sys_cs_conversation").is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(
        !sim.sim.rows("sys_cs_conversation").is_empty(),
        "no START arrived"
    );
    // SAFETY: sending a signal to the child this test started.
    assert_eq!(
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) },
        0
    );
    let r = crate::repairs::writes::finish(child);
    assert_eq!(r.code, 130, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("interrupted by SIGINT"), "{}", r.stderr);
    // The START, then the END of the clean-up: no AGENT.
    let posts = sim
        .sim
        .requests()
        .iter()
        .filter(|q| q.method == "POST" && q.path.starts_with("/api/sn_va_as_service/"))
        .count();
    assert_eq!(posts, 2, "{}", r.stderr);
    assert!(sim.sim.rows("interaction").is_empty());
    assert!(r.stderr.contains("conversation ended"), "{}", r.stderr);
}

/// A smoke test killed (`kill -9`) while its chat waits for an agent leaves its conversation,
/// and the record of its identifiers in the state file: `check` warns about it, and the next
/// `smoke-test`, `doctor` or writing run (`set-webhook`) finds what those identifiers name,
/// removes it with the smoke test's own clean-up, says so, and drops the record.
#[cfg(unix)]
#[test]
fn a_killed_test_is_cleaned_up_by_the_next_run_and_check_warns_meanwhile() {
    for next in ["smoke-test", "doctor", "set-webhook"] {
        let sim = Sim::start(Scenario::NoCapacity);
        let home = Home::new();
        queued_then(&sim, &home, libc::SIGKILL);
        let user_id = sim.sim.rows("sys_cs_provider_user_map")[0]["channel_user_id"]
            .as_str()
            .unwrap()
            .to_string();
        let state: String = crate::repairs::state_files(&home)
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect();
        assert!(
            state.contains("smoke_conversation") && state.contains(&user_id),
            "{state}"
        );
        let check = run(cmd(&sim, &home).args(["check"]));
        assert!(
            check.stderr.contains("conversation of a smoke test")
                && check.stderr.contains(&user_id),
            "{}",
            check.stderr
        );
        let bundle = home.path().join("b.tar.gz").display().to_string();
        let words: Vec<&str> = match next {
            "smoke-test" => vec![next, "--no-preflight", "--deadline", "1"],
            "doctor" => vec![next, "--bundle", &bundle],
            _ => vec![next, crate::repairs::URL],
        };
        let r = run(cmd(&sim, &home).args(&words));
        assert!(
            r.stderr.contains("Cleaning up after an earlier smoke test")
                && r.stderr.contains(&user_id)
                && r.stderr
                    .contains("removed what the test created and nothing else"),
            "{words:?}: {}",
            r.stderr
        );
        assert_nothing_left(&sim);
        let state: String = crate::repairs::state_files(&home)
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect();
        assert!(!state.contains("\"temporary\""), "{words:?}: {state}");
        let check = run(cmd(&sim, &home).args(["check"]));
        assert!(!check.stderr.contains("smoke test"), "{}", check.stderr);
    }
}

/// A clean-up that cannot remove everything (every delete of a consumer account is refused)
/// keeps the record: `check` warns, the next run tries again, names what it still could not
/// remove, and keeps the record again.
#[test]
fn a_record_stays_while_its_records_cannot_all_be_removed() {
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        fail_writes: vec!["sys_cs_consumer_account".into()],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = smoke(&sim, &home, &["--no-preflight", "--deadline", "1"]);
    assert_eq!(r.code, 5, "{}\n{}", r.stdout, r.stderr);
    let state = || -> String {
        crate::repairs::state_files(&home)
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect()
    };
    let user_id = r.json()["hops"][0]["details"]["user_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(state().contains(&user_id), "{}", state());
    let check = run(cmd(&sim, &home).args(["check"]));
    assert!(check.stderr.contains(&user_id), "{}", check.stderr);
    let next = smoke(&sim, &home, &["--no-preflight", "--deadline", "1"]);
    assert!(
        next.stderr
            .contains("Cleaning up after an earlier smoke test")
            && next.stderr.contains(&user_id)
            && next
                .stderr
                .contains("could not remove sys_cs_consumer_account")
            && next.stderr.contains("kept for the next run to try again"),
        "{}",
        next.stderr
    );
    assert!(state().contains(&user_id), "{}", state());
    assert_eq!(sim.sim.rows("sys_cs_consumer_account").len(), 2);
}
