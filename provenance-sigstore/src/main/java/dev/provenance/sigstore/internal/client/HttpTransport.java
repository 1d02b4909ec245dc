package dev.provenance.sigstore.internal.client;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.SigningException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs to Sigstore services over {@code java.net.http} with one deadline for the whole exchange
 * (connect, headers and body) and a cap on the response size, so a slow or hostile service can
 * neither hang a signer nor make it allocate without bound. Redirects are not followed: a
 * credential sent to one origin must never be replayed to another.
 *
 * <p>Request bodies can hold an identity token, so no message this class produces ever includes
 * a request body. Thread-safe: the underlying client is shared.
 */
public final class HttpTransport {
  /** Default deadline for one request, connect to last body byte. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** Longest error body excerpt quoted in messages, in characters. */
  static final int MAX_ERROR_EXCERPT = 200;

  private final HttpClient client;
  private final Duration timeout;

  private HttpTransport(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /**
   * Returns a transport with its own client.
   *
   * @param timeout the deadline for each request
   * @return the transport
   */
  public static HttpTransport create(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new HttpTransport(client, timeout);
  }

  /**
   * Returns the deadline of each request.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Resolves a service endpoint and checks that credentials may be sent to it: {@code https}, or
   * {@code http} to a loopback address only (a local test stack).
   *
   * @param base the service URL from the signing config
   * @param path the API path to append, or empty to use the URL as is
   * @return the endpoint
   * @throws SigningException {@code CONFIGURATION_ERROR} for a URL that is not absolute {@code
   *     https}, or {@code http} off loopback, or that carries credentials, a query or a fragment
   */
  public static URI endpoint(String base, String path) throws SigningException {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(path, "path");
    URI uri;
    try {
      String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
      uri = new URI(trimmed + path);
    } catch (URISyntaxException e) {
      throw configuration("not a valid service URL: " + abbreviate(base));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.getHost() == null || uri.isOpaque()) {
      throw configuration("not an absolute service URL: " + abbreviate(base));
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw configuration("a service URL carries no user info, query or fragment: " + abbreviate(base));
    }
    if (scheme.equals("https")) {
      return uri;
    }
    if (scheme.equals("http") && isLoopback(uri.getHost())) {
      return uri;
    }
    throw configuration("service URL must use https (http only to loopback): " + abbreviate(base));
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || h.equals("[::1]")
        || h.equals("::1")
        || h.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
  }

  /**
   * POSTs a body and returns the response if its status is one of {@code 200}, {@code 201}.
   *
   * @param service names the service in messages, for example {@code "Fulcio"}
   * @param uri the endpoint, from {@link #endpoint}
   * @param contentType the request content type
   * @param accept the acceptable response content type
   * @param body the request body
   * @param maxResponseBytes the largest response body accepted
   * @return the response body
   * @throws SigningException {@code SERVICE_ERROR} if the service cannot be reached, times out or
   *     answers with another status; {@code RESOURCE_LIMIT_EXCEEDED} for a response over the cap
   */
  public Response post(
      String service,
      URI uri,
      String contentType,
      String accept,
      byte[] body,
      int maxResponseBytes)
      throws SigningException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", contentType)
            .header("Accept", accept)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    CompletableFuture<HttpResponse<byte[]>> future =
        client.sendAsync(request, info -> new CappedBody(maxResponseBytes));
    HttpResponse<byte[]> response;
    try {
      response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new SigningException(ErrorCode.SERVICE_ERROR, "", service + ": interrupted", e);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new SigningException(
          ErrorCode.SERVICE_ERROR, "", service + ": no complete answer within " + timeout, e);
    } catch (CancellationException e) {
      throw new SigningException(ErrorCode.SERVICE_ERROR, "", service + ": request cancelled", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TooLarge) {
        throw new SigningException(
            ErrorCode.RESOURCE_LIMIT_EXCEEDED,
            "",
            service + ": response larger than " + maxResponseBytes + " bytes");
      }
      String why = cause == null ? "" : cause.getClass().getSimpleName();
      if (cause instanceof IOException && cause.getMessage() != null) {
        why += ": " + abbreviate(cause.getMessage());
      }
      throw new SigningException(
          ErrorCode.SERVICE_ERROR, "", service + ": request to " + uri + " failed: " + why, cause);
    }
    int status = response.statusCode();
    if (status != 200 && status != 201) {
      throw new SigningException(
          ErrorCode.SERVICE_ERROR,
          "",
          service + " answered HTTP " + status + excerpt(response.body()));
    }
    return new Response(
        status,
        response.body(),
        response.headers().firstValue("Content-Type"),
        response.headers().firstValue("Location"));
  }

  private static String excerpt(byte[] body) {
    if (body.length == 0) {
      return "";
    }
    String text = new String(body, 0, Math.min(body.length, MAX_ERROR_EXCERPT), StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(": ");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return sb.toString().strip();
  }

  private static String abbreviate(String s) {
    return s.length() <= MAX_ERROR_EXCERPT ? s : s.substring(0, MAX_ERROR_EXCERPT) + "...";
  }

  private static SigningException configuration(String message) {
    return new SigningException(ErrorCode.CONFIGURATION_ERROR, "", message);
  }

  /**
   * A successful response.
   *
   * @param status the HTTP status
   * @param body the body, at most the requested cap
   * @param contentType the {@code Content-Type} header, if any
   * @param location the {@code Location} header, if any
   */
  public record Response(
      int status, byte[] body, Optional<String> contentType, Optional<String> location) {
    /**
     * Checks the components.
     *
     * @param status the {@code status} component
     * @param body the {@code body} component
     * @param contentType the {@code contentType} component
     * @param location the {@code location} component
     */
    public Response {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(location, "location");
    }
  }

  /** Signals a response body over its cap. */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("response too large");
    }
  }

  /** Collects a body up to a cap and cancels the exchange past it. */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int cap;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private byte[] buffer = new byte[256];
    private int size;
    private Flow.Subscription subscription;

    CappedBody(int cap) {
      this.cap = cap;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      this.subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer b : items) {
        int n = b.remaining();
        if ((long) size + n > cap) {
          subscription.cancel();
          result.completeExceptionally(new TooLarge());
          return;
        }
        if (size + n > buffer.length) {
          buffer = java.util.Arrays.copyOf(buffer, Math.min(cap, Math.max(size + n, buffer.length * 2)));
        }
        b.get(buffer, size, n);
        size += n;
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(java.util.Arrays.copyOf(buffer, size));
    }
  }
}
