"""Discord extensions, one per feature; ``bot.frontends.discord.client`` loads every public module here.

Modules starting with ``_`` hold shared helpers and are not loaded as extensions.
"""
