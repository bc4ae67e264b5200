#!/bin/sh
# The adaptation protocol of issue 28 on dev: for each dev site with at least 8 pages, adapt the
# model to 3 of its pages (their gold labels) and score the site's other pages and every other
# dev page, before and after. Prints one row per site and the averages.
#
#     training/adapt-eval.sh [MODEL [SETTINGS.toml]]
#
# MODEL defaults to models/default.chaff; SETTINGS to the built-in adaptation settings.
set -eu
cd "$(dirname "$0")/.."
model=${1:-models/default.chaff}
dev=${DEV:-../shared/data/dev}
set -- --from "$model" --adapt-protocol "$dev" ${2:+--adapt-settings "$2"}
cargo run --quiet --release --features train --bin chaff-train -- "$@"
