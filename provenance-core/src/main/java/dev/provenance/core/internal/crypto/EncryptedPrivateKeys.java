package dev.provenance.core.internal.crypto;

import static dev.provenance.core.internal.crypto.PublicKeyMaterial.malformed;
import static dev.provenance.core.internal.crypto.PublicKeyMaterial.unsupported;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.internal.ProvenanceBugException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Decrypts PKCS#8 {@code EncryptedPrivateKeyInfo} (RFC 5958 section 3) protected with PBES2
 * (RFC 8018 section 6.2): PBKDF2 with HMAC-SHA-1/256/384/512 and AES-128/192/256-CBC, which is
 * what OpenSSL 1.1+ ({@code openssl pkcs8 -topk8}, {@code genpkey -aes256}), the JDK and Python's
 * cryptography write. PBES1, scrypt and other ciphers are refused.
 *
 * <p>PBKDF2 runs on Bouncy Castle's lightweight API (so core needs no bcpkix), AES on the JDK.
 * Stateless; thread-safe.
 */
public final class EncryptedPrivateKeys {
  /** Largest PBKDF2 iteration count accepted; bounds the work a hostile file can demand. */
  public static final int MAX_PBKDF2_ITERATIONS = 2_000_000;

  private EncryptedPrivateKeys() {}

  /**
   * Decrypts and parses an encrypted PKCS#8 private key.
   *
   * @param der the {@code EncryptedPrivateKeyInfo} encoding
   * @param password the password; not kept, not modified (the caller clears it)
   * @param location where the encoding came from, for errors
   * @return the private key
   * @throws KeyMaterialException {@code MALFORMED_INPUT} for bad DER or when decryption fails
   *     (wrong password or corrupted data cannot be told apart), {@code UNSUPPORTED_FORMAT} for
   *     other schemes, {@code RESOURCE_LIMIT_EXCEEDED} for too many PBKDF2 iterations
   */
  public static PrivateKeyMaterial decrypt(byte[] der, char[] password, String location)
      throws KeyMaterialException {
    Objects.requireNonNull(der, "der");
    Objects.requireNonNull(password, "password");
    byte[] salt;
    int iterations;
    int keyLength;
    Digest prf;
    byte[] iv;
    byte[] ciphertext;
    try {
      DerReader outer = DerReader.of(der);
      DerReader info = outer.sequence();
      outer.expectEnd();
      DerReader algId = info.sequence();
      if (!Oids.is(algId.oid(), Oids.PBES2)) {
        throw unsupported(location, "only PBES2 encrypted private keys are supported");
      }
      DerReader pbes2 = algId.sequence();
      algId.expectEnd();
      ciphertext = info.octetString();
      info.expectEnd();

      DerReader kdf = pbes2.sequence();
      if (!Oids.is(kdf.oid(), Oids.PBKDF2)) {
        throw unsupported(location, "only the PBKDF2 key derivation function is supported");
      }
      DerReader kdfParams = kdf.sequence();
      kdf.expectEnd();
      if (kdfParams.peekTag() != DerReader.OCTET_STRING) {
        throw unsupported(location, "PBKDF2 salt from another source is not supported");
      }
      salt = kdfParams.octetString();
      BigInteger count = kdfParams.nonNegativeInteger();
      iterations = count.bitLength() > 31 ? Integer.MAX_VALUE : count.intValueExact();
      int declaredKeyLength = -1;
      if (kdfParams.peekTag() == DerReader.INTEGER) {
        declaredKeyLength = kdfParams.smallInteger();
      }
      prf = new SHA1Digest(); // the DEFAULT of RFC 8018 appendix A.2
      if (kdfParams.hasMore()) {
        DerReader prfId = kdfParams.sequence();
        prf = prf(prfId.oid(), location);
        if (prfId.hasMore()) {
          prfId.nullValue();
        }
        prfId.expectEnd();
      }
      kdfParams.expectEnd();

      DerReader scheme = pbes2.sequence();
      keyLength = aesKeyLength(scheme.oid(), location);
      iv = scheme.octetString();
      scheme.expectEnd();
      pbes2.expectEnd();
      if (iv.length != 16) {
        throw malformed(location, "AES-CBC needs a 16-byte IV");
      }
      if (declaredKeyLength != -1 && declaredKeyLength != keyLength) {
        throw malformed(location, "PBKDF2 key length does not match the cipher");
      }
      if (iterations < 1) {
        throw malformed(location, "PBKDF2 iteration count must be positive");
      }
      if (ciphertext.length == 0 || ciphertext.length % 16 != 0) {
        throw malformed(location, "encrypted data is not a whole number of AES blocks");
      }
    } catch (DerFormatException e) {
      throw malformed(location, "EncryptedPrivateKeyInfo: " + e.getMessage());
    }
    if (iterations > MAX_PBKDF2_ITERATIONS) {
      throw new KeyMaterialException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          location,
          "PBKDF2 iteration count above " + MAX_PBKDF2_ITERATIONS);
    }
    byte[] passwordBytes = PBEParametersGenerator.PKCS5PasswordToUTF8Bytes(password);
    byte[] key = null;
    byte[] plain = null;
    try {
      PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(prf);
      generator.init(passwordBytes, salt, iterations);
      key = ((KeyParameter) generator.generateDerivedParameters(keyLength * 8)).getKey();
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      plain = cipher.doFinal(ciphertext);
      return PrivateKeyMaterial.parsePkcs8(plain, location);
    } catch (BadPaddingException e) {
      throw malformed(location, "cannot decrypt the private key: wrong password or corrupted data");
    } catch (KeyMaterialException e) {
      if (e.code() != ErrorCode.MALFORMED_INPUT) {
        throw e; // decrypted fine, but a key we refuse
      }
      // a wrong password that happens to leave valid padding yields garbage
      throw malformed(location, "cannot decrypt the private key: wrong password or corrupted data");
    } catch (GeneralSecurityException e) {
      throw new ProvenanceBugException("AES-CBC is required of every Java platform", e);
    } finally {
      Arrays.fill(passwordBytes, (byte) 0);
      if (key != null) {
        Arrays.fill(key, (byte) 0);
      }
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  private static Digest prf(byte[] oid, String location) throws KeyMaterialException {
    if (Oids.is(oid, Oids.HMAC_SHA1)) {
      return new SHA1Digest();
    }
    if (Oids.is(oid, Oids.HMAC_SHA256)) {
      return new SHA256Digest();
    }
    if (Oids.is(oid, Oids.HMAC_SHA384)) {
      return new SHA384Digest();
    }
    if (Oids.is(oid, Oids.HMAC_SHA512)) {
      return new SHA512Digest();
    }
    throw unsupported(location, "unsupported PBKDF2 PRF " + DerReader.oidToString(oid));
  }

  private static int aesKeyLength(byte[] oid, String location) throws KeyMaterialException {
    if (Oids.is(oid, Oids.AES128_CBC)) {
      return 16;
    }
    if (Oids.is(oid, Oids.AES192_CBC)) {
      return 24;
    }
    if (Oids.is(oid, Oids.AES256_CBC)) {
      return 32;
    }
    throw unsupported(location, "unsupported PBES2 cipher " + DerReader.oidToString(oid));
  }
}
