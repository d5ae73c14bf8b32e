"""Data turned into text a page can show safely: the data package's, so that a page and its
slide escape names the same way."""

from uccn_data.pages.words import finding, join, markdown, plotly

__all__ = ["finding", "join", "markdown", "plotly"]
