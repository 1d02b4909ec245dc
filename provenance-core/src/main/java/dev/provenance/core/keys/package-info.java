/**
 * Turns key material into {@link dev.provenance.api.signing.Signer}s and {@link
 * dev.provenance.api.signing.SignatureVerifier}s: PEM text ({@link dev.provenance.core.keys.PemKeys}),
 * JCA key objects including PKCS#11 tokens ({@link dev.provenance.core.keys.JcaKeys}) and Tink
 * keysets ({@link dev.provenance.core.keys.TinkKeys}).
 *
 * <p>Supported: Ed25519; ECDSA on P-256, P-384 and P-521 with SHA-256, SHA-384 and SHA-512; RSA
 * with 2048 to 4096-bit moduli as RSASSA-PSS (SHA-256, MGF1-SHA-256, 32-byte salt) or
 * RSASSA-PKCS1-v1_5 with SHA-256. The key fixes the algorithm where it can (a curve fixes its
 * hash); RSA keys must be told their padding. Every other key is refused with {@code
 * UNSUPPORTED_FORMAT} before any expensive processing.
 *
 * <p>A key's {@link dev.provenance.api.signing.KeyId} is the lowercase hex SHA-256 of its canonical
 * DER {@code SubjectPublicKeyInfo}, so the same key yields the same id from a PEM file, a
 * certificate, a JCA object or a Tink keyset.
 */
package dev.provenance.core.keys;
