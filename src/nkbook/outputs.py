"""The MIME types of the notebook outputs the book's helpers write (a module light enough for the
Sphinx extension to import without loading Altair or pandas)."""

# Jupyter's own Vega-Lite type: JupyterLab draws it; the book's extension turns it into a figure.
VEGALITE_MIME = "application/vnd.vegalite.v5+json"
