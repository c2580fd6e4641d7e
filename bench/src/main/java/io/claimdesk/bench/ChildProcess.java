package io.claimdesk.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The claimdesk jar run as production runs it ({@code java -Xmx… -jar claimdesk.jar}), in a process of its own so
 * that its memory is measured apart from the bench's and an out-of-memory there does not end the bench. Its
 * working directory, temporary files, database and log are all inside the given directory; the environment holds
 * only what the bench sets. Killed when the bench's JVM ends, Ctrl-C included.
 */
final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;
  private final Thread killer;

  private ChildProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.killer = new Thread(process::destroyForcibly, "bench-child-killer");
    Runtime.getRuntime().addShutdownHook(killer);
  }

  /** Starts the jar on a free port with {@code env} (PORT and DATA_DIR added) and waits until /healthz answers. */
  static ChildProcess start(Path jar, String xmx, Path dir, Map<String, String> env) throws Exception {
    Files.createDirectories(dir.resolve("tmp"));
    int port = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx" + xmx, "-Djava.io.tmpdir=" + dir.resolve("tmp"),
        "-jar", jar.toAbsolutePath().toString()).directory(dir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("DATA_DIR", dir.resolve("data").toString());
    Path log = dir.resolve("claimdesk.log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    ChildProcess child = new ChildProcess(builder.start(), port, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!child.healthy(Duration.ofSeconds(2))) {
      if (!child.process.isAlive() || System.nanoTime() > deadline) {
        child.close();
        throw new IllegalStateException("claimdesk did not start; its log ends with:\n" + child.logTail(20));
      }
      Thread.sleep(200);
    }
    return child;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  int exitCode() {
    return process.exitValue();
  }

  /** True when {@code GET /healthz} answers 200 within {@code limit}. */
  boolean healthy(Duration limit) {
    return RawHttp.get("127.0.0.1", port, "/healthz", limit).status() == 200;
  }

  /** Resident memory in kB as the kernel counts it ({@code VmRSS}), or -1 once the process is gone. */
  long rssKb() {
    try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(-1L);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * The TCP ports this process listens on (sockets in {@code /proc/net/tcp} and {@code tcp6} in state LISTEN whose
   * inode is one of its open file descriptors), the HTTP port left out.
   */
  List<Integer> otherListeningPorts() throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
      fds.forEach(fd -> {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      });
    }
    List<Integer> ports = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
        String[] f = line.trim().split("\\s+");
        int listenPort = Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16);
        if (f[3].equals("0A") && inodes.contains(f[9]) && listenPort != port && !ports.contains(listenPort)) {
          ports.add(listenPort);
        }
      }
    }
    return ports;
  }

  /** The last lines of the process's output, for a report of why it died. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** How many lines of the output mention an out-of-memory error so far. */
  long outOfMemoryLines() {
    try (Stream<String> lines = Files.lines(log)) {
      return lines.filter(l -> l.contains("OutOfMemoryError")).count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs anyway
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
