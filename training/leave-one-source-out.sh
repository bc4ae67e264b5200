#!/usr/bin/env bash
# Leave-one-source-out: how much spam of a kind nobody trained on a model removes (issue 24).
# For every gambling and marketplace source of the training data (the sources of its
# per-page spam: gambling or marketplace lines marked "weak") and every generated source
# (synthetic_gambling_en, _unseen, _languages and synthetic_marketplace: src/train/),
# train a light model without that source
# (exclude_sources), splice that source's lines of the TRAIN data (unseen by that model) into
# the DEV news pages (chaff eval --spliced --spam), and report the share of them removed and
# the news pages' character F1 with them in.
#
#   training/leave-one-source-out.sh [SOURCE...]   (default: every spam source of the data)
#
# Environment:
#   LOSO_DATA    the data folder holding train/ and dev/        (default ../shared/data)
#   LOSO_OUT     models, configs, logs and the table             (default target/loso)
#   LOSO_LIGHT   divide training/config.toml's per-label caps by this: 1 trains the shipped
#                caps (10 minutes of both cores a source), 4 (default) about a quarter of that
#   LOSO_SPLICE  where the gambling lines go: above, inside or together (default above)
#   LOSO_CONFIG  the config the light ones are made from         (default training/config.toml)
#
# Prints one TSV row per source and label (source, label, lines spliced, share removed, news
# pages' char F1), then the mean and lowest share removed per label; the same goes to
# $LOSO_OUT/loso.tsv. Needs jq.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${LOSO_DATA:-../shared/data}
out=${LOSO_OUT:-target/loso}
light=${LOSO_LIGHT:-4}
splice=${LOSO_SPLICE:-above}
base=${LOSO_CONFIG:-training/config.toml}

die() {
  echo "leave-one-source-out: $*" >&2
  exit 2
}
command -v jq >/dev/null || die "needs jq (to read the data's sources and chaff eval --json)"
[ -d "$data/train" ] && [ -d "$data/dev" ] || die "no train/ and dev/ folders in $data (set LOSO_DATA)"
[ -f "$base" ] || die "no config $base (set LOSO_CONFIG)"
[[ $light =~ ^[1-9][0-9]*$ ]] || die "LOSO_LIGHT must be a whole number from 1, not '$light'"
mkdir -p "$out"

cargo build --release --features train --bin chaff-train --bin chaff >&2
bin=target/release

# The spam sources: per-page spam as `chaff eval --spliced` takes it (chaff::eval::per_page_spam).
sources_file="$out/sources.tsv"
for f in "$data"/train/*.jsonl "$data"/train/*.jsonl.gz; do
  [ -e "$f" ] || continue
  gzip -cdf "$f"
done | jq -r 'select(.weak == true and (.label == "gambling" or .label == "marketplace"))
  | [(.source // "unknown"), .label] | @tsv' | sort | uniq -c |
  awk -v OFS='\t' '{ print $2, $3, $1 }' >"$sources_file"
[ -s "$sources_file" ] || die "no gambling or marketplace lines marked \"weak\" in $data/train"

# The light config: the per-label caps divided, no dev run, the train data of $data.
light_config() { # $1: the source to leave out, $2: the file to write
  awk -v light="$light" -v train="$data/train" -v source="$1" '
    /^dev *=/ { next }
    /^exclude_sources *=/ { next }
    /^train *=/ { printf "train = \"%s\"\n", train; next }
    /^stage[12]_per_label *=/ {
      match($0, /\[.*\]/)
      n = split(substr($0, RSTART + 1, RLENGTH - 2), caps, ",")
      line = substr($0, 1, RSTART)
      for (i = 1; i <= n; i++) line = line (i > 1 ? ", " : "") int(caps[i] / light)
      print line "]"
      next
    }
    { print }
    END { printf "exclude_sources = [\"%s\"]\n", source }
  ' "$base" >"$2"
}

# The generated lines, as the full config makes them (their sources are never in the data).
synthetic="$out/synthetic.jsonl"
"$bin/chaff-train" --config "$base" --write-synthetic "$synthetic" 2>/dev/null ||
  die "$base generates no lines (every synthetic_* setting is 0?)"
jq -r '[.source, .label] | @tsv' "$synthetic" | sort | uniq -c |
  awk -v OFS='\t' '{ print $2, $3, $1 }' >>"$sources_file"

if [ $# -gt 0 ]; then
  for s in "$@"; do
    cut -f1 "$sources_file" | grep -qxF "$s" ||
      die "no spam source '$s' (the sources: $(cut -f1 "$sources_file" | sort -u | paste -sd' ' -))"
  done
  sources=("$@")
else
  mapfile -t sources < <(cut -f1 "$sources_file" | sort -u)
fi

table="$out/loso.tsv"
printf 'source\tlabel\tlines\tremoved\tnews_pages_char_f1\n' >"$table"
printf 'source\tlabel\tlines\tremoved\tnews_pages_char_f1\n'
for source in "${sources[@]}"; do
  config="$out/config-$source.toml"
  model="$out/without-$source.chaff"
  light_config "$source" "$config"
  echo "leave-one-source-out: training without $source ($config)" >&2
  "$bin/chaff-train" --config "$config" --out "$model" 2>"$out/train-$source.log" ||
    die "training without $source failed: see $out/train-$source.log"
  case $source in synthetic_*) spam=$synthetic ;; *) spam=$data/train ;; esac
  json="$out/eval-$source.json"
  "$bin/chaff" eval --model "$model" --data "$data/dev" --spliced "$splice" --spam "$spam" \
    --spam-source "$source" --json "$json" --resamples 0 --worst 0 \
    >"$out/eval-$source.txt" 2>"$out/eval-$source.log" ||
    die "measuring without $source failed: see $out/eval-$source.log"
  # The news pages hold no gambling or marketplace lines of their own: the rows of those
  # labels count the spliced lines alone.
  jq -r --arg source "$source" '
    .keep_view.news_pages.char.f1 as $f1
    | .kept_by_gold | to_entries[]
    | select((.key == "gambling" or .key == "marketplace") and .value.lines > 0)
    | [$source, .key, .value.lines, (1 - .value.kept / .value.lines), $f1]
    | @tsv' "$json" |
    awk -F'\t' -v OFS='\t' '{ printf "%s\t%s\t%d\t%.4f\t%.4f\n", $1, $2, $3, $4, $5 }' |
    tee -a "$table"
done
awk -F'\t' 'NR > 1 {
  n[$2]++; s[$2] += $4; if (!($2 in lo) || $4 < lo[$2]) { lo[$2] = $4; worst[$2] = $1 }
} END {
  for (l in n) printf "mean\t%s\t%d sources\t%.4f\tlowest %.4f (%s)\n", l, n[l], s[l] / n[l], lo[l], worst[l]
}' "$table" | sort | tee -a "$table"
