#!/bin/sh
# Make sure the Debian packages a make target needs are installed.
#   .ci/deps.sh build|test|fuzz
# As root, missing packages are installed with apt-get; otherwise the exact
# apt-get line is printed and the script fails, so nothing half-works.
set -eu

build="gcc make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev libyaml-dev libssl-dev libqrencode-dev libmicrohttpd-dev"
test="$build libcmocka-dev libxml2-utils python3-feedparser python3-icalendar mandoc valgrind zbar-tools"

fuzz="$build clang libclang-rt-14-dev"

case "${1:-build}" in
build) want=$build ;;
test) want=$test ;;
fuzz) want=$fuzz ;;
*) echo "usage: $0 build|test|fuzz" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	echo "gongshi: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y --no-install-recommends $missing >/dev/null ||
		{ apt-get update >/dev/null && apt-get install -y --no-install-recommends $missing >/dev/null; }
else
	echo "gongshi: these Debian packages are missing. Install them with:" >&2
	echo "  sudo apt-get install$missing" >&2
	exit 1
fi
