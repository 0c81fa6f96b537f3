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
    let info = parse_output(&doc, "");
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
        .env("SN_HANDOFF_KORE_ADMIN_CLIENT_ID", text("admin_client_id"))
        .env(
            "SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET",
            text("admin_client_secret"),
        )
        .args(["kore", "status", "--json", "--no-input"]));
    child.kill().unwrap();
    let _ = child.wait();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(k.code, 0, "{}", k.stderr);
    assert_eq!(k.json()["status"], "pass");
}

#[cfg(unix)]
#[test]
fn demo_prints_export_lines_and_ctrl_c_is_130() {
    let home = Home::new();
    let mut child = home
        .spawnable()
        .args(["demo", "--scenario", "configured"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut lines: Vec<String> = Vec::new();
    // The Kore.ai admin app's secret is the last line.
    while !lines
        .last()
        .is_some_and(|l| l.starts_with("export SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET="))
    {
        let mut line = String::new();
        assert!(
            out.read_line(&mut line).unwrap() > 0,
            "ended early: {lines:?}"
        );
        lines.push(line.trim_end().to_string());
    }
    for line in &lines {
        assert!(line.starts_with("export SN_HANDOFF_"), "{line}");
    }
    assert!(lines.len() >= 11, "{lines:?}");
    // A shell takes the lines as they are, and the check then passes against the demo.
    let script = format!("{}\nexec \"$0\" check --json", lines.join("\n"));
    let mut sh = Command::new("sh");
    home.clean(&mut sh);
    let status = sh
        .arg("-c")
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_sn-handoff"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    // Once it says Ctrl-C stops it, Ctrl-C ends it with 130.
    let mut err = BufReader::new(child.stderr.take().unwrap());
    loop {
        let mut line = String::new();
        assert!(err.read_line(&mut line).unwrap() > 0, "no Ctrl-C line");
        if line.contains("Ctrl-C") {
            break;
        }
    }
    let pid = i32::try_from(child.id()).unwrap();
    // SAFETY: a signal to the child this test started, which has not been waited for.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    assert_eq!(child.wait().unwrap().code(), Some(130));
}

/// `--demo check --json` in `home`.
fn demo_check(home: &Home) -> Run {
    run(home.cmd().args(["--demo", "check", "--json"]))
}

#[test]
fn a_followed_demo_fix_changes_the_next_demo_check_until_reset() {
    let home = Home::new();
    let first = demo_check(&home);
    assert_eq!(first.status_of("plugins"), "fail");
    let fix = first.fix("plugins");
    assert_eq!(fix, "sn-handoff --demo plugins --activate");
    // Followed as printed.
    let args: Vec<&str> = fix.split_whitespace().skip(1).collect();
    let r = run(home.cmd().env("SN_HANDOFF_POLL_MS", "5").args(&args));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let next = demo_check(&home);
    assert_eq!(next.status_of("plugins"), "pass", "{}", next.stdout);

    // The bot is one world too: what kore connect wrote, kore status reads.
    let r = run(home.cmd().env("SN_HANDOFF_POLL_MS", "5").args([
        "--demo",
        "kore",
        "connect",
        "--publish",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let status = run(home.cmd().args(["--demo", "kore", "status", "--json"]));
    assert_eq!(status.json()["status"], "pass", "{}", status.stdout);

    // The world holds none of the simulators' secrets.
    let world =
        std::fs::read_to_string(home.path().join("state/sn-handoff/demo-world.json")).unwrap();
    assert!(!world.contains("\"client_secret\":\"") || world.contains("\"client_secret\":\"***\""));

    // `demo --reset` forgets it: the next --demo run is a fresh instance again.
    let mut child = home.spawnable();
    child
        .args(["demo", "--reset"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = child.spawn().unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.starts_with("export "), "{line}");
    child.kill().unwrap();
    child.wait().unwrap();
    let fresh = demo_check(&home);
    assert_eq!(fresh.status_of("plugins"), "fail");
}

#[test]
fn demo_reads_no_profile() {
    let home = Home::new();
    home.write_config(
        "[profiles.default]\nagent = \"nobody.here\"\nwebhook_url = \"https://bots.kore.ai/chatbot/v2/webhook/st-99999999-9999-4999-8999-999999999999\"\n",
    );
    let r = demo_check(&home);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let out = format!("{}{}", r.stdout, r.stderr);
    assert!(!out.contains("nobody.here"), "{out}");
    assert!(!out.contains("st-99999999"), "{out}");
    assert_eq!(
        r.step("webhook")["details"]["expected"],
        serde_json::Value::Null
    );
    // Not even read: a config file that is not TOML, or a profile named that does not exist,
    // does not stop a demo run.
    home.write_config("this is [not toml\n");
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_PROFILE", "nonexistent")
        .args(["--demo", "check", "--json"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.step("instance")["status"], "pass");
}

#[test]
fn a_real_instances_message_token_is_not_sent_to_the_demo() {
    let home = Home::new();
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_MESSAGE_TOKEN", "a-real-instances-token")
        .args(["--demo", "--demo-scenario", "configured", "smoke-test"]));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
}
