//! Output a person and a CI log can trust: a connection failure is one line naming the host,
//! the cause and what to do; data from the instance never reaches a terminal or a log raw,
//! in any format or stream; URL user information is hidden; results go to stdout and
//! diagnostics to stderr; a failing command under `--json` prints one error document.

use std::net::TcpListener;

use serde_json::Value;

use crate::common::*;

/// `check` (human format) against `url` with a login in the environment.
fn human_check(url: &str, extra: &[&str]) -> Run {
    let home = Home::new();
    run(home
        .cmd()
        .env("SN_HANDOFF_INSTANCE", url)
        .env("SN_HANDOFF_USERNAME", "admin")
        .env("SN_HANDOFF_PASSWORD", "not-a-secret")
        .arg("check")
        .args(extra))
}

/// Exit 4, nothing on stdout, and exactly one line on stderr that names `host` and says
/// each of `words`, without the request's path or query.
fn one_line(r: &Run, host: &str, words: &[&str]) {
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    let line = r.stderr.trim_end();
    assert!(
        line.starts_with(&format!("error: cannot reach {host}: "))
            || line.starts_with(&format!("error: {host} did not answer")),
        "{line}"
    );
    for w in words {
        assert!(line.contains(w), "{w:?} missing from {line}");
    }
    for leak in ["/api/", "sysparm", "not-a-secret"] {
        assert!(!line.contains(leak), "{leak} in {line}");
    }
}

/// The troubleshooting page quotes `r`'s one line as the program prints it, with `doc_host`
/// in place of `host`.
fn documented(r: &Run, host: &str, doc_host: &str) {
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/troubleshooting.md"
    ))
    .unwrap();
    let line = r.stderr.trim_end().replace(host, doc_host);
    assert!(
        page.lines().any(|l| l == line),
        "docs/troubleshooting.md does not quote the line as printed:\n{line}"
    );
}

#[test]
fn a_name_that_does_not_resolve_is_one_line() {
    let r = human_check("https://nonexistent.invalid", &[]);
    one_line(
        &r,
        "nonexistent.invalid",
        &["the name does not resolve", "check the instance name"],
    );
    documented(&r, "nonexistent.invalid", "dev123x.service-now.com");
}

#[test]
fn a_refused_connection_is_one_line() {
    // A port that was free a moment ago: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let r = human_check(&format!("http://127.0.0.1:{port}"), &[]);
    one_line(
        &r,
        &format!("127.0.0.1:{port}"),
        &["the connection was refused", "HTTPS_PROXY"],
    );
    documented(&r, &format!("127.0.0.1:{port}"), "127.0.0.1:8443");
}

#[test]
fn a_listener_that_never_answers_is_one_line() {
    let (addr, _held) = silent_listener();
    let r = human_check(&format!("http://{addr}"), &["--timeout", "1"]);
    one_line(
        &r,
        &addr.to_string(),
        &["did not answer within 1 s", "raise --timeout"],
    );
    // The page shows the default timeout.
    // The reads were tried again: the line says how many tries and how long in all.
    let (before, after) = r
        .stderr
        .split_once("4 tries in ")
        .expect("the tries, in all");
    let (seconds, rest) = after.split_once(" s ").unwrap();
    let seconds: f64 = seconds.parse().unwrap();
    assert!(seconds >= 4.0, "{}", r.stderr);
    let at_default = Run {
        code: r.code,
        stdout: r.stdout.clone(),
        stderr: format!("{before}4 tries in 123.5 s {rest}").replace("within 1 s", "within 30 s"),
    };
    documented(&at_default, &addr.to_string(), "dev123.service-now.com");
}

/// A simulator serving `cert_pem` (self-signed with `key`) over TLS.
fn tls_sim(is_ca: bool) -> Sim {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair, SanType};
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(vec!["localhost".to_string()]).unwrap();
    params
        .subject_alt_names
        .push(SanType::IpAddress("127.0.0.1".parse().unwrap()));
    if is_ca {
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    }
    let cert = params.self_signed(&key).unwrap();
    Sim::with(SimOptions {
        scenario: Scenario::Configured,
        tls: Some(TlsIdentity {
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
        }),
        ..SimOptions::default()
    })
}

#[test]
fn an_untrusted_certificate_is_one_line_naming_ca_cert() {
    let sim = tls_sim(false);
    let host = sim.url().trim_start_matches("https://").to_string();
    let r = human_check(&sim.url(), &[]);
    one_line(&r, &host, &["certificate is not trusted", "--ca-cert FILE"]);
    documented(&r, &host, "dev123.service-now.com");
    assert!(sim.sim.requests().is_empty());
}

#[test]
fn a_ca_certificate_served_as_the_servers_is_one_line() {
    let sim = tls_sim(true);
    let host = sim.url().trim_start_matches("https://").to_string();
    let r = human_check(&sim.url(), &[]);
    one_line(
        &r,
        &host,
        &[
            "a CA certificate used as the server's certificate",
            "certificate that the CA issued",
        ],
    );
    documented(&r, &host, "127.0.0.1:8443");
    // The report formats keep the step list, with the same words in the instance step.
    let r = check_at(&sim.url(), &[]);
    assert_instance_says(&r, 4, "a CA certificate used as the server's certificate");
}

/// What no byte of any output may hold: escape sequences, the bell, a carriage return, C1
/// controls, bidirectional overrides and isolates.
fn assert_clean(what: &str, text: &str) {
    for c in [
        '\u{1b}', '\u{7}', '\r', '\u{9b}', '\u{85}', '\u{202e}', '\u{2066}',
    ] {
        assert!(
            !text.contains(c),
            "{what} holds U+{:04X}:\n{text}",
            c as u32
        );
    }
    for line in text.lines() {
        assert!(
            !line.trim_start().starts_with("::error::pwned"),
            "{what} starts a workflow command: {line}"
        );
    }
}

/// A REST message endpoint built to break a terminal and a CI log.
const HOSTILE: &str = "https://bots.example/hook\n::error::pwned\u{1b}]0;owned\u{7}\u{1b}[2J\u{202e}evil\u{2066}\r\u{9b}31m";

fn hostile_sim() -> Sim {
    let sim = Sim::start(Scenario::Configured);
    for table in ["sys_rest_message", "sys_rest_message_fn"] {
        for row in sim.sim.rows(table) {
            let id = row["sys_id"].as_str().unwrap().to_string();
            if row.get("rest_endpoint").is_some() {
                sim.sim.set_field(table, &id, "rest_endpoint", HOSTILE);
            }
        }
    }
    // On Virtual Agent API 4.1+ (the simulator's default release) the Bot Connection is one
    // more endpoint: it holds the same value, so the endpoints agree.
    for row in sim.sim.rows("http_connection") {
        let id = row["sys_id"].as_str().unwrap().to_string();
        sim.sim
            .set_field("http_connection", &id, "connection_url", HOSTILE);
    }
    sim
}

#[test]
fn hostile_instance_data_is_escaped_in_every_format_and_stream() {
    let sim = hostile_sim();
    let home = Home::new();
    for format in ["human", "json", "junit", "github", "markdown"] {
        let r = run(sim.cmd(&home).args(["check", "--format", format]));
        assert_eq!(r.code, 0, "--format {format}: {}", r.stderr);
        if format == "json" {
            // JSON's own escaping suffices: no raw C0 control (the document is read by a
            // program, which gets the value back exactly).
            assert!(
                !r.stdout.chars().any(|c| c < ' ' && c != '\n'),
                "{}",
                r.stdout
            );
        } else {
            assert_clean(&format!("{format} stdout"), &r.stdout);
        }
        assert_clean(&format!("{format} stderr"), &r.stderr);
        let shown = if format == "human" {
            &r.stdout
        } else {
            &r.stderr
        };
        // The escaped endpoint is there to read, in the human lines of every format.
        assert!(
            shown.contains(r"hook\n::error::pwned\u{1b}]0;owned\u{7}"),
            "{format}: {shown}"
        );
        match format {
            // JSON carries the value as it is, in JSON's own escaping.
            "json" => {
                let steps = r.json()["steps"].clone();
                let webhook = steps
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|s| s["id"] == "webhook")
                    .unwrap()
                    .clone();
                assert_eq!(webhook["details"]["endpoints"][0]["endpoint"], HOSTILE);
            }
            // One workflow command per warning, each on its own line.
            "github" => {
                assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
                assert!(r.stdout.starts_with("::warning title="), "{}", r.stdout);
            }
            "junit" => {
                roxmltree::Document::parse(&r.stdout).unwrap();
            }
            _ => {}
        }
    }
}

#[test]
fn hostile_error_messages_are_escaped_on_stderr() {
    // ServiceNow's error envelope, with a message built to break the terminal.
    let body = serde_json::json!({
        "error": {"message": "bad\n::error::pwned\u{1b}[2J\u{202e}", "detail": null},
        "status": "failure"
    })
    .to_string();
    let canned = Canned::new(500, &[("Content-Type", "application/json")], body);
    let home = Home::new();
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_INSTANCE", canned.url())
        .env("SN_HANDOFF_USERNAME", "admin")
        .env("SN_HANDOFF_PASSWORD", "x")
        .arg("plugins"));
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert_clean("stderr", &r.stderr);
    assert!(
        r.stderr.contains(r"bad\n::error::pwned\u{1b}[2J\u{202e}"),
        "{}",
        r.stderr
    );
    // In the check report too, on stdout.
    let r = human_check(&canned.url(), &[]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert_clean("stdout", &r.stdout);
    assert!(r.stdout.contains(r"bad\n::error::pwned"), "{}", r.stdout);
}

#[test]
fn url_user_information_is_redacted_everywhere() {
    let home = Home::new();
    let url = "https://admin:hunter2@dev123.service-now.com";
    let r = run(home.cmd().args(["check", "-i", url]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!r.stderr.contains("hunter2"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("https://admin:***@dev123.service-now.com"),
        "{}",
        r.stderr
    );
    let r = run(home.cmd().args(["check", "--json", "-i", url]));
    assert_eq!(r.code, 2);
    assert!(!r.stdout.contains("hunter2") && !r.stderr.contains("hunter2"));
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("admin:***@"));
    // From the environment, the same.
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_INSTANCE", url)
        .arg("auth")
        .arg("status"));
    assert!(!r.stdout.contains("hunter2") && !r.stderr.contains("hunter2"));
}

#[test]
fn results_go_to_stdout_and_json_failures_are_one_document() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    for args in [&["plugins"][..], &["group"], &["auth", "status"]] {
        let r = run(sim.cmd(&home).args(args));
        assert!(!r.stdout.is_empty(), "{args:?}: nothing on stdout");
        assert!(r.stderr.is_empty(), "{args:?}: {}", r.stderr);
    }
    let r = run(sim.cmd(&home).args([
        "set-webhook",
        "https://bots.kore.ai/chatbot/v2/webhook/st-1",
        "--dry-run",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Would change"), "{}", r.stdout);

    // Failures under --json: one document, whatever the exit code.
    let unusable = human_check("https://nonexistent.invalid", &["--json"]);
    let usage = run(home.cmd().args(["group", "--json", "-i", "ftp://x"]));
    let refused_by_clap = run(home.cmd().args(["check", "--json", "--bogus"]));
    let auth = run(sim
        .cmd(&home)
        .env("SN_HANDOFF_PASSWORD", "wrong")
        .args(["plugins", "--json"]));
    for (r, kind, exit) in [
        (&usage, "usage", 2),
        (&refused_by_clap, "usage", 2),
        (&auth, "auth", 3),
    ] {
        assert_eq!(r.code, exit, "{}", r.stderr);
        let doc: Value = r.json();
        assert_eq!(doc["error"]["kind"], kind, "{doc}");
        assert_eq!(doc["exit"], exit);
        assert!(doc["error"]["message"].as_str().unwrap().len() > 5);
        assert!(doc["error"]["hint"].is_string(), "{doc}");
        assert_eq!(doc.as_object().unwrap().len(), 2, "{doc}");
    }
    // `check --json` keeps its report, the unreachable instance in its first step.
    assert_eq!(unusable.code, 4);
    assert_eq!(unusable.step("instance")["status"], "fail");
}

/// Every command that runs against `--demo`, with a line of its result: on stdout alone in
/// human output; under `--json`, stdout holds one JSON document and the human lines (the
/// result among them, when the command prints any beside the document) go to stderr.
#[test]
fn every_commands_result_goes_to_stdout() {
    let home = Home::new();
    let bundle = home.path().join("bundle.tar.gz");
    let bundle = bundle.to_str().unwrap();
    let url = "https://bots.kore.ai/chatbot/v2/webhook/st-1";
    // (arguments, a piece of the human result, whether --json also prints it on stderr)
    let cases: &[(&[&str], &str, bool)] = &[
        (&["check"], "fail  plugins", true),
        (&["plugins"], "Advanced Work Assignment", true),
        (&["group"], "lacks awa_agent", true),
        (&["set-webhook", url, "--dry-run"], url, true),
        (
            &[
                "--demo-scenario",
                "configured",
                "agent",
                "available",
                "--agent",
                "abel.tuter",
            ],
            "abel.tuter",
            true,
        ),
        (
            &["--demo-scenario", "configured", "smoke-test"],
            "The hand-off reached abel.tuter",
            true,
        ),
        (
            &[
                "--demo-scenario",
                "configured",
                "why-no-agent",
                "--agent",
                "abel.tuter",
            ],
            "The instance answers",
            false,
        ),
        (
            &["kore", "status"],
            "ServiceNow is not the default agent integration",
            false,
        ),
        (
            &["kore", "connect", "--dry-run"],
            "Dry run: nothing is sent",
            false,
        ),
        (
            &["kore", "connect"],
            "ServiceNow agent integration written",
            true,
        ),
        (&["auth", "status"], "instance", true),
        (&["doctor", "--bundle", bundle], "Wrote", false),
    ];
    for (args, result, beside_json) in cases {
        // `--demo` keeps its world between runs: each run starts from its own fresh one.
        let r = run(Home::new().cmd().arg("--demo").args(*args));
        assert!(r.code <= 1, "{args:?}: exit {}: {}", r.code, r.stderr);
        assert!(
            r.stdout.contains(result),
            "{args:?}: {result:?} not on stdout:\n{}\n--- stderr:\n{}",
            r.stdout,
            r.stderr
        );
        assert!(
            !r.stderr.contains(result),
            "{args:?}: {result:?} on stderr:\n{}",
            r.stderr
        );
        let j = run(Home::new().cmd().arg("--demo").args(*args).arg("--json"));
        assert_eq!(j.code, r.code, "{args:?} --json: {}", j.stderr);
        let doc: Value = serde_json::from_str(&j.stdout)
            .unwrap_or_else(|e| panic!("{args:?} --json: {e}:\n{}", j.stdout));
        assert!(doc.is_object(), "{args:?}");
        if *beside_json {
            assert!(
                j.stderr.contains(result),
                "{args:?} --json: {result:?} not on stderr:\n{}",
                j.stderr
            );
        }
    }
    // The commands that describe the command line print it on stdout, and nothing else.
    for args in [&["completions", "bash"][..], &["man"]] {
        let r = run(home.cmd().args(args));
        assert_eq!(r.code, 0, "{args:?}");
        assert!(
            !r.stdout.is_empty() && r.stderr.is_empty(),
            "{args:?}: {}",
            r.stderr
        );
    }
}
