import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'tab',
  plugins: [react()],
  build: {
    outDir: '../dist/tab',
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: { proxy: { '/api': 'http://localhost:3978' } },
});
