"""The advisor's workspace in the browser (``rothroute serve``): the household editor, compare,
optimize, the client book, and the JSON API under ``/api/v1``. Behind the ``web`` extra; the core
never imports it."""

from rothroute.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
