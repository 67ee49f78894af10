"""The front ends: Discord (:mod:`bot.frontends.discord`) and the terminal (:mod:`bot.frontends.console`).

Both sit on the core (knowledge, qa, quiz) and the quiz service; neither imports the other.
"""
