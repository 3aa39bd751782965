"""The facilitator guide as one self-contained, printable HTML page (no Streamlit, no network).

Built from the same content/<locale>/classroom.toml the presenter view shows, so the printed
guide and the screen never disagree. Opened in any browser, it prints as handouts.
"""

from __future__ import annotations

from html import escape

from .content import cited, locale, references, render_citations, t
from .lesson import guide, lessons

_STYLE = """
body { font: 12pt/1.5 "DejaVu Sans", Arial, sans-serif; color: #111; max-width: 46rem;
       margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 20pt; } h2 { font-size: 15pt; margin-top: 1.6rem; } h3 { font-size: 13pt; }
.step { border: 1px solid #555; border-radius: 6px; padding: .4rem 1rem; margin: .8rem 0;
        break-inside: avoid; }
.minutes { font-weight: bold; }
.lesson { break-before: page; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
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


def build(loc: str | None = None) -> str:
    """The whole guide: preparation, ground rules, the no-camera way, both lessons, sources."""
    loc = loc or locale()
    g = guide(loc)
    texts: list[str] = [g["intro"], g["big_idea"]]
    parts = [
        f"<h1>{escape(g['title'])}</h1>",
        _p(g["intro"]),
        f"<h2>{escape(g['big_idea_title'])}</h2>",
        _p(g["big_idea"]),
        f"<h2>{escape(g['prepare_title'])}</h2>",
        _list(g["prepare"]),
        f"<h2>{escape(g['rules_title'])}</h2>",
        _list(g["rules"]),
        f"<h2>{escape(g['no_camera_title'])}</h2>",
        _p(g["no_camera"]),
    ]
    for lesson in lessons(loc).values():
        heading = g["lesson_total"].format(
            title=lesson.title, n=len(lesson.steps), minutes=lesson.minutes
        )
        parts.append(f'<section class="lesson"><h2>{escape(heading)}</h2>')
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
                _list(step.questions, ordered=True),
                "</div>",
            ]
        parts.append("</section>")
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
