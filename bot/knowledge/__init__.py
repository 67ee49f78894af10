"""The knowledge base: typed model, safe loading with validation, derived records."""

from bot.knowledge.base import ENTITY_KINDS, KnowledgeBase
from bot.knowledge.loader import KnowledgeError, load_knowledge, validate_directory
from bot.knowledge.yamlsource import Issue

__all__ = ["ENTITY_KINDS", "Issue", "KnowledgeBase", "KnowledgeError", "load_knowledge", "validate_directory"]
