//! The wizard's OAuth sign-in, answered by a script: the password grant of the demo, the
//! browser through the loopback redirect, a pasted refresh token.

use sn_handoff::error::ErrorKind;
use sn_handoff::keystore::MemoryStore;
use sn_handoff::ui::prompt::{Answer, Scripted};

use super::scripted::account;
use super::*;

#[test]
fn oauth_in_the_demo_signs_in_with_the_password_grant_by_default() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let store = MemoryStore::new();
    let script = Scripted::new()
        .on("instance", Answer::Enter)
        .on("sign in", Answer::pick("OAuth"))
        .on("client id", Answer::Enter)
        .on("Client secret", Answer::Enter)
        .on("refresh token", Answer::Enter)
        .on("user name", Answer::Enter)
        .on("Password", Answer::Enter)
        .on("Which agent", Answer::Enter)
        .on("webhook URL", Answer::Enter)
        .on("Connect the Kore.ai bot now?", Answer::Enter)
        .on("Show the client secret and refresh token?", Answer::Enter);
    let w = wizard(&sim, &home, &[], true, &store, script);
    assert_eq!(w.code(), 0);
    assert_eq!(
        w.question("refresh token").default.as_deref(),
        Some("Exchange a user name and password once (never stored)")
    );
    w.said(&[
        "System OAuth → Application Registry",
        "Redirect URL must be exactly http://127.0.0.1:38765/callback",
        "OAuth as admin",
        "Auth type       OAuth",
        &format!("Client ID       {}", sim.sim.oauth_client_id()),
        "sn-handoff init -i YOUR-INSTANCE",
    ]);
    assert!(!w.out.contains(&sim.sim.oauth_client_secret()));
    assert!(store.accounts().is_empty());
}

#[test]
fn oauth_by_browser_prints_the_redirect_url_and_signs_in_through_the_loopback() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let store = MemoryStore::new();
    let port = crate::auth::free_port();
    let redirect = format!("http://127.0.0.1:{port}/callback");
    sim.sim.set_oauth_redirect_url(&redirect);
    let script = Scripted::new()
        .on("instance", Answer::Enter)
        .on("sign in", Answer::pick("OAuth"))
        .on("client id", Answer::Enter)
        .on("Client secret", Answer::Enter)
        .on("refresh token", Answer::pick("browser"))
        .on("Which agent", Answer::Interrupt);
    // The browser: waits for the sign-in URL, signs in as admin, follows the redirect.
    let browser = |lines: &Lines| {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(60);
        let url = loop {
            let found = lines.lock().unwrap().iter().find_map(|l| {
                l.strip_prefix("Sign in and allow access at this URL:\n  ")
                    .map(str::to_string)
            });
            if let Some(url) = found {
                break url;
            }
            assert!(
                std::time::Instant::now() < until,
                "no sign-in URL was printed"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let (status, _) =
            crate::auth::play_browser(&sim, &url, "admin", sim.sim.password(), |_| {});
        assert_eq!(status, 200);
    };
    let port_arg = port.to_string();
    let w = wizard_watched(
        &sim,
        &home,
        &["--no-browser", "--redirect-port", &port_arg],
        true,
        &store,
        script,
        browser,
    );
    assert_eq!(w.error().kind(), ErrorKind::Interrupted);
    w.said(&[
        &format!("Redirect URL must be exactly {redirect}"),
        "OAuth as admin",
    ]);
}

#[test]
fn oauth_with_a_pasted_refresh_token_stores_the_app_secret_and_the_token() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let store = MemoryStore::new();
    let token = sim.sim.issue_refresh_token("admin");
    let script = Scripted::new()
        .on("instance", Answer::typed(sim.url()))
        .on("sign in", Answer::pick("OAuth"))
        .on("client id", Answer::typed(sim.sim.oauth_client_id()))
        .on(
            "Client secret",
            Answer::typed(sim.sim.oauth_client_secret()),
        )
        .on("refresh token", Answer::pick("Paste"))
        .on("Refresh token for", Answer::typed(&token))
        .on("Which agent", Answer::Enter)
        .on("webhook URL", Answer::Enter)
        .on("Connect the Kore.ai bot now?", Answer::Enter)
        .on("Show the client secret", Answer::Yes);
    let w = wizard(&sim, &home, &[], false, &store, script);
    assert_eq!(w.code(), 0);
    assert_eq!(
        store.accounts(),
        vec![
            account("client_secret", &sim),
            account("refresh_token", &sim)
        ]
    );
    let text = config_text(&home);
    assert!(
        text.contains("auth = \"oauth\"") && text.contains(&sim.sim.oauth_client_id()),
        "{text}"
    );
    assert!(!text.contains(&token) && !text.contains(&sim.sim.oauth_client_secret()));
    // Revealed after the yes.
    w.said(&[&sim.sim.oauth_client_secret()]);
}
