"""Where quiz games, scores and guild settings are kept: SQLite embedded (:mod:`bot.store.sqlite`)."""
