"""Small, named fixes to citeproc-py's output, each a module of its own.

citeproc-py is the CSL engine behind citex; citeproc-js is the reference these
fixes measure against (``benchmarks/csl_vs_citeproc_js.py``). Each module works
on citeproc-py from outside — a function applied to its input or output, or an
``install()`` that wraps one of its methods once — so that each fix can be
offered upstream as it is. ``citex.writers.csl`` applies them all.

- ``collation``: bibliography order by Unicode collation and citeproc-js's key format;
- ``quotes``: a period or comma after a quoted title goes inside the quotes (en-US);
- ``apostrophes``: ``O'Brien`` printed ``O’Brien``;
- ``initialize``: ``initialize="false"`` keeps given names whole; no period in "Jr"
  where initials have none;
- ``institutions``: an institution last in a name list joined as citeproc-js joins it;
- ``titlecase``: ``text-case="title"`` as citeproc-js applies it;
- ``substitute``: what stands in for a missing author is not printed again;
- ``groups``: a group whose variables are all empty is suppressed with its fixed text;
- ``pages``: ``page-range-format="chicago-16"``;
- ``subsequent``: ``subsequent-author-substitute`` ("———");
- ``yearsuffix``: "2019a", "2019b" for works whose citations read the same;
- ``speed``: not a fix of the output: citeproc-py's style lookups memoised per style.
- ``walk``, ``children``: not fixes either: citeproc-py's walk in fewer calls, same answers.
- ``source``: nor this: records read into citeproc-py's data with plain strings and names
  made in one step.
"""

from collections.abc import Callable
from functools import wraps

_installed: set[str] = set()


def once(install: Callable[[], None]) -> Callable[[], None]:
    """``install`` run at most once per process, however many styles are loaded.

    Kept here, not on the wrapped method: two fixes may wrap the same method
    (``Name.process``), and a mark on the outermost wrapper hides the inner one.
    """
    @wraps(install)
    def run() -> None:
        key = f"{install.__module__}.{install.__qualname__}"
        if key not in _installed:
            _installed.add(key)
            install()
    return run
