# The dashboard as a container image: `docker build -t uccn-follow-up .`
# See docs/deployment.md (run, reverse proxy, sign-in, backups, upgrades).
#
# - runs as an unprivileged user (uid 10001), never as root;
# - the store lives on the volume /data (UCCN_DB); nothing else is written but /tmp;
# - the sign-in settings are mounted, never built in: /app/.streamlit/secrets.toml;
# - at run time nothing is fetched: the packages, the maps and the fonts are in the image,
#   usage statistics are off and the server never looks up its public address (see
#   dashboard/serve.py), so the container can run on a network with no way out.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# The pinned runtime only (no test tools): one layer that changes only with requirements.txt.
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY .streamlit/config.toml .streamlit/config.toml
COPY uccn_data/ uccn_data/
COPY dashboard/ dashboard/
COPY deploy/backup.sh deploy/backup.sh
# Compiled now: at run time the image is read-only (docs/deployment.md).
RUN python -m compileall -q uccn_data dashboard

RUN groupadd --system --gid 10001 uccn \
    && useradd --system --uid 10001 --gid uccn --home-dir /home/uccn --create-home \
       --shell /usr/sbin/nologin uccn \
    && mkdir -p /data /backups \
    && chown uccn:uccn /data /backups

USER uccn
ENV HOME=/home/uccn \
    UCCN_DB=/data/uccn.duckdb
VOLUME ["/data"]
EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request as u; sys.exit(u.build_opener(u.ProxyHandler({})).open('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"]

# The same command as `make run` (Makefile), without make.
CMD ["python", "-m", "dashboard.serve", "run", "dashboard/app.py", "--server.port", "8501", "--browser.serverAddress", "localhost"]
