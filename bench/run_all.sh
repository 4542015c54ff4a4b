#!/usr/bin/env bash
# Smoke-test the benchmarks at small sizes (1–3 minutes): every script runs on every
# engine that answers (servers that do not are skipped), once with tables and once with --json.
# Exits non-zero only when a benchmark crashes (or prints something that is not JSON under
# --json); a slow ratio is never a failure here. Figures at these sizes mean nothing.
#
#   bench/run_all.sh                       # all engines
#   BENCH_ENGINES=sqlite bench/run_all.sh  # only SQLite
#   PYTHON=.venv/bin/python bench/run_all.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${PYTHON:-python}"
if ! command -v "$python" >/dev/null 2>&1; then
    python="$here/../.venv/bin/python"
fi
engines="${BENCH_ENGINES:-all}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

run() {
    echo "+ $*" >&2
    "$python" "$@"
}

run "$here/bench_register.py" --engine "$engines" --n 60 --rounds 2
run "$here/bench_register.py" --engine sqlite --n 20 --rounds 2 --json >"$tmp/register.json"
"$python" -m json.tool "$tmp/register.json" >/dev/null

small=(--offices 4 --closed 300,1200 --open-per-office 15 --per-year 150 --chain-depth 3 --repeat 2)
run "$here/bench_status.py" --engine "$engines" "${small[@]}"
run "$here/bench_status.py" --engine sqlite "${small[@]}" --json >"$tmp/status.json"
"$python" -m json.tool "$tmp/status.json" >/dev/null

run "$here/bench_import.py" --engine "$engines" --n 24 --rounds 1
run "$here/bench_import.py" --engine sqlite --n 12 --rounds 1 --json --check >"$tmp/import.json"
"$python" -m json.tool "$tmp/import.json" >/dev/null

search=(--docs 600 --offices 3 --queries 5)
run "$here/bench_search.py" --engine "$engines" "${search[@]}"
run "$here/bench_search.py" --engine "$engines" "${search[@]}" --incoming 0.6 --direction in
run "$here/bench_search.py" --engine sqlite "${search[@]}" --direction out --json >"$tmp/search.json"
"$python" -m json.tool "$tmp/search.json" >/dev/null

run "$here/bench_list.py" --engine "$engines" --docs 600 --offices 3 --calls 20 --warmup 5
run "$here/bench_list.py" --engine sqlite --docs 600 --offices 3 --calls 20 --warmup 5 --json >"$tmp/list.json"
"$python" -m json.tool "$tmp/list.json" >/dev/null

web=(--users 6 --docs 60 --rounds 1 --iterations 1 --direct 3 --think 20)
run "$here/bench_web.py" --engine "$engines" "${web[@]}"
run "$here/bench_web.py" --engine sqlite "${web[@]}" --json --check >"$tmp/web.json"
"$python" -m json.tool "$tmp/web.json" >/dev/null

echo "benchmarks ran" >&2
