"""What each CLI command does, as plain functions (imported lazily by booklet.cli)."""
