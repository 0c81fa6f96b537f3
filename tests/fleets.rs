//! Fleets: `check --profiles` and `check --all-profiles` over two simulated instances (and
//! one that nothing serves), each profile with its own credentials from its own variables.

use crate::common::*;

/// Two simulators: `dev` fresh, `prod` configured.
struct Fleet {
    dev: Sim,
    prod: Sim,
    home: Home,
}

impl Fleet {
    fn start() -> Fleet {
        let dev = Sim::start(Scenario::Fresh);
        let prod = Sim::start(Scenario::Configured);
        let home = Home::new();
        home.write_config(&format!(
            "[profiles.dev]\ninstance = \"{}\"\nusername = \"{}\"\nagent = \"abel.tuter\"\n\n\
             [profiles.prod]\ninstance = \"{}\"\nusername = \"{}\"\nagent = \"abel.tuter\"\n\n\
             [profiles.gone-away]\ninstance = \"http://127.0.0.1:1\"\nusername = \"admin\"\n",
            dev.url(),
            dev.sim.username(),
            prod.url(),
            prod.sim.username()
        ));
        Fleet { dev, prod, home }
    }

    /// The binary with each profile's password in its own variable, and a plain
    /// `SN_HANDOFF_PASSWORD` that is wrong everywhere (a fleet run must not use it).
    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = self.home.cmd();
        cmd.env("SN_HANDOFF_DEV_PASSWORD", self.dev.sim.password())
            .env("SN_HANDOFF_PROD_PASSWORD", self.prod.sim.password())
            .env("SN_HANDOFF_GONE_AWAY_PASSWORD", "unused")
            .env("SN_HANDOFF_PASSWORD", "wrong-everywhere")
            .env("SN_HANDOFF_INSTANCE", "http://127.0.0.1:2");
        cmd
    }
}

fn profile<'a>(doc: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    doc["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["profile"] == name)
        .unwrap_or_else(|| panic!("no profile {name} in {doc}"))
}

#[test]
fn all_profiles_are_checked_each_with_its_own_password_and_the_worst_exit_wins() {
    let f = Fleet::start();
    let r = run(f.cmd().args(["check", "--all-profiles", "--json"]));
    let doc = r.json();
    assert_eq!(doc["schema"], 2, "{doc}");
    assert_eq!(doc["ok"], false);
    let names: Vec<&str> = doc["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["profile"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["dev", "gone-away", "prod"]);
    let (dev, prod, gone) = (
        profile(&doc, "dev"),
        profile(&doc, "prod"),
        profile(&doc, "gone-away"),
    );
    // Each is the one-profile report, with its exit code.
    assert_eq!(dev["instance"], f.dev.url());
    assert_eq!(dev["exit"], 1, "{dev}");
    assert_eq!(dev["steps"][1]["status"], "pass", "dev signed in: {dev}");
    assert_eq!(prod["exit"], 0, "{prod}");
    assert_eq!(prod["ok"], true);
    // The one nothing serves is one entry among the others.
    assert_eq!(gone["exit"], 4, "{gone}");
    assert_eq!(gone["steps"][0]["id"], "instance");
    assert_eq!(gone["steps"][0]["status"], "fail");
    assert_eq!(r.code, 4, "{}", r.stderr);
    // Each simulator saw its own admin sign in, and nothing wrote.
    for sim in [&f.dev, &f.prod] {
        let requests = sim.sim.requests();
        assert!(!requests.is_empty());
        assert!(requests.iter().all(|q| q.method == "GET"), "{requests:?}");
        assert!(requests.iter().any(|q| q.user.is_some()));
        assert!(requests.iter().all(|q| q.status != 401), "{requests:?}");
    }
    for secret in [f.dev.sim.password(), f.prod.sim.password()] {
        assert!(!r.stdout.contains(secret) && !r.stderr.contains(secret));
    }
}

#[test]
fn the_human_table_has_a_row_per_profile_and_step() {
    let f = Fleet::start();
    let r = run(f.cmd().args(["check", "--profiles", "prod,dev"]));
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let row = |profile: &str, step: &str| {
        r.stdout.lines().any(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            words.len() > 4 && words[2] == profile && words[3] == step
        })
    };
    for step in STEP_IDS {
        assert!(
            row("prod", step) && row("dev", step),
            "{step}:\n{}",
            r.stdout
        );
    }
    assert!(!r.stdout.contains("gone-away"), "{}", r.stdout);
    // The fixes keep the profile.
    assert!(
        r.stdout.contains("sn-handoff -p dev group --fix"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("1 of 2 profiles ready"), "{}", r.stdout);
    // In the order named.
    let first = |p: &str| r.stdout.find(&format!(" {p} ")).unwrap();
    assert!(first("prod") < first("dev"));
}

#[test]
fn a_profile_without_its_password_stops_alone() {
    let f = Fleet::start();
    let r = run(f.cmd().env_remove("SN_HANDOFF_PROD_PASSWORD").args([
        "--no-input",
        "check",
        "--profiles",
        "dev,prod",
        "--json",
    ]));
    let doc = r.json();
    let prod = profile(&doc, "prod");
    assert_eq!(prod["exit"], 2, "{prod}");
    assert_eq!(prod["error"]["kind"], "usage");
    let message = prod["error"]["message"].as_str().unwrap();
    assert!(message.contains("SN_HANDOFF_PROD_PASSWORD"), "{message}");
    assert!(!message.contains("--password-stdin"), "{message}");
    assert_eq!(profile(&doc, "dev")["exit"], 1);
    assert_eq!(r.code, 2);
    assert!(f.prod.sim.requests().is_empty());
}

#[test]
fn junit_github_and_markdown_carry_every_profile() {
    let f = Fleet::start();
    let args = ["check", "--profiles", "dev,prod", "--format"];
    let junit = run(f.cmd().args(args).arg("junit"));
    assert_eq!(junit.code, 1);
    let suites: Vec<&str> = junit
        .stdout
        .match_indices("<testsuite name=\"")
        .map(|(i, m)| junit.stdout[i + m.len()..].split('"').next().unwrap())
        .collect();
    assert_eq!(suites, ["sn-handoff check: dev", "sn-handoff check: prod"]);
    assert!(
        junit
            .stdout
            .contains("<testsuites name=\"sn-handoff\" tests=\"14\" failures=\"5\""),
        "{}",
        junit.stdout
    );

    let summary = f.home.path().join("summary.md");
    let github = run(f
        .cmd()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(args)
        .arg("github"));
    assert_eq!(github.code, 1);
    let annotations: Vec<&str> = github
        .stdout
        .lines()
        .filter(|l| l.starts_with("::"))
        .collect();
    // dev's five failures, prod's warning (a webhook not tied to a configured URL).
    assert_eq!(annotations.len(), 6, "{}", github.stdout);
    for line in &annotations[..5] {
        assert!(
            line.starts_with("::error title=dev%3A sn-handoff check%3A "),
            "{line}"
        );
        assert!(line.contains("::dev: "), "{line}");
    }
    assert!(
        annotations[5].starts_with("::warning title=prod%3A sn-handoff check%3A webhook::prod: ")
    );
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(
        written.contains("| profile | instance | result | exit |"),
        "{written}"
    );

    let md = run(f.cmd().args(args).arg("markdown"));
    assert!(
        md.stdout.contains("| dev |") && md.stdout.contains("| prod |"),
        "{}",
        md.stdout
    );
    assert!(md.stdout.contains("#### prod"), "{}", md.stdout);
}

#[test]
fn what_names_one_instance_is_refused_before_anything_is_sent() {
    let f = Fleet::start();
    for (extra, words) in [
        (
            &["-i", "dev9", "check", "--profiles", "dev"][..],
            "--instance names one instance",
        ),
        (
            &["-p", "dev", "check", "--all-profiles"][..],
            "--profile names one instance",
        ),
        (
            &["check", "--profiles", "dev,nope"][..],
            "no profile named `nope`",
        ),
        (
            &["--password-stdin", "check", "--profiles", "dev"][..],
            "--password-stdin",
        ),
        (&["check", "--profiles", " , "][..], "names no profile"),
    ] {
        let r = run(f.cmd().args(extra));
        assert_eq!(r.code, 2, "{extra:?}: {}", r.stderr);
        assert!(r.stderr.contains(words), "{extra:?}: {}", r.stderr);
    }
    let empty = Home::new();
    let r = run(empty.cmd().args(["check", "--all-profiles"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no profiles"), "{}", r.stderr);
    let r = run(f.cmd().args(["check", "--all-profiles", "--fix"]));
    assert_eq!(r.code, 2);
    assert!(f.dev.sim.requests().is_empty() && f.prod.sim.requests().is_empty());
}

/// Two configured simulators as profiles `test` and `prod` (same setup, different instances).
fn twins() -> (Sim, Sim, Home) {
    let test = Sim::start(Scenario::Configured);
    let prod = Sim::start(Scenario::Configured);
    let home = Home::new();
    home.write_config(&format!(
        "[profiles.test]\ninstance = \"{}\"\nusername = \"{}\"\nagent = \"abel.tuter\"\n\n\
         [profiles.prod]\ninstance = \"{}\"\nusername = \"{}\"\nagent = \"abel.tuter\"\n",
        test.url(),
        test.sim.username(),
        prod.url(),
        prod.sim.username()
    ));
    (test, prod, home)
}

fn diff(test: &Sim, prod: &Sim, home: &Home, extra: &[&str]) -> Run {
    run(home
        .cmd()
        .env("SN_HANDOFF_TEST_PASSWORD", test.sim.password())
        .env("SN_HANDOFF_PROD_PASSWORD", prod.sim.password())
        .args(["diff", "test", "prod"])
        .args(extra))
}

fn fact<'a>(doc: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    doc["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == key)
        .unwrap_or_else(|| panic!("no fact {key} in {doc}"))
}

#[test]
fn two_instances_set_up_alike_do_not_drift_though_their_urls_differ() {
    let (test, prod, home) = twins();
    let r = diff(&test, &prod, &home, &["--json"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let doc = r.json();
    assert_eq!(doc["drift"], false);
    // The instance URLs differ by value, and agree by shape.
    let instance = fact(&doc, "instance");
    assert_ne!(instance["a"], instance["b"]);
    assert_eq!(instance["compared"], "shape");
    assert_eq!(instance["differs"], false);
    assert_eq!(fact(&doc, "plugins")["a"], "pass");
    assert_eq!(fact(&doc, "reply_url.version_line")["a"], "4.1");
    // Read-only on both sides.
    for sim in [&test, &prod] {
        assert!(sim.sim.requests().iter().all(|q| q.method == "GET"));
    }
    let human = diff(&test, &prod, &home, &[]);
    assert_eq!(human.code, 0);
    assert!(human.stdout.contains("no drift"), "{}", human.stdout);
    // A format diff does not print is refused by name, not printed as nothing.
    for format in ["sarif", "junit", "github"] {
        let r = diff(&test, &prod, &home, &["--format", format]);
        assert_eq!(r.code, 2, "{format}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{format}: {}", r.stdout);
        assert!(
            r.stderr.contains("human, json or markdown"),
            "{format}: {}",
            r.stderr
        );
    }
}

#[test]
fn a_plugin_turned_off_and_a_webhook_on_another_bot_are_drift() {
    let (test, prod, home) = twins();
    let plugin = prod
        .sim
        .rows("v_plugin")
        .into_iter()
        .find(|r| r["id"] == "com.glide.awa")
        .unwrap();
    prod.sim.set_field(
        "v_plugin",
        plugin["sys_id"].as_str().unwrap(),
        "active",
        "inactive",
    );
    let message = prod
        .sim
        .rows("sys_rest_message")
        .into_iter()
        .find(|r| r["name"] == "VABot to Bot")
        .unwrap();
    prod.sim.set_field(
        "sys_rest_message",
        message["sys_id"].as_str().unwrap(),
        "rest_endpoint",
        "https://bots.kore.ai/chatbot/v2/webhook/st-11111111-2222-4333-8444-555555555555",
    );
    let r = diff(&test, &prod, &home, &["--json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(doc["drift"], true);
    let active = fact(&doc, "plugins.plugins.com.glide.awa.active");
    assert_eq!(
        (active["a"].as_str(), active["b"].as_str()),
        (Some("true"), Some("false"))
    );
    assert_eq!(active["differs"], true);
    // One endpoint on another bot: same shape, but two bot ids on prod's side.
    assert_eq!(
        fact(&doc, "webhook.endpoints.VABot to Bot.endpoint")["differs"],
        false
    );
    let ids = fact(&doc, "webhook.bot_ids");
    assert_eq!(
        (ids["a"].as_str(), ids["b"].as_str()),
        (Some("1"), Some("2"))
    );

    let md = diff(&test, &prod, &home, &["--format", "markdown"]);
    assert_eq!(md.code, 1);
    assert!(
        md.stdout
            .contains("| ❌ | `plugins.plugins.com.glide.awa.active` | true | false |"),
        "{}",
        md.stdout
    );
    assert!(
        !md.stdout.contains("| ✅ |"),
        "only what differs: {}",
        md.stdout
    );
    let human = diff(&test, &prod, &home, &[]);
    assert!(
        human
            .stdout
            .contains("plugins.plugins.com.glide.awa.active"),
        "{}",
        human.stdout
    );
}

#[test]
fn a_side_that_cannot_be_read_is_not_compared() {
    let (test, prod, home) = twins();
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_TEST_PASSWORD", test.sim.password())
        .env("SN_HANDOFF_PROD_PASSWORD", "wrong")
        .args(["diff", "test", "prod"]));
    assert_eq!(r.code, 3, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("Cannot compare: `prod` could not be read"),
        "{}",
        r.stdout
    );
    drop(prod);
}

#[test]
fn sarif_has_one_run_per_profile() {
    let f = Fleet::start();
    let r = run(f
        .cmd()
        .args(["check", "--profiles", "dev,prod", "--format", "sarif"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let log: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let runs = log["runs"].as_array().unwrap();
    let categories: Vec<&str> = runs
        .iter()
        .map(|run| run["automationDetails"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        categories,
        ["sn-handoff check/dev/", "sn-handoff check/prod/"]
    );
    // dev's five failures are errors; prod's warning a warning.
    let levels = |i: usize| -> Vec<String> {
        runs[i]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["level"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(levels(0).iter().filter(|l| *l == "error").count(), 5);
    assert_eq!(levels(1), ["warning"]);
    crate::formats::sarif_valid(&r.stdout);
}

#[test]
fn the_default_profile_named_with_p_reads_its_own_variable_as_a_fleet_run_does() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    home.write_config(&format!(
        "[profiles.default]\ninstance = \"{}\"\nusername = \"{}\"\n",
        sim.url(),
        sim.sim.username()
    ));
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_DEFAULT_PASSWORD", sim.sim.password())
        .args(["--no-input", "-p", "default", "check", "--json"]));
    assert_eq!(
        r.step("auth")["status"],
        "pass",
        "{}\n{}",
        r.stdout,
        r.stderr
    );
}
