"""Find, check and (once, on request) download the MediaPipe face model file."""

from __future__ import annotations

import enum
import hashlib
import http.client
import os
import ssl
import tempfile
import urllib.error
import urllib.request
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

_CHUNK = 64 * 1024


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


def model_path() -> tuple[Path, bool]:
    """The path the app uses for the model, and whether it came from FACE_VALUE_MODEL."""
    env = settings.get(ENV_PATH)
    if env:
        return Path(env).expanduser(), True
    return cache_dir() / MODEL_FILENAME, False


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
def _verify(path: str, size: int, mtime_ns: int) -> ModelState:
    # Keyed by size and mtime so a replaced file is checked again, an unchanged one once.
    if size != MODEL_SIZE:
        return ModelState.WRONG_SIZE
    return ModelState.READY if sha256_of(Path(path)) == MODEL_SHA256 else ModelState.CORRUPT


def check(path: Path | None = None) -> ModelStatus:
    """Check the model file: present, the right size and the pinned SHA-256."""
    from_env = False
    if path is None:
        path, from_env = model_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return ModelStatus(path, ModelState.MISSING, from_env)
    except OSError:
        return ModelStatus(path, ModelState.UNREADABLE, from_env)
    if not path.is_file():
        return ModelStatus(path, ModelState.UNREADABLE, from_env)
    try:
        state = _verify(str(path), stat.st_size, stat.st_mtime_ns)
    except OSError:
        state = ModelState.UNREADABLE
    return ModelStatus(path, state, from_env, stat.st_size)


def _write_checked(
    dest: Path, chunks: Iterable[bytes], progress: Callable[[int], None] | None = None
) -> Path:
    """Write chunks to a temporary file beside dest, hashing as they are written, and move it
    into place only if it is exactly the pinned model; nothing is left behind otherwise."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".face_landmarker.", suffix=".part", dir=dest.parent)
    except OSError as exc:  # an unwritable cache folder, a file where a folder should be
        raise DownloadError("write", str(exc)) from exc
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        done = 0
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                done += len(chunk)
                if done > MODEL_SIZE:
                    raise DownloadError("size", f"more than {MODEL_SIZE} bytes")
                digest.update(chunk)
                out.write(chunk)
                if progress:
                    progress(done)
        # The check is of the bytes in the temporary file, not of the source: a source that
        # changes after it was checked cannot slip through.
        if done != MODEL_SIZE:
            raise DownloadError("size", f"{done} bytes")
        if digest.hexdigest() != MODEL_SHA256:
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
) -> Path:
    """Fetch the model once, check size and SHA-256, and move it into place atomically.

    Nothing is left at `dest` (or beside it) unless the file is exactly the pinned one.
    """
    dest = dest or model_path()[0]
    total = [MODEL_SIZE]
    step = (lambda done: progress(done, total[0])) if progress else None
    return _write_checked(dest, _fetched(url or model_url(), timeout, total), step)


def _read(source: Path) -> Iterator[bytes]:
    try:
        with open(source, "rb") as src:
            while chunk := src.read(_CHUNK):
                yield chunk
    except OSError as exc:
        raise DownloadError("checksum", f"{source} cannot be read ({exc})") from exc


def install_from(source: Path, dest: Path | None = None) -> Path:
    """Copy a model file obtained elsewhere into place (offline provisioning), checked first
    and checked again as copied."""
    status = check(Path(source))
    if not status.ready:
        raise DownloadError("checksum", f"{source} is not the pinned model ({status.state.value})")
    return _write_checked(dest or model_path()[0], _read(Path(source)))


def _main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m demos.engine.model_file",
        description="Check or provision the face model (no network unless you ask to download).",
    )
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("where", help="print where the app looks for the model and its state")
    inst = sub.add_parser("install", help="copy a model file you already have into place")
    inst.add_argument("source", type=Path)
    sub.add_parser("download", help="download the model once from the pinned address")
    args = parser.parse_args(argv)
    if args.cmd == "where":
        status = check()
        print(f"{status.path}\t{status.state.value}")
        return 0 if status.ready else 1
    try:
        dest = install_from(args.source) if args.cmd == "install" else download()
    except DownloadError as exc:
        print(f"failed: {exc}")
        return 1
    print(f"installed {dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
