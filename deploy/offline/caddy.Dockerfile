# Stand-in for caddy:2: Debian 12's Caddy 2.6 (deploy/offline), with the official image's
# folders (/etc/caddy/Caddyfile, /data, /config) and command.
FROM ressort-offline/debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends caddy ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /config/caddy /data/caddy /etc/caddy /srv
ENV XDG_CONFIG_HOME=/config \
    XDG_DATA_HOME=/data
EXPOSE 80 443 443/udp 2019
WORKDIR /srv
CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]
