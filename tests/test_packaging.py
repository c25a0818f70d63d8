"""The wheel: the right packages, the data inside, and usable from a fresh venv."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import wiregold

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)

# Runs inside the fresh venv, from a directory outside the checkout.
CHECK_INSTALLED = """
import hashlib, importlib.util, json
from pathlib import Path
import wiregold, wiregold.scorers, wiregold.baselines
from wiregold import paths

for name in ("scorers", "baselines", "tests"):
    assert importlib.util.find_spec(name) is None, f"bare top-level {name} is importable"
site = Path(wiregold.__file__).parent
assert paths.data_root() == site / "_data", paths.data_root()
assert paths.schema_path().is_file() and paths.inventory_path().is_file()
files = [*paths.all_corpus_files(), *(paths.data_root() / "seeds").iterdir()]
print(json.dumps({
    "version": wiregold.__version__,
    "data": {
        str(p.relative_to(paths.data_root())): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in files
    },
}))
"""


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}


def test_version_matches_pyproject() -> None:
    assert wiregold.__version__ == PYPROJECT["project"]["version"]


def test_every_python_package_is_listed() -> None:
    listed = set(SETUPTOOLS["packages"])
    for top in ("wiregold", "scorers", "baselines"):
        prefix = "wiregold" if top == "wiregold" else f"wiregold.{top}"
        for init in (ROOT / top).rglob("__init__.py"):
            parts = init.parent.relative_to(ROOT / top).parts
            assert ".".join((prefix, *parts)) in listed, init


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv(tmp_path: Path) -> None:
    source = tmp_path / "src"  # build from a copy: building writes build/ and *.egg-info
    shutil.copytree(ROOT, source, ignore=COPY_IGNORE)
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", tmp_path / "dist"],
        cwd=source,
        env=clean_env(),
        check=True,
        capture_output=True,
    )
    [wheel] = (tmp_path / "dist").glob("wiregold-*.whl")

    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert tops == {"wiregold", f"wiregold-{wiregold.__version__}.dist-info"}
    corpus = sorted(str(p.relative_to(ROOT / "corpus")) for p in (ROOT / "corpus").glob("*/*.json"))
    assert {f"wiregold/_data/corpus/{c}" for c in corpus} <= set(names)
    for data in ("schema/document.schema.json", "schema/inventory.json", "seeds/README.md"):
        assert f"wiregold/_data/{data}" in names
    # The data's licence travels with the data, and the metadata does not call it MIT.
    dist_info = f"wiregold-{wiregold.__version__}.dist-info"
    assert {f"{dist_info}/licenses/LICENSE", f"{dist_info}/licenses/LICENSE-DATA"} <= set(names)
    metadata = zipfile.ZipFile(wheel).read(f"{dist_info}/METADATA").decode()
    assert "License-Expression: MIT AND CC-BY-4.0 AND LicenseRef-wiregold-source-text" in metadata

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = venv / "bin" / "python"
    # The venv has no pip of its own: this pip installs into it (offline, the wheel alone).
    install = ["--python", str(python), "install", "--quiet", "--no-index", "--no-deps", wheel]
    subprocess.run([sys.executable, "-m", "pip", *install], check=True, env=clean_env())
    result = subprocess.run(
        [python, "-c", CHECK_INSTALLED],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["version"] == wiregold.__version__
    shipped = [*(ROOT / "corpus").glob("*/*.json"), *(ROOT / "seeds").iterdir()]
    assert report["data"] == {
        str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest() for p in shipped
    }
    assert (venv / "bin" / "wiregold").is_file()
