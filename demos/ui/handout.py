"""The teacher's kit as one self-contained, printable HTML page (no Streamlit, no network).

Built from the same content/<locale>/classroom.toml the presenter view shows, so the printed
kit and the screen never disagree. Its sums are worked out by the engine, never typed.
"""

from __future__ import annotations

import base64
from fractions import Fraction
from html import escape

import cv2

from demos.engine.base_rates import Screening, icon_counts, round_people, screen
from demos.engine.drawn_face import draw_face
from demos.engine.scene_faces import FACES

from . import beliefs
from .content import cited, locale, number, percent, references, render_citations, t, using
from .lesson import Step, guide, kit, lessons
from .scenes import scene_keys, scene_text

# The exit ticket's sum: 1 in 1,000 drivers carries drugs, a test right 99% of the time.
EXIT_SUM = screen(100_000, 1_000, Fraction(99, 100), Fraction(99, 100))
# The paper checkpoint: a 10 x 10 grid, 1 in 100 carries drugs, the page's 95% and 5%.
PAPER_GROUP, PAPER_COLUMNS = 100, 10
PAPER = screen(PAPER_GROUP, 100, Fraction(95, 100), Fraction(95, 100))

_STYLE = """
body { font: 12pt/1.5 "DejaVu Sans", Arial, sans-serif; color: #111; max-width: 46rem;
       margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 20pt; } h2 { font-size: 15pt; margin-top: 1.6rem; } h3 { font-size: 13pt; }
.step, .card { border: 1px solid #555; border-radius: 6px; padding: .4rem 1rem; margin: .8rem 0;
        break-inside: avoid; }
.minutes { font-weight: bold; }
.lesson, .page { break-before: page; }
.key { font-weight: bold; }
table { border-collapse: collapse; margin: .6rem 0; }
td, th { border: 1px solid #555; padding: .3rem .6rem; text-align: left; vertical-align: top; }
.write td { height: 3.2rem; min-width: 9rem; }
.statements td { padding: .6rem; } .statements td + td { white-space: nowrap; }
.grid td { width: 1.1cm; height: 1.1cm; padding: 0; }
.keep { break-inside: avoid; }
.faces { display: flex; flex-wrap: wrap; gap: .6rem; break-inside: avoid; }
.face { margin: 0; border: 1px dashed #555; padding: .3rem; text-align: center; width: 5.2cm; }
.face img { width: 5cm; height: 5cm; }
.blank { border-bottom: 1px solid #555; height: 2rem; }
.term { margin: .25rem 0; break-inside: avoid; }
@page { size: A4; margin: 1.2cm; }
@media print { body { margin: 0; max-width: none; font-size: 10.5pt; line-height: 1.4; }
               a { color: inherit; } .write td { height: 2.4rem; } }
"""


def _p(text: str) -> str:
    return f"<p>{escape(render_citations(text))}</p>"


def _list(items, ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return (
        f"<{tag}>" + "".join(f"<li>{escape(render_citations(i))}</li>" for i in items) + f"</{tag}>"
    )


def _labelled(label: str, text: str) -> str:
    return f"<p><strong>{escape(label)}:</strong> {escape(render_citations(text))}</p>"


def _questions(step: Step, label: str) -> str:
    # The key question says so in words, not only by its weight.
    items = []
    for n, q in enumerate(step.questions):
        text = escape(render_citations(q))
        if n == step.key_question:
            text = f'<span class="key">{escape(label)}:</span> {text}'
        items.append(f"<li>{text}</li>")
    return "<ol>" + "".join(items) + "</ol>"


def exit_answers(s: Screening = EXIT_SUM) -> dict[str, str]:
    """The exit ticket's numbers in the current language, from the engine's exact sums."""
    share = s.share_of_flags_right or Fraction(0)
    per = s.innocent_per_caught or Fraction(0)
    return {
        "drivers": number(s.drivers),
        "one_in": number(round_people(1 / s.prevalence)),
        "rate": percent(float(s.sensitivity)),
        "false_rate": percent(float(1 - s.specificity)),
        "guilty": number(round_people(s.guilty)),
        "caught": number(round_people(s.caught)),
        "innocent": number(round_people(s.innocent)),
        "flagged_innocent": number(round_people(s.flagged_innocent)),
        "flagged": number(round_people(s.flagged)),
        "share": percent(float(share)),
        "per": number(round_people(per)),
    }


# The maths extension: the same 99% test where smuggling is common, and where it is rare.
EXTENSION = (100, 10_000)


def extension_answers(base: Screening = EXIT_SUM) -> dict[str, str]:
    """The maths extension's shares of flags that are right, worked out by the engine."""
    common, rare = (
        screen(base.drivers, one_in, base.sensitivity, base.specificity) for one_in in EXTENSION
    )
    return {
        "rate": percent(float(base.sensitivity)),
        "false_rate": percent(float(1 - base.specificity)),
        "common": number(EXTENSION[0]),
        "rare": number(EXTENSION[1]),
        "common_share": percent(float(common.share_of_flags_right or 0)),
        "rare_share": percent(float(rare.share_of_flags_right or 0)),
    }


def paper_marks(s: Screening = PAPER) -> dict[str, str]:
    """The paper checkpoint's marks: the same rounding as the on-screen icon array."""
    counts = icon_counts(s, PAPER_GROUP)
    return {
        "group": number(PAPER_GROUP),
        "one_in": number(round_people(1 / s.prevalence)),
        "sens": percent(float(s.sensitivity)),
        "fa": percent(float(1 - s.specificity)),
        "caught": number(counts["caught"]),
        "flagged_innocent": number(counts["flagged_innocent"]),
        "flagged": number(counts["caught"] + counts["flagged_innocent"]),
    }


def _lessons(g: dict, loc: str, texts: list[str]) -> list[str]:
    parts = []
    for lesson in lessons(loc).values():
        heading = g["lesson_total"].format(
            title=lesson.title, n=len(lesson.steps), minutes=lesson.minutes
        )
        parts.append(f'<section class="lesson"><h2>{escape(heading)}</h2>')
        parts.append(_p(g["transitions"].format(each=lesson.transition, total=lesson.transitions)))
        parts.append(_p(g["key_note"]))
        for n, step in enumerate(lesson.steps, start=1):
            texts += [step.goal, step.activity, *step.questions]
            parts += [
                '<div class="step">',
                f"<h3>{escape(g['step_heading'].format(n=n, title=step.title))} · "
                f'<span class="minutes">{escape(g["minutes"].format(n=step.minutes))}</span></h3>',
                _labelled(g["goal"], step.goal),
                _labelled(g["activity"], step.activity),
                _labelled(g["no_camera_step"], step.no_camera),
                f"<p><strong>{escape(g['questions_title'])}:</strong></p>",
                _questions(step, g["key_question"]),
                "</div>",
            ]
            if step.then_break:
                parts.append(
                    f"<p><strong>{escape(g['then_break'].format(n=step.then_break))}</strong></p>"
                )
        parts.append("</section>")
    return parts


def _teacher_notes(k: dict, texts: list[str]) -> list[str]:
    notes, safe, unplugged = k["notes"], k["safeguarding"], k["unplugged"]
    parts = [f'<section class="page"><h2>{escape(safe["title"])}</h2>', _list(safe["items"])]
    parts.append(f"<h2>{escape(notes['title'])}</h2>")
    for part in ("training", "case", "line", "misread"):
        parts += [f"<h3>{escape(notes[part + '_title'])}</h3>", _list(notes[part])]
        texts += notes[part]
    ext = k["extension"]
    parts += [
        f"<h2>{escape(ext['title'])}</h2>",
        f"<h3>{escape(ext['starters_title'])}</h3>",
        _list(ext["starters"]),
        f"<h3>{escape(ext['maths_title'])}</h3>",
        _p(ext["maths"].format(**extension_answers())),
        f"<h3>{escape(ext['homework_title'])}</h3>",
        _p(ext["homework"]),
        "</section>",
    ]
    marks = paper_marks()
    parts += [
        f'<section class="page"><h2>{escape(unplugged["title"])}</h2>',
        _p(unplugged["intro"]),
        _list(unplugged["steps"], ordered=True),
        f"<h3>{escape(unplugged['paper_title'])}</h3>",
        _p(unplugged["paper"].format(**marks)),
        _list([m.format(**marks) for m in unplugged["paper_marks"]]),
        _grid(),
        *_face_cards(unplugged),
        f"<h3>{escape(unplugged['cards_title'])}</h3>",
    ]
    for key in scene_keys():
        scene = scene_text(key)
        texts.append(scene.finding)
        parts += [
            '<div class="card">',
            f"<h3>{escape(scene.title)}</h3>",
            _list(scene.stories),
            _p(unplugged["choices"].format(choices=" · ".join(scene.choices))),
            _labelled(unplugged["finding"], scene.finding),
            "</div>",
        ]
    parts.append("</section>")
    return parts


def _face_png(key: str, size: int = 240) -> str:
    """A scene's drawn face as an inline PNG (the page stays one file with nothing fetched)."""
    rgb = draw_face(FACES[key], size)
    ok, png = cv2.imencode(".png", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    if not ok:
        raise ValueError(f"could not encode the face of {key}")
    return "data:image/png;base64," + base64.b64encode(png.tobytes()).decode("ascii")


def _face_cards(unplugged: dict) -> list[str]:
    cards = []
    for key in scene_keys():
        title = scene_text(key).title
        alt = unplugged["face_alt"].format(title=title)
        cards.append(
            f'<figure class="face"><img src="{_face_png(key)}" alt="{escape(alt)}">'
            f"<figcaption>{escape(title)}</figcaption></figure>"
        )
    # The heading stays on the same printed page as its cards.
    title = f"<h3>{escape(unplugged['faces_title'])}</h3>"
    return ['<div class="keep">', title, '<div class="faces">', *cards, "</div></div>"]


def _grid() -> str:
    rows = PAPER_GROUP // PAPER_COLUMNS
    row = "<tr>" + "<td></td>" * PAPER_COLUMNS + "</tr>"
    return f'<table class="grid" aria-hidden="true">{row * rows}</table>'


def _student_pages(k: dict, texts: list[str]) -> list[str]:
    h, ticket = k["handout"], k["exit_ticket"]
    head = "".join(f"<th>{escape(x)}</th>" for x in h["guesses_head"])
    rows = "".join(
        f"<tr><td>{escape(a)}</td>" + "<td></td>" * (len(h["guesses_head"]) - 1) + "</tr>"
        for a in h["guesses"]
    )
    texts += h["ladder"]
    parts = [
        f'<section class="page"><h2>{escape(h["title"])}</h2>',
        _p(h["name"]),
        f"<h3>{escape(h['ladder_title'])}</h3>",
        _list(h["ladder"], ordered=True),
        f"<h3>{escape(h['guesses_title'])}</h3>",
        _p(h["guesses_help"]),
        f'<table class="write"><tr>{head}</tr>{rows}</table>',
        f"<h3>{escape(h['glossary_title'])}</h3>",
        "".join(
            f'<p class="term"><strong>{escape(x["term"])}:</strong> {escape(x["meaning"])}</p>'
            for x in k["glossary"]["terms"]
        ),
        "</section>",
    ]
    parts += _statements()
    answers = exit_answers()
    parts += [
        f'<section class="page"><h2>{escape(ticket["title"])}</h2>',
        _p(h["name"]),
        f"<h3>{escape(ticket['sort_title'])}</h3>",
        "<ol>" + "".join(f"<li>{escape(x['text'])} ____</li>" for x in ticket["sort"]) + "</ol>",
        f"<h3>{escape(ticket['sum_title'])}</h3>",
        _p(ticket["sum"].format(**answers)),
        "".join(f'<p>{escape(q)}</p><div class="blank"></div>' for q in ticket["sum_questions"]),
        f"<h3>{escape(ticket['line_title'])}</h3>",
        _p(ticket["line"]),
        '<div class="blank"></div><div class="blank"></div><div class="blank"></div>',
        "</section>",
    ]
    return parts


def _statements() -> list[str]:
    """The five statements as a pupil's page: one box to tick before, and one after."""
    boxes = " ".join(f"☐ {escape(beliefs.label(a))}" for a in beliefs.ANSWERS)
    head = [t("beliefs.statement_head"), t("beliefs.before"), t("beliefs.after")]
    rows = "".join(
        f"<tr><td>{n}. {escape(beliefs.statement(s.key))}</td><td>{boxes}</td><td>{boxes}</td></tr>"
        for n, s in enumerate(beliefs.STATEMENTS, start=1)
    )
    return [
        f'<section class="page"><h2>{escape(t("beliefs.handout_title"))}</h2>',
        _p(t("beliefs.handout_help")),
        '<table class="statements"><tr>'
        + "".join(f"<th>{escape(h)}</th>" for h in head)
        + f"</tr>{rows}</table>",
        "</section>",
    ]


def _statements_key(texts: list[str]) -> list[str]:
    """For the teacher: what the evidence says about each statement, and how to say it."""
    items = []
    for s in beliefs.STATEMENTS:
        line = beliefs.evidence(s.key)
        texts.append(line)
        lean = t("beliefs.mixed" if s.mixed else "beliefs.clear")
        items.append(
            f"<li><strong>{escape(beliefs.statement(s.key))}</strong> "
            f"{escape(render_citations(line))} <em>{escape(lean)}</em></li>"
        )
    return [
        f"<h3>{escape(t('beliefs.key_title'))}</h3>",
        _p(t("beliefs.key_help")),
        "<ol>" + "".join(items) + "</ol>",
    ]


def _answer_key(k: dict, texts: list[str]) -> list[str]:
    ticket, unplugged = k["exit_ticket"], k["unplugged"]
    numbered = list(enumerate(ticket["sort"], start=1))
    measured = ", ".join(str(n) for n, x in numbered if x["measured"])
    guessed = ", ".join(str(n) for n, x in numbered if not x["measured"])
    answers = exit_answers()
    texts.append(ticket["key_line"])
    return [
        f'<section class="page"><h2>{escape(ticket["key_title"])}</h2>',
        f"<h3>{escape(ticket['sort_title'])}</h3>",
        _p(ticket["key_sort"].format(measured=measured, guessed=guessed)),
        f"<h3>{escape(ticket['sum_title'])}</h3>",
        _list([line.format(**answers) for line in ticket["key_sum"]]),
        f"<h3>{escape(ticket['line_title'])}</h3>",
        _p(ticket["key_line"]),
        f"<h3>{escape(unplugged['paper_title'])}</h3>",
        _p(unplugged["paper_key"].format(**paper_marks())),
        f"<h3>{escape(k['extension']['maths_title'])}</h3>",
        _p(k["extension"]["maths_key"].format(**extension_answers())),
        *_statements_key(texts),
        "</section>",
    ]


def build(loc: str | None = None) -> str:
    """The whole kit: the teacher's guide, both lessons, notes, unplugged cards, the pupils'
    handout and exit ticket, the answer key and the sources."""
    loc = loc or locale()
    with using(loc):
        return _build(loc)


def _build(loc: str) -> str:
    g, k = guide(loc), kit(loc)
    texts: list[str] = [g["intro"], g["big_idea"]]
    parts = [
        f"<h1>{escape(g['title'])}</h1>",
        _p(g["intro"]),
        f"<h2>{escape(g['big_idea_title'])}</h2>",
        _p(g["big_idea"]),
        f"<h2>{escape(g['objectives_title'])}</h2>",
        _p(g["objectives_lead"]),
        _list(g["objectives"]),
        f"<h2>{escape(g['prepare_title'])}</h2>",
        _list(g["prepare"]),
        f"<h2>{escape(g['rules_title'])}</h2>",
        _list(g["rules"]),
        f"<h2>{escape(g['no_camera_title'])}</h2>",
        _p(g["no_camera"]),
    ]
    parts += _lessons(g, loc, texts)
    parts += _teacher_notes(k, texts)
    parts += _student_pages(k, texts)
    parts += _answer_key(k, texts)
    keys = cited("\n".join(texts))
    if keys:
        refs = references(loc)
        parts.append(f"<h2>{escape(g['sources_title'])}</h2>")
        items = []
        for key in keys:
            ref = refs[key]
            url = f" {escape(ref.url)}" if ref.url else ""
            items.append(f"<li><strong>{escape(ref.short)}.</strong> {escape(ref.full)}{url}</li>")
        parts.append("<ul>" + "".join(items) + "</ul>")
    title = escape(g["title"])
    return (
        f'<!DOCTYPE html><html lang="{escape(loc)}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_STYLE}</style></head><body>"
        + "\n".join(parts)
        + f"<footer><p>{escape(t('app.title', loc))}</p></footer></body></html>"
    )
