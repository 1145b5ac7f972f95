"""``booklet check``: content and data checks that need no PDF (reading level, terms, references, regions)."""
