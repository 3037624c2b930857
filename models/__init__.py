"""Store: tables, engine and sessions, migrations."""
