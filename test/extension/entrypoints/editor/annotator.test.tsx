import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RedactionSuggestion } from '@/lib/capture/draft';
import { annotationsOf, startingDoc, type EditorDoc } from '@/lib/annotations/document';
import { Annotator } from '@/entrypoints/editor/Annotator';
import { useHistory } from '@/entrypoints/editor/use-history';
import { pngImage } from '../../helpers';
import { mountReactRoot, unmountReactRoot } from '../react-root';

let root: Root;
let container: HTMLElement;
let latest: EditorDoc;

function Harness({ suggestions }: { suggestions: RedactionSuggestion[] }) {
  const history = useHistory(() => startingDoc(suggestions, () => crypto.randomUUID()));
  latest = history.present;
  return (
    <Annotator image={pngImage()} alt="Screenshot of Account 8812" history={history} expectedSize={{ width: 1000, height: 500 }} devicePixelRatio={1} />
  );
}

async function render(suggestions: RedactionSuggestion[] = []) {
  await act(async () => root.render(<Harness suggestions={suggestions} />));
}

const query = <T extends Element>(selector: string): T => {
  const element = container.querySelector<T>(selector);
  if (!element) throw new Error(`no ${selector}`);
  return element;
};
const button = (name: string) => {
  const found = [...container.querySelectorAll('button')].find((element) => (element.getAttribute('aria-label') ?? element.firstChild?.textContent) === name);
  if (!found) throw new Error(`no button ${name}`);
  return found;
};
const caption = () => query('figcaption').textContent ?? '';

async function pointer(type: string, x: number, y: number) {
  await act(async () => {
    query('.annotator svg').dispatchEvent(new PointerEvent(type, { bubbles: true, clientX: x, clientY: y, button: 0, pointerId: 1 }));
  });
}

async function dragOnSurface(from: [number, number], to: [number, number]) {
  await pointer('pointerdown', ...from);
  await pointer('pointermove', (from[0] + to[0]) / 2, (from[1] + to[1]) / 2);
  await pointer('pointermove', ...to);
  await pointer('pointerup', ...to);
}

async function key(init: KeyboardEventInit, target: EventTarget = window) {
  await act(async () => {
    target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, ...init }));
  });
}

beforeEach(() => {
  ({ root, container } = mountReactRoot());
  // happy-dom lays nothing out: the surface is 1000 × 500 CSS pixels at the page's origin.
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, 1000, 500));
  HTMLElement.prototype.setPointerCapture ??= () => undefined;
});

afterEach(async () => {
  await unmountReactRoot({ root, container });
  vi.restoreAllMocks();
});

describe('Annotator', () => {
  it('draws a rectangle with the default tool, and counts it', async () => {
    await render();
    expect(button('Rectangle').getAttribute('aria-pressed')).toBe('true');
    expect(caption()).toContain('No highlights yet.');
    await dragOnSurface([200, 100], [500, 200]);
    expect(caption()).toContain('1 highlight.');
    expect(annotationsOf(latest)).toEqual([{ type: 'rect', x: 0.2, y: 0.2, width: 0.3, height: 0.2, color: '#ff3b30' }]);
  });

  it('switches tools from the keyboard, but not while typing', async () => {
    await render();
    await key({ key: 'a' });
    expect(button('Arrow').getAttribute('aria-pressed')).toBe('true');
    const field = document.createElement('textarea');
    document.body.append(field);
    await key({ key: 'p' }, field);
    expect(button('Pen').getAttribute('aria-pressed')).toBe('false');
    field.remove();
    await dragOnSurface([100, 100], [600, 300]);
    expect(annotationsOf(latest)).toMatchObject([{ type: 'arrow', from: [0.1, 0.2], to: [0.6, 0.6] }]);
  });

  it('undoes and redoes with Ctrl+Z and Ctrl+Shift+Z', async () => {
    await render();
    await dragOnSurface([200, 100], [500, 200]);
    await key({ key: 'z', ctrlKey: true });
    expect(caption()).toContain('No highlights yet.');
    await key({ key: 'Z', ctrlKey: true, shiftKey: true });
    expect(caption()).toContain('1 highlight.');
  });

  it('selects a shape, then deletes it with Delete', async () => {
    await render();
    await dragOnSurface([200, 100], [500, 200]);
    await key({ key: 'v' });
    await pointer('pointerdown', 300, 150);
    await pointer('pointerup', 300, 150);
    expect(container.querySelectorAll('[data-handle]')).toHaveLength(8);
    expect(button('Delete shape').disabled).toBe(false);
    await key({ key: 'Delete' });
    expect(annotationsOf(latest)).toEqual([]);
  });

  it('numbers step markers as they are placed', async () => {
    await render();
    await key({ key: 'n' });
    await pointer('pointerdown', 100, 100);
    await pointer('pointerdown', 200, 100);
    expect(annotationsOf(latest).map((shape) => (shape.type === 'step' ? shape.number : 0))).toEqual([1, 2]);
    expect(query('.annotator svg').textContent).toContain('12');
  });

  it('starts with the suggested redactions, says why, and lets the user remove one', async () => {
    await render([{ x: 0.1, y: 0.1, width: 0.3, height: 0.05, reason: 'password field' }]);
    expect(caption()).toContain('1 area redacted.');
    const list = query('.redactions');
    expect(list.textContent).toContain('Added by Snag: password field');
    await act(async () => button('Remove redaction 1 (Added by Snag: password field)').click());
    expect(annotationsOf(latest)).toEqual([]);
    expect(container.querySelector('.redactions')).toBeNull();
  });

  it('places a text label typed in place, as text', async () => {
    await render();
    await key({ key: 't' });
    await pointer('pointerdown', 100, 100);
    const field = query<HTMLTextAreaElement>('textarea[aria-label="Label text"]');
    await act(async () => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
      setValue?.call(field, '<img src=x onerror=alert(1)>');
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await key({ key: 'Enter' }, field);
    expect(annotationsOf(latest)).toMatchObject([{ type: 'text', text: '<img src=x onerror=alert(1)>' }]);
    expect(query('.annotator svg').querySelector('img')).toBeNull();
  });

  it('lists every shortcut on ?', async () => {
    await render();
    await key({ key: '?', shiftKey: true });
    const legend = query('#shortcut-legend');
    for (const name of ['Select', 'Rectangle', 'Arrow', 'Pen', 'Text', 'Highlighter', 'Step', 'Redact', 'Crop', 'Undo', 'Redo']) {
      expect(legend.textContent).toContain(name);
    }
  });
});
