"""A throwaway OpenSSH server on 127.0.0.1 for the end-to-end test over a real SSH session.

It runs in the foreground (`sshd -D -e`) on a free port, with its own host key, its own client key and an
authorized_keys file of that one key, all in a temporary folder; it only lets the current user in. `stop()`
ends it and the sessions it started, and checks that nothing is left listening.
"""

from __future__ import annotations

import getpass
import grp
import os
import shlex
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from .terminal import Terminal

SSHD_CANDIDATES = ("/usr/sbin/sshd", "/usr/local/sbin/sshd")
PRIVSEP_DIR = Path("/run/sshd")  # Debian's privilege separation folder; a root sshd refuses to start without it


def find_sshd() -> str | None:
    """The sshd executable (often outside a normal user's PATH), or None when openssh-server is missing."""
    found = shutil.which("sshd")
    if found:
        return found
    return next((path for path in SSHD_CANDIDATES if os.access(path, os.X_OK)), None)


def missing_tools() -> list[str]:
    """What the SSH test needs and this machine lacks."""
    missing = [] if find_sshd() else ["sshd (openssh-server)"]
    return missing + [tool for tool in ("ssh", "ssh-keygen") if not shutil.which(tool)]


def why_no_terminal() -> str | None:
    """Why an sshd run by this user could not give the session a terminal, or None when it can.

    sshd makes each session's pty belong to group tty; only root may change a file's group to one it is not
    in, so a non-root sshd works only where new ptys already come in group tty (devpts mounted with gid=5,
    as on a usual Linux machine); otherwise it dies with "chown(/dev/pts/N, ...) failed"."""
    if os.geteuid() == 0:
        return None
    try:
        tty_group = grp.getgrnam("tty").gr_gid
    except KeyError:
        return None  # then sshd keeps the user's own group
    main, secondary = os.openpty()
    try:
        group = os.fstat(secondary).st_gid
    finally:
        os.close(main)
        os.close(secondary)
    if group == tty_group:
        return None
    return (f"a non-root sshd cannot hand out a terminal here: new ptys are in group {group}, not tty "
            f"({tty_group}); mount devpts with gid={tty_group} or run the tests as root")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers_ssh(port: int) -> bool:
    """True when an SSH server greets on 127.0.0.1:port (not just anything accepting connections)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
            connection.settimeout(1)
            return connection.recv(64).startswith(b"SSH-")
    except OSError:
        return False


def accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def descendants(pid: int) -> list[int]:
    """Every living process below `pid` (the sshd's per-connection children call setsid, so no process group
    holds them all); read from /proc, empty where there is none."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            # The command name in (parentheses) may hold spaces: the parent pid comes after its closing one.
            parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, its_parent in parents.items() if its_parent == parent]
        found += children
        frontier += children
    return found


class Sshd:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.user = getpass.getuser()
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.log = folder / "sshd.log"
        folder.mkdir(parents=True, exist_ok=True)
        self.host_key = self._keygen("host_ed25519")
        self.client_key = self._keygen("client_ed25519")
        self.authorized_keys = folder / "authorized_keys"
        self.authorized_keys.write_text(self.client_key.with_suffix(".pub").read_text())
        self.authorized_keys.chmod(0o600)

    def _keygen(self, name: str) -> Path:
        key = self.folder / name
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"eujobs-test-{name}", "-f", str(key)],
                       check=True, capture_output=True)
        return key

    def _config(self) -> Path:
        config = self.folder / "sshd_config"
        config.write_text("\n".join([
            f"Port {self.port}",
            "ListenAddress 127.0.0.1",
            f"HostKey {self.host_key}",
            f"PidFile {self.folder / 'sshd.pid'}",
            f"AuthorizedKeysFile {self.authorized_keys}",
            f"AllowUsers {self.user}",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "StrictModes no",
            "UsePAM no",
            "PermitRootLogin yes",  # the tests may run as root (a CI container); only our key gets in anyway
            "PermitTTY yes",
            "X11Forwarding no",
            "AllowTcpForwarding no",
            "PrintMotd no",
            "PrintLastLog no",
            "UseDNS no",
            "LogLevel INFO",
            "",
        ]))
        return config

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def start(self, timeout: float = 10.0) -> None:
        sshd = find_sshd()
        assert sshd, "sshd is not installed"
        if os.geteuid() == 0:
            PRIVSEP_DIR.mkdir(mode=0o755, exist_ok=True)
        for _attempt in range(3):  # another program may take the free port between the probe and sshd's bind
            self.port = free_port()
            with self.log.open("ab") as log:
                self.process = subprocess.Popen([sshd, "-D", "-e", "-f", str(self._config())],
                                                stdin=subprocess.DEVNULL, stdout=log, stderr=log)
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and self.process.poll() is None:
                if answers_ssh(self.port):
                    return
                time.sleep(0.05)
            if self.process.poll() is None:
                self.stop()
                raise AssertionError(f"sshd did not answer on 127.0.0.1:{self.port} within {timeout} s:\n"
                                     + self.log_text())
            if "Address already in use" not in self.log_text():
                raise AssertionError(f"sshd exited with {self.process.returncode}:\n{self.log_text()}")
        raise AssertionError(f"sshd found no free port in 3 tries:\n{self.log_text()}")

    def stop(self) -> None:
        """End sshd and whatever sessions it still runs; fail if it or its port outlives this."""
        if self.process is None:
            return
        process, self.process = self.process, None
        sessions = descendants(process.pid)
        for pid in sessions:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 3  # let sshd reap its sessions before it goes
        while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in sessions):
            time.sleep(0.05)
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        assert process.poll() is not None, "sshd is still running"
        assert not accepts(self.port), f"something still listens on 127.0.0.1:{self.port} after sshd stopped"

    def ssh_command(self, remote_command: str) -> list[str]:
        """`ssh -tt` to this server as the current user, with the throwaway key and no user or system config."""
        return [
            "ssh", "-tt", "-F", "/dev/null", "-p", str(self.port), "-i", str(self.client_key),
            "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10",
            f"{self.user}@127.0.0.1", remote_command,
        ]


def remote_shell_line(folder: Path, *argv: str, env: dict[str, str], path_first: Path, before: str = "") -> str:
    """A command line for the remote login shell: go to `folder`, run `before` (a shell command, if any), then
    exec argv with env added and `path_first` put ahead of the session's own PATH."""
    assignments = " ".join(f"{name}={shlex.quote(value)}" for name, value in env.items())
    path = f'PATH={shlex.quote(str(path_first))}:"$PATH"'
    steps = [f"cd {shlex.quote(str(folder))}", *([before] if before else []),
             f"exec env {assignments} {path} " + " ".join(shlex.quote(arg) for arg in argv)]
    return " && ".join(steps)


class CommandTerminal(Terminal):
    """tests.terminal.Terminal (screen, waits, keys) around any command instead of the `eujobs` executable."""

    def __init__(self, argv: list[str], columns: int = 80, lines: int = 24, env: dict[str, str] | None = None) -> None:
        super().__init__(columns=columns, lines=lines, env=env, program=argv)
