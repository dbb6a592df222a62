# One image recipe for every runnable module: the six services and llm-simulator differ only in the
# module, its port and the few arguments below. Build from the repository root (the reactor is the context):
#   docker build --build-arg MODULE=chat-service --build-arg PORT=8081 -t agentic-chat/chat-service:0.1.0-SNAPSHOT .
#   docker build --build-arg MODULE=gateway-service --build-arg PORT=8080 --build-arg DATA_DIR=/var/lib/gateway \
#     -t agentic-chat/gateway-service:0.1.0-SNAPSHOT .
#   docker build --build-arg MODULE=llm-simulator --build-arg PORT=8090 --build-arg SHARED_MODULES=contracts \
#     --build-arg HEALTH_PATH=/health -t agentic-chat/llm-simulator:0.1.0-SNAPSHOT .
# docker-compose.yml passes the same arguments; deploy/k8s/README.md has the loop that builds the six services.

FROM maven:3.9-eclipse-temurin-17 AS build
# The module to build and run (a directory of the reactor).
ARG MODULE
# The reactor modules the module is compiled against (llm-simulator needs contracts only).
ARG SHARED_MODULES=contracts,service-support
WORKDIR /src

# Poms first: the dependency layer is rebuilt only when a pom changes. Maven reads every module of
# the reactor, so every module's pom is needed even though only the module and what it needs are built.
COPY pom.xml ./
COPY contracts/pom.xml contracts/
COPY service-support/pom.xml service-support/
COPY llm-simulator/pom.xml llm-simulator/
COPY gateway-service/pom.xml gateway-service/
COPY chat-service/pom.xml chat-service/
COPY agent-service/pom.xml agent-service/
COPY retrieval-service/pom.xml retrieval-service/
COPY artifact-service/pom.xml artifact-service/
COPY notification-service/pom.xml notification-service/
COPY e2e-tests/pom.xml e2e-tests/
# The plugin is pinned: its go-offline leaves reactor modules (not built yet) out of the resolution.
RUN mvn -B -q -pl "${MODULE}" -am org.apache.maven.plugins:maven-dependency-plugin:3.9.0:go-offline

# Only main sources, and no tests are compiled. A lifecycle build up to `package` would resolve the
# module's test-scoped dependencies, and agent-service tests against llm-simulator: with -am that
# drags the simulator into the reactor. So the shared modules are installed into the build stage's
# local repository first, then the module alone is compiled and shaded by naming the goals `package`
# would run for it (the jar is the same, entry for entry, as the one `mvn package` makes).
COPY contracts/src contracts/src
COPY service-support/src service-support/src
RUN mvn -B -q -pl "${SHARED_MODULES}" -am install -Dmaven.test.skip=true
COPY ${MODULE}/src ${MODULE}/src
RUN mvn -B -q -pl "${MODULE}" compile jar:jar shade:shade@default-shade

FROM eclipse-temurin:17-jre-alpine
ARG MODULE
ARG PORT
# A directory the app user must own, e.g. the gateway's /var/lib/gateway for its token signing key
# (JWT_SIGNING_KEY_FILE): docker-compose mounts a named volume there, and a new named volume takes
# the owner of the directory it is mounted on. Unset: none.
ARG DATA_DIR=
# The health endpoint the HEALTHCHECK calls: the services' readiness, or llm-simulator's /health.
ARG HEALTH_PATH=/health/readiness
RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app \
    && if [ -n "${DATA_DIR}" ]; then mkdir -p "${DATA_DIR}" && chown 10001:10001 "${DATA_DIR}"; fi
WORKDIR /app
# The shaded, runnable jar (maven-shade-plugin, classifier "all").
COPY --from=build /src/${MODULE}/target/${MODULE}-*-all.jar /app/app.jar
USER 10001:10001
EXPOSE ${PORT}
# Build arguments are gone at run time: the HEALTHCHECK reads these instead.
ENV IMAGE_PORT=${PORT} IMAGE_HEALTH_PATH=${HEALTH_PATH}
# Read by llm-simulator only, which binds 127.0.0.1 unless told otherwise; in a container it must
# listen on all interfaces. The services do not read it.
ENV SIM_HOST=0.0.0.0
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# Containers log one JSON object per line for the log collector (logback.xml; plain text stays the
# default outside containers). The simulator does not read it. Set LOG_FORMAT=plain to read logs by eye.
ENV LOG_FORMAT=json
# busybox wget; the port follows SERVER_PORT (services) or SIM_PORT (llm-simulator) when it is overridden.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD wget -qO- "http://127.0.0.1:${SERVER_PORT:-${SIM_PORT:-${IMAGE_PORT}}}${IMAGE_HEALTH_PATH}" > /dev/null || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
