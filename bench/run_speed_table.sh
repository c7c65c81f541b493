#!/bin/sh
# The README's speed table in one command (issue 15): every interaction bench on the
# 100,000-student board, on SQLite, on PostgreSQL at 0 ms and at 5 ms of round trip.
#
#   bench/run_speed_table.sh [RESULTS_DIR]        (default bench/results)
#
# Builds the boards first if they are missing (SQLite /tmp/vitrail-bench-100k.db, PostgreSQL
# postgresql://127.0.0.1/vitrail_bench: a few minutes each). Each bench's output goes to
# RESULTS_DIR/<bench>-<sqlite|pg0|pg5>.txt. The load benchmark is separate (bench_load.py):
# it takes the machine for several minutes (as the superuser: bench_load.py; as fifty schools'
# secretaries through the row-level security: bench_load.py --as-secretaries).
set -u
cd "$(dirname "$0")"
PYTHON=${PYTHON:-../.venv/bin/python}
OUT=${1:-results}
mkdir -p "$OUT"
export QT_QPA_PLATFORM=offscreen

$PYTHON boards.py --db sqlite:////tmp/vitrail-bench-100k.db
$PYTHON boards.py

run() {  # run NAME SETTING ARGS...: one bench at one setting, its output kept
    name=$1 setting=$2
    shift 2
    echo "== $name $setting: $*"
    { date -u; echo "\$ python3 bench/$name.py $*"; $PYTHON "$name.py" "$@" 2>&1; } > "$OUT/$name-$setting.txt"
    tail -n 12 "$OUT/$name-$setting.txt"
}

for bench in bench_student_file bench_preview bench_first_click bench_save bench_search bench_accounts; do
    run $bench sqlite /tmp/vitrail-bench-100k.db
    run $bench pg0 --pg
    run $bench pg5 --pg --delay-ms 5
done
run bench_server_search pg0
run bench_server_search pg5 --delay-ms 5

# The same interactions as the people who use Vitrail: their logins read the board through the
# row-level security (boards.py set them up; the runs above are the server's superuser, which the
# policies let through). The board's administrator sees the whole board; the principal and the
# secretary, its largest school. Previews as other viewers need Direction, hence the principal.
person() {  # person LOGIN BENCH...: each bench as LOGIN, at 0 and 5 ms
    login=$1
    shift
    for bench in "$@"; do
        run $bench pg0-$login --db "postgresql://$login@127.0.0.1/vitrail_bench"
        run $bench pg5-$login --db "postgresql://$login@127.0.0.1/vitrail_bench" --delay-ms 5
    done
}
person bench_dg bench_student_file bench_preview bench_save bench_search bench_accounts
person bench_secretaire bench_student_file bench_save bench_search bench_accounts
person bench_direction bench_preview
