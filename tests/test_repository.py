"""tipline.repository: the repository address derived where the book is built, and the
configuration written from it (both ways: with and without a public repository)."""

from __future__ import annotations

import subprocess

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tipline import repository as rp
from tipline.paths import REPO_ROOT

BASE = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))

owners = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}", fullmatch=True)
names = st.from_regex(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,60}", fullmatch=True).filter(
    lambda n: not n.endswith(".git")
)


@given(owners, names, st.sampled_from(["", ".git", "/", ".git/"]))
def test_every_github_address_form_gives_owner_and_name(owner, name, tail):
    forms = [
        f"{owner}/{name}{tail}",
        f"https://github.com/{owner}/{name}{tail}",
        f"https://someone:token@github.com/{owner}/{name}{tail}",
        f"git@github.com:{owner}/{name}{tail}",
        f"ssh://git@github.com/{owner}/{name}{tail}",
        f"git://github.com/{owner}/{name}{tail}",
    ]
    for form in forms:
        assert rp.parse_github(form) == (owner, name), form


@pytest.mark.parametrize(
    "address",
    [
        "",
        "https://gitlab.com/a/b",
        "https://github.com/only-owner",
        "https://github.com/a/b/c",
        "https://github.com.evil.example/a/b",
        "git@gitlab.com:a/b.git",
        "/home/someone/book",
        "../book",
        "not a url",
        "a/..",
    ],
)
def test_other_addresses_are_not_github_repositories(address):
    assert rp.parse_github(address) is None


def test_credentials_in_the_origin_never_reach_the_address():
    repo = rp.derive({}, origin="https://user:s3cret@github.com/org/book.git")
    assert repo.url == "https://github.com/org/book"
    assert "s3cret" not in repr(repo)


def test_pages_workflow_uses_github_repository():
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_REPOSITORY": "org/book",
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REF": "refs/heads/trunk",
    }
    repo = rp.derive(env, origin="https://github.com/someone-else/fork.git")
    assert (repo.slug, repo.branch, repo.source) == ("org/book", "trunk", "GITHUB_REPOSITORY")
    # A pull request's ref is no branch of the repository: the configured branch stays.
    pull = rp.derive({**env, "GITHUB_REF": "refs/pull/7/merge"}, default_branch="main")
    assert pull.branch == "main"


def test_github_enterprise_has_no_binder():
    env = {"GITHUB_REPOSITORY": "org/book", "GITHUB_SERVER_URL": "https://git.example.com"}
    assert rp.derive(env) is None


def test_origin_when_not_in_a_workflow():
    repo = rp.derive({}, origin="git@github.com:org/book.git", default_branch="main")
    assert (repo.url, repo.branch, repo.source) == (
        "https://github.com/org/book",
        "main",
        "the origin remote",
    )
    assert rp.derive({}, origin="https://gitlab.com/org/book.git") is None
    assert rp.derive({}, origin=None) is None


def test_explicit_setting_wins_and_can_switch_off():
    origin = "https://github.com/org/book"
    assert rp.derive({"TIPLINE_REPOSITORY": "none", "GITHUB_REPOSITORY": "a/b"}, origin) is None
    assert rp.derive({"TIPLINE_REPOSITORY": ""}, origin) is None
    repo = rp.derive({"TIPLINE_REPOSITORY": "x/y", "TIPLINE_REPOSITORY_BRANCH": "gh"}, origin)
    assert (repo.slug, repo.branch) == ("x/y", "gh")
    with pytest.raises(ValueError, match="TIPLINE_REPOSITORY=.*owner/name"):
        rp.derive({"TIPLINE_REPOSITORY": "https://gitlab.com/x/y"})
    with pytest.raises(ValueError, match="branch"):
        rp.derive({"TIPLINE_REPOSITORY": "x/y", "TIPLINE_REPOSITORY_BRANCH": "a b"})


def test_origin_of_a_real_checkout(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert rp.origin_url(tmp_path) is None
    subprocess.run(
        ["git", "-C", str(tmp_path), "remote", "add", "origin", "git@github.com:org/book.git"],
        check=True,
    )
    assert rp.origin_url(tmp_path) == "git@github.com:org/book.git"
    assert rp.origin_url(tmp_path / "missing") is None


def test_binder_and_pages_addresses():
    repo = rp.Repository("Org", "book", "trunk")
    assert repo.binder_url("student/x.ipynb") == (
        "https://mybinder.org/v2/gh/Org/book/trunk?urlpath=lab/tree/student/x.ipynb"
    )
    assert repo.binder_url("student", "https://hub.example/", "classic") == (
        "https://hub.example/v2/gh/Org/book/trunk?filepath=student"
    )
    assert repo.pages_url == "https://org.github.io/book/"
    assert rp.Repository("Org", "org.github.io").pages_url == "https://org.github.io/"
    with pytest.raises(ValueError, match="interface"):
        repo.binder_url("x", interface="vscode")
    with pytest.raises(ValueError, match="https://"):
        repo.binder_url("x", binderhub="http://hub.example")


def test_site_url():
    repo = rp.Repository("org", "book")
    assert rp.site_url(repo, {}) == "https://org.github.io/book/"
    assert rp.site_url(None, {}) is None
    assert rp.site_url(repo, {"TIPLINE_SITE_URL": "https://book.example"}) == (
        "https://book.example/"
    )
    with pytest.raises(ValueError, match="TIPLINE_SITE_URL"):
        rp.site_url(None, {"TIPLINE_SITE_URL": "book.example"})


# -- the configuration written, both ways ----------------------------------------------------


def test_the_books_config_names_no_repository():
    """The address is never typed into _config.yml (no placeholder to forget)."""
    assert "url" not in (BASE.get("repository") or {})
    assert BASE["html"]["use_repository_button"] is False


def test_config_with_a_repository_has_its_buttons():
    repo = rp.Repository("org", "book", "trunk")
    written = rp.book_config(BASE, repo)
    assert written["repository"] == {"url": "https://github.com/org/book", "branch": "trunk"}
    assert written["html"]["use_repository_button"] is True
    assert written["launch_buttons"]["binderhub_url"] == BASE["launch_buttons"]["binderhub_url"]
    assert "hide_solutions" not in written["sphinx"]["config"]
    # Everything else is _config.yml's, untouched.
    for key in BASE:
        if key not in ("repository", "html", "launch_buttons"):
            assert written[key] == BASE[key], key


def test_config_without_a_repository_has_no_buttons_that_need_one():
    stale = {**BASE, "repository": {"url": "https://github.com/old/placeholder", "branch": "x"}}
    written = rp.book_config(stale, None)
    assert written["repository"]["url"] == ""  # not jupyter-book's default address
    assert written["launch_buttons"]["binderhub_url"] == ""
    for button in ("use_repository_button", "use_issues_button", "use_edit_page_button"):
        assert written["html"][button] is False
    assert stale["repository"]["url"] == "https://github.com/old/placeholder"  # not mutated


def test_config_for_the_teachers_key():
    written = rp.book_config(BASE, None, hide_solutions=True)
    assert written["sphinx"]["config"]["hide_solutions"] is True
    assert written["sphinx"]["config"]["html_copy_source"] is False
    # The book's own Sphinx settings stay.
    for key, value in BASE["sphinx"]["config"].items():
        assert written["sphinx"]["config"][key] == value
    assert "hide_solutions" not in BASE["sphinx"]["config"]


@pytest.mark.parametrize("repo", [None, rp.Repository("org", "book")])
def test_jupyter_book_accepts_the_written_config(repo):
    """jupyter-book turns the written configuration into Sphinx's without complaint."""
    from jupyter_book.config import get_final_config

    written = rp.book_config(BASE, repo, hide_solutions=repo is None)
    sphinx, _ = get_final_config(
        user_yaml=written,
        cli_config={"latex_individualpages": False},
        sourcedir=REPO_ROOT,
        raise_on_invalid=True,
    )
    theme = sphinx["html_theme_options"]
    if repo is None:
        assert not theme.get("repository_url")
        assert theme["use_repository_button"] is False
        assert sphinx["hide_solutions"] is True
    else:
        assert theme["repository_url"] == repo.url
        assert theme["launch_buttons"]["binderhub_url"].startswith("https://")
