"""``python -m bot`` is the same program as the ``plm-trivia`` console script."""

from bot.frontends.console.cli import main

raise SystemExit(main())
