#!/usr/bin/env bash
# bench/run.sh measures annals at 10k and 100k generated notes and prints
# one markdown table, with peers measured in the same run on the same notes:
# ripgrep over the files, SQLite FTS5 (bench/fts5), and Hugo rendering the
# notes (bench/hugosite) beside "annals build" when that command exists.
#
#   bench/run.sh                 # 10k and 100k notes
#   SIZES="10000" bench/run.sh   # only 10k
#
# Corpora and indexed data are kept in $ANNALS_BENCH_DIR (default
# /tmp/annals-bench) and reused by the next run. BENCHTIME sets how long each
# search and page benchmark runs (default 2s); STEP_TIMEOUT bounds each step
# (default 900 s); "annals build" is not tried at the next size once it took
# over BUILD_BUDGET seconds (default 300). Progress goes to stderr, the
# table to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"10000 100000"}
DIR=${ANNALS_BENCH_DIR:-/tmp/annals-bench}
BENCHTIME=${BENCHTIME:-2s}
STEP_TIMEOUT=${STEP_TIMEOUT:-900}
BUILD_BUDGET=${BUILD_BUDGET:-300}
skip_build=""
mkdir -p "$DIR/bin" "$DIR/log"
export ANNALS_BENCH_DIR=$DIR

say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# Tools the peers need, from Debian packages.
missing=()
command -v rg >/dev/null || missing+=(ripgrep)
command -v hugo >/dev/null || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
command -v bc >/dev/null || missing+=(bc)
if [ ${#missing[@]} -gt 0 ]; then
	say "installing ${missing[*]}"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}" >&2 || {
		echo "bench/run.sh: cannot install ${missing[*]}; install them (apt-get install ${missing[*]}) and run again" >&2
		exit 1
	}
fi

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
say "building annals and the peers"
go build -o "$DIR/bin/annals" ./cmd/annals
go build -o "$DIR/bin/fts5" ./bench/fts5
go build -o "$DIR/bin/hugosite" ./bench/hugosite
go build -o "$DIR/bin/gen" ./internal/corpus/gen
has_build=false
if "$DIR/bin/annals" build --help >/dev/null 2>&1; then has_build=true; fi

declare -A R # results, keyed "what/size"

# now prints the time in seconds with nanoseconds.
now() { date +%s.%N; }
# secs START prints the seconds since START.
secs() { echo "$(now) - $1" | bc -l; }
# median of the numbers on stdin.
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# metric FILE NAME UNIT prints the value before UNIT on the benchmark line NAME.
metric() {
	awk -v name="$2" -v unit="$3" '$1 ~ "^Benchmark" name "-[0-9]+$" {for (i = 2; i <= NF; i++) if ($i == unit) print $(i-1)}' "$1" | head -1
}
# gotest LOG PKG PATTERN BENCHTIME runs benchmarks, timeboxed, into LOG.
gotest() {
	timeout "$STEP_TIMEOUT" go test -run '^$' -bench "$3" -benchtime "$4" -benchmem "$2" >"$1" 2>&1 ||
		say "benchmarks $3 in $2 failed or timed out: see $1"
}
# ms converts nanoseconds to milliseconds.
ms() { [ -n "$1" ] && echo "$1 / 1000000" | bc -l || echo ""; }

for n in $SIZES; do
	corpus=$DIR/corpus-$n
	if [ ! -e "$corpus/.complete" ]; then
		say "generating $n notes"
		rm -rf "$corpus"
		"$DIR/bin/gen" -n "$n" -o "$corpus" >&2
		touch "$corpus/.complete"
	fi
	R[mb/$n]=$(du -sb --apparent-size "$corpus" | awk '{printf "%.0f", $1 / 1e6}')

	say "$n: full index with annals index"
	data=$DIR/data-$n
	rm -rf "$data"
	t=$(now)
	if /usr/bin/time -v -o "$DIR/log/index-$n.time" timeout "$STEP_TIMEOUT" \
		"$DIR/bin/annals" index --content "$corpus" --data "$data" >"$DIR/log/index-$n.out" 2>&1; then
		R[index/$n]=$(secs "$t")
	else
		say "annals index failed or timed out: see $DIR/log/index-$n.out"
	fi
	R[rss/$n]=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$DIR/log/index-$n.time")
	R[cpu/$n]=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$DIR/log/index-$n.time")

	export ANNALS_BENCH_NOTES=$n
	say "$n: re-index benchmarks"
	gotest "$DIR/log/reindex-$n.txt" ./internal/index/ 'Reindex' 10x
	R[unchanged/$n]=$(ms "$(metric "$DIR/log/reindex-$n.txt" "Reindex/unchanged/notes=$n" ns/op)")
	R[onechanged/$n]=$(ms "$(metric "$DIR/log/reindex-$n.txt" "Reindex/one-changed/notes=$n" ns/op)")

	say "$n: search benchmarks"
	gotest "$DIR/log/search-$n.txt" ./internal/search/ 'Search' "$BENCHTIME"
	for q in common rare phrase filtered faceted browse-by-date; do
		R[p50-$q/$n]=$(metric "$DIR/log/search-$n.txt" "Search/$q/notes=$n" p50-ms)
		R[p99-$q/$n]=$(metric "$DIR/log/search-$n.txt" "Search/$q/notes=$n" p99-ms)
	done

	say "$n: page benchmarks"
	gotest "$DIR/log/pages-$n.txt" ./internal/web/ 'Pages' "$BENCHTIME"
	for p in timeline-200 timeline-all event search api-search; do
		R[rps-$p/$n]=$(metric "$DIR/log/pages-$n.txt" "Pages/$p/notes=$n" req/s)
		R[kib-$p/$n]=$(metric "$DIR/log/pages-$n.txt" "Pages/$p/notes=$n" KiB/page)
		R[first-$p/$n]=$(metric "$DIR/log/pages-$n.txt" "Pages/$p/notes=$n" first-ms)
	done
	unset ANNALS_BENCH_NOTES

	say "$n: ripgrep"
	for q in common:time rare:zorzorkagri "phrase:first time"; do
		name=${q%%:*} word=${q#*:}
		R[rg-$name/$n]=$(for _ in 1 2 3 4 5; do
			t=$(now)
			rg -i -w -l --no-messages -- "$word" "$corpus" >/dev/null || true
			echo "$(secs "$t") * 1000" | bc -l
		done | median)
	done

	say "$n: SQLite FTS5"
	timeout "$STEP_TIMEOUT" "$DIR/bin/fts5" -content "$corpus" -db "$DIR/fts5-$n.db" -duration "$BENCHTIME" >"$DIR/log/fts5-$n.txt" 2>&1 ||
		say "fts5 failed: see $DIR/log/fts5-$n.txt"
	R[fts-build/$n]=$(awk '$1 == "build_s" {print $2}' "$DIR/log/fts5-$n.txt")
	for q in common rare phrase filtered; do
		R[fts-$q/$n]=$(awk -v q="$q" '$1 == "query" && $2 == q {print $4}' "$DIR/log/fts5-$n.txt")
	done
	rm -f "$DIR/fts5-$n.db"*

	say "$n: Hugo"
	"$DIR/bin/hugosite" -content "$corpus" -o "$DIR/hugo-$n"
	rm -rf "$DIR/hugo-$n-out"
	t=$(now)
	if timeout "$STEP_TIMEOUT" hugo --source "$DIR/hugo-$n" --destination "$DIR/hugo-$n-out" --quiet >"$DIR/log/hugo-$n.txt" 2>&1; then
		R[hugo/$n]=$(secs "$t")
	else
		say "hugo failed or timed out: see $DIR/log/hugo-$n.txt"
	fi
	rm -rf "$DIR/hugo-$n-out"
	# A build that took more than BUILD_BUDGET seconds at one size is not
	# tried at the next, ten times larger.
	if $has_build && [ -z "$skip_build" ]; then
		say "$n: annals build"
		rm -rf "$DIR/build-$n"
		t=$(now)
		if timeout "$STEP_TIMEOUT" "$DIR/bin/annals" build --content "$corpus" --data "$data" -o "$DIR/build-$n" >"$DIR/log/build-$n.txt" 2>&1; then
			R[build/$n]=$(secs "$t")
			if (($(echo "${R[build/$n]} > $BUILD_BUDGET" | bc))); then skip_build="over ${BUILD_BUDGET} s at $n notes"; fi
		else
			say "annals build failed or timed out: see $DIR/log/build-$n.txt"
			R[build/$n]="not done (failed, or over $STEP_TIMEOUT s)"
			skip_build="failed or timed out at $n notes"
		fi
		rm -rf "$DIR/build-$n"
	elif $has_build; then
		say "$n: annals build not run: $skip_build"
		R[build/$n]="not run ($skip_build)"
	fi
done

say "parse benchmark"
gotest "$DIR/log/parse.txt" ./internal/note/ '^BenchmarkParse$' 2s
parse_us=$(echo "$(metric "$DIR/log/parse.txt" Parse ns/op) / 1000" | bc -l)

# num NUMBER DECIMALS prints a number, or "—" when there is none.
num() { if [ -n "$1" ]; then printf "%.${2}f" "$1"; else printf '—'; fi; }
# per A B prints A / B, or nothing when B is missing.
per() { if [ -n "$2" ]; then echo "$1 / $2" | bc -l; fi; }
# vs ANNALS PEER prints "annals/peer" as a ratio: below 1 means annals is faster.
vs() { if [ -n "$1" ] && [ -n "$2" ]; then printf '%.2f×' "$(echo "$1 / $2" | bc -l)"; else printf '—'; fi; }
# row LABEL TARGET COMMAND prints a table row; COMMAND prints the cell of
# the corpus size $n.
row() {
	local label=$1 target=$2 cmd=$3 line n
	line="| $label | $target |"
	for n in $SIZES; do line+=" $(eval "$cmd") |"; done
	echo "$line"
}

header="| measure | target (100k) |"
sep="|---|---|"
for n in $SIZES; do header+=" $((n / 1000))k notes |"; sep+="---|"; done
echo "$header"
echo "$sep"
row "corpus size" "≈ 150 MB" 'echo "${R[mb/$n]} MB"'
row "full index (\`annals index\`)" "≤ 20 s" 'echo "$(num "${R[index/$n]}" 1) s ($(num "$(per "$n" "${R[index/$n]}")" 0) notes/s), $(num "${R[cpu/$n]}" 1) CPU-s"'
row "peak RSS, full index" "≤ 1 GB" 'echo "${R[rss/$n]:-—} MB"'
row "re-index, nothing changed" "≤ 1 s" 'echo "$(num "${R[unchanged/$n]}" 1) ms"'
row "re-index, one note changed" "≤ 50 ms" 'echo "$(num "${R[onechanged/$n]}" 1) ms"'
for q in common rare phrase filtered faceted browse-by-date; do
	row "search p50 / p99, $q" "≤ 2 / 15 ms" 'echo "$(num "${R[p50-$q/$n]}" 2) / $(num "${R[p99-$q/$n]}" 2) ms"'
done
for p in timeline-200 event timeline-all search api-search; do
	target="—"
	case $p in timeline-200 | event) target="≥ 2,000 req/s" ;; esac
	row "page $p, 8 clients" "$target" 'echo "$(num "${R[rps-$p/$n]}" 0) req/s ($(num "${R[kib-$p/$n]}" 0) KiB; first render $(num "${R[first-$p/$n]}" 0) ms)"'
done
row "parse one note" "—" 'echo "$(num "$parse_us" 0) µs"'
for q in common rare phrase; do
	row "peer: ripgrep \`-i -w -l\` vs annals search p50, $q" "—" 'echo "$(num "${R[rg-$q/$n]}" 1) ms vs $(num "${R[p50-$q/$n]}" 2) ms: $(vs "${R[p50-$q/$n]}" "${R[rg-$q/$n]}")"'
done
row "peer: SQLite FTS5 build vs full index" "—" 'echo "$(num "${R[fts-build/$n]}" 1) s vs $(num "${R[index/$n]}" 1) s: $(vs "${R[index/$n]}" "${R[fts-build/$n]}")"'
for q in common rare phrase filtered; do
	row "peer: FTS5 query p50 vs annals, $q" "—" 'echo "$(num "${R[fts-$q/$n]}" 2) ms vs $(num "${R[p50-$q/$n]}" 2) ms: $(vs "${R[p50-$q/$n]}" "${R[fts-$q/$n]}")"'
done
if $has_build; then
	row "peer: Hugo vs \`annals build\`" "annals ≤ Hugo" 'if [[ ${R[build/$n]:-not run} == not* ]]; then echo "$(num "${R[hugo/$n]}" 1) s vs ${R[build/$n]:-not run}"; else echo "$(num "${R[hugo/$n]}" 1) s vs $(num "${R[build/$n]}" 1) s: $(vs "${R[build/$n]}" "${R[hugo/$n]}")"; fi'
else
	row "peer: Hugo (no \`annals build\` yet)" "—" 'echo "$(num "${R[hugo/$n]}" 1) s"'
fi
echo
echo "Ratios are annals ÷ peer: below 1× annals is faster. Logs: $DIR/log/."
echo "Machine: $(nproc) × $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/ {print $2}') GB; $(go version | cut -d' ' -f3);" \
	"load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
