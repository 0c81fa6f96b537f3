//! The wizard in-process, answered by a script: every answer, every refusal, a wrong password
//! then the right one, a hibernating instance woken while it waits, Ctrl-C, a re-run, an
//! unreachable keyring (OAuth is in `oauth.rs`). Secrets go to an in-memory store, never to
//! the OS keyring.

use sn_handoff::error::{ErrorKind, ExitStatus};
use sn_handoff::keystore::{KeyringError, MemoryStore};
use sn_handoff::ui::prompt::{Answer, Scripted};

use super::*;

pub(super) fn account(kind: &str, sim: &Sim) -> String {
    format!("{kind}:default@{}", sim.url())
}

/// A script up to the password of basic auth: the simulator's URL and `admin` typed.
fn up_to_the_password(sim: &Sim) -> Scripted<'static> {
    Scripted::new()
        .on("instance", Answer::typed(sim.url()))
        .on("sign in", Answer::Enter)
        .on("user name", Answer::typed("admin"))
}

/// A script that signs in with basic auth: the simulator's URL, `admin` and its password typed.
fn signed_in(sim: &Sim) -> Scripted<'static> {
    up_to_the_password(sim).on("Password", Answer::typed(sim.sim.password()))
}

/// A `--demo` script that signs in with Enter at each question.
fn demo_signed_in() -> Scripted<'static> {
    Scripted::new()
        .on("instance", Answer::Enter)
        .on("sign in", Answer::Enter)
        .on("user name", Answer::Enter)
        .on("Password", Answer::Enter)
}

#[test]
fn enter_at_every_question_of_the_demo_configures_the_instance_and_saves_nothing() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let store = MemoryStore::new();
    let mut script = Scripted::new();
    for _ in 0..20 {
        script = script.on("", Answer::Enter);
    }
    let w = wizard(&sim, &home, &[], true, &store, script);
    assert_eq!(w.code(), 0);
    // The demo's values are the defaults.
    assert_eq!(
        w.question("instance").default.as_deref(),
        Some(sim.url().as_str())
    );
    assert_eq!(w.question("user name").default.as_deref(), Some("admin"));
    assert!(w
        .question("Password for admin")
        .prompt
        .contains("Enter: the simulator's"));
    assert_eq!(w.question("agent").default.as_deref(), Some("abel.tuter"));
    assert_eq!(
        w.question("webhook URL").default.as_deref(),
        Some(sn_handoff::sim::CONFIGURED_WEBHOOK_URL)
    );
    // One question per failing step, and a secret is shown only after a yes.
    let fixes = w.prompts().iter().filter(|p| **p == "Fix now?").count();
    assert_eq!(fixes, 5, "{}", w.transcript);
    assert_eq!(
        w.question("Show the password").default.as_deref(),
        Some("no")
    );
    assert!(!w.out.contains(sim.sim.password()), "{}", w.out);
    w.said(&[
        "Changed:",
        "plugins: activated 5",
        "Instance URL",
        "Basic Auth",
        "sn-handoff init -i YOUR-INSTANCE",
        "nothing was saved",
    ]);
    // No CI line pointing at the simulator's port, which is gone with the command.
    assert!(!w.out.contains("sn-handoff check -i"), "{}", w.out);
    assert_ready(&sim, &home, sn_handoff::sim::CONFIGURED_WEBHOOK_URL);
    assert!(!home.config_file().exists());
    assert!(store.accounts().is_empty());
}

#[test]
fn typed_answers_fix_a_fresh_instance_and_the_profile_is_saved_as_each_is_checked() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let store = MemoryStore::new();
    let password = sim.sim.password().to_string();
    let script = Scripted::new()
        .on("instance", Answer::typed(sim.url()))
        .on("sign in", Answer::pick("Basic"))
        .on("user name", Answer::typed("admin"))
        .then_before_next(|| {
            // The instance is saved once it answered; the user only once signed in.
            let text = config_text(&home);
            assert!(
                text.contains(&sim.url()) && !text.contains("admin"),
                "{text}"
            );
        })
        .on("Password for admin", Answer::typed(&password))
        .then_before_next(|| {
            let text = config_text(&home);
            assert!(text.contains("username = \"admin\""), "{text}");
            assert!(text.contains("auth = \"basic\""), "{text}");
        })
        .on("Fix now?", Answer::Yes)
        .on("Fix now?", Answer::Enter)
        // A user that does not exist is asked again, with the closest name as the default.
        .on("agent's user name", Answer::typed("abel.tutr"))
        .on("agent's user name", Answer::Enter)
        .then_before_next(|| {
            let text = config_text(&home);
            assert!(text.contains("agent = \"abel.tuter\""), "{text}");
        })
        .on("Fix now?", Answer::Yes)
        // Not https: refused, asked again.
        .on("webhook URL", Answer::typed("http://bots.example/hook"))
        .on("webhook URL", Answer::typed(URL))
        .on("Fix now?", Answer::Yes)
        .on("Fix now?", Answer::Yes)
        .on("Connect the Kore.ai bot now?", Answer::Enter)
        .on("Show the password?", Answer::Yes);
    let w = wizard(&sim, &home, &[], false, &store, script);
    assert_eq!(w.code(), 0, "{}", w.out);
    assert_eq!(w.left, 0);
    w.said(&[
        "there is no user with user_name abel.tutr (similar: abel.tuter",
        "Stored the password in the OS keyring",
        "Basic Auth",
        &format!("Password        {password}"),
        &format!(
            "sn-handoff check -i {} -u admin --agent abel.tuter --webhook-url {URL}",
            sim.url()
        ),
        "with SN_HANDOFF_PASSWORD from the CI's secret store",
        "Profile `default` saved in",
    ]);
    let refused = &w
        .asked
        .iter()
        .find(|a| a.prompt.contains("webhook URL"))
        .unwrap();
    assert!(
        refused.refused.as_deref().unwrap().contains("https://"),
        "{refused:?}"
    );
    assert_ready(&sim, &home, URL);
    assert_profile(&sim, &home, URL);
    let text = config_text(&home);
    for line in ["auth = \"basic\"", "group = \"Consumer Service Support\""] {
        assert!(text.contains(line), "{line} not in:\n{text}");
    }
    assert_eq!(store.accounts(), vec![account("password", &sim)]);
}

#[test]
fn refusing_every_fix_writes_nothing_and_names_each_fix() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let store = MemoryStore::new();
    let mut script = demo_signed_in();
    for question in [
        "Fix now?",
        "Fix now?",
        "agent",
        "Fix now?",
        "webhook URL",
        "Fix now?",
        "Fix now?",
    ] {
        let answer = if question == "Fix now?" {
            Answer::No
        } else {
            Answer::Enter
        };
        script = script.on(question, answer);
    }
    let script = script
        .on("Connect the Kore.ai bot now?", Answer::Enter)
        .on("Show the password?", Answer::Enter);
    let w = wizard(&sim, &home, &[], true, &store, script);
    assert_eq!(w.code(), 1);
    assert_eq!(writes(&sim), 0, "{:?}", sim.sim.requests());
    w.said(&[
        // Under --demo the commands keep --demo, so they can be pasted as printed.
        "left as it is; to fix it later: sn-handoff --demo plugins --activate",
        "to fix it later: sn-handoff --demo group --fix --agent abel.tuter",
        "to fix it later: sn-handoff --demo set-webhook https://bots.kore.ai",
        "to fix it later: sn-handoff --demo agent available --agent abel.tuter",
        "Changed: nothing needed changing",
    ]);
    // Each failing step says why it matters.
    w.said(&[
        "Virtual Agent, its bot-to-bot API",
        "routes chats only to groups with awa_agent",
    ]);
    assert!(!w.out.contains(sim.sim.password()));
}

#[test]
fn a_wrong_password_then_the_right_one_signs_in_and_ctrl_c_keeps_what_was_checked() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let store = MemoryStore::new();
    let script = up_to_the_password(&sim)
        .on("Password", Answer::typed("not-the-password"))
        // Asked again, with the name typed before as the default.
        .on("user name", Answer::Enter)
        .on("Password", Answer::typed(sim.sim.password()))
        .on("Fix now?", Answer::Interrupt);
    let w = wizard(&sim, &home, &[], false, &store, script);
    let e = w.error();
    assert_eq!(e.kind(), ErrorKind::Interrupted);
    assert!(
        e.message().contains("nothing was half-written"),
        "{}",
        e.message()
    );
    let hint = e.hint().unwrap();
    assert!(
        hint.contains("run `sn-handoff init`") && hint.contains("profile `default`"),
        "{hint}"
    );
    w.said(&[
        "sign-in failed",
        "User Not Authenticated",
        "2 of 3 tries left",
        "basic auth as admin",
    ]);
    let users: Vec<&str> = w
        .asked
        .iter()
        .filter(|a| a.prompt.contains("user name"))
        .map(|a| a.default.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(users, vec!["", "admin"]);
    // One refused login: the wrong password's (the first reach of the instance has no login).
    let refused: Vec<_> = sim
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.status == 401 && r.path.ends_with("/sys_user"))
        .collect();
    assert_eq!(refused.len(), 1, "{refused:?}");
    // The checked answers are in the profile, the password in the store; nothing was changed.
    let text = config_text(&home);
    assert!(
        text.contains(&sim.url()) && text.contains("username = \"admin\""),
        "{text}"
    );
    assert!(
        !text.contains("webhook_url") && !text.contains("agent"),
        "{text}"
    );
    assert_eq!(store.accounts(), vec![account("password", &sim)]);
    assert_eq!(writes(&sim), 0);
}

#[test]
fn three_refused_logins_are_exit_3_and_no_sign_in_is_saved() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let store = MemoryStore::new();
    let mut script = Scripted::new()
        .on("instance", Answer::typed(sim.url()))
        .on("sign in", Answer::Enter);
    for _ in 0..3 {
        script = script
            .on("user name", Answer::typed("admin"))
            .on("Password", Answer::typed("wrong"));
    }
    let w = wizard(&sim, &home, &[], false, &store, script);
    assert_eq!(w.error().kind(), ErrorKind::Auth);
    assert_eq!(w.left, 0);
    let text = config_text(&home);
    assert!(
        text.contains(&sim.url()) && !text.contains("username"),
        "{text}"
    );
    assert!(store.accounts().is_empty());
}

#[test]
fn a_hibernating_instance_says_how_to_wake_it_and_is_checked_again() {
    let sim = Sim::start(Scenario::Hibernating);
    let home = Home::new();
    let store = MemoryStore::new();
    let script = Scripted::new()
        .on("instance", Answer::typed(sim.url()))
        // Still asleep: checked again, and asked again.
        .on("Check again?", Answer::Enter)
        .then_before_next(|| sim.sim.set_hibernating(false))
        .on("Check again?", Answer::Yes)
        .on("sign in", Answer::Interrupt);
    let w = wizard(&sim, &home, &[], false, &store, script);
    assert_eq!(w.error().kind(), ErrorKind::Interrupted);
    w.said(&[
        "is hibernating",
        "developer.servicenow.com",
        "answers as ServiceNow",
    ]);
    assert_eq!(w.out.matches("is hibernating").count(), 2, "{}", w.out);
    assert!(config_text(&home).contains(&sim.url()));

    // Declining to wait is exit 4, with the way to wake it; nothing is saved.
    let sim = Sim::start(Scenario::Hibernating);
    let home = Home::new();
    let script = Scripted::new()
        .on("instance", Answer::typed(sim.url()))
        .on("Check again?", Answer::No);
    let w = wizard(&sim, &home, &[], false, &store, script);
    let e = w.error();
    assert_eq!(e.kind(), ErrorKind::Unusable);
    assert!(e.hint().unwrap().contains("developer.servicenow.com"));
    assert!(!home.config_file().exists());
}

#[test]
fn ctrl_c_at_the_password_keeps_only_the_instance_and_says_how_to_resume() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let store = MemoryStore::new();
    let script = up_to_the_password(&sim).on("Password", Answer::Interrupt);
    let w = wizard(&sim, &home, &["-p", "lab"], false, &store, script);
    let e = w.error();
    assert_eq!(e.kind(), ErrorKind::Interrupted);
    assert_eq!(ExitStatus::from(e.kind()).code(), 130);
    assert!(
        e.hint().unwrap().contains("sn-handoff -p lab init"),
        "{:?}",
        e.hint()
    );
    let text = config_text(&home);
    assert!(
        text.contains("[profiles.lab]") && text.contains(&sim.url()),
        "{text}"
    );
    assert!(!text.contains("username"), "{text}");
    assert!(store.accounts().is_empty());
    assert_eq!(writes(&sim), 0);
}

#[test]
fn a_rerun_shows_the_profile_in_its_questions_and_passing_steps_go_by_in_one_line() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    home.write_config(&format!(
        "[profiles.default]\ninstance = \"{}\"\nauth = \"basic\"\nusername = \"admin\"\nagent = \"abel.tuter\"\nwebhook_url = \"{}\"\n",
        sim.url(),
        sn_handoff::sim::CONFIGURED_WEBHOOK_URL
    ));
    let store = MemoryStore::new();
    // The password `auth login` (or the last init) stored.
    let key = sn_handoff::keystore::Key {
        profile: "default".into(),
        instance: sim.url(),
        kind: sn_handoff::keystore::SecretKind::Password,
    };
    sn_handoff::keystore::Store::set(&store, &key, &sim.sim.password().to_string().into()).unwrap();
    let script = Scripted::new()
        .on("instance", Answer::Enter)
        .on("sign in", Answer::Enter)
        .on("user name", Answer::Enter)
        .on("Connect the Kore.ai bot now?", Answer::Enter)
        .on("Show the password?", Answer::Enter);
    let w = wizard(&sim, &home, &[], false, &store, script);
    assert_eq!(w.code(), 0);
    assert_eq!(
        w.question("instance").default.as_deref(),
        Some(sim.url().as_str())
    );
    assert_eq!(
        w.question("sign in").default.as_deref(),
        Some("Basic auth: a user name and password")
    );
    assert_eq!(w.question("user name").default.as_deref(), Some("admin"));
    // Nothing else was asked: no password (the stored one works), no fix, no agent, no URL;
    // only whether to connect the Kore.ai bot, which the profile does not name.
    assert_eq!(w.asked.len(), 5, "{}", w.transcript);
    assert!(
        w.asked[3].prompt.contains("Connect the Kore.ai bot now?"),
        "{}",
        w.transcript
    );
    w.said(&["Using the password from the OS keyring"]);
    for id in &STEP_IDS[2..] {
        let lines: Vec<&str> = w
            .out
            .lines()
            .filter(|l| l.starts_with(&format!("✓ {id} ")))
            .collect();
        assert_eq!(lines.len(), 1, "{id}:\n{}", w.out);
    }
    assert_eq!(writes(&sim), 0);
}

#[test]
fn the_agent_is_picked_from_the_group_and_the_webhook_defaults_to_the_endpoints_url() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let store = MemoryStore::new();
    let script = signed_in(&sim)
        .on("Which agent", Answer::Enter)
        .on("webhook URL", Answer::Enter)
        .on("Connect the Kore.ai bot now?", Answer::Enter)
        .on("Show the password?", Answer::No);
    let w = wizard(&sim, &home, &[], false, &store, script);
    assert_eq!(w.code(), 0);
    let pick = w.question("Which agent");
    assert_eq!(
        pick.items,
        vec!["abel.tuter", "Someone else (type a user name)"]
    );
    assert_eq!(pick.answer, "abel.tuter");
    assert_eq!(
        w.question("webhook URL").default.as_deref(),
        Some(sn_handoff::sim::CONFIGURED_WEBHOOK_URL)
    );
    let text = config_text(&home);
    assert!(text.contains("agent = \"abel.tuter\""), "{text}");
    assert!(
        text.contains(sn_handoff::sim::CONFIGURED_WEBHOOK_URL),
        "{text}"
    );
    assert_eq!(writes(&sim), 0);
}

#[test]
fn someone_else_is_typed_with_the_instances_users_offered() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let store = MemoryStore::new();
    let script = demo_signed_in()
        .on("Which agent", Answer::pick("Someone else"))
        .on("agent's user name", Answer::typed("david.loo"))
        .on("Fix now?", Answer::Interrupt);
    let w = wizard(&sim, &home, &[], true, &store, script);
    assert_eq!(w.error().kind(), ErrorKind::Interrupted);
    let typed = w.question("agent's user name");
    for user in ["abel.tuter", "beth.anglin", "david.loo"] {
        assert!(
            typed.items.iter().any(|i| i == user),
            "{user}: {:?}",
            typed.items
        );
    }
    assert!(
        !typed.items.iter().any(|i| i == "fred.luddy"),
        "inactive users are not offered"
    );
    w.said(&[
        "Users on the instance: abel.tuter",
        "david.loo is not a member of Consumer Service Support",
    ]);
    // The demo's hint, not a profile's.
    assert!(w.error().hint().unwrap().contains("init --demo"));
}

#[test]
fn an_unreachable_keyring_is_said_and_the_run_goes_on_with_the_secret_in_memory() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let store = MemoryStore::unreachable(KeyringError::Unavailable("no D-Bus session".into()));
    let script = signed_in(&sim)
        .on("Which agent", Answer::Enter)
        .on("webhook URL", Answer::Enter)
        .on("Connect the Kore.ai bot now?", Answer::Enter)
        .on("Show the password?", Answer::No);
    let w = wizard(&sim, &home, &[], false, &store, script);
    assert_eq!(w.code(), 0);
    w.said(&[
        "could not be reached (no D-Bus session); asking instead",
        "the password stays in memory for this run only",
        "SN_HANDOFF_PASSWORD",
    ]);
    // Said once, not again for each secret that follows.
    assert_eq!(
        w.out.matches("could not be reached").count(),
        1,
        "{}",
        w.out
    );
    assert!(!config_text(&home).contains(sim.sim.password()));
}

#[test]
fn a_missing_group_offers_the_look_alikes() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    home.write_config("[profiles.default]\ngroup = \"Consumer Support\"\n");
    let store = MemoryStore::new();
    let script = signed_in(&sim)
        .on("Which group", Answer::pick("Consumer Service Support"))
        .on("Which agent", Answer::Interrupt);
    let w = wizard(&sim, &home, &[], false, &store, script);
    assert_eq!(w.error().kind(), ErrorKind::Interrupted);
    w.said(&["there is no group named \"Consumer Support\""]);
    assert!(w
        .question("Which group")
        .items
        .contains(&"Customer Service Support".to_string()));
}

#[test]
fn what_flags_give_is_never_asked() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let store = MemoryStore::new();
    let url = sim.url();
    let script = Scripted::new()
        .on("Password", Answer::typed(sim.sim.password()))
        .on("Fix now?", Answer::Yes)
        .on("Fix now?", Answer::Yes)
        .on("Fix now?", Answer::Yes)
        .on("Fix now?", Answer::Yes)
        .on("Fix now?", Answer::Yes)
        .on("Connect the Kore.ai bot now?", Answer::Enter)
        .on("Show the password?", Answer::No);
    let w = wizard(
        &sim,
        &home,
        &[
            "-i",
            &url,
            "--auth",
            "basic",
            "-u",
            "admin",
            "--agent",
            "abel.tuter",
            "--webhook-url",
            URL,
        ],
        false,
        &store,
        script,
    );
    assert_eq!(w.code(), 0);
    assert_eq!(w.left, 0);
    assert_ready(&sim, &home, URL);
}

#[test]
fn a_tokyo_instance_stops_the_wizard_at_the_instance_step_with_nothing_written() {
    let sim = Sim::with(SimOptions {
        release: Release::Tokyo,
        ..SimOptions::default()
    });
    let home = Home::new();
    let store = MemoryStore::new();
    let w = wizard(&sim, &home, &[], false, &store, signed_in(&sim));
    let err = w.result.as_ref().expect_err("the wizard stops");
    assert_eq!(err.kind(), ErrorKind::Unusable);
    assert!(err.message().contains("Connect Support"), "{err}");
    assert!(
        err.hint()
            .unwrap()
            .contains("configuring-the-servicenow-agent"),
        "{err:?}"
    );
    w.said(&["ServiceNow Tokyo"]);
    assert!(!sim
        .sim
        .requests()
        .iter()
        .any(|r| matches!(r.method.as_str(), "POST" | "PATCH" | "PUT" | "DELETE")));
}

#[test]
fn a_placeholder_on_the_instance_is_never_offered_as_the_webhook_default() {
    // What a new instance's "VABot to Bot" may hold: a loopback URL the cloud cannot reach.
    let sim = Sim::start(Scenario::Fresh);
    for table in ["sys_rest_message", "sys_rest_message_fn"] {
        for row in sim.sim.rows(table) {
            let name = row.get("name").or(row.get("function_name"));
            if matches!(
                name.and_then(|n| n.as_str()),
                Some("VABot to Bot" | "postMessage")
            ) {
                let id = row["sys_id"].as_str().unwrap();
                sim.sim.set_field(
                    table,
                    id,
                    "rest_endpoint",
                    "https://localhost/api/botwebhook",
                );
            }
        }
    }
    let home = Home::new();
    let store = MemoryStore::new();
    let script = signed_in(&sim)
        .on("Fix now?", Answer::Yes)
        .on("Fix now?", Answer::Enter)
        .on("agent's user name", Answer::typed("abel.tuter"))
        .on("Fix now?", Answer::Yes)
        .on(
            "webhook URL",
            Answer::typed("https://localhost/api/botwebhook"),
        )
        .on("webhook URL", Answer::typed(URL))
        .on("Fix now?", Answer::Yes)
        .on("Fix now?", Answer::Yes)
        .on("Connect the Kore.ai bot now?", Answer::Enter)
        .on("Show the password?", Answer::No);
    let w = wizard(&sim, &home, &[], false, &store, script);
    assert_eq!(w.code(), 0, "{}", w.out);
    let asked = w.question("webhook URL");
    assert_eq!(asked.default, None, "{asked:?}");
    assert!(
        asked.refused.as_deref().unwrap().contains("placeholder"),
        "{asked:?}"
    );
    // Typed, the placeholder is refused at the question; the profile keeps the bot's URL.
    let text = config_text(&home);
    assert!(!text.contains("localhost"), "{text}");
    assert!(text.contains(URL), "{text}");
}
