"""The web desk and REST API of vanban (the only importer of FastAPI, Starlette, uvicorn, Jinja2).

``create_app(db)`` builds the ASGI application; ``vanban serve`` runs it with uvicorn. Every
action goes through ``vanban.Office`` acting as the signed-in user.
"""

from vanban.web.app import create_app

__all__ = ["create_app"]
