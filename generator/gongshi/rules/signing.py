"""Signatures of the publication record: anyone can recompute a hash chain, nobody can forge a key.

The record's hash chain shows that entries were not changed one by one, but a
person who can edit the file can append a batch and recompute every hash. So
each entry is also signed with the office's Ed25519 key: the private key lives
in a file outside the repository, named by the environment variable
GONGSHI_RECORD_KEY (`gongshi keygen` makes one); the public key is committed as
`content/record-key.pub` and published with the site. Once a portal has a
public key, the last entry and every entry after the first signed one must
carry a valid signature; an entry signed before the key was made is covered by
the chain of the signed entry after it.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from gongshi.problems.errors import ConfigError

KEY_ENV = "GONGSHI_RECORD_KEY"
PUBLIC_KEY_FILE = "record-key.pub"  # in the content folder, beside the record


@dataclass(frozen=True)
class PublicKey:
    key: Ed25519PublicKey
    text: str  # base64 of the raw 32 bytes, as the file holds it

    def verifies(self, entry_hash: str, signature: str) -> bool:
        try:
            self.key.verify(base64.b64decode(signature, validate=True), entry_hash.encode("ascii"))
        except (InvalidSignature, binascii.Error, ValueError):
            return False
        return True


def read_public_key(text: str) -> PublicKey | None:
    """The key of a `record-key.pub` file, or None if it is not one."""
    line = text.strip()
    try:
        raw = base64.b64decode(line, validate=True)
        return PublicKey(Ed25519PublicKey.from_public_bytes(raw), line)
    except (binascii.Error, ValueError):
        return None


@dataclass(frozen=True)
class Signer:
    key: Ed25519PrivateKey

    def sign(self, entry_hash: str) -> str:
        return base64.b64encode(self.key.sign(entry_hash.encode("ascii"))).decode("ascii")


def signer_from_environment(public: PublicKey) -> Signer:
    """The office's private key, named by GONGSHI_RECORD_KEY; it must match the committed public key."""
    path = os.environ.get(KEY_ENV)
    if not path:
        raise ConfigError.of("record.key-missing", env=KEY_ENV)
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise ConfigError.of("record.key-unreadable", path=path, error=str(exc)) from exc
    if not isinstance(key, Ed25519PrivateKey) or _public_text(key) != public.text:
        raise ConfigError.of("record.key-mismatch", path=path, public=PUBLIC_KEY_FILE)
    return Signer(key)


def signer_from_pem(pem: bytes) -> Signer:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 key")
    return Signer(key)


def new_key() -> tuple[bytes, str]:
    """(the private key as PEM, the public key's line): for `gongshi keygen`."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return pem, _public_text(key)


def _public_text(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")
