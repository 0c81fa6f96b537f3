//! `--demo` and `sn-handoff demo`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::common::*;

#[test]
fn check_demo_runs_in_process() {
    let home = Home::new();
    let r = run(home.cmd().args(["check", "--demo", "--json"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.json()["instance"]
        .as_str()
        .unwrap()
        .starts_with("http://127.0.0.1:"));
    assert_eq!(r.step("plugins")["status"], "fail");
    // --demo ignores the instance and credentials from the environment.
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_INSTANCE", "https://dev1.service-now.com")
        .env("SN_HANDOFF_PASSWORD", "x")
        .args(["check", "--demo", "--json"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
}

#[test]
fn demo_serves_until_stopped() {
    let home = Home::new();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sn-handoff"))
        .args(["demo", "--json", "--scenario", "configured"])
        .env("HOME", home.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut doc = String::new();
    // The JSON document is pretty-printed; it ends with a line holding a lone `}`.
    loop {
        let mut line = String::new();
        assert!(
            reader.read_line(&mut line).unwrap() > 0,
            "demo ended early: {doc}"
        );
        doc.push_str(&line);
        if line.trim_end() == "}" {
            break;
        }
    }
    let info: serde_json::Value = serde_json::from_str(&doc).unwrap();
    assert_eq!(info["scenario"], "configured");
    assert_eq!(info["username"], "admin");
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_INSTANCE", info["url"].as_str().unwrap())
        .env("SN_HANDOFF_USERNAME", "admin")
        .env("SN_HANDOFF_PASSWORD", info["password"].as_str().unwrap())
        .args(["check", "--json"]));
    // The simulated Kore.ai platform beside it, with the bot connected in this scenario.
    let kore = &info["kore"];
    let text = |key: &str| kore[key].as_str().unwrap().to_string();
    let k = run(home
        .cmd()
        .env("SN_HANDOFF_KORE_HOST", text("host"))
        .env("SN_HANDOFF_KORE_BOT_ID", text("bot_id"))
        .env("SN_HANDOFF_KORE_CLIENT_ID", text("client_id"))
        .env("SN_HANDOFF_KORE_CLIENT_SECRET", text("client_secret"))
        .args(["kore", "status", "--json", "--no-input"]));
    child.kill().unwrap();
    let _ = child.wait();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(k.code, 0, "{}", k.stderr);
    assert_eq!(k.json()["status"], "pass");
}
