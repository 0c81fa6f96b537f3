//! `group` and `group --fix`: the roles and the member row are inserted once, unknown groups
//! and users are exit 2 with look-alike names, refusals are exit 3, a failed insert takes back
//! what the same step had added.

use super::*;

const GROUP: &str = "Consumer Service Support";

/// The role names the guide's group holds, from the simulator's tables.
fn roles_of_group(sim: &Sim) -> Vec<String> {
    let group = id_of(sim, "sys_user_group", "name", GROUP);
    let mut roles: Vec<String> = sim
        .sim
        .rows("sys_group_has_role")
        .into_iter()
        .filter(|r| r["group"] == group.as_str())
        .map(|r| {
            let role = r["role"].as_str().unwrap().to_string();
            value_of(sim, "sys_user_role", "sys_id", &role, "name")
        })
        .collect();
    roles.sort();
    roles
}

fn is_member(sim: &Sim, user: &str) -> bool {
    let group = id_of(sim, "sys_user_group", "name", GROUP);
    let user = id_of(sim, "sys_user", "user_name", user);
    sim.sim
        .rows("sys_user_grmember")
        .iter()
        .any(|r| r["group"] == group.as_str() && r["user"] == user.as_str())
}

#[test]
fn showing_the_group_writes_nothing_and_fails_like_check() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["group", "--json"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["group"], GROUP);
    assert_eq!(
        j["roles"]["missing"],
        serde_json::json!(["awa_agent", "agent_workspace_user"])
    );
    assert_eq!(j["members"], serde_json::json!([]));
    assert_eq!(j["changed"], false);
    assert!(
        r.stderr.contains("sn-handoff group --fix --agent USER"),
        "{}",
        r.stderr
    );
    assert!(writes(&sim).is_empty());
}

#[test]
fn fix_adds_the_roles_and_the_member_once() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["group", "--fix", "--agent", "abel.tuter", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(roles_of_group(&sim), ["agent_workspace_user", "awa_agent"]);
    assert!(is_member(&sim, "abel.tuter"));
    let j = r.json();
    assert_eq!(j["changed"], true);
    let changes = j["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 3, "{j}");
    let tables: Vec<&str> = changes
        .iter()
        .map(|c| c["table"].as_str().unwrap())
        .collect();
    assert_eq!(
        tables,
        [
            "sys_group_has_role",
            "sys_group_has_role",
            "sys_user_grmember"
        ]
    );
    assert_eq!(successful_writes(&sim).len(), 3);

    let before = writes(&sim).len();
    let r = run(cmd(&sim, &home).args(["group", "--fix", "--agent", "abel.tuter", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(writes(&sim).len(), before, "a second run writes nothing");
    assert_eq!(r.json()["changed"], false);
    assert!(r.stderr.contains("nothing was changed"), "{}", r.stderr);
}

#[test]
fn the_printed_fix_without_an_agent_adds_the_roles() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let check = run(cmd(&sim, &home).args(["check", "--json"]));
    assert_eq!(check.fix("group_roles"), "sn-handoff group --fix");
    let r = run(cmd(&sim, &home).args(["group", "--fix"]));
    // The roles are added; the group still has no member, which needs --agent.
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(roles_of_group(&sim), ["agent_workspace_user", "awa_agent"]);
    assert!(r.stdout.contains("--agent USER"), "{}", r.stdout);
}

#[test]
fn unknown_groups_and_users_are_exit_2_with_close_names() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["group", "--fix", "--group", "Consumer Support"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("\"Consumer Service Support\""),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("\"Customer Service Support\""),
        "{}",
        r.stderr
    );
    let r = run(cmd(&sim, &home).args(["group", "--fix", "--agent", "abel.tutter"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("abel.tuter"), "{}", r.stderr);
    assert!(writes(&sim).is_empty());
}

#[test]
fn a_user_without_admin_is_exit_3_with_nothing_written() {
    let sim = Sim::start(Scenario::ReadOnly);
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["group", "--fix", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("Nothing was changed"), "{}", r.stderr);
    assert!(successful_writes(&sim).is_empty());
    assert!(roles_of_group(&sim).is_empty());
}

#[test]
fn a_failed_insert_takes_back_the_rows_of_its_step() {
    let sim = Sim::with(SimOptions {
        fail_writes: vec!["sys_group_has_role#2".into()],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["group", "--fix", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(
        r.stderr.contains("could not add agent_workspace_user"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("removed the sys_group_has_role row"),
        "{}",
        r.stderr
    );
    assert!(
        roles_of_group(&sim).is_empty(),
        "the first role is taken back"
    );
    assert!(
        !is_member(&sim, "abel.tuter"),
        "the next step was not started"
    );
    let deletes = writes(&sim).iter().filter(|w| w.method == "DELETE").count();
    assert_eq!(deletes, 1);
}

#[test]
fn a_failed_member_insert_says_the_roles_stay() {
    let sim = Sim::with(SimOptions {
        fail_writes: vec!["sys_user_grmember".into()],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["group", "--fix", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(
        r.stderr.contains("The roles added before it stay"),
        "{}",
        r.stderr
    );
    assert_eq!(roles_of_group(&sim), ["agent_workspace_user", "awa_agent"]);
    assert!(!is_member(&sim, "abel.tuter"));
}
