"""Lets the tests import this checkout's package from any working directory
(`python3 -m unittest discover -s sdk/python/tests` from the repository root, or `-s tests` here)."""

import os
import sys

SDK_FOLDER = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if SDK_FOLDER not in sys.path:
    sys.path.insert(0, SDK_FOLDER)
