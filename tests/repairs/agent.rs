//! `agent available --agent NAME`: the presence set through the AWA Agent API and read back,
//! nothing written the second time, and a clear word for each reason it cannot be done.

use super::*;

/// A fresh instance with Advanced Work Assignment active (and its Agent API reachable).
pub(super) fn with_awa(opts: SimOptions) -> Sim {
    let sim = Sim::with(opts);
    let awa = id_of(&sim, "v_plugin", "id", "com.glide.awa");
    sim.sim.set_field("v_plugin", &awa, "active", "active");
    sim
}

/// `(presence state name, Chat available in that state)` of `user` in the simulator's tables
/// (the channel rows are per presence state).
pub(super) fn presence(sim: &Sim, user: &str) -> (String, String) {
    let user = id_of(sim, "sys_user", "user_name", user);
    let state = sim
        .sim
        .rows("awa_agent_presence")
        .into_iter()
        .find(|r| r["agent"] == user.as_str())
        .map(|r| r["current_presence_state"].as_str().unwrap().to_string())
        .unwrap_or_default();
    let chat = id_of(sim, "awa_service_channel", "name", "Chat");
    let available = sim
        .sim
        .rows("awa_agent_channel_availability")
        .into_iter()
        .find(|r| {
            r["agent"] == user.as_str()
                && r["service_channel"] == chat.as_str()
                && r["presence_state"] == state.as_str()
        })
        .map(|r| r["available"].as_str().unwrap().to_string())
        .unwrap_or_default();
    let name = if state.is_empty() {
        String::new()
    } else {
        value_of(sim, "awa_presence_state", "sys_id", &state, "name")
    };
    (name, available)
}

fn puts(sim: &Sim) -> Vec<String> {
    writes(sim)
        .into_iter()
        .filter(|w| w.method == "PUT")
        .map(|w| w.path)
        .collect()
}

#[test]
fn makes_the_agent_available_once() {
    let sim = with_awa(SimOptions::default());
    let home = Home::new();
    assert_eq!(
        presence(&sim, "abel.tuter"),
        ("Offline".into(), "false".into())
    );
    let check = run(cmd(&sim, &home).args(["check", "--json", "--agent", "abel.tuter"]));
    let printed = check.fix("agent_available");
    assert_eq!(printed, "sn-handoff agent available --agent abel.tuter");
    let args: Vec<&str> = printed.split(' ').skip(1).collect();
    let r = run(cmd(&sim, &home).args(&args).arg("--json"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        presence(&sim, "abel.tuter"),
        ("Available".into(), "true".into())
    );
    let abel = id_of(&sim, "sys_user", "user_name", "abel.tuter");
    assert_eq!(puts(&sim), [format!("/api/now/awa/agents/{abel}")]);
    let j = r.json();
    assert_eq!(j["changed"], true);
    assert_eq!(j["changes"].as_array().unwrap().len(), 2);

    // `--user` stays as a hidden alias of `--agent`.
    let r = run(cmd(&sim, &home).args(["agent", "available", "--user", "abel.tuter", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["changed"], false);
    assert_eq!(puts(&sim).len(), 1, "a second run writes nothing");
    assert!(r.stderr.contains("already Available"), "{}", r.stderr);
}

#[test]
fn a_user_who_is_not_an_agent_is_told_which_step_fixes_it() {
    let sim = with_awa(SimOptions::default());
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["agent", "available", "--agent", "beth.anglin"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("not an AWA agent"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("sn-handoff group --fix --agent beth.anglin"),
        "{}",
        r.stderr
    );
    assert!(writes(&sim).is_empty());

    // Once in the AWA group, they can be made available.
    let r = run(cmd(&sim, &home).args(["group", "--fix", "--agent", "beth.anglin"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(cmd(&sim, &home).args(["agent", "available", "--agent", "beth.anglin"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        presence(&sim, "beth.anglin"),
        ("Available".into(), "true".into())
    );
}

#[test]
fn without_advanced_work_assignment_the_plugins_come_first() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["agent", "available", "--user", "abel.tuter"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("sn-handoff plugins --activate"),
        "{}",
        r.stderr
    );
    assert!(successful_writes(&sim).is_empty());
}

#[test]
fn a_refusal_names_the_role_and_the_property() {
    let sim = with_awa(SimOptions::default());
    let property = id_of(&sim, "sys_properties", "name", "glide.awa.enabled");
    sim.sim
        .set_field("sys_properties", &property, "value", "false");
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["agent", "available", "--user", "abel.tuter"]));
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("awa_integration_user"), "{}", r.stderr);
    assert!(r.stderr.contains("glide.awa.enabled"), "{}", r.stderr);
    assert!(successful_writes(&sim).is_empty());
    assert_eq!(presence(&sim, "abel.tuter").0, "Offline");
}

#[test]
fn unknown_users_are_exit_2_and_a_failed_write_exit_5() {
    let sim = with_awa(SimOptions {
        fail_writes: vec!["awa_agent_presence".into()],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["agent", "available", "--agent", "abel.tutor"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("abel.tuter"), "{}", r.stderr);
    let r = run(cmd(&sim, &home).args(["agent", "available", "--user", "abel.tuter"]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stderr.contains("abel.tuter is Offline"), "{}", r.stderr);
    assert_eq!(presence(&sim, "abel.tuter").0, "Offline");
}

#[test]
fn chat_counts_only_in_the_current_presence_state() {
    let sim = configured_with(Fault::ChatOnInAnotherState);
    let home = Home::new();
    let check = check_agent(&sim, &home);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let summary = check.summary("agent_available");
    assert!(
        summary
            .contains("not available on the Chat channel in that presence state (only when Away)"),
        "{summary}"
    );
    assert_eq!(
        check.step("agent_available")["details"]["chat_available"],
        false
    );
    let r = run(cmd(&sim, &home).args(["agent", "available", "--user", "abel.tuter"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        presence(&sim, "abel.tuter"),
        ("Available".into(), "true".into())
    );
    assert_agent_passes(&sim, &home);
}

#[test]
fn the_available_state_must_list_chat_and_the_fix_adds_it() {
    let sim = configured_with(Fault::AvailableWithoutChat);
    let home = Home::new();
    let check = check_agent(&sim, &home);
    assert_eq!(check.status_of("agent_available"), "fail");
    assert!(
        check
            .summary("agent_available")
            .contains("does not list the Chat service channel"),
        "{}",
        check.stdout
    );
    let r = run(cmd(&sim, &home).args(["agent", "available", "--user", "abel.tuter", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let chat = id_of(&sim, "awa_service_channel", "name", "Chat");
    let listed = value_of(
        &sim,
        "awa_presence_state",
        "name",
        "Available",
        "service_channels",
    );
    assert!(listed.split(',').any(|c| c == chat), "{listed}");
    assert!(r.json()["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["table"] == "awa_presence_state" && c["field"] == "service_channels"));
    assert_agent_passes(&sim, &home);
}

#[test]
fn a_user_without_the_integration_role_is_told_its_name() {
    let sim = with_awa(SimOptions::default());
    // An admin without awa_integration_user is refused like anyone else.
    let admin_role = id_of(&sim, "sys_user_role", "name", "admin");
    let itil = id_of(&sim, "sys_user_role", "name", "itil");
    let admin = id_of(&sim, "sys_user", "user_name", "admin");
    for row in sim.sim.rows("sys_user_has_role") {
        if row["user"] == admin.as_str() && row["role"] == admin_role.as_str() {
            sim.sim.set_field(
                "sys_user_has_role",
                row["sys_id"].as_str().unwrap(),
                "role",
                &itil,
            );
        }
    }
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["agent", "available", "--user", "abel.tuter"]));
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr.contains("needs the role awa_integration_user"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("User doesn't have the awa_integration_user role"),
        "{}",
        r.stderr
    );
    assert!(successful_writes(&sim).is_empty());
}

/// The configured instance with AWA active and `fault`.
fn configured_with(fault: Fault) -> Sim {
    with_awa(SimOptions {
        scenario: Scenario::Configured,
        faults: vec![fault],
        ..SimOptions::default()
    })
}

fn check_agent(sim: &Sim, home: &Home) -> Run {
    run(cmd(sim, home).args(["check", "--json", "--agent", "abel.tuter"]))
}

fn assert_agent_passes(sim: &Sim, home: &Home) {
    let check = check_agent(sim, home);
    assert_eq!(
        check.status_of("agent_available"),
        "pass",
        "{}",
        check.stdout
    );
}

#[test]
fn the_agent_defaults_to_the_profiles() {
    let sim = with_awa(SimOptions::default());
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["agent", "available"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--agent USER"), "{}", r.stderr);
    home.write_config(&format!(
        "[profiles.default]\ninstance = \"{}\"\nusername = \"admin\"\nagent = \"abel.tuter\"\n",
        sim.url()
    ));
    let r = run(cmd(&sim, &home).args(["agent", "available"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("abel.tuter is now Available"),
        "{}",
        r.stdout
    );
    assert_eq!(presence(&sim, "abel.tuter").0, "Available");
    let help = run(home.cmd().args(["agent", "available", "--help"]));
    assert!(help.stdout.contains("--agent <USER>"), "{}", help.stdout);
    assert!(!help.stdout.contains("--user <"), "{}", help.stdout);
}

/// The status of each entry of the journal left in the state file under `home`, by table.
pub(super) fn journalled(home: &Home) -> Vec<(String, String)> {
    let files = state_files(home);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let state: serde_json::Value = serde_json::from_str(&text).unwrap();
    state["journal"]["entries"]
        .as_array()
        .map(|entries| {
            (entries.iter())
                .map(|e| {
                    let text = |f: &str| e[f].as_str().unwrap_or_default().to_string();
                    (text("table"), text("status"))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_presence_put_that_may_have_landed_is_said_and_stays_journalled() {
    // The fix adds Chat to the Available state, then the presence PUT is carried out but
    // answered 500 (its outcome unknown to the run): the state's channels are put back, and
    // the presence may have changed, which the run says instead of "Nothing is left changed".
    let sim = with_awa(SimOptions {
        scenario: Scenario::Configured,
        faults: vec![Fault::AvailableWithoutChat],
        write_faults: vec![WriteFault {
            target: "awa_agent_presence#1".into(),
            after: AfterWrite::Answer500,
        }],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["agent", "available", "--user", "abel.tuter"]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(
        !r.stderr.contains("Nothing is left changed"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("may hold \"Available\""), "{}", r.stderr);
    assert!(r.stderr.contains("Restored:"), "{}", r.stderr);
    assert!(
        journalled(&home).contains(&("awa_agent_presence".into(), "sent".into())),
        "{:?}",
        journalled(&home)
    );
    // The next run reads the presence and finishes the journal before its own work.
    let r = run(cmd(&sim, &home).args(["agent", "available", "--user", "abel.tuter"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("Finished an unfinished"), "{}", r.stderr);
    assert_agent_passes(&sim, &home);
}

/// The requests of the run that came after its presence `PUT`.
fn after_the_put(sim: &Sim) -> Vec<RequestRecord> {
    let requests = sim.sim.requests();
    let put = requests
        .iter()
        .position(|r| r.method == "PUT")
        .expect("a presence PUT");
    requests[put + 1..].to_vec()
}

#[test]
fn a_put_answered_with_the_agent_available_is_not_read_back() {
    // The AWA Agent API answers the presence as it now is: Available, available on Chat.
    let sim = with_awa(SimOptions::default());
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["agent", "available", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        presence(&sim, "abel.tuter"),
        ("Available".into(), "true".into())
    );
    assert!(after_the_put(&sim).is_empty(), "{:#?}", after_the_put(&sim));
}

#[test]
fn a_put_answer_that_does_not_tell_is_read_back() {
    // The PUT is carried out, but its answer holds no presence: the run reads it back.
    let sim = with_awa(SimOptions {
        write_faults: vec![WriteFault {
            target: "awa_agent_presence#1".into(),
            after: AfterWrite::AnswerBare,
        }],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["agent", "available", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let read: Vec<String> = after_the_put(&sim)
        .into_iter()
        .filter(|r| r.method == "GET")
        .map(|r| r.path)
        .collect();
    assert!(
        read.iter().any(|p| p.ends_with("/awa_agent_presence"))
            && read
                .iter()
                .any(|p| p.ends_with("/awa_agent_channel_availability")),
        "{read:#?}"
    );
    assert_eq!(
        presence(&sim, "abel.tuter"),
        ("Available".into(), "true".into())
    );
}

#[test]
fn an_inactive_available_state_is_read_back_and_fails() {
    // The answer says Available on Chat, but not whether that state is active: read back, the
    // state still inactive fails the write (exit 5) as before.
    let sim = with_awa(SimOptions::default());
    let state = id_of(&sim, "awa_presence_state", "name", "Available");
    sim.sim
        .set_field("awa_presence_state", &state, "active", "false");
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["agent", "available", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stderr.contains("reading it back says"), "{}", r.stderr);
    assert!(r.stderr.contains("inactive"), "{}", r.stderr);
    assert!(
        after_the_put(&sim)
            .iter()
            .any(|r| r.path.ends_with("/awa_agent_presence")),
        "{:#?}",
        after_the_put(&sim)
    );
}
