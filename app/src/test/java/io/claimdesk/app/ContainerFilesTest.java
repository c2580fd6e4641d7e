package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the container files without a Docker engine (none on the machines this runs on): the
 * compose file's services, health checks and order of start, the Dockerfile's build command being the README's, and
 * {@code .env.example} naming every variable claimdesk reads.
 */
class ContainerFilesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void composeShouldRunTwoInstancesOnAReplicaSetBehindAProxyEachWithAHealthCheck() throws IOException {
    JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
    JsonNode services = compose.path("services");

    assertThat(names(services)).containsExactlyInAnyOrder("mongo", "mongo-init", "claimdesk-1", "claimdesk-2",
        "proxy");
    assertThat(services.path("mongo").path("image").asText()).startsWith("mongo:7");
    assertThat(services.path("mongo").path("command").toString()).contains("--replSet");
    assertThat(services.path("mongo-init").path("command").toString()).contains("rs.initiate");
    assertThat(services.path("mongo-init").path("depends_on").path("mongo").path("condition").asText())
        .isEqualTo("service_healthy");
    for (String instance : List.of("claimdesk-1", "claimdesk-2")) {
      JsonNode service = services.path(instance);
      assertThat(service.path("build").asText()).as(instance).isEqualTo(".");
      assertThat(service.path("environment").path("MONGODB_URI").asText()).as(instance).contains("replicaSet=rs0");
      assertThat(service.path("healthcheck").path("test").toString()).as(instance).contains("/readyz");
      assertThat(service.path("depends_on").path("mongo-init").path("condition").asText()).as(instance)
          .isEqualTo("service_completed_successfully");
      assertThat(service.path("ports").isMissingNode()).as(instance + " is reached through the proxy only").isTrue();
    }
    assertThat(services.path("claimdesk-1").path("volumes").get(0).asText())
        .isNotEqualTo(services.path("claimdesk-2").path("volumes").get(0).asText());
    JsonNode proxy = services.path("proxy");
    assertThat(proxy.path("healthcheck").path("test").toString()).contains("/readyz");
    assertThat(proxy.path("depends_on").path("claimdesk-1").path("condition").asText()).isEqualTo("service_healthy");
    assertThat(services.path("mongo").path("healthcheck").path("test").isArray()).isTrue();
    String proxyAddress = proxy.path("networks").path("default").path("ipv4_address").asText();
    assertThat(services.path("claimdesk-1").path("environment").path("TRUSTED_PROXIES").asText())
        .as("only the proxy's X-Forwarded-For is believed").isEqualTo(proxyAddress).isNotEmpty();
    String nginx = Files.readString(ROOT.resolve("deploy/nginx.conf"));
    assertThat(nginx).contains("server claimdesk-1:8080", "server claimdesk-2:8080", "proxy_buffering off");
  }

  @Test
  void theDockerfileShouldBuildWithTheReadmesCommandAndRunAsNonRootWithAHealthCheck() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher run = Pattern.compile("```sh\\n(\\./mvnw [^&\\n]*package)").matcher(readme);
    assertThat(run.find()).as("README's run command").isTrue();

    assertThat(dockerfile).contains("RUN " + run.group(1).trim() + "\n");
    assertThat(dockerfile).containsPattern("FROM eclipse-temurin:17-jdk AS build")
        .containsPattern("FROM eclipse-temurin:17-jre\\n")
        .containsPattern("\\nUSER claimdesk\\n")
        .containsPattern("HEALTHCHECK [^\\n]*\\n[^\\n]*/readyz")
        .containsPattern("VOLUME \\[\"/data\"\\]")
        .contains("ENV PORT=8080 DATA_DIR=/data");
    assertThat(dockerfile.indexOf("USER claimdesk")).isGreaterThan(dockerfile.lastIndexOf("FROM "));
  }

  @Test
  void envExampleShouldNameEveryVariableClaimdeskReads() throws IOException {
    String source = Files.readString(ROOT.resolve("app/src/main/java/io/claimdesk/app/AppConfig.java"));
    Set<String> read = new TreeSet<>();
    Matcher names = Pattern.compile("\"([A-Z][A-Z0-9]*_[A-Z0-9_]+|PORT|DEMO)\"").matcher(source);
    while (names.find()) {
      read.add(names.group(1));
    }
    Set<String> listed = new TreeSet<>();
    for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
      if (!line.startsWith("#") && line.contains("=")) {
        listed.add(line.substring(0, line.indexOf('=')));
      }
    }

    assertThat(read).hasSizeGreaterThan(30);
    assertThat(listed).containsAll(read);
    assertThat(Files.readString(ROOT.resolve("README.md"))).contains(listed.stream().map(n -> "`" + n + "`").toList());
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
