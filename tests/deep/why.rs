//! `why-no-agent`: a simulated instance broken at each link of the way a chat takes is named
//! at that link, with its fix, in the narrative (stdout) and in the `--json` chain; and
//! `smoke-test` stops at a broken link before it starts a conversation.

use serde_json::Value;

use super::*;

/// A broken scenario, the link it breaks and words of that link's summary and fix.
struct Case {
    scenario: &'static str,
    link: &'static str,
    cause: &'static str,
    fix: &'static str,
}

const CASES: [Case; 7] = [
    Case {
        scenario: "no-queue",
        link: "queue",
        cause: "no active AWA queue on the Chat channel",
        fix: "Advanced Work Assignment → Queues → New",
    },
    Case {
        scenario: "pool-without-group",
        link: "routing",
        cause: "no active Chat queue offers its work to \"Consumer Service Support\"",
        fix: "Assignment Eligibility → New: Groups \"Consumer Service Support\"",
    },
    Case {
        scenario: "no-assignment-rule",
        link: "assignment_rule",
        cause: "has no assignment rule",
        fix: "Agent assignment rule",
    },
    Case {
        // The guide's agent_available step judges Chat in the current presence state too
        // (AWA routes per state), and it comes first in the chain.
        scenario: "chat-not-available",
        link: "agent_available",
        cause: "not available on the Chat channel in that presence state",
        fix: "sn-handoff agent available --agent abel.tuter",
    },
    Case {
        scenario: "no-capacity",
        link: "capacity",
        cause: "no Chat capacity left",
        fix: "Default capacity",
    },
    Case {
        scenario: "linking-off",
        link: "account_linking",
        cause: "account linking is off",
        fix: "sn-handoff check --deep --fix",
    },
    Case {
        scenario: "duplicate-email",
        link: "requester",
        cause: "2 active users share the email abel.tuter@example.com",
        fix: "keep the email on one user only",
    },
];

/// `why-no-agent` on a demo instance in `scenario`, for abel.tuter and their email.
fn why(home: &Home, scenario: &str, extra: &[&str]) -> Run {
    run(home
        .cmd()
        .args(["--demo", "--demo-scenario", scenario, "why-no-agent"])
        .args(["--agent", "abel.tuter", "--requester", REQUESTER])
        .args(extra))
}

#[test]
fn each_broken_scenario_is_named_at_its_link_with_its_fix() {
    let home = Home::new();
    for case in CASES {
        let r = why(&home, case.scenario, &[]);
        assert_eq!(r.code, 1, "{}: {}{}", case.scenario, r.stdout, r.stderr);
        let breaks = format!("The chain breaks at {}: ", case.link);
        assert!(
            r.stdout.contains(&breaks),
            "{}: {}",
            case.scenario,
            r.stdout
        );
        assert!(
            r.stdout.contains(case.cause),
            "{}: {}",
            case.scenario,
            r.stdout
        );
        let todo = r
            .stdout
            .lines()
            .find(|l| l.starts_with("What to do: "))
            .unwrap_or_else(|| panic!("{}: no fix in {}", case.scenario, r.stdout));
        // Under --demo a fix keeps --demo, so that it runs against the same simulator.
        assert!(
            todo.contains("--demo") || !todo.contains("sn-handoff"),
            "{todo}"
        );
        let todo = todo.replace("sn-handoff --demo ", "sn-handoff ");
        assert!(todo.contains(case.fix), "{}: {todo}", case.scenario);

        let r = why(&home, case.scenario, &["--json"]);
        assert_eq!(r.code, 1, "{}: {}", case.scenario, r.stderr);
        let j = r.json();
        assert_eq!(j["ok"], false);
        assert_eq!(j["broken"], case.link, "{}: {j}", case.scenario);
        let chain = j["chain"].as_array().unwrap();
        let (last, before) = chain.split_last().unwrap();
        assert_eq!(last["id"], case.link);
        assert_eq!(last["status"], "fail");
        assert!(last["summary"].as_str().unwrap().contains(case.cause));
        let fix = last["fix"]
            .as_str()
            .unwrap()
            .replace("sn-handoff --demo ", "sn-handoff ");
        assert!(fix.contains(case.fix), "{}: {fix}", case.scenario);
        for link in before {
            assert_ne!(link["status"], "fail", "{}: {link}", case.scenario);
            for key in ["id", "status", "summary", "fix"] {
                assert!(link.get(key).is_some(), "{key} missing from {link}");
            }
        }
        assert_eq!(chain[0]["id"], "instance");
        let unreached = j["unreached"].as_array().unwrap();
        assert_eq!(
            chain.len() + unreached.len(),
            18,
            "{}: every link is either reached or listed as unreached",
            case.scenario
        );
    }
}

#[test]
fn a_configured_instance_holds_every_link() {
    let home = Home::new();
    let r = why(&home, "configured", &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r
        .stdout
        .contains("Every link holds: a handed-over chat can reach abel.tuter"));
    assert!(!r.stdout.contains('✗'), "{}", r.stdout);
    let j = why(&home, "configured", &["--json"]).json();
    assert_eq!(j["ok"], true);
    assert_eq!(j["broken"], Value::Null);
    assert_eq!(j["chain"].as_array().unwrap().len(), 18);
    // Under --demo without a scenario the instance is the configured one.
    let r = run(home.cmd().args(["--demo", "why-no-agent", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_fresh_instance_breaks_first_at_the_plugins() {
    let home = Home::new();
    let r = why(&home, "fresh", &["--json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.json()["broken"], "plugins");
    assert!(r.json()["chain"][2]["fix"]
        .as_str()
        .unwrap()
        .starts_with("sn-handoff"));
}

#[test]
fn refused_credentials_exit_3_at_the_auth_link() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let r = run(cmd(&sim, &home)
        .env("SN_HANDOFF_PASSWORD", "wrong")
        .args(["why-no-agent", "--json"]));
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert_eq!(r.json()["broken"], "auth");
}

#[test]
fn smoke_test_stops_at_a_broken_link_before_any_conversation() {
    let sim = Sim::start(Scenario::NoCapacity);
    let home = Home::new();
    // A deadline far longer than the test: only stopping early ends it.
    let r = run(cmd(&sim, &home).args([
        "smoke-test",
        "--json",
        "--deadline",
        "3600",
        "--agent",
        "abel.tuter",
    ]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["stopped_at"], "capacity", "{j}");
    assert_eq!(j["reached"], false);
    assert!(j["hint"].as_str().unwrap().contains("capacity"));
    assert!(r.stderr.contains("breaks at capacity"), "{}", r.stderr);
    // No conversation was started.
    let posts = sim
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/api/sn_va_as_service"))
        .count();
    assert_eq!(posts, 0);
    assert!(sim.sim.rows("sys_cs_conversation").is_empty());

    // A Guest chat still reaches an agent: broken linking does not stop the test.
    let sim = Sim::start(Scenario::LinkingOff);
    let r = run(cmd(&sim, &home).args(["smoke-test", "--json", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["reached"], true);
}

#[test]
fn what_the_instance_says_is_escaped_in_the_narrative_and_the_preflight() {
    const HOSTILE: &str = "Available\n::error::pwned\u{1b}[2J\u{7}\u{202e}";
    let sim = Sim::start(Scenario::NoCapacity);
    // The Available presence state's name reaches the chain's summaries.
    let id = sim
        .sim
        .rows("awa_presence_state")
        .into_iter()
        .find(|r| r["name"] == "Available")
        .unwrap()["sys_id"]
        .as_str()
        .unwrap()
        .to_string();
    sim.sim
        .set_field("awa_presence_state", &id, "name", HOSTILE);
    let home = Home::new();
    let why = run(cmd(&sim, &home).args(["why-no-agent", "--agent", "abel.tuter"]));
    let smoke = run(cmd(&sim, &home).args(["smoke-test", "--agent", "abel.tuter"]));
    for (what, r) in [("why-no-agent", &why), ("smoke-test", &smoke)] {
        assert_eq!(r.code, 1, "{what}: {}", r.stderr);
        let text = format!("{}{}", r.stdout, r.stderr);
        assert!(text.contains(r"\n::error::pwned"), "{what}: {text}");
        for c in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(!text.contains(c), "{what} holds U+{:04X}: {text}", c as u32);
        }
        assert!(
            !text
                .lines()
                .any(|l| l.trim_start().starts_with("::error::")),
            "{what}: {text}"
        );
    }
}
