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
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
    env = os.environ.get(ENV_PATH, "").strip()
    if env:
        return Path(env).expanduser(), True
    return cache_dir() / MODEL_FILENAME, False


def model_url() -> str:
    """The pinned official URL, unless FACE_VALUE_MODEL_URL overrides it (used by tests)."""
    return os.environ.get(ENV_URL, "").strip() or MODEL_URL


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
    url = url or model_url()
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".face_landmarker.", suffix=".part", dir=dest.parent)
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        done = 0
        try:
            # Only http(s) is allowed: a file:// override would bypass the point of the check.
            if not url.startswith(("https://", "http://")):
                raise DownloadError("unreachable", "not an http(s) address")
            with (
                urllib.request.urlopen(url, timeout=timeout) as response,
                os.fdopen(fd, "wb") as out,
            ):
                fd = -1
                total = int(response.headers.get("Content-Length") or MODEL_SIZE)
                while chunk := response.read(_CHUNK):
                    done += len(chunk)
                    if done > MODEL_SIZE:
                        raise DownloadError("size", f"more than {MODEL_SIZE} bytes")
                    digest.update(chunk)
                    out.write(chunk)
                    if progress:
                        progress(done, total)
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
        except OSError as exc:
            raise DownloadError("write", str(exc)) from exc
        if done != MODEL_SIZE:
            raise DownloadError("size", f"{done} bytes")
        if digest.hexdigest() != MODEL_SHA256:
            raise DownloadError("checksum", digest.hexdigest())
        os.replace(tmp, dest)
        return dest
    finally:
        if fd != -1:
            os.close(fd)
        tmp.unlink(missing_ok=True)


def install_from(source: Path, dest: Path | None = None) -> Path:
    """Copy a model file obtained elsewhere into place (offline provisioning), checked first."""
    status = check(Path(source))
    if not status.ready:
        raise DownloadError("checksum", f"{source} is not the pinned model ({status.state.value})")
    dest = dest or model_path()[0]
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".face_landmarker.", suffix=".part", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            while chunk := src.read(_CHUNK):
                out.write(chunk)
        os.replace(tmp_name, dest)
    finally:
        Path(tmp_name).unlink(missing_ok=True)
    return dest


def _main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m demos.engine.model",
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
