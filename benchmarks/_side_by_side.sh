# Shell functions shared by the benchmark scripts (sourced, not run on its own).

# wait for every background process given; stops the calling script (set -e) if any failed
wait_all() {
  local pid
  for pid in "$@"; do wait "$pid"; done
}

# one test run with the given classes side by side, one process each with $THREADS torch
# threads (default 4), combined by combine.py into NAME; the other arguments go to run.py
# (--detector first)
# usage: classes_side_by_side PROTOCOL NAME "CLASS ..." --detector DETECTOR [run.py arguments ...]
classes_side_by_side() {
  local protocol=$1 name=$2 pids=() parts=() classes=() class
  read -r -a classes <<< "$3"
  shift 3
  for class in "${classes[@]}"; do
    OMP_NUM_THREADS=${THREADS:-4} python benchmarks/run.py --protocol "$protocol" "$@" \
      --classes "$class" --name "${name}_$class" &
    pids+=($!)
    parts+=("benchmarks/results/$protocol/${name}_$class.json")
  done
  wait_all "${pids[@]}"
  python benchmarks/combine.py --name "$name" "${parts[@]}"
}

# the same on the textures: brick, grass and gravel side by side
# usage: textures_side_by_side NAME --detector DETECTOR [run.py arguments ...]
textures_side_by_side() {
  local name=$1
  shift
  classes_side_by_side textures "$name" "brick grass gravel" "$@"
}
