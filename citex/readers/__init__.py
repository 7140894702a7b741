"""Readers turn the text of one input file into records, one at a time.

A reader is a function ``read(text, path) -> Iterator[Record | Failed]``
registered with ``READERS.register(name, extensions=..., sniff=...)``:
``sniff`` is a regular expression that matches the start of a file in that
format, ``extensions`` the file suffixes it claims. Sniffing imports every
registered module, so each is a small front (``ris``), and the reader itself
(``ris_reader``) is imported when its format is read.
"""
