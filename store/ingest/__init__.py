"""Bytes in, clean text out: store.ingest.extract.load_file / load_bytes."""
