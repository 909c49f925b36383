# kubeherd node AMI on Flatcar Container Linux.
#
# Nodes are replaced by new AMIs, never updated in place, so the OS updaters are masked and the
# first-boot state is reset: every instance launched from the AMI runs Ignition from its own user
# data. Validated with packer 1.6.6 (Debian) and current packer; see README.md for the variables
# and for `packer plugins install` on packer >= 1.10.

variable "channel" {
  type        = string
  default     = "stable"
  description = "Flatcar channel: stable, beta, alpha or lts."

  validation {
    condition     = contains(["stable", "beta", "alpha", "lts"], var.channel)
    error_message = "The channel variable must be stable, beta, alpha or lts."
  }
}

variable "flatcar_version" {
  type        = string
  default     = "current"
  description = "Flatcar release (e.g. 4152.2.3) or current for the newest of the channel."
}

variable "arch" {
  type        = string
  default     = "x86_64"
  description = "EC2 architecture: x86_64 or arm64."

  validation {
    condition     = contains(["x86_64", "arm64"], var.arch)
    error_message = "The arch variable must be x86_64 or arm64."
  }
}

variable "region" {
  type        = string
  default     = "eu-west-1"
  description = "Region the AMI is built in."
}

variable "ami_regions" {
  type        = list(string)
  default     = []
  description = "Further regions the finished AMI is copied to."
}

variable "instance_type" {
  type        = string
  default     = "t3.small"
  description = "Instance type of the build instance (use an arm64 type such as t4g.small for arm64)."
}

variable "subnet_id" {
  type        = string
  default     = ""
  description = "Subnet of the build instance; empty uses the default VPC."
}

variable "vpc_id" {
  type        = string
  default     = ""
  description = "VPC of the build instance; empty uses the default VPC."
}

variable "ami_name_prefix" {
  type        = string
  default     = "kubeherd-node"
  description = "First part of the AMI name."
}

variable "kubernetes_version" {
  type        = string
  default     = "v1.34.2"
  description = "kubelet and kubectl release baked into /opt/bin."
}

variable "cni_plugins_version" {
  type        = string
  default     = "v1.8.0"
  description = "CNI plugins release baked into /opt/cni/bin."
}

variable "prepull_images" {
  type        = list(string)
  default     = ["registry.k8s.io/pause:3.10"]
  description = "Images pulled into the AMI so nodes start without a registry round trip."
}

variable "kubeherd_image" {
  type        = string
  default     = "ghcr.io/kubeherd/kubeherd:latest"
  description = "Image the bootstrap unit runs on controller nodes (also pre-pulled)."
}

variable "git_sha" {
  type        = string
  default     = "unknown"
  description = "Commit of the cluster repo the AMI was built from (tag kubeherd:git-sha)."
}

variable "source_ami" {
  type        = string
  default     = ""
  description = "The Flatcar AMI resolved by kubeherd build ami; empty = newest matching the filter."
}

variable "manifest_path" {
  type        = string
  default     = "packer-manifest.json"
  description = "Where the manifest post-processor writes the built AMI ids."
}

locals {
  build_time   = formatdate("YYYY-MM-DD'T'hh:mm:ss'Z'", timestamp())
  name_stamp   = formatdate("YYYYMMDDhhmmss", timestamp())
  version_glob = var.flatcar_version == "current" ? "*" : var.flatcar_version
  image_arch   = var.arch == "arm64" ? "arm64" : "amd64"
  # Flatcar's AMI names: Flatcar-stable-4152.2.3-hvm (x86_64), Flatcar-stable-4152.2.3-arm64-hvm.
  flatcar_name = "Flatcar-${var.channel}-${local.version_glob}${var.arch == "arm64" ? "-arm64" : ""}-hvm"
  tags = {
    "Name"                     = "${var.ami_name_prefix}-flatcar-${var.channel}-${var.flatcar_version}-${var.arch}"
    "kubeherd:flatcar-channel" = var.channel
    "kubeherd:flatcar-version" = var.flatcar_version
    "kubeherd:source-ami"      = var.source_ami
    "kubeherd:git-sha"         = var.git_sha
    "kubeherd:build-time"      = local.build_time
    "kubeherd:managed"         = "true"
  }
}

source "amazon-ebs" "flatcar" {
  region        = var.region
  ami_regions   = var.ami_regions
  instance_type = var.instance_type
  subnet_id     = var.subnet_id
  vpc_id        = var.vpc_id
  ssh_username  = "core"

  # kubeherd build ami resolves the exact image and passes it; the filter below then only checks
  # it (packer combines both), and picks the newest itself when source_ami is empty (by hand).
  source_ami = var.source_ami

  ami_name        = "${var.ami_name_prefix}-flatcar-${var.channel}-${var.flatcar_version}-${var.arch}-${local.name_stamp}"
  ami_description = "kubeherd node: Flatcar ${var.channel} ${var.flatcar_version} (${var.arch}), kubelet ${var.kubernetes_version}"
  encrypt_boot    = true

  source_ami_filter {
    owners      = ["075585003325"]
    most_recent = true
    filters = {
      name                = local.flatcar_name
      architecture        = var.arch
      virtualization-type = "hvm"
      root-device-type    = "ebs"
      state               = "available"
    }
  }

  launch_block_device_mappings {
    device_name           = "/dev/xvda"
    volume_size           = 20
    volume_type           = "gp3"
    throughput            = 125
    iops                  = 3000
    encrypted             = true
    delete_on_termination = true
  }

  tags          = local.tags
  snapshot_tags = local.tags
  run_tags      = { "Name" = "packer-${var.ami_name_prefix}-build" }
}

build {
  sources = ["source.amazon-ebs.flatcar"]

  provisioner "file" {
    source      = "${path.root}/files/"
    destination = "/tmp/kubeherd"
  }

  provisioner "shell" {
    environment_vars = [
      "KUBERNETES_VERSION=${var.kubernetes_version}",
      "CNI_PLUGINS_VERSION=${var.cni_plugins_version}",
      "IMAGE_ARCH=${local.image_arch}",
      "KUBEHERD_IMAGE=${var.kubeherd_image}",
      "PREPULL_IMAGES=${join(" ", concat(var.prepull_images, [var.kubeherd_image]))}",
    ]
    execute_command = "sudo -E sh -eux '{{ .Path }}'"
    scripts = [
      "${path.root}/scripts/10-binaries.sh",
      "${path.root}/scripts/20-units.sh",
      "${path.root}/scripts/30-prepull.sh",
      "${path.root}/scripts/90-reset-first-boot.sh",
    ]
  }

  post-processor "manifest" {
    output     = var.manifest_path
    strip_path = true
    custom_data = {
      flatcar_channel = var.channel
      flatcar_version = var.flatcar_version
      arch            = var.arch
      source_ami      = var.source_ami
      git_sha         = var.git_sha
    }
  }
}
