"""The ``mambu-async`` command's building blocks: query checks, output formats, sink, progress, tenant."""
