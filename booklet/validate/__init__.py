"""Stage 2: check data against the schema and resolve inheritance; collect every problem."""
