"""The HTTP API and the dashboard's server: ``create_app(settings)`` (needs ``losswatch[web]``)."""

from losswatch.api.app import create_app

__all__ = ["create_app"]
