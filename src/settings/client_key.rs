//! A client key encrypted with a passphrase (`--auth mtls`, `SN_HANDOFF_CLIENT_KEY_PASSPHRASE`):
//! a PEM `ENCRYPTED PRIVATE KEY` (PKCS#8 `EncryptedPrivateKeyInfo`, RFC 5958) protected with
//! PBES2 (RFC 8018 section 6.2): PBKDF2 with HMAC-SHA-256 (section 5.2) and AES-128/192/256 in
//! CBC mode with PKCS#7 padding. That is what OpenSSL 3 writes by default (`openssl genpkey
//! -aes256`, `openssl pkcs8 -topk8`). Other schemes (PBES1, scrypt, a SHA-1 PRF) are refused
//! with a clear message. The decrypted key stays in memory, as a PEM `PRIVATE KEY`.

use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, KeyIvInit};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;

use crate::error::{Error, Result};

/// `1.2.840.113549.1.5.13`
const PBES2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d];
/// `1.2.840.113549.1.5.12`
const PBKDF2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c];
/// `1.2.840.113549.2.9`
const HMAC_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x09];
/// `2.16.840.1.101.3.4.1.{2,22,42}`: AES-128/192/256-CBC.
const AES_CBC_PREFIX: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01];

/// Whether `pem` is an encrypted PKCS#8 key.
pub(super) fn is_encrypted(pem: &str) -> bool {
    pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
}

/// Decrypts the encrypted PKCS#8 key `pem` with `passphrase` into a PEM `PRIVATE KEY`.
pub(super) fn decrypt(pem: &str, passphrase: &SecretString) -> Result<SecretString> {
    let der = pem_body(pem, "ENCRYPTED PRIVATE KEY")
        .ok_or_else(|| unreadable("it is not a PEM ENCRYPTED PRIVATE KEY"))?;
    let scheme = Scheme::parse(&der).ok_or_else(|| {
        unreadable("its encryption is not PBES2 with PBKDF2-HMAC-SHA256 and AES-CBC")
    })?;
    let mut key = vec![0u8; scheme.key_len];
    pbkdf2_sha256(
        passphrase.expose_secret().as_bytes(),
        &scheme.salt,
        scheme.iterations,
        &mut key,
    );
    let mut data = scheme.data.clone();
    let plain = match scheme.key_len {
        16 => cbc::Decryptor::<aes::Aes128>::new_from_slices(&key, &scheme.iv)
            .ok()
            .and_then(|d| d.decrypt_padded_mut::<Pkcs7>(&mut data).ok()),
        24 => cbc::Decryptor::<aes::Aes192>::new_from_slices(&key, &scheme.iv)
            .ok()
            .and_then(|d| d.decrypt_padded_mut::<Pkcs7>(&mut data).ok()),
        _ => cbc::Decryptor::<aes::Aes256>::new_from_slices(&key, &scheme.iv)
            .ok()
            .and_then(|d| d.decrypt_padded_mut::<Pkcs7>(&mut data).ok()),
    };
    // A wrong passphrase almost always breaks the padding; when it does not, the result is
    // not a DER sequence.
    let plain = plain.filter(|p| p.first() == Some(&0x30)).ok_or_else(|| {
        Error::usage(
            "the passphrase in SN_HANDOFF_CLIENT_KEY_PASSPHRASE does not open the client key",
        )
        .with_hint("check the passphrase the key was written with")
    })?;
    let body = base64::engine::general_purpose::STANDARD.encode(plain);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect();
    Ok(SecretString::from(format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        lines.join("\n")
    )))
}

fn unreadable(why: &str) -> Error {
    Error::usage(format!("the encrypted client key cannot be read: {why}")).with_hint(
        "write it again with OpenSSL's defaults (openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY.pem -out KEY.enc.pem), or decrypt it to a file only you can read",
    )
}

/// The base64 body between the PEM lines of `label`, decoded.
fn pem_body(pem: &str, label: &str) -> Option<Vec<u8>> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = pem.find(&begin)? + begin.len();
    let stop = start + pem[start..].find(&end)?;
    let text: String = pem[start..stop]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

/// What PBES2 needs from `EncryptedPrivateKeyInfo`.
struct Scheme {
    salt: Vec<u8>,
    iterations: u32,
    key_len: usize,
    iv: Vec<u8>,
    data: Vec<u8>,
}

impl Scheme {
    fn parse(der: &[u8]) -> Option<Scheme> {
        let (outer, _) = Der::take(der, 0x30)?;
        let (algorithm, rest) = Der::take(outer, 0x30)?;
        let (data, _) = Der::take(rest, 0x04)?;
        let (oid, params) = Der::take(algorithm, 0x06)?;
        (oid == PBES2).then_some(())?;
        let (params, _) = Der::take(params, 0x30)?;
        let (kdf, rest) = Der::take(params, 0x30)?;
        let (cipher, _) = Der::take(rest, 0x30)?;
        let (oid, kdf_params) = Der::take(kdf, 0x06)?;
        (oid == PBKDF2).then_some(())?;
        let (kdf_params, _) = Der::take(kdf_params, 0x30)?;
        let (salt, rest) = Der::take(kdf_params, 0x04)?;
        let (count, mut rest) = Der::take(rest, 0x02)?;
        let iterations = count
            .iter()
            .try_fold(0u32, |n, b| n.checked_mul(256)?.checked_add(u32::from(*b)))?;
        // An optional key length, then an optional PRF (HMAC-SHA-1 when absent).
        if rest.first() == Some(&0x02) {
            rest = Der::take(rest, 0x02)?.1;
        }
        let (prf, _) = Der::take(rest, 0x30)?;
        let (prf_oid, _) = Der::take(prf, 0x06)?;
        (prf_oid == HMAC_SHA256).then_some(())?;
        let (cipher_oid, iv) = Der::take(cipher, 0x06)?;
        let key_len = match cipher_oid.strip_prefix(AES_CBC_PREFIX)? {
            [2] => 16,
            [22] => 24,
            [42] => 32,
            _ => return None,
        };
        let (iv, _) = Der::take(iv, 0x04)?;
        (iv.len() == 16 && iterations > 0).then_some(())?;
        Some(Scheme {
            salt: salt.to_vec(),
            iterations,
            key_len,
            iv: iv.to_vec(),
            data: data.to_vec(),
        })
    }
}

/// The few DER reads the key needs.
struct Der;

impl Der {
    /// The content of the element of `tag` at the start of `input`, and what follows it.
    fn take(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
        let (&first, rest) = input.split_first()?;
        (first == tag).then_some(())?;
        let (&len, rest) = rest.split_first()?;
        let (len, rest) = if len < 0x80 {
            (usize::from(len), rest)
        } else {
            let n = usize::from(len & 0x7f);
            (n > 0 && n <= 4 && rest.len() >= n).then_some(())?;
            let len = rest[..n]
                .iter()
                .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
            (len, &rest[n..])
        };
        (rest.len() >= len).then(|| rest.split_at(len))
    }
}

/// PBKDF2 (RFC 8018 section 5.2) with HMAC-SHA-256, filling `out`.
fn pbkdf2_sha256(password: &[u8], salt: &[u8], iterations: u32, out: &mut [u8]) {
    let keyed = Hmac::<Sha256>::new_from_slice(password).expect("HMAC takes any key length");
    for (i, chunk) in out.chunks_mut(32).enumerate() {
        let mut mac = keyed.clone();
        mac.update(salt);
        mac.update(&(i as u32 + 1).to_be_bytes());
        let mut u = mac.finalize().into_bytes();
        let mut t = u;
        for _ in 1..iterations {
            let mut mac = keyed.clone();
            mac.update(&u);
            u = mac.finalize().into_bytes();
            for (t, u) in t.iter_mut().zip(u.iter()) {
                *t ^= u;
            }
        }
        chunk.copy_from_slice(&t[..chunk.len()]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7914 section 11 (PBKDF2-HMAC-SHA256 test vectors).
    #[test]
    fn pbkdf2_matches_the_published_vectors() {
        let mut out = [0u8; 64];
        pbkdf2_sha256(b"passwd", b"salt", 1, &mut out);
        assert_eq!(
            out[..16],
            [
                0x55, 0xac, 0x04, 0x6e, 0x56, 0xe3, 0x08, 0x9f, 0xec, 0x16, 0x91, 0xc2, 0x25, 0x44,
                0xb6, 0x05
            ]
        );
    }

    #[test]
    fn a_key_openssl_encrypted_opens_with_its_passphrase_only() {
        let pem = include_str!("../../tests/fixtures/mtls/client.enc.key");
        let plain = include_str!("../../tests/fixtures/mtls/client.plain.key");
        assert!(is_encrypted(pem));
        let opened = decrypt(pem, &SecretString::from("fixture-passphrase")).unwrap();
        assert_eq!(
            pem_body(opened.expose_secret(), "PRIVATE KEY"),
            pem_body(plain, "PRIVATE KEY")
        );
        let wrong = decrypt(pem, &SecretString::from("not-it")).unwrap_err();
        assert!(
            wrong.message().contains("does not open"),
            "{}",
            wrong.message()
        );
        let e = decrypt(
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----",
            &SecretString::from("x"),
        )
        .unwrap_err();
        assert!(e.message().contains("cannot be read"));
    }
}
