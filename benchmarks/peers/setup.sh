#!/usr/bin/env bash
# Installs the peers that benchmarks/peers.py compares citex with:
#   citation-js 0.8.2 (npm, pinned in package-lock.json here) and citeproc-js (../citeproc_js/setup.sh);
#   pandoc 3.9 from PyPI's pypandoc_binary (Debian's pandoc 2.17 has no RIS reader);
#   bibutils 7.2 from Debian (bib2xml, ris2xml, med2xml, xml2bib, xml2ris);
#   the plain Python baseline: bibtexparser 2 and rispy; pyinstrument for the profile.
# Needs Node.js and npm, and root for apt-get (skipped when bibutils is already there).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f node_modules/@citation-js/core/package.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
bash ../citeproc_js/setup.sh
python -m pip install --quiet "bibtexparser>=2.0.0b1,<3" "rispy>=0.10" "pypandoc_binary>=1.15" pyinstrument
if ! command -v bib2xml >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bibutils
fi
