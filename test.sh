#!/usr/bin/env bash
# Runs Mastro's whole test suite on a fresh Debian machine, installing what it needs:
# PostgreSQL server binaries, Chromium and a Kerberos KDC (Debian), the s3rver S3 test server and the Kubernetes schema
# validator (npm).
# The tests start their own throwaway PostgreSQL and S3 servers from these binaries.
# Ends with one line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
TOOLS="$ROOT/.tools"

log() { printf '==> %s\n' "$*"; }

install_debian_packages() {
  local missing=()
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  command -v zstd >/dev/null || missing+=(zstd)
  [ -e /usr/lib/x86_64-linux-gnu/libzstd.so.1 ] || compgen -G "/usr/lib/*/libzstd.so.1" >/dev/null || missing+=(libzstd1)
  command -v node >/dev/null || missing+=(nodejs npm)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # A throwaway KDC for the Kerberos sidecar test of the crawler deployment.
  command -v krb5kdc >/dev/null || compgen -G "/usr/sbin/krb5kdc" >/dev/null || missing+=(krb5-kdc krb5-admin-server)
  command -v kinit >/dev/null || missing+=(krb5-user)
  command -v k5start >/dev/null || missing+=(kstart)
  command -v kubectl >/dev/null || { echo "kubectl is missing: the deployment tests render manifests with kubectl kustomize (it ships with this machine image)" >&2; }
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

install_npm_tools() {
  if [ ! -f "$TOOLS/node_modules/s3rver/package.json" ] || [ ! -f "$TOOLS/node_modules/kubernetes-models/package.json" ]; then
    log "installing s3rver and the Kubernetes schema validator into $TOOLS"
    npm install --no-audit --no-fund --silent --prefix "$TOOLS" s3rver@3.7.1 kubernetes-models@5.1.0 js-yaml@4 >/dev/null
  fi
  # s3rver decodes x-amz-copy-source with decodeURI; CopyObject needs decodeURIComponent (see shared/DEPENDENCIES.md).
  sed -i 's/decodeURI(/decodeURIComponent(/g' "$TOOLS/node_modules/s3rver/lib/controllers/object.js"
}

install_debian_packages
install_npm_tools

log "building"
dotnet build Mastro.slnx -c Release -nologo -v quiet -warnaserror

log "testing the web UI's own logic (vitest)"
results=$(mktemp)
set +e
(cd web && npm install --no-save --no-audit --no-fund --silent && NO_COLOR=1 npx vitest run --reporter=default) 2>&1 | tee "$results"
web_status=${PIPESTATUS[0]}

log "testing"
rm -rf test-artifacts/reliability
dotnet test Mastro.slnx -c Release --no-build -nologo 2>&1 | tee -a "$results"
status=${PIPESTATUS[0]}
set -e
[ "$web_status" -eq 0 ] || status=$web_status

# The reliability tests write their figures (acknowledged vs present, 5xx counts, latencies) to files.
if compgen -G "test-artifacts/reliability/*.txt" >/dev/null; then
  log "reliability figures"
  for f in test-artifacts/reliability/*.txt; do printf -- '--- %s\n' "$(basename "$f" .txt)"; cat "$f"; done
fi

# dotnet test prints one summary line per test assembly and vitest one "Tests  N passed | M failed" line;
# CI wants one total line.
awk '
  /^[[:space:]]*Tests[[:space:]]+[0-9]/ {
    for (i = 1; i <= NF; i++) {
      if ($(i + 1) ~ /^passed/) passed += $i
      if ($(i + 1) ~ /^failed/) failed += $i
      if ($(i + 1) ~ /^skipped/) skipped += $i
    }
  }
  /^(Passed|Failed)!/ {
    for (i = 1; i <= NF; i++) {
      gsub(",", "", $(i + 1))
      if ($i == "Failed:") failed += $(i + 1)
      if ($i == "Passed:") passed += $(i + 1)
      if ($i == "Skipped:") skipped += $(i + 1)
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }
' <(sed 's/\x1b\[[0-9;]*m//g' "$results")
rm -f "$results"
exit "$status"
