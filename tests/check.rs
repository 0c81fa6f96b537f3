//! `check` against each scenario of the simulator: statuses, fixes, exit codes, JSON.

use serde_json::Value;

use crate::common::*;

const WEBHOOK: &str = sn_handoff::sim::CONFIGURED_WEBHOOK_URL;

fn check(sim: &Sim, home: &Home, extra: &[&str]) -> Run {
    run(sim.cmd(home).arg("check").arg("--json").args(extra))
}

/// The JSON contract of docs/contract.md (docs/schema/check-report.schema.json) for any report.
fn assert_contract(r: &Run) {
    let j = r.json();
    assert_eq!(j["schema"], 1);
    let instance = j["instance"].as_str().unwrap();
    assert!(
        instance.starts_with("http") && !instance.ends_with('/'),
        "{instance}"
    );
    assert!(
        j["release"].is_null()
            || j["release"]
                .as_str()
                .unwrap()
                .chars()
                .all(|c| c.is_ascii_lowercase())
    );
    assert!(j["elapsed_ms"].as_u64().is_some());
    let steps = j["steps"].as_array().unwrap();
    let ids: Vec<&str> = steps.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, STEP_IDS);
    let mut any_fail = false;
    for s in steps {
        let status = s["status"].as_str().unwrap();
        assert!(["pass", "fail", "warn", "skip"].contains(&status), "{s}");
        assert!(s["summary"].as_str().is_some_and(|t| !t.is_empty()), "{s}");
        assert!(s["details"].is_object(), "{s}");
        if status == "fail" {
            any_fail = true;
            assert!(
                s["fix"].as_str().is_some_and(|f| !f.is_empty()),
                "fail without fix: {s}"
            );
        }
    }
    assert_eq!(j["ok"], !any_fail);
    assert_eq!(r.code == 0, !any_fail, "exit {} vs ok {}", r.code, j["ok"]);
}

#[test]
fn fresh_instance_fails_with_a_fix_under_each_step() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = check(&sim, &home, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_contract(&r);
    let j = r.json();
    assert_eq!(j["instance"], sim.url());
    assert_eq!(j["release"], "australia");
    assert_eq!(r.status_of("instance"), "pass");
    assert_eq!(r.status_of("auth"), "pass");
    assert_eq!(r.step("auth")["details"]["user"], "admin");
    for id in ["plugins", "group_roles", "group_members", "webhook"] {
        assert_eq!(r.status_of(id), "fail", "{id}");
    }
    assert_eq!(r.status_of("agent_available"), "skip");
    let plugins = r.step("plugins");
    assert_eq!(plugins["details"]["plugins"].as_array().unwrap().len(), 5);
    assert_eq!(plugins["fix"], "sn-handoff plugins --activate");
    assert!(plugins["summary"]
        .as_str()
        .unwrap()
        .starts_with("5 of 5 plugins inactive"));
    let roles = r.step("group_roles");
    assert_eq!(roles["details"]["group"], "Consumer Service Support");
    assert_eq!(
        roles["details"]["missing"],
        serde_json::json!(["awa_agent", "agent_workspace_user"])
    );
    let webhook = r.step("webhook");
    assert!(
        webhook["summary"].as_str().unwrap().contains("placeholder"),
        "{webhook}"
    );
    let endpoints = webhook["details"]["endpoints"].as_array().unwrap();
    assert_eq!(endpoints.len(), 2);
    assert_eq!(endpoints[0]["record"], "VABot to Bot");
    assert_eq!(endpoints[1]["record"], "postMessage");
    assert_eq!(
        endpoints[0]["endpoint"],
        sn_handoff::sim::PLACEHOLDER_ENDPOINT
    );
    let password = sim.sim.password();
    assert!(!r.stdout.contains(password) && !r.stderr.contains(password));
    // Human text went to stderr, with the fix under each failure.
    assert!(
        r.stderr.contains("fix: sn-handoff plugins --activate"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("2 pass, 4 fail, 0 warn, 1 skip"),
        "{}",
        r.stderr
    );
}

#[test]
fn fresh_instance_with_agent_and_webhook() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = check(
        &sim,
        &home,
        &["--agent", "abel.tuter", "--webhook-url", WEBHOOK],
    );
    assert_eq!(r.code, 1);
    assert_contract(&r);
    let members = r.step("group_members");
    assert_eq!(members["status"], "fail");
    assert!(members["summary"]
        .as_str()
        .unwrap()
        .contains("abel.tuter is not a member"));
    assert!(members["fix"]
        .as_str()
        .unwrap()
        .contains("--agent abel.tuter"));
    let agent = r.step("agent_available");
    assert_eq!(agent["status"], "fail");
    assert_eq!(agent["details"]["presence"], "Offline");
    assert_eq!(
        agent["fix"],
        "sn-handoff agent available --agent abel.tuter"
    );
    let webhook = r.step("webhook");
    assert_eq!(webhook["details"]["expected"], WEBHOOK);
    assert!(webhook["fix"]
        .as_str()
        .unwrap()
        .starts_with("sn-handoff set-webhook https://"));
}

#[test]
fn configured_instance_passes() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let r = check(
        &sim,
        &home,
        &["--agent", "abel.tuter", "--webhook-url", WEBHOOK],
    );
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_contract(&r);
    for id in STEP_IDS {
        assert_eq!(r.status_of(id), "pass", "{id}: {}", r.step(id));
    }
    assert_eq!(
        r.step("group_members")["details"]["members"],
        serde_json::json!(["abel.tuter"])
    );
    assert_eq!(
        r.step("agent_available")["details"]["presence"],
        "Available"
    );
}

#[test]
fn configured_instance_without_options_warns_but_passes() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let r = check(&sim, &home, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_contract(&r);
    assert_eq!(r.status_of("webhook"), "warn");
    assert_eq!(r.status_of("agent_available"), "skip");
    assert_eq!(r.status_of("group_members"), "pass");
}

#[test]
fn a_different_webhook_url_fails() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let r = check(&sim, &home, &["--webhook-url", "https://bots.example/new"]);
    assert_eq!(r.code, 1);
    let webhook = r.step("webhook");
    assert_eq!(webhook["status"], "fail");
    assert_eq!(
        webhook["fix"],
        "sn-handoff set-webhook https://bots.example/new"
    );
    assert!(
        webhook["summary"]
            .as_str()
            .unwrap()
            .contains("do not point"),
        "{webhook}"
    );
}

#[test]
fn one_endpoint_differing_is_named() {
    let sim = Sim::start(Scenario::Configured);
    let id = sim
        .sim
        .sys_id_of("sys_rest_message_fn", "rest_endpoint", WEBHOOK)
        .unwrap();
    sim.sim.set_field(
        "sys_rest_message_fn",
        &id,
        "rest_endpoint",
        "https://old.example/hook",
    );
    let home = Home::new();
    let r = check(&sim, &home, &["--webhook-url", WEBHOOK]);
    assert_eq!(r.code, 1);
    let summary = r.summary("webhook").to_string();
    assert!(
        summary.contains("\"postMessage\" does not point"),
        "{summary}"
    );
    // Without --webhook-url, endpoints that differ from each other fail too.
    let r = check(&sim, &home, &[]);
    assert!(r.summary("webhook").contains("different URLs"));
}

#[test]
fn two_rest_messages_of_the_same_name_are_ambiguous() {
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        duplicate_message: true,
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = check(&sim, &home, &[]);
    assert_eq!(r.code, 1);
    let webhook = r.step("webhook");
    assert_eq!(webhook["status"], "fail");
    assert_eq!(webhook["details"]["sys_ids"].as_array().unwrap().len(), 2);
    assert!(webhook["fix"].as_str().unwrap().contains("--sys-id"));
}

#[test]
fn hibernating_instance_is_exit_4() {
    let sim = Sim::start(Scenario::Hibernating);
    let home = Home::new();
    let r = check(&sim, &home, &[]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert_contract(&r);
    let instance = r.step("instance");
    assert_eq!(instance["status"], "fail");
    assert!(instance["summary"]
        .as_str()
        .unwrap()
        .contains("hibernating"));
    assert!(instance["fix"]
        .as_str()
        .unwrap()
        .contains("developer.servicenow.com"));
    for id in [
        "auth",
        "plugins",
        "group_roles",
        "group_members",
        "webhook",
        "agent_available",
    ] {
        assert_eq!(r.status_of(id), "skip", "{id}");
    }
    assert!(r.json()["release"].is_null());
}

#[test]
fn wrong_password_is_exit_3_after_one_request() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(sim
        .cmd(&home)
        .env("SN_HANDOFF_PASSWORD", "not-the-password")
        .args(["check", "--json"]));
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert_contract(&r);
    assert_eq!(r.status_of("instance"), "pass");
    let auth = r.step("auth");
    assert_eq!(auth["status"], "fail");
    assert!(
        auth["summary"]
            .as_str()
            .unwrap()
            .contains("User Not Authenticated"),
        "{auth}"
    );
    for id in [
        "plugins",
        "group_roles",
        "group_members",
        "webhook",
        "agent_available",
    ] {
        assert_eq!(r.status_of(id), "skip");
    }
    // One refused login, not one per query: lockout policies count failures.
    let requests = sim.sim.requests();
    assert_eq!(
        requests.len(),
        1,
        "{:?}",
        requests.iter().map(|r| &r.path).collect::<Vec<_>>()
    );
    assert_eq!(requests[0].status, 401);
    assert!(!r.stderr.contains("not-the-password") && !r.stdout.contains("not-the-password"));
}

#[test]
fn rate_limit_storm_is_retried_to_the_same_answer() {
    let fresh = Sim::start(Scenario::Fresh);
    let storm = Sim::start(Scenario::RateLimited);
    let home = Home::new();
    let a = check(&fresh, &home, &["--agent", "abel.tuter"]);
    let b = check(&storm, &home, &["--agent", "abel.tuter", "-v"]);
    assert_eq!(b.code, a.code, "{}", b.stderr);
    // The 429's Retry-After (1 s), then the backoff of a second pause (1 s) for the 503.
    let retry = "http: retrying GET /api/now/v2/table/sys_properties in 1000 ms";
    for line in [
        format!("{retry} (try 2 of 4)"),
        format!("{retry} (try 3 of 4)"),
    ] {
        assert!(b.stderr.contains(&line), "{line}\n{}", b.stderr);
    }
    let statuses = |r: &Run| -> Vec<(String, String, String)> {
        r.json()["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["id"].as_str().unwrap().to_string(),
                    s["status"].as_str().unwrap().to_string(),
                    s["summary"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(statuses(&a), statuses(&b));
    let log = storm.sim.requests();
    assert!(log.iter().any(|r| r.status == 429));
    assert!(log.iter().any(|r| r.status == 503));
}

#[test]
fn user_without_admin_is_exit_3_naming_the_role() {
    let sim = Sim::start(Scenario::ReadOnly);
    let home = Home::new();
    let r = check(&sim, &home, &[]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert_contract(&r);
    let auth = r.step("auth");
    assert_eq!(auth["status"], "warn");
    assert_eq!(auth["details"]["admin"], false);
    let plugins = r.step("plugins");
    assert_eq!(plugins["status"], "fail");
    assert!(
        plugins["summary"]
            .as_str()
            .unwrap()
            .contains("Insufficient rights"),
        "{plugins}"
    );
    assert!(plugins["fix"].as_str().unwrap().contains("admin"));
    // sys_properties is empty for non-admins, and /stats.do is no fallback: release unknown.
    assert_eq!(r.json()["release"], Value::Null);
    assert_eq!(r.status_of("instance"), "warn");
    assert!(r.summary("instance").contains("release unknown"));
    assert!(!sim.sim.requests().iter().any(|q| q.path == "/stats.do"));
}

#[test]
fn releases() {
    for (release, status, family) in [
        (Release::Brazil, "pass", "brazil"),
        (Release::Australia, "pass", "australia"),
        (Release::Zurich, "pass", "zurich"),
        (Release::Yokohama, "pass", "yokohama"),
        (Release::Xanadu, "warn", "xanadu"),
        (Release::Washingtondc, "warn", "washingtondc"),
        (Release::Vancouver, "warn", "vancouver"),
        (Release::Utah, "warn", "utah"),
        (Release::Newer, "warn", "cascadia"),
    ] {
        let sim = Sim::with(SimOptions {
            scenario: Scenario::Configured,
            release,
            ..SimOptions::default()
        });
        let home = Home::new();
        let r = check(&sim, &home, &[]);
        assert_eq!(r.code, 0, "{release:?}: {}", r.stderr);
        assert_eq!(r.json()["release"], family);
        assert_eq!(r.status_of("instance"), status, "{release:?}");
        let summary = r.summary("instance");
        match status {
            "pass" => assert!(!summary.contains("support"), "{summary}"),
            _ if release == Release::Newer => {
                assert!(
                    summary.contains("Cascadia") && summary.contains("checked as the newest known"),
                    "{summary}"
                )
            }
            _ => assert!(summary.contains("out of ServiceNow's support"), "{summary}"),
        }
    }
}

#[test]
fn brazil_passes_without_a_warning() {
    let home = Home::new();
    let r = run(home.cmd().args([
        "check",
        "--demo",
        "--release",
        "brazil",
        "--json",
        "--skip",
        "agent_available",
    ]));
    let json = r.json();
    assert_eq!(json["release"], "brazil");
    assert_eq!(r.status_of("instance"), "pass");
    assert!(
        json["steps"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["status"] != "warn"),
        "{json}"
    );
}

#[test]
fn tokyo_and_older_are_connect_support_exit_4() {
    for release in [Release::Tokyo, Release::SanDiego] {
        let sim = Sim::with(SimOptions {
            release,
            ..SimOptions::default()
        });
        let home = Home::new();
        let r = check(&sim, &home, &[]);
        assert_eq!(r.code, 4, "{release:?}: {}", r.stderr);
        assert_eq!(r.json()["release"], release.family());
        let instance = r.step("instance");
        assert_eq!(instance["status"], "fail");
        let summary = instance["summary"].as_str().unwrap();
        assert!(
            summary.contains("Tokyo") && summary.contains("Connect Support"),
            "{summary}"
        );
        assert!(r
            .fix("instance")
            .contains("configuring-the-servicenow-agent"));
        for step in &r.json()["steps"].as_array().unwrap()[1..] {
            assert_eq!(step["status"], "skip", "{step}");
        }
        // One read, the release, and nothing after it.
        assert_eq!(sim.sim.requests().len(), 1, "{:?}", sim.sim.requests());
    }
}

#[test]
fn skipped_steps_make_no_requests() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = check(&sim, &home, &["--skip", "plugins", "--skip", "webhook"]);
    assert_eq!(r.status_of("plugins"), "skip");
    assert_eq!(r.status_of("webhook"), "skip");
    assert_eq!(r.status_of("group_roles"), "fail");
    let log = sim.sim.requests();
    assert!(!log
        .iter()
        .any(|r| r.path.contains("v_plugin") || r.path.contains("sys_rest_message")));
    let r = run(sim.cmd(&home).args(["check", "--skip", "instance"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn a_misspelt_group_names_the_close_ones() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let r = check(&sim, &home, &["--group", "Customer Service Suport"]);
    assert_eq!(r.code, 1);
    let roles = r.step("group_roles");
    assert_eq!(roles["status"], "fail");
    let summary = roles["summary"].as_str().unwrap();
    assert!(
        summary.contains("no group named \"Customer Service Suport\""),
        "{summary}"
    );
    assert!(
        summary.contains("\"Customer Service Support\""),
        "{summary}"
    );
    assert!(
        summary.contains("\"Consumer Service Support\""),
        "{summary}"
    );
}

#[test]
fn the_decoy_group_is_not_confused_with_the_guides() {
    // "Customer Service Support" has both roles and members in every scenario; the guide's
    // "Consumer Service Support" has none on a fresh instance.
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = check(&sim, &home, &[]);
    assert_eq!(r.status_of("group_roles"), "fail");
    let r = check(&sim, &home, &["--group", "Customer Service Support"]);
    assert_eq!(r.status_of("group_roles"), "pass");
    assert_eq!(r.status_of("group_members"), "pass");
}

#[test]
fn hostile_group_names_match_only_the_exact_record() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    // Unescaped, `^NQ` would start a new query matching every group membership.
    let r = check(&sim, &home, &["--group", "Nobody^NQactive=true"]);
    assert_eq!(r.status_of("group_members"), "fail");
    assert!(r.summary("group_members").contains("no group named"));
    let r = check(&sim, &home, &["--group", "Ops ^ Escalation"]);
    assert_eq!(r.status_of("group_roles"), "fail");
    assert!(
        r.summary("group_roles").contains("lacks"),
        "{}",
        r.step("group_roles")
    );
    let queries: Vec<String> = sim.sim.requests().into_iter().map(|r| r.query).collect();
    assert!(
        queries
            .iter()
            .any(|q| q.contains("Ops%20%5E%5E%20Escalation")),
        "{queries:?}"
    );
}

#[test]
fn unknown_agent_is_named() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let r = check(&sim, &home, &["--agent", "abel.tutor"]);
    assert_eq!(r.code, 1);
    assert!(r
        .summary("agent_available")
        .contains("no user with user_name abel.tutor"));
    assert!(r.summary("group_members").contains("no user"));
}

#[test]
fn human_output_has_one_line_per_step() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(sim.cmd(&home).arg("check"));
    assert_eq!(r.code, 1);
    // The report is the result: on stdout, so `sn-handoff check | grep fail` finds it.
    assert!(
        r.stderr.is_empty(),
        "the result belongs on stdout: {}",
        r.stderr
    );
    for id in STEP_IDS {
        assert_eq!(
            r.stdout
                .lines()
                .filter(|l| l.contains(&format!("  {id}  ")) || l.ends_with(id))
                .count(),
            1,
            "{id}:\n{}",
            r.stdout
        );
    }
    assert!(
        r.stdout.lines().filter(|l| l.contains("fail")).count() >= 4,
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.contains('\u{1b}'),
        "NO_COLOR must mean no escape codes"
    );
    let r = run(sim.cmd(&home).args(["check", "--color", "always"]));
    assert!(r.stdout.contains('\u{1b}'));
}

#[test]
fn verbose_logs_requests_without_secrets() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(sim.cmd(&home).args(["check", "-v", "--json"]));
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("http: GET /api/now/v2/table/sys_properties"),
        "{}",
        r.stderr
    );
    assert!(r
        .stderr
        .lines()
        .any(|l| l.starts_with("http: GET") && l.ends_with(" ms")));
    let password = sim.sim.password();
    let basic = base64_basic("admin", password);
    for out in [&r.stdout, &r.stderr] {
        assert!(!out.contains(password));
        assert!(!out.contains(&basic));
    }
}

fn base64_basic(user: &str, password: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
}

#[test]
fn invalid_table_means_inactive_plugin() {
    // On a real instance the AWA tables exist only once AWA is active.
    let sim = Sim::start(Scenario::Fresh);
    sim.sim.drop_table("awa_agent_presence");
    let home = Home::new();
    let r = check(&sim, &home, &["--agent", "abel.tuter"]);
    let agent = r.step("agent_available");
    assert_eq!(agent["status"], "fail");
    assert!(agent["summary"]
        .as_str()
        .unwrap()
        .contains("Advanced Work Assignment is not active"));
    assert_eq!(agent["fix"], "sn-handoff plugins --activate");
    assert_eq!(r.code, 1);
}

#[test]
fn check_reads_concurrently_after_the_probe() {
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        latency: std::time::Duration::from_millis(300),
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = check(&sim, &home, &["--agent", "abel.tuter"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Requests after the probe overlap: the simulator saw at least five in flight at once.
    assert!(
        sim.sim.max_in_flight() >= 5,
        "max in flight: {}",
        sim.sim.max_in_flight()
    );
    let _: Value = r.json();
}

#[test]
fn printed_fixes_keep_the_profile_and_demo() {
    // Under --demo, every command printed as a fix keeps --demo; the manual ones stay words.
    let home = Home::new();
    let r = run(home.cmd().args(["--demo", "check", "--json"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.fix("plugins"), "sn-handoff --demo plugins --activate");
    assert_eq!(r.fix("group_roles"), "sn-handoff --demo group --fix");
    assert!(r
        .stderr
        .contains("fix: sn-handoff --demo plugins --activate"));

    // With -p staging, they carry -p staging.
    let sim = Sim::start(Scenario::Fresh);
    home.write_config(&format!(
        "[profiles.staging]\ninstance = \"{}\"\nusername = \"admin\"\n",
        sim.url()
    ));
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .args(["-p", "staging", "check", "--json", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.fix("plugins"), "sn-handoff -p staging plugins --activate");
    assert_eq!(
        r.fix("group_members"),
        "sn-handoff -p staging group --fix --agent abel.tuter"
    );

    // Without either, the command is as before.
    let r = check(&sim, &home, &[]);
    assert_eq!(r.fix("plugins"), "sn-handoff plugins --activate");
}

/// A configured instance of `release`, with the Virtual Agent API version of that release.
fn configured(release: Release) -> Sim {
    Sim::with(SimOptions {
        scenario: Scenario::Configured,
        release,
        ..SimOptions::default()
    })
}

#[test]
fn the_webhook_step_follows_the_virtual_agent_api_line() {
    // 3.x and 4.0 reply through the REST message; from 4.1 also through the Bot Connection,
    // which is one more endpoint of the step.
    for (release, version, endpoints) in [
        (Release::Yokohama, "3.15.2", 2),
        (Release::Zurich, "4.0.0", 2),
        (Release::Australia, "4.1.2", 3),
    ] {
        let sim = configured(release);
        let home = Home::new();
        let r = check(&sim, &home, &["--webhook-url", WEBHOOK]);
        assert_eq!(r.code, 0, "{release:?}: {}", r.stderr);
        let webhook = r.step("webhook");
        assert_eq!(webhook["status"], "pass", "{webhook}");
        let listed = webhook["details"]["endpoints"].as_array().unwrap();
        assert_eq!(listed.len(), endpoints, "{release:?}: {webhook}");
        if endpoints == 3 {
            assert_eq!(listed[2]["record"], "Bot Connection");
            assert_eq!(listed[2]["table"], "http_connection");
            assert_eq!(webhook["details"]["va_api_version"], version);
        }
        let plugins = r.step("plugins");
        let va = plugins["details"]["plugins"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == "sn_va_as_service")
            .unwrap()
            .clone();
        assert_eq!(va["version"], version, "{plugins}");
    }
}

#[test]
fn a_bot_connection_that_drifted_from_the_rest_message_fails_and_set_webhook_mends_it() {
    let sim = configured(Release::Australia);
    let connection = sim
        .sim
        .rows("http_connection")
        .into_iter()
        .find(|r| r["name"] == "Bot Connection" && r["connection_url"] == WEBHOOK)
        .unwrap();
    let elsewhere = "https://bots.kore.ai/chatbot/v2/webhook/st-someone-else";
    sim.sim.set_field(
        "http_connection",
        connection["sys_id"].as_str().unwrap(),
        "connection_url",
        elsewhere,
    );
    let home = Home::new();
    let r = check(&sim, &home, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let summary = r.summary("webhook");
    assert!(summary.contains("drift"), "{summary}");
    assert!(
        summary
            .contains("Bot Connection → https://bots.kore.ai/chatbot/v2/webhook/st-someone-else"),
        "{summary}"
    );
    let r = check(&sim, &home, &["--webhook-url", WEBHOOK]);
    assert!(
        r.summary("webhook")
            .starts_with("\"Bot Connection\" does not point at the webhook URL: expected "),
        "{}",
        r.summary("webhook")
    );
    let r = run(sim.cmd(&home).args(["set-webhook", WEBHOOK, "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let changes = r.json()["changes"].clone();
    assert_eq!(changes.as_array().unwrap().len(), 1, "{changes}");
    assert_eq!(changes[0]["table"], "http_connection");
    let r = check(&sim, &home, &["--webhook-url", WEBHOOK]);
    assert_eq!(r.status_of("webhook"), "pass", "{}", r.stdout);
}
