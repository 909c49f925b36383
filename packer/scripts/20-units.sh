#!/bin/sh
# OS updates arrive as new AMIs: the in-place updaters are masked. The bootstrap unit is installed
# (it only starts on nodes whose user data writes /etc/kubeherd/bootstrap.env: controllers).
set -eu
systemctl mask update-engine.service locksmithd.service
install -m 0644 /tmp/kubeherd/kubeherd-bootstrap.service /etc/systemd/system/kubeherd-bootstrap.service
install -d -m 0755 /etc/kubeherd
printf 'KUBEHERD_IMAGE=%s\n' "${KUBEHERD_IMAGE}" > /etc/kubeherd/image.env
systemctl enable kubeherd-bootstrap.service
rm -rf /tmp/kubeherd
