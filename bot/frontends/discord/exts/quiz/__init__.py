"""The quiz cog (:mod:`.cog`) and its buttons and embeds (:mod:`.ui`)."""

from bot.frontends.discord.exts.quiz.cog import setup

__all__ = ["setup"]
