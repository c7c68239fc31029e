import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the API at /admin/ from the same origin; `npm run dev` proxies the API to a server on :3000.
export default defineConfig({
  base: '/admin/',
  plugins: [react(), tailwindcss()],
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    // Hashed names under assets/: the API caches them for a year.
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: { '/admin/api': 'http://localhost:3000', '/oauth2-token': 'http://localhost:3000' },
  },
});
