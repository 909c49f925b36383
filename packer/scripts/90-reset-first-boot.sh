#!/bin/sh
# Last step: make every instance launched from the AMI boot as a new machine, so Ignition applies
# its own user data and it gets a fresh identity.
set -eu
touch /boot/flatcar/first_boot
rm -f /etc/machine-id
rm -f /etc/ssh/ssh_host_*
rm -rf /usr/share/oem/config.ign /oem/config.ign /var/lib/flatcar-oem-* 2>/dev/null || true
journalctl --rotate --vacuum-time=1s || true
rm -rf /var/log/journal/* /tmp/* /home/core/.ssh/authorized_keys
