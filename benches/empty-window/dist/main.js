// Two frames after the page is ready, as Seller Desk's first screen reports itself.
requestAnimationFrame(() =>
  requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke('first_paint', { screen: 'empty' })),
);
