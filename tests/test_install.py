"""A real install: the wheel carries the knowledge base and a `faqbot` command."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from faqbot import __version__
from tests.helpers import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True)
    (built,) = out.glob("faqbot-*.whl")
    return built


def test_wheel_ships_the_knowledge_base_and_the_command(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        scripts = zf.read(entry_points).decode()
    shipped = {Path(n).name for n in names if n.startswith("faqbot/knowledge/")}
    assert shipped == {p.name for p in (ROOT / "knowledge").glob("*.yaml")}
    assert "faqbot/understand/data/english_words.txt" in names
    assert "faqbot = faqbot.cli:main" in scripts


def test_installed_package_answers_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "FAQBOT_NO_CACHE": "1"}
    env.pop("FAQBOT_KB", None)
    ask = subprocess.run([sys.executable, "-m", "faqbot", "ask", "how long does kyphoplasty take",
                          "--json"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert ask.returncode == 0, ask.stderr
    assert '"entry_id": "procedure-duration"' in ask.stdout
    version = subprocess.run([sys.executable, "-m", "faqbot", "--version"], cwd=elsewhere,
                             env=env, capture_output=True, text=True)
    assert version.stdout.strip() == f"python3 -m faqbot {__version__}"


def test_faqbot_kb_environment_variable_points_elsewhere(tmp_path: Path) -> None:
    env = {**os.environ, "FAQBOT_KB": str(ROOT / "tests" / "data" / "kb_minimal"),
           "FAQBOT_NO_CACHE": "1"}
    topics = subprocess.run([sys.executable, "run_bot.py", "topics"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert topics.returncode == 0, topics.stderr
    assert "procedure-duration" not in topics.stdout

