//! A small reader of BER, the encoding Kalkan writes key containers in: indefinite lengths and
//! strings split into constructed chunks, which DER readers refuse. It reads a whole tree, with a
//! depth limit, and never trusts a length beyond the input.

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("malformed BER at byte {0}")]
pub struct BerError(pub usize);

pub const INTEGER: u32 = 2;
pub const OCTET_STRING: u32 = 4;
pub const OID: u32 = 6;
pub const SEQUENCE: u32 = 16;
pub const SET: u32 = 17;

const MAX_DEPTH: usize = 48;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// 0 universal, 1 application, 2 context-specific, 3 private.
    pub class: u8,
    pub constructed: bool,
    pub number: u32,
    /// The content of a primitive value.
    pub value: Vec<u8>,
    pub children: Vec<Node>,
}

impl Node {
    pub fn is(&self, class: u8, number: u32) -> bool {
        self.class == class && self.number == number
    }

    pub fn universal(&self, number: u32) -> bool {
        self.is(0, number)
    }

    /// The bytes of a string value, its constructed chunks joined.
    pub fn octets(&self) -> Vec<u8> {
        if self.constructed {
            self.children.iter().flat_map(Node::octets).collect()
        } else {
            self.value.clone()
        }
    }

    pub fn child(&self, i: usize) -> Option<&Node> {
        self.children.get(i)
    }

    /// An OBJECT IDENTIFIER in dotted form.
    pub fn oid(&self) -> Option<String> {
        if !self.universal(OID) || self.value.is_empty() {
            return None;
        }
        let mut arcs: Vec<u64> = Vec::new();
        let mut acc: u64 = 0;
        for &b in &self.value {
            acc = acc.checked_mul(128)?.checked_add(u64::from(b & 0x7f))?;
            if b & 0x80 == 0 {
                if arcs.is_empty() {
                    let first = (acc / 40).min(2);
                    arcs.push(first);
                    arcs.push(acc - first * 40);
                } else {
                    arcs.push(acc);
                }
                acc = 0;
            }
        }
        Some(arcs.iter().map(u64::to_string).collect::<Vec<_>>().join("."))
    }

    /// A small non-negative INTEGER.
    pub fn uint(&self) -> Option<u64> {
        if !self.universal(INTEGER) || self.value.is_empty() || self.value.len() > 8 || self.value[0] & 0x80 != 0 {
            return None;
        }
        Some(self.value.iter().fold(0u64, |a, &b| (a << 8) | u64::from(b)))
    }

    /// The node re-encoded in DER form (definite lengths, strings in one piece).
    pub fn to_der(&self) -> Vec<u8> {
        let string = self.class == 0 && matches!(self.number, 3 | 4 | 12 | 19 | 20 | 22 | 26 | 30);
        let (constructed, content) = if self.constructed && !string {
            (true, self.children.iter().flat_map(Node::to_der).collect::<Vec<u8>>())
        } else {
            (false, self.octets())
        };
        let mut out = Vec::with_capacity(content.len() + 8);
        let first = (self.class << 6) | if constructed { 0x20 } else { 0 };
        if self.number < 31 {
            out.push(first | self.number as u8);
        } else {
            out.push(first | 0x1f);
            let mut digits = Vec::new();
            let mut n = self.number;
            loop {
                digits.push((n & 0x7f) as u8);
                n >>= 7;
                if n == 0 {
                    break;
                }
            }
            for (i, d) in digits.iter().rev().enumerate() {
                out.push(if i + 1 < digits.len() { d | 0x80 } else { *d });
            }
        }
        out.extend(crate::der::length(content.len()));
        out.extend(content);
        out
    }
}

/// Reads one value that must span the whole input.
pub fn parse(input: &[u8]) -> Result<Node, BerError> {
    let (node, used) = read(input, 0, 0)?;
    if used != input.len() {
        return Err(BerError(used));
    }
    Ok(node)
}

/// Reads one value at `input[at..]`; returns it and the offset after it.
fn read(input: &[u8], at: usize, depth: usize) -> Result<(Node, usize), BerError> {
    if depth > MAX_DEPTH {
        return Err(BerError(at));
    }
    let mut pos = at;
    let byte = |pos: usize| input.get(pos).copied().ok_or(BerError(pos));
    let first = byte(pos)?;
    pos += 1;
    let class = first >> 6;
    let constructed = first & 0x20 != 0;
    let mut number = u32::from(first & 0x1f);
    if number == 0x1f {
        number = 0;
        loop {
            let b = byte(pos)?;
            pos += 1;
            number = number.checked_mul(128).ok_or(BerError(pos))? | u32::from(b & 0x7f);
            if b & 0x80 == 0 {
                break;
            }
        }
    }
    let len_byte = byte(pos)?;
    pos += 1;
    let length: Option<usize> = match len_byte {
        0x80 => None,
        n if n < 0x80 => Some(usize::from(n)),
        n => {
            let count = usize::from(n & 0x7f);
            if count > 8 {
                return Err(BerError(pos));
            }
            let mut len: usize = 0;
            for _ in 0..count {
                len = len.checked_mul(256).ok_or(BerError(pos))? + usize::from(byte(pos)?);
                pos += 1;
            }
            Some(len)
        }
    };
    let mut node = Node { class, constructed, number, value: Vec::new(), children: Vec::new() };
    match (constructed, length) {
        (false, None) => Err(BerError(at)),
        (false, Some(len)) => {
            let end = pos.checked_add(len).filter(|&e| e <= input.len()).ok_or(BerError(pos))?;
            node.value = input[pos..end].to_vec();
            Ok((node, end))
        }
        (true, Some(len)) => {
            let end = pos.checked_add(len).filter(|&e| e <= input.len()).ok_or(BerError(pos))?;
            while pos < end {
                let (child, next) = read(&input[..end], pos, depth + 1)?;
                node.children.push(child);
                pos = next;
            }
            Ok((node, end))
        }
        (true, None) => loop {
            if input.get(pos..pos + 2) == Some(&[0, 0]) {
                return Ok((node, pos + 2));
            }
            let (child, next) = read(input, pos, depth + 1)?;
            node.children.push(child);
            pos = next;
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indefinite_lengths_and_chunked_strings_read_as_their_der_form() {
        // SEQUENCE (indefinite) { OCTET STRING constructed (indefinite) { "ab", "c" }, INTEGER 5 }
        let ber = [0x30, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0, 0, 0x02, 0x01, 0x05, 0, 0];
        let node = parse(&ber).unwrap();
        assert_eq!(node.children[0].octets(), b"abc");
        assert_eq!(node.children[1].uint(), Some(5));
        assert_eq!(node.to_der(), [0x30, 0x08, 0x04, 0x03, b'a', b'b', b'c', 0x02, 0x01, 0x05]);
    }

    #[test]
    fn oids_read_in_dotted_form() {
        let node = parse(&[0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a]).unwrap();
        assert_eq!(node.oid().as_deref(), Some("1.2.840.113549.1.12.10"));
    }

    #[test]
    fn truncated_overlong_and_too_deep_input_is_refused() {
        assert!(parse(&[0x30, 0x05, 0x02, 0x01]).is_err());
        assert!(parse(&[0x04, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9]).is_err());
        assert!(parse(&[0x30, 0x80, 0x02, 0x01, 0x05]).is_err(), "no end of contents");
        let deep: Vec<u8> = std::iter::repeat_n([0x30u8, 0x80], 100).flatten().collect();
        assert!(parse(&deep).is_err());
        assert!(parse(&[0x02, 0x01, 0x05, 0x00]).is_err(), "trailing bytes");
    }
}
