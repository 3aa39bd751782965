"""How often each machine gives a human-labelled photo the label people gave it.

Two machines read every photo in the same pass: the recipes (the naive classifier) and, when
its model is installed, the learned one (the FER2013 CNN) on the same face crop. Both matrices
are printed, and how often the two machines gave the same word.

Every photo in DIR (one folder per label people gave, as in ../shared/data/expressions) goes
through the real engine both ways a face reaches it here: IMAGE mode (a photo, as the Mirror's
"use a photo"), and VIDEO mode (the photo repeated about a second, so smoothing settles as it
does live). Prints, per mode, the confusion matrix (human label x machine label, faces not found
counted apart), agreement per label, the average over labels, and what a neutral face is given.
Photos are read into memory and never written anywhere; only counts leave this script.

Usage: python benchmarks/accuracy.py --photos DIR [--json PATH] [--write-content [PATH]]
       [--part even|odd]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from demos.engine import model_file  # noqa: E402
from demos.engine.classify import LABELS, NEUTRAL  # noqa: E402
from demos.engine.face_engine import Analysis, FaceEngine, analyse_photo  # noqa: E402

# The folder names people's labels use (muxspace/facial_expressions) -> the machine's labels.
HUMAN_TO_MACHINE: Mapping[str, str] = {
    "neutral": NEUTRAL,
    "happiness": "happy",
    "sadness": "sad",
    "anger": "angry",
    "surprise": "surprised",
    "fear": "afraid",
    "disgust": "disgusted",
}
NO_FACE = "no_face"
COLUMNS: tuple[str, ...] = (*LABELS, NO_FACE)
MODES = ("video", "image")
# About a second of camera frames at 30 frames/s: the smoother (alpha 0.5) has settled long
# before, and the tracker has followed the face from detection into tracking, as it does live.
VIDEO_FRAMES = 30
CONTENT_FILE = ROOT / "content" / "accuracy.json"
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png")


@dataclass(frozen=True)
class Photo:
    """A photo's place in DIR and the label people gave it; the pixels are read only when used."""

    path: Path
    human: str


def photos(folder: Path, part: str = "all") -> list[Photo]:
    """Every photo under folder/<label>/, in name order; `part` keeps even or odd positions."""
    found = []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        if sub.name not in HUMAN_TO_MACHINE:
            raise SystemExit(
                f"{sub}: not a label this benchmark knows ({sorted(HUMAN_TO_MACHINE)})"
            )
        files = sorted(f for f in sub.iterdir() if f.suffix.lower() in PHOTO_SUFFIXES)
        if part != "all":
            files = files[0 if part == "even" else 1 :: 2]
        found += [Photo(f, sub.name) for f in files]
    return found


def read_image(path: Path, model_path: Path) -> tuple[str, str | None]:
    """Both machines' labels for one photo read once, as a still (IMAGE mode)."""
    analysis, _ = analyse_photo(model_path, _load(path))
    return _label(analysis), _learned_label(analysis)


def read_video(path: Path, model_path: Path, frames: int = VIDEO_FRAMES) -> tuple[str, str | None]:
    """Both labels after the photo was shown as a still camera for `frames` frames."""
    bgr = _load(path)
    engine = FaceEngine(model_path, video=True)  # a fresh stream per photo: a new visitor
    try:
        analysis = None
        for _ in range(frames):
            analysis, _ = engine.process(bgr)
        return _label(analysis), _learned_label(analysis)
    finally:
        engine.close()


def _load(path: Path) -> np.ndarray:
    bgr = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if bgr is None:
        raise SystemExit(f"cannot read {path}")
    return bgr


def _label(analysis: Analysis | None) -> str:
    if analysis is None or analysis.verdict is None:
        return NO_FACE
    return analysis.verdict.label


def _learned_label(analysis: Analysis | None) -> str | None:
    """The CNN's label; NO_FACE where MediaPipe found none (it reads the same crop); None when
    the second machine is not installed."""
    if analysis is None or analysis.verdict is None:
        return NO_FACE if learned_installed() else None
    return analysis.learned.label if analysis.learned is not None else None


def learned_installed() -> bool:
    return model_file.check(spec=model_file.EXPRESSION).ready


def machines_agree(pairs: Iterable[tuple[str, str]]) -> dict:
    """Of the photos where both machines found the face, how many got the same word from both."""
    both = [(a, b) for a, b in pairs if a != NO_FACE and b != NO_FACE]
    return {"photos": len(both), "agreed": sum(a == b for a, b in both)}


def report(readings: Iterable[tuple[str, str]]) -> dict:
    """Counts and shares from (human label, machine label) pairs; a missed face never agrees."""
    matrix: dict[str, dict[str, int]] = {}
    for human, machine in readings:
        row = matrix.setdefault(human, dict.fromkeys(COLUMNS, 0))
        row[machine] += 1
    agreement = {}
    for human in sorted(matrix, key=_human_order):
        row = matrix[human]
        agreement[human] = {
            "label": HUMAN_TO_MACHINE[human],
            "photos": sum(row.values()),
            "agreed": row[HUMAN_TO_MACHINE[human]],
            "share": row[HUMAN_TO_MACHINE[human]] / sum(row.values()),
        }
    neutral = matrix.get("neutral")
    return {
        "matrix": {h: matrix[h] for h in sorted(matrix, key=_human_order)},
        "agreement": agreement,
        "average": sum(a["share"] for a in agreement.values()) / max(1, len(agreement)),
        "neutral_given": (
            {k: v / sum(neutral.values()) for k, v in neutral.items()} if neutral else {}
        ),
    }


def _human_order(human: str) -> int:
    order = list(HUMAN_TO_MACHINE)
    return order.index(human) if human in order else len(order)


def run(folder: Path, model_path: Path, part: str = "all") -> dict:
    """Both modes over every photo; the figures and where the photos came from (counts only)."""
    chosen = photos(folder, part)
    if not chosen:
        raise SystemExit(f"no photos under {folder}/<label>/")
    out: dict = {"photos": len(chosen), "part": part, "video_frames": VIDEO_FRAMES, "modes": {}}
    out["learned_modes"], out["machines_agree"] = {}, {}
    readers = {"video": read_video, "image": read_image}
    for mode in MODES:
        read = [(p.human, *readers[mode](p.path, model_path)) for p in chosen]
        out["modes"][mode] = report((human, recipes) for human, recipes, _ in read)
        if all(cnn is not None for _, _, cnn in read):
            out["learned_modes"][mode] = report((human, cnn) for human, _, cnn in read)
            out["machines_agree"][mode] = machines_agree((r, c) for _, r, c in read)
    return out


def lines(figures: dict) -> Iterator[str]:
    """The printed report: per mode and machine, the matrix, the agreement, the average,
    neutral's labels; then how often the two machines agree."""
    yield f"photos: {figures['photos']} (part: {figures['part']})"
    learned = figures.get("learned_modes", {})
    if not learned:
        yield "second machine: not installed (python -m demos.engine.model_file where)"
    for mode in MODES:
        for machine, fig in (("recipes", figures["modes"][mode]), ("learned", learned.get(mode))):
            if fig is not None:
                yield from _machine_lines(figures, mode, machine, fig)
        if mode in figures.get("machines_agree", {}):
            agree = figures["machines_agree"][mode]
            share = agree["agreed"] / max(1, agree["photos"])
            yield (
                f"machines agree ({mode}): {agree['agreed']}/{agree['photos']} photos "
                f"{100 * share:.1f}%"
            )


def _machine_lines(figures: dict, mode: str, machine: str, fig: dict) -> Iterator[str]:
    yield ""
    name = "the recipes" if machine == "recipes" else "the learned CNN (FER2013)"
    if mode == "video":
        yield (
            f"== VIDEO mode, {name} (each photo {figures['video_frames']} frames, smoothed,"
            " as live)"
        )
    else:
        yield f"== IMAGE mode, {name} (each photo once, as a still)"
    yield "human \\ machine " + "".join(f"{c.upper():>10}" for c in COLUMNS)
    for human, row in fig["matrix"].items():
        yield f"{human:<16}" + "".join(f"{row[c]:>10}" for c in COLUMNS)
    yield "agreement per label:"
    for human, a in fig["agreement"].items():
        yield (
            f"  {human:<10} -> {a['label'].upper():<10} {a['agreed']:>3}/{a['photos']:<3}"
            f" {100 * a['share']:5.1f}%"
        )
    yield f"average over labels: {100 * fig['average']:.1f}%"
    given = ", ".join(f"{k.upper()} {100 * v:.0f}%" for k, v in fig["neutral_given"].items())
    yield f"neutral face given: {given}"
    yield f"neutral read ANGRY: {100 * fig['neutral_given'].get('angry', 0.0):.1f}%"


def content(figures: dict, source: str) -> dict:
    """What the README and the Learn more page quote: VIDEO-mode counts, no file names."""
    video = figures["modes"]["video"]
    return {
        "source": source,
        "photos": figures["photos"],
        "mode": "video",
        "video_frames": figures["video_frames"],
        "columns": list(COLUMNS),
        "matrix": video["matrix"],
        "agreement": {
            h: {k: a[k] for k in ("label", "photos", "agreed")}
            for h, a in video["agreement"].items()
        },
        "average": round(video["average"], 4),
        "neutral_read_angry": round(video["neutral_given"].get("angry", 0.0), 4),
        "image_mode": {
            h: {k: a[k] for k in ("label", "photos", "agreed")}
            for h, a in figures["modes"]["image"]["agreement"].items()
        },
        "image_mode_average": round(figures["modes"]["image"]["average"], 4),
        **_learned_content(figures),
    }


def _learned_content(figures: dict) -> dict:
    """The second machine's VIDEO-mode column and how often the machines agree (if installed)."""
    learned = figures.get("learned_modes", {}).get("video")
    if learned is None:
        return {}
    return {
        "learned": {
            "machine": "mini-Xception CNN, FER2013 (fer 25.10.3)",
            "matrix": learned["matrix"],
            "agreement": {
                h: {k: a[k] for k in ("label", "photos", "agreed")}
                for h, a in learned["agreement"].items()
            },
            "average": round(learned["average"], 4),
            "neutral_read_angry": round(learned["neutral_given"].get("angry", 0.0), 4),
        },
        "machines_agree": figures["machines_agree"]["video"],
    }


def markdown_matrix(card: dict) -> str:
    """The report card's matrix as the README shows it (a Markdown table)."""
    head = [
        "people said ↓ · machine read →",
        *(c.upper().replace("_", " ") for c in card["columns"]),
    ]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for human, row in card["matrix"].items():
        a = card["agreement"][human]
        cells = [f"**{row[c]}**" if c == a["label"] else str(row[c]) for c in card["columns"]]
        rows.append(f"| {human} ({a['photos']}) | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=Path, required=True, help="one folder per label")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--write-content",
        type=Path,
        nargs="?",
        const=CONTENT_FILE,
        metavar="PATH",
        help=f"write the report card the README and Learn more quote (default {CONTENT_FILE})",
    )
    parser.add_argument(
        "--part", choices=("all", "even", "odd"), default="all",
        help="only every other photo of each label, by name order (to check a calibration)",
    )  # fmt: skip
    parser.add_argument("--source", default="muxspace/facial_expressions")
    parser.add_argument(
        "--markdown", action="store_true", help="also print the matrix as the README shows it"
    )
    args = parser.parse_args(argv)
    if not args.photos.is_dir():
        print(f"no such folder: {args.photos}")
        return 2
    status = model_file.check()
    if not status.ready:
        print(f"face model not ready at {status.path}: {status.state.value}")
        return 1
    figures = run(args.photos, status.path, args.part)
    for line in lines(figures):
        print(line)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    card = content(figures, args.source)
    if args.markdown:
        print()
        print(markdown_matrix(card))
    if args.write_content:
        if args.part != "all":
            print("--write-content needs every photo (--part all)")
            return 2
        args.write_content.write_text(json.dumps(card, indent=2) + "\n")
        print(f"wrote {args.write_content}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
