import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/**
 * Toasts (visible, for outcomes and failures, with an optional action such as Undo) and the
 * screen-reader announcer (a polite live region saying what just changed).
 */

export interface ToastInput {
  message: string;
  tone?: 'info' | 'error';
  action?: { label: string; run: () => void };
}

interface Toast extends Required<Pick<ToastInput, 'message' | 'tone'>> {
  id: number;
  action?: ToastInput['action'];
}

export interface Notices {
  toast(input: ToastInput): void;
  /** Read out by screen readers; not shown. */
  announce(text: string): void;
}

const NoticesContext = createContext<Notices>({ toast: () => undefined, announce: () => undefined });

export const useNotices = (): Notices => useContext(NoticesContext);

const INFO_MS = 6_000;
const ERROR_MS = 12_000;

export function NoticesProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const nextId = useRef(1);
  const timers = useRef(new Map<number, number>());

  const dismiss = useCallback((id: number) => {
    window.clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const notices = useMemo<Notices>(
    () => ({
      toast({ message, tone = 'info', action }) {
        const id = nextId.current++;
        setToasts((current) => [...current.slice(-3), { id, message, tone, action }]);
        timers.current.set(id, window.setTimeout(() => dismiss(id), tone === 'error' ? ERROR_MS : INFO_MS));
        if (tone === 'info') setAnnouncement(message);
      },
      announce(text) {
        // The same sentence twice in a row must still be read: clear, then set.
        setAnnouncement('');
        window.setTimeout(() => setAnnouncement(text), 30);
      },
    }),
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => window.clearTimeout(timer));
  }, []);

  const errors = toasts.filter((toast) => toast.tone === 'error');
  const infos = toasts.filter((toast) => toast.tone === 'info');

  return (
    <NoticesContext.Provider value={notices}>
      {children}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <div className="toasts">
        <div role="alert">
          {errors.map((toast) => (
            <ToastView key={toast.id} toast={toast} onDismiss={dismiss} />
          ))}
        </div>
        <div>
          {infos.map((toast) => (
            <ToastView key={toast.id} toast={toast} onDismiss={dismiss} />
          ))}
        </div>
      </div>
    </NoticesContext.Provider>
  );
}

function ToastView({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  return (
    <div className={`toast toast-${toast.tone}`}>
      <p>{toast.message}</p>
      {toast.action && (
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() => {
            toast.action?.run();
            onDismiss(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => onDismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}
