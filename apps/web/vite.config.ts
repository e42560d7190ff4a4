import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.API_TARGET ?? 'http://localhost:3000';

export const config = defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      // One rule covers REST and the desk WebSocket (`/api/v1/ws`).
      '/api': { target: apiTarget, changeOrigin: false, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // zod's sources carry esbuild-style purity comments Rollup cannot place; they are harmless noise.
      onwarn: (warning, warn) => {
        if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
      },
    },
  },
});

// Vite loads the config through its default export.
export default config;
