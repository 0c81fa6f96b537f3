//! Each recorded answer replayed byte for byte by a canned server: the client must map it to
//! the right exit code and say what ServiceNow said. (OAuth and CI/CD recordings belong to the
//! commands that use those APIs.)

use crate::common::*;

const JSON: (&str, &str) = ("Content-Type", "application/json;charset=UTF-8");

#[test]
fn table_401_not_authenticated_is_exit_3() {
    let canned = Canned::new(
        401,
        &[JSON, ("WWW-Authenticate", "BASIC realm=\"Service-now\"")],
        fixture("table-401-not-authenticated.json"),
    );
    let r = check_at(&canned.url(), &[]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    let auth = r.step("auth");
    assert_eq!(auth["status"], "fail");
    let summary = auth["summary"].as_str().unwrap();
    assert!(
        summary.contains("User Not Authenticated: Required to provide Auth information"),
        "{summary}"
    );
    assert!(!r.stdout.contains(CANNED_PASSWORD) && !r.stderr.contains(CANNED_PASSWORD));
}

#[test]
fn table_403_insufficient_rights_is_exit_3() {
    let canned = Canned::new(403, &[JSON], fixture("table-403-insufficient-rights.json"));
    let r = check_at(&canned.url(), &[]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    // Signed in but refused: the instance and the login are fine, the steps say what is not.
    assert_eq!(r.status_of("instance"), "warn");
    assert_eq!(r.status_of("auth"), "pass");
    assert_eq!(r.status_of("plugins"), "fail");
    assert!(
        r.stderr.contains("Insufficient rights to query records"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("admin"),
        "the message names the role: {}",
        r.stderr
    );
}

#[test]
fn table_400_invalid_table_is_reported_with_servicenows_words() {
    let canned = Canned::new(400, &[JSON], fixture("table-400-invalid-table.json"));
    let r = check_at(&canned.url(), &[]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r
        .summary("instance")
        .contains("Invalid table sys_user_groups"));
}

#[test]
fn table_400_no_resource_is_reported_with_servicenows_words() {
    let canned = Canned::new(400, &[JSON], fixture("table-400-no-resource.json"));
    let r = check_at(&canned.url(), &[]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r
        .summary("instance")
        .contains("Requested URI does not represent any resource"));
}

#[test]
fn table_429_rate_limit_is_retried_then_exit_4() {
    let canned = Canned::new(
        429,
        &[
            JSON,
            ("Retry-After", "1"),
            ("X-RateLimit-Limit", "100"),
            ("X-RateLimit-Reset", "1"),
        ],
        fixture("table-429-rate-limit.json"),
    );
    let r = check_at(&canned.url(), &[]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    let summary = r.summary("instance").to_string();
    assert!(summary.contains("rate limited"), "{summary}");
    assert!(
        summary.contains("Rate limit of 100 requests per hour for Table API exceeded"),
        "{summary}"
    );
    assert!(r.fix("instance").contains("REST API Rate Limiting"));
}

#[test]
fn hibernating_page_is_exit_4_with_how_to_wake() {
    let canned = Canned::new(
        200,
        &[("Content-Type", "text/html")],
        fixture("hibernating.html"),
    );
    let r = check_at(&canned.url(), &[]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    let instance = r.step("instance");
    assert!(instance["summary"]
        .as_str()
        .unwrap()
        .contains("hibernating"));
    assert!(instance["fix"]
        .as_str()
        .unwrap()
        .contains("developer.servicenow.com"));
}

#[test]
fn redirect_to_developer_portal_is_hibernation() {
    let canned = Canned::new(
        302,
        &[(
            "Location",
            "https://developer.servicenow.com/dev.do#!/home?wu=true",
        )],
        "",
    );
    let r = check_at(&canned.url(), &[]);
    assert_instance_says(&r, 4, "hibernating");
}

#[test]
fn redirect_to_a_sign_in_page_is_exit_4() {
    let canned = Canned::new(302, &[("Location", "https://idp.example/saml2/login")], "");
    let r = check_at(&canned.url(), &[]);
    assert_instance_says(&r, 4, "sign-in page");
}

#[test]
fn another_web_site_is_not_servicenow() {
    let canned = Canned::new(
        200,
        &[("Content-Type", "text/html")],
        "<html><body>Welcome to nginx!</body></html>",
    );
    let r = check_at(&canned.url(), &[]);
    assert_instance_says(&r, 4, "not a ServiceNow instance");
}

#[test]
fn cut_off_json_is_exit_4() {
    let canned = Canned::new(200, &[JSON], "{\"result\": [{\"name\": \"glide.bu");
    let r = check_at(&canned.url(), &[]);
    assert_instance_says(&r, 4, "cut off or malformed");
}

#[test]
fn nothing_listening_is_exit_4() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let home = Home::new();
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_INSTANCE", format!("http://127.0.0.1:{port}"))
        .env("SN_HANDOFF_USERNAME", "admin")
        .env("SN_HANDOFF_PASSWORD", "pw")
        .args(["check", "--json", "--timeout", "2"]));
    assert_instance_says(&r, 4, "the connection was refused");
}

#[test]
fn table_200_rows_are_parsed() {
    use sn_handoff::servicenow::field;
    let body: serde_json::Value =
        serde_json::from_str(&fixture("table-200-sys_user_group.json")).unwrap();
    let rows = body["result"].as_array().unwrap();
    let first = rows[0].as_object().unwrap();
    let second = rows[1].as_object().unwrap();
    assert_eq!(field(first, "name"), "Analytics Settings Managers");
    assert_eq!(field(first, "manager"), "");
    assert_eq!(field(second, "manager"), "506c0f9cd7011200f2d224837e61030f");
    assert_eq!(field(second, "active"), "true");
}
