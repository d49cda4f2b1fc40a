"""Keeping a PostgreSQL password out of every message, however malformed its URL.

Owns: `redact` (mask the user information and `password=` of every postgres URL in a text),
`scrub` (also remove the password of one given URL wherever it, or a piece of it, appears:
a driver quotes a bad token or a host name bare), `check_url` (refuse, before any connection
or DNS look-up, a URL whose user part cannot be read unambiguously) and `describe` (where a
URL points, for messages). Pure, standard library only: the CLI uses `scrub` on every error
line as a last line of defence, whatever raised it.

The user information of a URL is taken to be everything between `://` and the LAST `@` of the
URL (a password may hold an unencoded `@`, `/`, `?` or `#`): masking too much is harmless,
masking too little is not.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

from ledger.errors import InvalidInput

__all__ = ["MASK", "check_url", "describe", "redact", "scrub"]

MASK = "***"
_SCHEMES = ("postgresql://", "postgres://")
# A URL inside a message ends at white space or a quote (a driver quotes what it found).
_URL_IN_TEXT = re.compile(r"postgres(?:ql)?://[^\s\"'`<>]*", re.IGNORECASE)
_PASSWORD_PARAM = re.compile(r"(?i)(\bpassword\s*=\s*)('[^']*'?|[^&\s]*)")
_PASSWORD_VALUE = re.compile(r"(?i)\bpassword\s*=\s*([^&]*)")
_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _split(url: str) -> tuple[str, str | None, str]:
    """(scheme with `://`, user information or None, the rest) of a postgres URL."""
    scheme_end = url.index("://") + 3
    rest = url[scheme_end:]
    at = rest.rfind("@")
    if at < 0:
        return url[:scheme_end], None, rest
    return url[:scheme_end], rest[:at], rest[at + 1 :]


def _redact_url(url: str) -> str:
    scheme, userinfo, rest = _split(_PASSWORD_PARAM.sub(lambda m: m.group(1) + MASK, url))
    if userinfo is None:
        return scheme + rest
    user, colon, _ = userinfo.partition(":")
    return f"{scheme}{user}{':' + MASK if colon else ''}@{rest}"


def redact(text: str) -> str:
    """`text` with the password (and its tail after any `@`) of every postgres URL masked."""
    if "://" not in text and "password" not in text.lower():
        return text
    text = _URL_IN_TEXT.sub(lambda m: _redact_url(m.group(0)), text)
    return _PASSWORD_PARAM.sub(lambda m: m.group(1) + MASK, text)


def _secrets(url: str) -> list[str]:
    """The password of `url` as written and decoded, and the pieces of it a parser that cut
    the URL elsewhere could print (around each `@`, `/`, `:`), longest first."""
    if not url.lower().startswith(_SCHEMES):
        return []
    userinfo = _split(url)[1]
    found: list[str] = []
    if userinfo is not None and ":" in userinfo:
        found.append(userinfo.partition(":")[2])
    # the configured URL is one argument: its password= runs to the next '&', spaces and all
    found += [m.group(1).strip("'") for m in _PASSWORD_VALUE.finditer(url)]
    pieces: set[str] = set()
    for secret in found:
        for form in (secret, unquote(secret)):
            pieces.add(form)
            pieces.update(p for p in re.split(r"[@/:?#]", form) if len(p) >= 3)
    return sorted((p for p in pieces if p), key=len, reverse=True)


def scrub(text: str, url: str | None = None) -> str:
    """`redact(text)`, and every trace of the password of `url` (if given) removed."""
    text = redact(text)
    for secret in _secrets(url or ""):
        text = text.replace(secret, MASK)
    return text


def check_url(url: str) -> None:
    """Refuse a postgres URL whose user part or host cannot be read unambiguously, before
    anything connects to (or looks up) what a lenient parser would make of it."""
    if not url.lower().startswith(_SCHEMES):
        return
    rest = url[url.index("://") + 3 :]
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    where = describe(url)
    userinfo, at, hosts = authority.rpartition("@")
    if "@" in userinfo:
        raise InvalidInput(f"{where}: the user or password holds an unencoded '@' (write %40)")
    if at and _ESCAPE.search(userinfo):
        raise InvalidInput(f"{where}: the user or password holds a '%' that is no escape (%25)")
    for host in hosts.split(","):
        if host.startswith("["):
            if "]" not in host:
                raise InvalidInput(f"{where}: the IPv6 host address lacks its closing ']'")
            host = host[host.index("]") + 1 :]
        elif "[" in host or "]" in host:
            raise InvalidInput(f"{where}: a host name cannot hold '[' or ']'")
        port = host.rpartition(":")[2] if ":" in host else ""
        if port and not (port.isascii() and port.isdigit() and 1 <= int(port) <= 65535):
            if not at and "@" in rest[len(authority) :]:  # "user:pa/ss@host": cut at the '/'
                raise InvalidInput(
                    f"{where}: the password holds an unencoded '/', '?' or '#' "
                    "(write %2F, %3F or %23)"
                )
            raise InvalidInput(f"{where}: the port must be a number from 1 to 65535")


def describe(url: str) -> str:
    """Where a URL points, for messages: user, host, port, database and schema; never the
    password (a URL that cannot be parsed is described by its redacted text, cut short)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or "localhost"
        port = f":{parts.port}" if parts.port else ""
        username = parts.username
        query = parse_qs(parts.query)
    except ValueError:
        return _redact_url(url)[:120] if "://" in url else "postgresql://(unparsable URL)"
    if "@" in parts.netloc.rpartition("@")[0] or "@" in parts.path + parts.query:
        return _redact_url(url)[:120]
    user = f"{username}@" if username else ""
    options = " ".join(query.get("options", []))
    found = re.search(r"search_path\s*=\s*([\w$]+)", options)
    schema = f" (schema {found.group(1)})" if found else ""
    return f"postgresql://{user}{host}{port}{parts.path}{schema}"
