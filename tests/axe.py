"""axe-core, the accessibility checker, fetched once from the npm registry and checked.

`python -m tests.axe` downloads the pinned tarball, verifies its sha512 (the registry's own
integrity value) and keeps axe.min.js under .cache/. The tests inject it into pages with
Playwright; nothing is fetched while the tests run.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "4.14.1"
TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
INTEGRITY = "sha512-" + (
    "FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
)
SCRIPT = Path(__file__).resolve().parents[1] / ".cache" / f"axe-core-{VERSION}" / "axe.min.js"


def fetch() -> Path:
    """Download, verify and unpack axe.min.js (once)."""
    if SCRIPT.is_file():
        return SCRIPT
    with urllib.request.urlopen(TARBALL, timeout=60) as response:
        data = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")
    if digest != INTEGRITY:
        raise SystemExit(f"axe-core {VERSION}: checksum mismatch ({digest})")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        script = tar.extractfile("package/axe.min.js")
        assert script is not None
        SCRIPT.parent.mkdir(parents=True, exist_ok=True)
        SCRIPT.write_bytes(script.read())
    return SCRIPT


if __name__ == "__main__":
    print(fetch())
    sys.exit(0)
