#!/usr/bin/env bash
# Installs the Debian packages vka needs to build, test and benchmark.
# Idempotent: installs only what is missing. Run as root (or via sudo).
set -euo pipefail

# Browser tests: playwright-core from npm into tests/browser/node_modules (the
# versions of package-lock.json). It drives /usr/bin/chromium; no browser is
# downloaded (never `npx playwright install`).
install_browser_test_modules() {
  local dir
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/browser"
  [[ -f "$dir/node_modules/playwright-core/package.json" ]] && return 0
  echo "install-deps: npm ci in tests/browser" >&2
  (cd "$dir" && npm ci --no-audit --no-fund)
}

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  clang libclang-rt-14-dev
  libsqlite3-dev sqlite3
  libicu-dev libssl-dev libsodium-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev libtomlplusplus-dev
  libmagic-dev libexiv2-dev libpoppler-cpp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libpango1.0-dev libcairo2-dev fonts-noto-core fonts-dejavu-core poppler-utils
  hyperfine time python3 python3-cryptography
  libcpp-httplib-dev wrk curl
  chromium nodejs  # browser tests (tests/browser): Debian's chromium, driven by playwright-core
)
command -v npm >/dev/null || packages+=(npm)  # nodejs from NodeSource already brings npm
apt-cache show python3-bagit >/dev/null 2>&1 && packages+=(python3-bagit)  # BagIt validator for tests/e2e/test_bag.py: Debian 13+ only (not in 12)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  install_browser_test_modules
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
install_browser_test_modules
