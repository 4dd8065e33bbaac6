// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { fileURLToPath } from 'node:url';
import { siteConfig } from './engine/link/site.ts';
import { monacoEditorVite } from './playground/editor/vite-plugin.ts';

// monaco-editor >= 0.56 ships an exports map; third-party code (monaco-yaml's worker manager)
// still imports the old deep paths, so map them back onto the real files.
const monacoEsm = fileURLToPath(new URL('./node_modules/monaco-editor/esm/', import.meta.url));

export default defineConfig({
  site: siteConfig.origin,
  base: siteConfig.base,
  srcDir: '.',
  trailingSlash: 'always',
  integrations: [
    starlight({
      title: 'kserve-hpa-lab',
      description: 'Why KServe deleted user HPAs under autoscalerClass: external, release by release.',
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        'zh-cn': { label: '简体中文', lang: 'zh-CN' },
      },
      social: [],
      // Starlight's head plus a per-page social preview image (pages/og/[...slug].png.ts).
      components: { Head: './site/overrides/Head.astro', Header: './site/overrides/Header.astro' },
      sidebar: [
        { label: 'Start', translations: { 'zh-CN': '开始' }, items: [{ autogenerate: { directory: 'guides' } }] },
        { label: 'Playground', translations: { 'zh-CN': '演练场' }, link: '/playground/' },
        { label: 'Gallery', translations: { 'zh-CN': '场景库' }, link: '/gallery/' },
        { label: 'Reference', translations: { 'zh-CN': '参考' }, items: [{ autogenerate: { directory: 'reference' } }] },
      ],
    }),
  ],
  vite: {
    // Monaco's CSS rides in its lazy chunk (no blocking <link>), and dev pre-bundles its modules.
    plugins: [monacoEditorVite()],
    build: { chunkSizeWarningLimit: 4096 },
    resolve: { alias: [{ find: /^monaco-editor\/esm\/(.*)$/, replacement: `${monacoEsm}$1` }] },
    worker: { format: 'es' },
    optimizeDeps: { include: ['monaco-yaml', 'monaco-yaml/yaml.worker.js', 'xstate', 'yaml'] },
  },
});
