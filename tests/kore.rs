//! `kore connect` and `kore status`: the real binary against the simulated ServiceNow instance
//! and the simulated Kore.ai platform, both on 127.0.0.1.

use serde_json::{json, Value};
use sn_handoff::sim::kore::{KoreFault, KoreRecord, KoreSimOptions, KoreSimulator};

use crate::common::{files_under, run, Home, Run, Scenario, Sim};

/// Both simulators and a throwaway home.
pub(crate) struct Both {
    pub(crate) sn: Sim,
    pub(crate) kore: KoreSimulator,
    pub(crate) home: Home,
}

impl Both {
    pub(crate) fn start(opts: KoreSimOptions) -> Both {
        Both::on(Scenario::Fresh, opts)
    }

    pub(crate) fn on(scenario: Scenario, opts: KoreSimOptions) -> Both {
        let sn = Sim::start(scenario);
        let kore = sn.block_on(KoreSimulator::start(opts)).unwrap();
        Both {
            sn,
            kore,
            home: Home::new(),
        }
    }

    pub(crate) fn fresh() -> Both {
        Both::start(KoreSimOptions::default())
    }

    pub(crate) fn with_faults(faults: &[KoreFault]) -> Both {
        Both::start(KoreSimOptions {
            faults: faults.to_vec(),
            ..KoreSimOptions::default()
        })
    }

    /// The binary with both simulators' settings and secrets in the environment.
    pub(crate) fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = self.bare();
        cmd.args(["kore"]).args(args);
        cmd
    }

    /// The binary with both simulators' settings, any command.
    pub(crate) fn bare(&self) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::from_std(self.spawnable());
        cmd.timeout(std::time::Duration::from_secs(120));
        cmd
    }

    /// [`Both::bare`] as a `std::process::Command`, for a run that is signalled.
    pub(crate) fn spawnable(&self) -> std::process::Command {
        let mut cmd = self.home.spawnable();
        cmd.env("SN_HANDOFF_INSTANCE", self.sn.sim.url())
            .env("SN_HANDOFF_USERNAME", self.sn.sim.username())
            .env("SN_HANDOFF_PASSWORD", self.sn.sim.password())
            .env("SN_HANDOFF_KORE_HOST", self.kore.url())
            .env("SN_HANDOFF_KORE_BOT_ID", self.kore.bot_id())
            .env("SN_HANDOFF_KORE_CLIENT_ID", self.kore.client_id())
            .env("SN_HANDOFF_KORE_CLIENT_SECRET", self.kore.client_secret())
            .env(
                "SN_HANDOFF_KORE_ADMIN_CLIENT_ID",
                self.kore.admin_client_id(),
            )
            .env(
                "SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET",
                self.kore.admin_client_secret(),
            )
            .env("SN_HANDOFF_POLL_MS", "5")
            .env("SN_HANDOFF_NO_INPUT", "1");
        cmd
    }

    pub(crate) fn run(&self, args: &[&str]) -> Run {
        run(&mut self.cmd(args))
    }

    /// The secrets no output may show.
    pub(crate) fn secrets(&self) -> Vec<String> {
        vec![
            self.kore.client_secret(),
            self.kore.admin_client_secret(),
            self.sn.sim.password().to_string(),
            self.sn.sim.oauth_client_secret(),
        ]
    }

    pub(crate) fn assert_no_secret(&self, r: &Run) {
        for secret in self.secrets() {
            assert!(
                !r.stdout.contains(&secret) && !r.stderr.contains(&secret),
                "a secret leaked:\n{}\n{}",
                r.stdout,
                r.stderr
            );
        }
        // Nor a JWT (three base64url parts starting with the encoded header).
        assert!(!r.stderr.contains("eyJ") && !r.stdout.contains("eyJ"));
        // Nor any file the runs left behind (config, state).
        for file in files_under(self.home.path()) {
            let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
            for secret in self.secrets() {
                assert!(!text.contains(&secret), "{} holds a secret", file.display());
            }
        }
    }
}

fn calls(records: &[KoreRecord]) -> Vec<String> {
    records
        .iter()
        .map(|r| {
            let path = r.path.rsplit('/').next().unwrap_or_default();
            format!("{} {path} {}", r.method, r.status)
        })
        .collect()
}

pub(crate) fn all_servicenow(map: &serde_json::Map<String, Value>) -> bool {
    map.values().all(|v| v == "servicenow")
}

#[test]
fn basic_connect_creates_then_updates_with_the_flat_body() {
    let b = Both::fresh();
    let r = b.run(&["connect", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = r.json();
    for (key, value) in [
        ("changed", json!(true)),
        ("dry_run", json!(false)),
        ("integration", json!("servicenow")),
        ("default", json!(true)),
        ("published", Value::Null),
        ("requires_publish", json!(true)),
    ] {
        assert_eq!(doc[key], value, "{key} in {doc}");
    }
    assert_eq!(
        b.kore.integration("servicenow").unwrap(),
        json!({
            "host": b.sn.url(),
            "authType": "basic",
            "userId": b.sn.sim.username(),
            "password": b.sn.sim.password(),
            "VAApi": true,
        })
    );
    assert!(
        all_servicenow(&b.kore.mappings()),
        "{:?}",
        b.kore.mappings()
    );
    let first = b.kore.requests();
    assert_eq!(
        calls(&first),
        [
            "GET channelmappings 200",
            "POST servicenow 200",
            "GET channelmappings 200",
            "PUT channelmappings 200"
        ]
    );
    assert_eq!(first[1].query, "setAsDefault=true");
    assert!(r.stderr.contains("kore connect --publish"), "{}", r.stderr);
    b.assert_no_secret(&r);

    // Again: the integration exists now, so it is updated; the mappings are left alone.
    let again = b.run(&["connect", "--json"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(again.json()["integration_method"], "PUT");
    assert_eq!(again.json()["mappings_written"], false);
    let second = &b.kore.requests()[first.len()..];
    assert_eq!(
        calls(second),
        [
            "GET channelmappings 200",
            "PUT servicenow 200",
            "GET channelmappings 200"
        ]
    );
}

#[test]
fn oauth_connect_sends_the_wrapped_body_with_the_refresh_token() {
    let b = Both::fresh();
    let token = b.sn.sim.issue_refresh_token("admin");
    let r = run(b
        .cmd(&["connect", "--queue-id", "q-7", "--json", "-v"])
        .env("SN_HANDOFF_AUTH", "oauth")
        .env("SN_HANDOFF_CLIENT_ID", b.sn.sim.oauth_client_id())
        .env("SN_HANDOFF_CLIENT_SECRET", b.sn.sim.oauth_client_secret())
        .env("SN_HANDOFF_REFRESH_TOKEN", &token));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        b.kore.integration("servicenow").unwrap(),
        json!({
            "enabled": true,
            "config": {
                "host": b.sn.url(),
                "authType": "oauth2_refresh_token",
                "client_id": b.sn.sim.oauth_client_id(),
                "client_secret": b.sn.sim.oauth_client_secret(),
                "refresh_token": token,
                "VAApi": true,
                "queueId": "q-7",
            }
        })
    );
    b.assert_no_secret(&r);
    assert!(!r.stderr.contains(&token) && !r.stdout.contains(&token));
    // The verbose log names the Kore.ai calls, never their headers or bodies.
    assert!(r.stderr.contains("(Kore.ai)"), "{}", r.stderr);
}

#[test]
fn dry_run_sends_nothing_and_hides_every_secret() {
    let b = Both::fresh();
    for args in [
        vec!["connect", "--dry-run", "--publish"],
        vec!["connect", "--dry-run", "--json"],
    ] {
        let r = b.run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        b.assert_no_secret(&r);
        // Why VAApi is sent, since Kore.ai's docs do not say.
        assert!(r.stderr.contains("\"VAApi\": true"), "{}", r.stderr);
        assert!(
            r.stdout.contains("***") || r.stderr.contains("***"),
            "{}{}",
            r.stdout,
            r.stderr
        );
    }
    assert!(b.kore.requests().is_empty(), "{:?}", b.kore.requests());
    assert!(b.sn.sim.requests().is_empty());
    assert!(b.kore.integration("servicenow").is_none());
}

#[test]
fn no_default_leaves_the_mappings_and_falls_back_from_post_to_put() {
    let b = Both::fresh();
    // Configured earlier in the UI, but not mapped: POST is refused, PUT follows.
    b.kore.map_channel("default", "servicenow", false);
    b.kore.map_channel("default", "kore", false);
    let before = b.kore.mappings();
    let r = b.run(&["connect", "--no-default", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["default"], false);
    assert_eq!(b.kore.mappings(), before);
    let records = b.kore.requests();
    assert_eq!(
        calls(&records),
        [
            "GET channelmappings 200",
            "POST servicenow 409",
            "PUT servicenow 200",
            "GET channelmappings 200"
        ]
    );
    assert!(records.iter().all(|r| r.query.is_empty()));
}

#[test]
fn publish_waits_for_the_status_with_the_admin_app() {
    let b = Both::with_faults(&[KoreFault::LegacyPublishStatusPath]);
    let r = b.run(&["connect", "--publish", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["published"], true);
    assert_eq!(r.json()["requires_publish"], false);
    let records = b.kore.requests();
    let publish = records
        .iter()
        .find(|r| r.path.ends_with("/publish"))
        .unwrap();
    // Training left to Kore.ai's default (on): the field is not sent.
    assert_eq!(
        publish.body,
        json!({"versionComment": "sn-handoff kore connect"})
    );
    assert_eq!(publish.app_id.as_deref(), Some(b.kore.admin_client_id()));
    let after_publish = records
        .iter()
        .position(|r| r.path.ends_with("/publish"))
        .unwrap();
    let statuses: Vec<(&str, u16)> = records[after_publish..]
        .iter()
        .filter(|r| r.path.contains("/publish/status"))
        .map(|r| (r.path.as_str(), r.status))
        .collect();
    // The table's path first, then the sample's path, polled until it ends.
    assert_eq!(statuses[0].1, 404);
    assert!(statuses[1..]
        .iter()
        .all(|(p, s)| p.starts_with("/api/1.1/") && *s == 200));
    assert!(statuses.len() >= 4, "{statuses:?}");
    assert!(!b.kore.requires_publish());
    let status = b.run(&["status", "--json"]);
    assert_eq!(status.code, 0);
    assert_eq!(status.json()["status"], "pass");
}

#[test]
fn a_failed_publish_is_exit_5_with_published_false() {
    let b = Both::with_faults(&[KoreFault::PublishFails]);
    let r = b.run(&["connect", "--publish", "--json"]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert_eq!(r.json()["published"], false);
    assert!(r.stderr.contains("publish failed"), "{}", r.stderr);
    assert!(b.kore.requires_publish());
}

#[test]
fn publishing_without_the_admin_app_writes_nothing() {
    let b = Both::fresh();
    let sn_before = b.sn.sim.requests().len();
    let r = run(b
        .cmd(&["connect", "--publish"])
        .env_remove("SN_HANDOFF_KORE_ADMIN_CLIENT_ID"));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("Admin Console"), "{}", r.stderr);
    assert!(r.stderr.contains("Bot Publish > Publish"), "{}", r.stderr);
    assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
    // Not a request to Kore.ai, not one to ServiceNow.
    assert!(b.kore.requests().is_empty(), "{:?}", b.kore.requests());
    assert_eq!(b.sn.sim.requests().len(), sn_before);
    assert!(b.kore.integration("servicenow").is_none());
}

#[test]
fn no_train_skips_training_and_says_what_it_risks() {
    let b = Both::fresh();
    let r = b.run(&["connect", "--publish", "--no-train"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("intent detection"), "{}", r.stderr);
    let publish = b
        .kore
        .requests()
        .into_iter()
        .find(|r| r.path.ends_with("/publish"))
        .unwrap();
    assert_eq!(publish.body["initiateTraining"], false);
}

#[test]
fn status_without_the_admin_app_warns_that_the_publish_state_is_not_readable() {
    let b = Both::start(KoreSimOptions {
        configured: true,
        ..KoreSimOptions::default()
    });
    let with = b.run(&["status", "--json"]);
    assert_eq!(with.json()["status"], "pass", "{}", with.stdout);
    assert_eq!(with.json()["publish"]["status"], "pass");
    let r = run(b
        .cmd(&["status", "--json"])
        .env_remove("SN_HANDOFF_KORE_ADMIN_CLIENT_ID"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["status"], "warn", "{j}");
    assert_eq!(j["publish"]["status"], "warn");
    assert!(j["publish"]["summary"]
        .as_str()
        .unwrap()
        .contains("not readable"));
    // No publish-status call was signed by the bot's own app.
    assert!(b
        .kore
        .requests()
        .iter()
        .filter(|r| r.path.contains("/publish"))
        .all(|r| r.app_id.as_deref() == Some(b.kore.admin_client_id())));
    // An admin app that is given but refused is exit 3, not a warning.
    let refused = run(b
        .cmd(&["status", "--json"])
        .env("SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET", "wrong"));
    assert_eq!(
        refused.code, 3,
        "{}
{}",
        refused.stdout, refused.stderr
    );
    assert_admin_hint(&refused);
    // So is publishing with it: the hint names the Admin Console app's secret.
    let refused = run(b
        .cmd(&["connect", "--publish"])
        .env("SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET", "wrong"));
    assert_eq!(refused.code, 3, "{}", refused.stderr);
    assert_admin_hint(&refused);
}

/// The hint of a refused Admin Console app names its settings, not the bot app's (in the JSON
/// error document under `--json`, else on stderr).
fn assert_admin_hint(r: &Run) {
    let json = r.stdout.trim_start().starts_with('{');
    let hint = if json {
        r.json()["error"]["hint"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    } else {
        r.stderr
            .lines()
            .find(|l| l.contains("client id"))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        hint.contains("--kore-admin-client-id")
            && hint.contains("(SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET)"),
        "{}",
        r.stderr
    );
    assert!(!hint.contains("(SN_HANDOFF_KORE_CLIENT_SECRET)"), "{hint}");
}

#[test]
fn a_refused_jwt_is_exit_3() {
    let b = Both::fresh();
    let r = run(b
        .cmd(&["status"])
        .env("SN_HANDOFF_KORE_CLIENT_SECRET", "not-the-secret"));
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("refused the JWT"), "{}", r.stderr);
    assert!(
        r.stderr.contains("SN_HANDOFF_KORE_CLIENT_SECRET"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("not-the-secret"));
}

/// One request to the Kore.ai simulator signed as the bot's app, the way a client that is not
/// sn-handoff would send it.
fn raw(
    b: &Both,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
    token: Option<String>,
) -> (u16, String) {
    let token = token.unwrap_or_else(|| sign(b));
    let url = format!("{}/api/public/bot/{}{path}", b.kore.url(), b.kore.bot_id());
    b.sn.block_on(async move {
        let mut request = reqwest::Client::new()
            .request(method, url)
            .header("auth", token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let r = request.send().await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    })
}

fn sign(b: &Both) -> String {
    let secret = secrecy::SecretString::from(b.kore.client_secret());
    let token = sn_handoff::kore::jwt::sign(b.kore.client_id(), &secret, now());
    secrecy::ExposeSecret::expose_secret(&token).to_string()
}

#[test]
fn a_reused_jti_gets_the_documented_replay_answer() {
    let b = Both::fresh();
    let token = sign(&b);
    let get = |token: &str| {
        raw(
            &b,
            reqwest::Method::GET,
            "/agentintegrations/channelmappings",
            None,
            Some(token.to_string()),
        )
    };
    assert_eq!(get(&token).0, 200);
    let (status, body) = get(&token);
    assert_eq!(status, 401);
    assert_eq!(
        body.trim(),
        include_str!("fixtures/koreai/jwt-jti-replay-401.json").trim()
    );
}

#[test]
fn the_simulator_refuses_partial_maps_and_unconfigured_integrations() {
    let b = Both::fresh();
    let put = |map: Value| {
        raw(
            &b,
            reqwest::Method::PUT,
            "/agentintegrations/channelmappings",
            Some(json!({"channelMappings": map})),
            None,
        )
    };
    let (status, body) = put(json!({"default": "kore"}));
    assert_eq!(status, 400);
    assert!(
        body.contains("channelMappings must map every channel enabled for this app. Missing: rtm, agentassist."),
        "{body}"
    );
    let (status, body) =
        put(json!({"default": "kore", "rtm": "servicenow", "agentassist": "kore"}));
    assert_eq!(status, 400);
    assert!(body.contains("servicenow"), "{body}");
    // A GET answer sent back as it is (with state and requiresPublish) is accepted.
    let (_, got) = raw(
        &b,
        reqwest::Method::GET,
        "/agentintegrations/channelmappings",
        None,
        None,
    );
    let got: Value = serde_json::from_str(&got).unwrap();
    assert_eq!(got["requiresPublish"], false);
    let (status, _) = raw(
        &b,
        reqwest::Method::PUT,
        "/agentintegrations/channelmappings",
        Some(got),
        None,
    );
    assert_eq!(status, 200);
    assert!(
        b.kore.requires_publish(),
        "PUT replaces the map and asks for a publish"
    );
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[test]
fn a_missing_scope_is_exit_3_naming_it() {
    let b = Both::with_faults(&[KoreFault::MissingWriteScope]);
    let r = b.run(&["connect", "--json"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr.contains("agent_integrations:write")
            || r.stdout.contains("agent_integrations:write"),
        "{}",
        r.stderr
    );
    assert!(b.kore.integration("servicenow").is_none());
}

#[test]
fn rate_limiting_is_waited_out() {
    let b = Both::with_faults(&[KoreFault::RateLimitOnce]);
    let r = b.run(&["connect", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let records = b.kore.requests();
    assert_eq!(records[0].status, 429);
    assert_eq!(records[1].status, 200);
    assert_eq!(records[0].path, records[1].path);
}

#[test]
fn status_passes_warns_and_fails() {
    let b = Both::fresh();
    let fail = b.run(&["status"]);
    assert_eq!(fail.code, 1, "{}", fail.stderr);
    assert!(fail.stdout.contains("not the default"), "{}", fail.stdout);
    assert!(fail
        .stdout
        .contains("fix: sn-handoff kore connect --publish"));

    let configured = Both::start(KoreSimOptions {
        configured: true,
        ..KoreSimOptions::default()
    });
    let pass = configured.run(&["status", "--json"]);
    assert_eq!(pass.code, 0, "{}", pass.stderr);
    assert_eq!(pass.json()["status"], "pass");
    assert_eq!(pass.json()["requires_publish"], false);

    // Someone maps a channel elsewhere in the UI and has not published yet.
    configured.kore.map_channel("rtm", "genesys", true);
    let elsewhere = configured.run(&["status", "--json"]);
    assert_eq!(elsewhere.code, 1);
    assert_eq!(elsewhere.json()["not_servicenow"], json!(["rtm → genesys"]));
    configured.kore.map_channel("rtm", "servicenow", true);
    let warn = configured.run(&["status"]);
    assert_eq!(warn.code, 0, "{}", warn.stderr);
    assert!(warn.stdout.contains("not published yet"), "{}", warn.stdout);
    assert!(warn
        .stdout
        .contains("fix: sn-handoff kore connect --publish"));
}

#[test]
fn missing_settings_are_usage_errors() {
    let b = Both::fresh();
    let r = run(b.cmd(&["status"]).env_remove("SN_HANDOFF_KORE_BOT_ID"));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--bot-id"), "{}", r.stderr);
    let r = run(b
        .cmd(&["status"])
        .env("SN_HANDOFF_KORE_BOT_ID", "st-1/../x"));
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = run(b
        .cmd(&["status"])
        .env("SN_HANDOFF_KORE_HOST", "http://kore.example.com"));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(b.kore.requests().is_empty());
}

#[test]
fn demo_connects_and_publishes_the_simulated_bot() {
    let home = Home::new();
    let r = run(home.cmd().env("SN_HANDOFF_POLL_MS", "5").args([
        "kore",
        "connect",
        "--demo",
        "--publish",
        "--json",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["published"], true);
    // One demo world: the next --demo run reads the same bot, connected and published.
    let r = run(home.cmd().args(["kore", "status", "--demo", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["status"], "pass", "{}", r.stdout);
}

#[test]
fn an_unreachable_kore_host_is_exit_4_in_one_line() {
    let b = Both::fresh();
    let r = run(b
        .cmd(&["status"])
        .env("SN_HANDOFF_KORE_HOST", "http://127.0.0.1:1"));
    assert_eq!(r.code, 4, "{}", r.stderr);
    let error = r.stderr.lines().find(|l| l.starts_with("error:")).unwrap();
    assert!(error.contains("Kore.ai at 127.0.0.1"), "{error}");
    assert!(!r.stderr.contains("/api/public/bot/"), "{}", r.stderr);
}

#[test]
fn servicenow_credentials_that_do_not_work_are_never_pushed() {
    let b = Both::fresh();
    let r = run(b.cmd(&["connect"]).env("SN_HANDOFF_PASSWORD", "wrong"));
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(b.kore.requests().is_empty(), "{:?}", b.kore.requests());
}

#[test]
fn channel_names_from_kore_cannot_drive_the_terminal() {
    let b = Both::start(KoreSimOptions {
        configured: true,
        ..KoreSimOptions::default()
    });
    b.kore.map_channel("rtm\u{1b}[2J", "genesys", false);
    let r = b.run(&["status"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!r.stdout.contains('\u{1b}'), "{:?}", r.stdout);
    assert!(r.stdout.contains("rtm\\u{1b}[2J → genesys"), "{}", r.stdout);
}

#[test]
fn a_rate_limit_that_outlasts_the_retries_is_exit_4() {
    let b = Both::with_faults(&[KoreFault::RateLimitAlways]);
    let r = b.run(&["status", "-v"]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.stderr.contains("rate limit"), "{}", r.stderr);
    // The channel mappings and the publish status are asked at once: four tries of each.
    let requests = b.kore.requests();
    assert_eq!(requests.len(), 8, "four tries of each read: {requests:?}");
    for read in ["/publish/status", "/channelmappings"] {
        let tries = requests.iter().filter(|q| q.path.contains(read)).count();
        assert_eq!(tries, 4, "{read}: {requests:?}");
        let retries: Vec<&str> = r
            .stderr
            .lines()
            .filter(|l| l.starts_with("http: retrying GET /api/") && l.contains(read))
            .collect();
        assert_eq!(retries.len(), 3, "{}", r.stderr);
        assert!(
            retries[2].ends_with(" in 0 ms (try 4 of 4)"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn a_publish_still_running_at_the_deadline_is_exit_5() {
    let b = Both::with_faults(&[KoreFault::PublishStalls]);
    let r = b.run(&["connect", "--publish", "--deadline", "0.002", "--json"]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert_eq!(r.json()["published"], false);
    assert!(r.stderr.contains("still running"), "{}", r.stderr);
}

#[test]
fn the_last_publish_is_not_taken_for_the_next_one() {
    let b = Both::fresh();
    assert_eq!(b.run(&["connect", "--publish"]).code, 0);
    let first = b.kore.requests().len();
    // The simulated platform answers with the previous publish's end once before the new one
    // shows up: a client that stopped there would finish after one status call.
    let r = b.run(&["connect", "--publish", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["published"], true);
    let records = b.kore.requests();
    let publish = first
        + records[first..]
            .iter()
            .position(|r| r.path.ends_with("/publish"))
            .unwrap();
    let polls = records[publish..]
        .iter()
        .filter(|r| r.path.contains("/publish/status"))
        .count();
    assert_eq!(polls, 4, "the stale answer, two in progress, the end");
}

/// The `kore` step of a `check --json` report.
fn kore_step(r: &Run) -> Value {
    let doc = r.json();
    doc["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "kore")
        .cloned()
        .unwrap_or(Value::Null)
}

#[test]
fn check_has_a_kore_step_that_passes_warns_and_fails() {
    let b = Both::fresh();
    let fail = run(b.bare().args(["check", "--json"]));
    assert_eq!(fail.code, 1, "{}", fail.stderr);
    let step = kore_step(&fail);
    assert_eq!(step["status"], "fail", "{step}");
    assert_eq!(step["fix"], "sn-handoff kore connect --publish");
    // After the seven, before nothing else (no --deep).
    let ids: Vec<String> = fail.json()["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 8, "{ids:?}");
    assert_eq!(ids[7], "kore");

    let configured = Both::on(
        Scenario::Configured,
        KoreSimOptions {
            configured: true,
            ..KoreSimOptions::default()
        },
    );
    let pass = run(configured.bare().args(["check", "--json"]));
    let step = kore_step(&pass);
    assert_eq!(step["status"], "pass", "{step}");
    configured.kore.map_channel("rtm", "servicenow", true);
    let warn = run(configured.bare().args(["check", "--json"]));
    let step = kore_step(&warn);
    assert_eq!(step["status"], "warn", "{step}");
    assert_eq!(step["fix"], "sn-handoff kore connect --publish");
    configured.assert_no_secret(&warn);
}

#[test]
fn check_without_kore_settings_has_no_kore_step() {
    let b = Both::fresh();
    let r = run(b.sn.cmd(&b.home).args(["check", "--json"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(kore_step(&r), Value::Null);
    assert!(b.kore.requests().is_empty());
}

#[test]
fn check_with_a_refused_jwt_is_exit_3_and_reports_the_rest() {
    let b = Both::on(Scenario::Configured, KoreSimOptions::default());
    let r = run(b
        .bare()
        .args(["check", "--json"])
        .env("SN_HANDOFF_KORE_CLIENT_SECRET", "not-the-secret"));
    assert_eq!(r.code, 3, "{}", r.stderr);
    let step = kore_step(&r);
    assert_eq!(step["status"], "fail", "{step}");
    assert!(
        step["summary"]
            .as_str()
            .unwrap()
            .contains("refused the JWT"),
        "{step}"
    );
    assert_eq!(step["details"]["error"], "auth", "{step}");
    assert_eq!(r.json()["steps"][2]["status"], "pass");
    assert!(!r.stdout.contains("not-the-secret") && !r.stderr.contains("not-the-secret"));
}

#[test]
fn check_fix_repairs_the_kore_step_with_connect_and_publish() {
    let b = Both::on(Scenario::Configured, KoreSimOptions::default());
    let r = run(b.bare().args(["check", "--fix", "--json"]));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(kore_step(&r)["status"], "pass");
    assert!(all_servicenow(&b.kore.mappings()));
    assert!(!b.kore.requires_publish());
    assert!(b.kore.integration("servicenow").is_some());
    b.assert_no_secret(&r);

    // Without the write scope the repair is refused: exit 3, naming the scope.
    let b = Both::on(
        Scenario::Configured,
        KoreSimOptions {
            faults: vec![KoreFault::MissingWriteScope],
            ..KoreSimOptions::default()
        },
    );
    let r = run(b.bare().args(["check", "--fix"]));
    assert_eq!(r.code, 3, "{}\n{}", r.stdout, r.stderr);
    assert!(
        format!("{}{}", r.stdout, r.stderr).contains("agent_integrations:write"),
        "{}\n{}",
        r.stdout,
        r.stderr
    );
}

#[test]
fn a_signal_during_a_kore_write_lets_it_finish_and_starts_no_other() {
    // The integration's POST waits 300 ms in Kore.ai; SIGINT arrives while it is in flight.
    let b = Both::on(
        Scenario::Configured,
        KoreSimOptions {
            write_latency: std::time::Duration::from_millis(300),
            ..KoreSimOptions::default()
        },
    );
    let mut cmd = b.spawnable();
    cmd.args(["check", "--fix"]);
    let stop = Stop {
        signal: libc::SIGINT,
        at: 1,
        last: 3,
    };
    let (r, _) = stop.run(&b.kore, cmd);
    let stderr = r.stderr;
    assert_eq!(r.code, 130, "{stderr}");
    assert!(stderr.contains("interrupted by SIGINT"), "{stderr}");
    // What it says names the Kore.ai write: something was changed.
    assert!(!stderr.contains("nothing was changed"), "{stderr}");
    assert!(
        stderr.contains("written on Kore.ai: POST /api/public/bot/"),
        "{stderr}"
    );
    // The write in flight was let finish (Kore.ai carried it out), and none started after it.
    assert!(b.kore.integration("servicenow").is_some(), "{stderr}");
    let writes: Vec<String> = calls(&b.kore.requests())
        .into_iter()
        .filter(|c| !c.starts_with("GET"))
        .collect();
    assert_eq!(writes, ["POST servicenow 200"], "{stderr}");
}

#[test]
fn a_write_whose_answer_does_not_come_says_it_may_have_been_made() {
    // The integration's POST is not tried again; its answer comes after --timeout.
    let b = Both::start(KoreSimOptions {
        write_latency: std::time::Duration::from_millis(2500),
        ..KoreSimOptions::default()
    });
    let r = run(b.bare().args(["--timeout", "1", "kore", "connect"]));
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("may or may not hold the ServiceNow integration"),
        "{}",
        r.stderr
    );
    let posts = calls(&b.kore.requests())
        .into_iter()
        .filter(|c| c.starts_with("POST"))
        .count();
    assert!(posts <= 1, "the POST was sent again");
    b.assert_no_secret(&r);
}

/// `kore connect` (plus `extra`) sent `signal` while Kore.ai works on its first write.
fn connect_signalled(signal: libc::c_int, extra: &[&str]) -> (Both, Run) {
    let b = Both::start(KoreSimOptions {
        write_latency: std::time::Duration::from_millis(300),
        ..KoreSimOptions::default()
    });
    let mut cmd = b.spawnable();
    cmd.args(["kore", "connect"]).args(extra);
    let stop = Stop {
        signal,
        at: 1,
        last: 2,
    };
    let (r, _) = stop.run(&b.kore, cmd);
    (b, r)
}

#[test]
fn kore_connect_stops_at_a_safe_point_on_sigterm_and_sighup_and_says_what_it_wrote() {
    for (signal, name) in [(libc::SIGTERM, "SIGTERM"), (libc::SIGHUP, "SIGHUP")] {
        let (b, r) = connect_signalled(signal, &[]);
        assert_eq!(r.code, 130, "{name}: {}", r.stderr);
        assert!(
            r.stderr.contains(&format!("interrupted by {name}")),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains("written on Kore.ai: POST"),
            "{}",
            r.stderr
        );
        // The write in flight finished; no other started.
        assert!(b.kore.integration("servicenow").is_some(), "{}", r.stderr);
        let writes = calls(&b.kore.requests())
            .into_iter()
            .filter(|c| !c.starts_with("GET"))
            .count();
        assert_eq!(writes, 1, "{name}: {}", r.stderr);
        b.assert_no_secret(&r);
    }
    let (b, r) = connect_signalled(libc::SIGINT, &["--json"]);
    assert_eq!(r.code, 130, "{}", r.stderr);
    let doc: Value =
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout));
    assert_eq!(doc["error"]["signal"], "SIGINT", "{doc}");
    assert_eq!(doc["exit"], 130, "{doc}");
    // The command is named even though the run kept no journal on the instance.
    assert_eq!(doc["error"]["command"], "kore connect", "{doc}");
    let kore = doc["error"]["kore_changed"].to_string();
    assert!(kore.contains("POST /api/public/bot/"), "{doc}");
    assert!(b.kore.integration("servicenow").is_some());
}

#[test]
fn a_kore_refusal_that_echoes_the_request_shows_no_secret_and_no_jwt() {
    let b = Both::with_faults(&[KoreFault::EchoingBadRequest]);
    for extra in [&[][..], &["--json"][..], &["-v"][..]] {
        let r = run(b.cmd(&["connect"]).args(extra));
        assert_eq!(r.code, 5, "{}", r.stderr);
        assert!(
            format!("{}{}", r.stdout, r.stderr).contains("invalid request"),
            "{}\n{}",
            r.stdout,
            r.stderr
        );
        b.assert_no_secret(&r);
    }
}

/// `kore connect` (with and without `--publish`) stopped at each of its Kore.ai writes by
/// SIGINT, SIGTERM, SIGHUP and `kill -9`, then run again: the stop lets the write in flight
/// finish, starts no other, ends with exit 130 saying what was written on Kore.ai, and prints
/// no secret; the next run exits 0 with the integration configured, every channel mapped to
/// it and nothing left to publish (with `--publish`). Cells four at a time.
#[test]
fn kore_connect_under_every_stop_at_every_write_then_the_next_run_is_whole() {
    let mut cells = Vec::new();
    for publish in [false, true] {
        let extra: &[&str] = if publish { &["--publish"] } else { &[] };
        // How many writes a whole run makes.
        let b = Both::fresh();
        assert_eq!(b.run(&[&["connect"][..], extra].concat()).code, 0);
        let n = b
            .kore
            .requests()
            .iter()
            .filter(|r| r.method != "GET")
            .count();
        assert!(n >= 2, "{n} writes");
        for stop in Stop::all(n) {
            cells.push((extra, stop));
        }
    }
    let cell = |(extra, stop): (&[&str], Stop)| {
        let name = format!("kore connect {extra:?} × {stop:?}");
        let b = Both::start(KoreSimOptions {
            write_latency: std::time::Duration::from_millis(100),
            ..KoreSimOptions::default()
        });
        let mut cmd = b.spawnable();
        cmd.args(["kore", "connect"]).args(extra);
        let stopped = stop.run(&b.kore, cmd);
        stop.said_truly(&name, &b.kore, &stopped, || {
            b.kore.integration("servicenow").is_some() && all_servicenow(&b.kore.mappings())
        });
        b.assert_no_secret(&stopped.0);
        let next = b.run(&[&["connect"][..], extra].concat());
        assert_eq!(next.code, 0, "{name}: next run\n{}", next.stderr);
        assert!(b.kore.integration("servicenow").is_some(), "{name}");
        assert!(all_servicenow(&b.kore.mappings()), "{name}");
        if !extra.is_empty() {
            assert!(!b.kore.requires_publish(), "{name}: a publish pending");
        }
    };
    crate::repairs::matrix::in_parallel(cells.into_iter(), cell);
}

/// A stop (SIGINT, SIGTERM, SIGHUP or `kill -9`) sent while Kore.ai works on the `at`-th of
/// the `last` Kore.ai writes of a whole run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stop {
    pub(crate) signal: libc::c_int,
    pub(crate) at: usize,
    pub(crate) last: usize,
}

impl Stop {
    /// Every stop at every one of `last` writes.
    pub(crate) fn all(last: usize) -> Vec<Stop> {
        let mut stops = Vec::new();
        for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGKILL] {
            for at in 1..=last {
                stops.push(Stop { signal, at, last });
            }
        }
        stops
    }

    /// `cmd` (output piped) stopped so, and how many Kore.ai writes it made.
    pub(crate) fn run(self, kore: &KoreSimulator, mut cmd: std::process::Command) -> (Run, usize) {
        let before = kore.requests().len();
        let r = crate::repairs::writes::signalled_by(
            self.signal,
            |hook| kore.on_write(self.at, hook),
            || {
                cmd.stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            },
        );
        let writes = kore.requests()[before..]
            .iter()
            .filter(|r| r.method != "GET")
            .count();
        (r, writes)
    }

    /// The name of the signal, as the run says it.
    pub(crate) fn name(self) -> &'static str {
        match self.signal {
            libc::SIGINT => "SIGINT",
            libc::SIGTERM => "SIGTERM",
            libc::SIGHUP => "SIGHUP",
            _ => "SIGKILL",
        }
    }

    /// Asserts that the stopped run `r` (which made `writes` Kore.ai writes) ended as the stop says and said what it wrote truly:
    /// killed, or exit 130 with the write in flight finished and no other started, each made
    /// Kore.ai write named (in the text, or the `--json` interruption document's
    /// `kore_changed`), and "nothing was changed" never said; or, stopped in its last write
    /// and ended before the stop was handled, exit 0 with `whole` true.
    pub(crate) fn said_truly(
        self,
        name: &str,
        kore: &KoreSimulator,
        (r, writes): &(Run, usize),
        whole: impl Fn() -> bool,
    ) {
        let writes = *writes;
        let said = format!("{}{}", r.stdout, r.stderr);
        if self.signal == libc::SIGKILL {
            assert_eq!(r.code, -1, "{name}: {said}");
            return;
        }
        if r.code == 0 {
            assert_eq!(self.at, self.last, "{name}: {said}");
            assert!(whole(), "{name}: exit 0 but not whole\n{said}");
            return;
        }
        assert_eq!(r.code, 130, "{name}: {said}");
        // The write in flight finished, and no other started after it.
        assert_eq!(writes, self.at, "{name}: {said}");
        assert!(!said.contains("othing was changed"), "{name}: {said}");
        match serde_json::from_str::<Value>(&r.stdout) {
            Ok(doc) => {
                let error = &doc["error"];
                assert_eq!(error["kind"], "interrupted", "{name}: {doc}");
                assert_eq!(error["signal"], self.name(), "{name}: {doc}");
                assert_eq!(doc["exit"], 130, "{name}: {doc}");
                let made = error["kore_changed"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                assert_eq!(made.len(), writes, "{name}: {doc}");
                let sent: Vec<String> = kore
                    .requests()
                    .iter()
                    .filter(|r| r.method != "GET")
                    .map(|r| format!("{} {}", r.method, r.path))
                    .collect();
                for write in &made {
                    let write = write.as_str().unwrap_or_default();
                    assert!(
                        sent.iter()
                            .any(|s| s.starts_with(write) || write.starts_with(s.as_str())),
                        "{name}: {write} was not sent\n{doc}"
                    );
                }
            }
            Err(_) => {
                assert!(
                    r.stderr
                        .contains(&format!("interrupted by {}", self.name())),
                    "{name}: {said}"
                );
                assert!(r.stderr.contains("written on Kore.ai: "), "{name}: {said}");
            }
        }
    }
}

#[test]
fn check_fix_dry_run_plans_the_kore_side_and_sends_it_nothing() {
    let both = Both::fresh();
    let r = run(both.bare().args([
        "check",
        "--fix",
        "--dry-run",
        "--json",
        "--agent",
        "abel.tuter",
    ]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let doc = r.json();
    let kore: Vec<String> = doc["kore_changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["table"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        kore,
        [
            "kore.ai/agentintegrations",
            "kore.ai/channelmappings",
            "kore.ai/publish"
        ],
        "{doc}"
    );
    assert_eq!(doc["kore_changes"][0]["sys_id"], both.kore.bot_id());
    let requests = both.kore.requests();
    assert!(
        requests.iter().all(|q| q.method == "GET"),
        "{:?}",
        calls(&requests)
    );
    assert!(both.sn.sim.requests().iter().all(|q| q.method == "GET"));
    both.assert_no_secret(&r);
}

#[test]
fn a_kore_write_carried_out_then_answered_500_is_not_called_unwritten() {
    let b = Both::with_faults(&[KoreFault::Error500AfterFirstWrite]);
    let r = b.run(&["connect"]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    // It was carried out: the message says it may be there, and blames no credentials.
    assert!(b.kore.integration("servicenow").is_some());
    assert!(
        r.stderr
            .contains("may or may not hold the ServiceNow integration"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("refused them"), "{}", r.stderr);
    // Run again, it writes it whole.
    let again = b.run(&["connect"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
}
