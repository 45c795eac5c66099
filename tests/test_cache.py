"""The load cache: data only, checked before use, kept in a private folder of its own.

A second start reads the prepared knowledge base and index; an edit is seen at once;
anything wrong with the cache (random bytes, a cut-off file, a folder open to others or
owned by someone else) means a normal load and the same answer; files that are not the
cache's own are never touched.
"""

from __future__ import annotations

import ast
import json
import os
import random
import shutil
from pathlib import Path

import pytest

from faqbot.kb import cache
from faqbot.kb.loader import load
from faqbot.understand.matcher import Kind, match
from faqbot.understand.prepare import index_of
from tests.helpers import ROOT, run_bot

MINIMAL = ROOT / "tests" / "data" / "kb_minimal"
PACKAGE = ROOT / "faqbot"


def copy_kb(tmp_path: Path) -> Path:
    kb_dir = tmp_path / "kb"
    shutil.copytree(MINIMAL, kb_dir)
    return kb_dir


def cache_files(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / cache.SUBFOLDER).glob("*.json"))


def ask(kb_dir: Path, cache_dir: Path, question: str = "where do i park") -> tuple[dict, str]:
    env = {**os.environ, "FAQBOT_CACHE_DIR": str(cache_dir)}
    done = run_bot("--kb", str(kb_dir), "ask", question, "--json", env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), done.stderr.decode()


def written(cache_dir: Path) -> list[Path]:
    """The cache files, which must exist: a loop over none would check nothing."""
    files = cache_files(cache_dir)
    assert files, f"no cache files in {cache_dir}"
    return files


def test_second_load_comes_from_the_cache_and_answers_the_same(tmp_path: Path):
    kb_dir, cache_dir = copy_kb(tmp_path), tmp_path / "cache"
    first = load(kb_dir, cache_dir=cache_dir)
    index_of(first)
    assert [p.name.split("-")[0] for p in cache_files(cache_dir)] == ["index", "kb"]
    second = load(kb_dir, cache_dir=cache_dir)
    assert second is not first
    assert second == first
    assert match(second, "where do i park").entry.id == "parking"
    assert index_of(second).phrasing_texts == index_of(first).phrasing_texts


def test_the_cache_holds_data_behind_a_hash(tmp_path: Path):
    """Each file is a format line with the hash of the rest, then JSON."""
    kb_dir, cache_dir = copy_kb(tmp_path), tmp_path / "cache"
    index_of(load(kb_dir, cache_dir=cache_dir))
    for path in written(cache_dir):
        head, _, body = path.read_bytes().partition(b"\n")
        assert head.startswith(cache.FORMAT.encode())
        json.loads(body)
        assert cache.unseal(path.read_bytes()) is not None
        assert cache.unseal(path.read_bytes() + b" ") is None


def test_the_cache_folder_is_private(tmp_path: Path):
    kb_dir, cache_dir = copy_kb(tmp_path), tmp_path / "cache"
    load(kb_dir, cache_dir=cache_dir)
    for folder in (cache_dir, cache_dir / cache.SUBFOLDER):
        assert folder.stat().st_mode & 0o777 == 0o700
    for path in written(cache_dir):
        assert path.stat().st_mode & 0o777 == 0o600


def test_an_edit_is_seen_at_once(tmp_path: Path):
    kb_dir, cache_dir = copy_kb(tmp_path), tmp_path / "cache"
    load(kb_dir, cache_dir=cache_dir)
    faq = kb_dir / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("visitor lot", "blue garage"),
                   encoding="utf-8")
    kb = load(kb_dir, cache_dir=cache_dir)
    assert "blue garage" in kb.by_id["parking"].answer


@pytest.mark.parametrize("damage", ["random", "truncated", "empty", "flipped"])
def test_a_damaged_cache_file_means_a_normal_load_twice_in_a_row(tmp_path: Path, damage: str):
    kb_dir, cache_dir = copy_kb(tmp_path), tmp_path / "cache"
    expected, _ = ask(kb_dir, cache_dir)
    rng = random.Random(damage)
    for path in written(cache_dir):
        raw = path.read_bytes()
        if damage == "random":
            raw = rng.randbytes(len(raw))
        elif damage == "truncated":
            raw = raw[: len(raw) // 2]
        elif damage == "empty":
            raw = b""
        else:
            at = rng.randrange(len(raw))
            raw = raw[:at] + bytes([raw[at] ^ 1 << rng.randrange(8)]) + raw[at + 1:]
        path.write_bytes(raw)
    for _ in range(2):
        answer, stderr = ask(kb_dir, cache_dir)
        assert answer == expected
        assert stderr == ""


def test_well_formed_data_of_the_wrong_shape_is_rebuilt(tmp_path: Path):
    """Even a file that passes the hash (written by this user) must be the right shape."""
    kb_dir, cache_dir = copy_kb(tmp_path), tmp_path / "cache"
    expected, _ = ask(kb_dir, cache_dir)
    shapes = [{"$": "Entry", "id": 1}, {"$": "os.system"}, {"entries": 2, "stems": 3}, [1, 2], None]
    for path, shape in zip(written(cache_dir), shapes * 2, strict=False):
        path.write_bytes(cache.seal(shape))
    assert ask(kb_dir, cache_dir)[0] == expected


def test_a_folder_others_can_write_to_is_refused(tmp_path: Path):
    kb_dir, cache_dir = copy_kb(tmp_path), tmp_path / "open"
    cache_dir.mkdir()
    cache_dir.chmod(0o777)
    expected, _ = ask(kb_dir, tmp_path / "private")
    answer, stderr = ask(kb_dir, cache_dir)
    assert answer == expected
    assert len(stderr.splitlines()) == 1
    assert "writable by others" in stderr
    assert str(cache_dir) in stderr
    assert list(cache_dir.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0,
                    reason="only root can give a folder to another user")
def test_a_folder_owned_by_someone_else_is_refused(tmp_path: Path):
    kb_dir, cache_dir = copy_kb(tmp_path), tmp_path / "theirs"
    cache_dir.mkdir(mode=0o700)
    os.chown(cache_dir, 4242, 4242)
    expected, _ = ask(kb_dir, tmp_path / "private")
    answer, stderr = ask(kb_dir, cache_dir)
    assert answer == expected
    assert len(stderr.splitlines()) == 1
    assert "not owned by you" in stderr
    assert list(cache_dir.iterdir()) == []


def test_other_files_in_the_cache_folder_are_never_touched(tmp_path: Path):
    """Pointed at a folder full of other files, the cache writes only in its own subfolder
    and prunes only its own names, however many knowledge bases come and go."""
    cache_dir = tmp_path / "cache"
    own = cache_dir / cache.SUBFOLDER
    own.mkdir(parents=True, mode=0o700)
    cache_dir.chmod(0o700)
    others = [cache_dir / f"other-{n}.pickle" for n in range(20)]
    others += [cache_dir / f"kb-{'0' * 40}.json", own / "notes.txt", own / f"kb-{'1' * 39}.json"]
    for number, path in enumerate(others):
        path.write_bytes(f"not ours {number}".encode())
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in others}
    kb_dir = copy_kb(tmp_path)
    faq = kb_dir / "faq.yaml"
    for version in range(cache.KEEP_ENTRIES + 3):
        faq.write_text(faq.read_text(encoding="utf-8") + f"\n# edit {version}\n", encoding="utf-8")
        index_of(load(kb_dir, cache_dir=cache_dir))
    assert {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in others} == before
    assert len(list(own.glob("kb-*.json"))) == cache.KEEP_ENTRIES + 1  # 8 kept + the 39-digit one


def test_cache_can_be_turned_off(tmp_path: Path):
    kb_dir = copy_kb(tmp_path)
    load(kb_dir, cache_dir=None)
    env = {**os.environ, "FAQBOT_NO_CACHE": "1", "FAQBOT_CACHE_DIR": str(tmp_path / "cache")}
    assert run_bot("--kb", str(kb_dir), "ask", "where do i park", env=env).returncode == 0
    assert not (tmp_path / "cache").exists()


def test_the_cached_knowledge_base_stays_read_only(tmp_path: Path):
    kb_dir, cache_dir = copy_kb(tmp_path), tmp_path / "cache"
    load(kb_dir, cache_dir=cache_dir)
    cached = load(kb_dir, cache_dir=cache_dir)
    assert cached.cache is not None
    with pytest.raises(TypeError):
        cached.synonyms["x"] = "y"
    assert match(cached, "when should i arrive").kind is Kind.ANSWER


def test_no_module_of_faqbot_can_run_code_from_a_file():
    """Nothing reads pickle, marshal or shelve: no format that constructs objects."""
    forbidden = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "cloudpickle"}
    sources = sorted(PACKAGE.rglob("*.py"))
    assert len(sources) > 20
    for source in sources:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                names = {(node.module or "").split(".")[0]}
            else:
                continue
            assert not names & forbidden, f"{source.relative_to(ROOT)} imports {names & forbidden}"


def test_the_shipped_knowledge_base_comes_back_equal_from_the_cache_format():
    kb = load(ROOT / "knowledge", cache_dir=None)
    back = cache.unseal(cache.seal(cache.encode(kb)))
    assert back == kb
    assert back.safety.terms == kb.safety.terms
    assert len(kb.safety.terms) > 100
    stored, built = back.safety.terms, kb.safety.terms
    assert list(stored) == list(built)
    assert all(stored.get(first) == terms and first in stored for first, terms in built.items())
    assert stored.get("zzqx", ()) == ()
    assert "zzqx" not in stored


@pytest.mark.parametrize("rows", [
    [["pain", ["pain in the back"]]], [["pain", "x"]], "pain", [[1, []]],
    [["pain"], [2], ["pain"], ["ache"]], [["pain"], [0], [], []], [["pain"], [1], [1], ["ache"]],
    [["pain"], [1], ["pain"], [None]], [[1], [1], ["pain"], ["ache"]], [["pain"], ["1"], ["pain"], ["ache"]],
    [["pain", "back"], [1], ["pain"], ["ache"]], [["pain"], [1.0], ["pain"], ["ache"]],
    [["pain"], [1], ["pain"], ["ache", "more"]], [["pain"], [1], ["pain"]],
    [["pain"], [True], ["pain"], ["ache"]], [["pain"], [-1, 2], ["pain"], ["ache"]],
])
def test_a_malformed_term_table_is_not_used(rows):
    body = json.dumps({"$terms": rows}).encode()
    raw = f"{cache.FORMAT} {cache.blake2b(body).hexdigest()}\n".encode() + body
    assert cache.unseal(raw) is None
