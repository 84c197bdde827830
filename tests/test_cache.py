"""The disk cache of checked exercise files and catalogues: used when nothing changed, never trusted otherwise."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path
from types import MappingProxyType

import pytest

from cursuslib import cache, content, messages, registry
from cursuslib.content import find_exercise, load_course

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the course's exercise files, with its own cache folder; nothing is kept in memory."""
    folder = tmp_path / "exercises"
    shutil.copytree(REPO / "exercises", folder, ignore=shutil.ignore_patterns("*.json"))
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(content, "_course_cache", {})
    return folder


def forget() -> None:
    """What a new kernel knows: nothing in memory (the disk cache stays)."""
    content._course_cache.clear()


def no_yaml(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every exercise file parsed from YAML from now on."""
    parsed: list[Path] = []
    original = content.load_lesson

    def recording(path: Path) -> content.Lesson:
        parsed.append(path)
        return original(path)

    monkeypatch.setattr(content, "load_lesson", recording)
    return parsed


def entries(tmp_path: Path, kind: str = "course") -> list[Path]:
    return sorted((tmp_path / "cache").glob(f"{kind}-*.pickle"))


def test_the_second_load_comes_from_the_cache_with_identical_exercises(
        course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_course(course)
    assert len(entries(tmp_path)) == 1
    forget()
    parsed = no_yaml(monkeypatch)
    quiz = find_exercise("01-quiz-open-vraag", course)
    again = load_course(course)
    assert parsed == []
    assert again == first and list(again) == list(first)
    assert quiz == first["01_klantgesprek"].exercises[[e.id for e in first["01_klantgesprek"].exercises]
                                                      .index("01-quiz-open-vraag")]
    assert quiz is again["01_klantgesprek"].exercises[[e.id for e in again["01_klantgesprek"].exercises]
                                                      .index("01-quiz-open-vraag")]
    assert all(type(e.texts) is MappingProxyType for lesson in again.values() for e in lesson.exercises)


def test_a_changed_file_is_read_again_even_with_the_same_size_and_date(
        course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_course(course)
    forget()
    path = course / "01_klantgesprek.yaml"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    changed = text.replace('title: "Welke vraag is open?"', 'title: "Welke vraag is vrij?"', 1)
    assert changed != text and len(changed.encode()) == len(text.encode())
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # what the cache must not rely on
    parsed = no_yaml(monkeypatch)
    assert find_exercise("01-quiz-open-vraag", course).title == "Welke vraag is vrij?"
    assert len(parsed) == len(list(course.glob("*.yaml")))


def test_a_changed_file_with_a_mistake_gives_its_dutch_message_not_the_cached_course(course: Path) -> None:
    load_course(course)
    forget()
    path = course / "01_klantgesprek.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: single_choice", "type: enkele_keuze", 1),
                    encoding="utf-8")
    with pytest.raises(content.ContentError, match="enkele_keuze"):
        load_course(course)


def test_a_damaged_cache_entry_is_ignored_and_replaced(
        course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_course(course)
    (entry,) = entries(tmp_path)
    parsed = no_yaml(monkeypatch)
    for damage in (b"", b"not a pickle", entry.read_bytes()[:500], pickle.dumps(("other", "shape"))):
        forget()
        parsed.clear()
        entry.write_bytes(damage)
        assert load_course(course) == first
        assert parsed, f"a damaged entry was used: {damage[:20]!r}"
    forget()
    parsed.clear()
    assert load_course(course) == first and parsed == []  # the entry was written again


def test_an_entry_others_may_write_is_not_loaded(
        course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_course(course)
    (entry,) = entries(tmp_path)
    entry.chmod(0o666)
    forget()
    parsed = no_yaml(monkeypatch)
    load_course(course)
    assert parsed


@pytest.mark.parametrize("how", ["folder under a file", "writes refused"])
def test_a_cache_folder_that_cannot_be_written_means_no_cache_and_no_error(
        course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """As in JupyterLite without a writable home, or a read-only home folder (root may write anywhere, so simulated)."""
    if how == "folder under a file":
        (tmp_path / "a-file").write_text("x", encoding="utf-8")
        monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "a-file" / "cache"))
    else:
        def refuse(*_: object, **__: object) -> int:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(cache.os, "open", refuse)
    first = load_course(course)
    forget()
    parsed = no_yaml(monkeypatch)
    assert load_course(course) == first
    assert parsed
    assert not list(tmp_path.rglob("course-*.pickle")) and not list(tmp_path.rglob(".tmp-*"))


def test_an_empty_cache_setting_turns_the_cache_off(course: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "")
    load_course(course)
    assert cache.folder() is None and not list(tmp_path.rglob("*.pickle"))


def test_a_course_with_an_added_type_is_always_checked_from_yaml(
        course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plugin's code is not in the cache's fingerprint, so a course read while one is registered is not cached."""
    load_course(course)

    @registry.register
    class Extra:
        name = "cache_test_extra"
        fields = ()
        verdicts: dict[str, str] = {}
        scored = testable = False
        widget = ""

    try:
        forget()
        parsed = no_yaml(monkeypatch)
        load_course(course)
        assert parsed
    finally:
        registry.unregister("cache_test_extra")


def test_the_cache_knows_which_module_registers_each_type(course: Path) -> None:
    """So that showing an exercise imports only its own type's module (see test_architecture)."""
    load_course(course)
    (entry,) = entries(course.parent)
    _, _, _, _, value = pickle.loads(entry.read_bytes())
    _, homes = pickle.loads(value)
    assert homes["single_choice"] == "cursuslib.types.choice" and homes["sort"] == "cursuslib.types.sort"


def test_a_catalogue_comes_from_the_cache_until_its_bytes_change(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    path = tmp_path / "nl.yaml"
    path.write_text("common:\n  check: Controleer\n", encoding="utf-8")
    assert messages.load_catalogue(path) == {"common.check": "Controleer"}
    assert len(entries(tmp_path, "teksten")) == 1

    parsed: list[str] = []
    original = messages._parse_catalogue

    def recording(raw: str, source: str) -> dict[str, str]:
        parsed.append(source)
        return original(raw, source)

    monkeypatch.setattr(messages, "_parse_catalogue", recording)
    assert messages.load_catalogue(path) == {"common.check": "Controleer"} and parsed == []
    path.write_text("common:\n  check: Nakijken!\n", encoding="utf-8")
    assert messages.load_catalogue(path) == {"common.check": "Nakijken!"} and parsed == ["teksten/nl.yaml"]
    path.write_text("common: [\n", encoding="utf-8")
    with pytest.raises(messages.CatalogueError):
        messages.load_catalogue(path)


def test_the_cache_keeps_a_bounded_number_of_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test's temporary course adds an entry; the oldest go, so the folder does not grow without end."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    for number in range(cache.MAX_ENTRIES + 5):
        source = tmp_path / f"les{number}.yaml"
        cache.save("teksten", source, b"x", {"n": number})
        os.utime(cache._entry_path("teksten", source), ns=(number * 10**9, number * 10**9))
    kept = list((tmp_path / "cache").glob("*.pickle"))
    assert len(kept) == cache.MAX_ENTRIES
    assert cache.load("teksten", tmp_path / f"les{cache.MAX_ENTRIES + 4}.yaml", b"x") == {"n": cache.MAX_ENTRIES + 4}
    assert cache.load("teksten", tmp_path / "les0.yaml", b"x") is None


# --------------------------------------------------------------------------- a built package (the JupyterLite wheel)
@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """cursuslib as a built package: a digest file and a folder of shipped entries (both in a temporary place)."""
    digest = tmp_path / "BUILD_DIGEST"
    digest.write_text("a1b2c3\n", encoding="ascii")
    monkeypatch.setattr(cache, "BUILD_FILE", digest)
    monkeypatch.setattr(cache, "SHIPPED_DIR", tmp_path / "shipped")
    cache.code_fingerprint.cache_clear()
    yield tmp_path / "shipped"
    cache.code_fingerprint.cache_clear()


def test_a_built_package_is_fingerprinted_by_its_digest_not_by_file_dates(built: Path, tmp_path: Path) -> None:
    """Installing a wheel gives every module a new date; the digest made at build time stays the same."""
    before = cache.code_fingerprint()
    assert before.endswith("|build:a1b2c3") and "types/base.py" not in before
    cache.code_fingerprint.cache_clear()
    (tmp_path / "BUILD_DIGEST").write_text("d4e5f6\n", encoding="ascii")  # another build of cursuslib
    assert cache.code_fingerprint() != before


def test_a_shipped_entry_serves_a_kernel_with_an_empty_home(course: Path, built: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """What the site's build checked is used by a new kernel whose own cache is empty, read only."""
    first = load_course(course)
    shutil.move(tmp_path / "cache", built)  # the build's entries, as the wheel ships them
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "home-cache"))
    forget()
    parsed = no_yaml(monkeypatch)
    again = load_course(course)
    assert parsed == [] and again == first
    assert not (tmp_path / "home-cache").exists()  # nothing copied into the home folder
    shipped = sorted(p.name for p in built.iterdir())

    forget()  # a teacher changed a file after the build: that file's YAML is read and checked again
    lesson = course / "01_klantgesprek.yaml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("Het klantgesprek", "Het gesprek", 1), encoding="utf-8")
    load_course(course)
    assert lesson in parsed
    assert sorted(p.name for p in built.iterdir()) == shipped  # the shipped folder is never written


def test_a_shipped_entry_of_another_build_is_not_used(course: Path, built: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    load_course(course)
    shutil.move(tmp_path / "cache", built)
    (tmp_path / "BUILD_DIGEST").write_text("another\n", encoding="ascii")
    cache.code_fingerprint.cache_clear()
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "home-cache"))
    forget()
    parsed = no_yaml(monkeypatch)
    load_course(course)
    assert len(parsed) == len(list(course.glob("*.yaml")))
