#!/bin/sh
# kubelet, kubectl and the CNI plugins into /opt (Flatcar's /usr is read-only).
set -eu
mkdir -p /opt/bin /opt/cni/bin
base="https://dl.k8s.io/release/${KUBERNETES_VERSION}/bin/linux/${IMAGE_ARCH}"
for tool in kubelet kubectl; do
  curl -fsSL --retry 5 -o "/opt/bin/${tool}" "${base}/${tool}"
  curl -fsSL --retry 5 -o "/tmp/${tool}.sha256" "${base}/${tool}.sha256"
  echo "$(cat "/tmp/${tool}.sha256")  /opt/bin/${tool}" | sha256sum -c -
  chmod 0755 "/opt/bin/${tool}"
done
cni="https://github.com/containernetworking/plugins/releases/download/${CNI_PLUGINS_VERSION}"
archive="cni-plugins-linux-${IMAGE_ARCH}-${CNI_PLUGINS_VERSION}.tgz"
curl -fsSL --retry 5 -o "/tmp/${archive}" "${cni}/${archive}"
curl -fsSL --retry 5 -o "/tmp/${archive}.sha256" "${cni}/${archive}.sha256"
(cd /tmp && sha256sum -c "${archive}.sha256")
tar -C /opt/cni/bin -xzf "/tmp/${archive}"
rm -f /tmp/*.sha256 "/tmp/${archive}"
