import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

/** Render a page's root component into its `#root` element. */
export function mount(page: ReactNode): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('The page has no #root element');
  createRoot(container).render(<StrictMode>{page}</StrictMode>);
}
