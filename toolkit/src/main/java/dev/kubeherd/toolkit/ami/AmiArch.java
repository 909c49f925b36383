package dev.kubeherd.toolkit.ami;

/** EC2 architectures Flatcar is published for. */
public enum AmiArch {
  X86_64("x86_64", "t3.small"),
  ARM64("arm64", "t4g.small");

  private final String id;
  private final String defaultInstanceType;

  AmiArch(String id, String defaultInstanceType) {
    this.id = id;
    this.defaultInstanceType = defaultInstanceType;
  }

  /** The EC2 name ({@code x86_64}, {@code arm64}). */
  public String id() {
    return id;
  }

  /** A small instance type of this architecture for the build instance. */
  public String defaultInstanceType() {
    return defaultInstanceType;
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
