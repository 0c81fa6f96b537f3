//! The JWT of Kore.ai's public API: HS256, signed with the app's client secret, payload
//! `{"sub", "appId", "iat", "exp", "jti"}`, sent in the `auth` header.
//!
//! Kore.ai documents the payload as `{"sub": "1234567890", "appId": "<client id>"}`
//! (Koredotcom/docs-v2 `ai-for-service/apis/automation/api-introduction.mdx`, "Generating the
//! JWT Token"; `tests/fixtures/koreai/jwt-payload.json`). An app may enforce `jti`, and then a
//! reused `jti` is refused as a replay and `exp` may be at most an hour ahead (documented for
//! SDK tokens in `ai-for-service/sdk/sdk-security.mdx`). So every request gets a fresh token
//! with a random `jti`, `iat` 30 s back (for clock skew) and `exp` five minutes on,
//! which satisfies both kinds of app.
//!
//! HMAC-SHA256 is written out here on top of `sha2` (RFC 2104) rather than pulling in a JWT
//! crate for one signature.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use secrecy::{ExposeSecret, SecretString};
use serde_json::json;
use sha2::{Digest, Sha256};

/// The `sub` Kore.ai's documentation puts in every API token.
pub const SUBJECT: &str = "1234567890";

/// How far ahead `exp` is set (Kore.ai allows at most an hour when `jti` is present).
pub const LIFETIME_SECS: u64 = 300;

/// How far back `iat` is set, so that a server whose clock is a little behind does not see a
/// token issued in the future.
pub const SKEW_SECS: u64 = 30;

/// A signed token for `client_id`, issued at `now` (Unix seconds, less [`SKEW_SECS`]) and
/// valid for [`LIFETIME_SECS`].
pub fn sign(client_id: &str, secret: &SecretString, now: u64) -> SecretString {
    let header = json!({"alg": "HS256", "typ": "JWT"});
    let payload = json!({
        "sub": SUBJECT,
        "appId": client_id,
        "iat": now.saturating_sub(SKEW_SECS),
        "exp": now + LIFETIME_SECS,
        "jti": random_jti(),
    });
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    );
    let signature = hmac_sha256(secret.expose_secret().as_bytes(), signing_input.as_bytes());
    let token = format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature));
    // The secret and every token signed with it never reach an output; nor does the token's
    // signed part, which an echo may quote cut short.
    sn_handoff_servicenow::secrets::hold(secret.expose_secret());
    sn_handoff_servicenow::secrets::hold(&token);
    sn_handoff_servicenow::secrets::hold(&signing_input);
    if let Some((_, payload)) = signing_input.split_once('.') {
        sn_handoff_servicenow::secrets::hold(payload);
    }
    SecretString::from(token)
}

/// HMAC-SHA256 of `message` under `key` (RFC 2104).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(message);
    let inner = inner.finalize();
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner);
    outer.finalize().into()
}

/// 128 random bits, hex.
fn random_jti() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No randomness source: the time and a counter still never repeat in one process.
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        bytes[..8].copy_from_slice(&(nanos as u64).to_be_bytes());
        bytes[8..].copy_from_slice(&n.to_be_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 2 of RFC 4231.
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than the block is hashed first.
        assert_eq!(
            hex(&hmac_sha256(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn signed_token_verifies_and_carries_the_documented_claims() {
        let secret = SecretString::from("s3cret".to_string());
        let token = sign("cs-123", &secret, 1_700_000_000);
        let part = |t: &SecretString, i: usize| -> serde_json::Value {
            let text = t.expose_secret().split('.').nth(i).unwrap().to_string();
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(text).unwrap()).unwrap()
        };
        let (header, payload) = (part(&token, 0), part(&token, 1));
        assert_eq!(header["alg"], "HS256");
        assert_eq!(payload["appId"], "cs-123");
        assert_eq!(payload["sub"], SUBJECT);
        assert_eq!(payload["iat"], 1_700_000_000u64 - SKEW_SECS);
        assert_eq!(payload["exp"], 1_700_000_000u64 + LIFETIME_SECS);
        let (signed, signature) = token.expose_secret().rsplit_once('.').unwrap();
        let expected = hmac_sha256(b"s3cret", signed.as_bytes());
        assert_eq!(URL_SAFE_NO_PAD.decode(signature).unwrap(), expected);
        assert_ne!(hmac_sha256(b"other", signed.as_bytes()), expected);
        let again = sign("cs-123", &secret, 1_700_000_000);
        assert_ne!(
            part(&token, 1)["jti"],
            part(&again, 1)["jti"],
            "every token has its own jti"
        );
    }
}
