"""Test support shipped with the package: the fake Discord API used by tests and `plm-trivia bench --discord`."""
