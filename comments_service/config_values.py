"""Reading one ``PLEIN_*`` setting from the merged environment: text, a flag, a whole number, a list, networks.

Each reader treats a missing or blank value as unset (its default) and stops start-up with a ``ConfigError`` that
names the variable when the value is something else; ``config.py`` builds the settings from them.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class ConfigError(ValueError):
    """A setting has a value the service cannot work with; raised at start-up, never per request."""


def text_setting(values: Mapping[str, object], name: str, default: str | None = None) -> str | None:
    """The value as text, stripped; ``default`` when unset."""
    value = values.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    return str(value).strip()


def flag_setting(values: Mapping[str, object], name: str, default: bool) -> bool:
    """``1/0``, ``true/false``, ``yes/no`` or ``on/off`` (or a bool); ``default`` when unset."""
    value = values.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}")


def integer_setting(values: Mapping[str, object], name: str, default: int, minimum: int = 0) -> int:
    """A whole number of at least ``minimum``; ``default`` when unset."""
    value = values.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(str(value))
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise ConfigError(f"{name} must be at least {minimum}")
    return number


def list_setting(values: Mapping[str, object], name: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
    """A list setting: a Python sequence, or a string separated by commas and/or whitespace."""
    value = values.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, str):
        return tuple(item for item in value.replace(",", " ").split() if item)
    return tuple(str(item).strip() for item in value if str(item).strip())  # type: ignore[attr-defined]


def networks_setting(values: Mapping[str, object], name: str) -> tuple[Network, ...]:
    """IP addresses or CIDR networks, as a list setting."""
    try:
        return tuple(ipaddress.ip_network(item, strict=False) for item in list_setting(values, name))
    except ValueError as error:
        raise ConfigError(f"{name}: {error}") from None
