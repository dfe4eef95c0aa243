import { mount } from 'svelte';

import './app.css';
import App from './App.svelte';
import { tauriBackend } from './lib/ipc/tauri';

const target = document.getElementById('app');
if (target) {
  mount(App, { target, props: { backend: tauriBackend } });
}
