"""This node's private signing key is encrypted at rest with a key from the environment."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cooperation import keys, peers
from cooperation.models import NodeKey
from cooperation.pure import signing


def stored_rows():
    """Every node key row as the database holds it, all columns as text."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT row_to_json(k)::text FROM cooperation_nodekey k")
        return [row[0] for row in cursor.fetchall()]


def test_the_database_holds_no_private_key_in_clear(node_key):
    assert len(stored_rows()) == 1
    assert "whsk_" not in stored_rows()[0]


def test_the_node_signs_with_its_decrypted_key(node_key):
    secret = peers.signing_secrets()[0]

    assert signing.public_key_of(secret) == node_key.public_key


def test_a_key_encrypted_under_an_encryption_key_no_longer_given_is_refused_plainly(
    node_key, settings
):
    settings.SECRET_KEY = "another-secret-key"  # the derived key it was encrypted with

    with pytest.raises(keys.NodeKeyUnreadable, match="cannot be decrypted"):
        peers.signing_secrets()


def test_the_command_says_what_to_do_instead_of_a_traceback(node_key, settings):
    settings.SECRET_KEY = "another-secret-key"

    with pytest.raises(CommandError, match="NODE_KEY_ENCRYPTION_KEY"):
        call_command("node_keys")


def test_without_any_encryption_key_the_command_says_what_to_set(node_key, settings):
    settings.SECRET_KEY = ""  # no explicit key either: nothing to derive one from

    with pytest.raises(CommandError, match="DJANGO_SECRET_KEY is not set"):
        call_command("node_keys")


def test_a_malformed_encryption_key_is_named(db, settings):
    settings.NODE_KEY_ENCRYPTION_KEY = "not-a-key"

    with pytest.raises(keys.NodeKeyUnreadable, match="NODE_KEY_ENCRYPTION_KEY: key 1 is not"):
        peers.create_node_key()


def test_rotating_the_encryption_key_encrypts_every_key_again(node_key, settings, capsys):
    new = Fernet.generate_key().decode()
    settings.NODE_KEY_ENCRYPTION_KEY = new  # the derived key still decrypts after it

    call_command("node_keys", "--reencrypt")

    assert "1 signing key(s) encrypted again" in capsys.readouterr().out
    token = NodeKey.objects.get().secret_key_encrypted
    assert signing.public_key_of(Fernet(new).decrypt(token.encode()).decode()) == (
        node_key.public_key
    )


def test_after_rotation_the_old_encryption_key_is_no_longer_needed(node_key, settings):
    settings.NODE_KEY_ENCRYPTION_KEY = Fernet.generate_key().decode()
    peers.reencrypt_node_keys()

    settings.SECRET_KEY = "another-secret-key"  # the old (derived) key is gone

    assert signing.public_key_of(peers.signing_secrets()[0]) == node_key.public_key


def test_a_rotated_signing_key_and_its_predecessor_both_decrypt(db):
    old = peers.create_node_key()
    new = peers.create_node_key()

    publics = [signing.public_key_of(secret) for secret in peers.signing_secrets()]

    assert publics == [new.public_key, old.public_key]


@pytest.mark.django_db(transaction=True)
def test_keys_stored_in_clear_before_are_encrypted_by_the_migration():
    before = ("cooperation", "0003_message_read")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old_state = executor.loader.project_state([before]).apps
    pair = signing.new_key_pair()
    old_state.get_model("cooperation", "NodeKey").objects.create(
        public_key=pair.public, secret_key=pair.secret
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to where every test runs

    assert "whsk_" not in stored_rows()[0]
    assert peers.signing_secrets() == [pair.secret]
