#!/bin/sh
# A time-boxed fuzzing campaign: each target in turn for SECONDS (default
# 60), on the nightly toolchain (cargo install cargo-fuzz). Seeds are copied
# into corpus/TARGET/ (not committed) from tests/fixtures/ and, when
# ../shared/reference/ is beside the checkout, from the conformance suites
# and the real models. Every crash, timeout or out-of-memory is written to
# artifacts/TARGET/; copy it to tests/fixtures/regressions/TARGET/ so that
# `cargo test -p tests --test regressions` replays it on stable.
#
#   fuzz/run.sh SECONDS [TARGET...]
#   RUNS=N fuzz/run.sh SECONDS [TARGET...]   # also stop after N executions
#   TIMEOUT=S ...   # seconds one input may take (default 10; more on a busy machine)
set -eu
cd "$(dirname "$0")"
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-"responses botocore_pipeline smithy_pipeline resources profile timestamp jmespath"}
root=..
reference=$root/../shared/reference

seed() {
    target=$1
    dir=corpus/$target
    mkdir -p "$dir"
    case $target in
    responses)
        cp "$root"/tests/fixtures/ec2/*.xml "$dir"/ ;;
    botocore_pipeline)
        if [ -d "$reference/conformance" ]; then
            python3 - "$reference/conformance" "$dir" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
for suite in ("ec2-input.json", "ec2-output.json", "query-input.json", "query-output.json"):
    path = os.path.join(src, suite)
    if not os.path.exists(path):
        continue
    for i, group in enumerate(json.load(open(path))):
        ops = {}
        for case in group.get("cases", []):
            op = dict(case["given"])
            ops[op["name"]] = op
        meta = dict(group["metadata"])
        meta.setdefault("apiVersion", "2020-01-01")
        meta.setdefault("endpointPrefix", "fuzz")
        meta.setdefault("serviceId", "Fuzz")
        model = {"version": "2.0", "metadata": meta, "operations": ops, "shapes": group["shapes"]}
        with open(os.path.join(out, f"{suite}-{i}.json"), "w") as f:
            json.dump(model, f)
PY
        fi ;;
    smithy_pipeline)
        cp "$root"/tests/fixtures/obstacles.json "$dir"/
        cp "$root"/model/*/service.json "$dir"/ 2>/dev/null || true ;;
    resources)
        cp "$root"/model/*/resources.json "$dir"/ 2>/dev/null || true ;;
    profile)
        printf '[default]\nregion = us-east-1\nmax_attempts = 3\n[profile x]\naws_access_key_id = A\naws_secret_access_key = B\n  s3 =\n    addressing_style = path\n' > "$dir"/seed ;;
    timestamp)
        printf '2014-04-29T18:30:38Z' > "$dir"/iso
        printf '2019-12-16T23:48:18.123+01:30' > "$dir"/offset
        printf 'Tue, 29 Apr 2014 18:30:38 GMT' > "$dir"/http
        printf '1398796238.123' > "$dir"/epoch ;;
    jmespath)
        printf 'Images[].State' > "$dir"/a
        printf "length(Images[?State == 'available']) > \`0\`" > "$dir"/b
        printf 'Reservations[].Instances[].State.Name | [0]' > "$dir"/c ;;
    esac
}

for target in $targets; do
    seed "$target"
    dict=""
    [ "$target" = responses ] && dict="-dict=xml.dict"
    [ "$target" = botocore_pipeline ] || [ "$target" = smithy_pipeline ] || [ "$target" = resources ] && dict="-dict=json.dict"
    mkdir -p artifacts/"$target" logs
    runs=""
    [ -n "${RUNS:-}" ] && runs="-runs=$RUNS"
    echo "== $target: $seconds s ${RUNS:+or $RUNS executions}"
    cargo +nightly fuzz run -O "$target" corpus/"$target" -- \
        -max_total_time="$seconds" -timeout="${TIMEOUT:-10}" -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 $dict $runs \
        -artifact_prefix=artifacts/"$target"/ 2>&1 | tee logs/"$target".log | grep -E '^(#[0-9]+ +(DONE|INITED)|stat::|==|SUMMARY|Test unit written)' || true
done
