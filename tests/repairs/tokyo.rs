//! Tokyo and older: Kore.ai's Connect Support setup, not the one sn-handoff prepares. No
//! command writes anything to such an instance; each stops with exit 4 and says why.

use super::*;

fn tokyo() -> Sim {
    Sim::with(SimOptions {
        release: Release::Tokyo,
        ..SimOptions::default()
    })
}

#[test]
fn no_command_writes_to_a_tokyo_instance() {
    let commands: [&[&str]; 6] = [
        &["set-webhook", URL],
        &CHECK_FIX,
        &["plugins", "--activate"],
        &["group", "--fix", "--agent", "abel.tuter"],
        &["agent", "available", "--user", "abel.tuter"],
        &[
            "init",
            "--no-input",
            "--agent",
            "abel.tuter",
            "--webhook-url",
            URL,
        ],
    ];
    for args in commands {
        let sim = tokyo();
        let home = Home::new();
        let r = run(cmd(&sim, &home).args(args));
        assert_eq!(r.code, 4, "{args:?}: {}{}", r.stdout, r.stderr);
        let said = format!("{}{}", r.stdout, r.stderr);
        assert!(
            said.contains("Tokyo") && said.contains("Connect Support"),
            "{args:?}: {said}"
        );
        assert!(writes(&sim).is_empty(), "{args:?}: {:?}", writes(&sim));
    }
}

#[test]
fn the_write_gate_refuses_every_write_to_tokyo() {
    use sn_handoff::servicenow::{ApiError, Auth, Client, ClientConfig, InstanceUrl};
    use sn_handoff::settings::ReleaseGate;
    for (release, refused) in [(Release::Tokyo, true), (Release::Brazil, false)] {
        let sim = Sim::with(SimOptions {
            release,
            ..SimOptions::default()
        });
        let client = Client::new(ClientConfig {
            instance: InstanceUrl::parse(&sim.url()).unwrap(),
            auth: Auth::Basic {
                user: sim.sim.username().into(),
                password: sim.sim.password().to_string().into(),
            },
            network: sn_handoff::servicenow::http::Network {
                timeout: std::time::Duration::from_secs(30),
                concurrency: 4,
                ..Default::default()
            },
        })
        .unwrap()
        .with_write_gate(std::sync::Arc::new(ReleaseGate));
        let group = id_of(&sim, "sys_user_group", "name", "Consumer Service Support");
        let mut row = serde_json::Map::new();
        row.insert("description".into(), "changed".into());
        let patched = sim.block_on(client.patch("sys_user_group", &group, &row));
        if refused {
            assert!(
                matches!(patched, Err(ApiError::ConnectSupport { ref release }) if release == "tokyo"),
                "{patched:?}"
            );
            assert!(writes(&sim).is_empty());
        } else {
            assert!(patched.is_ok(), "{patched:?}");
            assert_eq!(writes(&sim).len(), 1);
        }
    }
}
