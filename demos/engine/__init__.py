"""The face engine: model file, tracking, measurement, classification, drawing.

Nothing in this package imports Streamlit; demos reach MediaPipe only through it.
"""
