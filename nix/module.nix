# NixOS module: the nightly gated prune as ci-docker-prune.service + ci-docker-prune.timer.
# Runs the very same dist/index.js the GitHub Action runs, in `prune` mode. Named so that it
# never collides with NixOS's own docker-prune unit (virtualisation.docker.autoPrune).
{ config, lib, pkgs, utils, ... }:

let
  cfg = config.services.ci-docker-prune;
  inherit (lib) mkOption mkEnableOption mkIf types optional optionals concatMap;

  args = [ "prune"
      "--threshold" (toString cfg.threshold)
      "--until" cfg.until
      "--stack-pattern" cfg.stackPattern
      "--state-dir" cfg.stateDir ]
    ++ optionals (cfg.target != null) [ "--target" (toString cfg.target) ]
    ++ concatMap (k: [ "--keep" k ]) cfg.keep
    ++ optionals (cfg.metricsFile != null) [ "--metrics-file" cfg.metricsFile ]
    ++ optionals (cfg.managerHost != null) [ "--manager-host" cfg.managerHost ]
    ++ optional cfg.dryRun "--dry-run"
    ++ cfg.extraArgs;
in
{
  options.services.ci-docker-prune = {
    enable = mkEnableOption "the gated, cache-aware Docker prune for CI hosts (ci-docker-prune.timer)";

    package = mkOption {
      type = types.package;
      default = pkgs.callPackage ./package.nix { };
      description = "The ci-docker-prune package (its dist/ bundle is what the unit runs).";
    };

    nodejs = mkOption {
      type = types.package;
      default = pkgs.nodejs;
      description = "Node.js that runs the bundle (20 or newer).";
    };

    dockerPackage = mkOption {
      type = types.package;
      default = config.virtualisation.docker.package;
      description = "Package providing the docker CLI the tool runs (put on the unit's PATH).";
    };

    schedule = mkOption {
      type = types.str;
      default = "daily";
      example = "*-*-* 03:30:00";
      description = "When to run, as systemd OnCalendar.";
    };

    randomizedDelaySec = mkOption {
      type = types.str;
      default = "0";
      example = "45min";
      description = "Random delay added to each run (systemd RandomizedDelaySec).";
    };

    persistent = mkOption {
      type = types.bool;
      default = true;
      description = "Run at boot when a scheduled run was missed (systemd Persistent).";
    };

    threshold = mkOption {
      type = types.ints.between 1 100;
      default = 80;
      description = "Disk used percent (bytes or inodes) of the Docker filesystem at or above which pruning may happen.";
    };

    target = mkOption {
      type = types.nullOr (types.ints.between 1 100);
      default = null;
      description = "Low watermark for least-recently-used eviction; null means threshold - 10.";
    };

    until = mkOption {
      type = types.str;
      default = "24h";
      description = "Only prune containers, dangling images and build cache older than this (90s, 30m, 24h, 7d).";
    };

    stackPattern = mkOption {
      type = types.str;
      default = "^[a-z0-9]{1,4}-[0-9a-f]{6}_ci_commoninternet_net_";
      description = "Regex for service names of live run-app stacks; while any exists nothing is pruned.";
    };

    keep = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "^mariadb:" "^nginx:" ];
      description = "Regexes of image tags never evicted by the LRU eviction.";
    };

    stateDir = mkOption {
      type = types.str;
      default = "/var/lib/ci-docker-prune";
      description = "Directory for the host-wide lock and the usage ledger.";
    };

    metricsFile = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "/var/lib/prometheus-node-exporter-text-files/ci_docker_prune.prom";
      description = "Write Prometheus textfile-collector metrics here after each run.";
    };

    managerHost = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "ssh://ci@manager.example.org";
      description = ''
        On a swarm worker: a manager (unix://, tcp://, ssh://) to read services, their specs and
        task states from, so the worker can prune its own image store. Images, containers, disk
        and the lock stay local. Without it a worker fails closed and prunes nothing.
      '';
    };

    extraArgs = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "--stuck-after" "1h" ];
      description = "Further command-line arguments (see ci-docker-prune --help).";
    };

    dryRun = mkOption {
      type = types.bool;
      default = false;
      description = "Only report what would be removed.";
    };

    timeout = mkOption {
      type = types.str;
      default = "1h";
      description = "Runtime cap for one run (systemd TimeoutStartSec).";
    };
  };

  config = mkIf cfg.enable {
    systemd.services.ci-docker-prune = {
      description = "Gated, cache-aware Docker prune for CI (ci-docker-prune)";
      documentation = [ "https://github.com/coop-cloud/ci-docker-prune" ];
      after = [ "docker.service" ];
      requires = [ "docker.service" ];
      # a prune must never start because of a nixos-rebuild; the timer decides
      restartIfChanged = false;
      path = [ cfg.dockerPackage ];
      serviceConfig = {
        Type = "oneshot";
        ExecStart = "${cfg.nodejs}/bin/node ${cfg.package}/lib/ci-docker-prune/dist/index.js ${utils.escapeSystemdExecArgs args}";
        TimeoutStartSec = cfg.timeout;
        # root for /var/run/docker.sock and statfs of /var/lib/docker, but nothing more
        StateDirectory = mkIf (cfg.stateDir == "/var/lib/ci-docker-prune") "ci-docker-prune";
        StateDirectoryMode = "0700";
        ReadWritePaths = [ cfg.stateDir ] ++ optional (cfg.metricsFile != null) (dirOf cfg.metricsFile);
        UMask = "0077";
        CapabilityBoundingSet = "";
        NoNewPrivileges = true;
        ProtectSystem = "strict";
        ProtectHome = "read-only"; # the docker client config (registry token) is read, never written
        PrivateTmp = true;
        PrivateDevices = true;
        ProtectKernelTunables = true;
        ProtectKernelModules = true;
        ProtectKernelLogs = true;
        ProtectControlGroups = true;
        ProtectClock = true;
        ProtectHostname = true;
        RestrictNamespaces = true;
        RestrictRealtime = true;
        RestrictSUIDSGID = true;
        LockPersonality = true;
        # AF_UNIX for the Docker socket; AF_INET/6 only for a DOCKER_HOST=tcp:// daemon
        RestrictAddressFamilies = [ "AF_UNIX" "AF_INET" "AF_INET6" ];
        SystemCallArchitectures = "native";
      };
    };

    systemd.timers.ci-docker-prune = {
      description = "Nightly gated Docker prune for CI (ci-docker-prune)";
      wantedBy = [ "timers.target" ];
      timerConfig = {
        OnCalendar = cfg.schedule;
        Persistent = cfg.persistent;
        RandomizedDelaySec = cfg.randomizedDelaySec;
        Unit = "ci-docker-prune.service";
      };
    };
  };
}
