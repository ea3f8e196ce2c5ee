#!/usr/bin/env bash
# Other Docker engines for the test matrix, from Debian alone, without installing them:
#   scripts/engines.sh trixie   -> .engines/trixie/bin (Docker 26.1, containerd 1.7)
#   scripts/engines.sh sid      -> .engines/sid/bin    (the newest Docker in Debian)
# `apt-get download` with a private sources list and state (the system's apt is untouched),
# then `dpkg -x`. Their runc is dropped: bookworm's /usr/sbin/runc serves (sid's needs a newer
# glibc). Prints the bin directory; use it as ENGINE_BIN for test/bench/engine.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
suite=${1:?usage: engines.sh trixie|sid}
root=$PWD/.engines/$suite
if [ -x "$root/bin/dockerd" ]; then echo "$root/bin"; exit 0; fi
rm -rf "$root" && mkdir -p "$root"/{apt/lists/partial,apt/cache/archives/partial,x,bin}
echo "deb http://deb.debian.org/debian $suite main" > "$root/apt/sources.list"
apt=(-q -o "Dir::Etc::sourcelist=$root/apt/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$root/apt/lists"
     -o "Dir::Cache=$root/apt/cache" -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
apt-get "${apt[@]}" update >&2
(cd "$root" && apt-get "${apt[@]}" download docker.io containerd >&2)
for deb in "$root"/*.deb; do dpkg -x "$deb" "$root/x"; done
for f in "$root"/x/usr/bin/* "$root"/x/usr/sbin/*; do
  case "$(basename "$f")" in runc) ;; *) ln -sf "$f" "$root/bin/" ;; esac
done
rm -rf "$root/apt" "$root"/*.deb
"$root/bin/dockerd" --version >&2
echo "$root/bin"
