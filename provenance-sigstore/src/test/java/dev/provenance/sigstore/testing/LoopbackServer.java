package dev.provenance.sigstore.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 for client tests: one request per connection, handled by
 * a function. Every read is bounded in size and time; {@link #close()} stops it and releases any
 * handler waiting on {@link #released()}.
 */
public final class LoopbackServer implements AutoCloseable {
  /** Answers one request. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Answers a request.
     *
     * @param request the request
     * @return the reply, or null to close the connection without one
     * @throws Exception on failure (answered with status 599)
     */
    Reply handle(Request request) throws Exception;
  }

  /** A request as received. */
  public record Request(String method, String path, Map<String, String> headers, byte[] body) {}

  /** What to answer. */
  public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    /** A JSON reply. */
    public static Reply json(int status, String json) {
      return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A reply with any body. */
    public static Reply bytes(int status, String contentType, byte[] body) {
      return new Reply(status, contentType, body, Map.of());
    }
  }

  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final ServerSocket socket;
  private final Handler handler;
  private final Thread thread;
  private final CountDownLatch released = new CountDownLatch(1);
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  /**
   * Starts the server.
   *
   * @param handler answers every request
   * @throws IOException if no port is free
   */
  public LoopbackServer(Handler handler) throws IOException {
    this.handler = handler;
    this.socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    this.thread = new Thread(this::serve, "loopback-http");
    thread.setDaemon(true);
    thread.start();
  }

  /** The base URL, {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** Requests received so far. */
  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  /** A latch handlers can wait on; it opens when the server closes. */
  public CountDownLatch released() {
    return released;
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        s.setSoTimeout(10_000);
        handle(s);
      } catch (IOException e) {
        // closed, or a client that went away: wait for the next connection
      }
    }
  }

  private void handle(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    String head = readHead(in);
    String[] lines = head.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    if (length < 0 || length > MAX_BODY_BYTES) {
      throw new IOException("body too large");
    }
    byte[] body = in.readNBytes(length);
    Request request = new Request(requestLine[0], requestLine[1], headers, body);
    requests.add(request);
    Reply reply;
    try {
      reply = handler.handle(request);
    } catch (Exception e) {
      reply = Reply.bytes(599, "text/plain", e.toString().getBytes(StandardCharsets.UTF_8));
    }
    if (reply == null) {
      return; // drop the connection without an answer
    }
    StringBuilder sb = new StringBuilder();
    sb.append("HTTP/1.1 ").append(reply.status()).append(" X\r\n");
    sb.append("Content-Type: ").append(reply.contentType()).append("\r\n");
    sb.append("Content-Length: ").append(reply.body().length).append("\r\n");
    reply.headers().forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
    sb.append("Connection: close\r\n\r\n");
    OutputStream out = s.getOutputStream();
    out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(reply.body());
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the request head");
      }
      head.write(b);
      if (head.size() > MAX_HEADER_BYTES) {
        throw new IOException("request head too large");
      }
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
          ? state + 1
          : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    released.countDown();
    socket.close();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
