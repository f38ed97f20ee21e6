"""`truceline serve`: the record in a browser (server-rendered pages) and as a JSON API.

app.py builds the FastAPI app; api.py and pages.py are its routes, over the views of
queries.py; highlight.py marks a document's text at its items' spans; posting.py takes posted
articles; templates/ and static/ are what a browser gets.
"""

from truceline.web.app import create_app

__all__ = ["create_app"]
