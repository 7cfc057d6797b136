import { useRef, useState } from 'react';
import { SessionGate } from './account/session-gate';
import { Shell } from './shell/Shell';

/**
 * The page frame: skip link, header and main landmark, whatever the session. Signed-in pages put
 * their navigation into the header (a portal into `navSlot`); before sign-in the header shows
 * only the name.
 */
export function App() {
  const mainRef = useRef<HTMLElement>(null);
  const [navSlot, setNavSlot] = useState<HTMLElement | null>(null);

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // A plain #main would be taken for a route.
          event.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <a className="brand" href="#/">
            Snag
          </a>
          <div className="app-nav-slot" ref={setNavSlot} />
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <SessionGate>{(session) => <Shell session={session} navSlot={navSlot} />}</SessionGate>
      </main>
    </>
  );
}
