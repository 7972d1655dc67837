# Shell functions shared by the benchmark scripts (sourced, not run on its own).

# wait for every background process given; stops the calling script (set -e) if any failed
wait_all() {
  local pid
  for pid in "$@"; do wait "$pid"; done
}

# one test run with the given groups of classes side by side, one process per group
# (groups separated by commas, e.g. "0 1 2 3 4, 5 6 7 8 9"; "brick, grass, gravel" is
# one class each) with $THREADS torch threads (default 4), combined by combine.py into
# NAME; each part is named after its group's first class; the other arguments go to
# run.py (--detector first)
# usage: classes_side_by_side PROTOCOL NAME "GROUP, ..." --detector DETECTOR [run.py arguments ...]
classes_side_by_side() {
  local protocol=$1 name=$2 pids=() parts=() groups=() group first
  IFS=, read -r -a groups <<< "$3"
  shift 3
  for group in "${groups[@]}"; do
    read -r first _ <<< "$group"
    # shellcheck disable=SC2086  # a group's classes are separate arguments
    OMP_NUM_THREADS=${THREADS:-4} python benchmarks/run.py --protocol "$protocol" "$@" \
      --classes $group --name "${name}_$first" &
    pids+=($!)
    parts+=("benchmarks/results/$protocol/${name}_$first.json")
  done
  wait_all "${pids[@]}"
  python benchmarks/combine.py --name "$name" "${parts[@]}"
}

# one --validate-only comparison with its validation classes side by side, one process
# of one torch thread per class (each part named NAME_CLASS), joined by combine.py into
# NAME once every class of the comparison has its part (CLASSES may run some of them
# now and the rest later); the other arguments go to run.py (--detector first)
# usage: [CLASSES="2 5"] validation_side_by_side PROTOCOL NAME "CLASS ..." --detector DETECTOR [run.py arguments ...]
validation_side_by_side() {
  local protocol=$1 name=$2 all=$3 pids=() parts=() class
  shift 3
  for class in ${CLASSES:-$all}; do
    OMP_NUM_THREADS=1 python benchmarks/run.py --protocol "$protocol" "$@" --validate-only \
      --select-classes "$class" --name "${name}_$class" &
    pids+=($!)
  done
  wait_all "${pids[@]}"
  for class in $all; do parts+=("benchmarks/results/$protocol/${name}_$class.json"); done
  if ls "${parts[@]}" > /dev/null 2>&1; then
    python benchmarks/combine.py --name "$name" "${parts[@]}"
  fi
}

# record_on_four_classes DETECTOR NAME GRID NOTE: DETECTOR's Fashion-MNIST record
# (benchmarks/results/fashion_mnist/DETECTOR.json) with GRID compared on validation
# classes 2, 5, 6, 8 (validation_side_by_side), NOTE as its selection note
record_on_four_classes() {
  validation_side_by_side fashion_mnist "$2" "2 5 6 8" --detector "$1" \
    --params-from "benchmarks/results/fashion_mnist/$1.json" \
    --select "$3" --selection-note "$4"
}

# record_variant_on_test PROTOCOL DETECTOR NAME NOTE [run.py arguments ...]: DETECTOR's
# record on PROTOCOL (benchmarks/results/PROTOCOL/DETECTOR.json) changed by the other
# arguments (--param ...), its ten test classes in the groups of CLASS_GROUPS (default
# two processes; on a GPU "0, 1, 2, 3, 4, 5, 6, 7, 8, 9", one per class) of one torch
# thread (classes_side_by_side), NOTE as its selection note
record_variant_on_test() {
  local protocol=$1 detector=$2 name=$3 note=$4
  shift 4
  THREADS=1 classes_side_by_side "$protocol" "$name" "${CLASS_GROUPS:-0 1 2 3 4, 5 6 7 8 9}" \
    --detector "$detector" --params-from "benchmarks/results/$protocol/$detector.json" \
    "$@" --selection-note "$note"
}

# the same on the textures: brick, grass and gravel side by side
# usage: textures_side_by_side NAME --detector DETECTOR [run.py arguments ...]
textures_side_by_side() {
  local name=$1
  shift
  classes_side_by_side textures "$name" "brick, grass, gravel" "$@"
}

# record_on_texture_validation DETECTOR NAME GRID NOTE: DETECTOR's textures record
# (benchmarks/results/textures/DETECTOR.json) with GRID compared on the three textures'
# validation tasks (validation_side_by_side), NOTE as its selection note
record_on_texture_validation() {
  validation_side_by_side textures "$2" "brick grass gravel" --detector "$1" \
    --params-from "benchmarks/results/textures/$1.json" \
    --select "$3" --selection-note "$4"
}
