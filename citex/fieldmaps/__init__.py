"""Two-way tables between each format's fields and CSL variables, as data.

One module a format (``ris.py``, ``bibtex.py``, ``medline.py`` …); readers and
writers of that format both use its table, so a mapping is written once.
"""
