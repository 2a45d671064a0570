import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { resolve } from 'node:path';

// Everything is bundled: government intranets are offline, nothing may come from a CDN.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [vue()],
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
      input: { main: resolve(import.meta.dirname, 'index.html'), explorer: resolve(import.meta.dirname, 'explorer.html') },
    },
  },
  server: { proxy: { '/graphql': 'http://localhost:3000', '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
