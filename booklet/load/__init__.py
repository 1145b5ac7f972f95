"""Stage 1: find the project and read its files (YAML, TOML) with their line numbers."""
