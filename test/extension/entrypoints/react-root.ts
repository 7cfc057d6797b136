import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

// The React pages' tests render into a fresh root each; these set it up and take it down.

declare global {
  // React's flag for "updates in this environment are wrapped in act()".
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

export interface ReactRoot {
  root: Root;
  container: HTMLElement;
}

/** A root in a container attached to the document, for one test. */
export function mountReactRoot(): ReactRoot {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  const container = document.createElement('div');
  document.body.append(container);
  return { root: createRoot(container), container };
}

export async function unmountReactRoot({ root, container }: ReactRoot): Promise<void> {
  await act(async () => root.unmount());
  container.remove();
}

/** Let pending promises, timers and the renders they cause run: a page's effects read storage and messages. */
export async function settleReact(rounds = 10): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

/** A fresh root for each test of the calling file: registers the hooks that mount and remove it. */
export function reactRootForEachTest(): Readonly<ReactRoot> {
  let mounted: ReactRoot | undefined;
  beforeEach(() => {
    mounted = mountReactRoot();
  });
  afterEach(async () => {
    if (mounted) await unmountReactRoot(mounted);
    mounted = undefined;
  });
  const current = (): ReactRoot => {
    if (!mounted) throw new Error('The React root exists only while a test runs');
    return mounted;
  };
  return {
    get root() {
      return current().root;
    },
    get container() {
      return current().container;
    },
  };
}
