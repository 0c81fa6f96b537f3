//! OAuth and `auth` without a keyring: every refusal (wrong password, bad client secret,
//! revoked refresh token, a forged or refused browser redirect, the deadline), OAuth from the
//! environment as CI uses it (one exchange per run, a refresh when a token expires mid-run),
//! `auth status` and `auth token`, and what happens when no keyring can be reached. The tests
//! that store secrets in a real keyring are in `keyring.rs`; their helpers are here.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::*;

/// Asserts the exit code, and that stderr says each of `words`.
pub fn expect(r: &Run, code: i32, words: &[&str]) {
    assert_eq!(r.code, code, "{}", r.stderr);
    for w in words {
        assert!(r.stderr.contains(w), "{w} missing from:\n{}", r.stderr);
    }
}

/// Exit `code`, and each of `words` in the command's result on stdout (not on stderr).
pub fn expect_result(r: &Run, code: i32, words: &[&str]) {
    assert_eq!(r.code, code, "{}", r.stderr);
    for w in words {
        assert!(
            r.stdout.contains(w),
            "{w} missing from stdout:\n{}",
            r.stdout
        );
        assert!(!r.stderr.contains(w), "{w} on stderr:\n{}", r.stderr);
    }
}

/// A port on 127.0.0.1 that was free a moment ago, for the loopback redirect.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `cmd` set up for OAuth against the simulator's app (client id and secret in the
/// environment, nothing else).
pub fn oauth_env<'a>(
    sim: &Sim,
    cmd: &'a mut std::process::Command,
) -> &'a mut std::process::Command {
    cmd.env("SN_HANDOFF_INSTANCE", sim.url())
        .env("SN_HANDOFF_AUTH", "oauth")
        .env("SN_HANDOFF_CLIENT_ID", sim.sim.oauth_client_id())
        .env("SN_HANDOFF_CLIENT_SECRET", sim.sim.oauth_client_secret())
}

/// The simulator's token-endpoint requests so far.
pub fn token_requests(sim: &Sim) -> Vec<RequestRecord> {
    sim.sim
        .requests()
        .into_iter()
        .filter(|r| r.path == "/oauth_token.do")
        .collect()
}

pub use sn_handoff::sim::RequestRecord;

/// A run of the binary that is read while it goes on (the browser login prints its URL and
/// then waits).
pub struct Running {
    child: Child,
    lines: Receiver<String>,
    stderr: Arc<Mutex<String>>,
    stdout: std::thread::JoinHandle<String>,
}

impl Running {
    pub fn spawn(mut cmd: std::process::Command) -> Running {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = child.stdout.take().unwrap();
        let stdout = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = out.read_to_string(&mut text);
            text
        });
        let err = child.stderr.take().unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, lines) = std::sync::mpsc::channel();
        let seen = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines() {
                let Ok(line) = line else { break };
                seen.lock().unwrap().push_str(&format!("{line}\n"));
                let _ = tx.send(line);
            }
        });
        Running {
            child,
            lines,
            stderr,
            stdout,
        }
    }

    /// The first stderr line that `wanted` accepts; panics with what was printed when the run
    /// ends (or a minute passes) without one.
    pub fn line(&self, wanted: impl Fn(&str) -> bool) -> String {
        let until = Instant::now() + Duration::from_secs(60);
        loop {
            let left = until.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if wanted(&line) => return line,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => panic!(
                    "no such line; stderr so far:\n{}",
                    self.stderr.lock().unwrap()
                ),
            }
        }
    }

    /// The authorize URL the browser login printed.
    pub fn authorize_url(&self) -> String {
        self.line(|l| l.contains("/oauth_auth.do?"))
            .trim()
            .to_string()
    }

    /// Waits for the end (a minute at most) and returns what it printed.
    pub fn finish(mut self) -> Run {
        let until = Instant::now() + Duration::from_secs(60);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > until {
                let _ = self.child.kill();
                panic!(
                    "the run did not end; stderr:\n{}",
                    self.stderr.lock().unwrap()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let stdout = self.stdout.join().unwrap();
        // The reader thread ends with the pipe; give it the moment it needs.
        while self.lines.recv_timeout(Duration::from_millis(200)).is_ok() {}
        let stderr = self.stderr.lock().unwrap().clone();
        Run {
            code: status.code().unwrap_or(-1),
            stdout,
            stderr,
        }
    }
}

/// Plays the browser: signs in at the authorize URL as `user` (HTTP Basic, which is how the
/// simulator's sign-in page takes a login), lets `tamper` change the redirect it gets back,
/// and follows it to the loopback listener. Returns the listener's status and page.
pub fn play_browser(
    sim: &Sim,
    authorize_url: &str,
    user: &str,
    password: &str,
    tamper: impl FnOnce(&mut url::Url),
) -> (u16, String) {
    let authorize_url = authorize_url.to_string();
    let (user, password) = (user.to_string(), password.to_string());
    sim.block_on(async move {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let signed_in = http
            .get(&authorize_url)
            .basic_auth(&user, Some(&password))
            .send()
            .await
            .unwrap();
        assert_eq!(
            signed_in.status().as_u16(),
            302,
            "the sign-in did not redirect"
        );
        let location = signed_in.headers()["location"]
            .to_str()
            .unwrap()
            .to_string();
        let mut back = url::Url::parse(&location).unwrap();
        tamper(&mut back);
        let answer = http.get(back.as_str()).send().await.unwrap();
        let status = answer.status().as_u16();
        (status, answer.text().await.unwrap_or_default())
    })
}

/// A browser login (`--no-browser`) against the simulator, with the app's redirect URL moved
/// to a free port.
pub fn browser_login(sim: &Sim, home: &Home, extra: &[&str]) -> Running {
    let port = free_port();
    sim.sim
        .set_oauth_redirect_url(&format!("http://127.0.0.1:{port}/callback"));
    let mut cmd = home.spawnable();
    oauth_env(sim, &mut cmd)
        .env_remove("SN_HANDOFF_AUTH")
        .args([
            "auth",
            "login",
            "--auth",
            "oauth",
            "--grant",
            "browser",
            "--no-browser",
        ])
        .args(["--redirect-port", &port.to_string()])
        .args(extra);
    Running::spawn(cmd)
}

fn replace_param(url: &mut url::Url, name: &str, value: &str) {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .into_owned()
        .map(|(k, v)| {
            if k == name {
                (k, value.to_string())
            } else {
                (k, v)
            }
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
}

/// The binary set up for OAuth against the simulator's app (client id and secret in the
/// environment).
pub fn oauth_cmd(sim: &Sim, home: &Home) -> assert_cmd::Command {
    let mut cmd = home.spawnable();
    oauth_env(sim, &mut cmd);
    let mut cmd = assert_cmd::Command::from_std(cmd);
    cmd.timeout(Duration::from_secs(120));
    cmd
}

/// The binary set up for OAuth from the environment with a refresh token, as CI runs it.
fn ci_cmd(sim: &Sim, home: &Home, refresh_token: &str) -> assert_cmd::Command {
    let mut cmd = oauth_cmd(sim, home);
    cmd.env("SN_HANDOFF_REFRESH_TOKEN", refresh_token);
    cmd
}

// ---------------------------------------------------------------------------------------
// Refusals at login: nothing is stored, nothing is written.

#[test]
fn a_wrong_password_at_login_is_exit_3_and_changes_nothing() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(sim
        .cmd(&home)
        .env("SN_HANDOFF_PASSWORD", "not-the-password")
        .args(["auth", "login"]));
    expect(&r, 3, &["sign-in failed"]);
    assert!(!home.config_file().exists(), "no profile may be written");
}

#[test]
fn oauth_login_refusals_are_exit_3_and_list_the_causes() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let password_grant = |secret: &str, password: &str| {
        run(oauth_cmd(&sim, &home)
            .env("SN_HANDOFF_CLIENT_SECRET", secret)
            .env("SN_HANDOFF_PASSWORD", password)
            .args(["auth", "login", "-u", "admin", "--grant", "password"]))
    };
    let bad_secret = password_grant("not-the-secret", sim.sim.password());
    let wrong_password = password_grant(&sim.sim.oauth_client_secret(), "not-the-password");
    for r in [&bad_secret, &wrong_password] {
        assert_eq!(r.code, 3, "{}", r.stderr);
        for cause in [
            "client secret",
            "wrong user name or password",
            "revoked or expired refresh token",
            "grant type",
        ] {
            assert!(r.stderr.contains(cause), "{cause}: {}", r.stderr);
        }
        assert!(r.stderr.contains("auth login"), "{}", r.stderr);
    }
    assert!(!home.config_file().exists());
    assert_eq!(sim.sim.live_refresh_tokens(), 0);
    // --grant is for OAuth.
    let r = run(sim
        .cmd(&home)
        .args(["auth", "login", "--auth", "basic", "--grant", "password"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    // Without a terminal, the grant is not guessed (nobody would finish a browser sign-in).
    let r = run(oauth_cmd(&sim, &home).args(["auth", "login"]));
    expect(&r, 2, &["--grant password|browser|token"]);
    // --demo has nothing to store.
    let r = run(home.cmd().args(["auth", "login", "--demo"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn a_redirect_with_a_foreign_state_is_refused() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let login = browser_login(&sim, &home, &[]);
    let url = login.authorize_url();
    let (status, page) = play_browser(&sim, &url, "admin", sim.sim.password(), |u| {
        replace_param(u, "state", "forged")
    });
    assert_eq!(status, 400, "{page}");
    let r = login.finish();
    expect(&r, 3, &["`state` that does not belong to this login"]);
    assert!(!home.config_file().exists());
    // The code was never exchanged.
    assert!(token_requests(&sim).is_empty());
}

#[test]
fn an_error_redirect_is_refused() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let login = browser_login(&sim, &home, &[]);
    let url = format!("{}&sim_consent=deny", login.authorize_url());
    let (status, _) = play_browser(&sim, &url, "admin", sim.sim.password(), |_| {});
    assert_eq!(status, 400);
    let r = login.finish();
    expect(&r, 3, &["refused the sign-in: access_denied"]);
    assert!(!home.config_file().exists());
}

#[test]
fn the_browser_login_prints_the_redirect_url_first_and_has_a_deadline() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = browser_login(&sim, &home, &["--deadline", "1"]).finish();
    assert_eq!(r.code, 3, "{}", r.stderr);
    let redirect = sim.sim.oauth_redirect_url();
    let first_url = r.stderr.lines().find(|l| l.contains("http")).unwrap();
    assert!(first_url.contains(&redirect), "{}", r.stderr);
    assert!(r.stderr.contains("Application Registry"), "{}", r.stderr);
    assert!(r.stderr.contains("within 1 s"), "{}", r.stderr);
    // The authorize URL carries PKCE and a state, never the client secret.
    let url = r
        .stderr
        .lines()
        .find(|l| l.contains("/oauth_auth.do?"))
        .unwrap();
    assert!(url.contains("code_challenge_method=S256") && url.contains("state="));
    assert!(!r.stderr.contains(&sim.sim.oauth_client_secret()));
    // A port that is taken is a clear usage error.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let r = run(oauth_cmd(&sim, &home).args([
        "auth",
        "login",
        "--grant",
        "browser",
        "--no-browser",
        "--redirect-port",
        &port,
    ]));
    expect(&r, 2, &["--redirect-port"]);
}

// ---------------------------------------------------------------------------------------
// OAuth from the environment (CI): no keyring involved.

#[test]
fn check_with_oauth_from_the_environment_exchanges_once() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let refresh = sim.sim.issue_refresh_token("admin");
    let r = run(ci_cmd(&sim, &home, &refresh).args(["check", "--json", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let auth = r.step("auth");
    assert_eq!(auth["status"], "pass", "{auth}");
    assert_eq!(auth["details"]["method"], "oauth");
    assert_eq!(
        auth["details"]["admin"], true,
        "found without a user name: {auth}"
    );
    let tokens = token_requests(&sim);
    assert_eq!(tokens.len(), 1, "one exchange per run: {tokens:?}");
    let api: Vec<_> = sim
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/api/"))
        .collect();
    assert!(api.len() > 5);
    assert!(
        api.iter()
            .all(|r| r.user.as_deref() == Some("admin") && r.status == 200),
        "every request carries the one access token: {api:?}"
    );
}

#[test]
fn a_revoked_refresh_token_is_exit_3() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let refresh = sim.sim.issue_refresh_token("admin");
    sim.sim.revoke_refresh_tokens();
    let r = run(ci_cmd(&sim, &home, &refresh).args(["check", "--json"]));
    assert_eq!(r.code, 3, "{}", r.stderr);
    let auth = r.step("auth");
    assert_eq!(auth["status"], "fail");
    let summary = auth["summary"].as_str().unwrap();
    assert!(
        summary.contains("revoked or expired refresh token"),
        "{summary}"
    );
    assert!(
        r.fix("auth").contains("sn-handoff auth login"),
        "{}",
        r.fix("auth")
    );
    assert_eq!(r.status_of("plugins"), "skip");
    // So is a wrong client secret, with the same words.
    let r = run(ci_cmd(&sim, &home, &sim.sim.issue_refresh_token("admin"))
        .env("SN_HANDOFF_CLIENT_SECRET", "not-the-client-secret-4e1f")
        .arg("check"));
    assert_eq!(r.code, 3, "{}", r.stderr);
    // The report is the result: on stdout.
    assert!(
        r.stdout.contains("wrong client id or client secret"),
        "{}",
        r.stdout
    );
}

#[test]
fn an_access_token_that_expires_mid_run_is_refreshed() {
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        access_token_requests: Some(3),
        ..SimOptions::default()
    });
    let home = Home::new();
    let refresh = sim.sim.issue_refresh_token("admin");
    let r = run(ci_cmd(&sim, &home, &refresh)
        .env("SN_HANDOFF_CONCURRENCY", "1")
        .args(["check", "--json", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let requests = sim.sim.requests();
    let refused = requests
        .iter()
        .filter(|r| r.path.starts_with("/api/") && r.status == 401)
        .count();
    let exchanges = token_requests(&sim).len();
    assert!(refused >= 2, "tokens expired during the run: {requests:?}");
    assert_eq!(exchanges, refused + 1, "one refresh per expired token");
}

#[test]
fn a_token_refused_again_after_a_refresh_is_exit_3() {
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        access_token_lifespan: Some(Duration::ZERO),
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(ci_cmd(&sim, &home, &sim.sim.issue_refresh_token("admin")).arg("check"));
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert_eq!(
        token_requests(&sim).len(),
        2,
        "the first exchange and one refresh"
    );
}

#[test]
fn a_rotated_refresh_token_from_the_environment_is_reported() {
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        rotate_refresh_tokens: true,
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(ci_cmd(&sim, &home, &sim.sim.issue_refresh_token("admin")).arg("check"));
    expect(
        &r,
        0,
        &["issued a new refresh token", "SN_HANDOFF_REFRESH_TOKEN"],
    );
}

#[test]
fn auth_token_prints_an_access_token_the_instance_accepts() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(ci_cmd(&sim, &home, &sim.sim.issue_refresh_token("admin")).args(["auth", "token"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let token = r.stdout.trim().to_string();
    assert_eq!(r.stdout, format!("{token}\n"), "only the token on stdout");
    let url = format!("{}/api/now/table/sys_user?sysparm_limit=1", sim.url());
    let status = sim.block_on(async {
        reqwest::Client::new()
            .get(url)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    });
    assert_eq!(status, 200);
    // The refresh token, when asked for (Kore.ai needs it too).
    let refresh = sim.sim.issue_refresh_token("admin");
    let r = run(ci_cmd(&sim, &home, &refresh).args(["auth", "token", "--refresh", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json(), serde_json::json!({"refresh_token": refresh}));
    let r = run(ci_cmd(&sim, &home, "x").args(["auth", "token", "--json"]));
    assert_eq!(r.code, 3, "{}", r.stderr);
    // No token: the error document instead.
    assert_eq!(r.json()["error"]["kind"], "auth", "{}", r.stdout);
    assert_eq!(r.json()["exit"], 3);
    // Basic auth has no access token to print.
    let r = run(sim.cmd(&home).args(["auth", "token"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn concurrent_requests_refused_with_one_token_share_one_refresh() {
    use sn_handoff::servicenow::oauth::{Grant, OAuthApp, TokenSource};
    use sn_handoff::servicenow::{Auth, Client, ClientConfig, InstanceUrl, Query};
    let sim = Sim::start(Scenario::Fresh);
    let app = OAuthApp {
        client_id: sim.sim.oauth_client_id(),
        client_secret: sim.sim.oauth_client_secret().into(),
    };
    let grant = Grant::RefreshToken(sim.sim.issue_refresh_token("admin").into());
    let client = Client::new(ClientConfig {
        instance: InstanceUrl::parse(&sim.url()).unwrap(),
        auth: Auth::Bearer {
            user: Some("admin".into()),
            source: Arc::new(TokenSource::new(app, grant, None)),
        },
        network: sn_handoff::servicenow::http::Network {
            timeout: Duration::from_secs(30),
            concurrency: 16,
            ..Default::default()
        },
    })
    .unwrap();
    let everyone = Query::new();
    let read = || client.list("sys_user", &everyone, &["user_name"]);
    sim.block_on(async { read().await.unwrap() });
    sim.sim.expire_access_tokens();
    let results =
        sim.block_on(async { futures_util::future::join_all((0..8).map(|_| read())).await });
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(
        token_requests(&sim).len(),
        2,
        "the first exchange and one shared refresh"
    );
}

// ---------------------------------------------------------------------------------------
// auth status

#[test]
fn status_names_each_source_and_exits_by_what_it_found() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(sim.cmd(&home).args(["auth", "status", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s = r.json();
    assert_eq!(s["works"], true);
    assert_eq!(s["admin"], true);
    assert_eq!(s["instance"]["source"], "env");
    assert_eq!(s["method"]["source"], "default");
    assert_eq!(
        s["user"],
        serde_json::json!({"value": "admin", "source": "env"})
    );
    assert_eq!(s["secrets"][0]["source"], "env");
    assert_eq!(s["secrets"][0]["env"], "SN_HANDOFF_PASSWORD");
    // A flag is told from the variable.
    let r = run(sim
        .cmd(&home)
        .args(["auth", "status", "--json", "-u", "admin"]));
    assert_eq!(r.json()["user"]["source"], "env");
    let r = run(sim
        .cmd(&home)
        .env_remove("SN_HANDOFF_USERNAME")
        .args(["auth", "status", "--json", "-u", "admin"]));
    assert_eq!(r.json()["user"]["source"], "flag");
    // stdin.
    let r = run(sim
        .cmd(&home)
        .env_remove("SN_HANDOFF_PASSWORD")
        .args(["auth", "status", "--json", "--password-stdin"])
        .write_stdin(sim.sim.password()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["secrets"][0]["source"], "stdin");
    // Refused: exit 3 and the login that fixes it.
    let r = run(sim
        .cmd(&home)
        .env("SN_HANDOFF_PASSWORD", "wrong")
        .args(["auth", "status", "--json"]));
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert_eq!(r.json()["works"], false);
    assert!(r.json()["fix"]
        .as_str()
        .unwrap()
        .contains("sn-handoff auth login"));
    // Missing under --no-input: exit 2, nothing sent.
    let before = sim.sim.requests().len();
    let r = run(sim.cmd(&home).env_remove("SN_HANDOFF_PASSWORD").args([
        "auth",
        "status",
        "--json",
        "--no-input",
    ]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.json()["secrets"][0]["source"], "missing");
    assert_eq!(r.json()["missing"], serde_json::json!(["password"]));
    assert!(r.json()["fix"]
        .as_str()
        .unwrap()
        .contains("SN_HANDOFF_PASSWORD"));
    assert_eq!(sim.sim.requests().len(), before);
    // An instance that cannot be used: exit 4.
    let closed = format!("http://127.0.0.1:{}", free_port());
    let r = run(sim
        .cmd(&home)
        .env("SN_HANDOFF_INSTANCE", &closed)
        .args(["auth", "status"]));
    assert_eq!(r.code, 4, "{}", r.stderr);
}

#[test]
fn status_of_oauth_and_of_a_user_without_admin() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let refresh = sim.sim.issue_refresh_token("beth.anglin");
    let r = run(ci_cmd(&sim, &home, &refresh).args(["auth", "status", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s = r.json();
    assert_eq!(
        s["method"],
        serde_json::json!({"value": "oauth", "source": "env"})
    );
    assert_eq!(s["client_id"]["value"], sim.sim.oauth_client_id());
    assert_eq!(
        s["user"],
        serde_json::json!({"value": "beth.anglin", "source": "instance"})
    );
    let sources: Vec<_> = s["secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["name"].as_str().unwrap(), x["source"].as_str().unwrap()))
        .collect();
    assert_eq!(
        sources,
        [("client_secret", "env"), ("refresh_token", "env")]
    );
    assert_eq!(s["admin"], false);
    assert!(s["fix"].as_str().unwrap().contains("admin role"), "{s}");
}

// ---------------------------------------------------------------------------------------
// No keyring: say so, name the variables, never hang, never write plain text.

/// `cmd` with no way to reach a D-Bus session.
#[cfg(target_os = "linux")]
fn without_dbus(cmd: &mut assert_cmd::Command, home: &Home) {
    cmd.env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("XDG_RUNTIME_DIR", home.path());
}

#[test]
#[cfg(target_os = "linux")]
fn without_a_keyring_the_message_names_the_environment_variables() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let mut cmd = sim.cmd(&home);
    without_dbus(&mut cmd, &home);
    let r = run(cmd.env_remove("SN_HANDOFF_PASSWORD").arg("check"));
    assert_eq!(r.code, 2, "{}", r.stderr);
    for words in [
        "keyring could not be reached",
        "SN_HANDOFF_PASSWORD",
        "environment only",
    ] {
        assert!(r.stderr.contains(words), "{words}: {}", r.stderr);
    }
    // Said once, for this method only, and without offering a login that could not store.
    assert_eq!(
        r.stderr.matches("SN_HANDOFF_PASSWORD").count(),
        1,
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.matches("keyring").count(), 1, "{}", r.stderr);
    for absent in ["SN_HANDOFF_REFRESH_TOKEN", "auth login"] {
        assert!(!r.stderr.contains(absent), "{absent}: {}", r.stderr);
    }
    // A login that works but cannot store: exit 5, nothing written anywhere.
    let mut cmd = sim.cmd(&home);
    without_dbus(&mut cmd, &home);
    let r = run(cmd.args(["auth", "login"]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stderr.contains("the credentials work") && r.stderr.contains("nothing was stored"));
    assert!(r.stderr.contains("SN_HANDOFF_PASSWORD"), "{}", r.stderr);
    assert!(
        !r.stderr.contains("SN_HANDOFF_CLIENT_SECRET"),
        "{}",
        r.stderr
    );
    assert!(!home.config_file().exists());
    let mut cmd = sim.cmd(&home);
    without_dbus(&mut cmd, &home);
    let r = run(cmd.args(["auth", "logout"]));
    expect(&r, 5, &["nothing was deleted"]);
    // auth status says it too, and still works from the environment.
    let mut cmd = sim.cmd(&home);
    without_dbus(&mut cmd, &home);
    let r = run(cmd
        .env_remove("SN_HANDOFF_PASSWORD")
        .args(["auth", "status", "--json"]));
    assert_eq!(r.code, 2);
    assert!(r.json()["keyring"]
        .as_str()
        .unwrap()
        .contains("could not be reached"));
    // OAuth: both missing secrets in one fix, each variable named once.
    let mut cmd = sim.cmd(&home);
    without_dbus(&mut cmd, &home);
    let r = run(cmd
        .env_remove("SN_HANDOFF_CLIENT_SECRET")
        .env_remove("SN_HANDOFF_REFRESH_TOKEN")
        .args(["auth", "status", "--auth", "oauth"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!r.stdout.contains("auth login"), "{}", r.stdout);
    assert!(
        r.stdout.contains(
            "or set SN_HANDOFF_CLIENT_ID; set SN_HANDOFF_CLIENT_SECRET and SN_HANDOFF_REFRESH_TOKEN\n"
        ),
        "{}",
        r.stdout
    );
    assert_eq!(
        r.stdout.matches("could not be reached").count(),
        1,
        "{}",
        r.stdout
    );
}

#[test]
#[cfg(target_os = "linux")]
fn a_keyring_that_never_answers_is_given_up() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    // A D-Bus address whose listener accepts and never says a word.
    let socket = home.path().join("silent-bus");
    let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let held = std::thread::spawn(move || {
        let mut open = Vec::new();
        for stream in listener.incoming().take(4) {
            open.push(stream);
        }
        std::thread::sleep(Duration::from_secs(30));
    });
    let r = run(sim
        .cmd(&home)
        .env_remove("SN_HANDOFF_PASSWORD")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", socket.display()),
        )
        .env("SN_HANDOFF_KEYRING_TIMEOUT", "1")
        .arg("check"));
    expect(&r, 2, &["did not answer within 1 s", "SN_HANDOFF_PASSWORD"]);
    drop(held);
}

#[test]
fn the_auth_step_warns_within_14_days_of_the_refresh_token_expiry() {
    use sn_handoff::state::{unix_now, MintedToken, StateFile};
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let dir = home.path().join("state").join("sn-handoff");
    std::fs::create_dir_all(&dir).unwrap();
    let file = StateFile::in_dir(&dir, &sim.url());
    let day = 86_400;
    // The clock is faked by a minting time in the past.
    let minted = |age_days: u64| MintedToken {
        client_id: sim.sim.oauth_client_id(),
        minted_at: unix_now() - age_days * day,
        lifespan_secs: 100 * day,
        lifespan_source: "default".into(),
    };
    let refresh = sim.sim.issue_refresh_token("admin");
    let check = |age: u64| {
        file.update(|s| s.refresh_token = Some(minted(age)))
            .unwrap();
        run(ci_cmd(&sim, &home, &refresh).args(["check", "--json", "--agent", "abel.tuter"]))
    };
    let r = check(80);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.status_of("auth"), "pass", "{}", r.summary("auth"));
    let r = check(90);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.status_of("auth"), "warn");
    assert!(
        r.summary("auth").contains("expires in 10 days"),
        "{}",
        r.summary("auth")
    );
    assert!(
        r.summary("auth").contains("default lifespan"),
        "{}",
        r.summary("auth")
    );
    assert_eq!(r.fix("auth"), "sn-handoff auth rotate");
    let r = check(101);
    assert_eq!(r.status_of("auth"), "warn");
    assert!(
        r.summary("auth").contains("has expired"),
        "{}",
        r.summary("auth")
    );
    // A record for another OAuth app says nothing about this one.
    file.update(|s| {
        s.refresh_token = Some(MintedToken {
            client_id: "another-app".into(),
            ..minted(99)
        })
    })
    .unwrap();
    let r = run(ci_cmd(&sim, &home, &refresh).args(["check", "--json", "--agent", "abel.tuter"]));
    assert_eq!(r.status_of("auth"), "pass");
    // Basic auth has no refresh token to warn about.
    let r = run(sim
        .cmd(&home)
        .args(["check", "--json", "--agent", "abel.tuter"]));
    assert_eq!(r.status_of("auth"), "pass");
}

/// `check --auth apikey` with the key from the environment.
fn api_key_check(sim: &Sim, home: &Home, key: &str) -> Run {
    run(home
        .cmd()
        .env("SN_HANDOFF_INSTANCE", sim.url())
        .env("SN_HANDOFF_API_KEY", key)
        .args([
            "--auth",
            "apikey",
            "check",
            "--json",
            "--agent",
            "abel.tuter",
        ]))
}

#[test]
fn an_api_key_signs_in_with_the_x_sn_apikey_header() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let r = api_key_check(&sim, &home, &sim.sim.api_key());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.step("auth")["details"]["method"], "apikey");
    // The key signs in as the user it belongs to.
    assert!(sim
        .sim
        .requests()
        .iter()
        .all(|q| q.user.as_deref() == Some("admin")));
    assert!(!r.stdout.contains(&sim.sim.api_key()) && !r.stderr.contains(&sim.sim.api_key()));
}

#[test]
fn a_wrong_api_key_and_a_missing_access_policy_are_told_apart() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let wrong = api_key_check(&sim, &home, "not-the-key");
    assert_eq!(wrong.code, 3, "{}", wrong.stderr);
    assert_eq!(wrong.step("auth")["details"]["api_key"], "refused");
    assert!(
        wrong.summary("auth").contains("the API key was refused"),
        "{}",
        wrong.stdout
    );
    assert!(wrong.fix("auth").contains("REST API Key"));

    sim.sim.set_api_key_policy(false);
    let ignored = api_key_check(&sim, &home, &sim.sim.api_key());
    assert_eq!(ignored.code, 3, "{}", ignored.stderr);
    assert_eq!(ignored.step("auth")["details"]["api_key"], "not_accepted");
    assert!(
        ignored
            .summary("auth")
            .contains("no REST API access policy"),
        "{}",
        ignored.stdout
    );
    assert!(ignored.fix("auth").contains("REST API Access Policies"));

    // auth login says the same, and stores nothing.
    let login = run(home
        .cmd()
        .env("SN_HANDOFF_INSTANCE", sim.url())
        .env("SN_HANDOFF_API_KEY", sim.sim.api_key())
        .args(["auth", "login", "--auth", "apikey"]));
    expect(
        &login,
        3,
        &["did not take the API key", "REST API Access Policies"],
    );
    assert!(!home.config_file().exists());
}

#[test]
fn kore_is_never_handed_an_api_key() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_INSTANCE", sim.url())
        .env("SN_HANDOFF_API_KEY", sim.sim.api_key())
        .env(
            "SN_HANDOFF_KORE_BOT_ID",
            "st-17fab615-3dac-7011-557c-f1430c60ad2e",
        )
        .env("SN_HANDOFF_KORE_CLIENT_ID", "cs-x")
        .env("SN_HANDOFF_KORE_CLIENT_SECRET", "x")
        .args(["--auth", "apikey", "kore", "connect", "--dry-run"]));
    expect(
        &r,
        2,
        &["Kore.ai signs in to ServiceNow with Basic or OAuth"],
    );
}

#[test]
fn demo_signs_in_with_its_api_key_too() {
    let home = Home::new();
    let r = run(home
        .cmd()
        .args(["--demo", "--auth", "apikey", "check", "--json"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.status_of("auth"), "pass");
    assert_eq!(r.step("auth")["details"]["method"], "apikey");
}
