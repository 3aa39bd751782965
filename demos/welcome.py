"""Welcome (/): what Face Value is, the suggested path through it, and the way in."""

from demos.ui import guided_path, links, prose
from demos.ui.content import t

URL_PATH = ""
ORDER = 0


def render() -> None:
    texts = [prose.markdown("welcome", "intro")]
    links.page_link("mirror", t("welcome.start"), ":material/face:")
    guided_path.overview()
    texts.append(prose.markdown("welcome", "how"))
    texts.append(prose.markdown("welcome", "privacy"))
    prose.sources(*texts)


if __name__ == "__main__":
    render()
