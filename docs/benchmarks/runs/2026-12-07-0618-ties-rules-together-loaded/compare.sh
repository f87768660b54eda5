#!/bin/bash
# usage (from the repository root): docs/benchmarks/runs/2026-12-07-0618-ties-rules-together-loaded/compare.sh BIN OUTDIR
# together on the embedded schedule and ../shared/data exports, 2/3/5 friends, table and JSON,
# each run in a fresh HOME; compare two builds' OUTDIRs with cmp.
BIN=$1; OUT=$2; mkdir -p $OUT
R=.
P=$R/profiles; F=$P/fosdem-2025
run() { # name args...
  local name=$1; shift
  local H=$(mktemp -d)
  for fmt in table json; do
    HOME=$H XDG_CACHE_HOME=$H/c XDG_CONFIG_HOME=$H/cf XDG_DATA_HOME=$H/d NO_COLOR=1 timeout 300 nice $BIN "$@" --format $fmt > $OUT/$name.$fmt.out 2> $OUT/$name.$fmt.err; echo $? > $OUT/$name.$fmt.rc
  done
  rm -rf $H
}
run emb2 together $P/alice.ron $P/bob.ron
run emb3 together $P/alice.ron $P/bob.ron $P/carol.ron
run emb5 together $P/alice.ron $P/bob.ron $P/carol.ron $P/dave.ron $F/pat.ron
for s in fosdem-2025-schedule.xml 33c3-schedule.json democon-2022-pretalx-schedule.json 38c3-hub-schedule2-example.json lca2020-schedule.ics jres2022-schedule.ics; do
  S=../shared/data/$s
  run $s.2 --schedule $S together $F/pat.ron $F/quinn.ron
  run $s.3 --schedule $S together $F/pat.ron $F/quinn.ron $F/sam.ron
  run $s.5 --schedule $S together $F/pat.ron $F/quinn.ron $F/sam.ron $F/tess.ron $F/rosa.ron
done
G=docs/benchmarks/runs/2026-12-07-0618-ties-rules-together-loaded
for s in 33c3-schedule.json democon-2022-pretalx-schedule.json 38c3-hub-schedule2-example.json lca2020-schedule.ics jres2022-schedule.ics fosdem-2025-schedule.xml; do
  S=../shared/data/$s
  run $s.g2 --schedule $S together $G/g1.ron $G/g2.ron
  run $s.g2same --schedule $S together $G/g1.ron $G/g6.ron
  run $s.g3 --schedule $S together $G/g1.ron $G/g2.ron $G/g3.ron
  run $s.g5 --schedule $S together $G/g1.ron $G/g2.ron $G/g3.ron $G/g4.ron $G/g5.ron
done
run emb.g2 together $G/g1.ron $G/g2.ron
run emb.g2same together $G/g1.ron $G/g6.ron
