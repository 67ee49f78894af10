"""Petit Le Mans trivia: knowledge base, question answering, quiz, console and Discord bot.

The package is layered; each layer imports only the ones before it
(``tests/test_architecture.py`` enforces this, ``docs/architecture.md`` explains it):

``knowledge`` → ``qa`` → ``quiz`` → ``service`` / ``store`` → ``frontends.console`` / ``frontends.discord``.

``import bot`` and everything up to ``service`` and ``store`` stay free of discord.
"""
