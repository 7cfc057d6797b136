import type { SelectHTMLAttributes } from 'react';

type ChoiceSelectProps<T extends string> = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  choices: readonly T[];
  labels: Readonly<Record<T, string>>;
  value: T;
  onChoose: (choice: T) => void;
};

/** A select over a fixed list of choices; it hands on only values from that list. */
export function ChoiceSelect<T extends string>({ choices, labels, value, onChoose, ...rest }: ChoiceSelectProps<T>) {
  return (
    <select
      {...rest}
      value={value}
      onChange={(event) => {
        const chosen = choices.find((candidate) => candidate === event.currentTarget.value);
        if (chosen) onChoose(chosen);
      }}
    >
      {choices.map((option) => (
        <option key={option} value={option}>
          {labels[option]}
        </option>
      ))}
    </select>
  );
}
