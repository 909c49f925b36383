package dev.kubeherd.toolkit.ami;

/** EC2 architectures Flatcar is published for. */
public enum AmiArch {
  X86_64("x86_64", "t3.small", ""),
  ARM64("arm64", "t4g.small", "-arm64");

  private final String id;
  private final String defaultInstanceType;
  private final String flatcarNameSuffix;

  AmiArch(String id, String defaultInstanceType, String flatcarNameSuffix) {
    this.id = id;
    this.defaultInstanceType = defaultInstanceType;
    this.flatcarNameSuffix = flatcarNameSuffix;
  }

  /** The EC2 name ({@code x86_64}, {@code arm64}). */
  public String id() {
    return id;
  }

  /** A small instance type of this architecture for the build instance. */
  public String defaultInstanceType() {
    return defaultInstanceType;
  }

  /**
   * What Flatcar's AMI names carry for this architecture before {@code -hvm}: nothing for x86_64
   * ({@code Flatcar-stable-4152.2.3-hvm}), {@code -arm64} for arm64 ({@code
   * Flatcar-stable-4152.2.3-arm64-hvm}).
   */
  public String flatcarNameSuffix() {
    return flatcarNameSuffix;
  }

  /** The architecture with this EC2 name. */
  public static AmiArch of(String id) {
    for (AmiArch a : values()) {
      if (a.id.equals(id)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown architecture " + id + ": use x86_64 or arm64");
  }
}
