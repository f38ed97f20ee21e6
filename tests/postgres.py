"""A throwaway PostgreSQL server for the tests: Debian's `postgresql` binaries (`make test`
installs them where it can) run `initdb` into a temporary folder and `pg_ctl` start a server on
127.0.0.1 and a unix socket in that folder, with durability off (a test database is thrown away);
it is stopped and deleted when the tests end. PostgreSQL refuses to run as root, so under root the
server runs as the `postgres` user the package creates."""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import sqlalchemy as sa

SETTINGS = ("-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 "
            "-c shared_buffers=64MB")


def binaries() -> Path | None:
    """The folder of initdb and pg_ctl: on PATH, else the newest of Debian's versioned folders."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
    return versions[-1].parent if versions else None


class Server:
    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="truceline-pg-"))
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            shutil.chown(self.folder, self.user)
        with socket.socket() as probe:  # a free port (the server takes it a moment later)
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._names = itertools.count()
        data = self.folder / "data"
        self._run("initdb", "-D", str(data), "-U", "truceline", "--auth=trust", "-E", "UTF8", "--no-sync",
                  "--locale=C.UTF-8")
        self._run("pg_ctl", "-D", str(data), "-l", str(self.folder / "server.log"), "-w", "-o",
                  f"-k {self.folder} -h 127.0.0.1 -p {self.port} {SETTINGS}", "start")
        self.admin = sa.create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://truceline@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """The URL of a new, empty database."""
        name = f"test_{next(self._names)}"
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        self.admin.dispose()
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.folder)
