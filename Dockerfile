# PharmaDesk API + admin panel. The database is external (DATABASE_URL); see docker-compose.yml.
FROM node:20-bookworm-slim AS build
RUN npm i -g pnpm@10
WORKDIR /app
COPY pnpm-workspace.yaml pnpm-lock.yaml package.json .npmrc .swcrc tsconfig.base.json ./
COPY api/package.json api/
COPY admin/package.json admin/
COPY seeds/package.json seeds/
COPY tests/package.json tests/
COPY plugins/refund-approval/package.json plugins/refund-approval/
COPY plugins/pharmacist-review/package.json plugins/pharmacist-review/
COPY plugins/vip-care/package.json plugins/vip-care/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm build && pnpm --filter @pharmadesk/admin build && pnpm prune --prod --config.ignore-scripts=true

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "api/dist/src/main.js"]
