#!/usr/bin/env bash
# The published specs, checked without a running hub (run by `./hub.sh test` after `dotnet test`):
#  1. Spectral (pinned in specs-js/package.json) lints the open interface spec specs/api/openapi.json with the
#     committed ruleset specs/api/.spectral.yaml; any warning fails. Fix findings in the code (summaries,
#     descriptions, responses), then regenerate the document with ./hub.sh openapi.
#  2. specs-js/check.mjs (Ajv, JSON Schema 2020-12) compiles every schema under specs/, checks the code lists and
#     validates every JSON example: example files, counter-examples (which must fail) and ```json blocks in markdown.
# That the committed document equals what the code generates is OpenApiDocumentTests' job (dotnet test).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
say() { printf '\033[1;34m[specs]\033[0m %s\n' "$*"; }
fail() { printf '\033[1;31m[specs] FAIL\033[0m %s\n' "$*" >&2; exit 1; }

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then fail "Node.js 20+ and npm are needed for this check"; fi
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || fail "Node.js 20+ is needed (Spectral 6); found $(node --version)"

LOG=$(mktemp -t hub-specs-npm.XXXXXX)
trap 'rm -f "$LOG"' EXIT
(cd "$HERE/specs-js" && npm ci --no-audit --no-fund --loglevel=error --prefer-offline >"$LOG" 2>&1) \
  || { cat "$LOG" >&2; fail "npm ci in tests/checks/specs-js"; }

say "spectral lint specs/api/openapi.json"
"$HERE/specs-js/node_modules/.bin/spectral" lint "$ROOT/specs/api/openapi.json" --ruleset "$ROOT/specs/api/.spectral.yaml" \
  --fail-severity=warn --display-only-failures \
  || fail "specs/api/openapi.json has lint findings: fix them in the code (Api/Docs, endpoint summaries and descriptions), then ./hub.sh openapi"

say "schemas, code lists and JSON examples under specs/"
node "$HERE/specs-js/check.mjs" "$ROOT/specs" || fail "see the problems above"
