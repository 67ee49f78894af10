"""The daily question cog (:mod:`.cog`) and its buttons and embeds (:mod:`.ui`)."""

from bot.frontends.discord.exts.daily.cog import setup

__all__ = ["setup"]
