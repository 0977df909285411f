"""The slow part of the hostile corpus: faults while a deck is written, and bombs.

Each case runs the real `summarydeck` command in a child process, under an address-space limit
(RLIMIT_AS) and a time limit, in a scratch folder outside the repository, and checks the
README's promise: an earlier good deck is never damaged, nothing is written outside the output
folder, and the command ends with a plain message and an exit status (never a traceback or a
hang). At the end it prints a table: case, outcome, time, peak memory.

    .venv/bin/python scripts/hostile_slow.py              # every case
    .venv/bin/python scripts/hostile_slow.py --kills 60   # more kill -9 moments (default 40)
    .venv/bin/python scripts/hostile_slow.py --only disk  # the cases whose name contains "disk"

Cases that need root (a full disk on a small tmpfs; a read-only mount, since root ignores a
folder's mode) are skipped with a note where mounting is not permitted. The fast versions of
these cases run in the test suite: tests/test_hostile_output.py. Exit status 1 when any case
fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "content" / "golden"
MEMORY = 2 * 1024**3  # RLIMIT_AS of every child: a build needs a few hundred MB
TIME_LIMIT = 120.0  # seconds before a child counts as hung and is killed
OLD_TEXT = "Short and *true*."


@dataclass
class Run:
    """One finished child: exit status (negative: the signal that ended it), output, time,
    peak resident memory."""

    status: int
    output: str
    seconds: float
    peak_mb: float
    hung: bool = False


@dataclass
class Outcome:
    case: str
    ok: bool | None  # None: skipped
    said: str
    seconds: float = 0.0
    peak_mb: float = 0.0


@dataclass
class Scene:
    """Scratch folders: content folders all named `content` (speaker notes name the folder,
    so decks built from them are byte-comparable), reference decks, and one output folder."""

    root: Path
    contents: list[Path] = field(default_factory=list)
    references: list[bytes] = field(default_factory=list)

    @property
    def deck(self) -> Path:
        return self.root / "out" / "deck.pptx"


def child_limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def start(*args: str, cwd: Path) -> tuple[subprocess.Popen[bytes], Path]:
    log = Path(tempfile.mkstemp(prefix="out-", suffix=".log", dir=cwd)[1])
    with log.open("wb") as sink:
        child = subprocess.Popen(
            [sys.executable, "-m", "summarydeck", *args],
            stdout=sink,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            preexec_fn=child_limits,
        )
    return child, log


def finish(child: subprocess.Popen[bytes], log: Path, started: float) -> Run:
    """Wait for the child (killing it after TIME_LIMIT), with its own peak memory."""
    timer = threading.Timer(TIME_LIMIT, kill, (child,))
    timer.start()
    try:
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    hung = time.monotonic() - started >= TIME_LIMIT
    # paths said from the scratch folder, so the table stays readable
    output = log.read_text(encoding="utf-8", errors="replace").replace(f"{log.parent}/", "")
    log.unlink()
    seconds = time.monotonic() - started
    return Run(child.returncode, output, seconds, usage.ru_maxrss / 1024, hung)


def kill(child: subprocess.Popen[bytes]) -> None:
    """kill -9, leaving the child to `finish` to reap (Popen.kill would reap one that ended)."""
    with suppress(ProcessLookupError):
        os.kill(child.pid, signal.SIGKILL)


def exited(child: subprocess.Popen[bytes]) -> bool:
    """Whether the child has ended, without reaping it (`finish` needs its resource usage)."""
    flags = os.WEXITED | os.WNOHANG | os.WNOWAIT
    return os.waitid(os.P_PID, child.pid, flags) is not None


def run(*args: str, cwd: Path) -> Run:
    started = time.monotonic()
    child, log = start(*args, cwd=cwd)
    return finish(child, log, started)


def build_args(content: Path, deck: Path) -> tuple[str, ...]:
    return ("build", "--content", str(content), "--out", str(deck))


def scene(root: Path, count: int = 2) -> Scene:
    """`count` content folders, each deck different, their reference decks, and the first
    one built into `out/`."""
    made = Scene(root)
    for number in range(count):
        content = root / f"c{number}" / "content"
        shutil.copytree(GOLDEN, content)
        if number:
            text = (content / "deck.yaml").read_text(encoding="utf-8")
            new = text.replace(OLD_TEXT, f"Short and *true, take {number}*.")
            (content / "deck.yaml").write_text(new, encoding="utf-8")
        reference = root / f"ref{number}" / "deck.pptx"
        done = run(*build_args(content, reference), cwd=root)
        if done.status != 0:
            raise SystemExit(f"the reference build failed:\n{done.output}")
        made.contents.append(content)
        made.references.append(reference.read_bytes())
    shutil.copytree(root / "ref0", made.deck.parent)
    manifest = json.loads((made.deck.parent / "deck.manifest.json").read_text("utf-8"))
    assert manifest["deck"] == "deck.pptx"
    return made


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".old")))


def consistent(found: Scene) -> str:
    """'' when the deck is one of the reference decks with its own manifest; else what's wrong."""
    data = found.deck.read_bytes() if found.deck.is_file() else b""
    if data not in found.references:
        return "the deck is none of the complete decks (damaged or missing)"
    manifest = json.loads(found.deck.with_name("deck.manifest.json").read_text("utf-8"))
    if manifest["sha256"] != hashlib.sha256(data).hexdigest():
        return "the manifest describes another deck"
    return ""


def traceback_in(output: str) -> bool:
    return "Traceback" in output or "internal error" in output


# --- the cases ---------------------------------------------------------------------------------


def kills(root: Path, count: int, seed: int) -> list[Outcome]:
    """kill -9 at random moments: half anywhere in a build's life, half just after its first
    file is staged (the moment the old deck is most at risk). After each kill the deck is one of
    the two complete decks, and the next build (run to the end) leaves no temporary file."""
    found, rng = scene(root), random.Random(seed)
    baseline = run(*build_args(found.contents[1], root / "timing.pptx"), cwd=root).seconds
    results: list[Outcome] = []
    for mode in ("anywhere", "staged"):
        landed = {"old": 0, "new": 0}
        problems: list[str] = []
        started, peak = time.monotonic(), 0.0
        for number in range(count // 2):
            content = found.contents[(number + 1) % 2]
            moment = time.monotonic()
            child, log = start(*build_args(content, found.deck), cwd=root)
            if mode == "anywhere":
                time.sleep(rng.uniform(0, baseline * 1.1))
            else:
                _await_staged(child, found.deck.parent)
                time.sleep(rng.uniform(0, 0.01))
            kill(child)
            done = finish(child, log, moment)
            peak = max(peak, done.peak_mb)
            wrong = consistent(found)
            if wrong:
                problems.append(f"kill {number}: {wrong}")
            else:
                landed["new" if found.deck.read_bytes() == found.references[1] else "old"] += 1
            after = run(*build_args(content, found.deck), cwd=root)  # the next build, whole
            left = leftovers(found.deck.parent)
            if after.status != 0 or left:
                problems.append(f"kill {number}: the next build exited {after.status}, left {left}")
        kind = "at random moments" if mode == "anywhere" else "just after a file is staged"
        said = (
            f"{count // 2} kills: the deck was whole every time (old {landed['old']}, new "
            f"{landed['new']}); the next build left no temporary file"
            if not problems
            else "; ".join(problems[:3])
        )
        results.append(
            Outcome(f"kill -9 {kind}", not problems, said, time.monotonic() - started, peak)
        )
    return results


def _await_staged(child: subprocess.Popen[bytes], out: Path) -> None:
    deadline = time.monotonic() + TIME_LIMIT
    while not exited(child) and time.monotonic() < deadline:
        with os.scandir(out) as entries:
            if any(entry.name.endswith(".tmp") for entry in entries):
                return
        time.sleep(0.0002)  # leave the child most of a core


def at_once(root: Path, count: int, rounds: int = 5) -> Outcome:
    """`count` builds of different content into one deck at the same moment, `rounds` times."""
    found = scene(root, count)
    problems: list[str] = []
    started, peak = time.monotonic(), 0.0
    for number in range(rounds):
        moment = time.monotonic()
        children = [start(*build_args(c, found.deck), cwd=root) for c in found.contents]
        runs = [finish(child, log, moment) for child, log in children]
        peak = max([peak, *(r.peak_mb for r in runs)])
        if any(r.status != 0 or traceback_in(r.output) for r in runs):
            problems.append(f"round {number}: exits {[r.status for r in runs]}")
        wrong = consistent(found) or (
            "temporary files left" if leftovers(found.deck.parent) else ""
        )
        if wrong:
            problems.append(f"round {number}: {wrong}")
    said = (
        f"{rounds} rounds: every build exit 0, one whole deck with its own manifest, no leftovers"
        if not problems
        else "; ".join(problems[:3])
    )
    return Outcome(f"{count} builds at once", not problems, said, time.monotonic() - started, peak)


@contextmanager
def mounted(folder: Path, options: str) -> Iterator[bool]:
    """A tmpfs at `folder` (True), or False where mounting is not permitted."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    try:
        yield done.returncode == 0
    finally:
        if done.returncode == 0:
            subprocess.run(["umount", str(folder)], check=False)


def disk_full(root: Path) -> Outcome:
    """The output folder on a 1 MB tmpfs, filled to leave 0 to 128 KB free: each build either
    writes the whole set (deck, manifest, review) or fails with exit 3 leaving the old set."""
    found = scene(root)
    out = found.deck.parent
    saved = {p.name: p.read_bytes() for p in out.iterdir()}
    shutil.rmtree(out)
    started, peak, problems, counts = time.monotonic(), 0.0, [], {"written": 0, "refused": 0}
    with mounted(out, "size=1m") as ok:
        if not ok:
            return Outcome("disk full (tmpfs)", None, "skipped: mount is not permitted here")
        for free_kb in (0, 4, 16, 32, 48, 56, 60, 64, 68, 72, 80, 96, 128):
            for name, data in saved.items():
                (out / name).write_bytes(data)
            filler = out / "filler"
            room = os.statvfs(out).f_bavail * os.statvfs(out).f_frsize
            with suppress(OSError), filler.open("wb") as sink:
                sink.write(b"\0" * max(room - free_kb * 1024, 0))
            done = run(*build_args(found.contents[1], found.deck), cwd=root)
            peak = max(peak, done.peak_mb)
            filler.unlink()
            now = {p.name: p.read_bytes() for p in out.iterdir()}
            if done.status == 0:
                counts["written"] += 1
                wrong = consistent(found)
            elif done.status == 3 and "No space left" in done.output:
                counts["refused"] += 1
                wrong = "" if now == saved else "the old files changed"
            else:
                wrong = f"exit {done.status}: {done.output.strip()[-200:]}"
            if traceback_in(done.output) or leftovers(out):
                wrong = wrong or "a traceback or temporary files left"
            if wrong:
                problems.append(f"{free_kb} KB free: {wrong}")
            for name in now:
                (out / name).unlink()
    said = (
        f"13 fill levels: {counts['written']} written whole, {counts['refused']} refused with "
        "exit 3 and the old deck, manifest and review byte-identical"
        if not problems
        else "; ".join(problems[:3])
    )
    return Outcome("disk full (tmpfs)", not problems, said, time.monotonic() - started, peak)


def read_only(root: Path) -> Outcome:
    found = scene(root)
    out = found.deck.parent
    saved = {p.name: p.read_bytes() for p in out.iterdir()}
    if os.geteuid() == 0:  # root ignores a folder's mode: a read-only bind mount instead
        bound = subprocess.run(["mount", "--bind", str(out), str(out)], capture_output=True)
        if bound.returncode != 0:
            return Outcome("read-only output folder", None, "skipped: mount is not permitted")
        subprocess.run(["mount", "-o", "remount,bind,ro", str(out)], check=True)
    else:
        out.chmod(0o555)
    try:
        done = run(*build_args(found.contents[1], found.deck), cwd=root)
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(out)], check=True)
        else:
            out.chmod(0o755)
    same = {p.name: p.read_bytes() for p in out.iterdir()} == saved
    ok = done.status == 3 and same and not traceback_in(done.output)
    said = _first_line(done.output) if ok else f"exit {done.status}, old set kept: {same}"
    return Outcome("read-only output folder", ok, said, done.seconds, done.peak_mb)


TARGET_NAMES = {"deck": "deck.pptx", "manifest": "deck.manifest.json", "review": "deck.review.md"}


def odd_targets(root: Path) -> list[Outcome]:
    """A link, a dangling link, a FIFO or a folder where the deck, manifest or review goes:
    exit 3 in bounded time, and the files outside the output folder untouched."""
    cases: dict[str, Callable[[Path, Path], None]] = {
        "deck is a link to a file outside": lambda at, place: at.symlink_to(place / "secret"),
        "manifest is a link to a file outside": lambda at, place: at.symlink_to(place / "secret"),
        "deck is a dangling link": lambda at, place: at.symlink_to(place / "nowhere.pptx"),
        "deck is a FIFO": lambda at, _: os.mkfifo(at),
        "manifest is a FIFO": lambda at, _: os.mkfifo(at),
        "review is a folder": lambda at, _: at.mkdir(),
    }
    outcomes = []
    for number, (name, make) in enumerate(cases.items()):
        place = root / f"t{number}"
        found = scene(place)
        (place / "secret").write_bytes(b"secret")
        target = found.deck.with_name(TARGET_NAMES[name.split(" ", 1)[0]])
        target.unlink()
        make(target, place)
        done = run(*build_args(found.contents[1], found.deck), cwd=place)
        untouched = (place / "secret").read_bytes() == b"secret"
        untouched = untouched and not (place / "nowhere.pptx").exists()
        ok = done.status == 3 and untouched and not traceback_in(done.output) and not done.hung
        said = _first_line(done.output)
        if done.hung:
            said = f"hung: killed after {TIME_LIMIT:.0f} s"
        elif not untouched:
            said = f"exit {done.status}; wrote outside the output folder"
        outcomes.append(Outcome(f"target: {name}", ok, said, done.seconds, done.peak_mb))
    return outcomes


def zip_bomb(path: Path, deck: Path, member: str, gigabytes: float = 1.0) -> None:
    """`deck` with its `member` swapped for one that inflates to `gigabytes` of spaces (about
    1 MB of zip per GB)."""
    chunk = b" " * (1 << 24)
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            if info.filename != member:
                bomb.writestr(info, source.read(info))
        with bomb.open(member, "w", force_zip64=True) as sink:
            for _ in range(int(gigabytes * 1024**3) // len(chunk)):
                sink.write(chunk)


def bombs(root: Path) -> list[Outcome]:
    """Under RLIMIT_AS: what each does is reported as it is (another part of the project makes
    them refuse with exit 3); a traceback, a hang or exit 4 counts as a failure."""
    found = scene(root / "left")
    reference = found.root / "ref0" / "deck.pptx"
    stamp_bomb, slide_bomb = root / "stamp-bomb.pptx", root / "slide-bomb.pptx"
    zip_bomb(stamp_bomb, reference, "docProps/custom.xml")  # what the edit guard reads first
    zip_bomb(slide_bomb, reference, "ppt/slides/slide1.xml")
    shutil.copyfile(stamp_bomb, found.deck)
    found.deck.with_name("deck.manifest.json").unlink()  # so the guard must open the deck
    cases = {
        "zip bomb left as the output deck": build_args(found.contents[1], found.deck),
        "zip bomb given to check": ("check", str(slide_bomb)),
        "zip bomb given to diff": ("diff", str(reference), str(slide_bomb)),
        "/dev/zero given to check": ("check", "/dev/zero"),
    }
    outcomes = []
    for name, args in cases.items():
        done = run(*args, cwd=root)
        ok = done.status in (0, 1, 3) and not traceback_in(done.output) and not done.hung
        said = f"exit {done.status}: {_first_line(done.output)}"
        if done.hung:
            said = f"hung: killed after {TIME_LIMIT:.0f} s"
        elif done.status < 0:
            said = f"ended by signal {-done.status} (memory limit?)"
        outcomes.append(Outcome(name, ok, said, done.seconds, done.peak_mb))
    return outcomes


def _first_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith(("error", "internal"))]
    return (lines or output.strip().splitlines() or [""])[0][:110]


# --- running and reporting ---------------------------------------------------------------------


def table(outcomes: list[Outcome]) -> str:
    rows = [("case", "outcome", "time", "peak MB", "what happened")]
    for o in outcomes:
        status = "skipped" if o.ok is None else "ok" if o.ok else "FAIL"
        rows.append((o.case, status, f"{o.seconds:.1f} s", f"{o.peak_mb:.0f}", o.said))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = []
    for number, row in enumerate(rows):
        cells = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        lines.append(" | ".join([*cells, row[4]]))
        if number == 0:
            lines.append("-+-".join("-" * width for width in [*widths, 13]))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=40, help="kill -9 moments (default 40)")
    parser.add_argument("--seed", type=int, default=None, help="seed for the kill moments")
    parser.add_argument("--only", default="", help="run the cases whose name contains this")
    options = parser.parse_args()
    seed = options.seed if options.seed is not None else random.randrange(1 << 30)
    suites: dict[str, Callable[[Path], list[Outcome]]] = {
        "kill": lambda root: kills(root, options.kills, seed),
        "at once": lambda root: [at_once(root / "two", 2), at_once(root / "three", 3)],
        "disk full": lambda root: [disk_full(root)],
        "read-only": lambda root: [read_only(root)],
        "targets": odd_targets,
        "bombs": bombs,
    }
    outcomes: list[Outcome] = []
    scratch = Path(tempfile.mkdtemp(prefix="summarydeck-hostile-"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # still clean up the scratch folder
    try:
        for name, suite in suites.items():
            if options.only and options.only not in name:
                continue
            print(f"running: {name} ...", flush=True)
            outcomes += suite(scratch / name.replace(" ", "-"))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print()
    print(table(outcomes))
    failed = [o for o in outcomes if o.ok is False]
    print(f"\n{len(outcomes)} cases: {len(failed)} failed; kill seed {seed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
