"""A private PostgreSQL server for the connection tests: password authentication and TLS.

The shared test server trusts every connection from 127.0.0.1, so it can never say "wrong
password" or "TLS required". This one is started by the tests on a free port, in a temporary
folder, with its own ``pg_hba.conf`` (scram-sha-256 everywhere; one account allowed over TLS
only; one refused outright) and a throw-away self-signed certificate; it is stopped and removed
afterwards. ``start_cluster`` returns None when PostgreSQL's server programs or ``openssl`` are
not installed (the tests needing it are then skipped, and say why).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"
SUPERUSER_PASSWORD = "Sup3r-secret"
TLS_ONLY = "tls_only"
REFUSED = "refused_here"
PASSWORD = "Bon-mot-2026"  # secretariat's, lecteur's, sans_login's and refused_here's
TLS_PASSWORD = "Tls-mot-2026"

# The accounts and databases every connection test finds on the server.
SETUP = (
    f"CREATE ROLE secretariat LOGIN PASSWORD '{PASSWORD}'",
    f"CREATE ROLE lecteur LOGIN PASSWORD '{PASSWORD}'",
    f"CREATE ROLE sans_login NOLOGIN PASSWORD '{PASSWORD}'",
    f"CREATE ROLE {TLS_ONLY} LOGIN PASSWORD '{TLS_PASSWORD}'",
    f"CREATE ROLE {REFUSED} LOGIN PASSWORD '{PASSWORD}'",
    "CREATE DATABASE vitrail OWNER secretariat",
    "CREATE DATABASE fermee OWNER secretariat",
    "REVOKE CONNECT ON DATABASE fermee FROM PUBLIC",
)

HBA = f"""\
hostssl all {TLS_ONLY} 127.0.0.1/32 scram-sha-256
hostnossl all {TLS_ONLY} 127.0.0.1/32 reject
host all {REFUSED} 127.0.0.1/32 reject
host all all 127.0.0.1/32 scram-sha-256
"""


@dataclass
class Cluster:
    """A running private server; ``url(user)`` names a database on it without a password."""

    folder: Path
    bin_dir: Path
    port: int
    run_as: list[str]

    def url(self, user: str, database: str = "postgres", query: str = "") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}{'?' + query if query else ''}"

    def admin_url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}:{SUPERUSER_PASSWORD}@127.0.0.1:{self.port}/{database}"

    def run(self, *statements: str) -> None:
        """Run statements as the superuser, each on its own (CREATE DATABASE needs no transaction)."""
        from sqlalchemy import create_engine, text

        engine = create_engine(self.admin_url(), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                for statement in statements:
                    connection.execute(text(statement))
        finally:
            engine.dispose()

    def stop(self) -> None:
        subprocess.run([*self.run_as, str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"),
                        "-m", "immediate", "stop"], capture_output=True, check=False, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


def _bin_dir() -> Path | None:
    found = shutil.which("pg_config")
    if found:
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True, check=False).stdout.strip()
        if out and (Path(out) / "initdb").exists():
            return Path(out)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_cluster() -> Cluster | None:
    """Start the private server, or None (with nothing left behind) when it cannot run here."""
    bin_dir = _bin_dir()
    if bin_dir is None or shutil.which("openssl") is None:
        return None
    run_as: list[str] = []
    owner = None
    if os.geteuid() == 0:  # the server refuses to run as root: run it as the postgres account
        if shutil.which("runuser") is None:
            return None
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            return None
        run_as = ["runuser", "-u", "postgres", "--"]
    folder = Path(tempfile.mkdtemp(prefix="vitrail-pg-"))
    cluster = Cluster(folder, bin_dir, _free_port(), run_as)
    try:
        (folder / "pw").write_text(SUPERUSER_PASSWORD + "\n", encoding="utf-8")
        if owner is not None:
            os.chown(folder, owner.pw_uid, owner.pw_gid)
            os.chown(folder / "pw", owner.pw_uid, owner.pw_gid)
        data = folder / "data"
        subprocess.run([*run_as, str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "-A", "scram-sha-256",
                        f"--pwfile={folder / 'pw'}", "-E", "UTF8", "--no-sync", "--locale=C"],
                       capture_output=True, check=True, timeout=120)
        subprocess.run(["openssl", "req", "-new", "-x509", "-days", "2", "-nodes", "-subj", "/CN=127.0.0.1",
                        "-keyout", str(data / "server.key"), "-out", str(data / "server.crt")],
                       capture_output=True, check=True, timeout=60)
        (data / "pg_hba.conf").write_text(HBA, encoding="utf-8")
        os.chmod(data / "server.key", 0o600)
        if owner is not None:
            for name in ("server.key", "server.crt", "pg_hba.conf"):
                os.chown(data / name, owner.pw_uid, owner.pw_gid)
        options = (f"-p {cluster.port} -k {folder} -c listen_addresses=127.0.0.1 -c ssl=on -c fsync=off "
                   "-c max_connections=20 -c shared_buffers=16MB")
        subprocess.run([*run_as, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"),
                        "-w", "-t", "60", "-o", options, "start"], capture_output=True, check=True, timeout=90)
        cluster.run(*SETUP)
    except (OSError, subprocess.SubprocessError):
        cluster.stop()
        return None
    except BaseException:
        cluster.stop()
        raise
    return cluster
