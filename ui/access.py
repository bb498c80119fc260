"""Who may reach the web UI and the /v1 API: loopback by default; any other address needs a
password (UI) and a key (API), or an explicit --no-auth."""

from __future__ import annotations

import ipaddress

from qa.errors import SeedQAError

LOCAL_NAMES = {"localhost"}


def is_local(host: str) -> bool:
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def parse_auth(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise SeedQAError("auth must be user:password, both non-empty")
    return user, password


def check_bind(host: str, auth: str | None, no_auth: bool, api_key: str | None = None) -> tuple[str, str] | None:
    """The credentials to require for `host`; refuse an open non-local bind nobody asked for."""
    credentials = parse_auth(auth)
    if no_auth or is_local(host):
        return credentials
    missing = [what for what, given in (("--auth user:password (or QA_AUTH) for the web UI", credentials),
                                        ("--api-key KEY (or QA_API_KEY) for the /v1 API", api_key)) if not given]
    if missing:
        raise SeedQAError(f"listening on {host} would expose the assistant beyond this machine: give "
                          f"{' and '.join(missing)}, or --no-auth to allow it openly")
    return credentials
