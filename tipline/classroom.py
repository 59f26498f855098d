"""What the teacher's guide shows about the explorer: its presets and shareable links.

A scenario link is the explorer page's address with the settings in its query string
(``explore.html?year=2023&quality=0.4``): the kernel-free explorer reads it on load (see
``tipline-explorer.js``), and its "Copy a link to these settings" button writes one.
"""

from __future__ import annotations

import html
from urllib.parse import urlencode, urlparse

import yaml

from tipline.explorer.presets import Preset, presets
from tipline.model import DEFAULT_YEAR, evaluate, params_for_year, verdict
from tipline.paths import REPO_ROOT
from tipline.table import Table

#: The explorer page, relative to the other pages of the book (all in ``book/``).
EXPLORER_PAGE = "explore.html"


def repository(config: dict | None = None) -> dict:
    """The repository the book names in ``_config.yml`` (its one public address):
    ``url``, ``owner``, ``name``, ``branch`` and the ``binderhub`` it launches on."""
    if config is None:
        config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    repo = config.get("repository") or {}
    url = str(repo.get("url", "")).rstrip("/")
    parts = [p for p in urlparse(url).path.split("/") if p]
    if urlparse(url).netloc != "github.com" or len(parts) != 2:
        raise ValueError(f"repository.url in _config.yml is not a GitHub repository: {url!r}")
    binderhub = (config.get("launch_buttons") or {}).get("binderhub_url", "")
    return {
        "url": url,
        "owner": parts[0],
        "name": parts[1].removesuffix(".git"),
        "branch": str(repo.get("branch", "main")),
        "binderhub": str(binderhub).rstrip("/"),
        "interface": (config.get("launch_buttons") or {}).get("notebook_interface", "classic"),
    }


def binder_url(path: str = "book", config: dict | None = None) -> str:
    """The Binder address that opens ``path`` (a notebook or a folder of the repository) in
    JupyterLab, built the way the launch buttons are (sphinx-book-theme)."""
    repo = repository(config)
    if not repo["binderhub"]:
        raise ValueError("launch_buttons.binderhub_url is not set in _config.yml")
    where = f"urlpath=lab/tree/{path}" if repo["interface"] == "jupyterlab" else f"filepath={path}"
    return f"{repo['binderhub']}/v2/gh/{repo['owner']}/{repo['name']}/{repo['branch']}?{where}"


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
