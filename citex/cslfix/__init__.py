"""Small, named fixes to citeproc-py's output, each a module of its own.

citeproc-py is the CSL engine behind citex; citeproc-js is the reference these
fixes measure against (``benchmarks/csl_vs_citeproc_js.py``). Each module
works on citeproc-py from outside — its public objects in, text out — so that
each fix can be offered upstream as it is:

- ``collation``: bibliography sorting with Unicode collation (accents and case
  ignored, digits compared as numbers), as citeproc-js's ``localeCompare``.
"""
