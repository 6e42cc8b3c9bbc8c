# A tiny book for the generated pages: one article, two context figures, one table.
from pathlib import Path

import nkbook

extensions = ["myst_nb", "nkbook.sphinx"]
nb_execution_mode = "off"
nkbook_node_modules = str(Path(nkbook.__file__).resolve().parents[2] / "node_modules")
nkbook_site_css = False
nkbook_input_folders = ["data", "seeds"]
nkbook_context_groups = [{"key": "arrivals", "heading": "Arrivals", "prefixes": ["arr_"]}]
exclude_patterns = ["_build", "seeds", "data"]
