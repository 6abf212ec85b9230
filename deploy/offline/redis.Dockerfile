# Stand-in for redis:7-bookworm: Debian 12's Redis 7.0 (deploy/offline). Like the official
# image, protected mode is off (the stack's network is the boundary) and it runs as `redis`.
FROM ressort-offline/debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends redis-server redis-tools \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data && chown redis:redis /data
COPY redis-entrypoint.sh /usr/local/bin/redis-entrypoint
WORKDIR /data
EXPOSE 6379
ENTRYPOINT ["redis-entrypoint"]
CMD ["redis-server"]
