"""Where the store keeps its data: atomic locked files, the Store API, the user's state, edits, backups, the front cache."""
