#!/usr/bin/env bash
# The app host's "dashboard-build" resource: installs the dashboard's packages when they are missing or older than
# the lock file, and builds it (dashboard/dist, which Query serves) when the build is missing or older than a source.
# A failed build leaves the system usable: the line below says why, and Query's / says how to build it.
# Usage: build-dashboard.sh DASHBOARD_FOLDER
set -uo pipefail
# One build at a time per checkout (two app hosts may start together, as the system tests do): the rest wait under a lock
# on the dashboard folder, then find the build up to date. flock -o keeps the lock out of npm's and vite's processes.
if [ -z "${DASHBOARD_BUILD_LOCKED:-}" ] && command -v flock >/dev/null; then
    DASHBOARD_BUILD_LOCKED=1 exec flock -o "$1" bash "$0" "$@"
fi
cd "$1" || exit 1
if ! command -v npm >/dev/null; then
    echo "npm is not installed, so the dashboard is not built: install Node.js 20 and npm (apt-get install nodejs npm)."
    exit 0
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund || { echo "npm ci failed, so the dashboard is not built (is the npm registry reachable?)."; exit 0; }
fi
if [ -f dist/index.html ] && [ -z "$(find src index.html package.json package-lock.json vite.config.ts tsconfig.json -newer dist/index.html 2>/dev/null | head -n 1)" ]; then
    echo "dashboard/dist is up to date."
    exit 0
fi
npm run build || echo "The dashboard build failed (above); Query serves the last build, if any."
exit 0
