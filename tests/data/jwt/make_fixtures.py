#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mints the JWT fixtures JwtTest and AccessEvaluatorTest read, with python3-jwt
and cryptography: an implementation no one here wrote. Valid tokens expire in
2100, the expired one in 2001, so the committed files stay what they say.
Run it again only to rotate keys: ./make_fixtures.py (writes next to itself)."""

import base64
import hashlib
import hmac
import json
import os

import datetime

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

HERE = os.path.dirname(os.path.abspath(__file__))
HS_SECRET = "cowl-fixture-hmac-secret-0123456789abcdef"
FAR_FUTURE = 4102444800  # 2100-01-01
PAST = 978307200         # 2001-01-01
CLAIMS = {"sub": "carol", "team": "web", "iss": "https://idp.example", "aud": "cowl", "exp": FAR_FUTURE}


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def write(name, text):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(text if text.endswith("\n") else text + "\n")


def pem_private(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def pem_public(key):
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def main():
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    rsa_other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    write("rs256_private.pem", pem_private(rsa_key))
    write("rs256_public.pem", pem_public(rsa_key))
    write("rs256_other_public.pem", pem_public(rsa_other))
    write("es256_private.pem", pem_private(ec_key))
    write("es256_public.pem", pem_public(ec_key))
    write("hs256_secret.txt", HS_SECRET)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.example")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(rsa_key.public_key())
            .serial_number(1).not_valid_before(datetime.datetime(2020, 1, 1))
            .not_valid_after(datetime.datetime(2100, 1, 1)).sign(rsa_key, hashes.SHA256()))
    write("rs256_cert.pem", cert.public_bytes(serialization.Encoding.PEM).decode())
    write("rs1024_public.pem", pem_public(rsa.generate_private_key(public_exponent=65537, key_size=1024)))

    tokens = {
        "hs256_valid": jwt.encode(CLAIMS, HS_SECRET, algorithm="HS256"),
        "rs256_valid": jwt.encode(CLAIMS, rsa_key, algorithm="RS256"),
        "es256_valid": jwt.encode(CLAIMS, ec_key, algorithm="ES256"),
        "hs256_no_exp": jwt.encode({k: v for k, v in CLAIMS.items() if k != "exp"}, HS_SECRET, algorithm="HS256"),
        "hs256_expired": jwt.encode({**CLAIMS, "exp": PAST}, HS_SECRET, algorithm="HS256"),
        "rs256_expired": jwt.encode({**CLAIMS, "exp": PAST}, rsa_key, algorithm="RS256"),
        "hs256_nbf_future": jwt.encode({**CLAIMS, "nbf": FAR_FUTURE - 1}, HS_SECRET, algorithm="HS256"),
        "hs256_wrong_iss": jwt.encode({**CLAIMS, "iss": "https://evil.example"}, HS_SECRET, algorithm="HS256"),
        "hs256_wrong_aud": jwt.encode({**CLAIMS, "aud": "someone-else"}, HS_SECRET, algorithm="HS256"),
        "hs256_aud_list": jwt.encode({**CLAIMS, "aud": ["other", "cowl"]}, HS_SECRET, algorithm="HS256"),
        "hs256_wrong_claim": jwt.encode({**CLAIMS, "team": "db"}, HS_SECRET, algorithm="HS256"),
        "hs256_missing_claim": jwt.encode({k: v for k, v in CLAIMS.items() if k != "team"}, HS_SECRET,
                                          algorithm="HS256"),
        "hs256_wrong_secret": jwt.encode(CLAIMS, HS_SECRET + "-not", algorithm="HS256"),
        "hs512": jwt.encode(CLAIMS, HS_SECRET, algorithm="HS512"),
        "rs256_other_key": jwt.encode(CLAIMS, rsa_other, algorithm="RS256"),
        "ps256": jwt.encode(CLAIMS, rsa_key, algorithm="PS256"),
        "hs256_crit": jwt.encode(CLAIMS, HS_SECRET, algorithm="HS256", headers={"crit": ["exp"]}),
    }
    # Tampered: payload changed after signing, signature kept.
    head, _, sig = tokens["rs256_valid"].split(".")
    tokens["rs256_tampered"] = f"{head}.{b64url(json.dumps({**CLAIMS, 'sub': 'mallory'}).encode())}.{sig}"
    head, body, sig = tokens["es256_valid"].split(".")
    flipped = bytearray(base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4)))
    flipped[5] ^= 0x01
    tokens["es256_bad_signature"] = f"{head}.{body}.{b64url(bytes(flipped))}"
    # alg none, with and without an empty signature.
    none_head = b64url(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    none_body = b64url(json.dumps(CLAIMS).encode())
    tokens["alg_none"] = f"{none_head}.{none_body}."
    tokens["alg_none_nodot"] = f"{none_head}.{none_body}"
    # Confusion: HS256 signed with the RS256 public key PEM as the HMAC secret.
    hs_head = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    signing_input = f"{hs_head}.{none_body}"
    mac = hmac.new(pem_public(rsa_key).encode(), signing_input.encode(), hashlib.sha256).digest()
    tokens["hs256_confused_with_rs256_public_key"] = f"{signing_input}.{b64url(mac)}"

    for name, token in tokens.items():
        write(name + ".jwt", token)


if __name__ == "__main__":
    main()
