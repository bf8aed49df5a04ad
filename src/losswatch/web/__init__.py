"""The dashboard: Jinja2 pages over the same read models as the JSON API."""
