# One image for every service; docker-compose.yml picks the entry point per container.
# Node 24 LTS, the project's runtime (.node-version names the exact release npm start|test use).
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY schemas/package.json schemas/
COPY services/shared/package.json services/shared/
COPY services/command-api/package.json services/command-api/
COPY services/query-api/package.json services/query-api/
COPY services/projectors/package.json services/projectors/
COPY services/realtime/package.json services/realtime/
COPY web/package.json web/
COPY cli/package.json cli/
RUN npm ci --no-audit --no-fund

FROM deps AS web
COPY . .
RUN npx vite build

FROM node:24-bookworm-slim
WORKDIR /app
# Production: the process refuses to start without its own JWT_SECRET and MEDIA_URL_SECRET (32+ random bytes each).
ENV NODE_ENV=production
COPY --from=deps /app/node_modules ./node_modules
COPY . .
COPY --from=web /app/web/dist ./web/dist
USER node
EXPOSE 8080
CMD ["npx", "tsx", "src/main.ts"]
