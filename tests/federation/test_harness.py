"""The federation's databases follow DATABASE_URL, so two test runs on one PostgreSQL
server (each with its own DATABASE_URL) never drop each other's nodes. No node starts."""

from tests.federation.harness import Node, Redis, admin_database_url, node_database_url


def test_a_nodes_database_is_named_after_database_urls_database():
    url = node_database_url("DE", "postgres://fdi:secret@db.example:6543/fdi_helpc?sslmode=require")

    assert url == "postgres://fdi:secret@db.example:6543/fdi_helpc_fed_de?sslmode=require"


def test_two_runs_with_their_own_database_url_get_their_own_node_databases():
    first = {
        node_database_url(code, "postgres://postgres@127.0.0.1/fdi_a")
        for code in ["DE", "FR", "EU"]
    }
    second = {
        node_database_url(code, "postgres://postgres@127.0.0.1/fdi_b")
        for code in ["DE", "FR", "EU"]
    }

    assert len(first) == 3
    assert first.isdisjoint(second)


def test_the_names_come_from_the_environments_database_url(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fdi_helpc")
    monkeypatch.delenv("FEDERATION_ADMIN_DATABASE_URL", raising=False)

    assert node_database_url("FR") == "postgres://postgres@127.0.0.1:5432/fdi_helpc_fed_fr"
    assert admin_database_url() == "postgres://postgres@127.0.0.1:5432/postgres"


def test_a_node_runs_on_its_derived_database(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fdi_helpc")

    node = Node("EU", 2, Redis(tmp_path), tmp_path)

    assert node.database == "fdi_helpc_fed_eu"
    assert node.env["DATABASE_URL"] == "postgres://postgres@127.0.0.1:5432/fdi_helpc_fed_eu"
    assert node.env["DJANGO_SECURE_SSL_REDIRECT"] == "0"  # peers speak plain HTTP on loopback
