import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Two entry points: the staff workbench at / and the public portal at /portal. The portal must stay
// light (≤ 300 KB gzipped initial JS), so it imports only the antd components it uses.
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  server: { proxy: { '/api': 'http://localhost:3000', '/docs': 'http://localhost:3000' } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: true,
    rolldownOptions: {
      input: { index: here('index.html'), portal: here('portal.html') },
    },
  },
});
