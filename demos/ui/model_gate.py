"""The face model check every camera page starts with, and the panel shown when it fails."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from demos.engine import model_file

from .content import t

_ERROR_KEY = "model.download_error"


def require_model() -> Path | None:
    """The checked model path, or None after showing what is wrong and how to fix it."""
    status = model_file.check()
    if status.ready:
        return status.path
    with st.container(border=True):
        if status.state is model_file.ModelState.MISSING:
            st.header(t("model.missing_title"))
            st.markdown(t("model.missing_body"))
        else:
            st.header(t("model.wrong_title"))
            key = (
                "model.unreadable_body"
                if status.state is model_file.ModelState.UNREADABLE
                else "model.wrong_body"
            )
            st.markdown(t(key))
        st.code(str(status.path), language=None)
        if status.from_env:
            st.caption(t("model.from_env"))
        if status.state is not model_file.ModelState.UNREADABLE:
            _download_button(status.path)
        st.markdown(f"**{t('model.offline_title')}**")
        st.markdown(t("model.offline_body"))
        if st.button(t("model.retry"), key="model.retry"):
            st.rerun()
    return None


def _download_button(dest: Path) -> None:
    error = st.session_state.get(_ERROR_KEY)
    if error:
        st.error(error)
    st.caption(t("model.download_note"))
    if not st.button(t("model.download"), type="primary", key="model.download"):
        return
    bar = st.progress(0.0, text=t("model.downloading", done=0, total=model_file.MODEL_SIZE // 1024))

    def progress(done: int, total: int) -> None:
        total = max(total, 1)
        text = t("model.downloading", done=done // 1024, total=total // 1024)
        bar.progress(min(done / total, 1.0), text=text)

    try:
        model_file.download(dest, progress=progress)
    except model_file.DownloadError as exc:
        st.session_state[_ERROR_KEY] = t(f"model.error_{exc.reason}", detail=exc.detail)
        st.rerun()
    st.session_state.pop(_ERROR_KEY, None)
    st.success(t("model.downloaded"))
    st.rerun()
