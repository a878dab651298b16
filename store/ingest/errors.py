"""The one exception ingest raises; its message is shown to the user after the file name."""


class ExtractError(Exception):
    """Why a file could not be read, in one line, without the path (the caller adds it)."""
