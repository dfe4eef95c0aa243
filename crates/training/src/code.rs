//! A certificate's verification code: 8 random symbols and 2 check symbols of Crockford's
//! base32 (no I, L, O, U), written `XXXXX-XXXXX`. Typed back, case, spaces and dashes do not
//! matter, O reads as 0 and I or L as 1; a mistyped symbol is caught by the check symbols
//! (all but 1 in 1 024 typos) before the records are asked.

use rand::{Rng, RngExt};
use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// The mark before a code in the certificate's QR payload and its PDF's title.
pub const MARK: &str = "ACC-TC:";

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("a certificate code has 10 letters and digits")]
    Length,
    #[error("a certificate code has a character it never uses")]
    Character,
    #[error("the code is mistyped: its check symbols do not match")]
    Check,
}

fn check(body: &[u8]) -> [u8; 2] {
    let d = Sha256::digest(body);
    let v = u16::from_be_bytes([d[0], d[1]]) & 0x3ff;
    [ALPHABET[(v >> 5) as usize], ALPHABET[(v & 31) as usize]]
}

fn format(symbols: &[u8]) -> String {
    let s = String::from_utf8_lossy(symbols);
    format!("{}-{}", &s[..5], &s[5..])
}

/// A new random code.
pub fn new_code<R: Rng + ?Sized>(rng: &mut R) -> String {
    let mut symbols: Vec<u8> = (0..8).map(|_| ALPHABET[rng.random_range(0..32usize)]).collect();
    let c = check(&symbols);
    symbols.extend_from_slice(&c);
    format(&symbols)
}

/// The code as typed, in its canonical form `XXXXX-XXXXX`.
pub fn parse_code(typed: &str) -> Result<String, CodeError> {
    let mut symbols = Vec::new();
    for c in typed.chars() {
        if c.is_whitespace() || c == '-' {
            continue;
        }
        let c = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
            return Err(CodeError::Character);
        }
        symbols.push(c as u8);
    }
    if symbols.len() != 10 {
        return Err(CodeError::Length);
    }
    if check(&symbols[..8]) != symbols[8..] {
        return Err(CodeError::Check);
    }
    Ok(format(&symbols))
}

/// The code after [`MARK`] in a file or a scanned QR payload, if there is one: as plain text,
/// or in a PDF's text string written as UTF-16 hex (`<FEFF…>`, as the document's title is).
pub fn find_code(bytes: &[u8]) -> Option<String> {
    find_plain(bytes).or_else(|| {
        let mut rest = bytes;
        while let Some(at) = rest.windows(5).position(|w| w == b"<FEFF") {
            let body = &rest[at + 5..];
            let end = body.iter().position(|&b| b == b'>').unwrap_or(body.len());
            let hex = &body[..end];
            let units: Vec<u16> = hex
                .chunks(4)
                .filter(|c| c.len() == 4)
                .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
                .collect();
            if let Some(code) = find_plain(String::from_utf16_lossy(&units).as_bytes()) {
                return Some(code);
            }
            rest = &body[end..];
        }
        None
    })
}

fn find_plain(bytes: &[u8]) -> Option<String> {
    let mark = MARK.as_bytes();
    bytes.windows(mark.len() + 11).find(|w| w.starts_with(mark)).and_then(|w| {
        let s = std::str::from_utf8(&w[mark.len()..]).ok()?;
        parse_code(s).ok()
    })
}
