"""Welcome (/): what Face Value is, the suggested path through it, and the way in."""

from demos.ui import beliefs, guided_path, links, mode, prose
from demos.ui.content import t

URL_PATH = ""
ORDER = 0


def render() -> None:
    texts = [prose.markdown("welcome", "intro")]
    if mode.current() == mode.SELF:
        # A guess before the lesson: the last step asks again and shows both side by side.
        beliefs.before()
    links.page_link("mirror", t("welcome.start"), ":material/face:")
    guided_path.overview()
    texts.append(prose.markdown("welcome", "how"))
    texts.append(prose.markdown("welcome", "privacy"))
    prose.sources(*texts)


if __name__ == "__main__":
    render()
