#!/usr/bin/env bash
# Stand-ins, built from Debian's packages alone, for the four public images that compose.yaml
# names, for a machine that reaches Debian's mirror and PyPI but not Docker Hub:
#   python:3.11-slim-bookworm  Debian 12's Python 3.11 (Ressort's Dockerfile builds on it)
#   postgres:17-bookworm       Debian 13's PostgreSQL 17, the official entrypoint's variables
#   redis:7-bookworm           Debian 12's Redis 7.0
#   caddy:2                    Debian 12's Caddy 2.6
# Each is tagged with the official name, so that `docker compose up --build` then runs the
# stack unchanged. A tag that already names another image (the real one, pulled) is left
# alone: the stand-ins never replace an official image. Run as root (debootstrap):
#   deploy/offline/build-images.sh
# Behind a TLS-inspecting proxy, the host's own certificates (/usr/local/share/ca-certificates,
# or the files named in EXTRA_CA_CERTS) go into the base images, so that apt and pip inside
# the builds trust it. MIRROR, SECURITY_MIRROR: Debian's mirrors (deb.debian.org by default).
set -euo pipefail
cd "$(dirname "$0")"
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${SECURITY_MIRROR:-http://deb.debian.org/debian-security}
LABEL=org.ressort.offline-stand-in
shopt -s nullglob
CA_FILES=(${EXTRA_CA_CERTS:-/usr/local/share/ca-certificates/*.crt})
shopt -u nullglob

for tool in docker debootstrap; do
	command -v "$tool" >/dev/null || { echo "$tool manque (apt-get install docker.io debootstrap)." >&2; exit 1; }
done

# A minimal Debian root file system, imported as ressort-offline/debian:SUITE.
base() {
	local suite=$1 image=ressort-offline/debian:$1 root
	if docker image inspect "$image" >/dev/null 2>&1; then
		echo "== $image : déjà là"
		return
	fi
	echo "== $image : debootstrap $suite"
	root=$(mktemp -d)
	debootstrap --variant=minbase --include=ca-certificates "$suite" "$root" "$MIRROR" >"$root.log" 2>&1 \
		|| { tail -20 "$root.log" >&2; rm -rf "$root" "$root.log"; exit 1; }
	rm -f "$root.log"
	# The security and point-release updates, as in Docker's Debian images.
	printf 'deb %s %s main\ndeb %s %s-updates main\ndeb %s %s-security main\n' \
		"$MIRROR" "$suite" "$MIRROR" "$suite" "$SECURITY_MIRROR" "$suite" >"$root/etc/apt/sources.list"
	if ((${#CA_FILES[@]})); then
		cp "${CA_FILES[@]}" "$root/usr/local/share/ca-certificates/"
		chroot "$root" update-ca-certificates >/dev/null
	fi
	# Like Docker's Debian images: no documentation, no caches, apt cleaned after each install.
	printf 'path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\npath-exclude /usr/share/locale/*\n' \
		>"$root/etc/dpkg/dpkg.cfg.d/docker"
	printf 'APT::Install-Recommends "false";\n' >"$root/etc/apt/apt.conf.d/docker-no-recommends"
	rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/archives/*.deb
	tar -C "$root" -c . | docker import \
		--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
		--change 'CMD ["bash"]' - "$image" >/dev/null
	rm -rf "$root"
}

# The stand-in NAME.Dockerfile, tagged TAG unless TAG is an image that is not ours.
stand_in() {
	local name=$1 tag=$2 ours
	if docker image inspect "$tag" >/dev/null 2>&1; then
		ours=$(docker image inspect -f "{{index .Config.Labels \"$LABEL\"}}" "$tag")
		if [ "$ours" != 1 ]; then
			echo "== $tag : une image de ce nom existe déjà (l'officielle ?), laissée telle quelle"
			return
		fi
	fi
	echo "== $tag ($name.Dockerfile)"
	docker build --quiet --network host --label "$LABEL=1" -f "$name.Dockerfile" -t "$tag" . >/dev/null
}

base bookworm
base trixie
stand_in python python:3.11-slim-bookworm
stand_in postgres postgres:17-bookworm
stand_in redis redis:7-bookworm
stand_in caddy caddy:2
echo "Images de remplacement prêtes : docker compose up -d --build (voir le README)."
