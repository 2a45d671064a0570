import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { resolve } from 'node:path';
import { constants } from 'node:zlib';

// Everything is bundled: government intranets are offline, nothing may come from a CDN.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [
    vue(),
    // Element Plus per component (and its CSS per component), so a page pulls only the parts it draws.
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false, dirs: [] }),
    // Precompressed beside each file (.br, .gz); the server picks one by Accept-Encoding (src/web/web-static.ts).
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      threshold: 1024,
      // The explorer (development only, GraphiQL and its editor: most of the bytes) is left plain: it would double the build time.
      exclude: [
        /\.(png|jpe?g|gif|webp|woff2?|br|gz)$/,
        /(explorer|monaco|editor\.worker|json\.worker|graphql\.worker|babel|estree|standalone|mouseTarget)/,
      ],
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      // GraphiQL's React deps carry "use client" directives, meaningless in a plain bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      // ECharts in a chunk of its own name, loaded by the dashboards only (the first-load test checks that name).
      output: {
        manualChunks: (id: string) => (/[\\/]node_modules[\\/](echarts|zrender)[\\/]/.test(id) ? 'echarts' : undefined),
      },
      input: { main: resolve(import.meta.dirname, 'index.html'), explorer: resolve(import.meta.dirname, 'explorer.html') },
    },
  },
  server: { proxy: { '/graphql': 'http://localhost:3000', '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
