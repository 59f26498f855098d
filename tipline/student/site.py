"""Sphinx extension: link each page to its student notebook (registered in ``_config.yml``).

On every notebook page with a student edition, the download menu (the arrow icon) gets an
entry *Student notebook* for ``notebooks/<name>.ipynb`` (written after the build by
:mod:`tipline.student.publish`), and the launch menu's Binder entry opens the student
edition (``student/<name>.ipynb``, which Binder's ``postBuild`` generates) instead of the
book's MyST source. The teacher's guide, which has no student edition, launches the folder
of student notebooks.
"""

from __future__ import annotations

from pathlib import Path

from tipline.student import BINDER_FOLDER, SITE_FOLDER, has_student_edition

DOWNLOAD_GROUP = "download-buttons"
LAUNCH_GROUP = "launch-buttons"
ENTRY_LABEL = "download-student-notebook-button"


def _group(context: dict, label: str) -> dict | None:
    for button in context.get("header_buttons") or ():
        if button.get("type") == "group" and button.get("label") == label:
            return button
    return None


def student_download_entry(pathto, name: str) -> dict:
    """The download menu's entry for the student notebook ``name``."""
    return {
        "type": "link",
        "url": pathto(f"{SITE_FOLDER}/{name}.ipynb", 1),
        "text": "Student notebook",
        "tooltip": "Download the student notebook: plain Markdown, numbers written in, "
        "no solutions",
        "icon": "fas fa-user-graduate",
        "label": ENTRY_LABEL,
    }


def launch_path(pagename: str, student: bool) -> str:
    """What the launch buttons of page ``pagename`` open in the repository's Binder image."""
    name = pagename.rpartition("/")[2]
    return f"{BINDER_FOLDER}/{name}.ipynb" if student else BINDER_FOLDER


def _link_pages(app, pagename, templatename, context, doctree):
    source = Path(app.env.doc2path(pagename)) if pagename in app.env.all_docs else None
    if source is None or source.suffix != ".ipynb":
        return
    student = has_student_edition(pagename)
    downloads = _group(context, DOWNLOAD_GROUP)
    if student and downloads is not None:
        entry = student_download_entry(context["pathto"], pagename.rpartition("/")[2])
        buttons = [b for b in downloads["buttons"] if b.get("label") != ENTRY_LABEL]
        downloads["buttons"] = [entry, *buttons]
    launches = _group(context, LAUNCH_GROUP)
    if launches is not None:
        old = f"/{pagename}.ipynb"
        for button in launches["buttons"]:
            url = button.get("url", "")
            if old in url:
                button["url"] = url.replace(old, "/" + launch_path(pagename, student))


def setup(app):
    # After sphinx-book-theme fills the header buttons (priority 501).
    app.connect("html-page-context", _link_pages, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
