"""Sphinx extension: the theme's code colours reach the site's stylesheet (registered in
``_config.yml``).

pydata-sphinx-theme replaces Sphinx's ``pygments.css`` with its own when the build finishes:
code colours for light and for dark mode, each chosen for contrast on the theme's code
background. The site's stylesheets are pruned and merged into one when the build finishes
too (:mod:`tipline.sphinxext`), and that ran first, so the merged file carried Sphinx's
default colours instead: made for a pale green background, comments and string fields under
4.5:1 on the theme's grey, keywords about 2:1 in dark mode. This extension has the theme
write its stylesheet earlier, before anything reads the built CSS; the theme's own later
call writes the same file again.
"""

from __future__ import annotations

from pydata_sphinx_theme.pygments import overwrite_pygments_css

#: Before the default priority (500) that the site's own build-finished steps run at.
PRIORITY = 400


def setup(app):
    app.connect("build-finished", overwrite_pygments_css, priority=PRIORITY)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
