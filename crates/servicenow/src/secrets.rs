//! The one scrubber between what a server sends back and every place the run writes to: the
//! terminal (results, diagnostics, errors, `-v` lines), every report format, the JSON
//! documents and the support bundle. Every secret the run holds or derived is registered here
//! as soon as it is known ([`hold`], [`hold_login`]): the password, the client secrets, the
//! refresh and access tokens, the message token, every JWT the run signed. A server or a
//! proxy may echo a request back in an error (a validation message quoting the body, a
//! debugging page quoting the headers), so each secret is also held in the forms it travels
//! in: URL-encoded (percent and form), Base64 (standard and URL-safe), and for a login the
//! Base64 of `user:password` that a `Basic` header carries. Each occurrence becomes `***`.

use std::borrow::Cow;
use std::sync::RwLock;

use base64::Engine;

/// Shorter values are not secrets worth hunting for in text: replacing every "abc" of an
/// output would garble it and hide nothing.
const MIN_LEN: usize = 4;

/// The forms held, longest first (so that a longer form is replaced before a part of it).
static HELD: RwLock<Vec<String>> = RwLock::new(Vec::new());

fn add(form: String) {
    // A GitHub workflow command escapes `%` as `%25`: a URL-encoded form is held that way too.
    if form.contains('%') {
        put(form.replace('%', "%25"));
    }
    put(form);
}

fn put(form: String) {
    if form.len() < MIN_LEN {
        return;
    }
    let mut held = HELD
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if held.contains(&form) {
        return;
    }
    held.push(form);
    held.sort_by_key(|f| std::cmp::Reverse(f.len()));
}

/// `text` percent-encoded as a URL component (unreserved characters kept), upper- or
/// lower-case hex, and with a space as `+` (a form body).
fn url_forms(text: &str) -> Vec<String> {
    let mut upper = String::new();
    let mut lower = String::new();
    let mut form = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            upper.push(b as char);
            lower.push(b as char);
            form.push(b as char);
        } else {
            upper.push_str(&format!("%{b:02X}"));
            lower.push_str(&format!("%{b:02x}"));
            if b == b' ' {
                form.push('+');
            } else {
                form.push_str(&format!("%{b:02X}"));
            }
        }
    }
    vec![upper, lower, form]
}

fn base64_forms(text: &str) -> Vec<String> {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .map(|e| e.encode(text))
        .collect()
}

/// Holds `secret` (and its URL-encoded and Base64 forms): from now on it never reaches an
/// output.
pub fn hold(secret: &str) {
    let secret = secret.trim();
    if secret.len() < MIN_LEN {
        return;
    }
    add(secret.to_string());
    for form in url_forms(secret) {
        add(form);
    }
    for form in base64_forms(secret) {
        add(form);
    }
}

/// Holds a login's password and the Base64 of `user:password` that its `Basic` header
/// carries.
pub fn hold_login(user: &str, password: &str) {
    hold(password);
    if password.is_empty() {
        return;
    }
    for form in base64_forms(&format!("{user}:{password}")) {
        add(form);
    }
}

/// `text` with every held form, and anything shaped like a JWT (`eyJ…` then a `.`: a token
/// cut short by an echo is still most of a token), replaced by `***`.
pub fn scrub(text: &str) -> Cow<'_, str> {
    let text = without_jwts(text);
    let held = HELD
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if held.is_empty() || !held.iter().any(|f| text.contains(f.as_str())) {
        return text;
    }
    let mut out = text.into_owned();
    for form in held.iter() {
        if out.contains(form.as_str()) {
            out = out.replace(form.as_str(), "***");
        }
    }
    Cow::Owned(out)
}

/// `text` with every run of Base64url characters that starts with `eyJ` (a JSON object's
/// `{"`) and holds a `.` (a JWT's header and payload, whole or cut) replaced by `***`.
fn without_jwts(text: &str) -> Cow<'_, str> {
    if !text.contains("eyJ") {
        return Cow::Borrowed(text);
    }
    let token_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '=');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("eyJ") {
        let (head, tail) = rest.split_at(at);
        out.push_str(head);
        let end = tail.find(|c: char| !token_char(c)).unwrap_or(tail.len());
        let run = &tail[..end];
        // Preceded by a token character, it is the middle of a longer word: left alone.
        let inside = head.chars().next_back().is_some_and(token_char);
        if run.contains('.') && !inside {
            out.push_str("***");
        } else {
            out.push_str(run);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `value` with every string (and every object key) scrubbed.
pub fn scrub_json(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(scrub(s).into_owned()),
        Value::Array(items) => Value::Array(items.iter().map(scrub_json).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (scrub(k).into_owned(), scrub_json(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Every held form, for a sink that scrubs by itself (the bundle's HAR).
pub fn held() -> Vec<String> {
    HELD.read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_a_server_could_echo_is_scrubbed() {
        hold_login("ada.admin", "pa ss/wörd+1");
        let basic = base64::engine::general_purpose::STANDARD.encode("ada.admin:pa ss/wörd+1");
        for text in [
            "password=pa ss/wörd+1",
            "password=pa%20ss%2Fw%C3%B6rd%2B1",
            "password=pa+ss%2Fw%C3%B6rd%2B1",
            "password=pa%20ss%2fw%c3%b6rd%2b1",
            &format!("Authorization: Basic {basic}"),
        ] {
            let out = scrub(text);
            assert!(out.contains("***"), "{text} → {out}");
            assert!(!out.contains("ss/w") && !out.contains(&basic), "{out}");
        }
        assert_eq!(scrub("nothing here"), "nothing here");
        let doc = scrub_json(&serde_json::json!({"a": ["x pa ss/wörd+1 y"]}));
        assert_eq!(doc["a"][0], "x *** y");
    }

    #[test]
    fn a_jwt_whole_or_cut_is_scrubbed() {
        let cut = "auth: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkw… (tried)";
        assert_eq!(scrub(cut), "auth: ***… (tried)");
        assert_eq!(scrub("keyJar eyJust"), "keyJar eyJust");
    }

    #[test]
    fn short_values_are_not_hunted() {
        hold("ab");
        assert_eq!(scrub("abc"), "abc");
    }
}
