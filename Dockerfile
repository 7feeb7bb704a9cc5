# syntax=docker/dockerfile:1
# Multi-stage: build with the dev dependencies, run with the production ones only.
# One image, two entry points: the api (default) and the projector worker
# (`node dist/apps/projector/src/main.js`), as docker-compose.yml runs them.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles when no prebuilt binary fits.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.build.json tsconfig.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    LEDGER_DATA_DIR=/data \
    PORT=3000 \
    LEDGER_PROJECTOR_PORT=3001
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The 360Giving schema files the export validates against, found next to dist/ (no network needed).
COPY --from=build /app/libs/giving360/schema ./libs/giving360/schema
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000 3001
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM reaches node directly (exec form): the batch in flight commits before it exits.
CMD ["node", "dist/apps/api/src/main.js"]
