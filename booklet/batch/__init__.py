"""``booklet batch``: one set of outputs per organization in a CSV file, and shards."""
