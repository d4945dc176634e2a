"""The web explorer: a read-only Starlette app over a store."""
from .app import create_app

__all__ = ["create_app"]
