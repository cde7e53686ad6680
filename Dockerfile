# syntax=docker/dockerfile:1
# Backorder Desk: one image for the web server, the job worker and the one-shot commands.
#   docker build -t backorder-desk .
#   docker run backorder-desk                                   # web server (API + SPA) on :3000
#   docker run backorder-desk node apps/api/dist/worker.js      # a job worker
#   docker run backorder-desk node apps/api/dist/migrate.js     # apply migrations, exit
# docker-compose.yml wires them to PostgreSQL; docs/operations.md says what to set.

# ---- manifests: the lockfile and every workspace's package.json, which npm ci reads
FROM node:20-bookworm-slim AS manifests
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/domain/package.json packages/domain/
COPY packages/contracts/package.json packages/contracts/

# ---- build: every dependency, then the Prisma client, the SPA and the compiled server
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV SCARF_ANALYTICS=false npm_config_fund=false npm_config_audit=false
COPY --from=manifests /app ./
RUN npm ci
COPY . .
RUN npm run build

# ---- deps: production dependencies only, from the same lockfile
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV SCARF_ANALYTICS=false npm_config_fund=false npm_config_audit=false
COPY --from=manifests /app ./
COPY scripts/prune-dev-optional.mjs scripts/
RUN npm ci --omit=dev && node scripts/prune-dev-optional.mjs && npm cache clean --force

# ---- runtime: plain node on built files, as an unprivileged user
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 SEED_DEMO=false DATA_DIR=/data
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=deps /app/package.json ./
COPY --from=deps /app/apps/api/package.json apps/api/
COPY --from=build /app/apps/api/dist apps/api/dist
COPY --from=build /app/apps/web/dist apps/web/dist
COPY --from=build /app/prisma/migrations prisma/migrations
# The embedded database (no DATABASE_URL: a demo in one container) keeps its data in /data.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# The web server's health (database reachable); the worker service turns it off in compose.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "apps/api/dist/server.js"]
