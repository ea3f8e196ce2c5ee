# Evaluates nix/module.nix with a given `services.ci-docker-prune` configuration, the way the
# NixOS module system would for this one module: option defaults, user values (type-checked),
# mkIf resolved. Paths of node, the package and docker are passed in so that the rendered units
# point at files that exist on this machine (systemd-analyze verify checks ExecStart).
{ settings ? "{}", nodejs ? "/nix/store/fake-nodejs", package ? "/nix/store/fake-ci-docker-prune", docker ? "/nix/store/fake-docker", autoPrune ? "false" }:
let
  lib = import ./lib.nix;
  user = builtins.fromJSON settings;
  pkg = outPath: { inherit outPath; type = "derivation"; };
  pkgs = { nodejs = pkg nodejs; callPackage = _: _: pkg package; };
  utils = { inherit (lib) escapeSystemdExecArgs; };
  module = import ../../nix/module.nix { inherit lib pkgs utils config; };
  options = module.options.services.ci-docker-prune;
  unknown = builtins.filter (n: !(options ? ${n})) (builtins.attrNames user);
  value = name: opt:
    let v = if user ? ${name} then user.${name} else opt.default;
    in if opt.type.check v then v else throw "services.ci-docker-prune.${name}: ${builtins.toJSON v} is not a ${opt.type.name}";
  config = {
    services.ci-docker-prune = builtins.mapAttrs value options;
    virtualisation.docker.package = pkg docker;
    virtualisation.docker.autoPrune.enable = autoPrune == "true";
  };
  resolved = let r = lib.resolve module.config; in if r == null then { } else r;
  # as NixOS does: any failed assertion stops the evaluation with every failed message
  failed = map (a: a.message) (builtins.filter (a: !a.assertion) (resolved.assertions or [ ]));
in
if unknown != [ ] then throw "unknown options: ${toString unknown}"
else if failed != [ ] then throw "Failed assertions:\n${builtins.concatStringsSep "\n" (map (m: "- ${m}") failed)}"
else {
  options = builtins.mapAttrs (n: o: { type = o.type.name; default = if o.default ? outPath then o.default.outPath else o.default; hasDescription = o ? description; }) options;
  config = resolved;
  topLevel = builtins.filter (n: n != "assertions" && n != "warnings") (builtins.attrNames resolved);
  warnings = resolved.warnings or [ ];
}
