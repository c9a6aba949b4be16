#!/usr/bin/env bash
# Benchmarks the release build of replylint on synthetic corpora (Scripts/make-corpus.py) and
# compares it with ripgrep scanning the same file for the pack's phrase lists.
#
# Usage: Scripts/bench.sh [--sizes "10000 100000 1000000"] [--formats "jsonl csv xml"]
#                         [--jobs "1 2"] [--bin [LABEL=]PATH ...] [--no-build] [--repeat N]
#                         [--table FILE]
#
# Prints a Markdown table (also saved to bench-out/results.md or --table FILE): per format, size,
# build and --jobs: wall time, CPU time (user + system: the fair figure on a busy machine),
# records/s, MB/s, peak RSS, ripgrep's time and replylint's time as a multiple of it.
# `--bin` may be given several times (e.g. `--bin before=/tmp/old --bin after=.build/release/replylint`)
# to measure builds side by side on the same corpora, one right after the other.
# Formats the binary cannot read yet are skipped. Corpora are generated once into bench-out/
# (gitignored) and reused. Needs /usr/bin/time (package `time`) and rg (package `ripgrep`).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/bench-out"
sizes="10000 100000 1000000"
formats="jsonl csv xml"
jobs_list=""
bins=()
table="$out/results.md"
build=1
repeat=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --sizes) sizes="$2"; shift 2 ;;
        --formats) formats="$2"; shift 2 ;;
        --jobs) jobs_list="$2"; shift 2 ;;
        --bin) bins+=("$2"); shift 2 ;;
        --table) table="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --repeat) repeat="$2"; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

for tool in /usr/bin/time rg python3; do
    command -v "$tool" >/dev/null || { echo "bench.sh: $tool is missing (apt-get install -y time ripgrep python3)" >&2; exit 2; }
done
mkdir -p "$out"
if [[ $build == 1 ]]; then
    (cd "$root" && swift build -c release >&2)
fi
[[ ${#bins[@]} == 0 ]] && bins=("$root/.build/release/replylint")
for entry in "${bins[@]}"; do
    [[ -x "${entry#*=}" ]] || { echo "bench.sh: no binary at ${entry#*=}" >&2; exit 2; }
done
if [[ -z "$jobs_list" ]]; then
    jobs_list="1 $(nproc)"
    [[ "$jobs_list" == "1 1" ]] && jobs_list="1"
fi

# Every `phrases:` list of the built-in pack (flow `[a, b]` or block `- a` style), one per line.
phrases="$out/phrases.txt"
python3 - "$root/Rules/sgcc-95598.yml" > "$phrases" <<'PY'
import re, sys
seen, out, block = set(), [], None
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"^(\s*)(?:- )?phrases:\s*(.*)$", line)
    if m:
        rest = m.group(2).strip()
        if rest.startswith("["):
            items = [i.strip().strip("'\"") for i in rest.strip("[]").split(",")]
            out += items; block = None
        else:
            block = len(m.group(1))
        continue
    if block is not None:
        b = re.match(r"^(\s*)- (.*)$", line)
        if b and len(b.group(1)) >= block:
            out.append(b.group(2).strip().strip("'\"")); continue
        block = None
for p in out:
    if p and p not in seen:
        seen.add(p); print(p)
PY

# Seconds (with fraction) and peak RSS in MB of one command; stdout goes to $2.
measure() {
    local log="$out/time.log" dest="$1"; shift
    local t0 t1
    t0=$(date +%s.%N)
    /usr/bin/time -v -o "$log" "$@" > "$dest" 2>/dev/null || true
    t1=$(date +%s.%N)
    local rss user sys
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    user=$(awk -F': ' '/User time/ {print $2}' "$log")
    sys=$(awk -F': ' '/System time/ {print $2}' "$log")
    python3 -c "print('%.3f %.1f %.2f' % ($t1 - $t0, $rss / 1024, $user + $sys))"
}

best_of() {  # best wall time over $repeat runs, RSS of that run
    local best="" line
    for ((r = 0; r < repeat; r++)); do
        line=$(measure "$@")
        if [[ -z "$best" ]] || python3 -c "import sys; sys.exit(0 if ${line%% *} < ${best%% *} else 1)"; then best="$line"; fi
    done
    echo "$best"
}

{
    echo "| format | records | size MB | build | jobs | wall s | CPU s | records/s | MB/s | peak RSS MB | rg s | ratio to rg |"
    echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} > "$table"
cat "$table"

for format in $formats; do
    for size in $sizes; do
        corpus="$out/corpus-$size.$format"
        if [[ ! -s "$corpus" ]]; then
            echo "bench.sh: generating $corpus" >&2
            python3 "$root/Scripts/make-corpus.py" --count "$size" --format "$format" --output "$corpus"
        fi
        mb=$(python3 -c "import os; print('%.1f' % (os.path.getsize('$corpus') / 1e6))")
        cat "$corpus" > /dev/null  # warm the page cache so that both tools read from memory
        read -r rg_s _ <<< "$(best_of "$out/rg.out" rg -c -F -f "$phrases" "$corpus")"
        reference=""
        for entry in "${bins[@]}"; do
            bin="${entry#*=}"
            label="${entry%%=*}"
            [[ "$entry" == *=* ]] || label="$(basename "$bin")"
            for jobs in $jobs_list; do
                report="$out/report-$size.$format.$label.j$jobs.txt"
                read -r wall rss cpu <<< "$(best_of "$report" "$bin" check "$corpus" --format compact --now 2024-08-01 --jobs "$jobs")"
                # Output must not depend on --jobs, nor on the build.
                if [[ -z "$reference" ]]; then reference="$report"
                elif ! cmp -s "$reference" "$report"; then echo "bench.sh: OUTPUT DIFFERS from $reference ($report)" >&2; fi
                python3 - "$format" "$size" "$mb" "$label" "$jobs" "$wall" "$rss" "$rg_s" "$cpu" >> "$table" <<'PY'
import sys
fmt, n, mb, label, jobs, wall, rss, rg, cpu = sys.argv[1:]
n, mb, wall, rss, rg, cpu = int(n), float(mb), float(wall), float(rss), float(rg), float(cpu)
print(f"| {fmt} | {n:,} | {mb:.1f} | {label} | {jobs} | {wall:.2f} | {cpu:.2f} | {n / wall:,.0f} | {mb / wall:.1f} | {rss:.0f} | {rg:.3f} | {wall / rg:.1f}× |")
PY
                tail -n 1 "$table"
            done
        done
        rm -f "$out"/report-"$size".*
    done
done
echo >&2
echo "bench.sh: table saved to $table" >&2
