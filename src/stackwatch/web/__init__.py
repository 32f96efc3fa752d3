"""The dashboard and the JSON API (`stackwatch serve`): `create_app(db_path, token=...)`."""

from stackwatch.web.app import create_app

__all__ = ["create_app"]
