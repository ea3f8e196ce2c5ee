# A minimal stand-in for the parts of nixpkgs' `lib` (and NixOS `utils`) that nix/module.nix
# uses, so the module can be evaluated here without nixpkgs. Kept small and faithful: option
# types really check values; mkIf is resolved as the module system resolves it.
let
  inherit (builtins) all isAttrs isBool isInt isList isString concatMap elem filter toJSON replaceStrings concatStringsSep;
  type = name: check: { inherit name check; };
in
rec {
  mkOption = attrs: attrs // { _type = "option"; };
  mkEnableOption = desc: mkOption { type = types.bool; default = false; description = "Whether to enable ${desc}."; };
  mkIf = condition: content: { _type = "if"; inherit condition content; };
  mkDefault = v: v;
  optional = cond: x: if cond then [ x ] else [ ];
  optionals = cond: xs: if cond then xs else [ ];
  inherit concatMap;

  types = {
    bool = type "bool" isBool;
    str = type "str" isString;
    package = type "package" (v: isAttrs v && v ? outPath);
    listOf = t: type "listOf ${t.name}" (v: isList v && all t.check v);
    nullOr = t: type "nullOr ${t.name}" (v: v == null || t.check v);
    ints.between = lo: hi: type "int between ${toString lo} and ${toString hi}" (v: isInt v && v >= lo && v <= hi);
  };

  # nixos/lib/utils.nix: JSON-quote each argument, then escape systemd's % specifiers and $ expansion
  escapeSystemdExecArg = arg: replaceStrings [ "%" "$" ] [ "%%" "$$" ] (toJSON (if isInt arg then toString arg else arg));
  escapeSystemdExecArgs = args: concatStringsSep " " (map escapeSystemdExecArg args);

  # The module system's handling of mkIf, recursively: a false condition removes the definition.
  resolve = v:
    if isAttrs v && (v._type or null) == "if" then (if v.condition then resolve v.content else null)
    else if isAttrs v && !(v ? outPath) then
      builtins.listToAttrs (filter (kv: kv.value != null)
        (map (name: { inherit name; value = resolve v.${name}; }) (builtins.attrNames v)))
    else v;
}
