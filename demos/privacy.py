"""What happens to my face? (/privacy): the privacy promises, and how they are checked."""

from demos.ui import prose

URL_PATH = "privacy"
ORDER = 90


def render() -> None:
    for name in ("intro", "steps", "model", "tests"):
        prose.markdown("privacy", name)


if __name__ == "__main__":
    render()
