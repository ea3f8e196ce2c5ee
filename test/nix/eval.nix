# Evaluates nix/module.nix with the real NixOS module system: nixpkgs' own lib
# (`<nixpkgs/lib>`: ../shared/nixpkgs/lib here, a whole nixpkgs wherever NIX_PATH has one) and
# `lib.evalModules`, declaring only the few NixOS options the module sets or reads, as NixOS
# declares them. Option types, defaults, mkIf/mkMerge, unknown options and type errors are the
# module system's own. Paths of node, the package and docker are passed in so that the rendered
# units point at files that exist on this machine (systemd-analyze verify checks ExecStart).
{ settings ? "{}", nodejs ? "/nix/store/fake-nodejs", package ? "/nix/store/fake-ci-docker-prune", docker ? "/nix/store/fake-docker", autoPrune ? "false" }:
let
  lib = import <nixpkgs/lib>;
  inherit (lib) mkOption types;
  pkg = outPath: { inherit outPath; type = "derivation"; name = baseNameOf outPath; };
  pkgs = { nodejs = pkg nodejs; callPackage = _: _: pkg package; };

  # nixos/lib/utils.nix's escapeSystemdExecArgs (NixOS's utils are not part of lib)
  escapeSystemdExecArg = arg:
    let s = if builtins.isPath arg then "${arg}" else if builtins.isString arg then arg
      else if builtins.isInt arg || builtins.isFloat arg || lib.isDerivation arg then toString arg
      else throw "escapeSystemdExecArg only allows strings, paths, numbers and derivations";
    in builtins.replaceStrings [ "%" "$" ] [ "%%" "$$" ] (builtins.toJSON s);
  utils = { escapeSystemdExecArgs = lib.concatMapStringsSep " " escapeSystemdExecArg; };

  # The NixOS options nix/module.nix touches, with NixOS's own types where they matter: units
  # are attribute sets of anything (NixOS's unit submodules accept these keys freely), the
  # [Service]/[Timer] sections too, so mkIf inside them is resolved as NixOS resolves it.
  nixos = {
    options = {
      assertions = mkOption { type = types.listOf types.unspecified; default = [ ]; };
      warnings = mkOption { type = types.listOf types.str; default = [ ]; };
      systemd.services = mkOption { type = types.attrsOf (types.attrsOf types.anything); default = { }; };
      systemd.timers = mkOption { type = types.attrsOf (types.attrsOf types.anything); default = { }; };
      virtualisation.docker.package = mkOption { type = types.package; default = pkg docker; };
      virtualisation.docker.autoPrune.enable = mkOption { type = types.bool; default = false; };
    };
  };

  evaluated = lib.evalModules {
    modules = [
      nixos
      ../../nix/module.nix
      { services.ci-docker-prune = builtins.fromJSON settings; virtualisation.docker.autoPrune.enable = autoPrune == "true"; }
    ];
    specialArgs = { inherit pkgs utils; };
  };
  cfg = evaluated.config;
  options = evaluated.options.services.ci-docker-prune;
  # as NixOS does: any failed assertion stops the evaluation with every failed message
  failed = map (a: a.message) (builtins.filter (a: !a.assertion) cfg.assertions);
  defined = lib.filterAttrs (_: v: v != { }) { systemd = lib.filterAttrs (_: v: v != { }) cfg.systemd; };
  described = o: if o.default ? outPath then o.default.outPath else o.default;
in
if failed != [ ] then throw "Failed assertions:\n${builtins.concatStringsSep "\n" (map (m: "- ${m}") failed)}"
else {
  options = builtins.mapAttrs (n: o: { type = o.type.description; default = described o; hasDescription = o ? description; })
    (lib.filterAttrs (_: o: lib.isOption o) options);
  config = defined;
  topLevel = builtins.attrNames defined;
  warnings = cfg.warnings;
}
