#!/usr/bin/env bash
# Print SOURCE_DATE_EPOCH for a build: the time of the last commit that changed what the
# handouts are made of (content, data, styles, translations, images, booklet.toml, and
# booklet's own code, or the file that pins its version in a project of your own), not of
# the last commit. A commit that touches none of them (a README, the CI files) keeps the
# date, so the inputs hashes stay the same and a cached out/ folder is up to date: the
# build skips every output. (Upgrading booklet is a commit to what pins it, so the date is
# never older than the shipped data's own records.)
#   scripts/source-date.sh [PROJECT_FOLDER]      (needs the history: fetch-depth 0 in CI)
set -euo pipefail
cd "${1:-.}"
git log -1 --format=%ct -- regions sections styles locales assets booklet.toml booklet \
  pyproject.toml 'requirements*.txt' uv.lock poetry.lock
