#!/usr/bin/env bash
# Train training/config.toml with several seeds, one after another, and report for each model its
# dev figures and whether the whole test suite passes with it embedded, then their mean and range.
# Nothing is chosen here: the shipped model is the config's own seed, and models/default.chaff is
# put back as it was when the script ends.
#
#   training/seeds.sh [SEED...]     (default: the config's seed and the four after it)
#
# Models, logs and the table go to target/seeds/ (SEEDS_OUT to change it).
set -euo pipefail
cd "$(dirname "$0")/.."
config=training/config.toml
out=${SEEDS_OUT:-target/seeds}
mkdir -p "$out"
first=$(sed -n 's/^seed = \([0-9][0-9]*\)$/\1/p' "$config")
if [ -z "$first" ]; then
  echo "seeds: no 'seed = N' line in $config" >&2
  exit 2
fi
if [ $# -gt 0 ]; then seeds=("$@"); else seeds=($(seq "$first" $((first + 4)))); fi
cp models/default.chaff "$out/shipped.chaff"
trap 'cp "$out/shipped.chaff" models/default.chaff' EXIT
cargo build --release --features train --bin chaff-train
table="$out/seeds.tsv"
printf 'seed\tnews_pages_char_f1\tnews_pages_line_f1\tminutes\ttests\n' >"$table"
for seed in "${seeds[@]}"; do
  sed "s/^seed = [0-9][0-9]*$/seed = $seed/" "$config" >"$out/config-$seed.toml"
  echo "seeds: training seed $seed" >&2
  start=$(date +%s)
  target/release/chaff-train --config "$out/config-$seed.toml" --out "$out/seed-$seed.chaff" \
    2>"$out/train-$seed.log"
  minutes=$(( ($(date +%s) - start + 30) / 60 ))
  cp "$out/seed-$seed.chaff" models/default.chaff
  # --no-fail-fast: every failing test is listed, not only the first failing binary's.
  if cargo test --release --all-features --no-fail-fast >"$out/test-$seed.log" 2>&1; then
    tests=pass
  else
    tests="fail: $(grep -E '^test .* FAILED$' "$out/test-$seed.log" | sed 's/^test //; s/ \.\.\. FAILED$//' | paste -sd, -)"
  fi
  score() { sed -n "s/^dev $1\t//p" "$out/train-$seed.log"; }
  printf '%s\t%s\t%s\t%s\t%s\n' "$seed" "$(score news_pages_char_f1)" "$(score news_pages_line_f1)" \
    "$minutes" "$tests" | tee -a "$table"
done
awk -F'\t' 'NR > 1 {
  for (c = 2; c <= 3; c++) { v = $c + 0; s[c] += v; if (n == 0 || v < lo[c]) lo[c] = v; if (n == 0 || v > hi[c]) hi[c] = v }
  n++
} END {
  if (n) printf "mean over %d seeds: char F1 %.4f (%.4f-%.4f, span %.4f), line F1 %.4f (%.4f-%.4f)\n",
    n, s[2] / n, lo[2], hi[2], hi[2] - lo[2], s[3] / n, lo[3], hi[3]
}' "$table" | tee -a "$table"
