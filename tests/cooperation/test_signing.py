"""Standard Webhooks v1a signatures: what verifies and what does not."""

import time

import pytest

from cooperation.pure.signing import SignatureError, new_key_pair, public_key_of, sign, verify

BODY = b'{"specversion":"1.0","id":"4f1d7c0e-4b1e-4c53-9d7a-1f0c2b3a4d5e"}'
ID = "4f1d7c0e-4b1e-4c53-9d7a-1f0c2b3a4d5e"


def test_a_signed_body_verifies_with_the_senders_public_key():
    keys = new_key_pair()
    headers = sign(ID, int(time.time()), BODY, [keys.secret])

    assert verify(headers, BODY, [keys.public]) == ID
    assert headers["webhook-signature"].startswith("v1a,")


def test_one_changed_byte_fails():
    keys = new_key_pair()
    headers = sign(ID, int(time.time()), BODY, [keys.secret])

    with pytest.raises(SignatureError) as refused:
        verify(headers, BODY.replace(b"1.0", b"1.1"), [keys.public])
    assert refused.value.reason == "signature"


def test_another_nodes_key_fails():
    headers = sign(ID, int(time.time()), BODY, [new_key_pair().secret])

    with pytest.raises(SignatureError):
        verify(headers, BODY, [new_key_pair().public])


def test_an_old_timestamp_is_refused_before_the_signature_is_looked_at():
    keys = new_key_pair()
    headers = sign(ID, int(time.time()) - 3600, BODY, [keys.secret])

    with pytest.raises(SignatureError) as refused:
        verify(headers, BODY, [keys.public])
    assert refused.value.reason == "timestamp"


def test_during_a_rotation_either_key_verifies():
    old, new = new_key_pair(), new_key_pair()
    headers = sign(ID, int(time.time()), BODY, [new.secret, old.secret])

    assert verify(headers, BODY, [old.public]) == ID
    assert verify(headers, BODY, [new.public]) == ID


def test_missing_headers_are_malformed():
    with pytest.raises(SignatureError) as refused:
        verify({"webhook-id": ID}, BODY, [new_key_pair().public])
    assert refused.value.reason == "malformed"


def test_the_public_key_follows_from_the_secret():
    keys = new_key_pair()

    assert public_key_of(keys.secret) == keys.public
