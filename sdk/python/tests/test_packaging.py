"""The SDK builds into a wheel and an sdist offline, with the machine's Python and Debian's python3-build, and the
wheel installs with pip into a fresh virtual environment, where it imports and records."""

import glob
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unittest

from sdk_on_path import SDK_FOLDER

# What the distributions are made of: the rest of the folder (tests) is not shipped.
SOURCES = ("pyproject.toml", "README.md", "tokenoptimizer")
TIMEOUT_SECONDS = 300


def python_with_build():
    """This interpreter if it has the `build` module, else the system's, where Debian's python3-build puts it."""
    for candidate in (sys.executable, "/usr/bin/python3"):
        if os.path.exists(candidate) and subprocess.run([candidate, "-c", "import build, venv"], capture_output=True).returncode == 0:
            return candidate
    raise AssertionError("no Python with the `build` module: apt-get install python3-build python3-venv")


def run(*command, cwd=None):
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                          env=dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1"))
    if done.returncode != 0:
        raise AssertionError("%s exited with %d:\n%s\n%s" % (" ".join(command), done.returncode, done.stdout, done.stderr))
    return done.stdout


class Packaging(unittest.TestCase):
    def test_the_wheel_and_sdist_build_offline_and_the_wheel_installs_with_pip(self):
        python = python_with_build()
        with tempfile.TemporaryDirectory() as work:
            # A copy, so the build's egg-info and build/ folders never land in the checkout.
            source = os.path.join(work, "source")
            os.mkdir(source)
            for name in SOURCES:
                copy = shutil.copytree if os.path.isdir(os.path.join(SDK_FOLDER, name)) else shutil.copy
                copy(os.path.join(SDK_FOLDER, name), os.path.join(source, name))
            dist = os.path.join(work, "dist")

            run(python, "-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", dist, source)

            [wheel] = glob.glob(os.path.join(dist, "tokenoptimizer-*-py3-none-any.whl"))
            [sdist] = glob.glob(os.path.join(dist, "tokenoptimizer-*.tar.gz"))
            with tarfile.open(sdist) as archive:
                shipped = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
            self.assertTrue({"pyproject.toml", "README.md", "tokenoptimizer/tracker.py", "tokenoptimizer/streams.py"} <= shipped, shipped)

            venv = os.path.join(work, "venv")
            run(python, "-m", "venv", venv)
            venv_python = os.path.join(venv, "bin", "python")
            run(venv_python, "-m", "pip", "install", "--no-index", wheel)

            # Run from the work folder so the checkout's package cannot be what gets imported.
            imported = run(venv_python, "-c", (
                "import tokenoptimizer; "
                "t = tokenoptimizer.Tracker('http://127.0.0.1:9', 'tok_test'); "
                "t.track_event('gpt-4o', tokens=1); "
                "print(tokenoptimizer.__file__, t.stats().pending); t.close(timeout=0)"), cwd=work)
            location, pending = imported.split()
            self.assertTrue(location.startswith(venv), location)
            self.assertEqual("1", pending)


if __name__ == "__main__":
    unittest.main()
