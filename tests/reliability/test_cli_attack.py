"""The `cursus` command under attack: missing, odd and identical paths, non-UTF-8 names, huge files, failed writes.

Every refused case must give a Dutch message on stderr, an exit code other than 0, no traceback and
no English error text, and leave the folder exactly as it was: no output file (not even an empty or
temporary one) and every input unchanged, byte for byte.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import stat
import subprocess
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from cursuslib.cli import main
from cursuslib.store import empty_document

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pipes, devices and non-UTF-8 names: POSIX only")

REPO = Path(__file__).resolve().parents[2]
#: Python's and argparse's own English, which a teacher must never see.
ENGLISH = re.compile(r"Traceback|Error|Errno|No such file|Permission denied|Is a directory|Not a directory|"
                     r"File name too long|embedded null|usage:|invalid choice|the following arguments|"
                     r"unrecognized arguments|expected one argument")
LONG = "x" * 300  # longer than any file system allows for one name
#: What the store says about a damaged file (its wording is the store's own).
DAMAGED = "beschadigd|kan niet worden gebruikt|geen tekstbestand"


def answers(text: str = "Hoe plant u de werkplaats?") -> bytes:
    doc = empty_document()
    doc["answers"]["01-open-vraag-stellen"] = {"value": {"text": text}, "saved_at": "2025-03-14T10:22:05+01:00"}
    return json.dumps(doc).encode("utf-8")


@dataclass
class Sandbox:
    """A folder to attack: a student's answers file, a class folder, and what a case adds to it."""

    root: Path
    #: Paths made unreadable/unwritable; as root (who may read anything) access is refused by a patch.
    denied: list[Path] = field(default_factory=list)

    def path(self, name: str) -> str:
        return str(self.root / name)

    def file(self, name: str, data: bytes = b"") -> str:
        (self.root / name).write_bytes(data)
        return self.path(name)

    def fifo(self, name: str) -> str:
        os.mkfifo(self.root / name)
        return self.path(name)

    def sparse(self, name: str, size: int) -> str:
        with open(self.root / name, "wb") as handle:
            handle.truncate(size)
        return self.path(name)

    def symlink(self, name: str, target: str) -> str:
        (self.root / name).symlink_to(self.root / target)
        return self.path(name)

    def hardlink(self, name: str, target: str) -> str:
        os.link(self.root / target, self.root / name)
        return self.path(name)

    def deny(self, name: str) -> str:
        path = self.root / name
        path.chmod(0)
        self.denied.append(path)
        return str(path)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    root = tmp_path / "werk"
    (root / "klas").mkdir(parents=True)
    (root / "leeg").mkdir()
    (root / "a.json").write_bytes(answers())
    (root / "klas" / "Sanne.json").write_bytes(answers("Wat bedoelt u?"))
    (root / "klas" / "Daan.json").write_bytes(answers("Hoe vaak gebeurt dat?"))
    (root / "notities.txt").write_text("geen map", encoding="utf-8")
    box = Sandbox(root)
    yield box
    for path in box.denied:
        path.chmod(0o755)


def snapshot(root: Path) -> dict[str, tuple[object, ...]]:
    """Every entry under ``root`` with its kind, permissions and content hash."""
    found: dict[str, tuple[object, ...]] = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            key = os.path.relpath(path, root)
            if stat.S_ISLNK(info.st_mode):
                found[key] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                with open(path, "rb") as handle:
                    found[key] = ("file", stat.S_IMODE(info.st_mode), hashlib.file_digest(handle, "sha256").hexdigest())
            else:
                found[key] = (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode))
    return found


@contextlib.contextmanager
def refusing(box: Sandbox) -> Iterator[None]:
    """As root every file is readable: refuse the sandbox's denied paths as the system would for a teacher."""
    if not box.denied or os.geteuid() != 0:
        yield
        return
    denied = {str(path) for path in box.denied}
    real_open, real_scandir = os.open, os.scandir

    def guarded_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        name = os.fspath(path)
        if name in denied or (flags & os.O_CREAT and os.path.dirname(name) in denied):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), name)
        return real_open(path, flags, *args, **kwargs)

    def guarded_scandir(path: Any = ".") -> Any:
        if os.fspath(path) in denied:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_scandir(path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "open", guarded_open)
        patch.setattr(os, "scandir", guarded_scandir)
        yield


@dataclass(frozen=True)
class Case:
    """One attack: the arguments (made in the sandbox), the exit code and the Dutch message (a pattern)."""

    name: str
    argv: Callable[[Sandbox], list[str]]
    code: int
    says: str


def _export(source: str, out: str, *extra: str) -> list[str]:
    return ["export", source, "-o", out, "--cursus", str(REPO), *extra]


def _overview(folder: str, out: str, *extra: str) -> list[str]:
    return ["overzicht", folder, "-o", out, "--cursus", str(REPO), *extra]


CASES = [
    # export: the answers file
    Case("export: invoer bestaat niet", lambda s: _export(s.path("weg.json"), s.path("p.html")), 1, "bestaat niet"),
    Case("export: invoer leeg pad", lambda s: _export("", s.path("p.html")), 2, "is leeg"),
    Case("export: invoer is een map", lambda s: _export(s.path("klas"), s.path("p.html")), 1, "is een map"),
    Case("export: invoer /dev/null", lambda s: _export("/dev/null", s.path("p.html")), 1, "geen gewoon bestand"),
    Case("export: invoer is een pipe", lambda s: _export(s.fifo("pijp.json"), s.path("p.html")), 1, "een pipe"),
    Case("export: invoer onleesbaar", lambda s: _export(s.deny("a.json"), s.path("p.html")), 1, "geen toestemming"),
    Case("export: invoer 0 bytes", lambda s: _export(s.file("nul.json"), s.path("p.html")), 1, "leeg"),
    Case("export: invoer 25 MB", lambda s: _export(s.sparse("groot.json", 25 * 2**20), s.path("p.html")), 1,
         "te groot"),
    Case("export: invoer 1,5 GB", lambda s: _export(s.sparse("enorm.json", 1536 * 2**20), s.path("p.html")), 1,
         "niet gelezen"),
    Case("export: getal van 5000 cijfers",
         lambda s: _export(s.file("getal.json", answers()[:-1] + b', "x": ' + b"9" * 5000 + b"}"), s.path("p.html")),
         1, DAMAGED),
    Case("export: diep genest",
         lambda s: _export(s.file("diep.json", b"[" * 100_000 + b"]" * 100_000), s.path("p.html")), 1, DAMAGED),
    Case("export: NUL-bytes", lambda s: _export(s.file("nul-bytes.json", b"\x00" * 100), s.path("p.html")), 1, DAMAGED),
    Case("export: verkeerde types",
         lambda s: _export(s.file("types.json", json.dumps({**empty_document(), "answers": [1]}).encode()),
                           s.path("p.html")), 1, DAMAGED),
    Case("export: geen tekst", lambda s: _export(s.file("bin.json", b"\xff\xfe\x00\x01"), s.path("p.html")), 1, DAMAGED),
    Case("export: invoer te lange naam", lambda s: _export(s.path(LONG + ".json"), s.path("p.html")), 1, "te lang"),
    Case("export: invoer onder een bestand", lambda s: _export(s.path("notities.txt/a.json"), s.path("p.html")), 1,
         "geen map"),
    # export: the output
    Case("export: -o is de invoer", lambda s: _export(s.path("a.json"), s.path("a.json")), 1, "antwoordenbestand"),
    Case("export: -o is de invoer via ..",
         lambda s: _export(s.file("bron.txt", answers()), s.path("klas/../bron.txt")), 1, "hetzelfde bestand"),
    Case("export: -o is een symlink naar de invoer",
         lambda s: _export(s.path("a.json"), s.symlink("link.html", "a.json")), 1, "hetzelfde bestand"),
    Case("export: -o is een harde link naar de invoer",
         lambda s: _export(s.path("a.json"), s.hardlink("hard.html", "a.json")), 1, "hetzelfde bestand"),
    Case("export: -o is een andere student", lambda s: _export(s.path("a.json"), s.path("klas/Daan.json")), 1,
         "antwoordenbestand"),
    Case("export: -o is een map", lambda s: _export(s.path("a.json"), s.path("leeg")), 1, "is een map"),
    Case("export: -o leeg", lambda s: _export(s.path("a.json"), ""), 2, "is leeg"),
    Case("export: -o /dev/null", lambda s: _export(s.path("a.json"), "/dev/null"), 1, "geen gewoon bestand"),
    Case("export: -o is een pipe", lambda s: _export(s.path("a.json"), s.fifo("uit.html")), 1, "geen gewoon bestand"),
    Case("export: -o in een map die niet bestaat", lambda s: _export(s.path("a.json"), s.path("weg/p.html")), 1,
         "bestaat niet"),
    Case("export: -o onder een bestand", lambda s: _export(s.path("a.json"), s.path("notities.txt/p.html")), 1,
         "geen map"),
    Case("export: -o te lange naam", lambda s: _export(s.path("a.json"), s.path(LONG + ".html")), 1, "te lang"),
    Case("export: -o in een map zonder schrijfrecht", lambda s: _export(s.path("a.json"), s.deny("leeg") + "/p.html"),
         1, "geen toestemming"),
    Case("export: -o met een NUL-teken", lambda s: _export(s.path("a.json"), s.path("p\x00.html")), 1,
         "ongeldig teken"),
    Case("export: -o is een notebook", lambda s: _export(s.path("a.json"), s.path("les.ipynb")), 1,
         "antwoordenbestand of cursusbestand"),
    # export: the course and the options
    Case("export: --cursus bestaat niet", lambda s: _export(s.path("a.json"), s.path("p.html"))[:-1] + [s.path("x")],
         1, "bestaat niet"),
    Case("export: --cursus is een bestand",
         lambda s: _export(s.path("a.json"), s.path("p.html"))[:-1] + [s.path("notities.txt")], 1, "geen map"),
    Case("export: --cursus leeg", lambda s: _export(s.path("a.json"), s.path("p.html"))[:-1] + [""], 2, "is leeg"),
    Case("export: --cursus zonder exercises/",
         lambda s: _export(s.path("a.json"), s.path("p.html"))[:-1] + [s.path("leeg")], 1, "exercises/"),
    Case("export: --format onbekend", lambda s: _export(s.path("a.json"), s.path("p.html"), "--format", "pdf"), 2,
         "ongeldige keuze"),
    Case("export: -o ontbreekt", lambda s: ["export", s.path("a.json")], 2, "dit ontbreekt nog"),
    # overzicht: the folder
    Case("overzicht: map bestaat niet", lambda s: _overview(s.path("weg"), s.path("o.html")), 1, "bestaat niet"),
    Case("overzicht: map leeg pad", lambda s: _overview("", s.path("o.html")), 2, "is leeg"),
    Case("overzicht: map is een bestand", lambda s: _overview(s.path("a.json"), s.path("o.html")), 1, "geen map"),
    Case("overzicht: map is /dev/null", lambda s: _overview("/dev/null", s.path("o.html")), 1, "geen map"),
    Case("overzicht: map onleesbaar", lambda s: _overview(s.deny("klas"), s.path("o.html")), 1, "geen toestemming"),
    Case("overzicht: map zonder antwoorden", lambda s: _overview(s.path("leeg"), s.path("o.html")), 1,
         "geen antwoordenbestanden"),
    Case("overzicht: map te lange naam", lambda s: _overview(s.path(LONG), s.path("o.html")), 1, "te lang"),
    # overzicht: the outputs
    Case("overzicht: -o is een antwoordenbestand", lambda s: _overview(s.path("klas"), s.path("klas/Sanne.json")), 1,
         "antwoordenbestand"),
    Case("overzicht: -o is een harde link naar een antwoordenbestand",
         lambda s: _overview(s.path("klas"), s.hardlink("klas-overzicht.html", "klas/Daan.json")), 1,
         "hetzelfde bestand"),
    Case("overzicht: --csv is een symlink naar een antwoordenbestand",
         lambda s: _overview(s.path("klas"), s.path("o.html"), "--csv", s.symlink("t.csv", "klas/Sanne.json")), 1,
         "hetzelfde bestand"),
    Case("overzicht: -o en --csv gelijk", lambda s: _overview(s.path("klas"), s.path("o.html"), "--csv",
                                                              s.path("o.html")), 2, "hetzelfde bestand"),
    Case("overzicht: -o en --csv gelijk via een link",
         lambda s: _overview(s.path("klas"), s.file("o.html", b"oud"), "--csv", s.symlink("o.csv", "o.html")), 2,
         "hetzelfde bestand"),
    Case("overzicht: -o is een map", lambda s: _overview(s.path("klas"), s.path("leeg")), 1, "is een map"),
    Case("overzicht: -o leeg", lambda s: _overview(s.path("klas"), ""), 2, "is leeg"),
    Case("overzicht: --csv leeg", lambda s: _overview(s.path("klas"), s.path("o.html"), "--csv", ""), 2, "is leeg"),
    Case("overzicht: -o /dev/null", lambda s: _overview(s.path("klas"), "/dev/null"), 1, "geen gewoon bestand"),
    Case("overzicht: -o in een map die niet bestaat", lambda s: _overview(s.path("klas"), s.path("weg/o.html")), 1,
         "bestaat niet"),
    Case("overzicht: --csv in een map die niet bestaat (ook geen HTML)",
         lambda s: _overview(s.path("klas"), s.path("o.html"), "--csv", s.path("weg/t.csv")), 1, "bestaat niet"),
    Case("overzicht: -o te lange naam", lambda s: _overview(s.path("klas"), s.path(LONG + ".html")), 1, "te lang"),
    Case("overzicht: -o in een map zonder schrijfrecht",
         lambda s: _overview(s.path("klas"), s.deny("leeg") + "/o.html"), 1, "geen toestemming"),
    Case("overzicht: --cursus bestaat niet",
         lambda s: _overview(s.path("klas"), s.path("o.html"))[:-1] + [s.path("weg")], 1, "bestaat niet"),
    Case("overzicht: -o ontbreekt", lambda s: ["overzicht", s.path("klas")], 2, "dit ontbreekt nog"),
    # check
    Case("check: map bestaat niet", lambda s: ["check", s.path("weg")], 1, "bestaat niet"),
    Case("check: leeg pad", lambda s: ["check", ""], 2, "is leeg"),
    Case("check: een bestand", lambda s: ["check", s.path("a.json")], 1, "geen map"),
    Case("check: /dev/null", lambda s: ["check", "/dev/null"], 1, "geen map"),
    Case("check: map zonder exercises/", lambda s: ["check", s.path("leeg")], 1, "geen map exercises/"),
    Case("check: te lange naam", lambda s: ["check", s.path(LONG)], 1, "te lang"),
    Case("check: onder een bestand", lambda s: ["check", s.path("notities.txt/cursus")], 1, "geen map"),
    # nieuw and the command itself
    Case("nieuw: onbekend type", lambda s: ["nieuw", "meerkeuze"], 2, "Onbekend oefentype"),
    Case("nieuw: leeg type", lambda s: ["nieuw", ""], 2, "Onbekend oefentype"),
    Case("nieuw: te lang type", lambda s: ["nieuw", LONG], 2, "Onbekend oefentype"),
    Case("nieuw: ongeldige id", lambda s: ["nieuw", "rewrite", "--id", "../../etc"], 2, "niet toegestaan"),
    Case("nieuw: te veel argumenten", lambda s: ["nieuw", "rewrite", "extra"], 2, "onbekende argumenten"),
    Case("onbekende opdracht", lambda s: ["exporteer", s.path("a.json")], 2, "ongeldige keuze"),
    Case("onbekende optie", lambda s: ["check", "--snel"], 2, "onbekende argumenten"),
]


def test_the_table_covers_every_subcommand() -> None:
    assert len(CASES) >= 40 and len({case.name for case in CASES}) == len(CASES)
    assert {case.name.split(":")[0] for case in CASES} >= {"export", "overzicht", "check", "nieuw"}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_refused_in_dutch_and_nothing_changes(case: Case, sandbox: Sandbox,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    argv = case.argv(sandbox)
    before = snapshot(sandbox.root)
    with refusing(sandbox):
        code = main(argv)
    out, err = capsys.readouterr()
    assert code == case.code, (out, err)
    assert re.search(case.says, err), err
    assert not ENGLISH.search(err + out), err
    assert "geschreven naar" not in out
    assert snapshot(sandbox.root) == before  # no output, no temporary file, every input byte for byte the same


# --------------------------------------------------------------------------- names that are not UTF-8
def test_non_utf8_names_are_used_and_shown_readably(sandbox: Sandbox, capsys: pytest.CaptureFixture[str]) -> None:
    klas = os.fsencode(sandbox.root / "klas")
    with open(klas + b"/caf\xe9.json", "wb") as handle:
        handle.write(answers("Wat bedoelt u met snel?"))
    out = sandbox.path("overzicht.html")
    code = main(_overview(sandbox.path("klas"), out))
    printed, err = capsys.readouterr()
    assert code == 0, err
    assert "3 studenten" in printed
    assert "caf\N{REPLACEMENT CHARACTER}" in Path(out).read_text(encoding="utf-8")

    source = os.fsdecode(klas + b"/caf\xe9.json")
    target = os.fsdecode(os.fsencode(sandbox.root) + b"/portfolio-caf\xe9.html")
    code = main(_export(source, target))
    printed, err = capsys.readouterr()
    assert code == 0, err
    assert printed.startswith("Portfolio (html) geschreven naar ") and "van caf\N{REPLACEMENT CHARACTER}." in printed
    assert "caf\N{REPLACEMENT CHARACTER}" in Path(target).read_text(encoding="utf-8")


def test_non_utf8_names_in_a_real_process_with_a_plain_console(sandbox: Sandbox) -> None:
    """A console that shows only ASCII and a name that is not UTF-8: still no traceback, and a full page."""
    with open(os.fsencode(sandbox.root / "klas") + b"/Ren\xe9e.json", "wb") as handle:
        handle.write(answers())
    out = sandbox.root / "overzicht.html"
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"}
    result = subprocess.run([sys.executable, "-m", "cursuslib.cli", *_overview(sandbox.path("klas"), str(out))],
                            capture_output=True, text=True, errors="replace", env=env, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Klassenoverzicht geschreven naar" in result.stdout
    assert "Ren\N{REPLACEMENT CHARACTER}e" in out.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- whole or nothing
def temporaries(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.name.startswith(".cursus-")]


def test_a_failed_write_keeps_the_old_file_and_no_temporary_file(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = Path(sandbox.file("p.html", b"de vorige versie"))

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    code = main(_export(sandbox.path("a.json"), str(out)))
    err = capsys.readouterr().err
    assert code == 1 and "p.html kan niet worden geschreven: de schijf is vol" in err
    assert not ENGLISH.search(err)
    assert out.read_bytes() == b"de vorige versie" and not temporaries(sandbox.root)


def test_an_interrupted_write_leaves_nothing(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    def interrupt(_: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    code = main(_overview(sandbox.path("klas"), sandbox.path("o.html")))
    assert code == 130 and "Afgebroken" in capsys.readouterr().err
    assert not (sandbox.root / "o.html").exists() and not temporaries(sandbox.root)


def test_a_replaced_output_keeps_its_permissions_and_a_link_stays_a_link(sandbox: Sandbox,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    target = Path(sandbox.file("echt.html", b"oud"))
    target.chmod(0o640)
    link = sandbox.symlink("portfolio.html", "echt.html")
    assert main(_export(sandbox.path("a.json"), link)) == 0, capsys.readouterr().err
    assert Path(link).is_symlink() and "Hoe plant u de werkplaats?" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and not temporaries(sandbox.root)


def test_a_file_with_a_byte_order_mark_exports(sandbox: Sandbox, capsys: pytest.CaptureFixture[str]) -> None:
    source = sandbox.file("kladblok.json", b"\xef\xbb\xbf" + answers())
    assert main(_export(source, sandbox.path("p.md"))) == 0, capsys.readouterr().err
    assert "Hoe plant u de werkplaats?" in (sandbox.root / "p.md").read_text(encoding="utf-8")


def test_a_huge_file_is_refused_before_it_is_read(sandbox: Sandbox, capsys: pytest.CaptureFixture[str]) -> None:
    source = sandbox.sparse("enorm.json", 1536 * 2**20)
    tracemalloc.start()
    try:
        code = main(_export(source, sandbox.path("p.html")))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == 1 and "te groot" in capsys.readouterr().err
    assert peak < 5 * 2**20  # not 1.5 GB, nor the 20 MB limit: nothing of it was read
