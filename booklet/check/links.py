"""``booklet check --links``: fetch every address the data rests on, and watch the numbers.

Like ``sphinx-build -b linkcheck``: every URL is fetched once, concurrently, with a limit
per host (politeness) and overall, timeouts, a few retries with back-off for network
errors and server errors, and redirects followed and reported. Beyond a link checker,
the page a helpline's printed line rests on must still show the helpline's number: its
digits are searched for in the page, whatever spaces, dashes, dots or brackets group
them and with keypad letters read as digits (1-800-662-HELP). Only the first
``max_bytes`` of a page are read. Results are kept for a day in a JSON cache file.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from booklet import __version__
from booklet.write.atomic import write_atomic

CACHE_SECONDS = 24 * 3600
SEPARATORS = r"[\s\u00a0\-\u2010-\u2015.()/]*"
KEYPAD = str.maketrans({letter: digit for digit, letters in {
    "2": "ABC", "3": "DEF", "4": "GHI", "5": "JKL", "6": "MNO", "7": "PQRS", "8": "TUV", "9": "WXYZ",
}.items() for letter in letters})


@dataclass(frozen=True)
class Number:
    """A number a page must show: how it is printed and the digit strings that count."""

    display: str
    digits: tuple[str, ...]
    """Each way its digits may be written, e.g. with and without the trunk prefix."""


@dataclass(frozen=True)
class Target:
    """One address to fetch, where the data uses it, and a number its page must show."""

    url: str
    where: str
    """Where the address is used: 'regions/us.yaml: samhsa-helpline evidence'."""
    number: Number | None = None


@dataclass(frozen=True)
class Settings:
    """How politely and how long to fetch."""

    per_host: int = 2
    total: int = 8
    timeout: float = 15.0
    retries: int = 2
    backoff: float = 0.5
    max_bytes: int = 2 * 1024 * 1024
    user_agent: str = f"booklet/{__version__} (link check)"


@dataclass(frozen=True)
class Fetched:
    """What fetching one address gave."""

    url: str
    status: int | None = None
    final_url: str = ""
    redirects: tuple[str, ...] = ()
    """Every address passed through before ``final_url``."""
    error: str = ""
    truncated: bool = False
    shown: dict[str, bool] = field(default_factory=dict)
    """For each number asked about (by its digit key), whether the page shows it."""
    fetched_at: float = 0.0


@dataclass(frozen=True)
class LinkResult:
    """One target's outcome."""

    url: str
    where: str
    outcome: str
    """ok, redirected, broken or number missing."""
    detail: str
    status: int | None
    final_url: str
    number: str
    cached: bool


def number_key(number: Number) -> str:
    """The cache key of a number: its digit forms."""
    return "|".join(number.digits)


def shows_number(text: str, number: Number) -> bool:
    """Whether ``text`` shows ``number``: its digits in order, grouped any usual way."""
    variants = (text, text.translate(KEYPAD))
    for digits in number.digits:
        pattern = re.compile(r"(?<!\d)" + SEPARATORS.join(digits) + r"(?!\d)")
        if any(pattern.search(variant) for variant in variants):
            return True
    return False


async def _read(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > limit:
            return bytes(body[:limit]), True
    return bytes(body), False


def _error(exc: Exception) -> str:
    if isinstance(exc, TimeoutError | httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


class _Fetcher:
    def __init__(self, client: httpx.AsyncClient, settings: Settings) -> None:
        self.client = client
        self.settings = settings
        self.overall = asyncio.Semaphore(settings.total)
        self.hosts: dict[str, asyncio.Semaphore] = {}

    def _host(self, url: str) -> asyncio.Semaphore:
        host = urlsplit(url).netloc.lower()
        return self.hosts.setdefault(host, asyncio.Semaphore(self.settings.per_host))

    async def _once(self, url: str, numbers: list[Number]) -> Fetched:
        async with self._host(url), self.overall, asyncio.timeout(self.settings.timeout), \
                self.client.stream("GET", url) as response:
            body, truncated = await _read(response, self.settings.max_bytes)
            text = body.decode(response.encoding or "utf-8", errors="replace")
            return Fetched(url, response.status_code, str(response.url),
                           tuple(str(r.url) for r in response.history), "", truncated,
                           {number_key(n): shows_number(text, n) for n in numbers}, time.time())

    async def fetch(self, url: str, numbers: list[Number]) -> Fetched:
        """Fetch ``url``, retrying network errors and 5xx/429 answers with back-off."""
        attempt = 0
        while True:
            last = attempt >= self.settings.retries
            try:
                fetched = await self._once(url, numbers)
                if last or not _retry(fetched.status):
                    return fetched
            except (httpx.HTTPError, TimeoutError) as exc:
                if last:
                    return Fetched(url, error=_error(exc), fetched_at=time.time())
            await asyncio.sleep(self.settings.backoff * 2 ** attempt)
            attempt += 1


def _retry(status: int | None) -> bool:
    return status is not None and (status >= 500 or status == 429)


def read_cache(path: Path | None, now: float) -> dict[str, Fetched]:
    """Fresh cache entries (under a day old); an unreadable cache is an empty one."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = {url: Fetched(**{**raw, "redirects": tuple(raw["redirects"])})
                   for url, raw in data.items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}
    return {url: f for url, f in entries.items() if 0 <= now - f.fetched_at < CACHE_SECONDS}


def _good(fetched: Fetched) -> bool:
    return not fetched.error and fetched.status is not None and fetched.status < 400


def write_cache(path: Path | None, entries: dict[str, Fetched]) -> None:
    """Write the cache atomically; failures are not kept, so the next run tries again."""
    if path is not None:
        data = {url: asdict(f) for url, f in sorted(entries.items()) if _good(f)}
        write_atomic(path, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"), within=path.parent)


def _outcome(target: Target, fetched: Fetched, cached: bool) -> LinkResult:
    status = fetched.status
    shown = fetched.shown.get(number_key(target.number)) if target.number else None
    if not _good(fetched):
        outcome, detail = "broken", fetched.error or f"HTTP {status}"
    elif shown is False:
        outcome = "number missing"
        detail = f"the page no longer shows {target.number.display if target.number else ''}"
        detail += " (only the first part of a very large page was read)" if fetched.truncated else ""
    elif fetched.redirects:
        outcome, detail = "redirected", f"now at {fetched.final_url}"
    else:
        outcome, detail = "ok", f"HTTP {status}"
    return LinkResult(target.url, target.where, outcome, detail, status, fetched.final_url,
                      target.number.display if target.number else "", cached)


async def _run(targets: list[Target], cache: dict[str, Fetched], settings: Settings,
               transport: httpx.AsyncBaseTransport | None) -> dict[str, Fetched]:
    wanted: dict[str, list[Number]] = {}
    for target in targets:
        numbers = wanted.setdefault(target.url, [])
        if target.number and target.number not in numbers:
            numbers.append(target.number)
    todo = {url: numbers for url, numbers in wanted.items()
            if url not in cache or any(number_key(n) not in cache[url].shown for n in numbers)}
    timeout = httpx.Timeout(settings.timeout)
    async with httpx.AsyncClient(follow_redirects=True, timeout=timeout, transport=transport,
                                 headers={"User-Agent": settings.user_agent}) as client:
        fetcher = _Fetcher(client, settings)
        results = await asyncio.gather(*(fetcher.fetch(url, n) for url, n in todo.items()))
    return {f.url: f for f in results}


def check_links(targets: Iterable[Target], cache_path: Path | None = None, settings: Settings | None = None,
                now: float | None = None, transport: httpx.AsyncBaseTransport | None = None
                ) -> list[LinkResult]:
    """Fetch every target (or take it from a cache under a day old) and judge it."""
    targets = list(targets)
    settings = settings or Settings()
    cache = read_cache(cache_path, time.time() if now is None else now)
    fresh = asyncio.run(_run(targets, cache, settings, transport))
    write_cache(cache_path, {**cache, **fresh})
    return [_outcome(t, fresh.get(t.url) or cache[t.url], t.url not in fresh) for t in targets]


def failed(results: list[LinkResult]) -> list[LinkResult]:
    """Results that fail the run: broken links and numbers that vanished."""
    return [r for r in results if r.outcome in ("broken", "number missing")]
