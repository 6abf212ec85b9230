# Ressort's image: the web processes (ressort servir) and the background worker run it, with
# different commands (compose.yaml). Built with `docker compose build`.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Pango and Cairo for the documents (WeasyPrint's PDF, CairoSVG's drawings in the DOCX),
# and fonts to draw them with.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libcairo2 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# A user of its own: the processes never run as root.
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin ressort

WORKDIR /app
COPY requirements.txt pyproject.toml ./
RUN pip install -r requirements.txt
COPY . .
RUN pip install --no-deps --no-build-isolation -e .

# Production defaults; compose.yaml adds the secrets and addresses.
ENV DEBUG=0 \
    RESSORT_VAR_DIR=/var/lib/ressort \
    RESSORT_STATIC_COLLECTED=1 \
    LOG_FORMAT=json \
    DATABASE_POOL=1

# Hashed and compressed static files, served by WhiteNoise (collected at build time; the
# secret key is only needed for settings to load).
RUN mkdir -p /var/lib/ressort/media \
    && SECRET_KEY=collectstatic-only ressort collectstatic --noinput \
    && chown -R ressort:ressort /var/lib/ressort

USER ressort
EXPOSE 8000

# Two uvicorn processes loading Django take over two minutes on a busy two-core machine (seen
# in the offline run, README): failures in the first 120 s do not count (a success ends it).
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/sante/', timeout=4).status != 200)"]

# The production serving model (ressort servir: uvicorn processes, a few page threads each);
# --mandataire: the client's address from the reverse proxy's X-Forwarded-For.
CMD ["ressort", "servir", "--adresse", "0.0.0.0", "--port", "8000", "--processus", "2", "--fils", "4", "--mandataire"]
