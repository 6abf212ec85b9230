# Stand-in for python:3.11-slim-bookworm, from Debian's own Python 3.11 (deploy/offline).
# What Ressort's Dockerfile relies on: `python` and `pip` first in PATH, installing where
# `ressort` lands in PATH too, apt-get and useradd for its own steps.
FROM ressort-offline/debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && python3 -m venv /usr/local/python
ENV PATH=/usr/local/python/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt
CMD ["python3"]
