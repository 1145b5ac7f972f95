"""Stage 5: finish rendered PDFs for print: crop marks and bleed, imposition, n-up sheets."""
