#!/bin/sh
# Install what `make check-web` needs, each component in its ordinary way:
#   Debian: a Java runtime (default-jre-headless, unless `java` is already
#   there), nginx, chromium, zbar-tools, fonts-noto-cjk (so pages and
#   screenshots render Chinese as a phone would), nodejs + npm if missing;
#   npm: the packages pinned in tests/web/package.json + package-lock.json
#   (vnu-jar, playwright-core, axe-core), with `npm ci` into tests/web/.
# As root, missing Debian packages are installed with apt-get; otherwise the
# exact apt-get line is printed and the script fails.
# `npm ci --ignore-scripts`: vnu.jar ships inside vnu-jar (its postinstall
# would only look for, or fetch, a Java runtime: Debian provides one), and no
# browser is ever downloaded through playwright: the checks drive Debian's
# /usr/bin/chromium.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing=""
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
for p in nginx chromium zbar-tools fonts-noto-cjk; do
	installed "$p" || missing="$missing $p"
done
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "check-web: installing:$missing" >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get install -y --no-install-recommends $missing >/dev/null ||
			{ apt-get update >/dev/null &&
			  apt-get install -y --no-install-recommends $missing >/dev/null; }
	else
		echo "check-web: these Debian packages are missing. Install them with:" >&2
		echo "  sudo apt-get install --no-install-recommends$missing" >&2
		exit 1
	fi
fi

# npm packages: reinstall when node_modules is absent or older than the lock.
stamp="$here/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$here/package-lock.json" -nt "$stamp" ]; then
	echo "check-web: npm ci in tests/web/" >&2
	(cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
