//! Faults, hostile input and TLS: the instance that never answers, bodies that are cut off,
//! empty, HTML or enormous, an untrusted certificate, a corporate proxy, and names built to
//! break an encoded query. Each ends in a clear message and the documented exit code.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::common::*;

#[test]
fn an_instance_that_never_answers_times_out_with_exit_4() {
    // Accepts, reads nothing, answers nothing, keeps the socket open.
    let (addr, held) = silent_listener();
    let r = check_at(&format!("http://{addr}"), &["--timeout", "1"]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    let summary = r.summary("instance");
    assert!(summary.contains("did not answer within 1 s"), "{summary}");
    // --timeout bounds each try; the summary says how many there were and how long in all.
    assert!(summary.contains(", 4 tries in "), "{summary}");
    assert!(r.fix("instance").contains("--timeout"));
    // Reads are tried again on a timeout: more than one connection was made.
    assert!(held.lock().unwrap().len() > 1);
}

#[test]
fn an_empty_200_is_exit_4() {
    let canned = Canned::new(200, &[("Content-Type", "application/json")], "");
    let r = check_at(&canned.url(), &[]);
    assert_instance_says(&r, 4, "not a ServiceNow instance");
}

#[test]
fn an_html_200_is_exit_4() {
    let canned = Canned::new(
        200,
        &[("Content-Type", "text/html")],
        "<!doctype html><html><title>Portal</title></html>",
    );
    let r = check_at(&canned.url(), &[]);
    assert_instance_says(&r, 4, "HTML page");
}

#[test]
fn an_enormous_body_is_refused_not_read() {
    // 40 MiB of a JSON string: over the client's 32 MiB cap.
    let mut body = b"{\"result\": [{\"name\": \"".to_vec();
    body.extend(std::iter::repeat_n(b'x', 40 * 1024 * 1024));
    body.extend_from_slice(b"\"}]}");
    let canned = Canned::new(200, &[("Content-Type", "application/json")], body);
    let r = check_at(&canned.url(), &[]);
    assert_instance_says(&r, 4, "larger than 32 MiB");
}

#[test]
fn an_enormous_body_without_length_is_refused_too() {
    // No Content-Length: the cap applies while reading.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"result\": [\"");
                let chunk = vec![b'y'; 1024 * 1024];
                for _ in 0..64 {
                    if stream.write_all(&chunk).is_err() {
                        return;
                    }
                }
            });
        }
    });
    let r = check_at(&format!("http://{addr}"), &[]);
    assert_instance_says(&r, 4, "larger than 32 MiB");
}

/// A throwaway CA named `name`: its certificate, and the issuer that signs with it.
fn test_ca(name: &str) -> (rcgen::Certificate, rcgen::Issuer<'static, rcgen::KeyPair>) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, name);
    let ca = ca_params.self_signed(&ca_key).unwrap();
    (ca, rcgen::Issuer::new(ca_params, ca_key))
}

/// A certificate for 127.0.0.1 signed by a throwaway CA, and that CA's PEM.
fn tls_identity(dir: &std::path::Path) -> (TlsIdentity, std::path::PathBuf) {
    use rcgen::{CertificateParams, KeyPair, SanType};
    let (ca, issuer) = test_ca("sn-handoff test CA");
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(vec!["localhost".to_string()]).unwrap();
    params
        .subject_alt_names
        .push(SanType::IpAddress("127.0.0.1".parse().unwrap()));
    let cert = params.signed_by(&key, &issuer).unwrap();
    let ca_path = dir.join("corporate-ca.pem");
    std::fs::write(&ca_path, ca.pem()).unwrap();
    (
        TlsIdentity {
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
        },
        ca_path,
    )
}

fn tls_sim(home: &Home) -> (Sim, std::path::PathBuf) {
    let (identity, ca) = tls_identity(home.path());
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        tls: Some(identity),
        ..SimOptions::default()
    });
    assert!(sim.url().starts_with("https://127.0.0.1:"));
    (sim, ca)
}

#[test]
fn a_self_signed_leaf_certificate_is_not_trusted_in_plain_words() {
    use rcgen::{CertificateParams, KeyPair, SanType};
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(vec!["localhost".to_string()]).unwrap();
    params
        .subject_alt_names
        .push(SanType::IpAddress("127.0.0.1".parse().unwrap()));
    let cert = params.self_signed(&key).unwrap();
    let sim = Sim::with(SimOptions {
        tls: Some(TlsIdentity {
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
        }),
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(sim.cmd(&home).args(["check", "--json"]));
    assert_eq!(r.code, 4, "{}", r.stderr);
    let summary = r.summary("instance");
    assert!(
        summary.contains("not trusted (self-signed, or issued by an unknown authority)"),
        "{summary}"
    );
    assert!(!summary.contains("BadSignature"), "{summary}");
}

/// A self-signed certificate made again with a new key under the same name, while `--ca-cert`
/// still holds the old one: the verifier finds the old one as the issuer by name, and the
/// signature does not match it (rustls calls it `BadSignature`). To a person it is the same
/// untrusted certificate.
#[test]
fn a_self_signed_certificate_made_again_under_the_same_name_is_not_trusted_in_plain_words() {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, SanType};
    let named = || {
        let mut params = CertificateParams::new(vec!["localhost".to_string()]).unwrap();
        params
            .subject_alt_names
            .push(SanType::IpAddress("127.0.0.1".parse().unwrap()));
        params
            .distinguished_name
            .push(DnType::CommonName, "dev123 self-signed");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params
    };
    let old_key = KeyPair::generate().unwrap();
    let old = named().self_signed(&old_key).unwrap();
    let key = KeyPair::generate().unwrap();
    let mut params = named();
    params.is_ca = IsCa::NoCa;
    let cert = params.self_signed(&key).unwrap();
    let sim = Sim::with(SimOptions {
        tls: Some(TlsIdentity {
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
        }),
        ..SimOptions::default()
    });
    let home = Home::new();
    let old_path = home.path().join("old.pem");
    std::fs::write(&old_path, old.pem()).unwrap();
    let r = run(sim
        .cmd(&home)
        .args(["check", "--json", "--ca-cert"])
        .arg(&old_path));
    assert_eq!(r.code, 4, "{}", r.stderr);
    let summary = r.summary("instance");
    assert!(
        summary.contains("not trusted (self-signed, or issued by an unknown authority)"),
        "{summary}"
    );
    assert!(!summary.contains("BadSignature"), "{summary}");
}

#[test]
fn an_untrusted_certificate_is_exit_4_naming_ca_cert() {
    let home = Home::new();
    let (sim, _ca) = tls_sim(&home);
    let r = run(sim.cmd(&home).args(["check", "--json"]));
    assert_eq!(r.code, 4, "{}", r.stderr);
    let summary = r.summary("instance");
    assert!(summary.contains("certificate is not trusted"), "{summary}");
    assert!(r.fix("instance").contains("--ca-cert"));
    assert!(
        sim.sim.requests().is_empty(),
        "no request may cross an untrusted connection"
    );
}

#[test]
fn ca_cert_makes_the_certificate_trusted() {
    let home = Home::new();
    let (sim, ca) = tls_sim(&home);
    let r = run(sim
        .cmd(&home)
        .args(["check", "--json", "--ca-cert"])
        .arg(&ca));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(sim
        .cmd(&home)
        .env("SN_HANDOFF_CA_CERT", &ca)
        .args(["check", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A file that is not a certificate is a usage error.
    let bogus = home.path().join("bogus.pem");
    std::fs::write(&bogus, "not a certificate").unwrap();
    let r = run(sim.cmd(&home).arg("check").arg("--ca-cert").arg(&bogus));
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = run(sim
        .cmd(&home)
        .args(["check", "--ca-cert", "/nonexistent/ca.pem"]));
    assert_eq!(r.code, 2);
}

/// An HTTP CONNECT proxy that tunnels to wherever it is asked and counts the tunnels.
fn connect_proxy() -> (String, Arc<AtomicUsize>, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let targets = Arc::new(Mutex::new(Vec::new()));
    let (c, t) = (Arc::clone(&count), Arc::clone(&targets));
    std::thread::spawn(move || {
        for mut client in listener.incoming().flatten() {
            let (c, t) = (Arc::clone(&c), Arc::clone(&t));
            std::thread::spawn(move || {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    if client.read(&mut byte).unwrap_or(0) == 0 {
                        return;
                    }
                    head.push(byte[0]);
                }
                let head = String::from_utf8_lossy(&head).to_string();
                let Some(target) = head
                    .strip_prefix("CONNECT ")
                    .and_then(|r| r.split(' ').next())
                else {
                    let _ = client.write_all(b"HTTP/1.1 405 Method Not Allowed\r\n\r\n");
                    return;
                };
                c.fetch_add(1, Ordering::SeqCst);
                t.lock().unwrap().push(target.to_string());
                let Ok(upstream) = std::net::TcpStream::connect(target) else {
                    return;
                };
                let _ = client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
                let (mut a, mut b) = (client.try_clone().unwrap(), upstream.try_clone().unwrap());
                let (mut c2, mut u2) = (client, upstream);
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut a, &mut u2);
                });
                let _ = std::io::copy(&mut b, &mut c2);
            });
        }
    });
    (url, count, targets)
}

#[test]
fn https_proxy_is_used_and_no_proxy_bypasses_it() {
    let home = Home::new();
    let (sim, ca) = tls_sim(&home);
    let (proxy, count, targets) = connect_proxy();
    let r = run(sim
        .cmd(&home)
        .env("HTTPS_PROXY", &proxy)
        .args(["check", "--json", "--ca-cert"])
        .arg(&ca));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(count.load(Ordering::SeqCst) >= 1, "the proxy saw no tunnel");
    let port = sim.sim.addr().port();
    assert!(targets
        .lock()
        .unwrap()
        .iter()
        .all(|t| t == &format!("127.0.0.1:{port}")));
    let before = count.load(Ordering::SeqCst);
    let r = run(sim
        .cmd(&home)
        .env("HTTPS_PROXY", &proxy)
        .env("NO_PROXY", "127.0.0.1")
        .args(["check", "--json", "--ca-cert"])
        .arg(&ca));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        count.load(Ordering::SeqCst),
        before,
        "NO_PROXY must bypass the proxy"
    );
}

#[test]
fn hostile_names_match_only_their_own_record() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let long = "L".repeat(10 * 1024);
    let names = [
        "Ops ^ Escalation",
        "x^ORname=Consumer Service Support",
        "y^NQname=Consumer Service Support",
        "a=b",
        "comma, separated",
        "quote \" and ' apostrophe",
        "ünïcödé グループ",
        long.as_str(),
    ];
    let awa_agent = sim
        .sim
        .sys_id_of("sys_user_role", "name", "awa_agent")
        .unwrap();
    let workspace = sim
        .sim
        .sys_id_of("sys_user_role", "name", "agent_workspace_user")
        .unwrap();
    let abel = sim
        .sim
        .sys_id_of("sys_user", "user_name", "abel.tuter")
        .unwrap();
    for name in names {
        if sim.sim.sys_id_of("sys_user_group", "name", name).is_none() {
            sim.sim
                .insert_row("sys_user_group", &[("name", name), ("active", "true")]);
        }
        let group = sim.sim.sys_id_of("sys_user_group", "name", name).unwrap();
        for role in [&awa_agent, &workspace] {
            sim.sim
                .insert_row("sys_group_has_role", &[("group", &group), ("role", role)]);
        }
        sim.sim
            .insert_row("sys_user_grmember", &[("group", &group), ("user", &abel)]);
    }
    for name in names {
        let r =
            run(sim
                .cmd(&home)
                .args(["check", "--json", "--agent", "abel.tuter", "--group", name]));
        assert_eq!(
            r.status_of("group_roles"),
            "pass",
            "{name}: {}",
            r.step("group_roles")
        );
        assert_eq!(r.status_of("group_members"), "pass", "{name}");
        assert_eq!(
            r.step("group_members")["details"]["members"],
            serde_json::json!(["abel.tuter"]),
            "{name}"
        );
    }
    // The guide's own group still has nothing: no hostile name leaked into its query.
    let r = run(sim.cmd(&home).args(["check", "--json"]));
    assert_eq!(r.status_of("group_roles"), "fail");
    // A name that differs by one character is another group.
    let r = run(sim
        .cmd(&home)
        .args(["check", "--json", "--group", "Ops ^ Escalation "]));
    assert!(r.summary("group_roles").contains("no group named"));
}

#[test]
fn a_dropped_connection_is_tried_again() {
    // The first connection is closed under the request; later ones answer ServiceNow's 401.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let connections = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&connections);
    let body = fixture("table-401-not-authenticated.json");
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let n = seen.fetch_add(1, Ordering::SeqCst);
            let mut buf = [0u8; 8192];
            let _ = stream.read(&mut buf);
            if n == 0 {
                drop(stream);
                continue;
            }
            let _ = stream.write_all(
                format!(
                    "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nWWW-Authenticate: BASIC realm=\"Service-now\"\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
                .as_bytes(),
            );
        }
    });
    let r = check_at(&format!("http://{addr}"), &[]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(connections.load(Ordering::SeqCst) >= 2);
}

#[test]
fn two_set_webhook_runs_at_once_write_once() {
    // Both runs start together; 150 ms on every answer makes their reads overlap.
    let sim = Sim::with(SimOptions {
        latency: std::time::Duration::from_millis(150),
        ..SimOptions::default()
    });
    let home = Home::new();
    let url = "https://bots.kore.ai/chatbot/v2/webhook/st-concurrent";
    let spawn = || {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_sn-handoff"));
        cmd.env_clear()
            .env("HOME", home.path())
            .env("XDG_STATE_HOME", home.path().join("state"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("NO_COLOR", "1")
            .env("SN_HANDOFF_INSTANCE", sim.url())
            .env("SN_HANDOFF_USERNAME", sim.sim.username())
            .env("SN_HANDOFF_PASSWORD", sim.sim.password())
            .args(["set-webhook", url, "--json"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        cmd.spawn().unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let mut changed = Vec::new();
    for out in [&a, &b] {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        let doc = parse_output(&String::from_utf8_lossy(&out.stdout), &stderr);
        changed.push(doc["changed"].as_bool().unwrap());
    }
    changed.sort_unstable();
    assert_eq!(
        changed,
        [false, true],
        "one run changes, the other finds nothing to change"
    );
    // One value, written once: one PATCH per record in all.
    let patches: Vec<String> = sim
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.method == "PATCH" && (200..300).contains(&r.status))
        .map(|r| r.path)
        .collect();
    assert_eq!(patches.len(), 2, "{patches:?}");
    assert!(patches.iter().any(|p| p.contains("/sys_rest_message/")));
    assert!(patches.iter().any(|p| p.contains("/sys_rest_message_fn/")));
    for row in sim.sim.rows("sys_rest_message") {
        if row["name"] == "VABot to Bot" {
            assert_eq!(row["rest_endpoint"], url);
        }
    }
}

#[test]
fn a_500_mid_way_through_check_fix_is_exit_5_and_says_what_stands() {
    // The repairs run in order; the webhook's second write fails. What came before stays
    // (plugins, group), the webhook is put back as it was, and the run ends with exit 5.
    let sim = Sim::with(SimOptions {
        fail_writes: vec!["sys_rest_message_fn".into()],
        ..SimOptions::default()
    });
    let home = Home::new();
    let url = "https://bots.kore.ai/chatbot/v2/webhook/st-midway";
    let r = run(sim.cmd(&home).env("SN_HANDOFF_POLL_MS", "5").args([
        "check",
        "--fix",
        "--json",
        "--agent",
        "abel.tuter",
        "--webhook-url",
        url,
    ]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stderr.contains("✗ failed webhook"), "{}", r.stderr);
    assert!(r.stderr.contains("restored"), "{}", r.stderr);
    let message = sim
        .sim
        .rows("sys_rest_message")
        .into_iter()
        .find(|r| r["name"] == "VABot to Bot")
        .unwrap();
    assert_eq!(
        message["rest_endpoint"],
        sn_handoff::sim::PLACEHOLDER_ENDPOINT
    );
    // The group's roles were added before the failure and stand.
    let roles = sim.sim.rows("sys_group_has_role").len();
    assert!(
        roles >= 4,
        "the guide's group got its two roles beside the decoy's two"
    );
}

#[test]
fn no_secret_leaks_from_any_command() {
    // Every command that reads or changes an instance, with -v, once with basic auth and once
    // with OAuth from the environment. No password, client secret, refresh or access token
    // may appear in stdout, stderr (panics included) or any file the runs wrote.
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let url = "https://bots.kore.ai/chatbot/v2/webhook/st-leak-test";
    let refresh = sim.sim.issue_refresh_token("admin");
    let basic: Vec<Vec<&str>> = vec![
        vec![
            "check",
            "--json",
            "--agent",
            "abel.tuter",
            "--webhook-url",
            url,
        ],
        vec!["check", "--format", "junit"],
        vec!["plugins", "--json"],
        vec!["group", "--json"],
        vec!["set-webhook", url, "--dry-run", "--json"],
        vec![
            "check",
            "--fix",
            "--json",
            "--agent",
            "abel.tuter",
            "--webhook-url",
            url,
        ],
        vec![
            "set-webhook",
            "https://bots.kore.ai/chatbot/v2/webhook/st-leak-2",
            "--json",
        ],
        vec!["set-webhook", "--rollback", "--json"],
        vec!["group", "--fix", "--agent", "david.loo"],
        vec!["agent", "available", "--agent", "abel.tuter", "--json"],
        vec!["plugins", "--activate", "--json"],
        vec!["auth", "status", "--json"],
        vec!["check", "--deep", "--json"],
        vec!["smoke-test", "--deadline", "1", "--json"],
    ];
    // The Virtual Agent API's message token is a secret too.
    let message_token = "sn-handoff-leak-test-message-token";
    let mut runs: Vec<(String, Run)> = Vec::new();
    for args in &basic {
        let r = run(sim
            .cmd(&home)
            .env("SN_HANDOFF_POLL_MS", "5")
            .env("SN_HANDOFF_MESSAGE_TOKEN", message_token)
            .arg("-v")
            .args(args));
        assert!(!r.stderr.contains("panicked"), "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("http: "),
            "{args:?} logged no request: {}",
            r.stderr
        );
        runs.push((format!("basic {args:?}"), r));
    }
    for args in &basic {
        let r = run(home
            .cmd()
            .env("SN_HANDOFF_POLL_MS", "5")
            .env("SN_HANDOFF_INSTANCE", sim.url())
            .env("SN_HANDOFF_AUTH", "oauth")
            .env("SN_HANDOFF_CLIENT_ID", sim.sim.oauth_client_id())
            .env("SN_HANDOFF_CLIENT_SECRET", sim.sim.oauth_client_secret())
            .env("SN_HANDOFF_REFRESH_TOKEN", &refresh)
            .env("SN_HANDOFF_MESSAGE_TOKEN", message_token)
            .arg("-v")
            .args(args));
        assert!(!r.stderr.contains("panicked"), "{args:?}: {}", r.stderr);
        runs.push((format!("oauth {args:?}"), r));
    }
    assert!(
        runs.iter()
            .any(|(w, r)| w.starts_with("oauth") && r.code == 0),
        "the OAuth runs worked at all"
    );
    let mut secrets = vec![
        sim.sim.password().to_string(),
        sim.sim.oauth_client_secret(),
        refresh,
        message_token.to_string(),
    ];
    secrets.extend(sim.sim.issued_tokens());
    assert!(secrets.len() > 4, "access tokens were issued");
    for (what, r) in &runs {
        for secret in &secrets {
            assert!(
                !r.stdout.contains(secret.as_str()),
                "{what} printed a secret on stdout"
            );
            assert!(
                !r.stderr.contains(secret.as_str()),
                "{what} printed a secret on stderr"
            );
        }
    }
    let files = files_under(home.path());
    assert!(
        files
            .iter()
            .any(|f| f.extension().is_some_and(|x| x == "json")),
        "the state file was written: {files:?}"
    );
    for file in files {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap_or_default()).into_owned();
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()),
                "{} holds a secret",
                file.display()
            );
        }
    }
}

#[test]
fn hostile_agent_message_and_method_names_stay_one_value() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let before = sim.sim.rows("sys_rest_message_fn");
    for hostile in [
        "x^NQfunction_name=postMessage",
        "a^ORname=VABot to Bot",
        "ü, \"q\" = ^^",
    ] {
        let r = run(sim.cmd(&home).args(["check", "--json", "--agent", hostile]));
        assert!(
            r.summary("agent_available")
                .contains("no user with user_name"),
            "{hostile}: {}",
            r.summary("agent_available")
        );
        let r = run(sim.cmd(&home).args([
            "set-webhook",
            "https://bots.kore.ai/x",
            "--message",
            hostile,
            "--json",
        ]));
        assert_ne!(
            r.code, 0,
            "{hostile}: a message of that name does not exist"
        );
        let r = run(sim.cmd(&home).args([
            "set-webhook",
            "https://bots.kore.ai/x",
            "--method",
            hostile,
            "--json",
        ]));
        assert_ne!(r.code, 0, "{hostile}: a method of that name does not exist");
    }
    // Nothing was written by any of them.
    assert_eq!(sim.sim.rows("sys_rest_message_fn"), before);
    assert!(
        sim.sim.requests().iter().all(|r| r.method == "GET"),
        "only reads"
    );
}

/// A simulator that asks for a client certificate signed by its own client CA, and a
/// certificate and key (files under `home`) that CA signed: `(sim, server CA, cert, key)`.
fn mtls_sim(
    home: &Home,
) -> (
    Sim,
    std::path::PathBuf,
    std::path::PathBuf,
    std::path::PathBuf,
) {
    use rcgen::{CertificateParams, KeyPair};
    let (identity, server_ca) = tls_identity(home.path());
    let (client_ca, issuer) = test_ca("sn-handoff client CA");
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "sn-handoff integration");
    let cert = params.signed_by(&key, &issuer).unwrap();
    let (cert_path, key_path) = (
        home.path().join("client.pem"),
        home.path().join("client.key"),
    );
    std::fs::write(&cert_path, cert.pem()).unwrap();
    std::fs::write(&key_path, key.serialize_pem()).unwrap();
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        tls: Some(identity),
        client_ca_pem: Some(client_ca.pem()),
        ..SimOptions::default()
    });
    (sim, server_ca, cert_path, key_path)
}

#[test]
fn a_client_certificate_signs_in_without_a_password() {
    let home = Home::new();
    let (sim, ca, cert, key) = mtls_sim(&home);
    let mtls = |extra: &[&str]| {
        let mut cmd = home.cmd();
        cmd.env("SN_HANDOFF_INSTANCE", sim.url())
            .args(["--auth", "mtls", "--ca-cert"])
            .arg(&ca)
            .arg("--client-cert")
            .arg(&cert)
            .arg("--client-key")
            .arg(&key)
            .args(extra);
        run(&mut cmd)
    };
    let r = mtls(&["check", "--json", "--agent", "abel.tuter"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.step("auth")["details"]["method"], "mtls");
    assert!(sim
        .sim
        .requests()
        .iter()
        .all(|q| q.user.as_deref() == Some("admin")));

    // auth login keeps the two paths in the profile, no secret; status names the method.
    let r = mtls(&["auth", "login"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("(mtls auth)"), "{}", r.stdout);
    let text = std::fs::read_to_string(home.config_file()).unwrap();
    assert!(
        text.contains("auth = \"mtls\"") && text.contains("client.key"),
        "{text}"
    );
    assert!(!text.contains("PRIVATE KEY"));
    let r = run(home
        .cmd()
        .args(["auth", "status", "--json", "--ca-cert"])
        .arg(&ca));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["method"]["value"], "mtls");

    // Without the certificate the handshake still succeeds, and a wrong password is refused.
    let other = Home::new();
    let r = run(other
        .cmd()
        .env("SN_HANDOFF_INSTANCE", sim.url())
        .env("SN_HANDOFF_USERNAME", "admin")
        .env("SN_HANDOFF_PASSWORD", "wrong")
        .args(["check", "--json", "--ca-cert"])
        .arg(&ca));
    assert_eq!(r.code, 3, "{}", r.stderr);
}

#[test]
fn an_encrypted_client_key_opens_with_its_passphrase() {
    let home = Home::new();
    let (identity, ca) = tls_identity(home.path());
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mtls");
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        tls: Some(identity),
        client_ca_pem: Some(std::fs::read_to_string(dir.join("client-ca.pem")).unwrap()),
        ..SimOptions::default()
    });
    let check = |passphrase: Option<&str>, key: &str| {
        let mut cmd = home.cmd();
        cmd.env("SN_HANDOFF_INSTANCE", sim.url())
            .args(["--auth", "mtls", "--ca-cert"])
            .arg(&ca)
            .arg("--client-cert")
            .arg(dir.join("client.pem"))
            .arg("--client-key")
            .arg(dir.join(key))
            .arg("check");
        if let Some(p) = passphrase {
            cmd.env("SN_HANDOFF_CLIENT_KEY_PASSPHRASE", p);
        }
        run(&mut cmd)
    };
    let r = check(None, "client.enc.key");
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("SN_HANDOFF_CLIENT_KEY_PASSPHRASE"),
        "{}",
        r.stderr
    );
    let r = check(Some("not-it"), "client.enc.key");
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("does not open the client key"),
        "{}",
        r.stderr
    );
    assert!(sim.sim.requests().is_empty());
    let r = check(Some("fixture-passphrase"), "client.enc.key");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("mtls auth"), "{}", r.stdout);
    assert!(!r.stderr.contains("fixture-passphrase") && !r.stdout.contains("fixture-passphrase"));
    // The same key in the clear needs no passphrase.
    assert_eq!(check(None, "client.plain.key").code, 0);
}

#[test]
fn a_missing_client_certificate_is_exit_2() {
    let home = Home::new();
    let (sim, _ca, _cert, _key) = mtls_sim(&home);
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_INSTANCE", sim.url())
        .args(["--auth", "mtls", "check"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--client-cert FILE"), "{}", r.stderr);
    assert!(sim.sim.requests().is_empty());
}
