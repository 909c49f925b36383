#!/bin/sh
# Images the node needs at boot, pulled into containerd's store (the runtime the kubelet uses).
set -eu
systemctl start containerd.service
for image in ${PREPULL_IMAGES}; do
  ctr --namespace k8s.io images pull --platform "linux/${IMAGE_ARCH}" "${image}"
done
