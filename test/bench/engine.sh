#!/usr/bin/env bash
# Hermetic Docker engine for tests and the demo: its own dockerd, socket, loop-mounted ext4,
# swarm, and a loopback registry. Never touches any other engine: everything lives under $DIR.
#   engine.sh up DIR [SIZE_MB]   -> prints KEY=VALUE lines (DOCKER_HOST, AUTH_REGISTRY, ...)
#   JOIN_MANAGER=MDIR engine.sh up DIR  -> a second engine joining MDIR's swarm as a worker
#                                         (no registries of its own)
#   engine.sh down DIR           -> stops by pid, unmounts, deletes the disk; safe to repeat
#   ENGINE_MIRROR=1 engine.sh up DIR  -> the daemon pulls Docker Hub images through its
#       pull-through registry (--registry-mirror), as a host with a Hub mirror does
#   ENGINE_CONTAINERD=external engine.sh up DIR  -> the host a distribution's Docker 29 makes:
#       a containerd of its own (root on a second loop filesystem, $DIR/cmnt), dockerd pointed at
#       it with --containerd, the containerd image store on (needs ENGINE_BIN's containerd 2.x)
set -euo pipefail
cmd=${1:?usage: engine.sh up|down DIR [SIZE_MB]}
DIR=$(realpath -m "${2:?DIR required}")
SIZE_MB=${3:-1024}

alive() { # running, not a zombie (this sandbox's pid 1 may not reap orphans)
  [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

kill_pidfile() { # kill a process by its pidfile (SIGTERM, or $2) and wait for it to go
  local f=$1 sig=${2:-TERM} pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f" 2>/dev/null || true)
  if [ -n "$pid" ] && alive "$pid"; then
    kill -s "$sig" "$pid" 2>/dev/null || true
    # a throwaway engine: 2 s of grace, then SIGKILL (mounts and shims are cleaned up below)
    for _ in $(seq 1 20); do alive "$pid" || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
  fi
  rm -f "$f"
}

kill_holders() { # kill what, from a mount namespace of its own, still holds our filesystem ($1, its device)
  # A container's process outlives a SIGKILLed dockerd and its shim (a swarm task restarted as
  # the engine went down, or a crashed test), and its mount namespace keeps the filesystem, and
  # so the loop device, busy. Only processes in another mount namespace than ours are candidates.
  local dev=$1 self pid others victims
  self=$(stat -L -c %i /proc/self/ns/mnt) || return 0
  others=$(stat -L -c '%n %i' /proc/[0-9]*/ns/mnt 2>/dev/null | awk -v s="$self" '$2 != s { split($1, p, "/"); if (p[3] != 1) print "/proc/" p[3] "/mountinfo" }') || true # pid 1's may be unreadable
  [ -n "$others" ] || return 0
  # shellcheck disable=SC2086 # one path per word
  victims=$(grep -l -- " - [^ ]* $dev " $others 2>/dev/null | cut -d/ -f3) || true
  for pid in $victims; do kill -9 "$pid" 2>/dev/null || true; done
  for pid in $victims; do for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done; done
}

down() {
  export DOCKER_HOST=unix://$DIR/docker.sock DOCKER_CONFIG=$DIR/client
  unset DOCKER_CONTEXT
  if [ -S "$DIR/docker.sock" ] && [ -f "$DIR/dockerd.pid" ]; then
    # SIGKILL the containers first: dockerd's own shutdown waits 10 s for each `sleep` task.
    # No `swarm leave` (5 s): the swarm's state lives in the data root, which goes with the disk.
    timeout 20 docker container ls --quiet | xargs -r timeout 20 docker container kill >/dev/null 2>&1 || true
  fi
  kill_pidfile "$DIR/registry-proxy.pid" KILL # stateless but for its storage dir: no grace needed
  kill_pidfile "$DIR/registry.pid" KILL
  kill_pidfile "$DIR/dockerd.pid"
  kill_pidfile "$DIR/containerd.pid"
  # containerd shims started by this dockerd live under our exec-root; stop any that remain
  pkill -f -- "$DIR/exec" 2>/dev/null || true
  for l in "$DIR/loopdev" "$DIR/cloopdev"; do [ -f "$l" ] && kill_holders "$(cat "$l")"; done
  for m in $(mount | awk -v d="$DIR/" 'index($3, d) == 1 {print $3}' | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
  for l in "$DIR/loopdev" "$DIR/cloopdev"; do
    if [ -f "$l" ]; then losetup -d "$(cat "$l")" 2>/dev/null || true; rm -f "$l"; fi
  done
  rm -rf "$DIR/mnt" "$DIR/cmnt" "$DIR/exec" "$DIR/disk.img" "$DIR/cdisk.img" "$DIR/registry-data" 2>/dev/null || true
}

wait_port() { # wait until 127.0.0.1:$1 accepts connections, or fail naming $2
  for _ in $(seq 1 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done
  echo "$2 did not start on 127.0.0.1:$1; its log:" >&2; tail -5 "$DIR/$2.log" >&2; return 1
}

up() {
  mkdir -p "$DIR/mnt" "$DIR/exec" "$DIR/client" "$DIR/registry-data"
  truncate -s "${SIZE_MB}M" "$DIR/disk.img"
  mkfs.ext4 -q -F "$DIR/disk.img"
  mount -o loop "$DIR/disk.img" "$DIR/mnt"
  losetup -j "$DIR/disk.img" | cut -d: -f1 | head -1 > "$DIR/loopdev"
  export DOCKER_HOST=unix://$DIR/docker.sock DOCKER_CONFIG=$DIR/client
  unset DOCKER_CONTEXT
  local rport pport sport dport tport
  read -r rport pport sport dport tport < <(node "$(dirname "$0")/free-ports.cjs" 5) || true
  [ -n "${tport:-}" ] || { echo "could not pick 5 free ports" >&2; return 1; }
  # A TLS listener as operators run one (tcp://127.0.0.1:$tport, --tlsverify): its own CA, the
  # daemon's certificate for 127.0.0.1, a client's in $DIR/tls/client (DOCKER_CERT_PATH's layout)
  mkdir -p "$DIR/tls/client"
  ( cd "$DIR/tls"
    key() { openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$1" -keyout "$2" -out "$3"; }
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=ci-docker-prune-test-ca -keyout ca-key.pem -out ca.pem
    key 127.0.0.1 server-key.pem server.csr
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -out server-cert.pem \
      -extfile <(printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n')
    key client client/key.pem client.csr
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -out client/cert.pem \
      -extfile <(printf 'extendedKeyUsage=clientAuth\n')
    cp ca.pem client/ca.pem ) >"$DIR/tls.log" 2>&1 || { echo "could not make the TLS certificates:" >&2; tail -5 "$DIR/tls.log" >&2; down; exit 1; }
  # The registry's htpasswd: user "ci", password from $DIR/registry-password (random per engine).
  head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$DIR/registry-password"
  htpasswd -Bbn ci "$(cat "$DIR/registry-password")" > "$DIR/htpasswd"
  cat > "$DIR/registry.yml" <<YML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $DIR/registry-data/upstream}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$rport}
auth: {htpasswd: {realm: ci, path: $DIR/htpasswd}}
YML
  # distribution 2.8's proxy sends its username/password only to token-auth upstreams; with
  # Basic auth the credentials must ride in the remote URL (Go's HTTP client sends them).
  cat > "$DIR/registry-proxy.yml" <<YML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $DIR/registry-data/proxy}}
http: {addr: 127.0.0.1:$pport}
proxy: {remoteurl: "http://ci:$(cat "$DIR/registry-password")@127.0.0.1:$rport"}
YML
  chmod 600 "$DIR/registry-proxy.yml"
  if [ -z "${JOIN_MANAGER:-}" ]; then
    setsid docker-registry serve "$DIR/registry.yml" >"$DIR/registry.log" 2>&1 < /dev/null & echo $! > "$DIR/registry.pid"
    wait_port "$rport" registry
    # the pull-through proxy pings its upstream at start and panics if it is not listening yet
    setsid docker-registry serve "$DIR/registry-proxy.yml" >"$DIR/registry-proxy.log" 2>&1 < /dev/null & echo $! > "$DIR/registry-proxy.pid"
  fi
  # ENGINE_BIN: a directory with another engine's dockerd and containerd (scripts/engines.sh);
  # ENGINE_STORE=containerd: the containerd image store (Docker 29's default), whose graph
  # driver is overlayfs (no --storage-driver then)
  local store_args=(--storage-driver=overlay2)
  if [ "${ENGINE_STORE:-classic}" = containerd ] || [ "${ENGINE_CONTAINERD:-}" = external ]; then
    echo '{"features":{"containerd-snapshotter":true}}' > "$DIR/daemon.json"
    store_args=(--config-file "$DIR/daemon.json")
  fi
  if [ "${ENGINE_CONTAINERD:-}" = external ]; then
    # the system containerd of a distribution's Docker, hermetic: its root on a filesystem of
    # its own (as /var/lib/containerd often is), its socket and state beside ours, its config
    # world-readable as /etc/containerd/config.toml is
    mkdir -p "$DIR/cmnt"
    truncate -s "${CONTAINERD_SIZE_MB:-$SIZE_MB}M" "$DIR/cdisk.img"
    mkfs.ext4 -q -F "$DIR/cdisk.img"
    mount -o loop "$DIR/cdisk.img" "$DIR/cmnt"
    losetup -j "$DIR/cdisk.img" | cut -d: -f1 | head -1 > "$DIR/cloopdev"
    cat > "$DIR/containerd.toml" <<TOML
version = 3
root = "$DIR/cmnt/containerd"
state = "$DIR/exec/cstate"
[grpc]
  address = "$DIR/containerd.sock"
TOML
    chmod 644 "$DIR/containerd.toml"
    PATH="${ENGINE_BIN:+$ENGINE_BIN:}$PATH" setsid containerd --config "$DIR/containerd.toml" >"$DIR/containerd.log" 2>&1 < /dev/null & echo $! > "$DIR/containerd.pid"
    for _ in $(seq 1 100); do [ -S "$DIR/containerd.sock" ] && break; sleep 0.05; done
    [ -S "$DIR/containerd.sock" ] || { echo "containerd did not start; its log:" >&2; tail -5 "$DIR/containerd.log" >&2; return 1; }
    store_args+=(--containerd "$DIR/containerd.sock")
  fi
  local mirror_args=()
  [ -z "${ENGINE_MIRROR:-}" ] || mirror_args=(--registry-mirror "http://127.0.0.1:$pport")
  PATH="${ENGINE_BIN:+$ENGINE_BIN:}$PATH" setsid dockerd --data-root "$DIR/mnt/docker" --exec-root "$DIR/exec" --pidfile "$DIR/dockerd.pid" \
    -H "unix://$DIR/docker.sock" -H "tcp://127.0.0.1:$tport" --tlsverify --tlscacert "$DIR/tls/ca.pem" \
    --tlscert "$DIR/tls/server-cert.pem" --tlskey "$DIR/tls/server-key.pem" --bridge=none --iptables=false --ip6tables=false \
    --userland-proxy=false "${store_args[@]}" \
    --insecure-registry "127.0.0.1:$rport" --insecure-registry "127.0.0.1:$pport" "${mirror_args[@]}" \
    >"$DIR/dockerd.log" 2>&1 < /dev/null &
  local ok=
  for _ in $(seq 1 300); do
    if docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then ok=1; break; fi
    sleep 0.1
  done
  if [ -z "$ok" ]; then echo "dockerd did not start; last log lines:" >&2; tail -20 "$DIR/dockerd.log" >&2; down; exit 1; fi
  if [ -n "${JOIN_MANAGER:-}" ]; then
    local token addr
    token=$(DOCKER_HOST="unix://$JOIN_MANAGER/docker.sock" docker swarm join-token -q worker)
    addr=$(DOCKER_HOST="unix://$JOIN_MANAGER/docker.sock" docker info --format '{{(index .Swarm.RemoteManagers 0).Addr}}')
    docker swarm join --token "$token" --listen-addr "127.0.0.1:$sport" --advertise-addr "127.0.0.1:$sport" "$addr" >/dev/null
  else
    docker swarm init --advertise-addr 127.0.0.1 --listen-addr "127.0.0.1:$sport" --data-path-port "$dport" >/dev/null
  fi
  [ -n "${JOIN_MANAGER:-}" ] || wait_port "$pport" registry-proxy
  cat <<ENV | tee "$DIR/engine.env"
DOCKER_HOST=$DOCKER_HOST
DOCKER_CONFIG=$DOCKER_CONFIG
ENGINE_DIR=$DIR
DATA_ROOT=$DIR/mnt/docker
MOUNT=$DIR/mnt
CONTAINERD_ROOT=$( [ "${ENGINE_CONTAINERD:-}" = external ] && echo "$DIR/cmnt/containerd" )
AUTH_REGISTRY=127.0.0.1:$rport
PROXY_REGISTRY=127.0.0.1:$pport
AUTH_REGISTRY_USER=ci
TLS_HOST=tcp://127.0.0.1:$tport
TLS_CERT_PATH=$DIR/tls/client
ENV
}

case "$cmd" in
  up) trap 'down' ERR; up ;;
  down) down ;;
  *) echo "unknown command: $cmd" >&2; exit 2 ;;
esac
