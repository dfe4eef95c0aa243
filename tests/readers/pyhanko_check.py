"""pyHanko as a second independent CMS verifier (beside OpenSSL) of Seller Desk's signatures.

    python pyhanko_check.py SIG.cms [--content FILE] --trust ROOT.pem [--other CA.pem] [--crl F.crl]...

Validates the CMS signature (detached when --content is given) offline: the trust roots are the
given ones only, intermediate CA certificates come from --other, revocation from the given CRLs
(hard-fail: a signer without revocation information is not trusted). Prints one JSON object per
signer: {"intact", "valid", "trusted", "revoked", "bottom_line"}.
"""

import argparse
import asyncio
import json
import logging

from asn1crypto import cms, pem, x509
from pyhanko.sign.validation import generic_cms
from pyhanko_certvalidator import ValidationContext


def der_values(path):
    data = open(path, "rb").read()
    if pem.detect(data):
        return [der for _, _, der in pem.unarmor(data, multiple=True)]
    return [data]


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cms")
    parser.add_argument("--content")
    parser.add_argument("--trust", action="append", default=[])
    parser.add_argument("--other", action="append", default=[])
    parser.add_argument("--crl", action="append", default=[])
    args = parser.parse_args()

    roots = [x509.Certificate.load(d) for p in args.trust for d in der_values(p)]
    others = [x509.Certificate.load(d) for p in args.other for d in der_values(p)]
    crls = [d for p in args.crl for d in der_values(p)]
    context = ValidationContext(
        trust_roots=roots, other_certs=others, crls=crls, allow_fetching=False, revocation_mode="hard-fail"
    )
    info = cms.ContentInfo.load(open(args.cms, "rb").read())
    signed_data = info["content"]
    if args.content:
        status = await generic_cms.async_validate_detached_cms(
            open(args.content, "rb").read(), signed_data, signer_validation_context=context
        )
    else:
        status = await generic_cms.async_validate_cms_signature(
            signed_data, status_cls=generic_cms.StandardCMSSignatureStatus, validation_context=context
        )
    print(json.dumps({
        "intact": bool(status.intact),
        "valid": bool(status.valid),
        "trusted": bool(status.trusted),
        "revoked": bool(status.revoked),
        "bottom_line": bool(status.bottom_line),
    }))


# pyHanko logs each refusal with its traceback; the verdict printed is what the tests read.
logging.disable(logging.CRITICAL)
asyncio.run(main())
