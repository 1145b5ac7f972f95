"""The ``weasyprint`` command with the two writer fixes every booklet renderer installs
(booklet/render/tagfix.py, fontfix.py; docs/upstream-weasyprint.md), so that figure 1 of
bench/run.py compares the same work: WeasyPrint as booklet runs it, without the pipeline."""

from weasyprint.__main__ import main

from booklet.render import fontfix, tagfix

tagfix.install()
fontfix.install()
main()
