package dev.provenance.core.internal.crypto;

import java.security.MessageDigest;

/** Encoded contents of the object identifiers we recognise. */
final class Oids {
  private Oids() {}

  /** id-ecPublicKey, 1.2.840.10045.2.1 (RFC 5480). */
  static final byte[] EC_PUBLIC_KEY = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
  /** id-Ed25519, 1.3.101.112 (RFC 8410). */
  static final byte[] ED25519 = {0x2b, 0x65, 0x70};
  /** id-Ed448, 1.3.101.113 (RFC 8410). */
  static final byte[] ED448 = {0x2b, 0x65, 0x71};
  /** id-X25519, 1.3.101.110. */
  static final byte[] X25519 = {0x2b, 0x65, 0x6e};
  /** id-X448, 1.3.101.111. */
  static final byte[] X448 = {0x2b, 0x65, 0x6f};
  /** rsaEncryption, 1.2.840.113549.1.1.1 (RFC 8017). */
  static final byte[] RSA_ENCRYPTION = {
    0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01
  };
  /** id-RSASSA-PSS, 1.2.840.113549.1.1.10 (RFC 4055). */
  static final byte[] RSASSA_PSS = {
    0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x0a
  };
  /** prime256v1 / secp256r1, 1.2.840.10045.3.1.7. */
  static final byte[] P256 = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
  /** secp384r1, 1.3.132.0.34. */
  static final byte[] P384 = {0x2b, (byte) 0x81, 0x04, 0x00, 0x22};
  /** secp521r1, 1.3.132.0.35. */
  static final byte[] P521 = {0x2b, (byte) 0x81, 0x04, 0x00, 0x23};
  /** PBES2, 1.2.840.113549.1.5.13 (RFC 8018). */
  static final byte[] PBES2 = {
    0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x05, 0x0d
  };
  /** PBKDF2, 1.2.840.113549.1.5.12. */
  static final byte[] PBKDF2 = {
    0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x05, 0x0c
  };
  /** hmacWithSHA1, 1.2.840.113549.2.7. */
  static final byte[] HMAC_SHA1 = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x02, 0x07};
  /** hmacWithSHA256, 1.2.840.113549.2.9. */
  static final byte[] HMAC_SHA256 = {
    0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x02, 0x09
  };
  /** hmacWithSHA384, 1.2.840.113549.2.10. */
  static final byte[] HMAC_SHA384 = {
    0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x02, 0x0a
  };
  /** hmacWithSHA512, 1.2.840.113549.2.11. */
  static final byte[] HMAC_SHA512 = {
    0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x02, 0x0b
  };
  /** aes128-CBC, 2.16.840.1.101.3.4.1.2. */
  static final byte[] AES128_CBC = {0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x02};
  /** aes192-CBC, 2.16.840.1.101.3.4.1.22. */
  static final byte[] AES192_CBC = {0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x16};
  /** aes256-CBC, 2.16.840.1.101.3.4.1.42. */
  static final byte[] AES256_CBC = {0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a};

  static boolean is(byte[] oid, byte[] expected) {
    return MessageDigest.isEqual(oid, expected);
  }
}
