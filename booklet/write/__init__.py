"""Stage 6: write outputs atomically, only inside the output folder."""
