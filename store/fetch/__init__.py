"""Pages from the web, fetched politely and safely: checked addresses (urls.py), one request at a time per host
with a pause (politeness.py), conditional requests against a cache in the store's folder (cache.py), and the
client that puts them together and turns every failure into one line (client.py). httpx is imported only here,
and only when something is fetched."""
