"""Where quiz games, scores and guild settings are kept: one interface (:mod:`bot.store.quiz`),
two backends: SQLite embedded, the default (:mod:`bot.store.sqlite`), and PostgreSQL for
several shard processes (:mod:`bot.store.postgres`), chosen by ``DATABASE_URL``.
Schema changes are versioned SQL files (:mod:`bot.store.migrations`)."""
