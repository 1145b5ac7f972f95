"""Stage 3: compose HTML from Jinja2 templates, region data and translations."""
