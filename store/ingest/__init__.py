"""Bytes in, clean text out: eujobs.store.ingest.extract.load_file / load_bytes."""
