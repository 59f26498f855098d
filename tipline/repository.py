"""The book's public repository: derived where the book is built, never typed in.

The launch (Binder) buttons, the repository button, the teacher's guide's Binder link and the
links from the student notebooks back to the site all need the address of the repository the
book is published from. It is derived, first rule that applies:

1. ``TIPLINE_REPOSITORY``, when set: ``owner/name`` or a ``https://github.com/owner/name``
   address; ``none`` (or empty) builds a copy without a repository.
2. ``GITHUB_REPOSITORY`` (``owner/name``), which GitHub Actions sets in every workflow (the
   Pages workflow among them), when the server is github.com (``GITHUB_SERVER_URL``).
3. The ``origin`` remote of the git checkout, when it is a github.com address (HTTPS, SSH
   or git protocol; any credentials in it are dropped).
4. Otherwise there is no repository: the launch and repository buttons are left out and the
   teacher's guide says how to publish the book so that they appear.

The branch is ``TIPLINE_REPOSITORY_BRANCH`` if set, then the branch a GitHub Actions workflow
builds (``GITHUB_REF``), then ``repository.branch`` in ``_config.yml`` (``main``).

The site's own address (where the student notebooks link back to) is ``TIPLINE_SITE_URL`` if
set, else the repository's GitHub Pages address, else unknown.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

#: Values of ``TIPLINE_REPOSITORY`` that mean "no repository".
NONE_VALUES = frozenset({"", "none", "off", "no"})

_OWNER = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})"
_NAME = r"[A-Za-z0-9._-]{1,100}"
_OWNER_NAME = re.compile(rf"^({_OWNER})/({_NAME}?)(?:\.git)?/?$")
# git@github.com:owner/name.git (scp-like SSH syntax)
_SCP = re.compile(rf"^[\w.-]+@github\.com:({_OWNER})/({_NAME}?)(?:\.git)?/?$")
_BRANCH = re.compile(r"^[A-Za-z0-9._/-]{1,200}$")
GITHUB = "https://github.com"


@dataclass(frozen=True)
class Repository:
    """A public GitHub repository the book is published from."""

    owner: str
    name: str
    branch: str = "main"
    source: str = ""  # which rule found it (for messages and the build log)

    @property
    def url(self) -> str:
        return f"{GITHUB}/{self.owner}/{self.name}"

    @property
    def slug(self) -> str:
        return f"{self.owner}/{self.name}"

    @property
    def pages_url(self) -> str:
        """The GitHub Pages address of the repository's site (with a final slash)."""
        host = f"{self.owner.lower()}.github.io"
        if self.name.lower() == host:
            return f"https://{host}/"
        return f"https://{host}/{self.name}/"

    def binder_url(
        self,
        path: str = "",
        binderhub: str = "https://mybinder.org",
        interface: str = "jupyterlab",
    ) -> str:
        """The address that opens ``path`` (a file or folder of the repository) on a
        BinderHub, built as sphinx-book-theme builds its launch buttons."""
        if interface not in ("jupyterlab", "classic"):
            raise ValueError(
                f"notebook interface {interface!r} is not one of 'jupyterlab', 'classic'"
            )
        hub = binderhub.rstrip("/")
        if not hub.startswith("https://"):
            raise ValueError(f"the BinderHub address must start with https://, not {hub!r}")
        base = f"{hub}/v2/gh/{self.owner}/{self.name}/{self.branch}"
        if not path:
            return base
        where = f"urlpath=lab/tree/{path}" if interface == "jupyterlab" else f"filepath={path}"
        return f"{base}?{where}"


def parse_github(address: str) -> tuple[str, str] | None:
    """``(owner, name)`` of a github.com repository address, or ``None`` if ``address`` is
    not one. Accepts ``owner/name``, HTTPS (credentials dropped), SSH and git addresses."""
    text = address.strip()
    match = _OWNER_NAME.match(text) or _SCP.match(text)
    if match is None and "://" in text:
        parts = urlsplit(text)
        if parts.scheme in ("https", "http", "ssh", "git") and parts.hostname == "github.com":
            match = _OWNER_NAME.match(parts.path.lstrip("/"))
    if match is None or not match.group(2) or match.group(2) in (".", ".."):
        return None
    return match.group(1), match.group(2)


def origin_url(root: Path) -> str | None:
    """The ``origin`` remote's address of the git checkout at ``root`` (``None`` if there is
    no git, no checkout or no such remote)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "remote", "get-url", "origin"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def _branch(environ: Mapping[str, str], default: str) -> str:
    branch = environ.get("TIPLINE_REPOSITORY_BRANCH", "").strip()
    if not branch and environ.get("GITHUB_ACTIONS") == "true":
        ref = environ.get("GITHUB_REF", "")
        if ref.startswith("refs/heads/"):
            branch = ref.removeprefix("refs/heads/")
    branch = branch or default
    if not _BRANCH.match(branch):
        raise ValueError(
            f"repository branch {branch!r} is not a valid branch name "
            "(letters, digits, '.', '_', '-' and '/')"
        )
    return branch


def derive(
    environ: Mapping[str, str] | None = None,
    origin: str | None = None,
    default_branch: str = "main",
) -> Repository | None:
    """The repository the book is published from, by the rules in this module's docstring
    (``origin`` is the checkout's ``origin`` remote, passed in so that this stays pure)."""
    env = os.environ if environ is None else environ
    branch = _branch(env, default_branch)
    explicit = env.get("TIPLINE_REPOSITORY")
    if explicit is not None:
        if explicit.strip().lower() in NONE_VALUES:
            return None
        found = parse_github(explicit)
        if found is None:
            raise ValueError(
                f"TIPLINE_REPOSITORY={explicit!r} is not a GitHub repository: use owner/name, "
                "https://github.com/owner/name, or 'none' to build without one"
            )
        return Repository(*found, branch=branch, source="TIPLINE_REPOSITORY")
    if env.get("GITHUB_REPOSITORY"):
        server = env.get("GITHUB_SERVER_URL", GITHUB).rstrip("/")
        found = parse_github(env["GITHUB_REPOSITORY"])
        if server == GITHUB and found is not None:
            return Repository(*found, branch=branch, source="GITHUB_REPOSITORY")
        return None  # GitHub Enterprise: mybinder.org cannot launch it
    if origin:
        found = parse_github(origin)
        if found is not None:
            return Repository(*found, branch=branch, source="the origin remote")
    return None


def site_url(repo: Repository | None, environ: Mapping[str, str] | None = None) -> str | None:
    """The published site's address, with a final slash (``None`` if unknown)."""
    env = os.environ if environ is None else environ
    explicit = env.get("TIPLINE_SITE_URL", "").strip()
    if explicit:
        if not explicit.startswith(("https://", "http://")):
            raise ValueError(f"TIPLINE_SITE_URL={explicit!r} must start with https:// or http://")
        return explicit.rstrip("/") + "/"
    return repo.pages_url if repo is not None else None


def book_config(config: dict, repo: Repository | None, *, hide_solutions: bool = False) -> dict:
    """The Jupyter Book configuration to build with: ``config`` (``_config.yml``) with the
    repository filled in, or every button that needs it switched off; with
    ``hide_solutions``, every solution is left out of the pages (:mod:`tipline.hide_solutions`)
    and the sources that hold them are not published."""
    out = {**config}
    html = {**(out.get("html") or {})}
    launch = {**(out.get("launch_buttons") or {})}
    repository = {k: v for k, v in (out.get("repository") or {}).items() if k != "url"}
    if repo is None:
        # Explicitly empty: jupyter-book would otherwise fill in its own repository's address.
        repository["url"] = ""
        html["use_repository_button"] = False
        html["use_issues_button"] = False
        html["use_edit_page_button"] = False
        launch["binderhub_url"] = ""
    else:
        repository["url"] = repo.url
        repository["branch"] = repo.branch
        html["use_repository_button"] = True
    out["repository"] = repository
    out["html"] = html
    out["launch_buttons"] = launch
    if hide_solutions:
        sphinx = {**(out.get("sphinx") or {})}
        # The notebooks' sources hold the solutions: do not publish them.
        extra = {"hide_solutions": True, "html_copy_source": False}
        sphinx["config"] = {**(sphinx.get("config") or {}), **extra}
        out["sphinx"] = sphinx
    return out


def from_checkout(root: Path, config: dict | None = None) -> Repository | None:
    """:func:`derive` for the checkout at ``root`` and this process's environment."""
    default = str(((config or {}).get("repository") or {}).get("branch") or "main")
    return derive(os.environ, origin_url(root), default_branch=default)
