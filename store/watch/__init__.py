"""Watching listing pages for new postings: the listing tables read (listing.py), the sources and the user's
filters (config.py), and one pass that imports what is new and updates what changed (watching.py)."""
