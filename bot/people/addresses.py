"""How an e-mail address is shown to someone who should recognise it but not copy it: an
old Inspera address in `/sensur why`, a difference told to consultants."""

from __future__ import annotations


def mask_address(address: str) -> str:
    """`ola.nordmann@gmail.com` → `o…@gmail.com`."""
    local, at, domain = address.partition("@")
    return f"{local[:1]}…{at}{domain}"
