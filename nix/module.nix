# NixOS module: the nightly gated prune as ci-docker-prune.service + ci-docker-prune.timer.
# Runs the very same dist/index.js the GitHub Action runs, in `prune` mode. Named so that it
# never collides with NixOS's own docker-prune unit (virtualisation.docker.autoPrune).
{ config, lib, pkgs, utils, ... }:

let
  cfg = config.services.ci-docker-prune;
  inherit (lib) mkOption mkEnableOption mkIf types optional optionals concatMap;
  inherit (builtins) all any match stringLength substring;

  # What the tool itself would refuse (it exits 2 at run time), refused at evaluation instead,
  # so a bad value fails `nixos-rebuild` rather than every night's run.
  isDuration = d: match "0|[0-9]{1,12}[smhdw]" d != null;
  durationDays = d: let m = match "([0-9]+)([smhdw])" d; in
    if m == null then 0 else (builtins.fromJSON (builtins.head m)) * { s = 1; m = 60; h = 3600; d = 86400; w = 604800; }.${builtins.elemAt m 1} / 86400;
  # the tool's catastrophic-backtracking check, approximated: a repeated group that holds a
  # repeat or an alternation, a backreference, or over 512 characters (the tool checks fully)
  unsafeRegex = re: stringLength re > 512
    || match ".*\\([^()]*[*+?}][^()]*\\)[*+?{].*" re != null
    || match ".*\\([^()]*[|][^()]*\\)[*+?{].*" re != null
    || match ".*\\\\[1-9].*" re != null;
  isAbsolute = p: substring 0 1 p == "/";
  # `min-free` as the tool parses it: a size (5GiB, 500MB, 0B) or a percent above 0 and below 100
  isFreeSpec = s: match "[0-9]+([.][0-9]+)? *([kKmMgGtT][iI]?[bB]|[bB])" s != null
    || (match "0*[0-9]{1,2}([.][0-9]+)?%" s != null && match "0*([.]0+)?%" s == null);
  # a file option among arguments, as the tool reads them (`--report-file x` or `--report-file=x`)
  holdsFile = name: any (a: match "--${name}(=.*)?" a != null);
  warmRuns = cfg.warm && !cfg.dryRun;
  # a tcp:// or ssh:// manager needs IP sockets; a unix socket does not
  remote = cfg.managerHost != null && match "unix://.*" cfg.managerHost == null;

  args = [ "prune"
      "--threshold" (toString cfg.threshold)
      "--until" cfg.until
      "--stack-pattern" cfg.stackPattern
      "--state-dir" cfg.stateDir ]
    ++ optionals (cfg.target != null) [ "--target" (toString cfg.target) ]
    ++ concatMap (k: [ "--keep" k ]) cfg.keep
    ++ concatMap (p: [ "--store-paths" p ]) cfg.storePaths
    ++ optionals (cfg.metricsFile != null) [ "--metrics-file" cfg.metricsFile ]
    ++ optionals (cfg.managerHost != null) [ "--manager-host" cfg.managerHost ]
    ++ optional cfg.dryRun "--dry-run"
    ++ cfg.extraArgs;

  # the nightly warm run, right after the prune: the same daemon, state, gates and watermarks, so
  # the prune's extraArgs too (a --docker-host or --stuck-after there must hold for both runs);
  # the jobs' min-free, which only warm uses; no metricsFile (the prune's is the host's; the
  # textfile collector refuses one series twice); warmExtraArgs last, so its single values win
  warmArgs = [ "warm"
      "--threshold" (toString cfg.threshold)
      "--stack-pattern" cfg.stackPattern
      "--state-dir" cfg.stateDir ]
    ++ optionals (cfg.target != null) [ "--target" (toString cfg.target) ]
    ++ optionals (cfg.minFree != null) [ "--min-free" cfg.minFree ]
    ++ concatMap (i: [ "--warm-images" i ]) cfg.warmImages
    ++ concatMap (p: [ "--store-paths" p ]) cfg.storePaths
    ++ optionals (cfg.managerHost != null) [ "--manager-host" cfg.managerHost ]
    ++ cfg.extraArgs
    ++ cfg.warmExtraArgs;
  exec = a: "${cfg.nodejs}/bin/node ${cfg.package}/lib/ci-docker-prune/dist/index.js ${utils.escapeSystemdExecArgs a}";
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
      type = types.either types.str (types.listOf types.str);
      default = "daily";
      example = [ "*-*-* 03:30:00" "*-*-* 15:30:00" ];
      description = "When to run: a systemd OnCalendar expression, or a list of them (the timer elapses at each).";
    };

    timerConfig = mkOption {
      type = types.attrsOf (types.oneOf [ types.str types.int types.bool (types.listOf types.str) ]);
      default = { };
      example = { AccuracySec = "1min"; WakeSystem = true; };
      description = ''
        Further [Timer] settings (systemd.timer(5)), merged over the ones this module sets
        (OnCalendar, Persistent, RandomizedDelaySec), which they may override.
      '';
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
      type = types.nullOr (types.ints.between 0 99);
      default = null;
      description = "Low watermark for least-recently-used eviction (0 to below threshold; 0 evicts every unprotected image once over the threshold); null means threshold - 10.";
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

    warm = mkOption {
      type = types.bool;
      default = true;
      description = ''
        Run `ci-docker-prune warm` right after the prune: pull what the jobs asked for (every pre
        step records it) within the room under the target watermark, so the morning's jobs find
        their images warm. It never removes anything, and does nothing while a job is between
        its pre and post steps or a run-app stack is live. Not run with dryRun.
      '';
    };

    warmImages = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "mariadb:10.11" ];
      description = "Images always in the warm set, besides those the jobs asked for.";
    };

    minFree = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "5GiB";
      description = ''
        Free space the jobs need: the min-free their pre steps are given (5GiB, 500MB, 10%). The
        warm run leaves it free, so that the morning's first job need not prune to find it.
        The prune does not use it. null: the warm run's room is the room under the target alone.
      '';
    };

    warmExtraArgs = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "--report-file" "/var/lib/ci-docker-prune/warm.json" ];
      description = ''
        Further arguments for the warm run alone, after extraArgs (which it gets too); where
        both give a single-valued option, this one wins.
      '';
    };

    storePaths = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "/var/lib/containerd" ];
      description = ''
        Filesystems holding Docker's images besides its data root, for setups the tool cannot
        find by itself. By default, on the containerd image store, containerd's root is found
        from the containerd dockerd names (its process and config, which the unit can see).
      '';
    };

    stateDir = mkOption {
      type = types.str;
      default = "/var/lib/ci-docker-prune";
      description = "Directory for the usage ledger (with the jobs' marks) and job state.";
    };

    group = mkOption {
      type = types.str;
      default = "docker";
      description = ''
        Group that shares the state directory (setgid, 2770) with the CI runner users, so the
        timer and the job steps keep one ledger. The runner users are in it already when they
        may use Docker.
      '';
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
      description = ''
        Further command-line arguments (see ci-docker-prune --help) for both runs, the prune and
        the warm run: the daemon, gates and settings they share. Each run uses what concerns it.
      '';
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
    assertions = [
      { assertion = isDuration cfg.until && durationDays cfg.until <= 3650;
        message = "services.ci-docker-prune.until: \"${cfg.until}\" is not a duration like 90s, 30m, 24h or 7d (at most 3650d)"; }
      { assertion = cfg.target == null || cfg.target < cfg.threshold;
        message = "services.ci-docker-prune.target (${toString cfg.target}) must be below threshold (${toString cfg.threshold})"; }
      { assertion = cfg.target != null || cfg.threshold > 10;
        message = "services.ci-docker-prune.threshold ${toString cfg.threshold}: the default target (threshold - 10) would be ${toString (cfg.threshold - 10)}%; set target"; }
      { assertion = all (re: !(unsafeRegex re)) ([ cfg.stackPattern ] ++ cfg.keep);
        message = "services.ci-docker-prune.stackPattern/keep: a pattern could backtrack catastrophically (a repeated group holding a repeat or an alternation, a backreference, or over 512 characters)"; }
      { assertion = isAbsolute cfg.stateDir;
        message = "services.ci-docker-prune.stateDir: \"${cfg.stateDir}\" is not an absolute path"; }
      { assertion = cfg.minFree == null || isFreeSpec cfg.minFree;
        message = "services.ci-docker-prune.minFree: \"${toString cfg.minFree}\" is not a size or percent like 5GiB, 500MB or 10% (above 0 and below 100)"; }
      { assertion = all isAbsolute cfg.storePaths;
        message = "services.ci-docker-prune.storePaths: every path must be absolute"; }
      { assertion = cfg.metricsFile == null || isAbsolute cfg.metricsFile;
        message = "services.ci-docker-prune.metricsFile: not an absolute path"; }
      { assertion = !(cfg.timerConfig ? Unit);
        message = "services.ci-docker-prune.timerConfig.Unit: the timer runs ci-docker-prune.service and no other"; }
      { assertion = cfg.managerHost == null || match "(unix|tcp|ssh)://[^ ]+" cfg.managerHost != null;
        message = "services.ci-docker-prune.managerHost: \"${toString cfg.managerHost}\" is not like unix:///run/docker.sock, tcp://host:2376 or ssh://user@host"; }
    ];
    # NixOS's own autoPrune runs `docker system prune` on a timer of its own: it would empty the
    # warm cache this module keeps, and neither knows the other's gates
    warnings = optional (config.virtualisation.docker.autoPrune.enable or false)
      "services.ci-docker-prune and virtualisation.docker.autoPrune are both enabled: autoPrune's docker system prune ignores the gates and empties the warm image cache; disable it"
      # the warm run writes after the prune: a file named in extraArgs alone would hold the warm run's
      ++ concatMap (f: optional (warmRuns && holdsFile f cfg.extraArgs && !holdsFile f cfg.warmExtraArgs)
        "services.ci-docker-prune.extraArgs holds --${f}: the warm run gets extraArgs too and writes that file after the prune; give the warm run its own --${f} in warmExtraArgs${if f == "metrics-file" then " (or use metricsFile, the prune's alone)" else ""}")
        [ "report-file" "metrics-file" ];

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
        # one after the other; a warm run never starts after a failed prune (oneshot semantics)
        ExecStart = [ (exec args) ] ++ optional warmRuns (exec warmArgs);
        TimeoutStartSec = cfg.timeout;
        # root for /var/run/docker.sock and statfs of /var/lib/docker, but nothing more; /proc
        # stays visible (no ProtectProc=invisible): on the containerd store, containerd's root
        # is found from the containerd process's command line and config
        StateDirectory = mkIf (cfg.stateDir == "/var/lib/ci-docker-prune") "ci-docker-prune";
        # shared with the runner users' group: one ledger, one set of job marks (never world-readable)
        StateDirectoryMode = "2770";
        Group = cfg.group;
        ReadWritePaths = [ cfg.stateDir ] ++ optional (cfg.metricsFile != null) (dirOf cfg.metricsFile);
        UMask = "0007";
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
        # AF_UNIX for the Docker socket and the host locks (abstract sockets: they need the host's
        # network namespace, so never PrivateNetwork=); IP only for a tcp:// or ssh:// manager
        RestrictAddressFamilies = [ "AF_UNIX" ] ++ optionals remote [ "AF_INET" "AF_INET6" ];
        SystemCallArchitectures = "native";
        SystemCallFilter = [ "@system-service" ];
        SystemCallErrorNumber = "EPERM";
      } // (if remote then { } else { IPAddressDeny = "any"; });
    };

    systemd.timers.ci-docker-prune = {
      description = "Nightly gated Docker prune for CI (ci-docker-prune)";
      wantedBy = [ "timers.target" ];
      timerConfig = {
        OnCalendar = cfg.schedule;
        Persistent = cfg.persistent;
        RandomizedDelaySec = cfg.randomizedDelaySec;
      } // cfg.timerConfig // {
        # the timer runs this unit and no other
        Unit = "ci-docker-prune.service";
      };
    };
  };
}
