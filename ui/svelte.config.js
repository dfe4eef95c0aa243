import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  compilerOptions: {
    // Component styles go to the CSS file, never into inline <style> tags the CSP would block.
    css: 'external',
    runes: true,
  },
};
