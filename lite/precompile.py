"""Runs inside Pyodide (``lite/precompile.mjs``): add bytecode for the modules a lesson's kernel imports.

Imports what the kernel and a lesson import at start (the names in ``/host/precompile.json``), then
rewrites each wheel in ``/host/in/`` into ``/host/out/``: as Pyodide's own packages are built
(``pyodide py-compile``), each such module of another package becomes its ``.pyc`` alone (that keeps
the site small); files a wheel carries for a Jupyter server's frontend (a widget's lab extension) are
left out, as the site serves the frontend itself; the course's own wheels (``keep_source``) get bytecode
for all of their modules in ``__pycache__`` and keep their ``.py`` (a student's traceback shows our
source lines). Modules nothing
imports at start (most of Pygments' lexers, jedi's stubs) stay as they are. With ``course_dir`` set it also
checks the course (``/host/course``) where a lesson's kernel finds it and adds the cache entries that makes
(``cursuslib/_cache/``, see ``cursuslib/cache.py``) to the cursuslib wheel: a lesson's first exercise then
needs no YAML parsing in the browser. Standard library (and cursuslib) only; byte for byte reproducible.
"""

import base64
import hashlib
import importlib
import importlib.util
import json
import os
import re
import site
import sys
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

SITE = site.getsitepackages()[0]
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
settings = json.load(open("/host/precompile.json", encoding="utf-8"))

for name in settings["imports"]:
    try:
        importlib.import_module(name)
    except Exception as exc:  # noqa: BLE001 - outside the browser some imports need what only a kernel has
        print(f"[precompile] {name} not imported here ({type(exc).__name__}); its own modules get no bytecode")
shipped = {}
if settings.get("course_dir"):  # the checked course and catalogues, as a lesson's kernel will look them up
    import shutil

    from cursuslib import cache, content, messages

    shutil.copytree("/host/course", settings["course_dir"], dirs_exist_ok=True)
    os.makedirs(settings["course_cwd"], exist_ok=True)
    os.chdir(settings["course_cwd"])
    os.environ[cache.CACHE_ENV] = "/tmp/shipped-cache"
    content.load_course()
    for language in ("nl", "en"):
        messages.catalogue(language)
    for name in sorted(os.listdir("/tmp/shipped-cache")):
        with open(f"/tmp/shipped-cache/{name}", "rb") as handle:
            shipped[f"cursuslib/{cache.SHIPPED_DIR.name}/{name}"] = handle.read()
    if not any("course-" in name for name in shipped):
        raise SystemExit("[precompile] the course was not cached: is cursuslib/BUILD_DIGEST missing?")
    print(f"[precompile] {len(shipped)} checked course files shipped in the cursuslib wheel")

hot = {
    os.path.relpath(module.__file__, SITE)
    for module in list(sys.modules.values())
    if getattr(module, "__file__", None) and module.__file__.startswith(SITE + "/") and module.__file__.endswith(".py")
}


def pyc(path: str, source: bytes) -> bytes:
    code = compile(source, os.path.join(SITE, path), "exec", dont_inherit=True)
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))


def record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


#: Browser-side files some wheels carry for a Jupyter server (anywidget: its lab extension, twice).
FRONTEND = re.compile(r"[^/]+\.data/data/(share|etc)/jupyter/|[^/]+/(labextension|nbextension)/")
added = 0
for wheel in sorted(os.listdir("/host/in")):
    with zipfile.ZipFile(f"/host/in/{wheel}") as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    record_name = next(n for n in entries if n.count("/") == 1 and n.endswith(".dist-info/RECORD"))
    ours = wheel.startswith(tuple(settings["keep_source"]))
    extra, dropped = {}, set()
    for path, data in list(entries.items()):
        if FRONTEND.match(path):  # the site serves each widget's frontend itself; a kernel never reads it
            dropped.add(path)
            del entries[path]
        elif path.endswith(".py") and ours:
            extra[importlib.util.cache_from_source(path)] = pyc(path, data)
        elif path.endswith(".py") and path in hot:
            extra[path + "c"] = pyc(path, data)
            dropped.add(path)
            del entries[path]
    added += len(extra)
    if wheel.startswith("cursuslib-"):
        extra.update(shipped)
    entries.update(extra)
    lines = [line for line in entries[record_name].decode().splitlines()
             if line and not line.startswith(record_name) and line.split(",")[0] not in dropped]
    lines += [record_line(path, data) for path, data in sorted(extra.items())]
    entries[record_name] = ("\n".join([*lines, f"{record_name},,"]) + "\n").encode()
    with zipfile.ZipFile(f"/host/out/{wheel}", "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in entries.items():
            item = zipfile.ZipInfo(path, date_time=ZIP_DATE)
            item.external_attr = 0o644 << 16
            item.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(item, data)
print(f"[precompile] {added} modules compiled for Python {sys.version.split()[0]} ({sys.implementation.cache_tag})")
