"""Streamlit pieces the activities share. Never imports an activity."""
