#!/bin/sh
# Publishes `mastro` as one self-contained linux-x64 executable (no .NET runtime needed on the host).
# This is the only publish command: the container image (Dockerfile) and the deploy tests both run it,
# so what the tests start is what the image ships.
#
#   deploy/publish.sh OUTPUT_DIR [ARTIFACTS_DIR]
#
# ARTIFACTS_DIR holds bin/obj (default: a fresh temp directory), so the source tree stays clean.
set -eu
output=${1:?usage: deploy/publish.sh OUTPUT_DIR [ARTIFACTS_DIR]}
artifacts=${2:-$(mktemp -d)}
cd "$(dirname "$0")/.."
# --disable-build-servers: no MSBuild/compiler server outlives the publish (a container build step or a
# test waiting for this script's output would otherwise wait for them too).
exec dotnet publish src/Mastro \
  -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=true -p:DebugType=none \
  --artifacts-path "$artifacts" --disable-build-servers -nologo \
  -o "$output"
