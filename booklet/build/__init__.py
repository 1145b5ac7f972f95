"""Building many outputs: the inputs hash that lets unchanged ones be skipped, and the pool
of warm worker processes that renders the rest."""
