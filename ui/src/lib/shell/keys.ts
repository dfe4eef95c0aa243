// Esc closes the form it is pressed in, as in any desktop dialog.
export function escapeCloses(node: HTMLElement, close: () => void) {
  let current = close;
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      current();
    }
  };
  node.addEventListener('keydown', onKey);
  return {
    update(next: () => void) {
      current = next;
    },
    destroy() {
      node.removeEventListener('keydown', onKey);
    },
  };
}
