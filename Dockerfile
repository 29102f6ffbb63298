# syntax=docker/dockerfile:1
# One image for every process of a deployment: `serve` (the default), `worker` and `migrate`
#   docker build -t tenantry:0.1.0 .
#   docker run -p 3000:3000 -v tenantry-data:/data tenantry:0.1.0            # embedded PGlite in /data
#   docker run --rm -e TENANTRY_DATABASE_URL=postgres://… tenantry:0.1.0 migrate
# test/deploy.test.ts replays the runtime stage without Docker and checks every command below exists.

# An official Node LTS image, pinned (bump deliberately; digest-pin it in your registry if you mirror).
ARG NODE_IMAGE=node:22.21.1-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: package.json's "prepare" builds, and the sources are not here yet.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/ scripts/
COPY src/ src/
COPY bench/ bench/
COPY console/ console/
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
# tini as PID 1: it forwards SIGTERM to Node (which drains and exits) and reaps the sandbox's and the
# training pool's child processes. Node alone as PID 1 would ignore a SIGTERM it has no handler for yet.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    TENANTRY_HOST=0.0.0.0 \
    TENANTRY_PORT=3000 \
    TENANTRY_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; --ignore-scripts again (no "prepare" build: the output comes from the build stage).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/src/ dist/src/
# The admin console (static files, built by Vite in the build stage), served at /console/.
COPY --from=build /app/dist/console/ dist/console/
# The data directory: embedded PGlite data and generated secrets (a volume; on Kubernetes an emptyDir
# or a PersistentVolumeClaim). The image's own files stay owned by root, read-only to the process.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# Liveness of `serve` (`docker run --health-cmd` or TENANTRY_HEALTHCHECK_URL for the worker's own port).
# No curl in a slim image: Node's fetch.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(process.env.TENANTRY_HEALTHCHECK_URL || `http://127.0.0.1:${process.env.TENANTRY_PORT || 3000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "node", "dist/src/cli/main.js"]
CMD ["serve"]
