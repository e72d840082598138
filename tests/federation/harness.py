"""Several nodes on loopback, each a real deployment in miniature: its own PostgreSQL
database, its own gunicorn and its own Celery worker (with beat), all on one Redis
server of their own that a test may stop and start.

Used by the federation test and by bench/cooperation_delivery.py.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parents[2]
# scripts/test.sh's default when DATABASE_URL is not set.
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/fdi"


def node_database_url(code: str, database_url: str | None = None) -> str:
    """Node `code`'s database: on DATABASE_URL's server, named after its database
    (`fdi` gives `fdi_fed_de`). The nodes' databases are dropped and made again on each
    start, so two runs on one server with their own DATABASE_URL keep apart."""
    parts = urlsplit(database_url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    name = parts.path.lstrip("/") or "fdi"
    return urlunsplit(parts._replace(path=f"/{name}_fed_{code.lower()}"))


def admin_database_url(database_url: str | None = None) -> str:
    """The server's `postgres` database, to create and drop the nodes' databases in."""
    if os.environ.get("FEDERATION_ADMIN_DATABASE_URL"):
        return os.environ["FEDERATION_ADMIN_DATABASE_URL"]
    parts = urlsplit(database_url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    return urlunsplit(parts._replace(path="/postgres"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check: Callable[[], Any], *, timeout: float = 180, what: str = "") -> Any:
    """Poll `check` until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"Timed out after {timeout} s waiting for {what or check}")


class Redis:
    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def start(self) -> None:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for(self._answers, what="redis")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False


class Node:
    def __init__(self, code: str, index: int, redis: Redis, workdir: Path) -> None:
        self.code = code
        self.port = free_port()
        self.database_url = node_database_url(code)
        self.database = urlsplit(self.database_url).path.lstrip("/")
        self.admin_url = admin_database_url()
        self.workdir = workdir / code
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.web: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self.public_key = ""
        self.env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"{redis.url}/{index}",
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "NODE_CODE": code,
            "NODE_NAME": f"{code} screening authority",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": f"federation-test-{code}-not-secret",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Nodes talk plain HTTP on loopback; production puts TLS in front (docs/operations.md).
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_BEHIND_TLS_PROXY": "0",
            "MEDIA_ROOT": str(self.workdir / "media"),
            "COOPERATION_SWEEP_SECONDS": "1",
            "COOPERATION_RETRY_SECONDS": "1",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def create(self) -> None:
        admin = psycopg.connect(self.admin_url)
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{self.database}"')
        admin.close()
        self.manage("migrate", "--verbosity", "0")
        self.public_key = self.manage("node_keys").strip()

    def drop(self) -> None:
        admin = psycopg.connect(self.admin_url)
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        admin.close()

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise AssertionError(f"{self.code}: manage.py {' '.join(args)}\n{done.stderr}")
        return done.stdout

    def start_web(self) -> None:
        self.web = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        wait_for(self._answers, what=f"{self.code} web")

    def stop_web(self) -> None:
        if self.web is not None:
            self.web.terminate()
            self.web.wait(timeout=30)
            self.web = None

    def start_worker(self) -> None:
        self.worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-B",
                "--schedule",
                str(self.workdir / "beat-schedule"),
                "--concurrency",
                "2",
                "--loglevel",
                "WARNING",
                "-n",
                f"{self.code.lower()}@localhost",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=self.env,
        )

    def stop_worker(self) -> None:
        if self.worker is not None:
            self.worker.terminate()
            self.worker.wait(timeout=30)
            self.worker = None

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        connection = psycopg.connect(self.env["DATABASE_URL"])
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall() if cursor.description else []
        finally:
            connection.close()

    def received(self) -> list[tuple[str, str]]:
        """(kind, sender) of every message this node received, in order."""
        return self.query(
            "SELECT kind, sender FROM cooperation_message WHERE direction = 'inbound' ORDER BY id"
        )

    def _answers(self) -> bool:
        try:
            urllib.request.urlopen(f"{self.url}/", timeout=5)
        except urllib.error.HTTPError:
            return True  # up, whatever it answers
        except OSError:
            return False
        return True


class Federation:
    """Nodes that know each other's keys, started and torn down together.

    `hub`: the node that relays (the Commission's secure system, docs/cooperation.md
    §13); the others send their 2026/1386 messages through it and accept what it relays.
    `env`: settings every node gets (e.g. the day 2026/1386 applies from)."""

    def __init__(
        self, codes: list[str], *, hub: str | None = None, env: dict[str, str] | None = None
    ) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="fdi-federation-"))
        self.redis = Redis(self.workdir)
        self.nodes = {code: Node(code, i, self.redis, self.workdir) for i, code in enumerate(codes)}
        self.hub = hub
        for node in self.nodes.values():
            node.env.update(env or {})
            if hub is not None:
                node.env.update(
                    {"COOPERATION_RELAY": "1"} if node.code == hub else {"COOPERATION_HUB": hub}
                )

    def __getitem__(self, code: str) -> Node:
        return self.nodes[code]

    def start(self) -> Federation:
        self.redis.start()
        for node in self.nodes.values():
            node.create()
        for node in self.nodes.values():
            for peer in self.nodes.values():
                if peer is not node:
                    node.manage(
                        "add_peer",
                        peer.code,
                        peer.url,
                        peer.public_key,
                        "--name",
                        f"{peer.code} node",
                        *(["--hub"] if peer.code == self.hub else []),
                    )
        for node in self.nodes.values():
            node.start_web()
            node.start_worker()
        return self

    def stop(self) -> None:
        for node in self.nodes.values():
            node.stop_worker()
            node.stop_web()
        self.redis.stop()
        for node in self.nodes.values():
            node.drop()
        shutil.rmtree(self.workdir, ignore_errors=True)
