#!/usr/bin/env bash
# Does starting from a pretrained .pdparams help? No real SSLD file is available offline, so this
# makes one: PP-LCNet x0.25 is pretrained on part A of Fashion-MNIST (the first PRETRAIN training
# images), exported with `pulc export --format pdparams`, and then fine-tuned on part B, a small
# disjoint set (PER_CLASS images per class from the second half of the training file), against
# the same run from scratch with the same settings and budget. Both are evaluated on 2,000 test
# images. A second pair does the same on a 5-class task made of part B's classes 5..9, where the
# file's 10-class fc does not fit and is re-initialised (PaddleClas's rule).
#
#   bench/finetune_experiment.sh [PRETRAIN] [PER_CLASS] [EPOCHS] [WORKDIR]
#   (PULC=path/to/pulc chooses the binary; default build/release, then build/dev)
set -euo pipefail
pretrain=${1:-20000}
per_class=${2:-50}
epochs=${3:-15}
work=${4:-/tmp/pulc-finetune}
here=$(cd "$(dirname "$0")" && pwd)
pulc=${PULC:-$here/../build/release/app/pulc}
[ -x "$pulc" ] || pulc=$here/../build/dev/app/pulc
data=/usr/share/datasets/fashion-mnist

rm -rf "$work"
mkdir -p "$work"

# Part B (and the test images) as PGM files in class folders, written with NumPy.
/usr/bin/python3 - "$data" "$work" "$per_class" <<'EOF'
import gzip, os, sys
import numpy as np
data, work, per_class = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = ["T-shirt_top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
         "Bag", "Ankle_boot"]
def idx(path, offset):
    with gzip.open(path) as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)
def write(folder, images, labels, picks):
    for i in picks:
        d = os.path.join(folder, names[labels[i]])
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "%05d.pgm" % i), "wb") as f:
            f.write(b"P5\n28 28\n255\n" + images[i].tobytes())
train_x = idx(data + "/train-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28)
train_y = idx(data + "/train-labels-idx1-ubyte.gz", 8)
test_x = idx(data + "/t10k-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28)
test_y = idx(data + "/t10k-labels-idx1-ubyte.gz", 8)
# Part B from the second half of the training file: disjoint from part A (the first images).
train, val = [], []
for c in range(10):
    ids = [i for i in range(30000, 60000) if train_y[i] == c]
    train += ids[:per_class]
    val += ids[per_class:per_class + 20]
write(work + "/partB/train", train_x, train_y, train)
write(work + "/partB/val", train_x, train_y, val)
write(work + "/partB/test", test_x, test_y, range(2000))
EOF

settings=(
  --model PPLCNet_x0_25
  --set input=64x64 --set train_size=64x64 --set resize_short=0
  --set geometry=rand_crop --set rand_crop_scale_min=0.8
  --set flip_prob=0.5 --set erasing_prob=0
  --set batch_size=64 --set lr=0.1 --set warmup_epochs=1
  --set label_smoothing=0 --set weight_decay=5e-5
  --set threads=2 --set loader_threads=2
)

last_run() { tail -n 1 "$1" | sed -n 's/.*"run":\([0-9]*\).*/\1/p'; }
test_top1() {
  "$pulc" eval --project "$1" --run "$2" --split test --json | sed -n 's/.*"main":\([0-9.]*\).*/\1/p'
}

echo "== part A: pretraining x0.25 on the first $pretrain training images"
"$pulc" demo "$work/A" --train "$pretrain" --test 0 --val 0.05 >/dev/null
start=$(date +%s)
"$pulc" train --project "$work/A" --json "${settings[@]}" --set epochs=5 --name pretrain \
  >"$work/A.jsonl"
echo "pretraining: $(( $(date +%s) - start )) s, val top-1 per epoch:" \
  "$(grep '"event":"epoch"' "$work/A.jsonl" |
     sed -n 's/.*"top1":\([0-9.]*\).*/\1/p' | tr '\n' ' ')"
"$pulc" export --project "$work/A" --run pretrain --format pdparams --out "$work/pretrained.pdparams" \
  >/dev/null
ls -l "$work/pretrained.pdparams" | awk '{print "exported " $NF ": " $5 " bytes"}'

# Project of part B with the given classes; returns nothing, fills $work/$1.
make_project() {
  local name=$1; shift
  "$pulc" project init "$work/$name" --task single >/dev/null
  for split in train val test; do
    local src="$work/$name-src/$split"
    mkdir -p "$src"
    for c in "$@"; do cp -r "$work/partB/$split/$c" "$src/$c"; done
    "$pulc" import "$src" --project "$work/$name" --format folders --split "$split" --copy >/dev/null
  done
}

compare() {
  local name=$1
  for how in scratch pretrained; do
    local extra=()
    [ "$how" = pretrained ] && extra=(--pretrained "$work/pretrained.pdparams")
    local begin=$(date +%s)
    "$pulc" train --project "$work/$name" --json "${settings[@]}" --set epochs="$epochs" \
      --name "$how" "${extra[@]}" >"$work/$name-$how.jsonl" 2>"$work/$name-$how.log"
    local secs=$(( $(date +%s) - begin ))
    local curve
    curve=$(grep '"event":"epoch"' "$work/$name-$how.jsonl" |
            sed -n 's/.*"top1":\([0-9.]*\).*/\1/p' | awk '{printf "%.3f ", $1}')
    printf '%-10s test top-1 %s  (%d s; val top-1 per epoch: %s)\n' "$how" \
      "$(test_top1 "$work/$name" "$how")" "$secs" "$curve"
    grep -h "re-initialised\|pretrained weights" "$work/$name-$how.log" "$work/$name-$how.jsonl" \
      2>/dev/null | head -2 | sed 's/^/           log: /' || true
  done
}

all=(T-shirt_top Trouser Pullover Dress Coat Sandal Shirt Sneaker Bag Ankle_boot)
echo "== part B, 10 classes, $per_class train images per class, $epochs epochs"
make_project B10 "${all[@]}"
compare B10
echo "== part B, 5 classes (Sandal, Shirt, Sneaker, Bag, Ankle_boot): fc re-initialised"
make_project B5 Sandal Shirt Sneaker Bag Ankle_boot
compare B5
