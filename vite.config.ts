// `npx vite build` at the repo root builds the web app into web/dist.
export { default } from './web/vite.config';
