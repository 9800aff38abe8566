#!/bin/sh
# Runs a training-step script with the settings this machine needs:
#  - Debian's torch links the reference BLAS; a locally unpacked OpenBLAS (apt-get download libopenblas0-pthread,
#    dpkg -x into .cache/openblas/root) is ~3x faster for the matmuls. Optional; results are the same model family.
#  - glibc returns big tensors to the kernel after each op, and page faults are slow in this VM: keep them mapped.
HERE=$(cd "$(dirname "$0")" && pwd)
OB="$HERE/.cache/openblas/root/usr/lib/x86_64-linux-gnu/openblas-pthread"
if [ -d "$OB" ]; then export LD_LIBRARY_PATH="$OB${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"; fi
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
export MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4294967296 MALLOC_TOP_PAD_=268435456
cd "$HERE" && exec /usr/bin/python3 "$@"
