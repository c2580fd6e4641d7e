package io.claimdesk.mail.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 25 MB attachment is parsed and stored by a JVM limited to 256 MB of heap. */
class LargeAttachmentTest {
  private static final int SIZE = 25 * 1024 * 1024;

  @Test
  void twentyFiveMegabyteAttachmentShouldFitIn256MegabytesOfHeap(@TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        LargeAttachmentChild.class.getName(), dir.resolve("big.eml").toString(), Integer.toString(SIZE))
        .redirectErrorStream(true)
        .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(child.exitValue()).as(output).isZero();
    String result = output.lines().filter(l -> l.startsWith("stored ")).findFirst().orElseThrow(
        () -> new IOException("no result from the child: " + output));
    String[] fields = result.split(" ");
    assertThat(Long.parseLong(fields[1])).isEqualTo(SIZE);
    assertThat(fields[2]).isEqualTo("true");
    assertThat(Long.parseLong(fields[4])).isLessThan(256L * 1024 * 1024);
  }
}
