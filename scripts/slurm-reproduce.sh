#!/usr/bin/env bash
# Fans `reproduce run --full` out over a SLURM job array, then merges the shards.
#
#   sbatch --array=1-8 scripts/slurm-reproduce.sh           # 8 shards, one per array task
#   sbatch --dependency=afterok:<array job id> scripts/slurm-reproduce.sh merge 8
#
# Each task writes its run cache to shards/<task>/.cache; `merge` combines them into Reports/
# and renders every table and figure. With GNU parallel on several hosts instead:
#   parallel -S host1,host2 'cd backprop && swift run -c release reproduce run --full --shard {}/4 --out shards/{}' ::: 1 2 3 4
#SBATCH --job-name=backprop-reproduce
#SBATCH --cpus-per-task=2
#SBATCH --time=02:00:00
set -euo pipefail
cd "${SLURM_SUBMIT_DIR:-$(dirname "$0")/..}"
export BACKPROP_DATA="${BACKPROP_DATA:-$PWD/../shared/data}"
swift build -c release --product reproduce
if [ "${1:-}" = "merge" ]; then
    count="${2:?give the number of shards}"
    folders=()
    for i in $(seq 1 "$count"); do folders+=("shards/$i"); done
    .build/release/reproduce merge "${folders[@]}" --full
else
    task="${SLURM_ARRAY_TASK_ID:?run under sbatch --array=1-N}"
    count="${SLURM_ARRAY_TASK_COUNT:?run under sbatch --array=1-N}"
    .build/release/reproduce run --full --shard "$task/$count" --out "shards/$task"
fi
