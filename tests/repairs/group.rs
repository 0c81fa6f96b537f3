//! `group` and `group --fix`: the roles and the member row are inserted once, unknown groups
//! and users are exit 2 with look-alike names, refusals are exit 3, a failed insert takes back
//! what the same step had added.

use super::*;

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
    membership_rows(sim, user) > 0
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
    // The two roles' inserts go out together: the second to arrive is either of them.
    assert!(
        ["agent_workspace_user", "awa_agent"]
            .iter()
            .any(|role| r.stderr.contains(&format!("could not add {role}"))),
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
        r.stderr.contains("roles added before it stay"),
        "{}",
        r.stderr
    );
    assert_eq!(roles_of_group(&sim), ["agent_workspace_user", "awa_agent"]);
    assert!(!is_member(&sim, "abel.tuter"));
}

/// Adds `n` active users to the guide's group, one `sys_user_grmember` row each, after the
/// rows already there.
fn add_members(sim: &Sim, n: usize) {
    let group = id_of(sim, "sys_user_group", "name", GROUP);
    for i in 0..n {
        let name = format!("agent.{i:04}");
        let user = sim.sim.insert_row(
            "sys_user",
            &[("user_name", &name), ("name", &name), ("active", "true")],
        );
        sim.sim
            .insert_row("sys_user_grmember", &[("group", &group), ("user", &user)]);
    }
}

/// The `sys_user_grmember` rows of `user` in the guide's group.
/// The membership reads never list the group: each asks for the agent's own row, or for the
/// count and a few names.
fn assert_group_never_listed(sim: &Sim) {
    for r in sim.sim.requests() {
        if r.method == "GET" && r.path.ends_with("/sys_user_grmember") {
            let own = r.query.contains("user.user_name%3D") || r.query.contains("%5Euser%3D");
            let limit: usize = r
                .query
                .split('&')
                .find_map(|p| p.strip_prefix("sysparm_limit="))
                .and_then(|l| l.parse().ok())
                .unwrap_or(usize::MAX);
            assert!(own || limit <= 10, "the group was listed: {}", r.query);
        }
    }
}

#[test]
fn a_group_of_2500_with_the_agent_last_passes() {
    // Every 7th row is hidden by a read ACL, as on an instance with row-level ACLs: pages of
    // the group come back short, and the agent's own row is asked for directly.
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        acl_hidden: vec![("sys_user_grmember".into(), 7)],
        ..SimOptions::default()
    });
    let group = id_of(&sim, "sys_user_group", "name", GROUP);
    let abel = id_of(&sim, "sys_user", "user_name", "abel.tuter");
    for row in sim.sim.rows("sys_user_grmember") {
        if row["group"] == group.as_str() && row["user"] == abel.as_str() {
            assert!(sim
                .sim
                .delete_row("sys_user_grmember", row["sys_id"].as_str().unwrap()));
        }
    }
    add_members(&sim, 2500);
    sim.sim
        .insert_row("sys_user_grmember", &[("group", &group), ("user", &abel)]);
    let home = Home::new();
    let r = run(cmd(&sim, &home).args([
        "check",
        "--json",
        "--agent",
        "abel.tuter",
        "--webhook-url",
        sn_handoff::sim::CONFIGURED_WEBHOOK_URL,
    ]));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let members = r.step("group_members");
    assert_eq!(members["status"], "pass", "{members}");
    assert_eq!(
        members["details"]["members"],
        serde_json::json!(["abel.tuter"])
    );
    assert_eq!(members["details"]["member_count"], 2501);
    assert_group_never_listed(&sim);

    // Without --agent: the count, and a few names.
    let r = run(cmd(&sim, &home).args(["group", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["member_count"], 2501);
    assert!(j["members"].as_array().unwrap().len() <= 10, "{j}");
    assert_group_never_listed(&sim);
}

#[test]
fn fix_twice_on_a_group_of_2500_leaves_one_row() {
    let sim = Sim::start(Scenario::Fresh);
    add_members(&sim, 2500);
    let home = Home::new();
    for round in 0..2 {
        let r = run(cmd(&sim, &home).args(["group", "--fix", "--agent", "abel.tuter", "--json"]));
        assert_eq!(r.code, 0, "round {round}: {}", r.stderr);
        assert_eq!(r.json()["changed"], round == 0, "round {round}");
        assert_eq!(r.json()["member_count"], 2501, "round {round}");
    }
    assert_eq!(membership_rows(&sim, "abel.tuter"), 1);
    assert_group_never_listed(&sim);
}

#[test]
fn an_inactive_agent_after_the_roles_is_not_said_to_be_maybe_added() {
    // The roles are added, then the agent turns out inactive: their row is never sent.
    let sim = Sim::start(Scenario::Fresh);
    let users = sim.sim.rows("sys_user");
    let abel = users
        .iter()
        .find(|u| u["user_name"] == "abel.tuter")
        .unwrap();
    sim.sim.set_field(
        "sys_user",
        abel["sys_id"].as_str().unwrap(),
        "active",
        "false",
    );
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["group", "--fix", "--json", "--agent", "abel.tuter"]));
    assert_ne!(r.code, 0, "{}", r.stderr);
    assert_eq!(roles_of_group(&sim), ["agent_workspace_user", "awa_agent"]);
    let doc = r.json();
    let error = &doc["error"];
    assert_eq!(error["uncertain"], serde_json::json!([]), "{doc}");
    assert_eq!(error["unchanged"].as_array().unwrap().len(), 1, "{doc}");
    assert!(!writes(&sim)
        .iter()
        .any(|w| w.path.contains("/sys_user_grmember")));
}

#[test]
fn the_member_is_inserted_in_the_same_round_as_the_roles() {
    // The group lost its roles and the agent, as a fresh group has neither: `check --fix`
    // repairs both at once, and the member's reads need not wait for the group's sys_id, so
    // its row goes out beside the roles' rows and the twins of all three are read together.
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        latency: std::time::Duration::from_millis(250),
        ..SimOptions::default()
    });
    let group = id_of(&sim, "sys_user_group", "name", GROUP);
    let abel = id_of(&sim, "sys_user", "user_name", "abel.tuter");
    for row in sim.sim.rows("sys_group_has_role") {
        if row["group"] == group.as_str() {
            assert!(sim
                .sim
                .delete_row("sys_group_has_role", row["sys_id"].as_str().unwrap()));
        }
    }
    for row in sim.sim.rows("sys_user_grmember") {
        if row["group"] == group.as_str() && row["user"] == abel.as_str() {
            assert!(sim
                .sim
                .delete_row("sys_user_grmember", row["sys_id"].as_str().unwrap()));
        }
    }
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(CHECK_FIX).arg("--json"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(roles_of_group(&sim), ["agent_workspace_user", "awa_agent"]);
    assert!(is_member(&sim, "abel.tuter"));
    let requests = sim.sim.requests();
    let inserts: Vec<&RequestRecord> = requests
        .iter()
        .filter(|r| r.method == "POST")
        .filter(|r| {
            r.path.ends_with("/sys_group_has_role") || r.path.ends_with("/sys_user_grmember")
        })
        .collect();
    assert_eq!(inserts.len(), 3, "{inserts:#?}");
    assert!(
        inserts.iter().all(|i| i.round == inserts[0].round),
        "{inserts:#?}"
    );
    // The twins: the group's rows of the roles given and of the member, read in the next
    // round.
    let twins: Vec<&RequestRecord> = requests
        .iter()
        .filter(|r| r.method == "GET" && r.round == inserts[0].round + 1)
        .filter(|r| {
            r.path.ends_with("/sys_group_has_role") || r.path.ends_with("/sys_user_grmember")
        })
        .collect();
    assert_eq!(twins.len(), 2, "{requests:#?}");
}
