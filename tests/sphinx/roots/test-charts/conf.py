# A tiny book: one notebook with stored outputs (a chart, an exercise form; tests/sphinx/conftest.py
# writes it), never executed.
from pathlib import Path

import nkbook

# The three extensions whose scripts act only on some elements, to show they load only where used.
extensions = ["myst_nb", "nkbook.sphinx", "sphinx_copybutton", "sphinx_togglebutton", "sphinx_design"]
nb_execution_mode = "off"
nkbook_node_modules = str(Path(nkbook.__file__).resolve().parents[2] / "node_modules")
nkbook_site_css = False
nkbook_input_folders = ["inputs"]
exclude_patterns = ["_build"]
