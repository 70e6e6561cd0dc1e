"""``mkdocs serve --dirty`` (as ``make serve``): a save under data/ shows up, a data error is reported and the server recovers.

A save rebuilds only the pages whose Markdown changed and what shows them (generator/mkdocs/live.py).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from projectkit import MKDOCS, copy_project

FIXTURE = Path(__file__).parent / "fixtures" / "mini"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(predicate, timeout: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _serve(tmp_path: Path, templates: dict[str, str] | None = None) -> tuple[Path, int, Path, subprocess.Popen[bytes]]:
    """``mkdocs serve`` of a copy of the small fixture briefing: the project, its port, its log and the process.

    ``templates``: the project's own templates (overriding the package's, file by file), there from the start.
    """
    project = copy_project(tmp_path / "project", data=FIXTURE)
    for name, text in (templates or {}).items():
        (project / "templates").mkdir(exist_ok=True)
        (project / "templates" / name).write_text(text)
    port = _free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload", "--dirty"],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    return project, port, log_path, server


def test_serve_shows_saves_reports_errors_and_recovers(tmp_path: Path) -> None:
    project, port, log_path, server = _serve(tmp_path)
    url = f"http://127.0.0.1:{port}/en/companies/acme/"
    company = project / "data" / "companies" / "acme.yaml"
    try:
        assert _wait_for(lambda: "A maker developing a large model." in _get(url)), log_path.read_text()

        search = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"
        assert _wait_for(lambda: '"languages"' in _get(search)), "the search index is built under serve too"

        company.write_text(company.read_text().replace("A maker developing a large model.", "A maker that changed its plans."))
        assert _wait_for(lambda: "A maker that changed its plans." in _get(url)), log_path.read_text()
        # The rebuilt site gets the last index at once and a fresh one in the background.
        assert _wait_for(lambda: '"languages"' in _get(search)), "search keeps working after a save"

        company.write_text(company.read_text().replace("en: Acme}", "en: Acme, nmae: x}"))
        assert _wait_for(lambda: "data/companies/acme.yaml:1:" in log_path.read_text()), log_path.read_text()
        assert server.poll() is None, "the server stopped on a data error"
        assert "A maker that changed its plans." in _get(url)

        company.write_text(company.read_text().replace(", nmae: x}", "}").replace("changed its plans", "recovered"))
        assert _wait_for(lambda: "A maker that recovered." in _get(url)), log_path.read_text()
        # No rebuild loop: what the build writes (build/docs, site/) is not watched, so the builds stop.
        builds = log_path.read_text().count("Documentation built in")
        time.sleep(3)
        log_text = log_path.read_text()
        assert log_text.count("Documentation built in") == builds, log_text
        assert "Traceback" not in log_text, log_text
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_recovers_from_an_unexpected_error_at_the_next_good_save(tmp_path: Path) -> None:
    good_template = (Path(__file__).parents[1] / "generator" / "templates" / "company.md.j2").read_text()
    project, port, log_path, server = _serve(tmp_path, {"company.md.j2": good_template})
    url = f"http://127.0.0.1:{port}/en/companies/acme/"
    company = project / "data" / "companies" / "acme.yaml"
    template = project / "templates" / "company.md.j2"
    try:
        assert _wait_for(lambda: "A maker developing a large model." in _get(url)), log_path.read_text()
        # A half-written save, cut inside a UTF-8 character: reported, and the last good site stays served.
        whole = company.read_bytes()
        cut = next(i for i, byte in enumerate(whole) if byte >= 0xC0) + 1
        company.write_bytes(whole[:cut])
        assert _wait_for(lambda: "data/companies/acme.yaml:" in log_path.read_text()), log_path.read_text()
        assert "A maker developing a large model." in _get(url)
        company.write_bytes(whole)
        # Not a data error: something the generator did not expect raises while the pages are rendered.
        template.write_text(good_template + "{{ no_such_name.attribute }}\n")
        assert _wait_for(lambda: "UndefinedError" in log_path.read_text()), log_path.read_text()
        template.write_text(good_template)
        company.write_text(company.read_text().replace("A maker developing a large model.", "A maker back on its feet."))
        assert _wait_for(lambda: "A maker back on its feet." in _get(url)), log_path.read_text()
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=10)


def _page(url: str) -> str:
    """A served page without the live-reload script the server adds (it names the build)."""
    return re.sub(r"<script>[^<]*livereload[^<]*</script>", "", _get(url))


def test_a_save_rebuilds_what_shows_it_and_keeps_the_rest(tmp_path: Path) -> None:
    project, port, log_path, server = _serve(tmp_path)
    base = f"http://127.0.0.1:{port}/en"
    company = project / "data" / "companies" / "acme.yaml"
    terms = project / "data" / "glossary" / "terms.yaml"

    def save(path: Path, old: str, new: str) -> None:
        """Write the change and wait for the build it starts to end (the server reloads the browsers)."""
        builds = log_path.read_text().count("Reloading browsers")
        path.write_text(path.read_text().replace(old, new))
        assert _wait_for(lambda: log_path.read_text().count("Reloading browsers") > builds), log_path.read_text()

    def used_on_last_term() -> str:
        return "".join(re.findall(r"Used on: (.*?)</p>", _get(f"{base}/glossary/"))[-1:])

    try:
        assert _wait_for(lambda: "Serving on" in log_path.read_text()), log_path.read_text()  # the first build is done
        assert "A maker developing a large model." in _get(f"{base}/companies/acme/")
        about = _page(f"{base}/about/")
        assert "Acme" not in about and "md-nav" in about

        # A new name: the company's page, the list of companies and the glossary's "used on" show it at once.
        save(company, "en: Acme}", "en: Acme Widgets}")
        assert ">Acme Widgets</a>" in _get(f"{base}/glossary/")
        assert "Acme Widgets" in _get(f"{base}/companies/acme/") and "Acme Widgets" in _get(f"{base}/companies/")
        # A page that does not show the company is still right: the same page, navigation included.
        assert _page(f"{base}/about/") == about

        # The page uses another term now: the glossary lists it there too, though the glossary's Markdown is the same.
        save(company, "developing a large model", "counting its shipments")
        assert "companies/acme/" in used_on_last_term() and "../markets/phones/" in used_on_last_term()

        # A term's short definition is every linking page's tooltip: pages whose Markdown did not change show it too.
        save(terms, "An AI model trained on vast data", "A model trained on a great deal of data")
        assert "A model trained on a great deal of data" in _get(f"{base}/timeline/")
        assert _page(f"{base}/about/") == about and "Acme Widgets" in _get(f"{base}/companies/")

        # A data error: reported, and the last good pages stay, all of them.
        save(company, "en: Acme Widgets}", "en: Acme Widgets, nmae: x}")
        assert "data/companies/acme.yaml:1:" in log_path.read_text()
        assert "A maker counting its shipments." in _get(f"{base}/companies/acme/")
        assert "A model trained on a great deal of data" in _get(f"{base}/timeline/")
        assert "Traceback" not in log_path.read_text()
    finally:
        server.terminate()
        server.wait(timeout=10)
