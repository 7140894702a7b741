"""Repair rules: each one small named function that fixes one fault in place.

A rule is ``rule(record) -> None`` registered with ``REPAIRS.register(id)``;
its docstring's first sentence says what fault it fixes. It changes fields only
through ``record.fix(field, value, rule=id)``, which logs the change, and it
reports what it cannot fix with ``record.report(...)``. Rules never invent a
value that the record does not already hold somewhere.

Each rule registers a confidence (``REPAIRS.register(id, confidence=0.9)``), and a
single fix may pass its own (``record.fix(..., confidence=0.7)``); the pipeline
applies only fixes at or above its threshold, and ``Record.fix`` turns the rest
into proposals (``info[would-fix-RULE]``). Modules run in the order
``registry.REPAIRS`` lists them, text-level first.
"""
