"""An independent GOST 34.10-2012 / 34.11-2012 check of Seller Desk's signatures (gostcrypto).

gostcrypto writes every number big-endian, r before s (public key x || y, signature r || s), and
reads the digest's bytes as a big-endian number. NCA RK (and so Seller Desk) writes the numbers
little-endian: the public key is x || y with each coordinate's bytes reversed, the signature is
r || s with each half reversed, and the Streebog digest (the bytes as the hash gives them, the
same in both) is read as a little-endian number, so gostcrypto is given the digest reversed.

    python gost_check.py verify < cases.json   # [{key, message, signature}] (hex, NCA order)
        -> [true|false, ...]; also checks that gostcrypto's Streebog gives the same digest
    python gost_check.py sign N                 # N signatures by fresh gostcrypto keys
        -> [{key, message, signature}] in NCA order, for Seller Desk's verifier
"""

import json
import os
import sys

import gostcrypto

CURVE = gostcrypto.gostsignature.CURVES_R_1323565_1_024_2019["id-tc26-gost-3410-12-512-paramSetA"]


def halves_reversed(b: bytes) -> bytes:
    """NCA order <-> gostcrypto order: each 64-byte half back to front."""
    return b[:64][::-1] + b[64:][::-1]


def digest_for_gostcrypto(message: bytes) -> bytearray:
    h = gostcrypto.gosthash.new("streebog512", data=message).digest()
    return bytearray(h[::-1])


def signer():
    return gostcrypto.gostsignature.new(gostcrypto.gostsignature.MODE_512, CURVE)


def verify(cases):
    out = []
    for case in cases:
        key = bytearray(halves_reversed(bytes.fromhex(case["key"])))
        signature = bytearray(halves_reversed(bytes.fromhex(case["signature"])))
        digest = digest_for_gostcrypto(bytes.fromhex(case["message"]))
        out.append(bool(signer().verify(key, digest, signature)))
    return out


def sign(n):
    out = []
    q = CURVE["q"]
    for i in range(n):
        d = 0
        while not 0 < d < q:
            d = int.from_bytes(os.urandom(64), "big")
        private = bytearray(d.to_bytes(64, "big"))
        public = signer().public_key_generate(bytearray(private))
        message = os.urandom(1 + i * 37 % 300)
        signature = signer().sign(bytearray(private), digest_for_gostcrypto(message))
        out.append({
            "key": halves_reversed(bytes(public)).hex(),
            "message": message.hex(),
            "signature": halves_reversed(bytes(signature)).hex(),
        })
    return out


if __name__ == "__main__":
    if sys.argv[1] == "verify":
        print(json.dumps(verify(json.load(sys.stdin))))
    elif sys.argv[1] == "sign":
        print(json.dumps(sign(int(sys.argv[2]))))
    else:
        sys.exit("usage: gost_check.py verify|sign N")
