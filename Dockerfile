# claimdesk's container image: built from source with the Maven wrapper (the README's build command), run on a
# Temurin 17 JRE as a non-root user. Not built on the machines this repository is tested on (they have no Docker
# engine); ContainerFilesTest checks what can be checked without one.

# Node only lends npm to the build, which bundles the softphone's JavaScript when npm is on the PATH
FROM node:20-bookworm-slim AS node

FROM eclipse-temurin:17-jdk AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests package

FROM eclipse-temurin:17-jre
# curl answers the HEALTHCHECK; nothing else is added to the JRE image
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin claimdesk \
    && mkdir -p /data && chown claimdesk /data
COPY --from=build /src/app/target/claimdesk.jar /app/claimdesk.jar
USER claimdesk
WORKDIR /app
ENV PORT=8080 DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${PORT}/readyz" || exit 1
# exec form: the JVM is PID 1's child-free process and gets SIGTERM from `docker stop` for a graceful shutdown
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/claimdesk.jar"]
