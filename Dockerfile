# One image for every Mastro role: the config decides (type: catalogue | featurestore | metricstore | all |
# crawler), and the Kerberos ticket sidecar runs k5start from it too. Build from the repository root:
#
#   docker build -t mastro .
#
# The build stage runs deploy/publish.sh, the same publish the deploy tests run and start.

FROM docker.io/library/node:20-bookworm-slim AS node

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
# The build of src/Mastro.Server runs npm to build the web UI (web/) that the binary embeds.
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
WORKDIR /src
COPY . .
RUN sh deploy/publish.sh /app /artifacts

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble
# libgssapi-krb5-2: Kerberos (GSSAPI) for crawlers reaching Kerberised sources.
# kstart, krb5-user: k5start keeps a ticket cache fresh in the sidecar; klist is its startup probe.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libgssapi-krb5-2 kstart krb5-user \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /app /app
# The root filesystem is read-only in Kubernetes: no diagnostics IPC socket in /tmp.
ENV DOTNET_EnableDiagnostics=0
EXPOSE 8085
# 1654 is the non-root `app` user of Microsoft's .NET images ($APP_UID); numeric, so Kubernetes can verify
# runAsNonRoot.
USER 1654:1654
ENTRYPOINT ["/app/mastro"]
