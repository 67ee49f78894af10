"""The terminal front end: ``plm-trivia`` (ask, repl, quiz, validate, bench). It never imports discord."""
