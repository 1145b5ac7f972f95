"""Stage 4: render composed HTML to PDF with WeasyPrint (imported only here)."""
