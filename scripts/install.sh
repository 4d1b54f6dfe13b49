#!/usr/bin/env bash
# Builds release binaries and installs aimeter into standard places. Idempotent: re-running
# upgrades the binaries, units and documentation but never overwrites an existing
# /etc/aimeter/config.yaml. A fresh install gets config/aimeter.starter.yaml there (valid as is:
# the built-in demo provider, no account needed); the full annotated example goes to the doc dir.
#
#   sudo ./scripts/install.sh                 # build + install + create the user
#   DESTDIR=/tmp/stage ./scripts/install.sh   # stage into a directory (no user, no systemctl)
#   SKIP_BUILD=1 ./scripts/install.sh         # install binaries already in .build/release
#   SKIP_BUILD=1 BIN_DIR=.build/debug ...      # install binaries from another build directory
set -euo pipefail
cd "$(dirname "$0")/.."

destdir="${DESTDIR:-}"
prefix="${PREFIX:-/usr/local}"
bindir="$destdir$prefix/bin"
docdir="$destdir$prefix/share/doc/aimeter"
unitdir="$destdir${UNITDIR:-/etc/systemd/system}"
sysusersdir="$destdir/usr/lib/sysusers.d"
tmpfilesdir="$destdir/usr/lib/tmpfiles.d"
confdir="$destdir/etc/aimeter"

if [ -z "${SKIP_BUILD:-}" ]; then
    scripts/install-deps.sh
    echo "==> building release binaries"
    swift build -c release
fi
release="${BIN_DIR:-$(swift build -c release --show-bin-path)}"

echo "==> installing into ${destdir:-/}"
install -d "$bindir" "$docdir/providers" "$unitdir" "$sysusersdir" "$tmpfilesdir"
for binary in aimeter-collector aimeter-api aimeter; do
    install -m 0755 "$release/$binary" "$bindir/$binary"
done
for unit in aimeter-collector.service aimeter-api.service; do
    sed "s#/usr/local/bin/#$prefix/bin/#" "systemd/$unit" >"$unitdir/$unit"
    chmod 0644 "$unitdir/$unit"
done
install -m 0644 systemd/aimeter.sysusers.conf "$sysusersdir/aimeter.conf"
install -m 0644 systemd/aimeter.tmpfiles.conf "$tmpfilesdir/aimeter.conf"
install -m 0644 docs/*.md docs/openapi.yaml "$docdir/"
install -m 0644 docs/providers/*.md "$docdir/providers/"
install -m 0644 config/aimeter.example.yaml "$docdir/"

install -d -m 0750 "$confdir"
if [ ! -e "$confdir/config.yaml" ]; then
    # The starter's comments name the doc dir, which follows PREFIX like the units' paths.
    (umask 0027 && sed "s#/usr/local/share/doc/aimeter/#$prefix/share/doc/aimeter/#" \
        config/aimeter.starter.yaml >"$confdir/config.yaml")
    echo "    wrote the starter $confdir/config.yaml (demo provider; every key: $prefix/share/doc/aimeter/aimeter.example.yaml)"
else
    echo "    kept existing $confdir/config.yaml"
fi

if [ -z "$destdir" ]; then
    if command -v systemd-sysusers >/dev/null 2>&1; then
        systemd-sysusers "$sysusersdir/aimeter.conf"
    elif ! id aimeter >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/aimeter --shell /usr/sbin/nologin aimeter
    fi
    chgrp aimeter "$confdir" "$confdir/config.yaml"
    if [ -d /run/systemd/system ]; then
        systemctl daemon-reload
        echo "==> done. Start with: systemctl enable --now aimeter-collector aimeter-api"
    else
        echo "==> done (systemd is not running here: start the binaries by hand, see docs/install.md)"
    fi
else
    echo "==> staged into $destdir"
fi
