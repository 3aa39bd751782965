"""Same face, different story (/same-face): one fixed drawn face, several stories; the learner
reads the story, the machine can only read the face."""

import streamlit as st

from demos.engine.classify import classify
from demos.engine.scene_faces import FACES
from demos.ui import guess, guided_path, panels, prose
from demos.ui.content import render_citations, section, t
from demos.ui.scenes import scene_text

URL_PATH = "same-face"
ORDER = 20
KEY = "same_face."  # picks live only in session state under this prefix; "Start again" clears them

# The fixed face of each scene lives in the engine (the kit prints it too).
SCENES = list(FACES)
_INDEX = KEY + "scene"


def _restart() -> None:
    for key in [k for k in st.session_state if str(k).startswith(KEY)]:
        del st.session_state[key]


def _move(step: int) -> None:
    st.session_state[_INDEX] = (st.session_state.get(_INDEX, 0) + step) % len(SCENES)


def render() -> None:
    texts = [prose.markdown("same_face", "intro")]
    index = st.session_state.get(_INDEX, 0)
    key = SCENES[index]
    scene = scene_text(key)
    face = FACES[key]
    verdict = classify(face)
    st.header(t("same_face.scene", n=index + 1, total=len(SCENES), title=scene.title))
    face_col, story_col = st.columns([2, 3], gap="large")
    with face_col:
        panels.face_image(face, 420, t("same_face.face_alt", moves=panels.face_moves(face)))
    with story_col:
        # The face alone first: the learner commits before any story can steer the answer.
        first = guess.ask(f"{KEY}{key}.face", t("same_face.face_question"), scene.choices)
        if first is None:
            picks = [None]
        else:
            st.markdown(f"**{t('same_face.stories_intro')}**")
            picks = []
            for n, story in enumerate(scene.stories, start=1):
                st.markdown(f"**{n}.** {story}")
                picks.append(
                    st.radio(
                        t("same_face.question", n=n),
                        scene.choices,
                        index=None,
                        key=f"{KEY}{key}.{n}",
                        horizontal=True,
                    )
                )
        shown = st.session_state.get(f"{KEY}{key}.revealed", False)
        if first is not None and st.button(
            t("same_face.reveal"), key=f"{KEY}{key}.reveal", type="primary"
        ):
            shown = True
            if None in picks:
                st.warning(t("same_face.not_all_answered"))
                shown = False
            st.session_state[f"{KEY}{key}.revealed"] = shown
        if shown and None not in picks:
            guided_path.mark_done("same_face")
            st.markdown(t("same_face.face_said", pick=first))
            st.markdown(
                t(
                    "same_face.you_said",
                    picks="; ".join(f"{n}. {p}" for n, p in enumerate(picks, start=1)),
                )
            )
            st.markdown(t("same_face.machine_says", verdict=panels.verdict_text(verdict)))
            prose.markdown("same_face", "machine")
            st.markdown(f"**{t('same_face.finding')}**")
            st.markdown(render_citations(scene.finding))
            texts.append(scene.finding)
    back, forward, again = st.columns(3)
    back.button(t("same_face.previous"), on_click=_move, args=(-1,), key=KEY + "prev")
    forward.button(t("same_face.next"), on_click=_move, args=(1,), key=KEY + "next", type="primary")
    again.button(t("same_face.restart"), on_click=_restart, key="same_restart")
    # The conclusion would answer the question: it waits until a scene has been played.
    if guided_path.is_done("same_face"):
        texts.append(prose.markdown("same_face", "done"))
    else:
        texts.append(section("same_face", "done"))  # cited in Sources all the same
    prose.sources(*texts)


if __name__ == "__main__":
    render()
