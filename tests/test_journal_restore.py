"""On the corpus's NLM records with their full journal title removed, the journal rules put the
title back from the abbreviation, and never put back another journal's.
(benchmarks/journal_restore.py gives the figures, also for a table that has not seen the corpus.)"""

import citex
from citex.repairs.journal_names import identity

try:
    from tests.corpus import corpus_files, needs_corpus
except ImportError:
    from corpus import corpus_files, needs_corpus

FILES = [("medline", p) for folder in ("nbib-tests", "biopython-tests", "jabref-testdata")
         for p in corpus_files(folder) if p.suffix in (".txt", ".nbib")] + \
        [("pubmed-xml", p) for folder in ("pubmed-xml-nlm-sample", "pubmed-xml-pmparser")
         for p in corpus_files(folder, "*.xml")]


@needs_corpus
def test_full_titles_come_back_from_abbreviations():
    restored = wrong = total = 0
    for fmt, path in FILES:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        for rec in citex.loads(text, fmt, str(path)):
            truth, short = rec.get("container-title"), rec.get("container-title-short")
            if not truth or not short:
                continue
            total += 1
            del rec.fields["container-title"]
            [rec] = citex.repair([rec])
            got = rec.get("container-title")
            restored += got == truth
            wrong += bool(got) and identity(got) != identity(truth)
    assert total > 300 and wrong == 0
    assert restored / total > 0.95, (restored, total)
