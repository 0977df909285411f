"""Running an external tool with a time limit, and killing all it started when time runs out.

`soffice` is a launcher: the real work happens in a child process (`soffice.bin`). Killing only
the launcher would leave LibreOffice running, so each tool gets its own process group and the
whole group is killed. Output goes to a file rather than a pipe, so a straggling child holding
the pipe open can never make us wait.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from summarydeck.diagnostics import OutputError

TAIL_LINES = 12
_NEW_PROCESS_GROUP: int = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)  # 0 off Windows

# the tools running now, so a process that is stopping (preview's Ctrl-C, with an export under
# way in another thread) can kill them rather than wait for LibreOffice to finish
_RUNNING: set[subprocess.Popen[bytes]] = set()
_GUARD = threading.Lock()
_STOPPED = threading.Event()


@dataclass(frozen=True)
class Finished:
    returncode: int
    timed_out: bool
    seconds: float
    log: Path  # what the tool wrote to stdout and stderr, in order

    def tail(self) -> str:
        """The last lines the tool wrote, indented for an error message ("" if it said nothing)."""
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        lines = [line.rstrip() for line in text.splitlines() if line.strip()][-TAIL_LINES:]
        return "".join(f"\n    {line}" for line in lines)


def run_tool(command: Sequence[str], *, timeout: float, log: Path) -> Finished:
    """Run `command` to the end or for `timeout` seconds, whichever comes first."""
    start = time.monotonic()
    if _STOPPED.is_set():
        raise OutputError(f"{Path(command[0]).name} was not started: summarydeck is stopping")
    with log.open("wb") as out:
        try:
            process = subprocess.Popen(
                list(command),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # POSIX: its own process group
                creationflags=_NEW_PROCESS_GROUP,  # Windows: the same
            )
        except OSError as exc:
            raise OutputError(f"cannot run {command[0]}: {exc.strerror or exc}") from exc
        with _GUARD:
            _RUNNING.add(process)
        timed_out = False
        try:
            if _STOPPED.is_set():  # stopped while it started: it was not in the set yet
                _kill_group(process)
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill_group(process)
        except BaseException:  # Ctrl-C or a failing caller: leave nothing running
            _kill_group(process)
            raise
        finally:
            with _GUARD:
                _RUNNING.discard(process)
    return Finished(process.returncode, timed_out, time.monotonic() - start, log)


def stop_all_tools() -> None:
    """Kill every tool running now (their whole process groups) and start no other until
    `allow_all_tools`: the exports waiting on them fail at once, and clean up after themselves."""
    _STOPPED.set()
    with _GUARD:
        running = list(_RUNNING)
    for process in running:
        _kill_group(process)


def allow_all_tools() -> None:
    _STOPPED.clear()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    if sys.platform == "win32":
        # /T: the tree of processes it started too
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False
        )
    else:
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    with suppress(OSError):
        process.kill()
    process.wait()
