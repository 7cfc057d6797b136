import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Dialog } from '../Dialog';
import { usePeople } from '../people';
import type { SessionUser } from '../session-types';
import { plural } from '../format';

interface Choice {
  /** null = unassigned. */
  id: string | null;
  label: string;
  hint?: string;
}

interface AssigneePickerProps {
  open: boolean;
  /** How many captures the choice applies to (for the title). */
  count: number;
  me: SessionUser;
  onPick: (assigneeId: string | null) => void;
  onClose: () => void;
}

/**
 * Who should handle it: `m` picks me, `u` nobody, arrows/j/k and Enter pick from the list, and `/`
 * (or any other letter) filters it by name.
 */
export function AssigneePicker({ open, count, me, onPick, onClose }: AssigneePickerProps) {
  return (
    <Dialog open={open} onClose={onClose} title={count === 1 ? 'Assign' : `Assign ${plural(count, 'capture', 'captures')}`}>
      <PickerBody me={me} onPick={onPick} />
    </Dialog>
  );
}

function PickerBody({ me, onPick }: { me: SessionUser; onPick: (assigneeId: string | null) => void }) {
  const people = usePeople();
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const inputId = useId();

  const choices = useMemo<Choice[]>(() => {
    const wanted = filter.trim().toLowerCase();
    const others = (people.list ?? [])
      .filter((person) => person.id !== me.id)
      .map((person) => ({ id: person.id, label: person.name }));
    const all: Choice[] = [
      { id: me.id, label: `Me (${me.name})`, hint: 'm' },
      { id: null, label: 'Unassigned', hint: 'u' },
      ...others,
    ];
    return wanted === '' ? all : all.filter((choice) => choice.label.toLowerCase().includes(wanted));
  }, [people.list, me, filter]);

  useEffect(() => {
    list.current?.focus();
  }, []);
  useEffect(() => setActive(0), [filter]);

  const optionId = (index: number) => `${listId}-option-${index}`;
  const current = choices[Math.min(active, choices.length - 1)];

  function move(delta: number) {
    if (choices.length === 0) return;
    const next = (Math.min(active, choices.length - 1) + delta + choices.length) % choices.length;
    setActive(next);
    document.getElementById(optionId(next))?.scrollIntoView({ block: 'nearest' });
  }

  function onListKeyDown(event: KeyboardEvent<HTMLElement>) {
    const { key } = event;
    if (key === 'ArrowDown' || key === 'j') move(1);
    else if (key === 'ArrowUp' || key === 'k') move(-1);
    else if (key === 'Enter' || key === ' ') {
      if (current) onPick(current.id);
    } else if (key === 'm' && filter === '') onPick(me.id);
    else if (key === 'u' && filter === '') onPick(null);
    else if (key === '/') input.current?.focus();
    else if (key.length === 1 && /\p{L}/u.test(key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      setFilter((text) => text + key);
      input.current?.focus();
    } else return;
    event.preventDefault();
  }

  function onInputKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') move(1);
    else if (event.key === 'ArrowUp') move(-1);
    else if (event.key === 'Enter') {
      if (current) onPick(current.id);
    } else return;
    event.preventDefault();
  }

  return (
    <div className="picker">
      <div className="field">
        <label htmlFor={inputId}>Filter by name</label>
        <input
          ref={input}
          id={inputId}
          type="search"
          value={filter}
          autoComplete="off"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={current ? optionId(choices.indexOf(current)) : undefined}
          onChange={(event) => setFilter(event.currentTarget.value)}
          onKeyDown={onInputKeyDown}
        />
      </div>
      <p className="muted picker-hint">
        <kbd>m</kbd> me · <kbd>u</kbd> unassigned · <kbd>↑</kbd>
        <kbd>↓</kbd> and <kbd>Enter</kbd> to pick · type to filter
      </p>
      <ul
        ref={list}
        id={listId}
        className="picker-list"
        role="listbox"
        aria-label="People"
        tabIndex={0}
        aria-activedescendant={current ? optionId(choices.indexOf(current)) : undefined}
        onKeyDown={onListKeyDown}
      >
        {choices.map((choice, index) => (
          <li
            key={choice.id ?? 'none'}
            id={optionId(index)}
            role="option"
            aria-selected={current === choice}
            className={current === choice ? 'is-active' : undefined}
            onClick={() => onPick(choice.id)}
            onMouseMove={() => setActive(index)}
          >
            <span>{choice.label}</span>
            {choice.hint && <kbd aria-hidden="true">{choice.hint}</kbd>}
          </li>
        ))}
        {choices.length === 0 && (
          <li role="option" aria-selected="false" aria-disabled="true" className="muted">
            Nobody by that name
          </li>
        )}
      </ul>
    </div>
  );
}
