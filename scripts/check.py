"""Install everything into ./.venv and run every check: lint, types, docs, tests.

    python scripts/check.py            # the whole suite, as CI runs it
    python scripts/check.py -- -k sqlite   # extra arguments go to pytest

Needs only Python >= 3.11 and pip. Every plugin under plugins/ is installed from its local path
and its tests run with the core's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def run(title: str, *args: str | Path) -> None:
    print(f"\n==> {title}: {' '.join(str(a) for a in args)}", flush=True)
    started = time.monotonic()
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True)
    print(f"    {title} ok in {time.monotonic() - started:.1f}s", flush=True)


def plugins() -> list[Path]:
    return sorted(
        p for p in (ROOT / "plugins").glob("afterview-*") if (p / "pyproject.toml").is_file()
    )


def main(pytest_args: list[str]) -> int:
    if not PYTHON.exists():
        print(f"==> creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip = [PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # Older pip (23.2, what a Python 3.11 venv starts with) cannot always match a plugin's
    # "afterview" requirement to the core named by path in the same command (pypa/pip#8785).
    run("pip", *pip, "pip>=23.3")
    # The core first, then the plugins: the order those older pips need, kept for anyone who
    # copies this command.
    run("install", *pip, "-e", ".[dev]", *[a for p in plugins() for a in ("-e", f"{p}[test]")])
    sources = ["src", *[str(p / "src") for p in plugins()]]
    run("ruff lint", PYTHON, "-m", "ruff", "check", ".")
    run("ruff format", PYTHON, "-m", "ruff", "format", "--check", ".")
    run("mypy --strict", PYTHON, "-m", "mypy", "--strict", *sources)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # a notice about the theme, not our docs
    run("docs", PYTHON, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", ".site")
    tests = ["tests", *[str(p / "tests") for p in plugins() if (p / "tests").is_dir()]]
    run("pytest", PYTHON, "-m", "pytest", *tests, *pytest_args)
    print("\nall checks passed", flush=True)
    return 0


if __name__ == "__main__":
    argv = sys.argv[1:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    try:
        sys.exit(main(argv))
    except subprocess.CalledProcessError as exc:
        print(f"\ncheck failed (exit {exc.returncode})", file=sys.stderr)
        sys.exit(exc.returncode or 1)
