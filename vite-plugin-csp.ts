/**
 * A Content-Security-Policy for the built workbench: scripts, workers and data only
 * from the app itself, images from data:/blob: (chart PNG export), no plugins, no
 * forms, no base rewriting. A notebook, share link or chart spec that slipped past
 * validation still cannot make the page fetch from anywhere else.
 *
 * 'unsafe-eval': vega and Arquero compile their (validated) expressions with
 * Function; 'wasm-unsafe-eval': parquet-wasm and duckdb-wasm (docs/data.md, In the
 * browser). Build only, so Vite's dev server and hot reload keep their inline client.
 */
import type { Plugin } from 'vite';

export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'nanolift-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: APP_CSP }, injectTo: 'head-prepend' }],
  };
}
