//! `doctor --bundle`: the bundle's files, its HAR 1.2 log of every exchange, that no secret of
//! the run survives in it (unpacked and searched), and that `--enable-va-logging` leaves the
//! instance's properties as they were, also when a write fails half-way.

use std::collections::BTreeMap;
use std::io::Read;

use serde_json::Value;

use super::*;

/// The bundle's files by name.
fn unpack(path: &std::path::Path) -> BTreeMap<String, String> {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut files = BTreeMap::new();
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        let name = entry.path().unwrap().to_string_lossy().into_owned();
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        files.insert(name, text);
    }
    files
}

/// The logging properties the instance holds now.
fn logging_rows(sim: &Sim) -> Vec<String> {
    sim.sim
        .rows("sys_properties")
        .into_iter()
        .filter_map(|r| r.get("name").and_then(Value::as_str).map(str::to_string))
        .filter(|n| n.starts_with("glide.outbound_http_log"))
        .collect()
}

#[test]
fn the_bundle_holds_the_reports_versions_properties_and_a_har_log() {
    let sim = Sim::start(Scenario::NoCapacity);
    let home = Home::new();
    let path = home.dir.path().join("out/support.tar.gz");
    let r = run(cmd(&sim, &home)
        .args(["doctor", "--json", "--bundle"])
        .arg(&path)
        .args(["--agent", "abel.tuter", "--enable-va-logging"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Its own logging, on while it reads, is not taken for one an interrupted run left.
    assert!(!r.stderr.contains("left at level all"), "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["broken"], "capacity", "{j}");
    let files = unpack(&path);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "check.json",
            "deep.json",
            "http.har",
            "manifest.json",
            "properties.json",
            "versions.json",
            "why-no-agent.json"
        ]
    );
    let json = |name: &str| -> Value { serde_json::from_str(&files[name]).unwrap() };
    let ids = |doc: &Value| -> Vec<String> {
        doc["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&json("check.json")), STEP_IDS);
    assert_eq!(ids(&json("deep.json")), DEEP_STEP_IDS);
    assert_eq!(json("why-no-agent.json")["broken"], "capacity");
    let versions = json("versions.json");
    assert_eq!(versions["release"], "australia");
    assert_eq!(versions["plugins"].as_array().unwrap().len(), 5);
    let properties = json("properties.json");
    assert_eq!(properties["glide.awa.enabled"]["value"], "true");
    assert!(properties["com.glide.cs.exclude.liveagent.support"]["value"].is_string());
    // Read while the run had the outbound HTTP log on.
    assert_eq!(
        properties["glide.outbound_http_log.override"]["value"],
        "true"
    );
    assert_eq!(
        properties["glide.outbound_http_log.override.level"]["value"],
        "all"
    );

    let har = json("http.har");
    assert_eq!(har["log"]["version"], "1.2");
    assert_eq!(har["log"]["creator"]["name"], "sn-handoff");
    let entries = har["log"]["entries"].as_array().unwrap();
    assert_eq!(entries.len() as u64, j["exchanges"].as_u64().unwrap());
    assert_eq!(
        entries.len(),
        sim.sim.requests().len(),
        "one entry per request"
    );
    for e in entries {
        assert!(e["startedDateTime"].as_str().unwrap().ends_with('Z'), "{e}");
        assert!(e["time"].as_f64().unwrap() >= 0.0);
        assert!(e["request"]["method"].is_string());
        assert!(e["request"]["url"]
            .as_str()
            .unwrap()
            .starts_with(&sim.url()));
        assert!(e["request"]["headers"].is_array() && e["request"]["queryString"].is_array());
        assert!(e["response"]["status"].as_u64().unwrap() >= 200);
        assert!(e["response"]["content"]["size"].is_number());
        assert!(e["timings"]["wait"].is_number() && e["timings"]["send"].is_number());
    }
    let methods: Vec<&str> = entries
        .iter()
        .map(|e| e["request"]["method"].as_str().unwrap())
        .collect();
    // The properties were created for the run, then deleted again.
    assert_eq!(
        methods.iter().filter(|m| **m == "POST").count(),
        2,
        "{methods:?}"
    );
    assert_eq!(
        methods.iter().filter(|m| **m == "DELETE").count(),
        2,
        "{methods:?}"
    );
    assert!(logging_rows(&sim).is_empty(), "{:?}", logging_rows(&sim));
    // A table read carries its body.
    let read = entries
        .iter()
        .find(|e| e["request"]["url"].as_str().unwrap().contains("/awa_queue"))
        .unwrap();
    assert!(read["response"]["content"]["text"]
        .as_str()
        .unwrap()
        .contains("Consumer Service Chat"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
}

#[test]
fn no_secret_survives_in_the_bundle() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let refresh = sim.sim.issue_refresh_token("admin");
    let token = sim.sim.message_token().unwrap();
    let path = home.dir.path().join("oauth.tar.gz");
    let mut oauth = home.spawnable();
    crate::auth::oauth_env(&sim, &mut oauth);
    let r = run(assert_cmd::Command::from_std(oauth)
        .env("SN_HANDOFF_REFRESH_TOKEN", &refresh)
        .env("SN_HANDOFF_MESSAGE_TOKEN", &token)
        .args(["doctor", "--bundle"])
        .arg(&path));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = unpack(&path);
    let all: String = files.values().cloned().collect();
    let mut secrets = vec![
        sim.sim.oauth_client_secret(),
        sim.sim.password().to_string(),
        refresh.clone(),
        token,
    ];
    let issued = sim.sim.issued_tokens();
    assert!(
        issued.iter().any(|t| *t != refresh),
        "the run minted an access token"
    );
    secrets.extend(issued);
    for secret in &secrets {
        assert!(
            !all.contains(secret.as_str()),
            "a secret survived in the bundle"
        );
    }
    // The token exchange is there, with its secrets replaced.
    let har: Value = serde_json::from_str(&files["http.har"]).unwrap();
    let exchange = har["log"]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["request"]["url"]
                .as_str()
                .unwrap()
                .ends_with("/oauth_token.do")
        })
        .expect("the token exchange is recorded");
    let form = exchange["request"]["postData"]["text"].as_str().unwrap();
    assert!(form.contains("client_secret=***"), "{form}");
    assert!(form.contains("refresh_token=***"), "{form}");
    let answer = exchange["response"]["content"]["text"].as_str().unwrap();
    assert!(answer.contains("\"access_token\":\"***\""), "{answer}");
    let api = har["log"]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["request"]["url"].as_str().unwrap().contains("/api/now/"))
        .unwrap();
    let auth = api["request"]["headers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["name"] == "Authorization")
        .unwrap();
    assert_eq!(auth["value"], "***");

    // With Basic auth the password is never written either.
    let path = home.dir.path().join("basic.tar.gz");
    let r = run(cmd(&sim, &home).args(["doctor", "--bundle"]).arg(&path));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("HTTP exchanges"), "{}", r.stdout);
    let all: String = unpack(&path).values().cloned().collect();
    assert!(!all.contains(sim.sim.password()));
}

/// `doctor --enable-va-logging` on a configured instance started with `opts` (its writes
/// fail): the instance, the run, where the bundle would have gone, and the run's HOME.
fn logging_with(opts: SimOptions) -> (Sim, Run, std::path::PathBuf, Home) {
    logging_on(Sim::with(SimOptions {
        scenario: Scenario::Configured,
        ..opts
    }))
}

/// `doctor --enable-va-logging` on `sim`, as [`logging_with`] says.
fn logging_on(sim: Sim) -> (Sim, Run, std::path::PathBuf, Home) {
    let home = Home::new();
    let path = home.dir.path().join("b.tar.gz");
    let r = run(cmd(&sim, &home)
        .args(["doctor", "--bundle"])
        .arg(&path)
        .arg("--enable-va-logging"));
    (sim, r, path, home)
}

#[test]
fn the_logging_properties_are_restored_when_a_write_fails() {
    let (sim, r, path, _home) = logging_with(SimOptions {
        fail_writes: vec!["sys_properties#2".into()],
        ..SimOptions::default()
    });
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(
        r.stderr.contains("could not turn the outbound HTTP log on"),
        "{}",
        r.stderr
    );
    // The first property was created, the second refused: the first is gone again.
    assert!(logging_rows(&sim).is_empty(), "{:?}", logging_rows(&sim));
    assert!(!path.exists());
}

/// The outbound HTTP log properties as the instance answers them over its Table API.
fn logging_over_http(sim: &Sim) -> BTreeMap<String, String> {
    let url = format!(
        "{}/api/now/table/sys_properties?sysparm_query=nameIN{},{}&sysparm_fields=name,value",
        sim.url(),
        sn_handoff::commands::doctor::LOG_OVERRIDE,
        sn_handoff::commands::doctor::LOG_LEVEL,
    );
    let body: Value = sim.block_on(async {
        reqwest::Client::new()
            .get(&url)
            .basic_auth(sim.sim.username(), Some(sim.sim.password()))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    });
    body["result"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|r| {
            let text = |f: &str| r[f].as_str().unwrap().to_string();
            (text("name"), text("value"))
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn the_logging_properties_are_restored_on_sigterm_and_sighup() {
    use sn_handoff::commands::doctor::LOG_OVERRIDE;
    // (the property write during which the signal arrives, the signal)
    for (at, signal, name) in [(1, libc::SIGTERM, "SIGTERM"), (2, libc::SIGHUP, "SIGHUP")] {
        let sim = Sim::with(SimOptions {
            scenario: Scenario::Configured,
            latency: std::time::Duration::from_millis(200),
            ..SimOptions::default()
        });
        // The override exists and is off; the level does not exist yet.
        sim.sim.insert_row(
            "sys_properties",
            &[
                ("name", LOG_OVERRIDE),
                ("value", "false"),
                ("type", "true|false"),
            ],
        );
        let before = logging_over_http(&sim);
        assert_eq!(
            before,
            BTreeMap::from([(LOG_OVERRIDE.to_string(), "false".to_string())])
        );
        let home = Home::new();
        let path = home.dir.path().join("b.tar.gz");
        let r = crate::repairs::writes::signalled(
            &sim,
            &home,
            at,
            signal,
            &[
                "doctor",
                "--bundle",
                path.to_str().unwrap(),
                "--enable-va-logging",
            ],
        );
        assert_eq!(r.code, 130, "{name}: {}", r.stderr);
        assert!(
            r.stderr.contains(&format!(
                "interrupted by {name}; the logging properties were restored"
            )),
            "{}",
            r.stderr
        );
        assert_eq!(logging_over_http(&sim), before, "{name}: {}", r.stderr);
        // They had been set (the write in flight was let finish), then put back.
        let writes = successful_writes(&sim)
            .into_iter()
            .filter(|w| w.path.contains("/sys_properties"))
            .count();
        assert!(writes >= 2 * at, "{name}: {writes} writes");
        assert!(!path.exists());
    }
    // Under --json, the interruption document of every writing command, whole.
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        latency: std::time::Duration::from_millis(200),
        ..SimOptions::default()
    });
    let home = Home::new();
    let path = home.dir.path().join("b.tar.gz");
    let r = crate::repairs::writes::signalled(
        &sim,
        &home,
        1,
        libc::SIGTERM,
        &[
            "doctor",
            "--json",
            "--bundle",
            path.to_str().unwrap(),
            "--enable-va-logging",
        ],
    );
    assert_eq!(r.code, 130, "{}", r.stderr);
    let doc = r.json();
    let error = &doc["error"];
    assert_eq!(error["kind"], "interrupted", "{doc}");
    assert_eq!(error["signal"], "SIGTERM", "{doc}");
    assert_eq!(error["command"], "doctor", "{doc}");
    for field in ["changed", "unchanged", "uncertain", "kore_changed"] {
        assert!(error[field].is_array(), "{field}: {doc}");
    }
}

#[test]
fn a_logging_property_whose_post_answer_was_lost_is_removed_again() {
    let (sim, r, path, _home) = logging_with(SimOptions {
        write_faults: vec![WriteFault {
            target: "sys_properties#1".into(),
            after: AfterWrite::DropConnection,
        }],
        ..SimOptions::default()
    });
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(!path.exists());
    // The POST made the row though its answer never came: it is found and deleted again.
    let posts = successful_writes(&sim)
        .into_iter()
        .filter(|w| w.method == "POST" && w.path.contains("/sys_properties"))
        .count();
    assert_eq!(posts, 1);
    assert!(logging_rows(&sim).is_empty(), "{:?}", logging_rows(&sim));
    assert!(logging_over_http(&sim).is_empty());
}

/// The names of the temporary writes recorded in the state file under `home`.
fn temporary(home: &Home) -> Vec<String> {
    let files = crate::repairs::state_files(home);
    let state: Value = serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    (state["temporary"].as_array().into_iter().flatten())
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_logging_property_that_may_have_been_set_unseen_stays_journalled() {
    use sn_handoff::commands::doctor::LOG_OVERRIDE;
    // The override's POST is carried out but its answer is lost, and the read that looks
    // for the row is refused: the run cannot know whether it made it.
    let (sim, r, path, home) = logging_with(SimOptions {
        write_faults: vec![WriteFault {
            target: "sys_properties#1".into(),
            after: AfterWrite::DropConnection,
        }],
        fail_reads: vec!["sys_properties#3@401".into()],
        ..SimOptions::default()
    });
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("{LOG_OVERRIDE} may have been set")),
        "{}",
        r.stderr
    );
    // It was made: its record stays, and only its.
    assert_eq!(logging_rows(&sim), [LOG_OVERRIDE]);
    assert_eq!(temporary(&home), [LOG_OVERRIDE]);
    // The next doctor puts it back before its own work.
    let r = run(cmd(&sim, &home).args(["doctor", "--bundle"]).arg(&path));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("Undid a temporary write"), "{}", r.stderr);
    assert!(logging_rows(&sim).is_empty(), "{:?}", logging_rows(&sim));
    assert!(temporary(&home).is_empty());
}

#[test]
fn what_the_instance_wrote_is_escaped_in_the_bundle_summary() {
    let sim = Sim::start(Scenario::Configured);
    let hostile = "https://bots.example/hook\n::error::pwned\u{1b}]0;owned\u{7}\u{202e}";
    for row in sim.sim.rows("sys_rest_message") {
        let id = row["sys_id"].as_str().unwrap().to_string();
        sim.sim
            .set_field("sys_rest_message", &id, "rest_endpoint", hostile);
    }
    let home = Home::new();
    let path = home.dir.path().join("b.tar.gz");
    let r = run(cmd(&sim, &home).args(["doctor", "--bundle"]).arg(&path));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("breaks at webhook"), "{}", r.stdout);
    assert!(
        r.stdout.contains(r"hook\n::error::pwned\u{1b}"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout
            .chars()
            .any(|c| c != '\n' && sn_handoff::ui::escape::is_unsafe(c)),
        "{:?}",
        r.stdout
    );
    assert!(
        !r.stdout.lines().any(|l| l.starts_with("::")),
        "{}",
        r.stdout
    );
}

#[test]
fn a_logging_property_the_login_may_not_create_is_not_looked_for() {
    // A login that may not write: its POST is refused (403) before anything is written, so
    // no read looks for a row it could have made, and the refusal keeps its exit code.
    let (sim, r, path, _home) = logging_on(Sim::start(Scenario::ReadOnly));
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(!path.exists());
    let requests = sim.sim.requests();
    let post = requests
        .iter()
        .position(|q| q.method == "POST" && q.path.contains("/sys_properties"))
        .expect("the property's POST");
    assert_eq!(requests[post].status, 403);
    let after: Vec<_> = requests[post + 1..]
        .iter()
        .filter(|q| q.path.contains("/sys_properties"))
        .map(|q| (q.method.clone(), q.query.clone()))
        .collect();
    assert!(after.is_empty(), "{after:?}");
}
