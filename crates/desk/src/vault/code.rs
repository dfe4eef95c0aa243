//! The recovery code: the database's 256-bit key written for people — 52 characters of
//! Crockford's base32 and 4 check characters, in 14 groups of four. Crockford's alphabet has no
//! I, L, O or U; typed ones are read as 1, 1, 0 (and U refused), lower case as upper, and spaces
//! and dashes are ignored, so a code read aloud or typed from paper comes back.

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const KEY_CHARS: usize = 52;
const CHECK_CHARS: usize = 4;
pub const CODE_CHARS: usize = KEY_CHARS + CHECK_CHARS;

/// Why a typed code is not a recovery code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeError {
    /// Not 56 characters of the alphabet.
    Malformed,
    /// The right shape, but the check characters do not match: a character is mistyped.
    Mistyped,
}

fn check(key: &[u8; 32]) -> [u8; CHECK_CHARS] {
    let digest = Sha256::new().chain_update(b"seller-desk recovery code").chain_update(key).finalize();
    let bits = u32::from_be_bytes([digest[0], digest[1], digest[2], 0]) >> 12; // 20 bits
    let mut out = [0u8; CHECK_CHARS];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = ALPHABET[((bits >> (5 * (CHECK_CHARS - 1 - i))) & 31) as usize];
    }
    out
}

/// The code of `key`, grouped: `XXXX-XXXX-…` (14 groups).
pub fn encode(key: &[u8; 32]) -> Zeroizing<String> {
    let mut chars = Zeroizing::new(Vec::with_capacity(CODE_CHARS));
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &b in key.iter() {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            chars.push(ALPHABET[((acc >> bits) & 31) as usize]);
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        chars.push(ALPHABET[((acc << (5 - bits)) & 31) as usize]);
    }
    chars.extend_from_slice(&check(key));
    let mut out = Zeroizing::new(String::with_capacity(CODE_CHARS + CODE_CHARS / 4));
    for (i, c) in chars.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(char::from(*c));
    }
    out
}

fn value(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    ALPHABET.iter().position(|&a| char::from(a) == c).map(|p| p as u8)
}

/// The key a typed code stands for.
pub fn decode(typed: &str) -> Result<Zeroizing<[u8; 32]>, CodeError> {
    let mut values = Zeroizing::new(Vec::with_capacity(CODE_CHARS));
    for c in typed.chars() {
        if c.is_whitespace() || c == '-' || c == '\u{2010}' || c == '\u{2013}' || c == '\u{2212}' {
            continue;
        }
        values.push(value(c).ok_or(CodeError::Malformed)?);
        if values.len() > CODE_CHARS {
            return Err(CodeError::Malformed);
        }
    }
    if values.len() != CODE_CHARS {
        return Err(CodeError::Malformed);
    }
    let mut key = Zeroizing::new([0u8; 32]);
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut n = 0;
    for &v in values[..KEY_CHARS].iter() {
        acc = (acc << 5) | u32::from(v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            if n < 32 {
                key[n] = (acc >> bits) as u8;
                n += 1;
            }
        }
        acc &= (1 << bits) - 1;
    }
    // 52 × 5 = 260 bits: the last 4 are padding and must be zero in a code we wrote.
    if acc != 0 {
        return Err(CodeError::Mistyped);
    }
    let typed_check: Vec<u8> = values[KEY_CHARS..].iter().map(|&v| ALPHABET[v as usize]).collect();
    if typed_check != check(&key) {
        return Err(CodeError::Mistyped);
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_as_its_key_however_it_is_typed() {
        for seed in [0u8, 1, 0x5e, 0xff] {
            let key: [u8; 32] = std::array::from_fn(|i| seed.wrapping_mul(31).wrapping_add(i as u8 * 7));
            let code = encode(&key);
            assert_eq!(code.len(), CODE_CHARS + 13, "{}", code.as_str());
            assert_eq!(code.split('-').count(), 14);
            assert_eq!(*decode(&code).unwrap(), key);
            // Lower case, spaces instead of dashes, O for 0 and l for 1.
            let careless: String = code.replace('-', " ").to_lowercase().replace('0', "o").replace('1', "l");
            assert_eq!(*decode(&careless).unwrap(), key);
        }
    }

    #[test]
    fn a_mistyped_or_short_code_is_told_apart_from_a_wrong_one() {
        let key = [9u8; 32];
        let code = encode(&key).replace('-', "");
        // Each single-character change is caught here (20 check bits: about one change in a
        // million would slip through, which none of these does).
        let mut missed = 0;
        for i in 0..code.len() {
            for &a in ALPHABET.iter() {
                let mut changed: Vec<u8> = code.bytes().collect();
                if changed[i] == a {
                    continue;
                }
                changed[i] = a;
                if decode(std::str::from_utf8(&changed).unwrap()).is_ok() {
                    missed += 1;
                }
            }
        }
        assert_eq!(missed, 0, "single-character mistakes that decoded");
        assert_eq!(decode(&code[..55]).unwrap_err(), CodeError::Malformed);
        assert_eq!(decode(&format!("{code}A")).unwrap_err(), CodeError::Malformed);
        assert_eq!(decode(&code.replace(&code[3..4], "U")).unwrap_err(), CodeError::Malformed);
        assert_eq!(decode("").unwrap_err(), CodeError::Malformed);
        assert_eq!(decode("🔑").unwrap_err(), CodeError::Malformed);
    }
}
