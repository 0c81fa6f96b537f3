//! Checking the JWT of Kore.ai's public API as the platform does: HS256 under the app's client
//! secret. Written here on its own (HMAC-SHA256 on top of `sha2`, RFC 2104) so that the
//! simulator shares no code with the client it tests.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// HMAC-SHA256 of `message` under `key` (RFC 2104).
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
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

/// A token taken apart and its signature checked (the simulator's side).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct VerifiedToken {
    /// The header (must say HS256).
    pub header: serde_json::Value,
    pub payload: serde_json::Value,
}

/// Why a token was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Invalid {
    /// Not three base64url parts of JSON.
    Malformed,
    /// `alg` is not HS256.
    Algorithm,
    /// The signature does not match the secret.
    Signature,
}

/// The unverified payload of `token` (to learn its `appId` before the secret is known).
pub(crate) fn peek_payload(token: &str) -> Result<serde_json::Value, Invalid> {
    let mut parts = token.split('.');
    let (_, payload) = (parts.next(), parts.next().ok_or(Invalid::Malformed)?);
    decode_part(payload)
}

/// Checks `token`'s signature under `secret` and returns its parts.
pub(crate) fn verify(token: &str, secret: &str) -> Result<VerifiedToken, Invalid> {
    let parts: Vec<&str> = token.split('.').collect();
    let [header, payload, signature] = parts[..] else {
        return Err(Invalid::Malformed);
    };
    let header_json = decode_part(header)?;
    if header_json.get("alg").and_then(|a| a.as_str()) != Some("HS256") {
        return Err(Invalid::Algorithm);
    }
    let expected = hmac_sha256(secret.as_bytes(), format!("{header}.{payload}").as_bytes());
    let given = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| Invalid::Malformed)?;
    if given.len() != expected.len()
        || given
            .iter()
            .zip(expected.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            != 0
    {
        return Err(Invalid::Signature);
    }
    Ok(VerifiedToken {
        header: header_json,
        payload: decode_part(payload)?,
    })
}

fn decode_part(part: &str) -> Result<serde_json::Value, Invalid> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| Invalid::Malformed)?;
    serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .filter(serde_json::Value::is_object)
        .ok_or(Invalid::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 2 of RFC 4231.
        let hex: String = hmac_sha256(b"Jefe", b"what do ya want for nothing?")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn a_token_the_client_signs_verifies_under_its_secret_only() {
        let secret = secrecy::SecretString::from("s3cret".to_string());
        let token = sn_handoff_kore::jwt::sign("cs-123", &secret, 1_700_000_000);
        let token = secrecy::ExposeSecret::expose_secret(&token);
        let verified = verify(token, "s3cret").unwrap();
        assert_eq!(verified.header["alg"], "HS256");
        assert_eq!(verified.payload["appId"], "cs-123");
        assert_eq!(peek_payload(token).unwrap(), verified.payload);
        assert_eq!(verify(token, "other"), Err(Invalid::Signature));
    }

    #[test]
    fn a_token_of_another_algorithm_or_shape_is_refused() {
        let part = |v: &str| URL_SAFE_NO_PAD.encode(v);
        let none = format!("{}.{}.", part(r#"{"alg":"none"}"#), part("{}"));
        assert_eq!(verify(&none, "s"), Err(Invalid::Algorithm));
        assert_eq!(verify("a.b", "s"), Err(Invalid::Malformed));
    }
}
