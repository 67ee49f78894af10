"""The Discord front end: the client, its runner, embeds and views, and the cogs in ``exts``.

(Named ``bot.frontends.discord`` so it never reads like discord.py itself, which it imports.)
"""
