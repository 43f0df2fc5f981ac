import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { JSPDF_ES_BUILD, slimJsPdf } from './scripts/jspdf-slim.ts';
import { SHARE_TARGET_FIELD, SHARE_TARGET_PATH, VERIFIER_FILE_TYPES } from './src/app/verifier-file-types.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
// jsPDF imports these lazily for html()/svg features kofu does not use; an empty module keeps
// them out of the build and the precache.
const emptyModule = fileURLToPath(new URL('./src/empty-module.ts', import.meta.url));
// utif2 needs only pako's inflateRaw: fflate's, already in the build, does it in a tenth of the bytes.
const pakoInflateRaw = fileURLToPath(new URL('./src/pako-inflate-raw.ts', import.meta.url));
const verifierFileTypes = Object.fromEntries(Object.entries(VERIFIER_FILE_TYPES).map(([type, extensions]) => [type, [...extensions]]));

/** jsPDF without the plugin modules kofu never calls (scripts/jspdf-slim.ts). */
const jsPdfSlimPlugin = (): Plugin => ({
  name: 'kofu-jspdf-slim',
  transform: { filter: { id: JSPDF_ES_BUILD }, handler: (code) => ({ code: slimJsPdf(code), map: null }) },
});

export default defineConfig({
  define: { __KOFU_VERSION__: JSON.stringify(pkg.version) },
  resolve: {
    alias: [
      { find: /^(html2canvas|dompurify|canvg)$/, replacement: emptyModule },
      { find: /^pako$/, replacement: pakoInflateRaw },
      // The readable ES build, not the minified one: scripts/jspdf-slim.ts takes out the plugin
      // modules kofu never calls, and the build minifies what is left.
      { find: /^jspdf$/, replacement: fileURLToPath(new URL('./node_modules/jspdf/dist/jspdf.es.js', import.meta.url)) },
    ],
  },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, sourcemap: false },
  // jsPDF runs in the PDF worker, whose build has plugins of its own.
  worker: { format: 'es', plugins: () => [jsPdfSlimPlugin()] },
  preview: { port: 4173, strictPort: false },
  plugins: [
    jsPdfSlimPlugin(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: '.',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: {
        name: 'kofu — コンビニ交付',
        short_name: 'kofu',
        description: '証明書の交付と、印刷された証明書のオフライン確認',
        lang: 'ja',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f4f6f8',
        theme_color: '#0b5cad',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
        // Web Share Target Level 2: a photo or scan shared from another app is posted here; sw.ts
        // keeps the file and opens /verify?shared=1 (src/app/verifier-handoff.ts).
        share_target: {
          action: SHARE_TARGET_PATH,
          method: 'POST',
          enctype: 'multipart/form-data',
          params: { files: [{ name: SHARE_TARGET_FIELD, accept: [...Object.keys(verifierFileTypes), ...Object.values(verifierFileTypes).flat()] }] },
        },
        // File Handling: the installed app is offered for these files ("Open with"); they arrive
        // through window.launchQueue on /verify.
        file_handlers: [{ action: '/verify', accept: verifierFileTypes }],
        launch_handler: { client_mode: 'navigate-existing' },
      },
      injectManifest: {
        // No webmanifest here: the plugin adds it itself (globbing it lists it twice). The font
        // (5.6 MiB) is listed too, but sw.ts takes it out of the precache: it is cached per role
        // (docs/architecture.md, "Caching").
        globPatterns: ['**/*.{js,mjs,css,html,wasm,ttf,png,svg,ico}'],
        // The default 2 MiB would silently drop the font from the list sw.ts reads its URL from.
        maximumFileSizeToCacheInBytes: 20 * 1024 * 1024,
      },
    }),
  ],
});
