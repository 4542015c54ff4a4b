"""The methods of ``Office``, grouped by job, each handing plain values to a use case.

``setup`` (the office, its units, users and series), ``documents`` (a document's life: draft,
issue, register, receive, steps, edit), ``reading`` (lists, search, status, trace, a document's
story), ``handling`` (links, assignments, outcomes) and ``trust`` (corrections, verification,
backup, importing a book). ``Office`` (service.py) inherits these classes and names every method
in its own body, so the class reads as the index of the public API.
"""
