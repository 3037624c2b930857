"""Catalog modules: each defines `MESSAGES = {key: {"nb": …, "en": …}}`."""
