"""URL safety: which URLs may be fetched, and how a URL is shown without its secrets.

Owns `display_url` (a URL with its userinfo and known token query parameters removed: what
is printed and stored), `scheme_refusal` (only http and https), `address_refusal` (loopback,
private, link-local and other non-public addresses are refused unless allowed) and
`UnsafeUrl`. Pure: decisions about strings and addresses, no sockets (the fetcher resolves a
host and asks `address_refusal` about every address it got). Imports: the standard library,
`ledger.errors`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ledger.errors import InvalidInput

__all__ = ["TOKEN_PARAMS", "UnsafeUrl", "address_refusal", "display_url", "scheme_refusal"]

TOKEN_PARAMS = frozenset(
    {
        "access_token",
        "api_key",
        "apikey",
        "auth",
        "key",
        "password",
        "passwd",
        "secret",
        "sig",
        "signature",
        "token",
        "x-amz-signature",
        "x-amz-credential",
        "x-amz-security-token",
    }
)
"""Query parameters that carry credentials: never printed, never stored."""


class UnsafeUrl(InvalidInput):
    """A URL the tool will not fetch (a scheme, or an address it may not reach)."""


def display_url(url: str) -> str:
    """The URL without userinfo (`user:pass@`) and without credential query parameters."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return "<unreadable URL>"
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    netloc = f"{host}:{port}" if port is not None else host
    query = parts.query
    if query:
        kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _secret(k)]
        query = urlencode(kept)
    return urlunsplit((parts.scheme.lower(), netloc, parts.path, query, ""))


def _secret(name: str) -> bool:
    return name.lower() in TOKEN_PARAMS


def scheme_refusal(url: str) -> str | None:
    """Why `url` cannot be fetched at all (not http or https, no host), else None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "is not a readable URL"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}://" if scheme else "no scheme"
        return f"{shown} is not fetched (only http:// and https:// URLs)"
    if not parts.hostname:
        return "has no host"
    return None


def address_refusal(host: str, addresses: Iterable[str], *, allow_private: bool) -> str | None:
    """Why `host` may not be fetched, given every address it resolved to, else None.

    One non-public address is enough to refuse: a host resolving to a public and a loopback
    address could be read on either.
    """
    if allow_private:
        return None
    for address in addresses:
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return f"{host} resolves to an unreadable address {address!r}"
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        kind = _non_public(ip)
        if kind is not None:
            return f"{host} is a {kind} address ({ip}); not fetched without --allow-private"
    return None


def _non_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Name what makes an address non-public, or None for a global one."""
    if ip.is_unspecified:
        return "non-public"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_private:
        return "private"
    if ip.is_multicast or ip.is_unspecified or ip.is_reserved or not ip.is_global:
        return "non-public"
    return None
