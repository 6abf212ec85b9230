"""Running Ressort in production: what an operator needs and no user sees.

- `health.py` — `GET /sante/`: the database, the cache and the channel layer answer (JSON,
  503 when one does not), for the reverse proxy and the container's health check;
- `checks.py` — `ressort check --deploy` warns when the channel layer or the cache live in
  one process's memory, or when the static files are not the collected, hashed ones;
- `logs.py` — one JSON object per log line in production (LOG_FORMAT);
- `storage.py` — media on S3-compatible object storage when S3_BUCKET is set.
Sentry, the connection pool and the storage choice are read in settings.py.
"""
