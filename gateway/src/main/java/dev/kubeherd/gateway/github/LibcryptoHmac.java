package dev.kubeherd.gateway.github;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Hmac} by OpenSSL's one-shot {@code HMAC()} in the system's {@code libcrypto.so.3}, called
 * through the foreign function API with the arrays passed in place. That is a critical downcall: no
 * copy, but no thread of the JVM can stop for a collection until it returns, so only bodies up to
 * {@link #CRITICAL_LIMIT} (about 100 µs of hashing) go this way; larger ones, rare and possibly
 * sent by anyone who knows a repository's name, are hashed by the {@link JdkHmac} (25 MB, GitHub's
 * limit, would hold every thread for about 17 ms).
 *
 * <p>Binding runs the RFC 4231 and RFC 2202 test vectors through the library, so a libcrypto that
 * refuses an algorithm (a FIPS configuration) or answers wrongly is not used.
 *
 * <p>The project compiles for Java 21, where that API is a preview, so it is bound by reflection
 * once, when loaded; the calls themselves are plain method handle invocations. Needs Java 22 or
 * newer; {@code --enable-native-access=ALL-UNNAMED} (which {@code bin/kubeherd} passes) keeps the
 * JDK from warning about it.
 */
final class LibcryptoHmac implements Hmac {
  static final String LIBRARY = "libcrypto.so.3";

  /** The largest body hashed in a critical downcall. */
  static final int CRITICAL_LIMIT = 256 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(LibcryptoHmac.class);
  private static final String API = "java.lang.foreign.";
  private static final JdkHmac LARGE = new JdkHmac();

  /** Per algorithm: {@code (byte[] key, int keyLength, byte[] data, long length, byte[] out)}. */
  private final Map<Algorithm, MethodHandle> calls;

  private final Object nullPointer;

  private LibcryptoHmac(Map<Algorithm, MethodHandle> calls, Object nullPointer) {
    this.calls = calls;
    this.nullPointer = nullPointer;
  }

  /** The library, or empty when it cannot be loaded here (no OpenSSL 3, or Java before 22). */
  static Optional<LibcryptoHmac> load() {
    try {
      return Optional.of(loadOrThrow());
    } catch (IllegalStateException e) {
      LOG.info("Webhook HMACs are computed by the JDK: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * @throws IllegalStateException saying why the library cannot be used and what to do
   */
  static LibcryptoHmac loadOrThrow() {
    try {
      return bind();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Throwable cause = e instanceof InvocationTargetException wrapped ? wrapped.getCause() : e;
      throw new IllegalStateException(
          "Cannot compute HMACs with "
              + LIBRARY
              + " ("
              + cause
              + "): install OpenSSL 3 (Debian: apt-get install libssl3), run on Java 22 or newer,"
              + " or set -D"
              + PROPERTY
              + "=jdk",
          cause);
    }
  }

  @Override
  public byte[] compute(Algorithm algorithm, byte[] key, byte[] data) {
    Hmac.requireKey(key);
    if (data.length > CRITICAL_LIMIT) {
      return LARGE.compute(algorithm, key, data);
    }
    return call(calls, nullPointer, algorithm, key, data);
  }

  private static byte[] call(
      Map<Algorithm, MethodHandle> calls,
      Object nullPointer,
      Algorithm algorithm,
      byte[] key,
      byte[] data) {
    byte[] out = new byte[algorithm.length()];
    Object result;
    try {
      result =
          (Object) calls.get(algorithm).invokeExact(key, key.length, data, (long) data.length, out);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(LIBRARY + " HMAC() failed: " + e, e);
    }
    if (nullPointer.equals(result)) {
      throw new IllegalStateException(
          LIBRARY
              + " HMAC() returned NULL for "
              + algorithm.jdkName()
              + "; set -D"
              + PROPERTY
              + "=jdk");
    }
    return out;
  }

  @Override
  public String implementation() {
    return LIBRARY;
  }

  private static LibcryptoHmac bind() throws Throwable {
    Class<?> linkerType = Class.forName(API + "Linker");
    Class<?> optionType = Class.forName(API + "Linker$Option");
    Class<?> segmentType = Class.forName(API + "MemorySegment");
    Class<?> layoutType = Class.forName(API + "MemoryLayout");
    Class<?> valueLayoutType = Class.forName(API + "ValueLayout");
    Class<?> descriptorType = Class.forName(API + "FunctionDescriptor");
    Class<?> lookupType = Class.forName(API + "SymbolLookup");
    Class<?> arenaType = Class.forName(API + "Arena");

    Object linker = linkerType.getMethod("nativeLinker").invoke(null);
    Object arena = arenaType.getMethod("global").invoke(null);
    Object library =
        lookupType.getMethod("libraryLookup", String.class, arenaType).invoke(null, LIBRARY, arena);
    Object address = valueLayoutType.getField("ADDRESS").get(null);
    Object jint = valueLayoutType.getField("JAVA_INT").get(null);
    Object jlong = valueLayoutType.getField("JAVA_LONG").get(null);
    Object sizeT =
        ((Map<?, ?>) linkerType.getMethod("canonicalLayouts").invoke(linker)).get("size_t");
    if ((long) layoutType.getMethod("byteSize").invoke(sizeT) != 8) {
      throw new IllegalStateException("size_t is not 64 bits on this platform");
    }
    Object nullPointer = segmentType.getField("NULL").get(null);
    var describe = descriptorType.getMethod("of", layoutType, layoutType.arrayType());
    var downcall =
        linkerType.getMethod("downcallHandle", segmentType, descriptorType, optionType.arrayType());
    var find = lookupType.getMethod("find", String.class);
    Object critical = Array.newInstance(optionType, 1);
    Array.set(critical, 0, optionType.getMethod("critical", boolean.class).invoke(null, true));
    Object noOptions = Array.newInstance(optionType, 0);

    // unsigned char *HMAC(const EVP_MD *md, const void *key, int key_len,
    //                     const unsigned char *data, size_t data_len,
    //                     unsigned char *out, unsigned int *out_len)
    Object hmacDescriptor =
        describe.invoke(
            null,
            address,
            layouts(layoutType, address, address, jint, address, jlong, address, address));
    MethodHandle hmac =
        (MethodHandle)
            downcall.invoke(linker, symbol(find, library, "HMAC"), hmacDescriptor, critical);
    MethodHandle ofArray =
        MethodHandles.publicLookup()
            .findStatic(segmentType, "ofArray", MethodType.methodType(segmentType, byte[].class));
    hmac = MethodHandles.insertArguments(hmac, 6, nullPointer); // out_len: not needed
    hmac = MethodHandles.filterArguments(hmac, 5, ofArray);
    hmac = MethodHandles.filterArguments(hmac, 3, ofArray);
    hmac = MethodHandles.filterArguments(hmac, 1, ofArray);

    Object mdDescriptor = describe.invoke(null, address, layouts(layoutType));
    Map<Algorithm, MethodHandle> calls = new EnumMap<>(Algorithm.class);
    for (Algorithm algorithm : Algorithm.values()) {
      MethodHandle md =
          (MethodHandle)
              downcall.invoke(
                  linker, symbol(find, library, algorithm.evpFunction()), mdDescriptor, noOptions);
      Object digest = md.invoke();
      if (nullPointer.equals(digest)) {
        throw new IllegalStateException(algorithm.evpFunction() + "() returned NULL");
      }
      calls.put(
          algorithm,
          MethodHandles.insertArguments(hmac, 0, digest)
              .asType(
                  MethodType.methodType(
                      Object.class,
                      byte[].class,
                      int.class,
                      byte[].class,
                      long.class,
                      byte[].class)));
    }
    selfTest(calls, nullPointer);
    return new LibcryptoHmac(calls, nullPointer);
  }

  /** RFC 4231 test case 2 and RFC 2202 test case 2 ("Jefe"), through the bound calls. */
  private static void selfTest(Map<Algorithm, MethodHandle> calls, Object nullPointer) {
    byte[] key = "Jefe".getBytes(StandardCharsets.US_ASCII);
    byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    Map<Algorithm, String> expected =
        Map.of(
            Algorithm.SHA256, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            Algorithm.SHA1, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    expected.forEach(
        (algorithm, hex) -> {
          String actual = HexFormat.of().formatHex(call(calls, nullPointer, algorithm, key, data));
          if (!actual.equals(hex)) {
            throw new IllegalStateException(
                "its " + algorithm.jdkName() + " gives a wrong result for the RFC test vector");
          }
        });
  }

  private static Object layouts(Class<?> layoutType, Object... layouts) {
    Object array = Array.newInstance(layoutType, layouts.length);
    for (int i = 0; i < layouts.length; i++) {
      Array.set(array, i, layouts[i]);
    }
    return array;
  }

  private static Object symbol(java.lang.reflect.Method find, Object library, String name)
      throws ReflectiveOperationException {
    Optional<?> symbol = (Optional<?>) find.invoke(library, name);
    return symbol.orElseThrow(
        () -> new IllegalStateException(LIBRARY + " has no function " + name));
  }
}
