"""What the teacher's guide shows: the explorer's presets and shareable links, the student
notebooks and where Binder opens them.

A scenario link is the explorer page's address with the settings in its query string
(``explore.html?year=2023&quality=0.4``): the kernel-free explorer reads it on load (see
``tipline-explorer.js``), and its "Copy a link to these settings" button writes one.
"""

from __future__ import annotations

import html
import os
from urllib.parse import urlencode

import yaml

from tipline import repository as _repository
from tipline.explorer.presets import Preset, presets
from tipline.model import DEFAULT_YEAR, evaluate, params_for_year, verdict
from tipline.paths import REPO_ROOT
from tipline.repository import Repository
from tipline.student import BINDER_FOLDER, SITE_FOLDER, chapter_notebooks, wheel_name
from tipline.table import Table

#: The explorer page, relative to the other pages of the book (all in ``book/``).
EXPLORER_PAGE = "explore.html"


def _config() -> dict:
    return yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))


def repository(config: dict | None = None) -> Repository | None:
    """The repository the book is published from, derived as :mod:`tipline.repository`
    says (``None``: no public repository, so no launch or repository buttons)."""
    return _repository.from_checkout(REPO_ROOT, _config() if config is None else config)


def binder_url(path: str = BINDER_FOLDER, config: dict | None = None) -> str | None:
    """The Binder address that opens ``path`` of the repository's Binder image in the
    interface of the launch buttons (default: the folder of student notebooks), or ``None``
    when the book has no public repository or no BinderHub."""
    config = _config() if config is None else config
    repo = repository(config)
    launch = config.get("launch_buttons") or {}
    if repo is None or not launch.get("binderhub_url"):
        return None
    return repo.binder_url(
        path, str(launch["binderhub_url"]), launch.get("notebook_interface", "classic")
    )


def solutions_hidden() -> bool:
    """Whether this build leaves the solutions out of the chapter pages (the teacher's key
    option, ``make build TIPLINE_HIDE_SOLUTIONS=1``; ``tools/build_book.py`` tells the
    notebooks it runs)."""
    return os.environ.get("TIPLINE_HIDE_SOLUTIONS", "").strip().lower() in ("1", "true", "yes")


def student_notebooks_table(base: str = "../") -> Table:
    """The student notebooks and the ``tipline`` wheel on the site, with their Binder
    links when the book has a public repository (links relative to a page in ``book/``)."""
    from tipline import __version__
    from tipline.exercises import book_pages

    pages = book_pages()
    titles = {p.path.stem: p.title for p in pages}
    binder = binder_url()
    caption = "The student notebooks (plain Markdown, numbers written in, no solutions)"
    headings = ["Chapter", "Student notebook"] + (["On Binder"] if binder else [])
    out = [f'<table class="tipline-table tipline-student-table"><caption>{caption}</caption>']
    out.append("<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in headings))
    out.append("</tr></thead><tbody>")
    text = [caption]
    student = set(chapter_notebooks())
    for path in [p.path for p in pages if p.path in student]:  # reading order
        title = html.escape(titles.get(path.stem, path.stem))
        href = f"{base}{SITE_FOLDER}/{path.name}"
        row = f'<tr><th scope="row">{title}</th><td><a href="{href}" download>{path.name}</a></td>'
        if binder:
            launch = html.escape(binder_url(f"{BINDER_FOLDER}/{path.name}"), quote=True)
            row += f'<td><a href="{launch}" aria-label="Open {title} on Binder">Open</a></td>'
        out.append(row + "</tr>")
        text.append(f"{titles.get(path.stem, path.stem)} | {href}")
    wheel = wheel_name(__version__)
    out.append("</tbody></table>")
    out.append(
        f'<p>The package the notebooks need: <a href="{base}{SITE_FOLDER}/{wheel}" download>'
        f"{wheel}</a>.</p>"
    )
    text.append(f"wheel | {base}{SITE_FOLDER}/{wheel}")
    return Table("\n".join(out), "\n".join(text))


def scenario_query(values: dict | None = None, year: int | None = None) -> str:
    """The query string that opens the explorer at ``values`` (and ``year``'s measured
    settings for every parameter not given)."""
    query: dict[str, str] = {}
    if year is not None:
        query["year"] = str(year)
    for name, value in (values or {}).items():
        query[name] = format(float(value), ".12g")
    return urlencode(query)


def scenario_link(values: dict | None = None, year: int | None = None, base: str = "") -> str:
    """A link to the explorer at these settings, relative to a page in ``book/``."""
    query = scenario_query(values, year)
    return f"{base}{EXPLORER_PAGE}" + (f"?{query}" if query else "")


def changed_settings(preset: Preset) -> dict:
    """The settings a preset changes from its year's measured settings and central
    assumptions (the explorer's starting point for that year)."""
    base = {name: p.default for name, p in params_for_year(preset.year).items()}
    return {
        name: value
        for name, value in preset.values.items()
        if abs(value - base[name]) > 1e-12 * max(1.0, abs(base[name]))
    }


def preset_outcomes() -> list[dict]:
    """Each preset with its tilt, verdict, the settings it changes and its scenario link."""
    rows = []
    for preset in presets():
        tilt = float(evaluate(**preset.values).tilt)
        changed = changed_settings(preset)
        if preset.year != DEFAULT_YEAR:
            changed = {"year": preset.year, **changed}
        rows.append(
            {
                "id": preset.id,
                "label": preset.label,
                "description": preset.description,
                "year": preset.year,
                "tilt": tilt,
                "verdict": verdict(tilt),
                "changed": changed,
                "link": scenario_link(
                    {k: v for k, v in changed.items() if k != "year"}, year=preset.year
                ),
            }
        )
    return rows


def _changes_text(changed: dict) -> str:
    if not changed:
        return "none: the year's own settings"
    labels = {name: p for name, p in params_for_year(DEFAULT_YEAR).items()}
    parts = []
    for name, value in changed.items():
        if name == "year":
            parts.append(f"year {value}")
            continue
        p = labels[name]
        parts.append(f"{p.label.lower()} {format(value, p.format)}")
    return "; ".join(parts)


def presets_table(base: str = "") -> Table:
    """The explorer's presets: what each changes, the model's verdict, and a link that opens
    the explorer with it (relative to a page in ``book/``; ``base`` prefixes the link)."""
    rows = preset_outcomes()
    caption = (
        "The explorer's presets (the buttons under 'Start from'): what each sets, the "
        "model's verdict there, and a link that opens the explore page with it"
    )
    headings = ("Preset", "What it assumes", "Settings it changes", "Tilt", "Verdict", "Link")
    out = [f'<table class="tipline-table tipline-presets-table"><caption>{html.escape(caption)}']
    out.append("</caption><thead><tr>")
    out += [f'<th scope="col">{h}</th>' for h in headings]
    out.append("</tr></thead><tbody>")
    text = [caption]
    for row in rows:
        href = base + row["link"]
        changes = _changes_text(row["changed"])
        out.append(
            f'<tr><th scope="row">{html.escape(row["label"])}</th>'
            f"<td>{html.escape(row['description'])}</td>"
            f"<td>{html.escape(changes)}</td>"
            f"<td>{row['tilt']:+.2f}</td>"
            f"<td>{html.escape(row['verdict'])}</td>"
            f'<td><a href="{html.escape(href, quote=True)}"'
            f' aria-label="Open the explorer with the preset {html.escape(row["label"])}">'
            f"Open</a></td></tr>"
        )
        text.append(
            f"{row['label']} | changes: {changes} | tilt {row['tilt']:+.2f} | {row['verdict']}"
            f" | {href}"
        )
    out.append("</tbody></table>")
    return Table("\n".join(out), "\n".join(text))
