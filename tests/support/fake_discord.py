"""The local stand-in for Discord's HTTP API (see DESIGN.md, "Discord without Discord").

It lives in :mod:`bot.testing.fake_discord` so the benchmark can use it at run time;
tests import it from here.
"""

from bot.testing.fake_discord import *  # noqa: F403
from bot.testing.fake_discord import __all__ as __all__
