"""Who may reach the web UI: loopback by default; any other address needs a password or an
explicit --no-auth."""

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


def check_bind(host: str, auth: str | None, no_auth: bool) -> tuple[str, str] | None:
    """The credentials to require for `host`; refuse an open non-local bind nobody asked for."""
    credentials = parse_auth(auth)
    if credentials is None and not no_auth and not is_local(host):
        raise SeedQAError(f"listening on {host} would expose the assistant beyond this machine: "
                          "give --auth user:password (or QA_AUTH), or --no-auth to allow it openly")
    return credentials
