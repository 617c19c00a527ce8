"""A live portal for the browser tests: a real server and task worker on a free port (8020-8039, or
the range in E2E_PORTS) with a throwaway SQLite database, the demo content, the bundled sample cases (about two thirds
published, the rest queued) and an editor; and Debian's chromium driven by Playwright.

Playwright never downloads a browser here: `executable_path` is Debian's chromium
(`make e2e-deps` installs it, and axe-core from the npm registry into e2e/node_modules).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "e2e" / "node_modules" / "axe-core" / "axe.min.js"
EDITOR = ("editor", "e2e-editor-password-123")
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}

pytestmark = pytest.mark.e2e


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@dataclass
class Portal:
    url: str
    token: str
    var_dir: Path

    def api(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        request = urllib.request.Request(
            f"{self.url}/internal/api/v1/{path}",
            data=json.dumps(body, ensure_ascii=False).encode() if body is not None else None,
            method=method,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")


# Several checkouts share a machine: each may give its own range, e.g. E2E_PORTS=8730-8739.
PORTS = os.environ.get("E2E_PORTS", "8020-8039")


def _free_port() -> int:
    first, _, last = PORTS.partition("-")
    for port in range(int(first), int(last or first) + 1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS}")


def _manage(env, *args) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
    return result.stdout


@pytest.fixture(scope="session")
def portal():
    var_dir = Path(tempfile.mkdtemp(prefix="hjxf-e2e-"))
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PORTAL_TESTING"}}
    env.update(
        DEBUG="true",
        PORTAL_TESTING="false",
        VAR_DIR=str(var_dir),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CASES_REVIEW_REQUIRED="true",
        PORTAL_ADMIN_USERNAME=EDITOR[0],
        PORTAL_ADMIN_PASSWORD=EDITOR[1],
        LOG_LEVEL="WARNING",
        PORTAL_BASE_URL=f"http://127.0.0.1:{port}",
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
    )
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_demo_content")
    _manage(env, "ensure_editor")
    _manage(env, "load_sample_cases", str(ROOT / "internal_api" / "demo" / "sample_cases.jsonl"))
    token = _manage(env, "create_api_client", "e2e-browser").strip().splitlines()[-1]
    # Run the queue dry before the browser comes: the search index, the statistics and the list's
    # region options (from those statistics) are then complete, and no test waits on the worker.
    _manage(env, "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0")
    log = open(var_dir / "server.log", "w")  # noqa: SIM115 - closed below
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.5", "--no-startup-delay"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        ),
    ]
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{url}/internal/api/v1/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the live server did not start")
        yield Portal(url=url, token=token, var_dir=var_dir)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
        shutil.rmtree(var_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make e2e-deps`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser, portal):
    """A fresh page at phone or desktop width; fails the test on any CSP violation or JS error."""
    context = browser.new_context(viewport=VIEWPORTS[request.param], base_url=portal.url, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.width_name = request.param
    yield page
    context.close()
    assert not problems, problems


def run_axe(page) -> list[dict]:
    """axe-core from e2e/node_modules, injected as a local file; serious and critical violations."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make e2e-deps`")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
