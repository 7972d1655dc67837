# Shell functions shared by the benchmark scripts (sourced, not run on its own).

# wait for every background process given; stops the calling script (set -e) if any failed
wait_all() {
  local pid
  for pid in "$@"; do wait "$pid"; done
}

# one test run on the textures: brick, grass and gravel side by side, one process each
# with $THREADS torch threads (default 4), combined by combine.py into NAME; the other
# arguments go to run.py (--detector first)
# usage: textures_side_by_side NAME --detector DETECTOR [run.py arguments ...]
textures_side_by_side() {
  local name=$1 pids=() texture
  shift
  for texture in brick grass gravel; do
    OMP_NUM_THREADS=${THREADS:-4} python benchmarks/run.py --protocol textures "$@" \
      --classes "$texture" --name "${name}_$texture" &
    pids+=($!)
  done
  wait_all "${pids[@]}"
  python benchmarks/combine.py --name "$name" \
    benchmarks/results/textures/"$name"_{brick,grass,gravel}.json
}
