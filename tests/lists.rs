//! Lists of any size: read whole, page by page by offset up to `X-Total-Count` (a short page
//! is not the end), or failing with exit 4; and a large answer read in bounded memory.

use crate::common::*;

const GROUP: &str = "Consumer Service Support";

fn sys_id(sim: &Sim, table: &str, field: &str, value: &str) -> String {
    sim.sim
        .sys_id_of(table, field, value)
        .unwrap_or_else(|| panic!("no {table} with {field}={value}"))
}

#[test]
fn a_short_page_is_not_the_end_of_a_list() {
    // 1,500 rows of one role and the other role's row after them; a read ACL hides every 3rd
    // row after the limit was applied, so the first page of 1,000 holds 667 rows.
    let sim = Sim::with(SimOptions {
        acl_hidden: vec![("sys_group_has_role".into(), 3)],
        ..SimOptions::default()
    });
    let group = sys_id(&sim, "sys_user_group", "name", GROUP);
    let awa = sys_id(&sim, "sys_user_role", "name", "awa_agent");
    let workspace = sys_id(&sim, "sys_user_role", "name", "agent_workspace_user");
    for _ in 0..1500 {
        sim.sim
            .insert_row("sys_group_has_role", &[("group", &group), ("role", &awa)]);
    }
    sim.sim.insert_row(
        "sys_group_has_role",
        &[("group", &group), ("role", &workspace)],
    );
    let home = Home::new();
    let r = run(sim.cmd(&home).args(["check", "--json"]));
    let roles = r.step("group_roles");
    assert_eq!(roles["status"], "pass", "{roles}\n{}", r.stderr);
    let pages: Vec<String> = sim
        .sim
        .requests()
        .into_iter()
        .filter(|q| q.method == "GET" && q.path.ends_with("/sys_group_has_role"))
        .map(|q| q.query)
        .collect();
    assert!(
        pages.iter().any(|q| q.contains("sysparm_offset=1000")),
        "the second page was read: {pages:?}"
    );
}

#[test]
fn a_list_that_cannot_be_read_whole_is_exit_4() {
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        no_total_count: true,
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(sim.cmd(&home).args(["check", "--json"]));
    assert_eq!(r.code, 4, "{}\n{}", r.stdout, r.stderr);
    let summary = r.summary("instance");
    assert!(summary.contains("could not be read whole"), "{summary}");
    assert!(summary.contains("X-Total-Count"), "{summary}");
}
