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
    assert_eq!(versions["release"], "vancouver");
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

#[test]
fn the_logging_properties_are_restored_when_a_write_fails() {
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        fail_writes: vec!["sys_properties#2".into()],
        ..SimOptions::default()
    });
    let home = Home::new();
    let path = home.dir.path().join("b.tar.gz");
    let r = run(cmd(&sim, &home)
        .args(["doctor", "--bundle"])
        .arg(&path)
        .arg("--enable-va-logging"));
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
