//! Logins that store their secrets in a real OS keyring, and commands that read them back with
//! no secret in the environment: every grant end to end, rotation, logout, and a leak test.
//!
//! These need a D-Bus session with an unlocked Secret Service. `./scripts/test` runs them inside
//! `dbus-run-session` with `gnome-keyring-daemon --unlock` and a throwaway HOME; a plain
//! `cargo test` lists them as ignored. Run where no keyring can be reached, they fail.

use std::path::Path;

use serde_json::Value;

use crate::auth::{
    browser_login, expect_result, oauth_cmd, oauth_env, play_browser, token_requests, Running,
};
use crate::common::*;

/// A configured simulator and a throwaway HOME; fails at once, and says why, when there is no
/// session to store secrets in.
fn keyring_session(options: SimOptions) -> (Sim, Home) {
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "the keyring tests need a D-Bus session with an unlocked Secret Service; run ./scripts/test"
    );
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        ..options
    });
    (sim, Home::new())
}

/// A simulated Kore.ai platform whose bot is connected and published, with `faults`, beside
/// `sim`.
fn configured_kore(
    sim: &Sim,
    faults: Vec<sn_handoff::sim::kore::KoreFault>,
) -> sn_handoff::sim::kore::KoreSimulator {
    configured_kore_with(
        sim,
        sn_handoff::sim::kore::KoreSimOptions {
            faults,
            ..Default::default()
        },
    )
}

/// [`configured_kore`] with the rest of `options` (a write latency).
fn configured_kore_with(
    sim: &Sim,
    options: sn_handoff::sim::kore::KoreSimOptions,
) -> sn_handoff::sim::kore::KoreSimulator {
    use sn_handoff::sim::kore::{KoreSimOptions, KoreSimulator};
    sim.block_on(KoreSimulator::start(KoreSimOptions {
        configured: true,
        ..options
    }))
    .unwrap()
}

/// The binary with the simulator's instance and nothing secret in the environment.
fn bare(sim: &Sim, home: &Home) -> assert_cmd::Command {
    let mut cmd = home.cmd();
    cmd.env("SN_HANDOFF_INSTANCE", sim.url());
    cmd
}

/// `auth status --json` of the default profile.
fn status(home: &Home) -> Run {
    run(home.cmd().args(["auth", "status", "--json"]))
}

fn sources(status: &Value) -> Vec<(String, String)> {
    status["secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["source"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// The profile as written, which must hold no secret.
fn config(home: &Home) -> String {
    std::fs::read_to_string(home.config_file()).unwrap()
}

/// `check --json` of the default profile with the simulator's agent, which must pass.
fn passing_check(home: &Home) -> Run {
    let r = run(home
        .cmd()
        .args(["check", "--json", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    r
}

/// How many token requests `checks` bare `check` runs, each passing, made.
fn token_requests_of_checks(sim: &Sim, home: &Home, checks: usize) -> usize {
    let before = token_requests(sim).len();
    for _ in 0..checks {
        assert_eq!(run(home.cmd().arg("check")).code, 0);
    }
    token_requests(sim).len() - before
}

#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn basic_login_then_check_with_no_secret_in_the_environment() {
    let (sim, home) = keyring_session(SimOptions::default());
    let r = run(bare(&sim, &home)
        .args(["auth", "login", "-u", "admin", "--password-stdin"])
        .write_stdin(format!("{}\n", sim.sim.password())));
    expect_result(&r, 0, &["Stored in the OS keyring: password"]);
    let text = config(&home);
    assert!(
        text.contains("auth = \"basic\"") && text.contains("username = \"admin\""),
        "{text}"
    );
    assert!(!text.contains(sim.sim.password()));
    // Everything from the profile and the keyring.
    passing_check(&home);
    let s = status(&home);
    assert_eq!(s.code, 0, "{}", s.stderr);
    assert_eq!(sources(&s.json()), pairs(&[("password", "keyring")]));
    assert_eq!(s.json()["instance"]["source"], "profile");
    // The environment still wins over the keyring.
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_PASSWORD", "wrong")
        .args(["auth", "status", "--json"]));
    assert_eq!(r.code, 3);
    assert_eq!(sources(&r.json()), pairs(&[("password", "env")]));
    // Logout deletes, says what, and is idempotent.
    let r = run(home.cmd().args(["auth", "logout"]));
    expect_result(&r, 0, &["Deleted from the OS keyring: the password"]);
    let r = run(home.cmd().args(["auth", "logout", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["deleted"], serde_json::json!([]));
    // Under --json the human result goes to stderr beside the document.
    assert!(r.stderr.contains("Nothing to delete"), "{}", r.stderr);
    let s = status(&home);
    assert_eq!(s.code, 2, "{}", s.stderr);
    assert_eq!(sources(&s.json()), pairs(&[("password", "missing")]));
}

#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn password_grant_stores_the_refresh_token_and_never_the_password() {
    let (sim, home) = keyring_session(SimOptions::default());
    let r = run(oauth_cmd(&sim, &home)
        .env_remove("SN_HANDOFF_AUTH")
        .args([
            "auth",
            "login",
            "-u",
            "admin",
            "--grant",
            "password",
            "--password-stdin",
        ])
        .write_stdin(sim.sim.password()));
    expect_result(&r, 0, &["client secret and refresh token"]);
    let text = config(&home);
    assert!(text.contains("auth = \"oauth\""), "{text}");
    assert!(text.contains(&format!("client_id = \"{}\"", sim.sim.oauth_client_id())));
    let s = status(&home);
    assert_eq!(s.code, 0, "{}", s.stderr);
    assert_eq!(
        sources(&s.json()),
        pairs(&[("client_secret", "keyring"), ("refresh_token", "keyring")])
    );
    assert_eq!(s.json()["user"]["value"], "admin");
    let r = passing_check(&home);
    assert_eq!(r.step("auth")["details"]["method"], "oauth");
    // The password never reached the keyring: with it changed, the refresh token still works.
    sim.sim.set_password("admin", "a-new-password-entirely");
    let r = run(home.cmd().arg("check"));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn token_grant_takes_a_refresh_token_from_stdin() {
    let (sim, home) = keyring_session(SimOptions::default());
    let refresh = sim.sim.issue_refresh_token("admin");
    let r = run(oauth_cmd(&sim, &home)
        .args([
            "-p",
            "ci",
            "auth",
            "login",
            "--grant",
            "token",
            "--password-stdin",
        ])
        .write_stdin(refresh));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The profile is new and named; the user was learnt from the instance.
    let text = config(&home);
    assert!(
        text.contains("[profiles.ci]") && text.contains("username = \"admin\""),
        "{text}"
    );
    let r = run(home.cmd().args(["-p", "ci", "check"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Another profile has nothing stored.
    let r = run(home.cmd().args(["auth", "status", "--json"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn browser_grant_with_the_test_as_the_browser() {
    let (sim, home) = keyring_session(SimOptions::default());
    let login = browser_login(&sim, &home, &["--json"]);
    let url = login.authorize_url();
    let (status, page) = play_browser(&sim, &url, "admin", sim.sim.password(), |_| {});
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("close this tab"), "{page}");
    let r = login.finish();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = r.json();
    assert_eq!(out["grant"], "browser");
    assert_eq!(out["user"], "admin");
    assert_eq!(
        out["stored"],
        serde_json::json!(["client_secret", "refresh_token"])
    );
    // One code exchange; then `check` with nothing in the environment.
    assert_eq!(token_requests(&sim).len(), 1);
    passing_check(&home);
}

#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
#[cfg(target_os = "linux")]
fn browser_grant_opens_the_browser() {
    let (sim, home) = keyring_session(SimOptions::default());
    // A browser opener that writes down the URL it was given.
    let bin = home.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let opened = home.path().join("opened-url");
    let opener = bin.join("xdg-open");
    std::fs::write(
        &opener,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" > '{}.part'\nmv '{0}.part' '{0}'\n",
            opened.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let port = crate::auth::free_port();
    sim.sim
        .set_oauth_redirect_url(&format!("http://127.0.0.1:{port}/callback"));
    let mut cmd = home.spawnable();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    oauth_env(&sim, &mut cmd).env("PATH", path).args([
        "auth",
        "login",
        "--grant",
        "browser",
        "--redirect-port",
        &port.to_string(),
    ]);
    let login = Running::spawn(cmd);
    login.line(|l| l.contains("Opened it in your browser"));
    let url = std::fs::read_to_string(&opened).unwrap().trim().to_string();
    assert!(url.contains("/oauth_auth.do?"), "{url}");
    let (status, _) = play_browser(&sim, &url, "admin", sim.sim.password(), |_| {});
    assert_eq!(status, 200);
    let r = login.finish();
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The URL was printed as well as opened.
    assert!(r.stderr.contains(&url), "{}", r.stderr);
}

#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn a_rotated_refresh_token_replaces_the_stored_one() {
    let (sim, home) = keyring_session(SimOptions {
        rotate_refresh_tokens: true,
        ..SimOptions::default()
    });
    let r = run(oauth_cmd(&sim, &home)
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .args(["auth", "login", "-u", "admin", "--grant", "password"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Each run rotates the token and revokes the one it used; each next run works only if the
    // new one was stored.
    for _ in 0..3 {
        let r = run(home.cmd().arg("check"));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(!r.stderr.contains("warning"), "{}", r.stderr);
        assert_eq!(sim.sim.live_refresh_tokens(), 1);
    }
}

#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn switching_to_oauth_forgets_the_password() {
    let (sim, home) = keyring_session(SimOptions::default());
    let r = run(bare(&sim, &home)
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .args(["auth", "login", "-u", "admin"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(oauth_cmd(&sim, &home)
        .env(
            "SN_HANDOFF_REFRESH_TOKEN",
            sim.sim.issue_refresh_token("admin"),
        )
        .args(["auth", "login", "--grant", "token"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Back to basic: the password is gone from the keyring.
    let r = run(home
        .cmd()
        .args(["auth", "status", "--json", "--auth", "basic"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(sources(&r.json()), pairs(&[("password", "missing")]));
    let r = run(home.cmd().args(["auth", "logout", "--json"]));
    assert_eq!(
        r.json()["deleted"],
        serde_json::json!(["client_secret", "refresh_token"])
    );
}

#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn no_secret_leaks_from_any_auth_path() {
    let (sim, home) = keyring_session(SimOptions::default());
    let password = sim.sim.password().to_string();
    let mut runs: Vec<(String, Run)> = Vec::new();
    let mut record = |what: &str, r: Run| {
        assert!(matches!(r.code, 0 | 1), "{what}: {}", r.stderr);
        runs.push((what.to_string(), r));
    };
    let oauth = |args: &[&str]| {
        let mut cmd = oauth_cmd(&sim, &home);
        cmd.arg("-v").args(args);
        cmd
    };
    // Basic.
    record(
        "login basic",
        run(bare(&sim, &home)
            .args([
                "-v",
                "-p",
                "basic",
                "auth",
                "login",
                "-u",
                "admin",
                "--password-stdin",
            ])
            .write_stdin(password.clone())),
    );
    record(
        "status basic",
        run(home.cmd().args(["-v", "-p", "basic", "auth", "status"])),
    );
    record(
        "check basic",
        run(home.cmd().args(["-v", "-p", "basic", "check", "--json"])),
    );
    // The three grants.
    record(
        "login password grant",
        run(oauth(&[
            "-p",
            "pw",
            "auth",
            "login",
            "-u",
            "admin",
            "--grant",
            "password",
            "--password-stdin",
        ])
        .write_stdin(password.clone())),
    );
    record(
        "login token grant",
        run(
            oauth(&["-p", "tok", "auth", "login", "--grant", "token"]).env(
                "SN_HANDOFF_REFRESH_TOKEN",
                sim.sim.issue_refresh_token("admin"),
            ),
        ),
    );
    let login = browser_login(&sim, &home, &["-v", "-p", "web"]);
    let url = login.authorize_url();
    play_browser(&sim, &url, "admin", &password, |_| {});
    record("login browser grant", login.finish());
    for profile in ["pw", "tok", "web"] {
        record(
            &format!("status {profile}"),
            run(home
                .cmd()
                .args(["-v", "-p", profile, "auth", "status", "--json"])),
        );
        record(
            &format!("check {profile}"),
            run(home.cmd().args(["-v", "-p", profile, "check"])),
        );
    }
    let token = run(home.cmd().args(["-v", "-p", "web", "auth", "token"]));
    assert_eq!(token.code, 0, "{}", token.stderr);
    let printed = token.stdout.trim().to_string();
    record(
        "auth token (stderr)",
        Run {
            code: 0,
            stdout: String::new(),
            stderr: token.stderr,
        },
    );
    let refresh = run(home
        .cmd()
        .args(["-v", "-p", "pw", "auth", "token", "--refresh"]));
    assert_eq!(refresh.code, 0, "{}", refresh.stderr);
    record(
        "auth token --refresh (stderr)",
        Run {
            code: 0,
            stdout: String::new(),
            stderr: refresh.stderr,
        },
    );
    for profile in ["basic", "pw", "tok", "web"] {
        record(
            &format!("logout {profile}"),
            run(home.cmd().args(["-v", "-p", profile, "auth", "logout"])),
        );
    }

    let mut secrets = vec![password.clone(), sim.sim.oauth_client_secret(), printed];
    secrets.extend(sim.sim.issued_tokens());
    assert!(secrets.len() > 8, "tokens were issued: {}", secrets.len());
    for (what, r) in &runs {
        for secret in &secrets {
            assert!(
                !r.stdout.contains(secret.as_str()),
                "{what} printed a secret on stdout"
            );
            assert!(
                !r.stderr.contains(secret.as_str()),
                "{what} printed a secret on stderr:\n{}",
                r.stderr
            );
        }
    }
    // Every file the tool wrote (the config file among them), and the keyring's own files,
    // which must be encrypted.
    let mut files = files_under(home.path());
    assert!(files.contains(&home.config_file()));
    if let Some(keyring_home) = std::env::var_os("SN_HANDOFF_TEST_KEYRING_HOME") {
        files.extend(files_under(Path::new(&keyring_home)));
    }
    for file in files {
        let bytes = std::fs::read(&file).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
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
#[ignore = "needs dbus-run-session and gnome-keyring-daemon; ./scripts/test runs it"]
fn a_locked_collection_ends_at_once_with_the_environment_variables() {
    // A keyring session of its own (so that locking its collection cannot disturb the other
    // tests): log in, which stores the password, lock the default collection over D-Bus as a
    // screen lock would, then check with nothing in the environment. The unlock prompt cannot
    // be shown on a headless machine; the run must end at once with the advice, not wait.
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let script = r#"
set -u
mkdir -p "$HOME/.local/share" "$HOME/.config" "$HOME/runtime"
chmod 700 "$HOME/runtime"
export XDG_DATA_HOME="$HOME/.local/share" XDG_RUNTIME_DIR="$HOME/runtime"
head -c 18 /dev/urandom | base64 | gnome-keyring-daemon --unlock --components=secrets >/dev/null
printf '%s' "$SIM_PASSWORD" | "$BIN" auth login -u admin --password-stdin >/dev/null 2>&1
echo "login=$?"
dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
    org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/aliases/default >/dev/null
echo "lock=$?"
"$BIN" check --no-input --json
echo "check=$?"
"#;
    let out = std::process::Command::new("dbus-run-session")
        .args(["--", "bash", "-c", script])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("NO_COLOR", "1")
        .env("BIN", env!("CARGO_BIN_EXE_sn-handoff"))
        .env("SIM_PASSWORD", sim.sim.password())
        .env("SN_HANDOFF_INSTANCE", sim.url())
        .env("SN_HANDOFF_KEYRING_TIMEOUT", "5")
        .output()
        .expect("dbus-run-session runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("login=0"),
        "the login stored the password:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("lock=0"),
        "the collection was locked:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("check=2"),
        "a missing secret under --no-input is exit 2:\n{stdout}\n{stderr}"
    );
    // Under --json the advice is the error document on stdout.
    assert!(stdout.contains("\"kind\": \"usage\""), "{stdout}");
    assert!(stdout.contains("SN_HANDOFF_PASSWORD"), "{stdout}");
    assert!(stdout.contains("keyring"), "{stdout}");
    assert!(!stdout.contains(sim.sim.password()) && !stderr.contains(sim.sim.password()));
}

#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn kore_secrets_come_from_the_keyring() {
    use sn_handoff::keystore::{self, Key, SecretKind};
    let (sim, home) = keyring_session(SimOptions::default());
    let kore = configured_kore(&sim, Vec::new());
    let key = Key {
        profile: "default".into(),
        instance: kore.url(),
        kind: SecretKind::KoreClientSecret,
    };
    keystore::set(&key, &secrecy::SecretString::from(kore.client_secret())).unwrap();
    let status = |admin: bool| {
        let mut cmd = bare(&sim, &home);
        cmd.env("SN_HANDOFF_KORE_HOST", kore.url())
            .env("SN_HANDOFF_KORE_BOT_ID", kore.bot_id())
            .env("SN_HANDOFF_KORE_CLIENT_ID", kore.client_id());
        if admin {
            cmd.env("SN_HANDOFF_KORE_ADMIN_CLIENT_ID", kore.admin_client_id());
        }
        run(cmd.args(["kore", "status", "--json", "--no-input"]))
    };
    // The bot's app alone: the mappings pass, the publish state is not readable.
    let r = status(false);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["status"], "warn");
    assert_eq!(r.json()["publish"]["status"], "warn");
    assert!(!r.stdout.contains(&kore.client_secret()));
    // The Admin Console app's secret from the keyring too: the publish state is read.
    let admin = Key {
        kind: SecretKind::KoreAdminClientSecret,
        ..key.clone()
    };
    keystore::set(
        &admin,
        &secrecy::SecretString::from(kore.admin_client_secret().to_string()),
    )
    .unwrap();
    let r = status(true);
    keystore::delete(&key).unwrap();
    keystore::delete(&admin).unwrap();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["status"], "pass", "{}", r.stdout);
    assert!(!r.stdout.contains(&kore.client_secret()));
    assert!(!r.stdout.contains(&kore.admin_client_secret()));
}

/// An OAuth login with the password grant, its secrets in the keyring.
fn oauth_login(sim: &Sim, home: &Home) {
    let r = run(oauth_cmd(sim, home)
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .args(["auth", "login", "-u", "admin", "--grant", "password"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn a_warm_oauth_check_makes_no_token_request() {
    let (sim, home) = keyring_session(SimOptions::default());
    oauth_login(&sim, &home);
    // The login kept the access token it was issued: no check after it asks for one.
    let before = token_requests(&sim).len();
    for _ in 0..3 {
        let r = passing_check(&home);
        assert_eq!(r.step("auth")["details"]["method"], "oauth");
    }
    assert_eq!(token_requests(&sim).len() - before, 0);
    // Logging out forgets it with the rest; the next login keeps a new one.
    let r = run(home.cmd().args(["auth", "logout"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    oauth_login(&sim, &home);
    assert_eq!(token_requests_of_checks(&sim, &home, 1), 0);
}

/// A configured simulator slow enough that the round trips of a run can be counted.
fn slow_keyring_session() -> (Sim, Home) {
    keyring_session(SimOptions {
        latency: std::time::Duration::from_millis(100),
        ..SimOptions::default()
    })
}

#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn an_oauth_login_takes_two_rounds_and_leaves_the_next_check_warm() {
    let (sim, home) = slow_keyring_session();
    let before = sim.sim.requests().len();
    oauth_login(&sim, &home);
    let login = sim.sim.requests()[before..].to_vec();
    // The token request, then the proof and the app's refresh token lifespan at once.
    assert_eq!(crate::warm::rounds(&login), 2, "{login:#?}");
    assert!(login
        .iter()
        .any(|r| crate::warm::table(r) == Some("oauth_entity")));
    let before = sim.sim.requests().len();
    passing_check(&home);
    let check = sim.sim.requests()[before..].to_vec();
    assert_eq!(crate::warm::rounds(&check), 1, "{check:#?}");
    assert!(check.iter().all(|r| r.path != "/oauth_token.do"));
}

#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn a_basic_login_leaves_the_next_check_warm() {
    let (sim, home) = slow_keyring_session();
    let r = run(bare(&sim, &home)
        .args(["auth", "login", "-u", "admin", "--password-stdin"])
        .write_stdin(format!("{}\n", sim.sim.password())));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let before = sim.sim.requests().len();
    passing_check(&home);
    let check = sim.sim.requests()[before..].to_vec();
    assert_eq!(crate::warm::rounds(&check), 1, "{check:#?}");
}

#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn a_refused_kept_token_is_dropped_and_the_refresh_token_used() {
    let (sim, home) = keyring_session(SimOptions::default());
    oauth_login(&sim, &home);
    assert_eq!(run(home.cmd().arg("check")).code, 0);
    // The kept token expires on the instance before its time (revoked, or the clock).
    sim.sim.expire_access_tokens();
    let before = token_requests(&sim).len();
    passing_check(&home);
    assert_eq!(token_requests(&sim).len() - before, 1);
    // The new one is kept in its place.
    assert_eq!(token_requests_of_checks(&sim, &home, 1), 0);
}

#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn a_token_about_to_expire_is_not_kept() {
    // Tokens that live 30 s are within the margin at once: each run asks for one.
    let (sim, home) = keyring_session(SimOptions {
        access_token_lifespan: Some(std::time::Duration::from_secs(30)),
        ..SimOptions::default()
    });
    oauth_login(&sim, &home);
    assert_eq!(token_requests_of_checks(&sim, &home, 2), 2);
}

/// The settings and both app secrets of the simulated Kore.ai bot, for `auth rotate` (as
/// environment variables).
fn kore_env(kore: &sn_handoff::sim::kore::KoreSimulator) -> Vec<(&'static str, String)> {
    vec![
        ("SN_HANDOFF_KORE_HOST", kore.url()),
        ("SN_HANDOFF_KORE_BOT_ID", kore.bot_id().to_string()),
        ("SN_HANDOFF_KORE_CLIENT_ID", kore.client_id().to_string()),
        (
            "SN_HANDOFF_KORE_CLIENT_SECRET",
            kore.client_secret().to_string(),
        ),
        (
            "SN_HANDOFF_KORE_ADMIN_CLIENT_ID",
            kore.admin_client_id().to_string(),
        ),
        (
            "SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET",
            kore.admin_client_secret().to_string(),
        ),
        ("SN_HANDOFF_POLL_MS", "5".to_string()),
    ]
}

#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn auth_rotate_mints_stores_records_and_pushes_to_kore() {
    let (sim, home) = keyring_session(SimOptions::default());
    sim.sim.set_oauth_refresh_lifespan(30 * 86_400);
    let kore = configured_kore(&sim, Vec::new());
    let r = run(oauth_cmd(&sim, &home)
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .args(["auth", "login", "-u", "admin", "--grant", "password"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("expires in 30 days"), "{}", r.stdout);
    let token = || {
        let r = run(home.cmd().args(["auth", "token", "--refresh"]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout.trim().to_string()
    };
    let old = token();
    let mut cmd = home.cmd();
    cmd.envs(kore_env(&kore));
    let r = run(cmd.env("SN_HANDOFF_PASSWORD", sim.sim.password()).args([
        "auth",
        "rotate",
        "--grant",
        "password",
        "--no-input",
        "--json",
    ]));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let doc = r.json();
    assert_eq!(doc["pushed_to_kore"], true);
    assert_eq!(doc["lifespan_source"], "oauth_entity");
    assert_eq!(
        doc["expires_at"].as_u64().unwrap() - doc["minted_at"].as_u64().unwrap(),
        30 * 86_400
    );
    // A new token is stored and is the one in use.
    let new = token();
    assert_ne!(new, old);
    // Kore.ai received the new one, never the old one.
    let sent = kore.integration("servicenow").unwrap().to_string();
    assert!(sent.contains(&new), "{sent}");
    assert!(!sent.contains(&old));
    assert!(!kore.requires_publish());
    // The state file keeps when, never the token.
    let state: String = files_under(&home.path().join("state"))
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap_or_default())
        .collect();
    assert!(state.contains("minted_at"), "{state}");
    for secret in [
        &new,
        &old,
        &sim.sim.password().to_string(),
        &sim.sim.oauth_client_secret(),
        &kore.client_secret(),
    ] {
        assert!(!state.contains(secret.as_str()));
        assert!(!r.stdout.contains(secret.as_str()) && !r.stderr.contains(secret.as_str()));
    }
    let r = passing_check(&home);
    assert_eq!(r.status_of("auth"), "pass");
    // The integration now names this instance, and this machine's record says so.
    let mut cmd = home.cmd();
    cmd.envs(kore_env(&kore));
    let r = run(cmd.args(["check", "--json"]));
    assert!(
        r.summary("kore").contains("written for this instance"),
        "{}",
        r.summary("kore")
    );
    // Without --json, what it did is the result on stdout.
    let mut cmd = home.cmd();
    cmd.envs(kore_env(&kore));
    let r = run(cmd.env("SN_HANDOFF_PASSWORD", sim.sim.password()).args([
        "auth",
        "rotate",
        "--grant",
        "password",
        "--no-input",
    ]));
    expect_result(&r, 0, &["New refresh token for", "Pushed to Kore.ai bot"]);
}

#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn auth_rotate_says_why_the_publish_failed_and_still_prints_its_json() {
    use sn_handoff::sim::kore::KoreFault;
    let (sim, home) = keyring_session(SimOptions::default());
    let kore = configured_kore(&sim, vec![KoreFault::PublishFails]);
    let r = run(oauth_cmd(&sim, &home)
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .args(["auth", "login", "-u", "admin", "--grant", "password"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut cmd = home.cmd();
    cmd.envs(kore_env(&kore));
    let r = run(cmd.env("SN_HANDOFF_PASSWORD", sim.sim.password()).args([
        "auth",
        "rotate",
        "--grant",
        "password",
        "--no-input",
        "--json",
    ]));
    assert_eq!(r.code, 5, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("it failed"), "{}", r.stderr);
    assert_eq!(r.json()["pushed_to_kore"], true);
}

#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn api_key_login_keeps_the_key_in_the_keyring_and_status_names_the_method() {
    let (sim, home) = keyring_session(SimOptions::default());
    let r = run(bare(&sim, &home)
        .args(["auth", "login", "--auth", "apikey", "--password-stdin"])
        .write_stdin(format!("{}\n", sim.sim.api_key())));
    expect_result(
        &r,
        0,
        &["Stored in the OS keyring: API key", "(apikey auth)"],
    );
    let text = config(&home);
    assert!(text.contains("auth = \"apikey\""), "{text}");
    assert!(!text.contains(&sim.sim.api_key()));
    passing_check(&home);
    let s = status(&home);
    assert_eq!(s.code, 0, "{}", s.stderr);
    assert_eq!(s.json()["method"]["value"], "apikey", "{}", s.stdout);
    assert_eq!(sources(&s.json()), pairs(&[("api_key", "keyring")]));
    let r = run(home.cmd().args(["auth", "logout"]));
    expect_result(&r, 0, &["Deleted from the OS keyring: the API key"]);
}

/// `auth rotate` with Kore.ai answering one of its writes wrong (the integration's PUT, then
/// the publish; the configured bot's channels are mapped already) × each answer fault, then
/// `auth rotate` again: part of the fault matrix (docs/repairs.md). Each cell asserts that the
/// bot holds the integration from before or the one with the new refresh token, that the run
/// names no write as not made that was made, says a write whose answer went wrong may have
/// been made, prints no secret, and that the next rotation pushes and publishes its token.
#[cfg(unix)]
#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn auth_rotate_under_every_kore_answer_fault_then_the_next_rotation_is_whole() {
    use crate::repairs::matrix::{
        in_parallel, kore_fault, says_nothing, told_as_it_was, ANSWER_FAULTS, INTEGRATION_PERHAPS,
        PUBLISH_PERHAPS,
    };
    let mut cells = Vec::new();
    for fault in ANSWER_FAULTS {
        for at in 1..=2 {
            cells.push((fault, at));
        }
    }
    in_parallel(cells.into_iter(), |(fault, at)| {
        let cell = format!("auth rotate × {fault:?} at Kore.ai write {at}");
        let (sim, home, kore) = rotation_session(
            sn_handoff::sim::kore::KoreSimOptions {
                faults: vec![kore_fault(fault, at)],
                ..Default::default()
            },
            &cell,
        );
        let before = kore.integration("servicenow").unwrap();
        let rotate = || {
            run(&mut assert_cmd::Command::from_std(rotation(
                &sim,
                &home,
                &kore,
                &[],
            )))
        };
        let token = || stored_token(&home, &cell);
        let r = rotate();
        let said = format!("{}{}", r.stdout, r.stderr);
        let new = token();
        let now = kore.integration("servicenow").unwrap();
        let holds_new = now["config"]["refresh_token"] == new.as_str();
        assert!(
            holds_new || now == before,
            "{cell}: another integration\n{said}"
        );
        told_as_it_was(
            &cell,
            fault,
            r.code,
            &said,
            [INTEGRATION_PERHAPS, PUBLISH_PERHAPS][at - 1],
        );
        assert!(
            !said.contains("did not take it") || !holds_new,
            "{cell}\n{said}"
        );
        if said.contains("Pushed to Kore.ai") {
            assert!(holds_new, "{cell}\n{said}");
        }
        if said.contains("✓ Published") {
            assert!(!kore.requires_publish(), "{cell}\n{said}");
        }
        if says_nothing(&said) {
            assert!(now == before, "{cell}: said nothing changed\n{said}");
        }
        for secret in [new.as_str(), sim.sim.password(), &kore.client_secret()] {
            assert!(!said.contains(secret), "{cell}: a secret\n{said}");
        }
        let next = rotate();
        assert_eq!(next.code, 0, "{cell}: next run\n{}\n{said}", next.stderr);
        let latest = token();
        assert_eq!(
            kore.integration("servicenow").unwrap()["config"]["refresh_token"],
            latest.as_str(),
            "{cell}: next run\n{}",
            next.stderr
        );
        assert!(
            !kore.requires_publish(),
            "{cell}: next run\n{}{}\n{said}",
            next.stdout,
            next.stderr
        );
    });
}

/// A configured simulator, a Kore.ai bot connected to it (with `options`), and an OAuth login
/// by the password grant kept in the keyring: what `auth rotate` rotates.
fn rotation_session(
    options: sn_handoff::sim::kore::KoreSimOptions,
    cell: &str,
) -> (Sim, Home, sn_handoff::sim::kore::KoreSimulator) {
    let (sim, home) = keyring_session(SimOptions::default());
    let kore = configured_kore_with(&sim, options);
    let r = run(oauth_cmd(&sim, &home)
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .args(["auth", "login", "-u", "admin", "--grant", "password"]));
    assert_eq!(r.code, 0, "{cell}: {}", r.stderr);
    (sim, home, kore)
}

/// `auth rotate --grant password --no-input` (plus `extra`) for [`rotation_session`].
fn rotation(
    sim: &Sim,
    home: &Home,
    kore: &sn_handoff::sim::kore::KoreSimulator,
    extra: &[&str],
) -> std::process::Command {
    let mut cmd = home.spawnable();
    cmd.envs(kore_env(kore))
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .args(["auth", "rotate", "--grant", "password", "--no-input"])
        .args(extra);
    cmd
}

/// The refresh token the keyring holds now.
fn stored_token(home: &Home, cell: &str) -> String {
    let r = run(home.cmd().args(["auth", "token", "--refresh"]));
    assert_eq!(r.code, 0, "{cell}: {}", r.stderr);
    r.stdout.trim().to_string()
}

/// `auth rotate` stopped by SIGINT, SIGTERM, SIGHUP and `kill -9` at each of its Kore.ai
/// writes (the integration, the publish; the text and, for the signals, the `--json`
/// document), then run again: the stop lets the write in flight finish and starts no other,
/// the run says what it wrote on Kore.ai, the bot holds the stored token or the one before it,
/// and the next rotation pushes the token it stores and leaves nothing to publish.
#[test]
#[ignore = "needs a Secret Service: ./scripts/test runs these in a run of their own"]
fn auth_rotate_under_every_stop_at_every_kore_write_then_the_next_rotation_is_whole() {
    use crate::kore::Stop;
    use crate::repairs::matrix::{in_parallel, interruption_holds};
    let mut cells = Vec::new();
    for stop in Stop::all(2) {
        cells.push((stop, false));
        if stop.signal != libc::SIGKILL {
            cells.push((stop, true));
        }
    }
    in_parallel(cells.into_iter(), |(stop, json)| {
        let cell = format!("auth rotate × {stop:?}, --json {json}");
        let (sim, home, kore) = rotation_session(
            sn_handoff::sim::kore::KoreSimOptions {
                write_latency: std::time::Duration::from_millis(100),
                ..Default::default()
            },
            &cell,
        );
        let before = kore.integration("servicenow").unwrap();
        let extra: &[&str] = if json { &["--json"] } else { &[] };
        let stopped = stop.run(&kore, rotation(&sim, &home, &kore, extra));
        let r = &stopped.0;
        let said = format!("{}{}", r.stdout, r.stderr);
        let new = stored_token(&home, &cell);
        let holds = |token: &str| {
            kore.integration("servicenow").unwrap()["config"]["refresh_token"] == token
        };
        stop.said_truly(&cell, &kore, &stopped, || {
            holds(&new) && !kore.requires_publish()
        });
        // The bot holds the token now stored, or (killed before its write landed) the one
        // it held before.
        assert!(
            holds(&new) || kore.integration("servicenow").unwrap() == before,
            "{cell}: another integration\n{said}"
        );
        if stop.signal != libc::SIGKILL && r.code == 130 {
            // The integration's write was let finish.
            assert!(holds(&new), "{cell}: the write in flight was cut\n{said}");
            if json {
                let doc: Value = serde_json::from_str(&r.stdout)
                    .unwrap_or_else(|e| panic!("{cell}: {e}\n{said}"));
                interruption_holds(&sim, &doc, &cell);
            }
        }
        for secret in [new.as_str(), sim.sim.password(), &kore.client_secret()] {
            assert!(!said.contains(secret), "{cell}: a secret\n{said}");
        }
        let next = run(&mut assert_cmd::Command::from_std(rotation(
            &sim,
            &home,
            &kore,
            &[],
        )));
        assert_eq!(next.code, 0, "{cell}: next run\n{}\n{said}", next.stderr);
        let latest = stored_token(&home, &cell);
        assert!(holds(&latest), "{cell}: next run\n{}", next.stderr);
        assert!(
            !kore.requires_publish(),
            "{cell}: next run\n{}",
            next.stderr
        );
    });
}
