# The committed bundle as a package: dist/ (with its package.json saying "type": "module"),
# action.yml, and a `ci-docker-prune` wrapper. No npm build inside nix: dist/ is the build.
{ lib, stdenvNoCC, nodejs, makeWrapper }:

stdenvNoCC.mkDerivation {
  pname = "ci-docker-prune";
  version = (lib.importJSON ../package.json).version;
  src = lib.fileset.toSource {
    root = ../.;
    fileset = lib.fileset.unions [ ../dist ../action.yml ];
  };
  nativeBuildInputs = [ makeWrapper ];
  dontConfigure = true;
  dontBuild = true;
  installPhase = ''
    runHook preInstall
    mkdir -p $out/lib/ci-docker-prune $out/bin
    cp -r dist action.yml $out/lib/ci-docker-prune/
    makeWrapper ${nodejs}/bin/node $out/bin/ci-docker-prune \
      --add-flags $out/lib/ci-docker-prune/dist/index.js
    runHook postInstall
  '';
  meta = {
    description = "Gated, cache-aware Docker prune for self-hosted CI hosts";
    license = lib.licenses.mit;
    mainProgram = "ci-docker-prune";
    platforms = lib.platforms.linux;
  };
}
