//! GOST 34.10-2015 signatures (the Kazakh standard; the algorithm of GOST R 34.10-2012) on the
//! 512-bit curve NCA RK issues keys on, with the hash GOST 34.11-2015 (Streebog-512).
//!
//! The arithmetic is on fixed-size 512-bit integers in Montgomery form (`crypto-bigint`), which
//! runs in constant time; the scalar multiplication with a secret (the private key, the nonce)
//! is a Montgomery ladder of 512 steps with constant-time swaps over complete projective
//! addition formulas (Renes, Costello and Batina, 2016), so that neither the number of steps
//! nor the operations depend on the secret's bits. Nonces come from the operating system's
//! generator; secrets are zeroized when dropped.
//!
//! How NCA writes the numbers (keys, signature values, the digest as a number) is in
//! [`NCA_ORDER`]; it was found from NCA's own certificates and CRLs, and a test shows the other
//! plausible orders fail on them.

use crypto_bigint::modular::runtime_mod::{DynResidue, DynResidueParams};
use crypto_bigint::subtle::{Choice, ConditionallySelectable};
use crypto_bigint::{Encoding, U512};
use zeroize::{Zeroize, Zeroizing};

const LIMBS: usize = U512::LIMBS;
type Fe = DynResidue<LIMBS>;

/// The key parameters NCA names for its 512-bit GOST 34.10-2015 keys: the curve published as
/// `id-tc26-gost-3410-12-512-paramSetA`.
pub const NCA_PARAMSET_512: &str = "1.2.398.3.10.1.1.2.2.1";
/// GOST 34.10-2015 512-bit public keys.
pub const GOST_2015_512_KEY: &str = "1.2.398.3.10.1.1.2.2";
/// GOST 34.10-2015 512-bit with GOST 34.11-2015, the signature algorithm.
pub const GOST_2015_512_SIGNATURE: &str = "1.2.398.3.10.1.1.2.3.2";
/// GOST 34.11-2015 (Streebog) with a 512-bit value.
pub const GOST_34_11_2015_512: &str = "1.2.398.3.10.1.3.3";

/// A short Weierstrass curve y² = x³ + ax + b over GF(p), with a base point of prime order q.
#[derive(Clone)]
pub struct Curve {
    p: DynResidueParams<LIMBS>,
    q: DynResidueParams<LIMBS>,
    a: Fe,
    b3: Fe,
    b: Fe,
    g: Point,
}

impl Curve {
    fn new(p: &str, a: &str, b: &str, q: &str, x: &str, y: &str) -> Curve {
        let p = DynResidueParams::new(&U512::from_be_hex(p));
        let q = DynResidueParams::new(&U512::from_be_hex(q));
        let fe = |h: &str| Fe::new(&U512::from_be_hex(h), p);
        let b = fe(b);
        let one = Fe::one(p);
        let g = Point { x: fe(x), y: fe(y), z: one };
        Curve { p, q, a: fe(a), b3: b + b + b, b, g }
    }

    /// `id-tc26-gost-3410-12-512-paramSetA` (R 50.1.114-2016; RFC 7836), NCA's 512-bit curve.
    pub fn nca_512() -> Curve {
        Curve::new(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC4",
            "E8C2505DEDFC86DDC1BD0B2B6667F1DA34B82574761CB0E879BD081CFD0B6265EE3CB090F30D27614CB4574010DA90DD862EF9D4EBEE4761503190785A71C760",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275",
            "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000003",
            "7503CFE87A836AE3A61B8816E25450E6CE5E1C93ACF1ABC1778064FDCBEFA921DF1626BE4FD036E93D75E6A50E3A41E98028FE5FC235F5B889A589CB5215F2A4",
        )
    }

    /// The curve of the standard's worked example for 512-bit keys (GOST R 34.10-2012, A.2).
    pub fn standard_example_512() -> Curve {
        Curve::new(
            "4531ACD1FE0023C7550D267B6B2FEE80922B14B2FFB90F04D4EB7C09B5D2D15DF1D852741AF4704A0458047E80E4546D35B8336FAC224DD81664BBF528BE6373",
            "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000007",
            "1CFF0806A31116DA29D8CFA54E57EB748BC5F377E49400FDD788B649ECA1AC4361834013B2AD7322480A89CA58E0CF74BC9E540C2ADD6897FAD0A3084F302ADC",
            "4531ACD1FE0023C7550D267B6B2FEE80922B14B2FFB90F04D4EB7C09B5D2D15DA82F2D7ECB1DBAC719905C5EECC423F1D86E25EDBE23C595D644AAF187E6E6DF",
            "24D19CC64572EE30F396BF6EBBFD7A6C5213B3B3D7057CC825F91093A68CD762FD60611262CD838DC6B60AA7EEE804E28BC849977FAC33B4B530F1B120248A9A",
            "2BB312A43BD2CE6E0D020613C857ACDDCFBF061E91E5F2C3F32447C259F39B2C83AB156D77F1496BF7EB3351E1EE4E43DC1A18B91B24640B6DBB92CB1ADD371E",
        )
    }

    fn q(&self) -> &U512 {
        self.q.modulus()
    }

    fn fe(&self, v: &U512) -> Fe {
        Fe::new(v, self.p)
    }

    /// Whether (x, y) is a point of the curve (coordinates reduced, the equation holds).
    pub fn contains(&self, x: &U512, y: &U512) -> bool {
        if x >= self.p.modulus() || y >= self.p.modulus() {
            return false;
        }
        let (x, y) = (self.fe(x), self.fe(y));
        y.square() == x.square() * x + self.a * x + self.b
    }

    /// Q = d·G: the public key of the private key `d`.
    pub fn public_key(&self, d: &U512) -> Option<(U512, U512)> {
        self.affine(&self.mul(d, &self.g))
    }

    /// The sum of two points by the complete formulas for any a (RCB 2016, algorithm 1): no
    /// exceptions for doubling or the point at infinity, so the ladder needs no branches.
    fn add(&self, p1: &Point, p2: &Point) -> Point {
        let (a, b3) = (self.a, self.b3);
        let (x1, y1, z1, x2, y2, z2) = (p1.x, p1.y, p1.z, p2.x, p2.y, p2.z);
        let mut t0 = x1 * x2;
        let mut t1 = y1 * y2;
        let mut t2 = z1 * z2;
        let mut t3 = (x1 + y1) * (x2 + y2);
        let mut t4 = t0 + t1;
        t3 -= t4;
        t4 = (x1 + z1) * (x2 + z2);
        let mut t5 = t0 + t2;
        t4 -= t5;
        t5 = (y1 + z1) * (y2 + z2);
        let mut x3 = t1 + t2;
        t5 -= x3;
        let mut z3 = a * t4;
        x3 = b3 * t2;
        z3 = x3 + z3;
        x3 = t1 - z3;
        z3 = t1 + z3;
        let mut y3 = x3 * z3;
        t1 = t0 + t0 + t0;
        t2 = a * t2;
        t4 = b3 * t4;
        t1 += t2;
        t2 = t0 - t2;
        t2 = a * t2;
        t4 += t2;
        t0 = t1 * t4;
        y3 += t0;
        t0 = t5 * t4;
        x3 *= t3;
        x3 -= t0;
        t0 = t3 * t1;
        z3 *= t5;
        z3 += t0;
        Point { x: x3, y: y3, z: z3 }
    }

    /// k·P by a Montgomery ladder over all 512 bits of k, with constant-time swaps.
    fn mul(&self, k: &U512, point: &Point) -> Point {
        let zero = Fe::zero(self.p);
        let mut r0 = Point { x: zero, y: Fe::one(self.p), z: zero };
        let mut r1 = *point;
        for i in (0..U512::BITS).rev() {
            let bit: Choice = k.bit(i).into();
            Point::swap(&mut r0, &mut r1, bit);
            r1 = self.add(&r0, &r1);
            r0 = self.add(&r0, &r0);
            Point::swap(&mut r0, &mut r1, bit);
        }
        r1.zeroize();
        r0
    }

    /// The affine coordinates, or `None` for the point at infinity.
    fn affine(&self, point: &Point) -> Option<(U512, U512)> {
        let (inverse, exists) = point.z.invert();
        if !bool::from(Choice::from(exists)) {
            return None;
        }
        Some(((point.x * inverse).retrieve(), (point.y * inverse).retrieve()))
    }

    /// e = α mod q, and 1 where that is 0 (step 2 of the standard).
    fn e(&self, alpha: &U512) -> DynResidue<LIMBS> {
        let e = DynResidue::new(alpha, self.q);
        if e.retrieve() == U512::ZERO {
            DynResidue::one(self.q)
        } else {
            e
        }
    }

    /// The signature (r, s) of the digest number `alpha` with the private key `d` and the nonce
    /// `k` (0 < k < q); `None` when k gives r = 0 or s = 0 and another nonce is needed.
    pub fn sign_with_nonce(&self, d: &U512, alpha: &U512, k: &U512) -> Option<(U512, U512)> {
        let e = self.e(alpha);
        let (x, _) = self.affine(&self.mul(k, &self.g))?;
        let r = DynResidue::new(&x, self.q);
        let mut d = Zeroizing::new(DynResidue::new(d, self.q));
        let mut k = Zeroizing::new(DynResidue::new(k, self.q));
        let s = r * *d + *k * e;
        d.zeroize();
        k.zeroize();
        let (r, s) = (r.retrieve(), s.retrieve());
        (r != U512::ZERO && s != U512::ZERO).then_some((r, s))
    }

    /// Signs the digest number `alpha` with `d`, the nonce drawn from the OS generator.
    pub fn sign(&self, d: &U512, alpha: &U512) -> Result<(U512, U512), getrandom::Error> {
        loop {
            let mut bytes = Zeroizing::new([0u8; 64]);
            getrandom::getrandom(&mut bytes[..])?;
            let k = Zeroizing::new(U512::from_be_slice(&bytes[..]));
            if *k == U512::ZERO || &*k >= self.q() {
                continue;
            }
            if let Some(signature) = self.sign_with_nonce(d, alpha, &k) {
                return Ok(signature);
            }
        }
    }

    /// Whether (r, s) is a signature of the digest number `alpha` by the public key (x, y).
    pub fn verify(&self, key: (&U512, &U512), alpha: &U512, r: &U512, s: &U512) -> bool {
        let q = self.q();
        if !self.contains(key.0, key.1) || *r == U512::ZERO || *s == U512::ZERO || r >= q || s >= q {
            return false;
        }
        let e = self.e(alpha);
        let (v, _) = e.invert();
        let z1 = (DynResidue::new(s, self.q) * v).retrieve();
        let z2 = (-(DynResidue::new(r, self.q) * v)).retrieve();
        let public = Point { x: self.fe(key.0), y: self.fe(key.1), z: Fe::one(self.p) };
        let c = self.add(&self.mul(&z1, &self.g), &self.mul(&z2, &public));
        match self.affine(&c) {
            Some((x, _)) => DynResidue::new(&x, self.q).retrieve() == *r,
            None => false,
        }
    }
}

/// A point in projective coordinates (X : Y : Z); the point at infinity is (0 : 1 : 0).
#[derive(Clone, Copy)]
struct Point {
    x: Fe,
    y: Fe,
    z: Fe,
}

impl Point {
    fn swap(a: &mut Point, b: &mut Point, choice: Choice) {
        Fe::conditional_swap(&mut a.x, &mut b.x, choice);
        Fe::conditional_swap(&mut a.y, &mut b.y, choice);
        Fe::conditional_swap(&mut a.z, &mut b.z, choice);
    }
}

impl Zeroize for Point {
    fn zeroize(&mut self) {
        self.x.zeroize();
        self.y.zeroize();
        self.z.zeroize();
    }
}

/// How the numbers are laid out in bytes: the public key (x then y, 64 bytes each), the
/// signature value (two 64-byte numbers) and the digest read as the number α.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteOrder {
    /// Key coordinates little-endian (else big-endian).
    pub key_little_endian: bool,
    /// The signature's numbers little-endian (else big-endian).
    pub signature_little_endian: bool,
    /// The signature's first half is s (else r).
    pub s_first: bool,
    /// The digest's bytes read little-endian as α (else big-endian).
    pub digest_little_endian: bool,
}

impl ByteOrder {
    /// Every combination, for the tests that show only NCA's order verifies NCA's files.
    pub fn all() -> Vec<ByteOrder> {
        (0..16u8)
            .map(|m| ByteOrder {
                key_little_endian: m & 1 != 0,
                signature_little_endian: m & 2 != 0,
                s_first: m & 4 != 0,
                digest_little_endian: m & 8 != 0,
            })
            .collect()
    }

    fn number(bytes: &[u8], little_endian: bool) -> U512 {
        if little_endian {
            U512::from_le_slice(bytes)
        } else {
            U512::from_be_slice(bytes)
        }
    }

    fn bytes(n: &U512, little_endian: bool) -> [u8; 64] {
        if little_endian {
            n.to_le_bytes()
        } else {
            n.to_be_bytes()
        }
    }

    /// The public key (x, y) from its 128 bytes.
    pub fn key(&self, bytes: &[u8]) -> Option<(U512, U512)> {
        (bytes.len() == 128).then(|| {
            (Self::number(&bytes[..64], self.key_little_endian), Self::number(&bytes[64..], self.key_little_endian))
        })
    }

    pub fn key_bytes(&self, x: &U512, y: &U512) -> Vec<u8> {
        [Self::bytes(x, self.key_little_endian), Self::bytes(y, self.key_little_endian)].concat()
    }

    /// (r, s) from the signature's 128 bytes.
    pub fn signature(&self, bytes: &[u8]) -> Option<(U512, U512)> {
        if bytes.len() != 128 {
            return None;
        }
        let first = Self::number(&bytes[..64], self.signature_little_endian);
        let second = Self::number(&bytes[64..], self.signature_little_endian);
        Some(if self.s_first { (second, first) } else { (first, second) })
    }

    pub fn signature_bytes(&self, r: &U512, s: &U512) -> Vec<u8> {
        let (r, s) = (Self::bytes(r, self.signature_little_endian), Self::bytes(s, self.signature_little_endian));
        if self.s_first {
            [s, r].concat()
        } else {
            [r, s].concat()
        }
    }

    /// α, the number the signature is made over, from the Streebog-512 digest's bytes.
    pub fn alpha(&self, digest: &[u8]) -> U512 {
        Self::number(digest, self.digest_little_endian)
    }
}

/// NCA's order, found from NCA's own certificates and CRL (`tests/gost.rs` verifies every
/// signature of the test PKI with it and shows the fifteen other orders fail): coordinates and
/// signature numbers little-endian, r before s — the bytes of RFC 4491's `s ‖ r` read back to
/// front — and the Streebog digest's bytes read little-endian, as the standard prints them.
pub const NCA_ORDER: ByteOrder =
    ByteOrder { key_little_endian: true, signature_little_endian: true, s_first: false, digest_little_endian: true };

/// A GOST 34.10-2015 private key on NCA's 512-bit curve; zeroized when dropped.
pub struct SecretKey {
    d: U512,
}

impl Drop for SecretKey {
    fn drop(&mut self) {
        self.d.zeroize();
    }
}

impl SecretKey {
    /// The key from the private key octets of NCA's PKCS#8 (64 bytes, little-endian, as NCA
    /// writes its numbers; `tests/gost.rs` checks every container's key against its
    /// certificate).
    pub fn from_nca_bytes(bytes: &[u8]) -> Option<SecretKey> {
        if bytes.len() != 64 {
            return None;
        }
        let key = SecretKey { d: U512::from_le_slice(bytes) };
        (key.d != U512::ZERO && &key.d < Curve::nca_512().q()).then_some(key)
    }

    /// The public key in NCA's 128-byte encoding.
    pub fn public_key_bytes(&self) -> Vec<u8> {
        let (x, y) = Curve::nca_512().public_key(&self.d).unwrap_or((U512::ZERO, U512::ZERO));
        NCA_ORDER.key_bytes(&x, &y)
    }

    /// The signature value (NCA's 128 bytes) over a Streebog-512 digest.
    pub fn sign_digest(&self, digest: &[u8; 64]) -> Result<Vec<u8>, getrandom::Error> {
        let (r, s) = Curve::nca_512().sign(&self.d, &NCA_ORDER.alpha(digest))?;
        Ok(NCA_ORDER.signature_bytes(&r, &s))
    }
}

/// Whether `signature` (NCA's 128 bytes) is the signature of the Streebog-512 `digest` by the
/// public key in NCA's 128-byte encoding.
pub fn verify_digest(key: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    let (Some((x, y)), Some((r, s))) = (NCA_ORDER.key(key), NCA_ORDER.signature(signature)) else {
        return false;
    };
    digest.len() == 64 && Curve::nca_512().verify((&x, &y), &NCA_ORDER.alpha(digest), &r, &s)
}

/// Streebog-512 of `data`, the bytes as the hash function gives them.
pub fn streebog512(data: &[u8]) -> [u8; 64] {
    use streebog::Digest;
    streebog::Streebog512::digest(data).into()
}

/// The 128 bytes of a GOST public key from a subjectPublicKeyInfo (DER): the BIT STRING holds
/// an OCTET STRING with the two coordinates.
pub fn spki_key_bytes(spki: &[u8]) -> Option<Vec<u8>> {
    let node = crate::ber::parse(spki).ok()?;
    let bits = node.child(1)?.octets();
    let inner = crate::ber::parse(bits.get(1..)?).ok()?;
    let bytes = if inner.universal(crate::ber::OCTET_STRING) { inner.octets() } else { bits[1..].to_vec() };
    (bytes.len() == 128).then_some(bytes)
}

/// The key parameters OID of a GOST subjectPublicKeyInfo or PKCS#8 algorithm identifier.
pub fn key_parameters(algorithm: &crate::ber::Node) -> Option<String> {
    algorithm.child(1)?.child(0)?.oid()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> U512 {
        U512::from_be_hex(s)
    }

    /// GOST R 34.10-2012, appendix A.2: the worked example for 512-bit keys.
    #[test]
    fn the_standards_512_bit_example_signs_and_verifies() {
        let c = Curve::standard_example_512();
        let d = h("0BA6048AADAE241BA40936D47756D7C93091A0E8514669700EE7508E508B102072E8123B2200A0563322DAD2827E2714A2636B7BFD18AADFC62967821FA18DD4");
        let e = h("3754F3CFACC9E0615C4F4A7C4D8DAB531B09B6F9C170C533A71D147035B0C5917184EE536593F4414339976C647C5D5A407ADEDB1D560C4FC6777D2972075B8C");
        let k = h("0359E7F4B1410FEACC570456C6801496946312120B39D019D455986E364F365886748ED7A44B3E794434006011842286212273A6D14CF70EA3AF71BB1AE679F1");
        let qx = h("115DC5BC96760C7B48598D8AB9E740D4C4A85A65BE33C1815B5C320C854621DD5A515856D13314AF69BC5B924C8B4DDFF75C45415C1D9DD9DD33612CD530EFE1");
        let qy = h("37C7C90CD40B0F5621DC3AC1B751CFA0E2634FA0503B3D52639F5D7FB72AFD61EA199441D943FFE7F0C70A2759A3CDB84C114E1F9339FDF27F35ECA93677BEEC");
        let r = h("2F86FA60A081091A23DD795E1E3C689EE512A3C82EE0DCC2643C78EEA8FCACD35492558486B20F1C9EC197C90699850260C93BCBCD9C5C3317E19344E173AE36");
        let s = h("1081B394696FFE8E6585E7A9362D26B6325F56778AADBC081C0BFBE933D52FF5823CE288E8C4F362526080DF7F70CE406A6EEB1F56919CB92A9853BDE73E5B4A");
        assert_eq!(c.public_key(&d), Some((qx, qy)), "Q = dG");
        assert_eq!(c.sign_with_nonce(&d, &e, &k), Some((r, s)));
        assert!(c.verify((&qx, &qy), &e, &r, &s));
        assert!(!c.verify((&qx, &qy), &e.wrapping_add(&U512::ONE), &r, &s), "another digest");
        assert!(!c.verify((&qx, &qy), &e, &s, &r), "r and s swapped");
        assert!(!c.verify((&qx, &qy), &e, &r, &s.wrapping_add(&U512::ONE)));
    }

    #[test]
    fn the_curves_base_points_are_on_them_and_of_order_q() {
        for c in [Curve::nca_512(), Curve::standard_example_512()] {
            let (gx, gy) = c.affine(&c.g).unwrap();
            assert!(c.contains(&gx, &gy));
            assert!(c.affine(&c.mul(c.q(), &c.g)).is_none(), "qG is the point at infinity");
            let q_minus_1 = c.q().wrapping_sub(&U512::ONE);
            let (x, y) = c.public_key(&q_minus_1).unwrap();
            assert_eq!(x, gx, "(q-1)G = -G");
            assert_eq!(c.fe(&y) + c.fe(&gy), Fe::zero(c.p));
        }
    }

    #[test]
    fn doubling_and_adding_agree_with_the_ladder() {
        let c = Curve::nca_512();
        let two_g = c.add(&c.g, &c.g);
        let three_g = c.add(&two_g, &c.g);
        assert_eq!(c.affine(&three_g), c.public_key(&U512::from_u8(3)));
        assert_eq!(c.affine(&c.add(&three_g, &two_g)), c.public_key(&U512::from_u8(5)));
    }

    #[test]
    fn keys_sign_digests_that_verify_with_their_public_key_only() {
        let key = SecretKey::from_nca_bytes(&[0x5a; 64]).unwrap();
        let digest = streebog512(b"dispute letter");
        let signature = key.sign_digest(&digest).unwrap();
        assert!(verify_digest(&key.public_key_bytes(), &digest, &signature));
        assert!(!verify_digest(&key.public_key_bytes(), &streebog512(b"dispute letteR"), &signature));
        let other = SecretKey::from_nca_bytes(&[0x5b; 64]).unwrap();
        assert!(!verify_digest(&other.public_key_bytes(), &digest, &signature));
        assert!(SecretKey::from_nca_bytes(&[0; 64]).is_none(), "zero is no key");
        assert!(SecretKey::from_nca_bytes(&[0xff; 64]).is_none(), "not below q");
    }

    #[test]
    fn random_signatures_verify_and_are_bound_to_key_and_digest() {
        let c = Curve::nca_512();
        let d = h("1D2C3B4A5F6E7D8C9BAAB9C8D7E6F5041D2C3B4A5F6E7D8C9BAAB9C8D7E6F5041D2C3B4A5F6E7D8C9BAAB9C8D7E6F5041D2C3B4A5F6E7D8C9BAAB9C8D7E6F504");
        let (qx, qy) = c.public_key(&d).unwrap();
        let alpha = NCA_ORDER.alpha(&streebog512(b"test123"));
        let (r, s) = c.sign(&d, &alpha).unwrap();
        let (r2, _) = c.sign(&d, &alpha).unwrap();
        assert_ne!(r, r2, "a fresh nonce each time");
        assert!(c.verify((&qx, &qy), &alpha, &r, &s));
        let other = NCA_ORDER.alpha(&streebog512(b"test124"));
        assert!(!c.verify((&qx, &qy), &other, &r, &s));
        let (ox, oy) = c.public_key(&U512::from_u8(7)).unwrap();
        assert!(!c.verify((&ox, &oy), &alpha, &r, &s));
    }

    /// The standard's own test vector for Streebog-512 (GOST 34.11-2015, example 1): the
    /// message and the hash are printed there as numbers, so their bytes read back to front.
    #[test]
    fn streebog_matches_the_standards_first_example() {
        let digest = streebog512(b"012345678901234567890123456789012345678901234567890123456789012");
        let mut printed = digest;
        printed.reverse();
        let hex: String = printed.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "486f64c1917879417fef082b3381a4e211c324f074654c38823a7b76f830ad00fa1fbae42b1285c0352f227524bc9ab16254288dd6863dccd5b9f54a1ad0541b");
    }
}
