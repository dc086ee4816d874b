"""`briefing build --offline`: a site for file:// with a self-hosted search shim, and its zip (no browser here)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from helpers import new_project
from generator.cli import main
from generator.publish.site import SHIM_SOURCE, SHIM_URL, _offline_overlay


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = new_project(tmp_path_factory.mktemp("offline") / "desk")
    root.joinpath("mkdocs.yml").write_text(
        root.joinpath("mkdocs.yml").read_text() + "repo_url: https://example.org/desk/briefing\n", encoding="utf-8"
    )
    (root / "mkdocs.yml.before").write_bytes((root / "mkdocs.yml").read_bytes())
    assert main(["-C", str(root), "build", "--offline", "--strict"]) == 0
    return root


def test_overlay_turns_off_what_needs_the_network():
    settings = {
        "theme": {"name": "material", "features": ["navigation.instant", "navigation.instant.progress", "search.suggest"]},
        "plugins": ["search", {"tags": {"tags_file": "tags.md"}}, "social"],
        "extra": {"polyfills": ["https://cdn.example/x.js", "local/polyfill.js"], "analytics": {"provider": "google"}},
        "repo_url": "https://example.org/r",
    }
    overlay = _offline_overlay(settings, Path("/p/site-offline"))
    assert overlay["INHERIT"] == "mkdocs.yml"
    assert overlay["theme"] == {"font": False, "features": ["search.suggest"]}
    assert overlay["plugins"] == ["search", {"tags": {"tags_file": "tags.md"}}, "offline"]
    assert overlay["extra"] == {"polyfills": [SHIM_URL, "local/polyfill.js"], "analytics": None}
    assert overlay["repo_url"] is None and overlay["site_dir"] == "/p/site-offline"
    assert overlay["use_directory_urls"] is False


def test_offline_site_references_no_network_resource(project):
    site = project / "site-offline"
    # 404.html is for web servers only (MkDocs writes it with root-absolute links); file:// never shows it.
    pages = sorted(page for page in site.rglob("*.html") if page.name != "404.html")
    assert len(pages) >= 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        depth = len(page.relative_to(site).parts) - 1
        assert f'<script src="{"../" * depth}{SHIM_URL}"></script>' in html, page
        # Nothing the browser loads by itself (scripts, styles, fonts, images, iframes) comes from the network.
        for tag, url in re.findall(r"<(script|link|img|iframe|source)\b[^>]*?\b(?:src|href)=\"([^\"]*)\"", html):
            if tag == "link" and re.search(r'rel="(?:canonical|alternate|prev|next)"', html[html.find(url) - 120 : html.find(url)]):
                continue
            assert "://" not in url and not url.startswith("//"), f"{page}: <{tag}> loads {url}"
        assert "fonts.googleapis" not in html and "unpkg.com" not in html
        assert "md-source" not in html  # the repository widget (which fetches star counts) is off
    assert (site / SHIM_URL).read_bytes() == (SHIM_SOURCE / "shim.js").read_bytes()
    assert "MIT" in (site / SHIM_URL).parent.joinpath("LICENSE").read_text() or "Permission is hereby granted" in (
        site / SHIM_URL
    ).parent.joinpath("LICENSE").read_text()
    index = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert index.startswith("var __index = {") and "Rubio" in index


def test_offline_build_leaves_the_project_config_alone_and_zips_the_site(project):
    assert not list(project.glob(".briefing-offline*"))
    assert (project / "mkdocs.yml").read_bytes() == (project / "mkdocs.yml.before").read_bytes()
    assert not (project / "site").exists()  # the offline build does not touch the online site
    with zipfile.ZipFile(project / "site-offline.zip") as archive:
        names = set(archive.namelist())
        assert archive.testzip() is None
    on_disk = {f"site-offline/{p.relative_to(project / 'site-offline').as_posix()}"
               for p in (project / "site-offline").rglob("*") if p.is_file()}
    assert names == on_disk
    assert f"site-offline/{SHIM_URL}" in names and "site-offline/index.html" in names


def test_offline_zip_is_reproducible(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1771200000")
    assert main(["-C", str(project), "build", "--offline"]) == 0
    first = (project / "site-offline.zip").read_bytes()
    assert main(["-C", str(project), "build", "--offline"]) == 0
    assert (project / "site-offline.zip").read_bytes() == first
    with zipfile.ZipFile(project / "site-offline.zip") as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(2026, 2, 16)}
