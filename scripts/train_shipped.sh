#!/usr/bin/env bash
# The recipe of the shipped models: four rate points of an N=64/M=96 mbt2018-mean
# QR codec (q4 widened to M=192 in round 5). Training accumulates over rounds
# (one per CPU session): each round continues every rate point from the
# previous round's soft-phase weights with a fresh cosine schedule, then redoes
# the two predictive phases (QR and no-QR decoders) on the new, frozen bitstream.
# Resumable: re-running skips finished runs and continues an interrupted one.
# PYTHON=echo prints the commands instead (the runs' Python: $PYTHON, default .venv/bin/python).
#   ROUNDS="19 20": which rounds to run (default: all, the list below). A round is shipped only
#   when `jobs/evaluate.py --baseline PREVIOUS/rd.parquet` shows it needs fewer bits.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
SHARDS='data/photos/train/*.tar'
CK=${CHECKPOINTS:-checkpoints}
ROUNDS=${ROUNDS:-$(seq -s " " 1 253)}  # every round, in order
[ -e data/photos/train ] || "$PY" jobs/prepare_photos.py
_train() {  # export_name checkpoint lambda soft_steps predictive_steps [init: checkpoint or model file [more options]]
  local export_name=$1 init=()
  shift
  case ${5:-} in
    '') ;;
    *.pt) init=(--init-from "$5" "${@:6}") ;;  # a model file
    *) init=(--init-from "$CK/$5/state.pt" "${@:6}") ;;
  esac
  "$PY" jobs/train.py --shards "$SHARDS" --checkpoint-dir "$CK/$1" --lmbda "$2" \
    --soft-steps "$3" --predictive-steps "$4" --val-images 'data/photos/val/*.png' "${init[@]}" \
    ${export_name:+--export "$export_name"}
}
run() { _train "qr-mbt2018-mean-${1##*-}" "$@"; }  # exported as the rate point its name ends with
train() { _train "" "$@"; }  # a trial: trained, not exported
continued() {  # name lambda soft_steps from predictive_steps predictive_lr seed [options of both runs]
  # The usual round since round 9: the soft phase continued from a checkpoint or model file (a
  # trial, NAME), then the three decoders trained on its frozen bitstream and exported (NAMEb)
  local name=$1 lmbda=$2 soft=$3 from=$4 predictive=$5 predictive_lr=$6 seed=$7
  shift 7
  train "$name" "$lmbda" "$soft" 0 "$from" --anneal-from 1 --lr 1e-4 --seed "$seed" "$@"
  decoders "${name%-*}b-${name##*-}" "$lmbda" "$predictive" "$name" "$predictive_lr" "$seed" "$@"
}
decoders() {  # name lambda predictive_steps from predictive_lr seed [options]
  # The three decoders trained on the frozen bitstream of checkpoint FROM, exported: the
  # synthesis alone, then a fresh rectifier's phase (600 steps), then rectifier and synthesis
  local name=$1 lmbda=$2 predictive=$3 from=$4 predictive_lr=$5 seed=$6
  shift 6
  run "$name" "$lmbda" 0 "$predictive" "$from" --anneal-from 1 --seed "$seed" \
    --fresh-rectifier --rectifier-steps 600 --rectifier-lr 3e-4 --predictive-lr "$predictive_lr" "$@"
}
refreshed() {  # name lambda soft_steps model_file seed [options of both runs]
  # The usual round since round 89: the soft phase continued from a shipped model file (a
  # trial, NAME), then that file's decoders continued on the new bitstream, 1,000 steps
  # each at the rates of fresh ones (NAMEb, exported; --decoders-from). Since round 97
  # each starts from whichever of the file's and the new soft synthesis decodes it better
  local name=$1 lmbda=$2 soft=$3 file=$4 seed=$5
  shift 5
  train "$name" "$lmbda" "$soft" 0 "$file" --anneal-from 1 --lr 1e-4 --seed "$seed" "$@"
  run "${name%-*}b-${name##*-}" "$lmbda" 0 1000 "$name" --anneal-from 1 --seed "$seed" \
    --decoders-from "$file" --rectifier-lr 3e-4 "$@"
}
offered() {  # name lambda soft_steps from model_file predictive_lr seed [options of both runs]
  # The usual round since round 111: the soft phase continued from checkpoint FROM (a trial,
  # NAME), then the decoders on its bitstream (NAMEb, exported), offered MODEL_FILE's: each
  # phase starts from whichever of the file's decoders and the new soft synthesis decodes it better
  local name=$1 lmbda=$2 soft=$3 from=$4 file=$5 predictive_lr=$6 seed=$7
  shift 7
  train "$name" "$lmbda" "$soft" 0 "$from" --anneal-from 1 --lr 1e-4 --seed "$seed" "$@"
  run "${name%-*}b-${name##*-}" "$lmbda" 0 1000 "$name" --anneal-from 1 --seed "$seed" \
    --decoders-from "$file" --rectifier-lr 3e-4 --predictive-lr "$predictive_lr" "$@"
}
continued_decoders() {  # name lambda from model_file seed [options]
  # The usual decoders-only round since round 162: MODEL_FILE's decoders continued on the frozen
  # bitstream of FROM (a checkpoint, or that file itself), 1,000 steps each, the rectifier at a
  # third of a fresh one's rate (NAME, exported)
  local name=$1 lmbda=$2 from=$3 file=$4 seed=$5
  shift 5
  run "$name" "$lmbda" 0 1000 "$from" --anneal-from 1 --seed "$seed" --decoders-from "$file" \
    --rectifier-lr 1e-4 --predictive-lr 3e-5 "$@"
}
offered_continued() {  # name lambda from model_file offered_seed seed [options]
  # After an `offered` round FROM (its decoders FROMb offered MODEL_FILE's, seed OFFERED_SEED):
  # that finished run exported again, as a model file, then its decoders continued (NAME)
  local name=$1 lmbda=$2 from=$3 file=$4 offered_seed=$5 seed=$6
  shift 6
  local exported=$CK/exported-${from%-*}
  run "${from%-*}b-${from##*-}" "$lmbda" 0 1000 "$from" --anneal-from 1 --seed "$offered_seed" \
    --decoders-from "$file" --rectifier-lr 3e-4 --predictive-lr 3e-5 "$@" --export-dir "$exported"
  continued_decoders "$name" "$lmbda" "$from" "$exported/qr-mbt2018-mean-${name##*-}.pt" \
    "$seed" "$@"
}
shipped_weights() {  # commit folder: the four model files as that commit shipped them, copied
  # aside once (a round that continues shipped files overwrites them when it exports)
  # Two lanes started together each copy into their own folder; the first rename wins
  if [ ! -e "$2" ]; then
    mkdir -p "$(dirname "$2")"
    local tmp
    tmp=$(mktemp -d "$2.tmp.XXXXXX")
    for q in 1 2 3 4; do git show "$1:codec/weights/qr-mbt2018-mean-q$q.pt" > "$tmp/q$q.pt"; done
    mv -T "$tmp" "$2" 2>/dev/null || rm -rf "$tmp"
  fi
}
for round in $ROUNDS; do
  case $round in
    1)  # session 2: q2 from scratch, the others warm-started from a neighbour
      run q2 0.0067 5000 400
      run q3 0.018 2000 400 q2
      run q1 0.0012 2000 400 q2
      run q4 0.090 2000 400 q3 ;;
    2)  # session 3: the high rates were furthest from converged; q4's λ raised
        # so that the top point reaches ~1 bpp. DSQ stays at its annealed
        # sharpness (docs/evaluation.md: re-annealing from α=2 looked worse)
      run r2-q4 0.16 3500 800 q4 --anneal-from 1
      run r2-q3 0.018 3000 800 q3 --anneal-from 1
      run r2-q1 0.0012 2000 800 q1 --anneal-from 1
      run r2-q2 0.0067 2500 800 q2 --anneal-from 1 ;;
    3)  # session 5, on a new machine without round 2's checkpoints: continues
        # the shipped round-2 weights (copied aside first, since exporting
        # overwrites them). q4's λ raised again: 0.16 reached 0.80 bpp
      R2=$CK/shipped-r2
      shipped_weights 04325d7 "$R2"
      run r3-q4 0.25 4500 1000 "$R2/q4.pt" --anneal-from 1
      run r3-q3 0.018 4000 1000 "$R2/q3.pt" --anneal-from 1
      run r3-q1 0.0012 2500 1000 "$R2/q1.pt" --anneal-from 1
      run r3-q2 0.0067 3000 1000 "$R2/q2.pt" --anneal-from 1 ;;
    4)  # session 6, again on a machine without the previous round's checkpoints:
        # continues the shipped round-3 weights (rectifiers included) at a gentler
        # learning rate, and with its own seed: other crops than the rounds before
      R3=$CK/shipped-r3
      shipped_weights 276cb66 "$R3"
      run r4-q4 0.25 3500 1000 "$R3/q4.pt" --anneal-from 1 --lr 1e-4  # seed 0, as in the rounds before (it ran before --seed was added)
      run r4-q3 0.018 6500 1000 "$R3/q3.pt" --anneal-from 1 --lr 1e-4 --seed 4
      run r4-q1 0.0012 4000 1000 "$R3/q1.pt" --anneal-from 1 --lr 1e-4 --seed 4
      run r4-q2 0.0067 5000 1000 "$R3/q2.pt" --anneal-from 1 --lr 1e-4 --seed 4
      # the session's remaining minutes, to the point furthest behind JPEG
      run r4b-q4 0.25 3000 500 r4-q4 --anneal-from 1 --lr 1e-4 --seed 5 ;;
    5)  # session 7, on the same machine as round 4: continues its checkpoints.
        # q4's latent is widened from 96 to 192 channels (codec/widen.py): at
        # M=96 even the unquantized latent decoded to only 32.9 dB. q1's QR
        # phase is longer (it was 0.006 dB short of +0.2 dB over soft)
      run r5-q3 0.018 5000 1000 r4-q3 --anneal-from 1 --lr 1e-4 --seed 6
      # (started as 8,000 soft steps; still improving fast at 5,500, so resumed
      # with the schedule stretched to 11,000, at the cost of q2's round 5:
      # q2 stays at round 4)
      run r5w-q4 0.25 11000 1000 r4b-q4 --anneal-from 1 --lr 1e-4 --seed 6 --M 192 --widen
      run r5-q1 0.0012 3000 1500 r4-q1 --anneal-from 1 --lr 1e-4 --seed 6
      # q3's and q4's QR phases spiked (batches at −10 dB and 24 dB) and ended
      # below their qr-off decoders: the predictive phases again, no soft
      # steps, the rectifier continued at a third of the rate
      run r5b-q3 0.018 0 1000 r5-q3 --anneal-from 1 --rectifier-lr 3e-4 --seed 7
      run r5wb-q4 0.25 0 1000 r5w-q4 --anneal-from 1 --rectifier-lr 3e-4 --seed 7 --M 192 ;;
    6)  # session 8, same machine: q4, furthest behind JPEG, then q2, which missed
        # round 5 and lies 0.75 dB below the line through q1 and q3, then q3;
        # rectifiers continue at 3e-4 from the start
      run r6-q4 0.25 8000 1000 r5wb-q4 --anneal-from 1 --lr 1e-4 --seed 8 --M 192 --rectifier-lr 3e-4
      run r6-q2 0.0067 5000 1000 r4-q2 --anneal-from 1 --lr 1e-4 --seed 8 --rectifier-lr 3e-4
      # q4's soft phase gained 0.5 dB and its continued rectifier ended below
      # qr-off (−0.007 dB): the predictive phases again with a fresh rectifier
      run r6b-q4 0.25 0 1000 r6-q4 --anneal-from 1 --seed 9 --M 192 --fresh-rectifier
      run r6-q3 0.018 3000 1000 r5b-q3 --anneal-from 1 --lr 1e-4 --seed 8 --rectifier-lr 3e-4 ;;
    7)  # session 9, on a new machine with a quarter of the training speed (AVX2,
        # no bf16). First a trial of the rectifier phase at q3 on round 6's
        # bitstream (no soft steps; the rectifier first learns to predict y,
        # then is continued jointly with the synthesis at 3e-4)
      R6=$CK/shipped-r6
      shipped_weights eab632e "$R6"
      train r7-q3 0.018 0 1000 "$R6/q3.pt" --anneal-from 1 --seed 10 --fresh-rectifier \
        --rectifier-steps 1000 --rectifier-lr 3e-4
      # q3's QR ended level with its qr-off (+0.006 dB, round 6 +0.018): a
      # trial, not exported; q3 stays at round 6 (docs/evaluation.md). The rest
      # of the session to q4's soft phase, as in round 6
      run r7-q4 0.25 1800 600 "$R6/q4.pt" --anneal-from 1 --lr 1e-4 --seed 10 --M 192 --fresh-rectifier ;;
    8)  # session 10, same slow machine: q4, still 2.3 dB behind JPEG at its rate,
        # continued; its fresh rectifiers moved the latent away from y (+20 %),
        # so this one first learns to predict y (the rectifier phase). Started
        # as 3,500 soft steps, resumed at step 600 with 3,000 to leave the
        # session time to evaluate
      run r8-q4 0.25 3000 600 r7-q4 --anneal-from 1 --lr 1e-4 --seed 11 --M 192 --fresh-rectifier \
        --rectifier-steps 600 --rectifier-lr 3e-4 ;;
    9)  # session 11, same slow machine: q4's soft phase continued (a trial run:
        # its predictive phases follow as their own run). Started as 2,500 soft
        # steps, paused for the q3 trial of a rectifier conditioned on the
        # hyperprior (docs/evaluation.md, round 9: run by hand, not shipped),
        # run with 1,800 from step 200 to 400, then resumed with 3,000
      continued r9-q4 0.25 3000 r8-q4 600 1e-4 12 --M 192 ;;
    10)  # session 12, same slow machine: q3, the default rate point and the one
        # the BD-rate against JPEG moves most with (+0.1 dB there: −1.1 %; at q4:
        # −0.15 %), last trained in round 6: its soft phase continued, then the
        # predictive phases with a rectifier phase, as q4 in rounds 8 and 9
      R6=$CK/shipped-r6
      shipped_weights eab632e "$R6"
      train r10-q3 0.018 3000 0 "$R6/q3.pt" --anneal-from 1 --lr 1e-4 --seed 13
      run r10b-q3 0.018 0 1000 r10-q3 --anneal-from 1 --seed 13 --fresh-rectifier \
        --rectifier-steps 600 --rectifier-lr 3e-4
      # then q2 (+0.1 dB there: −0.7 %), also last trained in round 6, for the
      # time the session had left: a trial, not exported (its qr curve needed
      # 0.5 % more bits than round 6's; 1,200 soft steps of a restarted cosine
      # schedule were too few)
      train r10-q2 0.0067 1200 600 "$R6/q2.pt" --anneal-from 1 --lr 1e-4 --seed 13 --fresh-rectifier \
        --rectifier-steps 400 --rectifier-lr 3e-4 ;;
    11)  # session 13, same slow machine: q2's soft phase continued from round 10's
        # trial for 3,000 more steps (4,200 since round 6), then the predictive
        # phases as q3's in round 10
      continued r11-q2 0.0067 3000 r10-q2 1000 1e-4 14 ;;
    12)  # session 14: q4, the one rate point where qr ended below qr-off
        # (−0.031 dB): its predictive phases redone on round 9's soft phase,
        # longer (1,000 / 600 / 1,000 steps, as q3's in round 10)
      run r12-q4 0.25 0 1000 r9-q4 --anneal-from 1 --seed 15 --M 192 --fresh-rectifier \
        --rectifier-steps 600 --rectifier-lr 3e-4 ;;
    13)  # session 15: q3 again (the rate point the BD-rate against JPEG moves
        # most with): its soft phase continued from round 10's for 2,000 steps,
        # then the predictive phases as in round 10
      continued r13-q3 0.018 2000 r10-q3 1000 1e-4 16 ;;
    14)  # session 16: q2 again (the rate point that moves the BD-rate against
        # JPEG most after q3): its soft phase continued from round 11's for
        # 2,000 steps, then the predictive phases as in round 11
      continued r14-q2 0.0067 2000 r11-q2 1000 1e-4 17 ;;
    15)  # session 23, on a machine with AVX-512 BF16 again (bf16 autocast on,
        # q4 soft ~2.1 steps/s, 2.4× the AVX2 machine's) and none of the
        # checkpoints: q4, the rate point furthest behind JPEG (~1.9 dB at its
        # rate), continued from the shipped round-12 weights for 6,000 soft
        # steps, then its predictive phases as in round 12
      R13=$CK/shipped-r13
      shipped_weights df82800 "$R13"
      continued r15-q4 0.25 6000 "$R13/q4.pt" 1000 1e-4 18 --M 192 ;;
    16)  # session 23, after round 15: q3's predictive phases redone on the
        # shipped round-13 soft phase (so its bitstream, and model id, stay
        # as shipped), longer (1,500 / 600 / 1,500 steps): in round 13 both
        # fine-tuned decoders were still improving at step 1,000, and qr
        # ended 0.006 dB below qr-off
      R13=$CK/shipped-r13
      shipped_weights df82800 "$R13"
      run r16-q3 0.018 0 1500 "$R13/q3.pt" --anneal-from 1 --seed 19 --fresh-rectifier \
        --rectifier-steps 600 --rectifier-lr 3e-4 ;;
    17)  # session 23, after round 16: q4's predictive phases redone on round
        # 15's soft phase, longer (1,500 / 600 / 1,500 steps, as q3's in round
        # 16, which lifted QR from 0.006 dB below qr-off to 0.043 above): in
        # round 15 QR ended 0.008 dB below qr-off
      run r17-q4 0.25 0 1500 r15-q4 --anneal-from 1 --seed 21 --M 192 --fresh-rectifier \
        --rectifier-steps 600 --rectifier-lr 3e-4 ;;
    18)  # session 23, after round 17: q2's predictive phases redone, longer
        # (1,500 / 600 / 1,500 steps, as q3's and q4's in rounds 16 and 17), on
        # round 14's soft phase taken from the shipped file (same bitstream)
      R17=$CK/shipped-r17
      shipped_weights 26053cb "$R17"
      run r18-q2 0.0067 0 1500 "$R17/q2.pt" --anneal-from 1 --seed 22 --fresh-rectifier \
        --rectifier-steps 600 --rectifier-lr 3e-4 ;;
    19)  # session 24 (AVX-512 BF16, no checkpoints): q3, the rate point the
        # BD-rate against JPEG moves most with, last continued in round 13:
        # its soft phase continued from the shipped file for 6,000 steps, then
        # the predictive phases as in round 16 (1,500 / 600 / 1,500)
      R18=$CK/shipped-r18
      shipped_weights 9075f05 "$R18"
      continued r19-q3 0.018 6000 "$R18/q3.pt" 1500 1e-4 23 ;;
    20)  # session 24, after round 19: q4, the rate point furthest behind JPEG
        # (~1.4 dB at its rate): its soft phase continued from round 15's
        # (the shipped file) for 3,000 more steps, then the predictive phases
        # as in round 17 (1,500 / 600 / 1,500)
      R18=$CK/shipped-r18
      shipped_weights 9075f05 "$R18"
      continued r20-q4 0.25 3000 "$R18/q4.pt" 1500 1e-4 24 --M 192 ;;
    21)  # session 24, after round 20: q2 (the rate point that moves the
        # BD-rate against JPEG most after q3 and q4): its soft phase continued
        # from round 14's (the shipped file) for 2,000 steps, then the
        # predictive phases as in round 14 (1,000 / 600 / 1,000), to fit the session
      R18=$CK/shipped-r18
      shipped_weights 9075f05 "$R18"
      continued r21-q2 0.0067 2000 "$R18/q2.pt" 1000 1e-4 25 ;;
    22)  # session 25 (AVX-512 BF16, session 24's checkpoints kept): q4's
        # predictive phases redone on round 20's soft phase (same bitstream)
        # at a third of the predictive learning rate: at 1e-4 the decoder
        # fine-tuned without QR fell 0.34 dB in its first 500 steps and ended
        # below the soft decoder
      run r22-q4 0.25 0 1500 r20-q4 --anneal-from 1 --seed 26 --M 192 --fresh-rectifier \
        --rectifier-steps 600 --rectifier-lr 3e-4 --predictive-lr 3e-5 ;;
    23)  # session 25, after round 22: q1, last trained in round 5: its soft
        # phase continued from the shipped file for 6,000 steps, then the
        # predictive phases as in round 19 (1,500 / 600 / 1,500)
      R21=$CK/shipped-r21
      shipped_weights c38bc6e "$R21"
      continued r23-q1 0.0012 6000 "$R21/q1.pt" 1500 1e-4 27 ;;
    24)  # session 25, after round 23: q3's soft phase continued from round
        # 19's for 3,000 more steps, then its predictive phases (1,500 / 600 / 1,500)
      continued r24-q3 0.018 3000 r19-q3 1500 1e-4 28 ;;
    25)  # session 26, on a new machine (AMX) without session 25's checkpoints:
        # q3 (the rate point that paid most per CPU-hour in rounds 19 and 24):
        # its soft phase continued from the shipped file (round 24's) for
        # 3,000 steps, then its predictive phases (1,500 / 600 / 1,500)
      R24=$CK/shipped-r24
      shipped_weights a5d2248 "$R24"
      continued r25-q3 0.018 3000 "$R24/q3.pt" 1500 1e-4 29 ;;
    26)  # session 26, after round 25: q1's predictive phases redone on the
        # shipped bitstream (round 23's, no soft steps) with longer QR and
        # no-QR phases: round 23's joint QR phase was still rising at its end
      R24=$CK/shipped-r24
      shipped_weights a5d2248 "$R24"
      run r26-q1 0.0012 0 2500 "$R24/q1.pt" --anneal-from 1 --seed 30 --fresh-rectifier \
        --rectifier-steps 600 --rectifier-lr 3e-4 ;;
    27)  # session 26, after round 26: q2's soft phase continued from the
        # shipped file (round 21's) for 2,000 steps, then its predictive phases
        # (1,000 / 600 / 1,000), to fit the session
      R24=$CK/shipped-r24
      shipped_weights a5d2248 "$R24"
      continued r27-q2 0.0067 2000 "$R24/q2.pt" 1000 1e-4 31 ;;
    28)  # session 26, after round 27: q4, the rate point furthest behind JPEG:
        # its soft phase continued from the shipped file (round 20's) for 3,000
        # steps, then its predictive phases as in round 22 (predictive lr 3e-5)
      R24=$CK/shipped-r24
      shipped_weights a5d2248 "$R24"
      continued r28-q4 0.25 3000 "$R24/q4.pt" 1500 3e-5 32 --M 192 ;;
    29)  # session 26, after round 28: q1's predictive phases redone once more
        # on the shipped bitstream, 4,000 steps each: round 26's 2,500-step joint
        # phase took QR over soft at q1 from +0.137 to +0.180 dB (target +0.2)
      R24=$CK/shipped-r24
      shipped_weights a5d2248 "$R24"
      run r29-q1 0.0012 0 4000 "$R24/q1.pt" --anneal-from 1 --seed 33 --fresh-rectifier \
        --rectifier-steps 600 --rectifier-lr 3e-4 ;;
    30)  # session 27 (AMX, session 26's checkpoints kept): q4's soft phase
        # continued from round 28's for 5,000 more steps (the largest gain per
        # CPU-hour in session 26), then its predictive phases at lr 3e-5
      continued r30-q4 0.25 5000 r28-q4 1500 3e-5 34 --M 192 ;;
    31)  # session 27, after round 30: q3's soft phase continued from round
        # 25's for 4,000 steps, then its predictive phases at lr 3e-5 (as q4's)
      continued r31-q3 0.018 4000 r25-q3 1500 3e-5 35 ;;
    32)  # session 27, after round 31: q2's soft phase continued from round
        # 27's for 3,000 steps, then its predictive phases (1,000 / 600 / 1,000)
      continued r32-q2 0.0067 3000 r27-q2 1000 1e-4 36 ;;
    33)  # session 27, after round 32: q4 again (round 30 paid most per
        # CPU-hour): 5,000 more soft steps from round 30's, decoders at lr 3e-5
      continued r33-q4 0.25 5000 r30-q4 1500 3e-5 37 --M 192 ;;
    34)  # session 27, after round 33: q3's soft phase 3,000 more steps from
        # round 31's, then its predictive phases as in round 31
      continued r34-q3 0.018 3000 r31-q3 1500 3e-5 38 ;;
    35)  # session 28 (AMX, session 27's checkpoints kept): q4's soft phase
        # 5,000 more steps from round 33's (its validation PSNR still rising
        # at the end), then its predictive phases at lr 3e-5
      continued r35-q4 0.25 5000 r33-q4 1500 3e-5 39 --M 192 ;;
    36)  # session 28, after round 35: q3's soft phase 3,000 more steps from
        # round 34's, then its predictive phases at lr 3e-5
      continued r36-q3 0.018 3000 r34-q3 1500 3e-5 40 ;;
    37)  # session 28, after round 36: q1's soft phase, last trained in round
        # 23, 5,000 steps from the shipped bitstream, then its predictive phases
        # as long as round 29's (4,000 / 600 / 4,000), which took QR to +0.2 dB
      R24=$CK/shipped-r24
      shipped_weights a5d2248 "$R24"
      continued r37-q1 0.0012 5000 "$R24/q1.pt" 4000 1e-4 41 ;;
    38)  # session 28, after round 37: q2's soft phase 3,000 more steps from
        # round 32's, then its predictive phases (1,000 / 600 / 1,000)
      continued r38-q2 0.0067 3000 r32-q2 1000 1e-4 42 ;;
    39)  # session 28, after round 38: q4's soft phase 3,000 more steps from
        # round 35's (to fit the session), then its predictive phases at lr 3e-5
      continued r39-q4 0.25 3000 r35-q4 1500 3e-5 43 --M 192 ;;
    40)  # session 28, after round 39: q3's soft phase 3,000 more steps from
        # round 36's, then its predictive phases at lr 3e-5
      continued r40-q3 0.018 3000 r36-q3 1500 3e-5 44 ;;
    41)  # session 29, on a new machine (AMX) without session 28's checkpoints:
        # q3's soft phase 4,000 steps from the shipped file (round 40's), then its
        # predictive phases at lr 3e-5. One torch thread: two runs side by side on
        # the 2 cores train 5.5 steps/s together against 4.1 for one 2-thread run
      R40=$CK/shipped-r40
      shipped_weights b37d0a7 "$R40"
      continued r41-q3 0.018 4000 "$R40/q3.pt" 1500 3e-5 45 --threads 1 ;;
    42)  # session 29, beside round 41: q4's soft phase 5,000 steps from the
        # shipped file (round 39's), then its predictive phases at lr 3e-5
      R40=$CK/shipped-r40
      shipped_weights b37d0a7 "$R40"
      continued r42-q4 0.25 5000 "$R40/q4.pt" 1500 3e-5 46 --M 192 --threads 1 ;;
    43)  # session 29, after round 41: q3's soft phase 4,000 more steps from
        # round 41's checkpoint, then its predictive phases as in round 41
      continued r43-q3 0.018 4000 r41-q3 1500 3e-5 47 --threads 1 ;;
    44)  # session 29, after round 42, beside round 43: q2's soft phase 3,000
        # steps from the shipped file (round 38's), then its predictive phases
        # (1,000 / 600 / 1,000)
      R40=$CK/shipped-r40
      shipped_weights b37d0a7 "$R40"
      continued r44-q2 0.0067 3000 "$R40/q2.pt" 1000 1e-4 48 --threads 1 ;;
    45)  # session 29, after round 43: q3's soft phase 5,000 more steps from
        # round 43's checkpoint, then its predictive phases as in round 41
      continued r45-q3 0.018 5000 r43-q3 1500 3e-5 49 --threads 1 ;;
    46)  # session 29, after round 44, beside round 45: q4's soft phase 5,000
        # more steps from round 42's checkpoint, then its predictive phases as
        # in round 42
      continued r46-q4 0.25 5000 r42-q4 1500 3e-5 50 --M 192 --threads 1 ;;
    47)  # session 30, on a new machine (AMD, AVX-512 BF16 without AMX: bf16 still
        # trains 2.2 steps/s per one-thread lane against 1.3 in fp32) without
        # session 29's checkpoints: q3's soft phase 5,000 steps from the shipped
        # file (round 45's), then its predictive phases at lr 3e-5. Its export was
        # not shipped (QR 0.002 dB below qr-off); rounds 49 and 51 continue it
      R46=$CK/shipped-r46
      shipped_weights 4f3318b "$R46"
      continued r47-q3 0.018 5000 "$R46/q3.pt" 1500 3e-5 51 --threads 1 ;;
    48)  # session 30, beside round 47: q4's soft phase 5,000 steps from the
        # shipped file (round 46's), then its predictive phases at lr 3e-5
      R46=$CK/shipped-r46
      shipped_weights 4f3318b "$R46"
      continued r48-q4 0.25 5000 "$R46/q4.pt" 1500 3e-5 52 --M 192 --threads 1 ;;
    49)  # session 30, after round 47: q3's soft phase 5,000 more steps from
        # round 47's checkpoint, then its predictive phases as in round 47
      continued r49-q3 0.018 5000 r47-q3 1500 3e-5 53 --threads 1 ;;
    50)  # session 30, after round 48, beside round 49: q4's soft phase 5,000
        # more steps from round 48's checkpoint, then its predictive phases
      continued r50-q4 0.25 5000 r48-q4 1500 3e-5 54 --M 192 --threads 1 ;;
    51)  # session 30, after round 49 (whose QR decoder ended 0.016 dB below
        # qr-off at q3): round 49's decoders again on its bitstream, the fresh
        # rectifier starting from its zero output instead of the rectifier
        # phase, so that the QR decoder starts where qr-off does, from the soft
        # decoder (docs/evaluation.md, round 47: the rectifier phase's output
        # cost the soft synthesis 0.14 dB before the joint phase began)
      run r51-q3 0.018 0 1500 r49-q3 --anneal-from 1 --seed 53 --fresh-rectifier \
        --rectifier-lr 3e-4 --predictive-lr 3e-5 --threads 1 ;;
    52)  # session 31, same machine with session 30's checkpoints: q1's soft
        # phase, last trained in round 37, 5,000 steps from the shipped file,
        # then its predictive phases as in round 37 (4,000 steps at lr 1e-4)
      R51=$CK/shipped-r51
      shipped_weights fca2116 "$R51"
      continued r52-q1 0.0012 5000 "$R51/q1.pt" 4000 1e-4 55 --threads 1 ;;
    53)  # session 31, beside round 52: q2's soft phase, last trained in round
        # 44, 5,000 steps from the shipped file, then its predictive phases
        # (1,000 / 600 / 1,000 at lr 1e-4)
      R51=$CK/shipped-r51
      shipped_weights fca2116 "$R51"
      continued r53-q2 0.0067 5000 "$R51/q2.pt" 1000 1e-4 56 --threads 1 ;;
    54)  # session 31, after round 53: q3's soft phase 5,000 more steps from
        # round 49's checkpoint (round 51's bitstream), then its decoders as in
        # round 51: no rectifier phase, the fresh rectifier starting at zero
      train r54-q3 0.018 5000 0 r49-q3 --anneal-from 1 --lr 1e-4 --seed 57 --threads 1
      run r54b-q3 0.018 0 1500 r54-q3 --anneal-from 1 --seed 57 --fresh-rectifier \
        --rectifier-lr 3e-4 --predictive-lr 3e-5 --threads 1 ;;
    55)  # session 31, after round 52, beside round 54: q4's soft phase 4,000
        # more steps from round 50's checkpoint, then its predictive phases
      continued r55-q4 0.25 4000 r50-q4 1500 3e-5 58 --M 192 --threads 1 ;;
    56)  # session 31, after round 54, beside round 55: q2's decoders again on
        # round 53's bitstream, longer (2,500 / 600 / 2,500 steps): round 53's
        # qr and qr-off were still rising at 1,000
      decoders r56-q2 0.0067 2500 r53-q2 1e-4 59 --threads 1 ;;
    57)  # session 32, same machine with session 31's checkpoints: q1's decoders
        # again on round 52's bitstream, longer (6,000 / 600 / 6,000 steps):
        # round 52's QR decoder was still rising at 4,000 (+0.187 dB over soft)
      decoders r57-q1 0.0012 6000 r52-q1 1e-4 60 --threads 1 ;;
    58)  # session 32, beside round 57: q3's decoders again on round 54's
        # bitstream as round 56 trained q2's (2,500 / 600 / 2,500 at lr 1e-4):
        # QR led qr-off at q3 while its decoders trained at 1e-4 (rounds 16-30)
      decoders r58-q3 0.018 2500 r54-q3 1e-4 61 --threads 1 ;;
    59)  # session 32, after round 58: q3's soft phase 5,000 more steps from
        # round 54's checkpoint, then its decoders as in round 58
      continued r59-q3 0.018 5000 r54-q3 2500 1e-4 62 --threads 1 ;;
    60)  # session 32, after round 57, beside round 59: q4's soft phase 4,000
        # more steps from round 55's checkpoint, then its predictive phases
      continued r60-q4 0.25 4000 r55-q4 1500 3e-5 63 --M 192 --threads 1 ;;
    61)  # session 32, after round 59, beside round 60: q2's soft phase 2,000
        # more steps from round 53's checkpoint (its validation peaked at step
        # 2,000 there), then its decoders as in round 56
      continued r61-q2 0.0067 2000 r53-q2 2500 1e-4 64 --threads 1 ;;
    62)  # session 33, same machine with session 32's checkpoints: q3's soft
        # phase 5,000 more steps from round 59's checkpoint, then its decoders
        # as in round 58
      continued r62-q3 0.018 5000 r59-q3 2500 1e-4 65 --threads 1 ;;
    63)  # session 33, beside round 62: q4's soft phase 4,000 more steps from
        # round 60's checkpoint, then its decoders as q3's since round 58
        # (2,500 / 600 / 2,500 at lr 1e-4), which lifted q3's QR over qr-off
      continued r63-q4 0.25 4000 r60-q4 2500 1e-4 66 --M 192 --threads 1 ;;
    64)  # session 33, after round 62: q1's soft phase 3,000 more steps from
        # round 52's checkpoint (its validation still rose at 5,000), then its
        # decoders, 5,000 / 600 / 5,000 steps (round 57's 6,000 did not fit the session)
      continued r64-q1 0.0012 3000 r52-q1 5000 1e-4 67 --threads 1 ;;
    65)  # session 33, after round 63, beside round 64: q2's soft phase 2,000
        # more steps from round 61's checkpoint, then its decoders as in round 61
      continued r65-q2 0.0067 2000 r61-q2 2500 1e-4 68 --threads 1 ;;
    66)  # session 34, same machine with session 33's checkpoints: q3's soft
        # phase 5,000 more steps from round 62's checkpoint, then its decoders
        # as in round 62
      continued r66-q3 0.018 5000 r62-q3 2500 1e-4 69 --threads 1 ;;
    67)  # session 34, beside round 66: q1's soft phase 3,000 more steps from
        # round 64's checkpoint, then its decoders as in round 64
      continued r67-q1 0.0012 3000 r64-q1 5000 1e-4 70 --threads 1 ;;
    68)  # session 34, after round 66: q4's soft phase 4,000 more steps from
        # round 63's checkpoint, then its decoders as in round 63
      continued r68-q4 0.25 4000 r63-q4 2500 1e-4 71 --M 192 --threads 1 ;;
    69)  # session 34, after round 67: q2's soft phase 2,000 more steps from
        # round 65's checkpoint at half the learning rate (its validation
        # peaked early at 1e-4), then its decoders as in round 65
      continued r69-q2 0.0067 2000 r65-q2 2500 1e-4 72 --threads 1 --lr 5e-5 ;;
    70)  # session 35, same machine with session 34's checkpoints: q3's soft
        # phase 5,000 more steps from round 66's checkpoint, then its decoders
        # as in round 66
      continued r70-q3 0.018 5000 r66-q3 2500 1e-4 73 --threads 1 ;;
    71)  # session 35, beside round 70: q4's soft phase 4,000 more steps from
        # round 68's checkpoint, then its decoders as in round 68
      continued r71-q4 0.25 4000 r68-q4 2500 1e-4 74 --M 192 --threads 1 ;;
    72)  # session 35, after round 70: q3's soft phase 5,000 more steps from
        # round 70's checkpoint, then its decoders as in round 70
      continued r72-q3 0.018 5000 r70-q3 2500 1e-4 75 --threads 1 ;;
    73)  # session 35, after round 71: q2's soft phase 1,000 more steps from
        # round 69's checkpoint at lr 5e-5 (round 69's validation peaked at
        # step 1,000), then its decoders as in round 69
      continued r73-q2 0.0067 1000 r69-q2 2500 1e-4 76 --threads 1 --lr 5e-5 ;;
    74)  # session 36, same machine with session 35's checkpoints: q3's soft
        # phase 5,000 more steps from round 72's checkpoint, then its decoders
        # as in round 72
      continued r74-q3 0.018 5000 r72-q3 2500 1e-4 77 --threads 1 ;;
    75)  # session 36, beside round 74: q4's decoders on round 71's bitstream
        # (its soft phase measured 0.2 % better than round 68's), with the
        # predictive phases 4,000 steps instead of 2,500 (both still climbed
        # at 2,500 in round 71). Paused for rounds 76 and 77, then resumed
        # from its checkpoint after round 74
      decoders r75-q4 0.25 4000 r71-q4 1e-4 78 --M 192 --threads 1 ;;
    76)  # session 36, while round 75 was paused: q2's soft phase 4,000 more
        # steps from round 69's checkpoint with straight-through rounding on
        # the decoder path instead of DSQ. q2's encoder had packed its latents
        # at the rounding boundaries, where DSQ's ramp passes more than the
        # rounded value (its soft decoder trails its hard ones by 1.2 dB); then
        # its decoders as in round 69. Stopped at step 1,900 and not finished:
        # its validation rate rose from 0.270 to 0.359 bpp for +0.9 dB, far
        # below the curve (docs/evaluation.md, round 76)
      continued r76-q2 0.0067 4000 r69-q2 2500 1e-4 79 --threads 1 --decoder-quantizer ste ;;
    77)  # session 36, after round 76, while round 75 was paused again: q2's soft
        # phase 4,000 more steps from round 69's checkpoint through noisy DSQ,
        # s(s(y) + u) (codec/quantize.py), which no longer passes the decoder
        # where a latent sits inside its step; then its decoders as in round 69
      continued r77-q2 0.0067 4000 r69-q2 2500 1e-4 80 --threads 1 --decoder-quantizer noisy-dsq ;;
    78)  # session 36, after round 77: q2's soft phase 3,000 more steps through
        # noisy DSQ from round 77's checkpoint (its validation still rose at
        # step 4,000), then its decoders as in round 77
      continued r78-q2 0.0067 3000 r77-q2 2500 1e-4 81 --threads 1 --decoder-quantizer noisy-dsq ;;
    79)  # session 37, same machine with session 36's checkpoints: q2's soft
        # phase 3,000 more steps through noisy DSQ from round 78's checkpoint
        # (round 78 gained 0.3 % on round 77), then its decoders as in round 78
      continued r79-q2 0.0067 3000 r78-q2 2500 1e-4 82 --threads 1 --decoder-quantizer noisy-dsq ;;
    80)  # session 37, beside round 79: q3's decoders on round 74's bitstream
        # (its soft phase measured 0.2 % better than round 72's, but its QR
        # ended 0.002 dB below qr-off), with the predictive phases 4,000 steps
        # as q4's round 75, which gained on 2,500
      decoders r80-q3 0.018 4000 r74-q3 1e-4 83 --threads 1 ;;
    81)  # session 37, after round 79: q1's soft phase 3,000 more steps from
        # round 67's checkpoint, then its decoders as in round 67
      continued r81-q1 0.0012 3000 r67-q1 5000 1e-4 84 --threads 1 ;;
    82)  # session 37, after round 80, beside round 81: q2's soft phase 4,000
        # more steps through noisy DSQ from round 79's checkpoint (round 79
        # gained 0.4 % on round 78 and shipped), then its decoders as in round 79
      continued r82-q2 0.0067 4000 r79-q2 2500 1e-4 85 --threads 1 --decoder-quantizer noisy-dsq ;;
    83)  # session 38, same machine with session 37's checkpoints: q1's soft
        # phase 3,000 more steps from round 81's checkpoint through noisy DSQ
        # on the decoder path (q1's soft decoder gained 0.47 dB from DSQ's leak
        # in round 81; q2 switched in round 77 and gained over the rounds
        # after), then its decoders as in round 81. Paused at the fine-tuned
        # decoder's step 3,750 for round 86, resumed, paused again at QR's
        # step 3,000 when session 38 ended (docs/evaluation.md, round 83)
      continued r83-q1 0.0012 3000 r81-q1 5000 1e-4 86 --threads 1 --decoder-quantizer noisy-dsq ;;
    84)  # session 38, beside round 83: q2's soft phase 4,000 more steps through
        # noisy DSQ from round 82's checkpoint (its validation still rose at
        # step 4,000), then its decoders as in round 82
      continued r84-q2 0.0067 4000 r82-q2 2500 1e-4 87 --threads 1 --decoder-quantizer noisy-dsq ;;
    85)  # session 38, after round 84: q3's soft phase 3,000 more steps from
        # round 74's checkpoint, then its decoders as in round 74
      continued r85-q3 0.018 3000 r74-q3 2500 1e-4 88 --threads 1 ;;
    86)  # session 38, in round 83's place: q4's soft phase 3,000 more steps
        # from round 71's checkpoint, then its decoders as in round 75
        # (predictive phases 4,000 steps)
      continued r86-q4 0.25 3000 r71-q4 4000 1e-4 89 --M 192 --threads 1 ;;
    87)  # session 39, on an AVX2 machine without bf16 (a quarter of the speed) and
        # none of the checkpoints: q3's fine-tuned decoders continued on its
        # shipped bitstream (round 74's soft phase, unchanged), from round 80's
        # qr-off and qr decoders at half their learning rates, as no new soft
        # phase and fresh decoders fit this machine's session. Level (±0.0 %): not shipped
      R86=$CK/shipped-r86
      shipped_weights 6c813fd "$R86"
      run r87-q3 0.018 0 2000 "$R86/q3.pt" --anneal-from 1 --seed 90 --decoders-from "$R86/q3.pt" \
        --predictive-lr 5e-5 --rectifier-lr 1e-4 --threads 1 ;;
    88)  # session 39, beside round 87: q2's fine-tuned decoders continued the
        # same way on its shipped bitstream (round 84's noisy-DSQ soft phase),
        # from round 84's 2,500-step decoders (−0.06 %: shipped, then replaced by round 89)
      R86=$CK/shipped-r86
      shipped_weights 6c813fd "$R86"
      run r88-q2 0.0067 0 2000 "$R86/q2.pt" --anneal-from 1 --seed 91 --decoders-from "$R86/q2.pt" \
        --predictive-lr 5e-5 --rectifier-lr 1e-4 --threads 1 --decoder-quantizer noisy-dsq ;;
    89)  # session 39, after round 88: q2's soft phase 1,500 more steps through
        # noisy DSQ from the shipped round-88 file, then its decoders continued
        # from that file's (not trained anew: 1,000 steps each, at the rates of
        # fresh ones), since the bitstream moves little in 1,500 steps (−0.2 %: shipped)
      R88=$CK/shipped-r88
      shipped_weights 965653e "$R88"
      refreshed r89-q2 0.0067 1500 "$R88/q2.pt" 92 --threads 1 --decoder-quantizer noisy-dsq ;;
    90)  # session 39, beside round 89: q3 the same way, from the shipped round-80
        # file (round 74's soft phase and round 80's decoders). +0.2 %: not shipped
      R88=$CK/shipped-r88
      shipped_weights 965653e "$R88"
      refreshed r90-q3 0.018 1500 "$R88/q3.pt" 93 --threads 1 ;;
    91)  # session 40, same AVX2 machine with session 39's checkpoints: q2 as in
        # round 89, from the shipped round-89 file, with a longer soft phase
        # (3,500 steps; round 89's validation dipped at step 500 and was
        # still rising at 1,500). −0.4 %: shipped
      R89=$CK/shipped-r89
      shipped_weights 853e4ea "$R89"
      refreshed r91-q2 0.0067 3500 "$R89/q2.pt" 94 --threads 1 --decoder-quantizer noisy-dsq ;;
    92)  # session 40, beside round 91: q1 the same way (through DSQ, as shipped),
        # 3,000 soft steps from the shipped round-81 file (round 81 gained 0.4 %
        # with 3,000 steps from round 67's checkpoint). −0.1 %: shipped
      R89=$CK/shipped-r89
      shipped_weights 853e4ea "$R89"
      refreshed r92-q1 0.0012 3000 "$R89/q1.pt" 95 --threads 1 ;;
    93)  # session 40, after round 92: q4 as in round 89, 1,500 soft steps from
        # the shipped round-86 file, its decoders continued from that file's.
        # +0.1 %: not shipped
      R89=$CK/shipped-r89
      shipped_weights 853e4ea "$R89"
      refreshed r93-q4 0.25 1500 "$R89/q4.pt" 96 --M 192 --threads 1 ;;
    94)  # session 40, after round 91: q2 the same way again, 2,000 soft steps
        # from the shipped round-91 file. −0.1 %: shipped
      R91=$CK/shipped-r91
      shipped_weights 459c040 "$R91"
      refreshed r94-q2 0.0067 2000 "$R91/q2.pt" 97 --threads 1 --decoder-quantizer noisy-dsq ;;
    95)  # session 40, in its last half hour: q2 as in round 94, 3,000 soft steps
        # from the shipped round-94 file (paused when the session ended; resumed
        # in session 41: −0.2 %, its decoders then replaced by round 97's)
      R94=$CK/shipped-r94
      shipped_weights d8803cf "$R94"
      refreshed r95-q2 0.0067 3000 "$R94/q2.pt" 98 --threads 1 --decoder-quantizer noisy-dsq ;;
    96)  # session 40, beside round 95: round 83 again (lost with session 38's
        # machine), q1's soft phase through noisy DSQ from the shipped round-92
        # file, then fresh decoders, since the bitstream moves too far for
        # continued ones (paused when the session ended; resumed in session 41:
        # −0.1 %, but q1's rate rose from 0.107 to 0.126 bpp: not shipped)
      R94=$CK/shipped-r94
      shipped_weights d8803cf "$R94"
      continued r96-q1 0.0012 3000 "$R94/q1.pt" 2500 1e-4 99 --threads 1 --decoder-quantizer noisy-dsq ;;
    97)  # session 41: round 95's bitstream again, its decoders as round 95's (same seed,
        # same steps) but each started from whichever of the shipped file's and the
        # new soft synthesis decodes it better: the file's started 4 dB below it
        # (codec/train.py, Trainer._start_from). The rounds since 89 all did so.
        # −0.2 %: shipped
      R94=$CK/shipped-r94
      shipped_weights d8803cf "$R94"
      run r97-q2 0.0067 0 1000 r95-q2 --anneal-from 1 --seed 98 --decoders-from "$R94/q2.pt" \
        --rectifier-lr 3e-4 --threads 1 --decoder-quantizer noisy-dsq ;;
    98)  # session 41, after round 97: q4 as in round 93, with 2,500 soft steps
        # (round 93's validation still rose at 1,500) and its decoders' starts chosen.
        # Its soft phase ended level with round 86's; paused at its decoders' start
      R94=$CK/shipped-r94
      shipped_weights d8803cf "$R94"
      refreshed r98-q4 0.25 2500 "$R94/q4.pt" 100 --M 192 --threads 1 ;;
    99)  # session 41, after round 96: q3 as in round 90, its decoders' starts chosen.
        # −0.04 %: shipped
      R94=$CK/shipped-r94
      shipped_weights d8803cf "$R94"
      refreshed r99-q3 0.018 1500 "$R94/q3.pt" 101 --threads 1 ;;
    100)  # session 42, beside round 98: round 96's noisy-DSQ soft phase continued at a
        # smaller λ, to bring q1's rate back to where it was (round 96 rose to 0.126 bpp), then
        # the shipped file's decoders continued on it, their starts chosen. −0.2 %, but q1 at
        # 0.114 bpp (from 0.107), and BD against JPEG −25.9 → −25.6 %: not shipped
      R94=$CK/shipped-r94
      shipped_weights d8803cf "$R94"
      train r100-q1 0.0009 2000 0 r96-q1 --anneal-from 1 --lr 1e-4 --seed 102 --threads 1 \
        --decoder-quantizer noisy-dsq
      run r100b-q1 0.0009 0 1000 r100-q1 --anneal-from 1 --seed 102 --decoders-from "$R94/q1.pt" \
        --rectifier-lr 3e-4 --threads 1 --decoder-quantizer noisy-dsq ;;
    101)  # session 42, after round 98: q3's soft phase through noisy DSQ, as round 95
        # did for q2 (−0.2 %), from the shipped round-99 file. Stopped at soft step 1,800:
        # validation 0.483 bpp at 31.13 dB against round 99's 0.450 at 31.27, no recovery in sight
      R99=$CK/shipped-r99
      shipped_weights a6a703d "$R99"
      refreshed r101-q3 0.018 2500 "$R99/q3.pt" 103 --threads 1 --decoder-quantizer noisy-dsq ;;
    102)  # session 42, after round 100: round 98's bitstream again. Its decoders ended
        # below its soft synthesis (qr − soft −0.005 dB; validation dipped 0.1–0.2 dB at step
        # 500 of each phase and did not recover), so here at a third of the synthesis rate.
        # No dip; −0.08 % (round 98: +0.19 %), QR over soft +0.048 dB: shipped
      R94=$CK/shipped-r94
      shipped_weights d8803cf "$R94"
      run r102-q4 0.25 0 1000 r98-q4 --anneal-from 1 --seed 104 --decoders-from "$R94/q4.pt" \
        --rectifier-lr 3e-4 --predictive-lr 3e-5 --M 192 --threads 1 ;;
    103)  # session 42, beside round 102: the shipped q2 decoders (round 97) continued on
        # their own bitstream (round 95's) at a third of the synthesis rate. qr-off stayed put,
        # QR over soft +0.036 → +0.060 dB, −0.13 %: shipped
      R99=$CK/shipped-r99
      shipped_weights a6a703d "$R99"
      run r103-q2 0.0067 0 1000 r95-q2 --anneal-from 1 --seed 105 --decoders-from "$R99/q2.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --threads 1 --decoder-quantizer noisy-dsq ;;
    104)  # session 42, after round 103: the same for q3 (round 99's decoders and bitstream).
        # The QR start went to the soft synthesis by 0.003 dB, so QR was not continued: +0.04 %
      R99=$CK/shipped-r99
      shipped_weights a6a703d "$R99"
      run r104-q3 0.018 0 1000 r99-q3 --anneal-from 1 --seed 106 --decoders-from "$R99/q3.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --threads 1 ;;
    105)  # session 42, after round 102: round 100's soft phase continued at a smaller λ
        # still (round 100: −0.2 %, but q1 at 0.114 bpp, not 0.107), then decoders as there.
        # 0.110 bpp, `soft` and `qr-off` −0.3 % but `qr` level (+0.01 %): not shipped
      R94=$CK/shipped-r94
      shipped_weights d8803cf "$R94"
      train r105-q1 0.0008 1000 0 r100-q1 --anneal-from 1 --lr 1e-4 --seed 107 --threads 1 \
        --decoder-quantizer noisy-dsq
      run r105b-q1 0.0008 0 1000 r105-q1 --anneal-from 1 --seed 107 --decoders-from "$R94/q1.pt" \
        --rectifier-lr 3e-4 --threads 1 --decoder-quantizer noisy-dsq ;;
    106)  # session 43: round 104 again (the shipped q3 decoders, round 99's, continued on their
        # own bitstream), now that a round on the checkpoint a file's bitstream came from
        # continues the file's decoders without a probe. qr-off and QR +0.010 dB, −0.08 %: shipped
      R103=$CK/shipped-r103
      shipped_weights 0de6d2f "$R103"
      run r106-q3 0.018 0 1000 r99-q3 --anneal-from 1 --seed 108 --decoders-from "$R103/q3.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --threads 1 ;;
    107)  # session 43, beside round 106: the same for q4 (round 102's decoders, round 98's bitstream).
        # qr-off +0.014 dB, QR +0.002, QR over qr-off +0.018 → +0.006: not shipped
      R103=$CK/shipped-r103
      shipped_weights 0de6d2f "$R103"
      run r107-q4 0.25 0 1000 r98-q4 --anneal-from 1 --seed 109 --decoders-from "$R103/q4.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --M 192 --threads 1 ;;
    108)  # session 43, after round 106: the shipped q1 decoders (round 92's) continued on their
        # own bitstream at a third of the synthesis rate. QR +0.020 dB, −0.10 %: shipped
      R103=$CK/shipped-r103
      shipped_weights 0de6d2f "$R103"
      run r108-q1 0.0012 0 1000 r92-q1 --anneal-from 1 --seed 110 --decoders-from "$R103/q1.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --threads 1 ;;
    109)  # session 43, after round 107: round 103's q2 decoders continued 1,000 steps more.
        # qr-off +0.023 dB, QR +0.002 (−0.01 %), QR over qr-off +0.059 → +0.039: not shipped
      R103=$CK/shipped-r103
      shipped_weights 0de6d2f "$R103"
      run r109-q2 0.0067 0 1000 r95-q2 --anneal-from 1 --seed 111 --decoders-from "$R103/q2.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --threads 1 --decoder-quantizer noisy-dsq ;;
    110)  # session 43, after round 108: round 106's q3 decoders continued 1,000 steps more.
        # qr-off +0.010 dB, QR −0.003 against round 106: not shipped
      R106=$CK/shipped-r106
      shipped_weights 9d62a5c "$R106"
      run r110-q3 0.018 0 1000 r99-q3 --anneal-from 1 --seed 112 --decoders-from "$R106/q3.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --threads 1 ;;
    111)  # session 43, after round 109: q2's noisy-DSQ soft phase 2,000 steps more from round
        # 95's checkpoint (the last q2 soft round), then its decoders, each started from whichever
        # of round 103's and the new soft synthesis decodes the new bitstream better, at a third
        # of the synthesis rate
      R103=$CK/shipped-r103
      shipped_weights 0de6d2f "$R103"
      offered r111-q2 0.0067 2000 r95-q2 "$R103/q2.pt" 3e-5 113 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    112)  # session 43, after round 110: round 108's q1 decoders continued 1,000 steps more.
        # QR +0.007 dB over round 108 (−0.13 % against session 42, round 108 −0.10 %): shipped
      R108=$CK/shipped-r108
      shipped_weights f9b8c92 "$R108"
      run r112-q1 0.0012 0 1000 r92-q1 --anneal-from 1 --seed 114 --decoders-from "$R108/q1.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --threads 1 ;;
    113)  # session 44: q4 back to about 1 bpp (the issue's range; at λ 0.25 it had risen to
        # 1.44 bpp, where `qr` needed only 3 % fewer bits than JPEG): round 98's soft phase
        # continued 3,000 steps at λ 0.11, then the shipped decoders' starts chosen as in round 102.
        # 1.23 bpp, −0.77 %, QR +0.003 dB over qr-off: shipped (then replaced by 116 and 115)
      R112=$CK/shipped-r112
      shipped_weights ca8da12 "$R112"
      offered r113-q4 0.11 3000 r98-q4 "$R112/q4.pt" 3e-5 115 --M 192 --threads 1 ;;
    114)  # session 44, beside round 113: q3's soft phase 2,000 steps more from round 99's
        # checkpoint, then the shipped decoders (round 106's) from the chosen starts. +0.06 %: not shipped
      R112=$CK/shipped-r112
      shipped_weights ca8da12 "$R112"
      offered r114-q3 0.018 2000 r99-q3 "$R112/q3.pt" 3e-5 116 --threads 1 ;;
    115)  # session 44, after round 114: round 113's soft phase 2,000 steps more (at 3,000 q4's
        # validation rate had come down from 1.49 only to 1.27 bpp), decoders as there.
        # 1.19 bpp, −0.92 % (−0.13 % against round 116), QR +0.003 dB over qr-off: shipped
        # (its decoders then continued in round 117)
      R112=$CK/shipped-r112
      shipped_weights ca8da12 "$R112"
      offered r115-q4 0.11 2000 r113-q4 "$R112/q4.pt" 3e-5 117 --M 192 --threads 1 ;;
    116)  # session 44, after round 113: its decoders continued on its own bitstream at a third
        # of the synthesis rate (its QR ended 0.003 dB over `qr-off`, latents predicted 5 % worse).
        # QR +0.011 dB, −0.83 %: shipped, then replaced by round 115
      R113=$CK/shipped-r113
      shipped_weights ef2f9d4 "$R113"
      run r116-q4 0.11 0 1000 r113-q4 --anneal-from 1 --seed 118 --decoders-from "$R113/q4.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --M 192 --threads 1 ;;
    117)  # session 44, in its last half hour: round 115's decoders continued on their own bitstream,
        # as round 116 did for round 113's (both threads: nothing ran beside it).
        # QR +0.018 dB, qr-off +0.009, −0.08 % against round 115: shipped
      R115=$CK/shipped-r115
      shipped_weights 7a139b8 "$R115"
      run r117-q4 0.11 0 1000 r115-q4 --anneal-from 1 --seed 119 --decoders-from "$R115/q4.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --M 192 --threads 2 ;;
    118)  # session 45: round 115's soft phase 2,500 steps more at λ 0.11 (q4's validation rate was
        # still falling about 0.01 bpp per 500 steps), then the decoders from the chosen starts.
        # 1.165 bpp, −0.15 %: shipped (its decoders then continued in round 120)
      R117=$CK/shipped-r117
      shipped_weights 69b92b2 "$R117"
      offered r118-q4 0.11 2500 r115-q4 "$R117/q4.pt" 3e-5 120 --M 192 --threads 1 ;;
    119)  # session 45, beside round 118: q2 restarted from q3's lineage. q2 has sat about 1 dB
        # below the line from q1 to q3 in log-rate since its early rounds (its own lineage,
        # through DSQ's leak until round 77); here q3's soft checkpoint (round 99's) trains at q2's
        # λ through noisy DSQ, then decoders start from q3's shipped ones (same lineage).
        # 0.357 bpp / 31.17 dB (was 0.299 / 29.56), −5.9 %, JPEG −27.7 → −31.9 %: shipped
        # (its decoders then continued in round 121; replaced by round 123)
      R117=$CK/shipped-r117
      shipped_weights 69b92b2 "$R117"
      offered r119-q2 0.0067 4000 r99-q3 "$R117/q3.pt" 1e-4 121 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    120)  # session 45, after round 118: its decoders continued on their own bitstream, as
        # round 117 did for round 115's. QR +0.021 dB over qr-off, −0.07 %: shipped
      R118=$CK/shipped-r118
      shipped_weights 2b36b32 "$R118"
      run r120-q4 0.11 0 1000 r118-q4 --anneal-from 1 --seed 122 --decoders-from "$R118/q4.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --M 192 --threads 1 ;;
    121)  # session 45, after round 119: its decoders continued on their own bitstream, as
        # round 117 did for q4. QR +0.017 dB over qr-off, −0.14 % (+0.41 % in MS-SSIM): shipped
      R119=$CK/shipped-r119
      shipped_weights b4cd743 "$R119"
      run r121-q2 0.0067 0 1000 r119-q2 --anneal-from 1 --seed 123 --decoders-from "$R119/q2.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --threads 1 --decoder-quantizer noisy-dsq ;;
    122)  # session 45, in its last half hour, a trial: round 119's soft phase at a lower λ, to
        # learn how far q2's rate falls on the new lineage (at λ = 0.0067 it settled at 0.37 bpp
        # on the validation crops, not the old lineage's 0.31). 0.325 bpp / 30.16 dB on them
        # after 1,500 steps, still falling; its decoders in round 123
      train r122-q2 0.0045 1500 0 r119-q2 --anneal-from 1 --lr 1e-4 --seed 124 --threads 1 \
        --decoder-quantizer noisy-dsq ;;
    123)  # session 45, its last minutes (both threads): round 122's bitstream, the decoders from
        # the chosen starts, offered q2's shipped ones (round 121's), as round 118 did at q4.
        # 0.311 bpp / 30.70 dB (session 44's q2: 0.299 / 29.56), −0.31 %: shipped
      R121=$CK/shipped-r121
      shipped_weights c023687 "$R121"
      run r123-q2 0.0045 0 1000 r122-q2 --anneal-from 1 --seed 125 --decoders-from "$R121/q2.pt" \
        --rectifier-lr 3e-4 --predictive-lr 3e-5 --threads 2 --decoder-quantizer noisy-dsq ;;
    124)  # session 46: q1 restarted from q2's new lineage (round 122's soft checkpoint, itself
        # q3's lineage), as round 119 did for q2. q1's own lineage was trained through DSQ's leak
        # (+0.47 dB) since round 2, and through noisy DSQ its rate rose for no better curve
        # (rounds 96–105). λ 0.0006: on the new lineage a λ gives more rate than on the old.
        # 0.105 bpp / 26.56 dB (was 0.107 / 26.34), −1.2 % (MS-SSIM +1.3 %): shipped
        # (its decoders then continued in round 126)
      R123=$CK/shipped-r123
      shipped_weights 73ad91d "$R123"
      offered r124-q1 0.0006 4000 r122-q2 "$R123/q2.pt" 1e-4 126 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    125)  # session 46, beside round 124: the same at λ 0.001. 0.144 bpp / 27.81 dB, on the curve
        # from round 124's q1 to q2; not shipped (q1 would leave the lowest rate, ~0.1 bpp)
      R123=$CK/shipped-r123
      shipped_weights 73ad91d "$R123"
      offered r125-q1 0.001 4000 r122-q2 "$R123/q2.pt" 1e-4 127 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    126)  # session 46, after round 124: its decoders continued on their own bitstream, as round 121
        # did for round 119's. QR +0.012 dB, −0.04 %: shipped
      R124=$CK/shipped-r124
      shipped_weights d31ca3a "$R124"
      run r126-q1 0.0006 0 1000 r124-q1 --anneal-from 1 --seed 128 --decoders-from "$R124/q1.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --threads 1 --decoder-quantizer noisy-dsq ;;
    127)  # session 46, beside round 126: round 123's q2 decoders continued the same way.
        # ±0.0 % (QR −0.007 dB, qr-off +0.005): not shipped
      R123=$CK/shipped-r123
      shipped_weights 73ad91d "$R123"
      run r127-q2 0.0045 0 1000 r122-q2 --anneal-from 1 --seed 129 --decoders-from "$R123/q2.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --threads 1 --decoder-quantizer noisy-dsq ;;
    128)  # session 46, its last half hour, a trial for the next session: round 124's soft phase
        # 2,000 steps more (its validation PSNR still rising at a settled rate). 0.103 bpp /
        # 25.87 dB on the validation crops (round 124: 0.107 / 25.98); decoders next session
      train r128-q1 0.0006 2000 0 r124-q1 --anneal-from 1 --lr 1e-4 --seed 130 --threads 1 \
        --decoder-quantizer noisy-dsq ;;
    129)  # session 46, beside round 128, a trial for the next session: q3's soft phase (round 99's
        # checkpoint) at λ 0.03, to learn whether a point at ~0.55 bpp lifts the long stretch from
        # q3 (0.43 bpp) to q4 (1.17), where `qr` saves least against JPEG. Paused at step 1,600
        # (0.495 bpp / 31.48 dB at 1,500); re-running it resumes
      train r129-q3 0.03 2500 0 r99-q3 --anneal-from 1 --lr 1e-4 --seed 131 --threads 1 ;;
    130)  # session 47: round 128's q1 (round 124's soft phase 2,000 steps longer) given decoders,
        # warm-started from the shipped q1's (round 126's). 0.101 bpp / 26.43 dB (was 0.105 /
        # 26.57), −0.04 % (MS-SSIM −0.27 %), JPEG −33.2 %: shipped (its decoders then continued
        # in round 132)
      R126=$CK/shipped-r126
      shipped_weights 15351ac "$R126"
      run r130-q1 0.0006 0 1000 r128-q1 --anneal-from 1 --seed 132 --decoders-from "$R126/q1.pt" \
        --rectifier-lr 3e-4 --predictive-lr 1e-4 --threads 1 --decoder-quantizer noisy-dsq ;;
    131)  # session 47, beside round 130: round 129's q3 at λ 0.03 given decoders, warm-started from
        # the shipped q3's (round 106's). 0.479 bpp / 32.11 dB: +1.35 % (MS-SSIM −0.75 %), and the
        # stretch from q2 to q4 worse against JPEG (−23.2 → −20.9 %): on this lineage the M=96
        # latent gains less per bit above q3's λ. Not shipped
      R126=$CK/shipped-r126
      shipped_weights 15351ac "$R126"
      run r131-q3 0.03 0 1000 r129-q3 --anneal-from 1 --seed 133 --decoders-from "$R126/q3.pt" \
        --rectifier-lr 3e-4 --predictive-lr 1e-4 --threads 1 ;;
    132)  # session 47, after round 130: its decoders continued on their own bitstream, as round 126
        # did for round 124's. QR +0.032 dB (+0.065 over qr-off), −0.13 % (MS-SSIM −0.27 %): shipped
      R130=$CK/shipped-r130
      shipped_weights 7793cb7 "$R130"
      run r132-q1 0.0006 0 1000 r128-q1 --anneal-from 1 --seed 134 --decoders-from "$R130/q1.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --threads 1 --decoder-quantizer noisy-dsq ;;
    133)  # session 47: round 118's q4 soft phase 2,500 steps more (its validation rate still falling,
        # 1.217 → 1.207 bpp over its last 1,000 steps, PSNR rising), then the decoders, offered
        # the shipped q4's (round 120's). 1.152 bpp / 36.42 dB (was 1.165 / 36.43), −0.16 %
        # (MS-SSIM −0.06 %), QR only +0.004 dB over qr-off: shipped (its decoders then continued
        # in round 136)
      R130=$CK/shipped-r130
      shipped_weights 7793cb7 "$R130"
      offered r133-q4 0.11 2500 r118-q4 "$R130/q4.pt" 3e-5 135 --M 192 --threads 1 ;;
    134)  # session 47, beside round 133: round 122's q2 soft phase 2,000 steps more (its 1,500 at
        # λ 0.0045 ended with the validation rate still falling, PSNR rising), then the decoders,
        # offered the shipped q2's (round 123's). 0.297 bpp / 30.58 dB (was 0.311 / 30.70),
        # −0.42 % (MS-SSIM −0.81 %), JPEG −33.5 %: shipped (its decoders then continued in round 135)
      R130=$CK/shipped-r130
      shipped_weights 7793cb7 "$R130"
      offered r134-q2 0.0045 2000 r122-q2 "$R130/q2.pt" 3e-5 136 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    135)  # session 47, after round 134: its decoders continued on their own bitstream, as round 121
        # did for round 119's. QR +0.001 dB, qr-off −0.002, −0.01 %: not shipped (converged)
      R134=$CK/shipped-r134
      shipped_weights 8cae157 "$R134"
      run r135-q2 0.0045 0 1000 r134-q2 --anneal-from 1 --seed 137 --decoders-from "$R134/q2.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --threads 1 --decoder-quantizer noisy-dsq ;;
    136)  # session 47, after round 133: its decoders continued on their own bitstream, as round 120
        # did for round 118's. QR +0.013 dB (+0.020 over qr-off), −0.04 %: shipped
      R133=$CK/shipped-r133
      shipped_weights 8299bdd "$R133"
      run r136-q4 0.11 0 1000 r133-q4 --anneal-from 1 --seed 138 --decoders-from "$R133/q4.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --M 192 --threads 1 ;;
    137)  # session 48 (a new machine, AVX-512 BF16, without session 47's checkpoints): the shipped
        # q2's soft phase (round 134's) 4,000 steps more from its model file, then the decoders,
        # offered the file's. 0.293 bpp / 30.56 dB (was 0.297 / 30.58), −0.23 % (MS-SSIM −2.1 %),
        # QR +0.021 dB over qr-off: shipped
      R136=$CK/shipped-r136
      shipped_weights 12c149f "$R136"
      offered r137-q2 0.0045 4000 "$R136/q2.pt" "$R136/q2.pt" 3e-5 139 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    138)  # session 48, beside round 137: the same for q4 (round 133's soft phase). 1.140 bpp /
        # 36.44 dB (was 1.152 / 36.43), −0.21 % (MS-SSIM −0.09 %), QR +0.023 dB over qr-off: shipped
      R136=$CK/shipped-r136
      shipped_weights 12c149f "$R136"
      offered r138-q4 0.11 4000 "$R136/q4.pt" "$R136/q4.pt" 3e-5 140 --M 192 --threads 1 ;;
    139)  # session 48, after round 137: the same for q1 (round 128's soft phase), 6,000 steps.
        # 0.097 bpp / 26.48 dB (was 0.101 / 26.46), −0.65 % (MS-SSIM −1.3 %), QR +0.060 dB over
        # qr-off: shipped
      R136=$CK/shipped-r136
      shipped_weights 12c149f "$R136"
      offered r139-q1 0.0006 6000 "$R136/q1.pt" "$R136/q1.pt" 3e-5 141 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    140)  # session 48, after round 138: the same for q3 (round 99's soft phase), 6,000 steps.
        # 0.432 bpp / 31.92 dB (was 0.432 / 31.86), −0.56 % (MS-SSIM +0.04 %), QR +0.015 dB over
        # qr-off: shipped
      R136=$CK/shipped-r136
      shipped_weights 12c149f "$R136"
      offered r140-q3 0.018 6000 "$R136/q3.pt" "$R136/q3.pt" 3e-5 142 --threads 1 ;;
    141)  # session 48, after round 139: round 137's q2 soft phase 6,000 steps more (its validation
        # PSNR still rising: 29.99 → 30.05 dB over its last 500 steps), decoders offered its file's.
        # 0.291 bpp / 30.56 dB (was 0.293 / 30.56), −0.24 % against round 137 (MS-SSIM −0.45 %),
        # QR +0.021 dB over qr-off: shipped
      R137=$CK/shipped-r137
      shipped_weights 32e74ca "$R137"
      offered r141-q2 0.0045 6000 r137-q2 "$R137/q2.pt" 3e-5 143 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    142)  # session 48, after round 140: the same for round 138's q4. 1.130 bpp / 36.48 dB (was
        # 1.140 / 36.44), −0.27 % against round 138, but QR 0.001 dB behind qr-off: not shipped
        # (its decoders continued in round 145)
      R138=$CK/shipped-r138
      shipped_weights 070909a "$R138"
      offered r142-q4 0.11 6000 r138-q4 "$R138/q4.pt" 3e-5 144 --M 192 --threads 1 ;;
    143)  # session 48, after round 141: round 139's q1 soft phase 6,000 steps more (its validation
        # PSNR still rising), decoders offered its file's. 0.095 bpp / 26.46 dB (was 0.097 / 26.48),
        # −0.21 % against round 139 (MS-SSIM −0.42 %), QR +0.048 dB over qr-off: shipped
      R139=$CK/shipped-r139
      shipped_weights c40fc7a "$R139"
      offered r143-q1 0.0006 6000 r139-q1 "$R139/q1.pt" 3e-5 145 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    144)  # session 48, after round 142: round 140's q3 soft phase 5,000 steps more (its validation
        # PSNR still rising: 31.25 → 31.35 dB over its last 2,000 steps), decoders offered its file's.
        # 0.430 bpp / 31.90 dB (was 0.432 / 31.92), −0.06 % against round 140, QR 0.002 dB behind
        # qr-off: not shipped (its decoders continued in round 146)
      R140=$CK/shipped-r140
      shipped_weights f6c0198 "$R140"
      offered r144-q3 0.018 5000 r140-q3 "$R140/q3.pt" 3e-5 146 --threads 1 ;;
    145)  # session 48, after round 143: round 142's q4 decoders continued on their own bitstream, as
        # round 136 did for round 133's (fresh decoders there had QR +0.004 dB over qr-off, +0.020
        # after a round more). First round 142's finished run exported again, as a model file to
        # continue (re-running a finished run only exports it). 1.130 bpp / 36.50 dB, QR +0.020 dB
        # over qr-off, −0.34 % against round 138: shipped
      R138=$CK/shipped-r138
      shipped_weights 070909a "$R138"
      run r142b-q4 0.11 0 1000 r142-q4 --anneal-from 1 --seed 144 --decoders-from "$R138/q4.pt" \
        --rectifier-lr 3e-4 --predictive-lr 3e-5 --M 192 --threads 1 --export-dir "$CK/exported-r142"
      run r145-q4 0.11 0 1000 r142-q4 --anneal-from 1 --seed 147 \
        --decoders-from "$CK/exported-r142/qr-mbt2018-mean-q4.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --M 192 --threads 1 ;;
    146)  # session 48, beside round 145: the same for round 144's q3. 0.430 bpp / 31.92 dB, QR
        # +0.002 dB over qr-off, −0.18 % against round 140: shipped
      R140=$CK/shipped-r140
      shipped_weights f6c0198 "$R140"
      run r144b-q3 0.018 0 1000 r144-q3 --anneal-from 1 --seed 146 --decoders-from "$R140/q3.pt" \
        --rectifier-lr 3e-4 --predictive-lr 3e-5 --threads 1 --export-dir "$CK/exported-r144"
      run r146-q3 0.018 0 1000 r144-q3 --anneal-from 1 --seed 148 \
        --decoders-from "$CK/exported-r144/qr-mbt2018-mean-q3.pt" \
        --rectifier-lr 1e-4 --predictive-lr 3e-5 --threads 1 ;;
    147)  # session 50 (a fresh machine: session 49's rounds were lost with the old one): the
        # shipped q2's (round 141's) soft phase 6,000 steps more, from the shipped file (its
        # validation PSNR still rising: 29.93 → 30.01 dB over round 141's last 2,000 steps),
        # decoders offered the shipped file's. 30.56 dB at 0.287 bpp, −0.4 % against session 48's
        # final table: shipped
      R146=$CK/shipped-r146
      shipped_weights a498c48 "$R146"
      offered r147-q2 0.0045 6000 "$R146/q2.pt" "$R146/q2.pt" 3e-5 149 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    148)  # session 50, beside round 147: the same for the shipped q4 (round 142's bitstream:
        # 35.81 → 35.97 dB over its last 2,000 steps). 36.52 dB at 1.124 bpp, −0.2 %: shipped
      R146=$CK/shipped-r146
      shipped_weights a498c48 "$R146"
      offered r148-q4 0.11 6000 "$R146/q4.pt" "$R146/q4.pt" 3e-5 150 --M 192 --threads 1 ;;
    149)  # session 50, after round 147: the same for the shipped q1 (round 143's: 25.95 → 25.96 dB
        # over its last 2,000 steps, noisily: 26.00 at 5,500). 26.45 dB at 0.094 bpp, −0.2 %: shipped
      R146=$CK/shipped-r146
      shipped_weights a498c48 "$R146"
      offered r149-q1 0.0006 6000 "$R146/q1.pt" "$R146/q1.pt" 3e-5 151 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    150)  # session 50, after round 148: the same for the shipped q3 (round 144's bitstream:
        # 31.29 → 31.37 dB over its last 1,000 steps). 31.96 dB at 0.430 bpp, −0.4 %: shipped
      R146=$CK/shipped-r146
      shipped_weights a498c48 "$R146"
      offered r150-q3 0.018 6000 "$R146/q3.pt" "$R146/q3.pt" 3e-5 152 --threads 1 ;;
    151)  # session 50, after round 149: round 148's q4 soft phase 6,000 steps more (35.77 → 36.02 dB
        # over its last 2,000 steps), decoders offered the file round 148 shipped. 36.54 dB at
        # 1.118 bpp, −0.16 % against round 148: shipped
      R148=$CK/shipped-r148
      shipped_weights c64b2e6 "$R148"
      offered r151-q4 0.11 6000 r148-q4 "$R148/q4.pt" 3e-5 153 --M 192 --threads 1 ;;
    152)  # session 50, after round 150: round 147's q2 soft phase 6,000 steps more (29.98 → 30.02 dB
        # over its last 1,000 steps), decoders offered the file round 147 shipped. 30.51 dB at
        # 0.282 bpp, −0.04 % against round 147 (inside a seed's spread): shipped
      R147=$CK/shipped-r147
      shipped_weights 59ecc95 "$R147"
      offered r152-q2 0.0045 6000 r147-q2 "$R147/q2.pt" 3e-5 154 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    153)  # session 50, after round 151: round 150's q3 soft phase 6,000 steps more (31.23 → 31.4 dB
        # over its last 3,000 steps), decoders offered the file round 150 shipped. Resumed in
        # session 51: 32.00 dB at 0.429 bpp, −0.37 %, but QR 0.000 dB behind `qr-off`: not shipped
      R150=$CK/shipped-r150
      shipped_weights f2d109a "$R150"
      offered r153-q3 0.018 6000 r150-q3 "$R150/q3.pt" 3e-5 155 --threads 1 ;;
    154)  # session 50, after round 152: round 149's q1 soft phase 5,000 steps more (the session's
        # last minutes), decoders offered the file round 149 shipped. Resumed in session 51:
        # 26.42 dB at 0.093 bpp, −0.02 % against round 149: shipped
      R150=$CK/shipped-r150
      shipped_weights f2d109a "$R150"
      offered r154-q1 0.0006 5000 r149-q1 "$R150/q1.pt" 3e-5 156 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    155)  # session 51, after round 153: round 151's q4 soft phase 6,000 steps more (35.95 → 36.05 dB
        # over its last 1,000 steps), decoders offered the file round 151 shipped. 36.59 dB at
        # 1.118 bpp, −0.12 % against round 151: shipped
      R151=$CK/shipped-r151
      shipped_weights 0a47454 "$R151"
      offered r155-q4 0.11 6000 r151-q4 "$R151/q4.pt" 3e-5 157 --M 192 --threads 1 ;;
    156)  # session 51, after round 154: round 152's q2 soft phase 6,000 steps more (29.91 → 29.98 dB
        # over its last 1,500 steps), decoders offered the file round 152 shipped. 30.57 dB at
        # 0.284 bpp, −0.31 % against round 152: shipped
      R151=$CK/shipped-r151
      shipped_weights 0a47454 "$R151"
      offered r156-q2 0.0045 6000 r152-q2 "$R151/q2.pt" 3e-5 158 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    157)  # session 52, on a fresh machine (Intel, AMX and AVX-512 BF16) without the checkpoints of
        # sessions 50–51: the shipped q3's soft phase 6,000 steps more, decoders offered its file.
        # −0.6 %, but QR 0.001 dB behind qr-off: not shipped
      R156=$CK/shipped-r156
      shipped_weights d3d5435 "$R156"
      offered r157-q3 0.018 6000 "$R156/q3.pt" "$R156/q3.pt" 3e-5 159 --threads 1 ;;
    158)  # session 52: the same for the shipped q4. −0.1 %, QR 0.000 dB behind qr-off: not shipped
      R156=$CK/shipped-r156
      shipped_weights d3d5435 "$R156"
      offered r158-q4 0.11 6000 "$R156/q4.pt" "$R156/q4.pt" 3e-5 160 --M 192 --threads 1 ;;
    159)  # session 52, its results lost with the machine; run again in session 53 on a fresh one:
        # the same for the shipped q1. −0.24 %, QR +0.086 dB over qr-off: shipped
      R156=$CK/shipped-r156
      shipped_weights d3d5435 "$R156"
      offered r159-q1 0.0006 6000 "$R156/q1.pt" "$R156/q1.pt" 3e-5 161 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    160)  # session 52, lost too, and run again in session 53: the same for the shipped q2.
        # +0.03 % (1.9 % less rate for 0.07 dB less): not shipped
      R156=$CK/shipped-r156
      shipped_weights d3d5435 "$R156"
      offered r160-q2 0.0045 6000 "$R156/q2.pt" "$R156/q2.pt" 3e-5 162 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    161)  # session 53, after round 160: its q2 decoders continued on their own bitstream, as round
        # 146 did for round 144's. First round 160's finished run exported again, as a model file.
        # −0.06 %, QR +0.034 dB over qr-off: shipped
      R156=$CK/shipped-r156
      shipped_weights d3d5435 "$R156"
      offered_continued r161-q2 0.0045 r160-q2 "$R156/q2.pt" 162 165 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    162)  # session 53, beside round 163: the shipped q3's decoders (round 150's bitstream, QR
        # 0.001 dB over qr-off) continued on that bitstream, 1,000 steps each, the rectifier at 1e-4.
        # −0.23 %, QR +0.019 dB over qr-off: shipped
      R161=$CK/shipped-r161
      shipped_weights 49d1637 "$R161"
      continued_decoders r162-q3 0.018 "$R161/q3.pt" "$R161/q3.pt" 166 --threads 1 ;;
    163)  # session 53: the same for the shipped q4 (round 155's bitstream, QR +0.005 dB over qr-off).
        # +0.01 %: not shipped
      R161=$CK/shipped-r161
      shipped_weights 49d1637 "$R161"
      continued_decoders r163-q4 0.11 "$R161/q4.pt" "$R161/q4.pt" 167 --M 192 --threads 1 ;;
    164)  # session 54: the shipped q3's soft phase (round 150's bitstream) 6,000 steps more, decoders
        # offered its file (round 162's), as round 157 did. −0.49 %, but QR 0.008 dB behind qr-off:
        # not shipped by itself (continued in round 166)
      R162=$CK/shipped-r162
      shipped_weights d0d2e0c "$R162"
      offered r164-q3 0.018 6000 "$R162/q3.pt" "$R162/q3.pt" 3e-5 168 --threads 1 ;;
    165)  # session 54, beside round 164: the same for the shipped q4 (round 155's bitstream). −0.15 %,
        # QR 0.011 dB behind qr-off: not shipped by itself (continued in round 167)
      R162=$CK/shipped-r162
      shipped_weights d0d2e0c "$R162"
      offered r165-q4 0.11 6000 "$R162/q4.pt" "$R162/q4.pt" 3e-5 169 --M 192 --threads 1 ;;
    166)  # session 54, after round 164: its decoders continued on their own bitstream, 1,000 steps
        # each, the rectifier at 1e-4, as rounds 161 and 162 did. First round 164's finished run
        # exported again, as a model file. −0.65 % against session 53's table, QR +0.012 dB over
        # qr-off: shipped
      R162=$CK/shipped-r162
      shipped_weights d0d2e0c "$R162"
      offered_continued r166-q3 0.018 r164-q3 "$R162/q3.pt" 168 170 --threads 1 ;;
    167)  # session 54, after round 165: the same for its q4. −0.19 %, QR +0.007 dB over qr-off: shipped
      R162=$CK/shipped-r162
      shipped_weights d0d2e0c "$R162"
      offered_continued r167-q4 0.11 r165-q4 "$R162/q4.pt" 169 171 --M 192 --threads 1 ;;
    168)  # session 54, after round 166: the shipped q1's decoders (round 159's bitstream) continued on
        # that bitstream, 1,000 steps each, as round 162 did for q3. −0.03 %, QR +0.081 dB over
        # qr-off: shipped
      R162=$CK/shipped-r162
      shipped_weights d0d2e0c "$R162"
      continued_decoders r168-q1 0.0006 "$R162/q1.pt" "$R162/q1.pt" 172 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    169)  # session 54, after round 167: the same for the shipped q2 (round 160's bitstream, its
        # decoders continued once already in round 161). −0.05 %, QR +0.026 dB over qr-off: shipped
      R162=$CK/shipped-r162
      shipped_weights d0d2e0c "$R162"
      continued_decoders r169-q2 0.0045 "$R162/q2.pt" "$R162/q2.pt" 173 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    170)  # session 54, after round 166: round 164's q3 soft phase 6,000 steps more, decoders offered
        # the file round 166 shipped. −0.02 % against round 166, QR 0.001 dB behind qr-off: not shipped
        # by itself (continued in round 171)
      R166=$CK/shipped-r166
      shipped_weights 46a8df6 "$R166"
      offered r170-q3 0.018 6000 r164-q3 "$R166/q3.pt" 3e-5 174 --threads 1 ;;
    171)  # session 54, after round 170: its decoders continued on their own bitstream, as round 166.
        # −0.09 % against round 166, QR +0.008 dB over qr-off: shipped
      R166=$CK/shipped-r166
      shipped_weights 46a8df6 "$R166"
      offered_continued r171-q3 0.018 r170-q3 "$R166/q3.pt" 174 175 --threads 1 ;;
    172)  # session 54, after round 169: the shipped q4's decoders (round 167's, on round 165's
        # bitstream) continued again, as round 168 did for q1. +0.01 % against round 167: not shipped
      R169=$CK/shipped-r169
      shipped_weights 02f992d "$R169"
      continued_decoders r172-q4 0.11 "$R169/q4.pt" "$R169/q4.pt" 176 --M 192 --threads 1 ;;
    173)  # session 54, after round 172: the same for the shipped q1 (round 168's decoders). −0.07 %
        # against round 168, QR +0.087 dB over qr-off: shipped
      R169=$CK/shipped-r169
      shipped_weights 02f992d "$R169"
      continued_decoders r173-q1 0.0006 "$R169/q1.pt" "$R169/q1.pt" 177 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    174)  # session 54, after round 173: the shipped q2's decoders (round 169's) continued again.
        # −0.03 % against round 173's table, QR +0.038 dB over qr-off: shipped
      R173=$CK/shipped-r173
      shipped_weights 30ef4eb "$R173"
      continued_decoders r174-q2 0.0045 "$R173/q2.pt" "$R173/q2.pt" 178 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    175)  # session 54, beside round 174: the same for the shipped q3 (round 171's decoders).
        # −0.19 %, QR +0.017 dB over qr-off: shipped
      R173=$CK/shipped-r173
      shipped_weights 30ef4eb "$R173"
      continued_decoders r175-q3 0.018 "$R173/q3.pt" "$R173/q3.pt" 179 --threads 1 ;;
    176)  # session 56 (planned in session 55, whose machine was lost before its rounds finished), on a
        # fresh machine without session 54's checkpoints: the shipped q1's soft phase
        # (round 159's bitstream) 6,000 steps more, decoders offered its file (round 173's).
        # −0.22 %, QR +0.079 dB over qr-off: not shipped by itself (continued in round 178)
      R175=$CK/shipped-r175
      shipped_weights 3b50bdd "$R175"
      offered r176-q1 0.0006 6000 "$R175/q1.pt" "$R175/q1.pt" 3e-5 180 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    177)  # session 56, beside round 176: the same for the shipped q2 (round 160's bitstream).
        # +0.02 %: not shipped by itself (continued in round 179)
      R175=$CK/shipped-r175
      shipped_weights 3b50bdd "$R175"
      offered r177-q2 0.0045 6000 "$R175/q2.pt" "$R175/q2.pt" 3e-5 181 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    178)  # session 56, after round 176: its decoders continued on their own bitstream, as round 166.
        # −0.25 % (0.092 → 0.091 bpp), QR +0.086 dB over qr-off: shipped
      R175=$CK/shipped-r175
      shipped_weights 3b50bdd "$R175"
      offered_continued r178-q1 0.0006 r176-q1 "$R175/q1.pt" 180 182 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    179)  # session 56, after round 177: the same for its q2. −0.08 % (0.279 → 0.277 bpp), QR
        # +0.034 dB over qr-off (but only +0.018 over soft, from +0.039): shipped
      R175=$CK/shipped-r175
      shipped_weights 3b50bdd "$R175"
      offered_continued r179-q2 0.0045 r177-q2 "$R175/q2.pt" 181 183 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    180)  # session 56, beside round 178: the shipped q3's decoders (round 175's) continued again.
        # −0.02 %, QR +0.015 dB over qr-off (from +0.017): within a seed's spread, not shipped
      R175=$CK/shipped-r175
      shipped_weights 3b50bdd "$R175"
      continued_decoders r180-q3 0.018 "$R175/q3.pt" "$R175/q3.pt" 184 --threads 1 ;;
    181)  # session 56, beside round 179: the shipped q4's decoders (round 167's) continued again, twice as
        # long as round 172's (which gained nothing in 1,000 steps). +0.01 %, QR 0.003 dB behind
        # qr-off: not shipped
      R175=$CK/shipped-r175
      shipped_weights 3b50bdd "$R175"
      continued_decoders r181-q4 0.11 "$R175/q4.pt" "$R175/q4.pt" 185 --M 192 --threads 1 \
        --predictive-steps 2000 ;;
    182)  # session 56, after round 178: its decoders continued again on their bitstream (round 176's).
        # +0.01 % against round 179's table: not shipped
      R179=$CK/shipped-r179
      shipped_weights 9248fe8 "$R179"
      continued_decoders r182-q1 0.0006 "$R179/q1.pt" "$R179/q1.pt" 186 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    183)  # session 56, after round 179: the same for q2 (round 177's bitstream). −0.01 %, QR
        # +0.031 dB over qr-off (from +0.034): within a seed's spread, not shipped
      R179=$CK/shipped-r179
      shipped_weights 9248fe8 "$R179"
      continued_decoders r183-q2 0.0045 "$R179/q2.pt" "$R179/q2.pt" 187 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    184)  # session 56, after round 182: round 176's q1 soft phase 4,000 steps more (the session's last
        # 45 minutes), decoders offered the file round 178 shipped. +0.01 % against round 179's table
        # (soft +0.04 %: round 176's soft phase had converged): not shipped
      R179=$CK/shipped-r179
      shipped_weights 9248fe8 "$R179"
      offered r184-q1 0.0006 4000 r176-q1 "$R179/q1.pt" 3e-5 188 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    185)  # session 56, beside round 184: the same for round 177's q2. +0.06 % (soft +0.22 %): not shipped
      R179=$CK/shipped-r179
      shipped_weights 9248fe8 "$R179"
      offered r185-q2 0.0045 4000 r177-q2 "$R179/q2.pt" 3e-5 189 \
        --threads 1 --decoder-quantizer noisy-dsq ;;
    186)  # session 57, on a fresh machine without session 56's checkpoints: the shipped q3's soft phase
        # (round 164's bitstream) 6,000 steps more, decoders offered its file (round 175's), as
        # rounds 176 and 178 did for q1. +0.27 % (soft −0.09 %), QR 0.001 dB behind qr-off: not
        # shipped by itself (continued in rounds 188 and 190)
      R179=$CK/shipped-r179
      shipped_weights 9248fe8 "$R179"
      offered r186-q3 0.018 6000 "$R179/q3.pt" "$R179/q3.pt" 3e-5 190 --threads 1 ;;
    187)  # session 57, beside round 186: the same for the shipped q4 (round 165's bitstream, round 167's
        # decoders). −0.12 % (1.112 → 1.107 bpp), QR +0.004 dB over qr-off: shipped
      R179=$CK/shipped-r179
      shipped_weights 9248fe8 "$R179"
      offered r187-q4 0.11 6000 "$R179/q4.pt" "$R179/q4.pt" 3e-5 191 --M 192 --threads 1 ;;
    188)  # session 57, after round 186: its decoders continued on their own bitstream, as round 178.
        # +0.09 %, QR +0.021 dB over qr-off: not shipped
      R179=$CK/shipped-r179
      shipped_weights 9248fe8 "$R179"
      offered_continued r188-q3 0.018 r186-q3 "$R179/q3.pt" 190 192 --threads 1 ;;
    189)  # session 57, after round 187: the same for its q4. −0.11 % against session 56's table (0.02 %
        # behind round 187), QR 0.003 dB behind qr-off: not shipped
      R179=$CK/shipped-r179
      shipped_weights 9248fe8 "$R179"
      offered_continued r189-q4 0.11 r187-q4 "$R179/q4.pt" 191 193 --M 192 --threads 1 ;;
    190)  # session 57, after round 188: round 188's run exported again, as a model file, then its
        # decoders continued on round 186's bitstream, 2,000 steps each. +0.07 %, QR +0.021 dB over
        # qr-off: not shipped (the soft phase's −0.09 % did not carry to QR)
      R179=$CK/shipped-r179
      shipped_weights 9248fe8 "$R179"
      continued_decoders r188-q3 0.018 r186-q3 "$CK/exported-r186/qr-mbt2018-mean-q3.pt" 192 --threads 1 \
        --export-dir "$CK/exported-r188"
      continued_decoders r190-q3 0.018 r186-q3 "$CK/exported-r188/qr-mbt2018-mean-q3.pt" 194 --threads 1 \
        --predictive-steps 2000 ;;
    191)  # session 57, after round 187 shipped: its q4 soft phase 4,000 steps more (both threads, the
        # session's last 30 minutes), decoders offered the file round 187 shipped. +0.02 % against
        # round 187 (soft −0.04 %; 1.107 → 1.105 bpp, QR −0.015 dB): not shipped
      R187=$CK/shipped-r187
      shipped_weights 8c5db3b "$R187"
      offered r191-q4 0.11 4000 r187-q4 "$R187/q4.pt" 3e-5 195 --M 192 --threads 2 ;;
    192)  # session 58: the shipped q3's soft phase 6,000 steps more as round 186, but each crop cut at
        # a random scale in [0.6, 1] (--min-scale): the models had decoded the two scales they were
        # trained at better than the scales between. −0.14 % (soft −0.29 %; 0.425 → 0.429 bpp,
        # 32.04 → 32.10 dB), QR +0.016 dB over qr-off: shipped (round 186, the same without it: +0.27 %)
      R187=$CK/shipped-r187
      shipped_weights 8c5db3b "$R187"
      offered r192-q3 0.018 6000 "$R187/q3.pt" "$R187/q3.pt" 3e-5 196 --threads 1 --min-scale 0.6 ;;
    193)  # session 58, beside round 192: the same for the shipped q1 (as round 176). −0.15 % (soft
        # −0.40 %, MS-SSIM −0.36 %; 0.091 → 0.090 bpp), QR +0.060 dB over qr-off: shipped
      R187=$CK/shipped-r187
      shipped_weights 8c5db3b "$R187"
      offered r193-q1 0.0006 6000 "$R187/q1.pt" "$R187/q1.pt" 3e-5 197 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.6 ;;
    194)  # session 58, after rounds 192 and 193: the same for the shipped q2, 5,000 steps to fit the
        # session (as round 177). −0.26 % (soft −0.23 %; 0.277 → 0.279 bpp, 30.50 → 30.56 dB), QR
        # +0.027 dB over qr-off: shipped (round 177, the same without it: +0.02 %)
      R187=$CK/shipped-r187
      shipped_weights 8c5db3b "$R187"
      offered r194-q2 0.0045 5000 "$R187/q2.pt" "$R187/q2.pt" 3e-5 198 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.6 ;;
    195)  # session 58, beside round 194: the same for the shipped q4 (as round 187). −0.02 % (soft
        # −0.07 %; 1.107 → 1.114 bpp, 36.63 → 36.68 dB), QR +0.003 dB over qr-off: not shipped
      R187=$CK/shipped-r187
      shipped_weights 8c5db3b "$R187"
      offered r195-q4 0.11 5000 "$R187/q4.pt" "$R187/q4.pt" 3e-5 199 --M 192 --threads 1 --min-scale 0.6 ;;
    196)  # session 58, after round 192 shipped: its decoders continued on their own bitstream.
        # −0.10 % against round 192 (QR 32.10 → 32.11 dB), QR +0.015 dB over qr-off: shipped
      R192=$CK/shipped-r192
      shipped_weights 3f972b1 "$R192"
      continued_decoders r196-q3 0.018 r192-q3 "$R192/q3.pt" 200 --threads 1 --min-scale 0.6 ;;
    197)  # session 58, beside round 196: the same for round 193's q1. −0.07 % against round 193, QR
        # +0.066 dB over qr-off: shipped
      R192=$CK/shipped-r192
      shipped_weights 3f972b1 "$R192"
      continued_decoders r197-q1 0.0006 r193-q1 "$R192/q1.pt" 201 --threads 1 --decoder-quantizer noisy-dsq \
        --min-scale 0.6 ;;
    198)  # session 58, after round 195: its decoders continued on their own bitstream (round 195's run
        # exported again as a file first, as in round 189). −0.07 % (1.107 → 1.114 bpp, 36.63 → 36.69 dB),
        # QR +0.009 dB over qr-off: shipped
      R187=$CK/shipped-r187
      shipped_weights 8c5db3b "$R187"
      offered_continued r198-q4 0.11 r195-q4 "$R187/q4.pt" 199 202 --M 192 --threads 1 --min-scale 0.6 ;;
    199)  # session 58, after round 194 shipped: its decoders continued on their own bitstream. +0.03 %
        # against rounds 192–198, QR +0.031 dB over qr-off: not shipped
      RS58=$CK/shipped-b455bfc
      shipped_weights b455bfc "$RS58"
      continued_decoders r199-q2 0.0045 r194-q2 "$RS58/q2.pt" 203 --threads 1 --decoder-quantizer noisy-dsq \
        --min-scale 0.6 ;;
    200)  # session 58, beside round 199: round 196's q3 decoders continued again. −0.05 % (QR 32.11 →
        # 32.12 dB), QR +0.014 dB over qr-off: shipped
      RS58=$CK/shipped-b455bfc
      shipped_weights b455bfc "$RS58"
      continued_decoders r200-q3 0.018 r192-q3 "$RS58/q3.pt" 204 --threads 1 --min-scale 0.6 ;;
    201)  # session 58, its last half hour: round 197's q1 decoders continued again. −0.01 % against
        # session 58's final table: not shipped
      RS58B=$CK/shipped-b7a7cb8
      shipped_weights b7a7cb8 "$RS58B"
      continued_decoders r201-q1 0.0006 r193-q1 "$RS58B/q1.pt" 205 --threads 1 --decoder-quantizer noisy-dsq \
        --min-scale 0.6 ;;
    202)  # session 58, beside round 201: round 198's q4 decoders continued again. +0.02 %: not shipped
      RS58B=$CK/shipped-b7a7cb8
      shipped_weights b7a7cb8 "$RS58B"
      continued_decoders r202-q4 0.11 r195-q4 "$RS58B/q4.pt" 206 --M 192 --threads 1 --min-scale 0.6 ;;
    203)  # session 59: the shipped q3's soft phase 6,000 steps more with crops cut at a scale in
        # [0.45, 1] (round 192 used [0.6, 1]), decoders offered the shipped file. +0.00 % (soft
        # −0.40 %, qr-off −0.06 %), QR +0.006 dB over qr-off: not shipped (continued in round 207)
      RS58B=$CK/shipped-b7a7cb8
      shipped_weights b7a7cb8 "$RS58B"
      offered r203-q3 0.018 6000 "$RS58B/q3.pt" "$RS58B/q3.pt" 3e-5 207 --threads 1 --min-scale 0.45 ;;
    204)  # session 59, beside round 203: the same for the shipped q2. +0.04 % (soft −0.08 %, MS-SSIM
        # +0.46 %), QR +0.020 dB over qr-off: not shipped
      RS58B=$CK/shipped-b7a7cb8
      shipped_weights b7a7cb8 "$RS58B"
      offered r204-q2 0.0045 6000 "$RS58B/q2.pt" "$RS58B/q2.pt" 3e-5 208 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.45 ;;
    205)  # session 59, after rounds 203 and 204: the same for the shipped q1. −0.07 % (soft −0.06 %,
        # MS-SSIM +0.04 %; 0.090 bpp, QR 26.50 → 26.52 dB), QR +0.047 dB over qr-off: shipped
      RS58B=$CK/shipped-b7a7cb8
      shipped_weights b7a7cb8 "$RS58B"
      offered r205-q1 0.0006 6000 "$RS58B/q1.pt" "$RS58B/q1.pt" 3e-5 209 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.45 ;;
    206)  # session 59, beside round 205: the same for the shipped q4. +0.14 % (soft +0.22 %; 1.114 →
        # 1.120 bpp, QR 36.69 → 36.68 dB), QR +0.012 dB over qr-off: not shipped
      RS58B=$CK/shipped-b7a7cb8
      shipped_weights b7a7cb8 "$RS58B"
      offered r206-q4 0.11 6000 "$RS58B/q4.pt" "$RS58B/q4.pt" 3e-5 210 --M 192 --threads 1 --min-scale 0.45 ;;
    207)  # session 59, after round 203: its decoders continued on their own bitstream (round 203's
        # run exported again as a file first, as in round 198). −0.14 % (soft −0.40 %; 0.429 → 0.431
        # bpp, QR 32.12 → 32.15 dB), QR +0.016 dB over qr-off: shipped
      RS58B=$CK/shipped-b7a7cb8
      shipped_weights b7a7cb8 "$RS58B"
      offered_continued r207-q3 0.018 r203-q3 "$RS58B/q3.pt" 207 211 --threads 1 --min-scale 0.45 ;;
    208)  # session 59, after round 207 shipped: its decoders continued again. +0.02 % against round
        # 207, QR +0.013 dB over qr-off: not shipped
      RS59=$CK/shipped-ad0e3ec
      shipped_weights ad0e3ec "$RS59"
      continued_decoders r208-q3 0.018 r203-q3 "$RS59/q3.pt" 212 --threads 1 --min-scale 0.45 ;;
    209)  # session 59, after round 205: its decoders continued on their own bitstream (round 205's
        # run exported again as a file first). +0.03 % against round 205, QR +0.033 dB over qr-off:
        # not shipped
      RS58B=$CK/shipped-b7a7cb8
      shipped_weights b7a7cb8 "$RS58B"
      offered_continued r209-q1 0.0006 r205-q1 "$RS58B/q1.pt" 209 213 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.45 ;;
    210)  # session 60: the shipped q3 (round 207)'s soft phase 6,000 steps more at [0.45, 1], as in
        # round 203, decoders offered the shipped file. +0.16 % (soft +0.31 %), QR +0.046 dB over
        # qr-off: not shipped
      RS59B=$CK/shipped-4d8b1e2
      shipped_weights 4d8b1e2 "$RS59B"
      offered r210-q3 0.018 6000 "$RS59B/q3.pt" "$RS59B/q3.pt" 3e-5 214 --threads 1 --min-scale 0.45 ;;
    211)  # session 60, beside round 210: the same for the shipped q1 (round 205). −0.14 % (soft
        # −0.21 %, MS-SSIM −0.29 %; 0.0905 bpp, QR 26.52 → 26.56 dB), QR +0.027 dB over qr-off: shipped
      RS59B=$CK/shipped-4d8b1e2
      shipped_weights 4d8b1e2 "$RS59B"
      offered r211-q1 0.0006 6000 "$RS59B/q1.pt" "$RS59B/q1.pt" 3e-5 215 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.45 ;;
    212)  # session 60, after round 210: its decoders continued on their own bitstream, as in round 207.
        # +0.12 %, QR +0.035 dB over qr-off: not shipped
      RS59B=$CK/shipped-4d8b1e2
      shipped_weights 4d8b1e2 "$RS59B"
      offered_continued r212-q3 0.018 r210-q3 "$RS59B/q3.pt" 214 216 --threads 1 --min-scale 0.45 ;;
    213)  # session 60, after round 211: the same for q1. +0.04 % against round 211, QR +0.010 dB over
        # qr-off: not shipped
      RS59B=$CK/shipped-4d8b1e2
      shipped_weights 4d8b1e2 "$RS59B"
      offered_continued r213-q1 0.0006 r211-q1 "$RS59B/q1.pt" 215 217 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.45 ;;
    214)  # session 60, after round 211 shipped: its soft phase 6,000 steps more with crops cut at a
        # scale in [0.35, 1], decoders offered the shipped file. +0.05 % against round 211 (MS-SSIM
        # −0.17 %), QR +0.028 dB over qr-off: not shipped
      RS60=$CK/shipped-0d5e2d8
      shipped_weights 0d5e2d8 "$RS60"
      offered r214-q1 0.0006 6000 "$RS60/q1.pt" "$RS60/q1.pt" 3e-5 218 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.35 ;;
    215)  # session 60, beside round 214: the same for the shipped q2 (round 194; [0.45, 1] did not
        # move it in round 204). −0.19 % (soft −0.18 %, MS-SSIM −0.28 %; 0.279 → 0.281 bpp, QR 30.56
        # → 30.61 dB), QR +0.020 dB over qr-off: shipped
      RS60=$CK/shipped-0d5e2d8
      shipped_weights 0d5e2d8 "$RS60"
      offered r215-q2 0.0045 6000 "$RS60/q2.pt" "$RS60/q2.pt" 3e-5 219 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.35 ;;
    216)  # session 61: the shipped q3 (round 207)'s soft phase 6,000 steps more at [0.35, 1], as
        # round 215 did for q2, decoders offered the shipped file. +0.17 % (soft +0.20 %), QR +0.017
        # dB over qr-off: not shipped
      RS61=$CK/shipped-2f58df9
      shipped_weights 2f58df9 "$RS61"
      offered r216-q3 0.018 6000 "$RS61/q3.pt" "$RS61/q3.pt" 3e-5 220 --threads 1 --min-scale 0.35 ;;
    217)  # session 61, beside round 216: round 215's q2 decoders continued on their own bitstream.
        # +0.08 % against round 215, QR +0.011 dB over qr-off: not shipped
      RS61=$CK/shipped-2f58df9
      shipped_weights 2f58df9 "$RS61"
      continued_decoders r217-q2 0.0045 r215-q2 "$RS61/q2.pt" 221 --threads 1 --decoder-quantizer noisy-dsq \
        --min-scale 0.35 ;;
    218)  # session 61, after round 217: the shipped q4 (round 198)'s soft phase 6,000 steps more at
        # [0.35, 1], decoders offered the shipped file. +0.14 % (1.114 → 1.128 bpp, QR 36.69 → 36.72
        # dB), QR +0.009 dB over qr-off: not shipped
      RS61=$CK/shipped-2f58df9
      shipped_weights 2f58df9 "$RS61"
      offered r218-q4 0.11 6000 "$RS61/q4.pt" "$RS61/q4.pt" 3e-5 222 --M 192 --threads 1 --min-scale 0.35 ;;
    219)  # session 61, after round 216: the shipped q1 (round 211)'s soft phase 6,000 steps more at
        # [0.45, 1] once more (round 214's [0.35, 1] did not gain), decoders offered the shipped file.
        # +0.05 % (MS-SSIM −0.13 %), QR +0.016 dB over qr-off: not shipped
      RS61=$CK/shipped-2f58df9
      shipped_weights 2f58df9 "$RS61"
      offered r219-q1 0.0006 6000 "$RS61/q1.pt" "$RS61/q1.pt" 3e-5 223 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.45 ;;
    220)  # session 61, after round 218: the shipped q2 (round 215)'s soft phase 5,000 steps more at
        # [0.35, 1] once more (5,000 to fit the session), decoders offered the shipped file. −0.03 %
        # but MS-SSIM +0.54 %, QR +0.005 dB over qr-off (on the validation crops 0.002 dB behind it):
        # not shipped
      RS61=$CK/shipped-2f58df9
      shipped_weights 2f58df9 "$RS61"
      offered r220-q2 0.0045 5000 "$RS61/q2.pt" "$RS61/q2.pt" 3e-5 224 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.35 ;;
    221)  # session 62: the shipped q1 (round 211)'s soft phase continued under a cosine twice as long
        # (12,000 steps) at [0.45, 1], decoders offered the shipped file. +0.005 % (soft −0.12 %,
        # 0.0905 → 0.0895 bpp), QR 0.0005 dB behind qr-off: not shipped
      RS62=$CK/shipped-6ba7f10
      shipped_weights 6ba7f10 "$RS62"
      offered r221-q1 0.0006 12000 "$RS62/q1.pt" "$RS62/q1.pt" 3e-5 225 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.45 ;;
    222)  # session 62, beside round 221: the same for the shipped q2 (round 215) at [0.35, 1].
        # −0.18 % (soft −0.28 %) but MS-SSIM +0.36 %, QR +0.006 dB over qr-off: not shipped
      RS62=$CK/shipped-6ba7f10
      shipped_weights 6ba7f10 "$RS62"
      offered r222-q2 0.0045 12000 "$RS62/q2.pt" "$RS62/q2.pt" 3e-5 226 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.35 ;;
    223)  # session 62, after round 221: its decoders continued on their own bitstream. −0.06 %
        # (MS-SSIM −0.31 %; QR 26.56 → 26.53 dB at 0.0905 → 0.0895 bpp), QR +0.013 dB over qr-off:
        # shipped
      RS62=$CK/shipped-6ba7f10
      shipped_weights 6ba7f10 "$RS62"
      offered_continued r223-q1 0.0006 r221-q1 "$RS62/q1.pt" 225 227 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.45 ;;
    224)  # session 62, beside round 223: the same for round 222's q2. −0.21 % but MS-SSIM +0.22 %
        # (a trade, not a gain), QR +0.016 dB over qr-off: not shipped
      RS62=$CK/shipped-6ba7f10
      shipped_weights 6ba7f10 "$RS62"
      offered_continued r224-q2 0.0045 r222-q2 "$RS62/q2.pt" 226 228 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.35 ;;
    225)  # session 62, after round 224: round 222's decoders continued on its bitstream with another
        # seed (round 224's second seed), to be judged by MS-SSIM as much as by PSNR. Against session
        # 62's table −0.18 % but MS-SSIM +0.30 %, QR +0.008 dB over qr-off: not shipped
      # (the file round 224 exported, so round 224 runs first)
      continued_decoders r225-q2 0.0045 r222-q2 "$CK/exported-r222/qr-mbt2018-mean-q2.pt" 229 \
        --threads 1 --decoder-quantizer noisy-dsq --min-scale 0.35 ;;
    226)  # session 62, beside round 225: the shipped q1 (round 223)'s decoders continued once more.
        # +0.04 % (MS-SSIM +0.10 %), QR +0.003 dB over qr-off: not shipped
      RS62B=$CK/shipped-25f6022
      shipped_weights 25f6022 "$RS62B"
      continued_decoders r226-q1 0.0006 r221-q1 "$RS62B/q1.pt" 230 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.45 ;;
    227)  # session 63: the shipped q3 (round 207)'s soft phase continued under a cosine twice as long
        # (12,000 steps) at [0.45, 1], as round 221 did for q1, decoders offered the shipped file.
        # −0.08 % (MS-SSIM +0.002 %; soft +0.04 %, 0.431 → 0.430 bpp), QR +0.040 dB over qr-off:
        # not shipped (continued in round 229)
      RS63=$CK/shipped-7cb9f84
      shipped_weights 7cb9f84 "$RS63"
      offered r227-q3 0.018 12000 "$RS63/q3.pt" "$RS63/q3.pt" 3e-5 231 --threads 1 --min-scale 0.45 ;;
    228)  # session 63, beside round 227: the same for the shipped q4 (round 198) at its own [0.6, 1]
        # (rounds 206 and 218 at [0.45, 1] and [0.35, 1] lost). −0.03 % (MS-SSIM −0.08 %; 1.114 →
        # 1.112 bpp), QR +0.007 dB over qr-off: not shipped (continued in round 230)
      RS63=$CK/shipped-7cb9f84
      shipped_weights 7cb9f84 "$RS63"
      offered r228-q4 0.11 12000 "$RS63/q4.pt" "$RS63/q4.pt" 3e-5 232 --M 192 --threads 1 --min-scale 0.6 ;;
    229)  # session 63, after round 227: its decoders continued on their own bitstream, as round 223.
        # −0.15 % (MS-SSIM +0.005 %; QR 32.15 → 32.16 dB at 0.430 bpp), QR +0.049 dB over qr-off:
        # shipped
      RS63=$CK/shipped-7cb9f84
      shipped_weights 7cb9f84 "$RS63"
      offered_continued r229-q3 0.018 r227-q3 "$RS63/q3.pt" 231 233 --threads 1 --min-scale 0.45 ;;
    230)  # session 63, after round 228: its decoders continued on their own bitstream. −0.04 %
        # (MS-SSIM −0.08 %; 1.114 → 1.112 bpp, QR 36.69 → 36.70 dB), QR +0.012 dB over qr-off:
        # shipped
      RS63=$CK/shipped-7cb9f84
      shipped_weights 7cb9f84 "$RS63"
      offered_continued r230-q4 0.11 r228-q4 "$RS63/q4.pt" 232 234 --M 192 --threads 1 --min-scale 0.6 ;;
    231)  # session 63: round 222's q2 bitstream (its 12,000-step soft phase) with decoders offered the
        # shipped file's as in round 222, but 500 steps each instead of 1,000: its MSE-fine-tuned
        # decoders had lost in MS-SSIM what they gained in PSNR. −0.16 % but MS-SSIM +0.58 %, QR
        # 0.001 dB behind qr-off (whose own curve was −0.33 % / −0.12 %): not shipped
      RS63=$CK/shipped-7cb9f84
      shipped_weights 7cb9f84 "$RS63"
      run r231-q2 0.0045 0 500 r222-q2 --anneal-from 1 --seed 235 --decoders-from "$RS63/q2.pt" \
        --rectifier-lr 3e-4 --predictive-lr 3e-5 --threads 2 --decoder-quantizer noisy-dsq --min-scale 0.35 ;;
    232)  # session 64: the shipped q3 (round 229)'s soft phase under a second 12,000-step cosine at
        # [0.45, 1], decoders offered the shipped file (round 227 again, from its result). −0.50 %
        # (MS-SSIM +0.05 %, the soft decoder's too; 0.430 → 0.426 bpp), QR +0.040 dB over qr-off:
        # continued in round 234
      RS64=$CK/shipped-b706708
      shipped_weights b706708 "$RS64"
      offered r232-q3 0.018 12000 "$RS64/q3.pt" "$RS64/q3.pt" 3e-5 236 --threads 1 --min-scale 0.45 ;;
    233)  # session 64, beside round 232: the same for the shipped q4 (round 230) at [0.6, 1].
        # −0.11 % (MS-SSIM −0.005 %; 1.112 → 1.107 bpp), QR +0.002 dB over qr-off: continued in 235
      RS64=$CK/shipped-b706708
      shipped_weights b706708 "$RS64"
      offered r233-q4 0.11 12000 "$RS64/q4.pt" "$RS64/q4.pt" 3e-5 237 --M 192 --threads 1 --min-scale 0.6 ;;
    234)  # session 64, after round 232: its decoders continued on their own bitstream, as round 229.
        # −0.52 % (MS-SSIM +0.05 %, as round 232's soft decoder), QR +0.045 dB over qr-off: shipped
      RS64=$CK/shipped-b706708
      shipped_weights b706708 "$RS64"
      offered_continued r234-q3 0.018 r232-q3 "$RS64/q3.pt" 236 238 --threads 1 --min-scale 0.45 ;;
    235)  # session 64, after round 233: its decoders continued on their own bitstream, as round 230.
        # −0.13 % (MS-SSIM −0.01 %), QR +0.007 dB over qr-off: shipped
      RS64=$CK/shipped-b706708
      shipped_weights b706708 "$RS64"
      offered_continued r235-q4 0.11 r233-q4 "$RS64/q4.pt" 237 239 --M 192 --threads 1 --min-scale 0.6 ;;
    236)  # session 64: round 231 again (round 222's q2 bitstream, decoders offered the shipped file's,
        # 500 steps each) with the QR phase offered the new qr-off synthesis as its start: round 231's
        # qr-off gained in both PSNR and MS-SSIM, its QR from the soft synthesis did not. QR started
        # from it; −0.27 % but MS-SSIM +0.16 % (qr-off +0.34 %), QR +0.020 dB over qr-off: not shipped
      RS64=$CK/shipped-b706708
      shipped_weights b706708 "$RS64"
      run r236-q2 0.0045 0 500 r222-q2 --anneal-from 1 --seed 240 --decoders-from "$RS64/q2.pt" \
        --rectifier-lr 3e-4 --predictive-lr 3e-5 --threads 1 --decoder-quantizer noisy-dsq --min-scale 0.35 \
        --offer-off-synthesis ;;
    237)  # session 64, after round 236: the same run (its seed) with the decoders' distortion
        # MSE + 0.003·(1 − MS-SSIM) (at 0.003 about a third of MSE's gradient on the shipped q2).
        # −0.35 % and MS-SSIM −0.36 %, QR +0.021 dB over qr-off: shipped
      RS64=$CK/shipped-b706708
      shipped_weights b706708 "$RS64"
      run r237-q2 0.0045 0 500 r222-q2 --anneal-from 1 --seed 240 --decoders-from "$RS64/q2.pt" \
        --rectifier-lr 3e-4 --predictive-lr 3e-5 --threads 1 --decoder-quantizer noisy-dsq --min-scale 0.35 \
        --offer-off-synthesis --decoder-ms-ssim-weight 0.003 ;;
    238)  # session 64, after round 237: its decoders (the shipped q2) continued on their own
        # bitstream, with the same MS-SSIM term, as round 223 after round 221. Against round 237
        # PSNR +0.07 %, MS-SSIM −0.06 % (−0.28 % / −0.42 % against session 63's table), QR +0.016 dB
        # over qr-off: a trade, not shipped
      RS64B=$CK/shipped-52de1b5
      shipped_weights 52de1b5 "$RS64B"
      continued_decoders r238-q2 0.0045 r222-q2 "$RS64B/q2.pt" 241 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.35 --decoder-ms-ssim-weight 0.003 ;;
    239)  # session 64, after round 234: its decoders (the shipped q3) continued on their own bitstream
        # once more, with round 237's MS-SSIM term: round 232's bitstream cost MS-SSIM +0.05 %.
        # −0.71 % (MS-SSIM +0.06 %, level with round 234's), QR +0.057 dB over qr-off: shipped
      RS64C=$CK/shipped-9000370
      shipped_weights 9000370 "$RS64C"
      continued_decoders r239-q3 0.018 r232-q3 "$RS64C/q3.pt" 242 --threads 1 --min-scale 0.45 \
        --decoder-ms-ssim-weight 0.003 ;;
    240)  # session 65, on a new machine without session 64's checkpoints: the shipped q3's soft phase
        # (round 232's) continued from the file under a third 12,000-step cosine (the second gained
        # six times the first), decoders offered the file's, with the MS-SSIM term of round 239.
        # −0.26 % (soft −0.48 %, 0.426 → 0.424 bpp) but MS-SSIM +0.04 % (all three decoders': the
        # bitstream's), QR +0.042 dB over qr-off: continued in 245
      RS65=$CK/shipped-2ca833d
      shipped_weights 2ca833d "$RS65"
      offered r240-q3 0.018 12000 "$RS65/q3.pt" "$RS65/q3.pt" 3e-5 243 --threads 1 --min-scale 0.45 \
        --decoder-ms-ssim-weight 0.003 ;;
    241)  # session 65: the shipped q1's decoders (round 223's) continued on their own bitstream with the
        # MS-SSIM term, which carried q3's second continuation (round 239) where MSE alone had not.
        # +0.06 % (MS-SSIM −0.10 %), QR 0.013 dB lower, +0.011 dB over qr-off: a trade, not shipped
      RS65=$CK/shipped-2ca833d
      shipped_weights 2ca833d "$RS65"
      continued_decoders r241-q1 0.0006 "$RS65/q1.pt" "$RS65/q1.pt" 244 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.45 --decoder-ms-ssim-weight 0.003 ;;
    242)  # session 65, after round 241: the same for the shipped q4 (round 235's decoders).
        # +0.006 % (MS-SSIM −0.03 %), QR +0.008 dB over qr-off: a trade, not shipped
      RS65=$CK/shipped-2ca833d
      shipped_weights 2ca833d "$RS65"
      continued_decoders r242-q4 0.11 "$RS65/q4.pt" "$RS65/q4.pt" 245 --M 192 --threads 1 --min-scale 0.6 \
        --decoder-ms-ssim-weight 0.003 ;;
    243)  # session 65, after round 242: the shipped q2's soft phase (round 222's) continued from the
        # file under a 6,000-step cosine, decoders offered the file's, with the MS-SSIM term.
        # −0.14 % (soft −0.14 %) but MS-SSIM +0.11 % (soft +0.21 %), QR +0.034 dB over qr-off: a
        # trade, continued in 244
      RS65=$CK/shipped-2ca833d
      shipped_weights 2ca833d "$RS65"
      offered r243-q2 0.0045 6000 "$RS65/q2.pt" "$RS65/q2.pt" 3e-5 246 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.35 --decoder-ms-ssim-weight 0.003 ;;
    244)  # session 65, after round 243: its decoders continued on their own bitstream with the same
        # term, as round 237 did for round 222's bitstream. −0.17 % but MS-SSIM +0.05 % (the soft
        # decoder's +0.21 %), QR +0.038 dB over qr-off: a trade, not shipped
      RS65=$CK/shipped-2ca833d
      shipped_weights 2ca833d "$RS65"
      offered_continued r244-q2 0.0045 r243-q2 "$RS65/q2.pt" 246 247 --threads 1 \
        --decoder-quantizer noisy-dsq --min-scale 0.35 --decoder-ms-ssim-weight 0.003 ;;
    245)  # session 65, after round 240: its decoders continued on their own bitstream with the same
        # term, as round 239 after round 234. −0.28 % but MS-SSIM +0.04 % (the bitstream's: soft
        # +0.03 %; 7× the PSNR gain, short of the tenfold that round 234 shipped on), QR +0.040 dB
        # over qr-off: not shipped, continued in 246 and 247
      RS65=$CK/shipped-2ca833d
      shipped_weights 2ca833d "$RS65"
      offered_continued r245-q3 0.018 r240-q3 "$RS65/q3.pt" 243 248 --threads 1 --min-scale 0.45 \
        --decoder-ms-ssim-weight 0.003 ;;
    246)  # session 65, after round 245: its decoders (re-exported as a file) continued once more,
        # as round 239 after round 234. −0.28 % (MS-SSIM +0.03 %), QR +0.037 dB over qr-off: behind
        # round 247, not shipped
      R245=(r245-q3 0.018 r240-q3 "$CK/exported-r240/qr-mbt2018-mean-q3.pt" 248 --threads 1 --min-scale 0.45)
      continued_decoders "${R245[@]}" --decoder-ms-ssim-weight 0.003 --export-dir "$CK/exported-r245"
      continued_decoders r246-q3 0.018 r240-q3 "$CK/exported-r245/qr-mbt2018-mean-q3.pt" 249 --threads 1 \
        --min-scale 0.45 --decoder-ms-ssim-weight 0.003 ;;
    247)  # session 65, beside round 246 (after its re-export of round 245, which this round continues):
        # the same with a term three times as strong (0.01), to buy back
        # the MS-SSIM that round 240's bitstream cost. −0.34 % (qr-off −0.53 %) and MS-SSIM +0.04 %
        # (the bitstream's: soft +0.03 %), QR +0.036 dB over qr-off: shipped (docs/evaluation.md)
      continued_decoders r247-q3 0.018 r240-q3 "$CK/exported-r245/qr-mbt2018-mean-q3.pt" 250 --threads 1 \
        --min-scale 0.45 --decoder-ms-ssim-weight 0.01 ;;
    248)  # session 66: the shipped q3 (round 247)'s soft phase under a fourth 12,000-step cosine at
        # [0.45, 1], decoders offered the shipped file's, with the MS-SSIM term (as round 240).
        # +0.07 % (soft −0.21 %, qr-off −0.10 %; MS-SSIM −0.02 %), QR +0.016 dB over qr-off:
        # continued in 250
      RS66=$CK/shipped-371f660
      shipped_weights 371f660 "$RS66"
      offered r248-q3 0.018 12000 "$RS66/q3.pt" "$RS66/q3.pt" 3e-5 251 --threads 1 --min-scale 0.45 \
        --decoder-ms-ssim-weight 0.003 ;;
    249)  # session 66, beside round 248: the shipped q4 (round 235)'s soft phase under a third
        # 12,000-step cosine at [0.6, 1] (as round 233). +0.23 % (soft +0.11 %: 1.107 → 1.102 bpp
        # for 0.06 dB less; MS-SSIM +0.02 %), QR 0.017 dB behind qr-off: continued in 251
      RS66=$CK/shipped-371f660
      shipped_weights 371f660 "$RS66"
      offered r249-q4 0.11 12000 "$RS66/q4.pt" "$RS66/q4.pt" 3e-5 252 --M 192 --threads 1 --min-scale 0.6 ;;
    250)  # session 66, after round 248: its decoders continued on their own bitstream with the same
        # term, as round 245 after round 240. +0.03 % (MS-SSIM −0.02 %), QR +0.024 dB over qr-off:
        # continued in 252
      RS66=$CK/shipped-371f660
      shipped_weights 371f660 "$RS66"
      offered_continued r250-q3 0.018 r248-q3 "$RS66/q3.pt" 251 253 --threads 1 --min-scale 0.45 \
        --decoder-ms-ssim-weight 0.003 ;;
    251)  # session 66, after round 249: its decoders continued on their own bitstream, as round 235.
        # +0.12 % (MS-SSIM +0.02 %), QR +0.025 dB over qr-off: the bitstream's loss, not shipped
      RS66=$CK/shipped-371f660
      shipped_weights 371f660 "$RS66"
      offered_continued r251-q4 0.11 r249-q4 "$RS66/q4.pt" 252 254 --M 192 --threads 1 --min-scale 0.6 ;;
    252)  # session 66, after round 250: its decoders (re-exported as a file) continued once more with
        # the term at 0.01, as round 247 after round 245. −0.026 % (MS-SSIM −0.012 %), QR +0.024 dB
        # over qr-off: short of the margin, continued in 253
      R250=(r250-q3 0.018 r248-q3 "$CK/exported-r248/qr-mbt2018-mean-q3.pt" 253 --threads 1 --min-scale 0.45)
      continued_decoders "${R250[@]}" --decoder-ms-ssim-weight 0.003 --export-dir "$CK/exported-r250"
      continued_decoders r252-q3 0.018 r248-q3 "$CK/exported-r250/qr-mbt2018-mean-q3.pt" 255 --threads 1 \
        --min-scale 0.45 --decoder-ms-ssim-weight 0.01 ;;
    253)  # session 66, after round 252: its decoders (re-exported as a file) continued once more with
        # the term at 0.01 (both threads: the other lane had finished).
        # −0.039 % (soft −0.21 %, qr-off −0.11 %; MS-SSIM −0.010 %), QR +0.028 dB over qr-off: shipped
      R252=(r252-q3 0.018 r248-q3 "$CK/exported-r250/qr-mbt2018-mean-q3.pt" 255 --threads 1 --min-scale 0.45)
      continued_decoders "${R252[@]}" --decoder-ms-ssim-weight 0.01 --export-dir "$CK/exported-r252"
      continued_decoders r253-q3 0.018 r248-q3 "$CK/exported-r252/qr-mbt2018-mean-q3.pt" 256 --threads 2 \
        --min-scale 0.45 --decoder-ms-ssim-weight 0.01 ;;
  esac
done
