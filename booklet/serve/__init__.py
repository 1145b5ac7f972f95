"""``booklet serve``: a web studio for making handouts in the browser.

Pages are rendered on the server (Starlette, Jinja2) with a small plain script for the live
preview; every PDF is made by the pipeline's own build step in warm worker processes
(``renderpool``), and every check is the CLI's own (``--org`` rules, region validation,
``booklet check``).
"""
