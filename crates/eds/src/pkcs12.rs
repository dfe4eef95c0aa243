//! PKCS#12 (RFC 7292) as NCA RK issues it: the MAC (HMAC-SHA1, PKCS#12 key derivation) checks
//! the password first, so that a wrong password is told apart from a damaged file; then the
//! certificate bags (`pbeWithSHA1And40BitRC2-CBC`) and the shrouded key bag
//! (`pbeWithSHA1And3-KeyTripleDES-CBC`) are decrypted. Derived keys and decrypted key bytes are
//! zeroized when dropped.

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, InnerIvInit, KeyIvInit};
use hmac::{Hmac, Mac};
use sha1::{Digest, Sha1};
use zeroize::Zeroizing;

use crate::ber::{self, Node, OCTET_STRING, SEQUENCE};
use crate::EdsError;

const DATA: &str = "1.2.840.113549.1.7.1";
const ENCRYPTED_DATA: &str = "1.2.840.113549.1.7.6";
const KEY_BAG: &str = "1.2.840.113549.1.12.10.1.1";
const SHROUDED_KEY_BAG: &str = "1.2.840.113549.1.12.10.1.2";
const CERT_BAG: &str = "1.2.840.113549.1.12.10.1.3";
const X509_CERT: &str = "1.2.840.113549.1.9.22.1";
const SHA1: &str = "1.3.14.3.2.26";
const PBE_SHA1_3DES: &str = "1.2.840.113549.1.12.1.3";
const PBE_SHA1_RC2_40: &str = "1.2.840.113549.1.12.1.6";
const PBE_SHA1_RC2_128: &str = "1.2.840.113549.1.12.1.5";

/// What a container holds once opened.
pub struct Contents {
    pub certificates: Vec<Vec<u8>>,
    /// PKCS#8 PrivateKeyInfo, DER.
    pub keys: Vec<Zeroizing<Vec<u8>>>,
}

fn bad(what: &str) -> EdsError {
    EdsError::NotAContainer(what.to_string())
}

/// The password as PKCS#12 wants it: UTF-16BE with a terminating zero (an empty password is no
/// bytes at all).
fn bmp_password(password: &str) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(password.len() * 2 + 2));
    if password.is_empty() {
        return out;
    }
    for unit in password.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out.extend_from_slice(&[0, 0]);
    out
}

/// RFC 7292 appendix B.2, with SHA-1 (u = 20, v = 64). `id` 1: key, 2: IV, 3: MAC key.
fn kdf(password: &[u8], salt: &[u8], iterations: u32, id: u8, n: usize) -> Zeroizing<Vec<u8>> {
    const V: usize = 64;
    let fill = |src: &[u8]| -> Zeroizing<Vec<u8>> {
        if src.is_empty() {
            return Zeroizing::new(Vec::new());
        }
        let len = V * src.len().div_ceil(V);
        Zeroizing::new(src.iter().cycle().take(len).copied().collect())
    };
    let mut i: Zeroizing<Vec<u8>> = fill(salt);
    i.extend_from_slice(&fill(password));
    let d = [id; V];
    let mut out = Zeroizing::new(Vec::with_capacity(n + 20));
    while out.len() < n {
        let mut a = Sha1::new().chain_update(d).chain_update(&*i).finalize();
        for _ in 1..iterations.max(1) {
            a = Sha1::digest(a);
        }
        out.extend_from_slice(&a);
        if out.len() >= n {
            break;
        }
        // I_j = (I_j + B + 1) mod 2^(8v), B = A repeated to v bytes.
        let b: Vec<u8> = a.iter().cycle().take(V).copied().collect();
        for block in i.chunks_mut(V) {
            let mut carry: u16 = 1;
            for k in (0..V).rev() {
                let sum = u16::from(block[k]) + u16::from(b[k]) + carry;
                block[k] = sum as u8;
                carry = sum >> 8;
            }
        }
    }
    out.truncate(n);
    out
}

fn pbe_params(alg: &Node) -> Result<(String, Vec<u8>, u32), EdsError> {
    let oid = alg.child(0).and_then(Node::oid).ok_or_else(|| bad("an encryption algorithm"))?;
    let params = alg.child(1).ok_or_else(|| bad("encryption parameters"))?;
    let salt = params.child(0).filter(|n| n.universal(OCTET_STRING)).ok_or_else(|| bad("a salt"))?.octets();
    let iterations = params.child(1).and_then(Node::uint).ok_or_else(|| bad("an iteration count"))?;
    let iterations = u32::try_from(iterations).ok().filter(|&n| n <= 10_000_000).ok_or_else(|| bad("iterations"))?;
    Ok((oid, salt, iterations))
}

/// Decrypts with one of the PKCS#12 password-based schemes NCA uses.
fn decrypt(alg: &Node, data: &[u8], password: &[u8]) -> Result<Zeroizing<Vec<u8>>, EdsError> {
    let (oid, salt, iterations) = pbe_params(alg)?;
    let iv = kdf(password, &salt, iterations, 2, 8);
    let plain = match oid.as_str() {
        PBE_SHA1_3DES => {
            let key = kdf(password, &salt, iterations, 1, 24);
            cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
                .map_err(|_| bad("a 3DES key"))?
                .decrypt_padded_vec_mut::<Pkcs7>(data)
        }
        PBE_SHA1_RC2_40 | PBE_SHA1_RC2_128 => {
            let bits = if oid == PBE_SHA1_RC2_40 { 40 } else { 128 };
            let key = kdf(password, &salt, iterations, 1, bits / 8);
            let cipher = rc2::Rc2::new_with_eff_key_len(&key, bits);
            cbc::Decryptor::<rc2::Rc2>::inner_iv_slice_init(cipher, &iv)
                .map_err(|_| bad("an RC2 IV"))?
                .decrypt_padded_vec_mut::<Pkcs7>(data)
        }
        other => return Err(EdsError::UnsupportedEncryption(other.to_string())),
    };
    // The MAC already proved the password; a padding error here means a damaged bag.
    plain.map(Zeroizing::new).map_err(|_| bad("an encrypted bag that does not decrypt"))
}

/// `ContentInfo` of type data: the octets it carries.
fn data_octets(content_info: &Node) -> Result<Vec<u8>, EdsError> {
    let ty = content_info.child(0).and_then(Node::oid).ok_or_else(|| bad("a content type"))?;
    if ty != DATA {
        return Err(bad("data content"));
    }
    let explicit = content_info.child(1).filter(|n| n.is(2, 0)).ok_or_else(|| bad("content"))?;
    Ok(explicit.child(0).filter(|n| n.universal(OCTET_STRING)).ok_or_else(|| bad("content octets"))?.octets())
}

/// Checks the MAC over the authenticated safe with `password`.
fn check_mac(pfx: &Node, auth_safe: &[u8], password: &[u8]) -> Result<(), EdsError> {
    let mac_data = pfx.child(2).ok_or_else(|| bad("a MAC (containers without one are not accepted)"))?;
    let digest_info = mac_data.child(0).ok_or_else(|| bad("MAC data"))?;
    let alg =
        digest_info.child(0).and_then(|a| a.child(0)).and_then(Node::oid).ok_or_else(|| bad("a MAC algorithm"))?;
    if alg != SHA1 {
        return Err(EdsError::UnsupportedEncryption(alg));
    }
    let expected = digest_info.child(1).ok_or_else(|| bad("a MAC value"))?.octets();
    let salt = mac_data.child(1).ok_or_else(|| bad("a MAC salt"))?.octets();
    let iterations = mac_data.child(2).map_or(Some(1), Node::uint).ok_or_else(|| bad("MAC iterations"))?;
    let iterations = u32::try_from(iterations).ok().filter(|&n| n <= 10_000_000).ok_or_else(|| bad("iterations"))?;
    let key = kdf(password, &salt, iterations, 3, 20);
    let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(&key).map_err(|_| bad("a MAC key"))?;
    mac.update(auth_safe);
    mac.verify_slice(&expected).map_err(|_| EdsError::WrongPassword)
}

fn bags(safe_contents: &[u8], password: &[u8], out: &mut Contents) -> Result<(), EdsError> {
    let safe = ber::parse(safe_contents).map_err(|e| bad(&e.to_string()))?;
    for bag in &safe.children {
        let id = bag.child(0).and_then(Node::oid).ok_or_else(|| bad("a bag type"))?;
        let value = bag.child(1).filter(|n| n.is(2, 0)).and_then(|n| n.child(0)).ok_or_else(|| bad("a bag value"))?;
        match id.as_str() {
            CERT_BAG => {
                let kind = value.child(0).and_then(Node::oid).ok_or_else(|| bad("a certificate type"))?;
                if kind == X509_CERT {
                    let cert = value.child(1).and_then(|n| n.child(0)).ok_or_else(|| bad("a certificate"))?;
                    out.certificates.push(cert.octets());
                }
            }
            SHROUDED_KEY_BAG => {
                let alg = value.child(0).ok_or_else(|| bad("a key encryption algorithm"))?;
                let encrypted = value.child(1).ok_or_else(|| bad("an encrypted key"))?.octets();
                let plain = decrypt(alg, &encrypted, password)?;
                // Re-encoded as DER: some writers leave the inner key in BER too.
                let node = ber::parse(&plain).map_err(|_| bad("a decrypted key"))?;
                out.keys.push(Zeroizing::new(node.to_der()));
            }
            KEY_BAG => out.keys.push(Zeroizing::new(value.to_der())),
            _ => {}
        }
    }
    Ok(())
}

/// Whether `password` decrypts any bag of the authenticated safe into well-formed BER: asked
/// only when the MAC failed, to tell a damaged container (the right password still opens a bag
/// the damage missed) from a wrong password (no bag decrypts; a wrong key passes the padding
/// check about once in 256 tries and then yields no BER).
fn password_opens_a_bag(auth_safe: &[u8], password: &[u8]) -> bool {
    let opens = |alg: &Node, data: &[u8]| decrypt(alg, data, password).is_ok_and(|p| ber::parse(&p).is_ok());
    let Ok(infos) = ber::parse(auth_safe) else { return false };
    infos.children.iter().any(|info| match info.child(0).and_then(Node::oid).as_deref() {
        Some(ENCRYPTED_DATA) => {
            let eci = info.child(1).and_then(|n| n.child(0)).and_then(|n| n.child(1));
            let alg = eci.and_then(|e| e.child(1));
            let content = eci.and_then(|e| e.child(2)).filter(|n| n.is(2, 0)).map(Node::octets);
            matches!((alg, content), (Some(alg), Some(content)) if opens(alg, &content))
        }
        Some(DATA) => {
            let Ok(safe) = data_octets(info).and_then(|d| ber::parse(&d).map_err(|e| bad(&e.to_string()))) else {
                return false;
            };
            safe.children.iter().any(|bag| {
                let value = bag.child(1).filter(|n| n.is(2, 0)).and_then(|n| n.child(0));
                let shrouded = bag.child(0).and_then(Node::oid).as_deref() == Some(SHROUDED_KEY_BAG);
                match value.and_then(|v| Some((v.child(0)?, v.child(1)?.octets()))) {
                    Some((alg, encrypted)) if shrouded => opens(alg, &encrypted),
                    _ => false,
                }
            })
        }
        _ => false,
    })
}

/// Opens a container with `password`.
pub fn open(bytes: &[u8], password: &str) -> Result<Contents, EdsError> {
    let pfx = ber::parse(bytes).map_err(|e| bad(&e.to_string()))?;
    if !pfx.universal(SEQUENCE) || pfx.child(0).and_then(Node::uint) != Some(3) {
        return Err(bad("a PKCS#12 version 3 structure"));
    }
    let auth_safe = data_octets(pfx.child(1).ok_or_else(|| bad("an authenticated safe"))?)?;
    let password = bmp_password(password);
    match check_mac(&pfx, &auth_safe, &password) {
        Err(EdsError::WrongPassword) if password_opens_a_bag(&auth_safe, &password) => return Err(EdsError::Damaged),
        other => other?,
    }
    let infos = ber::parse(&auth_safe).map_err(|e| bad(&e.to_string()))?;
    let mut out = Contents { certificates: Vec::new(), keys: Vec::new() };
    for info in &infos.children {
        let ty = info.child(0).and_then(Node::oid).ok_or_else(|| bad("a content type"))?;
        match ty.as_str() {
            DATA => bags(&data_octets(info)?, &password, &mut out)?,
            ENCRYPTED_DATA => {
                let encrypted_data = info.child(1).and_then(|n| n.child(0)).ok_or_else(|| bad("encrypted data"))?;
                let eci = encrypted_data.child(1).ok_or_else(|| bad("encrypted content info"))?;
                let alg = eci.child(1).ok_or_else(|| bad("a content encryption algorithm"))?;
                let content = eci.child(2).filter(|n| n.is(2, 0)).ok_or_else(|| bad("encrypted content"))?.octets();
                let plain = decrypt(alg, &content, &password)?;
                bags(&plain, &password, &mut out)?;
            }
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7292's derivation against the widely published vector (password "smeg", salt
    /// 0A58CF64530D823F, one iteration), which `openssl kdf ... PKCS12KDF` also gives.
    #[test]
    fn the_key_derivation_matches_the_published_vectors() {
        let password = bmp_password("smeg");
        let salt = [0x0a, 0x58, 0xcf, 0x64, 0x53, 0x0d, 0x82, 0x3f];
        let key = kdf(&password, &salt, 1, 1, 24);
        assert_eq!(hex(&key), "8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3");
        let iv = kdf(&password, &salt, 1, 2, 8);
        assert_eq!(hex(&iv), "79993dfe048d3b76");
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }
}
