"""Build the course as a static JupyterLite site in ``_output/`` (run it via ``lite/build.sh``).

The site needs no server and fetches nothing from a CDN, at build time nor in the browser:

- Pyodide's core (``npm pack pyodide@<version the kernel expects>``) goes to ``static/pyodide/``;
- every Python package the browser kernel loads is a pure-Python wheel served by the site
  itself, listed in our own ``static/pyodide/pyodide-lock.json`` (with their sha256): the kernel's
  own packages, ipywidgets, Jinja2, PyYAML and MarkupSafe (both made pure Python here from their
  source archives), tzdata and ``cursuslib`` (built from ``src/``);
- ``jupyter-lite.json`` preloads ``cursuslib`` when a kernel starts (``loadPyodideOptions.packages``),
  so ``from cursuslib import ...`` works without an install step, and turns the PyPI fallback off;
- the wheels carry bytecode for every module a kernel and a lesson import at start (``lite/precompile.py``,
  run by Pyodide's own Python under Node at build time), so the browser does not compile IPython at
  each kernel start;
- the cursuslib wheel ships the course as checked at build time (cache entries made by Pyodide under
  Node for ``/drive/exercises``, where a lesson's kernel finds the site's files; see ``cursuslib/cache.py``),
  so a lesson's first exercise needs no YAML parsing in the browser, also after a reload;
- a lesson runs its cells by itself when it opens, also after a reload (``lite/autorun.js``, loaded by
  ``lab/index.html``; the staged lessons carry ``{"cursus": {"run_on_open": true}}``), so the exercises
  appear without *Run All*;
- the lessons (``notebooks/*.ipynb``) and the exercise files (``exercises/*.yaml``) are the site's
  files, so ``cursuslib`` finds ``exercises/`` next to ``notebooks/`` as in the repository.

Downloads (npm, PyPI) are cached in ``build/lite-cache/`` and checked against pinned sha256
hashes; with a filled cache the build runs offline. Module-level code uses only the standard
library: the browser test imports :func:`inputs_digest` and :func:`site_is_current` from here.
"""

from __future__ import annotations

import argparse
import base64
import email.parser
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LITE = REPO / "lite"
#: Scratch folder: the ``lite_dir`` handed to ``jupyter lite build``, made anew on every build.
WORK = REPO / "build" / "lite"
#: Downloads (npm, PyPI), kept between builds.
CACHE = REPO / "build" / "lite-cache"
OUTPUT = REPO / "_output"
#: Written into the output last: the digest of the inputs it was built from.
STAMP_NAME = ".lite-build.json"
KERNEL_REQUIREMENTS = LITE / "kernel-requirements.txt"

#: sha256 of ``npm pack pyodide@<version>``, per version (the kernel package decides the version).
PYODIDE_TGZ_SHA256 = {
    "314.0.6": "d78ac549b28a2a58600cd06f44e017024151775f8c6b2d73fab1475400d38ea2",
}
#: Files of the Pyodide npm package that the site needs (the lock file is replaced by ours).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide.js")
#: Wheels that jupyterlite-pyodide-kernel ships for the kernel itself.
EXTENSION_WHEELS = ("piplite", "pyodide_kernel", "ipykernel")
#: Requirements that are only the frontend half of ipywidgets: the site holds that frontend.
IGNORED_DEPENDS = {"widgetsnbextension", "jupyterlab-widgets"}
#: Modules imported in Pyodide at build time to find what gets bytecode (see lite/precompile.py).
#: Jinja2 is left out: only the portfolio lesson uses it.
PRECOMPILE_IMPORTS = ["pyodide_kernel", "IPython", "ipykernel", "comm", "jedi", "micropip", "piplite", "ipywidgets",
                      "yaml", "cursuslib", "cursuslib.widgets", "anywidget"]
#: Where a lesson's kernel finds the site's files, and its working folder: lite/precompile.py checks the course
#: there at build time, so the cursuslib wheel ships the checked course (cursuslib/cache.py, ``SHIPPED_DIR``).
COURSE_DIR, COURSE_CWD = "/drive", "/drive/notebooks"
#: Wheels that keep their source and get bytecode for every module (the course's own code).
PRECOMPILE_KEEP_SOURCE = ["cursuslib-"]
#: Notebook metadata that makes lite/autorun.js run a lesson's cells when it opens.
RUN_ON_OPEN = {"cursus": {"run_on_open": True}}
#: Where the site serves lite/autorun.js, and the tag lab/index.html gets for it.
AUTORUN_PATH = "static/cursus/autorun.js"
AUTORUN_TAG = '<script src="../{path}?_={digest}" defer></script>'
#: Dependencies the browser needs beyond a package's metadata.
EXTRA_DEPENDS = {"cursuslib": ["tzdata"]}
#: Source archives (``# sdist`` in kernel-requirements.txt) made into pure-Python wheels: per name, the
#: distribution's name, its package folder inside the archive and a summary. Only that folder's
#: ``.py`` files and ``py.typed`` go in: the optional C speedups stay out, both fall back to Python.
PURE_FROM_SDIST = {
    "pyyaml": ("PyYAML", "lib/yaml", "YAML parser and emitter (pure Python)"),
    "markupsafe": ("MarkupSafe", "src/markupsafe", "Safely add untrusted strings to HTML/XML markup (pure Python)"),
}
#: The kernelspec of the Pyodide kernel (the notebooks in the repository name ipykernel's).
PYODIDE_KERNELSPEC = {"display_name": "Python (Pyodide)", "language": "python", "name": "python"}
#: Environment for evaluating requirement markers as the browser kernel would.
MARKER_ENV = {
    "implementation_name": "cpython",
    "platform_machine": "wasm32",
    "platform_system": "Emscripten",
    "python_full_version": "3.14.2",
    "python_version": "3.14",
    "sys_platform": "emscripten",
    "os_name": "posix",
}
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class BuildError(Exception):
    """The site cannot be built; the message says why and what to do."""


# --------------------------------------------------------------------------- inputs / staleness
def input_files() -> list[Path]:
    """Return every file the site is built from (a change in one makes ``_output/`` stale)."""
    files = [
        *sorted((REPO / "notebooks").glob("*.ipynb")),
        *sorted((REPO / "exercises").glob("*.yaml")),
        REPO / "pyproject.toml",
        REPO / "requirements-lite.txt",
    ]
    files += sorted(
        p for p in (REPO / "src" / "cursuslib").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )
    files += sorted(p for p in LITE.iterdir() if p.is_file() and p.suffix in {".py", ".json", ".txt", ".sh", ".js", ".mjs"})
    return [p for p in files if p.is_file()]


def inputs_digest() -> str:
    """Return a sha256 over the names and contents of :func:`input_files`."""
    digest = hashlib.sha256()
    for path in input_files():
        digest.update(path.relative_to(REPO).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def read_stamp(output: Path = OUTPUT) -> dict | None:
    try:
        return json.loads((output / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def site_is_current(output: Path = OUTPUT) -> bool:
    """Return True if ``output`` holds a complete site built from the current inputs."""
    stamp = read_stamp(output)
    return bool(stamp) and stamp.get("inputs") == inputs_digest() and (output / "lab" / "index.html").is_file()


# --------------------------------------------------------------------------- helpers
def log(message: str) -> None:
    print(f"[lite] {message}", flush=True)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run(cmd: list[str], **kwargs) -> None:
    log("$ " + " ".join(cmd))
    result = subprocess.run(cmd, check=False, **kwargs)
    if result.returncode != 0:
        raise BuildError(f"command failed with exit code {result.returncode}: {' '.join(cmd)}")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# --------------------------------------------------------------------------- Pyodide
def fetch_pyodide(version: str, dest: Path) -> dict:
    """Put Pyodide's core into ``dest`` (from the npm registry, cached); return its lock's ``info``."""
    expected = PYODIDE_TGZ_SHA256.get(version)
    if expected is None:
        raise BuildError(
            f"jupyterlite-pyodide-kernel expects Pyodide {version}, but lite/build.py knows no hash for it: "
            f"run `npm pack pyodide@{version}`, check the file and add its sha256 to PYODIDE_TGZ_SHA256."
        )
    npm_cache = CACHE / "npm"
    tgz = npm_cache / f"pyodide-{version}.tgz"
    if not (tgz.is_file() and sha256_file(tgz) == expected):
        npm = shutil.which("npm")
        if npm is None:
            raise BuildError("npm is not installed (needed once to fetch Pyodide): apt-get install -y npm")
        npm_cache.mkdir(parents=True, exist_ok=True)
        run([npm, "pack", f"pyodide@{version}", "--pack-destination", str(npm_cache), "--silent"],
            stdout=subprocess.DEVNULL)
        if sha256_file(tgz) != expected:
            raise BuildError(f"{tgz.name} from npm has an unexpected sha256; refusing to use it")
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tgz) as archive:
        for name in PYODIDE_FILES:
            member = archive.extractfile(f"package/{name}")
            if member is None:
                raise BuildError(f"{name} is missing in {tgz.name}")
            (dest / name).write_bytes(member.read())
        lock = json.load(archive.extractfile("package/pyodide-lock.json"))  # type: ignore[arg-type]
    return lock["info"]


# --------------------------------------------------------------------------- wheels
def parse_requirements(path: Path) -> list[tuple[str, str, list[str], bool]]:
    """Return ``(name, version, hashes, is_sdist)`` per line of a pinned requirements file."""
    found = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line, _, comment = raw.partition("#")
        if not line.strip():
            continue
        match = re.match(r"\s*([A-Za-z0-9_.-]+)==([^\s]+)((?:\s+--hash=sha256:[0-9a-f]{64})+)\s*$", line)
        if not match:
            raise BuildError(f"{path.name}: every line needs `name==version --hash=sha256:...`: {raw!r}")
        hashes = re.findall(r"sha256:([0-9a-f]{64})", match.group(3))
        found.append((match.group(1), match.group(2), hashes, comment.strip() == "sdist"))
    return found


def _cached(folder: Path, hashes: list[str]) -> Path | None:
    if folder.is_dir():
        for path in folder.iterdir():
            if path.is_file() and sha256_file(path) in hashes:
                return path
    return None


def download(requirements: list[tuple[str, str, list[str], bool]], folder: Path, *, sdist: bool) -> list[Path]:
    """Download pinned wheels (or source archives) from PyPI into ``folder``, unless already cached."""
    missing = [r for r in requirements if _cached(folder, r[2]) is None]
    if missing:
        folder.mkdir(parents=True, exist_ok=True)
        req_file = folder / "requirements.txt"
        req_file.write_text(
            "".join(f"{name}=={version} " + " ".join(f"--hash=sha256:{h}" for h in hashes) + "\n"
                    for name, version, hashes, _ in missing),
            encoding="utf-8",
        )
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes",
               "-r", str(req_file), "-d", str(folder)]
        if sdist:  # only these from source: `:all:` would also build their build tools (Cython) from source
            cmd += ["--no-binary=" + ",".join(name for name, *_ in missing)]
        else:  # wheels for the browser's Python, whatever Python runs this build
            cmd += ["--only-binary=:all:", "--python-version", MARKER_ENV["python_version"],
                    "--implementation", "py", "--abi", "none", "--platform", "any"]
        run(cmd)
        req_file.unlink()
    paths = []
    for name, version, hashes, _ in requirements:
        path = _cached(folder, hashes)
        if path is None:
            raise BuildError(f"{name}=={version} was not downloaded with the pinned hash")
        paths.append(path)
    return paths


def write_wheel(dest: Path, name: str, version: str, files: dict[str, bytes], requires: list[str],
                summary: str) -> Path:
    """Write a pure-Python wheel with ``files`` (archive path -> bytes); reproducible byte for byte."""
    dist = re.sub(r"[-_.]+", "_", name)
    info = f"{dist}-{version}.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: {summary}\n"
    metadata += "".join(f"Requires-Dist: {req}\n" for req in requires)
    tops = sorted({path.split("/")[0].removesuffix(".py") for path in files})
    entries = dict(sorted(files.items()))
    entries[f"{info}/METADATA"] = metadata.encode()
    entries[f"{info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: klantgesprekken lite/build.py\n"
                                b"Root-Is-Purelib: true\nTag: py3-none-any\n")
    entries[f"{info}/top_level.txt"] = ("\n".join(tops) + "\n").encode()
    record = []
    for path, data in entries.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{info}/RECORD,,")
    entries[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()
    target = dest / f"{dist}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in entries.items():
            item = zipfile.ZipInfo(path, date_time=ZIP_DATE)
            item.external_attr = 0o644 << 16
            item.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(item, data)
    return target


def pure_wheel(sdist: Path, name: str, version: str, dest: Path) -> Path:
    """Make a pure-Python wheel of ``name`` from its source archive (see :data:`PURE_FROM_SDIST`)."""
    recipe = PURE_FROM_SDIST.get(canonical(name))
    if recipe is None:
        raise BuildError(f"lite/build.py knows no recipe for a pure wheel of {name} ({sdist.name}); "
                         f"it knows {', '.join(sorted(PURE_FROM_SDIST))}")
    dist_name, folder, summary = recipe
    package = folder.rsplit("/", 1)[-1]
    files: dict[str, bytes] = {}
    with tarfile.open(sdist) as archive:
        for member in archive.getmembers():
            head, _, file_name = member.name.partition("/")[2].rpartition("/")
            if head == folder and member.isfile() and (file_name.endswith(".py") or file_name == "py.typed"):
                files[f"{package}/{file_name}"] = archive.extractfile(member).read()  # type: ignore[union-attr]
    if f"{package}/__init__.py" not in files:
        raise BuildError(f"{sdist.name} has no {folder}/__init__.py")
    return write_wheel(dest, dist_name, version, files, [], summary)


def cursuslib_wheel(dest: Path) -> Path:
    """Build the ``cursuslib`` wheel from ``src/`` and ``pyproject.toml`` (all files of the package)."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    source = REPO / "src"
    files = {
        path.relative_to(source).as_posix(): path.read_bytes()
        for path in sorted((source / "cursuslib").rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }
    # What cursuslib's disk cache fingerprints instead of file dates (which change at every install).
    digest = hashlib.sha256()
    for name, data in sorted(files.items()):
        digest.update(f"{name}\0{len(data)}\0".encode() + data)
    files["cursuslib/BUILD_DIGEST"] = (digest.hexdigest() + "\n").encode("ascii")
    return write_wheel(dest, project["name"], project["version"], files, list(project.get("dependencies", [])),
                       project.get("description", ""))


def wheel_lock_entry(wheel: Path, known: set[str]) -> dict:
    """Return the pyodide-lock entry of ``wheel``; ``depends`` are its requirements for the browser."""
    from packaging.requirements import Requirement

    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        meta_name = next(n for n in names if n.count("/") == 1 and n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(archive.read(meta_name).decode("utf-8"))
    name = canonical(meta["Name"])
    depends = []
    for raw in meta.get_all("Requires-Dist") or []:
        req = Requirement(raw)
        if req.marker is not None and not req.marker.evaluate({**MARKER_ENV, "extra": ""}):
            continue
        dep = canonical(req.name)
        if dep in IGNORED_DEPENDS:
            continue
        if dep not in known:
            raise BuildError(f"{name} needs {req.name}, which is not in lite/kernel-requirements.txt")
        depends.append(dep)
    depends += EXTRA_DEPENDS.get(name, [])
    imports = sorted({
        n.split("/")[0].removesuffix(".py") for n in names
        if not n.split("/")[0].endswith((".dist-info", ".data")) and (n.endswith(".py") or "/" in n)
    })
    return {
        "name": name,
        "version": meta["Version"],
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": sha256_file(wheel),
        "package_type": "package",
        "imports": imports,
        "depends": sorted(set(depends)),
        "unvendored_tests": False,
    }


def kernel_wheels(scratch: Path) -> list[Path]:
    """Return every wheel the browser kernel gets: downloaded, made here, and the kernel's own."""
    requirements = parse_requirements(KERNEL_REQUIREMENTS)
    wheels = download([r for r in requirements if not r[3]], CACHE / "wheels", sdist=False)
    sdists = download([r for r in requirements if r[3]], CACHE / "sdist", sdist=True)
    scratch.mkdir(parents=True, exist_ok=True)
    for (name, version, _, _), sdist in zip([r for r in requirements if r[3]], sdists, strict=True):
        wheels.append(pure_wheel(sdist, name, version, scratch))
    wheels.append(cursuslib_wheel(scratch))
    pypi = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyterlite" / "pyodide-kernel-extension"
    pypi = pypi / "static" / "pypi"
    for stem in EXTENSION_WHEELS:
        found = sorted(pypi.glob(f"{stem}-*-py3-none-any.whl"))
        if not found:
            raise BuildError(f"{stem} wheel not found in {pypi}: is jupyterlite-pyodide-kernel installed?")
        wheels.append(found[-1])
    return wheels


def write_lock(info: dict, wheels: list[Path], pyodide_dir: Path) -> dict:
    """Copy ``wheels`` next to Pyodide (one folder per content hash) and write our pyodide-lock.json."""
    known = set()
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            meta_name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
            known.add(canonical(email.parser.Parser().parsestr(archive.read(meta_name).decode())["Name"]))
    packages = {}
    for wheel in wheels:
        entry = wheel_lock_entry(wheel, known)
        # A folder per content hash: a browser never combines a cached old wheel with a new lock.
        folder = entry["sha256"][:16]
        (pyodide_dir / folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(wheel, pyodide_dir / folder / wheel.name)
        entry["file_name"] = f"{folder}/{wheel.name}"
        packages[entry["name"]] = entry
    lock = {"info": info, "packages": dict(sorted(packages.items()))}
    (pyodide_dir / "pyodide-lock.json").write_text(json.dumps(lock, indent=1) + "\n", encoding="utf-8")
    return lock


def precompile(pyodide_dir: Path, wheels: list[Path], scratch: Path) -> list[Path]:
    """Return copies of ``wheels`` with bytecode made by Pyodide's Python (Node runs lite/precompile.mjs).

    ``pyodide_dir`` must hold Pyodide's core and a lock of exactly these wheels (:func:`write_lock`).
    """
    node = shutil.which("node")
    if node is None:
        raise BuildError("node is not installed (needed to make bytecode with Pyodide): apt-get install -y nodejs")
    shutil.rmtree(scratch, ignore_errors=True)
    (scratch / "in").mkdir(parents=True)
    (scratch / "out").mkdir()
    for wheel in wheels:
        shutil.copyfile(wheel, scratch / "in" / wheel.name)
    shutil.copyfile(LITE / "precompile.py", scratch / "precompile.py")
    (scratch / "precompile.json").write_text(json.dumps({"imports": PRECOMPILE_IMPORTS, "keep_source": PRECOMPILE_KEEP_SOURCE,
                                                         "course_dir": COURSE_DIR, "course_cwd": COURSE_CWD}),
                                             encoding="utf-8")
    (scratch / "course" / "exercises").mkdir(parents=True)  # checked in Pyodide where the kernel finds it
    for path in sorted((REPO / "exercises").glob("*.yaml")):
        shutil.copyfile(path, scratch / "course" / "exercises" / path.name)
    run([node, str(LITE / "precompile.mjs"), str(pyodide_dir), str(scratch)])
    compiled = [scratch / "out" / wheel.name for wheel in wheels]
    missing = [path.name for path in compiled if not path.is_file()]
    if missing:
        raise BuildError(f"lite/precompile.mjs made no wheel for {', '.join(missing)}")
    return compiled


#: Font formats only browsers older than JupyterLab supports fetch (the CSS lists WOFF2 first).
LEGACY_FONT_SUFFIXES = (".eot", ".ttf", ".svg")


def drop_legacy_fonts(output: Path) -> int:
    """Remove EOT, TTF and SVG copies of fonts that the site also has as WOFF2; return the bytes saved."""
    saved = 0
    for woff2 in (output / "build").glob("*.woff2"):
        for suffix in LEGACY_FONT_SUFFIXES:
            legacy = woff2.with_suffix(suffix)
            if legacy.is_file() and (suffix != ".svg" or b"<font" in legacy.read_bytes()[:4096]):
                saved += legacy.stat().st_size
                legacy.unlink()
    return saved


def add_autorun(output: Path) -> str:
    """Put lite/autorun.js into the built site and load it from ``lab/index.html``; return the tag."""
    data = (LITE / "autorun.js").read_bytes()
    target = output / AUTORUN_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    tag = AUTORUN_TAG.format(path=AUTORUN_PATH, digest=hashlib.sha256(data).hexdigest()[:12])
    index = output / "lab" / "index.html"
    html = index.read_text(encoding="utf-8")
    if "</body>" not in html:
        raise BuildError(f"{index} has no </body> to add the autorun script before")
    index.write_text(html.replace("</body>", f"  {tag}\n</body>", 1), encoding="utf-8")
    return tag


# --------------------------------------------------------------------------- contents and config
def stage_contents(files_dir: Path) -> list[str]:
    """Copy the lessons (for the Pyodide kernel, without outputs) and the exercise files."""
    (files_dir / "notebooks").mkdir(parents=True)
    (files_dir / "exercises").mkdir(parents=True)
    lessons = []
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        nb.setdefault("metadata", {})["kernelspec"] = dict(PYODIDE_KERNELSPEC)
        nb["metadata"].update(json.loads(json.dumps(RUN_ON_OPEN)))
        nb["metadata"].pop("widgets", None)
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "code":
                cell["outputs"] = []
                cell["execution_count"] = None
        (files_dir / "notebooks" / path.name).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n",
                                                         encoding="utf-8")
        lessons.append(f"notebooks/{path.name}")
    for path in sorted((REPO / "exercises").glob("*.yaml")):
        shutil.copyfile(path, files_dir / "exercises" / path.name)
    if not lessons:
        raise BuildError("no lessons found in notebooks/*.ipynb")
    return lessons


def check_output(output: Path, lock: dict, autorun_tag: str) -> None:
    """Fail if the built site would fetch anything from elsewhere, misses a wheel or does not run lessons."""
    problems = []
    if autorun_tag not in (output / "lab" / "index.html").read_text(encoding="utf-8"):
        problems.append("lab/index.html does not load lite/autorun.js")
    if not (output / AUTORUN_PATH).is_file():
        problems.append(f"{AUTORUN_PATH} is missing")
    for config in [output / "jupyter-lite.json", *output.glob("*/jupyter-lite.json")]:
        text = config.read_text(encoding="utf-8")
        for url in re.findall(r"https?://[^\s\"']+", text):
            problems.append(f"{config.relative_to(output)} names {url}")
    settings = json.loads((output / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    kernel = settings["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    if not kernel.get("pyodideUrl", "").startswith("./static/pyodide/"):
        problems.append(f"pyodideUrl is {kernel.get('pyodideUrl')!r}, not the site's own Pyodide")
    if not kernel.get("disablePyPIFallback"):
        problems.append("disablePyPIFallback is not set")
    for name in kernel["loadPyodideOptions"]["packages"]:
        if name not in lock["packages"]:
            problems.append(f"preloaded package {name!r} is not in the lock")
    for entry in lock["packages"].values():
        if not (output / "static" / "pyodide" / entry["file_name"]).is_file():
            problems.append(f"wheel missing in the site: {entry['file_name']}")
    if problems:
        raise BuildError("the built site is not self-contained:\n  " + "\n  ".join(problems))


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --------------------------------------------------------------------------- main
def build(output: Path) -> dict:
    started = time.monotonic()
    try:
        from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION
    except ImportError:
        raise BuildError("jupyterlite-pyodide-kernel is not installed: run lite/build.sh (it makes .venv-lite)") from None
    if output.exists() and any(output.iterdir()) and read_stamp(output) is None:
        raise BuildError(f"{output} exists and is no earlier build of this site; choose an empty or new folder")
    digest = inputs_digest()
    shutil.rmtree(WORK, ignore_errors=True)
    pyodide_dir = WORK / "static" / "pyodide"
    log(f"Pyodide {PYODIDE_VERSION}")
    info = fetch_pyodide(PYODIDE_VERSION, pyodide_dir)
    log("wheels for the browser kernel")
    wheels = kernel_wheels(WORK / "_wheels")
    plain = write_lock(info, wheels, pyodide_dir)
    log("bytecode for the modules a kernel imports at start (Pyodide under Node)")
    compiled = precompile(pyodide_dir, wheels, WORK / "_precompile")
    for entry in plain["packages"].values():
        shutil.rmtree(pyodide_dir / entry["file_name"].split("/")[0], ignore_errors=True)
    lock = write_lock(info, compiled, pyodide_dir)
    shutil.rmtree(WORK / "_wheels")
    shutil.rmtree(WORK / "_precompile")
    lessons = stage_contents(WORK / "files")
    for name in ("jupyter-lite.json", "jupyter_lite_config.json", "overrides.json"):
        shutil.copyfile(LITE / name, WORK / name)
    tmp_output = WORK.with_name("lite-output.tmp")  # in build/ (git-ignored), moved into place at the end
    shutil.rmtree(tmp_output, ignore_errors=True)
    jupyter = Path(sys.executable).with_name("jupyter")
    run([str(jupyter), "lite", "build", "--lite-dir", str(WORK), "--contents", str(WORK / "files"),
         "--output-dir", str(tmp_output)], cwd=WORK, env={**os.environ, "PYTHONWARNINGS": "ignore"},
        stdout=subprocess.DEVNULL)
    autorun_tag = add_autorun(tmp_output)
    log(f"legacy font copies dropped: {drop_legacy_fonts(tmp_output) / 1e6:.1f} MB")
    check_output(tmp_output, lock, autorun_tag)
    stamp = {
        "inputs": digest,
        "pyodide": PYODIDE_VERSION,
        "lessons": lessons,
        "packages": {k: v["version"] for k, v in lock["packages"].items()},
        "seconds": round(time.monotonic() - started, 1),
    }
    (tmp_output / STAMP_NAME).write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")
    (tmp_output / ".nojekyll").write_text("", encoding="utf-8")  # GitHub Pages: serve the files as they are
    shutil.rmtree(output, ignore_errors=True)
    shutil.move(tmp_output, output)  # a rename when both are on one disk
    return stamp


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="output folder (default: _output/)")
    parser.add_argument("--if-stale", action="store_true", help="do nothing if the output is up to date")
    args = parser.parse_args(argv)
    output = args.output.resolve()
    if args.if_stale and site_is_current(output):
        log(f"{output} is up to date")
        return 0
    try:
        stamp = build(output)
    except BuildError as exc:
        print(f"[lite] FOUT: {exc}", file=sys.stderr)
        return 1
    size = folder_size(output) / 1e6
    log(f"site built in {stamp['seconds']} s: {output} ({size:.1f} MB, {len(stamp['lessons'])} lessons)")
    serve = "python3 lite/serve.py" + ("" if output == OUTPUT else f" --dir {os.path.relpath(output)}")
    log(f"try it: {serve}  (then open http://127.0.0.1:8000/); publish: see docs/docent.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
