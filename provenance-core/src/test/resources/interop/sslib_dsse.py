"""Signs and verifies DSSE envelopes with securesystemslib's signature API.

An independent DSSE implementation for interop tests: the PAE is built here, not taken from the
code under test, and every signature goes through securesystemslib's key classes.

  sslib_dsse.py verify ENVELOPE.json PUBLIC.pem KEYTYPE
      exit 0 when every signature in the envelope verifies with the key, 1 otherwise
  sslib_dsse.py sign KEYTYPE PAYLOAD_TYPE PAYLOAD_FILE ENVELOPE_OUT.json PUBLIC_OUT.pem
      generates a key, signs the payload and writes the envelope and the public key (SPKI PEM)

KEYTYPE is ed25519, ecdsa-p256 or rsa-pss (RSASSA-PSS, SHA-256, salt length 32).
"""

import base64
import json
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from securesystemslib import keys
from securesystemslib.signer import Signature, SSlibKey, SSlibSigner

SCHEMES = {
    "ed25519": ("ed25519", "ed25519"),
    "ecdsa-p256": ("ecdsa", "ecdsa-sha2-nistp256"),
    "rsa-pss": ("rsa", "rsassa-pss-sha256"),
}


def pae(payload_type: bytes, payload: bytes) -> bytes:
    return b"DSSEv1 %d %s %d %s" % (len(payload_type), payload_type, len(payload), payload)


def key_for(pem: bytes, keytype: str) -> SSlibKey:
    sslib_type, scheme = SCHEMES[keytype]
    public = serialization.load_pem_public_key(pem)
    if keytype == "ed25519":
        raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        keyval = raw.hex()
    else:
        keyval = public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode()
    key_dict, _ = keys.format_metadata_to_key(
        {"keytype": sslib_type, "scheme": scheme, "keyval": {"public": keyval}}
    )
    return SSlibKey.from_securesystemslib_key(key_dict)


def verify(envelope_path: str, pem_path: str, keytype: str) -> int:
    with open(envelope_path, "rb") as f:
        envelope = json.load(f)
    with open(pem_path, "rb") as f:
        key = key_for(f.read(), keytype)
    payload = base64.b64decode(envelope["payload"], validate=True)
    message = pae(envelope["payloadType"].encode("utf-8"), payload)
    signatures = envelope["signatures"]
    if not signatures:
        print("no signatures", file=sys.stderr)
        return 1
    for s in signatures:
        sig = base64.b64decode(s["sig"], validate=True)
        try:
            key.verify_signature(Signature(key.keyid, sig.hex()), message)
        except Exception as e:  # any failure is a verification failure
            print("signature does not verify: %r" % e, file=sys.stderr)
            return 1
    return 0


def generate(keytype: str) -> dict:
    if keytype == "ed25519":
        return keys.generate_ed25519_key()
    if keytype == "ecdsa-p256":
        return keys.generate_ecdsa_key()
    return keys.generate_rsa_key(bits=3072)


def public_pem(key: dict, keytype: str) -> bytes:
    public = key["keyval"]["public"]
    if keytype == "ed25519":
        pk = ed25519.Ed25519PublicKey.from_public_bytes(bytes.fromhex(public))
        return pk.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    return public.encode()


def sign(keytype: str, payload_type: str, payload_path: str, out_path: str, pem_out: str) -> int:
    key = generate(keytype)
    with open(payload_path, "rb") as f:
        payload = f.read()
    signature = SSlibSigner(key).sign(pae(payload_type.encode("utf-8"), payload))
    envelope = {
        "payloadType": payload_type,
        "payload": base64.b64encode(payload).decode(),
        "signatures": [
            {"keyid": key["keyid"], "sig": base64.b64encode(bytes.fromhex(signature.signature)).decode()}
        ],
    }
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(envelope, f)
    with open(pem_out, "wb") as f:
        f.write(public_pem(key, keytype))
    return 0


def main(argv) -> int:
    if len(argv) == 4 and argv[0] == "verify" and argv[3] in SCHEMES:
        return verify(argv[1], argv[2], argv[3])
    if len(argv) == 6 and argv[0] == "sign" and argv[1] in SCHEMES:
        return sign(argv[1], argv[2], argv[3], argv[4], argv[5])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
