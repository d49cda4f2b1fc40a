"""Fetching one URL politely and safely: the shell around httpx.

Owns `Fetcher` (one HTTP client: the project's User-Agent, a timeout, redirects followed by
hand so every hop's scheme and resolved addresses are checked and a loop is named, the
address checked again where the socket opens and the socket opened to it (DNS rebinding),
a body streamed and abandoned past the size limit, the content types a reader can read),
`Fetched` (what came back, with the raw bytes and their hash), `USER_AGENT`, and the two
ways a fetch fails: `FetchRefused` (the answer cannot be used: an HTTP error status, a
content type, a size, a redirect loop, an unsafe address; exit 2) and `NetworkFailure`
(no answer: a timeout, a refused connection, an unknown host, a TLS failure; exit 1).
Every URL in a message or a result is shown by `display_url`: no credentials.
Imports: httpx, the standard library, `ledger.errors`, `ledger.web.urls`.

The exception tree:

    LedgerError
    ├── InvalidInput
    │   └── FetchRefused         the server answered, but not with something we may use
    │       └── UnsafeUrl        (ledger.web.urls) a scheme or an address we may not fetch
    └── OperationFailed
        └── NetworkFailure       no usable answer at all
"""

from __future__ import annotations

import hashlib
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from ledger.errors import InvalidInput, OperationFailed
from ledger.web.urls import address_refusal, display_url, scheme_refusal

__all__ = [
    "FEED_TYPES",
    "MAX_REDIRECTS",
    "PAGE_TYPES",
    "USER_AGENT",
    "FetchRefused",
    "Fetched",
    "Fetcher",
    "NetworkFailure",
    "system_resolve",
]


def _version() -> str:
    try:
        return version("claim-ledger")
    except PackageNotFoundError:  # run from a source tree that is not installed
        return "dev"


USER_AGENT = f"claim-ledger/{_version()} (+https://github.com/claim-ledger; fact-checking)"
MAX_BYTES = 5 * 1024 * 1024  # the article limit (ledger.ingest.readers.MAX_ARTICLE_BYTES)
MAX_REDIRECTS = 10
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
)

Resolve = Callable[[str, int], list[str]]


class FetchRefused(InvalidInput):
    """The server answered, but not with a page or feed that may be read."""

    def __init__(self, message: str, *, status: int | None = None, retry: bool = False) -> None:
        super().__init__(message)
        self.status = status  # the HTTP status refused, when that was the reason
        # whether the refusal may change by itself (a 5xx, a 408 or 429; robots.txt; an
        # undated page), so a watched feed's entry is tried again on the next poll
        self.retry = retry or (status is not None and (status >= 500 or status in (408, 429)))


class NetworkFailure(OperationFailed):
    """No usable answer: a timeout, a refused connection, an unknown host, TLS."""


def system_resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (the system resolver)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise NetworkFailure(f"{host}: could not resolve the host ({exc})") from None
    return [str(info[4][0]) for info in infos]


@dataclass(frozen=True, slots=True)
class Fetched:
    """One answer: where it was asked and read from, when, and what came back."""

    url: str  # as asked for (display form: no credentials)
    final_url: str  # after redirects (display form)
    fetched_at: datetime
    status: int
    content_type: str
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    sha256: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sha256", hashlib.sha256(self.body).hexdigest())

    @property
    def media_type(self) -> str:
        """The content type without its parameters, lower case."""
        return self.content_type.split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset the content type declares, if any."""
        for part in self.content_type.split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"').lower()
        return None


class Fetcher:
    """An HTTP client that fetches one URL at a time, within the limits above."""

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        allow_private: bool = False,
        resolve: Resolve = system_resolve,
        transport: httpx.BaseTransport | None = None,
        max_bytes: int = MAX_BYTES,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.timeout = timeout
        self.allow_private = allow_private
        self.resolve = resolve
        self.max_bytes = max_bytes
        self.clock = clock
        if transport is None and not allow_private:
            transport = _checked_transport(self._public_address)
        self.client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
            transport=transport,
            trust_env=False,  # no proxy or netrc credentials picked up behind the user's back
        )

    def close(self) -> None:
        """Release the connections."""
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        accept: Sequence[str] = PAGE_TYPES,
        headers: dict[str, str] | None = None,
        hop: Callable[[str], None] | None = None,
    ) -> Fetched:
        """Fetch `url`, following redirects; a 304 comes back with an empty body. `hop`
        checks each redirect target before it is asked (robots.txt), raising to refuse."""
        asked, current = display_url(url), url.strip()
        seen: set[str] = set()
        for _hop in range(MAX_REDIRECTS + 1):
            self.check(current, asked, redirected=bool(seen))
            if seen and hop is not None:
                hop(current)
            seen.add(current)
            fetched, location = self._one(current, asked, accept, headers or {})
            if location is None:
                assert fetched is not None
                return fetched
            current = urljoin(current, location)
            if current in seen:
                raise FetchRefused(f"{asked}: redirect loop (back to {display_url(current)})")
        raise FetchRefused(f"{asked}: more than {MAX_REDIRECTS} redirects")

    def check(self, url: str, asked: str | None = None, *, redirected: bool = False) -> None:
        """Refuse a scheme or an address before connecting (each hop of a redirect too)."""
        from ledger.web.urls import UnsafeUrl

        asked = asked or display_url(url)
        where = f"{asked}: redirected to {display_url(url)}:" if redirected else f"{asked}:"
        problem = scheme_refusal(url)
        if problem is None and not self.allow_private:
            parts = urlsplit(url)
            host = parts.hostname or ""
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
            problem = address_refusal(host, self.resolve(host, port), allow_private=False)
        if problem is not None:
            raise UnsafeUrl(f"{where} {problem} (nothing written)")

    def _public_address(self, host: str, port: int) -> str:
        """The address to connect to: `host` resolved once more, at connect time, every
        address checked (a name that changed its answer since `check` is caught here)."""
        from ledger.web.urls import UnsafeUrl

        addresses = self.resolve(host, port)
        problem = address_refusal(host, addresses, allow_private=False)
        if problem is not None:
            raise UnsafeUrl(f"{host}: {problem} (nothing written)")
        return addresses[0]

    def _one(
        self, url: str, asked: str, accept: Sequence[str], headers: dict[str, str]
    ) -> tuple[Fetched | None, str | None]:
        """One request: (the answer, None), or (None, where it redirects to)."""
        started = time.monotonic()
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                if response.is_redirect and "location" in response.headers:
                    return None, response.headers["location"]
                answer = self._answer(url, asked, response, accept)
                if answer.status == 304:
                    return answer, None
                body = self._body(asked, response, started)
        except httpx.TimeoutException:
            raise NetworkFailure(f"{asked}: timed out after {self.timeout:g}s") from None
        except httpx.ConnectError as exc:
            raise NetworkFailure(f"{asked}: could not connect ({_reason(exc)})") from None
        except httpx.HTTPError as exc:
            raise NetworkFailure(f"{asked}: {type(exc).__name__} ({_reason(exc)})") from None
        return _with_body(answer, body), None

    def _answer(
        self, url: str, asked: str, response: httpx.Response, accept: Sequence[str]
    ) -> Fetched:
        """The answer's metadata, refused for an error status or a type we cannot read."""
        status = response.status_code
        if status >= 400 or (status >= 300 and status != 304):
            phrase = response.reason_phrase or ""
            message = f"{asked}: HTTP {status} {phrase}".rstrip()
            raise FetchRefused(f"{message} (nothing written)", status=status)
        fetched = Fetched(
            url=asked,
            final_url=display_url(url),
            fetched_at=self.clock(),
            status=status,
            content_type=response.headers.get("content-type", "").strip() or "(none)",
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )
        if status != 304 and fetched.media_type not in accept:
            raise FetchRefused(
                f"{asked}: content type {fetched.content_type!r} is not read "
                f"(expected {', '.join(accept)})"
            )
        return fetched

    def _body(self, asked: str, response: httpx.Response, started: float) -> bytes:
        """Read the body, giving up past the size limit or the timeout (a trickling server)."""
        limit = self.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchRefused(
                f"{asked}: too large ({_mb(int(declared))}; the limit is {_mb(limit)})"
            )
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchRefused(
                    f"{asked}: too large (over the {_mb(limit)} limit; stopped reading)"
                )
            if time.monotonic() - started > self.timeout:
                raise NetworkFailure(f"{asked}: timed out after {self.timeout:g}s")
            chunks.append(chunk)
        return b"".join(chunks)


def _checked_transport(address: Callable[[str, int], str]) -> httpx.HTTPTransport:
    """An HTTP transport that connects only to an address `address` approved (DNS
    rebinding: the name is resolved and checked where the socket is opened, and the socket
    opened to that checked address; TLS still verifies the name)."""
    import httpcore

    class CheckedBackend(httpcore.SyncBackend):
        def connect_tcp(self, host: str, port: int, *args: Any, **kwargs: Any) -> Any:
            return super().connect_tcp(address(host, port), port, *args, **kwargs)

    transport = httpx.HTTPTransport()
    # httpx offers no public hook for the network backend; httpcore's pool does
    transport._pool._network_backend = CheckedBackend()
    return transport


def _with_body(answer: Fetched, body: bytes) -> Fetched:
    return Fetched(
        url=answer.url,
        final_url=answer.final_url,
        fetched_at=answer.fetched_at,
        status=answer.status,
        content_type=answer.content_type,
        body=body,
        etag=answer.etag,
        last_modified=answer.last_modified,
    )


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if "CERTIFICATE" in text.upper() or "SSL" in text.upper():
        return f"TLS: {text}"
    return text


def _mb(size: int) -> str:
    return f"{size // 2**20} MB" if size % 2**20 == 0 else f"{size / 2**20:.1f} MB"
