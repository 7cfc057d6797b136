import { useId } from 'react';

export const PALETTE: ReadonlyArray<{ name: string; color: string }> = [
  { name: 'Red', color: '#ff3b30' },
  { name: 'Orange', color: '#ff9500' },
  { name: 'Yellow', color: '#ffcc00' },
  { name: 'Green', color: '#34c759' },
  { name: 'Blue', color: '#007aff' },
  { name: 'Purple', color: '#af52de' },
  { name: 'Black', color: '#000000' },
  { name: 'White', color: '#ffffff' },
];

/** A few colours one click away, and the browser's picker for any other. */
export function ColorPicker({ color, onColor }: { color: string; onColor: (color: string) => void }) {
  const id = useId();
  const custom = !PALETTE.some((swatch) => swatch.color === color.toLowerCase());
  return (
    <div className="tool-group colors" role="group" aria-label="Colour">
      {PALETTE.map((swatch) => (
        <button
          key={swatch.color}
          type="button"
          className="swatch"
          aria-label={swatch.name}
          title={swatch.name}
          aria-pressed={swatch.color === color.toLowerCase()}
          style={{ backgroundColor: swatch.color }}
          onClick={() => onColor(swatch.color)}
        />
      ))}
      <label className={custom ? 'custom-color chosen' : 'custom-color'} htmlFor={`${id}-custom`}>
        Custom
      </label>
      <input id={`${id}-custom`} type="color" value={color} onChange={(event) => onColor(event.target.value)} />
    </div>
  );
}
